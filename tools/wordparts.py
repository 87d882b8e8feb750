"""The package parts Microsoft Word 2016+ writes around a document body.

Used by ``tools/make_fixtures.py`` (through ``tools/wordxml.py``) to write test
files the way Word writes them: the namespace declarations with
``mc:Ignorable``, styles with theme fonts and localised style ids, a theme,
settings with ``w:compat``/``w:compatSetting`` and the rsid list, the font
table, web settings, and ``docProps/app.xml`` naming "Microsoft Office Word".

What is modelled on real Word output (read from public test corpora):
- built-in styles keep their English ``w:name`` ("heading 1", "caption", "List
  Paragraph") in every UI language, while the ``w:styleId`` is the localised
  UI name without spaces ("Judul1", "Keterangan", "DaftarParagraf"); the
  linked character styles are named in the UI language ("Judul 1 KAR");
- zip entries are dated 1980-01-01 and [Content_Types].xml comes first.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

# The namespaces Word 365 declares on the document root, in its order.
DOC_NS = (
    ("wpc", "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas"),
    ("cx", "http://schemas.microsoft.com/office/drawing/2014/chartex"),
    ("cx1", "http://schemas.microsoft.com/office/drawing/2015/9/8/chartex"),
    ("cx2", "http://schemas.microsoft.com/office/drawing/2015/10/21/chartex"),
    ("cx3", "http://schemas.microsoft.com/office/drawing/2016/5/9/chartex"),
    ("cx4", "http://schemas.microsoft.com/office/drawing/2016/5/10/chartex"),
    ("cx5", "http://schemas.microsoft.com/office/drawing/2016/5/11/chartex"),
    ("cx6", "http://schemas.microsoft.com/office/drawing/2016/5/12/chartex"),
    ("cx7", "http://schemas.microsoft.com/office/drawing/2016/5/13/chartex"),
    ("cx8", "http://schemas.microsoft.com/office/drawing/2016/5/14/chartex"),
    ("mc", "http://schemas.openxmlformats.org/markup-compatibility/2006"),
    ("aink", "http://schemas.microsoft.com/office/drawing/2016/ink"),
    ("am3d", "http://schemas.microsoft.com/office/drawing/2017/model3d"),
    ("o", "urn:schemas-microsoft-com:office:office"),
    ("oel", "http://schemas.microsoft.com/office/2019/extlst"),
    ("r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships"),
    ("m", "http://schemas.openxmlformats.org/officeDocument/2006/math"),
    ("v", "urn:schemas-microsoft-com:vml"),
    ("wp14", "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing"),
    ("wp", "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"),
    ("w10", "urn:schemas-microsoft-com:office:word"),
    ("w", "http://schemas.openxmlformats.org/wordprocessingml/2006/main"),
    ("w14", "http://schemas.microsoft.com/office/word/2010/wordml"),
    ("w15", "http://schemas.microsoft.com/office/word/2012/wordml"),
    ("w16cex", "http://schemas.microsoft.com/office/word/2018/wordml/cex"),
    ("w16cid", "http://schemas.microsoft.com/office/word/2016/wordml/cid"),
    ("w16", "http://schemas.microsoft.com/office/word/2018/wordml"),
    ("w16du", "http://schemas.microsoft.com/office/word/2023/wordml/word16du"),
    ("w16sdtdh", "http://schemas.microsoft.com/office/word/2020/wordml/sdtdatahash"),
    ("w16se", "http://schemas.microsoft.com/office/word/2015/wordml/symex"),
    ("wpg", "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"),
    ("wpi", "http://schemas.microsoft.com/office/word/2010/wordprocessingInk"),
    ("wne", "http://schemas.microsoft.com/office/word/2006/wordml"),
    ("wps", "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"),
)
IGNORABLE = "w14 w15 w16se w16cid w16 w16cex w16sdtdh w16du wp14"
SHORT_NS = ("mc", "r", "w", "w14", "w15", "w16cex", "w16cid", "w16", "w16du", "w16sdtdh", "w16se")
SHORT_IGNORABLE = "w14 w15 w16se w16cid w16 w16cex w16sdtdh w16du"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'


def ns_decl(names: tuple[str, ...] | None = None, ignorable: str = IGNORABLE) -> str:
    """The xmlns attributes Word writes on a part's root (all of them, or ``names``)."""
    pairs = [(p, u) for p, u in DOC_NS if names is None or p in names]
    return " ".join(f'xmlns:{p}="{u}"' for p, u in pairs) + f' mc:Ignorable="{ignorable}"'


