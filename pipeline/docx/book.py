"""Whole-book passes on the composed document.

The composer only appends. These passes give the book its finished shape:
heading numbers and bookmarks, caption fields, the "Sumber:" style, and section
geometry (paper, landscape pages, roman front matter, headers). The lists
(Daftar Isi/Tabel/Gambar) are in :mod:`pipeline.docx.lists`, table widths in
:mod:`pipeline.docx.widths`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.captions import strip_typed
from pipeline.docx import fields
from pipeline.docx import schema
from pipeline.docx.captions import caption_kind, caption_roles
from pipeline.docx.ns import qn, text_of, w_el, xp
from pipeline.docx.styles import HouseStyles

PAPER_TWIPS = {"A4": (11906, 16838), "F4": (12189, 18709)}  # 210x297 mm, 215x330 mm
SOURCE_LINE = re.compile(r"^\s*Sumber\s*:", re.I)


def roman(n: int) -> str:
    """1 -> 'I', 4 -> 'IV'."""
    vals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
            (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for v, s in vals:
        while n >= v:
            out += s
            n -= v
    return out


@dataclass
class Heading:
    level: int
    number: str  # as shown: "BAB IV", "4.1.2"; "" in an appendix
    text: str
    bookmark: str
    element: object
    chapter: int = 0  # the BAB number of the chapter it is in


@dataclass
class Caption:
    kind: str  # "Tabel" or "Gambar"
    number: str  # "4.2"
    text: str
    bookmark: str
    element: object


# -- generated content ----------------------------------------------------------------
def chapter_heading(house: HouseStyles, bab: int, title: str, appendix: bool = False):
    """'BAB I' on its own line, the title in capitals below (style Heading 1); an appendix shows its title only."""
    if appendix:
        return fields.paragraph(house.heading(1), fields.run(title.upper()))
    return fields.paragraph(house.heading(1), fields.run(f"BAB {roman(bab)}"), fields.run(title.upper(), br_before=True))


def section_heading(house: HouseStyles, title: str, appendix_number: int | None = None):
    """A section's heading (Heading 2); in an appendix 'Lampiran 1. <title>', each after the first on a new page."""
    if appendix_number is None:
        return fields.paragraph(house.heading(2), fields.run(title))
    p = fields.paragraph(house.heading(2), fields.run(f"Lampiran {appendix_number}. {title}"))
    if appendix_number > 1:
        schema.insert(p.find(qn("w:pPr")), w_el("pageBreakBefore"))
    return p


UNNUMBERED_LIST = "4D504E4E"  # the nsid of the list that shows no number ("MPNN")


def leave_unnumbered(doc, headings: list) -> None:
    """Keep Word's heading list from numbering these headings (an appendix's): they join a list of their
    own that shows no number, so they do not count as chapters either.

    ``numId`` 0 would say the same, but validators built on the Open XML SDK report it as a list that
    does not exist.
    """
    if not headings:
        return
    numbering = doc.part.numbering_part.element
    ids = [int(v) for v in xp(numbering, "w:abstractNum/@w:abstractNumId | w:num/@w:numId")]
    new = str(max(ids + [0]) + 1)
    abstract = w_el("abstractNum", abstractNumId=new)
    abstract.append(w_el("nsid", val=UNNUMBERED_LIST))
    abstract.append(w_el("multiLevelType", val="multilevel"))
    for level in range(9):
        lvl = w_el("lvl", ilvl=level)
        for tag, value in (("start", "1"), ("numFmt", "none"), ("suff", "nothing"), ("lvlText", ""),
                           ("lvlJc", "left")):
            lvl.append(w_el(tag, val=value))
        ppr = w_el("pPr")
        ppr.append(w_el("ind", left="0", hanging="0"))
        lvl.append(ppr)
        abstract.append(lvl)
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    num = w_el("num", numId=new)
    num.append(w_el("abstractNumId", val=new))
    numbering.append(num)
    for level, p in headings:
        ppr = p.find(qn("w:pPr"))
        for old in ppr.findall(qn("w:numPr")):
            ppr.remove(old)
        numpr = w_el("numPr")
        numpr.append(w_el("ilvl", val=str(min(level - 1, 8))))
        numpr.append(w_el("numId", val=new))
        schema.insert(ppr, numpr)


