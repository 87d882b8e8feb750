"""The fixture corpus (tests/fixtures/) is what it claims to be.

Each file is read back with lxml and python-docx and must show the idiom of
the program that wrote it (Word 2016+, LibreOffice 7.4, a filled-in form) and
the staff habits listed in its README; LibreOffice must open every .docx.
These tests check the files, not the pipeline: they pass with the pipeline
as it is, and they fail when the generator stops writing what the corpus
promises.
"""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from pipeline import poppler
from pipeline.libreoffice import docx_to_pdf

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures"
MANIFEST = json.loads((FIX / "manifest.json").read_text(encoding="utf-8"))
DOCX = sorted(n for n in MANIFEST if n.endswith(".docx"))
WORD = sorted(n for n, m in MANIFEST.items() if m["made_by"] in ("word", "form+word"))
LIBREOFFICE = sorted(n for n, m in MANIFEST.items() if "libreoffice" in m["made_by"])
NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "w15": "http://schemas.microsoft.com/office/word/2012/wordml",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "dgm": "http://schemas.openxmlformats.org/drawingml/2006/diagram",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
}
W = "{%s}" % NS["w"]


def part(name: str, inner: str) -> etree._Element:
    with zipfile.ZipFile(FIX / name) as zf:
        return etree.fromstring(zf.read(inner))


def parts(name: str) -> set[str]:
    with zipfile.ZipFile(FIX / name) as zf:
        return set(zf.namelist())


def body(name: str) -> etree._Element:
    return part(name, "word/document.xml")


def xp(el, path: str) -> list:
    return el.xpath(path, namespaces=NS)


def texts(el) -> list[str]:
    """Text of each paragraph under ``el``."""
    return ["".join(xp(p, ".//w:t/text()")) for p in xp(el, ".//w:p")]


def rel_types(name: str) -> set[str]:
    return {r.get("Type").rsplit("/", 1)[-1] for r in xp(part(name, "word/_rels/document.xml.rels"), "//rel:Relationship")}


def header_cells(tbl, rows: int = 2) -> list[list[tuple[str, str | None, str | None]]]:
    """(text, gridSpan, vMerge) of each cell in the first ``rows`` rows."""
    out = []
    for tr in xp(tbl, "w:tr")[:rows]:
        row = []
        for tc in xp(tr, "w:tc"):
            span = xp(tc, "w:tcPr/w:gridSpan/@w:val")
            merge = xp(tc, "w:tcPr/w:vMerge")
            row.append(("".join(xp(tc, ".//w:t/text()")), span[0] if span else None,
                        (merge[0].get(W + "val") or "continue") if merge else None))
        out.append(row)
    return out


def test_manifest_lists_every_fixture_and_the_readme_names_each():
    on_disk = {p.name for p in FIX.iterdir() if p.suffix in (".docx", ".md") and p.name != "README.md"}
    assert on_disk == set(MANIFEST)
    readme = (FIX / "README.md").read_text(encoding="utf-8")
    for name, meta in MANIFEST.items():
        assert f"`{name}`" in readme
        assert meta["habits"] and meta["section"] and meta["opd"]
    assert sum(p.stat().st_size for p in FIX.iterdir()) < 400_000  # a small corpus


@pytest.mark.parametrize("name", WORD)
def test_word_files_carry_words_own_idiom(name):
    app = part(name, "docProps/app.xml")
    assert xp(app, "string(ep:Application)") == "Microsoft Office Word"
    assert xp(app, "string(ep:AppVersion)") == "16.0000"
    doc = body(name)
    ignorable = doc.get("{%s}Ignorable" % NS["mc"]).split()
    assert {"w14", "w15", "wp14"} <= set(ignorable)
    paragraphs = xp(doc, "//w:body//w:p")
    assert paragraphs and all(p.get("{%s}paraId" % NS["w14"]) and p.get(W + "rsidR") for p in paragraphs)
    assert all(int(p.get("{%s}paraId" % NS["w14"]), 16) < 0x80000000 for p in paragraphs)
    settings = part(name, "word/settings.xml")
    assert xp(settings, "//w:compat/w:compatSetting[@w:name='compatibilityMode']/@w:val") == ["15"]
    assert xp(settings, "//w:rsids/w:rsidRoot")
    styles = part(name, "word/styles.xml")
    heading = xp(styles, "//w:style[@w:styleId='Judul1']")[0]
    assert xp(heading, "string(w:name/@w:val)") in ("heading 1", "Judul 1")
    with zipfile.ZipFile(FIX / name) as zf:
        assert zf.namelist()[0] == "[Content_Types].xml"
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}


