"""Amounts in house form: which cells of a programme or quick-win table hold rupiah, and how they print.

A table is read exactly as extraction reads it (:func:`shape_table`, then
:func:`recognise_profile`: header rows, merged cells, quick-win profiles), and
each amount with the parser validation uses, the column header's unit
included. An amount that parses without doubt prints in the house form
(``Rp1.500.000.000,00``); an ambiguous one (MP-W309) prints as typed.
"""

from __future__ import annotations

import re

from pipeline.model import Location
from pipeline.programmes.columns import FIELDS, LEFT, MAX_HEADER_ROWS, recognise, split_header
from pipeline.programmes.extract import RawTable, recognise_profile, shape_table
from pipeline.programmes.parse import header_multiplier, parse_amount
from pipeline.programmes.summary import rupiah

_AMOUNT_LABELS = tuple(sorted({"".join(v.split()) for v in FIELDS["amount"]}))
# The unit words header_multiplier reads; dropped from a header once its cells are whole rupiah.
_UNIT = re.compile(r"\s*\b(?:triliun|miliar|milyar|juta|jt|ribu)\b\.?", re.I)


def may_hold_amounts(text: str) -> bool:
    """False for a table whose text (all of it, run after run) names no amount column anywhere: it
    cannot hold amounts, and need not be read cell by cell. Spaces are ignored, so nothing is missed."""
    squeezed = "".join(text.split()).lower()
    return any(label in squeezed for label in _AMOUNT_LABELS)


HEAD_ROWS = MAX_HEADER_ROWS + 2  # a title row, the header rows and a row numbering the columns: all a header takes


def may_be_programme_table(head: list[list[str]], merged: list[list[str]] | None = None) -> bool:
    """False when a table, by its first :data:`HEAD_ROWS` rows, is no programme table and no quick-win
    profile, so that :func:`house_amounts` would leave it as it is: its header names no programme layout
    (the header is all :func:`programme_table` reads of it) and it is wider than a two-column profile."""
    width = max((len(r) for r in head), default=0)
    return width <= 2 or recognise(split_header(head, merged)[0]) is not None


def programme_table(grid: list[list[str]], merged: list[list[str]] | None = None) -> RawTable | None:
    """The table read as extraction reads it, when it is a programme table or a quick-win profile.

    ``grid`` holds the texts per row and grid column, ``merged`` the merge marks
    (:func:`pipeline.docx.grid.read_grid`); every location's ``row`` is a row index of ``grid``.
    """
    if len(grid) < 2:
        return None
    t = recognise_profile(shape_table("", grid, merged, 0, lambda r, _: Location(row=r)))
    return t if t.layout is not None else None


def is_programme_table(grid: list[list[str]], merged: list[list[str]] | None = None) -> bool:
    """:func:`programme_table` found one (a module-level function, so that it can go to another process)."""
    return programme_table(grid, merged) is not None


def house_amounts(grid: list[list[str]], merged: list[list[str]] | None = None,
                  space: bool = False) -> dict[tuple[int, int], str]:
    """(row, grid column) -> new text, for the cells of a programme or quick-win table to print in house form.

    A header that names a unit ("Indikasi Anggaran (Rp juta)") loses it once its
    amounts are whole rupiah; an ambiguous amount under it keeps its meaning
    with the unit written out.
    """
    t = programme_table(grid, merged)
    if t is None or not t.layout.has("amount"):
        return {}
    marks = merged or [[""] * len(r) for r in grid]
    col = t.layout.columns["amount"]
    label = t.header[col]
    if t.profile:  # one field per row: the amount is the value next to its label
        row = t.cell_locations[col].row
        cells, headers = [(row, 1)], [(row, 0)]
    else:
        cells = [(loc.row, col) for loc in t.locations if not marks[loc.row][col]]
        first = min((loc.row for loc in t.locations), default=len(grid))
        headers = [(r, _origin(marks[r], col)) for r in range(first)]
    multiplier = header_multiplier(label)
    out: dict[tuple[int, int], str] = {}
    doubtful = []
    for r, c in cells:
        text = grid[r][c]
        parsed = parse_amount(text, multiplier)
        if parsed.value is None:
            continue
        if parsed.ambiguous:
            doubtful.append((r, c))
        elif rupiah(parsed.value, space) != text:
            out[r, c] = rupiah(parsed.value, space)
    unit = _UNIT.search(label) if multiplier != 1 else None
    if unit and out:
        for r, c in headers:  # the header cell that names the unit
            if _UNIT.search(grid[r][c]):
                out[r, c] = re.sub(r"\(\s*", "(", _UNIT.sub("", grid[r][c])).strip()
        for r, c in doubtful:
            out[r, c] = f"{grid[r][c]} {unit.group(0).strip()}"
    return out


def _origin(marks: list[str], col: int) -> int:
    """The grid column where the cell covering ``col`` starts (a cell merged across starts to the left)."""
    while col > 0 and marks[col] == LEFT:
        col -= 1
    return col
