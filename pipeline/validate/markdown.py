"""Markdown rules: encoding, raw blocks, images (paths stay inside, URLs never fetched), captions."""

from __future__ import annotations

import re

from pipeline.captions import markdown_caption
from pipeline.config import LoadedConfig
from pipeline import mdimages
from pipeline.budget import Counts, check_budget
from pipeline.discover import split_front_matter
from pipeline.model import Diagnostic, Fragment, Location
from pipeline.rules import diag
from pipeline.validate.images import check_image_file
from pipeline.convert import front_of
from pipeline.validate.structure import Block, check_structure, fold_blocks, markdown_front

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*(?:\{[^}]*\})?\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")
TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
RAW = [(re.compile(r"^\s*(```|~~~)\s*\{\s*=\s*(\w+)"), None),
       (re.compile(r"^\s*<(div|table|script|style|iframe|object|html|body|img)\b", re.I), "HTML"),
       (re.compile(r"^\s*\\(begin|documentclass|input|include)\b"), "LaTeX")]


def check_markdown(frag: Fragment, cfg: LoadedConfig) -> list[Diagnostic]:
    """All content checks on a Markdown fragment."""
    text = frag.path.read_bytes().decode("utf-8")
    _, body, first = split_front_matter(text)
    out: list[Diagnostic] = []
    blocks: list[Block] = []
    in_fence = False
    lines = body.splitlines()
    pics = mdimages.pictures(body)
    for pic in pics:
        out += _check_image(frag, cfg, pic.src, pic.alt, Location(line=first + pic.line))
    table_lines = [ln for ln in lines if ln.lstrip().startswith("|")]
    tables = sum(1 for ln in table_lines if TABLE_SEPARATOR.match(ln))
    out += check_budget(frag, cfg.config, Counts(len(body.split()), len(table_lines) - 2 * tables,
                                                 tables + len(pics), len(pics)))
    for i, line in enumerate(lines):
        no = first + i
        loc = Location(line=no)
        for pattern, kind in RAW:
            m = pattern.match(line)
            if m:
                out.append(diag("MP-E610", frag.rel, loc, kind=kind or m.group(2)))
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            blocks.append(Block(0, line, loc))
            continue
        h = HEADING.match(line)
        if h:
            blocks.append(Block(len(h.group(1)), h.group(2), loc))
            continue
        blocks.append(Block(0, line, loc))
        if line.lstrip().startswith("|") and (i == 0 or not lines[i - 1].lstrip().startswith("|")):
            if not _has_table_caption(lines, i):
                out.append(diag("MP-W206", frag.rel, loc, kind="Tabel"))
    folded, promote = markdown_front(blocks, front_of(cfg, frag)[0])
    if folded is not None:
        out.append(diag("MP-W210", frag.rel, blocks[folded].location, heading=blocks[folded].text))
        blocks = fold_blocks(blocks, {folded}, promote)
    return out + check_structure(frag, cfg, blocks)


def _has_table_caption(lines: list[str], start: int) -> bool:
    """A table caption ('Table: ...', ': ...', 'Tabel 3 ...') right before or after the table."""
    def is_caption(s: str) -> bool:
        return markdown_caption(s) is not None
    before = next((lines[j] for j in range(start - 1, -1, -1) if lines[j].strip()), "")
    end = start
    while end < len(lines) and lines[end].lstrip().startswith("|"):
        end += 1
    after = next((lines[j] for j in range(end, len(lines)) if lines[j].strip()), "")
    return is_caption(before) or is_caption(after)


def _check_image(frag: Fragment, cfg: LoadedConfig, src: str, alt: str, loc: Location) -> list[Diagnostic]:
    verdict = mdimages.guard(src, frag.path.parent, cfg.root)
    if verdict.problem == "url":
        return [diag("MP-W609", frag.rel, loc, target=src)]
    if verdict.problem in ("outside", "not-a-file"):
        return [diag("MP-E608", frag.rel, loc, target=src)]
    if verdict.problem == "missing":
        return [diag("MP-E502", frag.rel, loc, target=src)]
    out = check_image_file(frag.rel, verdict.path, src, loc)
    if not alt.strip():
        out.append(diag("MP-W206", frag.rel, loc, kind="Gambar"))
    return out