@pytest.mark.parametrize("name", sorted(n for n, m in MANIFEST.items() if m["made_by"] == "word"))
def test_word_styles_use_theme_fonts_and_localised_ids(name):
    styles = part(name, "word/styles.xml")
    assert xp(styles, "//w:docDefaults//w:rFonts/@w:asciiTheme") == ["minorHAnsi"]
    assert xp(styles, "//w:style[@w:styleId='Judul1']//w:rFonts/@w:asciiTheme") == ["majorHAnsi"]
    ids = {s.get(W + "styleId"): xp(s, "string(w:name/@w:val)") for s in xp(styles, "//w:style")}
    localised = MANIFEST[name]["habits"] and "w:name (Judul 1)" in " ".join(MANIFEST[name]["habits"])
    expected = {"Judul1": "Judul 1", "Judul2": "Judul 2", "Keterangan": "Keterangan",
                "DaftarParagraf": "Daftar Paragraf"} if localised else {
        "Judul1": "heading 1", "Judul2": "heading 2", "Keterangan": "caption", "DaftarParagraf": "List Paragraph"}
    assert {k: ids[k] for k in expected} == expected
    assert "Heading1" not in ids
    assert ids["Judul1KAR"] == "Judul 1 KAR"
    names = {s.name for s in docx.Document(str(FIX / name)).styles}
    assert ("Judul 1" if localised else "Heading 1") in names  # python-docx shows built-ins by their UI name


def test_word_lengkap_shows_every_habit():
    name = "word-lengkap.docx"
    doc = body(name)
    paras = xp(doc, "/w:document/w:body/w:p")
    styles = [xp(p, "string(w:pPr/w:pStyle/@w:val)") for p in paras]
    lines = ["".join(xp(p, ".//w:t/text()")) for p in paras]
    assert styles[:3] == ["Judul", "Subjudul", "Judul1"] and lines[2] == "SMART GOVERNANCE"
    assert "1.1 Kondisi Saat Ini" in lines and styles[lines.index("1.1 Kondisi Saat Ini")] == "Judul2"
    assert xp(doc, "//w:r[w:rPr/w:highlight[@w:val='yellow']]//w:t/text()") == ["[isi data capaian SPBE di sini]"]
    assert {"Arial", "Tahoma"} <= set(xp(doc, "//w:rPr/w:rFonts/@w:ascii"))
    assert xp(doc, "//w:rPr/w:color/@w:val") and xp(doc, "//w:rPr/w:sz/@w:val")
    assert xp(doc, "//w:p[w:pPr/w:pStyle/@w:val='DaftarParagraf']/w:pPr/w:numPr/w:numId/@w:val")
    assert "numbering" in rel_types(name)
    captions = [t for s, t in zip(styles, lines) if s == "Keterangan"]
    assert "Tabel 1 Program Pengembangan Smart Governance 2022-2026" in captions
    assert "Tabel 2 Program Pendukung Lintas Dimensi" in captions
    assert sum(t.startswith("Sumber:") for t in lines) == 3
    all_text = " ".join(texts(doc))
    for typed in ("Rp. 1,5 M", "750 jt", "Rp 1.800.000.000", "Rp 2.500.000.000,00", "1,2 miliar", "Dinas Kominfo",
                  "Dinas Komunikasi dan Informatika", "Smart Enviroment", "●"):
        assert typed in all_text, typed


def test_word_lengkap_two_row_headers():
    years, funding = xp(body("word-lengkap.docx"), "//w:tbl")
    top, sub = header_cells(years)
    assert ("Tahun Pelaksanaan", "5", None) in top
    assert [c[0] for c in sub if c[2] is None] == ["2022", "2023", "2024", "2025", "2026"]
    assert sum(c[2] == "restart" for c in top) == 8 and sum(c[2] == "continue" for c in sub) == 8
    assert all(xp(tr, "w:trPr/w:tblHeader") for tr in xp(years, "w:tr")[:2])
    top, sub = header_cells(funding)
    assert ("Pendanaan dan Waktu", "2", None) in top
    assert [c[0] for c in sub if c[2] is None] == ["Indikasi Anggaran (Rp)", "Tahun Pelaksanaan"]
    rows = docx.Document(str(FIX / "word-lengkap.docx")).tables[0].rows
    assert rows[2].cells[5].text == "●" and rows[2].cells[12].text == "Dinas Kominfo"


