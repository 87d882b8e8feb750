"""Golden test: a normalised dump of the book's structure, compared as text with a diff.

Run with UPDATE_GOLDEN=1 to accept a deliberate change; review the diff in git.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import docx

from pipeline.docx.ns import qn, text_of, xp

GOLDEN = Path(__file__).parent / "golden" / "sample-structure.txt"


def structure_dump(path: Path) -> str:
    """Lists (without page numbers), captions and cross-reference results, one per line."""
    book = docx.Document(str(path))
    lines = []
    for p in book.paragraphs:
        style = p.style.name.lower()
        if style.startswith("toc") or style == "table of figures":
            lines.append(f"{style:17} | {p.text.rsplit(chr(9), 1)[0]}")
        elif style in ("table caption", "image caption"):
            lines.append(f"{style:17} | {p.text}")
    for instr in book.element.body.iter(qn("w:instrText")):
        if instr.text.strip().startswith("REF "):
            run = instr.getparent()
            result = run.getnext().getnext()
            lines.append(f"{'ref':17} | {instr.text.strip().split()[1][:6]}… -> {text_of(result)}")
    lines.append(f"{'sections':17} | {len(xp(book.element.body, './/w:sectPr'))}")
    return "\n".join(lines) + "\n"


def test_structure_matches_golden(sample_build):
    actual = structure_dump(sample_build["docx"])
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(actual, encoding="utf-8")
    expected = GOLDEN.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            "golden", "actual"))
        raise AssertionError("book structure changed:\n" + diff)
