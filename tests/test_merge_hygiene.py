"""Issue 4 (merge hygiene, sections, gate): fragments from Word users come out clean."""

from __future__ import annotations

import hashlib
import zipfile

import docx
import pytest

from conftest import ROOT, copy_short_sample, run_cli
from docxmaker import loud_run, rename_heading_styles_to_indonesian, styled, tracked_delete, tracked_insert, word_fragment
from pipeline import pandoc
from pipeline.build import BuildOptions, build
from pipeline.config import load_config
from pipeline.docx.ns import qn, xp
from pipeline.errors import GateError

OUT = "masterplan-smart-city-simalungun"


def _messy(d):
    rename_heading_styles_to_indonesian(d)
    styled(d, "1.2 Kondisi Umum", "Judul1")
    p = d.add_paragraph("Teks biasa dengan ")
    loud_run(p, "huruf mencolok")
    p.add_run(" dan ")
    tracked_insert(p, "tambahan yang diterima")
    tracked_delete(p, "hapusan yang dibuang")
    d.add_comment(p.runs[0], text="Mohon diperbaiki", author="Editor", initials="ED")
    d.add_paragraph("butir satu", style="List Number")
    d.add_paragraph("butir dua", style="List Number")
    d.add_picture(str(ROOT / "chapters" / "gambar" / "ipm.png"))
    d.add_paragraph("Gambar 1 IPM yang sama dengan gambar di BAB II", style="Caption")


def _add_messy_fragment(project):
    word_fragment(project / "chapters" / "bab-01" / "sistematika.kominfo.docx",
                  {"title": "Sistematika", "opd": "kominfo", "section": "sistematika", "version": "9"}, _messy)
    (project / "chapters" / "bab-01" / "sistematika.kominfo.md").unlink()


def test_word_fragment_is_cleaned_and_libreoffice_opens_the_book(tmp_path):
    project = copy_short_sample(tmp_path / "proyek")  # BAB I, where the Word fragment goes, is in it
    _add_messy_fragment(project)
    proc = run_cli("build", "--project", str(project))
    assert proc.returncode == 0, proc.stderr
    out = project / "build" / f"{OUT}.docx"
    book = docx.Document(str(out))
    body = book.element.body
    # comments: anchors and part both gone; tracked changes accepted
    assert not xp(body, ".//w:commentRangeStart | .//w:commentRangeEnd | .//w:commentReference")
    with zipfile.ZipFile(out) as zf:
        assert "word/comments.xml" not in zf.namelist()
        media = [n for n in zf.namelist() if n.startswith("word/media/")]
        digests = [hashlib.sha256(zf.read(n)).hexdigest() for n in media]
    assert len(digests) == len(set(digests)), "an identical image is stored twice"
    text = pandoc.docx_to_plain(out)
    assert "tambahan yang diterima" in text and "hapusan yang dibuang" not in text
    # "Judul 1" became a house heading, the typed "1.2" is gone, numbering is the book's
    heading = next(p for p in book.paragraphs if p.text.strip() == "Kondisi Umum")
    assert heading.style.name == "Heading 3"
    # direct formatting removed, bold kept
    loud = next(r for p in book.paragraphs for r in p.runs if r.text == "huruf mencolok")
    assert loud.bold and loud.font.name is None and loud.font.size is None and loud.font.color.rgb is None
    # the PDF exists: LibreOffice loaded the book with the comment-bearing fragment in it
    assert (project / "build" / f"{OUT}.pdf").stat().st_size > 10_000
    # the validator warned about the leftovers
    diags = (project / "build" / "diagnostics.json").read_text(encoding="utf-8")
    assert "MP-W401" in diags and "MP-W402" in diags and "MP-W205" in diags


def test_lists_restart_per_fragment(project):
    for name, section, opd in (("dasar-hukum.hukum.md", "dasar-hukum", "hukum"),
                               ("sistematika.kominfo.md", "sistematika", "kominfo")):
        (project / "chapters" / "bab-01" / name).write_text(
            f"---\nopd: {opd}\nsection: {section}\ntitle: T\nversion: 1\n---\n\nDaftar:\n\n1. satu\n2. dua\n",
            encoding="utf-8")
    proc = run_cli("build", "--project", str(project), "--no-pdf")
    assert proc.returncode == 0, proc.stderr
    book = docx.Document(str(project / "build" / f"{OUT}.docx"))
    items = [p for p in book.paragraphs if p.text in ("satu", "dua")]
    num_ids = [xp(p._p, "./w:pPr/w:numPr/w:numId/@w:val")[0] for p in items]
    assert num_ids[0] == num_ids[1] and num_ids[2] == num_ids[3] and num_ids[0] != num_ids[2]
    numbering = book.part.numbering_part.element
    abs_ids = [xp(numbering, f"w:num[@w:numId='{n}']/w:abstractNumId/@w:val")[0] for n in (num_ids[0], num_ids[2])]
    nsids = [xp(numbering, f"w:abstractNum[@w:abstractNumId='{a}']/w:nsid/@w:val")[0] for a in abs_ids]
    assert nsids[0] != nsids[1]


def test_f4_paper_and_alpha_numbering(project):
    cfg = project / "masterplan.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("paper: A4", "paper: F4")
                   .replace("heading_numbering: decimal", "heading_numbering: alpha"), encoding="utf-8")
    proc = run_cli("build", "--project", str(project), "--no-pdf")
    assert proc.returncode == 0, proc.stderr
    book = docx.Document(str(project / "build" / f"{OUT}.docx"))
    sizes = {(s.get(qn("w:w")), s.get(qn("w:h"))) for s in book.element.body.iter(qn("w:pgSz"))}
    assert sizes == {("12189", "18709"), ("18709", "12189")}
    toc = [p.text for p in book.paragraphs if p.style.name.lower() == "toc 2"]
    assert toc[0].startswith("A.  Latar Belakang") and toc[1].startswith("B.  Dasar Hukum")
    lvl_text = xp(book.part.numbering_part.element, "w:abstractNum[@w:abstractNumId='901']/w:lvl[@w:ilvl='1']/w:lvlText/@w:val")
    assert lvl_text == ["%2."]
    # without a PDF pass the lists ask Word to refresh them on open
    assert xp(book.settings.element, "w:updateFields[@w:val='true']")


def test_failed_gate_keeps_last_good_book(project, monkeypatch):
    cfg = load_config(project)
    opts = BuildOptions(out_dir=project / "build", pdf=False)
    first = build(cfg, opts)
    before = first.docx.read_bytes()
    (project / "chapters" / "bab-10" / "penutup.bappeda.md").write_text(
        "---\nopd: bappeda\nsection: penutup\ntitle: Penutup\nversion: 2\n---\n\nTeks baru.\n", encoding="utf-8")
    monkeypatch.setattr("pipeline.docx.gate.check_book", lambda data, *expect: ["word/document.xml: broken on purpose"])
    with pytest.raises(GateError):
        build(load_config(project), opts)
    assert first.docx.read_bytes() == before
