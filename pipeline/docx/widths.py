"""Table widths: every table fits its page, and no short word breaks inside itself.

Each column gets at least the width of its widest word, measured with the
font the PDF is set in (:mod:`pipeline.docx.metrics`); what is left is shared
in proportion to the widths an author chose or, when nobody chose any, to how
much text each column holds. A table whose words do not fit is set smaller
(9 pt, then 8 pt); one that still does not fit gets a landscape page of its
own, with its caption and its "Sumber:" line. Every such change is returned,
so that the editor can be told.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from functools import lru_cache

from docx.oxml.parser import parse_xml
from lxml import etree

from pipeline.docx.book import SOURCE_LINE, is_landscape, text_width
from pipeline.docx.cells import Formats, Run, Table, cell_width, read_table
from pipeline.docx.grid import read_grid
from pipeline.docx.metrics import letters, metrics_for, unbreakable
from pipeline.docx.ns import qn, text_of
from pipeline.docx.tables import landscape_around, set_run_size

MUST_FIT_LETTERS = 12  # a word this short never breaks inside itself
LONG_PIECE = 40  # longer strings (links, codes) get no column width of their own
SLACK = 30  # twips kept free in every cell for borders and LibreOffice's rounding
SMALLER = (9, 8)  # pt: the sizes a table that does not fit is set in, in turn
PROSE_CAP = 45  # average characters per cell above which a column counts as prose
_TCPR, _TCW, _W, _TYPE = qn("w:tcPr"), qn("w:tcW"), qn("w:w"), qn("w:type")
_P, _PPR, _PSTYLE, _RPR, _VAL = qn("w:p"), qn("w:pPr"), qn("w:pStyle"), qn("w:rPr"), qn("w:val")


@dataclass
class Fitted:
    """What the width pass did to one table beyond sharing out its columns."""

    table: object  # the w:tbl
    columns: int
    size: float | None = None  # pt, when the table was set smaller
    landscape: str | None = None  # "wide" (did not fit upright) or "programme" (a wide programme table)
    broken: list[str] = field(default_factory=list)  # words that still break, when nothing helped


@dataclass(frozen=True)
class Broken:
    """A word set wider than the cell that holds it."""

    table: object
    row: int
    column: int
    word: str
    width: int  # twips
    room: int  # twips


Programme = Callable[[list[list[str]], list[list[str]]], bool]


@dataclass(frozen=True)
class _Done:
    """One table as the width pass left it: its XML and what was done to it."""

    xml: bytes
    columns: int
    size: float | None
    landscape: str | None
    broken: tuple[str, ...]
    smaller: tuple[tuple[str | None, int], ...]  # (paragraph style, half-points) of the twin styles it uses


@dataclass
class FitMemo:
    """Tables fitted before, by everything their fit depends on: the table's XML, its section's widths,
    the styles and the body font. A rebuild after one fragment changed measures only that fragment's
    tables; the others get their fitted XML back. ``used`` holds this pass's entries (keep those)."""

    entries: dict = field(default_factory=dict)
    used: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Page:
    """What a table's fit needs of its section: the text width upright and turned, and whether it is
    landscape already."""

    upright: int
    turned: int
    landscape: bool

    @classmethod
    def of(cls, sect) -> "Page":
        return cls(text_width(sect), text_width(sect, landscape=True), is_landscape(sect))

    def key(self) -> bytes:
        return b"%d %d %d|" % (self.upright, self.turned, self.landscape)


Elsewhere = Callable[..., Future | None]  # elsewhere(fn, *args): fn(*args) in another process, or None (busy)
ELSEWHERE_FROM = 12  # tables to measure before part of them goes to another process (shipping them costs)
ELSEWHERE_SHARE = 0.6  # of their XML, by size: that process has nothing else to do meanwhile


