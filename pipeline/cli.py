"""The ``masterplan`` command: a thin layer over the library.

Exit codes: 0 ok, 1 content errors in fragments, 2 usage or config error.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path

import click
from rich.console import Console
from pipeline.inert import terminal as escape

from pipeline import crash, libreoffice, stamp
from pipeline.crash import InternalError
from pipeline.errors import ContentError, MasterplanError, UsageError
from pipeline.messages import RULES, describe, ui

# The build machinery, the configuration schema and validation are imported inside the commands
# that need them: an unchanged rebuild answers from its stamp before any of them would load.

console = Console(stderr=True)


def out_console() -> Console:
    """Standard output: the terminal's width, or 120 columns when written to a file or pipe."""
    return Console() if sys.stdout.isatty() else Console(width=120)
LANG = click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True,
                    help="Language of messages (id: Bahasa Indonesia, en: English).")
PROJECT = click.option("--project", "project", type=click.Path(file_okay=False, path_type=Path), default=".",
                       show_default=True, help="Folder holding masterplan.yml.")


def _load(project: Path, lang: str, said: list[str] | None = None):
    from pipeline.config import load_config

    global CRASH_DIR, LANG_NOW
    CRASH_DIR, LANG_NOW = project.resolve() / "build", lang
    cfg = load_config(project, lang)
    for w in cfg.warnings:
        _say(f"[yellow]{escape(w)}[/]", said)
    return cfg


def _say(line: str, said: list[str] | None = None) -> None:
    """Print to the terminal, and keep the line when ``said`` collects what a build reported.

    Lines are not wrapped: a path broken over two lines cannot be copied.
    """
    console.print(line, soft_wrap=True)
    if said is not None:
        said.append(line)


def _fail(exc: MasterplanError) -> None:
    if isinstance(exc, InternalError):
        _bug(exc)
    console.print(f"[red]{escape(exc.text(LANG_NOW))}[/]", soft_wrap=True)
    for d in exc.details:
        console.print(f"  - {escape(d)}", soft_wrap=True)
    sys.exit(exc.exit_code)


CRASH_DIR = Path.cwd() / "build"  # where a bug's traceback goes: the project's build/ once it is known


def _bug(exc: BaseException) -> None:
    """A bug of ours: save the traceback, say where in one line, exit 2 (never blame the user's file)."""
    try:
        path = crash.save(exc, CRASH_DIR)
    except OSError:
        path = None
    console.print(f"[red]{escape(ui('bug', LANG_NOW, where=path or '-'))}[/]", soft_wrap=True)
    sys.exit(2)


def _help_language(ctx: click.Context) -> str:
    """The language of the help: ``--lang`` on the command line, else MASTERPLAN_LANG, else Indonesian."""
    lang = ctx.meta.get("masterplan.lang") or os.environ.get("MASTERPLAN_LANG", "id")
    return lang if lang in ("id", "en") else "id"


