"""The intake budget: what one chapter file may hold (``limits:`` in masterplan.yml).

A file that validates must build. The budget bounds what makes a build slow or
large: the file's size (checked before it is read), its estimated pages, its
table rows, its tables and figures (each a numbered caption) and its pictures.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.config import Config
from pipeline.model import Diagnostic, Fragment, Location
from pipeline.rules import diag

WORDS_PER_PAGE = 400
WHAT = {"file_mb": ("ukuran berkas (MB)", "file size (MB)"), "pages": ("perkiraan halaman", "estimated pages"),
        "table_rows": ("baris tabel", "table rows"), "captions": ("tabel dan gambar", "tables and figures"),
        "images": ("gambar", "pictures")}


@dataclass(frozen=True)
class Counts:
    """What a fragment holds, counted by its reader."""

    words: int
    table_rows: int
    captions: int
    images: int


def too_big(size: int, cfg: Config) -> dict | None:
    """Arguments of MP-E616 when a file of ``size`` bytes exceeds the budget, else None."""
    limit = cfg.limits.file_mb
    return _args("file_mb", round(size / 2**20, 1), limit) if size > limit * 2**20 else None


def check_budget(frag: Fragment, cfg: Config, counts: Counts) -> list[Diagnostic]:
    """MP-E616 for each part of the budget the fragment exceeds."""
    limits = cfg.limits
    measured = {"pages": -(-counts.words // WORDS_PER_PAGE), "table_rows": counts.table_rows,
                "captions": counts.captions, "images": counts.images}
    return [diag("MP-E616", frag.rel, Location(), **_args(what, value, getattr(limits, what)))
            for what, value in measured.items() if value > getattr(limits, what)]


def _args(what: str, value, limit) -> dict:
    from pipeline.messages import bilingual

    return {"what": bilingual(*WHAT[what]), "value": value, "limit": limit}
