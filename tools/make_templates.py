"""Generate templates/house-style.docx and templates/master.docx.

Run once to (re)create the templates: ``python tools/make_templates.py``.
Editors then change the two files in Word or LibreOffice; the build never
regenerates them. house-style.docx starts from pandoc's own reference document
so that every style pandoc writes exists, and sets the house look on it.
master.docx is the docxtpl master (cover, lembar pengesahan, kata pengantar,
daftar isi/tabel/gambar) built on those same styles.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import docx
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm, Pt, RGBColor

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from pipeline.docx import house as H  # noqa: E402
from pipeline.docx import schema  # noqa: E402
from pipeline.kinds import KINDS  # noqa: E402
from pipeline.pandoc import pandoc_path  # noqa: E402
from pipeline.docx.props import set_app_properties, set_core_properties  # noqa: E402

W = nsdecls("w")
FONT = "Arial"  # the house font; a project's config may name others (applied when the book is built)
AUTHOR = "Tim Pelaksana Smart City"
HEADING_NUM_ID = 901


def pandoc_reference(dest: Path) -> None:
    subprocess.run([pandoc_path(), "-o", str(dest), "--print-default-data-file",
                    "reference.docx"], check=True)


def style(doc, name, type_=WD_STYLE_TYPE.PARAGRAPH, base=None):
    try:
        st = doc.styles[name]
    except KeyError:
        st = doc.styles.add_style(name, type_)
    if base:
        st.base_style = doc.styles[base]
    st.hidden = False
    st.quick_style = True
    return st


def font(st, size=None, bold=None, italic=None, caps=None, name=None, color=RGBColor(0, 0, 0)):
    f = st.font
    if size:
        f.size = Pt(size)
    if bold is not None:
        f.bold = bold
    if italic is not None:
        f.italic = italic
    if caps is not None:
        f.all_caps = caps
    if name:
        f.name = name
    if color is not None:
        f.color.rgb = color


def para(st, align=None, before=None, after=None, line=None, first=None, left=None, keep_next=None,
         page_break=None):
    pf = st.paragraph_format
    if align is not None:
        pf.alignment = align
    if before is not None:
        pf.space_before = Pt(before)
    if after is not None:
        pf.space_after = Pt(after)
    if line is not None:
        pf.line_spacing = line
    if first is not None:
        pf.first_line_indent = Cm(first)
    if left is not None:
        pf.left_indent = Cm(left)
    if keep_next is not None:
        pf.keep_with_next = keep_next
    if page_break is not None:
        pf.page_break_before = page_break


def heading_numbering(doc) -> None:
    """A multilevel list bound to Heading 1-4: level 1 counts chapters without showing
    (the 'BAB I' line is written by the pipeline), levels 2-4 show 1.1, 1.1.1, 1.1.1.1."""
    numbering = doc.part.numbering_part.element
    levels = [("decimal", "", "Heading1", 0, 0)]
    levels += [("decimal", "%1.%2", "Heading2", 851, 851), ("decimal", "%1.%2.%3", "Heading3", 1134, 1134),
               ("decimal", "%1.%2.%3.%4", "Heading4", 1276, 1276)]
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:pStyle w:val="{ps}"/>'
        f'<w:suff w:val="{"nothing" if i == 0 else "tab"}"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{left}" w:hanging="{hang}"/></w:pPr></w:lvl>'
        for i, (fmt, text, ps, left, hang) in enumerate(levels))
    absn = parse_xml(f'<w:abstractNum {W} w:abstractNumId="{HEADING_NUM_ID}"><w:nsid w:val="4D504831"/>'
                     f'<w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>')
    first_num = numbering.find("{%s}num" % numbering.nsmap["w"])
    if first_num is not None:
        first_num.addprevious(absn)
    else:
        numbering.append(absn)
    numbering.append(parse_xml(f'<w:num {W} w:numId="{HEADING_NUM_ID}"><w:abstractNumId w:val="{HEADING_NUM_ID}"/></w:num>'))
    for i, ps in enumerate(["Heading 1", "Heading 2", "Heading 3", "Heading 4"]):
        ppr = doc.styles[ps].element.get_or_add_pPr()
        schema.insert(ppr, parse_xml(f'<w:numPr {W}><w:ilvl w:val="{i}"/><w:numId w:val="{HEADING_NUM_ID}"/></w:numPr>'))


NORMAL_TABLE = (f'<w:style {W} w:type="table" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
                '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
                '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
                '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>')


def table_style(doc) -> None:
    """The house table style "Table" (the default for tables), on Word's "Normal Table", which pandoc's
    reference document names as its base without defining it."""
    styles = doc.styles.element
    if not styles.xpath("w:style[@w:styleId='TableNormal']"):
        styles.append(parse_xml(NORMAL_TABLE))
    st = doc.styles["Table"]
    el = st.element
    for child in list(el):
        if child.tag.endswith(("}tblPr", "}tblStylePr", "}rPr", "}pPr", "}trPr", "}tcPr")):
            el.remove(child)
    el.append(parse_xml(
        f'<w:tblPr {W}><w:tblBorders>'
        + "".join(f'<w:{b} w:val="single" w:sz="4" w:space="0" w:color="404040"/>'
                  for b in ("top", "left", "bottom", "right", "insideH", "insideV"))
        + '</w:tblBorders><w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
          '<w:bottom w:w="40" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr>'))
    el.append(parse_xml(
        f'<w:tblStylePr {W} w:type="firstRow"><w:rPr><w:b/></w:rPr><w:tblPr/><w:trPr><w:tblHeader/></w:trPr>'
        '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="D9E2F3"/><w:vAlign w:val="center"/></w:tcPr>'
        '</w:tblStylePr>'))


def house_style(dest: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ref = Path(tmp) / "ref.docx"
        pandoc_reference(ref)
        doc = docx.Document(str(ref))
    body = doc.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)
    defaults = doc.styles.element.find("{%s}docDefaults" % doc.styles.element.nsmap["w"])
    rpr = defaults.find(".//{%s}rPr" % doc.styles.element.nsmap["w"])
    for child in list(rpr):
        rpr.remove(child)
    rpr.append(parse_xml(f'<w:rFonts {W} w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'))
    rpr.append(parse_xml(f'<w:sz {W} w:val="24"/>'))
    rpr.append(parse_xml(f'<w:szCs {W} w:val="24"/>'))
    rpr.append(parse_xml(f'<w:lang {W} w:val="{H.LANGUAGE}" w:eastAsia="en-US" w:bidi="ar-SA"/>'))

    normal = style(doc, "Normal")
    font(normal, 12, name=FONT)
    para(normal, WD_ALIGN_PARAGRAPH.JUSTIFY, 0, 6, 1.5)
    for name in ("Body Text", "First Paragraph"):
        st = style(doc, name, base="Normal")
        font(st, 12)
        para(st, WD_ALIGN_PARAGRAPH.JUSTIFY, 0, 6, 1.5, first=1.0)
    compact = style(doc, "Compact", base="Normal")
    font(compact, 11)
    para(compact, WD_ALIGN_PARAGRAPH.LEFT, 0, 0, 1.0, first=0)
    cell = style(doc, "Table Text", base="Normal")
    font(cell, 10)
    para(cell, WD_ALIGN_PARAGRAPH.LEFT, 0, 0, 1.0, first=0)
    lp = style(doc, "List Paragraph", base="Normal")
    para(lp, left=1.0)

    sizes = {1: 14, 2: 12, 3: 12, 4: 12}
    for n in range(1, 10):
        st = style(doc, f"Heading {n}", base="Normal")
        font(st, sizes.get(n, 12), bold=True, italic=n >= 4, name=FONT)
        st.font.all_caps = n == 1
        if n == 1:
            para(st, WD_ALIGN_PARAGRAPH.CENTER, 0, 24, 1.5, first=0, keep_next=True, page_break=True)
        else:
            para(st, WD_ALIGN_PARAGRAPH.LEFT, 12, 6, 1.5, keep_next=True)
    heading_numbering(doc)

    cap = style(doc, "Caption", base="Normal")
    font(cap, 11, bold=True, italic=False)
    para(cap, WD_ALIGN_PARAGRAPH.CENTER, 6, 6, 1.0, first=0)
    tc = style(doc, "Table Caption", base="Caption")
    para(tc, before=12, after=6, keep_next=True)
    ic = style(doc, "Image Caption", base="Caption")
    para(ic, before=4, after=4)
    for name in ("Figure", "Captioned Figure"):
        st = style(doc, name, base="Normal")
        para(st, WD_ALIGN_PARAGRAPH.CENTER, 6, 0, 1.0, first=0, keep_next=True)
    src = style(doc, "Sumber", base="Normal")
    font(src, 10, italic=True)
    para(src, WD_ALIGN_PARAGRAPH.LEFT, 0, 12, 1.0, first=0)
    fn = style(doc, "Footnote Text", base="Normal")
    font(fn, 10)
    para(fn, WD_ALIGN_PARAGRAPH.LEFT, 0, 0, 1.0)

    front = style(doc, "Judul Depan", base="Normal")
    font(front, 14, bold=True, caps=True)
    para(front, WD_ALIGN_PARAGRAPH.CENTER, 0, 24, 1.5, keep_next=True)
    for n, left in ((1, 0), (2, 0.6), (3, 1.6)):
        st = style(doc, f"TOC {n}", base="Normal")
        font(st, 12, bold=(n == 1))
        para(st, WD_ALIGN_PARAGRAPH.LEFT, 6 if n == 1 else 0, 0, 1.15, left=left, first=0)
    tof = style(doc, "Table of Figures", base="Normal")
    para(tof, WD_ALIGN_PARAGRAPH.LEFT, 0, 2, 1.15, first=0)
    ph = style(doc, "Placeholder", base="Normal")
    font(ph, 12, bold=True, color=RGBColor(0xC0, 0x00, 0x00))
    para(ph, WD_ALIGN_PARAGRAPH.CENTER, 48, 48, 1.5, first=0)
    # Text that an OPD wrote in a text box or shape comes into the book framed (pipeline/docx/shapes.py);
    # consecutive framed paragraphs share one frame.
    box = style(doc, "Kotak Teks", base="Normal")
    font(box, 11)
    para(box, WD_ALIGN_PARAGRAPH.LEFT, 0, 0, 1.15, first=0, left=0.3)
    edges = "".join(f'<w:{side} w:val="single" w:sz="6" w:space="4" w:color="1F4E79"/>'
                    for side in ("top", "left", "bottom", "right"))
    box_ppr = box.element.get_or_add_pPr()
    schema.insert(box_ppr, parse_xml(f'<w:pBdr {nsdecls("w")}>{edges}</w:pBdr>'))
    schema.insert(box_ppr, parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="EEF3F8"/>'))
    for name in ("Header", "Footer"):
        st = style(doc, name, base="Normal")
        font(st, 9, italic=(name == "Header"))
        para(st, WD_ALIGN_PARAGRAPH.RIGHT if name == "Header" else WD_ALIGN_PARAGRAPH.CENTER, 0, 0, 1.0, first=0)
    table_style(doc)
    from document_templates import document_styles

    document_styles(doc)

    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.left_margin, sec.right_margin = Cm(4), Cm(3)
    sec.top_margin, sec.bottom_margin = Cm(3), Cm(3)
    sec.header_distance = sec.footer_distance = Cm(1.5)
    _clean_parts(doc)
    H.apply_fonts(doc, FONT, FONT)
    H.apply_settings(doc)
    _properties(doc, "Gaya rumah (house style) Masterplan Smart City")
    doc.save(str(dest))


def _properties(doc, title: str) -> None:
    set_core_properties(doc, title=title, creator=AUTHOR, language=H.LANGUAGE)
    set_app_properties(doc)


def _clean_parts(doc) -> None:
    """Drop pandoc's sample footnote and the comments part from the reference document."""
    from lxml import etree
    for rid, rel in list(doc.part.rels.items()):
        kind = rel.reltype.rsplit("/", 1)[-1]
        if kind == "comments":
            del doc.part.rels[rid]
        elif kind == "footnotes":
            root = etree.fromstring(rel.target_part.blob)
            for note in root:
                if note.get("{%s}type" % root.nsmap["w"]) is None:
                    root.remove(note)
            rel.target_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def field_run(paragraph, instr: str, cached: str = "1") -> None:
    for xml in (f'<w:r {W}><w:fldChar w:fldCharType="begin"/></w:r>',
                f'<w:r {W}><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>',
                f'<w:r {W}><w:fldChar w:fldCharType="separate"/></w:r>',
                f'<w:r {W}><w:t>{cached}</w:t></w:r>', f'<w:r {W}><w:fldChar w:fldCharType="end"/></w:r>'):
        paragraph._p.append(parse_xml(xml))


