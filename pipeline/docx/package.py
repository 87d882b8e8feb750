"""Checks on a .docx as a zip package, made *before* any XML parser sees it.

Every input is hostile: the checks bound the unpacked size, the compression
ratio and the entry count (zip bombs), refuse OLE files (Word 97, encrypted
documents), macros and DTDs, and list external relationships. Each problem is
returned as ``(code, args)`` for the diagnostics layer.
"""

from __future__ import annotations

import posixpath
import re
import zipfile

from lxml import etree
from pathlib import Path

MAX_ENTRIES = 2000
MAX_TOTAL_UNPACKED = 256 * 1024 * 1024
MAX_PART_UNPACKED = 64 * 1024 * 1024
MAX_RATIO = 120  # unpacked / packed, for entries above 1 MiB unpacked
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
REQUIRED_PARTS = ("[Content_Types].xml", "word/document.xml")
_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.I)
_EXTERNAL = re.compile(rb'<Relationship\b[^>]*TargetMode="External"[^>]*>', re.I)
_ATTR = re.compile(rb'(\w+)="([^"]*)"')
_MAIN_TYPE = re.compile(rb'PartName="/word/document\.xml"\s+ContentType="application/vnd\.(openxmlformats-officedocument'
                        rb'\.wordprocessingml\.document\.main\+xml|ms-word\.document\.macroEnabled\.main\+xml)"'
                        rb'|ContentType="application/vnd\.(openxmlformats-officedocument\.wordprocessingml\.document'
                        rb'\.main\+xml|ms-word\.document\.macroEnabled\.main\+xml)"\s+PartName="/word/document\.xml"')
_SAFE = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}Types"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationships"


def _missing_targets(rels_name: str, root, names: set[str]) -> str | None:
    """The first internal part a relationships part points to that the package does not hold."""
    if root.tag != _RELS:
        return None
    base = posixpath.dirname(posixpath.dirname(rels_name))
    for rel in root:
        if not isinstance(rel.tag, str) or rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
        if path not in names and not path.endswith("/"):
            return path
    return None


def _package_roots(names):
    """The package's own index parts and the root element each must have."""
    yield "[Content_Types].xml", _CT
    for name in sorted(names):
        if name.endswith(".rels"):
            yield name, _RELS



Problem = tuple[str, dict]


def _said(indonesian: str, english: str) -> str:
    """A detail in both catalogue languages; :func:`pipeline.messages.message` shows the one asked for."""
    from pipeline.messages import bilingual

    return bilingual(indonesian, english)


def check_package(path: Path) -> tuple[list[Problem], list[dict]]:
    """Check the zip container of ``path``.

    Returns the problems found and the external relationships (each a dict with
    ``part``, ``type`` and ``target``). If a problem is an error that makes
    parsing unsafe, the caller must not open the file.
    """
    head = path.read_bytes()[:8] if path.stat().st_size else b""
    if not head:
        return [("MP-E601", {"detail": _said("berkas kosong", "empty file")})], []
    if head.startswith(OLE_MAGIC):
        return [("MP-E602", {})], []
    if not head.startswith(b"PK"):
        return [("MP-E601", {"detail": _said("bukan arsip ZIP", "not a zip archive")})], []
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        return [("MP-E601", {"detail": str(exc) or type(exc).__name__})], []
    with zf:
        return _check_entries(zf)


def _check_entries(zf: zipfile.ZipFile) -> tuple[list[Problem], list[dict]]:
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        return [("MP-E605", {"detail": f"{len(infos)} entries > {MAX_ENTRIES}"})], []
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL_UNPACKED:
        return [("MP-E605", {"detail": f"{total // 2**20} MiB > {MAX_TOTAL_UNPACKED // 2**20} MiB"})], []
    for info in infos:
        if info.flag_bits & 0x1:
            return [("MP-E602", {})], []
        if info.file_size > MAX_PART_UNPACKED:
            return [("MP-E605", {"detail": f"{info.filename}: {info.file_size // 2**20} MiB"})], []
        if info.file_size > 2**20 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            return [("MP-E605", {"detail": f"{info.filename}: ratio {ratio}:1"})], []
    names = {i.filename for i in infos}
    for part in REQUIRED_PARTS:
        if part not in names:
            return [("MP-E606", {"part": part})], []
    problems: list[Problem] = []
    externals: list[dict] = []
    try:
        content_types = zf.read("[Content_Types].xml")
        if not _MAIN_TYPE.search(content_types):
            if b"wordprocessingml.template.main+xml" in content_types:
                return [("MP-E601", {"detail": _said("templat Word (.dotx), bukan dokumen",
                                                     "a Word template (.dotx), not a document")})], []
            return [("MP-E601", {"detail": _said("bukan dokumen Word", "not a Word document")})], []
        if b"purl.oclc.org/ooxml" in zf.read("_rels/.rels") if "_rels/.rels" in names else False:
            return [("MP-E601", {"detail": _said("format Strict Open XML", "Strict Open XML format")})], []
        for name, root_tag in _package_roots(names):
            if _DTD.search(zf.read(name)):
                return [("MP-E604", {"part": name})], []
            try:
                root = etree.fromstring(zf.read(name), _SAFE)
            except etree.XMLSyntaxError:
                return [("MP-E601", {"detail": _said(f"{name}: XML rusak", f"{name}: broken XML")})], []
            needs = {"Default": ("Extension", "ContentType"), "Override": ("PartName", "ContentType"),
                     "Relationship": ("Id", "Type", "Target")}
            if root.tag != root_tag or any(not all(el.get(a) for a in needs.get(etree.QName(el).localname, ()))
                                           for el in root if isinstance(el.tag, str)):
                return [("MP-E601", {"detail": _said(f"{name}: isi tidak dikenal", f"{name}: unknown content")})], []
            missing = _missing_targets(name, root, names)
            if missing:
                return [("MP-E606", {"part": missing})], []
        if b"macroEnabled" in content_types or any(n.lower().endswith("vbaproject.bin") for n in names):
            problems.append(("MP-E603", {}))
        for info in infos:
            if not info.filename.endswith((".xml", ".rels")):
                continue
            data = zf.read(info)
            if _DTD.search(data[:4096]) or _DTD.search(data):
                problems.append(("MP-E604", {"part": info.filename}))
                continue
            if info.filename.endswith(".rels"):
                for m in _EXTERNAL.finditer(data):
                    attrs = {k.decode(): v.decode("utf-8", "replace") for k, v in _ATTR.findall(m.group(0))}
                    externals.append({"part": info.filename, "type": attrs.get("Type", "").rsplit("/", 1)[-1],
                                      "target": attrs.get("Target", ""), "id": attrs.get("Id", "")})
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        # zlib.error is a subclass of Exception only; catch it by name below.
        return [("MP-E601", {"detail": str(exc) or type(exc).__name__})], []
    except Exception as exc:  # zlib.error and friends from a truncated stream
        if type(exc).__name__ == "error":
            return [("MP-E601", {"detail": _said(f"data rusak: {exc}", f"corrupt data: {exc}")})], []
        raise
    return problems, externals
