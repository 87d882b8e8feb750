"""Shared fixtures: the sample project copied to a temp dir, and one full build of it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_PARTS = ("masterplan.yml", "templates", "chapters")


def copy_sample(dest: Path) -> Path:
    """A private copy of the sample masterplan project."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in SAMPLE_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part)
        else:
            shutil.copy2(src, dest / part)
    return dest


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the masterplan console script as a user would."""
    exe = Path(sys.executable).with_name("masterplan")
    return subprocess.run([str(exe), *args], capture_output=True, text=True, cwd=cwd, timeout=600)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_sample(tmp_path / "proyek")


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> dict:
    """The sample built once, with PDF, through the CLI."""
    proj = copy_sample(tmp_path_factory.mktemp("sample") / "proyek")
    proc = run_cli("build", "--project", str(proj))
    assert proc.returncode == 0, proc.stderr
    out = proj / "build"
    return {"project": proj, "out": out, "docx": out / "masterplan-smart-city-simalungun.docx",
            "pdf": out / "masterplan-smart-city-simalungun.pdf", "stderr": proc.stderr}
