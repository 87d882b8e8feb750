"""Fonts where the PDF is made: notices for the editor when the PDF is not set in the configured fonts.

Two things can make the PDF look different from the book in Word:

- **A fallback font**: the PDF uses a font the config did not choose, because
  a font named in the book is not installed (MP-W801: Word's theme font "Aptos
  Display" printed as DejaVu Sans Bold) or because the configured font lacks
  some characters (MP-W803).
- **A substitute that is not metric-compatible** (MP-W802): a configured font
  is not installed and the font LibreOffice prints instead has other widths, so
  lines and pages break elsewhere than in Word. Bookman Old Style, common in
  Indonesian regulations, is such a font: URW Bookman is a different design.

The fonts are read from the PDF (``pdffonts``) and matched with what fontconfig
gives for each name (``fc-match``), through the engine layers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from pipeline import libreoffice, poppler
from pipeline.model import Location
from pipeline.report import EDITOR
from pipeline.rules import diag

CONFIG_FILE = "masterplan.yml"
PDF_FILE = "PDF"
# Fonts LibreOffice uses for symbols (list bullets) whatever the config says.
SYMBOL_FAMILIES = {"opensymbol", "standardsymbols", "symbol"}
# Metric-compatible substitutes: the same advance widths, so the same line and page breaks.
_METRIC_COMPATIBLE = {
    "Arial": ("Liberation Sans", "Arimo", "Nimbus Sans"),
    "Helvetica": ("Liberation Sans", "Arimo", "Nimbus Sans"),
    "Arial Narrow": ("Liberation Sans Narrow", "Nimbus Sans Narrow"),
    "Times New Roman": ("Liberation Serif", "Tinos", "Nimbus Roman"),
    "Times": ("Liberation Serif", "Tinos", "Nimbus Roman"),
    "Courier New": ("Liberation Mono", "Cousine", "Nimbus Mono PS"),
    "Calibri": ("Carlito",),
    "Cambria": ("Caladea",),
    "Georgia": ("Gelasio",),
}


_STYLE_WORDS = re.compile(r"(bold|italic|oblique|regular|light|demi|medium|semibold|book|roman|mt|ps)$")


def key(name: str) -> str:
    """A comparable form of a font name, without its weight and slant words.

    ``"Liberation Sans"``, ``"LiberationSans"`` -> ``"liberationsans"``;
    ``"URWBookmanDemiItalic"`` (a PDF's name), ``"URW Bookman"`` -> ``"urwbookman"``;
    ``"ArialMT"`` -> ``"arial"``.
    """
    out = re.sub(r"[^0-9a-z]", "", name.lower())
    while True:
        shorter = _STYLE_WORDS.sub("", out)
        if shorter == out or not shorter:
            return out
        out = shorter


METRIC_COMPATIBLE = {key(font): {key(s) for s in subs} for font, subs in _METRIC_COMPATIBLE.items()}


def font_notices(pdf, configured: dict[str, str], named: Iterable[str], bullets: Iterable[str] = (),
                 prefix: str = "document.fonts.") -> list:
    """MP-W801, MP-W802 and MP-W803 notices for ``pdf`` (a path, or its fonts as :func:`poppler.pdf_fonts`
    gives them).

    ``configured`` maps the config keys to fonts (``{"body": "Arial",
    "heading": "Arial"}``); ``named`` are the fonts the .docx names anywhere
    (styles, theme, runs, lists), to say which one a fallback replaced;
    ``bullets`` the fonts list bullets are drawn in, whose substitutes are expected too;
    ``prefix`` makes a key the config path a notice names (``documents.perbup.`` for a companion document).
    """
    roles: dict[str, list[str]] = {}
    for role, font in configured.items():
        roles.setdefault(font, []).append(f"{prefix}{role}")
    notices = [n for n in (_substitute_notice(font, where) for font, where in roles.items()) if n is not None]
    expected = set(SYMBOL_FAMILIES)
    for font in set(configured.values()) | set(bullets):
        expected |= _keys(font)
    seen: set[str] = set()
    for found in poppler.pdf_fonts(pdf) if isinstance(pdf, (str, Path)) else pdf:
        family = key(found.family)
        if family in seen or family in expected:
            continue
        seen.add(family)
        replaced = sorted(n for n in set(named) - set(configured.values()) if family in _keys(n))
        where = Location(part="pdffonts")
        if replaced:
            notices.append(diag("MP-W801", PDF_FILE, where, opd=EDITOR, font=found.family,
                                replaced=", ".join(replaced)))
        else:
            notices.append(diag("MP-W803", PDF_FILE, where, opd=EDITOR, font=found.family,
                                configured=" / ".join(sorted(set(configured.values())))))
    return notices


def _substitute_notice(font: str, where: list[str]):
    match = libreoffice.font_match(font)
    if match is None or key(match.family) == key(font):
        return None  # no fontconfig to ask, or the font itself is installed
    if key(match.family) in METRIC_COMPATIBLE.get(key(font), ()):
        return None
    return diag("MP-W802", CONFIG_FILE, Location(part=", ".join(where)), opd=EDITOR, font=font,
                substitute=match.family, keys=", ".join(where))


def _keys(name: str) -> set[str]:
    """The comparable names a PDF may carry for ``name``: the name itself, and what fontconfig gives for it."""
    out = {key(name)}
    match = libreoffice.font_match(name)
    if match is not None:
        out |= {key(match.family), key(match.postscript.split("-", 1)[0])} - {""}
    return out
