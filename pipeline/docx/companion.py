"""The companion documents as .docx: a docxtpl template rendered in the sandbox, then paper, fonts and properties.

The Lembar Komitmen Bersama, the Rancangan Peraturan Bupati and the Ringkasan
Eksekutif are templates editors reword in Word (``templates/generated/komitmen.docx``,
``templates/documents/*.docx``). Their variables are plain values from the config
and the dataset, plus pictures and tables described here as data
(:class:`Picture`, :class:`TableSpec`) and made into docx objects only in this
layer. Rendering happens in a Jinja sandbox with autoescape, like the master.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.document import Document as DocumentProxy
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from docxtpl.subdoc import Subdoc
from jinja2 import Template, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from pipeline.docx import house
from pipeline.docx.book import PAPER_TWIPS, is_landscape
from pipeline.docx.ns import qn
from pipeline.docx.props import set_build_properties
from pipeline.docx.save import to_bytes
from pipeline.docx.cells import Formats
from pipeline.docx.tables import add_table
from pipeline.docx.widths import fit_tables
from pipeline.errors import ConfigError


@dataclass(frozen=True)
class Picture:
    """A picture variable: PNG bytes (or a file) and its printed width or height."""

    source: bytes | Path
    width_mm: float | None = None
    height_mm: float | None = None


@dataclass
class TableSpec:
    """A table variable, inserted with ``{{p name }}``: see :func:`pipeline.docx.tables.add_table`."""

    header: list[str]
    rows: list[list[str]]
    right: set[int] = field(default_factory=set)
    bold_rows: set[int] = field(default_factory=set)
    widths: list[float] | None = None


@contextlib.contextmanager
def template_errors(template: Path):
    """A template an editor broke (an unclosed ``{% for %}``, a file that is no .docx, one gone) raises
    ConfigError naming the file."""
    try:
        yield
    except (TemplateError, OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise ConfigError(key="config.template_error", file=template.name, detail=exc) from None


class _EmptySubdoc(Subdoc):
    """docxtpl's sub-document (a table or a picture put in with ``{{p name }}``), started from an empty body in
    the template's own document part: docxtpl's ``new_subdoc()`` opens python-docx's default template for each
    (about 12 ms; the generated sections make seven), of which a sub-document without a file of its own keeps
    nothing but the body."""

    def __init__(self, tpl: DocxTemplate):  # noqa: super().__init__ is what this replaces
        tpl.init_docx()
        self.tpl = tpl
        self.docx = tpl.get_docx()
        self.subdocx = DocumentProxy(parse_xml(_EMPTY_DOCUMENT), self.docx.part)


_EMPTY_DOCUMENT = f"<w:document {nsdecls('w')}><w:body/></w:document>"


def subdoc(tpl: DocxTemplate) -> Subdoc:
    """An empty sub-document of ``tpl``, for a table or a picture (see :class:`_EmptySubdoc`)."""
    return _EmptySubdoc(tpl)


class _Sandbox(SandboxedEnvironment):
    """The Jinja sandbox with autoescape, keeping the templates it compiled.

    docxtpl compiles each part of a template (body, headers, footers, notes) as
    it renders it; a build renders the same parts again and again (of 57 parts
    compiled for a book and its documents, 17 differ, and 18 are empty).
    """

    _KEPT = 256

    def __init__(self):
        super().__init__(autoescape=True)
        self._compiled: dict[str, Template] = {}

    def from_string(self, source, globals=None, template_class=None):
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        compiled = self._compiled.get(source)
        if compiled is None:
            if len(self._compiled) >= self._KEPT:
                self._compiled.clear()
            compiled = self._compiled[source] = super().from_string(source)
        return compiled


_SANDBOX = _Sandbox()


def fill(tpl: DocxTemplate, context: dict) -> None:
    """Fill ``tpl`` in the Jinja sandbox with autoescape: values are data, never template code."""
    tpl.render(context, jinja_env=_SANDBOX, autoescape=True)


def render(template: Path, context: dict, *, pictures: dict[str, Picture] | None = None,
           tables: dict[str, TableSpec] | None = None):
    """Render ``template`` with ``context`` (and the pictures and tables); return a python-docx Document.

    A template an editor broke raises ConfigError naming the file (:func:`template_errors`).
    """
    return docx.Document(io.BytesIO(render_bytes(template, context, pictures=pictures, tables=tables)))


def render_bytes(template: Path, context: dict, *, pictures: dict[str, Picture] | None = None,
                 tables: dict[str, TableSpec] | None = None) -> bytes:
    """:func:`render`'s .docx as bytes (made where docxtpl is loaded, read where the book is composed)."""
    with template_errors(template):
        tpl = DocxTemplate(str(template))
        ctx = dict(context)
        for name, pic in (pictures or {}).items():
            src = io.BytesIO(pic.source) if isinstance(pic.source, bytes) else str(pic.source)
            ctx[name] = InlineImage(tpl, src, width=Mm(pic.width_mm) if pic.width_mm else None,
                                    height=Mm(pic.height_mm) if pic.height_mm else None)
        for name, spec in (tables or {}).items():
            sub = subdoc(tpl)
            add_table(sub, spec.header, spec.rows, right=spec.right, bold_rows=spec.bold_rows, widths=spec.widths)
            ctx[name] = sub
        fill(tpl, ctx)
        buf = io.BytesIO()
        tpl.save(buf)
    return buf.getvalue()


def finish_document(doc, *, paper: str, font: str, title: str, subject: str, author: str, built: dt.datetime,
                    inputs_hash: str) -> bytes:
    """Paper on every section, ``font`` in every style and the theme, tables fitted to the page, language,
    Word settings and properties."""
    width, height = PAPER_TWIPS[paper]
    for sect in doc.element.body.iter(qn("w:sectPr")):
        pgsz = sect.find(qn("w:pgSz"))
        if pgsz is None:
            continue
        turned = is_landscape(sect)
        pgsz.set(qn("w:w"), str(height if turned else width))
        pgsz.set(qn("w:h"), str(width if turned else height))
    house.apply_fonts(doc, font, font)
    house.apply_settings(doc, house.LANGUAGE)
    fit_tables(doc.element.body, Formats(doc.styles.element, font))  # columns sized to their words, as in the book
    set_build_properties(doc, title=title, subject=subject, author=author, built=built, inputs_hash=inputs_hash,
                         language=house.LANGUAGE)
    return to_bytes(doc)
