"""Issue 11: what staff put in real Word files reaches the book as words, and their covers do not.

Per-feature fragments (tests/wordidiom.py) replace one chapter of a copy of
the sample; the built book is read back with python-docx, and LibreOffice
must open it (the PDF is made).
"""

from __future__ import annotations

import zipfile

import docx
import pytest
from lxml import etree

import wordidiom as WI
from conftest import copy_sample, copy_short_sample
from pipeline import poppler
from pipeline.build import BuildOptions, build
from pipeline.config import load_config

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
META = {"opd": "kominfo", "section": "kesiapan-daerah", "title": "Kesiapan Daerah", "version": "3"}


def _fragment() -> bytes:
    d = WI.new(META)
    d.add_paragraph("Dinas Komunikasi dan Informatika", style="Title")
    d.add_paragraph("2.2 KESIAPAN DAERAH", style="Heading 1")
    d.add_paragraph("Kondisi Saat Ini", style="Heading 2")
    p = d.add_paragraph("Jaringan serat optik menjangkau 18 kecamatan.")
    WI.add_endnote(d, p, "Data Diskominfo per Desember 2021.")
    box = d.add_paragraph("Perhatikan catatan berikut.")
    WI.add_text_box(d, box, ["Sebanyak 42 desa belum terjangkau sinyal 4G.", "Target tuntas 2024."])
    d.add_paragraph("Struktur Tim", style="Heading 2")
    art = d.add_paragraph("Susunan tim digambarkan berikut.")
    WI.add_smartart(d, art, [("Ketua Tim Pelaksana", ["Sekretaris", "Bidang Infrastruktur"]), ("Dewan Smart City", [])])
    return WI.save(d)


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    proj = copy_short_sample(tmp_path_factory.mktemp("nyata") / "proyek")  # BAB II, where the file goes, is in it
    (proj / "chapters" / "bab-02" / "kesiapan-daerah.kominfo.docx").write_bytes(_fragment())
    cfg = load_config(proj)
    result = build(cfg, BuildOptions(out_dir=proj / "build"))
    return proj, result


def _paragraphs(path):
    d = docx.Document(str(path))
    return [(p.style.name, p.text) for p in d.paragraphs], d


def test_restated_title_and_cover_are_folded(book):
    _, result = book
    paras, _ = _paragraphs(result.docx)
    texts = [t for _, t in paras]
    start = texts.index("Kesiapan Daerah")  # the section heading the pipeline writes
    after = paras[start + 1:start + 3]
    assert after[0] == ("Heading 3", "Kondisi Saat Ini"), after  # 2.2.1, not 2.2.1.1 under a repeated title
    assert "KESIAPAN DAERAH" not in texts and "2.2 KESIAPAN DAERAH" not in texts
    kominfo = [t for s, t in paras[start:start + 12] if t == "Dinas Komunikasi dan Informatika"]
    assert not kominfo
    codes = {d.code for d in result.validation.diagnostics if d.file.endswith("kesiapan-daerah.kominfo.docx")}
    assert {"MP-W210"} <= codes


def test_text_box_and_smartart_words_reach_the_book(book):
    _, result = book
    paras, _ = _paragraphs(result.docx)
    styles = dict((t, s) for s, t in paras)
    assert styles["Sebanyak 42 desa belum terjangkau sinyal 4G."] not in ("Body Text", "Normal")
    texts = [t for _, t in paras]
    assert texts.count("Sebanyak 42 desa belum terjangkau sinyal 4G.") == 1  # Choice and Fallback: once
    i = texts.index("Ketua Tim Pelaksana")
    assert texts[i:i + 4] == ["Ketua Tim Pelaksana", "Sekretaris", "Bidang Infrastruktur", "Dewan Smart City"]
    d = docx.Document(str(result.docx))
    levels = {p.text: p._p.find(f"{W}pPr/{W}numPr/{W}ilvl").get(f"{W}val") for p in d.paragraphs
              if p.text in ("Ketua Tim Pelaksana", "Sekretaris")}
    assert levels == {"Ketua Tim Pelaksana": "0", "Sekretaris": "1"}
    codes = {d.code for d in result.validation.diagnostics if d.file.endswith("kesiapan-daerah.kominfo.docx")}
    assert {"MP-W506", "MP-W507"} <= codes and "MP-W501" not in codes