def placeholder(house: HouseStyles, text: str):
    """A visible notice in place of a section that has not been received."""
    return fields.paragraph(house.find("Placeholder", "paragraph") or house.BODY, fields.run(text, bold=True))


def wrap_in_bookmark(inserted: list, name: str, bid: str) -> bool:
    """Put a bookmark ``name`` around the paragraphs and tables of ``inserted``; False when it holds none.

    A fragment that opens or ends with a table has the mark beside the table,
    at body level, so that the table is inside (a reviewer's comment in it still
    finds its OPD, :mod:`pipeline.comments`).
    """
    blocks = [el for el in inserted if el.tag in (qn("w:p"), qn("w:tbl"))]
    if not blocks:
        return False
    start, end = fields.bookmark(name, bid)
    first, last = blocks[0], blocks[-1]
    ppr = first.find(qn("w:pPr")) if first.tag == qn("w:p") else None
    if first.tag != qn("w:p"):
        first.addprevious(start)
    elif ppr is not None:
        ppr.addnext(start)
    else:
        first.insert(0, start)
    if last.tag == qn("w:p"):
        last.append(end)
    else:
        last.addnext(end)
    return True


# -- numbering -----------------------------------------------------------------------
def heading_paragraphs(body, start, house: HouseStyles) -> list[tuple[int, object]]:
    """(level, paragraph) for every heading from ``start`` on."""
    levels = {house.heading(n): n for n in range(1, 10)}
    out = []
    ppr, pstyle, val = qn("w:pPr"), qn("w:pStyle"), qn("w:val")
    for p in _paragraphs_from(body, start):  # find(), not XPath: this runs for every paragraph of the book
        props = p.find(ppr)
        style = props.find(pstyle) if props is not None else None
        level = levels.get(style.get(val)) if style is not None else None
        if level is not None:
            out.append((level, p))
    return out


def number_headings(body, start, house: HouseStyles, scheme: str, bab_numbers: list[int], ids,
                    appendices: frozenset[int] = frozenset()) -> list[Heading]:
    """Compute each heading's displayed number (as Word will show it) and bookmark it.

    ``bab_numbers`` are the BAB numbers of the chapters in order; headings in
    the chapters whose number is in ``appendices`` have no number (and Word's
    list is kept from numbering them).
    """
    counters = [0] * 10
    chapters = iter(bab_numbers)
    out: list[Heading] = []
    in_appendix = False
    for i, (level, p) in enumerate(heading_paragraphs(body, start, house), start=1):
        if level == 1:
            counters[1] = next(chapters, counters[1] + 1)
            in_appendix = counters[1] in appendices
        else:
            counters[level] += 1
        for deeper in range(level + 1, 10):
            counters[deeper] = 0
        name = f"_TocMP{i:05d}"
        bs, be = fields.bookmark(name, ids.next())
        ppr = p.find(qn("w:pPr"))
        (ppr if ppr is not None else p[0]).addnext(bs)
        p.append(be)
        text = text_of(p).strip()
        if level == 1 and not in_appendix:
            text = re.sub(r"^BAB\s+[IVXLCDM]+\s*", "", text)
        number = "" if in_appendix else _heading_number(level, counters, scheme)
        out.append(Heading(level, number, text, name, p, counters[1]))
    return out


def _heading_number(level: int, c: list[int], scheme: str) -> str:
    if level == 1:
        return f"BAB {roman(c[1])}"
    if level > 4:
        return ""
    if scheme == "alpha":
        return {2: f"{chr(64 + c[2])}." if c[2] <= 26 else f"{c[2]}.", 3: f"{c[3]}.",
                4: f"{chr(96 + c[4])}." if c[4] <= 26 else f"{c[4]}."}[level]
    return ".".join(str(c[n]) for n in range(1, level + 1))


