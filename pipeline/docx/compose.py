"""Our own composer: append normalised fragments to the book, on lxml.

Measured reason for not using docxcompose (see ENGINES.md and the issue 2
note): its per-element style handling costs most of its time, and its
section handling loses a trailing landscape section. Fragments reaching this
module are already normalised to house styles (:mod:`pipeline.docx.normalise`),
so styles need no copying. What is carried over:

* relationships: embedded images (de-duplicated by content hash through
  python-docx's image parts) and hyperlinks; anything else is dropped;
* numbering: each fragment's lists get fresh ``w:num``/``w:abstractNum`` ids
  and fresh ``w:nsid`` values, so a list never continues across fragments;
* footnotes, renumbered in book order, with their own relationships.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import io

from docx.image.exceptions import UnrecognizedImageError
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from pipeline.docx.notes import notes_part
from pipeline.docx.ns import NS, R, qn, unwrap, xp
from pipeline.docx.source import Rel, Source

W14 = f"{{{NS['w14']}}}"


class BookmarkIds:
    """Bookmark ids for a whole book, handed out once each."""

    def __init__(self, first: int = 1):
        self._next = first

    def next(self) -> str:
        value = self._next
        self._next += 1
        return str(value)


class Composer:
    """Appends content to a book document (a python-docx Document), before its final sectPr."""

    def __init__(self, book):
        self.doc = book
        self.body = book.element.body
        self._anchor = self.body.find(qn("w:sectPr"))
        self._numbering = book.part.numbering_part.element
        self._next_num = _max_attr(self._numbering, "w:num", "w:numId") + 1
        self._next_abs = _max_attr(self._numbering, "w:abstractNum", "w:abstractNumId") + 1
        self._fn_part = notes_part(book.part, RT.FOOTNOTES, create=True)
        self._footnotes = etree.fromstring(self._fn_part.blob)
        self._next_fn = max([int(i) for i in xp(self._footnotes, "w:footnote/@w:id")] + [0]) + 1
        # One counter for every bookmark of the book: fragments' own, provenance, headings and captions,
        # so no count of captions or pictures can make two bookmarks share an id.
        self.ids = BookmarkIds(1 + max([int(i) for i in xp(self.body, ".//w:bookmarkStart/@w:id") if i.isdigit()]
                                       + [0]))

    # -- public -------------------------------------------------------------------
    def append(self, elements) -> None:
        """Append ready-made body elements (generated headings, tables)."""
        for el in elements:
            self._insert(el)

    def slot(self):
        """An empty paragraph appended as a place to fill later (see :meth:`before`)."""
        el = self.body.makeelement(qn("w:p"), {})
        self._insert(el)
        return el

    def remove(self, element) -> None:
        """Take an element (a slot) out of the book."""
        element.getparent().remove(element)

    @contextlib.contextmanager
    def before(self, element):
        """Insert before ``element`` instead of at the end while the block runs."""
        saved, self._anchor = self._anchor, element
        try:
            yield
        finally:
            self._anchor = saved

    def append_fragment(self, src: Source, elements: list | None = None, *, tag: str) -> list:
        """Append a normalised fragment; return the inserted body elements.

        ``tag`` is a short unique string for the fragment, used to derive list ids.
        ``elements``: only these body elements of ``src`` (one fragment of a batch).
        """
        num_map: dict[str, str] = {}
        inserted = []
        elements = list(src.body) if elements is None else elements
        elements = [el for el in elements if isinstance(el.tag, str)]  # XML comments and processing instructions
        self._renumber_bookmarks(elements)
        for el in [el for el in elements if el.getparent() is not None]:  # a dangling bookmarkEnd went
            if el.tag == qn("w:sectPr"):
                continue
            linked, num_ids, notes, w14 = _what_to_carry(el)
            self._relink(src, src.rels, self.doc.part, el, linked)
            self._carry_numbering(src, el, num_map, tag, num_ids)
            if src.footnotes is not None:
                self._carry_footnotes(src, el, notes)
            _strip_w14(el, w14)
            inserted.append(self._insert(el))
        return inserted

    def finish(self) -> None:
        """Write back parts we edit as raw XML and make drawing ids unique."""
        self._fn_part._blob = etree.tostring(self._footnotes, xml_declaration=True,
                                             encoding="UTF-8", standalone=True)
        for i, docpr in enumerate(xp(self.body, ".//wp:docPr"), start=1):
            docpr.set("id", str(i))

    # -- internals ----------------------------------------------------------------
    def _insert(self, el):
        """Move ``el`` into the book; return the element now standing there."""
        if el.tag == qn("w:tbl") and el.getparent() is not None and el.getroottree() is not self.body.getroottree():
            # lxml moves one big subtree between documents in time that grows faster than its size
            # (measured: a 400-row table 0.20 s whole, 0.004 s row by row), so a table comes over
            # as an empty shell followed by its rows.
            shell = el.makeelement(el.tag, el.attrib)
            self._place(shell)
            for child in list(el):
                shell.append(child)
            el.getparent().remove(el)
            return shell
        self._place(el)
        return el

    def _place(self, el) -> None:
        if self._anchor is not None:
            self._anchor.addprevious(el)
        else:
            self.body.append(el)

    def _renumber_bookmarks(self, elements: list) -> None:
        ids: dict[str, str] = {}
        starts = [bm for el in elements for bm in el.iter(qn("w:bookmarkStart"))]
        ends = [bm for el in elements for bm in el.iter(qn("w:bookmarkEnd"))]
        for bm in starts:
            new = self.ids.next()
            ids[bm.get(qn("w:id"))] = new
            bm.set(qn("w:id"), new)
        for bm in ends:
            new = ids.get(bm.get(qn("w:id")))
            if new is None:
                bm.getparent().remove(bm)
            else:
                bm.set(qn("w:id"), new)

    def _relink(self, src: Source, rels: dict[str, Rel], dst_part, el, nodes: list | None = None) -> None:
        """Point every r:* attribute (``rels`` of ``src``) at a relationship of ``dst_part`` (``nodes``: the
        elements of ``el`` that have one, when found already)."""
        for node in xp(el, "descendant-or-self::*[@r:*]") if nodes is None else nodes:  # XPath finds them in C
            for attr, rid in list(node.attrib.items()):
                if not attr.startswith(f"{{{R}}}"):
                    continue
                rel = rels.get(rid)
                new = self._carry_rel(src, rel, dst_part) if rel is not None else None
                if new:
                    node.set(attr, new)
                else:
                    _remove_dangling(node, attr)

    @staticmethod
    def _carry_rel(src: Source, rel: Rel, dst_part) -> str | None:
        if rel.external:
            return dst_part.relate_to(rel.target, RT.HYPERLINK, is_external=True) \
                if rel.reltype == RT.HYPERLINK else None
        if rel.reltype == RT.IMAGE:
            blob = src.blob(rel)
            if blob is None:
                return None
            try:  # the document part, or the footnotes part for a picture in a note
                image = dst_part.package.get_or_add_image_part(io.BytesIO(blob))
            except UnrecognizedImageError:
                image = _vector_image_part(dst_part.package, blob)  # EMF/WMF, which python-docx cannot read
            except (ValueError, KeyError):
                return None
            return dst_part.relate_to(image, RT.IMAGE) if image is not None else None
        return None

    def _carry_numbering(self, source: Source, el, num_map: dict[str, str], tag: str, num_ids: list) -> None:
        if not num_ids:
            return
        src = source.numbering
        if src is None:  # lists without definitions: plain paragraphs
            for node in num_ids:
                node.getparent().getparent().remove(node.getparent())
            return
        for node in num_ids:
            old = node.get(qn("w:val"))
            if old == "0":
                continue
            if old not in num_map:
                num_map[old] = self._copy_num(src, old, tag)
            if num_map[old]:
                node.set(qn("w:val"), num_map[old])
            else:
                node.getparent().getparent().remove(node.getparent())

    def _copy_num(self, src, old: str, tag: str) -> str | None:
        num = next(iter(xp(src, f"w:num[@w:numId='{old}']")), None)
        if num is None:
            return None
        abs_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
        absnum = next(iter(xp(src, f"w:abstractNum[@w:abstractNumId='{abs_id}']")), None)
        if absnum is None:
            return None
        new_abs = copy.deepcopy(absnum)
        new_abs.set(qn("w:abstractNumId"), str(self._next_abs))
        for child in xp(new_abs, "w:nsid | w:tmpl | w:numStyleLink | w:styleLink | w:lvl/w:pStyle"):
            child.getparent().remove(child)
        nsid = hashlib.sha1(f"{tag}/{abs_id}".encode()).hexdigest()[:8].upper()
        new_abs.insert(0, etree.fromstring(f'<w:nsid xmlns:w="{NS["w"]}" w:val="{nsid}"/>'))
        existing = self._numbering.findall(qn("w:abstractNum"))
        if existing:
            existing[-1].addnext(new_abs)
        else:
            self._numbering.insert(0, new_abs)
        new_num = copy.deepcopy(num)
        new_num.set(qn("w:numId"), str(self._next_num))
        new_num.find(qn("w:abstractNumId")).set(qn("w:val"), str(self._next_abs))
        self._numbering.append(new_num)
        self._next_abs += 1
        self._next_num += 1
        return new_num.get(qn("w:numId"))

    def _carry_footnotes(self, src: Source, el, refs: list | None = None) -> None:
        for ref in xp(el, ".//w:footnoteReference") if refs is None else refs:
            old = ref.get(qn("w:id"))
            note = next(iter(xp(src.footnotes, f"w:footnote[@w:id='{old}']")), None)
            if note is None:
                ref.getparent().remove(ref)
                continue
            note = copy.deepcopy(note)
            new = str(self._next_fn)
            self._next_fn += 1
            note.set(qn("w:id"), new)
            ref.set(qn("w:id"), new)
            self._relink(src, src.footnote_rels, self._fn_part, note)
            _strip_w14(note)
            self._footnotes.append(note)


_VECTOR_TYPES = {"emf": "image/x-emf", "wmf": "image/x-wmf"}


def _vector_image_part(package, blob: bytes):
    """An EMF or WMF picture as a part of its own (stored once per content), or None for anything else."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    from pipeline.docx.inspect import is_vector_picture

    if not is_vector_picture(blob[:64]):
        return None
    ext = "emf" if blob[40:44] == b" EMF" else "wmf"
    name = PackURI(f"/word/media/mp-{hashlib.sha1(blob).hexdigest()[:16]}.{ext}")
    for part in package.iter_parts():
        if part.partname == name:
            return part
    return Part(name, _VECTOR_TYPES[ext], blob, package)


