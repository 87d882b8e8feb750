"""Recognise programme and quick-win tables by their header.

Column names vary between OPDs; each field accepts the common variants. A
table is a programme table when its header names a programme and at least two
of: years, amount, funding source, owner.

Headers are built as people build them (:func:`split_header`): a header of two
rows is one header ("Tahun Pelaksanaan" merged over one column per year,
"Pendanaan dan Waktu" over "Indikasi Anggaran" and "Tahun"), a title row merged
across the whole table comes before it, and a row that numbers the columns
("(1) (2) (3) ...") or repeats the header (at a page break) is never a data row.
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field

FIELDS: dict[str, tuple[str, ...]] = {
    "no": ("no", "no.", "nomor", "#"),
    "dimension": ("dimensi", "dimension"),
    "element": ("elemen", "element", "elemen smart city"),
    "name": ("nama program", "program", "nama kegiatan", "program/kegiatan", "nama program/kegiatan",
             "kegiatan", "nama", "nama quick win", "program quick win"),
    "description": ("deskripsi", "uraian", "deskripsi program", "keterangan program", "deskripsi singkat"),
    "output": ("output", "output/outcome", "keluaran", "outcome", "indikator", "indikator (kpi) dan target",
               "indikator dan target", "target", "sasaran", "output / outcome"),
    "location": ("lokasi",),
    "years": ("tahun pelaksanaan", "tahun", "waktu pelaksanaan", "periode", "jangka waktu", "tahun anggaran"),
    "duration": ("waktu", "durasi", "lama pelaksanaan"),
    "amount": ("indikasi anggaran", "anggaran", "indikasi biaya", "biaya", "pagu", "nilai", "pagu indikatif",
               "kebutuhan anggaran", "indikasi pendanaan"),
    "funding": ("sumber dana", "sumber pendanaan", "pendanaan", "sumber anggaran"),
    "owner": ("perangkat daerah penanggung jawab", "penanggung jawab", "opd penanggung jawab", "opd",
              "pelaksana", "perangkat daerah", "pd penanggung jawab", "instansi penanggung jawab"),
    "support": ("stakeholder", "pemangku kepentingan", "opd pendukung", "mitra"),
    "layer": ("layer", "lapisan", "kategori", "jenis"),
}
_YEAR_COL = re.compile(r"^(19|20)\d{2}$")


@lru_cache(maxsize=4096)
def _key(header: str) -> str:
    h = re.sub(r"\(.*?\)", "", header.lower())  # drop "(Rp)", "(Rp juta)"
    return re.sub(r"\s+", " ", h).strip(" :.")


@dataclass
class Layout:
    """Which column holds which field; ``year_columns`` maps column index -> year."""

    columns: dict[str, int] = field(default_factory=dict)
    year_columns: dict[int, int] = field(default_factory=dict)
    headers: list[str] = field(default_factory=list)

    def has(self, name: str) -> bool:
        return name in self.columns

    def cell(self, row: list[str], name: str) -> str:
        i = self.columns.get(name)
        return row[i].strip() if i is not None and i < len(row) else ""


LEFT, ABOVE = "left", "above"  # a grid cell that continues the merged cell to its left, or above it
MAX_HEADER_ROWS = 3
_NUMBERING = re.compile(r"^\(?(\d{1,2})\)?\.?$")


def field_of(label: str) -> str | None:
    """The field a header label names ('amount' for "Indikasi Anggaran (Rp)"), 'year' for "2024", else None."""
    key = _key(label)
    if _YEAR_COL.match(key):
        return "year"
    for name, variants in FIELDS.items():
        if key in variants or any(key.startswith(v + " ") for v in variants if len(v) > 4):
            return name
    return None


def is_numbering_row(row: list[str]) -> bool:
    """A row that numbers the columns: "1 2 3 4 ..." or "(1) (2) (3) ...", as government tables have."""
    numbers = [_NUMBERING.match(c.strip()) for c in row if c.strip()]
    if len(numbers) < 3 or not all(numbers):
        return False
    values = [int(m.group(1)) for m in numbers]
    return values == list(range(values[0], values[0] + len(values)))


def same_row(a: list[str], b: list[str]) -> bool:
    """Two rows with the same words (a header repeated after a page break)."""
    return [_key(x) for x in a] == [_key(x) for x in b] and any(x.strip() for x in a)


def split_header(rows: list[list[str]], merged: list[list[str]] | None = None) -> tuple[list[str], int]:
    """(one label per column, how many rows the header takes) for a table's rows.

    ``merged`` marks cells that continue a merged cell (:data:`LEFT`, :data:`ABOVE`);
    Markdown tables have none, and an empty header cell next to a label is read as
    part of that label's group instead.
    """
    if not rows:
        return [], 0
    merged = merged or [[""] * len(r) for r in rows]
    first = 1 if len(rows) > 1 and _is_title_row(rows[0], merged[0]) else 0
    labels, groups = list(rows[first]), _groups(rows[first], merged[first])
    used = first + 1
    while used < len(rows) and used - first < MAX_HEADER_ROWS:
        row, marks = rows[used], merged[used]
        if is_numbering_row(row):
            used += 1
            break
        if not _continues(row, marks, labels, groups, merged[used - 1]):
            break
        for c in range(len(labels)):
            lower = row[c].strip() if marks[c] != ABOVE else ""
            spans = c + 1 < len(marks) and marks[c + 1] == LEFT
            if spans and labels[c].strip():
                continue  # a group label over columns that have their own: they keep theirs
            labels[c] = _combine(labels[c], groups[c], lower)
            groups[c] = labels[c] if lower else groups[c]
        used += 1
    return labels, used


def _is_title_row(row: list[str], marks: list[str]) -> bool:
    """One text merged across the whole table (or alone in its row): a title, not the header."""
    own = [c for c, t in enumerate(row) if t.strip()]
    spanned = sum(m == LEFT for m in marks)
    return len(own) == 1 and len(row) > 2 and (spanned >= len(row) // 2 or own == [0]) and field_of(row[own[0]]) is None


def _groups(row: list[str], marks: list[str]) -> list[str]:
    """The label each column falls under: its own, that of the merged cell it continues, or (in a table
    without merge marks) the nearest label to its left when its own header cell is empty."""
    out: list[str] = []
    for c, text in enumerate(row):
        if text.strip():
            out.append(text)
        elif c and (marks[c] == LEFT or not any(marks)):
            out.append(out[-1])
        else:
            out.append("")
    return out


_DATA_LIKE = re.compile(r"\d{2}|^[\u25cf\u2022\u2713\u2714vVxX\u221a]$|\brp\.?\s*\d", re.I)


def _continues(row: list[str], marks: list[str], labels: list[str], groups: list[str], above: list[str]) -> bool:
    """Does ``row`` continue the header above it (a second header row), rather than start the data?

    Yes when it is merged down from the header (only header rows are), or when it
    holds only labels: column names and years under a group ("Tahun Pelaksanaan"
    over 2022 ... 2026), or a group name merged over a few columns ("Pendanaan dan
    Waktu" over the amount and the years). Data has numbers, amounts, marks and
    sentences; a text merged across most of the table is a group of rows, not a header.
    """
    if any(m == ABOVE for m in marks):
        return True
    own = [(c, t.strip()) for c, t in enumerate(row) if t.strip() and c < len(labels)]
    if not own:
        return False
    width = len(row)
    named, grouped = 0, 0
    for c, t in own:
        span = 1
        while c + span < width and marks[c + span] == LEFT:
            span += 1
        kind = field_of(t)
        if kind == "year":
            named += 1
            continue
        if _DATA_LIKE.search(t) or len(t.split()) > 5:
            return False
        if span > 1:
            if span * 2 > width:
                return False  # a group of rows ("Elemen Pelayanan" across the table), not a header
            grouped += 1
        elif kind:
            named += 1
        elif groups[c] and (not labels[c].strip() or above[c] == LEFT or (c + 1 < width and above[c + 1] == LEFT)):
            grouped += 1  # a sub-label under a merged header cell ("Mulai", "(Rp juta)")
        else:
            return False
    return named >= 2 or grouped >= 1


def _combine(label: str, group: str, lower: str) -> str:
    """A column's label from the header row above and the row below it."""
    upper = label.strip() or group.strip()
    if not lower:
        return upper
    if not upper or field_of(lower):
        return lower
    return f"{upper} {lower}"


def recognise(header: list[str]) -> Layout | None:
    """The layout of a programme/quick-win table, or None for any other table."""
    layout = Layout(headers=header)
    for i, h in enumerate(header):
        key = _key(h)
        if _YEAR_COL.match(key):
            layout.year_columns[i] = int(key)
            continue
        for name, variants in FIELDS.items():
            if name not in layout.columns and (key in variants or any(key.startswith(v + " ") for v in variants
                                                                        if len(v) > 4)):
                layout.columns[name] = i
                break
    evidence = sum(layout.has(f) for f in ("amount", "funding", "owner")) + bool(
        layout.has("years") or layout.year_columns or layout.has("duration"))
    if layout.has("name") and evidence >= 2:
        return layout
    return None
