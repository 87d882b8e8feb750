"""One typed dataset of programmes and quick wins, with the diagnostics found on the way.

Rows are read from every fragment's recognised tables; dimensions, elements,
owners and funding sources are mapped to their canonical names from the
config. Every problem is a diagnostic pointing at the table row and column.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field, replace

from pipeline.captions import is_quick_win
from pipeline.config import Config
from pipeline.names import Match, Names, did_you_mean, key
from pipeline.model import Diagnostic, Fragment, Location
from pipeline.programmes.extract import RawTable, SourceTables
from pipeline.programmes.parse import header_multiplier, is_marked, parse_amount, parse_funding, parse_years
from pipeline.rules import diag

LAYERS = ("infrastruktur", "suprastruktur", "infostruktur")


@dataclass
class Programme:
    """One programme (or quick win) row, typed."""

    id: str
    kind: str  # "program" or "quick win"
    opd: str
    dimension: str
    element: str
    name: str
    description: str
    output: str
    years: list[int]
    amount: int | None
    funding: list[str]
    layer: str
    source: str
    table: int
    row: int
    line: int | None = None

    def as_row(self) -> dict:
        return {"id": self.id, "jenis": self.kind, "opd": self.opd, "dimensi": self.dimension,
                "elemen": self.element, "nama": self.name, "deskripsi": self.description, "output": self.output,
                "tahun": ";".join(str(y) for y in self.years), "anggaran": self.amount if self.amount is not None else "",
                "sumber_dana": ";".join(self.funding), "layer": self.layer, "berkas": self.source,
                "tabel": self.table, "baris": self.row}


@dataclass
class Dataset:
    programmes: list[Programme] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[Programme]:
        return [p for p in self.programmes if p.kind == kind]

    def digest(self) -> str:
        """A hash over every row: what the generated sections and dataset files are made from."""
        rows = json.dumps([p.as_row() for p in self.programmes], sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(rows.encode("utf-8")).hexdigest()


class Vocabulary:
    """Canonical dimensions, elements and OPDs from the config, with every accepted spelling."""

    def __init__(self, cfg: Config):
        self.cfg = cfg
        self.dimensions = Names()
        self.elements: dict[str, Names] = {}
        self.any_element = Names()
        for d in cfg.dimensions:
            self.dimensions.add(d.name, *d.aliases)
            els = self.elements.setdefault(d.name, Names())
            for e in d.elements:
                els.add(e.name, *e.aliases)
                self.any_element.add(e.name, *e.aliases)

    def dimension(self, text: str) -> Match | None:
        """The dimension ``text`` names: exactly, by an alias, or through a slip of one or two letters."""
        return self.dimensions.guess(text)

    def element(self, dimension: str, text: str) -> Match | None:
        """The element ``text`` names, preferring the row's dimension; a slip is read only when unambiguous."""
        own = self.elements.get(dimension)
        for find in ((own.lookup if own else None), self.any_element.lookup, (own.guess if own else None),
                     self.any_element.guess):
            found = find(text) if find else None
            if found:
                return found
        return None

    def nearest_elements(self, dimension: str, text: str) -> list[str]:
        own = self.elements.get(dimension)
        return (own or self.any_element).nearest(text)

    def opd(self, text: str) -> str | None:
        """The registry code of the OPD in an owner cell; with several ("Diskominfo, Bappeda") the first."""
        found = self.cfg.find_opd(text)
        if found is None:
            first = re.split(r",|;|/|\bdan\b|&", text)[0]
            found = self.cfg.find_opd(first) if first.strip() else None
        return found.canonical if found else None


