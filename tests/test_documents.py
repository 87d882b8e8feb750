"""Issue 17: the documents around the book, read back from what the build wrote (.docx with python-docx,
.pdf with pdftotext), and the masterplan published as two books."""

from __future__ import annotations

import csv
import re
from collections import defaultdict

import docx
import pytest

from conftest import copy_sample, copy_short_sample, run_cli
from pipeline import poppler
from pipeline.config import load_config
from pipeline.docx.ns import qn, xp
from pipeline.signatories import komitmen_signers

BASE = "masterplan-smart-city-simalungun"


def _flat(text: str) -> str:
    return " ".join(text.split())


def _amount(text: str) -> int:
    """'7.670.000.000' -> 7670000000."""
    return int(text.replace(".", "").strip())


@pytest.fixture(scope="module")
def config(sample_build):
    return load_config(sample_build["project"]).config


def _document(sample_build, name: str, suffix: str):
    return sample_build["out"] / f"{BASE}-{name}{suffix}"


# -- the commitment sheet ------------------------------------------------------------------------------------
def test_commitment_sheet_has_one_signature_row_per_opd_head_and_camat(sample_build, config):
    sheet = docx.Document(str(_document(sample_build, "komitmen", ".docx")))
    table = sheet.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["No", "Jabatan", "Nama", "Tanda Tangan"]
    rows = table.rows[1:]
    assert len(config.opds) == 14 and len(config.kecamatan) == 32
    assert len(rows) == len(config.opds) + len(config.kecamatan)
    signers = komitmen_signers(config)
    for i, (row, signer) in enumerate(zip(rows, signers), start=1):
        number, position, name, signature = (c.text for c in row.cells)
        assert number == f"{i}."
        assert position.startswith(signer.position)
        assert name.startswith(signer.name) and signer.name
        assert signature.strip().startswith(f"{i}. ....")
    positions = [r.cells[1].text for r in rows]
    for acting in ("Plt. Kepala Dinas Komunikasi dan Informatika\n(Staf Ahli Bupati Bidang Administrasi Umum)",
                   "Plt. Kepala Badan Kesatuan Bangsa dan Politik", "Plt. Kepala Dinas Pariwisata dan Kebudayaan",
                   "Plt. Kepala Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
                   "Plt. Kepala Dinas Perpustakaan dan Kearsipan"):
        assert acting in positions, acting
    assert positions[-32:] == [f"Camat {k.name}" for k in config.kecamatan]
    assert "NIP. 19690821\u00a0199403\u00a01\u00a0007" in rows[1].cells[2].text  # never broken across lines


def test_commitment_rows_never_split_and_the_header_repeats(sample_build, config):
    sheet = docx.Document(str(_document(sample_build, "komitmen", ".docx")))
    trs = sheet.tables[0]._tbl.findall(qn("w:tr"))
    assert all(xp(tr, "w:trPr/w:cantSplit") for tr in trs)
    assert xp(trs[0], "w:trPr/w:tblHeader") and not any(xp(tr, "w:trPr/w:tblHeader") for tr in trs[1:])
    pdf = _document(sample_build, "komitmen", ".pdf")
    pages = [_flat(p) for p in poppler.page_texts(pdf, layout=False)]
    laid_out = poppler.page_texts(pdf, layout=True)
    header = re.compile(r"^\s*No\s+Jabatan\s+Nama\s+Tanda Tangan\s*$")
    assert len(pages) >= 3
    with_rows = [i for i, p in enumerate(pages) if re.search(r"\b\d+\. \.{6}", p)]
    assert with_rows[0] == 0 and 1 in with_rows  # the table starts on page 1 and goes on to page 2 ...
    assert any(header.match(ln) for ln in laid_out[0].splitlines())
    for i in with_rows[1:]:  # ... and every later page of it starts with the header row
        first_line = next(ln for ln in laid_out[i].splitlines() if ln.strip())
        assert header.match(first_line), (i, first_line)
    for n, signer in enumerate(komitmen_signers(config), start=1):
        marker = re.compile(rf"(?<![\d.]){n}\. \.{{6}}")
        where = [i for i, p in enumerate(pages) if marker.search(p)]
        assert len(where) == 1, (n, where)
        words = set(pages[where[0]].split())  # pdftotext may interleave the lines of a row's cells
        assert set(f"{signer.name} {signer.position}".split()) <= words, (n, signer)  # the whole row on one page
    assert "Mengetahui, BUPATI SIMALUNGUN," in pages[-1] and "RADIAPOH HASIHOLAN SINAGA" in pages[-1]


