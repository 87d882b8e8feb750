"""Builders for Word fields, bookmarks and generated paragraphs (raw OOXML)."""

from __future__ import annotations

from lxml import etree

from pipeline.docx.ns import qn, sub, w_el


def run(text: str = "", *, bold: bool = False, br_before: bool = False) -> etree._Element:
    """A ``w:r`` with text (spaces preserved)."""
    r = w_el("r")
    if bold:
        sub(sub(r, "rPr"), "b")
    if br_before:
        sub(r, "br")
    if text:
        t = sub(r, "t")
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return r


def field(instr: str, cached: str, *, dirty: bool = False) -> list[etree._Element]:
    """The runs of a complex field ``{ instr }`` showing ``cached``."""
    return field_begin(instr, dirty=dirty) + [run(cached), field_end()]


def field_begin(instr: str, *, dirty: bool = False) -> list[etree._Element]:
    """Begin and separate runs of a field whose result spans several paragraphs (a TOC)."""
    begin = w_el("r")
    fc = sub(begin, "fldChar", fldCharType="begin")
    if dirty:
        fc.set(qn("w:dirty"), "true")
    code = w_el("r")
    it = sub(code, "instrText")
    it.text = f" {instr} "
    it.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    sep = w_el("r")
    sub(sep, "fldChar", fldCharType="separate")
    return [begin, code, sep]


def field_end() -> etree._Element:
    end = w_el("r")
    sub(end, "fldChar", fldCharType="end")
    return end


def paragraph(style: str | None, *children) -> etree._Element:
    """A ``w:p`` with an optional style and the given runs."""
    p = w_el("p")
    if style:
        sub(sub(p, "pPr"), "pStyle", val=style)
    for c in children:
        p.append(c)
    return p


def bookmark(name: str, bid: int) -> tuple[etree._Element, etree._Element]:
    """A bookmark start/end pair."""
    return w_el("bookmarkStart", id=bid, name=name), w_el("bookmarkEnd", id=bid)


def tab() -> etree._Element:
    r = w_el("r")
    sub(r, "tab")
    return r