def test_endnote_becomes_a_footnote_and_libreoffice_opens_the_book(book):
    _, result = book
    with zipfile.ZipFile(result.docx) as z:
        document = z.read("word/document.xml")
        footnotes = etree.fromstring(z.read("word/footnotes.xml"))
        names = set(z.namelist())
    assert b"endnoteReference" not in document and "word/endnotes.xml" not in names
    notes = {n.get(f"{W}id"): "".join(t.text or "" for t in n.iter(f"{W}t")) for n in footnotes.iter(f"{W}footnote")}
    refs = etree.fromstring(document).iter(f"{W}footnoteReference")
    ids = [r.get(f"{W}id") for r in refs]
    assert ids and all(i in notes for i in ids)
    assert any("Data Diskominfo per Desember 2021." in notes[i] for i in ids)
    assert result.pdf is not None and poppler.page_count(result.pdf) > 30
    pages = poppler.page_texts(result.pdf)
    assert "42 desa belum terjangkau" in "\n".join(pages)
    lines = [ln.strip() for ln in "\n".join(pages).splitlines() if ln.strip()]
    at = next(i for i, ln in enumerate(lines) if ln.endswith("Data Diskominfo per Desember 2021."))
    number = str(ids.index(next(i for i in ids if "Data Diskominfo" in notes[i])) + 1)
    assert lines[at] == f"{number} Data Diskominfo per Desember 2021." or lines[at - 1] == number  # numbered in book order


PROFILE = {"Nama": "Layanan Izin Daring Satu Hari", "Dimensi": "Smart Governance", "Elemen": "Pelayanan",
           "Latar Belakang": "Izin usaha mikro selesai rata-rata dalam 14 hari.",
           "Tujuan": "Izin usaha mikro selesai dalam satu hari kerja.", "Sasaran": "Pelaku usaha mikro",
           "Tahapan": "Integrasi OSS, pelatihan petugas, peluncuran", "Lokasi": "Mal Pelayanan Publik",
           "Waktu": "2023", "OPD Penanggung Jawab": "Diskominfo", "OPD Pendukung": "DPMPTSP",
           "Indikasi Biaya (Rp)": "Rp 450.000.000", "Sumber Dana": "APBD", "Output": "Aplikasi izin daring",
           "Outcome": "Waktu layanan izin turun dari 14 hari menjadi 1 hari"}


@pytest.mark.parametrize("keep_guidance", [False, True], ids=["petunjuk-dihapus", "petunjuk-tertinggal"])
def test_filled_forms_leave_their_cover_out_of_the_book(tmp_path, keep_guidance):
    from pipeline.workflow.forms import make_forms

    proj = copy_sample(tmp_path / "proyek")
    cfg = load_config(proj)
    forms = {p.name: p for p in make_forms(cfg, tmp_path / "formulir", "kominfo")}
    section = WI.fill_form(forms["pola-pikir.kominfo.docx"].read_bytes(), keep_guidance=keep_guidance,
                           texts={"Uraian": "Pusat data daerah dibangun di Pematang Raya dengan kapasitas 20 rak."})
    quick = WI.fill_form(forms["quick-win.kominfo.docx"].read_bytes(), keep_guidance=keep_guidance,
                         texts={"Uraian": "Quick win Diskominfo memangkas waktu layanan izin."}, cells=PROFILE)
    for old in ("bab-07/pola-pikir.kominfo.md", "bab-09/quick-win.kominfo.md"):
        (proj / "chapters" / old).unlink()
    (proj / "chapters" / "bab-07" / "pola-pikir.kominfo.docx").write_bytes(section)
    (proj / "chapters" / "bab-09" / "quick-win.kominfo.docx").write_bytes(quick)
    result = build(load_config(proj), BuildOptions(out_dir=proj / "build", pdf=False, draft=keep_guidance))
    book_doc = docx.Document(str(result.docx))
    joined = "\n".join([p.text for p in book_doc.paragraphs]
                       + [c.text for t in book_doc.tables for r in t.rows for c in r.cells])
    assert "KERTAS KERJA MASTERPLAN SMART CITY" not in joined
    assert "Batas waktu pengiriman" not in joined
    assert "BAB VII — Pola Pikir dan Komunitas" not in joined and "BAB IX — Program Quick Win" not in joined
    assert "Pusat data daerah dibangun di Pematang Raya dengan kapasitas 20 rak." in joined
    assert "Layanan Izin Daring Satu Hari" in joined
    covers = [d for d in result.validation.diagnostics if d.code == "MP-W211"]
    assert {d.file.rsplit("/", 1)[-1] for d in covers} == {"pola-pikir.kominfo.docx", "quick-win.kominfo.docx"}


