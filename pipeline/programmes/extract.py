"""Read programme rows out of fragments (Markdown pipe tables and Word tables).

Each row keeps where it came from (file, table, row, and line for Markdown),
so that validation can point at the cell and the dataset can be traced back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from pipeline.discover import split_front_matter
from pipeline.docx.inspect import fragment_document, fragment_facts
from pipeline.docx.ns import qn, text_of
from pipeline.model import Fragment, Location
from pipeline.programmes.columns import Layout, recognise

_CAPTION = re.compile(r"^\s*(?:Table|Tabel)?:\s*(.+?)\s*(?:\{[^}]*\})?\s*$")


@dataclass
class RawTable:
    """A table as text cells, with the caption and each row's location."""

    caption: str
    header: list[str]
    rows: list[list[str]]
    locations: list[Location]
    number: int
    layout: Layout | None = None
    cell_locations: list[Location] | None = None  # profiles: where each field's value sits

    @property
    def quick_win(self) -> bool:
        return "quick win" in self.caption.lower() or "quickwin" in self.caption.lower()


@dataclass
class SourceTables:
    fragment: Fragment
    tables: list[RawTable] = field(default_factory=list)
    text_lines: list[tuple[str, Location]] = field(default_factory=list)  # narrative text, for consistency


def read_tables(frag: Fragment) -> SourceTables:
    """All tables (recognised or not) and the narrative text of a fragment."""
    out = _markdown(frag.path) if frag.kind == "md" else _word(frag)
    out.fragment = frag
    for t in out.tables:
        recognise_table(t)
    return out


def recognise_table(t: RawTable) -> RawTable:
    """Set ``t.layout``: a programme table by its header, or a quick-win profile (then transposed)."""
    t.layout = recognise(t.header)
    if t.layout is None and _is_profile(t):
        _transpose(t)
    return t


def _is_profile(t: RawTable) -> bool:
    return len(t.header) == 2 and len(t.rows) >= 4 and all(len(r) >= 2 for r in t.rows)


def _transpose(t: RawTable) -> None:
    """A quick-win profile ("Komponen | Uraian", one field per row) read as a one-row table."""
    keys = [r[0] for r in t.rows]
    layout = recognise(keys)
    if layout is None:
        return
    t.cell_locations = [replace(loc, column=2) for loc in t.locations]
    t.header, t.rows, t.layout = keys, [[r[1] for r in t.rows]], layout
    t.locations = [replace(t.locations[0], row=None)]


def _split_row(line: str) -> list[str]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    return [c.replace("\\|", "|").strip() for c in re.split(r"(?<!\\)\|", line)]


def _markdown(path: Path) -> SourceTables:
    _, body, first = split_front_matter(path.read_text(encoding="utf-8"))
    lines = body.splitlines()
    out = SourceTables(fragment=None)  # type: ignore[arg-type]
    i = 0
    number = 0
    while i < len(lines):
        line = lines[i]
        if line.lstrip().startswith("|") and i + 1 < len(lines) and re.match(r"^\s*\|?\s*:?-{2,}", lines[i + 1]):
            number += 1
            header = _split_row(line)
            start = i
            i += 2
            rows, locs = [], []
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                rows.append(_split_row(lines[i]))
                locs.append(Location(line=first + i, table=number, row=len(rows)))
                i += 1
            caption = _nearby_caption(lines, start, i)
            out.tables.append(RawTable(caption, header, rows, locs, number))
            continue
        if line.strip() and not line.lstrip().startswith(("#", "Table:", ":")):
            out.text_lines.append((line, Location(line=first + i)))
        i += 1
    return out


def _nearby_caption(lines: list[str], start: int, end: int) -> str:
    for j in [k for k in range(start - 1, max(start - 3, -1), -1)] + list(range(end, min(end + 2, len(lines)))):
        m = _CAPTION.match(lines[j]) if lines[j].strip() else None
        if m:
            return m.group(1)
    return ""


def _word(frag: Fragment) -> SourceTables:
    document = fragment_document(frag)
    facts = fragment_facts(frag)
    out = SourceTables(fragment=None)  # type: ignore[arg-type]
    captions = _word_captions(document)
    for n, (loc, rows) in enumerate(facts.tables, start=1):
        if not rows:
            continue
        locs = [Location(paragraph=loc.paragraph, heading=loc.heading, table=loc.table, row=r)
                for r in range(1, len(rows))]
        out.tables.append(RawTable(captions.get(n, ""), rows[0], rows[1:], locs, n))
    for b in facts.blocks:
        if b.level == 0 and b.location.table is None and b.text:
            out.text_lines.append((b.text, b.location))
    return out


def _word_captions(document) -> dict[int, str]:
    """Table number -> the caption paragraph right before or after it."""
    out: dict[int, str] = {}
    children = list(document.element.body)
    n = 0
    for i, el in enumerate(children):
        if el.tag != qn("w:tbl"):
            continue
        n += 1
        for j in (i - 1, i + 1):
            if 0 <= j < len(children) and children[j].tag == qn("w:p"):
                text = text_of(children[j]).strip()
                if re.match(r"^(Tabel|Table)\b", text, re.I):
                    out[n] = re.sub(r"^(Tabel|Table)\s+[\d.]+\s*", "", text)
                    break
    return out
