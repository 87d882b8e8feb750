"""The project config ``masterplan.yml``: schema, loading and cross-checks.

Like mkdocs, loading gathers *every* problem before failing: pydantic reports
all schema errors with their paths, cross-checks (an owner OPD that is not in
the registry, a duplicated section id) are added to the same list, and unknown
keys become warnings rather than errors.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
import hashlib
import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError

from pipeline.configmodel import ConfigModel
from pipeline.errors import ConfigError
from pipeline.kinds import KINDS
from pipeline.messages import ui
from pipeline.names import Match, Names
from pipeline.names import key as name_key
from pipeline.signatories import Head, Kecamatan, Member
from pipeline.signatories import cross_check as people_check
from pipeline.yamlsafe import YamlError, load_yaml

CONFIG_NAME = "masterplan.yml"


class Region(ConfigModel):
    """The regency or city that writes the masterplan."""

    type: Literal["Kabupaten", "Kota"]
    name: str
    seat: str = Field(description="Seat of government, used above signatures")
    head_title: str = Field(description="e.g. Bupati Simalungun")
    head_name: str
    team_lead: str = Field("", description="Head of the Tim Pelaksana Smart City, signs the second foreword")
    emblem: str | None = Field(None, description="Path to the emblem image, relative to the project")
    province: str = Field("", description="e.g. Sumatera Utara: the head line of a regulation (BUPATI X / PROVINSI Y)")
    secretary: str = Field("", description="Name of the Sekretaris Daerah, who promulgates a Peraturan Bupati")

    @property
    def full_name(self) -> str:
        return f"{self.type} {self.name}"


class Period(ConfigModel):
    """The plan period, in years, inclusive."""

    start: int = Field(ge=2000, le=2100)
    end: int = Field(ge=2000, le=2100)

    @property
    def years(self) -> list[int]:
        return list(range(self.start, self.end + 1))


class Fonts(ConfigModel):
    body: str = "Arial"
    heading: str = "Arial"


class Document(ConfigModel):
    """Look and naming of the book."""

    title: str = "Masterplan Smart City"
    paper: Literal["A4", "F4"] = "A4"
    fonts: Fonts = Fonts()
    heading_numbering: Literal["decimal", "alpha"] = Field(
        "decimal", description="decimal: 1.1 / 1.1.1; alpha: A. / 1. / a."
    )
    base_name: str = Field("masterplan", pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    date: dt.date | None = Field(None, description="Signing date; default: the build date")
    rupiah_space: bool = False
    author: str = Field("", description="The book's author in its properties; default: Tim Pelaksana Smart City <region>")


class Templates(ConfigModel):
    master: str = "templates/master.docx"
    house_style: str = "templates/house-style.docx"
    form: str = "templates/form.docx"
    generated: str = Field("templates/generated", description="Folder of the generated sections' templates")
    documents: str = Field("templates/documents", description="Folder of the companion documents' templates")


class Opd(ConfigModel):
    """One regional department in the registry."""

    code: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str
    short: str
    aliases: list[str] = Field([], description="Other ways staff write this OPD, e.g. 'Dinas Kominfo'")
    head: Head | None = Field(None, description="The head of the OPD, as they sign the commitment sheet")


class Element(ConfigModel):
    name: str
    aliases: list[str] = []


class Dimension(ConfigModel):
    name: str
    aliases: list[str] = []
    elements: list[Element]


class Section(ConfigModel):
    """One section of a chapter, written by one or more OPDs."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str
    owners: list[str] = []
    required_headings: list[str] = []
    deadline: dt.date | None = None
    dimension: str | None = Field(None, description="The dimension whose programmes this section holds")
    generate: str | None = Field(
        None, description="Made by the pipeline from the programme dataset instead of an OPD file")


class Chapter(ConfigModel):
    """A BAB of the outline; with ``appendix: true`` a LAMPIRAN (``bab`` then only gives its place)."""

    bab: int = Field(ge=1, le=30)
    title: str
    sections: list[Section] = []
    appendix: bool = Field(False, description="Printed as LAMPIRAN, without a BAB number, after the BABs")

    @property
    def label(self) -> str:
        """'BAB IV', or 'LAMPIRAN' for an appendix."""
        from pipeline.docx.book import roman

        return "LAMPIRAN" if self.appendix else f"BAB {roman(self.bab)}"


