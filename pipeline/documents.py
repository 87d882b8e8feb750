"""The documents around the book, a step after the book is published.

* ``build/<base>-komitmen.docx/.pdf``: the Lembar Komitmen Bersama (the same
  template as the book's ``generate: komitmen`` section);
* ``build/<base>-perbup.docx/.pdf``: the Rancangan Peraturan Bupati;
* ``build/<base>-ringkasan.docx/.pdf``: the Ringkasan Eksekutif.

Each is rendered from its template in the sandbox, given its paper and font
(``documents.<name>`` in the config), passes the same gate as the book, goes
through LibreOffice (which must open it) and has its PDF's fonts checked; only
when all of them pass are they published, each through a temporary name. Their
variables come from the config, the programme dataset and the book's tagged
parts (:mod:`pipeline.document_data`). A draft build does not write them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import cache, fontcheck, poppler
from pipeline.config import LoadedConfig
from pipeline.errors import ConfigError, GateError
from pipeline.messages import BOOK_LANGUAGE, ui
from pipeline.publish import move_atomic, write_atomic
from pipeline.report import EDITOR
from pipeline.rules import diag
from pipeline.model import Location
from pipeline.signatories import missing_names

NAMES = ("komitmen", "perbup", "ringkasan")
CONFIG_FILE = "masterplan.yml"


@dataclass
class Written:
    """One companion document as published."""

    name: str
    docx: Path
    pdf: Path | None
    pages: int = 0


@dataclass
class Made:
    """A companion document rendered and checked, not yet published."""

    name: str
    data: bytes
    pdf: Path | None
    pages: int
    notices: list = field(default_factory=list)


def wanted(cfg: LoadedConfig) -> list[str]:
    """The companion documents this config asks for, in their order."""
    return [n for n in NAMES if getattr(cfg.config.documents, n).make]


def font_of(cfg: LoadedConfig, name: str) -> str:
    return getattr(cfg.config.documents, name).font or cfg.config.document.fonts.body


def file_of(cfg: LoadedConfig, name: str, suffix: str) -> str:
    return f"{cfg.config.document.base_name}-{name}{suffix}"


def template_path(cfg: LoadedConfig, name: str) -> Path:
    """komitmen is a generated kind (``templates/generated``); the others live in ``templates/documents``."""
    if name == "komitmen":
        from pipeline.generate import template_of

        return template_of(cfg, "komitmen")
    return cfg.path(cfg.config.templates.documents) / f"{name}.docx"


# -- names: notices in a draft, blockers for --final -----------------------------------------------------------
def name_notices(cfg: LoadedConfig) -> list:
    """MP-W831 for every name a document being made will print as a dotted line."""
    return [diag("MP-W831", CONFIG_FILE, Location(part=s.where), opd=EDITOR, position=s.position, where=s.where,
                 document=ui(f"documents.{doc}", BOOK_LANGUAGE)) for s, doc in missing_names(cfg.config)]


def name_blockers(cfg: LoadedConfig, lang: str) -> list[str]:
    """The same, as lines of a refused final build."""
    return [ui("documents.final_missing_name", lang, position=s.position, where=s.where)
            for s, _ in missing_names(cfg.config)]


# -- the charts, drawn in the helper process -------------------------------------------------------------------
def draw_charts(cfg: LoadedConfig, data, cache_dir: Path) -> dict[str, bytes]:
    """The roadmap chart of the executive summary (cached by the dataset), or nothing when there is no programme."""
    if "ringkasan" not in wanted(cfg):
        return {}
    key = cache.key("document-charts", data.digest(), cfg.digest)
    found = cache.load(cache_dir, key)
    if found is None:
        from pipeline.programmes import charts
        from pipeline.programmes.summary import roadmap

        c = cfg.config
        groups = roadmap(data, c)
        found = {}
        if any(progs for _, progs in groups):
            found["gantt"] = charts.gantt(groups, c.period.years, charts.dimension_colours([d.name for d in c.dimensions]))
        cache.store(cache_dir, key, found)
    return found


# -- the step ---------------------------------------------------------------------------------------------------
TAGS = {"komitmen": (), "perbup": ("dasar-hukum",), "ringkasan": ("visi", "misi")}


def prints_the_book(name: str) -> bool:
    """Whether a document prints tagged parts of the book (it is rendered once the book is composed)."""
    return bool(TAGS[name])


def tagged_parts(books: list, names: list[str]) -> dict[str, dict]:
    """The book's tagged parts each of the documents ``names`` prints (plain text), by document and tag."""
    return {name: {tag: _tagged(books, tag) for tag in TAGS[name]} for name in names}


