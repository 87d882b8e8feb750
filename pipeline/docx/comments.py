"""A reviewed draft read back: its comments, their threads, and where in the book each one sits (raw OOXML).

python-docx 1.2 gives each comment's id, author, initials, date and text, but
not the text it is anchored to. That comes from one walk of the body in
document order over the provenance bookmarks (``mp_src_...``, one around each
fragment), the comment ranges (``w:commentRangeStart``/``End``) and
references (``w:commentReference``); a footnote or endnote is walked where its
reference stands, so a comment in a note belongs to the fragment around the
reference. Headers and footers are walked on their own: they belong to no
fragment.

Replies and resolved state live in ``word/commentsExtended.xml``: each
``w15:commentEx`` names a comment by the ``w14:paraId`` of its *last*
paragraph, its parent by ``w15:paraIdParent``, and ``w15:done="1"`` marks it
resolved. A comment without a paraId, or a file without that part, gives a
top-level open comment.

The same walk over a clean draft lists each fragment's paragraphs in order
(:func:`fragment_paragraphs`), so the n-th paragraph of a fragment in a reviewed
copy is the n-th paragraph the draft's manifest recorded for it.
"""

from __future__ import annotations

import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from pipeline.docx.ns import NS, qn
from pipeline.docx.styles import canonical, heading_level, read_styles
from pipeline.provenance import is_provenance

W14_PARA = f"{{{NS['w14']}}}paraId"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
EXTENDED_REL = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"
APP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
FRAGMENT_HEADING_FROM = 3  # BAB is Heading 1, the section Heading 2: a fragment's own headings start at 3
_SAFE = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
_P, _T, _DEL_T, _TBL, _TC, _TR = (qn(f"w:{t}") for t in ("p", "t", "delText", "tbl", "tc", "tr"))
_BM_START, _BM_END = qn("w:bookmarkStart"), qn("w:bookmarkEnd")
_C_START, _C_END, _C_REF = qn("w:commentRangeStart"), qn("w:commentRangeEnd"), qn("w:commentReference")
_FN_REF, _EN_REF = qn("w:footnoteReference"), qn("w:endnoteReference")
_INSERTED = (qn("w:ins"), qn("w:moveTo"))
_ID, _NAME = qn("w:id"), qn("w:name")


@dataclass
class Paragraph:
    """One paragraph of a fragment as the book holds it."""

    text: str
    heading: str = ""  # the fragment's own heading path above it ("Elemen Kesehatan > Puskesmas")
    cell: tuple[int, int, int] | None = None  # (table in the fragment, row, column), each from 1


@dataclass
class Note:
    """A comment as the reviewer wrote it (python-docx's comments API), with its thread."""

    id: int
    author: str
    initials: str
    date: str  # ISO 8601 as Word wrote it, or ""
    text: str
    para_id: str | None  # w14:paraId of its last paragraph
    parent: str | None = None  # the paraId of the comment it answers
    done: bool = False


@dataclass
class Anchor:
    """Where a comment sits."""

    part: str = "body"  # body, footnote, endnote, header, footer
    note: int | None = None  # the footnote's or endnote's number
    fragments: list[str] = field(default_factory=list)  # provenance bookmarks whose text it covers
    first: dict[str, int] = field(default_factory=dict)  # bookmark -> the first commented paragraph (from 1)
    text: str = ""  # the commented text as the reviewer saw it
    paragraph: str | None = None  # the first commented paragraph, as the draft had it (no insertions)
    before: str = ""  # the paragraph before it
    after: str | None = None  # the paragraph after it
    _start_names: list[str] = field(default_factory=list)
    _start_first: dict[str, int] = field(default_factory=dict)


@dataclass
class Review:
    """Everything read from a reviewed draft."""

    notes: list[Note]
    anchors: dict[int, Anchor]
    producer: str  # docProps/app.xml Application ("Microsoft Office Word", "LibreOffice/7.4...")
    overlapping: bool = False  # two provenance bookmarks open at once: never so in a draft, so they were damaged


