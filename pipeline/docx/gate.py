"""The validity gate: structural checks on the book's .docx before it is published."""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections import Counter

from lxml import etree

from pipeline.docx.ns import xp

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
_ALLOWED_EXTERNAL = {"hyperlink"}


def check_book(data: bytes) -> list[str]:
    """Problems found in a .docx package (empty list: it passes)."""
    problems: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = set(zf.namelist())
        trees = {}
        for name in names:
            if name.endswith((".xml", ".rels")):
                try:
                    trees[name] = etree.fromstring(zf.read(name), _PARSER)
                except etree.XMLSyntaxError as exc:
                    problems.append(f"{name}: not well-formed XML ({exc})")
    for name, root in trees.items():
        if not name.endswith(".rels"):
            continue
        base = posixpath.dirname(posixpath.dirname(name))
        for rel in root:
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External":
                if kind not in _ALLOWED_EXTERNAL:
                    problems.append(f"{name}: external {kind} relationship to {target}")
                continue
            path = posixpath.normpath(posixpath.join(base, target)).lstrip("/") if not target.startswith("/") \
                else target.lstrip("/")
            if path not in names:
                problems.append(f"{name}: relationship {rel.get('Id')} points to missing part {target}")
    doc = trees.get("word/document.xml")
    if doc is None:
        return problems + ["word/document.xml is missing"]
    rels = trees.get("word/_rels/document.xml.rels")
    rel_ids = {r.get("Id") for r in rels} if rels is not None else set()
    for attr in xp(doc, "//@r:id | //@r:embed | //@r:link"):
        if attr not in rel_ids:
            problems.append(f"document.xml: relationship id {attr} does not resolve")
    for what, path in (("bookmark", "//w:bookmarkStart/@w:id"), ("footnote reference", "//w:footnoteReference/@w:id")):
        dupes = [k for k, n in Counter(xp(doc, path)).items() if n > 1]
        if dupes:
            problems.append(f"document.xml: duplicate {what} ids {dupes[:5]}")
    names_dupes = [k for k, n in Counter(xp(doc, "//w:bookmarkStart/@w:name")).items() if n > 1]
    if names_dupes:
        problems.append(f"document.xml: duplicate bookmark names {names_dupes[:5]}")
    numbering = trees.get("word/numbering.xml")
    known = set(xp(numbering, "w:num/@w:numId")) if numbering is not None else set()
    missing = {n for n in xp(doc, "//w:numPr/w:numId/@w:val") if n != "0" and n not in known}
    if missing:
        problems.append(f"document.xml: numbering ids {sorted(missing)[:5]} do not exist")
    return problems


