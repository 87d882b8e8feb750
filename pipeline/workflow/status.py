"""``masterplan status``: who has sent what, which version, verdicts, and who is late."""

from __future__ import annotations

import datetime as dt
import html
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass


from pipeline.config import LoadedConfig
from pipeline.dates import long_date
from pipeline.docx.book import roman
from pipeline.validate import validate_project

DUE_SOON_DAYS = 7


@dataclass
class Row:
    bab: str
    section: str
    title: str
    opd: str
    received: bool
    file: str
    version: str
    date: str
    errors: int
    warnings: int
    deadline: str
    state: str  # "diterima", "belum", "segera", "terlambat"
    comments: int = 0  # reviewers' comments on this part still open (pipeline.comments.log)


def collect(cfg: LoadedConfig, today: dt.date) -> list[Row]:
    """One row per (section, owner OPD) of the outline."""
    from pipeline.comments.log import open_counts

    v = validate_project(cfg)
    comments = open_counts(cfg.root)
    frags = {(f.section, f.opd): f for f in v.fragments}
    counts = Counter((d.file, d.is_error) for d in v.diagnostics)
    rows = []
    for part in cfg.config.expected_parts():
        chapter, s, owner = part.chapter, part.section, part.owner
        f = frags.get(part.key)
        state = "diterima" if f else "belum"
        if not f and s.deadline:
            if s.deadline < today:
                state = "terlambat"
            elif (s.deadline - today).days <= DUE_SOON_DAYS:
                state = "segera"
        rows.append(Row(bab=f"BAB {roman(chapter.bab)}", section=s.id, title=s.title, opd=owner,
                        received=bool(f), file=f.rel if f else "", version=(f.meta.version or "") if f else "",
                        date=(f.meta.date or "") if f else "", errors=counts[(f.rel, True)] if f else 0,
                        warnings=counts[(f.rel, False)] if f else 0,
                        deadline=s.deadline.isoformat() if s.deadline else "", state=state,
                        comments=comments[(s.id, owner)]))
    return rows


def summary(rows: list[Row], key: str) -> dict[str, dict[str, int]]:
    """Counts per OPD (key='opd') or per chapter (key='bab')."""
    out: dict[str, dict[str, int]] = defaultdict(lambda: Counter())
    for r in rows:
        c = out[getattr(r, key)]
        c["bagian"] += 1
        c["diterima"] += r.received
        c["terlambat"] += r.state == "terlambat"
        c["segera"] += r.state == "segera"
        c["kesalahan"] += r.errors
        c["komentar"] += r.comments
    return {k: dict(v) for k, v in out.items()}


def to_json(rows: list[Row], today: dt.date, editor_comments: int = 0) -> dict:
    """The board as data; ``komentar`` counts open reviewers' comments, ``komentar_editor`` those on the editor's list."""
    return {"tanggal": today.isoformat(), "bagian": [asdict(r) for r in rows],
            "per_opd": summary(rows, "opd"), "per_bab": summary(rows, "bab"), "komentar_editor": editor_comments}


def editor_comments(cfg: LoadedConfig) -> int:
    """Open reviewers' comments that reached no OPD (build/comments/editor.md)."""
    from pipeline.comments.log import open_counts
    from pipeline.report import EDITOR

    return open_counts(cfg.root)[(None, EDITOR)]


STATE_COLOURS = {"diterima": "#d9ead3", "belum": "#ffffff", "segera": "#fff2cc", "terlambat": "#f4cccc"}


def to_html(rows: list[Row], cfg: LoadedConfig, today: dt.date) -> str:
    """A standalone page editors can share (no scripts, no external files)."""
    c = cfg.config
    title = f"Status Naskah {c.document.title} {c.region.full_name}"
    when = long_date(today)

    def table(head, body):
        return ("<table><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in head) + "</tr>"
                + "".join(body) + "</table>")

    def summary_rows(key, names=None):
        rows_ = []
        for k, v in summary(rows, key).items():
            label = names.get(k, k) if names else k
            rows_.append(f"<tr><td>{html.escape(label)}</td><td class=n>{v['diterima']}/{v['bagian']}</td>"
                         f"<td class=n>{v['terlambat']}</td><td class=n>{v['segera']}</td>"
                         f"<td class=n>{v['kesalahan']}</td><td class=n>{v['komentar']}</td></tr>")
        return rows_

    names = {o.code: o.short for o in c.opds}
    detail = [f"<tr style='background:{STATE_COLOURS[r.state]}'><td>{r.bab}</td><td>{html.escape(r.title)}</td>"
              f"<td>{html.escape(names.get(r.opd, r.opd))}</td><td>{r.state}</td><td>{html.escape(r.version)}</td>"
              f"<td>{html.escape(r.date)}</td><td class=n>{r.errors}</td><td class=n>{r.warnings}</td>"
              f"<td>{r.deadline}</td><td class=n>{r.comments}</td></tr>" for r in rows]
    received = sum(r.received for r in rows)
    return (f"<!doctype html><html lang=id><meta charset=utf-8><title>{html.escape(title)}</title>"
            "<style>body{font-family:Arial,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;"
            "margin-bottom:2em}td,th{border:1px solid #aaa;padding:4px 8px;font-size:14px}th{background:#1f4e79;"
            "color:#fff}.n{text-align:right}</style>"
            f"<h1>{html.escape(title)}</h1><p>Per {when}: {received} dari {len(rows)} bagian diterima.</p>"
            "<h2>Ringkasan per OPD</h2>"
            + table(["OPD", "Diterima", "Terlambat", "Segera", "Kesalahan", "Komentar terbuka"],
                    summary_rows("opd", names))
            + "<h2>Ringkasan per BAB</h2>"
            + table(["BAB", "Diterima", "Terlambat", "Segera", "Kesalahan", "Komentar terbuka"], summary_rows("bab"))
            + "<h2>Rincian</h2>"
            + table(["BAB", "Bagian", "OPD", "Status", "Versi", "Tanggal", "Kesalahan", "Peringatan", "Batas waktu",
                     "Komentar terbuka"], detail) + "</html>")