@dataclass
class Rendered:
    """The documents rendered and gated (the helper's work), with what their PDFs are checked against."""

    made: list[Made]
    fonts: dict[str, tuple]  # name -> (font, named fonts, bullet fonts), for the fresh ones only
    keys: dict[str, str]  # name -> cache key
    cached_pdfs: dict[str, bytes] = field(default_factory=dict)  # name -> the PDF kept with a cached document

    @staticmethod
    def joined(parts: list[Rendered]) -> Rendered:
        """Several renderings as one, their documents in the order given."""
        return Rendered([m for r in parts for m in r.made], {k: v for r in parts for k, v in r.fonts.items()},
                        {k: v for r in parts for k, v in r.keys.items()},
                        {k: v for r in parts for k, v in r.cached_pdfs.items()})


def render_documents(cfg: LoadedConfig, data, parts: dict[str, dict], *, today: dt.date, pdf: bool,
                     book_files: list[str], cache_dir: Path) -> Rendered:
    """Render and gate the documents of ``parts`` (its keys); raise GateError before anything is published.

    Runs in the build's helper: a document that prints no part of the book while
    the book is composed, the others while it is finished. A document whose
    inputs are unchanged (config, dataset, template, the book's tagged parts,
    the date, the code) comes from ``cache_dir`` as it was made, PDF included.
    """
    charts = draw_charts(cfg, data, cache_dir) if "ringkasan" in parts else {}
    made: list[Made] = []
    fonts: dict[str, tuple] = {}
    keys: dict[str, str] = {}
    cached_pdfs: dict[str, bytes] = {}
    for name in parts:
        template = template_path(cfg, name)
        if not template.is_file():
            raise ConfigError(key="config.template_error", file=template.name, detail=ui("documents.no_template",
                                                                                          BOOK_LANGUAGE, path=template))
        keys[name] = cache.key("document", name, cfg.digest, data.digest(), template.read_bytes(),
                               repr({t: p.paragraphs if p else None for t, p in parts[name].items()}),
                               repr(book_files), today.isoformat(), repr(sorted(charts)), str(pdf))
        kept = cache.load(cache_dir, keys[name])
        if kept is not None:
            _, raw, pdf_bytes, pages, notices = kept
            made.append(Made(name, raw, None, pages, list(notices)))
            if pdf_bytes is not None:
                cached_pdfs[name] = pdf_bytes
            continue
        m, fonts[name] = _make(cfg, name, data, parts[name], charts, today, book_files)
        made.append(m)
    return Rendered(made, fonts, keys, cached_pdfs)


def convert_documents(cfg: LoadedConfig, rendered: Rendered, *, office, work: Path, cache_dir: Path) -> list[Made]:
    """The PDFs of the fresh documents, in one hand-over to LibreOffice (which must open each); each kept."""
    work.mkdir(parents=True, exist_ok=True)
    made = rendered.made
    for m in made:
        if m.name in rendered.cached_pdfs:
            m.pdf = work / f"{m.name}.cached.pdf"
            m.pdf.write_bytes(rendered.cached_pdfs[m.name])
    fresh = [m for m in made if m.name in rendered.fonts]
    if office is not None and fresh:
        pairs = [(work / file_of(cfg, m.name, ".docx"), work / file_of(cfg, m.name, ".pdf")) for m in fresh]
        for m, (src, _) in zip(fresh, pairs):
            src.write_bytes(m.data)
        office.convert_all(pairs)
        for m, (_, pdf) in zip(fresh, pairs):
            m.pdf, m.pages = pdf, poppler.page_count(pdf)
            font, named, bullets = rendered.fonts[m.name]
            m.notices += _font_notices(cfg, m.name, font, pdf, named, bullets)
    for m in fresh:
        cache.store(cache_dir, rendered.keys[m.name], (m.name, m.data, m.pdf.read_bytes() if m.pdf else None,
                                                       m.pages, m.notices))
    return made