def build_dataset(sources: list[SourceTables], cfg: Config, config_digest: str = "") -> Dataset:
    """Every recognised row of every fragment, plus diagnostics; cross-fragment checks included.

    With ``config_digest``, each fragment's rows are kept for as long as the process lives, by the
    configuration and the fragment's bytes and metadata: the desk's builder then reads again only the
    fragment that changed.
    """
    vocab: Vocabulary | None = None
    data = Dataset()
    if config_digest and (len(_ROWS) > _ROWS_MAX or any(key[0] != config_digest for key in _ROWS)):
        _ROWS.clear()  # another configuration (another vocabulary), or many versions of the files
    for src in sources:
        f = src.fragment
        key = (config_digest, f.rel, f.digest, f.section, f.opd)
        rows = _ROWS.get(key) if config_digest else None
        if rows is None:
            vocab = vocab or Vocabulary(cfg)
            rows = _rows_of(src, vocab, cfg)
            if config_digest:
                _ROWS[key] = rows
        data.programmes += rows[0]
        data.diagnostics += rows[1]
    data.diagnostics += _duplicates(data.programmes)
    return data


_ROWS: dict[tuple, tuple[list[Programme], list[Diagnostic]]] = {}
_ROWS_MAX = 4096


def _rows_of(src: SourceTables, vocab: Vocabulary, cfg: Config) -> tuple[list[Programme], list[Diagnostic]]:
    """One fragment's programmes and the diagnostics of their rows."""
    programmes: list[Programme] = []
    diagnostics: list[Diagnostic] = []
    section_dim = _section_dimension(src.fragment, cfg)
    quick_section = _quick_win_section(src.fragment, cfg)
    for table in src.tables:
        if table.layout is None:
            continue
        kind = "quick win" if table.quick_win or (table.profile and quick_section) else "program"
        for row, loc, group in zip(table.rows, table.locations, table.groups or [""] * len(table.rows)):
            if not any(c.strip() for c in row):
                continue
            prog, diags = _row(src.fragment, table, row, loc, vocab, section_dim, cfg, kind, group)
            diagnostics += diags
            if prog:
                programmes.append(prog)
    return programmes, diagnostics


def _section_dimension(frag: Fragment, cfg: Config) -> str:
    found = cfg.section(frag.section) if frag.section else None
    if found and getattr(found[1], "dimension", None):
        return found[1].dimension
    return ""


def _quick_win_section(frag: Fragment, cfg: Config) -> bool:
    """A section for quick wins: a profile table there is a quick win even when its caption went missing."""
    found = cfg.section(frag.section) if frag.section else None
    return bool(found) and ("quick" in found[1].id or is_quick_win(found[1].title))


_GROUP_PREFIX = re.compile(r"^\s*(?:[A-Za-z]|[IVX]+|\d+)[.)]\s+|^\s*elemen\s+", re.I)


def _group_element(vocab: Vocabulary, dimension: str, group: str) -> str:
    """The element a group row names ("B. Elemen Birokrasi" -> "Birokrasi"), exactly or by an alias."""
    text = group
    for _ in range(2):
        text = _GROUP_PREFIX.sub("", text, count=1)
    own = vocab.elements.get(dimension)
    found = (own.lookup(text) if own else None) or vocab.any_element.lookup(text)
    return found.canonical if found else ""


