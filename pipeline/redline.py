"""The redline of a draft: the previous draft against this one, as tracked changes.

``build --draft`` writes ``<base>-draf-NN-redline.docx`` next to the draft:
every word the OPDs changed since draft NN-1 shows as an insertion or a
deletion by "Tim Pelaksana Smart City", which Word and LibreOffice list under
Review. Both drafts are first made comparable (:func:`pipeline.docx.compare.comparable`):
page numbers, caption numbers, cross-references and the lists at the front
would otherwise show as changed wherever anything before them moved.

The first draft has nothing to compare with and gets no redline. When the
engine is missing or fails, the draft itself is still complete, and the
editor is told why there is no redline (MP-W821..MP-W823).
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from pipeline import orphans, redlines
from pipeline.docx.compare import comparable, revisions
from pipeline.docx.props import read_properties
from pipeline.errors import EngineError
from pipeline.messages import ui
from pipeline.publish import write_atomic
from pipeline.report import EDITOR
from pipeline.rules import diag


@dataclass
class Redline:
    """What the redline step did: the file (or None), its changes (insertions and deletions with text), notices."""

    path: Path | None = None
    changes: int = 0
    notices: list = field(default_factory=list)


def draft_redline(previous: Path | None, current: Path, dest: Path, *, cache_dir: Path, lang: str = "id") -> Redline:
    """Compare ``previous`` (the last draft, or None for the first) with ``current`` into ``dest``."""
    if previous is None:
        return Redline()
    where = current.name
    if not previous.is_file():
        return Redline(notices=[diag("MP-W823", where, opd=EDITOR, previous=previous.name)])
    old_label = read_properties(previous, ("mp_draft",)).get("mp_draft", "")
    new_label = read_properties(current, ("mp_draft",)).get("mp_draft", "")
    lists = ui("redline.lists", lang)
    try:
        with orphans.tmpdir("redline") as tmp:
            old, new, out = tmp / "lama.docx", tmp / "baru.docx", tmp / "redline.docx"
            old.write_bytes(comparable(previous.read_bytes(), stamp_from=old_label, stamp_to=new_label,
                                       list_text=lists))
            new.write_bytes(comparable(current.read_bytes(), list_text=lists))
            redlines.compare(old, new, out, cache_dir=cache_dir)
            data = out.read_bytes()
            changes = sum(1 for r in revisions(data) if r.text.strip())
    except redlines.EngineMissing as exc:
        return Redline(notices=[diag("MP-W821", where, opd=EDITOR, detail=exc.message, command=redlines.INSTALL_LINE)])
    except EngineError as exc:
        return Redline(notices=[diag("MP-W822", where, opd=EDITOR, detail=exc.message)])
    except (zipfile.BadZipFile, etree.XMLSyntaxError, KeyError) as exc:  # what the engine wrote is no .docx
        return Redline(notices=[diag("MP-W822", where, opd=EDITOR, detail=f"{type(exc).__name__}: {exc}")])
    return Redline(write_atomic(dest, data), changes)
