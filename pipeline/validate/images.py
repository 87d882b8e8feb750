"""Image checks: the file exists and really is an image of sensible size."""

from __future__ import annotations

from pathlib import Path

from pipeline.model import Diagnostic, Location
from pipeline.rules import diag

from pipeline.docx.inspect import IMAGE_MAGIC as MAGIC


def check_image_file(rel: str, target: Path, shown: str, loc: Location) -> list[Diagnostic]:
    """E502 when missing, E503 when not a PNG/JPEG/GIF/BMP image."""
    if not target.is_file():
        return [diag("MP-E502", rel, loc, target=shown)]
    with target.open("rb") as fh:
        head = fh.read(16)
    if not head.startswith(MAGIC):
        return [diag("MP-E503", rel, loc, target=shown)]
    return []


def check_image_bytes(rel: str, data: bytes, shown: str, loc: Location) -> list[Diagnostic]:
    """E503 when embedded bytes are not an image we can print."""
    if not data[:16].startswith(MAGIC):
        return [diag("MP-E503", rel, loc, target=shown)]
    return []