def read_review(path: Path) -> Review:
    """Comments, threads and anchors of a reviewed .docx whose package has passed ``check_package``."""
    import docx

    document = docx.Document(str(path))
    notes = [Note(id=c.comment_id, author=c.author or "", initials=c.initials or "", date=_date(c),
                  text=c.text.strip(), para_id=_last_para_id(c)) for c in document.comments]
    parts = _related(document)  # parsed once: notes, headers, footers, commentsExtended
    extended = _extended(parts.get("commentsExtended"))
    for n in notes:
        parent, done = extended.get(n.para_id, (None, False)) if n.para_id else (None, False)
        n.parent, n.done = parent, done
    walk = _Walk(_heading_styles(document))
    walk.notes = {kind: _notes_by_id(parts.get(kind)) for kind in ("footnotes", "endnotes")}
    walk.run(document.element.body)
    for kind in ("header", "footer"):
        for root in parts.get(kind, []):
            walk.part = kind
            walk.run(root)
    return Review(notes, walk.anchors, _producer(path), overlapping=walk.overlapping)


def fragment_paragraphs(path: Path, names: set[str] | None = None) -> dict[str, list[Paragraph]]:
    """Provenance bookmark -> the paragraphs of that fragment, in order, as a draft holds them
    (of the bookmarks in ``names`` only, when given: the generated sections' need not be read)."""
    import docx

    document = docx.Document(str(path))
    walk = _Walk(_heading_styles(document), collect=True, only=names)
    walk.run(document.element.body)
    return dict(walk.paragraphs)


def _date(comment) -> str:
    try:
        stamp = comment.timestamp
    except ValueError:  # a date Word would not write: the comment stays, without its date
        return ""
    return stamp.isoformat() if stamp else ""


def _last_para_id(comment) -> str | None:
    paragraphs = comment.paragraphs
    return paragraphs[-1]._p.get(W14_PARA) if paragraphs else None  # noqa: SLF001 - the element itself


def _related(document) -> dict:
    """The document part's related parts that matter here, parsed: notes, headers, footers, threads."""
    out: dict = defaultdict(list)
    for rel in document.part.rels.values():
        if rel.is_external:
            continue
        kind = (rel.reltype or "").rsplit("/", 1)[-1]
        if kind in ("footnotes", "endnotes", "header", "footer", "commentsExtended"):
            root = etree.fromstring(rel.target_part.blob, _SAFE)
            if kind in ("header", "footer"):
                out[kind].append(root)
            else:
                out[kind] = root
    return out


def _extended(root) -> dict[str, tuple[str | None, bool]]:
    """paraId -> (parent paraId, done) from word/commentsExtended.xml's root ({} when there is none)."""
    if root is None:
        return {}
    out = {}
    for ex in root.iter(f"{{{W15}}}commentEx"):
        pid = ex.get(f"{{{W15}}}paraId")
        if pid:
            out[pid] = (ex.get(f"{{{W15}}}paraIdParent") or None, ex.get(f"{{{W15}}}done") in ("1", "true"))
    return out


def _notes_by_id(root) -> dict[str, object]:
    if root is None:
        return {}
    return {n.get(_ID): n for n in root if isinstance(n.tag, str) and n.get(_ID)}


def _heading_styles(document) -> dict[str, int]:
    """Paragraph style id -> heading level, by style name (never by id)."""
    try:
        styles = read_styles(document.styles.element)
    except (KeyError, ValueError, AttributeError):
        return {}
    out = {}
    for sid, info in styles.items():
        level = heading_level(canonical(info.name)) if info.type == "paragraph" else None
        if level:
            out[sid] = level
    return out


