"""Text widths in the fonts the PDF is set in.

LibreOffice replaces the book's fonts by metric-compatible ones (Arial by
Liberation Sans, Calibri by Carlito, ...). Widths are measured with those font
files, so that a column sized here holds the same words on the PDF page. When
no font file is found, an average-width estimate stands in.

Widths are in twips (1/20 pt), the unit of table grids.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts",
             Path.home() / ".local/share/fonts")
# Where Debian's packages put them (fonts-liberation2, fonts-crosextra-*, fonts-urw-base35, fonts-dejavu):
# looked at first, because walking every font folder takes longer than the whole width pass.
KNOWN_DIRS = tuple(Path("/usr/share/fonts") / d for d in (
    "truetype/liberation2", "truetype/liberation", "truetype/crosextra", "opentype/urw-base35",
    "truetype/dejavu"))
# family (lower case) -> the files LibreOffice sets it in: regular, bold, italic, bold italic.
_FILES = {
    "liberation sans": ("LiberationSans-Regular", "LiberationSans-Bold", "LiberationSans-Italic",
                        "LiberationSans-BoldItalic"),
    "liberation serif": ("LiberationSerif-Regular", "LiberationSerif-Bold", "LiberationSerif-Italic",
                         "LiberationSerif-BoldItalic"),
    "liberation mono": ("LiberationMono-Regular", "LiberationMono-Bold", "LiberationMono-Italic",
                        "LiberationMono-BoldItalic"),
    "carlito": ("Carlito-Regular", "Carlito-Bold", "Carlito-Italic", "Carlito-BoldItalic"),
    "caladea": ("Caladea-Regular", "Caladea-Bold", "Caladea-Italic", "Caladea-BoldItalic"),
    "urw bookman": ("URWBookman-Light", "URWBookman-Demi", "URWBookman-LightItalic", "URWBookman-DemiItalic"),
    "dejavu sans": ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique"),
}
SUBSTITUTES = {
    "arial": "liberation sans", "helvetica": "liberation sans", "arial narrow": "liberation sans",
    "times new roman": "liberation serif", "times": "liberation serif",
    "courier new": "liberation mono", "courier": "liberation mono",
    "calibri": "carlito", "cambria": "caladea",
    "bookman old style": "urw bookman", "bookman": "urw bookman",
}
FALLBACK = "dejavu sans"  # what LibreOffice uses for a family it does not know
_EM = 1000  # the size fonts are loaded at; widths scale linearly from it
AVERAGE_EM = 0.56  # average advance of a Latin letter in a sans font, when no font file is found


@lru_cache(maxsize=1)
def _font_files() -> dict[str, Path]:
    """File stem -> path of every TrueType/OpenType font in the usual font folders."""
    out: dict[str, Path] = {}
    for folder in FONT_DIRS:
        if folder.is_dir():
            for p in sorted(folder.rglob("*")):
                if p.suffix.lower() in (".ttf", ".otf"):
                    out.setdefault(p.stem, p)
    return out


def _find(stem: str) -> Path | None:
    for folder in KNOWN_DIRS:
        for ext in (".ttf", ".otf"):
            if (folder / f"{stem}{ext}").is_file():
                return folder / f"{stem}{ext}"
    return _font_files().get(stem)


def font_path(family: str, bold: bool = False, italic: bool = False) -> Path | None:
    """The font file LibreOffice sets ``family`` in, or None when none is installed."""
    key = family.strip().lower()
    for name in (key, SUBSTITUTES.get(key), FALLBACK):
        stems = _FILES.get(name or "")
        if stems:
            path = _find(stems[bold + 2 * italic]) or _find(stems[0])
            if path:
                return path
    return None


class Metrics:
    """Measures text in one font family (with its bold and italic faces)."""

    def __init__(self, family: str):
        self.family = family
        self._faces: dict[tuple[bool, bool], ImageFont.FreeTypeFont | None] = {}
        self._advances: dict[tuple[bool, bool], dict[str, float]] = {}  # per character, in font units

    @property
    def real(self) -> bool:
        """True when widths come from a font file, not from the estimate."""
        return self._face(False, False) is not None

    def width(self, text: str, size_pt: float, bold: bool = False, italic: bool = False) -> float:
        """Advance width of ``text`` in twips (the sum of its characters' advances, without kerning,
        which only ever narrows a word)."""
        advances = self._advances.get((bold, italic))
        if advances is None:
            advances = self._advances[bold, italic] = {}
        total = 0.0
        for ch in text:
            em = advances.get(ch)
            if em is None:
                em = advances[ch] = self._advance(ch, bold, italic)
            total += em
        return total * size_pt * 20 / _EM

    def _advance(self, ch: str, bold: bool, italic: bool) -> float:
        face = self._face(bold, italic)
        if face is None:
            return AVERAGE_EM * _EM * (1.07 if bold else 1.0)
        return face.getlength(ch)

    def _face(self, bold: bool, italic: bool):
        if (bold, italic) not in self._faces:
            path = font_path(self.family, bold, italic)
            self._faces[bold, italic] = (ImageFont.truetype(str(path), _EM, layout_engine=ImageFont.Layout.BASIC)
                                         if path else None)
        return self._faces[bold, italic]


@lru_cache(maxsize=16)
def metrics_for(family: str) -> Metrics:
    """One shared :class:`Metrics` per family (their width caches are shared too)."""
    return Metrics(family)


# A line may break at spaces, and after a hyphen, dash or slash between letters ("Output/" "Outcome").
# LibreOffice also breaks a year range after its dash ("2023–" "2024"); a range reads as one word, so
# it is kept whole here and gets the room of one.
_BREAK_AFTER = re.compile(r"(?<=[^\W\d_][-/–—])(?=[^\W\d_])")


def unbreakable(text: str) -> list[str]:
    """The pieces of ``text`` that a line never breaks inside: words, split after hyphens and slashes."""
    return [piece for word in text.split() for piece in _BREAK_AFTER.split(word) if piece]


def letters(word: str) -> int:
    """How many letters a word has (digits and punctuation not counted)."""
    return sum(map(str.isalpha, word))
