"""Issue 11: headers as people build them, one caption recogniser, and the forms filled in as staff do."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

import realistic as R
from conftest import run_cli
from docxmaker import word_fragment
from pipeline import pandoc
from pipeline.config import load_config
from pipeline.discover import read_fragment
from pipeline.docx.captions import caption_kind, caption_roles, table_caption
from pipeline.docx.inspect import inspect_body
from pipeline.docx.styles import read_styles
from pipeline.programmes.dataset import build_dataset
from pipeline.programmes.extract import read_tables
from pipeline.workflow.intake import submit

META = {"title": "Uji", "opd": "kominfo", "section": "smart-governance", "version": "1"}
EXPECTED = [("Portal Layanan Publik Terpadu", "Pelayanan", [2023, 2024, 2025], 2_750_000_000),
            ("Naskah Dinas Elektronik Terpadu", "Birokrasi", [2023], 1_200_000_000),
            ("Perbup Satu Data Daerah", "Kebijakan", [2022], 150_000_000)]


def _dataset(project, path: Path):
    cfg = load_config(project)
    frag, _ = read_fragment(path, cfg)
    data = build_dataset([read_tables(frag)], cfg.config)
    return data, [(p.name, p.element, p.years, p.amount) for p in data.programmes]


# -- headers -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("group", ["above", "below"])
def test_a_two_row_header_is_one_header(project, group):
    path = R.governance_file(project / "chapters" / "uji.kominfo.docx", group=group)
    data, rows = _dataset(project, path)
    assert rows == EXPECTED
    assert data.diagnostics == []  # before: E308, E311 x4 and E321 for a programme named '?'
    assert {p.opd for p in data.programmes} == {"kominfo"}  # "Dinas Kominfo", "DISKOMINFO", the official name


def test_years_under_a_merged_header_keep_their_marks(project):
    def build(d):
        R.localise(d)
        R.caption(d, "Tabel 2 Jadwal Program")
        R.table_per_year(d, [["Satu Data Simalungun", {2023, 2024}, "Rp 500.000.000", "APBD", "Diskominfo"],
                             ["Command Center", {2025, 2026}, "2,5 miliar", "APBN", "Dinas Kominfo"]])
    path = word_fragment(project / "chapters" / "jadwal.kominfo.docx", META, build)
    data, rows = _dataset(project, path)
    assert data.diagnostics == []
    assert [(n, y, a) for n, _, y, a in rows] == [("Satu Data Simalungun", [2023, 2024], 500_000_000),
                                                 ("Command Center", [2025, 2026], 2_500_000_000)]


def test_markdown_header_rows_numbering_rows_and_repeats_are_not_data(project):
    table = ("Table: Jadwal Program {#tbl:jadwal}\n\n"
             "| No | Nama Program | Tahun Pelaksanaan | | | | | Indikasi Anggaran (Rp) | Sumber Dana | OPD |\n"
             "|---|---|---|---|---|---|---|---|---|---|\n"
             "| | | 2022 | 2023 | 2024 | 2025 | 2026 | | | |\n"
             "| (1) | (2) | (3) | (4) | (5) | (6) | (7) | (8) | (9) | (10) |\n"
             "| 1 | Satu Data Simalungun | | ● | ● | | | Rp 500.000.000 | APBD | Diskominfo |\n"
             "| No | Nama Program | Tahun Pelaksanaan | | | | | Indikasi Anggaran (Rp) | Sumber Dana | OPD |\n"
             "| 2 | Command Center | | | | ● | ● | 2,5 miliar | APBN | Dinas Kominfo |\n")
    path = project / "chapters" / "bab-04" / "smart-governance.disdukcapil.md"
    path.write_text("---\nopd: disdukcapil\nsection: smart-governance\ntitle: Uji\nversion: 1\n---\n\n" + table,
                    encoding="utf-8")
    data, rows = _dataset(project, path)
    assert data.diagnostics == []
    assert [(n, y) for n, _, y, _ in rows] == [("Satu Data Simalungun", [2023, 2024]), ("Command Center", [2025, 2026])]
    assert [p.line for p in data.programmes] == [14, 16]  # the rows' own lines, for messages


def test_title_rows_group_rows_and_merged_elements(project):
    head = ["No", "Elemen", "Nama Program", "Tahun Pelaksanaan", "Indikasi Anggaran (Rp)", "Sumber Dana",
            "Penanggung Jawab"]

    def build(d):
        R.caption(d, "Tabel 3 Program per Elemen")
        t = d.add_table(rows=7, cols=len(head))
        t.cell(0, 0).merge(t.cell(0, len(head) - 1)).text = "PROGRAM SMART GOVERNANCE 2022–2026"
        for c, text in enumerate(head):
            t.cell(1, c).text = text
        t.cell(2, 0).merge(t.cell(2, len(head) - 1)).text = "B. Elemen Birokrasi"
        for r, row in ((3, ["1", "Birokrasi", "Arsip Digital", "2024", "Rp 300.000.000", "APBD", "Diskominfo"]),
                       (4, ["2", "", "E-Kinerja ASN", "2025", "Rp 200.000.000", "APBD", "BKPSDM"]),
                       (6, ["3", "", "Perbup Data", "2022", "Rp 90.000.000", "APBD", "Bagian Hukum"])):
            for c, v in enumerate(row):
                t.cell(r, c).text = v
        t.cell(5, 0).merge(t.cell(5, len(head) - 1)).text = "C. Elemen Kebijakan"
        t.cell(3, 1).merge(t.cell(4, 1))  # one element cell merged down over two programmes
    path = word_fragment(project / "chapters" / "elemen.kominfo.docx", META, build)
    data, rows = _dataset(project, path)
    assert [(n, e) for n, e, _, _ in rows] == [("Arsip Digital", "Birokrasi"), ("E-Kinerja ASN", "Birokrasi"),
                                               ("Perbup Data", "Kebijakan")]
    assert [d.code for d in data.diagnostics] == ["MP-E305"]  # BKPSDM is not in the registry: a true error
    assert data.diagnostics[0].location.row == 3  # the third row under the header (the group row counts)


def test_a_first_data_row_of_short_words_stays_data(project):
    def build(d):
        R.caption(d, "Tabel 4 Program")
        t = d.add_table(rows=3, cols=5)
        for r, row in enumerate([["No", "Nama Program", "Tahun", "Sumber Dana", "OPD"],
                                 ["1", "SPBE", "2024", "APBD", "Diskominfo"],
                                 ["2", "Satu Data", "2025", "APBD", "Diskominfo"]]):
            for c, v in enumerate(row):
                t.cell(r, c).text = v
    path = word_fragment(project / "chapters" / "pendek.kominfo.docx", META, build)
    _, rows = _dataset(project, path)
    assert [n for n, *_ in rows] == ["SPBE", "Satu Data"]


# -- one caption recogniser --------------------------------------------------------------------------
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _small_table(d, text="x"):
    t = d.add_table(rows=1, cols=1)
    t.cell(0, 0).text = text
    return t._tbl


def test_which_paragraphs_caption_which_table(tmp_path):
    d = docx.Document()
    R.localise(d)
    prose_before = d.add_paragraph("Tabel ini menunjukkan jumlah aplikasi per kategori.")
    first = _small_table(d)
    below = d.add_paragraph("Tabel 2.3 Jumlah Aplikasi per Kategori")
    d.add_paragraph("")
    d.add_paragraph("Isi di antara.")
    second = _small_table(d)
    prose_after = d.add_paragraph("Tabel 2.4 di atas menunjukkan bahwa aplikasi belum terintegrasi.")
    between = R.styled(d, "Daftar Layanan", "Keterangan")
    third = _small_table(d)
    fourth = _small_table(d)
    roles = caption_roles(read_styles(d.styles.element))
    assert roles["Keterangan"] == "caption"
    assert caption_kind(prose_before._p, roles) is None  # "Tabel ini ...": no number, no colon
    assert table_caption(first, roles) is below._p  # typed, under its table, reads like a title
    assert caption_kind(prose_after._p, roles) is None  # a sentence about the table above it
    assert table_caption(second, roles) is None
    assert table_caption(third, roles) is between._p  # a caption between two tables opens the next one
    assert table_caption(fourth, roles) is None
    facts = inspect_body(d)
    assert [c for _, _, c in facts.tables] == ["Jumlah Aplikasi per Kategori", "", "Daftar Layanan", ""]
    assert [loc.table for loc, kind in facts.uncaptioned if kind == "Tabel"] == [2, 4]


def test_the_book_and_extraction_agree_on_a_caption_style_quick_win(project, tmp_path):
    """The form's "Profil Quick Win" (Keterangan style, no typed word) is a numbered table caption in the
    book and a quick win in the dataset."""
    proc = run_cli("forms", "--project", str(project), "--opd", "kominfo", "--out", str(tmp_path / "forms"))
    assert proc.returncode == 0, proc.stderr
    form = _fill_quick_win_form(tmp_path / "forms" / "kominfo" / "quick-win.kominfo.docx")
    governance = _fill_section_form(tmp_path / "forms" / "kominfo" / "smart-governance.kominfo.docx")
    cfg = load_config(project)
    qw = submit(cfg, form)
    assert qw.status == "diterima", [(d.code, d.args) for d in qw.diagnostics]
    assert set(qw.filled) == {"date"}  # the form carries the OPD, section, title and version itself
    gov = submit(cfg, governance)
    assert gov.status == "diterima", [(d.code, d.args) for d in gov.diagnostics if d.is_error]
    assert not [d for d in gov.diagnostics if d.code.startswith("MP-E3") or d.code == "MP-E321"]
    proc = run_cli("build", "--project", str(project), "--no-pdf")
    assert proc.returncode == 0, proc.stderr
    out = project / "build"
    rows = list(csv.DictReader(io.StringIO((out / "programmes.csv").read_text(encoding="utf-8"))))
    mine = {r["nama"]: r for r in rows if r["berkas"].startswith("chapters/bab-0")
            and r["berkas"].endswith(".kominfo.docx")}
    assert mine["Aplikasi Pengaduan Terpadu"]["jenis"] == "quick win"
    assert (mine["Aplikasi Pengaduan Terpadu"]["dimensi"], mine["Aplikasi Pengaduan Terpadu"]["anggaran"]) == (
        "Smart Governance", "300000000")
    assert mine["Portal Layanan Publik Terpadu"]["jenis"] == "program"
    assert mine["Portal Layanan Publik Terpadu"]["opd"] == "kominfo"
    book = docx.Document(str(out / "masterplan-smart-city-simalungun.docx"))
    recap = next(t for t in book.tables if t.rows[0].cells[1].text == "Nama Quick Win")
    assert [r.cells[1].text for r in recap.rows[1:-1]] == ["Aplikasi Pengaduan Terpadu"]
    text = pandoc.docx_to_plain(out / "masterplan-smart-city-simalungun.docx")
    assert "Tabel 9.1 Profil Quick Win" in " ".join(text.split())


def _delete_guidance(d) -> None:
    for p in list(d.paragraphs):
        if p.style.name == "Petunjuk":
            p._p.getparent().remove(p._p)


def _write_under(d, heading: str, text: str) -> None:
    h = next(p for p in d.paragraphs if p.text == heading)
    h._p.addnext(parse_xml(f'<w:p {W}><w:r><w:t>{text}</w:t></w:r></w:p>'))


def _fill_quick_win_form(path: Path) -> Path:
    """What staff do with the quick-win form: delete the guidance, write, fill in the profile."""
    d = docx.Document(str(path))
    _delete_guidance(d)
    _write_under(d, "Uraian", "Quick win Diskominfo tahun 2023 adalah kanal pengaduan terpadu.")
    values = {"Nama": "Aplikasi Pengaduan Terpadu", "Dimensi": "Smart Governance", "Elemen": "Pelayanan",
              "Latar Belakang": "Pengaduan tersebar di banyak kanal.", "Tujuan": "Satu kanal pengaduan.",
              "Sasaran": "Warga", "Tahapan": "Integrasi, sosialisasi", "Lokasi": "Seluruh kecamatan",
              "Waktu": "Maret–September 2023", "OPD Penanggung Jawab": "Dinas Kominfo",
              "OPD Pendukung": "Bagian Organisasi", "Indikasi Biaya (Rp)": "Rp 300.000.000", "Sumber Dana": "APBD",
              "Output": "Kanal aktif", "Outcome": "Aduan selesai dalam lima hari"}
    for row in d.tables[0].rows:
        if row.cells[0].text in values:
            row.cells[1].text = values[row.cells[0].text]
    d.save(str(path))
    return path


def _fill_section_form(path: Path) -> Path:
    """The Smart Governance form: guidance deleted, each heading written under, the programme table
    filled with owners as staff write them, and the id the quick-win chapter refers to kept."""
    d = docx.Document(str(path))
    _delete_guidance(d)
    for h in ("Kondisi Saat Ini", "Elemen Pelayanan", "Elemen Birokrasi", "Elemen Kebijakan"):
        _write_under(d, h, f"Uraian {h.lower()} dari Diskominfo.")
    cap = next(p for p in d.paragraphs if p.text.startswith("Program Pengembangan"))
    cap._p.insert(1, parse_xml(f'<w:bookmarkStart {W} w:id="55" w:name="tbl_program_governance"/>'))
    cap._p.append(parse_xml(f'<w:bookmarkEnd {W} w:id="55"/>'))
    table = d.tables[0]
    values = [["1", "Pelayanan", "Portal Layanan Publik Terpadu", "Satu pintu layanan daring", "60 layanan",
               "2023–2025", "Rp 2.750.000.000", "APBD", "Dinas Kominfo"],
              ["2", "Birokrasi", "Naskah Dinas Elektronik", "Tanpa kertas", "Disposisi satu hari", "2023",
               "1,2 miliar", "APBD", "Dinas Komunikasi dan Informatika"]]
    for row, vals in zip(table.rows[1:], values):
        for cell, v in zip(row.cells, vals):
            cell.text = v
    d.save(str(path))
    return path
