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


SHORT_BOOK_DROPS = ("bab-03", "bab-04", "bab-05", "bab-06", "bab-08", "bab-09")


def copy_short_sample(dest: Path) -> Path:
    """The sample with four chapters' files (BAB I, II, VII and X): a draft of 39 pages (the whole sample:
    72), the other sections shown as not received, for tests of what happens around a build (processes,
    drafts, refusals) rather than of the book's content."""
    copy_sample(dest)
    for folder in SHORT_BOOK_DROPS:
        shutil.rmtree(dest / "chapters" / folder)
    return dest


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run a masterplan command in process (click's CliRunner), as a user would type it.

    Returns what :func:`run_cli_process` returns (returncode, stdout, stderr), so
    tests read the same either way. Use :func:`run_cli_process` where a real
    process matters (signals, memory limits, processes running side by side).
    """
    import os

    from click.testing import CliRunner

    from pipeline.cli import main

    here = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(here)
    return subprocess.CompletedProcess(["masterplan", *args], result.exit_code, result.stdout, result.stderr)


def run_cli_process(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the installed ``masterplan`` console script in a process of its own."""
    exe = Path(sys.executable).with_name("masterplan")
    return subprocess.run([str(exe), *args], capture_output=True, text=True, cwd=cwd, timeout=600)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_sample(tmp_path / "proyek")


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> dict:
    """The sample built once per run, with PDF, through the CLI; the test workers share it (read only)."""
    import fcntl
    import os

    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base  # the run's folder, above the workers'
    proj = shared / "sample-build" / "proyek"
    with open(shared / "sample-build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the first worker builds; the others wait for its book
        done = shared / "sample-build" / "stderr.txt"
        if not done.exists():
            shutil.rmtree(proj, ignore_errors=True)  # a worker whose build failed leaves its project
            copy_sample(proj)
            proc = run_cli_process("build", "--project", str(proj))  # the real command, once per run
            assert proc.returncode == 0, proc.stderr
            done.write_text(proc.stderr, encoding="utf-8")
    out = proj / "build"
    return {"project": proj, "out": out, "docx": out / "masterplan-smart-city-simalungun.docx",
            "pdf": out / "masterplan-smart-city-simalungun.pdf", "stderr": done.read_text(encoding="utf-8")}
