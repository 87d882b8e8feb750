"""Issue 16: a reviewed draft comes back and each comment reaches the OPD whose text it is on.

The draft is the sample's, built once; reviewers' comments are added to it with
python-docx's ``add_comment`` (and, where python-docx cannot, in the XML as
Word writes it: replies, resolved threads, a comment in a footnote), and
``masterplan comments`` is run on the copy in process.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import copy_sample, run_cli
from hostile import rezip
from reviewing import Reviewer
from pipeline.cli import main
from pipeline.provenance import MAX_NAME, bookmark_name

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def drafted(tmp_path_factory) -> dict:
    """The sample project with one draft built (no PDF)."""
    proj = copy_sample(tmp_path_factory.mktemp("komentar") / "proyek")
    proc = run_cli("build", "--project", str(proj), "--draft", "--no-pdf")
    assert proc.returncode == 0, proc.stderr
    draft = next((proj / "build" / "drafts").glob("*-draf-01-*.docx"))
    return {"project": proj, "draft": draft}


@pytest.fixture
def project(drafted, tmp_path) -> Path:
    """A fresh copy of the drafted project for each test (the log and lists start empty)."""
    proj = tmp_path / "proyek"
    shutil.copytree(drafted["project"], proj, ignore=shutil.ignore_patterns("cache", "tmp"))
    return proj


def draft_of(project: Path) -> Path:
    return next((project / "build" / "drafts").glob("*-draf-01-*.docx"))


def take(project: Path, reviewed: Path, *extra: str):
    return CliRunner().invoke(main, ["comments", str(reviewed), "--project", str(project), *extra])


def entries(project: Path) -> list[dict]:
    return [json.loads(line) for line in (project / "submissions" / "comments.jsonl").read_text().splitlines()]


def by_comment(project: Path) -> dict[str, dict]:
    return {e["komentar"]: e for e in entries(project)}


def test_every_comment_reaches_the_right_opd(project, tmp_path):
    r = Reviewer(draft_of(project))
    own = r.comment("Perkembangan teknologi informasi", "Tambahkan data BPS terbaru.")
    r.reply(own, "Setuju, pakai data 2023.")
    law = r.comment("Undang-Undang Nomor 14 Tahun 2008", "Sudah diubah? Mohon dicek.", author="Ir. Bonar Sinaga",
                    initials="BS")
    r.resolve(law)
    r.comment("Ruang lingkup masterplan ini mencakup", "Komentar yang melintasi dua bagian.",
              until="Penyusunan Masterplan Smart City Kabupaten Simalungun berpedoman")
    r.comment("Silimakuta", "Luas Silimakuta 77,96 km² sudah benar?")
    r.comment("Kawasan hutan dan sumber air", "Sel SWOT ini perlu angka.")  # a table that ends a fragment
    r.comment_in_part("footnotes", "Tahap I penilaian", "Catatan kaki ini perlu sumber.")
    r.comment("Penilaian kesiapan daerah dilakukan", "Sumber penilaian?", para_id=False)  # Word gave it no paraId
    r.comment("Ditetapkan di Pematang Raya", "Tanggal penetapan?")  # the cover: the editor's
    reviewed = r.save(tmp_path / "tinjauan-dewan.docx")

    got = take(project, reviewed)
    assert got.exit_code == 0, got.output
    log = by_comment(project)
    assert len(log) == 8  # eight comments and a reply: the reply is in its thread, not a comment of its own

    def goes(text):
        return [(t["opd"], t["section"]) for t in log[text]["tujuan"]]

    assert goes("Tambahkan data BPS terbaru.") == [("bappeda", "latar-belakang")]
    assert [b["komentar"] for b in log["Tambahkan data BPS terbaru."]["balasan"]] == ["Setuju, pakai data 2023."]
    assert log["Tambahkan data BPS terbaru."]["selesai"] is False
    assert goes("Sudah diubah? Mohon dicek.") == [("hukum", "dasar-hukum")]
    assert log["Sudah diubah? Mohon dicek."]["selesai"] is True
    assert goes("Komentar yang melintasi dua bagian.") == [("bappeda", "latar-belakang"), ("hukum", "dasar-hukum")]
    assert goes("Luas Silimakuta 77,96 km² sudah benar?") == [("bappeda", "profil-daerah")]
    assert goes("Sel SWOT ini perlu angka.") == [("bappeda", "analisis-swot")]
    assert goes("Catatan kaki ini perlu sumber.") == [("bappeda", "latar-belakang")]
    assert goes("Sumber penilaian?") == [("kominfo", "kesiapan-daerah")]
    assert goes("Tanggal penetapan?") == [] and log["Tanggal penetapan?"]["editor"] == "outside"

    # The place in the OPD's own file: the Markdown line, the Word paragraph, the table cell.
    where = {k: [t["where"] for t in v["tujuan"]] for k, v in log.items()}
    md_lines = (project / "chapters" / "bab-01" / "latar-belakang.bappeda.md").read_text().splitlines()
    line = where["Tambahkan data BPS terbaru."][0]["line"]
    assert md_lines[line - 1].startswith("Perkembangan teknologi informasi")
    assert where["Tambahkan data BPS terbaru."][0]["heading"] == "Latar Belakang Umum"
    cell = where["Luas Silimakuta 77,96 km² sudah benar?"][0]
    profile = (project / "chapters" / "bab-02" / "profil-daerah.bappeda.md").read_text().splitlines()
    assert "| Silimakuta |" in profile[cell["line"] - 1] and (cell["table"], cell["row"], cell["column"]) == (1, 2, 2)
    word = where["Sumber penilaian?"][0]
    assert word["paragraph"] == 2 and word["heading"] == "Penilaian Kesiapan"
    note_line = where["Catatan kaki ini perlu sumber."][0]["line"]
    assert "[^bimtek]" in md_lines[note_line - 1] or "[^bimtek]" in " ".join(md_lines[note_line - 1:note_line + 4])

    # The lists to forward.
    out = project / "build" / "comments"
    assert sorted(p.name for p in out.glob("*.md")) == ["bappeda.md", "editor.md", "hukum.md", "kominfo.md"]
    bappeda = (out / "bappeda.md").read_text()
    for text in ("Tambahkan data BPS terbaru.", "Sel SWOT ini perlu angka.",
                 "Balasan dari Ir. Bonar Sinaga", "catatan kaki 1", "tabel 1 baris 2 kolom 2",
                 "chapters/bab-01/latar-belakang.bappeda.md", "Dr. Rina Siregar \\(2 Desember 2026 09.01\\)"):
        assert text in bappeda, text
    assert "Penilaian kesiapan" not in bappeda and "Tanggal penetapan" not in bappeda
    hukum = (out / "hukum.md").read_text()
    assert "**Status:** selesai" in hukum and "**Status:** terbuka" in hukum
    assert "Tanggal penetapan?" in (out / "editor.md").read_text()
    page = (out / "bappeda.html").read_text()
    assert "<blockquote>Perkembangan teknologi informasi" in page and "class=open" in page

    # masterplan status: open comments per OPD and part.
    status = run_cli("status", "--project", str(project), "--format", "json")
    board = json.loads(status.stdout)
    assert board["per_opd"]["bappeda"]["komentar"] == 5  # the spanning one is open too; the resolved one is not
    assert board["per_opd"]["hukum"]["komentar"] == 1
    assert board["per_opd"]["kominfo"]["komentar"] == 1
    assert board["komentar_editor"] == 1
    row = next(r for r in board["bagian"] if r["section"] == "profil-daerah")
    assert row["comments"] == 1
    assert "Komentar terbuka" in (project / "build" / "status.html").read_text()


def test_a_resolved_comment_sent_again_is_counted_once(project, tmp_path):
    r = Reviewer(draft_of(project))
    c = r.comment("Perkembangan teknologi informasi", "Tambahkan data BPS terbaru.")
    first = r.save(tmp_path / "pertama.docx")
    assert take(project, first).exit_code == 0
    assert take(project, first).exit_code == 0  # the same file twice
    r.resolve(c)
    assert take(project, r.save(tmp_path / "kedua.docx")).exit_code == 0
    from pipeline.comments.log import open_by_opd, read

    assert len(read(project)) == 1 and read(project)[0]["selesai"] is True
    assert open_by_opd(project).get("bappeda", 0) == 0
    assert len(list((project / "submissions" / "reviews").glob("*.docx"))) == 2  # each file kept once


def test_without_comments_extended_every_comment_is_open_and_top_level(project, tmp_path):
    r = Reviewer(draft_of(project))
    c = r.comment("Perkembangan teknologi informasi", "Tambahkan data BPS terbaru.")
    r.reply(c, "Balasan yang kehilangan induknya.")
    r.resolve(c)
    reviewed = r.save(tmp_path / "tanpa-ext.docx", threads=False)
    assert take(project, reviewed).exit_code == 0
    log = by_comment(project)
    assert set(log) == {"Tambahkan data BPS terbaru.", "Balasan yang kehilangan induknya."}
    assert all(not e["selesai"] and not e["balasan"] for e in log.values())
    assert all(e["tujuan"][0]["opd"] == "bappeda" for e in log.values())


def test_a_deleted_bookmark_falls_back_to_the_text(project, tmp_path):
    r = Reviewer(draft_of(project))
    removed = r.delete_bookmark("mp_src_dinkes_")
    text = next(p["text"] for f in json.loads(next((project / "build" / "drafts").glob("*-manifest.json"))
                                               .read_text())["fragments"] if f["opd"] == "dinkes"
                for p in f["paragraphs"] if len(p["text"]) > 60)
    r.comment(text[:40], "Data puskesmas tahun berapa?")
    reviewed = r.save(tmp_path / "tanpa-penanda.docx")
    assert removed not in reviewed.read_bytes().decode("latin-1")
    assert take(project, reviewed).exit_code == 0
    e = by_comment(project)["Data puskesmas tahun berapa?"]
    assert [(t["opd"], t["section"], t["cara"]) for t in e["tujuan"]] == [("dinkes", "smart-living", "text")]
    assert "ditemukan dari teksnya" in (project / "build" / "comments" / "dinkes.md").read_text()


def test_a_file_saved_by_libreoffice_is_routed_by_its_text(project, tmp_path):
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        from fixture_forms import soffice_docx
    finally:
        sys.path.remove(str(ROOT / "tools"))
    r = Reviewer(draft_of(project))
    c = r.comment("Perkembangan teknologi informasi", "Tambahkan data BPS terbaru.")
    r.reply(c, "Setuju.")
    r.comment("Kawasan hutan dan sumber air", "Sel SWOT ini perlu angka.")
    r.comment("Tata kelola terintegrasi dan berbasis data", "Misi ini terlalu umum.")
    saved = soffice_docx(r.save(tmp_path / "word.docx"), tmp_path / "lewat-libreoffice.docx")
    got = take(project, saved)
    assert got.exit_code == 0, got.output
    assert "MP-W825" in got.output
    log = by_comment(project)
    # LibreOffice stretched the bookmarks of BAB I and II over the tables after them: the text decides.
    assert [t["section"] for t in log["Sel SWOT ini perlu angka."]["tujuan"]] == ["analisis-swot"]
    assert [t["section"] for t in log["Misi ini terlalu umum."]["tujuan"]] == ["visi-misi"]
    assert all(t["cara"] == "text" for e in log.values() for t in e["tujuan"])
    assert "Setuju." in log  # the reply lost its link: it stands as a comment of its own


def test_an_unsafe_reviewed_file_is_refused(project, tmp_path):
    r = Reviewer(draft_of(project))
    r.comment("Perkembangan teknologi informasi", "Tambahkan data BPS terbaru.")
    good = r.save(tmp_path / "baik.docx").read_bytes()
    bad = tmp_path / "dtd.docx"
    bad.write_bytes(rezip(good, change=lambda name, b: b.replace(b"?>", b'?><!DOCTYPE w [<!ENTITY x "y">]>', 1)
                          if name == "word/comments.xml" else b))
    got = take(project, bad)
    assert got.exit_code == 1
    assert "MP-E604" in got.output and "word/comments.xml" in got.output
    assert not (project / "submissions" / "comments.jsonl").exists()


def test_reviewers_text_is_inert_in_the_lists(project, tmp_path):
    r = Reviewer(draft_of(project))
    r.comment("Perkembangan teknologi informasi", "<script>alert(1)</script> ![x](http://contoh.invalid/a.png) "
              "[klik](http://contoh.invalid)", author="<b>Peninjau</b>")
    assert take(project, r.save(tmp_path / "jahil.docx")).exit_code == 0
    md = (project / "build" / "comments" / "bappeda.md").read_text()
    html = (project / "build" / "comments" / "bappeda.html").read_text()
    assert "<script>" not in md and "](http" not in md and "\\<script\\>" in md
    assert "<script>" not in html and "&lt;script&gt;" in html and "<b>Peninjau" not in html


def test_header_comments_and_english(project, tmp_path):
    r = Reviewer(draft_of(project))
    r.comment_in_part("header", "Masterplan Smart City", "Judul di kepala halaman terlalu panjang.")
    got = take(project, r.save(tmp_path / "kepala.docx"), "--lang", "en")
    assert got.exit_code == 0, got.output
    assert "editor's list" in got.output
    e = by_comment(project)["Judul di kepala halaman terlalu panjang."]
    assert e["tujuan"] == [] and e["editor"] == "header" and e["letak"]["bagian"] == "header"
    assert "page header or footer" in (project / "build" / "comments" / "editor.md").read_text()


def test_provenance_names_stay_unique_after_cutting():
    digest = "ab" * 32
    long_opd, long_section = "dinas-penanaman-modal-ptsp", "smart-economy-transaksi-keuangan"
    names = {bookmark_name(long_opd, f"{long_section}-{k}", digest) for k in range(50)}
    names |= {bookmark_name(long_opd, long_section, digest), bookmark_name(long_opd + "x", long_section, digest)}
    assert len(names) == 52 and all(len(n) <= MAX_NAME and re.fullmatch(r"[A-Za-z0-9_]+", n) for n in names)
    assert all(n.startswith("mp_src_dinas_penanaman_modal_pts") for n in names)  # OPD and section stay readable
    same_text = {bookmark_name("a_b", "c", digest), bookmark_name("a", "b_c", digest)}  # same "mp_src_a_b_c"
    assert len(same_text) == 2


def test_draft_bookmarks_cover_tables_that_end_a_fragment(drafted):
    """The SWOT fragment ends with a table: its bookmark ends after it, at body level."""
    import docx

    body = docx.Document(str(drafted["draft"])).element.body
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    names = {}
    inside = None
    for el in body:
        for b in el.iter(w + "bookmarkStart"):
            if b.get(w + "name", "").startswith("mp_src_"):
                names[b.get(w + "id")] = inside = b.get(w + "name")
        if el.tag == w + "tbl" and "Kawasan hutan dan sumber air" in "".join(el.itertext()):
            assert inside is not None and inside.startswith("mp_src_bappeda_analisis_swot")
            return
        for b in el.iter(w + "bookmarkEnd"):
            if b.get(w + "id") in names:
                inside = None
    raise AssertionError("the SWOT table was not found")
