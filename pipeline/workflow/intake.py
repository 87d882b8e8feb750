"""``masterplan submit``: safe intake of an OPD's file.

A valid file is stored as an immutable, versioned copy
``submissions/<opd>/<section>/<timestamp>-<hash>.<ext>`` (with a ``.yml``
beside it: the metadata it was taken in with and what the intake filled in)
and becomes the current fragment in ``chapters/`` atomically. A plain file
needs no metadata of its own when ``--opd`` and ``--section`` are given: the
title, version and date are filled in. An invalid file, or one that would
break another chapter, is refused and the current fragment stays untouched
(``--force`` keeps it as a draft version only). The same bytes twice are recorded but stored once. Every submission is
a line in ``submissions/log.jsonl``. A file lock serialises concurrent submits.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import getpass
import hashlib
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from pipeline.config import LoadedConfig
from pipeline.convert import Converter
from pipeline.discover import read_fragment, registry_code, split_front_matter
from pipeline.messages import LANGUAGES
from pipeline.model import Diagnostic, Fragment, FragmentMeta, Location
from pipeline.publish import write_atomic
from pipeline.rules import diag
from pipeline.validate import Validation, validate_project

ACCEPTED, REJECTED, DUPLICATE, DRAFT = "diterima", "ditolak", "duplikat", "draf"
INCOMPLETE = "tidak-selesai"  # stored by a submit that was interrupted before its log line
ARCHIVED = "arsip"  # a current file kept as it was replaced
STATES = (ACCEPTED, REJECTED, DUPLICATE, DRAFT, ARCHIVED, INCOMPLETE)  # every status a log line can have
# write_atomic's temporary names: ".<name>.<random>" next to the target
TEMP_NAME = re.compile(r"^\.[^/]+\.(md|docx|yml)\.[A-Za-z0-9_]+$")


@dataclass
class Checked:
    """A file judged as if it had been submitted: the project as it would stand with it in place."""

    fragment: Fragment
    validation: Validation
    diagnostics: list[Diagnostic]  # the file's own, then what it would break in other chapters
    filled: dict[str, str] = field(default_factory=dict)  # metadata the intake supplied (title, version, date)
    override: FragmentMeta | None = None  # what differs from the file's own metadata (flags and filled values)


@dataclass
class Submission:
    status: str
    fragment: Fragment
    diagnostics: list[Diagnostic] = field(default_factory=list)
    stored: Path | None = None
    current: Path | None = None
    validation: Validation | None = None
    filled: dict[str, str] = field(default_factory=dict)
    rollback: bool = False  # an earlier version made current again


@contextlib.contextmanager
def locked(folder: Path):
    """An exclusive lock on ``folder/.lock`` for the duration of the block."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def check_submission(cfg: LoadedConfig, file: Path, *, opd: str | None = None, section: str | None = None,
                     today: dt.date | None = None, cache_dir: Path | None = None,
                     then: Callable[[Fragment], object] | None = None) -> Checked:
    """Validate ``file`` as the (section, OPD) file it would replace, against the whole book.

    ``opd`` and ``section`` (the command line's ``--opd``/``--section``) win over
    the file's own metadata. What is still missing is filled in: the title is the
    section's title, the version the next number for that section and OPD, the
    date ``today``. Errors the replacement would cause in *other* chapters (an id
    they refer to removed, or any other new error) are reported on this file as
    MP-E110/MP-E111, followed by those chapters' own diagnostics. ``then`` runs on the file in validation's
    worker once it was found sound (see :func:`pipeline.validate.validate_project`).
    """
    file = file.resolve()
    today = today or dt.date.today()
    own = read_fragment(file, cfg)[0].meta
    flags = {k: v for k, v in (("opd", registry_code(opd, cfg)), ("section", section)) if v}
    filled = intake_defaults(cfg, replace(own, **flags), today)
    given = {k: v for k, v in {**flags, **filled}.items() if getattr(own, k) != v}
    override = FragmentMeta(**given) if given else None
    v = validate_project(cfg, candidate=file, override=override, cache_dir=cache_dir, then=then)
    frag = next(f for f in v.fragments if f.path.resolve() == file)
    # The intake stores the file under the pattern name itself, so how the sender named it does not matter.
    mine = [d for d in v.diagnostics if d.file == frag.rel and d.code != "MP-W106"]
    return Checked(frag, v, mine + _broken_elsewhere(cfg, v, frag, cache_dir), filled, override)


def intake_defaults(cfg: LoadedConfig, meta: FragmentMeta, today: dt.date) -> dict[str, str]:
    """Values for the title, version and date that ``meta`` lacks (nothing when its section is unknown)."""
    found = cfg.config.section(meta.section) if meta.section else None
    if found is None:
        return {}
    out: dict[str, str] = {}
    if not meta.title:
        out["title"] = found[1].title
    if not meta.version:
        out["version"] = str(next_version(cfg, meta.opd, meta.section))
    if not meta.date:
        out["date"] = today.isoformat()
    return out