def centred(doc, text, size, bold=True, before=0, after=6, style="Normal"):
    p = doc.add_paragraph(style=style)
    p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_before = Pt(before)
    p.paragraph_format.space_after = Pt(after)
    p.paragraph_format.first_line_indent = Cm(0)
    r = p.add_run(text)
    r.font.size = Pt(size)
    r.bold = bold
    return p


def signature(doc, first_line: str, title: str = "{{ jabatan_kepala|upper }},",
              name: str = "{{ nama_kepala|upper }}") -> None:
    """Place and date, the signer's title, room to sign, and the name in bold underline."""
    for i, text in enumerate([first_line, title, "", "", "", name]):
        p = doc.add_paragraph(style="Normal")
        p.paragraph_format.left_indent = Cm(6.0)
        p.paragraph_format.first_line_indent = Cm(0)
        p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(0)
        r = p.add_run(text)
        if i == 5:
            r.bold = True
            r.underline = True


def page_break(doc) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


FOREWORD = [
    "Puji syukur kita panjatkan ke hadirat Tuhan Yang Maha Esa, karena atas rahmat dan karunia-Nya "
    "dokumen {{ judul }} {{ wilayah }} Tahun {{ periode }} ini dapat diselesaikan.",
    "Dokumen ini disusun bersama seluruh perangkat daerah melalui rangkaian bimbingan teknis Gerakan Menuju "
    "Smart City. Masterplan ini menjadi acuan arah pembangunan kota cerdas di {{ wilayah }}, yang dijabarkan "
    "dalam enam dimensi: tata kelola, pencitraan daerah, ekonomi, lingkungan hidup, masyarakat, dan "
    "lingkungan.",
    "Kami menyampaikan terima kasih kepada Kementerian Komunikasi dan Digital, para mentor, Dewan Smart City, "
    "Tim Pelaksana Smart City, serta seluruh perangkat daerah yang telah berkontribusi. Semoga dokumen ini "
    "bermanfaat bagi peningkatan pelayanan dan kesejahteraan masyarakat.",
]


