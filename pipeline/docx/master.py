"""Render the docxtpl master (cover, approval page, foreword, list pages).

The master is rendered *before* any fragment is inserted, in a Jinja sandbox
with autoescape, so fragment text is never evaluated as a template.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import TemplateError
from jinja2.sandbox import SandboxedEnvironment

from pipeline.errors import ConfigError


def render_master(path: Path, context: dict, emblem: Path | None = None):
    """Render ``path`` with ``context``; return a python-docx Document of the result."""
    try:
        tpl = DocxTemplate(str(path))
        ctx = dict(context)
        ctx["lambang"] = InlineImage(tpl, str(emblem), height=Mm(40)) if emblem else ""
        env = SandboxedEnvironment(autoescape=True)
        tpl.render(ctx, jinja_env=env, autoescape=True)
        buf = io.BytesIO()
        tpl.save(buf)
    except TemplateError as exc:
        raise ConfigError(key="config.template_error", file=path.name, detail=exc) from None
    except (OSError, KeyError, ValueError) as exc:
        raise ConfigError(key="config.template_error", file=path.name, detail=exc) from None
    buf.seek(0)
    return docx.Document(buf)
