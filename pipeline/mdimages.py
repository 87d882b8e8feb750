"""Pictures a Markdown fragment refers to, and the one guard that decides which may be read.

Markdown names a picture inline (``![Peta](gambar/peta.png)``) or by reference
(``![Peta][peta]`` with ``[peta]: gambar/peta.png`` elsewhere; also
``![peta][]`` and ``![peta]``). Every such source passes :func:`guard` before
anything opens it: validation, the conversion's cache key and the Lua reader
that hands pictures to pandoc all use the same verdict. A picture is read only
when it is a regular file inside the project *after* symbolic links are
resolved; URLs are never fetched; ``/proc``, devices and folders are refused.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

URL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
_INLINE = re.compile(r"!\[(?P<alt>(?:[^\]\\]|\\.)*)\]\(\s*(?P<src><[^>]*>|[^)\s]+)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
_REFERENCE = re.compile(r"!\[(?P<alt>(?:[^\]\\]|\\.)*)\](?:\[(?P<label>[^\]]*)\])?(?![(:])")
_DEFINITION = re.compile(r"^ {0,3}\[(?P<label>[^\]]+)\]:\s*(?P<src><[^>]*>|\S+)")
_FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass(frozen=True)
class Picture:
    """One picture reference: as written, the line it is on, and its alternative text."""

    src: str
    line: int  # 0-based line of the body
    alt: str


@dataclass(frozen=True)
class Verdict:
    """What :func:`guard` decided: ``path`` to read, or ``problem`` ('url', 'outside', 'missing', 'not-a-file')."""

    path: Path | None
    problem: str | None = None


@lru_cache(maxsize=256)
def pictures(body: str) -> tuple[Picture, ...]:
    """Every picture the Markdown ``body`` refers to, inline or by reference, outside code fences.

    Remembered by text: validation, the cache key and pandoc's job each ask for the same fragment's."""
    lines = body.splitlines()
    definitions: dict[str, str] = {}
    in_fence = False
    for line in lines:
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and (m := _DEFINITION.match(line)):
            definitions.setdefault(_label(m.group("label")), m.group("src").strip("<>"))
    out: list[Picture] = []
    in_fence = False
    for no, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        inline_spans = []
        for m in _INLINE.finditer(line):
            out.append(Picture(m.group("src").strip("<>"), no, m.group("alt")))
            inline_spans.append(m.span())
        for m in _REFERENCE.finditer(line):
            if any(a <= m.start() < b for a, b in inline_spans):
                continue
            label = _label(m.group("label") or m.group("alt"))
            if label in definitions:
                out.append(Picture(definitions[label], no, m.group("alt")))
    return tuple(out)


def _label(text: str) -> str:
    return " ".join(text.split()).casefold()


def guard(src: str, folder: Path, root: Path) -> Verdict:
    """May the picture ``src``, written in a fragment in ``folder``, be read? (``root``: the project)."""
    if URL.match(src):
        return Verdict(None, "url")
    if src.startswith(("/", "\\")) or "\0" in src:
        return Verdict(None, "outside")
    try:
        target = (folder / src).resolve(strict=False)
    except (OSError, RuntimeError):  # a symlink loop
        return Verdict(None, "outside")
    if not target.is_relative_to(root.resolve()):
        return Verdict(None, "outside")
    try:
        mode = target.stat().st_mode
    except OSError:
        return Verdict(None, "missing")
    if not stat.S_ISREG(mode):
        return Verdict(None, "not-a-file")
    return Verdict(target)


# What the book shows in place of a picture that is not read (pandoc's reader and the conversion write it).
REFUSED_NOTE = "[gambar tidak dimuat: {src}]"

# Text pandoc could read as raw markup if its extensions were on (HTML, TeX, ``{=format}`` or ``{ =format}``).
# They are off; a fragment holding any of these is still walked, and its raw blocks dropped, in case one is not.
RAW_HINTS = re.compile(r"<|\\|\{\s*=")


def must_walk(body: str, accepted: dict[str, Path]) -> bool:
    """Whether pandoc must walk the fragment's document (see ``filters/fragments.lua``): the guard
    refused one of its pictures, which becomes a visible note, or it may hold raw markup."""
    return RAW_HINTS.search(body) is not None or any(p.src not in accepted for p in pictures(body))


def allowed(body: str, folder: Path, root: Path) -> dict[str, Path]:
    """Source as written -> the file to read, for every picture of ``body`` the guard accepts."""
    out = {}
    for pic in pictures(body):
        verdict = guard(pic.src, folder, root)
        if verdict.path is not None:
            out[pic.src] = verdict.path
    return out
