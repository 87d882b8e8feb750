"""``build()``: the stages in order, gathering everything before writing anything.

discover + validate -> convert (+ generate) -> assemble -> finish (lists, PDF) -> gate -> publish
"""

from __future__ import annotations

import contextlib
import json
import time
import datetime as dt
import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import cache, libreoffice, orphans, poppler, stamp
from pipeline.config import LoadedConfig, build_inputs
from pipeline.convert import Converter, front_of
from pipeline.discover import find_files, read_fragment
from pipeline.log import library_warnings
from pipeline.errors import ContentError, DocumentRefused, EngineError, GateError
from pipeline.messages import message, ui
from pipeline.rules import diag
from pipeline.publish import move_atomic, write_atomic, write_json
from pipeline.sandbox import stop

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
class BuildResult:
    docx: Path
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


def build(cfg: LoadedConfig, opts: BuildOptions, step: Callable[[str], None] = lambda _: None) -> BuildResult:
    """Build the book into ``opts.out_dir``; raise ContentError or GateError without publishing.

    Warnings of the libraries go to ``build/warnings.log`` (see :mod:`pipeline.log`).
    """
    orphans.use_tmp(opts.out_dir / "tmp")
    with library_warnings(opts.out_dir / "warnings.log"):
        return _build(cfg, opts, step)


def _build(cfg: LoadedConfig, opts: BuildOptions, step: Callable[[str], None]) -> BuildResult:
    started = time.time_ns()
    out = opts.out_dir
    base = cfg.config.document.base_name

    read = build_inputs(cfg)
    roots = [*read.files, *read.folders]
    inputs = stamp.inputs_digest(roots, opts.key())

    step("validate")
    entries = [read_fragment(path, cfg) for path in find_files(cfg)]
    want_pdf = opts.pdf and libreoffice.soffice_path() is not None and poppler.available()
    with contextlib.ExitStack() as running:
        # Jobs side by side on two cores: LibreOffice starts up (it is handed the book at the end);
        # pandoc starts on the Markdown (a fragment that validation rejects was converted for
        # nothing, which costs time, never correctness); on a first build a forked helper loads the
        # chart libraries (later builds seldom redraw, and loading them for nothing cost an
        # incremental rebuild 0.1 s); validation runs meanwhile.
        office = running.enter_context(libreoffice.Office()) if want_pdf else None
        helper = running.enter_context(background())
        converter = running.enter_context(contextlib.closing(Converter(
            [f for f, diags in entries if not any(d.is_error for d in diags)], cfg.root,
            cfg.path(cfg.config.templates.house_style), out / "cache", front=lambda f: front_of(cfg, f))))
        generated = out / "cache" / "generated" / cache.code_digest()[:12]
        if not generated.is_dir():  # a first build (or new code): there will be charts to draw
            helper.submit(warm_up)
        # Imported only now that pandoc, LibreOffice and the helper are under way (the stages are
        # needed from here on; importing them first made every other job start 0.1 s later).
        from babel.dates import format_date
        from pipeline.assemble import assemble
        from pipeline.docx.gate import check_book, expected
        from pipeline.drafts import next_draft, previous_manifest, write_changes, write_manifest
        from pipeline.finish import finish
        from pipeline.generate import generate_all
        from pipeline.report import to_json, write_opd_reports
        from pipeline.validate import validate_project

        validation = validate_project(cfg, final=opts.final, cache_dir=out / "cache" / "analysis", entries=entries)
        write_json(out / "diagnostics.json", to_json(validation.diagnostics, opts.lang))
        write_opd_reports(out / "reports", validation.diagnostics,
                          {o.code: o.name for o in cfg.config.opds}, opts.lang)
        refused = known_refused(out / "cache", validation)  # LibreOffice refused these before: no second search
        validation.diagnostics += refused
        fragments, left_out = _admitted(cfg, validation, opts)

        step("convert")
        # The helper makes the generated sections, then the dataset files (both cached by the
        # dataset's digest), while the fragments are normalised and composed; the book waits for the
        # sections only at the end of composing.
        generating = helper.submit(generate_all, cfg, validation.dataset, generated)
        exporting = helper.submit(dataset_files, cfg, validation.dataset, out / "cache")
        converted = converter.converted(fragments)

        step("assemble")
        names = next_draft(out / "drafts", base, opts.today) if opts.draft else None
        label = f"{names.label} — {format_date(opts.today, 'd MMMM y', locale='id_ID')}" if names else ""
        rejected = {(f.section, f.opd) for f in validation.fragments if f.rel in left_out}
        book = assemble(cfg, converted, generated=generating.result, today=opts.today, draft_label=label,
                        rejected=rejected)

        step("finish")
        work = running.enter_context(orphans.tmpdir("build"))
        try:
            finished = finish(book, paper=cfg.config.document.paper, work=work, office=office)
        except DocumentRefused:
            bad = _refusing_fragments(cfg, converted, opts, office, work)
            refused = [diag("MP-E508", c.fragment.rel, opd=c.fragment.opd) for c in bad]
            validation.diagnostics += refused
            remember_refused(out / "cache", [c.fragment for c in bad])
            if not opts.draft:
                raise ContentError(ui("build.refused", opts.lang, errors=len(refused)), diagnostics=refused) from None
            converted = [c for c in converted if c not in bad]
            left_out += [c.fragment.rel for c in bad]
            rejected |= {(c.fragment.section, c.fragment.opd) for c in bad}
            book = assemble(cfg, converted, generated=generating.result, today=opts.today, draft_label=label,
                            rejected=rejected)
            finished = finish(book, paper=cfg.config.document.paper, work=work, office=office)
        if office is not None:
            office.close()  # done with LibreOffice: let it go now, not after publishing
        problems = check_book(finished.docx_bytes, expected(cfg.config))
        if problems:
            raise GateError("The assembled .docx failed its validity check; nothing was published.", problems)

        notices = book.notices + finished.notices
        step("publish")
        write_json(out / "diagnostics.json", to_json(validation.diagnostics + notices, opts.lang))
        for name, data in exporting.result().items():
            write_atomic(out / name, data)
        target = names.stem if names else out / base
        docx_path = write_atomic(target.with_name(target.name + ".docx"), finished.docx_bytes)
        pdf_path = move_atomic(finished.pdf, target.with_name(target.name + ".pdf")) if finished.pdf else None
        if names:
            manifest = draft_manifest(cfg, validation, converted, left_out)
            write_manifest(names, today=opts.today, **manifest)
            previous = previous_manifest(out / "drafts", base, names.number)
            write_changes(names, {"draft": names.number, **manifest}, previous, opts.today)
    cache.prune(out / "cache", started, keep=(stamp.STAMP, REFUSED))  # a good build: what it did not use goes
    skipped = None
    if opts.pdf and not want_pdf:
        skipped = ui("build.no_soffice", opts.lang, command=libreoffice.APT_LINE)
    result = BuildResult(docx=docx_path, pdf=pdf_path, validation=validation, pdf_skipped=skipped,
                         pages=finished.page_count, cached=sum(c.cached for c in converted),
                         converted=sum(not c.cached for c in converted), draft=names, left_out=left_out,
                         notices=notices, inputs=inputs, roots=roots)
    return result


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


