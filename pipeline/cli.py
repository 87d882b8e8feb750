"""The ``masterplan`` command: a thin layer over the library.

Exit codes: 0 ok, 1 content errors in fragments, 2 usage or config error.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console

from pipeline.build import BuildOptions, build
from pipeline.config import LoadedConfig, load_config
from pipeline.errors import MasterplanError
from pipeline.messages import RULES, describe, ui
from pipeline.model import FragmentMeta
from pipeline.report import print_table, summary, to_json, write_opd_reports
from pipeline.validate import validate_project

console = Console(stderr=True)
LANG = click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True,
                    help="Language of messages (id: Bahasa Indonesia, en: English).")
PROJECT = click.option("--project", "project", type=click.Path(file_okay=False, path_type=Path), default=".",
                       show_default=True, help="Folder holding masterplan.yml.")


def _load(project: Path, lang: str) -> LoadedConfig:
    cfg = load_config(project, lang)
    for w in cfg.warnings:
        console.print(f"[yellow]{w}[/]")
    return cfg


def _fail(exc: MasterplanError) -> None:
    console.print(f"[red]{exc.message}[/]")
    for d in exc.details:
        console.print(f"  - {d}")
    sys.exit(exc.exit_code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="masterplan")
def main() -> None:
    """masterplan: build a regency's Masterplan Smart City from OPD chapter files.

    \b
    Examples:
      masterplan validate            check every chapter file
      masterplan build               build build/<name>.docx and .pdf
      masterplan rules               list every validation rule
    """


@main.command("build")
@PROJECT
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder (default: <project>/build).")
@click.option("--no-pdf", is_flag=True, help="Build the .docx only; skip LibreOffice.")
@click.option("--final", is_flag=True, help="Final build: leftover comments, tracked changes and placeholders are errors.")
@click.option("--strict", is_flag=True, help="Warnings stop the build too.")
@LANG
def build_cmd(project: Path, out: Path | None, no_pdf: bool, final: bool, strict: bool, lang: str) -> None:
    """Build the masterplan book (.docx and .pdf) from the chapter files.

    Writes build/<base>.docx, build/<base>.pdf, build/diagnostics.json and
    one report per OPD in build/reports/. A build with errors in chapter files
    stops with exit 1 and leaves the previous book untouched.

    \b
    Example:
      masterplan build --project contoh/simalungun --out /tmp/buku
    """
    try:
        cfg = _load(project, lang)
        opts = BuildOptions(out_dir=(out or cfg.root / "build").resolve(), pdf=not no_pdf, final=final,
                            strict=strict, lang=lang)
        with console.status("") as status:
            def step(name: str) -> None:
                status.update(ui(f"build.step.{name}", lang) + " …")
                console.print(f"[green]✓[/] {ui(f'build.step.{name}', lang)}")
            result = build(cfg, opts, step)
    except MasterplanError as exc:
        if exc.exit_code == 1:
            _show_validation(project, lang, final)
        _fail(exc)
        return
    v = result.validation
    console.print(summary(v.diagnostics, len(v.fragments), lang))
    if result.pdf_skipped:
        console.print(f"[yellow]{result.pdf_skipped}[/]")
    console.print(ui("build.done", lang, path=result.docx))
    if result.pdf:
        console.print(ui("build.done", lang, path=f"{result.pdf} ({result.pages} hlm.)"))


def _show_validation(project: Path, lang: str, final: bool) -> None:
    try:
        cfg = load_config(project, lang)
    except MasterplanError:
        return
    v = validate_project(cfg, final=final)
    print_table(console, v.errors, lang)


@main.command("validate")
@PROJECT
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--opd", help="Treat a loose FILE as submitted by this OPD.")
@click.option("--section", help="Treat a loose FILE as written for this section id.")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@click.option("--final", is_flag=True, help="Leftover comments, tracked changes and placeholders are errors.")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write reports/<opd>.md (default: <project>/build).")
@LANG
def validate_cmd(project: Path, paths: tuple[Path, ...], fmt: str, opd: str | None, section: str | None,
                 strict: bool, final: bool, out: Path | None, lang: str) -> None:
    """Check chapter files without building the book.

    Checks the whole project, or only the files and folders given. Exit 0 when
    there are no errors, 1 when there are (warnings too with --strict), 2 on a
    usage or config error.

    \b
    Examples:
      masterplan validate
      masterplan validate chapters/bab-04 --format json
      masterplan validate kiriman.docx --opd kominfo --section smart-governance
    """
    try:
        cfg = _load(project, lang)
        override = FragmentMeta(opd=opd, section=section) if (opd or section) else None
        v = validate_project(cfg, [p.resolve() for p in paths] or None, final=final, override=override)
    except MasterplanError as exc:
        _fail(exc)
        return
    write_opd_reports((out or cfg.root / "build") / "reports", v.diagnostics,
                      {o.code: o.name for o in cfg.config.opds}, lang)
    if fmt == "json":
        click.echo(json.dumps({"files": [f.rel for f in v.fragments], "diagnostics": to_json(v.diagnostics, lang)},
                              ensure_ascii=False, indent=2))
    else:
        print_table(Console(), v.diagnostics, lang)
        Console().print(summary(v.diagnostics, len(v.fragments), lang))
    sys.exit(1 if v.errors or (strict and v.warnings) else 0)


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@LANG
def rules_cmd(fmt: str, lang: str) -> None:
    """List every validation rule with its code, severity and a one-line description.

    \b
    Example:
      masterplan rules --lang en
    """
    rows = [{"code": r.code, "severity": r.severity.value, "family": r.family, "description": describe(r.code, lang)}
            for r in RULES.values()]
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    from rich.table import Table

    table = Table(ui("col.description", lang))
    table = Table()
    for col in ("col.code", "col.severity", "col.description"):
        table.add_column(ui(col, lang))
    for r in rows:
        table.add_row(r["code"], ui(f"severity.{r['severity']}", lang), r["description"])
    Console().print(table)


if __name__ == "__main__":
    main()
