"""Numbered review drafts: file names, manifest, and the changes report since the previous draft.

A draft is ``build/drafts/<base>-draf-<NN>-<YYYYMMDD>.docx`` (and .pdf), with
``-manifest.json`` (every fragment's hash, OPD, version and verdict, its
provenance bookmark and its paragraphs with their place in the OPD's own file,
which :mod:`pipeline.comments` routes reviewers' comments by),
``-changes.md``/``.html`` (sections added, removed and changed since draft NN-1,
with words added and removed) and ``-redline.docx`` (draft NN-1 against this
one as tracked changes, :mod:`pipeline.redline`). Numbers only grow; nothing is
overwritten.
"""

from __future__ import annotations

import datetime as dt
import difflib
import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


from pipeline.dates import long_date
from pipeline.publish import write_atomic, write_json

_NAME = re.compile(r"-draf-(\d{2,})-\d{8}\.docx$")


@dataclass
class DraftNames:
    number: int
    stem: Path  # without extension: build/drafts/<base>-draf-NN-YYYYMMDD

    @property
    def label(self) -> str:
        return f"DRAF {self.number:02d}"

    @property
    def manifest(self) -> Path:
        return self.stem.with_name(self.stem.name.rsplit("-", 1)[0] + "-manifest.json")

    @property
    def changes_md(self) -> Path:
        return self.stem.with_name(self.stem.name.rsplit("-", 1)[0] + "-changes.md")

    @property
    def docx(self) -> Path:
        return self.stem.with_name(self.stem.name + ".docx")

    @property
    def redline(self) -> Path:
        return self.stem.with_name(self.stem.name.rsplit("-", 1)[0] + "-redline.docx")


@dataclass
class Recorded:
    """What the step after publishing a draft wrote, and what the editor is told about it."""

    paths: list[Path] = field(default_factory=list)
    notices: list = field(default_factory=list)  # Diagnostic for the editor (a redline that could not be made)
    redline: Path | None = None
    changes: int = 0  # tracked changes in the redline


def next_draft(folder: Path, base: str, today: dt.date) -> DraftNames:
    """The next free draft number in ``folder``."""
    numbers = [int(m.group(1)) for p in folder.glob(f"{base}-draf-*.docx") if (m := _NAME.search(p.name))]
    n = max(numbers, default=0) + 1
    return DraftNames(n, folder / f"{base}-draf-{n:02d}-{today:%Y%m%d}")


def previous_draft(folder: Path, base: str, number: int) -> Path | None:
    """The .docx of the most recent earlier draft (by its manifest), if any.

    When that draft's .docx is gone, the path it had is still returned (its
    number and date are in the manifest), so that the editor can be told.
    """
    for n in range(number - 1, 0, -1):
        manifest = manifest_path(folder, base, n)
        if not manifest.is_file():
            continue
        found = [p for p in folder.glob(f"{base}-draf-{n:02d}-*.docx") if _NAME.search(p.name)]
        if found:
            return max(found)
        when = json.loads(manifest.read_text(encoding="utf-8")).get("date", "").replace("-", "")
        return folder / f"{base}-draf-{n:02d}-{when}.docx"
    return None


def manifest_path(folder: Path, base: str, number: int) -> Path:
    """Where draft ``number``'s manifest is."""
    return folder / f"{base}-draf-{number:02d}-manifest.json"


def previous_manifest(folder: Path, base: str, number: int) -> dict | None:
    """The manifest of the most recent earlier draft, if any."""
    for n in range(number - 1, 0, -1):
        p = folder / f"{base}-draf-{n:02d}-manifest.json"
        if p.is_file():
            return json.loads(p.read_text(encoding="utf-8"))
    return None


def write_manifest(names: DraftNames, *, today: dt.date, fragments: list[dict], sections: dict[str, dict],
                   code: str = "") -> Path:
    """Record what this draft was made of; ``sections`` maps section id -> {title, opds, text}; ``code``
    names the code that made it (what it says of a fragment holds for the next draft made by the same code)."""
    return write_json(names.manifest, {"draft": names.number, "date": today.isoformat(), "code": code,
                                       "fragments": fragments, "sections": sections})