FOREWORD_TEAM = [
    "Masterplan ini adalah hasil kerja bersama. Sepanjang empat tahap bimbingan teknis, perangkat daerah, "
    "camat, perguruan tinggi dan komunitas menyumbangkan data, gagasan dan waktu. Tim Pelaksana Smart City "
    "merangkum semuanya menjadi satu dokumen yang utuh dan dapat dipantau pelaksanaannya.",
    "Setiap program dalam dokumen ini memiliki perangkat daerah penanggung jawab, tahun pelaksanaan dan "
    "indikasi anggaran. Dengan begitu, masterplan tidak berhenti sebagai dokumen, tetapi menjadi rencana "
    "kerja yang dapat ditagih dan dievaluasi setiap tahun oleh Dewan Smart City dan masyarakat.",
    "Kami mengajak seluruh perangkat daerah untuk menjadikan masterplan ini acuan dalam menyusun Rencana "
    "Strategis dan Rencana Kerja, serta terus memperbarui data program agar peta jalan tetap sesuai dengan "
    "kenyataan di lapangan.",
]


def master(house: Path, dest: Path) -> None:
    doc = docx.Document(str(house))
    # Cover
    for _ in range(3):
        doc.add_paragraph()
    centred(doc, "{{ judul|upper }}", 24, before=24)
    doc.add_paragraph("{%p if buku %}")  # a masterplan published as books: "BUKU 2 / MASTERPLAN"
    centred(doc, "{{ buku }}", 18, before=6)
    centred(doc, "{{ judul_buku|upper }}", 18, after=12)
    doc.add_paragraph("{%p endif %}")
    centred(doc, "{{ wilayah|upper }}", 20)
    centred(doc, "TAHUN {{ periode }}", 16, after=36)
    centred(doc, "{{ lambang }}", 12, bold=False, after=36)
    for _ in range(4):
        doc.add_paragraph()
    centred(doc, "PEMERINTAH {{ wilayah|upper }}", 14)
    centred(doc, "{{ tahun }}", 14)
    centred(doc, "{{ cap_draf }}", 11, bold=True)
    doc.sections[0].vertical_alignment = 1  # centre the cover vertically
    cover_end = doc.add_section(WD_SECTION.NEW_PAGE)

    # Lembar pengesahan
    doc.add_paragraph("LEMBAR PENGESAHAN", style="Judul Depan")
    centred(doc, "{{ judul|upper }}", 12)
    centred(doc, "{{ wilayah|upper }}", 12)
    centred(doc, "TAHUN {{ periode }}", 12, after=24)
    p = doc.add_paragraph("Dokumen {{ judul }} {{ wilayah }} Tahun {{ periode }} ini telah dibahas bersama Dewan "
                          "Smart City dan Tim Pelaksana Smart City, dan disahkan sebagai pedoman pembangunan "
                          "kota cerdas di {{ wilayah }}.", style="Body Text")
    p.paragraph_format.space_after = Pt(36)
    signature(doc, "Ditetapkan di {{ ibu_kota }}, {{ tanggal }}")
    page_break(doc)

    # Kata pengantar
    doc.add_paragraph("KATA PENGANTAR", style="Judul Depan")
    for text in FOREWORD:
        doc.add_paragraph(text, style="Body Text")
    doc.add_paragraph()
    signature(doc, "{{ ibu_kota }}, {{ tanggal }}")

    page_break(doc)
    doc.add_paragraph("SAMBUTAN KETUA TIM PELAKSANA SMART CITY", style="Judul Depan")
    for text in FOREWORD_TEAM:
        doc.add_paragraph(text, style="Body Text")
    doc.add_paragraph()
    signature(doc, "{{ ibu_kota }}, {{ tanggal }}", "Ketua Tim Pelaksana Smart City,", "{{ ketua_tim }}")

    for title, marker in (("DAFTAR ISI", "daftar_isi"), ("DAFTAR TABEL", "daftar_tabel"),
                          ("DAFTAR GAMBAR", "daftar_gambar")):
        page_break(doc)
        doc.add_paragraph(title, style="Judul Depan")
        doc.add_paragraph("{{ %s }}" % marker, style="Normal")
    body = doc.add_section(WD_SECTION.NEW_PAGE)

    # Front matter: footer with roman page numbers, no header.
    front = doc.sections[1]
    front.footer.is_linked_to_previous = False
    fp = front.footer.paragraphs[0]
    fp.style = doc.styles["Footer"]
    field_run(fp, "PAGE", "i")
    schema.insert(front._sectPr, parse_xml(f'<w:pgNumType {W} w:fmt="lowerRoman" w:start="1"/>'))
    # Body: running header with the title, footer with arabic page numbers.
    body.header.is_linked_to_previous = False
    hp = body.header.paragraphs[0]
    hp.style = doc.styles["Header"]
    hp.add_run("{{ judul }} {{ wilayah }} {{ periode }}{{ buku_header }}{{ cap_draf_header }}")
    schema.insert(hp._p.get_or_add_pPr(), parse_xml(
        f'<w:pBdr {W}><w:bottom w:val="single" w:sz="4" w:space="1" w:color="808080"/></w:pBdr>'))
    body.footer.is_linked_to_previous = False
    bp = body.footer.paragraphs[0]
    bp.style = doc.styles["Footer"]
    field_run(bp, "PAGE", "1")
    schema.insert(body._sectPr, parse_xml(f'<w:pgNumType {W} w:fmt="decimal" w:start="1"/>'))
    # The cover section has no header or footer of its own.
    del cover_end
    _properties(doc, "{{ judul }}")
    doc.save(str(dest))


