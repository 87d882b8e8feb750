"""Word files the way OPD staff make them, for intake tests (issue 11).

Each builder writes a .docx with python-docx and then gives it the habits of a
real file: Indonesian style names ("Judul 1", "Keterangan"), typed heading
numbers, no document properties of ours, two-row headers with merged cells,
owners written as people write them ("Dinas Kominfo"), and slips such as
"Smart Enviroment".
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import parse_xml

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HIGHLIGHT = f'<w:highlight {W_NS} w:val="yellow"/>'

GOVERNANCE_ROWS = [
    ["1", "Pelayanan", "Portal Layanan Publik Terpadu", "Satu pintu layanan daring", "Rp 2.750.000.000", "2023–2025",
     "APBD", "Dinas Kominfo"],
    ["2", "Birokrasi", "Naskah Dinas Elektronik Terpadu", "Surat dinas tanpa kertas", "1,2 miliar", "2023",
     "APBD", "Dinas Komunikasi dan Informatika"],
    ["3", "Kebijakan", "Perbup Satu Data Daerah", "Regulasi tata kelola data", "Rp 150.000.000", "2022",
     "APBD", "DISKOMINFO"],
]


def localise(d) -> None:
    """What Indonesian Word writes: 'Judul 1' (id Judul1), 'Keterangan' (id Keterangan) for Caption."""
    for el in d.styles.element.iter(W + "style"):
        sid = el.get(W + "styleId") or ""
        name = el.find(W + "name")
        if sid.startswith("Heading") and sid[7:].isdigit():
            el.set(W + "styleId", f"Judul{sid[7:]}")
            name.set(W + "val", f"Judul {sid[7:]}")
        elif sid == "Caption":
            el.set(W + "styleId", "Keterangan")
            name.set(W + "val", "Keterangan")
    for el in d.styles.element.iter(W + "basedOn", W + "next", W + "link"):
        val = el.get(W + "val") or ""
        if val.startswith("Heading") and val[7:].isdigit():
            el.set(W + "val", f"Judul{val[7:]}")


def styled(d, text: str, style_id: str):
    p = d.add_paragraph(text)
    p._p.get_or_add_pPr().insert(0, parse_xml(f'<w:pStyle {W_NS} w:val="{style_id}"/>'))
    return p


def heading(d, text: str, level: int = 1):
    return styled(d, text, f"Judul{level}")


def caption(d, text: str, bookmark: str | None = None):
    p = styled(d, text, "Keterangan")
    if bookmark:
        p._p.insert(1, parse_xml(f'<w:bookmarkStart {W_NS} w:id="77" w:name="{bookmark}"/>'))
        p._p.append(parse_xml(f'<w:bookmarkEnd {W_NS} w:id="77"/>'))
    return p


def highlighted(d, before: str, marked: str):
    p = d.add_paragraph(before)
    r = p.add_run(marked)
    r._r.get_or_add_rPr().append(parse_xml(HIGHLIGHT))
    return p


def table_group_above(d, rows: list[list[str]]):
    """'Pendanaan dan Waktu' merged over the amount and the years; the other header cells merged down."""
    top = ["No", "Elemen", "Nama Program", "Deskripsi", "Pendanaan dan Waktu", "", "Sumber Dana",
           "Perangkat Daerah Penanggung Jawab"]
    t = d.add_table(rows=2 + len(rows), cols=len(top))
    t.style = d.styles["Table Grid"]
    for c in range(len(top)):
        if c not in (4, 5):
            t.cell(0, c).merge(t.cell(1, c))
    t.cell(0, 4).merge(t.cell(0, 5))
    for c, text in enumerate(top):
        if text:
            t.cell(0, c).text = text
    t.cell(1, 4).text = "Indikasi Anggaran (Rp)"
    t.cell(1, 5).text = "Tahun Pelaksanaan"
    _fill(t, 2, rows)
    return t


def table_group_below(d, rows: list[list[str]]):
    """The header row, then a row with 'Pendanaan dan Waktu' merged across two columns under it."""
    head = ["No", "Elemen", "Nama Program", "Deskripsi", "Indikasi Anggaran (Rp)", "Tahun Pelaksanaan",
            "Sumber Dana", "Perangkat Daerah Penanggung Jawab"]
    t = d.add_table(rows=2 + len(rows), cols=len(head))
    t.style = d.styles["Table Grid"]
    for c, text in enumerate(head):
        t.cell(0, c).text = text
    t.cell(1, 4).merge(t.cell(1, 5)).text = "Pendanaan dan Waktu"
    _fill(t, 2, rows)
    return t


def table_per_year(d, rows: list[list[str]], years=(2022, 2023, 2024, 2025, 2026)):
    """'Tahun Pelaksanaan' merged over one column per year, marked with '●'; rows: name, years, amount, source, owner."""
    top = ["No", "Nama Program", "Tahun Pelaksanaan"] + [""] * (len(years) - 1) + [
        "Indikasi Anggaran (Rp)", "Sumber Dana", "Penanggung Jawab"]
    t = d.add_table(rows=2 + len(rows), cols=len(top))
    t.style = d.styles["Table Grid"]
    first, last = 2, 2 + len(years) - 1
    for c in range(len(top)):
        if not first <= c <= last:
            t.cell(0, c).merge(t.cell(1, c))
    t.cell(0, first).merge(t.cell(0, last))
    for c, text in enumerate(top):
        if text:
            t.cell(0, c).text = text
    for i, y in enumerate(years):
        t.cell(1, first + i).text = str(y)
    for r, (name, marked, amount, source, owner) in enumerate(rows, start=2):
        t.cell(r, 0).text = str(r - 1)
        t.cell(r, 1).text = name
        for i, y in enumerate(years):
            t.cell(r, first + i).text = "●" if y in marked else ""
        t.cell(r, last + 1).text = amount
        t.cell(r, last + 2).text = source
        t.cell(r, last + 3).text = owner
    return t


def _fill(t, start: int, rows: list[list[str]]) -> None:
    for r, values in enumerate(rows, start=start):
        for c, v in enumerate(values):
            t.cell(r, c).text = v


def governance_file(path: Path, *, keep_id: bool = True, group: str = "above", extra=None) -> Path:
    """A Smart Governance chapter as Diskominfo staff send it: no properties, Word's Indonesian styles,
    typed heading numbers, a two-row programme header and owners written out."""
    d = docx.Document()
    localise(d)
    heading(d, "1. Kondisi Tata Kelola Pemerintahan Saat Ini")
    d.add_paragraph("Pemerintah Kabupaten Simalungun telah menerapkan SPBE sejak 2019, dengan indeks 2,1.")
    heading(d, "2. Elemen Pelayanan")
    d.add_paragraph("Layanan publik dikembangkan agar dapat diakses dari kecamatan mana pun tanpa antre.")
    heading(d, "3. Program Pengembangan")
    d.add_paragraph("Program pengembangan Smart Governance disajikan pada tabel berikut.")
    caption(d, "Tabel 4.1 Program Pengembangan Smart Governance", "tbl_program_governance" if keep_id else None)
    (table_group_above if group == "above" else table_group_below)(d, GOVERNANCE_ROWS)
    d.add_paragraph("Sumber: Diskominfo Kabupaten Simalungun, 2026")
    if extra:
        extra(d)
    path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(path))
    return path


def environment_file(path: Path, *, dimension: str = "Smart Enviroment", owner: str = "DLH",
                     years: str = "2024–2025", extra_rows=()) -> Path:
    """A Smart Environment chapter from DLH with a dimension column, per-row owners and typed slips."""
    d = docx.Document()
    localise(d)
    heading(d, "A. Kondisi Lingkungan Hidup")
    d.add_paragraph("Timbulan sampah Kabupaten Simalungun mencapai 410 ton per hari pada 2021.")
    caption(d, "Tabel 1 Program Smart Environment")
    head = ["No", "Dimensi", "Elemen", "Nama Program", "Tahun Pelaksanaan", "Indikasi Anggaran (Rp)", "Sumber Dana",
            "OPD Penanggung Jawab"]
    rows = [["1", dimension, "Sampah dan Limbah", "Bank Sampah Digital Nagori", years, "Rp 600.000.000", "APBD", owner],
            *extra_rows]
    t = d.add_table(rows=1 + len(rows), cols=len(head))
    t.style = d.styles["Table Grid"]
    _fill(t, 0, [head, *rows])
    d.add_paragraph("Sumber: DLH Kabupaten Simalungun, 2026")
    path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(path))
    return path
