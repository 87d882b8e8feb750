"""Read programme rows out of fragments (Markdown pipe tables and Word tables).

Each row keeps where it came from (file, table, row, and line for Markdown),
so that validation can point at the cell and the dataset can be traced back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from pipeline.captions import is_quick_win, markdown_caption
from pipeline.discover import split_front_matter
from pipeline.docx.inspect import fragment_facts
from pipeline.model import Fragment, Location
from pipeline.programmes.columns import ABOVE, LEFT, Layout, is_numbering_row, recognise, same_row, split_header


@dataclass
class RawTable:
    """A table as text cells: its header labels, its data rows, the caption and each row's location."""

    caption: str
    header: list[str]
    rows: list[list[str]]
    locations: list[Location]
    number: int
    layout: Layout | None = None
    cell_locations: list[Location] | None = None  # profiles: where each field's value sits
    groups: list[str] = field(default_factory=list)  # per data row: the group row above it ("Elemen Pelayanan")

    @property
    def quick_win(self) -> bool:
        return is_quick_win(self.caption)

    @property
    def profile(self) -> bool:
        """A "Komponen | Uraian" profile, read as one record."""
        return self.cell_locations is not None


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
        recognise_profile(t)
    return out


def recognise_profile(t: RawTable) -> RawTable:
    """``t`` read as one quick-win record when no header was recognised and it is a two-column profile."""
    if t.layout is None and _is_profile(t):
        _transpose(t)
    return t


def shape_table(caption: str, grid: list[list[str]], merged: list[list[str]] | None, number: int,
                locate: Callable[[int, int], Location]) -> RawTable:
    """A :class:`RawTable` from all of a table's rows: the header (one or more rows) split off, rows
    that repeat the header or number the columns dropped, cells merged down filled in, and group
    rows ("Elemen Pelayanan" across the table) kept as the group of the rows under them.

    ``locate(grid_row, row)`` gives a row's location: its index in the table (from 0), and its number
    under the header (from 1, group and repeated rows counted, as a reader counts them).
    """
    width = max((len(r) for r in grid), default=0)
    grid = [list(r) + [""] * (width - len(r)) for r in grid]
    merged = [list(m) + [""] * (width - len(m)) for m in merged] if merged else [[""] * width for _ in grid]
    labels, used = split_header(grid, merged)
    layout = recognise(labels)
    table = RawTable(caption, labels, [], [], number, layout)
    head = grid[:used]
    group, previous = "", None
    for r in range(used, len(grid)):
        row, marks = grid[r], merged[r]
        if any(same_row(row, h) for h in head) or is_numbering_row(row):
            continue
        if previous is not None:
            row = [previous[c] if marks[c] == ABOVE and not row[c].strip() else row[c] for c in range(width)]
        label = _group_label(row, marks, layout)
        if label:
            group = label
            continue
        table.rows.append(row)
        table.locations.append(locate(r, r - used + 1))  # rows counted as seen below the header
        table.groups.append(group)
        previous = row
    return table


def _group_label(row: list[str], marks: list[str], layout: Layout | None) -> str:
    """The text of a row that names a group of programmes instead of being one, else ''."""
    own = [c for c, t in enumerate(row) if t.strip()]
    if layout is None or len(own) != 1 or len(row) < 4:
        return ""
    c = own[0]
    span = 1
    while c + span < len(row) and marks[c + span] == LEFT:
        span += 1
    text = row[c].strip()
    if span * 2 > len(row) or (not any(marks) and c != layout.columns.get("name") and not text.isdigit()
                               and c <= 1):
        return text
    return ""


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
    t.groups = [""]


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
            start = i
            grid, line_of = [_split_row(line)], [first + i]
            i += 2
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                grid.append(_split_row(lines[i]))
                line_of.append(first + i)
                i += 1
            caption = _nearby_caption(lines, start, i)
            out.tables.append(shape_table(caption, grid, None, number,
                                          lambda r, n, no=number, at=line_of: Location(line=at[r], table=no, row=n)))
            continue
        if line.strip() and not line.lstrip().startswith("#") and markdown_caption(line) is None:
            out.text_lines.append((line, Location(line=first + i)))
        i += 1
    return out


def _nearby_caption(lines: list[str], start: int, end: int) -> str:
    for j in [k for k in range(start - 1, max(start - 3, -1), -1)] + list(range(end, min(end + 2, len(lines)))):
        found = markdown_caption(lines[j]) if lines[j].strip() else None
        if found:
            return found
    return ""


def _word(frag: Fragment) -> SourceTables:
    facts = fragment_facts(frag)
    out = SourceTables(fragment=None)  # type: ignore[arg-type]
    for n, (loc, grid, caption) in enumerate(facts.tables, start=1):
        if not grid.rows:
            continue
        out.tables.append(shape_table(caption, grid.rows, grid.merged, n,
                                      lambda r, row, at=loc: Location(paragraph=at.paragraph, heading=at.heading,
                                                                      table=at.table, row=row)))
    for b in facts.blocks:
        if b.level == 0 and b.location.table is None and b.text:
            out.text_lines.append((b.text, b.location))
    return out