# (style id, w:name, localised UI name) of the built-in styles the fixtures use, Indonesian UI.
BUILTIN_ID = {
    "Normal": ("Normal", "normal"), "Judul1": ("heading 1", "Judul 1"), "Judul2": ("heading 2", "Judul 2"),
    "Judul3": ("heading 3", "Judul 3"), "Judul": ("Title", "Judul"), "Subjudul": ("Subtitle", "Subjudul"),
    "Keterangan": ("caption", "Keterangan"), "DaftarParagraf": ("List Paragraph", "Daftar Paragraf"),
    "KisiTabel": ("Table Grid", "Kisi Tabel"),
}


def styles_xml(*, localised_names: bool = False, body_font: str | None = None) -> str:
    """styles.xml of an Indonesian Word 2016+ document.

    ``localised_names`` writes the UI names ("Judul 1") in ``w:name`` instead
    of Word's English ones, as a template made by hand or another program does.
    ``body_font`` sets an explicit font on Normal (a house template), else the
    theme's minor font is used.
    """
    def name(sid: str) -> str:
        english, ui = BUILTIN_ID[sid]
        return ui if localised_names else english

    normal_rpr = (f'<w:rPr><w:rFonts w:ascii="{body_font}" w:hAnsi="{body_font}" w:cs="{body_font}"/></w:rPr>'
                  if body_font else "")
    heading_sizes = {1: (32, "2F5496", "BF", 240, 0), 2: (26, "2F5496", "BF", 40, 0), 3: (24, "1F3763", "7F", 40, 0)}
    headings = "".join(
        f'<w:style w:type="paragraph" w:styleId="Judul{n}"><w:name w:val="{name(f"Judul{n}")}"/>'
        f'<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:link w:val="Judul{n}KAR"/><w:uiPriority w:val="9"/>'
        + ("" if n == 1 else '<w:unhideWhenUsed/>') +
        f'<w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="{before}" w:after="{after}"/>'
        f'<w:outlineLvl w:val="{n - 1}"/></w:pPr><w:rPr><w:rFonts w:asciiTheme="majorHAnsi" '
        'w:eastAsiaTheme="majorEastAsia" w:hAnsiTheme="majorHAnsi" w:cstheme="majorBidi"/>'
        f'<w:color w:val="{colour}" w:themeColor="accent1" w:themeShade="{shade}"/><w:sz w:val="{size}"/>'
        f'<w:szCs w:val="{size}"/></w:rPr></w:style>'
        for n, (size, colour, shade, before, after) in heading_sizes.items())
    heading_chars = "".join(
        f'<w:style w:type="character" w:customStyle="1" w:styleId="Judul{n}KAR"><w:name w:val="Judul {n} KAR"/>'
        f'<w:basedOn w:val="FontParagrafDefault"/><w:link w:val="Judul{n}"/><w:uiPriority w:val="9"/>'
        '<w:rPr><w:rFonts w:asciiTheme="majorHAnsi" w:eastAsiaTheme="majorEastAsia" w:hAnsiTheme="majorHAnsi" '
        f'w:cstheme="majorBidi"/><w:color w:val="{colour}" w:themeColor="accent1" w:themeShade="{shade}"/>'
        f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr></w:style>'
        for n, (size, colour, shade, _, _) in heading_sizes.items())
    latent = "".join(
        f'<w:lsdException w:name="{n}" {a}/>' for n, a in LATENT)
    return (
        XML_HEAD + f'<w:styles {ns_decl(SHORT_NS, SHORT_IGNORABLE)}>'
        '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:eastAsiaTheme="minorHAnsi" '
        'w:hAnsiTheme="minorHAnsi" w:cstheme="minorBidi"/><w:kern w:val="2"/><w:sz w:val="22"/><w:szCs w:val="22"/>'
        '<w:lang w:val="id-ID" w:eastAsia="en-US" w:bidi="ar-SA"/><w14:ligatures w14:val="standardContextual"/>'
        '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="259" w:lineRule="auto"/>'
        '</w:pPr></w:pPrDefault></w:docDefaults>'
        f'<w:latentStyles w:defLockedState="0" w:defUIPriority="99" w:defSemiHidden="0" w:defUnhideWhenUsed="0" '
        f'w:defQFormat="0" w:count="376">{latent}</w:latentStyles>'
        f'<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
        f'{normal_rpr}</w:style>'
        + headings +
        '<w:style w:type="character" w:default="1" w:styleId="FontParagrafDefault"><w:name w:val="Default Paragraph '
        'Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
        '<w:style w:type="table" w:default="1" w:styleId="TabelNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
        '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
        '<w:style w:type="numbering" w:default="1" w:styleId="TanpaDaftar"><w:name w:val="No List"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
        + heading_chars +
        f'<w:style w:type="paragraph" w:styleId="Judul"><w:name w:val="{name("Judul")}"/><w:basedOn w:val="Normal"/>'
        '<w:next w:val="Normal"/><w:link w:val="JudulKAR"/><w:uiPriority w:val="10"/><w:qFormat/><w:pPr>'
        '<w:spacing w:after="80" w:line="240" w:lineRule="auto"/><w:contextualSpacing/></w:pPr><w:rPr>'
        '<w:rFonts w:asciiTheme="majorHAnsi" w:eastAsiaTheme="majorEastAsia" w:hAnsiTheme="majorHAnsi" '
        'w:cstheme="majorBidi"/><w:spacing w:val="-10"/><w:kern w:val="28"/><w:sz w:val="56"/><w:szCs w:val="56"/>'
        '</w:rPr></w:style>'
        '<w:style w:type="character" w:customStyle="1" w:styleId="JudulKAR"><w:name w:val="Judul KAR"/>'
        '<w:basedOn w:val="FontParagrafDefault"/><w:link w:val="Judul"/><w:uiPriority w:val="10"/><w:rPr>'
        '<w:rFonts w:asciiTheme="majorHAnsi" w:eastAsiaTheme="majorEastAsia" w:hAnsiTheme="majorHAnsi" '
        'w:cstheme="majorBidi"/><w:spacing w:val="-10"/><w:kern w:val="28"/><w:sz w:val="56"/><w:szCs w:val="56"/>'
        '</w:rPr></w:style>'
        f'<w:style w:type="paragraph" w:styleId="Subjudul"><w:name w:val="{name("Subjudul")}"/>'
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:link w:val="SubjudulKAR"/><w:uiPriority w:val="11"/>'
        '<w:qFormat/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr><w:rPr>'
        '<w:rFonts w:eastAsiaTheme="minorEastAsia"/>'
        '<w:color w:val="5A5A5A" w:themeColor="text1" w:themeTint="A5"/><w:spacing w:val="15"/></w:rPr></w:style>'
        '<w:style w:type="character" w:customStyle="1" w:styleId="SubjudulKAR"><w:name w:val="Subjudul KAR"/>'
        '<w:basedOn w:val="FontParagrafDefault"/><w:link w:val="Subjudul"/><w:uiPriority w:val="11"/><w:rPr>'
        '<w:rFonts w:eastAsiaTheme="minorEastAsia"/><w:color w:val="5A5A5A" w:themeColor="text1" w:themeTint="A5"/>'
        '<w:spacing w:val="15"/></w:rPr></w:style>'
        f'<w:style w:type="paragraph" w:styleId="Keterangan"><w:name w:val="{name("Keterangan")}"/>'
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="35"/><w:unhideWhenUsed/><w:qFormat/>'
        '<w:pPr><w:spacing w:after="200" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:i/><w:iCs/>'
        '<w:color w:val="44546A" w:themeColor="text2"/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>'
        f'<w:style w:type="paragraph" w:styleId="DaftarParagraf"><w:name w:val="{name("DaftarParagraf")}"/>'
        '<w:basedOn w:val="Normal"/><w:uiPriority w:val="34"/><w:qFormat/><w:pPr><w:ind w:left="720"/>'
        '<w:contextualSpacing/></w:pPr></w:style>'
        f'<w:style w:type="table" w:styleId="KisiTabel"><w:name w:val="{name("KisiTabel")}"/>'
        '<w:basedOn w:val="TabelNormal"/><w:uiPriority w:val="39"/><w:pPr><w:spacing w:after="0" w:line="240" '
        'w:lineRule="auto"/></w:pPr><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" '
        'w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" '
        'w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
        '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" '
        'w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style>'
        + NOTE_AND_COMMENT_STYLES +
        '</w:styles>')


