"""Render the docxtpl master (cover, approval page, foreword, list pages).

The master is rendered *before* any fragment is inserted, in a Jinja sandbox
with autoescape (:func:`pipeline.docx.companion.render`, which also renders the
documents around the book), so fragment text is never evaluated as a template.
"""

from __future__ import annotations

import io
from pathlib import Path


def render_master(path: Path, context: dict, emblem: Path | None = None):
    """Render ``path`` with ``context``; return a python-docx Document of the result."""
    return open_master(render_master_bytes(path, context, emblem))


def render_master_bytes(path: Path, context: dict, emblem: Path | None = None) -> bytes:
    """The rendered master as .docx bytes (loads docxtpl: the process that only opens a master never does)."""
    from pipeline.docx.companion import Picture, render_bytes

    if emblem is None:
        return render_bytes(path, {**context, "lambang": ""})
    return render_bytes(path, context, pictures={"lambang": Picture(emblem, height_mm=40)})


def open_master(data: bytes):
    """A rendered master's bytes as a python-docx Document."""
    import docx

    return docx.Document(io.BytesIO(data))
