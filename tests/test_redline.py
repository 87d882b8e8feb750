"""Issue 16: every draft comes with a redline against the last, as real tracked changes.

Two drafts of the sample are built, the first with its PDF pass (page numbers in
the lists) and the second without; between them one paragraph, one table cell
and one new section change. The redline is read back with lxml, and LibreOffice
must open it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_short_sample, run_cli
from pipeline.docx.compare import comparable, revisions
from pipeline.redlines import AUTHOR, ENGINES_DIR

NEW_SECTION = """---
opd: kominfo
section: pusat-data
title: Pusat Data Daerah
version: 1
date: 2026-11-20
---

# Rencana Pusat Data

Pusat data daerah dibangun bertahap di Pematang Raya dan terhubung dengan Pusat Data Nasional.
"""


@pytest.fixture(scope="module")
def two_drafts(tmp_path_factory) -> dict:
    proj = copy_short_sample(tmp_path_factory.mktemp("redline") / "proyek")  # BAB I, II, VII and X
    first = run_cli("build", "--project", str(proj), "--draft")
    assert first.returncode == 0, first.stderr
    chapters = proj / "chapters"
    intro = chapters / "bab-01" / "latar-belakang.bappeda.md"
    intro.write_text(intro.read_text().replace("secara\nberkelanjutan.", "secara\nberkelanjutan dan inklusif."))
    profile = chapters / "bab-02" / "profil-daerah.bappeda.md"
    profile.write_text(profile.read_text().replace("| 1 | Silimakuta | 77,96 |", "| 1 | Silimakuta | 78,10 |"))
    config = proj / "masterplan.yml"
    config.write_text(config.read_text().replace(
        "      - {id: infrastruktur-tik, title: Infrastruktur TIK, owners: [kominfo], deadline: 2026-10-20}\n",
        "      - {id: infrastruktur-tik, title: Infrastruktur TIK, owners: [kominfo], deadline: 2026-10-20}\n"
        "      - {id: pusat-data, title: Pusat Data Daerah, owners: [kominfo], deadline: 2026-10-20}\n"))
    (chapters / "bab-06").mkdir(exist_ok=True)
    (chapters / "bab-06" / "pusat-data.kominfo.md").write_text(NEW_SECTION)
    second = run_cli("build", "--project", str(proj), "--draft", "--no-pdf")
    assert second.returncode == 0, second.stderr
    drafts = proj / "build" / "drafts"
    return {"project": proj, "first": first, "second": second, "drafts": drafts,
            "redline": next(drafts.glob("*-draf-02-redline.docx"), None)}


def test_the_first_draft_has_no_redline(two_drafts):
    assert not list(two_drafts["drafts"].glob("*-draf-01-redline.docx"))
    assert "belum ada redline" in " ".join(two_drafts["first"].stderr.split())  # rich wraps long lines


def test_the_redline_shows_exactly_what_changed(two_drafts):
    redline = two_drafts["redline"]
    assert redline is not None, two_drafts["second"].stderr
    said = two_drafts["second"].stderr.replace("\n", "")
    assert redline.name in said and "6 perubahan" in said
    changes = [r for r in revisions(redline.read_bytes()) if r.text.strip()]
    seen = {(r.kind, r.text.strip(), r.in_table) for r in changes}
    assert seen == {
        ("ins", "dan inklusif", False),
        ("del", "77,96", True), ("ins", "78,10", True),
        ("ins", "Pusat Data Daerah", False), ("ins", "Rencana Pusat Data", False),
        ("ins", "Pusat data daerah dibangun bertahap di Pematang Raya dan terhubung dengan Pusat Data Nasional.", False),
    }, seen
    assert all(r.part == "word/document.xml" for r in changes)  # the stamp in the headers is no change
    from lxml import etree
    import zipfile

    root = etree.fromstring(zipfile.ZipFile(redline).read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    assert {el.get(w + "author") for el in root.iter(w + "ins", w + "del")} == {AUTHOR}

    def provenance(xml: bytes) -> set[str]:
        return {b.get(w + "name") for b in etree.fromstring(xml).iter(w + "bookmarkStart")
                if b.get(w + "name", "").startswith("mp_src_")}

    draft = next(two_drafts["drafts"].glob("*-draf-02-2*.docx"))
    kept = provenance(zipfile.ZipFile(draft).read("word/document.xml"))
    assert len(kept) >= 10 and provenance(etree.tostring(root)) == kept  # the engine keeps every provenance bookmark


def test_libreoffice_opens_the_redline(two_drafts, tmp_path):
    from pipeline.libreoffice import docx_to_pdf

    pdf = tmp_path / "redline.pdf"
    docx_to_pdf(two_drafts["redline"], pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "berkelanjutan dan inklusif." in text and "Pusat Data Daerah" in text and "78,10" in text


def test_the_engine_is_unpacked_under_build_cache_and_kept(two_drafts):
    home = two_drafts["project"] / "build" / "cache" / ENGINES_DIR
    assert any(home.glob("docxodus-*/linux-x64/redline"))  # survived the build's pruning of its cache


def test_moving_field_results_are_frozen(two_drafts):
    first = next(two_drafts["drafts"].glob("*-draf-01-2*.docx")).read_bytes()
    frozen = comparable(first, stamp_from="DRAF 01", stamp_to="DRAF 09", list_text="(daftar)")
    import zipfile, io

    xml = zipfile.ZipFile(io.BytesIO(frozen)).read("word/document.xml").decode()
    header = zipfile.ZipFile(io.BytesIO(frozen)).read("word/header1.xml").decode()
    assert "PAGEREF" not in xml and " SEQ " not in xml and " REF " not in xml  # their codes go
    assert xml.count("(daftar)") == 3 and " TOC " in xml  # three lists, each one line, still TOC fields
    import docx

    texts = [p.text for p in docx.Document(io.BytesIO(frozen)).paragraphs]
    assert "Tabel 2.# Jumlah Penduduk, Luas Wilayah dan Kepadatan menurut Kecamatan, 2021" in texts
    assert any("tidak merata (#): kecamatan" in t for t in texts)  # a cross-reference
    assert "DRAF 09" in header and "DRAF 01" not in header
    assert revisions(frozen) == []


def test_a_missing_engine_leaves_the_draft_and_tells_the_editor(two_drafts, monkeypatch, tmp_path):
    from pipeline.build import BuildOptions, build
    from pipeline.config import load_config

    monkeypatch.setitem(sys.modules, "python_redlines", None)  # as if the extra was never installed
    cfg = load_config(two_drafts["project"])
    result = build(cfg, BuildOptions(out_dir=two_drafts["project"] / "build", pdf=False, draft=True))
    assert result.docx.is_file() and result.draft.number == 3
    assert [d.code for d in result.notices if d.code.startswith("MP-W82")] == ["MP-W821"]
    assert not result.draft.redline.exists()
    import json

    said = json.loads((two_drafts["project"] / "build" / "diagnostics.json").read_text())
    assert any(d["code"] == "MP-W821" and "pip install" in d["hint"] for d in said)