def fit_tables(body, formats: Formats, *, start=None, captions: dict | None = None,
               programme: Programme = lambda rows, merged: False, landscape_columns: int = 8,
               memo: FitMemo | None = None, elsewhere: Elsewhere | None = None) -> list[Fitted]:
    """Size the columns of every top-level table; shrink or turn what does not fit.

    ``start`` is the first body element: tables before it (the front matter) are
    only stretched to their width. ``captions`` maps a table to its caption
    paragraph, which goes with it to a landscape page. ``programme(rows,
    merged)`` says, from the cells' text as validation reads it, whether a table
    is a programme table: one of ``landscape_columns`` columns or more goes
    landscape at once. With ``memo``, a table fitted before gets its fitted
    content back without being measured again. With ``elsewhere`` (and a
    module-level ``programme``), the later part of many tables to measure is
    measured in another process meanwhile (:func:`fit_apart`); each table's fit
    depends only on itself, its page and the styles, so the book is the same.
    Returns the tables shrunk or turned, in book order.
    """
    captions = captions or {}
    order = {el: i for i, el in enumerate(body)}
    first = order.get(start, 0)
    styles_xml = etree.tostring(formats.root) if memo is not None or elsewhere is not None else b""
    setting = hashlib.sha1(styles_xml + f"|{formats.family}|{landscape_columns}|".encode()).digest() \
        if memo is not None else b""
    done: dict = {}  # table -> (its _Done, fitted before or elsewhere, or its Fitted, here; its twin styles)
    todo: list[tuple[object, Page, str | None, bytes]] = []
    tables = _tables_with_sections(body)
    for el, sect in tables:
        if order[el] < first:
            table = read_table(el, formats)
            if table.grid:
                _apply(table, _share(_Sizer(table), text_width(sect), None))
            continue
        page = Page.of(sect)
        xml = etree.tostring(el) if memo is not None or elsewhere is not None else b""
        key = hashlib.sha1(setting + page.key() + xml).hexdigest() if memo is not None else None
        if key is not None and key in memo.entries:
            hit = memo.used[key] = memo.entries[key]
            done[el] = (hit, hit.smaller)
        else:
            todo.append((el, page, key, xml))
    apart = _send_apart(todo, elsewhere, styles_xml, formats.family, landscape_columns, programme)
    for el, page, key, _xml in todo[:len(todo) - len(apart.jobs)]:
        got = _fit_in_place(el, page, formats, landscape_columns, programme)
        if got is None:
            continue
        done[el] = got
        if key is not None:
            memo.used[key] = _done(el, *got)
    for (el, _page, key, _xml), got in zip(apart.jobs, apart.results()):
        if got is not None:
            done[el] = (got, got.smaller)
            if key is not None:
                memo.used[key] = got
    out: list[Fitted] = []
    # In book order, whatever was measured where: the twin styles (so the styles part is the same however
    # the tables were measured), the content fitted before or elsewhere, the landscape pages.
    for el, sect in tables:
        got = done.get(el)
        if got is None:
            continue
        fitted, smaller = got
        for style, size in smaller:
            formats.smaller(style, size)
        if isinstance(fitted, _Done):
            fitted = _again(el, fitted)
        if fitted.landscape:
            caption = captions.get(el)
            landscape_around(body, caption if caption is not None else el, _last_of(el), sect)
        if fitted.size or fitted.landscape or fitted.broken:
            out.append(fitted)
    return out


@dataclass
class _Apart:
    """The tables sent to another process, and what comes back (a _Done, or None for a table with no grid)."""

    jobs: list = field(default_factory=list)
    future: Future | None = None
    fallback: Callable[[], list] = list

    def results(self) -> list:
        if self.future is None:
            return []
        if self.future.cancel():  # still waiting behind the other process's work: measured here after all
            return self.fallback()
        return self.future.result()


def _send_apart(todo: list, elsewhere: Elsewhere | None, styles_xml: bytes, family: str, landscape_columns: int,
                programme: Programme) -> _Apart:
    """Send the last tables of ``todo``, about ``ELSEWHERE_SHARE`` of their XML, to ``elsewhere``."""
    if elsewhere is None or len(todo) < ELSEWHERE_FROM:
        return _Apart()
    total = sum(len(xml) for *_, xml in todo)
    cut, sent = len(todo), 0
    while cut > 1 and sent < ELSEWHERE_SHARE * total:
        cut -= 1
        sent += len(todo[cut][3])
    jobs = todo[cut:]
    args = (styles_xml, family, landscape_columns, programme, [(xml, page) for _el, page, _key, xml in jobs])
    future = elsewhere(fit_apart, *args)
    return _Apart(jobs, future, lambda: fit_apart(*args)) if future is not None else _Apart()


