"""Write the programme dataset for editors: CSV, and an Excel workbook with a sheet per dimension."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

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
    """An .xlsx with a 'Semua' sheet, one sheet per dimension and one for quick wins."""
    wb = Workbook()
    wb.remove(wb.active)
    _sheet(wb, "Semua", data.of_kind("program"))
    for d in cfg.dimensions:
        _sheet(wb, d.name[:31], [p for p in data.of_kind("program") if p.dimension == d.name])
    _sheet(wb, "Quick Win", data.of_kind("quick win"))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _sheet(wb, title: str, progs) -> None:
    ws = wb.create_sheet(title)
    ws.append([HEADERS[c] for c in COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E79")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    amount_col = COLUMNS.index("anggaran") + 1
    last = 1  # the row just written (ws.max_row scans every cell: quadratic over a sheet)
    for p in progs:
        row = p.as_row()
        last += 1
        for col, c in enumerate(COLUMNS, start=1):
            value = row[c] if row[c] != "" else None
            cell = ws.cell(last, col, value)
            if isinstance(value, str):  # text is text: openpyxl would take "=..." as a formula
                cell.data_type = "s"
        ws.cell(last, amount_col).number_format = RUPIAH_FORMAT
    if progs:
        ws.cell(last + 1, COLUMNS.index("nama") + 1, "Jumlah").font = Font(bold=True)
        letter = get_column_letter(amount_col)
        total = ws.cell(last + 1, amount_col, f"=SUM({letter}2:{letter}{last})")
        total.number_format = RUPIAH_FORMAT
        total.font = Font(bold=True)
    for i, c in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = WIDTHS.get(c, 12)
    ws.freeze_panes = "A2"
