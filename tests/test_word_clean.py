"""Issue 12: the book opens in Word exactly as it prints.

Schema-valid OOXML (checked by our gate and by an independent validator,
openxml-audit), the configured fonts everywhere, sound document properties,
and an archival PDF (PDF/A-2b, tagged, outline, title, /Lang id-ID).
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import docx
import pikepdf
import pytest
from docx.oxml import parse_xml
from lxml import etree
from openxml_audit import OpenXmlValidator

from pipeline import fontcheck, libreoffice, poppler
from pipeline.config import load_config
from pipeline.docx import fonts as FN
from pipeline.docx import schema
from pipeline.docx.gate import Expected, check_book, expected
from pipeline.docx.house import named_fonts

from conftest import ROOT, copy_sample, run_cli
from docxmaker import loud_run, rename_heading_styles_to_indonesian, styled, word_fragment

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
NS = {"w": W_NS}
AUTHOR = "Tim Pelaksana Smart City Kabupaten Simalungun"
EXPECT = Expected(body_font="Arial", heading_font="Arial", author=AUTHOR)


# -- helpers -----------------------------------------------------------------------------
def audit(path: Path) -> list[str]:
    """Errors and warnings of the independent OOXML validator (openxml-audit), as text."""
    result = OpenXmlValidator(max_errors=0).validate(str(path))
    return [f"{e.severity.name} {e.part_uri} {e.path}: {e.description}" for e in result.errors]


def replant(data: bytes, part: str, change) -> bytes:
    """The package ``data`` with ``change(root)`` applied to one XML part."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            raw = zin.read(item.filename)
            if item.filename == part:
                root = etree.fromstring(raw)
                change(root)
                raw = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            zout.writestr(item, raw)
    return out.getvalue()


def first(root, path: str):
    found = root.xpath(path, namespaces=NS)
    assert found, path
    return found[0]


def w(tag: str, **attrs):
    return etree.Element(W + tag, {W + k: v for k, v in attrs.items()})


@pytest.fixture(scope="module")
def book_bytes(sample_build) -> bytes:
    return sample_build["docx"].read_bytes()


# -- schema order ------------------------------------------------------------------------
def test_insert_puts_a_child_in_schema_order():
    ppr = parse_xml(f'<w:pPr xmlns:w="{W_NS}"><w:pStyle w:val="Heading1"/><w:numPr/><w:jc w:val="center"/></w:pPr>')
    schema.insert(ppr, w("keepNext"))
    schema.insert(ppr, w("rPr"))
    schema.insert(ppr, w("spacing"))
    assert [schema.local(c.tag) for c in ppr] == ["pStyle", "keepNext", "numPr", "spacing", "jc", "rPr"]
    assert schema.misordered(ppr) == []
    sect = parse_xml(f'<w:sectPr xmlns:w="{W_NS}"><w:pgSz/><w:pgMar/><w:docGrid/></w:sectPr>')
    schema.insert(sect, w("footerReference"))
    schema.insert(sect, w("headerReference"))
    schema.insert(sect, w("pgNumType"))
    assert [schema.local(c.tag) for c in sect] == ["footerReference", "headerReference", "pgSz", "pgMar",
                                                   "pgNumType", "docGrid"]


def test_order_sorts_and_misordered_finds_every_container():
    rpr = parse_xml(f'<w:rPr xmlns:w="{W_NS}" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml">'
                    '<w:lang w:val="id-ID"/><w14:ligatures/><w:b/><w:rFonts w:ascii="Arial"/></w:rPr>')
    assert [schema.local(c.tag) for _, c in schema.misordered(rpr)] == ["b"]
    schema.order(rpr)
    assert [schema.local(c.tag) for c in rpr] == ["rFonts", "b", "lang", "ligatures"]
    assert schema.misordered(rpr) == []
    tbl = parse_xml(f'<w:tbl xmlns:w="{W_NS}"><w:tblPr><w:tblW/><w:tblStyle/></w:tblPr>'
                    '<w:tr><w:tc><w:tcPr><w:vAlign/><w:tcW/></w:tcPr></w:tc></w:tr></w:tbl>')
    assert sorted(schema.local(c.tag) for c, _ in schema.misordered(tbl)) == ["tblPr", "tcPr"]
    schema.order_all(tbl)
    assert schema.misordered(tbl) == []