NOTE_AND_COMMENT_STYLES = (
    '<w:style w:type="paragraph" w:styleId="TeksCatatanKaki"><w:name w:val="footnote text"/>'
    '<w:basedOn w:val="Normal"/><w:link w:val="TeksCatatanKakiKAR"/><w:uiPriority w:val="99"/><w:semiHidden/>'
    '<w:unhideWhenUsed/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr>'
    '<w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>'
    '<w:style w:type="character" w:customStyle="1" w:styleId="TeksCatatanKakiKAR"><w:name w:val="Teks Catatan Kaki '
    'KAR"/><w:basedOn w:val="FontParagrafDefault"/><w:link w:val="TeksCatatanKaki"/><w:uiPriority w:val="99"/>'
    '<w:semiHidden/><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>'
    '<w:style w:type="character" w:styleId="ReferensiCatatanKaki"><w:name w:val="footnote reference"/>'
    '<w:basedOn w:val="FontParagrafDefault"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:rPr>'
    '<w:vertAlign w:val="superscript"/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="TeksCatatanAkhir"><w:name w:val="endnote text"/>'
    '<w:basedOn w:val="Normal"/><w:link w:val="TeksCatatanAkhirKAR"/><w:uiPriority w:val="99"/><w:semiHidden/>'
    '<w:unhideWhenUsed/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr>'
    '<w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>'
    '<w:style w:type="character" w:customStyle="1" w:styleId="TeksCatatanAkhirKAR"><w:name w:val="Teks Catatan Akhir '
    'KAR"/><w:basedOn w:val="FontParagrafDefault"/><w:link w:val="TeksCatatanAkhir"/><w:uiPriority w:val="99"/>'
    '<w:semiHidden/><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>'
    '<w:style w:type="character" w:styleId="ReferensiCatatanAkhir"><w:name w:val="endnote reference"/>'
    '<w:basedOn w:val="FontParagrafDefault"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:rPr>'
    '<w:vertAlign w:val="superscript"/></w:rPr></w:style>'
    '<w:style w:type="character" w:styleId="ReferensiKomentar"><w:name w:val="annotation reference"/>'
    '<w:basedOn w:val="FontParagrafDefault"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:rPr>'
    '<w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="TeksKomentar"><w:name w:val="annotation text"/>'
    '<w:basedOn w:val="Normal"/><w:link w:val="TeksKomentarKAR"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
    '<w:pPr><w:spacing w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>'
    '</w:style>'
    '<w:style w:type="character" w:customStyle="1" w:styleId="TeksKomentarKAR"><w:name w:val="Teks Komentar KAR"/>'
    '<w:basedOn w:val="FontParagrafDefault"/><w:link w:val="TeksKomentar"/><w:uiPriority w:val="99"/><w:rPr>'
    '<w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="SubjekKomentar"><w:name w:val="annotation subject"/>'
    '<w:basedOn w:val="TeksKomentar"/><w:next w:val="TeksKomentar"/><w:uiPriority w:val="99"/><w:semiHidden/>'
    '<w:unhideWhenUsed/><w:rPr><w:b/><w:bCs/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Revisi"><w:name w:val="Revision"/><w:hidden/><w:uiPriority w:val="99"/>'
    '<w:semiHidden/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:style>'
)

