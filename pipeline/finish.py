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
from pipeline.docx import lists as L

EMPTY_LIST = "(tidak ada)"


@dataclass
class Finished:
    docx_bytes: bytes
    pdf: Path | None
    pages: dict[str, str]
    page_count: int


def finish(book: Assembled, *, paper: str, work: Path, pdf: bool) -> Finished:
    """Produce the final .docx bytes and, when asked, the PDF in ``work``."""
    width = L.text_width(book.document.element.body, paper)
    if not pdf:  # one variant only: fill the book itself
        L.fill_lists(book.document.element.body, book.start, book.entries, None, wrap=True, text_width=width,
                     empty_text=EMPTY_LIST)
        L.request_field_update(book.document)
        return Finished(_bytes(book.document), None, {}, 0)
    base = io.BytesIO()
    book.document.save(base)
    variant = _reload(base)
    L.fill_lists(variant.element.body, _start_of(variant, book), book.entries, None, wrap=False,
                 text_width=width, empty_text=EMPTY_LIST)
    variant_path = work / "book-pdf-pass.docx"
    variant.save(str(variant_path))
    pdf_path = work / "book-pdf-pass.pdf"
    libreoffice.docx_to_pdf(variant_path, pdf_path)
    texts = poppler.page_texts(pdf_path)
    pages = read_list_pages(texts, book.entries)
    final = _reload(base)
    L.fill_lists(final.element.body, _start_of(final, book), book.entries, pages, wrap=True, text_width=width,
                 empty_text=EMPTY_LIST)
    return Finished(_bytes(final), pdf_path, pages, len(texts))


def read_list_pages(texts: list[str], entries: dict[str, list[L.Entry]]) -> dict[str, str]:
    """Bookmark -> page number as LibreOffice printed it in the PDF's own lists.

    The lists sit on the front-matter pages. Their text (without each page's
    footer number) is flattened; each entry is found by its own label and
    text, in order, and its page number is the last number before the next
    entry. Wrapped titles and missing dot leaders do not matter. When an entry
    cannot be found, nothing is returned and the .docx keeps empty cached
    results, which Word fills on open.
    """
    wanted = [e for key in ("toc", "tables", "figures") for e in entries.get(key, [])]
    blob = _flatten(texts)
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


def _flatten(texts: list[str]) -> str:
    """Front-matter text up to the first chapter page, without page-footer numbers."""
    kept: list[str] = []
    for page in texts:
        lines = [ln for ln in page.splitlines() if ln.strip()]
        if any(re.match(r"^\s*BAB I\s*$", ln) for ln in lines[:3]):
            break
        if lines and _FOOTER.match(lines[-1]):
            lines = lines[:-1]
        kept += lines
    return _norm(" ".join(kept))


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