class _Formatter(click.HelpFormatter):
    """Click's help layout with Indonesian headings."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        from pipeline.messages.help_id import HEADINGS

        super().write_usage(prog, args, prefix=f"{HEADINGS['Usage']}: ")

    def write_heading(self, heading: str) -> None:
        from pipeline.messages.help_id import HEADINGS

        super().write_heading(HEADINGS.get(heading, heading))


class _Localised:
    """Help in the user's language: Indonesian from :mod:`pipeline.messages.help_id`, English from the
    docstrings. Mixed into the group and every command."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        for i, arg in enumerate(args):  # --help acts before --lang is read: look for it first
            if arg == "--lang" and i + 1 < len(args):
                ctx.meta["masterplan.lang"] = args[i + 1]
            elif arg.startswith("--lang="):
                ctx.meta["masterplan.lang"] = arg.split("=", 1)[1]
        return super().parse_args(ctx, args)

    def get_help(self, ctx: click.Context) -> str:
        if _help_language(ctx) != "id":
            return super().get_help(ctx)
        from pipeline.messages import help_id

        params = self.get_params(ctx)
        saved = self.help, [(p, getattr(p, "help", None)) for p in params]
        self.help = help_id.MAIN if ctx.parent is None else help_id.COMMANDS.get(self.name, ("", self.help))[1]
        for p in params:
            if isinstance(p, click.Option) and "--help" not in p.opts:
                p.help = help_id.OPTIONS_OF.get((self.name, p.name)) or help_id.OPTIONS.get(p.name) or p.help
        try:
            formatter = _Formatter(width=ctx.terminal_width, max_width=ctx.max_content_width)
            self.format_help(ctx, formatter)
            return formatter.getvalue().rstrip("\n")
        finally:
            self.help = saved[0]
            for p, text in saved[1]:
                p.help = text

    def get_params(self, ctx: click.Context) -> list:
        from pipeline.messages.help_id import OPTIONS

        params = super().get_params(ctx)
        for p in params:  # click's own --help option, kept between calls: its text in this call's language
            if "--help" in getattr(p, "opts", ()):
                p.help = OPTIONS["help"] if _help_language(ctx) == "id" else "Show this message and exit."
        return params

    def get_short_help_str(self, limit: int = 45) -> str:
        ctx = click.get_current_context(silent=True)
        if ctx is not None and _help_language(ctx) == "id":
            from pipeline.messages.help_id import COMMANDS

            if self.name in COMMANDS:
                return COMMANDS[self.name][0]
        return super().get_short_help_str(limit=200)  # the list wraps a long summary; it is never cut


class _Command(_Localised, click.Command):
    """A command whose help speaks the user's language."""


class _Commands(_Localised, click.Group):
    """The command group; an exception no command expected is a bug, reported as :func:`_bug` does."""

    command_class = _Command

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except MasterplanError as exc:
            _fail(exc)
        except Exception as exc:  # noqa: BLE001 - the one place that turns a bug into a saved report
            _bug(exc)


LANG_NOW = "id"


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
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
@click.option("--draft", is_flag=True, help="Numbered review draft in build/drafts/, stamped 'DRAF NN'.")
@click.option("--final", is_flag=True, help="Final build: refuses while any section is missing or any error, "
              "comment, tracked change or placeholder remains.")
@click.option("--strict", is_flag=True, help="Warnings stop the build too.")
@LANG
def build_cmd(project: Path, out: Path | None, no_pdf: bool, draft: bool, final: bool, strict: bool,
              lang: str) -> None:
    """Build the masterplan book (.docx and .pdf) from the chapter files.

    Writes build/<base>.docx, build/<base>.pdf, build/diagnostics.json and
    one report per OPD in build/reports/, then the documents around the book:
    build/<base>-komitmen, -perbup and -ringkasan (.docx and .pdf). With books:
    in the config, one build/<base>-buku-N.docx/.pdf per book. A build with
    errors in chapter files stops with exit 1 and leaves the previous book
    untouched.

    --draft writes build/drafts/<base>-draf-NN-YYYYMMDD.docx/.pdf (NN grows, nothing
    is overwritten) with a manifest and a report of changes since the previous
    draft; files with errors are left out and their place shows a notice.
    --final refuses, naming every blocker, while anything is missing or wrong.

    \b
    Examples:
      masterplan build --project ~/masterplan-simalungun --out /tmp/buku
      masterplan build --draft
      masterplan build --final --no-pdf
    """
    out_dir = (out or project / "build").resolve()
    options = stamp.options_key(pdf=not no_pdf, final=final, strict=strict, lang=lang, today=dt.date.today(),
                                soffice=libreoffice.soffice_path() is not None)
    if not draft:
        replay = stamp.unchanged(out_dir, options)
        if replay is not None:
            console.print(f"[green]✓[/] {ui('build.step.unchanged', lang)}")
            for line in replay:
                console.print(line, soft_wrap=True)
            return
    from pipeline.collector import collect_rarely
    from pipeline.helper import started_early

    collect_rarely()  # before the helper is forked, which inherits it
    with started_early():  # the helper loads ahead while the rest of the pipeline loads here
        _build(project, out_dir, lang, no_pdf=no_pdf, final=final, strict=strict, draft=draft)


