"""Footnotes and endnotes of a Word fragment.

The book has footnotes only: an OPD's endnotes become footnotes, at the place
their reference stands, numbered with the rest of the book's notes. Without
this, the endnote references would be composed into the book without the
endnotes part, and LibreOffice refuses such a file.
"""

from __future__ import annotations

import copy

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

from pipeline.docx.ns import NS, R, qn, xp

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
EMPTY_FOOTNOTES = (
    f'<w:footnotes xmlns:w="{NS["w"]}" xmlns:r="{R}">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
    "</w:footnote></w:footnotes>"
).encode()


def notes_part(part, reltype: str, create: bool = False):
    """The footnotes or endnotes part related to ``part`` (created empty when asked), or None."""
    for rel in part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            return rel.target_part
    if not create:
        return None
    notes = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, EMPTY_FOOTNOTES, part.package)
    part.relate_to(notes, RT.FOOTNOTES)
    return notes


def edit_notes(part, edit) -> None:
    """Run ``edit(root)`` on the footnotes part of ``part``, if any, and keep the result."""
    notes = notes_part(part, RT.FOOTNOTES)
    if notes is None:
        return
    root = etree.fromstring(notes.blob, _PARSER)
    edit(root)
    notes._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def endnotes_to_footnotes(doc) -> int:
    """Turn every endnote of ``doc`` (a python-docx Document) into a footnote; return how many.

    Endnotes with no reference are dropped with the endnotes part.
    """
    part = doc.part
    end_part = notes_part(part, RT.ENDNOTES)
    refs = xp(doc.element.body, ".//w:endnoteReference")
    if end_part is None:
        for ref in refs:  # references to a part that does not exist: nothing to show
            ref.getparent().remove(ref)
        return 0
    endnotes = etree.fromstring(end_part.blob, _PARSER)
    by_id = {n.get(qn("w:id")): n for n in endnotes.findall(qn("w:endnote"))}
    moved = 0
    if refs:
        fn_part = notes_part(part, RT.FOOTNOTES, create=True)
        footnotes = etree.fromstring(fn_part.blob, _PARSER)
        next_id = max([int(i) for i in xp(footnotes, "w:footnote/@w:id") if i.lstrip("-").isdigit()] + [0]) + 1
        for ref in refs:
            note = by_id.get(ref.get(qn("w:id")))
            if note is None:
                ref.getparent().remove(ref)
                continue
            new = copy.deepcopy(note)
            new.tag = qn("w:footnote")
            new.set(qn("w:id"), str(next_id))
            for mark in new.iter(qn("w:endnoteRef")):
                mark.tag = qn("w:footnoteRef")
            for style in xp(new, ".//w:pStyle"):
                style.set(qn("w:val"), "FootnoteText")
            for style in xp(new, ".//w:rStyle") + xp(ref, "../w:rPr/w:rStyle"):
                if "ndnote" in (style.get(qn("w:val")) or "") or "atatanAkhir" in (style.get(qn("w:val")) or ""):
                    style.set(qn("w:val"), "FootnoteReference")
            _relink(new, end_part, fn_part)
            footnotes.append(new)
            ref.tag = qn("w:footnoteReference")
            ref.set(qn("w:id"), str(next_id))
            next_id += 1
            moved += 1
        fn_part._blob = etree.tostring(footnotes, xml_declaration=True, encoding="UTF-8", standalone=True)
    for rid, rel in list(part.rels.items()):
        if rel.reltype == RT.ENDNOTES:
            del part.rels[rid]
    return moved


def _relink(note, src, dst) -> None:
    """Pictures and links inside a moved note point at relationships of the footnotes part."""
    for node in xp(note, "descendant-or-self::*[@r:*]"):
        for attr, rid in list(node.attrib.items()):
            if not attr.startswith(f"{{{R}}}"):
                continue
            rel = src.rels.get(rid)
            if rel is None:
                del node.attrib[attr]
            elif rel.is_external:
                node.set(attr, dst.relate_to(rel.target_ref, rel.reltype, is_external=True))
            else:
                node.set(attr, dst.relate_to(rel.target_part, rel.reltype))