def write_changes(names: DraftNames, current: dict, previous: dict | None, today: dt.date) -> list[Path]:
    """The changes report (Markdown and HTML) between ``previous`` and ``current`` manifests."""
    rows = compare(previous["sections"] if previous else {}, current["sections"])
    since = f"DRAF {previous['draft']:02d}" if previous else "—"
    title = f"Perubahan {names.label} ({long_date(today)}) sejak {since}"
    md = [f"# {title}", ""]
    if not previous:
        md.append("Ini draf pertama; semua bagian dianggap baru.")
        md.append("")
    md += ["| Bagian | OPD | Perubahan | Kata ditambah | Kata dihapus |", "|---|---|---|---:|---:|"]
    md += [f"| {r['title']} | {r['opds']} | {r['change']} | {r['added']} | {r['removed']} |" for r in rows]
    if not rows:
        md.append("| (tidak ada perubahan) | | | | |")
    md_path = write_atomic(names.changes_md, "\n".join(md) + "\n")
    body = "".join(f"<tr><td>{html.escape(r['title'])}</td><td>{html.escape(r['opds'])}</td><td>{r['change']}</td>"
                   f"<td class=n>{r['added']}</td><td class=n>{r['removed']}</td></tr>" for r in rows)
    page = (f"<!doctype html><html lang=id><meta charset=utf-8><title>{html.escape(title)}</title>"
            "<style>body{font-family:Arial,sans-serif;margin:2em}table{border-collapse:collapse}"
            "td,th{border:1px solid #999;padding:4px 8px}.n{text-align:right}</style>"
            f"<h1>{html.escape(title)}</h1><table><tr><th>Bagian</th><th>OPD</th><th>Perubahan</th>"
            f"<th>Kata ditambah</th><th>Kata dihapus</th></tr>{body}</table></html>")
    return [md_path, write_atomic(names.changes_md.with_suffix(".html"), page)]


def compare(before: dict[str, dict], after: dict[str, dict]) -> list[dict]:
    """Sections added, removed and changed, with word counts."""
    rows = []
    for sid, now in after.items():
        old = before.get(sid)
        if old is None or (not old["text"] and now["text"]):
            if now["text"]:
                rows.append(_row(now, "ditambah", len(now["text"].split()), 0))
            continue
        if not now["text"] and old["text"]:
            rows.append(_row(now, "dihapus", 0, len(old["text"].split())))
        elif now["text"] != old["text"]:
            added, removed = word_changes(old["text"], now["text"])
            rows.append(_row(now, "diubah", added, removed))
    for sid, old in before.items():
        if sid not in after and old["text"]:
            rows.append(_row(old, "dihapus", 0, len(old["text"].split())))
    return rows


def word_changes(old: str, new: str) -> tuple[int, int]:
    """(words added, words removed) between two texts."""
    a, b = old.split(), new.split()
    # A revision touches a part of a section: the words before and after it are matched as they are, and only
    # the middle is compared (SequenceMatcher's time grows with the square of what it is given).
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    a, b = a[head:len(a) - tail], b[head:len(b) - tail]
    added = removed = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag in ("replace", "delete"):
            removed += i2 - i1
        if tag in ("replace", "insert"):
            added += j2 - j1
    return added, removed


def _row(section: dict, change: str, added: int, removed: int) -> dict:
    return {"title": section["title"], "opds": ", ".join(section["opds"]), "change": change, "added": added,
            "removed": removed}