class Book(ConfigModel):
    """One book of a masterplan published as several (Buku 1 Analisis Strategis, Buku 2 Masterplan, ...)."""

    title: str = Field(description="e.g. 'Analisis Strategis'; printed under 'BUKU <n>' on the cover")
    babs: list[int] = Field(min_length=1, description="The BAB numbers of the outline in this book")


class Companion(ConfigModel):
    """Settings of one companion document (build/<base>-<name>.docx and .pdf)."""

    make: bool = Field(True, description="Write this document with every build")
    paper: Literal["A4", "F4"] = "A4"
    font: str = Field("", description="Its one font; default: document.fonts.body")
    date: dt.date | None = Field(None, description="The date it carries; default: document.date")


class Documents(ConfigModel):
    """The documents around the book: commitment sheet, draft regulation, executive summary."""

    komitmen: Companion = Companion()
    perbup: Companion = Companion(paper="F4", font="Bookman Old Style")
    ringkasan: Companion = Companion()


class Limits(ConfigModel):
    """What one chapter file may hold: intake refuses more, so that the build can always build what it took in."""

    file_mb: int = Field(25, ge=1, le=200, description="Size of a file (also the web desk's upload cap)")
    pages: int = Field(200, ge=1, description="Estimated pages (words / 400)")
    table_rows: int = Field(5000, ge=1, description="Table rows, all tables of the file together")
    captions: int = Field(1000, ge=1, description="Tables and figures (each gets a numbered caption)")
    images: int = Field(1000, ge=1, description="Pictures")


@dataclass(frozen=True)
class Part:
    """One OPD's part of one section: what the outline expects a file for."""

    chapter: "Chapter"
    section: "Section"
    owner: str

    @property
    def key(self) -> tuple[str, str]:
        """(section id, OPD code), as fragments are matched."""
        return self.section.id, self.owner


class Config(ConfigModel):
    """The whole masterplan.yml."""

    region: Region
    period: Period
    document: Document = Document()
    templates: Templates = Templates()
    opds: list[Opd] = Field(min_length=1)
    dimensions: list[Dimension] = []
    outline: list[Chapter] = Field(min_length=1)
    books: list[Book] = Field([], description="Group the BABs into books (Buku 1, Buku 2, ...); none: one book")
    kecamatan: list[Kecamatan] = []
    dewan_smart_city: list[Member] = []
    tim_pelaksana: list[Member] = []
    documents: Documents = Documents()
    chapters_dir: str = "chapters"
    limits: Limits = Limits()
    _opd_names: Names | None = PrivateAttr(None)

    # -- lookups -----------------------------------------------------------------
    @property
    def author(self) -> str:
        """The book's author (document properties, the PDF's Author): ``document.author`` or the editors."""
        return self.document.author or f"Tim Pelaksana Smart City {self.region.full_name}"

    def opd(self, code: str) -> Opd | None:
        """The OPD with exactly this registry code."""
        return next((o for o in self.opds if o.code == code), None)

    def opd_names(self) -> Names:
        """Every way of writing each OPD: code, short name, official name, aliases (canonical: the code)."""
        if self._opd_names is None:
            names = Names()
            for o in self.opds:
                names.add(o.code, o.short, o.name, *o.aliases)
            self._opd_names = names
        return self._opd_names

    def find_opd(self, text: str) -> Match | None:
        """The OPD ``text`` names, written in any accepted form; a trailing region name is ignored.

        "Dinas Kominfo", "DISKOMINFO", "Dinas Komunikasi dan Informatika" and
        "Diskominfo Kabupaten Simalungun" all give ``kominfo``.
        """
        names = self.opd_names()
        found = names.lookup(text)
        if found is None:
            region = re.escape(self.region.name)
            bare = re.sub(rf"[\s,]*\b(?:pemerintah\s+)?(?:kabupaten|kab\.?|kota|pemkab|pemko)?\s*{region}\s*$", "",
                          text, flags=re.I)
            found = names.lookup(bare) if bare.strip() and bare != text else None
        return found

    def book_chapters(self) -> list[list[Chapter]]:
        """The chapters of each book in outline order; without ``books``, one book of every chapter."""
        if not self.books:
            return [list(self.outline)]
        return [[c for c in self.outline if c.bab in set(b.babs)] for b in self.books]

    def sections(self) -> list[tuple[Chapter, Section]]:
        return [(c, s) for c in self.outline for s in c.sections]

    def section(self, sid: str) -> tuple[Chapter, Section] | None:
        return next(((c, s) for c, s in self.sections() if s.id == sid), None)

    def expected_parts(self) -> list[Part]:
        """Every (section, owner OPD) part the book expects from an OPD, in outline and owner order.

        Generated sections expect no OPD's file. Final builds, the status board
        and the book's placeholders all count from this list.
        """
        return [Part(c, s, owner) for c, s in self.sections() if not s.generate for owner in s.owners]