def _make(cfg: LoadedConfig, name: str, data, parts: dict, charts: dict, today: dt.date, book_files: list[str]):
    """(the document rendered and gated, its fonts for the PDF check)."""
    from pipeline.docx import companion
    from pipeline.docx.gate import Expected, check_book
    from pipeline.docx.house import bullet_fonts, named_fonts

    c = cfg.config
    notices: list = []
    doc = _render(cfg, name, data, parts, charts, today, book_files, notices)
    font = font_of(cfg, name)
    title = f"{ui(f'documents.{name}', BOOK_LANGUAGE)} {c.document.title} {c.region.full_name}"
    raw = companion.finish_document(doc, paper=getattr(c.documents, name).paper, font=font, title=title,
                                    subject=f"{c.document.title} {c.region.full_name} {c.period.start}–{c.period.end}",
                                    author=c.author, built=dt.datetime.now(dt.timezone.utc).replace(microsecond=0),
                                    inputs_hash=hashlib.sha256((cfg.digest + data.digest()).encode()).hexdigest())
    problems = check_book(raw, Expected(body_font=font, heading_font=font, author=c.author))
    if problems:
        raise GateError(details=problems, key="documents.gate_failed", file=file_of(cfg, name, ".docx"))
    return Made(name, raw, None, 0, notices), (font, named_fonts(doc), bullet_fonts(doc))


def publish_documents(cfg: LoadedConfig, made: list[Made], out: Path) -> list[Written]:
    """Each document renamed into place (a failure before this point leaves the previous ones untouched)."""
    written = []
    for m in made:
        docx_path = write_atomic(out / file_of(cfg, m.name, ".docx"), m.data)
        pdf_path = move_atomic(m.pdf, out / file_of(cfg, m.name, ".pdf")) if m.pdf else None
        written.append(Written(m.name, docx_path, pdf_path, m.pages))
    return written


def _render(cfg: LoadedConfig, name: str, data, parts: dict, charts: dict, today: dt.date, book_files: list[str],
            notices: list):
    from pipeline import document_data as dd
    from pipeline.docx import companion

    c = cfg.config
    template = template_path(cfg, name)
    if name == "komitmen":
        return companion.render(template, dd.komitmen_context(c, today))
    if name == "perbup":
        basis = parts["dasar-hukum"]
        if basis is None or not basis.items:
            notices.append(diag("MP-W832", file_of(cfg, name, ".docx"), Location(part="sec:dasar-hukum"), opd=EDITOR))
        items = basis.items if basis else None
        return companion.render(template, dd.perbup_context(c, data, items, today, book_files))
    visi, misi = parts["visi"], parts["misi"]
    for part, tag in ((visi, "visi"), (misi, "misi")):
        if part is None:
            notices.append(diag("MP-W833", file_of(cfg, name, ".docx"), Location(part=f"sec:{tag}"), opd=EDITOR,
                                part=ui(f"documents.part.{tag}", BOOK_LANGUAGE), tag=f"sec:{tag}",
                                bookmark=f"sec_{tag}"))
    ctx, pictures, tables = dd.ringkasan_context(c, data, visi, misi, today, charts.get("gantt"))
    return companion.render(template, ctx, pictures=pictures, tables=tables)


def _tagged(books: list, tag: str):
    from pipeline.docx.tagged import tagged_part

    for book in books:
        part = tagged_part(book.document.element.body, book.headings, tag)
        if part is not None:
            return part
    return None


def _font_notices(cfg: LoadedConfig, name: str, font: str, pdf: Path, named, bullets) -> list:
    """The PDF's font notices (MP-W801 to MP-W803) for this document; the book's own fonts are the book's notices."""
    own = bool(getattr(cfg.config.documents, name).font)
    where = f"documents.{name}." if own else "document.fonts."
    found = fontcheck.font_notices(pdf, {"font" if own else "body": font}, named, bullets, prefix=where)
    book_fonts = {cfg.config.document.fonts.body, cfg.config.document.fonts.heading}
    out = []
    for n in found:
        if n.code == "MP-W802" and n.args.get("font") in book_fonts:
            continue  # said once, for the book
        out.append(dataclasses.replace(n, file=file_of(cfg, name, ".pdf")) if n.file == fontcheck.PDF_FILE else n)
    return out
