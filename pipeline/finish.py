"""Stage 5: fill the Daftar Isi/Tabel/Gambar, lay out the PDF, and write page numbers back.

The PDF (PDF/A-2b, tagged, with an outline) is then checked for its fonts: a
fallback font or a configured font without a metric-compatible substitute
becomes a notice for the editor (:mod:`pipeline.fontcheck`).

LibreOffice does not refresh TOC fields, but it does compute PAGEREF fields
while laying out a PDF. So the PDF is made from a variant whose list entries
are plain paragraphs with PAGEREF fields; the page numbers LibreOffice printed
are read back from the PDF and stored as the cached results in the .docx,
where the same entries sit inside TOC fields that Word can refresh (F9).
One LibreOffice pass in all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path


from pipeline import fontcheck, libreoffice, poppler
from pipeline.assemble import Assembled
from pipeline.docx import lists as book_lists
from pipeline.messages import BOOK_LANGUAGE, ui
from pipeline.docx.house import bullet_fonts, named_fonts
from pipeline.docx.save import save, to_bytes



@dataclass
class Finished:
    docx_bytes: bytes
    pdf: Path | None
    pages: dict[str, str]
    page_count: int
    notices: list = field(default_factory=list)  # Diagnostic: editor's notes found while finishing


def finish(book: Assembled, *, paper: str, work: Path, office: libreoffice.Office | None = None) -> Finished:
    """Produce the final .docx bytes and, when asked, the PDF in ``work``.

    The PDF variant and the final book are the same document with different
    lists: the lists are filled, the variant saved, the lists taken out again
    (no copy of the book is ever parsed back). Without ``office`` (a started
    LibreOffice), no PDF is made.
    """
    body = book.document.element.body
    width = book_lists.text_width(body, paper)
    if office is None:  # one variant only
        book_lists.fill_lists(body, book.start, book.entries, None, wrap=True, text_width=width, empty_text=ui("book.empty_list", BOOK_LANGUAGE))
        book_lists.request_field_update(book.document)
        return Finished(_bytes(book.document), None, {}, 0)
    variant = book_lists.fill_lists(body, book.start, book.entries, None, wrap=False, text_width=width,
                           empty_text=ui("book.empty_list", BOOK_LANGUAGE))
    variant_path = work / "book-pdf-pass.docx"
    save(book.document, variant_path)
    book_lists.unfill(variant)
    pdf_path = work / "book-pdf-pass.pdf"
    office.convert(variant_path, pdf_path)
    fonts = poppler.FontsJob(pdf_path)  # reads every page: runs while the lists are filled and the book saved
    pages = read_list_pages(front_matter_texts(pdf_path, book.first_label), book.entries, book.first_label)
    book_lists.fill_lists(body, book.start, book.entries, pages, wrap=True, text_width=width, empty_text=ui("book.empty_list", BOOK_LANGUAGE))
    data = _bytes(book.document)
    found = fonts.result()
    notices = fontcheck.font_notices(found, book.fonts, named_fonts(book.document),
                                     bullet_fonts(book.document)) if book.fonts else []
    return Finished(data, pdf_path, pages, poppler.page_count(pdf_path), notices)


def front_matter_texts(pdf: Path, first: str = "BAB I", first_try: int = 40) -> list[str]:
    """The text of the pages before the first chapter (``first``: "BAB I", or "BAB IV" in a
    Buku 2), where the lists are, reading no further than needed.

    Reading a 400-page PDF whole took 0.5 s; its first 40 pages, 0.06 s.
    """
    texts = poppler.page_texts(pdf, last=first_try)
    if len(texts) < first_try or any(_is_chapter_start(t, first) for t in texts):
        return texts
    return poppler.page_texts(pdf)


def read_list_pages(texts: list[str], entries: dict[str, list[book_lists.Entry]],
                    first: str = "BAB I") -> dict[str, str]:
    """Bookmark -> page number as LibreOffice printed it in the PDF's own lists.

    The lists sit on the front-matter pages. Their text (without each page's
    footer number) is flattened; each entry is found by its own label and
    text, in order, and its page number is the last number before the next
    entry. Wrapped titles and missing dot leaders do not matter. When an entry
    cannot be found, nothing is returned and the .docx keeps empty cached
    results, which Word fills on open.
    """
    wanted = [e for key in ("toc", "tables", "figures") for e in entries.get(key, [])]
    blob = _flatten(texts, first)
    positions: list[tuple[int, int]] = []
    pos = 0
    for e in wanted:
        key = _norm(f"{e.label} {e.text}")[:40]
        idx = blob.find(key, pos)
        if idx < 0:
            return {}
        positions.append((idx, idx + len(key)))
        pos = idx + len(key)
    out: dict[str, str] = {}
    for i, e in enumerate(wanted):
        stop = positions[i + 1][0] if i + 1 < len(wanted) else len(blob)
        numbers = _NUMBER.findall(blob[positions[i][1]:stop])
        if not numbers:
            return {}
        out[e.bookmark] = numbers[-1]
    return out


_NUMBER = re.compile(r"(?<![\w.])([0-9]+|[ivxlcdm]+)(?![\w.])")
_FOOTER = re.compile(r"^\s*([0-9]+|[ivxlcdm]+)\s*$")


def _norm(text: str) -> str:
    text = re.sub(r"\.{2,}|…", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _is_chapter_start(page: str, first: str = "BAB I") -> bool:
    lines = [ln for ln in page.splitlines() if ln.strip()]
    return any(re.match(rf"^\s*{re.escape(first)}\s*$", ln) for ln in lines[:3])


def _flatten(texts: list[str], first: str = "BAB I") -> str:
    """Front-matter text up to the first chapter page, without page-footer numbers."""
    kept: list[str] = []
    for page in texts:
        lines = [ln for ln in page.splitlines() if ln.strip()]
        if _is_chapter_start(page, first):
            break
        if lines and _FOOTER.match(lines[-1]):
            lines = lines[:-1]
        kept += lines
    return _norm(" ".join(kept))


def _bytes(doc) -> bytes:
    return to_bytes(doc)
