"""Stage 6: put results in place. Every file is written to a temporary name and renamed.

A failed build never gets here, so the last good outputs stay untouched.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path


def write_atomic(dest: Path, data: bytes | str) -> Path:
    """Write ``data`` to ``dest`` through a temporary file in the same folder."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", dir=dest.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return dest


def move_atomic(src: Path, dest: Path) -> Path:
    """Move a finished file (e.g. the PDF) into place without a half-written moment."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.parent / f".{dest.name}.incoming"
    shutil.copyfile(src, tmp)
    os.replace(tmp, dest)
    return dest


def write_json(dest: Path, data) -> Path:
    return write_atomic(dest, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