def manifest_without_paragraphs(cfg, validation, converted, left_out: list[str], previous: dict | None = None) -> dict:
    """A draft's manifest as the changes report needs it: fragments with hash, OPD, version and verdict
    (and, for those in the book, their provenance bookmark), and every section's text, the text of its
    converted fragments. When ``previous`` (the last draft's manifest, made by the same code) had a section
    with the same fragments of the same content, its text is taken over rather than read again.
    :func:`add_paragraphs` completes it."""
    from pipeline import cache
    from pipeline.docx.inspect import plain_text
    from pipeline.provenance import bookmark_name

    code = cache.code_digest()[:16]
    same_code, before = _earlier(previous, code)
    warned = {d.file for d in validation.warnings}
    in_book = {c.fragment.rel for c in converted}
    # The conversion a fragment's text comes from: another name whenever its input changed (the file, the
    # section's title and OPD names, the house style, pandoc, our code), so equal names mean equal text.
    made_from = {c.fragment.rel: f"{c.path.name}#{c.marker or ''}" for c in converted}
    fragments = []
    for f in validation.fragments:
        entry = {"file": f.rel, "opd": f.opd, "section": f.section, "version": f.meta.version, "date": f.meta.date,
                 "sha256": f.digest, "verdict": "ditolak" if f.rel in left_out else
                 ("peringatan" if f.rel in warned else "baik")}
        if f.rel in in_book:
            entry["bookmark"] = bookmark_name(f.opd or "", f.section or "", f.digest)
            entry["converted"] = made_from[f.rel]
        fragments.append(entry)
    # A section is unchanged when it holds the same fragments, each converted from the same input, as before.
    held_before: dict[str, set] = {}
    for e in before.values():
        if "bookmark" in e:
            held_before.setdefault(e["section"], set()).add((e["file"], e["sha256"], e.get("converted")))
    held: dict[str, set] = {}
    for conv in converted:
        held.setdefault(conv.fragment.section, set()).add((conv.fragment.rel, conv.fragment.digest,
                                                           made_from[conv.fragment.rel]))
    unchanged = {sid for sid in (previous or {}).get("sections", {}) if same_code and sid in held
                 and held_before.get(sid) == held[sid]}
    texts: dict[str, list[str]] = {}
    for conv in converted:
        if conv.fragment.section not in unchanged:
            texts.setdefault(conv.fragment.section, []).append(plain_text(conv.path, conv.marker))
    sections = {}
    for _, s in cfg.config.sections():
        if s.generate:
            continue
        text = previous["sections"][s.id]["text"] if s.id in unchanged else "\n".join(texts.get(s.id, []))
        sections[s.id] = {"title": s.title, "opds": s.owners, "text": text}
    return {"code": code, "fragments": fragments, "sections": sections}


def _earlier(previous: dict | None, code: str) -> tuple[bool, dict]:
    """(whether the last manifest was made by this code, its fragment entries by (file, sha256) if so): what
    it says of a fragment holds only for the same code."""
    same = previous is not None and previous.get("code") == code
    return same, {(e["file"], e["sha256"]): e for e in previous["fragments"]} if same else {}


def add_paragraphs(manifest: dict, converted, book: Path, previous: dict | None = None) -> None:
    """Each fragment's paragraphs in the published draft ``book``, each with its place in the OPD's file.

    Read from this draft: they carry the numbers of this book's captions. The
    places are taken over from ``previous`` when the same file had the very same
    paragraphs there, since a place depends on nothing else.
    """
    from pipeline.comments.places import places
    from pipeline.docx.comments import fragment_paragraphs

    _, before = _earlier(previous, manifest["code"])
    in_book = {c.fragment.rel: c.fragment for c in converted}
    entries = [e for e in manifest["fragments"] if "bookmark" in e]
    paragraphs = fragment_paragraphs(book, {e["bookmark"] for e in entries})
    for entry in entries:
        paras = paragraphs.get(entry["bookmark"], [])
        old = before.get((entry["file"], entry["sha256"]), {})
        kept = old.get("paragraphs") if old.get("converted") == entry["converted"] else None
        if kept is not None and [k["text"] for k in kept] == [p.text for p in paras]:
            entry["paragraphs"] = kept  # same file, same code, same text: the same places
        else:
            entry["paragraphs"] = [{"text": p.text, "where": w.to_dict()}
                                   for p, w in zip(paras, places(in_book[entry["file"]], paras))]


def record_draft(cfg, names: DraftNames, *, validation, converted, left_out: list[str], today: dt.date,
                 folder: Path, cache_dir: Path | None = None, lang: str = "id",
                 step: Callable[[str], None] = lambda _: None) -> Recorded:
    """The step after a draft is published: its manifest, the changes since the previous draft, its redline.

    The changes report is written first: with it the draft can be taken, and ``step("redline")`` says so.
    Then the manifest, whose paragraphs and their places in the OPDs' files matter only once comments
    come back, and last the redline.
    """
    from pipeline.redline import draft_redline

    base = cfg.config.document.base_name
    book = names.docx if names.docx.is_file() else None
    previous = previous_manifest(folder, base, names.number)
    manifest = manifest_without_paragraphs(cfg, validation, converted, left_out, previous)
    written = write_changes(names, {"draft": names.number, **manifest}, previous, today)
    before = previous_draft(folder, base, names.number)
    if book and before is not None:
        step("redline")
    if book is not None:
        add_paragraphs(manifest, converted, book, previous)
    written.insert(0, write_manifest(names, today=today, **manifest))
    redline = draft_redline(before, names.docx, names.redline,
                            cache_dir=cache_dir or folder.parent / "cache", lang=lang) if book else None
    if redline is not None and redline.path:
        written.append(redline.path)
    return Recorded(written, redline.notices if redline else [], redline.path if redline else None,
                    redline.changes if redline else 0)
