"""What an OPD's file says before its content starts: covers and restated titles.

Staff often open their chapter file with the section's own title ("SMART
GOVERNANCE", "4.1 Smart Governance"), a Title or Subtitle paragraph, or, in a
filled-in form, the form's cover block (KERTAS KERJA MASTERPLAN SMART CITY,
the OPD's name, the BAB line, the deadline). The pipeline writes the section
heading itself, so none of this belongs in the book.

:func:`front_block` finds it; validation reports it (MP-W210, MP-W211) and
the normaliser removes it. Both call this one function, so what the OPD is
told is exactly what the book does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.docx.ns import qn, text_of, xp
from pipeline.docx.styles import FragmentStyles, canonical

# A hand-typed heading number: "1.2 ", "BAB IV ", "IV. ", "A. ", "1) ".
TYPED_NUMBER = re.compile(
    r"^\s*(?:BAB\s+[IVXLCDM]+\.?|[IVXLCDM]+\.|(?:\d+\.)+\d*|\d+\)?|[A-Za-z][.)])\s+(?=\S)"
)
COVER_STYLES = {"title", "subtitle", "juduldepan"}
GUIDANCE_STYLES = {"petunjuk", "guidance", "petunjukpengisian"}
# Lines of the form's cover block (templates/form.docx), whatever their style after a round trip.
COVER_LINE = re.compile(r"^\s*(KERTAS\s+KERJA\b|Batas\s+waktu(\s+pengiriman)?\s*:|BAB\s+[IVXLC]+\s*(?:[—–:.-]|$))", re.I)


def plain(text: str) -> str:
    """Text as compared here: no typed number, no punctuation, one space, case folded."""
    text = TYPED_NUMBER.sub("", text)
    return " ".join(re.sub(r"[^\w\s]", " ", text).split()).casefold()


def restates(text: str, title: str) -> bool:
    """Whether a heading ``text`` repeats the section ``title`` (ignoring case and a typed number)."""
    return bool(title) and plain(text) == plain(title)


@dataclass
class Front:
    """The paragraphs to fold away, and whether the headings below them move up a level."""

    # (paragraph, kind): "title" for a restated section title, "cover" for any other opening line
    dropped: list[tuple[object, str]] = field(default_factory=list)
    promote_below: int | None = None  # heading level of a folded restated title whose children move up

    def __bool__(self) -> bool:
        return bool(self.dropped)


def front_block(elements: list, styles: FragmentStyles, title: str, names: set[str] = frozenset()) -> Front:
    """Find the cover and restated title at the start of ``elements`` (a fragment's body children).

    ``title`` is the section's title; ``names`` holds other lines a cover
    repeats (the OPD's official and short names). Empty paragraphs and
    guidance paragraphs do not end the block; the first other content does.
    """
    front = Front()
    wanted = {plain(n) for n in names if n}
    headings: list[tuple[int, object]] = []
    folded_level = None
    for el in elements:
        if el.tag == qn("w:tbl"):
            break
        if el.tag != qn("w:p"):
            continue
        text = text_of(el).strip()
        style = canonical(styles.name_of(el))
        if not text:
            if xp(el, ".//w:drawing | .//w:pict | .//w:object"):
                break
            continue
        if style in GUIDANCE_STYLES:
            continue
        level = styles.level(el)
        if level:
            if restates(text, title):
                front.dropped.append((el, "title"))
                folded_level = level
            break
        if style in COVER_STYLES or COVER_LINE.match(text) or plain(text) in wanted or restates(text, title):
            front.dropped.append((el, "cover"))
            continue
        break
    if folded_level is not None:
        started = False
        for el in elements:
            if el is front.dropped[-1][0]:
                started = True
                continue
            if started and el.tag == qn("w:p"):
                level = styles.level(el)
                if level:
                    headings.append((level, el))
        if headings and all(level > folded_level for level, _ in headings):
            front.promote_below = folded_level
    return front
