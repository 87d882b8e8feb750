"""Issue 5: the programme dataset, its summaries, charts and exports."""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict

import docx
import openpyxl
import pytest

from conftest import run_cli
from docxmaker import word_fragment
from pipeline.config import load_config
from pipeline.discover import read_fragment
from pipeline.docx.ns import qn, text_of, xp
from pipeline.programmes import charts
from pipeline.programmes.dataset import Programme, build_dataset
from pipeline.programmes.extract import read_tables
from pipeline.programmes.parse import parse_amount, parse_funding, parse_years

HEADER = ["No", "Elemen", "Nama Program", "Tahun Pelaksanaan", "Indikasi Anggaran (Rp)", "Sumber Dana",
          "Perangkat Daerah Penanggung Jawab"]
ROWS = [["1", "Pelayanan", "Layanan Satu Pintu", "2023–2025", "Rp 1.250.000.000", "APBD", "Diskominfo"],
        ["2", "Birokrasi", "Arsip Digital", "2024", "1,5 miliar", "APBD, DAK", "Diskominfo"],
        ["3", "Kebijakan", "Perbup Data", "2022", "450 jt", "APBD Provinsi", "Bagian Hukum"]]


@pytest.mark.parametrize("text,value,ambiguous", [
    ("Rp1.500.000.000,00", 1_500_000_000, False), ("Rp 1.500.000", 1_500_000, False),
    ("Rp. 1,5 M", 1_500_000_000, False), ("1.500 jt", 1_500_000_000, False), ("1,5 miliar", 1_500_000_000, False),
    ("Rp 2.750.000.000", 2_750_000_000, False), ("1,500,000,000", 1_500_000_000, True),
    ("Rp 1.5 M", 1_500_000_000, True), ("850", 850, True), ("2 triliun", 2 * 10**12, False),
])
def test_amount_forms(text, value, ambiguous):
    parsed = parse_amount(text)
    assert parsed.value == value and parsed.ambiguous == ambiguous


def test_unreadable_amounts_and_years():
    assert parse_amount("sekitar satu miliar").value is None
    assert parse_years("2023–2025") == [2023, 2024, 2025] and parse_years("2022 s.d. 2024") == [2022, 2023, 2024]
    assert parse_years("tahun ke-2") is None
    assert parse_funding("APBD, DAK") == (["APBD", "APBN/DAK"], [])
    assert parse_funding("Dana Abadi")[1] == ["dana abadi"]


def _strip(p: Programme) -> tuple:
    return (p.kind, p.opd, p.dimension, p.element, p.name, p.years, p.amount, p.funding)


def test_markdown_and_word_tables_give_identical_rows(project):
    md = project / "chapters" / "bab-04" / "smart-governance.kominfo.md"
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)] + ["| " + " | ".join(r) + " |" for r in ROWS]
    md.write_text("---\nopd: kominfo\nsection: smart-governance\ntitle: T\nversion: 1\n---\n\n"
                  "Table: Program Pengembangan\n\n" + "\n".join(lines) + "\n", encoding="utf-8")

    def table(d):
        d.add_paragraph("Tabel 1 Program Pengembangan", style="Caption")
        t = d.add_table(rows=1 + len(ROWS), cols=len(HEADER))
        for i, row in enumerate([HEADER] + ROWS):
            for j, v in enumerate(row):
                t.cell(i, j).text = v
    wd = word_fragment(project / "chapters" / "bab-04" / "smart-governance-2.kominfo.docx",
                       {"title": "T", "opd": "kominfo", "section": "smart-governance", "version": "1"}, table)
    cfg = load_config(project)
    rows = {}
    for path in (md, wd):
        frag, _ = read_fragment(path, cfg)
        data = build_dataset([read_tables(frag)], cfg.config)
        assert not data.diagnostics, data.diagnostics
        rows[path.suffix] = [_strip(p) for p in data.programmes]
    assert rows[".md"] == rows[".docx"]
    assert rows[".md"][1] == ("program", "kominfo", "Smart Governance", "Birokrasi", "Arsip Digital", [2024],
                              1_500_000_000, ["APBD", "APBN/DAK"])


