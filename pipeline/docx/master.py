"""Render the docxtpl master (cover, approval page, foreword, list pages).

The master is rendered *before* any fragment is inserted, in a Jinja sandbox
with autoescape (:func:`pipeline.docx.companion.render`, which also renders the
documents around the book), so fragment text is never evaluated as a template.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.docx.companion import Picture, render


def render_master(path: Path, context: dict, emblem: Path | None = None):
    """Render ``path`` with ``context``; return a python-docx Document of the result."""
    if emblem is None:
        return render(path, {**context, "lambang": ""})
    return render(path, context, pictures={"lambang": Picture(emblem, height_mm=40)})
