"""Summaries of the programme dataset: rekap anggaran, peta jalan, rekap quick win.

Only programme rows are summed (quick wins are usually programmes already).
A programme's amount is spread over its years, and over its funding sources,
in whole rupiah with the remainder on the last share, so every total is
exactly the sum of the rows it summarises.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from babel.numbers import format_decimal

from pipeline.config import Config
from pipeline.programmes.dataset import Dataset, Programme

NO_YEAR = 0


def split(amount: int, parts: int) -> list[int]:
    """Split ``amount`` into ``parts`` whole shares that add up exactly."""
    if parts <= 1:
        return [amount]
    share = amount // parts
    return [share] * (parts - 1) + [amount - share * (parts - 1)]


def rupiah(amount: int, space: bool = False, cents: bool = True) -> str:
    """PUEBI form: 'Rp1.500.000.000,00' (or 'Rp 1.500.000.000,00' when the config asks).

    Whole rupiah, grouped by '.', with ',00': written out here rather than by
    Babel, which costs a quarter of a millisecond a call (hundreds per book).
    """
    return f"Rp{' ' if space else ''}{number(amount)}{',00' if cents else ''}"


def number(amount: int) -> str:
    """A table cell amount: '1.500.000.000' (the unit is in the column header)."""
    return f"{int(amount):,}".replace(",", ".")


def juta(amount: int) -> str:
    """An amount in millions of rupiah for wide tables: 1.234.560.000 -> '1.234,56'."""
    return format_decimal(amount / 1_000_000, format="#,##0.00", locale="id_ID")


@dataclass
class Rekap:
    years: list[int]
    by_dimension_year: dict[str, dict[int, int]]
    by_dimension: dict[str, int]
    by_year: dict[int, int]
    by_funding: dict[str, int]
    by_funding_year: dict[str, dict[int, int]]
    by_opd: dict[str, int]
    count_by_opd: dict[str, int]
    total: int
    count: int
    count_by_dimension: dict[str, int]


def rekap(data: Dataset, cfg: Config) -> Rekap:
    """Totals per dimension × year, per funding source, per OPD."""
    years = cfg.period.years
    dims = [d.name for d in cfg.dimensions]
    by_dim_year: dict[str, dict[int, int]] = {d: {y: 0 for y in years} for d in dims}
    by_fund_year: dict[str, dict[int, int]] = defaultdict(lambda: {y: 0 for y in years})
    by_opd: dict[str, int] = defaultdict(int)
    count_by_opd: dict[str, int] = defaultdict(int)
    count_by_dim: dict[str, int] = {d: 0 for d in dims}
    progs = [p for p in data.of_kind("program") if p.amount is not None]
    for p in progs:
        span = [y for y in p.years if y in years] or [NO_YEAR]
        for y, share in zip(span, split(p.amount, len(span))):
            row = by_dim_year.setdefault(p.dimension or "(tanpa dimensi)", {yy: 0 for yy in years})
            row[y] = row.get(y, 0) + share
            sources = p.funding or ["Lainnya"]
            for f, part in zip(sources, split(share, len(sources))):
                by_fund_year[f][y] = by_fund_year[f].get(y, 0) + part
        by_opd[p.opd] += p.amount
        count_by_opd[p.opd] += 1
        dim = p.dimension or "(tanpa dimensi)"
        count_by_dim[dim] = count_by_dim.get(dim, 0) + 1
    by_dimension = {d: sum(v.values()) for d, v in by_dim_year.items()}
    by_year = {y: sum(v.get(y, 0) for v in by_dim_year.values()) for y in years}
    if any(NO_YEAR in v for v in by_dim_year.values()):
        by_year[NO_YEAR] = sum(v.get(NO_YEAR, 0) for v in by_dim_year.values())
    by_funding = {f: sum(v.values()) for f, v in sorted(by_fund_year.items(), key=lambda kv: -sum(kv[1].values()))}
    total = sum(p.amount for p in progs)
    return Rekap(years, by_dim_year, by_dimension, by_year, by_funding, dict(by_fund_year),
                 dict(sorted(by_opd.items(), key=lambda kv: -kv[1])), dict(count_by_opd), total, len(progs),
                 count_by_dim)


def dimension_year_table(r: Rekap) -> tuple[list[str], list[list[str]], set[int], set[int], list[float]]:
    """(header, rows, right-aligned columns, bold rows, column weights) of the budget per dimension and year,
    in millions of rupiah, with a 'Jumlah' row: the same table in the book's rekap and in the summary."""
    years = r.years
    rows = [[d] + [juta(v.get(y, 0)) for y in years] + [juta(r.by_dimension[d])]
            for d, v in r.by_dimension_year.items()]
    rows.append(["Jumlah"] + [juta(r.by_year.get(y, 0)) for y in years] + [juta(r.total)])
    return (["Dimensi"] + [str(y) for y in years] + ["Jumlah"], rows, set(range(1, len(years) + 2)),
            {len(rows) - 1}, [26] + [14] * len(years) + [16])


def roadmap(data: Dataset, cfg: Config) -> list[tuple[str, list[Programme]]]:
    """Programmes grouped by dimension in canonical order, each sorted by first year then name."""
    groups = []
    for d in cfg.dimensions:
        progs = [p for p in data.of_kind("program") if p.dimension == d.name]
        progs.sort(key=lambda p: (p.years[0] if p.years else 9999, p.name))
        groups.append((d.name, progs))
    return groups
