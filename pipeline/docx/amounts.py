"""Rewriting table cells in place: the walk behind "amounts in house form".

The walk knows tables, not rupiah: for each top-level table it hands the cell
texts (rows of ``w:tc`` texts, as the inspector reads them) to a function of
the programme layer, and writes back the texts that function returns. A cell
keeps its paragraph properties and the formatting of its first run.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from pipeline.docx.ns import qn, text_of, w_el

_TR, _TC, _P, _R = (qn(f"w:{t}") for t in ("tr", "tc", "p", "r"))


def rewrite_cells(body, new_texts: Callable[[list[list[str]]], dict[tuple[int, int], str]], start=None) -> int:
    """Replace the text of the cells ``new_texts(rows)`` names, in every top-level table from ``start`` on.

    Returns how many cells changed.
    """
    changed = 0
    started = start is None
    for el in body:
        started = started or el is start
        if not started or el.tag != qn("w:tbl"):
            continue
        grid = [tr.findall(_TC) for tr in el.findall(_TR)]
        rows = [[text_of(tc).strip() for tc in tcs] for tcs in grid]
        for (r, c), text in new_texts(rows).items():
            if r < len(grid) and c < len(grid[r]):
                set_cell_text(grid[r][c], text)
                changed += 1
    return changed


def set_cell_text(tc, text: str) -> None:
    """Make ``text`` the whole content of a cell: one paragraph, one run formatted like the first."""
    paras = tc.findall(_P)
    if not paras:
        paras = [w_el("p")]
        tc.append(paras[0])
    p = paras[0]
    for extra in paras[1:]:
        tc.remove(extra)
    runs = list(p.iter(_R))
    rpr = runs[0].find(qn("w:rPr")) if runs else None
    for run in runs:
        run.getparent().remove(run)
    new = w_el("r")
    if rpr is not None:
        new.append(copy.deepcopy(rpr))
    t = w_el("t")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = text
    new.append(t)
    p.append(new)
