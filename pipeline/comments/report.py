"""The lists to forward: ``build/comments/<opd>.md`` and ``.html`` per OPD, ``editor.md`` for the rest.

Each list holds every comment of one draft that reached that OPD, from every
reviewed file taken in so far: reviewer and date, open or resolved, the
section and the place in the OPD's own file, the commented text, the comment
and its replies. Everything in it that a reviewer or an OPD wrote is made
inert (:mod:`pipeline.inert`), so no comment can turn into a link, a picture or
markup in the Markdown or HTML.
"""

from __future__ import annotations

from pathlib import Path

from babel.dates import format_datetime

from pipeline.inert import markdown as md
from pipeline.inert import page
from pipeline.messages import ui
from pipeline.model import Location
from pipeline.publish import write_atomic
from pipeline.report import EDITOR

STYLE = ("body{font-family:Arial,sans-serif;margin:2em;color:#222;max-width:60em}h2{font-size:1.1em;"
         "margin-top:1.6em;border-top:1px solid #aaa;padding-top:.6em}blockquote{margin:.4em 0 .4em 1em;"
         "padding:.2em .8em;border-left:4px solid #1f4e79;background:#f3f6fa}.open{color:#a61c00;font-weight:bold}"
         ".done{color:#38761d;font-weight:bold}dt{font-weight:bold;margin-top:.4em}dd{margin-left:1em}"
         ".reply{margin-left:1.5em;border-left:2px solid #ccc;padding-left:.6em}")


