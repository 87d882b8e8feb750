"""Issue 11, deliverables 6 and 7: tables that fit the page, amounts in house form.

Widths are checked with the fonts the PDF is set in (Liberation Sans for Arial),
on the built sample book read back, and in the PDF's own text.
"""

from __future__ import annotations

import json
import re
import subprocess

import docx
import pytest
from docx.oxml import parse_xml

from conftest import ROOT
from pipeline import poppler
from pipeline.assemble import LANDSCAPE_COLUMNS
from pipeline.docx.amounts import rewrite_cells
from pipeline.docx.book import is_landscape, text_width
from pipeline.docx.cells import Formats, read_table
from pipeline.docx.grid import read_grid
from pipeline.docx.metrics import font_path, metrics_for, unbreakable
from pipeline.docx.ns import qn, text_of
from pipeline.docx.tables import add_table
from pipeline.docx.widths import fit_tables, too_wide
from pipeline.programmes.amounts import house_amounts, is_programme_table, programme_table

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
HOUSE = re.compile(r"^Rp\d{1,3}(\.\d{3})*,\d{2}$")
PROGRAMME = ["No", "Elemen", "Nama Program", "Deskripsi", "Output/Outcome", "Tahun Pelaksanaan",
             "Indikasi Anggaran (Rp)", "Sumber Dana", "Perangkat Daerah Penanggung Jawab"]


# -- font metrics ------------------------------------------------------------------------
def test_arial_is_measured_in_liberation_sans():
    assert font_path("Arial").name == "LiberationSans-Regular.ttf"
    assert font_path("Arial", bold=True).name == "LiberationSans-Bold.ttf"
    assert font_path("Calibri").name.startswith("Carlito")
    m = metrics_for("Arial")
    assert m.real
    # Liberation Sans advances (units per em 2048): P 1366, e 1139, n 1139, a 1139, g 1139, u 1139.
    expected = (1366 + 1139 * 9) / 2048 * 10 * 20
    assert m.width("Penanggung", 10) == pytest.approx(expected, abs=0.5)
    assert m.width("Penanggung", 10, bold=True) > m.width("Penanggung", 10)
    assert m.width("Penanggung", 8) == pytest.approx(expected * 0.8, abs=0.5)


def test_lines_break_at_spaces_and_after_slashes_between_words_not_inside_ranges():
    assert unbreakable("Output/Outcome 2023–2025 APBN/DAK Rp1.500.000.000,00") == \
        ["Output/", "Outcome", "2023–2025", "APBN/", "DAK", "Rp1.500.000.000,00"]


# -- the width pass on small books -------------------------------------------------------
def _book_with(header, rows, caption="Tabel Uji", source="Sumber: Uji, 2026"):
    """A house-style document: a paragraph, a caption, the table, a source line, a paragraph."""
    d = docx.Document(str(ROOT / "templates" / "house-style.docx"))
    body = d.element.body
    for child in [c for c in body if c.tag != qn("w:sectPr")]:
        body.remove(child)
    d.add_paragraph("Teks sebelum tabel.")
    cap = d.add_paragraph(caption)
    cap._p.get_or_add_pPr().insert(0, parse_xml(f'<w:pStyle {W} w:val="TableCaption"/>'))
    tbl = add_table(d, header, rows)
    src = d.add_paragraph(source) if source else None
    d.add_paragraph("Teks sesudah tabel.")
    return d, cap._p, tbl, (src._p if src is not None else None)


def _section_of(body, el):
    for sib in [el] + list(el.itersiblings()):
        if sib.tag == qn("w:p"):
            own = sib.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
            if own is not None:
                return own
    return body.find(qn("w:sectPr"))


def _fit(d, tbl, cap):
    return fit_tables(d.element.body, Formats(d.styles.element, "Arial"), captions={tbl: cap},
                      programme=lambda rows, merged: programme_table(rows, merged) is not None,
                      landscape_columns=LANDSCAPE_COLUMNS)