_H = 'w:semiHidden="1" w:uiPriority="9" w:unhideWhenUsed="1" w:qFormat="1"'
_SU = 'w:semiHidden="1" w:unhideWhenUsed="1"'
LATENT = (
    [("Normal", 'w:uiPriority="0" w:qFormat="1"'), ("heading 1", 'w:uiPriority="9" w:qFormat="1"')]
    + [(f"heading {n}", _H) for n in range(2, 10)]
    + [(f"index {n}", _SU) for n in range(1, 10)]
    + [(f"toc {n}", 'w:semiHidden="1" w:uiPriority="39" w:unhideWhenUsed="1"') for n in range(1, 10)]
    + [(n, _SU) for n in ("Normal Indent", "footnote text", "annotation text", "header", "footer",
                          "index heading")]
    + [("caption", 'w:semiHidden="1" w:uiPriority="35" w:unhideWhenUsed="1" w:qFormat="1"')]
    + [(n, _SU) for n in ("table of figures", "envelope address", "envelope return", "footnote reference",
                          "annotation reference", "line number", "page number", "endnote reference",
                          "endnote text", "table of authorities", "macro", "toa heading", "List", "List Bullet",
                          "List Number")]
    + [("Title", 'w:uiPriority="10" w:qFormat="1"'), ("Default Paragraph Font", 'w:semiHidden="1" '
                                                     'w:uiPriority="1" w:unhideWhenUsed="1"'),
       ("Subtitle", 'w:uiPriority="11" w:qFormat="1"'), ("Hyperlink", _SU), ("Strong", 'w:uiPriority="22" '
                                                                                     'w:qFormat="1"'),
       ("Emphasis", 'w:uiPriority="20" w:qFormat="1"'), ("Normal (Web)", _SU), ("annotation subject", _SU),
       ("No List", _SU), ("Balloon Text", _SU), ("Table Grid", 'w:uiPriority="39"'),
       ("Placeholder Text", 'w:semiHidden="1"'), ("No Spacing", 'w:uiPriority="1" w:qFormat="1"'),
       ("Revision", 'w:semiHidden="1"'), ("List Paragraph", 'w:uiPriority="34" w:qFormat="1"'),
       ("Quote", 'w:uiPriority="29" w:qFormat="1"'), ("Intense Quote", 'w:uiPriority="30" w:qFormat="1"'),
       ("Grid Table 4 Accent 1", 'w:uiPriority="49"'), ("Bibliography", 'w:semiHidden="1" w:uiPriority="37" '
                                                                          'w:unhideWhenUsed="1"'),
       ("TOC Heading", 'w:semiHidden="1" w:uiPriority="39" w:unhideWhenUsed="1" w:qFormat="1"'),
       ("Mention", _SU), ("Smart Hyperlink", _SU), ("Hashtag", _SU), ("Unresolved Mention", _SU),
       ("Smart Link", _SU)]
)


