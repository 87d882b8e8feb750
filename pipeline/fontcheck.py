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

from pipeline import libreoffice, poppler
from pipeline.model import Location
from pipeline.report import EDITOR
from pipeline.rules import diag

CONFIG_FILE = "masterplan.yml"
PDF_FILE = "PDF"
# Fonts LibreOffice uses for symbols (list bullets) whatever the config says.
SYMBOL_FAMILIES = {"opensymbol", "standardsymbolsps", "symbol", "dejavusans-symbols"}
# Metric-compatible substitutes: the same advance widths, so the same line and page breaks.
METRIC_COMPATIBLE = {
    "arial": {"liberationsans", "arimo"},
    "helvetica": {"liberationsans", "arimo"},
    "arialnarrow": {"liberationsansnarrow"},
    "timesnewroman": {"liberationserif", "tinos"},
    "times": {"liberationserif", "tinos"},
    "couriernew": {"liberationmono", "cousine"},
    "calibri": {"carlito"},
    "cambria": {"caladea"},
    "georgia": {"gelasio"},
}


def key(name: str) -> str:
    """A comparable form of a font name: ``"Liberation Sans"`` and ``"LiberationSans"`` -> ``"liberationsans"``."""
    return re.sub(r"[^0-9a-z]", "", name.lower())


def font_notices(pdf, configured: dict[str, str], named: Iterable[str]) -> list:
    """MP-W801, MP-W802 and MP-W803 notices for the PDF at ``pdf``.

    ``configured`` maps the config keys to fonts (``{"body": "Arial",
    "heading": "Arial"}``); ``named`` are the fonts the .docx names anywhere
    (styles, theme, runs, lists), to say which one a fallback replaced.
    """
    notices = [_substitute_notice(role, font) for role, font in configured.items()]
    notices = [n for n in notices if n is not None]
    expected = set(SYMBOL_FAMILIES)
    for font in set(configured.values()):
        expected |= _keys(font)
    seen: set[str] = set()
    for found in poppler.pdf_fonts(pdf):
        family = key(found.family)
        if family in seen or _accepted(family, expected):
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


def _substitute_notice(role: str, font: str):
    match = libreoffice.font_match(font)
    if match is None or key(match.family) == key(font):
        return None  # no fontconfig to ask, or the font itself is installed
    if key(match.family) in METRIC_COMPATIBLE.get(key(font), ()):
        return None
    return diag("MP-W802", CONFIG_FILE, Location(part=f"document.fonts.{role}"), opd=EDITOR, font=font,
                substitute=match.family)


def _keys(name: str) -> set[str]:
    """The comparable names a PDF may carry for ``name``: the name itself, and what fontconfig gives for it."""
    out = {key(name)}
    match = libreoffice.font_match(name)
    if match is not None:
        out |= {key(match.family), key(match.postscript.split("-", 1)[0])} - {""}
    return out


def _accepted(family: str, expected: set[str]) -> bool:
    # A PostScript family may carry a suffix the family name lacks ("ArialMT" for Arial).
    return family in expected or any(family.startswith(k) and len(family) - len(k) <= 2 for k in expected)