def test_word_lengkap_letter_landscape_in_the_middle_and_at_the_end():
    doc = body("word-lengkap.docx")
    inner = xp(doc, "//w:body/w:p/w:pPr/w:sectPr/w:pgSz")
    last = xp(doc, "/w:document/w:body/w:sectPr/w:pgSz")[0]
    sizes = [(s.get(W + "w"), s.get(W + "h"), s.get(W + "orient")) for s in inner + [last]]
    assert sizes == [("12240", "15840", None), ("15840", "12240", "landscape"), ("12240", "15840", None),
                     ("15840", "12240", "landscape")]
    sections = docx.Document(str(FIX / "word-lengkap.docx")).sections
    assert [s.orientation for s in sections] == [0, 1, 0, 1]


def test_word_lengkap_comment_with_reply_and_tracked_changes():
    name = "word-lengkap.docx"
    assert {"word/comments.xml", "word/commentsExtended.xml", "word/commentsIds.xml", "word/commentsExtensible.xml",
            "word/people.xml"} <= parts(name)
    assert {"comments", "commentsExtended", "commentsIds", "commentsExtensible", "people"} <= rel_types(name)
    comments = part(name, "word/comments.xml")
    assert xp(comments, "//w:comment/@w:author") == ["Rina Siregar", "Staf Diskominfo"]
    last_para = [xp(c, "string(w:p[last()]/@w14:paraId)") for c in xp(comments, "//w:comment")]
    extended = xp(part(name, "word/commentsExtended.xml"), "//w15:commentEx")
    assert [e.get("{%s}paraId" % NS["w15"]) for e in extended] == last_para
    assert extended[1].get("{%s}paraIdParent" % NS["w15"]) == last_para[0]
    doc = body(name)
    assert xp(doc, "//w:commentRangeStart/@w:id") == ["0", "1"] and xp(doc, "//w:commentReference/@w:id") == ["0", "1"]
    ins, dele = xp(doc, "//w:body//w:ins[w:r]"), xp(doc, "//w:del")
    assert ins and dele and all(x.get(W + "author") and x.get(W + "date") for x in ins + dele)
    assert xp(dele[0], "string(.//w:delText)") == "setiap bulan"
    assert xp(doc, "//w:pPr/w:rPr/w:ins")  # a whole paragraph inserted
    assert xp(part(name, "word/settings.xml"), "//w:trackRevisions")
    assert len(docx.Document(str(FIX / name)).comments) == 2


@pytest.mark.parametrize("name", ["word-lengkap.docx", "word-catatan.docx"])
def test_three_footnotes_and_one_endnote(name):
    doc = body(name)
    assert xp(doc, "//w:footnoteReference/@w:id") == ["1", "2", "3"]
    assert xp(doc, "//w:endnoteReference/@w:id") == ["1"]
    assert {"word/footnotes.xml", "word/endnotes.xml"} <= parts(name) and {"footnotes", "endnotes"} <= rel_types(name)
    endnotes = part(name, "word/endnotes.xml")
    assert xp(endnotes, "//w:endnote/@w:id") == ["-1", "0", "1"]
    assert "Arsitektur SPBE" in xp(endnotes, "string(//w:endnote[@w:id='1'])")
    assert len(xp(part(name, "word/footnotes.xml"), "//w:footnote[not(@w:type)]")) == 3


@pytest.mark.parametrize("name", ["word-lengkap.docx", "word-kotak-teks.docx"])
def test_text_box_and_shape_in_both_forms(name):
    doc = body(name)
    choice = xp(doc, "//mc:AlternateContent/mc:Choice[@Requires='wps']//wps:txbx/w:txbxContent")
    fallback = xp(doc, "//mc:AlternateContent/mc:Fallback//v:textbox/w:txbxContent")
    assert len(choice) == len(fallback) == 2
    assert texts(choice[0]) == texts(fallback[0]) == ["Prinsip Layanan Digital Simalungun:",
                                                       "satu pintu, satu data, satu identitas."]
    assert xp(doc, "//wps:cNvSpPr[@txBox='1']") and xp(doc, "//a:prstGeom[@prst='roundRect']")
    assert texts(choice[1]) == ["Tim Pelaksana Smart City"] and xp(doc, "//v:roundrect//w:txbxContent")


