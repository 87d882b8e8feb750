"""Unit fixtures for the .docx engine room, docxcompose style: a small body in, the exact XML out.

Each case gives the body of a fragment (or a book) as XML, runs one piece of
``pipeline/docx/`` on it, and compares the result with the XML expected; a
failure shows a line diff of the two, pretty-printed.
"""

from __future__ import annotations

import difflib
import io
from pathlib import Path

import docx
import pytest
from lxml import etree

from pipeline.docx import lists, normalise
from pipeline.docx.compose import Composer
from pipeline.docx.source import Source
from pipeline.docx.styles import HouseStyles

ROOT = Path(__file__).resolve().parent.parent
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = f'xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def _clean(el):
    """A copy without the namespace declarations nothing in it uses (Word declares thirty)."""
    copy = etree.fromstring(etree.tostring(el, method="c14n", exclusive=True), etree.XMLParser(remove_blank_text=True))
    etree.cleanup_namespaces(copy)
    return copy


def pretty(el) -> list[str]:
    return etree.tostring(_clean(el), pretty_print=True, encoding="unicode").splitlines()


def assert_xml(actual, expected: str) -> None:
    """Compare ``actual`` (an element) with ``expected`` (XML text, namespace declared on the root)."""
    want = _clean(etree.fromstring(expected, etree.XMLParser(remove_blank_text=True)))
    got = _clean(actual)
    if etree.tostring(got, method="c14n", exclusive=True) != etree.tostring(want, method="c14n", exclusive=True):
        diff = "\n".join(difflib.unified_diff(pretty(want), pretty(got), "expected", "actual", lineterm=""))
        pytest.fail(f"XML differs:\n{diff}")


def fragment(body_xml: str):
    """A python-docx Document whose body is ``body_xml`` (paragraphs and tables, no sectPr)."""
    d = docx.Document()
    body = d.element.body
    for child in list(body):
        if child.tag != f"{{{W}}}sectPr":
            body.remove(child)
    for el in reversed(etree.fromstring(f"<w:body {NS}>{body_xml}</w:body>")):
        body.insert(0, el)
    return d


@pytest.fixture(scope="module")
def house():
    return HouseStyles(docx.Document(str(ROOT / "templates" / "house-style.docx")).styles.element)


def _body_without_sectpr(d):
    body = etree.fromstring(etree.tostring(d.element.body))
    for s in body.findall(f"{{{W}}}sectPr"):
        body.remove(s)
    return body


# -- normalise ---------------------------------------------------------------------------------------------
def test_normalise_maps_styles_strips_formatting_and_typed_numbers(house):
    d = fragment('<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:jc w:val="center"/></w:pPr>'
                 '<w:r><w:rPr><w:rFonts w:ascii="Tahoma"/><w:b/><w:sz w:val="40"/></w:rPr><w:t>1.2 Kondisi</w:t></w:r></w:p>'
                 '<w:p><w:r><w:rPr><w:i/><w:color w:val="FF0000"/></w:rPr><w:t>Isi.</w:t></w:r></w:p>')
    normalise.normalise(d, house, prefix="fx_")
    assert_xml(_body_without_sectpr(d), f'<w:body {NS}>'
               '<w:p><w:pPr><w:pStyle w:val="Heading3"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>Kondisi</w:t></w:r></w:p>'
               '<w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr><w:r><w:rPr><w:i/></w:rPr><w:t>Isi.</w:t></w:r></w:p>'
               '</w:body>')


def test_normalise_folds_a_restated_title_and_moves_its_children_up(house):
    d = fragment('<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Dinas Kominfo</w:t></w:r></w:p>'
                 '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>4.1 SMART GOVERNANCE</w:t></w:r></w:p>'
                 '<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>Kondisi Saat Ini</w:t></w:r></w:p>'
                 '<w:p><w:r><w:t>Isi.</w:t></w:r></w:p>')
    normalise.normalise(d, house, prefix="fx_", title="Smart Governance", names={"Dinas Kominfo"})
    assert_xml(_body_without_sectpr(d), f'<w:body {NS}>'
               '<w:p><w:pPr><w:pStyle w:val="Heading3"/></w:pPr><w:r><w:t>Kondisi Saat Ini</w:t></w:r></w:p>'
               '<w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr><w:r><w:t>Isi.</w:t></w:r></w:p>'
               '</w:body>')