def _programme_rows(n=3):
    return [[str(i), "Pelayanan", f"Program Uji {i}", "Layanan daring terpadu", "1 sistem", "2023–2025",
             "Rp 1.250.000.000", "APBD", "Diskominfo"] for i in range(1, n + 1)]


def test_programme_table_of_nine_columns_goes_landscape_with_caption_and_source():
    d, cap, tbl, src = _book_with(PROGRAMME, _programme_rows())
    body = d.element.body
    [fitted] = _fit(d, tbl, cap)
    assert fitted.landscape == "programme" and fitted.columns == 9
    land = _section_of(body, tbl)
    assert is_landscape(land)
    assert _section_of(body, cap) is land and _section_of(body, src) is land  # caption and Sumber go with it
    before = _section_of(body, cap.getprevious())
    assert before is not land and not is_landscape(before)
    after = _section_of(body, src.getnext())
    assert after is body.find(qn("w:sectPr")) and not is_landscape(after)
    grid = [int(c.get(qn("w:w"))) for c in tbl.iter(qn("w:gridCol"))]
    assert sum(grid) == text_width(land) > text_width(after)
    assert not too_wide(body, Formats(d.styles.element, "Arial"))


def test_a_table_without_a_source_line_turns_without_a_visible_empty_line():
    d, cap, tbl, src = _book_with(PROGRAMME, _programme_rows(), source=None)
    _fit(d, tbl, cap)
    holder = tbl.getnext()
    assert holder.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None and not text_of(holder)
    assert holder.find(f"{qn('w:pPr')}/{qn('w:spacing')}").get(qn("w:line")) == "20"
    assert is_landscape(_section_of(d.element.body, tbl))


def test_a_narrow_programme_table_stays_upright():
    header = ["No", "Nama Program", "Tahun", "Indikasi Anggaran (Rp)", "Sumber Dana", "OPD"]
    d, cap, tbl, _ = _book_with(header, [["1", "Portal", "2023", "Rp 1.000.000.000", "APBD", "Diskominfo"]])
    assert _fit(d, tbl, cap) == []
    assert not is_landscape(_section_of(d.element.body, tbl))


def _words_table(columns, word="Perlindungan"):
    return [f"Kolom {i}" for i in range(columns)], [[word] * columns for _ in range(3)]


def test_a_table_that_does_not_fit_is_set_in_9_pt():
    d, cap, tbl, _ = _book_with(*_words_table(6))
    formats = Formats(d.styles.element, "Arial")
    assert too_wide(d.element.body, formats)  # as it comes, "Perlindungan" breaks
    [fitted] = _fit(d, tbl, cap)
    assert fitted.size == 9 and fitted.landscape is None and fitted.broken == []
    assert {ps.get(qn("w:val")) for ps in tbl.iter(qn("w:pStyle"))} == {"TableText9pt"}
    assert d.styles.get_by_id("TableText9pt", 1).name == "Table Text 9 pt"  # a style the editor sees in Word
    assert d.styles["Table Text 9 pt"].base_style.name == "Table Text"
    assert d.styles["Table Text 9 pt"].font.size.pt == 9
    formats = Formats(d.styles.element, "Arial")  # read again: the sizes come from the new style
    assert all(f.font.half_points == 18 for c in read_table(tbl, formats).cells for p in c.paragraphs for f in p)
    assert not too_wide(d.element.body, formats)


def test_a_table_too_wide_even_in_8_pt_gets_a_landscape_page():
    d, cap, tbl, src = _book_with(*_words_table(9))
    [fitted] = _fit(d, tbl, cap)
    assert fitted.landscape == "wide" and fitted.size is None
    assert is_landscape(_section_of(d.element.body, tbl)) and _section_of(d.element.body, src) is \
        _section_of(d.element.body, tbl)
    assert not too_wide(d.element.body, Formats(d.styles.element, "Arial"))


