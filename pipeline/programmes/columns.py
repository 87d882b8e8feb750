"""Recognise programme and quick-win tables by their header row.

Column names vary between OPDs; each field accepts the common variants. A
table is a programme table when its header names a programme and at least two
of: years, amount, funding source, owner.
"""

from __future__ import annotations

import re
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