def fit_apart(styles_xml: bytes, family: str, landscape_columns: int, programme: Programme,
              jobs: list[tuple[bytes, Page]]) -> list[_Done | None]:
    """Fit tables given as XML, each on its page, with the book's styles: what :func:`fit_tables` would
    have made of each (None for a table with no grid). Runs in another process."""
    formats = Formats(parse_xml(styles_xml), family)
    out: list[_Done | None] = []
    for xml, page in jobs:
        tbl = parse_xml(xml)
        got = _fit_in_place(tbl, page, formats, landscape_columns, programme)
        out.append(_done(tbl, *got) if got is not None else None)
    return out


def _fit_in_place(tbl, page: Page, formats: Formats, landscape_columns: int,
                  programme: Programme) -> tuple[Fitted, tuple] | None:
    """One table measured and fitted in place: what was done to it and the (style, half-points) of its twin
    styles, or None for a table with no grid. The caller makes the twin styles and the landscape page."""
    table = read_table(tbl, formats)
    if not table.grid:
        return None
    wide = len(table.grid) >= landscape_columns and programme(*_text_grid(tbl))
    fitted, smaller = _fit(table, page, wide, formats)
    return fitted, tuple(sorted(smaller, key=str))


def _done(tbl, fitted: Fitted, smaller: tuple) -> _Done:
    """A fitted table as the memo keeps it (and the other process sends it back)."""
    return _Done(etree.tostring(tbl), fitted.columns, fitted.size, fitted.landscape, tuple(fitted.broken), smaller)


def _again(el, done: _Done) -> Fitted:
    """A table fitted before (or elsewhere): its fitted content in the same element.

    The element's children are exchanged rather than the element itself: removing an element Python still
    holds makes lxml walk all of it (a 400-row table took 0.2 s), and callers keep the tables they know.
    """
    fitted = parse_xml(done.xml)
    el.clear()
    el.attrib.update(fitted.attrib)
    el.extend(fitted)
    return Fitted(el, done.columns, done.size, done.landscape, list(done.broken))


def _last_of(tbl):
    """The last element a table turned landscape takes along: its "Sumber:" line, when it has one."""
    nxt = tbl.getnext()
    return nxt if nxt is not None and nxt.tag == qn("w:p") and SOURCE_LINE.match(text_of(nxt)) else tbl


def _tables_with_sections(body) -> list[tuple[object, object]]:
    """(table, the sectPr of its section) for every top-level table, in book order."""
    current = body.find(qn("w:sectPr"))
    found = []
    for el in reversed(list(body)):
        if el.tag == qn("w:p"):
            own = el.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
            if own is not None:
                current = own
        elif el.tag == qn("w:tbl") and current is not None:
            found.append((el, current))
    return found[::-1]


def _fit(table: Table, page: Page, wide_programme: bool, formats: Formats) -> tuple[Fitted, set]:
    """Share out one table's columns, set smaller or to be turned landscape when it must be; with the
    (paragraph style, half-points) of the twin styles it now uses. The caller makes the landscape page."""
    fitted = Fitted(table.tbl, len(table.grid))
    sizer = _Sizer(table)
    base = _base_size(table)
    sizes = [None] + [pt * 2 for pt in SMALLER if pt * 2 < base]  # None: as it is
    turn = None
    if not page.landscape:
        if wide_programme:
            turn = "programme"
        elif _first_fit(sizer, sizes, page.upright) is None:
            turn = "wide"
    width = page.turned if turn is not None else page.upright
    size = _first_fit(sizer, sizes, width)
    if size is None:
        size = len(sizes) - 1  # not even the smallest fits: set it smallest, words break
    fitted.landscape = turn
    smaller: set = set()
    if sizes[size] is not None:
        smaller = _shrink(table, sizes[size], formats)
        fitted.size = sizes[size] / 2
    _apply(table, _share(sizer, width, sizes[size]))
    fitted.broken = sorted({b.word for b in sizer.broken(sizes[size])})
    return fitted, smaller


def _first_fit(sizer: _Sizer, sizes: list, width: int) -> int | None:
    """The index of the first size at which every short word of the table fits ``width``."""
    return next((i for i, s in enumerate(sizes) if sizer.fits(s, width)), None)


def _base_size(table: Table) -> int:
    """The size (half-points) most of the table's text is set in."""
    sizes = Counter(r.font.half_points for c in table.cells for p in c.paragraphs for r in p)
    return sizes.most_common(1)[0][0] if sizes else 20