def _refusing_fragments(cfg: LoadedConfig, converted: list, opts: BuildOptions, office, work: Path) -> list:
    """The fragments that make LibreOffice refuse the book (see :mod:`pipeline.refusal`).

    Raises EngineError when no single fragment is to blame: then it is our
    bug, not an OPD's file, and the book LibreOffice refused is kept for the
    developers.
    """
    from pipeline.assemble import assemble
    from pipeline.finish import finish
    from pipeline.refusal import refusing

    def opens(subset) -> bool:
        trial = work / f"trial-{len(list(work.glob('trial-*')))}"
        trial.mkdir()
        book = assemble(cfg, list(subset), today=opts.today)
        try:
            finish(book, paper=cfg.config.document.paper, work=trial, office=office)
        except DocumentRefused:
            return False
        return True

    bad = refusing(converted, opens)
    if not bad:
        kept = opts.out_dir / "refused-book.docx"
        move_atomic(work / "book-pdf-pass.docx", kept)
        raise EngineError(ui("build.office_refused", opts.lang, path=kept))
    return bad


def dataset_files(cfg: LoadedConfig, data, cache_dir: Path) -> dict[str, bytes | str]:
    """build/programmes.csv and build/programmes.xlsx, as file name -> contents (cached by dataset)."""
    key = cache.key("dataset-files", data.digest(), cfg.digest)
    files = cache.load(cache_dir, key)
    if files is None:
        from pipeline.programmes.export import to_csv, to_xlsx

        files = {"programmes.csv": to_csv(data), "programmes.xlsx": to_xlsx(data, cfg.config)}
        cache.store(cache_dir, key, files)
    return files


def warm_up() -> None:
    """Load what :func:`generate_all` needs (in the helper, while the main process validates)."""
    import pipeline.generate  # noqa: F401 - docxtpl
    import pipeline.programmes.charts  # noqa: F401 - matplotlib


@contextlib.contextmanager
def background():
    """One forked helper process (it starts with our modules loaded); yields its executor.

    When the build fails, the helper is stopped instead of waited for.
    """
    pool = ProcessPoolExecutor(max_workers=1, mp_context=mp.get_context("fork"), initializer=orphans.die_with_parent)
    try:
        yield pool
    except BaseException:
        stop(pool, kill=True)
        raise
    stop(pool, kill=False)


def _admitted(cfg: LoadedConfig, validation: Validation, opts: BuildOptions) -> tuple[list, list[str]]:
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
    from pipeline.docx.book import roman

    have = {(f.section, f.opd) for f in validation.fragments}
    out = [ui("final.missing", lang, section=p.section.title, bab=roman(p.chapter.bab), opd=p.owner,
              deadline=p.section.deadline or "-") for p in cfg.config.expected_parts() if p.key not in have]
    for d in validation.errors:
        text, _ = message(d, lang)
        out.append(f"{d.file} ({d.location.describe(lang)}): {d.code} {text}")
    return out


def draft_manifest(cfg: LoadedConfig, validation: Validation, converted, left_out: list[str]) -> dict:
    """Fragments with hash, OPD, version and verdict; sections with their text (for the next changes report)."""
    from pipeline.docx.inspect import plain_text

    warned = {d.file for d in validation.warnings}
    fragments = [{"file": f.rel, "opd": f.opd, "section": f.section, "version": f.meta.version, "date": f.meta.date,
                  "sha256": f.digest, "verdict": "ditolak" if f.rel in left_out else
                  ("peringatan" if f.rel in warned else "baik")} for f in validation.fragments]
    texts: dict[str, list[str]] = {}
    for conv in converted:
        texts.setdefault(conv.fragment.section, []).append(plain_text(conv.path, conv.marker))
    sections = {s.id: {"title": s.title, "opds": s.owners, "text": "\n".join(texts.get(s.id, []))}
                for _, s in cfg.config.sections() if not s.generate}
    return {"fragments": fragments, "sections": sections}
