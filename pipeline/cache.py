"""Content-hash caches under ``build/cache/``: nothing is ever served for inputs that changed.

Every key includes the pipeline's own code (a digest of its source files), so
an upgrade or a local patch invalidates everything.
Entries are written to a temporary name and renamed, so a crash never leaves
half an entry behind.

Entries are pickles, and unpickling runs code; ``build/`` is a working folder
others may write to (the web desk's, a shared drive's). So every entry is
signed with an HMAC whose key lives outside ``build/`` (in the user's config
folder), and an entry whose signature does not match is never unpickled: it is
dropped and rebuilt.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import secrets
import tempfile
from pathlib import Path

from functools import lru_cache

from pipeline import __version__


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of the pipeline's source (Python and Lua): results depend on the code, not just the inputs."""
    h = hashlib.sha256(__version__.encode())
    package = Path(__file__).parent
    for p in sorted(package.rglob("*")):
        if p.suffix in (".py", ".lua") and p.is_file():
            h.update(str(p.relative_to(package)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def key(*parts: str | bytes) -> str:
    """A cache key over ``parts`` and the pipeline's code."""
    h = hashlib.sha256(code_digest().encode())
    for part in parts:
        h.update(b"\0")
        h.update(part if isinstance(part, bytes) else part.encode("utf-8"))
    return h.hexdigest()[:40]


KEY_FILE = Path(os.environ.get("MASTERPLAN_CACHE_KEY") or
                Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "masterplan" / "cache.key")
_SIG = hashlib.sha256().digest_size


@lru_cache(maxsize=1)
def signing_key() -> bytes:
    """The key that signs cache entries, made once per user (0600), outside any project."""
    try:
        return KEY_FILE.read_bytes()
    except OSError:
        pass
    key = secrets.token_bytes(32)
    try:
        KEY_FILE.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(KEY_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(key)
    except FileExistsError:
        return KEY_FILE.read_bytes()  # another process made it first
    except OSError:
        pass  # no writable home: this process's entries are only valid for itself
    return key


def _sign(name: str, data: bytes) -> bytes:
    """The signature of an entry, over its name too: an entry copied under another name is not valid."""
    return hmac.new(signing_key(), name.encode("utf-8") + b"\0" + data, hashlib.sha256).digest()


def touch(path: Path) -> bool:
    """Mark a cache file as used by this build (see :func:`prune`); False when it is not there."""
    try:
        os.utime(path)
        return True
    except OSError:
        return False


def prune(folder: Path, started_ns: int, keep: tuple[str, ...] = ()) -> int:
    """Remove every file under ``folder`` that the build started at ``started_ns`` did not use; return how many.

    Entries are touched when loaded or stored, so what a good build did not touch
    belongs to old code, old fragments or old batches. ``keep`` names files and
    folders kept regardless (the stamp, remembered verdicts, the unpacked redline engine).
    """
    removed = 0
    for path in sorted(folder.rglob("*"), reverse=True) if folder.is_dir() else []:
        if any(part in keep for part in path.relative_to(folder).parts):
            continue
        try:
            if path.is_file() and path.stat().st_mtime_ns < started_ns:
                path.unlink()
                removed += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
        except OSError:
            pass
    return removed


def load(folder: Path | None, name: str):
    """The cached object, or None (also when the entry was not signed with our key)."""
    if folder is None:
        return None
    path = folder / f"{name}.pkl"
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    sig, data = raw[:_SIG], raw[_SIG:]
    if len(raw) <= _SIG or not hmac.compare_digest(sig, _sign(name, data)):
        path.unlink(missing_ok=True)  # tampered with, or written by another key: rebuilt
        return None
    touch(path)
    try:
        return pickle.loads(data)  # noqa: S301 - signed by us (see the module docstring)
    except (EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        return None


def store(folder: Path | None, name: str, value) -> None:
    """Keep ``value`` under ``name``, signed."""
    if folder is None:
        return
    folder.mkdir(parents=True, exist_ok=True)
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
    with os.fdopen(fd, "wb") as fh:
        fh.write(_sign(name, data) + data)
    os.replace(tmp, folder / f"{name}.pkl")
