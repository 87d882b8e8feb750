"""When LibreOffice refuses the whole book, find the chapter files that make it do so.

LibreOffice either opens a .docx or writes no PDF at all ("source file could
not be loaded"), without saying why. A book is made of many fragments, so the
culprit is found by building smaller books: half of the suspects, then half of
that half, until each refusing fragment stands alone. With one bad file among
forty this takes about a dozen small conversions, and only on a failing build.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from pipeline.errors import DocumentRefused, EngineError
from pipeline.messages import ui
from pipeline.publish import move_atomic, write_atomic
from pipeline.rules import diag

T = TypeVar("T")


def refusing(items: Sequence[T], opens: Callable[[Sequence[T]], bool]) -> list[T]:
    """The items that make ``opens`` fail on their own, assuming ``opens(items)`` already failed.

    An empty result means no single item is to blame (the refusal comes from
    the combination, or from something outside ``items``).
    """
    if len(items) <= 1:
        return list(items)
    half = len(items) // 2
    found: list[T] = []
    for part in (items[:half], items[half:]):
        if not opens(part):
            found += refusing(part, opens)
    return found


# -- in the build ---------------------------------------------------------------------------------------
REFUSED = "refused.json"


def known_refused(cache_dir: Path, validation) -> list:
    """MP-E508 for every fragment whose exact bytes LibreOffice refused in an earlier build."""
    try:
        seen = json.loads((cache_dir / REFUSED).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [diag("MP-E508", f.rel, opd=f.opd) for f in validation.fragments if f.digest in seen]


def remember_refused(cache_dir: Path, frags: list) -> None:
    """Record the fragments LibreOffice refused, by content hash (a corrected file is tried again)."""
    try:
        seen = json.loads((cache_dir / REFUSED).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        seen = {}
    seen.update({f.digest: f.rel for f in frags})
    write_atomic(cache_dir / REFUSED, json.dumps(seen, ensure_ascii=False))


def refusing_fragments(cfg, converted: list, *, today, lang: str, office, work: Path, out_dir: Path) -> list:
    """The fragments that make LibreOffice refuse the book, found with :func:`refusing` on trial books.

    Raises EngineError when no single fragment is to blame: then it is our
    bug, not an OPD's file, and the book LibreOffice refused is kept for the
    developers.
    """
    from pipeline.assemble import assemble
    from pipeline.finish import finish

    def opens(subset) -> bool:
        trial = work / f"trial-{len(list(work.glob('trial-*')))}"
        trial.mkdir()
        book = assemble(cfg, list(subset), today=today)
        try:
            finish(book, paper=cfg.config.document.paper, work=trial, office=office)
        except DocumentRefused:
            return False
        return True

    bad = refusing(converted, opens)
    if not bad:
        kept = out_dir / "refused-book.docx"
        move_atomic(work / "book-pdf-pass.docx", kept)
        raise EngineError(ui("build.office_refused", lang, path=kept))
    return bad
