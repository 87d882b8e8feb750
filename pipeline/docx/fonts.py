"""The book's fonts: the configured body and heading fonts in every style and in the theme.

A ``w:rFonts`` may name a font (``w:ascii="Arial"``) and a theme font
(``w:asciiTheme="majorHAnsi"``). Word lets the theme attribute win, so a style
that carries both shows in the theme's font (Aptos Display in pandoc's
reference document), and LibreOffice, which has no Aptos, prints DejaVu Sans.
Setting the configured fonts therefore means removing the theme attributes
from every style and making the theme's own major/minor fonts the configured
ones, so that Word and LibreOffice agree.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from pipeline.docx import schema
from pipeline.docx.ns import qn, xp
from pipeline.docx.styles import canonical

FONT_ATTRS = tuple(qn(f"w:{a}") for a in ("ascii", "hAnsi", "eastAsia", "cs"))
THEME_ATTRS = tuple(qn(f"w:{a}") for a in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"))
# Styles in the heading font (canonical names, see pipeline.docx.styles.canonical); their linked
# character styles ("Heading 1 Char") follow them.
HEADING_STYLES = {*(f"heading{n}" for n in range(1, 10)), "title", "subtitle", "juduldepan", "tocheading"}
# Fonts that carry symbols rather than text (list bullets); they are not the book's typefaces.
SYMBOL_FONTS = {"Symbol", "Wingdings", "Wingdings 2", "Wingdings 3", "Webdings", "OpenSymbol", "Marlett",
                "MT Extra", "Cambria Math"}
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def uses_heading_font(style_name: str) -> bool:
    """True for Heading 1-9, Title, Subtitle, Judul Depan and their linked character styles."""
    name = canonical(style_name)
    return name in HEADING_STYLES or (name.endswith("char") and name[:-4] in HEADING_STYLES)


def set_style_fonts(styles_el, body: str, heading: str) -> None:
    """Name ``body``/``heading`` in the document defaults and every style; drop theme font attributes.

    Heading styles get an ``w:rFonts`` of their own even when they had none, so
    that they do not inherit the body font; other styles keep inheriting unless
    they named a font, which becomes the body font.
    """
    defaults = xp(styles_el, "w:docDefaults/w:rPrDefault")
    if defaults:
        _set(_rfonts(_child(defaults[0], "rPr")), body)
    for style in xp(styles_el, "w:style"):
        name = (xp(style, "w:name/@w:val") or [style.get(qn("w:styleId"), "")])[0]
        if uses_heading_font(name):
            _set(_rfonts(_style_rpr(style)), heading)
            continue
        for rfonts in style.iter(qn("w:rFonts")):
            _set(rfonts, body)


def set_theme_fonts(theme: etree._Element, body: str, heading: str) -> None:
    """Make the theme's major (headings) and minor (body) Latin fonts the configured ones."""
    for which, name in (("majorFont", heading), ("minorFont", body)):
        for latin in theme.iter(f"{{{_A}}}{which}"):
            el = latin.find(f"{{{_A}}}latin")
            if el is not None:
                el.set("typeface", name)
                el.attrib.pop("panose", None)


def theme_fonts(theme: etree._Element) -> dict[str, str]:
    """``{"major": ..., "minor": ...}``: the theme's Latin fonts."""
    out = {}
    for which in ("major", "minor"):
        found = theme.find(f".//{{{_A}}}{which}Font/{{{_A}}}latin")
        out[which] = found.get("typeface", "") if found is not None else ""
    return out


def named_fonts(root) -> Iterator[tuple[str, etree._Element]]:
    """(font name, element) for every font a part names for text in ``w:rFonts`` or ``w:sym``.

    The font of a bullet (a list level with ``numFmt`` bullet: "o" in Courier New,
    a square in Wingdings) draws a symbol, not text: see :func:`bullet_fonts`.
    """
    for el in root.iter(qn("w:rFonts"), qn("w:sym")):
        if _in_bullet_level(el):
            continue
        if el.tag == qn("w:sym"):
            if el.get(qn("w:font")):
                yield el.get(qn("w:font")), el
            continue
        for attr in FONT_ATTRS:
            value = el.get(attr)
            if value:
                yield value, el


def bullet_fonts(numbering) -> set[str]:
    """The fonts list bullets are drawn in (``w:numbering``)."""
    return {font for lvl in xp(numbering, "w:abstractNum/w:lvl[w:numFmt/@w:val='bullet']")
            for rfonts in lvl.iter(qn("w:rFonts")) for font in (rfonts.get(a) for a in FONT_ATTRS) if font}


def _in_bullet_level(el) -> bool:
    lvl = next(el.iterancestors(qn("w:lvl")), None)
    return lvl is not None and xp(lvl, "w:numFmt/@w:val") == ["bullet"]


def theme_attributed(root) -> Iterator[etree._Element]:
    """Every ``w:rFonts`` in ``root``'s tree that carries a theme font attribute."""
    for el in root.iter(qn("w:rFonts")):
        if any(el.get(a) is not None for a in THEME_ATTRS):
            yield el


def _set(rfonts, name: str) -> None:
    for attr in THEME_ATTRS:
        rfonts.attrib.pop(attr, None)
    for attr in FONT_ATTRS:
        rfonts.set(attr, name)


def _style_rpr(style):
    rpr = style.find(qn("w:rPr"))
    if rpr is None:
        rpr = style.makeelement(qn("w:rPr"), {})
        # CT_Style: ... pPr, rPr, tblPr, trPr, tcPr, tblStylePr
        after = [c for c in style if c.tag in (qn("w:tblPr"), qn("w:trPr"), qn("w:tcPr"), qn("w:tblStylePr"))]
        if after:
            after[0].addprevious(rpr)
        else:
            style.append(rpr)
    return rpr


def _child(parent, tag: str):
    el = parent.find(qn(f"w:{tag}"))
    if el is None:
        el = etree.SubElement(parent, qn(f"w:{tag}"))
    return el


def _rfonts(rpr):
    el = rpr.find(qn("w:rFonts"))
    return el if el is not None else schema.insert(rpr, rpr.makeelement(qn("w:rFonts"), {}))
