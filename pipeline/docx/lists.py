"""Daftar Isi, Daftar Tabel and Daftar Gambar: entries with PAGEREF fields, inside TOC fields for Word."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.docx import fields
from pipeline.docx import schema
from pipeline.docx.book import PAPER_TWIPS, Caption, Heading
from pipeline.docx.ns import qn, sub, text_of, w_el
from pipeline.docx.styles import HouseStyles

MARKERS = {"toc": "[[MP:DAFTAR_ISI]]", "tables": "[[MP:DAFTAR_TABEL]]", "figures": "[[MP:DAFTAR_GAMBAR]]"}
TOC_LEVELS = 3


@dataclass
class Entry:
    style: str
    label: str
    text: str
    bookmark: str


def toc_entries(house: HouseStyles, headings: list[Heading], captions: list[Caption]) -> dict[str, list[Entry]]:
    """The entries of the three lists, in book order."""
    toc = [Entry(house.find(f"toc {h.level}", "paragraph") or "TOC1", h.number, h.text, h.bookmark)
           for h in headings if h.level <= TOC_LEVELS]
    tof = house.find("table of figures", "paragraph") or house.BODY
    return {
        "toc": toc,
        "tables": [Entry(tof, f"Tabel {c.number}", c.text, c.bookmark) for c in captions if c.kind == "Tabel"],
        "figures": [Entry(tof, f"Gambar {c.number}", c.text, c.bookmark) for c in captions if c.kind == "Gambar"],
    }


TOC_SWITCHES = {"toc": 'TOC \\o "1-3" \\h \\z \\u', "tables": 'TOC \\h \\z \\c "Tabel"',
                "figures": 'TOC \\h \\z \\c "Gambar"'}


def fill_lists(body, start, entries: dict[str, list[Entry]], pages: dict[str, str] | None,
               *, wrap: bool, text_width: int, empty_text: str) -> list[tuple[object, list]]:
    """Replace each marker paragraph in the front matter with its list.

    Each entry is a paragraph with the label, the text, a dotted right tab and
    a PAGEREF field to the bookmark, showing ``pages[bookmark]`` when known.
    With ``wrap`` the entries sit inside a TOC field, so Word can refresh them
    (F9); LibreOffice needs them unwrapped to compute page numbers itself.
    Returns (marker paragraph, list paragraphs) pairs for :func:`unfill`.
    """
    filled = []
    for key, marker in MARKERS.items():
        target = next((p for p in _front_paragraphs(body, start) if text_of(p).strip() == marker), None)
        if target is None:
            continue
        items = entries.get(key, [])
        paras = [_entry_paragraph(e, (pages or {}).get(e.bookmark, ""), text_width) for e in items]
        if not paras:
            paras = [fields.paragraph(None, fields.run(empty_text))]
        if wrap:
            first_ppr = paras[0].find(qn("w:pPr"))
            anchor = first_ppr if first_ppr is not None else None
            for r in reversed(fields.field_begin(TOC_SWITCHES[key], dirty=pages is None)):
                if anchor is not None:
                    anchor.addnext(r)
                else:
                    paras[0].insert(0, r)
            paras[-1].append(fields.field_end())
        for p in paras:
            target.addprevious(p)
        target.getparent().remove(target)
        filled.append((target, paras))
    return filled


def unfill(filled: list[tuple[object, list]]) -> None:
    """Put the marker paragraphs back in place of lists :func:`fill_lists` made."""
    for marker, paras in filled:
        paras[0].addprevious(marker)
        for p in paras:
            p.getparent().remove(p)


def _entry_paragraph(e: Entry, page: str, text_width: int):
    p = fields.paragraph(e.style)
    ppr = p.find(qn("w:pPr"))
    tabs = sub(ppr, "tabs")
    sub(tabs, "tab", val="right", leader="dot", pos=text_width)
    p.append(fields.run(f"{e.label}  " if e.label else ""))
    p.append(fields.run(e.text))
    p.append(fields.tab())
    for r in fields.field(f"PAGEREF {e.bookmark} \\h", page):
        p.append(r)
    return p


def _front_paragraphs(body, start):
    for el in body:
        if el is start:
            return
        if el.tag == qn("w:p"):
            yield el


def text_width(body, paper: str) -> int:
    """Usable width in twips of a portrait page."""
    final = body.find(qn("w:sectPr"))
    mar = final.find(qn("w:pgMar"))
    left = int(mar.get(qn("w:left"), "1440")) if mar is not None else 1440
    right = int(mar.get(qn("w:right"), "1440")) if mar is not None else 1440
    return PAPER_TWIPS[paper][0] - left - right


def request_field_update(doc) -> None:
    """Ask Word to refresh fields when the file is opened (used when no PDF pass ran)."""
    settings = doc.settings.element
    if settings.find(qn("w:updateFields")) is None:
        schema.insert(settings, w_el("updateFields", val="true"))
