"""Read a Word fragment for validation: headings, content, leftovers, unsupported objects.

Locations are paragraph numbers (top-level paragraphs of the body, from 1),
the heading path above them, and table numbers with row and column.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache

import docx
from lxml import etree

from pipeline.docx.batch import secret_of, split
from pipeline.docx.captions import caption_roles, caption_text, figure_caption, table_caption
from pipeline.docx.fieldcodes import field_type, unsafe_fields
from pipeline.docx.grid import Grid, read_grid
from pipeline.docx.ns import drop_xml_comments, qn, text_of, unwrap_content_controls, xp
from pipeline.docx.styles import FragmentStyles, canonical
from pipeline.model import Location

IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM")


def is_vector_picture(data: bytes) -> bool:
    """An EMF or WMF picture (pasted from Excel or Visio): LibreOffice prints it, and it never blurs."""
    emf = data[:4] == b"\x01\x00\x00\x00" and data[40:44] == b" EMF"
    wmf = data[:4] == b"\xd7\xcd\xc6\x9a" or data[:6] in (b"\x01\x00\x09\x00\x00\x03", b"\x02\x00\x09\x00\x00\x03")
    return emf or wmf
GUIDANCE_STYLES = ("petunjuk", "guidance", "petunjukpengisian")
_UNSUPPORTED = [
    (".//a:graphicData[@uri='http://schemas.openxmlformats.org/drawingml/2006/chart']", "Bagan / chart"),
    (".//w:object", "Objek OLE / OLE object"),
    ("descendant-or-self::w:altChunk", "altChunk (HTML)"),
]


@dataclass
class BlockFact:
    level: int
    text: str
    location: Location


@dataclass
class Facts:
    blocks: list[BlockFact] = field(default_factory=list)
    tracked_changes: int = 0
    first_change: Location | None = None
    comments: int = 0
    first_comment: Location | None = None
    highlights: list[tuple[Location, str]] = field(default_factory=list)
    unsupported: list[tuple[Location, str]] = field(default_factory=list)
    text_boxes: list[Location] = field(default_factory=list)  # text boxes and shapes with text
    smartart: list[Location] = field(default_factory=list)
    unsafe_fields: list[tuple[Location, str]] = field(default_factory=list)  # fields not on the allowlist
    uncaptioned: list[tuple[Location, str]] = field(default_factory=list)
    bad_images: list[tuple[Location, str]] = field(default_factory=list)
    images: list[tuple[Location, str, bytes]] = field(default_factory=list)
    guidance: list[tuple[Location, str]] = field(default_factory=list)
    tables: list[tuple[Location, Grid, str]] = field(default_factory=list)  # where, cells, caption text


@lru_cache(maxsize=1)
def _load(path: str, digest: str):
    document = docx.Document(path)
    if document.element.tag != qn("w:document") or document.element.find(qn("w:body")) is None:
        raise ValueError("word/document.xml holds no Word document body")  # a broken file, not our bug
    drop_xml_comments(document.element.body)
    unwrap_content_controls(document.element.body)  # what content controls hold is the chapter's text
    return document


@lru_cache(maxsize=1)
def _facts(path: str, digest: str) -> Facts:
    return inspect_body(_load(path, digest))


def fragment_document(frag):
    """The fragment's python-docx Document, parsed once per file content.

    Validation, cross-reference collection and table extraction all read the
    same Word file in one analysis; keyed on the content hash, a changed file is
    never served from here. Callers only read the Document.
    """
    return _load(str(frag.path), frag.digest)


def take_document(frag):
    """The fragment's Document as :func:`fragment_document` gave it, for a caller that changes it (the
    conversion in validation's worker): the caches are emptied, so no later reader gets the changed one."""
    document = _load(str(frag.path), frag.digest)
    _load.cache_clear()
    _facts.cache_clear()
    return document


def fragment_facts(frag) -> Facts:
    """:func:`inspect_body` of the fragment, computed once per file content."""
    return _facts(str(frag.path), frag.digest)


def inspect_body(document) -> Facts:
    """Facts about a python-docx Document's body, with locations."""
    styles = FragmentStyles(styles_element(document))
    roles = caption_roles(styles.styles)
    guidance_ids = {sid for sid, s in styles.styles.items() if canonical(s.name) in GUIDANCE_STYLES}
    facts = Facts()
    heading = None
    path: list[tuple[int, str]] = []
    para_no = 0
    table_no = 0
    children = list(document.element.body)
    for el in children:
        if el.tag == qn("w:p"):
            para_no += 1
            loc = Location(paragraph=para_no, heading=heading)
            style = (xp(el, "w:pPr/w:pStyle/@w:val") or [None])[0]
            level = styles.level_of(style)
            text = text_of(el).strip()
            if level:
                path = [(lv, t) for lv, t in path if lv < level] + [(level, text[:50])]
                heading = " > ".join(t for _, t in path)
                loc = Location(paragraph=para_no, heading=heading)
            facts.blocks.append(BlockFact(level or 0, text, loc))
            if style in guidance_ids and text:
                facts.guidance.append((loc, text))
            _leftovers(el, loc, facts)
            if xp(el, ".//w:drawing//pic:pic") and figure_caption(el, roles) is None:
                facts.uncaptioned.append((loc, "Gambar"))
            _images(document, el, loc, facts)
        elif el.tag == qn("w:tbl"):
            table_no += 1
            loc = Location(paragraph=para_no, heading=heading, table=table_no)
            grid = read_grid(el)
            caption = table_caption(el, roles)
            facts.tables.append((loc, grid, caption_text(caption) if caption is not None else ""))
            facts.blocks.append(BlockFact(0, " ".join(c for r in grid.rows for c in r if c), loc))
            _leftovers(el, loc, facts)
            if caption is None:
                facts.uncaptioned.append((loc, "Tabel"))
        elif el.tag != qn("w:sectPr"):  # altChunk, content controls: what they hold is checked too
            _leftovers(el, Location(paragraph=max(para_no, 1), heading=heading), facts)
    _fields(document, children, facts)
    return facts


