"""The CLI: every command documented with an example; exit codes."""

from __future__ import annotations

import click
import pytest

from conftest import run_cli
from pipeline.cli import main

COMMANDS = sorted(main.commands)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_with_example(name):
    proc = run_cli(name, "--help")
    assert proc.returncode == 0
    assert "Example" in proc.stdout, f"{name} --help has no example"
    assert main.commands[name].help and len(main.commands[name].help) > 40


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
