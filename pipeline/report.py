"""Presenting diagnostics: JSON, a rich table grouped by OPD, and one report per OPD.

Everything printed to the terminal that comes from users (file names, headings,
cell values, highlighted text) is escaped for rich, so "[isi data di sini]"
prints as written instead of being read as markup.
"""

from __future__ import annotations

import html
from collections import defaultdict
from pathlib import Path

from rich.console import Console
from rich.table import Table

from pipeline.inert import markdown as md_escape
from pipeline.inert import terminal as escape
from pipeline.messages import message, ui
from pipeline.model import Diagnostic
from pipeline.publish import write_atomic

EDITOR = "editor"  # the ``opd`` of notices about the book itself (a table shrunk, a font replaced)


def to_json(diags: list[Diagnostic], lang: str = "id") -> list[dict]:
    out = []
    for d in diags:
        text, hint = message(d, lang)
        out.append({"code": d.code, "severity": d.severity.value, "file": d.file, "opd": d.opd,
                    "location": d.location.to_dict(), "where": d.location.describe(lang),
                    "message": text, "hint": hint})
    return out


def summary(diags: list[Diagnostic], files: int, lang: str = "id") -> str:
    errors = sum(d.is_error for d in diags)
    warnings = len(diags) - errors
    if not diags:
        return ui("summary.clean", lang, files=files)
    return ui("summary", lang, files=files, errors=errors, warnings=warnings)


def filled_line(filled: dict[str, str], lang: str = "id") -> str:
    """'Diisi otomatis (tidak ada di berkas): judul = Smart Governance, versi = 3, tanggal = 2026-11-01'."""
    return ui("intake.filled", lang, values=", ".join(f"{ui('meta.' + k, lang)} = {v}" for k, v in filled.items()))


def print_table(console: Console, diags: list[Diagnostic], lang: str = "id") -> None:
    """One rich table per OPD."""
    for opd, items in _by_opd(diags).items():
        title = ui("group.editor", lang) if opd == EDITOR else ui("group.opd", lang, opd=opd) if opd \
            else ui("group.none", lang)
        table = Table(title=escape(title), title_justify="left", show_lines=True, expand=True)
        table.add_column(ui("col.code", lang), no_wrap=True, min_width=10)
        table.add_column(ui("col.location", lang), ratio=2, overflow="fold")
        table.add_column(ui("col.message", lang), ratio=3)
        for d in items:
            text, hint = message(d, lang)
            sev = ui(f"severity.{d.severity.value}", lang)
            colour = "red" if d.is_error else "yellow"
            # File names, locations (heading text) and messages quote what users wrote: print it literally.
            table.add_row(f"[{colour}]{d.code}\n{sev}[/]", f"{escape(d.file)}\n[dim]{escape(d.location.describe(lang))}[/]",
                          f"{escape(text)}\n[dim]{ui('hint', lang)}: {escape(hint)}[/]")
        console.print(table)


def write_opd_reports(out_dir: Path, diags: list[Diagnostic], opds: dict[str, str], lang: str = "id") -> list[Path]:
    """``<out_dir>/<opd>.md`` and ``<opd>.html`` for every OPD in the registry, to forward to the department:
    the Markdown for a chat or an e-mail, the page to open on a phone or print."""
    grouped = _by_opd(diags)
    written = []
    for code, name in opds.items():
        items = grouped.get(code, [])
        title, intro = ui("report.title", lang, opd=name), ui("report.intro", lang, opd=name)
        lines = [f"# {title}", "", intro, ""]
        rows = []
        if not items:
            lines.append(ui("report.none", lang))
        for d in items:
            text, hint = message(d, lang)
            sev = ui(f"severity.{d.severity.value}", lang)
            where = d.location.describe(lang)
            # Messages quote OPDs' text (another OPD's, in MP-W312): nothing in them may act as Markdown or HTML.
            lines += [f"- **{sev} {d.code}** — {md_escape(d.file)}, {md_escape(where)}",
                      f"  - {md_escape(text)}", f"  - {ui('hint', lang)}: {md_escape(hint)}"]
            rows.append((d.is_error, sev, d.code, d.file, where, text, hint))
        written.append(write_atomic(out_dir / f"{code}.md", "\n".join(lines) + "\n"))
        written.append(write_atomic(out_dir / f"{code}.html", _report_page(title, intro, rows, lang)))
    return written


def _report_page(title: str, intro: str, rows: list[tuple], lang: str) -> str:
    """The OPD's report as a page of its own (every text escaped; no script, no outside resource)."""
    e = html.escape
    body = "".join(
        f'<tr class="{"e" if is_error else "w"}"><td><b>{e(code)}</b><br>{e(sev)}</td>'
        f"<td>{e(file)}<br>{e(where)}</td><td>{e(text)}<p><b>{e(ui('hint', lang))}:</b> {e(hint)}</p></td></tr>"
        for is_error, sev, code, file, where, text, hint in rows)
    table = (f"<table><tr><th>{e(ui('report.col.code', lang))}</th><th>{e(ui('report.col.where', lang))}</th>"
             f"<th>{e(ui('report.col.problem', lang))}</th></tr>{body}</table>") if rows \
        else f"<p>{e(ui('report.none', lang))}</p>"
    return (f'<!doctype html><html lang="{e(lang)}"><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{e(title)}</title><style>body{{font-family:Arial,sans-serif;margin:1.5em;max-width:60em}}"
            "table{border-collapse:collapse;width:100%;margin-top:1em}td,th{border:1px solid #bbb;padding:6px;vertical-align:top;"
            "text-align:left}th{background:#1f4e79;color:#fff}tr.e td:first-child{border-left:5px solid #b3261e}"
            "tr.w td:first-child{border-left:5px solid #c77c02}p{margin:.4em 0 0}</style>"
            f"<h1>{e(title)}</h1><p>{e(intro)}</p>{table}</html>\n")


def _by_opd(diags: list[Diagnostic]) -> dict[str | None, list[Diagnostic]]:
    grouped: dict[str | None, list[Diagnostic]] = defaultdict(list)
    for d in sorted(diags, key=lambda d: (d.opd or "~", d.file, not d.is_error, d.code)):
        grouped[d.opd].append(d)
    return dict(grouped)