@pytest.mark.parametrize("name", ["word-lengkap.docx", "word-smartart.docx"])
def test_smartart_parts_and_picture(name):
    doc = body(name)
    ids = xp(doc, "//a:graphicData[@uri='http://schemas.openxmlformats.org/drawingml/2006/diagram']/dgm:relIds")[0]
    rels = {r.get("Id"): r for r in xp(part(name, "word/_rels/document.xml.rels"), "//rel:Relationship")}
    kinds = {rels[ids.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}" + k)]
             .get("Type").rsplit("/", 1)[-1] for k in ("dm", "lo", "qs", "cs")}
    assert kinds == {"diagramData", "diagramLayout", "diagramQuickStyle", "diagramColors"}
    data = part(name, "word/diagrams/data1.xml")
    assert xp(data, "//dgm:pt[not(@type)]//a:t/text()") == ["Perencanaan", "Pembangunan", "Pemanfaatan", "Evaluasi"]
    drawing_rid = xp(data, "//*[local-name()='dataModelExt']/@relId")[0]
    assert rels[drawing_rid].get("Target") == "diagrams/drawing1.xml"
    assert "word/diagrams/drawing1.xml" in parts(name) and "word/media/image1.png" in parts(name)
    caption = [t for t in texts(doc) if t.startswith("Gambar")]
    assert caption == ["Gambar 1 Perkembangan Indeks SPBE Kabupaten Simalungun"]
    assert xp(doc, "//w:instrText[contains(., 'SEQ Gambar')]")


def test_restated_title_with_localised_style_names():
    doc = body("word-judul-ulang.docx")
    paras = xp(doc, "/w:document/w:body/w:p")
    first = [(xp(p, "string(w:pPr/w:pStyle/@w:val)"), "".join(xp(p, ".//w:t/text()"))) for p in paras[:4]]
    assert first[:3] == [("Judul", "MASTERPLAN SMART CITY KABUPATEN SIMALUNGUN"),
                         ("Subjudul", "Bab IV Strategi Pembangunan Smart City — Dinas Kominfo"),
                         ("Judul1", "SMART GOVERNANCE")]
    assert first[3] == ("Judul2", "1.1 Kondisi Saat Ini")
    d = docx.Document(str(FIX / "word-judul-ulang.docx"))
    assert [p.style.name for p in d.paragraphs[:3]] == ["Judul", "Subjudul", "Judul 1"]
    assert d.core_properties.title == ""


def test_letter_landscape_file():
    doc = body("word-lanskap-letter.docx")
    sizes = [(s.get(W + "w"), s.get(W + "orient")) for s in xp(doc, "//w:sectPr/w:pgSz")]
    assert sizes == [("12240", None), ("15840", "landscape"), ("12240", None), ("15840", "landscape")]


def test_plain_word_file_has_no_metadata():
    name = "word-polos.docx"
    assert "docProps/custom.xml" not in parts(name)
    assert not (FIX / "word-polos.yml").exists()
    assert docx.Document(str(FIX / name)).core_properties.title == ""
    assert xp(body(name), "//w:sectPr/w:pgSz/@w:w") == ["11906"]


def test_markdown_file_has_no_front_matter():
    text = (FIX / "md-tanpa-front-matter.md").read_text(encoding="utf-8")
    assert text.startswith("# Kesiapan Daerah\n") and "\n---\n" not in text
    assert "## 2.2.1 Struktur Organisasi" in text and "| Menara BTS | 214 |" in text


def _custom(name: str) -> dict[str, str]:
    root = part(name, "docProps/custom.xml")
    return {p.get("name"): "".join(p.itertext()) for p in root}


@pytest.mark.parametrize("name,guidance", [("form-word-smart-governance.kominfo.docx", 1),
                                           ("form-word-quick-win.kominfo.docx", 0),
                                           ("form-lo-smart-governance.kominfo.docx", 0),
                                           ("form-lo-quick-win.kominfo.docx", 1)])