@pytest.fixture(scope="module")
def csv_rows(sample_build):
    with open(sample_build["out"] / "programmes.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _table_after(book, caption_start: str):
    body = list(book.element.body)
    for i, el in enumerate(body):
        if el.tag == qn("w:p") and caption_start in text_of(el) and xp(el, "w:pPr/w:pStyle[@w:val='TableCaption']"):
            return [[text_of(tc).strip() for tc in xp(tr, "./w:tc")] for tr in xp(body[i + 1], "./w:tr")]
    raise AssertionError(caption_start)


def _num(text: str) -> float:
    return float(text.replace(".", "").replace(",", "."))


def test_generated_totals_equal_independent_sum_over_csv(sample_build, csv_rows):
    progs = [r for r in csv_rows if r["jenis"] == "program"]
    by_dim, by_fund_total, by_opd = defaultdict(int), 0, defaultdict(int)
    for r in progs:
        by_dim[r["dimensi"]] += int(r["anggaran"])
        by_opd[r["opd"]] += int(r["anggaran"])
    total = sum(by_dim.values())
    book = docx.Document(str(sample_build["docx"]))
    dim_year = _table_after(book, "Rekapitulasi Indikasi Anggaran per Dimensi dan Tahun")
    for row in dim_year[1:-1]:
        assert _num(row[-1]) * 1_000_000 == pytest.approx(by_dim[row[0]], abs=1), row
        assert sum(_num(c) for c in row[1:-1]) == pytest.approx(_num(row[-1]), abs=0.05)
    assert _num(dim_year[-1][-1]) * 1_000_000 == pytest.approx(total, abs=1)
    funding = _table_after(book, "Rekapitulasi Indikasi Anggaran per Sumber Dana")
    assert int(funding[-1][1].replace(".", "")) == total
    assert sum(int(r[1].replace(".", "")) for r in funding[1:-1]) == total
    per_opd = _table_after(book, "Rekapitulasi Indikasi Anggaran per Perangkat Daerah")
    cfg = load_config(sample_build["project"]).config
    for row in per_opd[1:-1]:
        code = next(o.code for o in cfg.opds if o.name == row[0])
        assert int(row[2].replace(".", "")) == by_opd[code]
    assert int(per_opd[-1][2].replace(".", "")) == total
    text = " ".join(p.text for p in book.paragraphs)
    assert f"total indikasi anggaran Rp{total:,}".replace(",", ".") + ",00" in text


def test_roadmap_cells_match_programme_years(sample_build, csv_rows):
    book = docx.Document(str(sample_build["docx"]))
    roadmap = _table_after(book, "Peta Jalan Program per Dimensi")
    years = roadmap[0][2:]
    expected = {r["nama"]: r["tahun"].split(";") for r in csv_rows if r["jenis"] == "program"}
    seen = 0
    for row in roadmap[1:]:
        if row[0] in expected:
            marked = [y for y, cell in zip(years, row[2:]) if cell == "●"]
            assert marked == expected[row[0]], row
            seen += 1
    assert seen == len(expected)


def test_charts_are_captioned_figures(sample_build):
    book = docx.Document(str(sample_build["docx"]))
    paras = list(book.element.body.iter(qn("w:p")))
    for caption in ("Indikasi Anggaran per Dimensi", "Indikasi Anggaran per Tahun menurut Sumber Dana",
                    "Bagan Waktu Program Smart City"):
        idx = next(i for i, p in enumerate(paras) if caption in text_of(p) and xp(p, "w:pPr/w:pStyle[@w:val='ImageCaption']"))
        assert xp(paras[idx - 1], ".//w:drawing"), caption


def test_xlsx_sheets_formats_and_round_trip(sample_build, csv_rows):
    wb = openpyxl.load_workbook(sample_build["out"] / "programmes.xlsx")
    cfg = load_config(sample_build["project"]).config
    assert wb.sheetnames == ["Semua"] + [d.name for d in cfg.dimensions] + ["Quick Win"]
    ws = wb["Semua"]
    header = [c.value for c in ws[1]]
    col = header.index("Indikasi Anggaran (Rp)") + 1
    assert ws.cell(2, col).number_format == '"Rp"#,##0'
    assert ws[1][0].font.bold
    xlsx_rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2) if r[0].value]
    progs = [r for r in csv_rows if r["jenis"] == "program"]
    assert len(xlsx_rows) == len(progs)
    for x, c in zip(xlsx_rows, progs):
        assert x[0] == c["id"] and x[5] == c["nama"] and x[col - 1] == int(c["anggaran"])
    qw = [[c.value for c in r] for r in wb["Quick Win"].iter_rows(min_row=2) if r[0].value]
    assert len(qw) == sum(r["jenis"] == "quick win" for r in csv_rows) == 6


