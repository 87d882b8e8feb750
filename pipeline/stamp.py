"""Has anything a build reads changed since the last good build?

An unchanged rebuild should cost about as much as starting the command. So
this module imports nothing heavy, and the CLI asks it before loading the
configuration or the build machinery: the stamp of the last good build names
the files and folders that build read (the config, the templates, the chapter
folder) with one digest over their bytes, the pipeline's own code and the
build options. If the digest still matches and the outputs are still there,
the CLI repeats what it said last time and stops.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path

from pipeline.cache import code_digest

STAMP = "last-build.json"


def options_key(*, pdf: bool, final: bool, strict: bool, lang: str, today: dt.date, soffice: bool) -> str:
    """The build options that change the output, as one string."""
    return repr((pdf, final, strict, lang, today.isoformat(), soffice))


def inputs_digest(roots: list[Path], options: str) -> str:
    """One hash over every file (path and bytes) of ``roots``, the pipeline's code and ``options``.

    A root is a file, or a folder standing for every file below it. A root that
    is missing counts as such (an emblem deleted is a change too).
    """
    h = hashlib.sha256((code_digest() + options).encode())
    for root in roots:
        files = [root] if not root.is_dir() else sorted(p for p in root.rglob("*") if p.is_file())
        for p in files:
            h.update(str(p).encode() + b"\0")
            h.update(hashlib.sha256(p.read_bytes()).digest() if p.is_file() else b"missing")
    return h.hexdigest()


def save(out_dir: Path, *, inputs: str, roots: list[Path], outputs: list[Path], lines: list[str]) -> None:
    """Record a good build: what it read, what it wrote and what the CLI said."""
    folder = out_dir / "cache"
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{STAMP}.tmp"
    tmp.write_text(json.dumps({"inputs": inputs, "roots": [str(r) for r in roots],
                               "outputs": [str(o) for o in outputs], "lines": lines}, ensure_ascii=False),
                   encoding="utf-8")
    os.replace(tmp, folder / STAMP)


def unchanged(out_dir: Path, options: str) -> list[str] | None:
    """What the CLI said after the last good build, if nothing it read has changed since; else None."""
    try:
        last = json.loads((out_dir / "cache" / STAMP).read_text(encoding="utf-8"))
        roots = [Path(r) for r in last["roots"]]
        if not all(Path(o).is_file() for o in last["outputs"]):
            return None
        return last["lines"] if inputs_digest(roots, options) == last["inputs"] else None
    except (OSError, ValueError, KeyError, TypeError):
        return None