# -- the gate: the sample passes, and every planted fault is caught -----------------------------
def test_sample_book_passes_the_gate(book_bytes, sample_build):
    cfg = load_config(sample_build["project"])
    assert expected(cfg.config) == EXPECT
    assert check_book(book_bytes, EXPECT) == []


def _misorder_heading(root):  # keepNext after numPr, as the old templates had it
    ppr = first(root, "w:style[@w:styleId='Heading1']/w:pPr")
    ppr.append(first(ppr, "w:keepNext"))


def _misorder_run(root):
    rpr = first(root, "//w:r/w:rPr[w:b]")
    rpr.insert(0, w("i"))
    rpr.insert(0, w("sz", val="30"))


def _misorder_table(root):
    tblpr = first(root, "//w:tbl/w:tblPr")
    tblpr.append(first(tblpr, "w:tblStyle"))


def _misorder_cell(root):
    first(root, "//w:tc/w:tcPr[w:tcW]").insert(0, w("vAlign", val="center"))


def _misorder_section(root):
    sect = first(root, "w:body/w:sectPr")
    sect.append(first(sect, "w:pgSz"))


def _drop_normal_table(root):
    root.remove(first(root, "w:style[@w:styleId='TableNormal']"))


def _dangling_next(root):
    first(root, "w:style[@w:styleId='Heading2']/w:next").set(W + "val", "TidakAda")


def _dangling_link(root):
    style = first(root, "w:style[@w:styleId='Heading2']")
    schema_place = first(style, "w:basedOn")
    schema_place.addnext(w("link", val="Heading2CharHilang"))


def _dangling_num_style_link(root):
    first(root, "w:abstractNum").insert(1, w("numStyleLink", val="DaftarHilang"))


def _dangling_paragraph_style(root):
    first(root, "//w:p/w:pPr/w:pStyle").set(W + "val", "GayaHilang")


def _shared_bookmark_id(root):
    starts = root.xpath("//w:bookmarkStart", namespaces=NS)
    starts[1].set(W + "id", starts[0].get(W + "id"))


def _end_on_another_id(root):  # the sample's old fault: a bookmarkEnd on another bookmark's id
    starts = root.xpath("//w:bookmarkStart", namespaces=NS)
    own = starts[1].get(W + "id")
    end = first(root, f"//w:bookmarkEnd[@w:id='{own}']")
    end.set(W + "id", starts[0].get(W + "id"))


def _duplicate_bookmark_name(root):
    starts = root.xpath("//w:bookmarkStart", namespaces=NS)
    starts[1].set(W + "name", starts[0].get(W + "name"))


def _long_bookmark_name(root):
    first(root, "//w:bookmarkStart").set(W + "name", "b" * 41)


CP, CUSTOM = ("http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
              "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties")


def _keywords_in_custom_ns(root):  # what python-docx wrote once docxcompose had rebound its 'cp' prefix
    root.remove(root.find(f"{{{CP}}}keywords"))
    etree.SubElement(root, f"{{{CUSTOM}}}keywords").text = "Masterplan"


def _placeholder_creator(root):
    root.find("{http://purl.org/dc/elements/1.1/}creator").text = "Author"


def _other_creator(root):
    root.find("{http://purl.org/dc/elements/1.1/}creator").text = "Tim Pelaksana Smart City Kabupaten Toba"


def _theme_attribute(root):
    rfonts = first(root, "w:style[@w:styleId='Heading1']/w:rPr/w:rFonts")
    rfonts.set(W + "asciiTheme", "majorHAnsi")