def test_xlsx_layout_as_openpyxl_reads_it_and_an_ooxml_validator_passes_it(sample_build, csv_rows):
    """Widths, the frozen header and the total row as openpyxl reads them; the independent validator
    (openxml-audit, with Excel's own compatibility rules) finds no error and no warning."""
    from openxml_audit import OpenXmlValidator

    book = sample_build["out"] / "programmes.xlsx"
    ws = openpyxl.load_workbook(book)["Semua"]
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["F"].width == 38 and ws.column_dimensions["A"].width == 12
    assert ws[1][0].fill.fgColor.rgb.endswith("1F4E79") and ws[1][0].alignment.wrap_text
    last = ws.max_row
    assert ws.cell(last, 6).value == "Jumlah" and ws.cell(last, 6).font.bold
    assert ws.cell(last, 10).value == f"=SUM(J2:J{last - 1})" and ws.cell(last, 10).number_format == '"Rp"#,##0'
    assert last - 2 == sum(r["jenis"] == "program" for r in csv_rows)
    found = OpenXmlValidator(max_errors=0).validate(str(book)).errors
    assert [f"{e.severity.name} {e.part_uri}: {e.description}" for e in found] == []


def test_xlsx_writer_keeps_odd_text_as_text_and_names_sheets_as_excel_allows():
    from pipeline import xlsx

    sheets = [xlsx.Sheet("Data: 2025/2026 [revisi]", [[("=HYPERLINK(\"x\")", xlsx.PLAIN), ("a\x07b", xlsx.PLAIN),
                                                        (1.5, xlsx.AMOUNT), (7, xlsx.PLAIN), ("", xlsx.PLAIN)]]),
              xlsx.Sheet("data- 2025-2026 -revisi-", []), xlsx.Sheet("x" * 40, [])]
    wb = openpyxl.load_workbook(io.BytesIO(xlsx.workbook(sheets)))
    assert wb.sheetnames == ["Data- 2025-2026 -revisi-", "data- 2025-2026 -revisi- (2)", "x" * 31]
    row = [c for c in next(wb.worksheets[0].iter_rows())]
    assert [c.value for c in row] == ['=HYPERLINK("x")', "ab", 1.5, 7]
    assert row[0].data_type == "s" and row[2].number_format == '"Rp"#,##0'


def _programmes(n: int) -> list:
    return [Programme(id=str(i), kind="program", opd="x", dimension=f"Dimensi {i % 6}", element=f"Elemen {i % 4}",
                      name=f"Program pembangunan layanan digital nomor {i}", description="", output="",
                      years=[2022 + i % 5, 2023 + i % 4], amount=1, funding=[], layer="", source="", table=1, row=i)
            for i in range(n)]


def _groups(progs) -> list:
    return [(f"Dimensi {d}", [p for p in progs if p.dimension == f"Dimensi {d}"]) for d in range(6)]


def _assert_no_overlap(chart) -> None:
    boxes = [t.box() for t in chart.labels]
    for (_, top_a, _, bottom_a), (_, top_b, _, bottom_b) in zip(boxes, boxes[1:]):
        assert bottom_a <= top_b + 0.5, "row labels overlap"


def _png_size(png: bytes) -> tuple[int, int]:
    from PIL import Image

    return Image.open(io.BytesIO(png)).size


def test_gantt_draws_one_bar_per_programme_up_to_a_page():
    groups = _groups(_programmes(charts.GANTT_ROWS))
    assert not charts.is_overview(groups)
    years = [2022, 2023, 2024, 2025, 2026]
    chart = charts.gantt_figure(groups, years, charts.dimension_colours([g for g, _ in groups]))
    assert len(chart.labels) == charts.GANTT_ROWS
    first = chart.labels[0].text  # a long name is shortened to 42 characters, as it was typed otherwise
    assert first.startswith("Program pembangunan layanan digital") and len(first) <= 42
    bars = sum(len(set(p.years) & set(years)) for _, progs in groups for p in progs)
    legend = 6
    assert len(chart.rects) == bars + legend
    _assert_no_overlap(chart)
    width, height = _png_size(chart.png())
    assert 1100 <= width <= charts.DPI * charts.WIDTH_IN and height <= 0.19 * 40 * charts.DPI + 200  # one page