def _row(frag, table: RawTable, row, loc, vocab: Vocabulary, section_dim: str, cfg: Config, kind: str = "program",
         group: str = ""):
    lay = table.layout
    out: list[Diagnostic] = []

    def at(field_name: str) -> Location:
        col = lay.columns.get(field_name)
        if table.cell_locations and col is not None:
            return table.cell_locations[col]
        return replace(loc, column=col + 1 if col is not None else None)

    def d(code, field_name, **args):
        out.append(diag(code, frag.rel, at(field_name), **args))

    name = lay.cell(row, "name")
    if not name:
        d("MP-E311", "name", column=lay.headers[lay.columns["name"]])
    dimension = section_dim
    if lay.has("dimension"):
        text = lay.cell(row, "dimension")
        found = vocab.dimension(text) if text else None
        if not text:
            d("MP-E311", "dimension", column=lay.headers[lay.columns["dimension"]])
        elif not found:
            d("MP-E301", "dimension", value=text, nearest=did_you_mean(vocab.dimensions.nearest(text, 2)),
              known=", ".join(x.name for x in cfg.dimensions))
        else:
            dimension = found.canonical
            if found.how == "alias":
                d("MP-W302", "dimension", value=text, canonical=found.canonical)
            elif found.how == "typo":
                d("MP-W313", "dimension", value=text, canonical=found.canonical)
    element = _group_element(vocab, dimension, group) if group else ""
    if lay.has("element"):
        text = lay.cell(row, "element")
        found = vocab.element(dimension, text) if text else None
        if not text and element:
            pass  # the group row above names it
        elif not text:
            d("MP-E311", "element", column=lay.headers[lay.columns["element"]])
        elif not found:
            known = [e.name for x in cfg.dimensions if x.name == dimension for e in x.elements]
            d("MP-E303", "element", value=text, dimension=dimension or "?", known=", ".join(known) or "-",
              nearest=did_you_mean(vocab.nearest_elements(dimension, text)[:2]))
        else:
            element = found.canonical
            if found.how == "alias":
                d("MP-W304", "element", value=text, canonical=found.canonical)
            elif found.how == "typo":
                d("MP-W314", "element", value=text, canonical=found.canonical)
    owner = frag.opd or ""
    if lay.has("owner"):
        text = lay.cell(row, "owner")
        if not text:
            d("MP-E321", "owner", name=name or "?")
        else:
            code = vocab.opd(text)
            if code is None:
                d("MP-E305", "owner", value=text, nearest=did_you_mean(
                    [cfg.opd(c).short for c in cfg.opd_names().nearest(text, 2, close_only=True)]))
            else:
                owner = code
    years: list[int] = []
    if lay.year_columns:
        years = sorted(y for i, y in lay.year_columns.items() if i < len(row) and is_marked(row[i]))
    elif lay.has("years"):
        text = lay.cell(row, "years")
        parsed = parse_years(text) if text else None
        if not text:
            d("MP-E311", "years", column=lay.headers[lay.columns["years"]])
        elif parsed is None:
            d("MP-E307", "years", value=text)
        else:
            years = parsed
    if not years and lay.has("duration"):
        years = parse_years(lay.cell(row, "duration")) or []
    outside = [y for y in years if not cfg.period.start <= y <= cfg.period.end]
    if outside:
        d("MP-E306", "years", value=", ".join(map(str, outside)), start=cfg.period.start, end=cfg.period.end)
    amount = None
    if lay.has("amount"):
        text = lay.cell(row, "amount")
        parsed = parse_amount(text, header_multiplier(lay.headers[lay.columns["amount"]]))
        if not text:
            d("MP-E311", "amount", column=lay.headers[lay.columns["amount"]])
        elif parsed.value is None:
            d("MP-E308", "amount", value=text)
        else:
            amount = parsed.value
            if parsed.ambiguous:
                d("MP-W309", "amount", value=text, reason=parsed.reason, read=f"{parsed.value:,}".replace(",", "."))
    funding: list[str] = []
    if lay.has("funding"):
        text = lay.cell(row, "funding")
        known, unknown = parse_funding(text)
        funding = known
        if not text:
            d("MP-E311", "funding", column=lay.headers[lay.columns["funding"]])
        for u in unknown:
            d("MP-E310", "funding", value=u)
    layer = lay.cell(row, "layer").lower()
    layer = layer if layer in LAYERS else ""
    if not name:
        return None, out
    pid = "P-" + hashlib.sha1(f"{frag.section}|{key(name)}".encode()).hexdigest()[:8].upper()
    prog = Programme(id=pid, kind=kind, opd=owner, dimension=dimension, element=element, name=name,
                     description=lay.cell(row, "description"), output=lay.cell(row, "output"), years=years,
                     amount=amount, funding=funding, layer=layer, source=frag.rel, table=table.number,
                     row=loc.row or 0, line=loc.line)
    return prog, out


def _duplicates(progs: list[Programme]) -> list[Diagnostic]:
    """The same programme name submitted by two different OPDs (in programme tables)."""
    seen: dict[str, Programme] = {}
    out = []
    for p in progs:
        if p.kind != "program":
            continue
        k = key(p.name)
        first = seen.get(k)
        if first and first.opd != p.opd and first.source != p.source:
            out.append(diag("MP-W312", p.source, Location(line=p.line, table=p.table, row=p.row), opd=p.opd,
                            name=p.name, other=f"{first.opd} ({first.source})"))
        seen.setdefault(k, p)
    return out
