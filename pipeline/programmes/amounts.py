"""Amounts in house form: which cells of a programme or quick-win table hold rupiah, and how they print.

A table is read exactly as extraction reads it (:func:`recognise_table`), and
each amount with the parser validation uses, the column header's unit
included. An amount that parses without doubt prints in the house form
(``Rp1.500.000.000,00``); an ambiguous one (MP-W309) prints as typed.
"""

from __future__ import annotations

import re

from pipeline.model import Location
from pipeline.programmes.extract import RawTable, recognise_table
from pipeline.programmes.parse import header_multiplier, parse_amount
from pipeline.programmes.summary import rupiah

# The unit words header_multiplier reads; dropped from a header once its cells are whole rupiah.
_UNIT = re.compile(r"\s*\b(?:triliun|miliar|milyar|juta|jt|ribu)\b\.?", re.I)


def programme_table(rows: list[list[str]]) -> RawTable | None:
    """The table read as extraction reads it, when it is a programme table or a quick-win profile."""
    if len(rows) < 2:
        return None
    t = recognise_table(RawTable("", rows[0], rows[1:], [Location(row=r) for r in range(1, len(rows))], 0))
    return t if t.layout is not None else None


def house_amounts(rows: list[list[str]], space: bool = False) -> dict[tuple[int, int], str]:
    """(row, column) -> new text, for the cells of a programme or quick-win table to print in house form.

    ``rows`` are the table's cell texts, header row first. A header that names a
    unit ("Indikasi Anggaran (Rp juta)") loses it once its amounts are whole
    rupiah; an ambiguous amount under it keeps its meaning with the unit written out.
    """
    t = programme_table(rows)
    if t is None or not t.layout.has("amount"):
        return {}
    col = t.layout.columns["amount"]
    if t.cell_locations is not None:  # a profile, one field per row: the amount is that row's value
        header_cell, cells = (col + 1, 0), [(col + 1, 1)]
    else:
        header_cell, cells = (0, col), [(r, col) for r in range(1, len(rows))]
    header = _at(rows, header_cell)
    multiplier = header_multiplier(header)
    unit = _UNIT.search(header) if multiplier != 1 else None
    out: dict[tuple[int, int], str] = {}
    doubtful = []
    for cell in cells:
        text = _at(rows, cell)
        parsed = parse_amount(text, multiplier)
        if parsed.value is None:
            continue
        if parsed.ambiguous:
            doubtful.append(cell)
            continue
        house = rupiah(parsed.value, space)
        if house != text:
            out[cell] = house
    if unit and out:
        out[header_cell] = re.sub(r"\(\s*", "(", _UNIT.sub("", header)).strip()
        for cell in doubtful:
            out[cell] = f"{_at(rows, cell)} {unit.group(0).strip()}"
    return out


def _at(rows: list[list[str]], cell: tuple[int, int]) -> str:
    r, c = cell
    return rows[r][c] if r < len(rows) and c < len(rows[r]) else ""
