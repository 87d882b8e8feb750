"""The redline engine: python-redlines with its Docxodus engine. The only module that runs it.

Docxodus is a self-contained .NET program shipped inside a 45 MB wheel
(``python-redlines[docxodus]==2.0.0``, the ``redline`` extra installed by
``make``). On first use it is unpacked (about 108 MB) under
``build/cache/engines/``: into a temporary folder first and renamed into place,
so a build stopped halfway never leaves half an engine behind, and two builds
never unpack into the same folder at once. It runs offline and needs libicu.

The program is run here rather than through ``run_redline``, which has no time
limit: like LibreOffice, it runs in its own process group with a time limit,
and a watchdog ends it if the build dies.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from pipeline import orphans
from pipeline.errors import EngineError

AUTHOR = "Tim Pelaksana Smart City"
REQUIREMENT = "python-redlines[docxodus]==2.0.0"
INSTALL_LINE = ".venv/bin/python -m pip install -e '.[redline]'   (atau: make setup)"
ENGINES_DIR = "engines"  # under build/cache/: kept by the cache's pruning (see pipeline.cache.prune)
TIMEOUT = 600


class EngineMissing(EngineError):
    """python-redlines or its Docxodus engine is not installed (or has no binary for this machine)."""


def version() -> str | None:
    """The installed engine package's version, or None when it is not installed."""
    from importlib import metadata

    try:
        return metadata.version("python-redlines-docxodus")
    except metadata.PackageNotFoundError:
        return None


def engine(cache_dir: Path):
    """The Docxodus engine, unpacked once under ``cache_dir/engines/``; raise EngineMissing without it."""
    try:
        from python_redlines import DocxodusEngine, EngineNotInstalledError
    except ImportError as exc:
        raise EngineMissing(f"python-redlines is not installed ({exc})") from None
    home = cache_dir / ENGINES_DIR / f"docxodus-{version()}"
    try:
        if not home.is_dir():
            _unpack(DocxodusEngine, home)
        return DocxodusEngine(target_path=str(home))
    except EngineNotInstalledError as exc:
        raise EngineMissing(str(exc)) from None
    except (EnvironmentError, ValueError) as exc:  # no build for this machine, a broken archive
        raise EngineMissing(f"{type(exc).__name__}: {exc}") from None


def _unpack(engine_class, home: Path) -> None:
    home.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(orphans.mkdtemp("redline-engine"))
    try:
        engine_class(target_path=str(tmp))  # unpacks into tmp
        try:
            os.rename(tmp, home)
        except OSError:
            if not home.is_dir():  # not another build having put it there first
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def compare(old: Path, new: Path, dest: Path, *, cache_dir: Path, author: str = AUTHOR) -> str:
    """Write to ``dest`` the redline of ``old`` against ``new`` (tracked changes by ``author``); return its log.

    Raise EngineMissing when the engine is not installed and EngineError when it
    fails or runs past :data:`TIMEOUT`.
    """
    eng = engine(cache_dir)
    # The command as the engine's own wrapper builds it (pinned version); run here with a time limit.
    command = eng._build_command(author, str(old), str(new), str(dest))  # noqa: SLF001
    try:
        code, out, err = orphans.run_group(command, timeout=TIMEOUT,
                                           env={**os.environ, "DOTNET_CLI_TELEMETRY_OPTOUT": "1"})
    except subprocess.TimeoutExpired:
        raise EngineError(f"the redline engine took longer than {TIMEOUT} s") from None
    if code != 0 or not dest.is_file() or dest.stat().st_size == 0:
        detail = (err or out).strip()[-400:]
        raise EngineError(f"the redline engine failed (exit {code}): {detail or 'no output'}")
    return out
