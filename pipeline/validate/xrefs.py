"""Cross-reference rules across fragments: every @id is defined, once."""

from __future__ import annotations

import re

from pipeline.discover import split_front_matter
from pipeline.docx.inspect import fragment_document
from pipeline.docx.xref import REF_TOKEN, canonical_id, word_ids
from pipeline.model import Diagnostic, Fragment, Location
from pipeline.rules import diag

MD_TARGET = re.compile(r"\{#((?:tbl|fig|sec):[A-Za-z0-9][A-Za-z0-9_-]*)[\s}]")
Found = tuple[dict[str, Location], list[tuple[str, str, Location]]]


def collect(frag: Fragment) -> Found:
    """(defined ids with their location, references as (id, as written, location))."""
    return _collect_md(frag) if frag.kind == "md" else _collect_docx(frag)


def _collect_md(frag: Fragment) -> Found:
    _, body, first = split_front_matter(frag.path.read_text(encoding="utf-8"))
    defs: dict[str, Location] = {}
    refs: list[tuple[str, str, Location]] = []
    in_fence = False
    for i, line in enumerate(body.splitlines()):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if in_fence:
            continue
        loc = Location(line=first + i)
        for m in MD_TARGET.finditer(line):
            defs.setdefault(canonical_id(m.group(1)), loc)
        for m in REF_TOKEN.finditer(line):
            refs.append((canonical_id(m.group(1)), m.group(1), loc))
    return defs, refs


def _collect_docx(frag: Fragment) -> Found:
    defs, refs = word_ids(fragment_document(frag).element.body)
    return ({rid: Location(paragraph=n) for rid, n in defs.items()},
            [(rid, written, Location(paragraph=n)) for rid, written, n in refs])


def check_references(found: dict[str, Found], frags: dict[str, Fragment],
                     generated: dict[str, str] | None = None) -> list[Diagnostic]:
    """MP-E701 for references to undefined ids, MP-E702 for ids defined twice.

    ``generated`` maps ids that generated sections define to a description.
    """
    out: list[Diagnostic] = []
    owner: dict[str, str] = dict(generated or {})
    for rel, (defs, _) in found.items():
        for rid, loc in defs.items():
            if rid in owner and owner[rid] != rel:
                out.append(diag("MP-E702", rel, loc, opd=frags[rel].opd, ref=rid, other=owner[rid]))
            owner.setdefault(rid, rel)
    for rel, (_, refs) in found.items():
        for rid, written, loc in refs:
            if rid not in owner:
                out.append(diag("MP-E701", rel, loc, opd=frags[rel].opd, ref=written,
                                bookmark=rid))
    return out
