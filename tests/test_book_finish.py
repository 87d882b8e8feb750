"""Issue 4: numbering, captions, cross-references, lists with page numbers, sections."""

from __future__ import annotations

import re
import subprocess

import docx
import pytest

from pipeline import poppler
from pipeline.docx.book import roman
from pipeline.docx.ns import qn, xp

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def pages(sample_build):
    return poppler.page_texts(sample_build["pdf"])


@pytest.fixture(scope="module")
def book(sample_build):
    return docx.Document(str(sample_build["docx"]))


def _flat(s: str) -> str:
    return re.sub(r"\s+", " ", s)


def _body_start(pages) -> int:
    """Index of the physical page where BAB I starts (after the front matter)."""
    return next(i for i, p in enumerate(pages) if re.search(r"^\s*BAB I\s*$", p, re.M))


def test_heading_numbers_in_pdf(pages):
    text = _flat(" ".join(pages))
    for expected in ("1.1 Latar Belakang", "1.1.1 Latar Belakang Umum", "2.1.2 Kependudukan",
                     "4.1 Smart Governance", "4.1.1 Kondisi Tata Kelola Pemerintahan Saat Ini",
                     "10.1 Penutup"):
        assert expected in text, expected


def test_typed_heading_numbers_are_not_doubled(tmp_path):
    """A heading typed with its number ("4.1.1 Kondisi ...") prints the book's number once."""
    from conftest import copy_short_sample
    from pipeline import poppler
    from pipeline.build import BuildOptions, build
    from pipeline.config import load_config

    proj = copy_short_sample(tmp_path / "proyek")  # BAB X is in it
    page = proj / "chapters" / "bab-10" / "penutup.bappeda.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + "\n\n# 10.1.9 Tindak Lanjut Bersama\n\nIsi tindak lanjut.\n", encoding="utf-8")
    result = build(load_config(proj), BuildOptions(out_dir=proj / "build"))
    flat = _flat(" ".join(poppler.page_texts(result.pdf)))
    assert "Tindak Lanjut Bersama" in flat and "10.1.9" not in flat
    assert any(d.code == "MP-W205" for d in result.validation.diagnostics)


def test_captions_are_seq_fields_numbered_per_chapter(book, pages):
    instr = [t.text.strip() for t in book.element.body.iter(W + "instrText")]
    seq_tables = [i for i in instr if i.startswith("SEQ Tabel")]
    seq_figures = [i for i in instr if i.startswith("SEQ Gambar")]
    assert len(seq_tables) >= 20 and len(seq_figures) >= 6
    text = _flat(" ".join(pages))
    for label in ("Tabel 2.1 Jumlah Penduduk", "Gambar 2.1 Penduduk Dua Belas", "Tabel 4.1 Kondisi Aplikasi",
                  "Gambar 4.1 Kunjungan Wisatawan", "Gambar 6.1 Cakupan Sinyal", "Tabel 8.1 Rencana Aksi"):
        assert label in text, label


def test_source_lines_keep_their_style(book):
    sources = [p for p in book.paragraphs if p.text.startswith("Sumber:")]
    assert sources and all(p.style.name == "Sumber" for p in sources)


def test_cross_references_are_ref_fields(book, pages):
    instr = [t.text.strip() for t in book.element.body.iter(W + "instrText")]
    assert sum(i.startswith("REF ") for i in instr) >= 6
    text = _flat(" ".join(pages))
    assert "rincian per kecamatan pada Tabel 2.1 dan uraian kependudukan pada subbab 2.1.2" in text
    assert "misalnya Tabel 4.2 untuk Smart Governance" in text
    assert "@tbl:" not in text and "@sec:" not in text


def test_toc_lists_every_heading_with_cached_pages(book):
    toc = [p.text for p in book.paragraphs if p.style.name.lower().startswith("toc")]
    assert len(toc) > 60
    assert all(re.search(r"\t\d+$", t) for t in toc), [t for t in toc if not re.search(r"\t\d+$", t)][:3]
    instr = [t.text.strip() for t in book.element.body.iter(W + "instrText")]
    assert 'TOC \\o "1-3" \\h \\z \\u' in instr
    assert 'TOC \\h \\z \\c "Tabel"' in instr and 'TOC \\h \\z \\c "Gambar"' in instr
    assert sum(i.startswith("PAGEREF _TocMP") for i in instr) == len(toc)


def test_pdf_toc_page_numbers_match_real_pages(pages):
    """The page the Daftar Isi gives equals the page on which the heading is printed."""
    start = _body_start(pages)
    toc_lines = []
    for page in pages[:start]:
        for line in page.splitlines():
            m = re.match(r"^\s*(\d+(?:\.\d+)+)\s+(.+?)\.{3,}\s*(\d+)\s*$", line)
            if m:
                toc_lines.append((m.group(1), m.group(2).strip(), int(m.group(3))))
    assert len(toc_lines) >= 40
    checked = 0
    for number, title, page_no in toc_lines:
        printed = _flat(pages[start + page_no - 1])
        assert f"{number} {title}" in printed, (number, title, page_no)
        checked += 1
    assert checked >= 5


def test_docx_cached_pages_equal_pdf(book, pages):
    start = _body_start(pages)
    entries = [p.text for p in book.paragraphs if p.style.name.lower() in ("toc 2", "toc 3")]
    for entry in entries[:30]:
        label, rest = entry.split("  ", 1)
        title, page_no = rest.rsplit("\t", 1)
        assert f"{label} {title[:25]}" in _flat(pages[start + int(page_no) - 1]), entry


def test_landscape_pages_between_portrait(sample_build):
    out = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(sample_build["pdf"])],
                         capture_output=True, text=True).stdout
    sizes = [tuple(float(x) for x in m) for m in re.findall(r"size:\s+([\d.]+) x ([\d.]+)", out)]
    landscape = [i for i, (w, h) in enumerate(sizes) if w > h]
    assert landscape, "no landscape page"
    first, last = landscape[0], landscape[-1]
    assert sizes[first - 1][0] < sizes[first - 1][1] and sizes[last + 1][0] < sizes[last + 1][1]
    assert all(abs(w - 595.3) < 1 or abs(w - 841.9) < 1 for w, _ in sizes)  # A4 throughout


def test_front_matter_roman_body_arabic(pages):
    start = _body_start(pages)
    footers = [next((ln.strip() for ln in reversed(p.splitlines()) if ln.strip()), "") for p in pages]
    assert footers[1:start] == [roman(n).lower() for n in range(1, start)]
    assert footers[start] == "1" and footers[start + 1] == "2"
    assert "Masterplan Smart City" not in pages[0]  # no running header on the cover


def test_each_bab_starts_a_page(pages):
    for n in ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"):
        assert any(re.search(rf"^\s*BAB {n}\s*$", p.split("\n", 3)[-1][:400], re.M) for p in pages), n


def test_bookmarks_unique_and_provenance(book):
    names = [b.get(qn("w:name")) for b in book.element.body.iter(qn("w:bookmarkStart"))]
    ids = [b.get(qn("w:id")) for b in book.element.body.iter(qn("w:bookmarkStart"))]
    assert len(names) == len(set(names)) and len(ids) == len(set(ids))
    assert sum(n.startswith("mp_src_") for n in names) >= 20
    assert book.core_properties.title == "Masterplan Smart City Kabupaten Simalungun"


def test_comment_and_revision_free(book):
    body = book.element.body
    assert not xp(body, ".//w:commentRangeStart | .//w:commentReference | .//w:ins | .//w:del")
