"""Stage 1: find the fragments under ``chapters/`` and read their metadata.

Naming scheme (documented in the README): ``<section-id>.<opd-code>.md`` or
``.docx``, optionally inside a folder per chapter, e.g.
``chapters/bab-01/latar-belakang.bappeda.md``. The metadata inside the file is
authoritative; a name that disagrees gets a warning.

Metadata sources: YAML front matter (Markdown); for a .docx its document
properties (title in the core properties, ``opd``/``section``/``version``/
``date``/``contact`` as custom properties) with a sidecar ``<file>.yml`` next to
it merged on top, key by key (what the sidecar gives wins). An OPD may be
written in any form the registry accepts; it is stored as the registry code.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from pathlib import Path


from pipeline.config import LoadedConfig
from pipeline.docx.package import check_package
from pipeline.docx.props import BROKEN_PROPERTIES, read_properties
from pipeline.model import Diagnostic, Fragment, FragmentMeta, Location
from pipeline.rules import diag
from pipeline.budget import too_big
from pipeline.yamlsafe import YamlError, load_yaml

FRAGMENT_SUFFIXES = (".md", ".docx")
META_FIELDS = ("opd", "section", "title", "version", "date", "contact")


def find_files(cfg: LoadedConfig, paths: list[Path] | None = None) -> list[Path]:
    """Fragment files under the chapters folder (or under ``paths``), sorted."""
    roots = paths or [cfg.path(cfg.config.chapters_dir)]
    found: list[Path] = []
    for root in roots:
        if root.is_file():
            found.append(root)
            continue
        for p in sorted(root.rglob("*")):
            if p.suffix.lower() in FRAGMENT_SUFFIXES and p.is_file() and not p.name.startswith(("~$", ".", "_")):
                found.append(p)
    return found


def read_fragment(path: Path, cfg: LoadedConfig) -> tuple[Fragment, list[Diagnostic]]:
    """Read one fragment's bytes and metadata; problems become diagnostics.

    A resident process (the desk's builder) reads every file again for each draft: what a file gave is
    kept while it is the same file (the link and its target: device, inode, size, modification and change
    times; the sidecar's too) under the same configuration, and handed out as a copy.
    """
    key = _identity(path, cfg)
    kept = _READ.get(key) if key is not None else None
    if kept is not None:
        return dataclasses.replace(_copy(kept[0]), path=path), list(kept[1])
    frag, diags = _read_fragment(path, cfg)
    if key is not None:
        if len(_READ) >= _READ_MAX:
            _READ.clear()
        _READ[key] = (_copy(frag), list(diags))
    return frag, diags


def _copy(frag: Fragment) -> Fragment:
    return dataclasses.replace(frag, meta=dataclasses.replace(frag.meta))


_READ: dict[tuple, tuple[Fragment, list[Diagnostic]]] = {}
_READ_MAX = 4096


def _identity(path: Path, cfg: LoadedConfig) -> tuple | None:
    """What says a file is unchanged without reading it, or None when it cannot be told."""
    try:
        own, target = path.lstat(), path.stat()
    except OSError:
        return None
    try:
        side = path.with_suffix(".yml").stat()
        sidecar = (side.st_dev, side.st_ino, side.st_size, side.st_mtime_ns, side.st_ctime_ns)
    except OSError:
        sidecar = None
    # the change time too: a file rewritten in place with its modification time put back (cp -p) has a new one
    return (str(path.absolute()), own.st_dev, own.st_ino, own.st_mtime_ns, own.st_ctime_ns, target.st_dev,
            target.st_ino, target.st_size, target.st_mtime_ns, target.st_ctime_ns, sidecar, cfg.digest)


def _read_fragment(path: Path, cfg: LoadedConfig) -> tuple[Fragment, list[Diagnostic]]:
    rel = _rel(path, cfg.root)
    kind = "docx" if path.suffix.lower() == ".docx" else "md"
    refused = _refuse(path, rel, cfg)
    if refused:
        return Fragment(path=path, rel=rel, kind=kind, meta=FragmentMeta(), digest=hashlib.sha256(b"").hexdigest()), \
            refused
    data = path.read_bytes()
    diags: list[Diagnostic] = []
    if kind == "md":
        meta, body_line, diags = _markdown_meta(data, rel)
    else:
        meta, diags = _docx_meta(path, rel)
        body_line = 1
    meta.opd = registry_code(meta.opd, cfg)
    frag = Fragment(path=path, rel=rel, kind=kind, meta=meta, digest=hashlib.sha256(data).hexdigest(),
                    body_line=body_line)
    return frag, diags


def _refuse(path: Path, rel: str, cfg: LoadedConfig) -> list[Diagnostic]:
    """Files never read: another type than .md/.docx, a link that leaves the project, not a regular file."""
    if path.suffix.lower() not in FRAGMENT_SUFFIXES:
        return [diag("MP-E615", rel, Location(), suffix=path.suffix or "(tanpa ekstensi)")]
    chapters = cfg.path(cfg.config.chapters_dir)
    inside = path.parent.resolve().is_relative_to(chapters) or path.absolute().is_relative_to(chapters)
    if inside and not path.resolve().is_relative_to(cfg.root):
        return [diag("MP-E608", rel, Location(), target=path.name)]
    if not path.resolve().is_file():
        return [diag("MP-E608", rel, Location(), target=path.name)]
    big = too_big(path.stat().st_size, cfg.config)
    if big:
        return [diag("MP-E616", rel, Location(), **big)]
    return []


def registry_code(opd: str | None, cfg: LoadedConfig) -> str | None:
    """The registry code for an OPD written in any accepted form ("Dinas Kominfo" -> "kominfo");
    unknown names stay as written, for the metadata check to report."""
    if not opd or cfg.config.opd(opd):
        return opd
    found = cfg.config.find_opd(opd)
    return found.canonical if found else opd


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path)


# A Markdown image: ![alt](src "title"). Validation checks these references; conversion hashes the
# pictures they name, since they are inputs too.
IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src><[^>]+>|[^)\s]+)(?:\s+\"[^\"]*\")?\)")


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(front matter YAML or None, body, first body line number)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return None, text, 1
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            return "".join(lines[1:i]), "".join(lines[i + 1:]), i + 2
    return None, text, 1


def _markdown_meta(data: bytes, rel: str) -> tuple[FragmentMeta, int, list[Diagnostic]]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return FragmentMeta(source="front-matter"), 1, [diag("MP-E611", rel, Location(line=line), line=line)]
    yaml_text, _, body_line = split_front_matter(text)
    if yaml_text is None:
        return FragmentMeta(source="front-matter"), 1, []
    try:
        data_ = load_yaml(yaml_text)
    except YamlError as exc:
        return FragmentMeta(source="front-matter"), body_line, [diag("MP-E108", rel, Location(line=1), detail=exc)]
    if not isinstance(data_, dict):
        return FragmentMeta(source="front-matter"), body_line, [
            diag("MP-E108", rel, Location(line=1), detail="front matter is not a mapping")]
    return _meta_from(data_, "front-matter"), body_line, []


def _docx_meta(path: Path, rel: str) -> tuple[FragmentMeta, list[Diagnostic]]:
    """The document properties, and a sidecar ``.yml`` on top of them key by key (the sidecar wins)."""
    props: dict = {}
    diags: list[Diagnostic] = []
    problems, _ = check_package(path)
    if not any(code.startswith("MP-E") for code, _ in problems):  # else the validator reports the package
        try:
            props = read_properties(path, META_FIELDS)
        except BROKEN_PROPERTIES as exc:
            diags.append(diag("MP-E613", rel, Location(part="docProps"), detail=exc))
    sidecar = path.with_suffix(".yml")
    if not sidecar.is_file():
        return _meta_from(props, "properties"), diags
    try:
        data = load_yaml(sidecar.read_bytes())
    except YamlError as exc:
        return FragmentMeta(source="sidecar"), [diag("MP-E108", _rel(sidecar, path.parent), Location(), detail=exc)]
    if not isinstance(data, dict):
        return FragmentMeta(source="sidecar"), [
            diag("MP-E108", _rel(sidecar, path.parent), Location(), detail="the sidecar is not a mapping")]
    given = {k: v for k, v in data.items() if k in META_FIELDS and v not in (None, "")}
    return _meta_from({**props, **given}, "properties+sidecar" if props else "sidecar"), diags


def _meta_from(data: dict, source: str) -> FragmentMeta:
    def s(key):
        v = data.get(key)
        if isinstance(v, (dt.date, dt.datetime)):
            return v.isoformat()
        return str(v).strip() if v not in (None, "") else None

    return FragmentMeta(opd=s("opd"), section=s("section"), title=s("title"), version=s("version"),
                        date=s("date"), contact=s("contact"), source=source)


def expected_name(section: str | None, opd: str | None, kind: str) -> str:
    return f"{section or 'bagian'}.{opd or 'opd'}.{kind}"


NAME_PATTERN = re.compile(r"^(?P<section>[a-z0-9][a-z0-9-]*)\.(?P<opd>[a-z0-9][a-z0-9-]*)\.(md|docx)$")