def test_commitment_sheet_is_the_books_lampiran(sample_build):
    pages = [_flat(p) for p in poppler.page_texts(sample_build["pdf"], layout=False)]
    start = next(i for i, p in enumerate(pages) if "2022–2026 LAMPIRAN Lampiran 1. Lembar Komitmen Bersama" in p)
    assert "KOMITMEN BERSAMA DEWAN SMART CITY DAN TIM PELAKSANA SMART CITY" in pages[start]
    assert "46. ...." in " ".join(pages[start:start + 5])
    toc = " ".join(pages[:start])
    assert re.search(r"LAMPIRAN ?\.+ ?\d+", toc) and re.search(r"Lampiran 1\. Lembar Komitmen Bersama ?\.+ ?\d+", toc)
    assert "BAB XI" not in " ".join(pages)


# -- the draft regulation --------------------------------------------------------------------------------------
def test_perbup_has_its_parts_in_the_legal_order(sample_build):
    text = _flat(" ".join(poppler.page_texts(_document(sample_build, "perbup", ".pdf"), layout=True)))
    order = ["BUPATI SIMALUNGUN PROVINSI SUMATERA UTARA", "PERATURAN BUPATI SIMALUNGUN", "TENTANG",
             "MASTERPLAN SMART CITY KABUPATEN SIMALUNGUN TAHUN 2022–2026", "DENGAN RAHMAT TUHAN YANG MAHA ESA",
             "BUPATI SIMALUNGUN,", "Menimbang : a. bahwa", "b. bahwa", "c. bahwa berdasarkan pertimbangan sebagaimana "
             "dimaksud dalam huruf a dan huruf b, perlu menetapkan Peraturan Bupati tentang", "Mengingat : 1.",
             "MEMUTUSKAN:", "Menetapkan : PERATURAN BUPATI TENTANG MASTERPLAN SMART CITY"]
    order += [f"Pasal {n}" for n in range(1, 8)]
    order += ["Peraturan Bupati ini mulai berlaku pada tanggal diundangkan.", "Berita Daerah Kabupaten Simalungun.",
              "Ditetapkan di Pematang Raya", "Diundangkan di Pematang Raya", "SEKRETARIS DAERAH KABUPATEN SIMALUNGUN,",
              "BERITA DAERAH KABUPATEN SIMALUNGUN TAHUN 2026 NOMOR", "LAMPIRAN PERATURAN BUPATI SIMALUNGUN",
              "bagian tidak terpisahkan dari Peraturan Bupati ini", "BAB I PENDAHULUAN", "1.2 Dasar Hukum",
              "LAMPIRAN Lampiran 1. Lembar Komitmen Bersama"]
    packed = re.sub(r"\s+", "", text)  # a title may wrap anywhere
    at = 0
    for part in order:
        found = packed.find(re.sub(r"\s+", "", part), at)
        assert found >= 0, (part, packed[at:at + 200])
        at = found + len(part.replace(" ", ""))
    assert "Pasal 8" not in text


