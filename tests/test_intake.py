"""Issue 11: files taken as OPD staff send them (metadata, names, other chapters, literal text)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner
from rich.console import Console

import realistic as R
from docxmaker import word_fragment
from pipeline import cli
from pipeline.config import load_config
from pipeline.discover import read_fragment
from pipeline.errors import ConfigError
from pipeline.messages import message
from pipeline.names import Names
from pipeline.validate import validate_project
from pipeline.workflow.intake import check_submission, new_errors_elsewhere, read_log, submit

GOVERNANCE = Path("chapters/bab-04/smart-governance.kominfo.docx")
TODAY = dt.date.today().isoformat()


@pytest.fixture
def wide(monkeypatch):
    """The CLI's tables printed without wrapping, so that a cell's text can be searched whole."""
    monkeypatch.setattr(cli, "out_console", lambda: Console(width=400))


def invoke(*args: str):
    return CliRunner().invoke(cli.main, list(args), catch_exceptions=False)


def _codes(diags) -> list[str]:
    return sorted(d.code for d in diags)


# -- intake without friction --------------------------------------------------------------------------
def test_plain_word_file_is_submitted_with_opd_and_section_alone(project, tmp_path, wide):
    sent = R.governance_file(tmp_path / "bab4_final_revisi2_FIX.docx")
    assert docx.Document(str(sent)).core_properties.title == ""  # no metadata of its own, no sidecar
    result = invoke("submit", "--project", str(project), str(sent), "--opd", "kominfo", "--section",
                    "smart-governance")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "MP-E101" not in result.stdout and "MP-W106" not in result.stdout
    assert f"judul = Smart Governance, versi = 4, tanggal = {TODAY}" in result.stderr
    current = project / GOVERNANCE
    assert current.read_bytes() == sent.read_bytes()
    sidecar = yaml.safe_load(current.with_suffix(".yml").read_text(encoding="utf-8"))
    assert sidecar == {"opd": "kominfo", "section": "smart-governance", "title": "Smart Governance", "version": "4",
                       "date": TODAY}
    stored = sorted((project / "submissions" / "kominfo" / "smart-governance").glob("*.yml"))
    assert len(stored) == 1  # the record beside the stored copy (the replaced file was archived without one)
    record = yaml.safe_load(stored[0].read_text(encoding="utf-8"))
    assert record["diisi_otomatis"] == ["date", "title", "version"] and record["version"] == "4"
    assert record["berkas_asli"] == "bab4_final_revisi2_FIX.docx"
    assert stored[0].with_suffix(".docx").read_bytes() == sent.read_bytes()
    entry = read_log(load_config(project))[-1]
    assert entry["status"] == "diterima" and entry["diisi_otomatis"] == {"title": "Smart Governance",
                                                                          "version": "4", "date": TODAY}
    # The next plain file for the same section and OPD is version 5.
    again = R.governance_file(tmp_path / "revisi3.docx", extra=lambda d: d.add_paragraph("Tambahan revisi."))
    assert submit(load_config(project), again, opd="kominfo", section="smart-governance").filled["version"] == "5"


def test_plain_markdown_file_is_validated_and_submitted(project, tmp_path, wide):
    sent = tmp_path / "mobilitas.md"
    sent.write_text("# Elemen Mobilitas\n\nAngkutan nagori dilayani 120 armada.\n", encoding="utf-8")
    checked = invoke("validate", "--project", str(project), str(sent), "--opd", "dishub", "--section",
                     "smart-living", "--format", "json")
    assert checked.exit_code == 0, checked.stdout
    data = json.loads(checked.stdout)
    assert data["filled"] == {"title": "Smart Living", "version": "2", "date": TODAY}  # chapters/ holds version 1
    assert not [d for d in data["diagnostics"] if d["severity"] == "error"]
    result = invoke("submit", "--project", str(project), str(sent), "--opd", "Dinas Perhubungan", "--section",
                    "smart-living")  # the OPD's name does as well as its code
    assert result.exit_code == 0, result.stdout
    installed = (project / "chapters" / "bab-04" / "smart-living.dishub.md").read_text(encoding="utf-8")
    front = yaml.safe_load(installed.split("---")[1])
    assert front == {"opd": "dishub", "section": "smart-living", "title": "Smart Living", "version": "2",
                     "date": TODAY}
    assert installed.endswith("Angkutan nagori dilayani 120 armada.\n")


def test_what_the_file_says_wins_over_the_defaults(project, tmp_path):
    sent = tmp_path / "kiriman.md"
    sent.write_text("---\ntitle: Mobilitas Perdesaan\nversion: 9\n---\n\n# Elemen Mobilitas\n\nIsi.\n", encoding="utf-8")
    checked = check_submission(load_config(project), sent, opd="dishub", section="smart-living")
    assert checked.filled == {"date": TODAY}
    assert (checked.fragment.meta.title, checked.fragment.meta.version) == ("Mobilitas Perdesaan", "9")


def test_a_version_number_already_taken_becomes_the_next_one(project, tmp_path):
    """The store counts versions: a new file that says 'version: 1' when version 1 is current is version 2,
    and the OPD is told why (MP-W109); a number not yet used is kept as the file gives it."""
    cfg = load_config(project)
    sent = tmp_path / "kiriman.md"
    sent.write_text("---\nversion: 1\n---\n\n# Elemen Mobilitas\n\nAngkutan nagori dilayani 121 armada.\n",
                    encoding="utf-8")
    first = submit(cfg, sent, opd="dishub", section="smart-living")
    assert first.status == "diterima", [(d.code, d.args) for d in first.diagnostics]
    assert first.fragment.meta.version == "2"
    notice = next(d for d in first.diagnostics if d.code == "MP-W109")
    assert notice.args == {"stated": "1", "assigned": "2"}
    text, hint = message(notice, "id")
    assert "versi 1" in text and "versi 2" in text and "version" in hint
    installed = (project / "chapters" / "bab-04" / "smart-living.dishub.md").read_text(encoding="utf-8")
    assert yaml.safe_load(installed.split("---")[1])["version"] == "2"
    assert read_log(cfg)[-1]["versi"] == "2"
    sent.write_text("---\nversion: 7\n---\n\n# Elemen Mobilitas\n\nAngkutan nagori dilayani 122 armada.\n",
                    encoding="utf-8")
    second = submit(cfg, sent, opd="dishub", section="smart-living")
    assert second.fragment.meta.version == "7" and "MP-W109" not in _codes(second.diagnostics)
    sent.write_text("---\nversion: 1\n---\n\n# Elemen Mobilitas\n\nAngkutan nagori dilayani 121 armada.\n",
                    encoding="utf-8")  # the file accepted first, sent again: back as the number it was given
    back = submit(cfg, sent, opd="dishub", section="smart-living")
    assert back.status == "diterima" and back.rollback and back.fragment.meta.version == "2"
    assert "MP-W109" not in _codes(back.diagnostics) and read_log(cfg)[-1]["versi"] == "2"
    sent.write_text("---\nversion: ²\n---\n\n# Elemen Mobilitas\n\nAngkutan nagori dilayani 123 armada.\n",
                    encoding="utf-8")  # a number Python calls a digit, not one we count
    assert submit(cfg, sent, opd="dishub", section="smart-living").fragment.meta.version == "²"


def test_sidecar_merges_with_the_word_properties_key_by_key(project):
    path = project / GOVERNANCE
    sidecar = path.with_suffix(".yml")
    sidecar.write_text("version: 7\ndate: 2026-10-20\n", encoding="utf-8")
    frag, diags = read_fragment(path, load_config(project))
    assert not diags
    meta = frag.meta
    # title, opd, section and contact come from the properties; version and date from the sidecar
    assert (meta.title, meta.opd, meta.section, meta.version, meta.date) == (
        "Strategi Smart Governance", "kominfo", "smart-governance", "7", "2026-10-20")
    assert meta.contact == "Bidang Aplikasi Informatika, 0622-21090" and meta.source == "properties+sidecar"
    sidecar.write_text("title: Tata Kelola Pemerintahan\n", encoding="utf-8")
    meta = read_fragment(path, load_config(project))[0].meta
    assert (meta.title, meta.version) == ("Tata Kelola Pemerintahan", "3")  # the sidecar wins where it speaks
    assert not [d for d in validate_project(load_config(project)).errors if d.file.endswith("kominfo.docx")]


# -- names as people write them ----------------------------------------------------------------------
OWNER_TABLE = ("Table: Program Uji\n\n| No | Elemen | Nama Program | Tahun Pelaksanaan | Indikasi Anggaran (Rp) | "
               "Sumber Dana | Perangkat Daerah Penanggung Jawab |\n|---|---|---|---|---|---|---|\n")


def _owner_rows(*owners: str) -> str:
    return "".join(f"| {i} | Pelayanan | Program Uji Nomor {i} | 2024 | Rp 100.000.000 | APBD | {o} |\n"
                   for i, o in enumerate(owners, start=1))


def test_owners_written_as_staff_write_them(project):
    path = project / "chapters" / "bab-04" / "smart-governance.disdukcapil.md"
    owners = ["Dinas Kominfo", "Diskominfo", "Dinas Komunikasi dan Informatika", "DINAS  KOMINFO.",
              "Diskominfo Kabupaten Simalungun", "Dinas Kominfo, Bappeda", "Dinas Pertanian", "Dinas Kesehatn"]
    path.write_text("---\nopd: Dinas Kependudukan dan Pencatatan Sipil\nsection: smart-governance\ntitle: Uji\n"
                    "version: 1\n---\n\n# Uji\n\nIsi.\n\n" + OWNER_TABLE + _owner_rows(*owners), encoding="utf-8")
    v = validate_project(load_config(project))
    mine = [d for d in v.diagnostics if d.file.endswith("disdukcapil.md")]
    assert next(f for f in v.fragments if f.rel.endswith("disdukcapil.md")).opd == "disdukcapil"
    rows = {p.name: p.opd for p in v.dataset.programmes if p.source.endswith("disdukcapil.md")}
    assert [rows[f"Program Uji Nomor {i}"] for i in range(1, 7)] == ["kominfo"] * 5 + ["kominfo"]
    e305 = sorted((d for d in mine if d.code == "MP-E305"), key=lambda d: d.args["value"])
    assert [d.args["value"] for d in e305] == ["Dinas Kesehatn", "Dinas Pertanian"]
    assert message(e305[0])[1].startswith("Maksud Anda 'Dinkes'?")
    assert "Maksud Anda" not in message(e305[1])[1]  # nothing near enough: no misleading guess
    assert message(e305[0], "en")[1].startswith("Did you mean 'Dinkes'?")


def test_opd_aliases_that_collide_are_a_config_error(project):
    cfg = yaml.safe_load((project / "masterplan.yml").read_text(encoding="utf-8"))
    cfg["opds"][5]["aliases"] = ["Dinas Kominfo"]  # dinkes
    (project / "masterplan.yml").write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_config(project)
    assert any("'Dinas Kominfo' also names OPD 'kominfo'" in d for d in exc.value.details)


def test_sample_config_lists_how_staff_write_kominfo():
    cfg = load_config(Path(__file__).resolve().parent.parent).config
    assert "Dinas Kominfo" in cfg.opd("kominfo").aliases
    for written in ("Dinas Kominfo", "Diskominfo", "Dinas Komunikasi dan Informatika"):
        assert cfg.find_opd(written).canonical == "kominfo"


def test_slips_in_dimensions_and_elements(project, tmp_path):
    cfg = load_config(project)
    rows = [["2", "Smart Galaxy", "Energi", "Panel Surya Kantor", "2024", "Rp 500.000.000", "APBD", "DLH"],
            ["3", "Smart Environment", "Sampah dan Limbh", "Komposter Pasar", "2025", "Rp 200.000.000", "APBD", "DLH"]]
    sent = R.environment_file(tmp_path / "lingkungan.docx", extra_rows=rows)
    checked = check_submission(cfg, sent, opd="dlh", section="smart-environment")
    by_code = {d.code: d for d in checked.diagnostics}
    assert _codes(checked.diagnostics) == ["MP-E301", "MP-W205", "MP-W313", "MP-W314"]
    assert by_code["MP-W313"].args == {"value": "Smart Enviroment", "canonical": "Smart Environment"}
    assert by_code["MP-W313"].location.row == 1 and by_code["MP-W313"].location.column == 2
    assert by_code["MP-W314"].args == {"value": "Sampah dan Limbh", "canonical": "Sampah dan Limbah"}
    hint = message(by_code["MP-E301"])[1]
    assert hint.startswith("Maksud Anda 'Smart Governance' atau 'Smart Living'?") and "Smart Environment" in hint
    read = {p.name: (p.dimension, p.element) for p in checked.validation.dataset.programmes}
    assert read["Bank Sampah Digital Nagori"] == ("Smart Environment", "Sampah dan Limbah")
    assert read["Komposter Pasar"] == ("Smart Environment", "Sampah dan Limbah")


def test_a_slip_near_two_names_is_not_guessed():
    names = Names()
    names.add("Bisnis")
    names.add("Basis", "Dasar")
    assert names.guess("Bisnis ").how == "exact"
    assert names.guess("Bsinis").canonical == "Bisnis"  # two neighbours swapped: one edit
    assert names.guess("Basnis") is None  # one edit from both
    assert names.nearest("Basnis") == ["Basis", "Bisnis"]


# -- a submission never breaks another chapter -------------------------------------------------------
def test_replacement_that_removes_a_referenced_id_is_refused(project, tmp_path, wide):
    before = {p: p.read_bytes() for p in (project / "chapters").rglob("*") if p.is_file()}
    sent = R.governance_file(tmp_path / "tanpa-id.docx", keep_id=False)
    result = invoke("submit", "--project", str(project), str(sent), "--opd", "kominfo", "--section",
                    "smart-governance")
    assert result.exit_code == 1
    out = " ".join(result.stdout.split())
    assert ("Berkas ini tidak lagi memuat id 'tbl:program-governance', padahal chapters/bab-09/quick-win.kominfo.md "
            "(baris 14) merujuk '@tbl:program-governance'.") in out
    assert "MP-E701" in out and "Ditolak" in result.stderr
    assert {p: p.read_bytes() for p in (project / "chapters").rglob("*") if p.is_file()} == before
    assert not (project / "submissions" / "kominfo" / "smart-governance").exists()
    forced = invoke("submit", "--project", str(project), str(sent), "--opd", "kominfo", "--section",
                    "smart-governance", "--force")
    assert forced.exit_code == 1 and "draf" in forced.stderr
    assert {p: p.read_bytes() for p in (project / "chapters").rglob("*") if p.is_file()} == before
    assert len(list((project / "submissions" / "kominfo" / "smart-governance").glob("*.docx"))) == 1
    assert read_log(load_config(project))[-1]["status"] == "draf"
    # with the id kept, the same file goes in
    kept = R.governance_file(tmp_path / "dengan-id.docx")
    assert submit(load_config(project), kept, opd="kominfo", section="smart-governance").status == "diterima"


def test_any_other_new_error_elsewhere_is_named(project, tmp_path):
    cfg = load_config(project)
    before = validate_project(cfg).errors
    other = project / "chapters" / "bab-10" / "penutup.bappeda.md"
    other.write_text(other.read_text(encoding="utf-8") + "\n![Peta](../gambar/hilang.png)\n", encoding="utf-8")
    after = validate_project(cfg)
    frag = next(f for f in after.fragments if f.rel.endswith("pola-pikir.kominfo.md"))
    found = new_errors_elsewhere(before, after.errors, frag)
    assert _codes(found) == ["MP-E111", "MP-E502"]
    e111 = next(d for d in found if d.code == "MP-E111")
    assert e111.file == frag.rel and e111.args["other"] == "chapters/bab-10/penutup.bappeda.md"
    assert e111.args["rule"] == "MP-E502" and e111.args["where_id"].startswith("baris ")
    assert new_errors_elsewhere(after.errors, after.errors, frag) == []


# -- user text prints literally --------------------------------------------------------------------
def test_square_brackets_print_literally(tmp_path, wide):
    from conftest import copy_sample

    project = copy_sample(tmp_path / "proyek [uji]")

    def marked(d):
        R.localise(d)
        R.heading(d, "Kondisi Saat Ini")
        R.highlighted(d, "Capaian SPBE: ", "[isi data di sini]")
        R.highlighted(d, "Catatan: ", "[bold]x[/bold]")
    word = word_fragment(tmp_path / "sorot.docx", {"title": "Uji"}, marked)
    result = invoke("validate", "--project", str(project), str(word), "--opd", "kominfo", "--section",
                    "smart-governance")
    assert "Ada teks yang diberi sorotan (highlight): '[isi data di sini]'." in result.stdout
    assert "Ada teks yang diberi sorotan (highlight): '[bold]x[/bold]'." in result.stdout
    md = tmp_path / "judul.md"
    md.write_text("# [bold]x[/bold]\n\n# [isi data di sini]\n\nIsi.\n", encoding="utf-8")
    result = invoke("validate", "--project", str(project), str(md), "--opd", "dishub", "--section", "smart-living")
    assert "Judul '[bold]x[/bold]' tidak memiliki isi." in result.stdout
    assert "(# [bold]x[/bold])" not in result.stdout and "baris 1" in result.stdout
    result = invoke("submit", "--project", str(project), str(md), "--opd", "dishub", "--section", "smart-living")
    assert result.exit_code == 0
    assert f"{project}/chapters/bab-04/smart-living.dishub.md" in " ".join(result.stderr.split())
    status = invoke("status", "--project", str(project))
    assert "proyek [uji]" in " ".join(status.stderr.split())


def test_only_the_true_errors_remain(project, tmp_path):
    """An unregistered OPD, a year outside the plan and a dimension nobody can guess: nothing else."""
    sent = R.environment_file(tmp_path / "lingkungan.docx", dimension="Smart Galaxy", owner="Dinas Pertanian",
                              years="2021–2023")
    checked = check_submission(load_config(project), sent, opd="dlh", section="smart-environment")
    assert _codes(d for d in checked.diagnostics if d.is_error) == ["MP-E301", "MP-E305", "MP-E306"]
    assert {d.location.row for d in checked.diagnostics if d.is_error} == {1}


def test_bytes_a_worker_took_through_the_same_work_are_not_sent_to_a_worker_again(project, tmp_path, monkeypatch):
    """The intake's worker analysed and converted an upload within the limits; the draft that follows reads
    the same bytes under the installed name and does that work in its own process, taking the conversion the
    intake made. Bytes never seen go to a worker, and so do bytes seen only analysed when they are to be
    converted, bytes a worker found broken, and any bytes once the limits are set otherwise."""
    import pipeline.validate as V
    from pipeline.convert import Converter

    sent = R.governance_file(tmp_path / "kiriman.docx", extra=lambda d: d.add_paragraph("Kalimat baru."))
    cache_dir = project / "build" / "cache" / "analysis"
    assert submit(load_config(project), sent, opd="kominfo", section="smart-governance", cache_dir=cache_dir,
                  convert_into=project / "build" / "cache").status == "diterima"
    pooled: list[list[str]] = []
    real = V.map_limited

    def counting(fn, items, **kw):
        pooled.append([frag.rel for frag in items])
        return real(fn, items, **kw)

    monkeypatch.setattr(V, "map_limited", counting)
    cfg = load_config(project)
    converter = Converter.of_project(cfg, [], project / "build" / "cache")
    converted_before = set((project / "build" / "cache").glob("*.docx"))
    assert converted_before  # the intake's conversion
    before = validate_project(cfg, cache_dir=cache_dir, then=converter.word_ahead)
    assert pooled == [[]]  # the installed file is new under its name, but its bytes went through that work
    assert not before.errors
    made = before.after[GOVERNANCE.as_posix()]
    assert made.cached and made.path in converted_before  # the intake's conversion, taken as it is
    def records_of(path: Path) -> set[Path]:
        frag = read_fragment(path, cfg)[0]
        return {cache_dir / f"{V._within_limits_key(frag, converted)}.pkl" for converted in (False, True)}

    def analyses_forgotten(records: set[Path]):  # every analysis, but not these records
        for entry in cache_dir.glob("*.pkl"):
            if entry not in records:
                entry.unlink()

    records = records_of(project / GOVERNANCE)
    assert [r.is_file() for r in sorted(records)].count(True) == 1  # analysed and converted: both in one
    again = R.governance_file(project / GOVERNANCE, extra=lambda d: d.add_paragraph("Belum pernah dianalisis."))
    validate_project(cfg, cache_dir=cache_dir)
    assert pooled[-1] == [GOVERNANCE.as_posix()]  # new bytes
    analyses_forgotten(records | records_of(again))
    validate_project(cfg, cache_dir=cache_dir, then=converter.word_ahead)
    assert GOVERNANCE.as_posix() in pooled[-1]  # seen analysed, never converted in a worker
    (project / GOVERNANCE).write_bytes(sent.read_bytes())
    analyses_forgotten(records)
    validate_project(cfg, cache_dir=cache_dir)
    assert GOVERNANCE.as_posix() not in pooled[-1] and len(pooled[-1]) > 5
    monkeypatch.setattr(V, "TIME_LIMIT", 5)  # a record made under other limits does not count
    analyses_forgotten(records)
    validate_project(cfg, cache_dir=cache_dir)
    assert GOVERNANCE.as_posix() in pooled[-1]
    monkeypatch.setattr(V, "TIME_LIMIT", 20)
    import zipfile

    with zipfile.ZipFile(sent) as src, zipfile.ZipFile(project / GOVERNANCE, "w") as dst:
        for item in src.infolist():  # the body cut short: a broken file for the worker (MP-E613)
            data = src.read(item)
            dst.writestr(item, data[:len(data) // 2] if item.filename == "word/document.xml" else data)
    assert any(d.code == "MP-E613" for d in validate_project(cfg, cache_dir=cache_dir).errors)
    assert not (cache_dir / f"{V._within_limits_key(read_fragment(project / GOVERNANCE, cfg)[0], False)}.pkl").exists()