def _stray_font(root):
    rpr = first(root, "//w:r/w:rPr[w:b]")
    rpr.insert(0, w("rFonts", ascii="Comic Sans MS", hAnsi="Comic Sans MS"))


def _font_in_a_numbered_level(root):  # a bullet may be drawn in any font; a number is text
    lvl = first(root, "w:abstractNum/w:lvl[w:numFmt/@w:val='decimal']")
    rpr = lvl.find(W + "rPr")
    if rpr is None:
        rpr = etree.SubElement(lvl, W + "rPr")
    rpr.insert(0, w("rFonts", ascii="Comic Sans MS", hAnsi="Comic Sans MS"))


def _theme_major_font(root):
    latin = root.find(".//{http://schemas.openxmlformats.org/drawingml/2006/main}majorFont/"
                      "{http://schemas.openxmlformats.org/drawingml/2006/main}latin")
    latin.set("typeface", "Aptos Display")


def _no_compat(root):
    root.remove(first(root, "w:compat"))


def _english(root):
    first(root, "w:docDefaults/w:rPrDefault/w:rPr/w:lang").set(W + "val", "en-US")


def _dangling_footnote(root):
    run = first(root, "//w:body/w:p[w:r/w:t]/w:r[w:t]")
    run.addnext(etree.fromstring(f'<w:r xmlns:w="{W[1:-1]}"><w:footnoteReference w:id="9999"/></w:r>'))


def _dangling_endnote(root):
    run = first(root, "//w:body/w:p[w:r/w:t]/w:r[w:t]")
    run.addnext(etree.fromstring(f'<w:r xmlns:w="{W[1:-1]}"><w:endnoteReference w:id="1"/></w:r>'))


def _dangling_picture(root):
    run = first(root, "//w:body/w:p[w:r/w:t]/w:r[w:t]")
    run.addnext(etree.fromstring(f'<w:r xmlns:w="{W[1:-1]}"><w:drawing><a:blip xmlns:a="http://schemas.openxmlformats.org/'
                                 'drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
                                 'relationships" r:embed="rIdTidakAda"/></w:drawing></w:r>'))


def _dangling_list(root):
    p = first(root, "//w:body/w:p[w:r/w:t]")
    ppr = p.find(W + "pPr")
    if ppr is None:
        ppr = etree.SubElement(p, W + "pPr")
        p.insert(0, ppr)
    ppr.append(etree.fromstring(f'<w:numPr xmlns:w="{W[1:-1]}"><w:ilvl w:val="0"/><w:numId w:val="4242"/></w:numPr>'))


def _include_field(root):
    p = first(root, "//w:body/w:p[w:r/w:t]")
    for xml in ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>', '<w:r><w:instrText> INCLUDE</w:instrText></w:r>',
                '<w:r><w:instrText>TEXT "\\\\host\\x.docx"</w:instrText></w:r>',
                '<w:r><w:fldChar w:fldCharType="end"/></w:r>'):
        p.append(etree.fromstring(xml.replace("<w:r>", f'<w:r xmlns:w="{W[1:-1]}">', 1)))


