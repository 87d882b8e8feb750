"""``build()``: the stages in order, gathering everything before writing anything.

discover + validate -> admit -> convert (+ generate) -> assemble -> finish (lists, PDF) -> gate -> publish,
then the documents around the book (commitment sheet, draft regulation, executive summary) and, for
a draft, its manifest and changes report. A masterplan published as several books (``books:``) is
assembled, finished, gated and published once per book. Each stage is a function here that calls
its module (:mod:`pipeline.validate`, :mod:`pipeline.convert`, :mod:`pipeline.assemble`,
:mod:`pipeline.finish`, :mod:`pipeline.docx.gate`, :mod:`pipeline.publish`, :mod:`pipeline.documents`,
:mod:`pipeline.drafts`); what runs side by side is in :class:`Background`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import cache, libreoffice, orphans, poppler, stamp
from pipeline.helper import helper_process, warm_up
from pipeline.config import LoadedConfig, build_inputs
from pipeline.convert import Converter
from pipeline.documents import name_blockers, name_notices, wanted
from pipeline.discover import find_files, read_fragment
from pipeline.drafts import next_draft, record_draft
from pipeline.errors import ContentError, DocumentRefused, GateError
from pipeline.log import library_warnings
from pipeline.messages import message, ui
from pipeline.publish import move_atomic, write_atomic, write_json
from pipeline.refusal import REFUSED, known_refused, refusing_fragments, remember_refused
from pipeline.rules import diag
from pipeline.redlines import ENGINES_DIR

if TYPE_CHECKING:
    from pipeline.drafts import DraftNames
    from pipeline.validate import Validation


@dataclass
class BuildOptions:
    out_dir: Path
    pdf: bool = True
    final: bool = False
    strict: bool = False
    lang: str = "id"
    draft: bool = False
    today: dt.date = field(default_factory=dt.date.today)

    def key(self) -> str:
        """The options that change the output, as one string (see :func:`pipeline.stamp.options_key`)."""
        return stamp.options_key(pdf=self.pdf, final=self.final, strict=self.strict, lang=self.lang,
                                 today=self.today, soffice=libreoffice.soffice_path() is not None)


@dataclass
class Published:
    """One book as published."""

    docx: Path
    pdf: Path | None
    pages: int
    title: str = ""  # "Analisis Strategis" for a book of several; "" for the one book


@dataclass
class BuildResult:
    docx: Path  # the (first) book
    pdf: Path | None
    validation: Validation
    pdf_skipped: str | None = None
    pages: int = 0
    cached: int = 0
    converted: int = 0
    draft: DraftNames | None = None
    left_out: list[str] = field(default_factory=list)
    notices: list = field(default_factory=list)  # Diagnostic for the editor (opd None): tables shrunk, fonts
    inputs: str = ""  # digest of everything the build read (see pipeline.stamp)
    roots: list[Path] = field(default_factory=list)  # the files and folders it read
    recorded: object = None  # a draft's record (pipeline.drafts.Recorded): manifest, changes, redline
    books: list[Published] = field(default_factory=list)  # every book (one without ``books:``)
    documents: list = field(default_factory=list)  # pipeline.documents.Written: the documents around the book

    @property
    def outputs(self) -> list[Path]:
        """Every .docx and .pdf the build published."""
        return [p for w in [*self.books, *self.documents] for p in (w.docx, w.pdf) if p]


def build(cfg: LoadedConfig, opts: BuildOptions, step: Callable[[str], None] = lambda _: None) -> BuildResult:
    """Build the book into ``opts.out_dir``; raise ContentError or GateError without publishing.

    The stages, in order; each gathers before the next writes anything. Warnings
    of the libraries go to ``build/warnings.log`` (see :mod:`pipeline.log`).
    """
    started = time.time_ns()
    out = opts.out_dir
    orphans.use_tmp(out / "tmp")
    read = build_inputs(cfg)
    roots = [*read.files, *read.folders]
    inputs = stamp.inputs_digest(roots, opts.key())  # what was read, as it was when the build began
    with library_warnings(out / "warnings.log"), Background(cfg, opts) as background:
        step("validate")
        entries = background.start(find_files(cfg))
        names = next_draft(out / "drafts", cfg.config.document.base_name, opts.today) if opts.draft else None
        masters = master_stage(background, cfg, opts, names)
        validation = validate_stage(cfg, opts, entries, background.converter)
        fragments, left_out = admit(cfg, validation, opts)
        step("convert")
        converted, generated = convert_stage(background, cfg, validation, fragments)
        exports = background.helper.submit(dataset_files, cfg, validation.dataset, out / "cache").result
        with_documents = not opts.draft and bool(wanted(cfg))
        rendering = [render_stage(background, cfg, opts, validation)] if with_documents else []
        step("assemble")
        books = assemble_stage(cfg, opts, converted, generated, names, _rejected(validation, left_out), masters,
                               elsewhere=background.if_helper_idle)
        rendering += [render_stage(background, cfg, opts, validation, books)] if with_documents else []
        documents_made = documents_ahead(background, cfg, opts, rendering) if with_documents else None
        step("finish")
        books, finished, converted, left_out = finish_stage(background, cfg, opts, books, converted, validation,
                                                            generated, names, left_out, masters)
        for done in finished:
            gate_stage(cfg, done)
        step("publish")
        notices = name_notices(cfg) + [n for b in books for n in b.notices] + [n for f in finished for n in f.notices]
        published = publish_stage(cfg, opts, books, finished, exports(), validation, notices, names)
        documents = []
        if documents_made is not None:
            step("documents")
            documents, more = documents_stage(cfg, opts, documents_made())
            notices += more
            write_json(out / "diagnostics.json", _diagnostics(validation, notices, opts.lang))
        background.done_with_office()
    recorded = draft_stage(cfg, opts, names, validation, converted, left_out, notices, step) if names else None
    cache.prune(out / "cache", started, keep=(stamp.STAMP, REFUSED, ENGINES_DIR))  # what a good build did not use
    skipped = ui("build.no_soffice", opts.lang, command=libreoffice.APT_LINE) \
        if opts.pdf and not background.pdf else None
    return BuildResult(docx=published[0].docx, pdf=published[0].pdf, validation=validation, pdf_skipped=skipped,
                       pages=published[0].pages, cached=sum(c.cached for c in converted),
                       converted=sum(not c.cached for c in converted), draft=names, left_out=left_out,
                       notices=notices, inputs=inputs, roots=roots, recorded=recorded, books=published,
                       documents=documents)


class Background:
    """The one place where work runs side by side (two cores): LibreOffice, pandoc and a helper process.

    * LibreOffice starts when the build starts and is handed the book at the
      end, so its start-up (about a second) overlaps everything else.
    * pandoc converts all Markdown of the build in one process, started on the
      fragments discovery found before validation has judged them: a fragment
      validation then rejects was converted for nothing, which costs time, never
      correctness.
    * validation's workers (:mod:`pipeline.sandbox`) convert each Word fragment
      they found sound, under the same limits, while pandoc runs; they yield to
      pandoc (one worker, ``VALIDATION_NICENESS``), and the helper yields to both.
    * A forked helper (:mod:`pipeline.helper`, forked by the command line
      before it loads the pipeline) loads docxtpl and the chart drawing, and
      renders the master, while validation runs; it draws the charts, renders
      the generated sections, writes the dataset files and renders the
      commitment sheet while the main process normalises and composes; it
      measures the later part of the tables when many are to be measured
      (:func:`pipeline.docx.widths.fit_tables`) while the main process measures
      the rest; then it renders the documents that print parts of the book
      while the main process finishes the book.

    On a failure every job is stopped, not waited for.
    """

    def __init__(self, cfg: LoadedConfig, opts: BuildOptions):
        self.cfg, self.opts = cfg, opts
        self.pdf = opts.pdf and libreoffice.soffice_path() is not None and poppler.available()
        self._stack = contextlib.ExitStack()
        self.office: libreoffice.Office | None = None

    def __enter__(self) -> "Background":
        self._stack.__enter__()
        if self.pdf:
            self.office = self._stack.enter_context(libreoffice.Office())
        self.helper = _Submitted(self._stack.enter_context(helper_process()))
        self.work = self._stack.enter_context(orphans.tmpdir("build"))
        return self

    def start(self, paths: list[Path]) -> list:
        """Read the fragment files ``paths``; start pandoc on the Markdown ones that read well, and the
        helper's warm-up. The Word files are read once pandoc runs: its batch is what the build waits for
        longest. Returns (fragment, diagnostics) in the order of ``paths``."""
        cfg, out = self.cfg, self.opts.out_dir
        markdown = {p: read_fragment(p, cfg) for p in paths if p.suffix.lower() != ".docx"}
        self.converter = self._stack.enter_context(contextlib.closing(Converter.of_project(
            cfg, [f for f, diags in markdown.values() if not any(d.is_error for d in diags)], out / "cache")))
        self.generated = out / "cache" / "generated" / cache.code_digest()[:12]
        self.helper.submit(warm_up)  # nothing to do when the helper was forked early and loads them already
        return [markdown[p] if p in markdown else read_fragment(p, cfg) for p in paths]

    def if_helper_idle(self, fn, *args) -> Future | None:
        """``fn(*args)`` in the helper when it has nothing else to do; None when it is busy (the caller does
        the work itself rather than wait behind the helper's queue)."""
        return self.helper.submit(fn, *args) if self.helper.idle() else None

    def done_with_office(self) -> None:
        """Let LibreOffice go as soon as the last PDF is made (the documents around the book's)."""
        if self.office is not None:
            self.office.close()

    def __exit__(self, *exc) -> None:
        self._stack.__exit__(*exc)


# -- the stages -------------------------------------------------------------------------------------------
# While pandoc converts, validation yields to it: one worker, a step below the build's priority. The Markdown
# batch is what the build waits for longest; beside two busy workers pandoc took a third longer (the two cores
# share more than their time), and one worker still ends validation before pandoc ends (measured on 40
# fragments). Without pandoc running (a desk draft of one Word fragment) validation has every core.
VALIDATION_NICENESS = 5
VALIDATION_WORKERS_BESIDE_PANDOC = 1


class _Submitted:
    """The helper's executor, remembering what was handed to it (to tell whether it is idle)."""

    def __init__(self, pool):
        self.pool = pool
        self._futures: list[Future] = []

    def submit(self, fn, *args, **kwargs) -> Future:
        future = self.pool.submit(fn, *args, **kwargs)
        self._futures = [f for f in self._futures if not f.done()] + [future]
        return future

    def idle(self) -> bool:
        return all(f.done() for f in self._futures)


def validate_stage(cfg: LoadedConfig, opts: BuildOptions, entries: list, converter: Converter | None = None
                   ) -> Validation:
    """Every fragment judged, with the reports for each OPD written at once (also when the build stops).
    A Word fragment found sound is converted by ``converter`` in the same worker."""
    from pipeline.report import to_json, write_opd_reports
    from pipeline.validate import validate_project

    out = opts.out_dir
    beside_pandoc = converter is not None and converter.busy
    validation = validate_project(cfg, final=opts.final, cache_dir=out / "cache" / "analysis", entries=entries,
                                  then=converter.word_ahead if converter is not None else None,
                                  niceness=VALIDATION_NICENESS if beside_pandoc else 0,
                                  workers=VALIDATION_WORKERS_BESIDE_PANDOC if beside_pandoc else None)
    validation.diagnostics += known_refused(out / "cache", validation)  # LibreOffice refused these before
    write_json(out / "diagnostics.json", to_json(validation.diagnostics, opts.lang))
    write_opd_reports(out / "reports", validation.diagnostics, {o.code: o.name for o in cfg.config.opds}, opts.lang)
    return validation


def convert_stage(background: Background, cfg: LoadedConfig, validation: Validation, fragments: list):
    """(converted fragments, generated sections to come).

    The helper makes the generated sections (cached by the dataset's digest)
    while the fragments are normalised here; the book waits for them only at
    the end of composing.
    """
    from pipeline.generate import generate_all

    generating = background.helper.submit(generate_all, cfg, validation.dataset, background.generated,
                                          background.opts.today)
    return background.converter.converted(fragments, validation.after), generating.result


def master_stage(background: Background, cfg: LoadedConfig, opts: BuildOptions, names) -> dict:
    """Each book's master, rendered by the helper while the fragments are validated: book -> the wait for its
    bytes."""
    from pipeline.assemble import master_document

    return {volume: background.helper.submit(master_document, cfg, opts.today, draft_label(opts, names), volume).result
            for volume in volumes(cfg)}


def draft_label(opts: BuildOptions, names) -> str:
    """What a draft is stamped with ("DRAF 03 — 1 Desember 2026"); "" for a book that is not a draft."""
    from pipeline.dates import long_date

    return f"{names.label} — {long_date(opts.today)}" if names else ""


def volumes(cfg: LoadedConfig) -> list[int | None]:
    """The books of ``books:`` by index, or [None] for the one book."""
    return list(range(len(cfg.config.books))) if cfg.config.books else [None]


def assemble_stage(cfg: LoadedConfig, opts: BuildOptions, converted: list, generated, names, rejected: set,
                   masters: dict | None = None, elsewhere=None) -> list:
    """The composed books (master rendered first, by the helper when ``masters`` has it, then the fragments),
    one per book of ``books:`` (or the one book); references between books are written last. A draft is
    stamped with its label. ``elsewhere`` (the helper's submit) measures part of the tables meanwhile."""
    from pipeline.assemble import assemble, link_books

    from pipeline.docx.widths import FitMemo

    label = draft_label(opts, names)
    memo_key = cache.key("table-fits", cache.code_digest())
    fits = FitMemo(cache.load(opts.out_dir / "cache", memo_key) or {})
    books = [assemble(cfg, converted, generated=generated, today=opts.today, draft_label=label, rejected=rejected,
                      book=volume, fits=fits, master=(masters or {}).get(volume), elsewhere=elsewhere)
             for volume in volumes(cfg)]
    link_books(books)
    cache.store(opts.out_dir / "cache", memo_key, fits.used)  # the tables of this book: the next one's likely
    return books


def finish_stage(background: Background, cfg: LoadedConfig, opts: BuildOptions, books: list, converted: list,
                 validation: Validation, generated, names, left_out: list[str], masters: dict | None = None):
    """Lists, fields and the PDF of each book. When LibreOffice refuses a book, the fragment to blame is
    found: a normal build stops on it (MP-E508), a draft leaves it out and is assembled again."""
    from pipeline.finish import finish

    paper = cfg.config.document.paper

    def finish_all(books: list) -> list:
        return [finish(b, paper=paper, work=_work(background, b), office=background.office) for b in books]

    finished = []
    try:
        for book in books:
            finished.append(finish(book, paper=paper, work=_work(background, book), office=background.office))
        return books, finished, converted, left_out
    except DocumentRefused:  # the search works beside the refused book, which is kept if no file is to blame
        bad = refusing_fragments(cfg, converted, today=opts.today, lang=opts.lang, office=background.office,
                                 work=_work(background, books[len(finished)]), out_dir=opts.out_dir)
    refused = [diag("MP-E508", c.fragment.rel, opd=c.fragment.opd) for c in bad]
    validation.diagnostics += refused
    remember_refused(opts.out_dir / "cache", [c.fragment for c in bad])
    if not opts.draft:
        raise ContentError(ui("build.refused", opts.lang, errors=len(refused)), diagnostics=refused)
    converted = [c for c in converted if c not in bad]
    left_out = left_out + [c.fragment.rel for c in bad]
    books = assemble_stage(cfg, opts, converted, generated, names, _rejected(validation, left_out), masters,
                           elsewhere=background.if_helper_idle)
    return books, finish_all(books), converted, left_out


def _work(background: Background, book) -> Path:
    """Each book's own working folder (its PDF waits there to be published); the one book uses the build's."""
    if book.book is None:
        return background.work
    folder = background.work / f"buku-{book.book + 1}"
    folder.mkdir(exist_ok=True)
    return folder


def gate_stage(cfg: LoadedConfig, finished) -> None:
    """The book passes Word's rules on paper, or nothing is published (:mod:`pipeline.docx.gate`)."""
    from pipeline.docx.gate import check_book, expected

    problems = check_book(finished.docx_bytes, expected(cfg.config))
    if problems:
        raise GateError(details=problems, key="build.gate_failed")


def publish_stage(cfg: LoadedConfig, opts: BuildOptions, books: list, finished: list, exports: dict,
                  validation: Validation, notices: list, names) -> list[Published]:
    """Every output written to a temporary name and renamed into place: the books, the dataset, the diagnostics.

    One book is ``<base>.docx``; books are ``<base>-buku-1.docx``, ``<base>-buku-2.docx``, ...
    """
    out = opts.out_dir
    write_json(out / "diagnostics.json", _diagnostics(validation, notices, opts.lang))
    for name, data in exports.items():
        write_atomic(out / name, data)
    published = []
    for book, done in zip(books, finished):
        stem = book_stem(cfg, opts, names, book.book)
        docx_path = write_atomic(stem.with_name(stem.name + ".docx"), done.docx_bytes)
        pdf_path = move_atomic(done.pdf, stem.with_name(stem.name + ".pdf")) if done.pdf else None
        title = cfg.config.books[book.book].title if book.book is not None else ""
        published.append(Published(docx_path, pdf_path, done.page_count, title))
    return published


def book_stem(cfg: LoadedConfig, opts: BuildOptions, names, book: int | None) -> Path:
    """Where a book is published, without its suffix: ``<base>``, or ``<base>-buku-2`` for a book of several."""
    target = names.stem if names else opts.out_dir / cfg.config.document.base_name
    return target if book is None else target.with_name(f"{target.name}-buku-{book + 1}")


def render_stage(background: Background, cfg: LoadedConfig, opts: BuildOptions, validation: Validation,
                 books: list | None = None):
    """The documents around the book, rendered and gated by the helper: without ``books``, those that print
    no part of the book (while the book is composed here); with them, the others (while it is finished).

    They name the book's published files. Returns the helper's job.
    """
    from pipeline.documents import prints_the_book, render_documents, tagged_parts

    names = [n for n in wanted(cfg) if prints_the_book(n) == (books is not None)]
    suffix = ".pdf" if background.pdf else ".docx"
    files = [book_stem(cfg, opts, None, volume).name + suffix for volume in volumes(cfg)]
    return background.helper.submit(render_documents, cfg, validation.dataset, tagged_parts(books or [], names),
                                    today=opts.today, pdf=background.office is not None, book_files=files,
                                    cache_dir=opts.out_dir / "cache")


def documents_ahead(background: Background, cfg: LoadedConfig, opts: BuildOptions, rendering: list
                    ) -> Callable[[], list]:
    """The documents' PDFs, made before the book's; returns the wait for the documents.

    A fresh LibreOffice converts the three in 0.7 s, the same instance after
    the 400-page book in 5 s. Without LibreOffice the wait is for the helper's
    rendering. Any failure (a user's broken template, or a bug of ours) is
    raised by the wait, after the book is published, as it would be without
    LibreOffice.
    """
    from pipeline.documents import Rendered, convert_documents

    def convert() -> list:
        return convert_documents(cfg, Rendered.joined([job.result() for job in rendering]), office=background.office,
                                 work=background.work / "documents", cache_dir=opts.out_dir / "cache")

    if background.office is None:
        return convert
    done: Future = Future()
    try:
        done.set_result(convert())
    except Exception as exc:  # noqa: BLE001 - raised again by the wait, unchanged
        done.set_exception(exc)
    return done.result


def documents_stage(cfg: LoadedConfig, opts: BuildOptions, made: list) -> tuple[list, list]:
    """The documents around the book, after the book is published: (written documents, their notices)."""
    from pipeline.documents import publish_documents

    return publish_documents(cfg, made, opts.out_dir), [n for m in made for n in m.notices]


def _diagnostics(validation: Validation, notices: list, lang: str):
    from pipeline.report import to_json

    return to_json(validation.diagnostics + notices, lang)


def draft_stage(cfg: LoadedConfig, opts: BuildOptions, names, validation: Validation, converted: list,
                left_out: list[str], notices: list, step: Callable[[str], None]):
    """After a draft is published: its manifest, changes report and redline.

    A redline that could not be made is a notice (added to ``notices``), never a failure.
    """
    out = opts.out_dir
    recorded = record_draft(cfg, names, validation=validation, converted=converted, left_out=left_out,
                            today=opts.today, folder=out / "drafts", cache_dir=out / "cache", lang=opts.lang,
                            step=step)
    notices += recorded.notices
    write_json(out / "diagnostics.json", _diagnostics(validation, notices, opts.lang))
    return recorded


def _rejected(validation: Validation, left_out: list[str]) -> set[tuple[str, str]]:
    """(section, OPD) of the fragments a draft leaves out: their place shows a notice."""
    return {(f.section, f.opd) for f in validation.fragments if f.rel in left_out}


def dataset_files(cfg: LoadedConfig, data, cache_dir: Path) -> dict[str, bytes | str]:
    """build/programmes.csv and build/programmes.xlsx, as file name -> contents (cached by dataset)."""
    key = cache.key("dataset-files", data.digest(), cfg.digest)
    files = cache.load(cache_dir, key)
    if files is None:
        from pipeline.programmes.export import to_csv, to_xlsx

        files = {"programmes.csv": to_csv(data), "programmes.xlsx": to_xlsx(data, cfg.config)}
        cache.store(cache_dir, key, files)
    return files


def admit(cfg: LoadedConfig, validation: Validation, opts: BuildOptions) -> tuple[list, list[str]]:
    """The fragments that go into the book, and those left out.

    A final build refuses while anything blocks it; a draft leaves out the
    fragments with errors (their place shows a notice); a normal build stops
    on any error, so that the last good book stays untouched.
    """
    if opts.final:
        blockers = final_blockers(cfg, validation, opts.lang)
        if blockers:
            raise ContentError(ui("build.final_refused", opts.lang, count=len(blockers)), blockers)
        return validation.fragments, []
    if opts.draft:
        usable = validation.usable()
        return usable, sorted({f.rel for f in validation.fragments} - {f.rel for f in usable})
    blocking = validation.errors or (validation.warnings if opts.strict else [])
    if blocking:
        raise ContentError(ui("build.refused", opts.lang, errors=len(blocking)), diagnostics=blocking)
    return validation.fragments, []


def final_blockers(cfg: LoadedConfig, validation: Validation, lang: str = "id") -> list[str]:
    """Everything that keeps the book from being final: missing parts and every error."""
    have = {(f.section, f.opd) for f in validation.fragments}
    out = [ui("final.missing", lang, section=p.section.title, bab=p.chapter.label.removeprefix("BAB "), opd=p.owner,
              deadline=p.section.deadline or "-") for p in cfg.config.expected_parts() if p.key not in have]
    for d in validation.errors:
        text, _ = message(d, lang)
        out.append(f"{d.file} ({d.location.describe(lang)}): {d.code} {text}")
    return out + name_blockers(cfg, lang)
