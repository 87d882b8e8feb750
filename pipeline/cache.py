"""Content-hash caches under ``build/cache/``: nothing is ever served for inputs that changed.

Every key includes the pipeline's own code (a digest of its source files), so
an upgrade or a local patch invalidates everything.
Entries are written to a temporary name and renamed, so a crash never leaves
half an entry behind.
"""

from __future__ import annotations

import hashlib
import os
import pickle
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


def load(folder: Path | None, name: str):
    """The cached object, or None."""
    if folder is None:
        return None
    path = folder / f"{name}.pkl"
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)  # noqa: S301 - our own cache, written below
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        return None


def store(folder: Path | None, name: str, value) -> None:
    if folder is None:
        return
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
    with os.fdopen(fd, "wb") as fh:
        pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, folder / f"{name}.pkl")
