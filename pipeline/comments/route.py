"""Each reviewer's comment sent to the fragment, and so the OPD, whose text it is on.

A comment goes to every fragment whose provenance bookmark holds the text it
covers (two, when it spans two fragments). The bookmark is checked against
the text: when the commented paragraph is found in exactly one fragment of the
draft's manifest and that is not the bookmark's, the bookmark was moved (a
LibreOffice round trip stretches them) and the text wins. With no bookmark
(a reviewer deleted it, or the file went through LibreOffice, whose bookmarks
are never trusted) the commented paragraph is looked for in every fragment's
text. What matches nothing, or several fragments alike, goes on the editor's
list, as do comments on what the editor owns: the front matter, the headings
the pipeline writes, the generated sections, headers and footers. None is
dropped.
"""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass, field

from pipeline.comments.places import norm
from pipeline.docx.comments import Anchor, Note, Review
from pipeline.provenance import PREFIX
from pipeline.report import EDITOR

# Why a comment is on the editor's list (keys of the catalogue's "comments.reason.*").
GENERATED, OUTSIDE, HEADER, AMBIGUOUS, NO_ANCHOR = "generated", "outside", "header", "ambiguous", "no_anchor"
LIKE = 0.9


@dataclass
class Place:
    """One fragment a comment belongs to."""

    opd: str
    section: str
    file: str
    where: dict  # Location.to_dict(): the place in the OPD's own file
    how: str  # "bookmark" or "text"


@dataclass
class Thread:
    """A comment with its replies, where it sits, and where it goes."""

    note: Note
    replies: list[Note]
    anchor: Anchor | None
    places: list[Place] = field(default_factory=list)
    reason: str | None = None  # why it is on the editor's list (None: it reached an OPD)
    candidates: list[str] = field(default_factory=list)  # files that share its text (ambiguous)

    @property
    def resolved(self) -> bool:
        return self.note.done

    def key(self, draft: int | None) -> str:
        """The same comment sent again (same draft, reviewer, time and text) is one comment."""
        raw = "\0".join([str(draft or 0), self.note.author, self.note.date, " ".join(self.note.text.split())])
        return hashlib.sha256(raw.encode()).hexdigest()[:16]


def threads(review: Review) -> list[Thread]:
    """Top-level comments with their replies in date order; a reply whose parent is gone stands alone."""
    by_para = {n.para_id: n for n in review.notes if n.para_id}
    roots: dict[int, Thread] = {}
    replies: list[tuple[Note, Note]] = []
    for n in review.notes:
        parent = _root(n, by_para)
        if parent is None:
            roots[n.id] = Thread(n, [], review.anchors.get(n.id))
        else:
            replies.append((parent, n))
    for parent, n in replies:
        roots[parent.id].replies.append(n)
    for t in roots.values():
        t.replies.sort(key=lambda r: (r.date, r.id))
    return sorted(roots.values(), key=lambda t: (t.anchor is None, t.note.id))


def _root(n: Note, by_para: dict) -> Note | None:
    seen = set()
    parent = by_para.get(n.parent) if n.parent else None
    while parent is not None and parent.parent and parent.id not in seen:
        seen.add(parent.id)
        up = by_para.get(parent.parent)
        if up is None:
            break
        parent = up
    return parent if parent is not None and parent.id != n.id else None