def test_normalise_pairs_bookmarks_and_prefixes_their_names(house):
    d = fragment('<w:p><w:bookmarkStart w:id="1" w:name="Peta"/><w:r><w:t>a</w:t></w:r><w:bookmarkEnd w:id="1"/>'
                 '<w:bookmarkStart w:id="1" w:name="Peta"/><w:r><w:t>b</w:t></w:r><w:bookmarkEnd w:id="1"/>'
                 '<w:bookmarkStart w:id="9" w:name="tbl_penduduk"/><w:bookmarkStart w:id="5" w:name="_GoBack"/>'
                 '<w:bookmarkEnd w:id="5"/></w:p>')
    normalise.normalise(d, house, prefix="fx_")
    assert_xml(_body_without_sectpr(d), f'<w:body {NS}>'
               '<w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr>'
               '<w:bookmarkStart w:id="1" w:name="fx_Peta"/><w:r><w:t>a</w:t></w:r><w:bookmarkEnd w:id="1"/>'
               '<w:bookmarkStart w:id="2" w:name="fx_Peta_2"/><w:r><w:t>b</w:t></w:r><w:bookmarkEnd w:id="2"/>'
               '<w:bookmarkStart w:id="3" w:name="tbl_penduduk"/></w:p><w:bookmarkEnd w:id="3"/>'
               '</w:body>')


def test_normalise_keeps_only_allowed_fields_with_their_results(house):
    d = fragment('<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> INCLUDE</w:instrText></w:r>'
                 '<w:r><w:instrText>TEXT "x.docx" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                 '<w:r><w:t>hasil</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
                 '<w:fldSimple w:instr=" PAGE "><w:r><w:t>3</w:t></w:r></w:fldSimple></w:p>')
    normalise.normalise(d, house, prefix="fx_")
    assert_xml(_body_without_sectpr(d), f'<w:body {NS}>'
               '<w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr><w:r><w:t>hasil</w:t></w:r>'
               '<w:fldSimple w:instr=" PAGE "><w:r><w:t>3</w:t></w:r></w:fldSimple></w:p>'
               '</w:body>')


def test_normalise_turns_a_text_box_into_framed_paragraphs(house):
    box = '<w:txbxContent><w:p><w:r><w:t>Catatan penting</w:t></w:r></w:p></w:txbxContent>'
    d = fragment('<w:p><w:r><w:t>Lihat kotak.</w:t></w:r><w:r><mc:AlternateContent '
                 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps">'
                 f'<w:drawing><wps:txbx xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">{box}'
                 '</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox xmlns:v="urn:schemas-microsoft-com:vml">'
                 f'{box}</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>')
    normalise.normalise(d, house, prefix="fx_")
    assert_xml(_body_without_sectpr(d), f'<w:body {NS}>'
               '<w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr><w:r><w:t>Lihat kotak.</w:t></w:r></w:p>'
               '<w:p><w:pPr><w:pStyle w:val="KotakTeks"/></w:pPr><w:r><w:t>Catatan penting</w:t></w:r></w:p>'
               '</w:body>')


