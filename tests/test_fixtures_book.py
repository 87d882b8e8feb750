"""Issue 11, done when: files as staff send them go in with `submit --opd --section` alone, and the book
built from them has one heading per title, no form cover, amounts in house form, no broken word in a
table, and passes the gate, the independent OOXML validator and LibreOffice.

The files are the realistic fixtures (tools/make_fixtures.py, tests/fixtures/README.md).
"""

from __future__ import annotations

import csv
import re
import subprocess
from pathlib import Path

import docx
import pytest

from conftest import copy_sample
from pipeline import poppler
from pipeline.build import BuildOptions, build
from pipeline.config import load_config
from pipeline.docx.cells import Formats
from pipeline.docx.widths import too_wide
from pipeline.workflow.intake import ACCEPTED, submit

FIXTURES = Path(__file__).parent / "fixtures"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# (fixture, OPD, section): the quick-win form first, so that the chapter that referred to the
# Smart Governance table is replaced before Smart Governance itself is.
SUBMITTED = [("form-word-quick-win.kominfo.docx", "kominfo", "quick-win"),
             ("word-lengkap.docx", "kominfo", "smart-governance"),
             ("word-catatan.docx", "kominfo", "kesiapan-daerah"),
             ("form-lo-smart-governance.kominfo.docx", "disdukcapil", "smart-governance")]
RUPIAH = re.compile(r"^Rp\d{1,3}(\.\d{3})*,\d{2}$")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    proj = copy_sample(tmp_path_factory.mktemp("nyata") / "proyek")
    verdicts = {}
    for name, opd, section in SUBMITTED:
        result = submit(load_config(proj), FIXTURES / name, opd=opd, section=section)
        verdicts[name] = (result.status, [d.code for d in result.diagnostics if d.is_error])
    result = build(load_config(proj), BuildOptions(out_dir=proj / "build"))
    return proj, verdicts, result


def test_every_file_goes_in_with_opd_and_section_alone(built):
    _, verdicts, _ = built
    assert {name: v for name, v in verdicts.items()} == {name: (ACCEPTED, []) for name, _, _ in SUBMITTED}


def test_one_heading_per_title_and_no_cover(built):
    _, _, result = built
    paras = [(p.style.name, p.text.strip()) for p in docx.Document(str(result.docx)).paragraphs]
    texts = [t for _, t in paras]
    at = next(i for i, (s, t) in enumerate(paras) if s == "Heading 2" and t == "Smart Governance")
    end = next(i for i, (s, _) in enumerate(paras) if i > at and s in ("Heading 1", "Heading 2"))
    section = [(s, t) for s, t in paras[at + 1:end] if s.startswith("Heading")]
    assert not any(t.upper() == "SMART GOVERNANCE" for _, t in section)  # the restated title is folded
    first_sub = section[0]
    assert first_sub[0] == "Heading 3", first_sub  # 4.1.1, not 4.1.1.1 under a repeated title
    for cover in ("KERTAS KERJA MASTERPLAN SMART CITY", "Batas waktu pengiriman"):
        assert not any(cover in t for t in texts), cover
    assert not any(t.startswith(("BAB IV —", "BAB IX —")) for t in texts)


def test_amounts_in_house_form_and_the_quick_win_counted(built):
    proj, _, result = built
    rows = list(csv.DictReader((proj / "build" / "programmes.csv").open(encoding="utf-8")))
    mine = [r for r in rows if r["berkas"].endswith(("smart-governance.kominfo.docx", "quick-win.kominfo.docx"))]
    assert any(r["jenis"] == "quick win" for r in mine)
    book = docx.Document(str(result.docx))
    ambiguous = {d.args.get("value") for d in result.validation.diagnostics if d.code == "MP-W309"}
    amounts = []
    for table in book.tables:
        header = [c.text.strip() for c in table.rows[0].cells]
        if header[:1] == ["Komponen"]:  # a quick-win profile: one field per row
            cells = [r.cells[1].text.strip() for r in table.rows[1:] if re.search("Biaya|Anggaran", r.cells[0].text)]
        elif any("Nama Program" in h for h in header):  # a programme table (not a generated recap)
            cols = [i for i, h in enumerate(header) if "Anggaran" in h or "Biaya" in h]
            cells = [row.cells[i].text.strip() for row in table.rows[1:] for i in cols]
        else:
            continue
        amounts += [t for t in cells if t and t not in ambiguous and any(ch.isdigit() for ch in t)]
    assert len(amounts) >= 20
    assert [a for a in amounts if not RUPIAH.match(a)] == []
    pdf_text = "\n".join(poppler.page_texts(result.pdf))
    for typed in ("Rp. 1,5 M", "750 jt", "Rp 1.800.000.000"):
        assert typed not in pdf_text


def test_no_short_word_breaks_in_a_table(built):
    _, _, result = built
    book = docx.Document(str(result.docx))
    assert too_wide(book.element.body, Formats(book.styles.element, "Arial")) == []


def test_the_words_of_notes_and_boxes_reach_the_pdf(built):
    _, _, result = built
    text = " ".join(" ".join(poppler.page_texts(result.pdf)).split())
    assert result.pdf is not None and poppler.page_count(result.pdf) > 50
    fonts = subprocess.run(["pdffonts", str(result.pdf)], capture_output=True, text=True).stdout
    families = {line.split()[0].split("+")[-1].split("-")[0] for line in fonts.splitlines()[2:] if line.strip()}
    assert families <= {"LiberationSans", "OpenSymbol"}, families
    book = docx.Document(str(result.docx))
    lifted = [p.text for p in book.paragraphs if p.style.name == "Kotak Teks"]
    assert lifted and all(" ".join(t.split()[:4]) in text for t in lifted if t.strip())


def test_the_book_passes_the_independent_validator(built):
    from test_word_clean import audit

    _, _, result = built
    assert audit(result.docx) == []