def next_version(cfg: LoadedConfig, opd: str | None, section: str) -> int:
    """One more than the highest numbered version of (section, OPD) accepted so far or in chapters/."""
    seen = [e.get("versi") for e in read_log(cfg)
            if e.get("opd") == opd and e.get("bagian") == section and e.get("status") == ACCEPTED]
    chapters = cfg.path(cfg.config.chapters_dir)
    for current in chapters.rglob(f"{section}.{opd}.*") if opd else []:
        if current.suffix in (".md", ".docx"):
            seen.append(read_fragment(current, cfg)[0].meta.version)
    numbers = [int(v) for v in seen if isinstance(v, str) and v.strip().isascii() and v.strip().isdecimal()]
    return max(numbers, default=0) + 1


def _signature(d: Diagnostic) -> tuple:
    return d.code, d.file, d.location, tuple(sorted(d.args.items()))


def _broken_elsewhere(cfg: LoadedConfig, v: Validation, frag: Fragment, cache_dir: Path | None) -> list[Diagnostic]:
    """New errors in other fragments, compared with the project as it stands now."""
    if not any(d.file != frag.rel for d in v.errors):
        return []  # nothing to compare: the usual case costs no second validation
    return new_errors_elsewhere(validate_project(cfg, cache_dir=cache_dir).errors, v.errors, frag)


def new_errors_elsewhere(before: list[Diagnostic], after: list[Diagnostic], frag: Fragment) -> list[Diagnostic]:
    """For each error in another file that ``after`` has and ``before`` had not: MP-E110 (an id it refers
    to is gone) or MP-E111 (any other new error) on ``frag``, naming that file, its place and the id or
    code; then those errors themselves, so the report shows them in full."""
    seen = {_signature(d) for d in before}
    new = [d for d in after if d.file != frag.rel and d.is_error and _signature(d) not in seen]
    out: list[Diagnostic] = []
    for d in new:
        where = {f"where_{lang}": d.location.describe(lang) for lang in LANGUAGES}
        if d.code == "MP-E701":
            out.append(diag("MP-E110", frag.rel, opd=frag.opd, ref=d.args.get("ref", "?"),
                            bookmark=d.args.get("bookmark", "?"), other=d.file, **where))
        else:
            out.append(diag("MP-E111", frag.rel, opd=frag.opd, rule=d.code, other=d.file, **where))
    return out + new


def submit(cfg: LoadedConfig, file: Path, *, opd: str | None = None, section: str | None = None,
           force: bool = False, now: dt.datetime | None = None, cache_dir: Path | None = None,
           by: str | None = None, convert_into: Path | None = None) -> Submission:
    """Validate ``file`` as a submission and record it; see the module docstring and :func:`check_submission`.

    ``by`` is who sent it, for the log (the web desk names the link; the command line, the user). With
    ``convert_into`` (the build's cache), a Word file found sound is also converted for the book there, by
    validation's worker under its limits: the next build takes the conversion, and judges the bytes it has
    seen go through both within the limits in its own process.

    Everything happens under the store's lock: the check against the project as
    it stands, the version number, storing, installing and the log line, so
    parallel submits cannot give two files one number or judge a file against a
    book that changes under it. The same bytes as the *current* file change
    nothing; the bytes of an earlier version make it current again (a rollback).
    """
    now = now or dt.datetime.now().astimezone()
    file = file.resolve()
    data = file.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    root = cfg.root / "submissions"
    with locked(root):
        reconcile(cfg)
        converter = Converter.of_project(cfg, [], convert_into) \
            if convert_into is not None and file.suffix.lower() == ".docx" else None
        checked = check_submission(cfg, file, opd=opd, section=section, today=now.date(), cache_dir=cache_dir,
                                   then=converter.word_ahead if converter is not None else None)
        frag, mine, v = checked.fragment, checked.diagnostics, checked.validation
        known = frag.opd and frag.section and cfg.config.opd(frag.opd) and cfg.config.section(frag.section)
        folder = root / frag.opd / frag.section if known else root / "_tidak-dikenal"
        result = Submission(REJECTED, frag, mine, validation=v, filled=checked.filled)
        earlier = _stored_copy(folder, digest)
        installed = rollback = None
        if known and digest in current_digests(cfg, frag.opd, frag.section):
            result.status = DUPLICATE
        elif not any(d.is_error for d in mine):
            accepted_as = _accepted_version(cfg, frag, digest)  # these bytes were a version once
            rollback = accepted_as is not None
            override = checked.override
            renumbered = None if rollback else _renumbered(cfg, frag)
            if rollback and accepted_as != frag.meta.version:  # back as the number it had, not the file's
                frag = replace(frag, meta=replace(frag.meta, version=accepted_as))
                override = replace(override or FragmentMeta(), version=accepted_as)
                result.fragment = frag
            elif renumbered is not None:
                frag, notice = renumbered
                override = replace(override or FragmentMeta(), version=frag.meta.version)
                mine = [*mine, notice]
                result.fragment, result.diagnostics = frag, mine
            result.stored = earlier or _store(folder, file, data, digest, now, frag.meta, checked.filled)
            _archive_current(cfg, frag, folder, root)
            result.current = _install(cfg, frag, data, override)
            installed = hashlib.sha256(result.current.read_bytes()).hexdigest()
            result.status = ACCEPTED
        elif force:
            result.stored = earlier or _store(folder, file, data, digest, now, frag.meta, checked.filled)
            result.status = DRAFT
        _log(root, {"waktu": now.isoformat(timespec="seconds"), "opd": frag.opd, "bagian": frag.section,
                    "berkas": file.name, "sha256": digest, "status": result.status,
                    "kesalahan": sum(d.is_error for d in mine), "peringatan": sum(not d.is_error for d in mine),
                    "versi": frag.meta.version, "kontak": frag.meta.contact, "oleh": by or _user(),
                    "diisi_otomatis": checked.filled or None, "pemulihan": True if rollback else None,
                    # with metadata written in, the chapter file differs from the bytes received
                    "sha256_terpasang": installed if installed not in (None, digest) else None,
                    "disimpan": str(result.stored.relative_to(cfg.root)) if result.stored else None})
    result.rollback = bool(rollback)
    return result


