"""Issue 6: forms, versioned intake, status, drafts and the final build."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from conftest import copy_short_sample, run_cli
from pipeline import pandoc
from pipeline.config import load_config
from pipeline.workflow.intake import ACCEPTED, DUPLICATE, REJECTED, read_log, submit
from pipeline.workflow.status import collect

BOOK = "masterplan-smart-city-simalungun.docx"


def _fill_form(path: Path, sentence: str) -> None:
    """What an OPD does: write under the headings, delete the guidance, add a programme row."""
    d = docx.Document(str(path))
    for p in list(d.paragraphs):
        if p.style.name == "Petunjuk":
            p.text = sentence if "Uraikan" in p.text else ""
            if not p.text:
                p._p.getparent().remove(p._p)
            else:
                p.style = d.styles["Normal"]
    table = d.tables[0]
    values = ["1", "Kesehatan", "Telemedisin Puskesmas Pulau", "Konsultasi jarak jauh", "5 puskesmas", "2024",
              "Rp 400.000.000", "APBD", "Dinkes"]
    for cell, v in zip(table.rows[1].cells, values):
        cell.text = v
    table._tbl.remove(table.rows[2]._tr)
    d.save(str(path))


def test_form_round_trip(project, tmp_path):
    proc = run_cli("forms", "--project", str(project), "--opd", "dinkes", "--out", str(tmp_path / "forms"))
    assert proc.returncode == 0, proc.stderr
    form = tmp_path / "forms" / "dinkes" / "smart-living.dinkes.docx"
    assert form.is_file()
    unfilled = run_cli("validate", "--project", str(project), str(form), "--format", "json")
    assert "MP-W403" in unfilled.stdout  # guidance left in is flagged
    _fill_form(form, "Kalimat isian dari Dinas Kesehatan untuk uji pulang-pergi formulir.")
    (project / "chapters" / "bab-04" / "smart-living.dinkes.md").unlink()
    proc = run_cli("submit", "--project", str(project), str(form))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (project / "chapters" / "bab-04" / "smart-living.dinkes.docx").is_file()
    proc = run_cli("build", "--project", str(project), "--no-pdf")
    assert proc.returncode == 0, proc.stderr
    text = pandoc.docx_to_plain(project / "build" / BOOK)
    assert "Kalimat isian dari Dinas Kesehatan untuk uji pulang-pergi formulir." in text
    assert "Telemedisin Puskesmas Pulau" in text
    assert "Uraikan" not in text


def _md(body: str) -> str:
    return ("---\nopd: dishub\nsection: smart-living\ntitle: Mobilitas\nversion: 2\n---\n\n# Elemen Mobilitas\n\n"
            + body + "\n")


def test_versioned_intake(project, tmp_path):
    current = project / "chapters" / "bab-04" / "smart-living.dishub.md"
    current.unlink()
    cfg = load_config(project)
    first = tmp_path / "kiriman-1.md"
    first.write_text(_md("Versi pertama dari Dinas Perhubungan."), encoding="utf-8")
    second = tmp_path / "kiriman-2.md"
    second.write_text(_md("Versi kedua dari Dinas Perhubungan, sudah diperbaiki."), encoding="utf-8")
    r1 = submit(cfg, first)
    r2 = submit(cfg, second)
    r3 = submit(cfg, second)
    assert [r1.status, r2.status, r3.status] == [ACCEPTED, ACCEPTED, DUPLICATE]
    stored = sorted((project / "submissions" / "dishub" / "smart-living").glob("*.md"))
    assert len(stored) == 2 and all(not (p.stat().st_mode & 0o222) for p in stored)
    log = read_log(cfg)
    assert [e["status"] for e in log] == ["diterima", "diterima", "duplikat"]
    assert current.read_text(encoding="utf-8").endswith("sudah diperbaiki.\n")


def test_invalid_submission_leaves_current_untouched(project, tmp_path):
    current = project / "chapters" / "bab-04" / "smart-living.dishub.md"
    before = current.read_bytes()
    bad = tmp_path / "rusak.md"
    bad.write_text(_md("Anggaran tidak jelas.\n\n![Peta](tidak-ada.png)"), encoding="utf-8")
    proc = run_cli("submit", "--project", str(project), str(bad))
    assert proc.returncode == 1 and "MP-E608" in proc.stdout  # the picture would come from outside the project
    assert current.read_bytes() == before
    assert not (project / "submissions" / "dishub").exists()
    assert json.loads((project / "submissions" / "log.jsonl").read_text().splitlines()[-1])["status"] == REJECTED
    forced = run_cli("submit", "--project", str(project), str(bad), "--force")
    assert forced.returncode == 1 and current.read_bytes() == before
    assert len(list((project / "submissions" / "dishub" / "smart-living").glob("*.md"))) == 1


def test_concurrent_submits_are_both_recorded(project, tmp_path):
    files = []
    for i in range(2):
        f = tmp_path / f"serentak-{i}.md"
        f.write_text(_md(f"Kiriman serentak nomor {i}."), encoding="utf-8")
        files.append(f)
    exe = Path(sys.executable).with_name("masterplan")
    procs = [subprocess.Popen([str(exe), "submit", "--project", str(project), str(f)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE) for f in files]
    codes = [p.wait(timeout=120) for p in procs]
    assert codes == [0, 0]
    log = read_log(load_config(project))
    accepted = [e for e in log if e["status"] == "diterima"]
    assert len(accepted) == 2 and len({e["sha256"] for e in accepted}) == 2
    stored = list((project / "submissions" / "dishub" / "smart-living").glob("*.md"))
    assert len(stored) == 3  # both submissions, plus the hand-placed file they replaced, archived


def test_status_counts_missing_and_late(project):
    (project / "chapters" / "bab-01" / "dasar-hukum.hukum.md").unlink()      # deadline 2026-09-15
    (project / "chapters" / "bab-10" / "penutup.bappeda.md").unlink()        # deadline 2026-11-05
    rows = collect(load_config(project), dt.date(2026, 11, 1))
    states = {(r.section, r.opd): r.state for r in rows}
    assert states[("dasar-hukum", "hukum")] == "terlambat"
    assert states[("penutup", "bappeda")] == "segera"
    assert sum(r.received for r in rows) == len(rows) - 2
    proc = run_cli("status", "--project", str(project), "--format", "json", "--today", "2026-11-01")
    assert proc.returncode == 0
    data = json.loads(proc.stdout)
    assert data["per_opd"]["hukum"]["terlambat"] == 1 and data["per_opd"]["bappeda"]["segera"] == 1
    page = (project / "build" / "status.html").read_text(encoding="utf-8")
    assert "Ringkasan per OPD" in page and "Ringkasan per BAB" in page and "<script" not in page


def test_two_drafts_and_the_change_report(tmp_path):
    project = copy_short_sample(tmp_path / "proyek")  # two drafts of a shorter book: the same report
    files = [p for p in (project / "chapters").rglob("*") if p.suffix in (".md", ".docx")]
    first = run_cli("build", "--project", str(project), "--draft", "--no-pdf")
    assert first.returncode == 0, first.stderr
    f = project / "chapters" / "bab-07" / "pola-pikir.kominfo.md"
    f.write_text(f.read_text(encoding="utf-8").replace("budaya Simalungun.", "budaya Simalungun. Kalimat baru "
                                                      "yang ditambahkan untuk draf kedua."), encoding="utf-8")
    second = run_cli("build", "--project", str(project), "--draft", "--no-pdf")
    assert second.returncode == 0, second.stderr
    drafts = project / "build" / "drafts"
    names = sorted(p.name for p in drafts.glob("*.docx"))
    today = dt.date.today().strftime("%Y%m%d")
    assert names == [f"masterplan-smart-city-simalungun-draf-01-{today}.docx",
                     f"masterplan-smart-city-simalungun-draf-02-{today}.docx",
                     "masterplan-smart-city-simalungun-draf-02-redline.docx"]  # issue 16: against draft 01
    report = (drafts / "masterplan-smart-city-simalungun-draf-02-changes.md").read_text(encoding="utf-8")
    assert "| Pola Pikir dan Komunitas | kominfo | diubah | 7 | 0 |" in report
    assert report.count("| diubah |") == 1
    manifest = json.loads((drafts / "masterplan-smart-city-simalungun-draf-02-manifest.json").read_text())
    assert len(manifest["fragments"]) == len(files) == 9 and all(len(f["sha256"]) == 64 for f in manifest["fragments"])
    book = docx.Document(str(drafts / names[1]))
    header = " ".join(p.text for s in book.sections for p in s.header.paragraphs)
    assert "DRAF 02" in header


def test_missing_section_placeholder_and_final_refuses(project):
    (project / "chapters" / "bab-06" / "infrastruktur-tik.kominfo.md").unlink()
    proc = run_cli("build", "--project", str(project), "--draft", "--no-pdf")
    assert proc.returncode == 0, proc.stderr
    draft = next((project / "build" / "drafts").glob("*.docx"))
    text = " ".join(p.text for p in docx.Document(str(draft)).paragraphs)
    assert "BELUM DITERIMA — Diskominfo, batas waktu 20 Oktober 2026" in text
    final = run_cli("build", "--project", str(project), "--final", "--no-pdf")
    assert final.returncode == 1
    assert "Infrastruktur TIK" in final.stderr and "kominfo" in final.stderr
    assert not (project / "build" / BOOK).exists()


def test_final_build_of_the_complete_sample(project):
    proc = run_cli("build", "--project", str(project), "--final", "--no-pdf")
    assert proc.returncode == 0, proc.stderr


def test_draft_leaves_out_a_broken_file(project):
    f = project / "chapters" / "bab-10" / "penutup.bappeda.md"
    f.write_text(f.read_text(encoding="utf-8") + "\n![x](hilang.png)\n", encoding="utf-8")
    proc = run_cli("build", "--project", str(project), "--draft", "--no-pdf")
    assert proc.returncode == 0, proc.stderr
    draft = next((project / "build" / "drafts").glob("*.docx"))
    assert "BERKAS DITOLAK — Bappeda" in " ".join(p.text for p in docx.Document(str(draft)).paragraphs)


def test_init_then_build_gives_a_draft_of_placeholders(tmp_path):
    proc = run_cli("init", str(tmp_path / "toba"), "--region", "Kabupaten Toba", "--period", "2025-2029")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "toba" / "README.md").is_file() and (tmp_path / "toba" / "chapters").is_dir()
    cfg = load_config(tmp_path / "toba")
    assert cfg.config.region.full_name == "Kabupaten Toba" and cfg.config.period.years == [2025, 2026, 2027, 2028, 2029]
    assert [c.bab for c in cfg.config.outline] == list(range(1, 11))
    proc = run_cli("build", "--project", str(tmp_path / "toba"), "--no-pdf")
    assert proc.returncode == 0, proc.stderr
    text = " ".join(p.text for p in docx.Document(str(tmp_path / "toba" / "build" / "masterplan-smart-city-toba.docx")).paragraphs)
    assert text.count("BELUM DITERIMA") >= 15 and "KABUPATEN TOBA" in text
    again = run_cli("init", str(tmp_path / "toba"), "--region", "Kabupaten Toba", "--period", "2025-2029")
    assert again.returncode == 2


@pytest.mark.parametrize("args", [["--region", "Toba"], ["--period", "2029-2025"]])
def test_init_usage_errors(tmp_path, args):
    base = {"--region": "Kabupaten Toba", "--period": "2025-2029"}
    base[args[0]] = args[1]
    proc = run_cli("init", str(tmp_path / "x"), *[a for kv in base.items() for a in kv])
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