def test_perbup_mengingat_is_the_books_tagged_dasar_hukum_list(sample_build):
    reg = docx.Document(str(_document(sample_build, "perbup", ".docx")))
    items = [p.text for p in reg.paragraphs if re.match(r"^(Mengingat)?\t:?\t\d+\.\t", p.text)]
    book = sample_build["project"] / "chapters" / "bab-01" / "dasar-hukum.hukum.md"
    listed = re.findall(r"^\d+\. (.+?)(?=^\d+\. |^\s*$)", book.read_text(encoding="utf-8"), re.M | re.S)
    assert len(items) == len(listed) == 14
    for item, source in zip(items, listed):
        law = _flat(re.sub(r"\[\^\w+\]", "", source)).rstrip(".")
        assert item.split("\t")[-1] == law + ";"
    assert items[0].startswith("Mengingat\t:\t1.\tUndang-Undang Nomor 7 Drt. Tahun 1956")
    assert "(Lembaran Negara Republik Indonesia Tahun 2014 Nomor 244" in items[4]


def test_perbup_paper_font_and_the_bookman_notice(sample_build):
    reg = docx.Document(str(_document(sample_build, "perbup", ".docx")))
    section = reg.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (215, 330)  # F4
    fonts = set(reg.styles.element.xpath("//w:rFonts/@w:ascii"))
    assert fonts == {"Bookman Old Style"}
    import json
    from pipeline import libreoffice
    notices = json.loads((sample_build["out"] / "diagnostics.json").read_text(encoding="utf-8"))
    bookman = [n for n in notices if n["code"] == "MP-W802" and n["location"].get("part") == "documents.perbup.font"]
    printed = libreoffice.font_match("Bookman Old Style")  # URW Bookman here: not metric-compatible
    assert len(bookman) == (1 if printed and printed.family != "Bookman Old Style" else 0)
    assert all(printed.family in n["message"] for n in bookman)
    assert all("documents.perbup.font" in n["hint"] for n in bookman)  # the key to change, not the book's


