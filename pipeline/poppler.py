"""poppler-utils: page count and page text of a PDF. The only module that runs them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from pipeline.errors import EngineError


def available() -> bool:
    return shutil.which("pdftotext") is not None and shutil.which("pdfinfo") is not None


def page_count(pdf: Path) -> int:
    """Number of pages, or 0 when the PDF cannot be read."""
    proc = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=60)
    for line in proc.stdout.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return 0


def page_texts(pdf: Path, layout: bool = True, last: int | None = None) -> list[str]:
    """The text of every page (or of the pages up to ``last``), in order."""
    args = ["pdftotext"] + (["-layout"] if layout else []) + (["-l", str(last)] if last else []) + [str(pdf), "-"]
    proc = subprocess.run(args, capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        raise EngineError(f"pdftotext failed: {proc.stderr.strip()[:300]}")
    pages = proc.stdout.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages
