"""Match a fragment's styles to the house styles by *name and type*.

Word stores localised names for built-in styles: Indonesian Word writes
"Judul 1" (id "Judul1") where English Word writes "heading 1" (id
"Heading1"). Ids are therefore never trusted; names are canonicalised and
the ``basedOn`` chain is followed for custom styles ("Judul Bab" based on
"Judul 1" is still a heading).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.docx.ns import qn, xp

# Localised built-in style names -> canonical English names (lower case, no spaces).
ALIASES = {
    **{f"judul{n}": f"heading{n}" for n in range(1, 10)},
    **{f"uberschrift{n}": f"heading{n}" for n in range(1, 10)},
    "judul": "title",
    "subjudul": "subtitle",
    "keterangan": "caption",
    "daftarparagraf": "listparagraph",
    "paragrafdaftar": "listparagraph",
    "teksisi": "bodytext",
    "kutipan": "quote",
    "tekscatatankaki": "footnotetext",
    "teksketerangankaki": "footnotetext",
    "referensicatatankaki": "footnotereference",
    "kisitabel": "tablegrid",
    "tabelkisi": "tablegrid",
    "tabelnormal": "normaltable",
    "fontparagrafdefault": "defaultparagraphfont",
    "fontparagrafdefaul": "defaultparagraphfont",
}
_HEADING = re.compile(r"^heading([1-9])$")


def canonical(name: str) -> str:
    """``'Judul 1'`` -> ``'heading1'``; ``'Body Text'`` -> ``'bodytext'``."""
    key = re.sub(r"[^0-9a-z]", "", name.lower().replace("ü", "u"))
    return ALIASES.get(key, key)


def heading_level(canonical_name: str) -> int | None:
    """The heading level of a canonical style name, or None."""
    m = _HEADING.match(canonical_name)
    return int(m.group(1)) if m else None


@dataclass(frozen=True)
class StyleInfo:
    id: str
    type: str
    name: str
    based_on: str | None


def read_styles(styles_el) -> dict[str, StyleInfo]:
    """Style id -> info, from a ``w:styles`` element."""
    out: dict[str, StyleInfo] = {}
    for st in xp(styles_el, "w:style"):
        sid = st.get(qn("w:styleId"))
        if not sid:
            continue
        name_el = st.find(qn("w:name"))
        based = st.find(qn("w:basedOn"))
        out[sid] = StyleInfo(
            id=sid,
            type=st.get(qn("w:type"), "paragraph"),
            name=name_el.get(qn("w:val")) if name_el is not None else sid,
            based_on=based.get(qn("w:val")) if based is not None else None,
        )
    return out


class HouseStyles:
    """The book's styles, looked up by canonical name and type."""

    BODY = "BodyText"
    TABLE = "Table"

    def __init__(self, styles_el):
        self.styles = read_styles(styles_el)
        self._by_name = {(canonical(s.name), s.type): s.id for s in self.styles.values()}

    def find(self, name: str, type_: str) -> str | None:
        """House style id for a style name of the given type, or None."""
        return self._by_name.get((canonical(name), type_))

    def heading(self, level: int) -> str:
        return self.find(f"heading {min(level, 9)}", "paragraph") or f"Heading{min(level, 9)}"

    def has(self, style_id: str) -> bool:
        return style_id in self.styles


class FragmentStyles:
    """A fragment's own styles, resolved to canonical names through ``basedOn``."""

    def __init__(self, styles_el):
        self.styles = read_styles(styles_el) if styles_el is not None else {}
        self._num = {}
        if styles_el is not None:
            for st in xp(styles_el, "w:style[w:pPr/w:numPr/w:numId]"):
                self._num[st.get(qn("w:styleId"))] = st.find(qn("w:pPr")).find(qn("w:numPr"))

    def numbering(self, style_id: str):
        """The list numbering (``w:numPr``) a style carries, following ``basedOn``; None if none."""
        seen: set[str] = set()
        sid: str | None = style_id
        while sid and sid not in seen:
            seen.add(sid)
            if sid in self._num:
                return self._num[sid]
            info = self.styles.get(sid)
            sid = info.based_on if info else None
        return None

    def level_of(self, style_id: str | None) -> int | None:
        """The heading level of a style (following ``basedOn``), or None."""
        seen: set[str] = set()
        sid = style_id
        while sid and sid not in seen:
            seen.add(sid)
            info = self.styles.get(sid)
            level = heading_level(canonical(info.name if info else sid))
            if level:
                return level
            sid = info.based_on if info else None
        return None

    def level(self, p) -> int | None:
        """The heading level of paragraph ``p``'s style, or None."""
        ps = p.find(qn("w:pPr"))
        ps = ps.find(qn("w:pStyle")) if ps is not None else None
        return self.level_of(ps.get(qn("w:val")) if ps is not None else None)

    def name_of(self, p) -> str:
        """The name of paragraph ``p``'s style (its id when the style is not defined)."""
        ps = p.find(qn("w:pPr"))
        ps = ps.find(qn("w:pStyle")) if ps is not None else None
        sid = ps.get(qn("w:val")) if ps is not None else ""
        info = self.styles.get(sid)
        return info.name if info else sid

    def resolve(self, style_id: str, house: HouseStyles) -> tuple[str | None, int | None]:
        """(house style id or None, heading level or None) for a fragment style id."""
        seen: set[str] = set()
        sid: str | None = style_id
        while sid and sid not in seen:
            seen.add(sid)
            info = self.styles.get(sid)
            name = info.name if info else sid
            type_ = info.type if info else "paragraph"
            level = heading_level(canonical(name))
            if level:
                return house.heading(level), level
            found = house.find(name, type_)
            if found:
                return found, None
            sid = info.based_on if info else None
        return None, None