PLANTED = {
    "footnote reference to no note": ("word/document.xml", _dangling_footnote,
                                      "footnote references to notes that do not exist ['9999']"),
    "endnote reference without endnotes": ("word/document.xml", _dangling_endnote,
                                           "endnote references to notes that do not exist ['1']"),
    "picture whose relationship is gone": ("word/document.xml", _dangling_picture,
                                           "relationship id rIdTidakAda does not resolve"),
    "list that does not exist": ("word/document.xml", _dangling_list, "numbering ids ['4242'] do not exist"),
    "include field split over runs": ("word/document.xml", _include_field,
                                      "fields not on the allowlist ['INCLUDETEXT']"),
    "pPr order in a style": ("word/styles.xml", _misorder_heading,
                             "w:keepNext is out of schema order in the w:pPr of style 'Heading1'"),
    "rPr order in a run": ("word/document.xml", _misorder_run, "out of schema order in the w:rPr of body element"),
    "tblPr order": ("word/document.xml", _misorder_table, "w:tblStyle is out of schema order in the w:tblPr"),
    "tcPr order": ("word/document.xml", _misorder_cell, "w:tcW is out of schema order in the w:tcPr"),
    "sectPr order": ("word/document.xml", _misorder_section, "out of schema order in the w:sectPr"),
    "missing base style": ("word/styles.xml", _drop_normal_table,
                           "style 'Table' is basedOn 'TableNormal', which the book does not define"),
    "dangling next": ("word/styles.xml", _dangling_next, "is next 'TidakAda'"),
    "dangling link": ("word/styles.xml", _dangling_link, "is link 'Heading2CharHilang'"),
    "dangling numStyleLink": ("word/numbering.xml", _dangling_num_style_link, "numStyleLink 'DaftarHilang'"),
    "undefined paragraph style": ("word/document.xml", _dangling_paragraph_style,
                                  "styles used but not defined: ['GayaHilang']"),
    "shared bookmark id": ("word/document.xml", _shared_bookmark_id, "used by more than one bookmark"),
    "end on another bookmark's id": ("word/document.xml", _end_on_another_id, "ended more than once"),
    "duplicate bookmark name": ("word/document.xml", _duplicate_bookmark_name, "duplicate bookmark names"),
    "bookmark name over 40": ("word/document.xml", _long_bookmark_name, "longer than 40 characters"),
    "core property in another namespace": ("docProps/core.xml", _keywords_in_custom_ns,
                                           f"keywords is in the namespace {CUSTOM}"),
    "placeholder creator": ("docProps/core.xml", _placeholder_creator, "dc:creator is the placeholder 'Author'"),
    "creator not configured": ("docProps/core.xml", _other_creator, f"not the configured '{AUTHOR}'"),
    "theme font attribute": ("word/styles.xml", _theme_attribute,
                             "the font comes from the theme, not the configured one, in style 'Heading1'"),
    "font not configured": ("word/document.xml", _stray_font, "font 'Comic Sans MS' is not a configured font"),
    "font in a numbered list level": ("word/numbering.xml", _font_in_a_numbered_level,
                                      "word/numbering.xml: font 'Comic Sans MS' is not a configured font"),
    "theme fonts not configured": ("word/theme/theme1.xml", _theme_major_font,
                                   "the theme fonts are 'Aptos Display' (headings)"),
    "compatibility mode": ("word/settings.xml", _no_compat, "compatibilityMode is not set, not 15"),
    "language": ("word/styles.xml", _english, "the default language is en-US, not id-ID"),
}


def test_a_bullet_may_be_drawn_in_any_font(book_bytes):
    """Word's second-level bullet is "o" in Courier New: a symbol, not the book's text font."""
    def courier_bullet(root):
        lvl = first(root, "w:abstractNum/w:lvl[w:numFmt/@w:val='bullet'][1]")
        etree.SubElement(lvl, W + "rPr").append(w("rFonts", ascii="Courier New", hAnsi="Courier New"))
    data = replant(book_bytes, "word/numbering.xml", courier_bullet)
    assert check_book(data, EXPECT) == []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert "Courier New" in FN.bullet_fonts(etree.fromstring(z.read("word/numbering.xml")))


@pytest.mark.parametrize("fault", sorted(PLANTED))
def test_gate_catches_a_planted_fault(fault, book_bytes):
    part, plant, finding = PLANTED[fault]
    problems = check_book(replant(book_bytes, part, plant), EXPECT)
    assert any(finding in p for p in problems), (finding, problems)


def test_a_planted_fault_stops_the_build(project):
    """A house style with keepNext out of order in Heading 1: the build publishes nothing."""
    path = project / "templates" / "house-style.docx"
    path.write_bytes(replant(path.read_bytes(), "word/styles.xml", _misorder_heading))
    proc = run_cli("build", "--project", str(project), "--no-pdf")
    assert proc.returncode == 1
    assert "w:keepNext is out of schema order in the w:pPr of style 'Heading1'" in proc.stderr
    assert not (project / "build" / "masterplan-smart-city-simalungun.docx").exists()


