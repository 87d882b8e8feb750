"""The CLI: every command documented with an example; exit codes."""

from __future__ import annotations

import click
import pytest

from conftest import run_cli
from pipeline.cli import main

COMMANDS = sorted(main.commands)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_with_example(name, monkeypatch):
    proc = run_cli(name, "--help")
    assert proc.returncode == 0
    assert "Contoh:" in proc.stdout and "Pemakaian:" in proc.stdout, f"{name} --help has no Indonesian example"
    assert "Show this message" not in proc.stdout
    monkeypatch.setenv("MASTERPLAN_LANG", "en")
    english = run_cli(name, "--help")
    assert "Example" in english.stdout and "Usage:" in english.stdout, f"{name} --help has no example"
    assert main.commands[name].help and len(main.commands[name].help) > 40


def test_every_option_has_its_help_in_indonesian():
    from pipeline.messages import help_id

    assert set(help_id.COMMANDS) == set(COMMANDS)
    for name, cmd in main.commands.items():
        for p in cmd.params:
            if isinstance(p, click.Option) and p.help:
                assert (name, p.name) in help_id.OPTIONS_OF or p.name in help_id.OPTIONS, (name, p.name)


def test_lang_switches_the_help_of_a_command():
    assert "Bahasa pesan" in run_cli("build", "--help").stdout
    assert "Language of messages" in run_cli("build", "--lang", "en", "--help").stdout
    assert "Bahasa pesan" in run_cli("build", "--help").stdout  # the English call left nothing behind


def test_every_command_takes_project():
    for name, cmd in main.commands.items():
        if name in ("rules", "init"):  # rules reads no project; init's DIRECTORY argument is the new project
            continue
        assert any(isinstance(p, click.Option) and "--project" in p.opts for p in cmd.params), name


def test_rules_lists_every_rule():
    from pipeline.messages import RULES

    proc = run_cli("rules", "--format", "json")
    assert proc.returncode == 0
    assert len(RULES) == proc.stdout.count('"code"')


def test_validate_sample_is_clean(project):
    proc = run_cli("validate", "--project", str(project))
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_status_in_the_terminal_names_opds_and_dates_as_the_board_does(tmp_path):
    from conftest import copy_sample

    project = copy_sample(tmp_path / "proyek")
    shown = run_cli("status", "--project", str(project), "--today", "2026-10-20")
    assert shown.returncode == 0, shown.stdout
    assert "Status per 20 Okt 2026" in shown.stdout and "15 Sep 2026" in shown.stdout
    assert "Bagian Hukum" in shown.stdout and "2026-09-15" not in shown.stdout
    english = run_cli("status", "--project", str(project), "--today", "2026-10-20", "--lang", "en")
    assert "20 Oct 2026" in english.stdout
