"""A Word table as a grid of texts, one per grid column, with its merged cells marked.

Word stores a cell merged across columns once, with ``w:gridSpan``, and a cell
merged down the rows as a first cell (``w:vMerge w:val="restart"``) followed by
empty continuation cells (``w:vMerge``). Reading cells one by one puts the texts
of a row with a merged header cell under the wrong columns. Here every row has
one entry per grid column: a merged cell's text sits in its first column, and
``merged`` says which entries continue a cell from the LEFT or from ABOVE.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.docx.ns import qn, text_of, xp

LEFT, ABOVE = "left", "above"


@dataclass
class Grid:
    """Texts of a table, one per grid column and row; ``merged[r][c]`` is '', LEFT or ABOVE."""

    rows: list[list[str]] = field(default_factory=list)
    merged: list[list[str]] = field(default_factory=list)
    cells: dict[tuple[int, int], object] = field(default_factory=dict)  # (row, column) -> the w:tc whose text is there

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


def cell_text(tc) -> str:
    """A cell's visible text; its paragraphs joined by a space (nested tables included)."""
    parts = [text_of(p).strip() for p in tc.iter(qn("w:p"))]
    return " ".join(p for p in parts if p)


def _int(values: list, default: int) -> int:
    try:
        return max(int(values[0]), 1) if values else default
    except ValueError:
        return default


_TR, _TC, _SDT, _SDT_CONTENT, _CUSTOM_XML = (qn(f"w:{t}") for t in ("tr", "tc", "sdt", "sdtContent", "customXml"))
_TRPR, _GRID_BEFORE, _TCPR, _GRID_SPAN, _VMERGE, _VAL = (qn(f"w:{t}") for t in
                                                         ("trPr", "gridBefore", "tcPr", "gridSpan", "vMerge", "val"))


def _children(parent, tag: str):
    """``parent``'s children called ``tag``, also those wrapped in a content control or custom XML."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            yield from (c for c in (content if content is not None else ()) if c.tag == tag)
        elif child.tag == _CUSTOM_XML:
            yield from (c for c in child if c.tag == tag)


def _val(box, tag: str):
    """``box/tag/@w:val`` (None when either is missing); find(), not XPath: this runs per cell."""
    el = box.find(tag) if box is not None else None
    return el if el is None else el.get(_VAL, "")


def _rows(tbl):
    """Per row: (grid columns skipped before it, [(grid column, tc, span, continues from above)])."""
    for tr in _children(tbl, _TR):
        before = col = _int([v] if (v := _val(tr.find(_TRPR), _GRID_BEFORE)) else [], 0)
        cells = []
        for tc in _children(tr, _TC):
            tcpr = tc.find(_TCPR)
            if tcpr is None:  # the usual cell: no span, no merge
                cells.append((col, tc, 1, False))
                col += 1
                continue
            span = _int([v] if (v := _val(tcpr, _GRID_SPAN)) else [], 1)
            vmerge = _val(tcpr, _VMERGE)
            continues = vmerge is not None and (vmerge or "continue") != "restart"
            cells.append((col, tc, span, continues))
            col += span
        yield before, cells


def read_grid(tbl, limit: int | None = None) -> Grid:
    """The :class:`Grid` of a ``w:tbl`` element (rows from content controls included); of its first
    ``limit`` rows only, when given."""
    grid = Grid()
    for n, (before, cells) in enumerate(_rows(tbl)):
        if limit is not None and n >= limit:
            break
        texts: list[str] = [""] * before
        merged: list[str] = [""] * before
        for col, tc, span, continues in cells:
            texts += [cell_text(tc)] + [""] * (span - 1)
            merged += [ABOVE if continues else ""] + [LEFT] * (span - 1)
            if not continues:
                grid.cells[n, col] = tc
        grid.rows.append(texts)
        grid.merged.append(merged)
    width = grid.width
    for texts, merged in zip(grid.rows, grid.merged):
        texts += [""] * (width - len(texts))
        merged += [""] * (width - len(merged))
    return grid