def _text_grid(tbl) -> tuple[list[list[str]], list[list[str]]]:
    grid = read_grid(tbl)
    return grid.rows, grid.merged


# -- measuring -------------------------------------------------------------------------
def _pieces(runs: list[Run]):
    """(piece, width in twips, the largest size in it) for every unbreakable piece of a paragraph."""
    if len(runs) == 1:  # the usual cell: one run
        text, font, _ = runs[0]
        m = metrics_for(font.family)
        for piece in unbreakable(text):
            yield piece, m.width(piece, font.size, font.bold, font.italic), font.half_points
        return
    text = "".join(r.text for r in runs)
    owner = [i for i, r in enumerate(runs) for _ in r.text]
    pos = 0
    for piece in unbreakable(text):
        at = text.index(piece, pos)
        pos = at + len(piece)
        width, largest = 0.0, 0
        i = at
        while i < pos:  # the piece's stretches that share one run
            j = i
            while j < pos and owner[j] == owner[i]:
                j += 1
            font = runs[owner[i]].font
            width += metrics_for(font.family).width(text[i:j], font.size, font.bold, font.italic)
            largest = max(largest, font.half_points)
            i = j
        yield piece, width, largest


def _measured(pieces) -> tuple:
    return tuple((piece, w, hp, letters(piece) <= MUST_FIT_LETTERS, len(piece) <= LONG_PIECE)
                 for piece, w, hp in pieces)


@lru_cache(maxsize=8192)
def _measured_run(text: str, font) -> tuple:
    """A one-run paragraph measured (the same "APBD" or "Diskominfo" recurs in cell after cell)."""
    return _measured(_pieces([Run(text, font, None)]))


class _Sizer:
    """One table's words measured once; what each column needs at any smaller size follows by scaling."""

    def __init__(self, table: Table):
        self.table = table
        self.rows = max((c.row for c in table.cells), default=0) + 1
        # per cell: [(piece, width, size, must fit, deserves room)]
        self.cells = [(cell, [m for para in cell.paragraphs for m in (
            _measured_run(para[0].text, para[0].font) if len(para) == 1 else _measured(_pieces(para)))])
            for cell in table.cells]
        self._memo: dict = {}

    def needs(self, size: int | None) -> tuple[list[float], list[float], list[float]]:
        """Per grid column, at ``size`` half-points or less: the width its short words need, the width
        all its words need, and its text per row."""
        if size not in self._memo:
            self._memo[size] = self._needs(size)
        return self._memo[size]

    def _needs(self, size):
        ncols = len(self.table.grid)
        hard, soft, text = [0.0] * ncols, [0.0] * ncols, [0.0] * ncols
        spanning = []
        for cell, pieces in self.cells:
            if cell.col >= ncols:
                continue
            h = s = t = 0.0
            for _, w, hp, must, deserves in pieces:
                w = w * min(hp, size) / hp if size else w
                t += w + 60  # the word and roughly one space
                if deserves:
                    s = max(s, w)
                    if must:
                        h = max(h, w)
            extra = cell.margins + SLACK
            if cell.span == 1:
                hard[cell.col] = max(hard[cell.col], h + extra)
                soft[cell.col] = max(soft[cell.col], s + extra)
                text[cell.col] += t / self.rows
            else:
                spanning.append((cell, h + extra, s + extra))
        for cell, h, s in spanning:  # a merged cell widens the columns under it only when they are too narrow
            cols = range(cell.col, min(cell.col + cell.span, ncols))
            for need, want in ((hard, h), (soft, s)):
                short = want - sum(need[c] for c in cols)
                if short > 0:
                    for c in cols:
                        need[c] += short / len(cols)
        return hard, soft, text

    def fits(self, size: int | None, width: int) -> bool:
        return sum(self.needs(size)[0]) <= width

    def broken(self, size: int | None = None) -> list[Broken]:
        """The short words wider than their cell as the columns are now, set at ``size`` or less."""
        out = []
        for cell, pieces in self.cells:
            room = cell_width(self.table, cell)
            for word, w, hp, must, _ in pieces:
                w = w * min(hp, size) / hp if size else w
                if must and w > room:
                    out.append(Broken(self.table.tbl, cell.row, cell.col, word, int(w), room))
        return out