# -- compose -----------------------------------------------------------------------------------------------
def test_compose_renumbers_lists_and_bookmarks_per_fragment(tmp_path, house):
    def saved(body_xml: str, name: str) -> Path:
        d = fragment(body_xml)
        numbering = d.part.numbering_part.element
        numbering.append(etree.fromstring(f'<w:abstractNum {NS} w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                                          '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'))
        numbering.append(etree.fromstring(f'<w:num {NS} w:numId="1"><w:abstractNumId w:val="0"/></w:num>'))
        path = tmp_path / name
        d.save(str(path))
        return path

    item = ('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
            '<w:bookmarkStart w:id="1" w:name="a"/><w:r><w:t>{t}</w:t></w:r><w:bookmarkEnd w:id="1"/></w:p>')
    book = docx.Document(io.BytesIO((ROOT / "templates" / "house-style.docx").read_bytes()))
    for child in list(book.element.body):
        if child.tag != f"{{{W}}}sectPr":
            book.element.body.remove(child)
    composer = Composer(book)
    for i, name in enumerate(("satu.docx", "dua.docx")):
        src = Source(saved(item.format(t=f"butir {i}"), name))
        composer.append_fragment(src, tag=name)
        src.close()
    body = _body_without_sectpr(book)
    nums = [p.find(f".//{{{W}}}numId").get(f"{{{W}}}val") for p in body]
    ids = [p.find(f".//{{{W}}}bookmarkStart").get(f"{{{W}}}id") for p in body]
    assert len(set(nums)) == 2, nums  # each fragment's list starts again
    assert len(set(ids)) == 2, ids  # one bookmark id each, across the book
    abstracts = book.part.numbering_part.element.findall(f"{{{W}}}abstractNum")
    assert len({a.find(f"{{{W}}}nsid").get(f"{{{W}}}val") for a in abstracts[-2:]}) == 2  # Word keeps lists apart


# -- lists -------------------------------------------------------------------------------------------------
def test_a_list_entry_is_label_text_tab_and_pageref(house):
    entry = lists.Entry("TOC2", "4.1", "Smart Governance", "_TocMP00001")
    p = lists._entry_paragraph(entry, "12", 9000)
    assert_xml(p, f'<w:p {NS}><w:pPr><w:pStyle w:val="TOC2"/><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9000"/>'
               '</w:tabs></w:pPr><w:r><w:t xml:space="preserve">4.1  </w:t></w:r>'
               '<w:r><w:t xml:space="preserve">Smart Governance</w:t></w:r><w:r><w:tab/></w:r>'
               '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
               '<w:r><w:instrText xml:space="preserve"> PAGEREF _TocMP00001 \\h </w:instrText></w:r>'
               '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t xml:space="preserve">12</w:t></w:r>'
               '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')


def _picture(doc_descr: str, pic_descr: str) -> str:
    a = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    wp = 'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
    pic = 'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'
    return (f'<w:p><w:r><w:drawing><wp:inline {wp}><wp:extent cx="1" cy="1"/><wp:docPr id="1" name="P" '
            f'descr="{doc_descr}"/><a:graphic {a}><a:graphicData uri="x"><pic:pic {pic}><pic:nvPicPr>'
            f'<pic:cNvPr id="0" name="p.png" descr="{pic_descr}"/><pic:cNvPicPr/></pic:nvPicPr></pic:pic>'
            '</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>')


def test_normalise_keeps_a_pictures_alt_text_and_no_folder_it_came_from(house):
    """pandoc puts the file it read into pic:cNvPr/@descr, and Word has put an inserted file's path into
    the alt text itself: neither folder may reach the book, the alt text does."""
    ns = {"wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
          "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture"}
    d = fragment(_picture("Peta Kecamatan, 2021", "/home/budi/chapters/gambar/peta.png")
                 + _picture("C:\\Users\\budi\\Pictures\\peta.png", "C:\\Users\\budi\\Pictures\\peta.png"))
    normalise.normalise(d, house, prefix="fx_")
    body = _body_without_sectpr(d)
    assert body.xpath("//wp:docPr/@descr", namespaces=ns) == ["Peta Kecamatan, 2021"]
    assert body.xpath("//pic:cNvPr/@descr", namespaces=ns) == ["Peta Kecamatan, 2021"]
    assert len(body.xpath("//wp:docPr", namespaces=ns)) == 2  # the pictures stay
