"""What a caption's text looks like: the one text rule for the book, validation and programme extraction.

A *typed* caption starts with its kind and a number or a colon: "Tabel 4.2
Program ...", "Table 3: ...", "Gambar 1 - Peta ...", "Tabel: Jumlah Penduduk".
In Markdown, pandoc's own caption line ("Table: ...", ": ...") counts too. The
paragraph-level rule (caption styles, and which table or figure a caption
belongs to) is in :mod:`pipeline.docx.captions`, built on this one.
"""

from __future__ import annotations

import re

# The kind word, then a number (arabic, or upper-case roman) or a colon. A word boundary after the
# number keeps "Tabel ini menunjukkan ..." and "Gambar visi ..." prose.
TYPED = re.compile(r"^\s*(?P<word>(?i:tabel|table|gambar|figure|grafik))"
                   r"(?:\s+(?P<number>\d+(?:[.\-]\d+)*|[IVXLC]+(?:[.\-]\d+)*)(?![\w])\s*[:.\-–—]?|\s*:)\s*")
KINDS = {"tabel": "Tabel", "table": "Tabel", "gambar": "Gambar", "figure": "Gambar", "grafik": "Gambar"}
# pandoc's table caption paragraph, or a typed one; a trailing attribute block ({#tbl:id}) is not text.
MARKDOWN = re.compile(r"^\s*(?:(?:Table|table)?:|(?i:tabel|table)(?:\s+\d+(?:[.\-]\d+)*)?\s*[:.\-–—]|"
                      r"(?i:tabel|table)\s+\d+(?:[.\-]\d+)*(?=\s))\s*(?P<text>.+?)\s*(?:\{[^}]*\})?\s*$")
_QUICK_WIN = re.compile(r"quick\s*-?\s*wins?\b", re.I)


def typed_kind(text: str) -> str | None:
    """'Tabel' or 'Gambar' when ``text`` starts like a typed caption, else None."""
    m = TYPED.match(text)
    return KINDS[m.group("word").lower()] if m else None


def strip_typed(text: str) -> str:
    """The caption's own words: ``'Tabel 4.2: Program Prioritas'`` -> ``'Program Prioritas'``."""
    return TYPED.sub("", text, count=1).strip()


def markdown_caption(line: str) -> str | None:
    """The text of a Markdown table caption line ("Table: ...", ": ...", "Tabel 3 ..."), or None."""
    m = MARKDOWN.match(line)
    return m.group("text") if m and m.group("text").strip() else None


def is_quick_win(caption: str) -> bool:
    """A caption that names a quick win ("Profil Quick Win ...", "Program Quick-Win", "quickwin")."""
    return bool(_QUICK_WIN.search(caption))
