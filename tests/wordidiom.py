"""Per-feature Word fragments built the way Word writes them: endnotes, text boxes, SmartArt, covers.

Each maker returns the bytes of a .docx; tests put them into a copy of the
sample project and look at what reaches the book.
"""

from __future__ import annotations

import io

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml

from pipeline.docx.props import set_custom_properties

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSDECL = (f'xmlns:w="{W}" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
          'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
          'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
          'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
          'xmlns:v="urn:schemas-microsoft-com:vml" '
          'xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram"')


def new(meta: dict | None = None):
    d = docx.Document()
    if meta:
        d.core_properties.title = meta.get("title", "")
        set_custom_properties(d, {k: v for k, v in meta.items() if k != "title"})
    return d


def save(d) -> bytes:
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def add_endnote(d, paragraph, text: str, note_id: int = 1) -> None:
    """An endnote reference at the end of ``paragraph``, with the endnotes part Word writes."""
    part = next((r.target_part for r in d.part.rels.values() if r.reltype == RT.ENDNOTES), None)
    if part is None:
        xml = (f'<w:endnotes xmlns:w="{W}"><w:endnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r>'
               '</w:p></w:endnote><w:endnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
               '<w:continuationSeparator/></w:r></w:p></w:endnote></w:endnotes>')
        part = Part(PackURI("/word/endnotes.xml"), CT.WML_ENDNOTES, xml.encode(), d.part.package)
        d.part.relate_to(part, RT.ENDNOTES)
    note = (f'<w:endnote w:id="{note_id}"><w:p><w:pPr><w:pStyle w:val="EndnoteText"/></w:pPr><w:r><w:rPr>'
            f'<w:rStyle w:val="EndnoteReference"/></w:rPr><w:endnoteRef/></w:r><w:r><w:t xml:space="preserve"> {text}'
            '</w:t></w:r></w:p></w:endnote>')
    part._blob = part.blob.replace(b"</w:endnotes>", note.encode() + b"</w:endnotes>")
    paragraph._p.append(parse_xml(f'<w:r {NSDECL}><w:rPr><w:rStyle w:val="EndnoteReference"/></w:rPr>'
                                  f'<w:endnoteReference w:id="{note_id}"/></w:r>'))


def add_text_box(d, paragraph, lines: list[str]) -> None:
    """A floating text box as Word 2010+ writes it: DrawingML in mc:Choice, the same text in VML fallback."""
    paras = "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in lines)
    xml = (f'<w:r {NSDECL}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" '
           'distL="114300" distR="114300" simplePos="0" relativeHeight="2" behindDoc="0" locked="0" layoutInCell="1" '
           'allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0'
           '</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset>'
           '</wp:positionV><wp:extent cx="2000000" cy="600000"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
           '<wp:wrapSquare wrapText="bothSides"/><wp:docPr id="7" name="Kotak Teks 7"/><wp:cNvGraphicFramePr/>'
           '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
           '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="2000000" cy="600000"/>'
           '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr><wps:txbx><w:txbxContent>'
           f'{paras}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor>'
           '</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape id="Kotak7" type="#_x0000_t202" '
           f'style="width:157pt;height:47pt"><v:textbox><w:txbxContent>{paras}</w:txbxContent></v:textbox>'
           '</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>')
    paragraph._p.append(parse_xml(xml))


def add_smartart(d, paragraph, tree: list[tuple[str, list[str]]]) -> None:
    """A SmartArt whose data part holds ``tree`` (top items with their children), as Word stores it."""
    pts = ['<dgm:pt modelId="0" type="doc"><dgm:prSet/><dgm:spPr/><dgm:t><a:bodyPr/><a:p><a:endParaRPr/></a:p>'
           '</dgm:t></dgm:pt>']
    cxns = []
    n = 1
    for i, (top, children) in enumerate(tree):
        top_id = n
        pts.append(f'<dgm:pt modelId="{top_id}"><dgm:prSet/><dgm:spPr/><dgm:t><a:bodyPr/><a:p><a:r><a:t>{top}</a:t>'
                   '</a:r></a:p></dgm:t></dgm:pt>')
        cxns.append(f'<dgm:cxn modelId="{100 + n}" srcId="0" destId="{top_id}" srcOrd="{i}" destOrd="0"/>')
        n += 1
        for j, child in enumerate(children):
            pts.append(f'<dgm:pt modelId="{n}"><dgm:prSet/><dgm:spPr/><dgm:t><a:bodyPr/><a:p><a:r><a:t>{child}'
                       '</a:t></a:r></a:p></dgm:t></dgm:pt>')
            cxns.append(f'<dgm:cxn modelId="{100 + n}" srcId="{top_id}" destId="{n}" srcOrd="{j}" destOrd="0"/>')
            n += 1
    pts.append('<dgm:pt modelId="50" type="pres"><dgm:prSet/><dgm:spPr/></dgm:pt>')
    model = (f'<dgm:dataModel {NSDECL}><dgm:ptLst>{"".join(pts)}</dgm:ptLst><dgm:cxnLst>{"".join(cxns)}'
             '</dgm:cxnLst><dgm:bg/><dgm:whole/></dgm:dataModel>')
    part = Part(PackURI("/word/diagrams/data1.xml"),
                "application/vnd.openxmlformats-officedocument.drawingml.diagramData+xml", model.encode(),
                d.part.package)
    rid = d.part.relate_to(part, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/diagramData")
    paragraph._p.append(parse_xml(
        f'<w:r {NSDECL}><w:drawing><wp:inline><wp:extent cx="5486400" cy="3200400"/><wp:docPr id="8" '
        'name="Diagram 8"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/diagram">'
        f'<dgm:relIds r:dm="{rid}" r:lo="rIdLo" r:qs="rIdQs" r:cs="rIdCs"/></a:graphicData></a:graphic></wp:inline>'
        '</w:drawing></w:r>'))


def fill_form(data: bytes, *, texts: dict[str, str], cells: dict[str, str] | None = None,
              keep_guidance: bool = False) -> bytes:
    """Fill a form from ``masterplan forms`` as staff do in Word.

    Under each heading named in ``texts`` its text is typed; the blue guidance
    lines are deleted (or kept, as some staff do); ``cells`` fills a profile
    table's "Uraian" column by its "Komponen" label. The cover is left as it is.
    """
    d = docx.Document(io.BytesIO(data))
    for p in list(d.paragraphs):
        if p.style.name == "Petunjuk" and not keep_guidance:
            p._p.getparent().remove(p._p)
    for p in list(d.paragraphs):
        if p.style.name.startswith("Heading") and p.text in texts:
            new = d.add_paragraph(texts[p.text])
            p._p.addnext(new._p)
    for table in d.tables:
        for row in table.rows[1:]:
            label = row.cells[0].text.strip()
            if cells and label in cells:
                row.cells[1].text = cells[label]
    return save(d)
