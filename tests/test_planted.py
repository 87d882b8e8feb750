"""Issue 3 acceptance: a copy of the sample with planted mistakes gets exactly those diagnostics,
at the right places."""

from __future__ import annotations

import docx
from docx.oxml import parse_xml

from conftest import copy_sample
from pipeline.config import load_config
from pipeline.docx.ns import qn, text_of
from pipeline.validate import validate_project

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CH = "chapters/"


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, (path.name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line(path, needle) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def _para_no(document, needle) -> int:
    n = 0
    for el in document.element.body:
        if el.tag == qn("w:p"):
            n += 1
            if needle in text_of(el):
                return n
    raise AssertionError(needle)


def plant(proj):
    """Plant the mistakes; return the expected (code, file, line, paragraph, table, row, column)."""
    c = proj / "chapters"
    exp = []

    f = c / "bab-01/latar-belakang.bappeda.md"
    _edit(f, "# Ruang Lingkup", "# 1.3 Ruang Lingkup")
    exp.append(("MP-W205", f, _line(f, "# 1.3 Ruang Lingkup"), None, None, None, None))

    f = c / "bab-01/dasar-hukum.hukum.md"
    _edit(f, "date: 2026-09-10", "date: 2026-13-45")
    exp.append(("MP-E105", f, 1, None, None, None, None))

    f = c / "bab-01/sistematika.kominfo.md"
    _edit(f, "**BAB X Penutup** berisi kesimpulan", "**BAB X Penutup** [isi di sini] berisi kesimpulan")
    exp.append(("MP-W403", f, _line(f, "[isi di sini]"), None, None, None, None))

    f = c / "bab-02/profil-daerah.bappeda.md"
    _edit(f, "# Perekonomian Daerah\n", "")
    exp.append(("MP-E201", f, 9, None, None, None, None))

    f = c / "bab-02/analisis-swot.bappeda.md"
    _edit(f, "# Smart Environment", "### Smart Environment")
    exp.append(("MP-W203", f, _line(f, "### Smart Environment"), None, None, None, None))

    f = c / "bab-03/visi-misi.bappeda.md"
    _edit(f, "# Misi {#sec:misi}\n", "# Catatan\n\n# Misi {#sec:misi}\n")
    exp.append(("MP-W204", f, _line(f, "# Catatan"), None, None, None, None))

    f = c / "bab-04/smart-economy.diskopukm.md"
    _edit(f, "Rp 475.000.000", "Rp 4,75 juta-an")
    exp.append(("MP-E308", f, _line(f, "juta-an"), None, 1, 1, 7))
    _edit(f, "| 2022–2026 | Rp 1.250.000.000", "| 2021–2026 | Rp 1.250.000.000")
    exp.append(("MP-E306", f, _line(f, "2021–2026"), None, 1, 2, 6))
    _edit(f, "| Rp 210.000.000 | CSR |", "| Rp 210.000.000 | Dana Abadi |")
    exp.append(("MP-E310", f, _line(f, "Dana Abadi"), None, 1, 4, 8))
    _edit(f, "pada tahun 2025.", "pada tahun 2025. Program UMKM Naik Kelas Digital membutuhkan Rp 5 miliar.")
    exp.append(("MP-W320", f, _line(f, "membutuhkan Rp 5 miliar"), None, None, None, None))

    f = c / "bab-04/smart-living.dinkes.md"
    _edit(f, "| 1 | Kesehatan | Rekam Medis", "| 1 | Health | Rekam Medis")
    exp.append(("MP-W304", f, _line(f, "| Health |"), None, 1, 1, 2))

    f = c / "bab-04/smart-living.dishub.md"
    _edit(f, "| 6 papan informasi; kanal daring | 2023–2024 | Rp 1.100.000.000 | APBD Provinsi | Dishub |",
          "| 6 papan informasi; kanal daring | 2023–2024 | Rp 1.100.000.000 | APBD Provinsi | Dinas Antah Berantah |")
    exp.append(("MP-E305", f, _line(f, "Dinas Antah Berantah"), None, 1, 1, 9))
    _edit(f, "| Rp 640.000.000 | APBD | Bappeda |\n", "| Rp 640.000.000 | APBD | Bappeda |\n| 5 | Mobilitas | "
          "Antrean Daring Faskes | Antrean daring | Antrean | 2023 | Rp 350.000.000 | APBD | Dishub |\n")
    exp.append(("MP-W312", f, _line(f, "| 5 | Mobilitas | Antrean Daring Faskes"), None, 1, 5, None))

    f = c / "bab-04/smart-society.disdik.md"
    _edit(f, "| 2.500 guru terlatih | 2022–2026 | Rp 900.000.000 |", "| 2.500 guru terlatih | 2022–2026 | 900 |")
    exp.append(("MP-W309", f, _line(f, "| 2022–2026 | 900 |"), None, 1, 2, 7))
    _edit(f, "| 5 | Keamanan | Layanan Darurat 112", "| 5 |  | Layanan Darurat 112")
    exp.append(("MP-E311", f, _line(f, "|  | Layanan Darurat 112"), None, 1, 5, 2))

    f = c / "bab-09/quick-win.kominfo.md"
    _edit(f, "| Dimensi | Smart Governance |", "| Dimensi | Smart Government |")
    exp.append(("MP-W302", f, _line(f, "Smart Government"), None, 1, 2, 2))

    f = c / "bab-06/infrastruktur-tik.kominfo.md"
    _edit(f, "../gambar/cakupan-sinyal.png", "../gambar/sinyal-hilang.png")
    exp.append(("MP-E502", f, _line(f, "sinyal-hilang.png"), None, None, None, None))

    f = c / "bab-07/pola-pikir.kominfo.md"
    _edit(f, "budaya Simalungun.", "budaya Simalungun (lihat @tbl:tidak-ada).")
    exp.append(("MP-E701", f, _line(f, "@tbl:tidak-ada"), None, None, None, None))

    f = c / "bab-10/penutup.bappeda.md"
    _edit(f, "opd: bappeda", "opd: kominfo")
    exp.append(("MP-E104", f, 1, None, None, None, None))
    exp.append(("MP-W106", f, None, None, None, None, None))

    f = c / "bab-05/kebijakan-kelembagaan.hukum.md"
    _edit(f, "# Kelembagaan\n", "# Kelembagaan\n\n<div class=\"kotak\">Catatan</div>\n")
    exp.append(("MP-E610", f, _line(f, "<div"), None, None, None, None))

    f = c / "bab-04/smart-governance.kominfo.docx"
    d = docx.Document(str(f))
    target = next(p for p in d.paragraphs if p.text.startswith("Pelayanan perizinan telah dilayani"))
    d.add_comment(target.runs[0], text="Mohon dicek angkanya", author="Editor")
    target._p.append(parse_xml(f'<w:ins {W} w:id="91" w:author="Staf" w:date="2026-10-01T00:00:00Z">'
                               '<w:r><w:t> (revisi)</w:t></w:r></w:ins>'))
    d.save(str(f))
    no = _para_no(d, "Pelayanan perizinan telah dilayani")
    exp.append(("MP-W402", f, None, no, None, None, None))
    exp.append(("MP-W401", f, None, no, None, None, None))

    f = c / "bab-04/smart-branding.pariwisata.docx"
    d = docx.Document(str(f))
    target = next(p for p in d.paragraphs if p.text.startswith("Penurunan tajam kunjungan"))
    target.runs[0]._r.get_or_add_rPr().append(parse_xml(f'<w:highlight {W} w:val="yellow"/>'))
    d.save(str(f))
    exp.append(("MP-W404", f, None, _para_no(d, "Penurunan tajam kunjungan"), None, None, None))
    return [(code, str(path.relative_to(proj)), *loc) for code, path, *loc in exp]


def test_planted_mistakes_exactly(tmp_path):
    proj = copy_sample(tmp_path / "proyek")
    expected = plant(proj)
    v = validate_project(load_config(proj))
    got = [(d.code, d.file, d.location.line, d.location.paragraph, d.location.table, d.location.row,
            d.location.column) for d in v.diagnostics]
    assert len(expected) >= 20
    assert sorted(got, key=str) == sorted(expected, key=str)