def _accepted_version(cfg: LoadedConfig, frag: Fragment, digest: str) -> str | None:
    """The version these bytes had when they were last accepted for (section, OPD), if ever (a draft kept
    with --force, or a copy of a submit cut off, was never a version)."""
    found = [e.get("versi") for e in read_log(cfg) if e.get("status") == ACCEPTED and e.get("sha256") == digest
             and e.get("opd") == frag.opd and e.get("bagian") == frag.section]
    return str(found[-1]) if found and found[-1] is not None else None


def _renumbered(cfg: LoadedConfig, frag: Fragment):
    """(the fragment with its new number, MP-W109) when a new file states a version number already taken
    for its section and OPD: it becomes the next number, as the store counts; else None."""
    stated = (frag.meta.version or "").strip()
    if not (stated.isascii() and stated.isdecimal()):
        return None  # no number, or one like "2a": the file's own wording stands
    assigned = next_version(cfg, frag.opd, frag.section)
    if int(stated) >= assigned:
        return None
    meta = replace(frag.meta, version=str(assigned))
    notice = diag("MP-W109", frag.rel, Location(), opd=frag.opd, stated=stated, assigned=assigned)
    return replace(frag, meta=meta), notice


def current_digests(cfg: LoadedConfig, opd: str, section: str) -> set[str]:
    """Hashes that stand for the current chapter file of (section, OPD): its own bytes, and the bytes
    received for it when the intake wrote metadata into them."""
    chapters = cfg.path(cfg.config.chapters_dir)
    here = {hashlib.sha256(p.read_bytes()).hexdigest() for p in chapters.rglob(f"{section}.{opd}.*")
            if p.suffix in (".md", ".docx") and p.is_file()}
    received = {e["sha256"] for e in read_log(cfg) if e.get("status") == ACCEPTED and e.get("opd") == opd
                and e.get("bagian") == section and e.get("sha256_terpasang") in here}
    return here | received


def reconcile(cfg: LoadedConfig) -> list[str]:
    """Repair what an interrupted submit left behind; return what was done (for the log's readers).

    A stored copy that no log line mentions (the submit died between storing
    and logging) is logged as ``tidak-selesai``: kept, never installed, so a
    retry of the same file is judged again and installed. A temporary file of an
    interrupted install in ``chapters/`` is removed. Call it under the lock.
    """
    root = cfg.root / "submissions"
    done: list[str] = []
    logged = {e.get("disimpan") for e in read_log(cfg)} | {None}
    for stored in sorted(root.glob("*/*/*")) if root.is_dir() else []:
        if stored.suffix in (".md", ".docx") and str(stored.relative_to(cfg.root)) not in logged:
            opd, section = stored.parent.parent.name, stored.parent.name
            digest = hashlib.sha256(stored.read_bytes()).hexdigest()
            _log(root, {"waktu": dt.datetime.now().astimezone().isoformat(timespec="seconds"), "opd": opd,
                        "bagian": section, "berkas": stored.name, "sha256": digest, "status": INCOMPLETE,
                        "oleh": _user(), "disimpan": str(stored.relative_to(cfg.root))})
            done.append(f"logged {stored.relative_to(cfg.root)}")
    chapters = cfg.path(cfg.config.chapters_dir)
    for tmp in chapters.rglob(".*") if chapters.is_dir() else []:
        if tmp.is_file() and TEMP_NAME.match(tmp.name):
            tmp.unlink(missing_ok=True)
            done.append(f"removed {tmp.relative_to(cfg.root)}")
    return done


