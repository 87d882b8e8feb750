"""Issue 2: the sample masterplan builds into a complete .docx and PDF."""

from __future__ import annotations

import re
import zipfile

import docx

from pipeline import pandoc, poppler
from pipeline.config import load_config
from pipeline.discover import find_files, read_fragment


def _fragments_in_outline_order(project):
    cfg = load_config(project)
    frags = [read_fragment(p, cfg)[0] for p in find_files(cfg)]
    by_section = {}
    for f in frags:
        by_section.setdefault(f.section, []).append(f)
    ordered = []
    for _, sec in cfg.config.sections():
        ordered += sorted(by_section.get(sec.id, []), key=lambda f: sec.owners.index(f.opd))
    return cfg, ordered


def test_outputs_exist(sample_build):
    assert sample_build["docx"].stat().st_size > 50_000
    assert sample_build["pdf"].read_bytes()[:5] == b"%PDF-"
    assert (sample_build["out"] / "diagnostics.json").is_file()
    assert (sample_build["out"] / "reports" / "kominfo.md").is_file()


def test_every_fragment_in_outline_order(sample_build):
    """Each fragment's provenance bookmark appears, in the order of the outline."""
    _, ordered = _fragments_in_outline_order(sample_build["project"])
    document = docx.Document(str(sample_build["docx"]))
    names = [el.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}name")
             for el in document.element.body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}bookmarkStart")]
    sources = [n for n in names if n.startswith("mp_src_") and not n.startswith("mp_src_editor_")]
    assert len(sources) == len(set(sources)) == len(ordered) and all(len(n) <= 40 for n in sources)
    for name, f in zip(sources, ordered):  # each names its OPD and section, in outline order
        assert name.startswith(f"mp_src_{f.opd}_{f.section}".replace("-", "_")[:32]), (name, f.rel)
    assert len(ordered) >= 14


def test_docx_text_read_back_with_python_docx_and_pandoc(sample_build):
    document = docx.Document(str(sample_build["docx"]))
    text = "\n".join(p.text for p in document.paragraphs)
    for para in document.tables:
        text += "\n".join(c.text for row in para.rows for c in row.cells)
    plain = pandoc.docx_to_plain(sample_build["docx"])
    for source in (text, plain):
        assert "KABUPATEN SIMALUNGUN" in source
        assert "TAHUN 2022–2026" in source
        assert "{{" not in source and "{%" not in source
        # A sentence from a Markdown fragment and one from a Word fragment.
        assert "Kabupaten Simalungun memiliki luas wilayah 4.369 km²" in re.sub(r"\s+", " ", source)
        assert "Hasil evaluasi SPBE tahun 2021 menunjukkan indeks 2,31" in re.sub(r"\s+", " ", source)


def test_pdf_has_pages_and_every_chapter_title(sample_build):
    cfg = load_config(sample_build["project"])
    assert poppler.page_count(sample_build["pdf"]) >= 60
    text = re.sub(r"\s+", " ", " ".join(poppler.page_texts(sample_build["pdf"], layout=False)))
    for chapter in cfg.config.outline:
        assert chapter.title.upper() in text, chapter.title


def test_docx_is_a_clean_package(sample_build):
    with zipfile.ZipFile(sample_build["docx"]) as zf:
        names = zf.namelist()
        assert "word/comments.xml" not in names
        assert not any(n.endswith("vbaProject.bin") for n in names)
        assert zf.testzip() is None
