"""The project config: every error at once, with its path; unknown keys warn."""

from __future__ import annotations

import pytest

from conftest import run_cli
from pipeline.config import load_config
from pipeline.errors import ConfigError


def test_sample_config_is_valid(project):
    cfg = load_config(project)
    assert cfg.warnings == []
    assert cfg.config.region.full_name == "Kabupaten Simalungun"
    assert [c.bab for c in cfg.config.outline] == list(range(1, 12))
    assert [c.label for c in cfg.config.outline][-2:] == ["BAB X", "LAMPIRAN"]  # BAB XI is the appendix


def test_broken_config_exit_2_names_the_bad_key(project):
    path = project / "masterplan.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("paper: A4", "paper: Letter").replace("period: {start: 2022, end: 2026}",
                                                              "period: {start: 2022, end: duaribu}")
    path.write_text(text, encoding="utf-8")
    proc = run_cli("validate", "--project", str(project))
    assert proc.returncode == 2
    assert "document.paper" in proc.stderr
    assert "period.end" in proc.stderr  # both problems, reported at once
    assert "Traceback" not in proc.stderr


def test_cross_checks_are_reported_together(project):
    path = project / "masterplan.yml"
    text = path.read_text(encoding="utf-8").replace("owners: [hukum], deadline: 2026-09-15",
                                                    "owners: [hukum-x], deadline: 2026-09-15")
    text = text.replace("id: sistematika", "id: dasar-hukum")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_config(project)
    details = "\n".join(exc.value.details)
    assert "hukum-x" in details and "used twice" in details


def test_unknown_key_is_a_warning(project):
    path = project / "masterplan.yml"
    path.write_text(path.read_text(encoding="utf-8") + "\nwarna_sampul: hijau\n", encoding="utf-8")
    cfg = load_config(project)
    assert any("warna_sampul" in w for w in cfg.warnings)


def test_missing_config_exit_2(tmp_path):
    proc = run_cli("build", "--project", str(tmp_path))
    assert proc.returncode == 2
    assert "masterplan.yml" in proc.stderr


def test_yaml_with_tags_is_refused(project):
    path = project / "masterplan.yml"
    path.write_text("region: !!python/object/apply:os.system ['true']\n", encoding="utf-8")
    proc = run_cli("validate", "--project", str(project))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr


def test_the_config_is_read_again_when_its_bytes_change(project):
    """A resident process (the desk) loads the config for every upload: the same bytes give the config read
    before, and any change is read anew, also one that keeps the file's size."""
    first = load_config(project)
    assert load_config(project) is first
    path = project / "masterplan.yml"
    text = path.read_text(encoding="utf-8")
    assert "Simalungun" in text
    path.write_text(text.replace("Simalungun", "Simalungan", 1), encoding="utf-8")  # same length
    second = load_config(project)
    assert second is not first and second.digest != first.digest
    assert load_config(project, "en") is not second  # its warnings are in the other language