def set_heading_numbering(doc, house: HouseStyles, scheme: str, first_bab: int = 1) -> None:
    """Make the house heading list show 1.1/1.1.1 (decimal) or A./1./a. (alpha), counting chapters from
    ``first_bab`` (a Buku 2 that opens with BAB IV shows 4.1, not 1.1)."""
    style = doc.styles.element
    num_ids = xp(style, f"w:style[@w:styleId='{house.heading(2)}']/w:pPr/w:numPr/w:numId/@w:val")
    if not num_ids:
        return
    numbering = doc.part.numbering_part.element
    abs_ids = xp(numbering, f"w:num[@w:numId='{num_ids[0]}']/w:abstractNumId/@w:val")
    if not abs_ids:
        return
    formats = {
        "decimal": {1: ("decimal", "%1.%2"), 2: ("decimal", "%1.%2.%3"), 3: ("decimal", "%1.%2.%3.%4")},
        "alpha": {1: ("upperLetter", "%2."), 2: ("decimal", "%3."), 3: ("lowerLetter", "%4.")},
    }[scheme]
    for lvl in xp(numbering, f"w:abstractNum[@w:abstractNumId='{abs_ids[0]}']/w:lvl"):
        ilvl = int(lvl.get(qn("w:ilvl")))
        start = lvl.find(qn("w:start"))
        if ilvl == 0 and start is not None:
            start.set(qn("w:val"), str(first_bab))
        if ilvl in formats:
            fmt, text = formats[ilvl]
            lvl.find(qn("w:numFmt")).set(qn("w:val"), fmt)
            lvl.find(qn("w:lvlText")).set(qn("w:val"), text)


# -- captions ------------------------------------------------------------------------
def number_captions(body, start, house: HouseStyles, headings: list[Heading], ids) -> list[Caption]:
    """Turn every caption into 'Tabel 4.2' / 'Gambar 3.1' with a SEQ field, numbered per chapter."""
    chapter_of = {h.element: h.chapter for h in headings if h.level == 1}
    roles = caption_roles(house.styles)
    source_style = house.find("Sumber", "paragraph")
    counts = {"Tabel": 0, "Gambar": 0}
    chapter = 0
    out: list[Caption] = []
    for p in _paragraphs_from(body, start):
        if p in chapter_of:
            chapter = chapter_of[p]
            counts = {"Tabel": 0, "Gambar": 0}
            continue
        text = text_of(p)
        if source_style and SOURCE_LINE.match(text):
            _set_style(p, source_style)
            continue
        kind = caption_kind(p, roles)
        if not kind or p.getparent() is not body:
            continue
        counts[kind] += 1
        n = counts[kind]
        name = f"_RefMP{kind[0]}{chapter:02d}_{n:03d}"
        clean = strip_typed(text)
        _rewrite_caption(p, house, kind, chapter, n, name, clean, first=(n == 1), bid=ids.next())
        out.append(Caption(kind, f"{chapter}.{n}", clean, name, p))
    return out


def _rewrite_caption(p, house, kind, chapter, n, name, clean, first, bid) -> None:
    style = house.find("Table Caption" if kind == "Tabel" else "Image Caption", "paragraph") \
        or house.find("Caption", "paragraph")
    kept = xp(p, ".//w:bookmarkStart | .//w:bookmarkEnd")  # authors' cross-reference targets
    for child in list(p):
        if child.tag != qn("w:pPr"):
            p.remove(child)
    _set_style(p, style)
    for bm in kept:
        if bm.tag == qn("w:bookmarkStart"):
            p.append(bm)
    reset = " \\r 1" if first else ""
    bs, be = fields.bookmark(name, bid)
    p.append(bs)
    p.append(fields.run(f"{kind} {chapter}."))
    for r in fields.field(f"SEQ {kind} \\* ARABIC \\s 1{reset}", str(n)):
        p.append(r)
    p.append(be)
    p.append(fields.run(f" {clean}"))
    for bm in kept:
        if bm.tag == qn("w:bookmarkEnd"):
            p.append(bm)


def _set_style(p, style_id: str) -> None:
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = w_el("pPr")
        p.insert(0, ppr)
    ps = ppr.find(qn("w:pStyle"))
    if ps is None:
        ps = w_el("pStyle")
        ppr.insert(0, ps)
    ps.set(qn("w:val"), style_id)


def _paragraphs_from(body, start):
    started = start is None
    for el in body:
        if el is start:
            started = True
        if started and el.tag == qn("w:p"):
            yield el


@dataclass
class Place:
    """Where a top-level table sits: the fragment mark before it, its number there, the heading above."""

    mark: str | None
    table: int
    heading: object | None


