"""``masterplan comments``: a reviewed draft comes back, and each OPD gets the comments on its text.

The reviewed .docx is hostile input like any other: its package is checked
before anything parses it. Then its comments, threads and anchors are read
(:mod:`pipeline.docx.comments`), each comment is routed to the fragment whose
provenance bookmark holds its text, or found by its text
(:mod:`pipeline.comments.route`), the file is kept and every comment logged
(:mod:`pipeline.comments.log`), and the lists to forward are written to
``build/comments/`` (:mod:`pipeline.comments.report`).

A file saved by LibreOffice is read, but its bookmarks are not trusted:
LibreOffice 7.4 drops a bookmark that spans paragraphs and starts right after
a table, and stretches others over the fragments after them (measured: a
comment in a table of BAB II sat inside four fragments' bookmarks after one
round trip), and it drops the links between replies and their comments. Its
comments are therefore routed by their text alone, each reply stands as a
comment of its own, and the editor is told (MP-W825). Refusing the file would
lose the comments of a reviewer who has no other copy; routing by text places
them as reliably as when a reviewer deleted a bookmark, and what cannot be
placed goes on the editor's list.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from pipeline.comments import log
from pipeline.comments.report import write_reports
from pipeline.comments.route import Thread, guesser, route, threads
from pipeline.config import LoadedConfig
from pipeline.docx.package import check_package
from pipeline.docx.props import BROKEN_PROPERTIES, read_properties
from pipeline.drafts import manifest_path
from pipeline.errors import ContentError
from pipeline.messages import ui
from pipeline.report import EDITOR
from pipeline.rules import diag

_DRAFT = re.compile(r"DRAF\s+(\d+)")
_BROKEN = (*BROKEN_PROPERTIES, ValueError, etree.XMLSyntaxError, zipfile.BadZipFile)


@dataclass
class Taken:
    """A reviewed file taken in: its comments routed, the lists written, what the editor should know."""

    draft: int | None
    threads: list[Thread]
    stored: Path
    reports: dict[str, list[Path]] = field(default_factory=dict)  # OPD (or "editor") -> [.md, .html]
    notices: list = field(default_factory=list)  # Diagnostic for the editor
    by_text: bool = False  # the bookmarks were not trusted


def take_review(cfg: LoadedConfig, path: Path, *, lang: str = "id", now: dt.datetime | None = None) -> Taken:
    """Check, read, route, keep and log the comments of the reviewed draft ``path``; write the lists."""
    from pipeline.docx.comments import read_review

    now = now or dt.datetime.now().replace(microsecond=0)
    name = path.name
    problems, _ = check_package(path)
    if problems:
        found = [diag(code, name, **args) for code, args in problems]
        raise ContentError(ui("comments.refused", lang, file=name), diagnostics=found)
    try:
        review = read_review(path)
        label = read_properties(path, ("mp_draft",)).get("mp_draft", "")
    except _BROKEN as exc:
        found = [diag("MP-E613", name, detail=f"{type(exc).__name__}: {exc}")]
        raise ContentError(ui("comments.refused", lang, file=name), diagnostics=found) from None
    notices = []
    by_text = False
    if "libreoffice" in review.producer.lower():
        notices.append(diag("MP-W825", name, opd=EDITOR, producer=review.producer))
        by_text = True
    elif review.overlapping:
        notices.append(diag("MP-W826", name, opd=EDITOR))
        by_text = True
    draft, manifest, said = _manifest(cfg, label, name)
    notices += said
    guess = guesser(cfg) if manifest is None else None
    routed = [route(t, manifest, trust_bookmarks=not by_text, guess=guess) for t in threads(review)]
    data = path.read_bytes()
    stored = log.keep_review(cfg.root, data, now)
    digest = hashlib.sha256(data).hexdigest()[:12]
    entries = [log.entry(t, draft=draft, review=digest, stored=str(stored.relative_to(cfg.root)), now=now)
               for t in routed]
    log.append(cfg.root, entries)
    of_draft = [e for e in log.read(cfg.root) if e.get("draf") == draft]
    reports = write_reports(cfg.root / "build" / "comments", of_draft, cfg, draft, lang,
                            new={e["kunci"] for e in entries})
    return Taken(draft, routed, stored, reports, notices, by_text)


def _manifest(cfg: LoadedConfig, label: str, name: str) -> tuple[int | None, dict | None, list]:
    """The draft a reviewed file is, and its manifest; a notice when either had to be guessed or is missing."""
    folder = cfg.root / "build" / "drafts"
    base = cfg.config.document.base_name
    m = _DRAFT.search(label or "")
    if m:
        number = int(m.group(1))
        path = manifest_path(folder, base, number)
        if path.is_file():
            return number, json.loads(path.read_text(encoding="utf-8")), []
        return number, None, [diag("MP-W827", name, opd=EDITOR, draft=f"{number:02d}")]
    numbers = sorted(int(p.name.rsplit("-", 2)[-2]) for p in folder.glob(f"{base}-draf-*-manifest.json")
                     if p.name.rsplit("-", 2)[-2].isdigit()) if folder.is_dir() else []
    if not numbers:
        return None, None, [diag("MP-W828", name, opd=EDITOR)]
    number = numbers[-1]
    return number, json.loads(manifest_path(folder, base, number).read_text(encoding="utf-8")), \
        [diag("MP-W829", name, opd=EDITOR, draft=f"{number:02d}")]
