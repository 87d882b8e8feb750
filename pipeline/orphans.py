"""Nothing outlives the build: child processes die with it, temporary folders are cleaned.

* pandoc and the forked workers ask the kernel to kill them when their parent
  dies (``PR_SET_PDEATHSIG``), so a ``kill -9`` of ``masterplan`` leaves no
  pandoc running and no helper blocked on a pipe.
* LibreOffice starts its real process (``soffice.bin``) through a launcher,
  out of reach of that signal; a tiny watchdog holds a pipe from us and kills
  LibreOffice's whole process group when the pipe closes, that is, when we end
  in any way.
* Temporary folders live under ``build/tmp/``, named with the pid that made
  them; the next build removes those whose process is gone.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

_PR_SET_PDEATHSIG = 1
_base: Path | None = None


def die_with_parent() -> None:
    """In a child process: be killed when the parent dies (Linux; elsewhere nothing happens)."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() == 1:  # the parent already died between fork and prctl
            os._exit(1)


_WATCHDOG = (
    "import os, signal, sys\n"
    "sys.stdin.buffer.read()\n"  # returns when the builder's end of the pipe closes
    "try:\n    os.killpg(int(sys.argv[1]), signal.SIGKILL)\nexcept OSError:\n    pass\n"
)


def watch_group(pgid: int) -> subprocess.Popen:
    """Start a watchdog that kills process group ``pgid`` when this process ends; :func:`disarm` it after.

    Forked children inherit our end of its pipe, so the watchdog fires only
    once they are gone too (they die with us, see :func:`die_with_parent`).
    """
    return subprocess.Popen([sys.executable, "-S", "-c", _WATCHDOG, str(pgid)], stdin=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def run_group(args: list[str], *, timeout: float, env: dict | None = None) -> tuple[int, str, str]:
    """Run ``args`` in a process group of its own that dies with us; (exit code, stdout, stderr).

    Past ``timeout`` seconds the whole group is killed and ``subprocess.TimeoutExpired`` raised:
    engines such as LibreOffice and the redline program start helpers of their own.
    """
    proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True, env=env)
    watchdog = watch_group(proc.pid)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise
    finally:
        disarm(watchdog)
    return proc.returncode, out or "", err or ""


def disarm(watchdog: subprocess.Popen) -> None:
    """Stop a watchdog without letting it fire (the group it watches has been ended by us)."""
    with contextlib.suppress(ProcessLookupError):
        watchdog.kill()
    watchdog.wait()
    if watchdog.stdin is not None:
        watchdog.stdin.close()


def use_tmp(folder: Path) -> None:
    """Put this process's temporary folders under ``folder`` (``build/tmp``); remove stale ones."""
    global _base
    folder.mkdir(parents=True, exist_ok=True)
    _base = folder
    for old in folder.iterdir():
        pid = old.name.split("-")[2] if old.name.count("-") >= 3 else ""
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(old, ignore_errors=True)


def mkdtemp(kind: str) -> Path:
    """A new temporary folder ``mp-<kind>-<pid>-…``, under ``build/tmp`` once :func:`use_tmp` ran."""
    return Path(tempfile.mkdtemp(prefix=f"mp-{kind}-{os.getpid()}-", dir=_base))


@contextlib.contextmanager
def tmpdir(kind: str):
    """:func:`mkdtemp` for the duration of a block."""
    path = mkdtemp(kind)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