def test_a_table_that_fits_no_page_names_the_words_that_break():
    d, cap, tbl, _ = _book_with(*_words_table(14))
    [fitted] = _fit(d, tbl, cap)
    assert fitted.landscape == "wide" and fitted.size == 8
    assert fitted.broken == ["Perlindungan"]


def test_author_widths_are_kept_when_the_words_fit():
    d, cap, tbl, _ = _book_with(["Uraian", "Nilai"], [["Pendapatan asli daerah", "12"]])
    for col, w in zip(tbl.iter(qn("w:gridCol")), (300, 100)):
        col.set(qn("w:w"), str(w))
    _fit(d, tbl, cap)
    grid = [int(c.get(qn("w:w"))) for c in tbl.iter(qn("w:gridCol"))]
    assert grid[0] == pytest.approx(3 * grid[1], abs=3)


def _many_tables_book(kinds=None):
    """Fourteen tables in one house-style book (or one per kind given): plain ones, ones set in 9 pt or
    8 pt, programme and too-wide tables that go landscape, each with its caption and source line."""
    d = docx.Document(str(ROOT / "templates" / "house-style.docx"))
    body = d.element.body
    for child in [c for c in body if c.tag != qn("w:sectPr")]:
        body.remove(child)
    captions = {}
    kinds = kinds or [_words_table(6), _words_table(3), (PROGRAMME, _programme_rows()), _words_table(9),
                      (["Uraian", "Nilai"], [["Pendapatan asli daerah", "12"]]), _words_table(14),
                      _words_table(6, "Kesehatan")] * 2
    for n, (header, rows) in enumerate(kinds, start=1):
        d.add_paragraph(f"Teks sebelum tabel {n}.")
        cap = d.add_paragraph(f"Tabel Uji {n}")
        cap._p.get_or_add_pPr().insert(0, parse_xml(f'<w:pStyle {W} w:val="TableCaption"/>'))
        tbl = add_table(d, header, rows)
        captions[tbl] = cap._p
        d.add_paragraph(f"Sumber: Uji {n}, 2026")
    return d, captions


def _fitted_xml(elsewhere=None, memo=None, kinds=None):
    from lxml import etree

    from pipeline.docx.widths import FitMemo

    d, captions = _many_tables_book(kinds)
    memo = memo if memo is not None else FitMemo()
    found = fit_tables(d.element.body, Formats(d.styles.element, "Arial"), captions=captions,
                       programme=is_programme_table, landscape_columns=LANDSCAPE_COLUMNS, memo=memo,
                       elsewhere=elsewhere)
    return (etree.tostring(d.element.body), etree.tostring(d.styles.element),
            [(f.columns, f.size, f.landscape, f.broken) for f in found])


def test_tables_measured_in_another_process_or_before_fit_the_same_book():
    """The helper measures the later tables of a book with many (the main process the others); a table
    fitted by an earlier build comes from the memo. Either way the body, the twin styles (in the order the
    book first uses them) and what the editor is told are those of one process measuring every table.
    When the helper is busy, or has not begun on its tables by the time they are needed, they are measured
    here."""
    import multiprocessing as mp
    from concurrent.futures import Future, ProcessPoolExecutor

    from pipeline.docx.widths import ELSEWHERE_FROM, FitMemo

    alone = _fitted_xml()
    body, styles, found = alone
    assert {f[2] for f in found} == {"programme", "wide", None} and {f[1] for f in found} >= {9, 8}
    assert body.count(b'w:orient="landscape"') == 6  # two programme tables, four too wide
    twins = re.findall(rb'w:styleId="(TableText\d+pt)"', styles)
    used = list(dict.fromkeys(re.findall(rb'w:pStyle w:val="(TableText\d+pt)"', body)))
    assert twins == used == [b"TableText9pt", b"TableText8pt"]
    sent = []
    with ProcessPoolExecutor(max_workers=1, mp_context=mp.get_context("fork")) as pool:
        def submit(fn, *args):
            sent.append(len(args[-1]))
            return pool.submit(fn, *args)

        assert _fitted_xml(submit) == alone
    assert ELSEWHERE_FROM <= 14 and sent and 0 < sent[0] < 14  # some tables went, not all
    never_started: list[Future] = []

    def late(fn, *args):
        never_started.append(Future())
        return never_started[-1]

    assert _fitted_xml(late) == alone
    assert never_started and never_started[0].cancelled()
    assert _fitted_xml(lambda fn, *args: None) == alone  # the helper is busy: every table measured here
    earlier = FitMemo()  # an earlier build fitted only the 9 pt table: here it comes back first in the book
    _fitted_xml(memo=earlier, kinds=[_words_table(6)])
    assert len(earlier.used) == 1
    assert _fitted_xml(memo=FitMemo(earlier.used)) == alone


