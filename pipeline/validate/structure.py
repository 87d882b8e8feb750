"""Structure rules shared by Markdown and Word fragments: headings and placeholders.

Both readers reduce a fragment to a list of :class:`Block` items (heading or
content, with a location), and these rules run on that list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.config import LoadedConfig
from pipeline.docx.front import TYPED_NUMBER, restates
from pipeline.model import Diagnostic, Fragment, Location
from pipeline.rules import diag

TEMPLATE_CODE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")
PLACEHOLDER = re.compile(r"\[\s*isi[^\]]*\]|lorem ipsum|\bx{3,}\b|\bTBD\b|\[\s*\.\.\.\s*\]|<\s*isi[^>]*>",
                         re.I)


@dataclass
class Block:
    """A heading (level >= 1) or a piece of content (level 0) of a fragment."""

    level: int
    text: str
    location: Location


def fold_blocks(blocks: list[Block], dropped: set[int], promote_below: int | None = None) -> list[Block]:
    """The blocks as the book will have them: without the cover and restated title at the top.

    ``dropped`` holds the indexes of the blocks folded away; with
    ``promote_below``, the headings deeper than that level move up one.
    """
    kept = [b for i, b in enumerate(blocks) if i not in dropped]
    if promote_below is None:
        return kept
    return [Block(b.level - 1, b.text, b.location) if b.level > promote_below else b for b in kept]


def markdown_front(blocks: list[Block], title: str) -> tuple[int | None, int | None]:
    """(index of a first heading that restates the section title, level whose children move up).

    The same rule as :func:`pipeline.docx.front.front_block` applies to the
    converted file: empty lines do not count, any other content ends the search.
    """
    first = next((i for i, b in enumerate(blocks) if b.text.strip()), None)
    if first is None or not blocks[first].level or not restates(blocks[first].text, title):
        return None, None
    level = blocks[first].level
    rest = [b.level for b in blocks[first + 1:] if b.level]
    return first, (level if rest and all(x > level for x in rest) else None)


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", TYPED_NUMBER.sub("", s)).strip().casefold()


def check_structure(frag: Fragment, cfg: LoadedConfig, blocks: list[Block]) -> list[Diagnostic]:
    """Required headings, level jumps, empty sections, typed numbers, leftover placeholders."""
    out: list[Diagnostic] = []
    if not any(b.text.strip() for b in blocks):
        return [diag("MP-E207", frag.rel, Location(line=frag.body_line) if frag.kind == "md" else Location())]
    headings = [b for b in blocks if b.level]
    previous = 0
    for i, b in enumerate(blocks):
        if b.level:
            if previous and b.level > previous + 1:
                out.append(diag("MP-W203", frag.rel, b.location, previous=previous, level=b.level, heading=b.text))
            previous = b.level
            m = TYPED_NUMBER.match(b.text)
            if m:
                out.append(diag("MP-W205", frag.rel, b.location, heading=b.text, number=m.group(0).strip()))
            nxt = next((x for x in blocks[i + 1:] if x.level or x.text.strip()), None)
            if nxt is None or (nxt.level and nxt.level <= b.level):
                out.append(diag("MP-W204", frag.rel, b.location, heading=b.text))
        else:
            m = PLACEHOLDER.search(b.text)
            if m:
                out.append(diag("MP-W403", frag.rel, b.location, text=m.group(0)))
            m = TEMPLATE_CODE.search(b.text)
            if m and not m.group(0).startswith("{#"):
                out.append(diag("MP-W405", frag.rel, b.location, text=m.group(0)[:40]))
    found = cfg.config.section(frag.section) if frag.section else None
    if found:
        required = found[1].required_headings
        top = min((h.level for h in headings), default=1)
        present = [_norm(h.text) for h in headings if h.level == top]
        expected = ", ".join(required)
        positions = []
        for req in required:
            if _norm(req) not in present:
                out.append(diag("MP-E201", frag.rel, Location(line=frag.body_line) if frag.kind == "md"
                                else Location(paragraph=1), heading=req, expected=expected))
            else:
                positions.append((present.index(_norm(req)), req))
        for (a, _), (b, req) in zip(positions, positions[1:]):
            if b < a:
                h = next(x for x in headings if _norm(x.text) == _norm(req))
                out.append(diag("MP-W202", frag.rel, h.location, heading=req, expected=expected))
    return out