class LoadedConfig(BaseModel):
    """A valid config together with where it came from and its warnings."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    config: Config
    root: Path
    warnings: list[str]
    digest: str

    def path(self, rel: str) -> Path:
        return (self.root / rel).resolve()


@dataclass(frozen=True)
class Inputs:
    """Everything a build reads: files, and folders whose every file counts (new files included)."""

    files: tuple[Path, ...]
    folders: tuple[Path, ...]


def build_inputs(cfg: LoadedConfig) -> Inputs:
    """The one list of what a build reads; everything that decides "unchanged" uses it.

    The config; every template the config names, wherever it lives (the master,
    the house style, the form, the generated sections' folder); the emblem; the
    chapters folder; and every picture a Markdown fragment refers to that the
    image guard lets in, also outside ``chapters/`` (e.g. ``assets/``). The
    pipeline's own code is added by the digest (:func:`pipeline.stamp.inputs_digest`).
    """
    from pipeline import mdimages
    from pipeline.discover import find_files, split_front_matter

    c = cfg.config
    files = [cfg.root / CONFIG_NAME, cfg.path(c.templates.master), cfg.path(c.templates.house_style),
             cfg.path(c.templates.form)]
    if c.region.emblem:
        files.append(cfg.path(c.region.emblem))
    chapters = cfg.path(c.chapters_dir)
    pictures: set[Path] = set()
    for path in find_files(cfg):
        if path.suffix.lower() == ".md" and path.is_file():
            body = split_front_matter(path.read_text(encoding="utf-8", errors="replace"))[1]
            pictures |= {p for p in mdimages.allowed(body, path.parent, cfg.root).values()
                         if not p.is_relative_to(chapters)}
    folders = (chapters, cfg.path(c.templates.generated), cfg.path(c.templates.documents))
    return Inputs(tuple(dict.fromkeys(files + sorted(pictures))), folders)


def load_config(root: Path, lang: str = "id") -> LoadedConfig:
    """Read and check ``root/masterplan.yml``; raise :class:`ConfigError` listing every problem."""
    path = root / CONFIG_NAME
    if not path.is_file():
        raise ConfigError(ui("config.missing", lang, path=path))
    raw = path.read_bytes()
    key = (root.resolve(), lang, hashlib.sha256(raw).hexdigest())
    if key in _LOADED:  # a resident process (the desk) reads the same config for every upload and draft
        return _LOADED[key]
    loaded = _load_config(raw, root, lang)
    if len(_LOADED) >= 8:
        _LOADED.clear()
    _LOADED[key] = loaded
    return loaded


_LOADED: dict[tuple, LoadedConfig] = {}  # by project, language and the config's bytes; read, never changed


def _load_config(raw: bytes, root: Path, lang: str) -> LoadedConfig:
    try:
        data = load_yaml(raw)
    except YamlError as exc:
        raise ConfigError(ui("config.yaml", lang, detail=exc)) from None
    if not isinstance(data, dict):
        raise ConfigError(ui("config.yaml", lang, detail="top level must be a mapping"))
    problems: list[str] = []
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            where = ".".join(str(p) for p in err["loc"]) or "(root)"
            problems.append(f"{where}: {err['msg']}")
        raise ConfigError(ui("config.invalid", lang, count=len(problems)), problems) from None
    problems.extend(_cross_check(config))
    if problems:
        raise ConfigError(ui("config.invalid", lang, count=len(problems)), problems)
    warnings = [ui("config.unknown_key", lang, key=k) for k in _unknown_keys(config)]
    return LoadedConfig(config=config, root=root.resolve(), warnings=warnings,
                        digest=hashlib.sha256(raw).hexdigest())


def _cross_check(cfg: Config) -> list[str]:
    """Relations pydantic cannot see: registry references, uniqueness, period order."""
    out: list[str] = []
    if cfg.period.end < cfg.period.start:
        out.append(f"period: end {cfg.period.end} is before start {cfg.period.start}")
    codes = [o.code for o in cfg.opds]
    for code in {c for c in codes if codes.count(c) > 1}:
        out.append(f"opds: code '{code}' is registered twice")
    spelled: dict[str, str] = {}
    for oi, o in enumerate(cfg.opds):
        for spelling in (o.code, o.short, o.name, *o.aliases):
            k = name_key(spelling)
            if k and spelled.setdefault(k, o.code) != o.code:
                out.append(f"opds.{oi}: '{spelling}' also names OPD '{spelled[k]}'; each name may belong to one OPD")
    seen_ids: set[str] = set()
    babs = [c.bab for c in cfg.outline]
    for b in {b for b in babs if babs.count(b) > 1}:
        out.append(f"outline: BAB {b} appears twice")
    for ci, chap in enumerate(cfg.outline):
        for si, sec in enumerate(chap.sections):
            where = f"outline.{ci}.sections.{si}"
            if sec.id in seen_ids:
                out.append(f"{where}.id: section id '{sec.id}' is used twice")
            seen_ids.add(sec.id)
            for oi, owner in enumerate(sec.owners):
                if owner not in codes:
                    out.append(f"{where}.owners.{oi}: OPD '{owner}' is not in opds")
            if not sec.owners and not sec.generate:
                out.append(f"{where}.owners: a section needs at least one owner OPD (or 'generate')")
            if sec.dimension and sec.dimension not in {d.name for d in cfg.dimensions}:
                out.append(f"{where}.dimension: '{sec.dimension}' is not one of the dimensions")
            if sec.generate and sec.generate not in KINDS:
                out.append(f"{where}.generate: '{sec.generate}' is not a generated section "
                           f"({', '.join(KINDS)})")
    return out + _check_books(cfg) + people_check(cfg)


def _check_books(cfg: Config) -> list[str]:
    """Appendices come after the BABs; with ``books``, every BAB is in exactly one book, in outline order."""
    out: list[str] = []
    seen_appendix = False
    for ci, chap in enumerate(cfg.outline):
        if seen_appendix and not chap.appendix:
            out.append(f"outline.{ci}: BAB {chap.bab} comes after a LAMPIRAN; appendices go last")
        seen_appendix |= chap.appendix
    if not cfg.books:
        return out
    babs = [c.bab for c in cfg.outline]
    placed: dict[int, int] = {}
    for bi, book in enumerate(cfg.books):
        for ji, bab in enumerate(book.babs):
            if bab not in babs:
                out.append(f"books.{bi}.babs.{ji}: BAB {bab} is not in the outline")
            elif bab in placed:
                out.append(f"books.{bi}.babs.{ji}: BAB {bab} is already in book {placed[bab] + 1}")
            else:
                placed[bab] = bi
    for bab in babs:
        if bab not in placed:
            out.append(f"books: BAB {bab} is in no book; list it under the book it belongs to")
    order = [placed[b] for b in babs if b in placed]
    if order != sorted(order):
        out.append("books: the books must follow the outline's order (Buku 1 holds the first BABs)")
    return out


def _unknown_keys(model: BaseModel, prefix: str = "") -> list[str]:
    """Dotted paths of keys that no schema field declares."""
    found = [f"{prefix}{k}" for k in (model.model_extra or {})]
    for name in type(model).model_fields:
        value = getattr(model, name)
        items = value if isinstance(value, list) else [value]
        for i, item in enumerate(items):
            if isinstance(item, BaseModel):
                idx = f".{i}" if isinstance(value, list) else ""
                found += _unknown_keys(item, f"{prefix}{name}{idx}.")
    return found

