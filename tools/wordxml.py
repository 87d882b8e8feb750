"""A writer of .docx files in Microsoft Word 2016+'s own idiom, for test fixtures.

python-docx writes clean, minimal XML; Word does not. Word gives every
paragraph and table row a ``w14:paraId``/``w14:textId`` and revision-session
ids (``w:rsidR``, ``w:rsidRDefault``, ``w:rsidP``), declares some thirty
namespaces with ``mc:Ignorable``, writes localised style ids, theme fonts,
comments in four parts, both notes parts as soon as one note exists, text
boxes twice (DrawingML and a VML fallback), and SmartArt as five parts. The
:class:`WordDocument` here writes those, deterministically: every id is derived
from the document's seed, every date is given, and zip entries carry Word's
1980-01-01 timestamp, so a re-run gives the same bytes.

Blocks are XML strings; the ``p``/``run``/``table`` helpers build them.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import wordparts as parts

RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"
PAGE = {"letter": (12240, 15840), "a4": (11906, 16838)}
EMU_PER_CM = 360000


@dataclass
class Cell:
    """A table cell: text (lines separated by newlines), horizontal span, vertical merge and shading."""

    text: str = ""
    span: int = 1
    vmerge: str | None = None  # "restart" or "continue"
    fill: str | None = None
    bold: bool | None = None
    jc: str | None = None


def _t(text: str) -> str:
    space = ' xml:space="preserve"' if text != text.strip() or "  " in text else ""
    return f"<w:t{space}>{escape(text)}</w:t>"


class WordDocument:
    """One document being written; ``add`` body blocks, then ``save``."""

    def __init__(self, seed: str, *, title: str = "", creator: str = "Staf Diskominfo", modified_by: str = "",
                 created: str = "2026-09-21T01:12:00Z", modified: str = "2026-10-07T08:45:00Z",
                 revision: int = 12, total_time: int = 418, company: str = "Pemerintah Kabupaten Simalungun",
                 localised_names: bool = False, page: str = "letter", body_font: str | None = None,
                 fonts: tuple[str, ...] = ("Calibri", "Times New Roman", "Calibri Light")):
        self.seed = seed
        self._count = 0
        self.sessions = [self.hex(f"rsid{i}", prefix="00") for i in range(6)]
        self.core = dict(title=title, creator=creator, modified_by=modified_by or creator, revision=revision,
                         created=created, modified=modified)
        self.app = dict(total_time=total_time, company=company, title=title)
        self.localised_names = localised_names
        self.body_font = body_font
        self.fonts = list(fonts)
        self.page = page
        self.body: list[str] = []
        self.footnotes: list[str] = []
        self.endnotes: list[str] = []
        self.comments: list[tuple[str, str, str]] = []  # (comment XML, paraId, parent paraId or "")
        self.authors: list[str] = []
        self.rels: list[tuple[str, str]] = []  # (type, target); ids are rId1.. in this order
        self.parts: list[tuple[str, str, bytes]] = []  # (name, content type or "", bytes)
        self.numbering = False
        self.track = False
        self._annotation = 0
        self._drawing = 0
        self._diagrams = 0

    # -- ids ------------------------------------------------------------------------------------
    def hex(self, salt: str, *, prefix: str = "", digits: int = 8) -> str:
        """A stable hex id from the seed and ``salt`` (no randomness)."""
        h = hashlib.sha1(f"{self.seed}/{salt}".encode()).hexdigest().upper()
        return (prefix + h)[:digits]

    def para_id(self) -> str:
        self._count += 1
        value = int(self.hex(f"p{self._count}"), 16) & 0x7FFFFFFF  # Word keeps paraId below 0x80000000
        return f"{value:08X}"

    def next_annotation(self) -> int:
        self._annotation += 1
        return self._annotation

    def rel(self, rtype: str, target: str) -> str:
        """A relationship of the main part; its id is a placeholder until :meth:`save` numbers it."""
        self.rels.append((rtype, target))
        return f"__REL{len(self.rels)}__"

    # -- inline content ---------------------------------------------------------------------------
    def run(self, text: str = "", *, b: bool = False, i: bool = False, u: bool = False, font: str | None = None,
            size: float | None = None, color: str | None = None, highlight: str | None = None,
            rstyle: str | None = None, lang: str | None = None, sess: int | None = None, inner: str = "") -> str:
        """A ``w:r``: text (tabs and newlines become ``w:tab``/``w:br``) with direct formatting."""
        rpr = ""
        if rstyle:
            rpr += f'<w:rStyle w:val="{rstyle}"/>'
        if font:
            rpr += f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}"/>'
            if font not in self.fonts:
                self.fonts.append(font)
        if b:
            rpr += "<w:b/><w:bCs/>"
        if i:
            rpr += "<w:i/><w:iCs/>"
        if color:
            rpr += f'<w:color w:val="{color}"/>'
        if size:
            rpr += f'<w:sz w:val="{int(size * 2)}"/><w:szCs w:val="{int(size * 2)}"/>'
        if highlight:
            rpr += f'<w:highlight w:val="{highlight}"/>'
        if u:
            rpr += '<w:u w:val="single"/>'
        if lang:
            rpr += f'<w:lang w:val="{lang}"/>'
        attrs = f' w:rsidR="{self.sessions[sess]}"' if sess is not None else ""
        pieces = []
        for k, line in enumerate(text.split("\n")):
            if k:
                pieces.append("<w:br/>")
            for j, chunk in enumerate(line.split("\t")):
                if j:
                    pieces.append("<w:tab/>")
                if chunk:
                    pieces.append(_t(chunk))
        return f"<w:r{attrs}>" + (f"<w:rPr>{rpr}</w:rPr>" if rpr else "") + "".join(pieces) + inner + "</w:r>"

    def _content(self, items) -> str:
        return "".join(x if x.startswith("<") else self.run(x) for x in items if x)

    def p(self, *content: str, style: str | None = None, jc: str | None = None, num: tuple[int, int] | None = None,
          sess: int = 0, keep_next: bool = False, spacing: str = "", ind: str = "", sect: str = "",
          mark: str = "", container: str = "body") -> str:
        """A paragraph with Word's ids; plain strings in ``content`` become runs."""
        ppr = ""
        if style:
            ppr += f'<w:pStyle w:val="{style}"/>'
        if keep_next:
            ppr += "<w:keepNext/>"
        if num:
            self.numbering = True
            ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
        if spacing:
            ppr += f"<w:spacing {spacing}/>"
        if ind:
            ppr += f"<w:ind {ind}/>"
        if jc:
            ppr += f'<w:jc w:val="{jc}"/>'
        if mark:
            ppr += f"<w:rPr>{mark}</w:rPr>"
        ppr += sect
        rs = self.sessions[sess]
        head = (f'<w:p w14:paraId="{self.para_id()}" w14:textId="{self.hex(f"t{self._count}")}" w:rsidR="{rs}" '
                f'w:rsidRDefault="{rs}" w:rsidP="{self.sessions[0]}">')
        return head + (f"<w:pPr>{ppr}</w:pPr>" if ppr else "") + self._content(content) + "</w:p>"

    def add(self, *blocks: str) -> None:
        self.body.extend(blocks)

    def heading(self, level: int, text: str, sess: int = 0) -> str:
        return self.p(text, style=f"Judul{level}", sess=sess)

    def caption(self, label: str, number: int, text: str, *, seq: bool = False, bookmark: str | None = None) -> str:
        """A caption in the "Keterangan" style: typed ("Tabel 1 ...") or with Word's SEQ field."""
        if seq:
            body = (self.run(f"{label} ") + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                    f'<w:r><w:instrText xml:space="preserve"> SEQ {label} \\* ARABIC </w:instrText></w:r>'
                    '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + self.run(str(number), inner="")
                    .replace("<w:r>", "<w:r><w:rPr><w:noProof/></w:rPr>", 1) + '<w:r><w:fldChar '
                    'w:fldCharType="end"/></w:r>' + self.run(f" {text}"))
        else:
            body = self.run(f"{label} {number} {text}")
        if bookmark:
            body = self.bookmark(bookmark, body)
        return self.p(body, style="Keterangan", keep_next=label == "Tabel")

    def bookmark(self, name: str, inner: str) -> str:
        n = self.next_annotation()
        return f'<w:bookmarkStart w:id="{n}" w:name="{name}"/>{inner}<w:bookmarkEnd w:id="{n}"/>'

    def proof(self, word: str) -> str:
        """A word Word's speller flagged: wrapped in proofErr marks, as Word saves it."""
        return '<w:proofErr w:type="spellStart"/>' + self.run(word) + '<w:proofErr w:type="spellEnd"/>'

    # -- revisions and comments -------------------------------------------------------------------
    def _author(self, author: str) -> None:
        if author not in self.authors:
            self.authors.append(author)

    def ins(self, text: str, author: str, date: str, **fmt) -> str:
        self._author(author)
        return (f'<w:ins w:id="{self.next_annotation()}" w:author={quoteattr(author)} w:date="{date}">'
                + self.run(text, sess=3, **fmt) + "</w:ins>")

    def dele(self, text: str, author: str, date: str) -> str:
        self._author(author)
        run = self.run(text, sess=3).replace("<w:t", "<w:delText").replace("</w:t>", "</w:delText>")
        return f'<w:del w:id="{self.next_annotation()}" w:author={quoteattr(author)} w:date="{date}">{run}</w:del>'

    def inserted_mark(self, author: str, date: str) -> str:
        """The ``w:rPr`` content marking a paragraph mark as inserted (a whole new paragraph)."""
        self._author(author)
        return f'<w:ins w:id="{self.next_annotation()}" w:author={quoteattr(author)} w:date="{date}"/>'

    def comment(self, anchor: str, text: str, *, author: str, initials: str, date: str,
                reply: tuple[str, str, str, str] | None = None) -> str:
        """``anchor`` (runs) wrapped in a comment range; ``reply`` = (text, author, initials, date)."""
        ids = []
        parent = ""
        for k, (body, who, ini, when) in enumerate([(text, author, initials, date)] + ([reply] if reply else [])):
            self._author(who)
            cid = len(self.comments)
            pid = self.para_id()
            xml = (f'<w:comment w:id="{cid}" w:author={quoteattr(who)} w:date="{when}" w:initials="{ini}">'
                   f'<w:p w14:paraId="{pid}" w14:textId="77777777" w:rsidR="{self.sessions[4]}" '
                   f'w:rsidRDefault="{self.sessions[4]}" w:rsidP="{self.sessions[4]}"><w:pPr><w:pStyle '
                   'w:val="TeksKomentar"/></w:pPr><w:r><w:rPr><w:rStyle w:val="ReferensiKomentar"/></w:rPr>'
                   f'<w:annotationRef/></w:r>{self.run(body)}</w:p></w:comment>')
            self.comments.append((xml, pid, parent if k else ""))
            parent = parent or pid
            ids.append(cid)
        starts = "".join(f'<w:commentRangeStart w:id="{c}"/>' for c in ids)
        ends = "".join(f'<w:commentRangeEnd w:id="{c}"/><w:r><w:rPr><w:rStyle w:val="ReferensiKomentar"/></w:rPr>'
                       f'<w:commentReference w:id="{c}"/></w:r>' for c in ids)
        return starts + anchor + ends

    # -- notes ------------------------------------------------------------------------------------
    def footnote(self, text: str) -> str:
        n = len(self.footnotes) + 1
        self.footnotes.append(self._note("footnote", n, text, "TeksCatatanKaki", "ReferensiCatatanKaki"))
        return (f'<w:r><w:rPr><w:rStyle w:val="ReferensiCatatanKaki"/></w:rPr><w:footnoteReference w:id="{n}"/>'
                "</w:r>")

    def endnote(self, text: str) -> str:
        n = len(self.endnotes) + 1
        self.endnotes.append(self._note("endnote", n, text, "TeksCatatanAkhir", "ReferensiCatatanAkhir"))
        return (f'<w:r><w:rPr><w:rStyle w:val="ReferensiCatatanAkhir"/></w:rPr><w:endnoteReference w:id="{n}"/>'
                "</w:r>")

    def _note(self, kind: str, n: int, text: str, pstyle: str, rstyle: str) -> str:
        rs = self.sessions[2]
        return (f'<w:{kind} w:id="{n}"><w:p w14:paraId="{self.para_id()}" w14:textId="{self.hex(f"n{kind}{n}")}" '
                f'w:rsidR="{rs}" w:rsidRDefault="{rs}" w:rsidP="{rs}"><w:pPr><w:pStyle w:val="{pstyle}"/></w:pPr>'
                f'<w:r><w:rPr><w:rStyle w:val="{rstyle}"/></w:rPr><w:{kind}Ref/></w:r>{self.run(" " + text)}'
                f"</w:p></w:{kind}>")

    # -- tables and sections ----------------------------------------------------------------------
    def table(self, rows: list[list[Cell | str]], widths: list[int], *, header_rows: int = 1,
              style: str = "KisiTabel", size: float | None = None, header_fill: str | None = "D9E2F3",
              jc: str | None = None) -> str:
        """A table; ``widths`` are the grid columns in twips; cells may span (gridSpan) and merge (vMerge)."""
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        out = [f'<w:tbl><w:tblPr><w:tblStyle w:val="{style}"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
               + (f'<w:jc w:val="{jc}"/>' if jc else "") +
               '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
               f'w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>']
        for r, row in enumerate(rows):
            header = r < header_rows
            rs = self.sessions[1]
            tr = [f'<w:tr w:rsidR="{rs}" w:rsidTr="{rs}" w14:paraId="{self.para_id()}" '
                  f'w14:textId="{self.hex(f"r{self._count}")}">' + ("<w:trPr><w:tblHeader/></w:trPr>" if header
                                                                    else "")]
            col = 0
            for cell in row:
                c = cell if isinstance(cell, Cell) else Cell(str(cell))
                width = sum(widths[col:col + c.span])
                col += c.span
                tcpr = f'<w:tcW w:w="{width}" w:type="dxa"/>'
                if c.span > 1:
                    tcpr += f'<w:gridSpan w:val="{c.span}"/>'
                if c.vmerge == "restart":
                    tcpr += '<w:vMerge w:val="restart"/>'
                elif c.vmerge == "continue":
                    tcpr += "<w:vMerge/>"
                fill = c.fill or (header_fill if header else None)
                if fill:
                    tcpr += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
                if header:
                    tcpr += '<w:vAlign w:val="center"/>'
                bold = header if c.bold is None else c.bold
                paras = [self.p(self.run(line, b=bold, size=size) if line else "",
                                jc=c.jc or ("center" if header else None), sess=1)
                         for line in (c.text.split("\n") if c.text else [""])]
                tr.append(f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{''.join(paras)}</w:tc>")
            out.append("".join(tr) + "</w:tr>")
        return "".join(out) + "</w:tbl>"

    def sect_pr(self, *, landscape: bool = False, page: str | None = None) -> str:
        w, h = PAGE[page or self.page]
        size = f'<w:pgSz w:w="{h}" w:h="{w}" w:orient="landscape"/>' if landscape else f'<w:pgSz w:w="{w}" w:h="{h}"/>'
        rs = self.sessions[0]
        return (f'<w:sectPr w:rsidR="{rs}" w:rsidSect="{self.sessions[5]}">{size}<w:pgMar w:top="1440" '
                'w:right="1440" w:bottom="1440" w:left="1440" w:header="720" w:footer="720" w:gutter="0"/>'
                '<w:cols w:space="720"/><w:docGrid w:linePitch="360"/></w:sectPr>')

    def end_section(self, *, landscape: bool = False, page: str | None = None) -> str:
        """The empty paragraph Word puts at the end of a section, holding that section's properties."""
        return self.p(sect=self.sect_pr(landscape=landscape, page=page))

    # -- drawings ---------------------------------------------------------------------------------
    def _docpr(self, kind: str) -> tuple[int, str]:
        self._drawing += 1
        return self._drawing, f"{kind} {self._drawing}"

    def _txbx(self, paragraphs: list[str]) -> str:
        return "<w:txbxContent>" + "".join(self.p(x, sess=5) for x in paragraphs) + "</w:txbxContent>"

    def textbox(self, paragraphs: list[str], *, width_cm: float = 15.0, height_cm: float = 2.4) -> str:
        """A text box (Insert > Text Box), floating: DrawingML with its VML fallback, text in both."""
        n, name = self._docpr("Kotak Teks")
        cx, cy = int(width_cm * EMU_PER_CM), int(height_cm * EMU_PER_CM)
        anchor_id = self.hex(f"a{n}")
        choice = (
            '<mc:Choice Requires="wps"><w:drawing><wp:anchor distT="45720" distB="45720" distL="114300" '
            f'distR="114300" simplePos="0" relativeHeight="{251659264 + n}" behindDoc="0" locked="0" layoutInCell="1" '
            f'allowOverlap="1" wp14:anchorId="{anchor_id}" wp14:editId="{self.hex(f"e{n}")}"><wp:simplePos x="0" y="0"/>'
            '<wp:positionH relativeFrom="margin"><wp:align>center</wp:align></wp:positionH><wp:positionV '
            f'relativeFrom="paragraph"><wp:posOffset>45720</wp:posOffset></wp:positionV><wp:extent cx="{cx}" cy="{cy}"/>'
            '<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapTopAndBottom/>'
            f'<wp:docPr id="{n}" name="{name}"/><wp:cNvGraphicFramePr><a:graphicFrameLocks '
            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"/></wp:cNvGraphicFramePr><a:graphic '
            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData '
            'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1">'
            '<a:spLocks noChangeArrowheads="1"/></wps:cNvSpPr><wps:spPr bwMode="auto"><a:xfrm><a:off x="0" y="0"/>'
            f'<a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill>'
            '<a:srgbClr val="FFFFFF"/></a:solidFill><a:ln w="9525"><a:solidFill><a:srgbClr val="000000"/>'
            '</a:solidFill><a:miter lim="800000"/><a:headEnd/><a:tailEnd/></a:ln></wps:spPr>'
            f'<wps:txbx>{self._txbx(paragraphs)}</wps:txbx><wps:bodyPr rot="0" vert="horz" wrap="square" '
            'lIns="91440" tIns="45720" rIns="91440" bIns="45720" anchor="t" anchorCtr="0"><a:spAutoFit/>'
            '</wps:bodyPr></wps:wsp></a:graphicData></a:graphic><wp14:sizeRelH relativeFrom="margin">'
            '<wp14:pctWidth>0</wp14:pctWidth></wp14:sizeRelH><wp14:sizeRelV relativeFrom="margin"><wp14:pctHeight>0'
            '</wp14:pctHeight></wp14:sizeRelV></wp:anchor></w:drawing></mc:Choice>')
        fallback = (
            '<mc:Fallback><w:pict><v:shapetype w14:anchorId="' + anchor_id + '" id="_x0000_t202" '
            'coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>'
            '<v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype><v:shape id="' + name.replace(" ", "") +
            f'" o:spid="_x0000_s{1025 + n}" type="#_x0000_t202" style="position:absolute;margin-left:0;'
            f'margin-top:3.6pt;width:{width_cm * 28.35:.1f}pt;height:{height_cm * 28.35:.1f}pt;z-index:{251659264 + n};'
            'visibility:visible;mso-wrap-style:square;mso-width-percent:0;mso-height-percent:0;'
            'mso-wrap-distance-left:9pt;mso-wrap-distance-top:3.6pt;mso-wrap-distance-right:9pt;'
            'mso-wrap-distance-bottom:3.6pt;mso-position-horizontal:center;mso-position-horizontal-relative:margin;'
            'mso-position-vertical:absolute;mso-position-vertical-relative:text;mso-width-percent:0;'
            'mso-height-percent:0;mso-width-relative:margin;mso-height-relative:margin;v-text-anchor:top">'
            f'<v:textbox style="mso-fit-shape-to-text:t">{self._txbx(paragraphs)}</v:textbox>'
            '<w10:wrap type="topAndBottom" anchorx="margin"/></v:shape></w:pict></mc:Fallback>')
        return f'<w:r><w:rPr><w:noProof/></w:rPr><mc:AlternateContent>{choice}{fallback}</mc:AlternateContent></w:r>'

    def shape(self, text: str, *, width_cm: float = 6.0, height_cm: float = 1.6) -> str:
        """A rounded rectangle with text typed into it (Insert > Shapes), inline in the text."""
        n, name = self._docpr("Persegi Panjang: Sudut Lengkung")
        cx, cy = int(width_cm * EMU_PER_CM), int(height_cm * EMU_PER_CM)
        anchor_id = self.hex(f"a{n}")
        body = self.p(self.run(text, color="FFFFFF", b=True), jc="center", sess=5)
        choice = (
            '<mc:Choice Requires="wps"><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0" '
            f'wp14:anchorId="{anchor_id}" wp14:editId="{self.hex(f"e{n}")}"><wp:extent cx="{cx}" cy="{cy}"/>'
            f'<wp:effectExtent l="0" t="0" r="19050" b="19050"/><wp:docPr id="{n}" name="{name} {n}"/>'
            '<wp:cNvGraphicFramePr/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
            '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
            f'<wps:cNvSpPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            '<a:prstGeom prst="roundRect"><a:avLst/></a:prstGeom></wps:spPr><wps:style><a:lnRef idx="2">'
            '<a:schemeClr val="accent1"><a:shade val="15000"/></a:schemeClr></a:lnRef><a:fillRef idx="1">'
            '<a:schemeClr val="accent1"/></a:fillRef><a:effectRef idx="0"><a:schemeClr val="accent1"/></a:effectRef>'
            '<a:fontRef idx="minor"><a:schemeClr val="lt1"/></a:fontRef></wps:style><wps:txbx><w:txbxContent>'
            f'{body}</w:txbxContent></wps:txbx><wps:bodyPr rot="0" spcFirstLastPara="0" vertOverflow="overflow" '
            'horzOverflow="overflow" vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720" '
            'numCol="1" spcCol="0" rtlCol="0" fromWordArt="0" anchor="ctr" anchorCtr="0" forceAA="0" '
            'compatLnSpc="1"><a:prstTxWarp prst="textNoShape"><a:avLst/></a:prstTxWarp><a:noAutofit/></wps:bodyPr>'
            '</wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice>')
        fallback = (
            f'<mc:Fallback><w:pict><v:roundrect id="Persegi{n}" o:spid="_x0000_s{1025 + n}" '
            f'style="width:{width_cm * 28.35:.1f}pt;height:{height_cm * 28.35:.1f}pt;mso-left-percent:-10001;'
            'mso-top-percent:-10001;mso-position-horizontal:absolute;mso-position-horizontal-relative:char;'
            'mso-position-vertical:absolute;mso-position-vertical-relative:line;mso-left-percent:-10001;'
            'mso-top-percent:-10001;v-text-anchor:middle" arcsize="10923f" fillcolor="#4472c4 [3204]" '
            f'strokecolor="#09101d [484]" strokeweight="1pt"><v:stroke joinstyle="miter"/><v:textbox>'
            f'<w:txbxContent>{body}</w:txbxContent></v:textbox><w10:anchorlock/></v:roundrect></w:pict>'
            '</mc:Fallback>')
        return f'<w:r><w:rPr><w:noProof/></w:rPr><mc:AlternateContent>{choice}{fallback}</mc:AlternateContent></w:r>'

    def picture(self, png: bytes, *, width_cm: float, height_cm: float, descr: str) -> str:
        n, name = self._docpr("Gambar")
        media = f"word/media/image{len([p for p in self.parts if p[0].startswith('word/media/')]) + 1}.png"
        self.parts.append((media, "", png))
        rid = self.rel(f"{RT}/image", media[len("word/"):])
        cx, cy = int(width_cm * EMU_PER_CM), int(height_cm * EMU_PER_CM)
        return (
            '<w:r><w:rPr><w:noProof/></w:rPr><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0" '
            f'wp14:anchorId="{self.hex(f"a{n}")}" wp14:editId="{self.hex(f"e{n}")}"><wp:extent cx="{cx}" cy="{cy}"/>'
            f'<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="{n}" name="{name}" descr={quoteattr(descr)}/>'
            '<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/'
            'main" noChangeAspect="1"/></wp:cNvGraphicFramePr><a:graphic xmlns:a="http://schemas.openxmlformats.org/'
            'drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr>'
            f'<pic:cNvPr id="{n}" name="{name}" descr={quoteattr(descr)}/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill>'
            f'<a:blip r:embed="{rid}"><a:extLst><a:ext uri="{{28A0092B-C50C-407E-A947-70E740481C1C}}">'
            '<a14:useLocalDpi xmlns:a14="http://schemas.microsoft.com/office/drawing/2010/main" val="0"/></a:ext>'
            '</a:extLst></a:blip><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm>'
            f'<a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
            '</a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>')

    def smartart(self, items: list[str], *, width_cm: float = 15.0, height_cm: float = 4.0) -> str:
        """A SmartArt "Basic Block List": data, layout, style, colours and the drawing Word caches."""
        import smartart

        self._diagrams += 1
        k = self._diagrams
        n, _ = self._docpr("Diagram")
        cx, cy = int(width_cm * EMU_PER_CM), int(height_cm * EMU_PER_CM)
        drawing_rid = f"__REL{len(self.rels) + 5}__"  # the fifth of the five relationships added below
        xml = smartart.parts(items, guid=lambda s: self.guid(f"dgm{k}/{s}"), cx=cx, cy=cy, drawing_rid=drawing_rid)
        rids = {}
        for part, (rtype, ctype) in smartart.PARTS.items():
            name = f"word/diagrams/{part}{k}.xml"
            self.parts.append((name, ctype, xml[part].encode("utf-8")))
            rids[part] = self.rel(rtype, name[len("word/"):])
        assert rids["drawing"] == drawing_rid
        return (
            '<w:r><w:rPr><w:noProof/></w:rPr><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0" '
            f'wp14:anchorId="{self.hex(f"a{n}")}" wp14:editId="{self.hex(f"e{n}")}"><wp:extent cx="{cx}" cy="{cy}"/>'
            f'<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="{n}" name="Diagram {n}"/><wp:cNvGraphicFramePr/>'
            '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData '
            'uri="http://schemas.openxmlformats.org/drawingml/2006/diagram"><dgm:relIds '
            'xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" '
            f'xmlns:r="{RT}" r:dm="{rids["data"]}" r:lo="{rids["layout"]}" r:qs="{rids["quickStyle"]}" '
            f'r:cs="{rids["colors"]}"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>')

    def guid(self, salt: str) -> str:
        h = self.hex(salt, digits=32)
        return f"{{{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}}}"

    # -- the package ------------------------------------------------------------------------------
    def document_xml(self, final_sect: str) -> str:
        return (parts.XML_HEAD + f"<w:document {parts.ns_decl()}><w:body>" + "".join(self.body) + final_sect
                + "</w:body></w:document>")

    def save(self, path: Path, *, landscape_end: bool = False, custom: dict[str, str] | None = None) -> Path:
        """Write the package; the last section is landscape when ``landscape_end``.

        Relationship ids are handed out as placeholders while the body is built
        (pictures, diagrams) and numbered here, after the parts Word lists first.
        """
        files: list[tuple[str, str, bytes]] = []  # (name, content type override or "", data)
        head: list[tuple[str, str]] = []
        tail: list[tuple[str, str]] = []

        def part(name: str, ctype: str, text: str, rtype: str, rels: list) -> None:
            files.append((name, ctype, text.encode("utf-8")))
            rels.append((rtype, name[len("word/"):]))

        if self.numbering:
            part("word/numbering.xml", f"{CT_MAIN}.numbering+xml",
                 parts.numbering_xml((self.hex("nsid0"), self.hex("nsid1"))), f"{RT}/numbering", head)
        part("word/styles.xml", f"{CT_MAIN}.styles+xml",
             parts.styles_xml(localised_names=self.localised_names, body_font=self.body_font), f"{RT}/styles", head)
        notes = bool(self.footnotes or self.endnotes)
        part("word/settings.xml", f"{CT_MAIN}.settings+xml",
             parts.settings_xml(rsids=self.sessions, doc_id=self.hex("docid"), guid=self.guid("docid"), footnotes=notes,
                                endnotes=notes, track=self.track), f"{RT}/settings", head)
        part("word/webSettings.xml", f"{CT_MAIN}.webSettings+xml", parts.web_settings(), f"{RT}/webSettings", head)
        if notes:  # Word writes both parts as soon as the document has one note of either kind
            part("word/footnotes.xml", f"{CT_MAIN}.footnotes+xml", self._notes_part("footnote"), f"{RT}/footnotes",
                 head)
            part("word/endnotes.xml", f"{CT_MAIN}.endnotes+xml", self._notes_part("endnote"), f"{RT}/endnotes", head)
        if self.comments:
            self._comment_parts(lambda *a: part(*a, head))
        part("word/fontTable.xml", f"{CT_MAIN}.fontTable+xml", parts.font_table(self.fonts), f"{RT}/fontTable", tail)
        part("word/theme/theme1.xml", "application/vnd.openxmlformats-officedocument.theme+xml", parts.THEME,
             f"{RT}/theme", tail)
        rels = head + self.rels + tail
        number = {f"__REL{k}__": f"rId{len(head) + k}" for k in range(1, len(self.rels) + 1)}

        def renumber(text: str) -> str:
            for placeholder, rid in number.items():
                text = text.replace(placeholder, rid)
            return text

        document = renumber(self.document_xml(self.sect_pr(landscape=landscape_end)))
        files += [(n, c, renumber(d.decode("utf-8")).encode("utf-8") if n.endswith(".xml") else d)
                  for n, c, d in self.parts]
        words = sum(len(x.split()) for x in _texts(document))
        chars = sum(len(x.replace(" ", "")) for x in _texts(document))
        out = [("[Content_Types].xml", self._content_types(files, custom is not None).encode("utf-8")),
               ("_rels/.rels", _package_rels(custom is not None).encode("utf-8")),
               ("word/document.xml", document.encode("utf-8")),
               ("word/_rels/document.xml.rels", _rels_xml(rels).encode("utf-8"))]
        out += [(n, d) for n, _, d in files]
        out.append(("docProps/core.xml", parts.core_xml(**self.core).encode("utf-8")))
        out.append(("docProps/app.xml", parts.app_xml(pages=max(1, words // 350), words=words, chars=chars,
                                                      **self.app).encode("utf-8")))
        if custom is not None:
            out.append(("docProps/custom.xml", custom_xml(custom).encode("utf-8")))
        write_zip(path, out)
        return path

    def _notes_part(self, kind: str) -> str:
        items = self.footnotes if kind == "footnote" else self.endnotes
        seps = "".join(
            f'<w:{kind} w:type="{t}" w:id="{i}"><w:p w14:paraId="{self.para_id()}" w14:textId="77777777" '
            f'w:rsidR="{self.sessions[2]}" w:rsidRDefault="{self.sessions[2]}" w:rsidP="{self.sessions[0]}"><w:pPr>'
            f'<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:{t}/></w:r></w:p></w:{kind}>'
            for t, i in (("separator", -1), ("continuationSeparator", 0)))
        return parts.XML_HEAD + f"<w:{kind}s {parts.ns_decl()}>{seps}{''.join(items)}</w:{kind}s>"

    def _comment_parts(self, part) -> None:
        body = "".join(x for x, _, _ in self.comments)
        part("word/comments.xml", f"{CT_MAIN}.comments+xml",
             parts.XML_HEAD + f"<w:comments {parts.ns_decl()}>{body}</w:comments>", f"{RT}/comments")
        ex = "".join(f'<w15:commentEx w15:paraId="{pid}"' + (f' w15:paraIdParent="{parent}"' if parent else "")
                     + ' w15:done="0"/>' for _, pid, parent in self.comments)
        part("word/commentsExtended.xml", f"{CT_MAIN}.commentsExtended+xml",
             parts.XML_HEAD + f"<w15:commentsEx {parts.ns_decl()}>{ex}</w15:commentsEx>",
             "http://schemas.microsoft.com/office/2011/relationships/commentsExtended")
        durable = [self.hex(f"durable{pid}") for _, pid, _ in self.comments]
        ids = "".join(f'<w16cid:commentId w16cid:paraId="{pid}" w16cid:durableId="{d}"/>'
                      for (_, pid, _), d in zip(self.comments, durable))
        part("word/commentsIds.xml", f"{CT_MAIN}.commentsIds+xml",
             parts.XML_HEAD + f"<w16cid:commentsIds {parts.ns_decl()}>{ids}</w16cid:commentsIds>",
             "http://schemas.microsoft.com/office/2016/09/relationships/commentsIds")
        dates = [x.split('w:date="')[1][:20] for x, _, _ in self.comments]
        cex = "".join(f'<w16cex:commentExtensible w16cex:durableId="{d}" w16cex:dateUtc="{when}"/>'
                      for d, when in zip(durable, dates))
        part("word/commentsExtensible.xml", f"{CT_MAIN}.commentsExtensible+xml",
             parts.XML_HEAD + f'<w16cex:commentsExtensible {parts.ns_decl()} '
             'xmlns:cr="http://schemas.microsoft.com/office/comments/2020/reactions">'
             f"{cex}</w16cex:commentsExtensible>",
             "http://schemas.microsoft.com/office/2018/08/relationships/commentsExtensible")
        people = "".join(f'<w15:person w15:author={quoteattr(a)}><w15:presenceInfo w15:providerId="None" '
                         f'w15:userId={quoteattr(a)}/></w15:person>' for a in self.authors)
        part("word/people.xml", f"{CT_MAIN}.people+xml",
             parts.XML_HEAD + f"<w15:people {parts.ns_decl()}>{people}</w15:people>",
             "http://schemas.microsoft.com/office/2011/relationships/people")

    def _content_types(self, files, custom: bool) -> str:
        over = [("/word/document.xml", f"{CT_MAIN}.document.main+xml")]
        over += [("/" + n, c) for n, c, _ in files if c]
        over += [("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
                 ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml")]
        if custom:
            over.append(("/docProps/custom.xml", "application/vnd.openxmlformats-officedocument.custom-properties+xml"))
        defaults = [("png", "image/png")] if any(n.endswith(".png") for n, _, _ in files) else []
        defaults += [("rels", "application/vnd.openxmlformats-package.relationships+xml"), ("xml", "application/xml")]
        return (parts.XML_HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                + "".join(f'<Default Extension="{e}" ContentType="{c}"/>' for e, c in defaults)
                + "".join(f'<Override PartName="{n}" ContentType="{c}"/>' for n, c in over) + "</Types>")


def _texts(document: str) -> list[str]:
    return re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", document)


def _rels_xml(rels: list[tuple[str, str]]) -> str:
    return (parts.XML_HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(f'<Relationship Id="rId{i}" Type="{t}" Target="{g}"/>' for i, (t, g) in enumerate(rels, 1))
            + "</Relationships>")


def _package_rels(custom: bool) -> str:
    rels = [("http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties",
             "docProps/app.xml"),
            ("http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
             "docProps/core.xml"),
            ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument", "word/document.xml")]
    if custom:
        rels.insert(0, ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties",
                        "docProps/custom.xml"))
    return _rels_xml(rels)


def custom_xml(props: dict[str, str]) -> str:
    items = "".join(f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{i}" name={quoteattr(k)}>'
                    f"<vt:lpwstr>{escape(v)}</vt:lpwstr></property>" for i, (k, v) in enumerate(props.items(), 2))
    return (parts.XML_HEAD + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-'
            'properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            f"{items}</Properties>")


def write_zip(path: Path, entries: list[tuple[str, bytes]]) -> None:
    """A zip as Word writes it: entries dated 1980-01-01 00:00, deflated, in the given order."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
