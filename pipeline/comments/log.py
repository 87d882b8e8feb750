"""The project's record of reviewers' comments: ``submissions/comments.jsonl`` and the reviewed files.

Every reviewed file taken in is kept, read-only, as
``submissions/reviews/<time>-<hash>.docx``, and each of its comments becomes
one line of ``submissions/comments.jsonl``: the draft, the reviewer and date,
the comment and its replies, open or resolved, the commented text, and the
OPDs, sections and places it went to (or why it is on the editor's list). A
comment is known by its draft, reviewer, date and text: when the same
comment comes back (the same file again, or a later copy in which the reviewer
resolved it) its latest line counts. ``masterplan status`` and the web desk
read the open ones per OPD from here (:func:`open_counts`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections import Counter
from pathlib import Path

from pipeline.comments.route import Thread
from pipeline.publish import write_atomic
from pipeline.report import EDITOR

LOG = Path("submissions") / "comments.jsonl"
REVIEWS = Path("submissions") / "reviews"


def keep_review(root: Path, data: bytes, now: dt.datetime) -> Path:
    """The reviewed file stored once, read-only, under ``submissions/reviews/``; its path."""
    digest = hashlib.sha256(data).hexdigest()
    folder = root / REVIEWS
    for old in folder.glob(f"*-{digest[:12]}.docx") if folder.is_dir() else []:
        return old
    path = write_atomic(folder / f"{now:%Y%m%dT%H%M%S}-{digest[:12]}.docx", data)
    os.chmod(path, 0o444)
    return path


def entry(thread: Thread, *, draft: int | None, review: str, stored: str, now: dt.datetime) -> dict:
    """One line of the log for ``thread``."""
    a = thread.anchor
    return {
        "kunci": thread.key(draft), "draf": draft, "tinjauan": review, "berkas": stored,
        "waktu": now.isoformat(timespec="seconds"), "peninjau": thread.note.author, "inisial": thread.note.initials,
        "tanggal": thread.note.date, "komentar": thread.note.text, "selesai": thread.resolved,
        "balasan": [{"peninjau": r.author, "tanggal": r.date, "komentar": r.text} for r in thread.replies],
        "teks": a.text if a else "", "letak": {"bagian": a.part, "catatan": a.note} if a else {},
        "tujuan": [{"opd": p.opd, "section": p.section, "file": p.file, "where": p.where, "cara": p.how}
                   for p in thread.places],
        "editor": thread.reason, "kandidat": thread.candidates,
    }


def append(root: Path, entries: list[dict]) -> None:
    """Add ``entries`` to the log (under the submissions lock, so concurrent takers never interleave)."""
    from pipeline.workflow.intake import locked

    folder = root / LOG.parent
    with locked(folder):
        with open(root / LOG, "a", encoding="utf-8") as fh:
            for e in entries:
                fh.write(json.dumps(e, ensure_ascii=False) + "\n")
            fh.flush()
            os.fsync(fh.fileno())


def read(root: Path) -> list[dict]:
    """Every comment's latest line, in the order comments first came in."""
    path = root / LOG
    if not path.is_file():
        return []
    latest: dict[str, dict] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            e = json.loads(line)
        except json.JSONDecodeError:
            continue  # a line cut short by a crash: the others still count
        if isinstance(e, dict) and e.get("kunci"):
            latest[e["kunci"]] = {**latest.get(e["kunci"], {}), **e}
    return list(latest.values())


def open_counts(root: Path) -> Counter:
    """Open comments per (section, OPD); those on the editor's list under (None, "editor")."""
    out: Counter = Counter()
    for e in read(root):
        if e.get("selesai"):
            continue
        if not e.get("tujuan"):
            out[(None, EDITOR)] += 1
        for section, opd in {(t.get("section"), t.get("opd")) for t in e.get("tujuan", [])}:
            out[(section, opd)] += 1
    return out


def open_by_opd(root: Path) -> dict[str, int]:
    """Open comments per OPD code, each counted once per OPD (``"editor"``: those on the editor's list)."""
    per: Counter = Counter()
    for e in read(root):
        if e.get("selesai"):
            continue
        for opd in {t.get("opd") for t in e.get("tujuan", [])} or {EDITOR}:
            per[opd] += 1
    return dict(per)