THEME = (
    XML_HEAD + '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office Theme">'
    '<a:themeElements><a:clrScheme name="Office"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>'
    '<a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1><a:dk2><a:srgbClr val="44546A"/></a:dk2><a:lt2>'
    '<a:srgbClr val="E7E6E6"/></a:lt2><a:accent1><a:srgbClr val="4472C4"/></a:accent1><a:accent2>'
    '<a:srgbClr val="ED7D31"/></a:accent2><a:accent3><a:srgbClr val="A5A5A5"/></a:accent3><a:accent4>'
    '<a:srgbClr val="FFC000"/></a:accent4><a:accent5><a:srgbClr val="5B9BD5"/></a:accent5><a:accent6>'
    '<a:srgbClr val="70AD47"/></a:accent6><a:hlink><a:srgbClr val="0563C1"/></a:hlink><a:folHlink>'
    '<a:srgbClr val="954F72"/></a:folHlink></a:clrScheme><a:fontScheme name="Office"><a:majorFont>'
    '<a:latin typeface="Calibri Light" panose="020F0302020204030204"/><a:ea typeface=""/><a:cs typeface=""/>'
    '</a:majorFont><a:minorFont><a:latin typeface="Calibri" panose="020F0502020204030204"/><a:ea typeface=""/>'
    '<a:cs typeface=""/></a:minorFont></a:fontScheme><a:fmtScheme name="Office"><a:fillStyleLst><a:solidFill>'
    '<a:schemeClr val="phClr"/></a:solidFill><a:gradFill rotWithShape="1"><a:gsLst><a:gs pos="0"><a:schemeClr '
    'val="phClr"><a:lumMod val="110000"/><a:satMod val="105000"/><a:tint val="67000"/></a:schemeClr></a:gs>'
    '<a:gs pos="100000"><a:schemeClr val="phClr"><a:lumMod val="105000"/><a:satMod val="109000"/>'
    '<a:tint val="81000"/></a:schemeClr></a:gs></a:gsLst><a:lin ang="5400000" scaled="0"/></a:gradFill>'
    '<a:gradFill rotWithShape="1"><a:gsLst><a:gs pos="0"><a:schemeClr val="phClr"><a:satMod val="103000"/>'
    '<a:lumMod val="102000"/><a:tint val="94000"/></a:schemeClr></a:gs><a:gs pos="100000"><a:schemeClr '
    'val="phClr"><a:lumMod val="99000"/><a:satMod val="120000"/><a:shade val="78000"/></a:schemeClr></a:gs>'
    '</a:gsLst><a:lin ang="5400000" scaled="0"/></a:gradFill></a:fillStyleLst><a:lnStyleLst><a:ln w="6350" '
    'cap="flat" cmpd="sng" algn="ctr"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:prstDash '
    'val="solid"/><a:miter lim="800000"/></a:ln><a:ln w="12700" cap="flat" cmpd="sng" algn="ctr"><a:solidFill>'
    '<a:schemeClr val="phClr"/></a:solidFill><a:prstDash val="solid"/><a:miter lim="800000"/></a:ln><a:ln '
    'w="19050" cap="flat" cmpd="sng" algn="ctr"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    '<a:prstDash val="solid"/><a:miter lim="800000"/></a:ln></a:lnStyleLst><a:effectStyleLst><a:effectStyle>'
    '<a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst>'
    '<a:outerShdw blurRad="57150" dist="19050" dir="5400000" algn="ctr" rotWithShape="0"><a:srgbClr '
    'val="000000"><a:alpha val="63000"/></a:srgbClr></a:outerShdw></a:effectLst></a:effectStyle>'
    '</a:effectStyleLst><a:bgFillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill>'
    '<a:schemeClr val="phClr"><a:tint val="95000"/><a:satMod val="170000"/></a:schemeClr></a:solidFill>'
    '<a:gradFill rotWithShape="1"><a:gsLst><a:gs pos="0"><a:schemeClr val="phClr"><a:tint val="93000"/>'
    '<a:satMod val="150000"/><a:shade val="98000"/><a:lumMod val="102000"/></a:schemeClr></a:gs><a:gs '
    'pos="100000"><a:schemeClr val="phClr"><a:shade val="63000"/><a:satMod val="120000"/></a:schemeClr></a:gs>'
    '</a:gsLst><a:lin ang="5400000" scaled="0"/></a:gradFill></a:bgFillStyleLst></a:fmtScheme>'
    '</a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/><a:extLst><a:ext '
    'uri="{05A4C25C-085E-4340-85A3-A5531E510DB2}"><thm15:themeFamily xmlns:thm15="http://schemas.microsoft.com/'
    'office/thememl/2012/main" name="Office Theme" id="{62F939B6-93AF-4DB8-9C6B-D6C7DFDC589F}" '
    'vid="{4A3C46E8-61CC-4603-A589-7422A47A8E4A}"/></a:ext></a:extLst></a:theme>')