def _max_attr(root, tag: str, attr: str) -> int:
    vals = [int(v) for v in xp(root, f"{tag}/@{attr}") if v.lstrip("-").isdigit()]
    return max(vals, default=0)


def _remove_dangling(node, attr: str) -> None:
    """A relationship we do not carry: drop the attribute, or the picture that needs it."""
    del node.attrib[attr]
    if node.tag == qn("a:blip"):
        drawing = next((a for a in node.iterancestors(qn("w:drawing"))), None)
        if drawing is not None and drawing.getparent() is not None:
            drawing.getparent().remove(drawing)
    elif node.tag == qn("w:hyperlink"):
        unwrap(node)


def _what_to_carry(el) -> tuple[list, list, list, list]:
    """In one XPath over ``el`` (four made composing a 400-page book cost 0.04 s more): the elements with
    an r:* attribute, the list ids, the footnote references and the elements with a w14:* attribute."""
    linked, num_ids, notes, w14 = [], [], [], []
    num_id, note = qn("w:numId"), qn("w:footnoteReference")
    for node in xp(el, "descendant-or-self::*[@r:* or @w14:*] | .//w:numPr/w:numId | .//w:footnoteReference"):
        if node.tag == num_id and node.getparent().tag == qn("w:numPr"):
            num_ids.append(node)
        if node.tag == note:
            notes.append(node)
        names = [a for a in node.attrib if a.startswith(("{" + R + "}", W14))]
        if any(a.startswith("{" + R + "}") for a in names):
            linked.append(node)
        if any(a.startswith(W14) for a in names):
            w14.append(node)
    return linked, num_ids, notes, w14


def _strip_w14(el, nodes: list | None = None) -> None:
    """Word's paragraph ids must be unique; fragments repeat them, so drop them."""
    for node in xp(el, "descendant-or-self::*[@w14:*]") if nodes is None else nodes:
        for attr in [a for a in node.attrib if a.startswith(W14)]:
            del node.attrib[attr]
