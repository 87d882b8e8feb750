"""Image checks: the file exists, really is an image, and has a sensible pixel size.

Only the header is read (PIL does not decode on open), so a 40000×40000 PNG
costs nothing to reject.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from PIL import Image

from pipeline.docx.inspect import IMAGE_MAGIC as MAGIC
from pipeline.docx.inspect import is_vector_picture
from pipeline.model import Diagnostic, Location
from pipeline.rules import diag

MIN_WIDTH_PX = 600  # about 100 dpi across a 15 cm printed width
MAX_PIXELS = 40_000_000


def check_image_file(rel: str, target: Path, shown: str, loc: Location) -> list[Diagnostic]:
    """E502 when missing, E503 when not a PNG/JPEG/GIF/BMP image, then the size checks."""
    if not target.is_file():
        return [diag("MP-E502", rel, loc, target=shown)]
    with target.open("rb") as fh:
        head = fh.read(64)
        if not head.startswith(MAGIC) and not is_vector_picture(head):
            return [diag("MP-E503", rel, loc, target=shown)]
        fh.seek(0)
        return check_image_bytes(rel, fh.read(), shown, loc)


def check_image_bytes(rel: str, data: bytes, shown: str, loc: Location) -> list[Diagnostic]:
    """E503 when the bytes are not an image we can print; E505 too many pixels; W504 too few."""
    if is_vector_picture(data[:64]):
        return []
    if not data[:16].startswith(MAGIC):
        return [diag("MP-E503", rel, loc, target=shown)]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(io.BytesIO(data)) as im:  # header only: nothing is decoded
                width, height = im.size
    except Image.DecompressionBombError:
        return [diag("MP-E505", rel, loc, target=shown, size="?", limit=f"{MAX_PIXELS // 1_000_000} MP")]
    except (OSError, ValueError, SyntaxError):
        return [diag("MP-E503", rel, loc, target=shown)]
    if width * height > MAX_PIXELS:
        return [diag("MP-E505", rel, loc, target=shown, size=f"{width}×{height}",
                     limit=f"{MAX_PIXELS // 1_000_000} MP")]
    if width < MIN_WIDTH_PX:
        return [diag("MP-W504", rel, loc, target=shown, size=f"{width}×{height}", minimum=MIN_WIDTH_PX)]
    return []
