"""Document properties: core properties and custom properties (docProps/custom.xml)."""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part

CUSTOM_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


def set_custom_properties(document, props: dict[str, str]) -> None:
    """Replace the document's custom properties with ``props`` (all strings)."""
    items = "".join(
        f'<property fmtid="{_FMTID}" pid="{i}" name="{escape(k)}"><vt:lpwstr>{escape(str(v))}</vt:lpwstr></property>'
        for i, (k, v) in enumerate(props.items(), start=2))
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
           'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' + items + "</Properties>")
    package = document.part.package
    for rel in list(package.rels.values()):
        if rel.reltype == RT.CUSTOM_PROPERTIES:
            rel.target_part._blob = xml.encode("utf-8")
            return
    part = Part(PackURI("/docProps/custom.xml"), CUSTOM_CT, xml.encode("utf-8"), package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


def set_build_properties(document, *, title: str, subject: str, built: dt.datetime, inputs_hash: str,
                         draft: str = "") -> None:
    """Record the build in core and custom properties, so a copy can be traced to its inputs."""
    core = document.core_properties
    core.title = title
    core.subject = subject
    core.keywords = "Masterplan Smart City"
    core.comments = f"masterplan build {built.isoformat(timespec='seconds')}; inputs sha256 {inputs_hash}"
    core.created = core.created or built
    core.modified = built
    core.last_modified_by = "masterplan"
    core.revision = max(core.revision or 1, 1)
    set_custom_properties(document, {"mp_build_date": built.isoformat(timespec="seconds"),
                                     "mp_inputs_sha256": inputs_hash, "mp_draft": draft or "-"})
