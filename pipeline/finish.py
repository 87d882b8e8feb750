"""Stage 5: fill the Daftar Isi/Tabel/Gambar, lay out the PDF, and write page numbers back.

LibreOffice does not refresh TOC fields, but it does compute PAGEREF fields
while laying out a PDF. So the PDF is made from a variant whose list entries
are plain paragraphs with PAGEREF fields; the page numbers LibreOffice printed
are read back from the PDF and stored as the cached results in the .docx,
where the same entries sit inside TOC fields that Word can refresh (F9).
One LibreOffice pass in all.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import docx

from pipeline import libreoffice, poppler
from pipeline.assemble import Assembled
from pipeline.docx import book as B

_ENTRY_END = re.compile(r"(?:\.{3,}|…+|\s{2,})\s*([0-9]+|[ivxlcdm]+)\s*$")
EMPTY_LIST = "(tidak ada)"


@dataclass
class Finished:
    docx_bytes: bytes
    pdf: Path | None
    pages: dict[str, str]
    page_count: int


def finish(book: Assembled, *, paper: str, work: Path, pdf: bool) -> Finished:
    """Produce the final .docx bytes and, when asked, the PDF in ``work``."""
    base = io.BytesIO()
    book.document.save(base)
    width = B.text_width(book.document.element.body, paper)
    if not pdf:
        doc = _reload(base)
        B.fill_lists(doc.element.body, _start_of(doc, book), book.entries, None, wrap=True, text_width=width,
                     empty_text=EMPTY_LIST)
        B.request_field_update(doc)
        return Finished(_bytes(doc), None, {}, 0)
    variant = _reload(base)
    B.fill_lists(variant.element.body, _start_of(variant, book), book.entries, None, wrap=False,
                 text_width=width, empty_text=EMPTY_LIST)
    variant_path = work / "book-pdf-pass.docx"
    variant.save(str(variant_path))
    pdf_path = work / "book-pdf-pass.pdf"
    libreoffice.docx_to_pdf(variant_path, pdf_path)
    texts = poppler.page_texts(pdf_path)
    pages = read_list_pages(texts, book.entries)
    final = _reload(base)
    B.fill_lists(final.element.body, _start_of(final, book), book.entries, pages, wrap=True, text_width=width,
                 empty_text=EMPTY_LIST)
    return Finished(_bytes(final), pdf_path, pages, len(texts))


def read_list_pages(texts: list[str], entries: dict[str, list[B.Entry]]) -> dict[str, str]:
    """Bookmark -> page number as printed in the PDF's own lists.

    Entries are printed in order, each ending with dot leaders and its page
    number, on the front-matter pages. Lines are collected in that order and
    matched one to one; when the counts disagree nothing is returned, and the
    .docx keeps empty cached results (Word refreshes them on open).
    """
    wanted = [e for key in ("toc", "tables", "figures") for e in entries.get(key, [])]
    found: list[str] = []
    for page in texts:
        if "BAB I" in page and found and len(found) >= len(wanted):
            break
        for line in page.splitlines():
            m = _ENTRY_END.search(line)
            if m and re.search(r"\.{3,}|…", line):
                found.append(m.group(1))
    if len(found) < len(wanted):
        return {}
    return {e.bookmark: n for e, n in zip(wanted, found)}


def _reload(buf: io.BytesIO):
    buf.seek(0)
    return docx.Document(io.BytesIO(buf.getvalue()))


def _bytes(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _start_of(doc, book: Assembled):
    """The BAB I heading in a reloaded copy: same position in the body as in the original."""
    index = list(book.document.element.body).index(book.start)
    return doc.element.body[index]
