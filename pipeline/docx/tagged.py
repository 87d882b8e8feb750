"""Tagged parts of the book: the Dasar Hukum list, the vision and the mission, read back for other documents.

A chapter file tags a part with a reserved cross-reference id on its heading:
``# Peraturan Perundang-undangan {#sec:dasar-hukum}`` in Markdown, a bookmark
``sec_dasar_hukum`` on the heading in Word (the same ids as cross-references,
so they survive conversion and are checked like any other id). The part is
what follows the heading up to the next heading of the same or a higher
level. A tagged heading that restates the section's title is folded away when
the fragment is normalised and its bookmark moves to the first paragraph: the
part then runs from that paragraph to the next heading.

:func:`tagged_part` reads the composed book; the companion documents print
what it finds (the Mengingat of the draft regulation, the vision and mission
of the executive summary) and never the book's XML itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.docx.ns import qn, text_of, xp

TAGS = {"dasar-hukum": "sec_dasar_hukum", "visi": "sec_visi", "misi": "sec_misi"}
QUOTE_STYLES = {"blocktext", "quote", "intensequote", "kutipan"}
TYPED_ITEM = re.compile(r"^\s*(?:\d{1,3}|[a-z])[.)]\s+")


@dataclass
class Part:
    """A tagged part as text: its paragraphs in order, each a list item, a quotation or plain text."""

    paragraphs: list[tuple[str, str]] = field(default_factory=list)  # (kind, text): "item", "quote", "text"

    @property
    def items(self) -> list[str]:
        """The list items (numbered or bulleted in Word, or typed '1. ...'), without their numbers."""
        return [t for kind, t in self.paragraphs if kind == "item"]


def tagged_part(body, headings, tag: str) -> Part | None:
    """The part tagged ``tag`` ('dasar-hukum', 'visi', 'misi') in a composed ``body``, or None.

    ``headings`` are the book's numbered headings (:class:`pipeline.docx.book.Heading`).
    """
    name = TAGS[tag]
    mark = next((b for b in body.iter(qn("w:bookmarkStart")) if b.get(qn("w:name"), "").lower() == name), None)
    if mark is None:
        return None
    anchor = mark
    while anchor.getparent() is not None and anchor.getparent() is not body:  # in a paragraph, a cell
        anchor = anchor.getparent()
    if anchor.getparent() is None:
        return None
    if anchor.tag != qn("w:p"):  # a bookmark between paragraphs, or in a table: the paragraph after it
        anchor = next((el for el in anchor.itersiblings() if el.tag == qn("w:p")), None)
        if anchor is None:
            return None
    level_of = {h.element: h.level for h in headings}
    level = level_of.get(anchor)
    part = Part()
    elements = list(anchor.itersiblings()) if level else [anchor, *anchor.itersiblings()]
    for el in elements:
        if el in level_of and (level is None or level_of[el] <= level):
            break
        if el.tag != qn("w:p"):
            continue
        text = " ".join(text_of(el).split())
        if text:
            part.paragraphs.append(_kind(el, text))
    return part


def _kind(p, text: str) -> tuple[str, str]:
    ilvl = xp(p, "w:pPr/w:numPr/w:ilvl/@w:val")
    if xp(p, "w:pPr/w:numPr/w:numId[@w:val!='0']"):
        return ("item", text) if not ilvl or ilvl[0] == "0" else ("subitem", text)
    if TYPED_ITEM.match(text):
        return "item", TYPED_ITEM.sub("", text, count=1)
    style = re.sub(r"[^a-z]", "", (xp(p, "w:pPr/w:pStyle/@w:val") or [""])[0].lower())
    return ("quote" if style in QUOTE_STYLES else "text"), text
