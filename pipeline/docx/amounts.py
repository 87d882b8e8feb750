"""Rewriting table cells in place: the walk behind "amounts in house form".

The walk knows tables, not rupiah: for each top-level table it hands the cell
texts, per row and grid column with their merge marks, as validation reads
them (:func:`pipeline.docx.grid.read_grid`), to a function of the programme
layer, and writes back the texts that function returns. A cell keeps its
paragraph properties and the formatting of its first run.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from pipeline.docx.grid import read_grid
from pipeline.docx.ns import qn, w_el

_P, _R, _T = qn("w:p"), qn("w:r"), qn("w:t")

NewTexts = Callable[[list[list[str]], list[list[str]]], dict[tuple[int, int], str]]


def rewrite_cells(elements, new_texts: NewTexts, start=None, wanted: Callable[[str], bool] | None = None,
                  head: tuple[int, Callable[[list[list[str]], list[list[str]]], bool]] | None = None) -> int:
    """Replace the text of the cells ``new_texts(rows, merged)`` names by (row, grid column), in every
    table of ``elements`` (a body, or some of its children) from ``start`` on. ``wanted(text)``, given all
    the table's text, may pass over a table at once (reading a table cell by cell is the costly part);
    so may ``head = (n, test)``: ``test(rows, merged)`` of the table's first ``n`` rows.
    Returns how many cells changed."""
    changed = 0
    started = start is None
    for el in list(elements):
        started = started or el is start
        if not started or el.tag != qn("w:tbl"):
            continue
        if head is not None:  # first: it reads a few rows, ``wanted`` all of the table's text
            first = read_grid(el, limit=head[0])
            if not head[1](first.rows, first.merged):
                continue
        if wanted is not None and not wanted("".join(el.itertext(_T))):
            continue
        grid = read_grid(el)
        texts = new_texts(grid.rows, grid.merged)
        if not texts:
            continue
        for place, text in texts.items():
            if place in grid.cells:
                set_cell_text(grid.cells[place], text)
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