def test_filled_forms(name, guidance):
    meta = MANIFEST[name]
    assert _custom(name) == {"opd": meta["opd"], "section": meta["section"], "version": "1"}
    doc = body(name)
    styles = [xp(p, "string(w:pPr/w:pStyle/@w:val)") for p in xp(doc, "//w:body/w:p")]
    assert styles.count("Petunjuk") == guidance
    lines = texts(doc)
    assert lines[0] == "KERTAS KERJA MASTERPLAN SMART CITY"
    assert lines[1] == "Dinas Komunikasi dan Informatika" and lines[2].startswith("BAB I")
    assert any(t.startswith("Batas waktu pengiriman:") for t in lines)
    tables = docx.Document(str(FIX / name)).tables
    if meta["section"] == "quick-win":
        profile = {r.cells[0].text: r.cells[1].text for r in tables[0].rows}
        assert profile["Nama"] and profile["Indikasi Biaya (Rp)"] and profile["OPD Penanggung Jawab"] == "Diskominfo"
    else:
        rows = tables[0].rows
        assert len(rows) == 4 and rows[3].cells[2].text == "Satu Data Simalungun"
        assert "Data kepegawaian dimutakhirkan setiap triwulan." in lines
    app = xp(part(name, "docProps/app.xml"), "string(ep:Application)")
    if "libreoffice" in meta["made_by"]:
        assert app.startswith("LibreOffice/")
        assert "Heading1" in styles and "Judul1" not in styles
    else:
        assert app == "Microsoft Office Word"
        assert "Judul1" in styles and "Heading1" not in styles  # Word localised the built-in ids on saving


def test_libreoffice_quick_win_keeps_a_misspelt_dimension():
    rows = docx.Document(str(FIX / "form-lo-quick-win.kominfo.docx")).tables[0].rows
    assert {r.cells[0].text: r.cells[1].text for r in rows}["Dimensi"] == "Smart Enviroment"


def test_html_converted_by_libreoffice():
    name = "lo-html-smart-governance.docx"
    app = xp(part(name, "docProps/app.xml"), "string(ep:Application)")
    assert app.startswith("LibreOffice/7.")
    doc = body(name)
    top, sub = header_cells(xp(doc, "//w:tbl")[0])
    assert ("Tahun Pelaksanaan", "5", None) in top and sum(c[2] == "restart" for c in top) == 7
    assert [c[0] for c in sub if c[2] is None] == ["2022", "2023", "2024", "2025", "2026"]
    paras = xp(doc, "/w:document/w:body/w:p")
    first = [(xp(p, "string(w:pPr/w:pStyle/@w:val)"), "".join(xp(p, ".//w:t/text()"))) for p in paras[:2]]
    assert first == [("Heading1", "Smart Governance"), ("Heading2", "4.1.1 Kondisi Saat Ini")]
    assert (FIX / "lo-html-smart-governance.html").is_file()


def test_word_fixtures_are_what_the_generator_writes(tmp_path):
    """Re-running the generator gives the committed bytes (the Word files need no LibreOffice)."""
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import make_fixtures
    finally:
        sys.path.remove(str(ROOT / "tools"))
    assert make_fixtures.main(["--out", str(tmp_path), "--word-only"]) == 0
    made = sorted(p.name for p in tmp_path.iterdir())
    assert made == sorted(n for n, m in MANIFEST.items() if m["made_by"] == "word")
    for n in made:
        assert (tmp_path / n).read_bytes() == (FIX / n).read_bytes(), n


@pytest.fixture(scope="module")
def fixture_pdfs(tmp_path_factory) -> Path:
    """Every fixture converted to PDF by one LibreOffice, in one hand-over (as the build converts the
    documents around the book); a file it did not convert has no PDF there."""
    from pipeline.errors import EngineError
    from pipeline.libreoffice import Office

    out = tmp_path_factory.mktemp("fixture-pdfs")
    with Office() as office:
        try:
            office.convert_all([(FIX / name, out / f"{name}.pdf") for name in DOCX])
        except EngineError:
            pass  # the test of each file that has no PDF converts it alone, and says why
    return out


@pytest.mark.parametrize("name", DOCX)
def test_libreoffice_opens_every_fixture(name, fixture_pdfs, tmp_path):
    pdf = fixture_pdfs / f"{name}.pdf"
    if not pdf.is_file():
        pdf = tmp_path / "out.pdf"
        docx_to_pdf(FIX / name, pdf)  # raises with LibreOffice's own words when it refuses the file
    assert poppler.page_count(pdf) >= 1