def _caption(doc, text: str, bookmark: str | None = None) -> None:
    p = doc.add_paragraph(text, style="Caption")
    if bookmark:
        bid = 1 + len(doc.element.body.xpath(".//w:bookmarkStart"))  # one id per bookmark
        p._p.insert(1, parse_xml(f'<w:bookmarkStart {W} w:id="{bid}" w:name="{bookmark}"/>'))
        p._p.append(parse_xml(f'<w:bookmarkEnd {W} w:id="{bid}"/>'))


def _generated(house: Path, dest: Path, build) -> None:
    doc = docx.Document(str(house))
    build(doc)
    _properties(doc, dest.stem)
    doc.save(str(dest))


def rekap_anggaran(doc) -> None:
    doc.add_paragraph(
        "Rekapitulasi ini disusun otomatis dari tabel program seluruh perangkat daerah. Selama periode "
        "{{ periode }} direncanakan {{ jumlah_program }} program dengan total indikasi anggaran "
        "{{ total_rupiah }}. Porsi terbesar berada pada dimensi {{ dimensi_terbesar }}, yaitu "
        "{{ porsi_terbesar }} dari total indikasi anggaran.", style="Body Text")
    for text, mark, var in (
            ("Rekapitulasi Indikasi Anggaran per Dimensi dan Tahun (juta rupiah)", "tbl_rekap_dimensi_tahun",
             "tabel_dimensi_tahun"),
            ("Rekapitulasi Indikasi Anggaran per Sumber Dana", "tbl_rekap_sumber_dana", "tabel_sumber_dana"),
            ("Rekapitulasi Indikasi Anggaran per Perangkat Daerah", "tbl_rekap_opd", "tabel_opd")):
        _caption(doc, text, mark)
        doc.add_paragraph("{{p %s }}" % var)
        doc.add_paragraph("Sumber: diolah dari tabel program perangkat daerah", style="Sumber")
    doc.add_paragraph("Sebaran indikasi anggaran per dimensi dan per tahun menurut sumber dana disajikan pada "
                      "grafik berikut.", style="Body Text")
    for var, text, mark in (("grafik_dimensi", "Indikasi Anggaran per Dimensi", "fig_anggaran_dimensi"),
                            ("grafik_tahun", "Indikasi Anggaran per Tahun menurut Sumber Dana", "fig_anggaran_tahun")):
        doc.add_paragraph("{{ %s }}" % var, style="Figure")
        _caption(doc, text, mark)