# -- the executive summary ----------------------------------------------------------------------------------
def _dataset(sample_build):
    """Totals computed from build/programmes.csv on their own: programmes with an amount, quick wins."""
    count, budget = defaultdict(int), defaultdict(int)
    quick = []
    with open(sample_build["out"] / "programmes.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["jenis"] == "program" and row["anggaran"]:
                count[row["dimensi"]] += 1
                budget[row["dimensi"]] += int(row["anggaran"])
            elif row["jenis"] == "quick win":
                quick.append((row["nama"], int(row["anggaran"]) if row["anggaran"] else 0))
    return count, budget, quick


def _table(document, first_header: list[str]):
    return next(t for t in document.tables if [c.text for c in t.rows[0].cells][:len(first_header)] == first_header)


def test_summary_figures_equal_the_datasets_totals(sample_build, config):
    count, budget, quick = _dataset(sample_build)
    summary = docx.Document(str(_document(sample_build, "ringkasan", ".docx")))
    dims = _table(summary, ["No", "Dimensi", "Elemen", "Jumlah Program"])
    body = [[c.text for c in r.cells] for r in dims.rows[1:]]
    assert [r[1] for r in body[:-1]] == [d.name for d in config.dimensions]
    for row in body[:-1]:
        assert int(row[3]) == count[row[1]] and _amount(row[4]) == budget[row[1]], row
    assert body[-1][1] == "Jumlah"
    assert int(body[-1][3]) == sum(count.values()) and _amount(body[-1][4]) == sum(budget.values())
    qw = _table(summary, ["No", "Quick Win"])
    rows = [[c.text for c in r.cells] for r in qw.rows[1:]]
    assert [(r[1], _amount(r[5])) for r in rows[:-1]] == quick
    assert _amount(rows[-1][5]) == sum(a for _, a in quick)
    text = _flat(" ".join(p.text for p in summary.paragraphs))
    total = f"Rp{sum(budget.values()):,}".replace(",", ".") + ",00"
    assert f"Masterplan memuat {sum(count.values())} program pada 6 dimensi dengan total indikasi anggaran {total}" \
        in text
    funds = _table(summary, ["No", "Sumber Dana"])
    assert _amount(funds.rows[-1].cells[2].text) == sum(budget.values())


def test_summary_carries_vision_mission_roadmap_and_the_two_bodies(sample_build, config):
    summary = docx.Document(str(_document(sample_build, "ringkasan", ".docx")))
    text = [p.text for p in summary.paragraphs]
    assert "“Simalungun Cerdas, Melayani, dan Berdaya Saing Berbasis Teknologi dan Kearifan Lokal”" in text
    assert sum(t.startswith(("1.\tmewujudkan tata kelola", "5.\tmenjaga kelestarian")) for t in text) == 2
    assert summary.inline_shapes and summary.inline_shapes[0].width.mm > 100  # the roadmap chart
    assert any(t.startswith("Gambar 1 Peta Jalan Program") for t in text)
    tim = _table(summary, ["No", "Kedudukan"])
    assert len(tim.rows) - 1 == len(config.dewan_smart_city)
    chair = summary.tables[-1].rows[1].cells
    assert chair[1].text == "Ketua"
    assert chair[3].text == ("Staf Ahli Bupati Bidang Administrasi Umum selaku Plt. Kepala Dinas Komunikasi dan "
                             "Informatika")
    pdf = _flat(" ".join(poppler.page_texts(_document(sample_build, "ringkasan", ".pdf"), layout=False)))
    assert "RINGKASAN EKSEKUTIF" in pdf and "(belum ditandai" not in pdf


def test_every_document_passes_the_gate_and_libreoffice_opened_it(sample_build, config):
    from pipeline.docx.gate import Expected, check_book

    for name, font in (("komitmen", "Arial"), ("perbup", "Bookman Old Style"), ("ringkasan", "Arial")):
        data = _document(sample_build, name, ".docx").read_bytes()
        assert check_book(data, Expected(font, font, config.author)) == []
        assert poppler.page_count(_document(sample_build, name, ".pdf")) >= 1


# -- two books -----------------------------------------------------------------------------------------------
BOOKS = """
books:
  - {title: Analisis Strategis, babs: [1, 2, 3]}
  - {title: Masterplan, babs: [4, 5, 6, 7, 8, 9, 10, 11]}
"""


@pytest.fixture(scope="module")
def two_books(tmp_path_factory):
    proj = copy_sample(tmp_path_factory.mktemp("buku") / "proyek")
    (proj / "masterplan.yml").write_text((proj / "masterplan.yml").read_text(encoding="utf-8") + BOOKS,
                                         encoding="utf-8")
    for rel, sentence in (("bab-01/latar-belakang.bappeda.md", "Program tata kelola dirinci pada @tbl:program-governance."),
                          ("bab-09/quick-win.kominfo.md", "Sebaran penduduk ada pada @tbl:penduduk-kecamatan.")):
        path = proj / "chapters" / rel
        path.write_text(path.read_text(encoding="utf-8") + f"\n\n{sentence}\n", encoding="utf-8")
    proc = run_cli("build", "--project", str(proj))
    assert proc.returncode == 0, proc.stderr
    return proj / "build"


def _toc_checked(pages: list[str], first: str) -> tuple[int, str]:
    """The Daftar Isi's page numbers point at the pages where the headings are printed: (entries checked, the
    front matter's text)."""
    start = next(i for i, p in enumerate(pages) if re.search(rf"^\s*{first}\s*$", p, re.M))
    checked = 0
    for page in pages[:start]:
        for line in page.splitlines():
            m = re.match(r"^\s*(\d+(?:\.\d+)+)\s+(.+?)\.{3,}\s*(\d+)\s*$", line)
            if m:
                printed = _flat(pages[start + int(m.group(3)) - 1])
                assert f"{m.group(1)} {m.group(2).strip()}" in printed, m.groups()
                checked += 1
    footer = next(ln.strip() for ln in reversed(pages[start].splitlines()) if ln.strip())
    assert footer == "1"  # each book numbers its pages from 1
    return checked, _flat(" ".join(pages[:start]))


def test_two_books_each_with_cover_lists_and_right_page_numbers(two_books):
    assert not (two_books / f"{BASE}.docx").exists()
    one = poppler.page_texts(two_books / f"{BASE}-buku-1.pdf")
    two = poppler.page_texts(two_books / f"{BASE}-buku-2.pdf")
    assert "BUKU 1" in one[0] and "ANALISIS STRATEGIS" in one[0]
    assert "BUKU 2" in two[0] and "MASTERPLAN" in two[0].split("BUKU 2", 1)[1]
    (checked_one, front_one), (checked_two, front_two) = _toc_checked(one, "BAB I"), _toc_checked(two, "BAB IV")
    assert checked_one >= 10 and checked_two >= 30
    assert "BAB III VISI" in front_one and "BAB IV STRATEGI" not in front_one
    assert "BAB IV STRATEGI" in front_two and "BAB III VISI" not in front_two and "LAMPIRAN" in front_two
    assert "Tabel 2.1 Jumlah Penduduk" in front_one and "Tabel 4.1" in front_two  # numbers kept from the outline


def test_references_between_books_name_the_book_and_none_is_broken(two_books):
    one = _flat(" ".join(poppler.page_texts(two_books / f"{BASE}-buku-1.pdf", layout=False)))
    two = _flat(" ".join(poppler.page_texts(two_books / f"{BASE}-buku-2.pdf", layout=False)))
    assert "Program tata kelola dirinci pada Buku 2, Tabel 4.2." in one
    assert "Sebaran penduduk ada pada Buku 1, Tabel 2.1." in two
    assert "misalnya Tabel 4.2 untuk Smart Governance" in two  # within the book: an ordinary reference
    for text in (one, two):
        assert not re.search(r"@(tbl|fig|sec):|Error! Reference|Kesalahan! Sumber", text)
    for n in (1, 2):
        book = docx.Document(str(two_books / f"{BASE}-buku-{n}.docx"))
        marks = set(book.element.body.xpath("//w:bookmarkStart/@w:name"))
        refs = [re.match(r"\s*(?:REF|PAGEREF) (\S+)", t) for t in book.element.body.xpath("//w:instrText/text()")]
        assert all(m.group(1) in marks for m in refs if m), n


def test_perbup_lists_the_books(two_books):
    text = _flat(" ".join(poppler.page_texts(two_books / f"{BASE}-perbup.pdf", layout=False)))
    assert "Buku 1: Analisis Strategis (BAB I sampai dengan BAB III)" in text
    assert "Buku 2: Masterplan (BAB IV sampai dengan BAB X dan LAMPIRAN)" in text


# -- who signs: the config ----------------------------------------------------------------------------------
def test_people_and_books_errors_are_reported_together(project):
    from pipeline.errors import ConfigError

    path = project / "masterplan.yml"
    good = path.read_text(encoding="utf-8")
    schema = good.replace("nip: 19720314 199803 1 004", "nip: 1972-03").replace("acting: true}}", "acting: kadang}}", 1)
    path.write_text(schema.replace("perbup: {paper: F4,", "perbup: {paper: Folio,"), encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_config(project)
    details = "\n".join(exc.value.details)
    for expected in ("opds.0.head.nip", "18 digits", "opds.3.head.acting", "documents.perbup.paper"):
        assert expected in details, (expected, details)
    crossed = good.replace("{role: Sekretaris, opd: bappeda}", "{role: Sekretaris, opd: bapeda}")
    crossed = crossed.replace("{name: Bandar, camat: Darmawan Harahap}", "{name: Raya, camat: Darmawan Harahap}")
    crossed += "\nbooks:\n  - {title: Analisis, babs: [1, 2, 3, 12]}\n  - {title: Masterplan, babs: [4, 5, 6, 7, 8, 9, 11]}\n"
    path.write_text(crossed, encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_config(project)
    details = "\n".join(exc.value.details)
    for expected in ("dewan_smart_city.2.opd: OPD 'bapeda' is not in opds", "kecamatan.28.name: kecamatan 'Raya' is "
                     "listed twice", "books.0.babs.3: BAB 12 is not in the outline", "books: BAB 10 is in no book"):
        assert expected in details, (expected, details)


def test_a_missing_name_warns_in_a_draft_and_blocks_a_final_build(project):
    path = project / "masterplan.yml"
    text = path.read_text(encoding="utf-8").replace("{name: Raya, camat: Osbert Saragih}", "{name: Raya}")
    path.write_text(text.replace("head: {name: Maruli Tua Sinaga}", "head: {}"), encoding="utf-8")
    draft = run_cli("build", "--project", str(project), "--draft", "--no-pdf")
    assert draft.returncode == 0, draft.stderr
    assert "MP-W831" in draft.stdout + draft.stderr
    import json
    notices = json.loads((project / "build" / "diagnostics.json").read_text(encoding="utf-8"))
    names = [n for n in notices if n["code"] == "MP-W831"]
    assert [n["location"]["part"] for n in names] == ["opds.4.head.name", "kecamatan.14.camat"]
    assert "Camat Raya" in names[1]["message"] and "Lembar Komitmen Bersama" in names[1]["message"]
    assert not list((project / "build").glob(f"{BASE}-komitmen.*"))  # a draft writes no companion document
    final = run_cli("build", "--project", str(project), "--final", "--no-pdf")
    assert final.returncode == 1
    refused = _flat(final.stdout + final.stderr)
    assert "Nama Camat Raya belum diisi di masterplan.yml (kecamatan.14.camat)" in refused
    assert "(opds.4.head.name)" in refused


def test_a_name_left_empty_prints_a_dotted_line(project):
    import datetime as dt

    from pipeline.docx import companion
    from pipeline.document_data import komitmen_context
    from pipeline.documents import template_path
    from pipeline.signatories import BLANK

    path = project / "masterplan.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("{name: Raya, camat: Osbert Saragih}", "{name: Raya}"),
                    encoding="utf-8")
    cfg = load_config(project)
    sheet = companion.render(template_path(cfg, "komitmen"), komitmen_context(cfg.config, dt.date(2026, 11, 19)))
    row = next(r for r in sheet.tables[0].rows if r.cells[1].text == "Camat Raya")
    assert row.cells[2].text.strip() == BLANK
    assert any("Pematang Raya, 19 November 2026" == p.text for p in sheet.paragraphs)


def test_a_template_a_user_broke_is_named(project):
    import datetime as dt

    from pipeline.docx import companion
    from pipeline.document_data import komitmen_context
    from pipeline.documents import template_path
    from pipeline.errors import ConfigError

    cfg = load_config(project)
    broken = project / "broken.docx"
    document = docx.Document(str(template_path(cfg, "komitmen")))
    document.add_paragraph("{% for x in penanda_tangan %} tanpa penutup")
    document.save(str(broken))
    with pytest.raises(ConfigError) as exc:
        companion.render(broken, komitmen_context(cfg.config, dt.date(2026, 11, 19)))
    assert "broken.docx" in str(exc.value)


def test_a_document_that_fails_leaves_the_book_published_and_names_its_template(tmp_path):
    """The documents' PDFs are made before the book's; a document that fails still stops the build only
    after the book is published, and no document of this build is published."""
    project = copy_short_sample(tmp_path / "proyek")  # the documents, not the book's length, are the point
    template = project / "templates" / "documents" / "perbup.docx"
    document = docx.Document(str(template))
    document.add_paragraph("{% if judul %} tanpa penutup")
    document.save(str(template))
    proc = run_cli("build", "--project", str(project))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "perbup.docx" in proc.stdout + proc.stderr
    out = project / "build"
    assert (out / f"{BASE}.docx").is_file() and (out / f"{BASE}.pdf").is_file()
    assert not list(out.glob(f"{BASE}-*.docx")), sorted(p.name for p in out.iterdir())


def test_a_missing_document_template_is_named_and_the_book_still_published(tmp_path):
    project = copy_short_sample(tmp_path / "proyek")
    (project / "templates" / "documents" / "ringkasan.docx").unlink()
    proc = run_cli("build", "--project", str(project))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    said = proc.stdout + proc.stderr
    assert "ringkasan.docx" in said and "tidak ada" in said and "Traceback" not in said
    assert (project / "build" / f"{BASE}.pdf").is_file()
    assert not list((project / "build").glob("masterplan-crash-*"))  # the user's doing, not a bug of ours


# -- tagged parts -----------------------------------------------------------------------------------------------
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _body(xml: str):
    from lxml import etree

    return etree.fromstring(f'<w:body xmlns:w="{W_NS}">{xml}</w:body>')


def _p(text: str, style: str = "BodyText", numbered: bool = False, mark: str = "") -> str:
    num = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="7"/></w:numPr>' if numbered else ""
    bm = f'<w:bookmarkStart w:id="9" w:name="{mark}"/><w:bookmarkEnd w:id="9"/>' if mark else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{num}</w:pPr>{bm}<w:r><w:t>{text}</w:t></w:r></w:p>'


def test_a_word_bookmark_on_a_heading_tags_the_list_below_it():
    from pipeline.docx.book import Heading
    from pipeline.docx.tagged import tagged_part

    body = _body(_p("Peraturan", "Heading3", mark="sec_dasar_hukum") + _p("Pengantar daftar.")
                 + _p("UU Nomor 23 Tahun 2014 tentang Pemerintahan Daerah.", numbered=True)
                 + _p("2. PP Nomor 71 Tahun 2019 tentang PSTE;")  # a number typed by hand
                 + _p("Bagian lain", "Heading3") + _p("Tidak termasuk.", numbered=True))
    heads = [Heading(3, "1.2.1", "Peraturan", "_TocMP1", body[0]), Heading(3, "1.2.2", "Bagian lain", "_TocMP2", body[4])]
    part = tagged_part(body, heads, "dasar-hukum")
    assert part.items == ["UU Nomor 23 Tahun 2014 tentang Pemerintahan Daerah.", "PP Nomor 71 Tahun 2019 tentang PSTE;"]
    assert ("text", "Pengantar daftar.") in part.paragraphs
    assert tagged_part(body, heads, "visi") is None


def test_a_tag_moved_off_a_folded_title_runs_to_the_next_heading():
    from pipeline.docx.book import Heading
    from pipeline.docx.tagged import tagged_part

    body = _body(_p("“Simalungun Cerdas”", "BlockText", mark="sec_visi") + _p("Penjelasan.")
                 + _p("Misi", "Heading3") + _p("Tidak termasuk."))
    part = tagged_part(body, [Heading(3, "3.1.1", "Misi", "_TocMP1", body[2])], "visi")
    assert part.paragraphs == [("quote", "“Simalungun Cerdas”"), ("text", "Penjelasan.")]


def test_numbers_in_words():
    from pipeline.terbilang import terbilang

    assert [terbilang(n) for n in (0, 5, 11, 12, 19, 20, 45, 100, 111, 999, 1000, 1500, 2026)] == [
        "nol", "lima", "sebelas", "dua belas", "sembilan belas", "dua puluh", "empat puluh lima", "seratus",
        "seratus sebelas", "sembilan ratus sembilan puluh sembilan", "seribu", "seribu lima ratus",
        "dua ribu dua puluh enam"]
    assert terbilang(34_425_000_000) == "tiga puluh empat miliar empat ratus dua puluh lima juta"
    assert terbilang(1_000_000) == "satu juta" and terbilang(2_500_000_000_000) == "dua triliun lima ratus miliar"