FONTS = {
    "Calibri": ("020F0502020204030204", "swiss", "E4002EFF", "C200247B", "00000009", "00000000", "000001FF"),
    "Times New Roman": ("02020603050405020304", "roman", "E0002EFF", "C000785B", "00000009", "00000000", "000001FF"),
    "Calibri Light": ("020F0302020204030204", "swiss", "E4002EFF", "C200247B", "00000009", "00000000", "000001FF"),
    "Arial": ("020B0604020202020204", "swiss", "E0002EFF", "C000785B", "00000009", "00000000", "000001FF"),
    "Bookman Old Style": ("02050604050505020204", "roman", "00000287", "00000000", "00000000", "00000000",
                          "0000009F"),
    "Tahoma": ("020B0604030504040204", "swiss", "E1002EFF", "C000605B", "00000029", "00000000", "000101FF"),
}


def font_table(names: list[str]) -> str:
    body = "".join(
        f'<w:font w:name="{escape(n)}"><w:panose1 w:val="{p}"/><w:charset w:val="00"/><w:family w:val="{fam}"/>'
        f'<w:pitch w:val="variable"/><w:sig w:usb0="{u0}" w:usb1="{u1}" w:usb2="{u2}" w:usb3="{u3}" '
        f'w:csb0="{c0}" w:csb1="00000000"/></w:font>'
        for n in names for p, fam, u0, u1, u2, u3, c0 in [FONTS[n]])
    return XML_HEAD + f'<w:fonts {ns_decl(SHORT_NS, SHORT_IGNORABLE)}>{body}</w:fonts>'