# -- the independent validator --------------------------------------------------------------
def test_sample_book_passes_openxml_audit(sample_build):
    assert audit(sample_build["docx"]) == []


@pytest.mark.parametrize("template", ["house-style.docx", "master.docx", "form.docx", "generated/rekap-anggaran.docx",
                                      "generated/peta-jalan.docx", "generated/rekap-quick-win.docx",
                                      "generated/komitmen.docx", "documents/perbup.docx", "documents/ringkasan.docx"])
def test_templates_pass_openxml_audit_and_carry_no_theme_fonts(template):
    path = ROOT / "templates" / template
    assert audit(path) == []
    d = docx.Document(str(path))
    assert list(FN.theme_attributed(d.styles.element)) == []
    assert d.styles.element.xpath("w:style[@w:styleId='TableNormal']")


def _messy_word_fragment(path: Path, section: str, opd: str) -> None:
    """A fragment the way a person makes one in Word: Indonesian style names, direct fonts, a floating
    centred table with cell properties, two-level bullets, and bookmarks that share one id."""
    def build(d):
        rename_heading_styles_to_indonesian(d)
        styled(d, "Kondisi Saat Ini", "Judul1")
        p = d.add_paragraph("Layanan daring sudah berjalan di ")
        loud_run(p, "tiga kecamatan")
        cap = d.add_paragraph("Tabel 1 Layanan Daring per Kecamatan")
        cap._p.append(parse_xml(f'<w:bookmarkStart xmlns:w="{W_NS}" w:id="1" w:name="tbl_layanan_daring"/>'))
        cap._p.append(parse_xml(f'<w:bookmarkEnd xmlns:w="{W_NS}" w:id="1"/>'))
        t = d.add_table(rows=3, cols=3)
        t.style = d.styles["Table Grid"]
        tblpr = t._tbl.tblPr
        tblpr.insert(1, parse_xml(f'<w:tblpPr xmlns:w="{W_NS}" w:leftFromText="180" w:vertAnchor="text" '
                                  'w:tblpY="1"/>'))
        tblpr.insert(2, parse_xml(f'<w:tblOverlap xmlns:w="{W_NS}" w:val="never"/>'))
        schema.insert(tblpr, parse_xml(f'<w:jc xmlns:w="{W_NS}" w:val="center"/>'))
        for i, row in enumerate(t.rows):
            for j, cell in enumerate(row.cells):
                cell.text = ["Kecamatan", "Layanan", "Tahun"][j] if i == 0 else f"Isi {i}.{j}"
                cell._tc.get_or_add_tcPr().append(parse_xml(f'<w:vAlign xmlns:w="{W_NS}" w:val="center"/>'))
        d.add_paragraph("Layanan kependudukan", style="List Bullet")
        d.add_paragraph("Akta kelahiran daring", style="List Bullet 2")  # Word's "o" bullet in Courier New
        styled(d, "Catatan", "Judul2")
        note = d.add_paragraph("Lihat juga bagian sebelumnya.")
        note._p.append(parse_xml(f'<w:bookmarkStart xmlns:w="{W_NS}" w:id="1" w:name="catatan"/>'))
        note._p.append(parse_xml(f'<w:bookmarkEnd xmlns:w="{W_NS}" w:id="1"/>'))

    word_fragment(path, {"title": "Kesiapan Daerah", "opd": opd, "section": section, "version": "3",
                         "date": "2026-10-01"}, build)


@pytest.fixture(scope="module")
def messy_build(tmp_path_factory) -> Path:
    proj = copy_sample(tmp_path_factory.mktemp("messy") / "proyek")
    target = proj / "chapters" / "bab-02" / "kesiapan-daerah.kominfo.docx"
    _messy_word_fragment(target, "kesiapan-daerah", "kominfo")
    proc = run_cli("build", "--project", str(proj), "--no-pdf")
    assert proc.returncode == 0, proc.stderr
    return proj / "build" / "masterplan-smart-city-simalungun.docx"