POISON = "RACUN-UNTUK-LIBREOFFICE"


@pytest.fixture
def picky_office(monkeypatch):
    """LibreOffice as it behaves on a file it cannot load: no PDF, no reason (here: a marker text)."""
    from pipeline import libreoffice
    from pipeline.errors import DocumentRefused

    real = libreoffice._convert
    calls = []

    def convert(exe, src, dest, profile):
        calls.append(src)
        with zipfile.ZipFile(src) as z:
            if POISON.encode() in z.read("word/document.xml"):
                raise DocumentRefused(f"LibreOffice could not convert {src.name} to PDF: source file could not be loaded")
        return real(exe, src, dest, profile)

    monkeypatch.setattr(libreoffice, "_convert", convert)
    return calls


def test_a_book_libreoffice_refuses_names_the_file(tmp_path, picky_office):
    from pipeline.errors import ContentError

    proj = copy_short_sample(tmp_path / "proyek")  # a shorter book: quicker trials
    bad = proj / "chapters" / "bab-07" / "pola-pikir.kominfo.md"
    bad.write_text(bad.read_text(encoding="utf-8") + f"\n\nParagraf {POISON}.\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        build(load_config(proj), BuildOptions(out_dir=proj / "build"))
    assert caught.value.exit_code == 1
    assert [(d.code, d.file) for d in caught.value.diagnostics] == [("MP-E508", "chapters/bab-07/pola-pikir.kominfo.md")]
    assert len(set(picky_office)) <= 1 + 2 * 4  # halves of halves (9 fragments: 4 levels), not one book each
    picky_office.clear()
    draft = build(load_config(proj), BuildOptions(out_dir=proj / "build", draft=True))
    assert len(set(picky_office)) == 1  # the verdict is remembered: no second search
    assert draft.pdf is not None and draft.left_out == ["chapters/bab-07/pola-pikir.kominfo.md"]
    assert "BERKAS DITOLAK" in "\n".join(poppler.page_texts(draft.pdf))


def test_a_book_without_programmes_draws_no_empty_charts(tmp_path):
    from click.testing import CliRunner

    from pipeline.cli import main
    from pipeline.generate import NO_DATA

    runner = CliRunner()
    proj = tmp_path / "toba"
    assert runner.invoke(main, ["init", str(proj), "--region", "Kabupaten Toba", "--period", "2025-2029"]).exit_code == 0
    with _no_warning_printed() as printed:
        got = runner.invoke(main, ["build", "--project", str(proj), "--no-pdf"])
    assert got.exit_code == 0, got.output
    assert "Warning" not in got.output and "xlim" not in got.output and not printed
    book = docx.Document(str(proj / "build" / "masterplan-smart-city-toba.docx"))
    texts = [p.text for p in book.paragraphs]
    assert texts.count(NO_DATA) == 3  # two budget charts and the Gantt chart
    assert not any(t.endswith("Indikasi Anggaran per Dimensi") for t in texts)
    assert not any("Bagan Waktu Program" in t for t in texts)


class _no_warning_printed:
    """Collects what Python's warning machinery would have printed to the terminal."""

    def __enter__(self):
        import warnings

        self._saved = warnings.showwarning
        self.printed: list[str] = []
        warnings.showwarning = lambda *a, **k: self.printed.append(str(a[0]))
        return self.printed

    def __exit__(self, *exc):
        import warnings

        warnings.showwarning = self._saved