def table_places(body, tables: list, mark_prefix: str, headings: set) -> dict:
    """A :class:`Place` for each of ``tables`` (top-level ``w:tbl``), from one pass over the body."""
    wanted = set(tables)
    out = {}
    mark, count, heading = None, 0, None
    for el in body:
        if el.tag in (qn("w:p"), qn("w:bookmarkStart")):  # a fragment opening with a table: its mark before it
            if el in headings:
                heading = el
            for bs in el.iter(qn("w:bookmarkStart")):
                if bs.get(qn("w:name"), "").startswith(mark_prefix):
                    mark, count = bs.get(qn("w:name")), 0
        elif el.tag == qn("w:tbl"):
            count += 1
            if el in wanted:
                out[el] = Place(mark, count, heading)
    return out


# -- sections ------------------------------------------------------------------------
def fix_sections(body, start, paper: str) -> None:
    """Give every section the house paper and margins; number the body from 1.

    Front matter keeps its own numbering (roman, from the master). Each body
    section gets the body's header and footer; a landscape section stays
    landscape with the width and height swapped.
    """
    final = body.find(qn("w:sectPr"))
    refs = [r for r in final if r.tag in (qn("w:headerReference"), qn("w:footerReference"))]
    margins = final.find(qn("w:pgMar"))
    width, height = PAPER_TWIPS[paper]
    in_body = False
    body_sects = []
    p_tag, ppr, sectpr = qn("w:p"), qn("w:pPr"), qn("w:sectPr")
    for el in body:
        if el is start:
            in_body = True
        props = el.find(ppr) if el.tag == p_tag else None
        for s in props.findall(sectpr) if props is not None else []:
            if in_body:
                body_sects.append(s)
            else:
                _set_page(s, width, height, None)
                for fp in s.findall(qn("w:footnotePr")):
                    s.remove(fp)
    body_sects.append(final)
    for i, s in enumerate(body_sects):
        _set_page(s, width, height, margins)
        for r in list(s):
            # Footnotes are numbered through the book. pandoc's reference doc asks for a restart in
            # each section, which LibreOffice applies per chapter and prints every later note as 0.
            if r.tag in (qn("w:headerReference"), qn("w:footerReference"), qn("w:titlePg"), qn("w:pgNumType"),
                         qn("w:footnotePr")):
                s.remove(r)
        for r in refs:
            schema.insert(s, _clone(r))
        pg = w_el("pgNumType", fmt="decimal")
        if i == 0:
            pg.set(qn("w:start"), "1")
        schema.insert(s, pg)


def is_landscape(sect) -> bool:
    """True for a section set landscape (by its orientation, or by a page wider than tall)."""
    pgsz = sect.find(qn("w:pgSz"))
    return pgsz is not None and (pgsz.get(qn("w:orient")) == "landscape"
                                 or int(pgsz.get(qn("w:w"), "0")) > int(pgsz.get(qn("w:h"), "1")))


def text_width(sect, landscape: bool = False) -> int:
    """The width (twips) between a section's margins; ``landscape`` asks for the width once turned."""
    pgsz, mar = sect.find(qn("w:pgSz")), sect.find(qn("w:pgMar"))
    w = int(pgsz.get(qn("w:w"), "11906")) if pgsz is not None else 11906
    h = int(pgsz.get(qn("w:h"), "16838")) if pgsz is not None else 16838
    width = max(w, h) if landscape else w
    if mar is not None:
        width -= int(mar.get(qn("w:left"), "1440")) + int(mar.get(qn("w:right"), "1440"))
    return width


def _set_page(sect, width, height, margins) -> bool:
    pgsz = sect.find(qn("w:pgSz"))
    landscape = is_landscape(sect)
    if pgsz is None:
        pgsz = w_el("pgSz")
        schema.insert(sect, pgsz)
    pgsz.attrib.clear()
    pgsz.set(qn("w:w"), str(height if landscape else width))
    pgsz.set(qn("w:h"), str(width if landscape else height))
    if landscape:
        pgsz.set(qn("w:orient"), "landscape")
    if margins is not None:
        old = sect.find(qn("w:pgMar"))
        new = _clone(margins)
        if old is not None:
            old.addprevious(new)
            sect.remove(old)
        else:
            pgsz.addnext(new)
    return landscape


def _clone(el):
    from copy import deepcopy
    return deepcopy(el)