def route(thread: Thread, manifest: dict | None, *, trust_bookmarks: bool = True, guess=None) -> Thread:
    """Fill in ``thread.places`` (or ``thread.reason``) from its anchor and the draft's manifest.

    ``guess`` (a bookmark name -> (OPD, section) or None) reads a bookmark the
    manifest does not list, when the draft's manifest is missing.
    """
    a = thread.anchor
    if a is None:
        thread.reason = NO_ANCHOR
        return thread
    if a.part in ("header", "footer"):
        thread.reason = HEADER
        return thread
    fragments = (manifest or {}).get("fragments", [])
    by_mark = {f["bookmark"]: f for f in fragments if f.get("bookmark")}
    names = a.fragments if trust_bookmarks else []
    by_text = _by_text(a, fragments)
    if names and len(by_text) == 1 and by_text[0]["bookmark"] not in names and a.part == "body":
        names = []  # the bookmark says one fragment, the text another: the bookmark was moved
    generated = False
    for name in names:
        frag = by_mark.get(name)
        if frag is not None:
            thread.places.append(Place(frag["opd"], frag["section"], frag["file"],
                                       _where(frag, a.first.get(name, 0), a.paragraph or ""), "bookmark"))
        elif name.startswith(f"{PREFIX}{EDITOR}_"):
            generated = True
        elif guess is not None and (found := guess(name)) is not None:
            thread.places.append(Place(found[0], found[1], "", {}, "bookmark"))
    if thread.places:
        return thread
    if generated:
        thread.reason = GENERATED
        return thread
    if len(by_text) == 1:
        frag = by_text[0]
        thread.places.append(Place(frag["opd"], frag["section"], frag["file"],
                                   _where(frag, 0, a.paragraph or ""), "text"))
    elif by_text:
        thread.reason = AMBIGUOUS
        thread.candidates = [f["file"] for f in by_text]
    else:
        thread.reason = OUTSIDE
    return thread


def guesser(cfg):
    """A bookmark name -> (OPD, section) by the outline alone (:func:`route`'s ``guess``)."""
    from pipeline.provenance import MAX_NAME, bookmark_name

    heads = []
    for part in cfg.config.expected_parts():
        full = bookmark_name(part.owner, part.section.id, "")
        head = full.rsplit("_", 1)[0]
        heads.append((head + "_" if len(full) < MAX_NAME else head[:32] + "_", part.owner, part.section.id))

    def guess(name: str):
        hits = {(opd, section) for head, opd, section in heads if name.startswith(head)}
        return hits.pop() if len(hits) == 1 else None

    return guess


def _same(a: str, b: str) -> bool:
    if not a or not b:
        return False
    if a == b:
        return True
    if min(len(a), len(b)) >= 20 and (a in b or b in a):
        return True
    return min(len(a), len(b)) >= 20 and difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= LIKE


def _by_text(a: Anchor, fragments: list[dict]) -> list[dict]:
    """The fragments holding the commented paragraph; several only when its neighbours cannot tell them apart."""
    text = norm(a.paragraph or "")
    if not text:
        return []
    hits: list[tuple[dict, int]] = [(f, i) for f in fragments for i, p in enumerate(f.get("paragraphs", []))
                                    if _same(text, norm(p["text"]))]
    found = _unique([f for f, _ in hits])
    if len(found) <= 1:
        return found
    before, after = norm(a.before), norm(a.after or "")

    def fits(f, i):
        paras = [norm(p["text"]) for p in f["paragraphs"]]
        prev = next((t for t in reversed(paras[:i]) if t), "")
        nxt = next((t for t in paras[i + 1:] if t), "")
        return (not before or _same(before, prev)) and (not after or _same(after, nxt))

    narrowed = _unique([f for f, i in hits if fits(f, i)])
    return narrowed if narrowed else found


def _unique(frags: list[dict]) -> list[dict]:
    seen, out = set(), []
    for f in frags:
        if f["file"] not in seen:
            seen.add(f["file"])
            out.append(f)
    return out


def _where(frag: dict, ordinal: int, paragraph: str) -> dict:
    """The place in the OPD's file of the fragment's ``ordinal``-th paragraph, checked against its text."""
    paras = frag.get("paragraphs", [])
    text = norm(paragraph)
    if 0 < ordinal <= len(paras) and (not text or _same(text, norm(paras[ordinal - 1]["text"]))):
        return paras[ordinal - 1]["where"]
    matches = [i for i, p in enumerate(paras) if _same(text, norm(p["text"]))]
    if matches:
        best = min(matches, key=lambda i: abs(i + 1 - ordinal))
        return paras[best]["where"]
    return paras[ordinal - 1]["where"] if 0 < ordinal <= len(paras) else {}