def test_a_paragraph_styled_like_a_twin_the_book_lacks_gets_a_style_the_book_has():
    """A fragment's table paragraphs name "TableText9pt", a style the book does not define until the width
    pass makes it for another table: the table set in 8 pt gets a twin that exists, however and in whatever
    order the tables are measured."""
    from lxml import etree

    from pipeline.docx.widths import FitMemo

    d, captions = _many_tables_book()
    tables = list(captions)
    for ps in tables[5].iter(qn("w:pStyle")):  # the 14-column table, set in 8 pt
        ps.set(qn("w:val"), "TableText9pt")
    fit_tables(d.element.body, Formats(d.styles.element, "Arial"), captions=captions, programme=is_programme_table,
               landscape_columns=LANDSCAPE_COLUMNS, memo=FitMemo())
    defined = set(re.findall(r'w:styleId="([^"]+)"', etree.tostring(d.styles.element).decode()))
    used = {ps.get(qn("w:val")) for t in tables for ps in t.iter(qn("w:pStyle"))}
    assert {ps.get(qn("w:val")) for ps in tables[5].iter(qn("w:pStyle"))} == {"Normal8pt"}
    assert used <= defined


# -- amounts ---------------------------------------------------------------------------
def test_amounts_in_a_programme_table_get_the_house_form():
    header = ["No", "Nama Program", "Tahun", "Indikasi Anggaran (Rp)", "Sumber Dana", "OPD"]
    rows = [header] + [[str(i), f"P{i}", "2023", amount, "APBD", "Diskominfo"] for i, amount in enumerate(
        ["Rp. 1,5 M", "750 jt", "Rp 1.800.000.000", "Rp 2.500.000.000,00", "Rp1.000.000.000,00", "1.250.000"], 1)]
    assert house_amounts(rows) == {(1, 3): "Rp1.500.000.000,00", (2, 3): "Rp750.000.000,00",
                                   (3, 3): "Rp1.800.000.000,00", (4, 3): "Rp2.500.000.000,00",
                                   (6, 3): "Rp1.250.000,00"}
    assert house_amounts(rows, space=True)[1, 3] == "Rp 1.500.000.000,00"


def test_an_ambiguous_amount_is_printed_as_typed():
    header = ["No", "Nama Program", "Tahun", "Indikasi Anggaran (Rp)", "Sumber Dana", "OPD"]
    rows = [header, ["1", "A", "2023", "1,500,000,000", "APBD", "Dinkes"], ["2", "B", "2024", "75.000", "APBD", "Dinkes"],
            ["3", "C", "2024", "Rp 900.000.000", "APBD", "Dinkes"]]
    assert house_amounts(rows) == {(3, 3): "Rp900.000.000,00"}


