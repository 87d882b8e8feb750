"""Tables as laid-out text: each cell's grid columns, margins, and runs with their resolved font.

The width pass (:mod:`pipeline.docx.widths`) and the check that no word breaks
inside a table cell both read tables through here, so that they agree on what
a cell holds and how wide its text is set.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from pipeline.docx.ns import qn

_TR, _TC, _TCPR, _P, _R, _T = (qn(f"w:{t}") for t in ("tr", "tc", "tcPr", "p", "r", "t"))
_RPR, _VAL, _W = qn("w:rPr"), qn("w:val"), qn("w:w")
_PSTYLE, _RSTYLE = qn("w:pStyle"), qn("w:rStyle")
_GRIDSPAN, _TCMAR, _TCW = qn("w:gridSpan"), qn("w:tcMar"), qn("w:tcW")
_OFF = {"0", "false", "off", "none"}
DEFAULT_CELL_MARGIN = 108  # twips left and right, when neither table, style nor cell sets one
DEFAULT_SIZE = 20  # half-points (10 pt), when no style sets a size


@dataclass(frozen=True)
class Font:
    family: str
    half_points: int
    bold: bool = False
    italic: bool = False

    @property
    def size(self) -> float:
        return self.half_points / 2


class Run(NamedTuple):
    text: str
    font: Font
    element: object  # the w:r


@dataclass
class Cell:
    """One ``w:tc``: where it sits on the grid and its text, paragraph by paragraph."""

    tc: object
    row: int
    col: int
    span: int
    margins: int  # left + right cell margins, twips
    paragraphs: list[list[Run]] = field(default_factory=list)
    tcw: object = None  # its w:tcW, when it has one


@dataclass
class Table:
    tbl: object
    grid: list[int]  # gridCol widths, twips
    cells: list[Cell]


class Formats:
    """Resolves the font of a run from direct formatting, styles and defaults.

    ``styles`` is the ``w:styles`` element; ``family`` the book's body font, used
    when no style names one (theme fonts are not followed).
    """

    def __init__(self, styles, family: str):
        self.family = family
        self.root = self._root = styles
        self._styles = {s.get(qn("w:styleId")): s for s in styles.iter(qn("w:style"))}
        self._given = frozenset(self._styles)  # a twin is based on one of these, never on a twin made here
        defaults = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{_RPR}")
        self._default = _props(defaults, {"family": family, "sz": DEFAULT_SIZE, "b": False, "i": False})
        self._cache: dict[str, dict] = {}
        self._first_row: dict[str, dict] = {}
        self._fonts: dict[tuple, Font] = {}

    def style(self, style_id: str | None) -> dict:
        """The run properties a paragraph or character style gives (through basedOn)."""
        if not style_id:
            return self._default
        if style_id not in self._cache:
            self._cache[style_id] = self._default  # guards a basedOn loop
            el = self._styles.get(style_id)
            if el is None:
                self._cache[style_id] = self._default
            else:
                based = el.find(qn("w:basedOn"))
                parent = self.style(based.get(_VAL) if based is not None else None)
                self._cache[style_id] = _props(el.find(_RPR), parent)
        return self._cache[style_id]

    def twin_id(self, style_id: str | None, half_points: int) -> str:
        """The id :meth:`smaller` gives (without making the style): the same whatever twins were made before."""
        base = style_id if style_id in self._given else None
        return f"{base or 'Normal'}{half_points // 2}pt"

    def smaller(self, style_id: str | None, half_points: int) -> str:
        """The id of a paragraph style like ``style_id`` in ``half_points`` (made once, e.g. "Table Text 9 pt")."""
        base = style_id if style_id in self._given else None
        sid = self.twin_id(style_id, half_points)
        if sid not in self._styles:
            name_el = self._styles[base].find(qn("w:name")) if base else None
            name = name_el.get(_VAL) if name_el is not None else (base or "Normal")
            el = self._root.makeelement(qn("w:style"), {qn("w:type"): "paragraph", qn("w:customStyle"): "1",
                                                         qn("w:styleId"): sid})
            for tag, val in (("name", f"{name} {half_points / 2:g} pt"), ("basedOn", base)):
                if val:
                    el.append(el.makeelement(qn(f"w:{tag}"), {_VAL: val}))
            rpr = el.makeelement(_RPR, {})
            for tag in ("sz", "szCs"):
                rpr.append(rpr.makeelement(qn(f"w:{tag}"), {_VAL: str(half_points)}))
            el.append(rpr)
            self._root.append(el)
            self._styles[sid] = el
        return sid

    def font(self, props: dict) -> Font:
        """The :class:`Font` of resolved run properties (one object per distinct font)."""
        key = (props["family"], props["sz"], props["b"], props["i"])
        found = self._fonts.get(key)
        if found is None:
            found = self._fonts[key] = Font(*key)
        return found

    def character(self, style_id: str) -> dict:
        """What a character style sets (its differences from the document defaults)."""
        return {k: v for k, v in self.style(style_id).items() if self._default.get(k) != v}

    def header_props(self, table_style: str | None) -> dict:
        """What the table style's first-row formatting adds (usually bold)."""
        if table_style not in self._first_row:
            out: dict = {}
            sid = table_style
            seen = set()
            while sid and sid not in seen:
                seen.add(sid)
                el = self._styles.get(sid)
                if el is None:
                    break
                for cond in el.findall(qn("w:tblStylePr")):
                    if cond.get(qn("w:type")) == "firstRow":
                        for k, v in _props(cond.find(_RPR), {}).items():
                            out.setdefault(k, v)
                based = el.find(qn("w:basedOn"))
                sid = based.get(_VAL) if based is not None else None
            self._first_row[table_style] = out
        return self._first_row[table_style]

    def cell_margins(self, tbl, tc=None) -> int:
        """Left + right margins of a cell: its own, else the table's, else its style's, else Word's default.

        Without ``tc``: the table's (what a cell without margins of its own gets).
        """
        tcpr = tc.find(_TCPR) if tc is not None else None
        own = tcpr.find(qn("w:tcMar")) if tcpr is not None else None
        if tc is not None and own is None:
            return self.cell_margins(tbl)
        tblpr = tbl.find(qn("w:tblPr"))
        places = [own, tblpr.find(qn("w:tblCellMar")) if tblpr is not None else None]
        style = _table_style(tbl)
        el = self._styles.get(style) if style else None
        spr = el.find(qn("w:tblPr")) if el is not None else None
        places.append(spr.find(qn("w:tblCellMar")) if spr is not None else None)
        total = 0
        for side in (("left", "start"), ("right", "end")):
            width = DEFAULT_CELL_MARGIN
            for mar in places:
                found = next((m for s in side if mar is not None and (m := mar.find(qn(f"w:{s}"))) is not None), None)
                if found is not None:
                    width = int(found.get(_W, "0") or 0)
                    break
            total += width
        return total