def peta_jalan(doc) -> None:
    doc.add_paragraph(
        "Peta jalan berikut memuat {{ jumlah_program }} program pada {{ jumlah_dimensi }} dimensi selama "
        "{{ periode }}, disusun otomatis dari tabel program perangkat daerah. Sel yang diarsir menunjukkan "
        "tahun pelaksanaan program.", style="Body Text")
    _caption(doc, "Peta Jalan Program per Dimensi, {{ periode }}", "tbl_peta_jalan")
    doc.add_paragraph("{{p tabel_peta_jalan }}")
    doc.add_paragraph("Sumber: diolah dari tabel program perangkat daerah", style="Sumber")
    doc.add_paragraph("Gambaran yang sama dalam bentuk bagan waktu disajikan pada gambar berikut.",
                      style="Body Text")
    doc.add_paragraph("{{p grafik_gantt }}")


def rekap_quick_win(doc) -> None:
    doc.add_paragraph(
        "Terdapat {{ jumlah_quick_win }} program quick win dengan total indikasi biaya {{ total_quick_win }}. "
        "Rekapitulasi berikut disusun otomatis dari profil quick win perangkat daerah.", style="Body Text")
    _caption(doc, "Rekapitulasi Program Quick Win", "tbl_rekap_quick_win")
    doc.add_paragraph("{{p tabel_quick_win }}")
    doc.add_paragraph("Sumber: diolah dari profil quick win perangkat daerah", style="Sumber")