def test_book_with_a_messy_word_fragment_passes_gate_and_openxml_audit(messy_build):
    text = messy_build.read_bytes()
    assert check_book(text, EXPECT) == []
    assert audit(messy_build) == []
    body = docx.Document(str(messy_build)).element.body
    assert body.xpath("//w:bookmarkStart[@w:name='tbl_layanan_daring']")  # the cross-reference target survives


# -- the fonts, the properties and the settings of the book -----------------------------------
def test_book_names_only_the_configured_font(sample_build):
    d = docx.Document(str(sample_build["docx"]))
    assert named_fonts(d) <= {"Arial"} | FN.SYMBOL_FONTS
    for name in ("Heading 1", "Heading 2", "Heading 3", "Title"):
        rfonts = d.styles[name].element.rPr.rFonts
        assert rfonts.get(W + "ascii") == "Arial" and rfonts.get(W + "asciiTheme") is None, name


def test_core_properties_and_settings(sample_build):
    with zipfile.ZipFile(sample_build["docx"]) as z:
        core = etree.fromstring(z.read("docProps/core.xml"))
        settings = etree.fromstring(z.read("word/settings.xml"))
        app = z.read("docProps/app.xml").decode()
    assert {child.tag.split("}")[0][1:] for child in core} <= {CP, "http://purl.org/dc/elements/1.1/",
                                                               "http://purl.org/dc/terms/"}
    d = docx.Document(str(sample_build["docx"]))
    props = d.core_properties
    assert props.title == "Masterplan Smart City Kabupaten Simalungun"
    assert props.author == AUTHOR
    assert core.find(f"{{{CP}}}lastModifiedBy").text == AUTHOR
    assert core.find(f"{{{CP}}}keywords").text == "Masterplan Smart City"
    assert settings.xpath("w:compat/w:compatSetting[@w:name='compatibilityMode']/@w:val", namespaces=NS) == ["15"]
    assert settings.xpath("w:themeFontLang/@w:val", namespaces=NS) == ["id-ID"]
    assert d.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val") == ["id-ID"]
    assert "Microsoft Word" not in app and "<Application>masterplan</Application>" in app


def test_document_author_comes_from_the_config(project, tmp_path):
    assert load_config(project).config.author == AUTHOR  # the default: the region's Tim Pelaksana
    cfg_path = project / "masterplan.yml"
    cfg_path.write_text(cfg_path.read_text(encoding="utf-8").replace(
        "  rupiah_space: false", "  rupiah_space: false\n  author: Bappeda Kabupaten Simalungun"), encoding="utf-8")
    author = load_config(project).config.author
    assert author == "Bappeda Kabupaten Simalungun"
    import datetime as dt
    from pipeline.docx.props import set_build_properties
    import docxtpl  # noqa: F401 - loads docxcompose, which rebinds python-docx's 'cp' prefix
    d = docx.Document()
    set_build_properties(d, title="Judul", subject="Subjek", author=author, inputs_hash="0" * 64,
                         built=dt.datetime(2026, 11, 29, tzinfo=dt.timezone.utc))
    d.save(str(tmp_path / "p.docx"))
    data = (tmp_path / "p.docx").read_bytes()
    assert [p for p in check_book(data) if "core.xml" in p] == []
    with zipfile.ZipFile(tmp_path / "p.docx") as z:  # read with lxml: python-docx now looks in docxcompose's 'cp'
        core = etree.fromstring(z.read("docProps/core.xml"))
    assert core.find("{http://purl.org/dc/elements/1.1/}creator").text == author
    assert core.find(f"{{{CP}}}lastModifiedBy").text == author
    assert core.find("{http://purl.org/dc/terms/}created").text == "2026-11-29T00:00:00Z"