def _share(sizer: _Sizer, width: int, size: int | None) -> list[int]:
    """Column widths that add up to ``width``: every column its words, the rest by preference."""
    table = sizer.table
    hard, soft, text = sizer.needs(size)
    grid = table.grid
    if len(set(grid)) > 1:  # widths chosen by an author (or a generator): keep their proportions
        prefer = [float(w) for w in grid]
    else:  # nobody chose: by how much text each column holds, prose capped
        family = next((r.font.family for c in table.cells for p in c.paragraphs for r in p), "Arial")
        cap = metrics_for(family).width("n" * PROSE_CAP, (size or _base_size(table)) / 2)
        prefer = [max(min(t, cap), 1.0) for t in text]
    need = soft if sum(soft) <= width else hard
    if sum(need) >= width:  # nothing to share: words break, as few as the page allows
        return _whole([n * width / sum(need) for n in need], width)
    return _whole(_water_fill(need, prefer, width), width)


def _water_fill(need: list[float], prefer: list[float], width: int) -> list[float]:
    """max(need, k * prefer) per column, with k chosen so that the widths add up to ``width``."""
    fixed: set[int] = set()
    while True:
        free = [i for i in range(len(need)) if i not in fixed]
        room = width - sum(need[i] for i in fixed)
        k = room / (sum(prefer[i] for i in free) or 1)
        grow = {i for i in free if k * prefer[i] < need[i]}
        if not grow:
            return [need[i] if i in fixed else k * prefer[i] for i in range(len(need))]
        fixed |= grow


def _whole(widths: list[float], width: int) -> list[int]:
    out = [int(w) for w in widths]
    out[max(range(len(out)), key=lambda i: widths[i])] += width - sum(out)
    return out


def _apply(table: Table, widths: list[int]) -> None:
    tbl = table.tbl
    for col, w in zip(tbl.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}"), widths):
        col.set(_W, str(w))
    table.grid = list(widths)
    for cell in table.cells:
        tcw = cell.tcw
        if tcw is None:  # makeelement, not w_el: this runs for every cell of the book
            tcpr = cell.tc.find(_TCPR)
            if tcpr is None:
                tcpr = cell.tc.makeelement(_TCPR, {})
                cell.tc.insert(0, tcpr)
            tcw = cell.tcw = tcpr.makeelement(_TCW, {})
            tcpr.insert(1 if tcpr.find(qn("w:cnfStyle")) is not None else 0, tcw)
        tcw.set(_W, str(sum(widths[cell.col:cell.col + cell.span])))
        tcw.set(_TYPE, "dxa")
    tblpr = tbl.find(qn("w:tblPr"))
    tblw = tblpr.find(qn("w:tblW")) if tblpr is not None else None
    if tblw is not None:
        tblw.set(_W, str(sum(widths)))
        tblw.set(_TYPE, "dxa")


def _shrink(table: Table, size: int, formats: Formats) -> set[tuple[str | None, int]]:
    """Set the table's text in ``size`` half-points: each paragraph gets a smaller twin of its style
    ("Table Text 9 pt"), and a run with a size of its own is set smaller directly. Returns the
    (style, size) of every twin asked for."""
    asked = set()
    for cell in table.cells:
        for p in cell.tc.iter(_P):
            ppr = p.find(_PPR)
            if ppr is None:
                ppr = p.makeelement(_PPR, {})
                p.insert(0, ppr)
            ps = ppr.find(_PSTYLE)
            if ps is None:
                ps = ppr.makeelement(_PSTYLE, {})
                ppr.insert(0, ps)
            asked.add((ps.get(_VAL), size))
            ps.set(_VAL, formats.twin_id(ps.get(_VAL), size))  # made by the caller, in book order
        for para in cell.paragraphs:
            for run in para:
                if run.font.half_points > size and run.element.find(_RPR) is not None:
                    set_run_size(run.element, size)
    return asked


# -- checking --------------------------------------------------------------------------
def too_wide(body, formats: Formats) -> list[Broken]:
    """Every word of 12 letters or fewer in the book's tables that is wider than its cell's text
    width (the column less the cell margins), measured in the PDF's font: each breaks inside itself."""
    return [b for el, _ in _tables_with_sections(body) for b in _Sizer(read_table(el, formats)).broken()]
