"""``build()``: the stages in order, gathering everything before writing anything.

discover + validate -> convert (+ generate) -> assemble -> finish (lists, PDF) -> gate -> publish
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import libreoffice, poppler
from pipeline.assemble import assemble
from pipeline.config import LoadedConfig
from pipeline.convert import convert_all
from pipeline.docx.gate import check_book
from pipeline.errors import ContentError, GateError
from pipeline.finish import finish
from pipeline.generate import generate_all
from pipeline.programmes.export import write_dataset
from pipeline.messages import ui
from pipeline.publish import move_atomic, write_atomic, write_json
from pipeline.report import to_json, write_opd_reports
from pipeline.validate import Validation, validate_project


@dataclass
class BuildOptions:
    out_dir: Path
    pdf: bool = True
    final: bool = False
    strict: bool = False
    lang: str = "id"
    today: dt.date = field(default_factory=dt.date.today)


@dataclass
class BuildResult:
    docx: Path
    pdf: Path | None
    validation: Validation
    pdf_skipped: str | None = None
    pages: int = 0
    cached: int = 0
    converted: int = 0


def build(cfg: LoadedConfig, opts: BuildOptions, step: Callable[[str], None] = lambda _: None) -> BuildResult:
    """Build the book into ``opts.out_dir``; raise ContentError or GateError without publishing."""
    out = opts.out_dir
    base = cfg.config.document.base_name

    step("validate")
    validation = validate_project(cfg, final=opts.final)
    write_json(out / "diagnostics.json", to_json(validation.diagnostics, opts.lang))
    write_opd_reports(out / "reports", validation.diagnostics,
                      {o.code: o.name for o in cfg.config.opds}, opts.lang)
    blocking = validation.errors or (validation.warnings if opts.strict else [])
    if blocking:
        raise ContentError(ui("build.refused", opts.lang, errors=len(blocking)))

    step("convert")
    converted = convert_all(validation.fragments, cfg.root, cfg.path(cfg.config.templates.house_style),
                            out / "cache")
    want_pdf = opts.pdf and libreoffice.soffice_path() is not None and poppler.available()
    with tempfile.TemporaryDirectory(prefix="mp-build-") as tmp:
        work = Path(tmp)
        step("generate")
        generated = generate_all(cfg, validation.dataset, work)

        step("assemble")
        book = assemble(cfg, converted + generated, today=opts.today)

        step("finish")
        finished = finish(book, paper=cfg.config.document.paper, work=work, pdf=want_pdf)
        problems = check_book(finished.docx_bytes)
        if problems:
            raise GateError("The assembled .docx failed its validity check; nothing was published.", problems)

        step("publish")
        write_dataset(out, validation.dataset, cfg.config)
        docx_path = write_atomic(out / f"{base}.docx", finished.docx_bytes)
        pdf_path = move_atomic(finished.pdf, out / f"{base}.pdf") if finished.pdf else None
    skipped = None
    if opts.pdf and not want_pdf:
        skipped = ui("build.no_soffice", opts.lang, command=libreoffice.APT_LINE)
    return BuildResult(docx=docx_path, pdf=pdf_path, validation=validation, pdf_skipped=skipped,
                       pages=finished.page_count, cached=sum(c.cached for c in converted),
                       converted=sum(not c.cached for c in converted))