def _stored_copy(folder: Path, digest: str) -> Path | None:
    """The stored version with these bytes, if any."""
    if not folder.is_dir():
        return None
    return next((p for p in sorted(folder.iterdir()) if p.suffix in (".md", ".docx") and digest[:12] in p.name
                 and hashlib.sha256(p.read_bytes()).hexdigest() == digest), None)


def _store(folder: Path, file: Path, data: bytes, digest: str, now: dt.datetime,
           meta: FragmentMeta | None = None, filled: dict[str, str] | None = None) -> Path:
    """The file's bytes as an immutable version; with ``meta``, a ``.yml`` beside it records the metadata
    it was taken in with, and which values the intake filled in."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{now:%Y%m%dT%H%M%S}-{digest[:12]}{file.suffix.lower()}"
    _write_once(target, data)
    if meta is not None:
        record = {k: v for k, v in vars(meta).items() if v and k != "source"}
        record["diisi_otomatis"] = sorted(filled or {})
        record["berkas_asli"] = file.name
        _write_once(target.with_suffix(".yml"), yaml.safe_dump(record, allow_unicode=True, sort_keys=False).encode())
    return target


def _write_once(target: Path, data: bytes) -> None:
    with open(target, "xb") as fh:  # never overwrite a stored version
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.chmod(target, 0o444)


def _archive_current(cfg: LoadedConfig, frag: Fragment, folder: Path, root: Path) -> None:
    """Keep the file about to be replaced as a version too (e.g. one placed by hand), so nothing is lost."""
    chapters = cfg.path(cfg.config.chapters_dir)
    installed = {e.get("sha256_terpasang") for e in read_log(cfg)} - {None}
    for old in chapters.rglob(f"{frag.section}.{frag.opd}.*"):
        if old.suffix not in (".md", ".docx"):
            continue
        data = old.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if digest not in installed and not any(digest[:12] in p.name for p in folder.iterdir()):
            when = dt.datetime.fromtimestamp(old.stat().st_mtime).astimezone()
            stored = _store(folder, old, data, digest, when)
            _log(root, {"waktu": dt.datetime.now().astimezone().isoformat(timespec="seconds"), "opd": frag.opd,
                        "bagian": frag.section, "berkas": old.name, "sha256": digest, "status": ARCHIVED,
                        "oleh": _user(), "disimpan": str(stored.relative_to(cfg.root))})


def _install(cfg: LoadedConfig, frag: Fragment, data: bytes, override: FragmentMeta | None) -> Path:
    """Make the submission the current fragment (atomic rename); archive what it replaces."""
    chapter, _ = cfg.config.section(frag.section)
    chapters = cfg.path(cfg.config.chapters_dir)
    existing = [p for p in chapters.rglob(f"{frag.section}.{frag.opd}.*") if p.suffix in (".md", ".docx", ".yml")]
    folder = existing[0].parent if existing else chapters / f"bab-{chapter.bab:02d}"
    ext = ".docx" if frag.kind == "docx" else ".md"
    target = folder / f"{frag.section}.{frag.opd}{ext}"
    if frag.kind == "md" and override is not None:
        data = _with_front_matter(data, override)
    write_atomic(target, data)
    sidecar = target.with_suffix(".yml")
    if frag.kind == "docx" and (override is not None or sidecar.exists()):
        meta = {k: v for k, v in vars(frag.meta).items() if v and k != "source"}
        write_atomic(sidecar, yaml.safe_dump(meta, allow_unicode=True))
    for old in existing:
        if old != target and old != sidecar:
            old.unlink()
    return target


def _with_front_matter(data: bytes, override: FragmentMeta) -> bytes:
    text = data.decode("utf-8")
    front, body, _ = split_front_matter(text)
    meta = yaml.safe_load(front) if front else {}
    meta = meta if isinstance(meta, dict) else {}
    meta.update({k: v for k, v in vars(override).items() if v and k != "source"})
    return ("---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body).encode("utf-8")


def _log(root: Path, entry: dict) -> None:
    with open(root / "log.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
        fh.flush()
        os.fsync(fh.fileno())


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "?"


def read_log(cfg: LoadedConfig) -> list[dict]:
    path = cfg.root / "submissions" / "log.jsonl"
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