def _build(project: Path, out_dir: Path, lang: str, *, no_pdf: bool, final: bool, strict: bool, draft: bool) -> None:
    from pipeline.build import BuildOptions, build
    from pipeline.report import print_table, summary

    said: list[str] = []
    try:
        cfg = _load(project, lang, said)
        if draft and final:
            raise UsageError(ui("usage.draft_final", lang))
        opts = BuildOptions(out_dir=out_dir, pdf=not no_pdf, final=final, strict=strict, lang=lang, draft=draft)
        with console.status("") as status:
            def step(name: str) -> None:
                text = ui("documents.step" if name == "documents" else f"build.step.{name}", lang)
                status.update(text + " …")
                console.print(f"[green]✓[/] {text}")
            result = build(cfg, opts, step)
    except MasterplanError as exc:
        if isinstance(exc, ContentError):
            print_table(console, exc.diagnostics, lang)
        _fail(exc)
        return
    v = result.validation
    if result.notices:
        print_table(console, result.notices, lang)
    _say(escape(summary(v.diagnostics, len(v.fragments), lang)), said)
    if result.pdf_skipped:
        _say(f"[yellow]{escape(str(result.pdf_skipped))}[/]", said)
    if result.draft:
        _say(escape(ui("build.draft", lang, number=result.draft.number, left=len(result.left_out))), said)
        if result.recorded is not None and result.recorded.redline:
            _say(escape(ui("redline.done", lang, path=result.recorded.redline, changes=result.recorded.changes)), said)
        elif result.draft.number == 1:
            _say(escape(ui("redline.first", lang)), said)
    for number, book in enumerate(result.books, start=1):
        if book.title:
            _say(escape(ui("documents.book_done", lang, path=book.docx, number=number, title=book.title)), said)
        else:
            _say(escape(ui("build.done", lang, path=book.docx)), said)
        if book.pdf:
            _say(escape(ui("build.done_pdf", lang, path=book.pdf, pages=book.pages)), said)
    for doc in result.documents:
        _say(escape(ui("documents.done", lang, path=doc.docx)), said)
        if doc.pdf:
            _say(escape(ui("build.done_pdf", lang, path=doc.pdf, pages=doc.pages)), said)
    if not draft and result.inputs:
        stamp.save(out_dir, inputs=result.inputs, roots=result.roots, outputs=result.outputs, lines=said)


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

    Checks the whole project, or only the files and folders given. A single file
    outside chapters/ is judged as `masterplan submit` would judge it: missing
    title, version and date filled in, and the other chapters checked as they would
    stand with it. Exit 0 when there are no errors, 1 when there are (warnings too
    with --strict), 2 on a usage or config error.

    \b
    Examples:
      masterplan validate
      masterplan validate chapters/bab-04 --format json
      masterplan validate kiriman.docx --opd kominfo --section smart-governance
    """
    from pipeline.discover import registry_code
    from pipeline.model import FragmentMeta
    from pipeline.report import filled_line, print_table, summary, to_json, write_opd_reports
    from pipeline.rules import for_final
    from pipeline.validate import validate_project
    from pipeline.workflow.intake import check_submission

    filled: dict[str, str] = {}
    try:
        cfg = _load(project, lang)
        cache_dir = (out or cfg.root / "build") / "cache" / "analysis"
        chapters = cfg.path(cfg.config.chapters_dir)
        loose = len(paths) == 1 and paths[0].is_file() and not paths[0].resolve().is_relative_to(chapters)
        if loose:  # judged as if submitted, against the rest of the book
            checked = check_submission(cfg, paths[0], opd=opd, section=section, cache_dir=cache_dir)
            v, filled = checked.validation, checked.filled
            v.fragments = [checked.fragment]
            v.diagnostics = for_final(checked.diagnostics) if final else checked.diagnostics
        else:
            override = FragmentMeta(opd=registry_code(opd, cfg), section=section) if (opd or section) else None
            v = validate_project(cfg, [p.resolve() for p in paths] or None, final=final, override=override,
                                 cache_dir=cache_dir)
    except MasterplanError as exc:
        _fail(exc)
        return
    write_opd_reports((out or cfg.root / "build") / "reports", v.diagnostics,
                      {o.code: o.name for o in cfg.config.opds}, lang)
    if fmt == "json":
        click.echo(json.dumps({"files": [f.rel for f in v.fragments], "filled": filled,
                               "diagnostics": to_json(v.diagnostics, lang)}, ensure_ascii=False, indent=2))
    else:
        print_table(out_console(), v.diagnostics, lang)
        if filled:
            out_console().print(escape(filled_line(filled, lang)), soft_wrap=True)
        out_console().print(escape(summary(v.diagnostics, len(v.fragments), lang)))
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

    table = Table()
    for col in ("col.code", "col.severity", "col.description"):
        table.add_column(ui(col, lang))
    for r in rows:
        table.add_row(r["code"], ui(f"severity.{r['severity']}", lang), escape(r["description"]))
    Console().print(table)


@main.command("init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--region", required=True, help="'Kabupaten <nama>' or 'Kota <nama>'.")
@click.option("--period", required=True, help="Plan period, e.g. 2025-2029.")
@click.option("--templates-from", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder with master.docx, house-style.docx, form.docx and generated/ (default: this "
                   "installation's templates).")
def init_cmd(directory: Path, region: str, period: str, templates_from: Path | None) -> None:
    """Create a new masterplan project for another region.

    Writes masterplan.yml with the standard outline (BAB I–X, the six dimensions,
    a typical OPD registry), the templates, an empty chapters/ and a README for
    the editors. `masterplan build` on the new project gives a draft of placeholders.

    \b
    Example:
      masterplan init toba --region "Kabupaten Toba" --period 2025-2029
    """
    from pipeline.workflow.scaffold import init_project

    source = templates_from or Path(__file__).resolve().parent.parent / "templates"
    try:
        init_project(directory, region, period, source, dt.date.today())
    except MasterplanError as exc:
        _fail(exc)
        return
    console.print(f"[green]✓[/] {escape(str(directory))}/masterplan.yml, templates/, chapters/, README.md")


@main.command("forms")
@PROJECT
@click.option("--opd", help="Only this OPD's forms.")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder (default: <project>/build/forms).")
def forms_cmd(project: Path, opd: str | None, out: Path | None) -> None:
    """Make the Word forms (kertas kerja) each OPD fills in, one per section it owns.

    Each form holds the OPD's name, the section title and deadline, the required
    headings with guidance, and empty programme or quick-win tables. Its document
    properties carry the metadata, so a filled-in form can be submitted as it is.

    \b
    Examples:
      masterplan forms
      masterplan forms --opd dinkes --out /tmp/formulir
    """
    from pipeline.discover import registry_code
    from pipeline.workflow.forms import make_forms

    try:
        cfg = _load(project, "id")
        written = make_forms(cfg, (out or cfg.root / "build" / "forms").resolve(), registry_code(opd, cfg))
    except MasterplanError as exc:
        _fail(exc)
        return
    for path in written:
        console.print(f"[green]✓[/] {escape(str(path))}")


@main.command("submit")
@PROJECT
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--opd", help="The OPD sending the file (default: from the file's metadata).")
@click.option("--section", help="The section it is for (default: from the file's metadata).")
@click.option("--force", is_flag=True, help="Keep an invalid file as a draft version (it does not become current).")
@LANG
def submit_cmd(project: Path, file: Path, opd: str | None, section: str | None, force: bool, lang: str) -> None:
    """Take in an OPD's file: validate it, keep a versioned copy, make it the current chapter file.

    A plain .docx or .md needs no metadata of its own with --opd and --section:
    the title (the section's), the version (the next number) and the date (today)
    are filled in and recorded. A valid file is stored in
    submissions/<opd>/<section>/<time>-<hash>.<ext> and replaces the section's file
    in chapters/. An invalid file, or one that would break another chapter (an id
    another chapter refers to removed, any new error there), is refused with the
    OPD's report (exit 1) and nothing changes. The same bytes as the current file change
    nothing; the bytes of an earlier version make it current again (a rollback).

    \b
    Examples:
      masterplan submit kiriman/smart-living.dinkes.docx
      masterplan submit bab4-final-revisi2.docx --opd dinkes --section smart-living
    """
    from pipeline.report import filled_line, print_table, write_opd_reports
    from pipeline.workflow.intake import ACCEPTED, DRAFT, DUPLICATE, REJECTED, submit

    try:
        cfg = _load(project, lang)
        result = submit(cfg, file.resolve(), opd=opd, section=section, force=force,
                        cache_dir=cfg.root / "build" / "cache" / "analysis", convert_into=cfg.root / "build" / "cache")
    except MasterplanError as exc:
        _fail(exc)
        return
    if result.diagnostics:
        print_table(out_console(), result.diagnostics, lang)
    write_opd_reports(cfg.root / "build" / "reports", result.diagnostics,
                      {o.code: o.name for o in cfg.config.opds if o.code == result.fragment.opd}, lang)
    if result.filled:
        console.print(escape(filled_line(result.filled, lang)), soft_wrap=True)
    colour = {REJECTED: "red", DUPLICATE: "yellow", DRAFT: "yellow", ACCEPTED: "green"}[result.status]
    key = "pemulihan" if result.rollback else result.status
    head, _, rest = ui(f"submit.{key}", lang, stored=result.stored, current=result.current).partition(":")
    console.print(f"[{colour}]{escape(head)}:[/]{escape(rest)}", soft_wrap=True)
    sys.exit(1 if result.status in (REJECTED, DRAFT) else 0)


@main.command("status")
@PROJECT
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text", show_default=True)
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Judge deadlines as of this date.")
@LANG
def status_cmd(project: Path, fmt: str, today, lang: str) -> None:
    """Show every section with its OPD: received or missing, version, verdict, deadline.

    Always writes build/status.html, a standalone page with counts per OPD and per
    chapter that editors can share. Exit 0 unless the configuration is broken.

    \b
    Examples:
      masterplan status
      masterplan status --format json --today 2026-10-20
    """
    from rich.table import Table

    from pipeline.publish import write_atomic
    from pipeline.workflow import status as board

    try:
        cfg = _load(project, lang)
    except MasterplanError as exc:
        _fail(exc)
        return
    day = today.date() if today else dt.date.today()
    rows = board.collect(cfg, day)
    page = write_atomic(cfg.root / "build" / "status.html", board.to_html(rows, cfg, day))
    if fmt == "json":
        click.echo(json.dumps(board.to_json(rows, day, board.editor_comments(cfg)), ensure_ascii=False, indent=2))
    elif fmt == "html":
        click.echo(page.read_text(encoding="utf-8"))
    else:
        from pipeline.dates import short_date

        short = {o.code: o.short for o in cfg.config.opds}
        table = Table(title=ui("status.title", lang, day=short_date(day, lang)), expand=True)
        for col in ("bab", "section", "opd", "state", "version", "errors", "warnings", "deadline", "comments"):
            table.add_column(ui(f"status.col.{col}", lang))
        colour = {"diterima": "green", "belum": "white", "segera": "yellow", "terlambat": "red"}
        for r in rows:
            state = ui(f"status.state.{r.state}", lang)
            table.add_row(*(escape(x) for x in (r.bab, r.title, short.get(r.opd, r.opd))),
                          f"[{colour[r.state]}]{escape(state)}[/]",
                          *(escape(x) for x in (r.version, str(r.errors), str(r.warnings), short_date(r.deadline, lang),
                                                str(r.comments))))
        out_console().print(table)
        console.print(escape(ui("status.page", lang, path=page)))


@main.command("serve")
@PROJECT
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: every network).")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option("--no-pdf", is_flag=True, help="Build drafts as .docx only (a machine without LibreOffice).")
@LANG
def serve_cmd(project: Path, host: str, port: int, no_pdf: bool, lang: str) -> None:
    """Serve the web desk on this project: OPDs upload, editors watch, reviewers download.

    Each OPD opens its secret link (see `masterplan access`), sees its sections
    and uploads its file; the upload goes through the same intake as
    `masterplan submit` and the verdict shows at once. Editors see the status
    board and the log and build drafts; reviewers download drafts. Everything is
    kept in the project folder, so a restart loses nothing. Without any editor
    link yet, one is issued and printed here.

    \b
    Examples:
      masterplan serve
      masterplan serve --project ~/masterplan-simalungun --host 0.0.0.0 --port 8080
    """
    import uvicorn

    from pipeline.web.access import EDITOR, link
    from pipeline.web.app import create_app
    from pipeline.web.desk import Desk

    try:
        cfg = _load(project, lang)
        desk = Desk(cfg.root, lang, pdf=not no_pdf)
    except MasterplanError as exc:
        _fail(exc)
        return
    base = f"http://{host}:{port}"
    if not any(g.active and g.role == EDITOR for g in desk.access.grants()):
        _, token = desk.access.issue(EDITOR, label="masterplan serve")
        console.print(escape(ui("web.serve.editor_link", lang, url=link(base, token))), soft_wrap=True)
    console.print(escape(ui("web.serve.running", lang, url=base, root=cfg.root)), soft_wrap=True)
    # No access log: the link's path holds its token.
    uvicorn.run(create_app(desk), host=host, port=port, access_log=False, log_level="warning")


@main.command("access")
@PROJECT
@click.option("--opd", help="Issue a link for this OPD (its code or any registered name).")
@click.option("--every-opd", is_flag=True, help="Issue a link for every OPD that owns a section.")
@click.option("--editor", is_flag=True, help="Issue an editor's link (sees everything, builds drafts).")
@click.option("--reviewer", is_flag=True, help="Issue a reviewer's link (reads drafts and change reports).")
@click.option("--list", "show", is_flag=True, help="List the links issued (never their tokens).")
@click.option("--revoke", metavar="ID", help="Revoke the link with this id.")
@click.option("--label", help="A note kept with the link, e.g. who received it.")
@click.option("--url", "base", default="http://127.0.0.1:8000", show_default=True,
              help="The desk's address as its users reach it.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@LANG
def access_cmd(project: Path, opd: str | None, every_opd: bool, editor: bool, reviewer: bool, show: bool,
               revoke: str | None, label: str | None, base: str, fmt: str, lang: str) -> None:
    """Issue, list and revoke the secret links to the web desk.

    A link opens the desk for one OPD (its own sections only), for an editor or
    for a reviewer. Its token is shown once; the project keeps only a hash of it
    (submissions/access.json). With --format json: {"id", "role", "opd",
    "token", "url"} per link.

    \b
    Examples:
      masterplan access --opd dinkes --url https://meja.simalungunkab.go.id
      masterplan access --every-opd --format json
      masterplan access --list
      masterplan access --revoke 3f9a1c2e
    """
    from pipeline.discover import registry_code
    from pipeline.web.access import EDITOR, OPD, REVIEWER, AccessStore, link

    try:
        cfg = _load(project, lang)
        if sum(map(bool, (opd, every_opd, editor, reviewer, show, revoke))) != 1:
            raise UsageError(ui("web.access.choose", lang))
        store = AccessStore(cfg.root)
        if show or revoke:
            rows = [g.public() for g in store.grants()]
            if revoke:
                done = store.revoke(revoke)
                if done is None:
                    raise UsageError(ui("web.access.unknown", lang, id=revoke))
                rows = [done.public()]
            if fmt == "json":
                click.echo(json.dumps(rows if show else rows[0], ensure_ascii=False, indent=2))
            elif revoke:
                console.print(escape(ui("web.access.revoked", lang, id=revoke)))
            else:
                _grant_table(rows, cfg, lang)
            return
        if opd:
            code = registry_code(opd, cfg)
            if not code or cfg.config.opd(code) is None:
                raise UsageError(ui("web.access.unknown_opd", lang, opd=opd,
                                    codes=", ".join(o.code for o in cfg.config.opds)))
            wanted = [(OPD, code)]
        elif every_opd:
            owners = dict.fromkeys(p.owner for p in cfg.config.expected_parts())
            wanted = [(OPD, code) for code in owners]
        else:
            wanted = [(EDITOR if editor else REVIEWER, None)]
    except MasterplanError as exc:
        _fail(exc)
        return
    issued = []
    for role, code in wanted:
        grant, token = store.issue(role, code, label=label)
        issued.append({"id": grant.id, "role": role, "opd": code, "token": token, "url": link(base, token)})
    if fmt == "json":
        click.echo(json.dumps(issued if every_opd else issued[0], ensure_ascii=False, indent=2))
        return
    for row in issued:
        who = cfg.config.opd(row["opd"]).name if row["opd"] else ui(f"web.role.{row['role']}", lang)
        click.echo(ui("web.access.issued", lang, who=who, id=row["id"], url=row["url"]))
    console.print(escape(ui("web.access.once", lang)), soft_wrap=True)


def _grant_table(rows: list[dict], cfg, lang: str) -> None:
    from rich.table import Table

    if not rows:
        console.print(escape(ui("web.access.none", lang)))
        return
    table = Table()
    cols = ("id", "role", "opd", "label", "created", "revoked")
    for col in cols:
        table.add_column(ui(f"web.access.col.{col}", lang))
    for r in rows:
        table.add_row(*(escape(str(r.get(k) or "-")) for k in cols))
    out_console().print(table)


@main.command("comments")
@click.argument("reviewed", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@PROJECT
@LANG
def comments_cmd(reviewed: Path, project: Path, lang: str) -> None:
    """Take a draft back from a reviewer: each OPD gets the comments on its text.

    Reads every comment of REVIEWED (a draft from `masterplan build --draft`,
    commented in Word), with its replies and whether it was resolved, and sends
    it to the OPD whose text it is on: by the provenance bookmark around each
    fragment, or by the commented text when the bookmark is gone. Writes
    build/comments/<opd>.md and .html for each OPD (every comment on that draft
    so far), build/comments/editor.md for comments that belong to no OPD, keeps
    the file in submissions/reviews/ and logs the comments in
    submissions/comments.jsonl (`masterplan status` shows the open ones). A
    file saved by LibreOffice is routed by its text only (MP-W825). Exit 1 when
    the file is unsafe or broken.

    \b
    Examples:
      masterplan comments tinjauan-dewan.docx
      masterplan comments draf-02-mentor.docx --project ~/masterplan-simalungun --lang en
    """
    from rich.table import Table

    from pipeline.comments import take_review
    from pipeline.report import print_table

    try:
        cfg = _load(project, lang)
        taken = take_review(cfg, reviewed.resolve(), lang=lang)
    except MasterplanError as exc:
        if isinstance(exc, ContentError):
            print_table(console, exc.diagnostics, lang)
        _fail(exc)
        return
    if taken.notices:
        print_table(console, taken.notices, lang)
    names = {o.code: o.short for o in cfg.config.opds}
    table = Table(expand=True)
    for col in ("opd", "count", "open", "list"):
        table.add_column(ui(f"comments.col.{col}", lang))
    counts: dict[str, list[int]] = {}
    for t in taken.threads:
        for opd in {p.opd for p in t.places} or {"editor"}:
            counts.setdefault(opd, [0, 0])
            counts[opd][0] += 1
            counts[opd][1] += not t.resolved
    for opd, (count, open_) in counts.items():
        label = ui("comments.editor", lang) if opd == "editor" else names.get(opd, opd)
        listed = taken.reports.get(opd, [None])[0]
        table.add_row(escape(label), str(count), str(open_), escape(str(listed or "-")))
    out_console().print(table)
    placed = sum(bool(t.places) for t in taken.threads)
    console.print(escape(ui("comments.summary", lang, file=reviewed.name, draft=f"{taken.draft:02d}" if taken.draft
                            else "?", count=len(taken.threads), open=sum(not t.resolved for t in taken.threads),
                            placed=placed, editor=len(taken.threads) - placed)), soft_wrap=True)
    console.print(escape(ui("comments.stored", lang, path=taken.stored)), soft_wrap=True)


def run() -> None:
    """Entry point of the ``masterplan`` command: :func:`main`, then a quick exit.

    Once everything is written and the terminal output flushed, the process ends
    without tearing the interpreter down: freeing the object graph of a 400-page
    book at exit took 0.1 s (measured), a tenth of a whole incremental rebuild.
    Every file, worker and temporary folder is closed before this point.
    """
    try:
        main()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    if isinstance(code, str):  # sys.exit("message"): print it, as Python would
        print(code, file=sys.stderr)
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # a closed pipe: nothing more can be said
        pass
    if "coverage" in sys.modules or os.environ.get("MASTERPLAN_NO_QUICK_EXIT"):
        sys.exit(code)  # atexit hooks (coverage's) must run
    os._exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    run()