def test_a_unit_in_the_header_moves_into_the_amounts():
    header = ["No", "Nama Program", "Tahun", "Indikasi Anggaran (Rp juta)", "Sumber Dana", "OPD"]
    rows = [header, ["1", "A", "2023", "1.500", "APBD", "Dinkes"], ["2", "B", "2024", "2.5", "APBD", "Dinkes"]]
    assert house_amounts(rows) == {(0, 3): "Indikasi Anggaran (Rp)", (1, 3): "Rp1.500.000.000,00",
                                   (2, 3): "2.5 juta"}  # ambiguous: as typed, with the unit it was read in


def _merged_header_table():
    """A Word table with a two-row header: "Tahun Pelaksanaan" over the years, the unit in a merged cell."""
    def tc(text, span=1, vmerge=None):
        pr = (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "") + \
             ('<w:vMerge w:val="restart"/>' if vmerge == "restart" else "<w:vMerge/>" if vmerge else "")
        return (f'<w:tc><w:tcPr>{pr}</w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr>'
                f'<w:r><w:rPr><w:b/></w:rPr><w:t>{text}</w:t></w:r></w:p></w:tc>')
    years = range(2022, 2027)
    top = (tc("No", vmerge="restart") + tc("Nama Program", vmerge="restart") + tc("Tahun Pelaksanaan", 5)
           + tc("Indikasi Anggaran (Rp juta)", vmerge="restart") + tc("Sumber Dana", vmerge="restart")
           + tc("OPD", vmerge="restart"))
    below = tc("", vmerge="c") * 2 + "".join(tc(str(y)) for y in years) + tc("", vmerge="c") * 3
    rows = [tc("1") + tc("Portal Layanan Publik") + "".join(tc("●" if y < 2025 else "") for y in years)
            + tc("1.250") + tc("APBD") + tc("Diskominfo"),
            tc("2") + tc("Satu Data") + "".join(tc("●") for _ in years) + tc("2.5") + tc("APBD") + tc("Diskominfo")]
    return parse_xml(f'<w:tbl {W}><w:tblPr><w:tblStyle w:val="Table"/></w:tblPr><w:tblGrid>'
                     + '<w:gridCol w:w="900"/>' * 10 + "</w:tblGrid>"
                     + "".join(f"<w:tr>{r}</w:tr>" for r in [top, below] + rows) + "</w:tbl>")


def test_a_two_row_header_table_is_read_as_validation_reads_it():
    d, cap, placeholder, _ = _book_with(["x"], [["y"]])
    tbl = _merged_header_table()
    placeholder.addprevious(tbl)
    placeholder.getparent().remove(placeholder)
    assert rewrite_cells(d.element.body, house_amounts) == 3
    rows = read_grid(tbl).rows
    assert rows[0][7] == "Indikasi Anggaran (Rp)"  # the unit moved into the amounts
    assert rows[2][7] == "Rp1.250.000.000,00" and rows[3][7] == "2.5 juta"  # ambiguous: as typed, unit written
    assert rows[2][1] == "Portal Layanan Publik" and rows[1][2] == "2022"  # nothing else touched
    bold = tbl.findall(qn("w:tr"))[2].findall(qn("w:tc"))[7].find(f".//{qn('w:b')}")
    assert bold is not None  # the cell kept its run's formatting
    [fitted] = _fit(d, tbl, cap)
    assert fitted.landscape == "programme" and fitted.columns == 10
    assert is_landscape(_section_of(d.element.body, tbl)) and _section_of(d.element.body, cap) is \
        _section_of(d.element.body, tbl)
    assert not too_wide(d.element.body, Formats(d.styles.element, "Arial"))


def test_a_quick_win_profile_amount_gets_the_house_form():
    rows = [["Komponen", "Uraian"], ["Nama Quick Win", "Dasbor Stunting"], ["Dimensi", "Smart Living"],
            ["OPD Penanggung Jawab", "Dinkes"], ["Indikasi Biaya (Rp)", "Rp 260 juta"], ["Sumber Dana", "APBD"],
            ["Waktu", "2023"]]
    assert house_amounts(rows) == {(4, 1): "Rp260.000.000,00"}
    assert house_amounts([["Uraian", "Nilai"], ["Jumlah", "Rp 5.000.000"]]) == {}  # not a programme table


