"""poppler-utils: page count, page text and fonts of a PDF. The only module that runs them."""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import EngineError


def available() -> bool:
    return all(shutil.which(tool) for tool in ("pdftotext", "pdfinfo", "pdffonts"))


def page_count(pdf: Path) -> int:
    """Number of pages, or 0 when the PDF cannot be read."""
    proc = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=60)
    for line in proc.stdout.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return 0


def page_texts(pdf: Path, layout: bool = True, last: int | None = None) -> list[str]:
    """The text of every page (or of the pages up to ``last``), in order."""
    with _readable(pdf) as readable:
        args = ["pdftotext"] + (["-layout"] if layout else []) + (["-l", str(last)] if last else []) \
            + [str(readable), "-"]
        proc = subprocess.run(args, capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        raise EngineError(key="engine.poppler_failed", tool="pdftotext", detail=proc.stderr.strip()[:300])
    pages = proc.stdout.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


@contextlib.contextmanager
def _readable(pdf: Path):
    """``pdf``, or a copy whose catalog no longer names its PDF/A output intent.

    poppler 22 applies the output intent's ICC profile to every page it reads
    for text: the first 40 pages of a 400-page PDF/A took 3.7 s instead of
    0.12 s, for the same text. The copy renames the catalog key to one of the
    same length, so that every byte offset in the cross-reference table still holds.
    """
    data = pdf.read_bytes()
    if _OUTPUT_INTENTS not in data:
        yield pdf
        return
    with tempfile.NamedTemporaryFile(prefix="mp-text-", suffix=".pdf") as tmp:
        tmp.write(data.replace(_OUTPUT_INTENTS, b"/OutputIntentX", 1))
        tmp.flush()
        yield Path(tmp.name)


_OUTPUT_INTENTS = b"/OutputIntents"


@dataclass(frozen=True)
class PdfFont:
    """One font as ``pdffonts`` lists it."""

    name: str  # the PostScript name without the subset tag: "LiberationSans-Bold"
    type: str  # "TrueType", "Type 1C", "CID TrueType", ...
    embedded: bool

    @property
    def family(self) -> str:
        """The name without its style suffix: ``"LiberationSans-Bold"`` -> ``"LiberationSans"``."""
        return self.name.split("-", 1)[0].split(",", 1)[0]


def pdf_fonts(pdf: Path) -> list[PdfFont]:
    """Every font the PDF uses, as ``pdffonts`` reports it."""
    return FontsJob(pdf).result()


class FontsJob:
    """``pdffonts`` started now, read later: it walks every page (0.2 s for 400 pages), so the
    caller can do other work meanwhile."""

    def __init__(self, pdf: Path):
        self._proc = subprocess.Popen(["pdffonts", str(pdf)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                      stdin=subprocess.DEVNULL, text=True)

    def result(self) -> list[PdfFont]:
        try:
            out, err = self._proc.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.communicate()
            raise EngineError(key="engine.poppler_failed", tool="pdffonts", detail="> 120 s") from None
        if self._proc.returncode != 0:
            raise EngineError(key="engine.poppler_failed", tool="pdffonts", detail=err.strip()[:300])
        return parse_pdffonts(out)


def parse_pdffonts(text: str) -> list[PdfFont]:
    """The table ``pdffonts`` prints, read by the column widths of its dashed line."""
    lines = text.splitlines()
    rule = next((i for i, line in enumerate(lines) if line.startswith("---")), None)
    if rule is None:
        return []
    spans, pos = [], 0
    for dashes in lines[rule].split(" "):
        spans.append((pos, pos + len(dashes)))
        pos += len(dashes) + 1
    out = []
    for line in lines[rule + 1:]:
        if not line.strip():
            continue
        cols = [line[a:b + 1].strip() for a, b in spans[:-1]] + [line[spans[-1][0]:].strip()]
        name = cols[0].split("+", 1)[1] if re.match(r"^[A-Z]{6}\+", cols[0]) else cols[0]
        out.append(PdfFont(name=name, type=cols[1], embedded=cols[3] == "yes"))
    return out
