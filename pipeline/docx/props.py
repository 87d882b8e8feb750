"""Document properties: core properties (docProps/core.xml), app properties and custom properties.

The core properties are written here with their own namespaces instead of
through python-docx: docxcompose (loaded by docxtpl) rebinds python-docx's
global ``cp`` prefix to the *custom*-properties namespace, after which
python-docx writes ``cp:keywords`` and ``cp:lastModifiedBy`` into the wrong
namespace, where Word and LibreOffice do not see them.

Reading needs only zipfile and lxml: discovery reads the properties of every
Word fragment before pandoc starts, and python-docx (loaded by the writers
here) can load while pandoc runs.
"""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

import zipfile
from pathlib import Path

from lxml import etree

CUSTOM_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
APP_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
CUSTOM_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
APP_CT = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
CORE_NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "dcmitype": "http://purl.org/dc/dcmitype/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
# ECMA-376 Part 2, 11: the elements a core properties part may hold, with their namespaces.
CORE_ELEMENTS = {
    "cp": ("category", "contentStatus", "keywords", "lastModifiedBy", "lastPrinted", "revision", "version"),
    "dc": ("creator", "description", "identifier", "language", "subject", "title"),
    "dcterms": ("created", "modified"),
}
GENERATOR = "masterplan"


def set_custom_properties(document, props: dict[str, str]) -> None:
    """Replace the document's custom properties with ``props`` (all strings)."""
    items = "".join(
        f'<property fmtid="{_FMTID}" pid="{i}" name="{escape(k)}"><vt:lpwstr>{escape(str(v))}</vt:lpwstr></property>'
        for i, (k, v) in enumerate(props.items(), start=2))
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
           'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' + items + "</Properties>")
    _put_part(document, CUSTOM_RT, "/docProps/custom.xml", CUSTOM_CT, xml)


def set_core_properties(document, *, title: str, creator: str, subject: str = "", description: str = "",
                        keywords: str = "", language: str = "", created: dt.datetime | None = None,
                        modified: dt.datetime | None = None, revision: int = 1) -> None:
    """Replace docProps/core.xml; ``creator`` is also the last one to modify it."""
    from docx.oxml import parse_xml

    def el(prefix: str, name: str, value) -> str:
        return f"<{prefix}:{name}>{escape(str(value))}</{prefix}:{name}>" if value not in ("", None) else ""

    def when(name: str, value: dt.datetime | None) -> str:
        if value is None:
            return ""
        stamp = value.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        return f'<dcterms:{name} xsi:type="dcterms:W3CDTF">{stamp}</dcterms:{name}>'

    decls = " ".join(f'xmlns:{k}="{v}"' for k, v in CORE_NS.items())
    xml = (f"<cp:coreProperties {decls}>" + el("dc", "title", title) + el("dc", "subject", subject)
           + el("dc", "creator", creator) + el("cp", "keywords", keywords) + el("dc", "description", description)
           + el("cp", "lastModifiedBy", creator) + el("cp", "revision", revision) + when("created", created)
           + when("modified", modified) + el("dc", "language", language) + "</cp:coreProperties>")
    document.part.package._core_properties_part._element = parse_xml(xml)  # the part is made when missing


def set_app_properties(document) -> None:
    """docProps/app.xml naming this program (pandoc's reference document claims Word 12 and 83 words)."""
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
           'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
           f"<Template>Normal.dotm</Template><Application>{GENERATOR}</Application><DocSecurity>0</DocSecurity>"
           "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
           "<HyperlinksChanged>false</HyperlinksChanged></Properties>")
    _put_part(document, APP_RT, "/docProps/app.xml", APP_CT, xml)


def set_build_properties(document, *, title: str, subject: str, author: str, built: dt.datetime, inputs_hash: str,
                         draft: str = "", language: str = "id-ID") -> None:
    """Record the build in core and custom properties, so a copy can be traced to its inputs.

    ``author`` (the editors, from the config) is the creator and the last to
    modify the book; LibreOffice copies it into the PDF's Author field.
    """
    set_core_properties(document, title=title, subject=subject, creator=author, keywords="Masterplan Smart City",
                        description=f"{GENERATOR} build {built.isoformat(timespec='seconds')}; "
                                    f"inputs sha256 {inputs_hash}",
                        language=language, created=built, modified=built)
    set_app_properties(document)
    set_custom_properties(document, {"mp_build_date": built.isoformat(timespec="seconds"),
                                     "mp_inputs_sha256": inputs_hash, "mp_draft": draft or "-"})


def _put_part(document, reltype: str, name: str, content_type: str, xml: str) -> None:
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    package = document.part.package
    for rel in list(package.rels.values()):
        if rel.reltype == reltype:
            rel.target_part._blob = xml.encode("utf-8")
            return
    part = Part(PackURI(name), content_type, xml.encode("utf-8"), package)
    package.relate_to(part, reltype)


_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
# What a package whose properties cannot be read raises (the package itself passed its checks).
BROKEN_PROPERTIES = (zipfile.BadZipFile, etree.XMLSyntaxError, KeyError, OSError, EOFError)


def read_properties(path: Path, names: tuple[str, ...]) -> dict[str, str]:
    """The core title and the custom properties called ``names`` of a checked .docx, as plain strings.

    Read straight from the package (no python-docx load): intake reads the
    metadata of every fragment before deciding anything else.
    """
    out: dict[str, str] = {}
    with zipfile.ZipFile(path) as zf:
        present = set(zf.namelist())
        if "docProps/core.xml" in present:
            core = etree.fromstring(zf.read("docProps/core.xml"), _SAFE_PARSER)
            for el in core:
                if isinstance(el.tag, str) and etree.QName(el).localname == "title" and el.text:
                    out["title"] = el.text.strip()
        if "docProps/custom.xml" in present:
            custom = etree.fromstring(zf.read("docProps/custom.xml"), _SAFE_PARSER)
            for prop in custom:
                name = (prop.get("name") or "").strip().lower()
                value = next((c.text for c in prop if isinstance(c.tag, str) and c.text), None)
                if name in names and value:
                    out[name] = value.strip()
    return out