def test_large_roadmap_gantt_is_an_overview_counting_programmes_per_element_and_year():
    progs = _programmes(400)
    groups = _groups(progs)
    years = [2022, 2023, 2024, 2025, 2026]
    assert charts.is_overview(groups)
    chart = charts.gantt_overview_figure(groups, years, charts.dimension_colours([g for g, _ in groups]))
    # 6 dimensions x the elements each really has (i % 6 and i % 4 meet in 12 pairs)
    pairs = {(p.dimension, p.element) for p in progs}
    assert len(chart.labels) == len(pairs) == 12
    cells = sum(int(t.text) for t in chart.cells)
    assert cells == sum(len(set(p.years) & set(years)) for p in progs)  # each programme-year counted once
    _assert_no_overlap(chart)


def test_chart_ticks_are_round_and_cover_the_bars():
    assert charts.nice_ticks(8.8, most=9) == [0, 1, 2, 3, 4, 5, 6, 7, 8]
    assert charts.nice_ticks(12.66, most=8) == [0, 2, 4, 6, 8, 10, 12]
    assert charts.nice_ticks(0.9) == [0, 0.2, 0.4, 0.6000000000000001, 0.8]
    assert charts.nice_ticks(0) == [0.0]


def test_a_chart_is_a_png_in_the_book_font_with_translucent_cells():
    from PIL import Image

    groups = _groups(_programmes(400))
    png = charts.gantt_overview_figure(groups, [2022, 2023, 2024, 2025, 2026],
                                       charts.dimension_colours([g for g, _ in groups])).png()
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.mode == "RGB"
    colours = {c for _, c in image.getcolors(1 << 20)}
    assert (255, 255, 255) in colours and len(colours) > 50  # anti-aliased text and shaded cells
    assert "Liberation" in charts.font(8).getname()[0] or "DejaVu" in charts.font(8).getname()[0]


def test_a_draft_before_a_dimension_has_any_programme_draws_its_budget_as_nothing(project):
    """Diskop UKM has not sent its part yet: Smart Economy's budget is 0 and its bar is not drawn; the
    draft is made, its chart printed, and no template is blamed."""
    (project / "chapters" / "bab-04" / "smart-economy.diskopukm.md").unlink()
    proc = run_cli("build", "--project", str(project), "--draft", "--no-pdf")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "templat" not in proc.stdout + proc.stderr
    book = docx.Document(str(next((project / "build" / "drafts").glob("*-draf-01-2*.docx"))))
    texts = [p.text for p in book.paragraphs]
    assert any(t.startswith("Gambar") and t.rstrip().endswith("Indikasi Anggaran per Dimensi") for t in texts)


def test_programme_text_is_never_a_template(project):
    md = project / "chapters" / "bab-04" / "smart-economy.diskopukm.md"
    md.write_text(md.read_text(encoding="utf-8").replace("QRIS Pasar Rakyat", "QRIS {{ 7*7 }} Pasar"), encoding="utf-8")
    proc = run_cli("build", "--project", str(project), "--no-pdf")
    assert proc.returncode == 0, proc.stderr
    book = docx.Document(str(project / "build" / "masterplan-smart-city-simalungun.docx"))
    roadmap = _table_after(book, "Peta Jalan Program per Dimensi")
    assert any(r[0] == "QRIS {{ 7*7 }} Pasar" for r in roadmap)


def test_rupiah_space_setting(project):
    cfg = project / "masterplan.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("rupiah_space: false", "rupiah_space: true"), encoding="utf-8")
    proc = run_cli("build", "--project", str(project), "--no-pdf")
    assert proc.returncode == 0
    text = " ".join(p.text for p in docx.Document(str(project / "build" / "masterplan-smart-city-simalungun.docx")).paragraphs)
    assert re.search(r"total indikasi anggaran Rp \d", text)
