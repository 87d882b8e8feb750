"""Write the programme dataset for editors: CSV, and an Excel workbook with a sheet per dimension."""

from __future__ import annotations

import csv
import io

from pipeline import xlsx
from pipeline.config import Config
from pipeline.programmes.dataset import Dataset

COLUMNS = ["id", "jenis", "opd", "dimensi", "elemen", "nama", "deskripsi", "output", "tahun", "anggaran",
           "sumber_dana", "layer", "berkas", "tabel", "baris"]
HEADERS = {"id": "ID", "jenis": "Jenis", "opd": "OPD", "dimensi": "Dimensi", "elemen": "Elemen",
           "nama": "Nama Program", "deskripsi": "Deskripsi", "output": "Output/Indikator", "tahun": "Tahun",
           "anggaran": "Indikasi Anggaran (Rp)", "sumber_dana": "Sumber Dana", "layer": "Layer",
           "berkas": "Berkas Sumber", "tabel": "Tabel", "baris": "Baris"}
RUPIAH_FORMAT = '"Rp"#,##0'
WIDTHS = {"nama": 38, "deskripsi": 40, "output": 30, "berkas": 44, "anggaran": 22, "dimensi": 18, "elemen": 20}


# A spreadsheet runs a cell that starts with one of these as a formula (CSV/formula injection, OWASP).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert(value):
    """A text value that no spreadsheet will run: the OWASP prefix ``'`` before a formula start.

    Numbers stay numbers; only text is changed.
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_csv(data: Dataset) -> str:
    """The dataset as CSV text (UTF-8, comma separated, one row per programme or quick win).

    Every text cell is inert (:func:`inert`): OPD text never becomes a formula in Excel.
    """
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for p in data.programmes:
        writer.writerow({k: inert(v) for k, v in p.as_row().items()})
    return buf.getvalue()


def to_xlsx(data: Dataset, cfg: Config) -> bytes:
    """An .xlsx with a 'Semua' sheet, one sheet per dimension and one for quick wins.

    Text is stored as text (never a formula, whatever it starts with); each sheet of programmes ends in a
    "Jumlah" row whose total is a SUM formula over the amounts."""
    programmes = data.of_kind("program")
    sheets = [_sheet("Semua", programmes)]
    sheets += [_sheet(d.name, [p for p in programmes if p.dimension == d.name]) for d in cfg.dimensions]
    sheets.append(_sheet("Quick Win", data.of_kind("quick win")))
    return xlsx.workbook(sheets, RUPIAH_FORMAT)


def _sheet(title: str, progs) -> xlsx.Sheet:
    amount = COLUMNS.index("anggaran")
    rows = [[(HEADERS[c], xlsx.HEADER) for c in COLUMNS]]
    for p in progs:
        row = p.as_row()
        rows.append([(row[c], xlsx.AMOUNT if i == amount else xlsx.PLAIN) for i, c in enumerate(COLUMNS)])
    if progs:
        total = [(None, xlsx.PLAIN)] * len(COLUMNS)
        total[COLUMNS.index("nama")] = ("Jumlah", xlsx.BOLD)
        letter = xlsx.column_letter(amount + 1)
        total[amount] = (xlsx.Formula(f"SUM({letter}2:{letter}{len(rows)})"), xlsx.BOLD_AMOUNT)
        rows.append(total)
    return xlsx.Sheet(title, rows, [WIDTHS.get(c, 12) for c in COLUMNS])