def test_only_tables_that_name_an_amount_are_read_cell_by_cell():
    from pipeline.programmes.amounts import may_hold_amounts
    assert may_hold_amounts("NoNama ProgramIndikasiPendanaan (Rp)Sumber")  # runs joined, spaces ignored
    assert may_hold_amounts("Indikasi Biaya (Rp)") and may_hold_amounts("PAGU")
    assert not may_hold_amounts("Kecamatan Luas (km²) Penduduk (jiwa) Kepadatan")


def test_a_rewritten_cell_keeps_its_formatting():
    d, _, tbl, _ = _book_with(["Nama Program", "Indikasi Anggaran (Rp)", "Sumber Dana", "OPD"],
                              [["Portal", "Rp 2,75 M", "APBD", "Diskominfo"]], source=None)
    cell = tbl.findall(qn("w:tr"))[1].findall(qn("w:tc"))[1]
    cell.find(qn("w:p")).append(parse_xml(f'<w:r {W}><w:t> </w:t></w:r>'))  # typed in two runs
    changed = rewrite_cells(d.element.body, house_amounts)
    assert rewrite_cells(d.element.body, house_amounts) == 0  # in house form already: nothing to do
    assert changed == 1
    assert text_of(cell) == "Rp2.750.000.000,00"
    assert len(cell.findall(f".//{qn('w:r')}")) == 1
    assert cell.find(f"{qn('w:p')}/{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val")) == "TableText"


# -- the sample book -----------------------------------------------------------------------
@pytest.fixture(scope="module")
def book(sample_build):
    return docx.Document(str(sample_build["docx"]))


@pytest.fixture(scope="module")
def pdf_pages(sample_build):
    return poppler.page_texts(sample_build["pdf"], layout=False)


def _tables(book):
    body = book.element.body
    sections = {}
    current = body.find(qn("w:sectPr"))
    for el in reversed(list(body)):
        own = el.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") if el.tag == qn("w:p") else None
        current = own if own is not None else current
        if el.tag == qn("w:tbl"):
            sections[el] = current
    for tbl, sect in sections.items():
        grid = read_grid(tbl)
        yield tbl, sect, grid


def test_no_short_word_breaks_in_any_table_of_the_book(book):
    broken = too_wide(book.element.body, Formats(book.styles.element, "Arial"))
    assert broken == [], [(b.word, b.width, b.room) for b in broken[:20]]


def test_wide_programme_tables_sit_on_landscape_pages(book):
    wide = [(grid.rows[0], sect) for _, sect, grid in _tables(book)
            if grid.width >= 8 and programme_table(grid.rows, grid.merged) is not None]
    assert len(wide) >= 5  # Tabel 4.2 (Word) and the four nine-column Markdown tables
    assert all(is_landscape(sect) for _, sect in wide)


def _page_of(pages, caption):
    return next(" ".join(p.split()) for p in pages if re.search(rf"^{re.escape(caption)} ", p, re.M)
                and "Daftar Tabel" not in p and "DAFTAR TABEL" not in p)


def test_pdf_prints_the_header_words_whole(pdf_pages, sample_build):
    p46 = _page_of(pdf_pages, "Tabel 4.6")
    assert re.search(r"\bSumber Dana\b", p46) and re.search(r"\bPerangkat Daerah Penanggung Jawab\b", p46)
    assert "Sumber: Hasil bimtek" in p46  # the source line went with the table to its page
    p410 = _page_of(pdf_pages, "Tabel 4.10")
    assert re.search(r"\bPenanggung\b", p410) and re.search(r"\bPerlindungan\b", p410)
    sizes = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(sample_build["pdf"])], capture_output=True,
                           text=True).stdout
    sizes = [tuple(map(float, m)) for m in re.findall(r"size:\s+([\d.]+) x ([\d.]+)", sizes)]
    index = next(i for i, p in enumerate(pdf_pages) if re.search(r"^Tabel 4\.6 ", p, re.M) and i > 10)
    assert sizes[index][0] > sizes[index][1]  # Tabel 4.6 is on a landscape page