def web_settings() -> str:
    return (XML_HEAD + f'<w:webSettings {ns_decl(SHORT_NS, SHORT_IGNORABLE)}><w:optimizeForBrowser/><w:allowPNG/>'
            '</w:webSettings>')


def settings_xml(*, rsids: list[str], doc_id: str, guid: str, footnotes: bool, endnotes: bool, track: bool,
                 extra: str = "") -> str:
    """settings.xml as Word 2016+ writes it (compatibility mode 15, Indonesian decimal comma)."""
    notes_pr = ('<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>' if footnotes else "")
    notes_pr += ('<w:endnotePr><w:endnote w:id="-1"/><w:endnote w:id="0"/></w:endnotePr>' if endnotes else "")
    compat = "".join(
        f'<w:compatSetting w:name="{n}" w:uri="http://schemas.microsoft.com/office/word" w:val="{v}"/>'
        for n, v in (("compatibilityMode", 15), ("overrideTableStyleFontSizeAndJustification", 1),
                     ("enableOpenTypeFeatures", 1), ("doNotFlipMirrorIndents", 1),
                     ("differentiateMultirowTableHeaders", 1), ("useWord2013TrackBottomHyphenation", 0)))
    rsid_list = f'<w:rsidRoot w:val="{rsids[0]}"/>' + "".join(f'<w:rsid w:val="{r}"/>' for r in sorted(rsids))
    return (
        XML_HEAD + f'<w:settings {ns_decl(SHORT_NS + ("o", "m", "v", "w10"), SHORT_IGNORABLE)} '
        'xmlns:sl="http://schemas.openxmlformats.org/schemaLibrary/2006/main">'
        '<w:zoom w:percent="100"/>' + ("<w:trackRevisions/>" if track else "") +
        '<w:proofState w:spelling="clean" w:grammar="clean"/><w:defaultTabStop w:val="720"/>'
        '<w:characterSpacingControl w:val="doNotCompress"/>' + notes_pr + extra +
        f'<w:compat>{compat}</w:compat><w:rsids>{rsid_list}</w:rsids>'
        '<m:mathPr><m:mathFont m:val="Cambria Math"/><m:brkBin m:val="before"/><m:brkBinSub m:val="--"/>'
        '<m:smallFrac m:val="0"/><m:dispDef/><m:lMargin m:val="0"/><m:rMargin m:val="0"/><m:defJc '
        'm:val="centerGroup"/><m:wrapIndent m:val="1440"/><m:intLim m:val="subSup"/><m:naryLim m:val="undOvr"/>'
        '</m:mathPr><w:themeFontLang w:val="id-ID"/><w:clrSchemeMapping w:bg1="light1" w:t1="dark1" '
        'w:bg2="light2" w:t2="dark2" w:accent1="accent1" w:accent2="accent2" w:accent3="accent3" '
        'w:accent4="accent4" w:accent5="accent5" w:accent6="accent6" w:hyperlink="hyperlink" '
        'w:followedHyperlink="followedHyperlink"/><w:shapeDefaults><o:shapedefaults v:ext="edit" '
        'spidmax="2050"/><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>'
        '</w:shapeDefaults><w:decimalSymbol w:val=","/><w:listSeparator w:val=";"/>'
        f'<w14:docId w14:val="{doc_id}"/><w15:chartTrackingRefBased/><w15:docId w15:val="{guid}"/></w:settings>')