PROGRAM_COLUMNS = ["No", "Elemen", "Nama Program", "Deskripsi", "Output/Outcome", "Tahun Pelaksanaan",
                   "Indikasi Anggaran (Rp)", "Sumber Dana", "Perangkat Daerah Penanggung Jawab"]
QUICK_WIN_FIELDS = ["Nama", "Dimensi", "Elemen", "Latar Belakang", "Tujuan", "Sasaran", "Tahapan", "Lokasi",
                    "Waktu", "OPD Penanggung Jawab", "OPD Pendukung", "Indikasi Biaya (Rp)", "Sumber Dana",
                    "Output", "Outcome"]


def _table_style(t) -> None:
    """Name the house table style explicitly: python-docx omits the default style, and LibreOffice
    then draws no borders."""
    tblpr = t._tbl.tblPr
    schema.insert(tblpr, parse_xml(f'<w:tblStyle {W} w:val="Table"/>'), replace=True)
    schema.insert(tblpr, parse_xml(f'<w:tblW {W} w:w="5000" w:type="pct"/>'), replace=True)


def form(doc) -> None:
    """The fill-in form (kertas kerja) an OPD receives for one section."""
    guide = style(doc, "Petunjuk", base="Normal")
    font(guide, 11, italic=True, color=RGBColor(0x1F, 0x4E, 0x99))
    para(guide, WD_ALIGN_PARAGRAPH.LEFT, 0, 6, 1.15, first=0)
    doc.add_paragraph("KERTAS KERJA MASTERPLAN SMART CITY", style="Judul Depan")
    doc.add_paragraph("{{ opd_nama }}", style="Title")
    doc.add_paragraph("{{ bab }} — {{ bagian }}", style="Subtitle")
    doc.add_paragraph("Batas waktu pengiriman: {{ batas_waktu }}", style="Body Text")
    doc.add_paragraph("Tulis isi di bawah setiap judul. Teks miring berwarna biru adalah petunjuk: hapus "
                      "sebelum dikirim. Jangan mengubah atau menomori judul; penomoran dibuat otomatis. "
                      "Simpan sebagai Dokumen Word (.docx) lalu kirim berkas ini apa adanya.", style="Petunjuk")
    doc.add_paragraph("{%p for h in judul_wajib %}")
    h = doc.add_paragraph("{{ h.judul }}", style="Heading 1")
    h.paragraph_format.page_break_before = False  # a form is one flowing page, not chapters
    h.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    h.paragraph_format.space_before = Pt(18)
    doc.add_paragraph("{{ h.petunjuk }}", style="Petunjuk")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p if tabel_program %}")
    portrait = doc.sections[-1]
    doc.add_section(WD_SECTION.NEW_PAGE)  # the wide programme table gets a landscape page
    land = doc.sections[-1]
    land.orientation = 1
    land.page_width, land.page_height = portrait.page_height, portrait.page_width
    doc.add_paragraph("Program Pengembangan {{ bagian }}", style="Caption")
    t = doc.add_table(rows=3, cols=len(PROGRAM_COLUMNS))
    _table_style(t)
    for i, name in enumerate(PROGRAM_COLUMNS):
        t.cell(0, i).text = name
    doc.add_paragraph("Isi satu baris per program. Elemen: {{ elemen }}. Sumber dana: APBD, APBD Provinsi, "
                      "APBN/DAK, CSR, KPBU/Swasta, Hibah, Lainnya. Anggaran ditulis seperti Rp 1.500.000.000.",
                      style="Petunjuk")
    back = doc.add_section(WD_SECTION.NEW_PAGE)
    back.orientation = 0
    back.page_width, back.page_height = land.page_height, land.page_width
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p if tabel_quick_win %}")
    doc.add_paragraph("Profil Quick Win", style="Caption")
    t = doc.add_table(rows=1 + len(QUICK_WIN_FIELDS), cols=2)
    _table_style(t)
    t.cell(0, 0).text, t.cell(0, 1).text = "Komponen", "Uraian"
    for i, name in enumerate(QUICK_WIN_FIELDS, start=1):
        t.cell(i, 0).text = name
    doc.add_paragraph("Salin tabel ini untuk setiap quick win (satu per dimensi).", style="Petunjuk")
    doc.add_paragraph("{%p endif %}")


def main() -> int:
    out = ROOT / "templates"
    out.mkdir(exist_ok=True)
    house_style(out / "house-style.docx")
    master(out / "house-style.docx", out / "master.docx")
    gen = out / "generated"
    gen.mkdir(exist_ok=True)
    from document_templates import komitmen, write_documents

    makers = {"rekap-anggaran": rekap_anggaran, "peta-jalan": peta_jalan, "rekap-quick-win": rekap_quick_win,
              "komitmen": komitmen}
    assert set(makers) == set(KINDS), "every generated kind (pipeline/kinds.py) needs its template maker"
    for name, build in makers.items():
        _generated(out / "house-style.docx", gen / f"{name}.docx", build)
    write_documents(out / "house-style.docx", out / "documents")
    _generated(out / "house-style.docx", out / "form.docx", form)
    print("wrote the templates in", out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