def test_every_short_table_word_is_printed_whole_in_the_pdf(book, pdf_pages):
    # The PDF's text, cut where a line may break; a word broken inside itself shows up as pieces only.
    strip = ",;:.()-–—/"
    formats = Formats(book.styles.element, "Arial")
    words = {w.strip(strip) for tbl in book.element.body.iterchildren(qn("w:tbl"))
             for cell in read_table(tbl, formats).cells for para in cell.paragraphs
             for w in unbreakable("".join(r.text for r in para)) if sum(map(str.isalpha, w)) <= 12}
    printed = {w.strip(strip) for w in unbreakable(" ".join(pdf_pages))}
    assert len(words) > 1000
    assert sorted(w for w in words if w and w not in printed) == []


def test_every_programme_amount_is_in_house_form(book, pdf_pages):
    checked = 0
    for _, _, grid in _tables(book):
        t = programme_table(grid.rows, grid.merged)
        if t is None or not t.layout.has("amount"):
            continue
        col = t.layout.columns["amount"]
        cells = [t.rows[0][col]] if t.profile else [r[col] for r in t.rows if r[col]]
        for text in cells:
            assert HOUSE.match(text), (t.header, text)
            checked += 1
    assert checked >= 40  # programme rows, six quick-win profiles, the quick-win recap
    text = " ".join(" ".join(p.split()) for p in pdf_pages)
    for typed in ("Rp. 1,5 M", "750 jt", "Rp 1.800.000.000"):
        assert typed not in text
    assert "Rp1.800.000.000,00" in text


def test_the_editor_is_told_about_each_table(sample_build):
    notices = [d for d in json.loads((sample_build["out"] / "diagnostics.json").read_text(encoding="utf-8"))
               if d["code"].startswith("MP-W81")]
    assert all(d["opd"] == "editor" for d in notices)
    turned = {d["file"] for d in notices if d["code"] == "MP-W813"}
    assert {"chapters/bab-04/smart-economy.diskopukm.md", "chapters/bab-04/smart-living.dinkes.md",
            "chapters/bab-04/smart-living.dishub.md", "chapters/bab-04/smart-society.disdik.md"} <= turned
    assert any("Tabel 4.6 (Program Pengembangan Smart Economy)" in d["message"] for d in notices)
    assert "MP-W811" in {d["code"] for d in notices}
    assert "MP-W814" not in {d["code"] for d in notices}
    assert "Catatan untuk editor" in sample_build["stderr"] and "MP-W813" in sample_build["stderr"]


def test_a_long_plan_puts_the_roadmap_on_a_landscape_page(tmp_path):
    from conftest import copy_sample
    from pipeline.build import BuildOptions, build
    from pipeline.config import load_config

    proj = copy_sample(tmp_path / "proyek")
    yml = proj / "masterplan.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("period: {start: 2022, end: 2026}",
                                                           "period: {start: 2022, end: 2031}"), encoding="utf-8")
    result = build(load_config(proj), BuildOptions(out_dir=proj / "build", pdf=False))
    book = docx.Document(str(result.docx))
    [(sect, grid)] = [(s, g) for _, s, g in _tables(book) if g.rows[0][:2] == ["Program", "OPD"]]
    assert grid.width == 12 and is_landscape(sect)
    assert not any("Peta Jalan" in n.args.get("table", "") for n in result.notices)  # our own table: no news
    assert not too_wide(book.element.body, Formats(book.styles.element, "Arial"))