def app_xml(*, pages: int, words: int, chars: int, total_time: int, company: str, title: str = "") -> str:
    return (
        XML_HEAD + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Template>Normal.dotm'
        f'</Template><TotalTime>{total_time}</TotalTime><Pages>{pages}</Pages><Words>{words}</Words>'
        f'<Characters>{chars}</Characters><Application>Microsoft Office Word</Application><DocSecurity>0'
        f'</DocSecurity><Lines>{max(1, chars // 70)}</Lines><Paragraphs>{max(1, words // 40)}</Paragraphs>'
        '<ScaleCrop>false</ScaleCrop><HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>'
        'Judul</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant></vt:vector></HeadingPairs>'
        f'<TitlesOfParts><vt:vector size="1" baseType="lpstr"><vt:lpstr>{escape(title)}</vt:lpstr></vt:vector>'
        f'</TitlesOfParts><Company>{escape(company)}</Company><LinksUpToDate>false</LinksUpToDate>'
        f'<CharactersWithSpaces>{chars + words}</CharactersWithSpaces><SharedDoc>false</SharedDoc>'
        '<HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0000</AppVersion></Properties>')


def core_xml(*, title: str, creator: str, modified_by: str, revision: int, created: str, modified: str) -> str:
    return (
        XML_HEAD + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-'
        'properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f'<dc:title>{escape(title)}</dc:title><dc:subject></dc:subject><dc:creator>{escape(creator)}</dc:creator>'
        f'<cp:keywords></cp:keywords><dc:description></dc:description><cp:lastModifiedBy>{escape(modified_by)}'
        f'</cp:lastModifiedBy><cp:revision>{revision}</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">'
        f'{created}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{modified}</dcterms:modified>'
        '</cp:coreProperties>')


def numbering_xml(nsids: tuple[str, str]) -> str:
    """Two lists as Word makes them from the ribbon: 1. 2. 3. (numId 1) and bullets (numId 2)."""
    def levels(bullet: bool) -> str:
        out = []
        for i in range(9):
            left = 720 + 720 * i
            if bullet:
                sym = ("\uf0b7", "o", "\uf0a7")[i % 3]
                font = ("Symbol", "Courier New", "Wingdings")[i % 3]
                out.append(f'<w:lvl w:ilvl="{i}" w:tplc="04210001" w:tentative="{int(i > 0)}"><w:start w:val="1"/>'
                           f'<w:numFmt w:val="bullet"/><w:lvlText w:val="{sym}"/><w:lvlJc w:val="left"/><w:pPr>'
                           f'<w:ind w:left="{left}" w:hanging="360"/></w:pPr><w:rPr><w:rFonts w:ascii="{font}" '
                           f'w:hAnsi="{font}" w:hint="default"/></w:rPr></w:lvl>')
            else:
                fmt = ("decimal", "lowerLetter", "lowerRoman")[i % 3]
                out.append(f'<w:lvl w:ilvl="{i}" w:tplc="0421000F" w:tentative="{int(i > 0)}"><w:start w:val="1"/>'
                           f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="%{i + 1}."/><w:lvlJc '
                           f'w:val="{"right" if fmt == "lowerRoman" else "left"}"/><w:pPr><w:ind w:left="{left}" '
                           'w:hanging="360"/></w:pPr></w:lvl>')
        return "".join(out)
    return (
        XML_HEAD + f'<w:numbering {ns_decl()}>'
        f'<w:abstractNum w:abstractNumId="0" w15:restartNumberingAfterBreak="0"><w:nsid w:val="{nsids[0]}"/>'
        f'<w:multiLevelType w:val="hybridMultilevel"/><w:tmpl w:val="0421000F"/>{levels(False)}</w:abstractNum>'
        f'<w:abstractNum w:abstractNumId="1" w15:restartNumberingAfterBreak="0"><w:nsid w:val="{nsids[1]}"/>'
        f'<w:multiLevelType w:val="hybridMultilevel"/><w:tmpl w:val="04210001"/>{levels(True)}</w:abstractNum>'
        '<w:num w:numId="1" w16cid:durableId="1052266723"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="2" w16cid:durableId="1385980612"><w:abstractNumId w:val="1"/></w:num></w:numbering>')
