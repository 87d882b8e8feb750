"""Cross-references between fragments by stable id.

Syntax (the same words in Markdown and in Word):

* a target is named ``tbl:<id>``, ``fig:<id>`` or ``sec:<id>``: in Markdown as
  an attribute (``Table: Caption {#tbl:penduduk}``, ``![Peta](peta.png){#fig:peta}``,
  ``# Judul {#sec:profil}``); in Word as a bookmark on the caption or heading,
  written ``tbl_penduduk`` because Word does not allow ':' in bookmark names;
* a reference is typed in the text as ``@tbl:penduduk`` (or ``[@tbl:penduduk]``).

In the book a reference becomes a REF field to the caption's label
("Tabel 2.1") or to the heading's number ("2.1.3"), with the result cached.
"""

from __future__ import annotations

import re

from pipeline.docx import fields
from pipeline.docx.ns import qn, text_of, xp

KINDS = ("tbl", "fig", "sec")
TARGET_NAME = re.compile(r"^(tbl|fig|sec)[:_]([A-Za-z0-9][A-Za-z0-9_-]*)$")
REF_TOKEN = re.compile(r"\[?@((?:tbl|fig|sec)[:_][A-Za-z0-9][A-Za-z0-9_-]*?)\]?(?=[\s.,;:)!?]|$)")


def canonical_id(raw: str) -> str:
    """'tbl:Penduduk-2021' and Word's 'tbl_penduduk_2021' -> 'tbl_penduduk_2021'."""
    kind, rest = raw[:3], raw[4:]
    return f"{kind}_{rest}".lower().replace("-", "_")


def is_target(name: str) -> bool:
    return bool(TARGET_NAME.match(name or ""))


def word_ids(body) -> tuple[dict[str, int], list[tuple[str, str, int]]]:
    """In a Word fragment's body: the ids its bookmarks define, and the references its text makes.

    Returns (canonical id -> top-level paragraph number of its first bookmark,
    [(canonical id, as written, paragraph number)]), paragraphs counted from 1.
    """
    defs: dict[str, int] = {}
    refs: list[tuple[str, str, int]] = []
    para = 0
    for el in body:
        if not isinstance(el.tag, str):
            continue
        if el.tag == qn("w:p"):
            para += 1
        where = max(para, 1)
        names = [el.get(qn("w:name"))] if el.tag == qn("w:bookmarkStart") else _bookmark_names(el)
        for name in names:
            if name and TARGET_NAME.match(name):
                defs.setdefault(canonical_id(name), where)
        for m in REF_TOKEN.finditer(text_of(el)):
            refs.append((canonical_id(m.group(1)), m.group(1), where))
    return defs, refs


def link_references(body, start, headings, captions) -> dict[str, str]:
    """Resolve targets, then replace every reference token with a REF field.

    Returns what a reference to each target of this document shows (id ->
    "Tabel 2.1"), for references from other books. A token whose id is not
    here stays unchanged (validation reports an id defined nowhere;
    :func:`link_elsewhere` writes one defined in another book).
    """
    targets = _targets(body, start, headings, captions)

    def ref(rid: str):
        if rid not in targets:
            return None
        bookmark, shown, switch = targets[rid]
        return fields.field(f"REF {bookmark}{switch} \\h", shown)

    _replace_tokens(body, ref)
    return {rid: shown for rid, (_, shown, _) in targets.items()}


def link_elsewhere(body, shown: dict[str, str]) -> None:
    """Replace the remaining tokens whose id is in ``shown`` (targets in another book) with that text."""
    _replace_tokens(body, lambda rid: [fields.run(shown[rid])] if rid in shown else None)


def _replace_tokens(body, make) -> None:
    """Replace each reference token in the text with ``make(id)`` (runs), where that is not None."""
    for t in xp(body, ".//w:t[contains(., '@')]"):  # the test in XPath: a book has tens of thousands of w:t
        if not REF_TOKEN.search(t.text):
            continue
        run = t.getparent()
        if run.tag != qn("w:r"):
            continue
        pieces = []
        last = 0
        for m in REF_TOKEN.finditer(t.text):
            made = make(canonical_id(m.group(1)))
            if made is None:
                continue
            pieces.append(fields.run(t.text[last:m.start()]))
            pieces += made
            last = m.end()
        if not pieces:
            continue
        pieces.append(fields.run(t.text[last:]))
        for piece in pieces:
            run.addprevious(piece)
        run.getparent().remove(run)


def _bookmark_names(el) -> list[str]:
    """The names of the bookmarks that start inside ``el`` (a tag-filtered walk: run for every paragraph)."""
    return [name for bm in el.iter(_BOOKMARK_START) if (name := bm.get(_NAME)) is not None]


_BOOKMARK_START, _NAME = qn("w:bookmarkStart"), qn("w:name")


def _targets(body, start, headings, captions) -> dict[str, tuple[str, str, str]]:
    """id -> (bookmark to refer to, shown text, REF switches)."""
    by_element = {h.element: (h.bookmark, h.number, " \\r" if h.level > 1 else "") for h in headings}
    kind_of = {}
    for c in captions:
        by_element[c.element] = (c.bookmark, f"{c.kind} {c.number}", "")
        kind_of[c.element] = "tbl" if c.kind == "Tabel" else "fig"
    for h in headings:
        kind_of[h.element] = "sec"
    pending: dict[str, list[str]] = {k: [] for k in KINDS}
    out: dict[str, tuple[str, str, str]] = {}
    for el in body.iter(qn("w:bookmarkStart"), qn("w:p")):
        if el.tag == qn("w:bookmarkStart"):
            name = el.get(qn("w:name"), "")
            if is_target(name):
                pending[name[:3]].append(canonical_id(name))
            continue
        kind = kind_of.get(el)
        if kind is None:
            continue
        for inner in _bookmark_names(el):
            if is_target(inner) and inner[:3] == kind:
                pending[kind].append(canonical_id(inner))
        for rid in pending[kind]:
            out.setdefault(rid, by_element[el])
        pending[kind] = []
    return out