# -- the PDF -----------------------------------------------------------------------------
def test_pdf_is_pdfa2b_tagged_with_outline_title_and_language(sample_build):
    with pikepdf.open(sample_build["pdf"]) as pdf:
        meta = pdf.open_metadata()
        assert meta.pdfa_status == "2B"
        intents = pdf.Root.OutputIntents
        assert str(intents[0].S) == "/GTS_PDFA1" and "sRGB" in str(intents[0].OutputConditionIdentifier)
        assert str(pdf.Root.Lang) == "id-ID"
        assert bool(pdf.Root.MarkInfo.Marked) and "/StructTreeRoot" in pdf.Root
        assert str(pdf.docinfo.Title) == meta["dc:title"] == "Masterplan Smart City Kabupaten Simalungun"
        assert str(pdf.docinfo.Author) == AUTHOR
        with pdf.open_outline() as outline:
            chapters = [item.title for item in outline.root]
            sections = [child.title for child in outline.root[3].children]
            appendix = [child.title for child in outline.root[-1].children]
    assert chapters[0] == "BAB I PENDAHULUAN" and chapters[-1] == "LAMPIRAN" and len(chapters) == 11
    assert appendix == ["Lampiran 1. Lembar Komitmen Bersama"]
    assert sections[:2] == ["4.1 Smart Governance", "4.2 Smart Branding"]


def test_pdf_fonts_are_the_arial_substitute_and_opensymbol(sample_build):
    families = {f.family for f in poppler.pdf_fonts(sample_build["pdf"])}
    assert families == {"LiberationSans", "OpenSymbol"}
    assert all(f.embedded for f in poppler.pdf_fonts(sample_build["pdf"]))
    notices = json.loads((sample_build["out"] / "diagnostics.json").read_text(encoding="utf-8"))
    about_the_book = [n for n in notices if n["code"].startswith("MP-W80") and n["file"] != "masterplan.yml"
                      or n["location"].get("part", "").startswith("document.")]
    assert not about_the_book  # the Bookman of the regulation (documents.perbup.font) is the regulation's notice


def test_parse_pdffonts_reads_names_with_spaces_in_the_type():
    text = ("name                                 type              encoding         emb sub uni object ID\n"
            "------------------------------------ ----------------- ---------------- --- --- --- ---------\n"
            "BAAAAA+DejaVuSans-Bold               CID TrueType      Identity-H       yes yes yes     12  0\n"
            "Helvetica                            Type 1            Custom           no  no  no      15  0\n")
    fonts = poppler.parse_pdffonts(text)
    assert [(f.name, f.type, f.embedded, f.family) for f in fonts] == [
        ("DejaVuSans-Bold", "CID TrueType", True, "DejaVuSans"), ("Helvetica", "Type 1", False, "Helvetica")]


def _pdf_of(tmp_path: Path, body_font: str, heading_theme_font: str | None) -> tuple[Path, set[str]]:
    """A one-page document converted by LibreOffice; the heading's font may come from the theme."""
    d = docx.Document()
    d.add_heading("Judul Bab", level=1)
    d.add_paragraph("Isi paragraf dengan huruf yang dipilih.")
    FN.set_style_fonts(d.styles.element, body_font, body_font)
    if heading_theme_font:
        rfonts = d.styles["Heading 1"].element.rPr.rFonts
        rfonts.set(W + "asciiTheme", "majorHAnsi")
        rfonts.attrib.pop(W + "ascii")
        rfonts.attrib.pop(W + "hAnsi")
        theme = next(r.target_part for r in d.part.rels.values() if r.reltype.endswith("/theme"))
        root = etree.fromstring(theme.blob)
        FN.set_theme_fonts(root, body_font, heading_theme_font)
        theme._blob = etree.tostring(root)
    src = tmp_path / f"{body_font.replace(' ', '')}.docx"
    d.save(str(src))
    pdf = src.with_suffix(".pdf")
    libreoffice.docx_to_pdf(src, pdf)
    return pdf, named_fonts(docx.Document(str(src)))


