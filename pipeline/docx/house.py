"""The book's house look: styles and numbering from house-style.docx, fonts, language, Word settings.

Everything that says how the whole book looks and opens in Word is set here,
once, on the assembled document: the styles part (from the editors' house
style), the configured fonts in every style and in the theme, the default
language (which also becomes the PDF's /Lang) and Word's compatibility mode
(without ``compatibilityMode`` 15 Word opens the book in Compatibility Mode).
"""

from __future__ import annotations

import copy
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from pipeline.docx import fonts, schema
from pipeline.docx.ns import qn, xp

LANGUAGE = "id-ID"  # Bahasa Indonesia: Word's proofing language and the PDF's /Lang
COMPATIBILITY_MODE = "15"  # Word 2013 and later
_WORD_URI = "http://schemas.microsoft.com/office/word"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def apply_house_style(doc, house_path: Path) -> None:
    """The book's styles and heading numbering come from house-style.docx."""
    house = docx.Document(str(house_path))
    doc.part._styles_part._element = copy.deepcopy(house.part._styles_part.element)
    doc.part.numbering_part._element = copy.deepcopy(house.part.numbering_part.element)


def apply_fonts(doc, body: str, heading: str) -> None:
    """The configured fonts in every style (theme attributes removed) and as the theme's fonts."""
    fonts.set_style_fonts(doc.styles.element, body, heading)
    part = _theme_part(doc)
    if part is not None:
        theme = etree.fromstring(part.blob, _PARSER)
        fonts.set_theme_fonts(theme, body, heading)
        part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


def apply_settings(doc, language: str = LANGUAGE) -> None:
    """Default language ``language`` (styles and theme) and compatibility mode 15 (settings)."""
    styles = doc.styles.element
    defaults = xp(styles, "w:docDefaults/w:rPrDefault/w:rPr")
    if defaults:
        lang = defaults[0].find(qn("w:lang"))
        if lang is None:
            lang = schema.insert(defaults[0], defaults[0].makeelement(qn("w:lang"), {}))
        lang.set(qn("w:val"), language)
    settings = doc.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is None:
        theme_lang = schema.insert(settings, settings.makeelement(qn("w:themeFontLang"), {}))
    theme_lang.set(qn("w:val"), language)
    set_compatibility_mode(settings)


def set_compatibility_mode(settings, mode: str = COMPATIBILITY_MODE) -> None:
    """``w:compat/w:compatSetting[@w:name='compatibilityMode']`` = ``mode`` in a ``w:settings`` element."""
    compat = settings.find(qn("w:compat"))
    if compat is None:
        compat = schema.insert(settings, settings.makeelement(qn("w:compat"), {}))
    found = xp(compat, "w:compatSetting[@w:name='compatibilityMode']")
    setting = found[0] if found else etree.SubElement(compat, qn("w:compatSetting"))
    for key, value in (("name", "compatibilityMode"), ("uri", _WORD_URI), ("val", mode)):
        setting.set(qn(f"w:{key}"), value)


def _theme_part(doc):
    for rel in doc.part.rels.values():
        if rel.reltype == RT.THEME and not rel.is_external:
            return rel.target_part
    return None


def named_fonts(doc) -> set[str]:
    """Every font the book names for text: styles, body, lists and the theme's Latin fonts."""
    roots = [doc.styles.element, doc.element.body, doc.part.numbering_part.element]
    found = {name for root in roots for name, _ in fonts.named_fonts(root)}
    part = _theme_part(doc)
    if part is not None:
        found |= {f for f in fonts.theme_fonts(etree.fromstring(part.blob, _PARSER)).values() if f}
    return found


def bullet_fonts(doc) -> set[str]:
    """The fonts the book's list bullets are drawn in (Symbol, Courier New, Wingdings)."""
    return fonts.bullet_fonts(doc.part.numbering_part.element)