def _producer(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        if "docProps/app.xml" not in zf.namelist():
            return ""
        root = etree.fromstring(zf.read("docProps/app.xml"), _SAFE)
    app = root.find(f"{{{APP_NS}}}Application")
    return (app.text or "").strip() if app is not None else ""


def original_text(p) -> str:
    """A paragraph's text as the draft had it: a reviewer's tracked insertions left out, deletions kept."""
    out = []
    inserted = next(p.iter(*_INSERTED), None) is not None
    for node in p.iter(_T, _DEL_T, qn("w:tab"), qn("w:br")):
        if node.tag in (_T, _DEL_T):
            if inserted and node.tag == _T and any(a.tag in _INSERTED for a in node.iterancestors()):
                continue
            out.append(node.text or "")
        else:
            out.append(" ")
    return " ".join("".join(out).split())


def _position(positions: dict, el, tag: str) -> int:
    """``el``'s number among its parent's ``tag`` children, from 1; the siblings are numbered once, as counting
    the ones before each cell's paragraph again made a big table's walk quadratic."""
    if el not in positions:
        parent = el.getparent()
        positions.update((sibling, n) for n, sibling in enumerate(parent.iterchildren(tag), 1))
    return positions[el]


class _Walk:
    """One pass over a part in document order (see the module docstring)."""

    TAGS = (_P, _TBL, _T, _BM_START, _BM_END, _C_START, _C_END, _C_REF, _FN_REF, _EN_REF)

    def __init__(self, headings: dict[str, int], collect: bool = False, only: set[str] | None = None):
        self.headings = headings
        self.collect = collect
        self.only = only  # a manifest's walk: the paragraphs of these bookmarks, and no comments
        self.part = "body"
        self.note: int | None = None
        self.notes: dict[str, dict] = {}
        self.open: dict[str, str] = {}  # bookmark id -> provenance name
        self.ordinal: dict[str, int] = defaultdict(int)
        self.tables: dict[str, dict] = defaultdict(dict)  # name -> {outermost table element: its number}
        self.paths: dict[str, list[tuple[int, str]]] = defaultdict(list)
        self.paragraphs: dict[str, list[Paragraph]] = defaultdict(list)
        self.anchors: dict[int, Anchor] = {}
        self.active: dict[int, Anchor] = {}
        self.current = None  # the last body paragraph met, and its text
        self.current_text = ""
        self.before = ""
        self.waiting: list[Anchor] = []  # anchors whose next paragraph is still to come
        self.note_numbers = {"footnotes": 0, "endnotes": 0}
        self.overlapping = False
        self.positions: dict = {}  # a row or cell element -> its number among its siblings, from 1

    def run(self, root) -> None:
        for el in root.iter(*self.TAGS):
            tag = el.tag
            if tag == _P:
                self._paragraph(el)
            elif tag == _TBL:
                if self.part == "body":
                    for name in self.open.values():
                        if next(el.iterancestors(_TBL), None) is None:
                            self.tables[name][el] = len(self.tables[name]) + 1
            elif tag == _T:
                self._text(el)
            elif tag == _BM_START:
                self._bookmark_start(el)
            elif tag == _BM_END:
                self.open.pop(el.get(_ID), None)
            elif tag == _C_START:
                self._range_start(el)
            elif tag == _C_END:
                self._range_end(el.get(_ID))
            elif tag == _C_REF:
                self._reference(el)
            elif tag in (_FN_REF, _EN_REF) and self.part == "body":
                self._note(el, "footnotes" if tag == _FN_REF else "endnotes")

    # -- paragraphs and fragments ---------------------------------------------------------------
    def _paragraph(self, p) -> None:
        if self.part != "body":
            return
        if self.only is not None:
            self.current, self.current_text = p, None  # read when a wanted bookmark opens inside it
            names = [name for name in self.open.values() if name in self.only]
            if names:
                self.current_text = original_text(p)
                for name in names:
                    self._count(name, p, self.current_text)
            return
        text = original_text(p)
        if self.current is not None and self.current_text:
            self.before = self.current_text
        self.current, self.current_text = p, text
        for a in self.active.values():
            if a.text and not a.text.endswith(" "):
                a.text += " "  # paragraphs of a range read as words, not run together
        if text:
            for a in self.waiting:
                a.after = text
            self.waiting = [a for a in self.waiting if a.after is None]
        for name in self.open.values():
            self._count(name, p, text)

    def _count(self, name: str, p, text: str) -> None:
        self.ordinal[name] += 1
        if not self.collect:
            return
        style = next((s.get(qn("w:val")) for s in p.iterchildren(qn("w:pPr")) for s in s.iterchildren(qn("w:pStyle"))),
                     None)
        level = self.headings.get(style or "")
        if level and level >= FRAGMENT_HEADING_FROM and text:
            self.paths[name] = [(lv, t) for lv, t in self.paths[name] if lv < level] + [(level, text[:60])]
        self.paragraphs[name].append(Paragraph(text, " > ".join(t for _, t in self.paths[name]),
                                               self._cell(name, p)))

    def _cell(self, name: str, p) -> tuple[int, int, int] | None:
        tc = next(p.iterancestors(_TC), None)
        if tc is None:
            return None
        tables = [t for t in p.iterancestors(_TBL)]
        number = self.tables[name].get(tables[-1]) if tables else None
        tr = tc.getparent()
        return (number or 0, _position(self.positions, tr, _TR) if tr is not None else 0,
                _position(self.positions, tc, _TC))

    def _bookmark_start(self, el) -> None:
        name = el.get(_NAME) or ""
        if not is_provenance(name):
            return
        self.open[el.get(_ID)] = name
        self.overlapping = self.overlapping or len(self.open) > 1
        if self.part == "body" and self.current is not None and next(el.iterancestors(_P), None) is self.current \
                and (self.only is None or name in self.only):
            if self.current_text is None:
                self.current_text = original_text(self.current)
            self._count(name, self.current, self.current_text)  # the bookmark opens inside its first paragraph

    # -- comments ------------------------------------------------------------------------------
    def _anchor(self, cid: int) -> Anchor:
        a = Anchor(part=self.part, note=self.note, before=self.before)
        a._start_names = list(self.open.values())
        a._start_first = {n: self.ordinal[n] for n in a._start_names}
        return a

    def _range_start(self, el) -> None:
        cid = _int(el.get(_ID))
        if cid is None or cid in self.anchors:
            return
        a = self._anchor(cid)
        host = next(el.iterancestors(_P), None)
        if host is not None:
            a.paragraph = original_text(host)
        self.anchors[cid] = self.active[cid] = a

    def _text(self, t) -> None:
        if not self.active or not t.text:
            return
        for a in self.active.values():
            a.text += t.text
            if a.paragraph is None:
                host = next(t.iterancestors(_P), None)
                a.paragraph = original_text(host) if host is not None else ""
            if t.text.strip():
                for name in self.open.values():
                    if name not in a.fragments:
                        a.fragments.append(name)
                        a.first[name] = max(self.ordinal[name], 1)

    def _range_end(self, cid_text) -> None:
        cid = _int(cid_text)
        a = self.active.pop(cid, None) if cid is not None else None
        if a is not None:
            self._settle(a)

    def _reference(self, el) -> None:
        cid = _int(el.get(_ID))
        if cid is None:
            return
        if cid not in self.anchors:  # a comment on a point, with no range
            a = self._anchor(cid)
            host = next(el.iterancestors(_P), None)
            a.paragraph = original_text(host) if host is not None else ""
            self.anchors[cid] = a
            self._settle(a)
        elif cid in self.active:  # a reference before its range's end: the range ends here
            self._range_end(str(cid))

    def _settle(self, a: Anchor) -> None:
        if not a.fragments:  # nothing but a point, a picture or empty runs: the fragments around its start
            a.fragments = list(a._start_names)
            a.first = {n: max(k, 1) for n, k in a._start_first.items()}
        a.text = " ".join(a.text.split())
        if a.paragraph is None:
            a.paragraph = self.current_text if self.part == "body" else ""
        if a.after is None and self.part == "body":
            self.waiting.append(a)

    def _note(self, ref, kind: str) -> None:
        self.note_numbers[kind] += 1
        root = self.notes.get(kind, {}).get(ref.get(_ID))
        if root is None:
            return
        saved = self.part, self.note
        self.part, self.note = kind[:-1], self.note_numbers[kind]
        try:
            self.run(root)
        finally:
            self.part, self.note = saved


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