def test_fallback_font_in_the_pdf_is_a_notice_naming_the_font_it_replaced(tmp_path):
    pdf, named = _pdf_of(tmp_path, "Arial", heading_theme_font="Aptos Display")
    notices = fontcheck.font_notices(pdf, {"body": "Arial", "heading": "Arial"}, named)
    assert [(n.code, n.args["font"], n.args["replaced"]) for n in notices] == \
        [("MP-W801", "DejaVuSans", "Aptos Display")]
    assert notices[0].opd == "editor"


def test_font_without_metric_compatible_substitute_is_a_notice(tmp_path):
    pdf, named = _pdf_of(tmp_path, "Bookman Old Style", heading_theme_font=None)
    assert {f.family for f in poppler.pdf_fonts(pdf)} <= {"URWBookmanLight", "URWBookmanDemi", "OpenSymbol"}
    notices = fontcheck.font_notices(pdf, {"body": "Bookman Old Style", "heading": "Bookman Old Style"}, named)
    assert [(n.code, n.args["font"], n.args["substitute"], n.location.part) for n in notices] == \
        [("MP-W802", "Bookman Old Style", "URW Bookman", "document.fonts.body, document.fonts.heading")]
    assert fontcheck.font_notices(pdf, {"body": "Arial", "heading": "Arial"}, {"Arial"})[0].code == "MP-W803"


def test_heading_font_reaches_every_heading_style_and_the_theme():
    """With a heading font other than the body font, every heading style (and Title, Judul Depan, their
    character styles) names it explicitly; body styles keep the body font; the theme agrees."""
    from pipeline.docx.house import apply_fonts

    d = docx.Document(str(ROOT / "templates" / "house-style.docx"))
    apply_fonts(d, "Arial", "Times New Roman")
    heading = {s.name for s in d.styles if FN.uses_heading_font(s.name)}
    assert {"Heading 1", "Heading 2", "Heading 3", "Title", "Judul Depan", "Heading 1 Char"} <= heading
    for st in d.styles:
        rfonts = st.element.rPr.rFonts if st.element.rPr is not None else None
        if st.name in heading:
            assert rfonts is not None and rfonts.get(W + "ascii") == "Times New Roman", st.name
        elif rfonts is not None:
            assert rfonts.get(W + "ascii") == "Arial", st.name
    assert list(FN.theme_attributed(d.styles.element)) == []
    assert named_fonts(d) <= {"Arial", "Times New Roman"} | FN.SYMBOL_FONTS


def test_text_of_a_pdfa_is_read_through_a_copy_without_its_output_intent(sample_build):
    """poppler applies a PDF/A output intent's ICC profile to every page it reads; page_texts reads a copy
    whose catalog does not name it, and gets the same text."""
    import subprocess

    pdf = sample_build["pdf"]
    assert b"/OutputIntents" in pdf.read_bytes()
    direct = subprocess.run(["pdftotext", "-layout", "-l", "3", str(pdf), "-"], capture_output=True, text=True,
                            check=True).stdout.split("\f")[:3]
    assert poppler.page_texts(pdf, last=3) == direct


def test_the_book_names_no_folder_of_the_computer_it_was_built_on(book_bytes, sample_build):
    """pandoc writes the file a picture was read from into pic:cNvPr/@descr; the book keeps the alt text."""
    folders = {str(sample_build["project"]), str(sample_build["project"].resolve()), str(Path.home())}
    with zipfile.ZipFile(io.BytesIO(book_bytes)) as zf:
        for name in zf.namelist():
            if name.endswith((".xml", ".rels")):
                text = zf.read(name).decode("utf-8")
                assert not [f for f in folders if f in text], name
        document = etree.fromstring(zf.read("word/document.xml"))
    ns = {"pic": "http://schemas.openxmlformats.org/drawingml/2006/picture"}
    described = document.xpath("//pic:cNvPr/@descr", namespaces=ns)
    assert "Indeks Pembangunan Manusia Kabupaten Simalungun, 2017–2021" in described
