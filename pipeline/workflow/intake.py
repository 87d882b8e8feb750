"""``masterplan submit``: safe intake of an OPD's file.

A valid file is stored as an immutable, versioned copy
``submissions/<opd>/<section>/<timestamp>-<hash>.<ext>`` and becomes the
current fragment in ``chapters/`` atomically. An invalid file is refused and
the current fragment stays untouched (``--force`` keeps it as a draft version
only). The same bytes twice are recorded but stored once. Every submission is
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
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pipeline.config import LoadedConfig
from pipeline.discover import split_front_matter
from pipeline.model import Diagnostic, Fragment, FragmentMeta
from pipeline.publish import write_atomic
from pipeline.validate import Validation, validate_project

ACCEPTED, REJECTED, DUPLICATE, DRAFT = "diterima", "ditolak", "duplikat", "draf"


@dataclass
class Submission:
    status: str
    fragment: Fragment
    diagnostics: list[Diagnostic] = field(default_factory=list)
    stored: Path | None = None
    current: Path | None = None
    validation: Validation | None = None


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


def submit(cfg: LoadedConfig, file: Path, *, opd: str | None = None, section: str | None = None,
           force: bool = False, now: dt.datetime | None = None) -> Submission:
    """Validate ``file`` as a submission and record it; see the module docstring."""
    now = now or dt.datetime.now().astimezone()
    data = file.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    override = FragmentMeta(opd=opd, section=section) if (opd or section) else None
    v = validate_project(cfg, candidate=file, override=override)
    frag = next(f for f in v.fragments if f.path.resolve() == file.resolve())
    mine = [d for d in v.diagnostics if d.file == frag.rel]
    known = frag.opd and frag.section and cfg.config.opd(frag.opd) and cfg.config.section(frag.section)
    root = cfg.root / "submissions"
    with locked(root):
        folder = root / frag.opd / frag.section if known else root / "_tidak-dikenal"
        result = Submission(REJECTED, frag, mine, validation=v)
        if folder.is_dir() and any(digest[:12] in p.name for p in folder.iterdir()):
            result.status = DUPLICATE
        elif not any(d.is_error for d in mine):
            result.stored = _store(folder, file, data, digest, now)
            _archive_current(cfg, frag, folder, root)
            result.current = _install(cfg, frag, data, override)
            result.status = ACCEPTED
        elif force:
            result.stored = _store(folder, file, data, digest, now)
            result.status = DRAFT
        _log(root, {"waktu": now.isoformat(timespec="seconds"), "opd": frag.opd, "bagian": frag.section,
                    "berkas": file.name, "sha256": digest, "status": result.status,
                    "kesalahan": sum(d.is_error for d in mine), "peringatan": sum(not d.is_error for d in mine),
                    "versi": frag.meta.version, "kontak": frag.meta.contact, "oleh": _user(),
                    "disimpan": str(result.stored.relative_to(cfg.root)) if result.stored else None})
    return result


def _store(folder: Path, file: Path, data: bytes, digest: str, now: dt.datetime) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{now:%Y%m%dT%H%M%S}-{digest[:12]}{file.suffix.lower()}"
    with open(target, "xb") as fh:  # never overwrite a stored version
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.chmod(target, 0o444)
    return target


def _archive_current(cfg: LoadedConfig, frag: Fragment, folder: Path, root: Path) -> None:
    """Keep the file about to be replaced as a version too (e.g. one placed by hand), so nothing is lost."""
    chapters = cfg.path(cfg.config.chapters_dir)
    for old in chapters.rglob(f"{frag.section}.{frag.opd}.*"):
        if old.suffix not in (".md", ".docx"):
            continue
        data = old.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if not any(digest[:12] in p.name for p in folder.iterdir()):
            when = dt.datetime.fromtimestamp(old.stat().st_mtime).astimezone()
            stored = _store(folder, old, data, digest, when)
            _log(root, {"waktu": dt.datetime.now().astimezone().isoformat(timespec="seconds"), "opd": frag.opd,
                        "bagian": frag.section, "berkas": old.name, "sha256": digest, "status": "arsip",
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