def when(iso: str, lang: str) -> str:
    """'2 Desember 2026 09.01' from Word's date as it wrote it (Word's clock, not converted)."""
    if not iso:
        return ui("comments.no_date", lang)
    import datetime as dt

    try:
        stamp = dt.datetime.fromisoformat(iso.replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        return iso
    return format_datetime(stamp, "d MMMM y HH.mm" if lang == "id" else "d MMMM y HH:mm",
                           locale="id_ID" if lang == "id" else "en_GB")


def place_text(target: dict, entry: dict, lang: str) -> str:
    """'paragraf 4 (Latar Belakang Umum), catatan kaki 1' in the OPD's own file."""
    where = Location(**{k: v for k, v in target.get("where", {}).items() if k in Location.__dataclass_fields__})
    text = where.describe(lang)
    letak = entry.get("letak") or {}
    if letak.get("bagian") in ("footnote", "endnote") and letak.get("catatan"):
        text += ", " + ui(f"comments.in_{letak['bagian']}", lang, number=letak["catatan"])
    if target.get("cara") == "text":
        text += " " + ui("comments.by_text", lang)
    return text


def write_reports(out: Path, entries: list[dict], cfg, draft: int | None, lang: str = "id",
                  new: set[str] = frozenset()) -> dict[str, list[Path]]:
    """The lists of one draft's comments, per OPD and for the editor; stale lists in ``out`` go."""
    c = cfg.config
    names = {o.code: o.name for o in c.opds}
    titles = {s.id: s.title for _, s in c.sections()}
    per: dict[str, list[tuple[dict, dict | None]]] = {}
    for e in entries:
        for t in e.get("tujuan", []):
            per.setdefault(t["opd"], []).append((e, t))
        if not e.get("tujuan"):
            per.setdefault(EDITOR, []).append((e, None))
    written: dict[str, list[Path]] = {}
    for opd, items in per.items():
        name = ui("comments.editor", lang) if opd == EDITOR else names.get(opd, opd)
        head = _head(name, items, draft, lang, editor=opd == EDITOR)
        md_text = _markdown(head, items, titles, lang, new)
        html_text = _html(head, items, titles, lang, new)
        written[opd] = [write_atomic(out / f"{opd}.md", md_text), write_atomic(out / f"{opd}.html", html_text)]
    keep = {p for paths in written.values() for p in paths}
    for old in list(out.glob("*.md")) + list(out.glob("*.html")) if out.is_dir() else []:
        if old not in keep:
            old.unlink(missing_ok=True)  # a list of another draft, or of an OPD with no comment now
    return written


def _head(name: str, items: list, draft: int | None, lang: str, editor: bool = False) -> dict:
    open_ = sum(not e.get("selesai") for e, _ in items)
    return {"title": ui("comments.title", lang, opd=name),
            "intro": ui("comments.intro_editor" if editor else "comments.intro", lang, draft=f"{draft:02d}" if draft else "?", count=len(items),
                        open=open_, done=len(items) - open_)}


def _fields(e: dict, t: dict | None, titles: dict, lang: str) -> list[tuple[str, str]]:
    status = ui("comments.resolved" if e.get("selesai") else "comments.open", lang)
    rows = [(ui("comments.f.reviewer", lang), f"{e.get('peninjau') or '-'} ({when(e.get('tanggal', ''), lang)})"),
            (ui("comments.f.state", lang), status)]
    if t is not None:
        rows.append((ui("comments.f.section", lang), f"{titles.get(t['section'], t['section'])} — {t['file']}"))
        rows.append((ui("comments.f.place", lang), place_text(t, e, lang)))
    else:
        rows.append((ui("comments.f.reason", lang), ui(f"comments.reason.{e.get('editor') or 'outside'}", lang)))
        if e.get("kandidat"):
            rows.append((ui("comments.f.candidates", lang), ", ".join(e["kandidat"])))
    return rows


QUOTE = 600  # characters of the commented text shown; a comment over pages shows its opening


def _cut(text: str) -> str:
    return text if len(text) <= QUOTE else text[:QUOTE].rsplit(" ", 1)[0] + " …"


def _markdown(head: dict, items: list, titles: dict, lang: str, new: set[str]) -> str:
    lines = [f"# {md(head['title'])}", "", md(head["intro"]), ""]
    for k, (e, t) in enumerate(items, start=1):
        mark = f" ({ui('comments.new', lang)})" if e["kunci"] in new else ""
        lines += [f"## {k}. {md((e.get('komentar') or '-')[:80])}{mark}", ""]
        for label, value in _fields(e, t, titles, lang):
            lines.append(f"- **{md(label)}:** {md(value)}")
        lines.append(f"- **{md(ui('comments.f.text', lang))}:**")
        lines += ["", f"  > {md(_cut(e.get('teks') or '-'))}", ""]
        lines.append(f"- **{md(ui('comments.f.comment', lang))}:** {md(e.get('komentar') or '-')}")
        for r in e.get("balasan", []):
            lines.append(f"  - {md(ui('comments.f.reply', lang))} {md(r.get('peninjau') or '-')} "
                         f"({md(when(r.get('tanggal', ''), lang))}): {md(r.get('komentar') or '-')}")
        lines.append("")
    return "\n".join(lines)


def _html(head: dict, items: list, titles: dict, lang: str, new: set[str]) -> str:
    body = []
    for k, (e, t) in enumerate(items, start=1):
        mark = f" ({page(ui('comments.new', lang))})" if e["kunci"] in new else ""
        state = "done" if e.get("selesai") else "open"
        rows = "".join(f"<dt>{page(label)}</dt><dd{' class=' + state if i == 1 else ''}>{page(value)}</dd>"
                       for i, (label, value) in enumerate(_fields(e, t, titles, lang)))
        replies = "".join(f"<div class=reply><b>{page(r.get('peninjau') or '-')}</b> "
                          f"({page(when(r.get('tanggal', ''), lang))}): {page(r.get('komentar') or '-')}</div>"
                          for r in e.get("balasan", []))
        body.append(f"<section><h2>{k}. {page((e.get('komentar') or '-')[:80])}{mark}</h2><dl>{rows}"
                    f"<dt>{page(ui('comments.f.text', lang))}</dt><dd><blockquote>{page(_cut(e.get('teks') or '-'))}"
                    f"</blockquote></dd><dt>{page(ui('comments.f.comment', lang))}</dt>"
                    f"<dd>{page(e.get('komentar') or '-')}{replies}</dd></dl></section>")
    return (f"<!doctype html><html lang={lang}><meta charset=utf-8><title>{page(head['title'])}</title>"
            f"<style>{STYLE}</style><h1>{page(head['title'])}</h1><p>{page(head['intro'])}</p>"
            + "".join(body) + "</html>")