def _props(rpr, parent: dict) -> dict:
    out = dict(parent)
    if rpr is None:
        return out
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is not None and fonts.get(qn("w:ascii")):
        out["family"] = fonts.get(qn("w:ascii"))
    sz = rpr.find(qn("w:sz"))
    if sz is not None and (sz.get(_VAL) or "").isdigit():
        out["sz"] = int(sz.get(_VAL))
    for key in ("b", "i"):
        el = rpr.find(qn(f"w:{key}"))
        if el is not None:
            out[key] = (el.get(_VAL) or "1").lower() not in _OFF
    return out


def _table_style(tbl) -> str | None:
    tblpr = tbl.find(qn("w:tblPr"))
    style = tblpr.find(qn("w:tblStyle")) if tblpr is not None else None
    return style.get(_VAL) if style is not None else None


def header_rows(tbl) -> int:
    """How many rows at the top repeat as header (``w:tblHeader``); the first row at least
    when the table style's first-row look is on."""
    rows = tbl.findall(_TR)
    n = 0
    for tr in rows:
        trpr = tr.find(qn("w:trPr"))
        mark = trpr.find(qn("w:tblHeader")) if trpr is not None else None
        if mark is None or (mark.get(_VAL) or "1").lower() in _OFF:
            break
        n += 1
    if n == 0 and rows:
        tblpr = tbl.find(qn("w:tblPr"))
        look = tblpr.find(qn("w:tblLook")) if tblpr is not None else None
        if look is None or look.get(qn("w:firstRow")) in ("1", "true", "on") or \
                (look.get(_VAL) and int(look.get(_VAL), 16) & 0x20):
            n = 1
    return n


def read_table(tbl, formats: Formats) -> Table:
    """The grid and every cell of a top-level table, with each run's resolved font.

    One pass over the elements that matter, in document order: this reads every
    cell of the book, and each element visited costs a python-docx proxy object.
    """
    grid = [int(c.get(_W, "0") or 0) for c in tbl.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}")]
    heads = header_rows(tbl)
    head = formats.header_props(_table_style(tbl))
    margins = formats.cell_margins(tbl)
    plain = formats.style(None)
    cells: list[Cell] = []
    row, col = -1, 0
    cell = para = props = run = None
    runs: list[Run] = []
    text: list[str] = []
    for el in tbl.iter(_TR, _TC, _TCW, _GRIDSPAN, _TCMAR, _P, _PSTYLE, _R, _RPR, _T):
        tag = el.tag
        if tag == _T:
            text.append(el.text or "")
            continue
        if text:  # the run before ends
            runs.append(Run("".join(text), formats.font(props), run))
            text = []
        if tag == _R:
            run, props = el, para
        elif tag == _RPR:
            if el.getparent() is run:
                rs = el.find(_RSTYLE)
                props = _props(el, {**para, **formats.character(rs.get(_VAL))} if rs is not None else para)
        elif tag == _PSTYLE:
            if run is None or run.getparent() is not el.getparent().getparent():  # the paragraph's style
                para = formats.style(el.get(_VAL))
                para = {**para, **head} if row < heads and head else para
        elif tag == _P:
            runs, run = [], None
            if cell is not None:
                cell.paragraphs.append(runs)
            para = {**plain, **head} if row < heads and head else plain
        elif tag == _TC:
            if el.getparent().getparent() is not tbl:  # a table inside a cell: its text is the cell's
                continue
            if cell is not None:
                col += cell.span
            cell = Cell(el, row, col, 1, margins)
            cells.append(cell)
        elif tag == _TR:
            if el.getparent() is tbl:
                row, col, cell = row + 1, 0, None
        elif tag == _TCW:
            if el.getparent().getparent() is cell.tc:
                cell.tcw = el
        elif tag == _GRIDSPAN:
            if el.getparent().getparent() is cell.tc:
                cell.span = int(el.get(_VAL, "1") or 1)
        elif tag == _TCMAR:
            if el.getparent().getparent() is cell.tc:
                cell.margins = formats.cell_margins(tbl, cell.tc)
    if text:
        runs.append(Run("".join(text), formats.font(props), run))
    return Table(tbl, grid, cells)


def cell_width(table: Table, cell: Cell) -> int:
    """The width a cell's text is set in: its grid columns less its margins."""
    return sum(table.grid[cell.col:cell.col + cell.span]) - cell.margins