_NOTE_PARTS = {"footnotes": "catatan kaki / footnotes", "endnotes": "catatan akhir / endnotes",
               "header": "kepala halaman / header", "footer": "kaki halaman / footer"}
_SAFE = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def _fields(document, children, facts: Facts) -> None:
    """Fields not on the allowlist, in the body and in notes, headers and footers."""
    top = {}
    para_no = 0
    for el in children:
        para_no += el.tag == qn("w:p")
        top[el] = max(para_no, 1)
    for f in unsafe_fields(document.element.body):
        anchor = next((a for a in [f.code[0], *f.code[0].iterancestors()] if a in top), None)
        facts.unsafe_fields.append((Location(paragraph=top.get(anchor)), field_type(f.instruction) or "?"))
    for rel in document.part.rels.values():
        kind = (rel.reltype or "").rsplit("/", 1)[-1]
        if kind in _NOTE_PARTS and not rel.is_external:
            root = etree.fromstring(rel.target_part.blob, _SAFE)
            for f in unsafe_fields(root):
                facts.unsafe_fields.append((Location(part=_NOTE_PARTS[kind]), field_type(f.instruction) or "?"))


def styles_element(document):
    """The document's ``w:styles`` element, or None when its styles part is missing or broken."""
    try:
        return document.styles.element
    except (KeyError, ValueError, AttributeError):
        return None


def _leftovers(el, loc: Location, facts: Facts) -> None:
    changes = len(xp(el, ".//w:ins | .//w:del | .//w:moveFrom | .//w:moveTo"))
    if changes:
        facts.tracked_changes += changes
        facts.first_change = facts.first_change or loc
    comments = len(xp(el, ".//w:commentReference"))
    if comments:
        facts.comments += comments
        facts.first_comment = facts.first_comment or loc
    for r in xp(el, ".//w:r[w:rPr/w:highlight[@w:val!='none']]"):
        facts.highlights.append((loc, text_of(r)))
    for path, kind in _UNSUPPORTED:
        if xp(el, path):
            facts.unsupported.append((loc, kind))
    if xp(el, ".//w:txbxContent"):
        facts.text_boxes.append(loc)
    if xp(el, ".//a:graphicData[@uri='http://schemas.openxmlformats.org/drawingml/2006/diagram']"):
        facts.smartart.append(loc)


def _images(document, el, loc: Location, facts: Facts) -> None:
    for rid in xp(el, ".//a:blip/@r:embed"):
        rel = document.part.rels.get(rid)
        if rel is None or rel.is_external:
            facts.bad_images.append((loc, rid))
            continue
        facts.images.append((loc, rel.target_ref, rel.target_part.blob))




def paragraph_numbers(document) -> dict:
    """Top-level paragraph element -> its number (from 1), as locations count them."""
    out = {}
    for el in document.element.body:
        if el.tag == qn("w:p"):
            out[el] = len(out) + 1
    return out


def plain_text(path, marker: str | None = None) -> str:
    """The words of a .docx body (paragraphs and table cells), for change reports.

    With ``marker``, only the fragment that marker opens in a batch (:mod:`pipeline.docx.batch`).
    A batch is read once for all its fragments, and a file read before is not read again while it is
    unchanged (a resident process, the web desk's builder, makes draft after draft from the same cache).
    """
    st = os.stat(path)
    texts = _texts(str(path), (st.st_ino, st.st_size, st.st_mtime_ns), secret_of(marker) if marker else None)
    return texts.get(marker, "")


@lru_cache(maxsize=256)
def _texts(path: str, stamp: tuple, secret: str | None) -> dict[str | None, str]:
    """Marker (None: the whole body) -> its words, for one file as it is at ``stamp``."""
    body = docx.Document(path).element.body
    parts = {None: list(body)} if secret is None else {m: els for m, (_, els) in split(body, secret).items()}
    return {m: "\n".join(t for t in (text_of(p).strip() for el in els for p in el.iter(qn("w:p"))) if t)
            for m, els in parts.items()}
