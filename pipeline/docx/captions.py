"""Which Word paragraphs are captions, of what kind, and which table or figure each belongs to.

One recogniser for the book (numbering captions), validation (a table or
figure without a caption) and programme extraction (a quick-win profile is
known by its caption):

- a paragraph in a caption style is a caption: "Table Caption" of a table,
  "Image Caption" of a figure; plain "Caption" (Indonesian Word: "Keterangan")
  takes its kind from a typed word ("Tabel ...", "Gambar ..."), else from its
  neighbour (a table before or after it makes it a table caption);
- a paragraph in any other style is a caption only when it is typed ("Tabel 5
  ...", "Gambar 2.1 ...", "Tabel: ...", see :mod:`pipeline.captions`) *and* sits
  next to its table or figure, so prose that starts "Gambar 3 berikut ..." stays
  prose; on the unusual side (under a table, over a figure) it must also read
  like a title, not like a sentence about the table;
- a table's caption is the paragraph before it, or else the one after it
  unless that one opens the next table; a figure's is the paragraph after it,
  or else the one before it unless that one closes the previous figure.

Empty paragraphs (and bookmarks) between a caption and its table are skipped.
"""

from __future__ import annotations

from pipeline.captions import strip_typed, typed_kind
from pipeline.docx.ns import qn, text_of
from pipeline.docx.styles import canonical

ROLES = {"caption": "caption", "tablecaption": "Tabel", "imagecaption": "Gambar"}


def caption_roles(styles) -> dict[str, str]:
    """Style id -> 'caption', 'Tabel' or 'Gambar' for the caption styles in ``styles`` (id -> StyleInfo),
    following ``basedOn`` ("Keterangan Tabel" based on "Keterangan" is a caption style too)."""
    out: dict[str, str] = {}
    for sid in styles:
        seen: set[str] = set()
        cur: str | None = sid
        while cur and cur not in seen and cur in styles:
            seen.add(cur)
            role = ROLES.get(canonical(styles[cur].name))
            if role:
                out[sid] = role
                break
            cur = styles[cur].based_on
    return out


_P, _PPR, _PSTYLE, _VAL, _SECTPR = (qn(f"w:{t}") for t in ("p", "pPr", "pStyle", "val", "sectPr"))
_PICTURES = (qn("w:drawing"), qn("w:pict"))
_BLANKS = (qn("w:bookmarkStart"), qn("w:bookmarkEnd"), qn("w:proofErr"))


def style_of(p) -> str | None:
    ppr = p.find(_PPR)  # find(), not XPath: this runs for every paragraph of the book
    style = ppr.find(_PSTYLE) if ppr is not None else None
    return style.get(_VAL) if style is not None else None


def _is_figure(el) -> bool:
    return el is not None and el.tag == _P and next(el.iter(*_PICTURES), None) is not None


def _is_table(el) -> bool:
    return el is not None and el.tag == qn("w:tbl")


def _blank(el) -> bool:
    """Nothing a reader sees: a bookmark, or a paragraph with no text and no picture."""
    if el.tag in _BLANKS:
        return True
    if el.tag != _P or text_of(el).strip() or _is_figure(el):
        return False
    ppr = el.find(_PPR)
    return ppr is None or ppr.find(_SECTPR) is None


def neighbour(el, forward: bool):
    """The next (or previous) body element a reader sees, skipping blank paragraphs and bookmarks."""
    cur = el.getnext() if forward else el.getprevious()
    while cur is not None and _blank(cur):
        cur = cur.getnext() if forward else cur.getprevious()
    return cur


def caption_kind(p, roles: dict[str, str]) -> str | None:
    """'Tabel' or 'Gambar' when paragraph ``p`` is a caption, else None (``roles`` from :func:`caption_roles`)."""
    if p is None or p.tag != _P:
        return None
    role = roles.get(style_of(p))
    if role in ("Tabel", "Gambar"):
        return role
    text = text_of(p)
    typed = typed_kind(text)
    if role != "caption" and typed is None:
        return None  # neither styled nor written as a caption: what is around it does not matter
    prev, nxt = neighbour(p, False), neighbour(p, True)
    if role == "caption":
        if typed:
            return typed
        if _is_table(nxt) or (_is_table(prev) and not _is_figure(nxt)):
            return "Tabel"
        return "Gambar"
    if typed == "Tabel" and (_is_table(nxt) or (_is_table(prev) and _title_like(text))):
        return "Tabel"
    if typed == "Gambar" and (_is_figure(prev) or (_is_figure(nxt) and _title_like(text))):
        return "Gambar"
    return None


def _title_like(text: str) -> bool:
    """A caption on the unusual side (under its table, over its figure) must read like a title, since
    "Tabel 4.1 di atas menunjukkan bahwa ... ." right after a table is prose about it."""
    words = strip_typed(text).split()
    return 0 < len(words) <= 20 and not text.rstrip().endswith((".", ":", ";"))


def table_caption(tbl, roles: dict[str, str]):
    """The caption paragraph of table ``tbl``, or None."""
    return _attached(tbl, roles, "Tabel", _is_table, usual_side_after=False)


def figure_caption(p, roles: dict[str, str]):
    """The caption paragraph of the figure in paragraph ``p``, or None."""
    return _attached(p, roles, "Gambar", _is_figure, usual_side_after=True)


def _attached(el, roles: dict[str, str], kind: str, is_peer, usual_side_after: bool):
    """The caption on the usual side of ``el`` (before a table, after a figure), else the one on the
    other side unless it belongs to the next table (or the previous figure) there."""
    usual = neighbour(el, usual_side_after)
    if caption_kind(usual, roles) == kind:
        return usual
    other = neighbour(el, not usual_side_after)
    if caption_kind(other, roles) == kind and not is_peer(neighbour(other, not usual_side_after)):
        return other
    return None


def caption_text(p) -> str:
    """A caption paragraph's own words, without a typed "Tabel 4.2" / "Gambar 3:" prefix."""
    return strip_typed(text_of(p))
