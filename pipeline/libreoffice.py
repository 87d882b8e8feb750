"""LibreOffice headless: .docx to PDF. The only module that runs soffice.

soffice exits 0 even when it could not load a file, so success is judged by
the PDF: it must exist and have pages.

The PDF is PDF/A-2b and tagged, with an outline built from the headings.
LibreOffice 7.4 takes these export options only in their JSON form; the old
``writer_pdf_Export:SelectPdfVersion=2`` is ignored without a word. The PDF's
title and author come from the document's core properties, its /Lang from the
document's default language.

LibreOffice lays text out in the fonts fontconfig gives it, so
:func:`font_match` (``fc-match``) tells which font a font name will print in.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from pipeline import orphans
from pipeline.errors import DocumentRefused, EngineError

TIMEOUT = 600
APT_PACKAGES = ("libreoffice-writer-nogui", "poppler-utils", "fonts-liberation2", "fonts-crosextra-carlito",
                "fonts-crosextra-caladea", "fonts-urw-base35")
APT_LINE = "sudo apt-get install -y --no-install-recommends " + " ".join(APT_PACKAGES)
PDF_OPTIONS = {
    "SelectPdfVersion": {"type": "long", "value": "2"},  # PDF/A-2b
    "UseTaggedPDF": {"type": "boolean", "value": "true"},
    "ExportBookmarks": {"type": "boolean", "value": "true"},  # the outline, from the headings
    "ExportNotes": {"type": "boolean", "value": "false"},
}
PDF_FILTER = "pdf:writer_pdf_Export:" + json.dumps(PDF_OPTIONS, separators=(",", ":"))


@dataclass(frozen=True)
class FontMatch:
    """The font that fontconfig (and so LibreOffice) uses for a font name."""

    family: str  # "Liberation Sans"
    postscript: str  # "LiberationSans"


@functools.lru_cache(maxsize=64)
def font_match(name: str) -> FontMatch | None:
    """What ``name`` prints in on this machine, or None when fontconfig is not installed."""
    exe = shutil.which("fc-match")
    if exe is None:
        return None
    proc = subprocess.run([exe, "-f", "%{family}\t%{postscriptname}", name], capture_output=True, text=True,
                          timeout=30)
    family, _, postscript = proc.stdout.partition("\t")
    if proc.returncode != 0 or not family:
        return None
    return FontMatch(family.split(",")[0].strip(), postscript.strip())


def soffice_path() -> str | None:
    """The soffice binary, or None when LibreOffice is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(src: Path, dest: Path) -> None:
    """Convert ``src`` to ``dest`` (a PDF) with a private profile; raise EngineError when no PDF comes out."""
    exe = soffice_path()
    if exe is None:
        raise EngineError(key="engine.no_soffice", command=APT_LINE)
    with orphans.tmpdir("lo") as tmp:
        _convert(exe, src, dest, tmp / "profile")


class Office:
    """A LibreOffice started ahead of time, so that its start-up overlaps the build.

    LibreOffice takes about a second to start (measured: 0.95 s for a one-line
    document, 4.94 s instead of 5.58 s for the 400-page book when an instance
    is already running). A second ``soffice`` with the same profile hands its
    command line to the running instance over LibreOffice's own pipe, so the
    conversion itself stays an ordinary ``--convert-to``. If the instance is not
    ready in time or the hand-over fails, :meth:`convert` falls back to
    :func:`docx_to_pdf`. Close it (or use ``with``) to stop the instance.
    """

    def __init__(self, ready_timeout: float = 60):
        self._exe = soffice_path()
        if self._exe is None:
            raise EngineError(key="engine.no_soffice", command=APT_LINE)
        self._tmp = orphans.mkdtemp("lo")
        self.profile = self._tmp / "profile"
        self._timeout = ready_timeout
        self._pipes_before = _office_pipes()
        self._proc = subprocess.Popen(
            [self._exe, f"-env:UserInstallation={self.profile.resolve().as_uri()}", "--headless", "--norestore",
             "--nologo", "--nodefault"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True)
        # soffice.bin runs under a launcher, so only its process group can be reached: a watchdog kills
        # that group if we die before close().
        self._watchdog = orphans.watch_group(self._proc.pid)

    def ready(self) -> bool:
        """Wait until the instance listens on its pipe; False when it died or took too long."""
        deadline = time.monotonic() + self._timeout
        while time.monotonic() < deadline:
            if _office_pipes() - self._pipes_before:
                return True
            if self._proc.poll() is not None:
                return False
            time.sleep(0.05)
        return False

    def convert(self, src: Path, dest: Path) -> None:
        """Convert ``src`` to ``dest`` (a PDF) in the running instance, or else in a fresh one."""
        self.convert_all([(src, dest)])

    def convert_all(self, pairs: list[tuple[Path, Path]]) -> None:
        """Convert each (source, PDF) pair, all in one hand-over to the running instance.

        One command for several small documents: three companion documents took
        2.5 to 3 s together against about 2 s each (measured on 2 busy cores).
        Whatever the instance did not convert is tried again, one file at a
        time, in a fresh instance, which raises DocumentRefused for a file it
        cannot open either.
        """
        for _, dest in pairs:
            dest.unlink(missing_ok=True)  # what is there after the hand-over is this conversion's
        if self.ready():
            try:
                if len(pairs) == 1:
                    return _convert(self._exe, *pairs[0], self.profile)
                return _convert_many(self._exe, pairs, self.profile)
            except EngineError:
                pass  # a refusal is confirmed (or not) by a fresh instance below
        for src, dest in pairs:
            if not _is_pdf(dest):
                docx_to_pdf(src, dest)

    def close(self) -> None:
        if self._proc.poll() is None:
            try:
                os.killpg(self._proc.pid, signal.SIGTERM)
                self._proc.wait(timeout=10)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self._proc.pid, signal.SIGKILL)
                self._proc.wait()
        orphans.disarm(self._watchdog)
        shutil.rmtree(self._tmp, ignore_errors=True)

    def __enter__(self) -> "Office":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _office_pipes() -> set[str]:
    """LibreOffice's single-instance pipes of this user (one per running instance).

    LibreOffice puts them in /tmp (or /var/tmp), whatever TMPDIR says.
    """
    return {str(p) for folder in ("/tmp", "/var/tmp")
            for p in Path(folder).glob(f"OSL_PIPE_{os.getuid()}_SingleOfficeIPC_*")}


def _is_pdf(path: Path) -> bool:
    return path.is_file() and path.stat().st_size >= 100 and path.read_bytes()[:5] == b"%PDF-"


def _convert(exe: str, src: Path, dest: Path, profile: Path) -> None:
    _convert_many(exe, [(src, dest)], profile)


def _convert_many(exe: str, pairs: list[tuple[Path, Path]], profile: Path) -> None:
    stems = [src.stem for src, _ in pairs]
    if len(set(stems)) != len(stems):  # one output folder: two sources with one name would overwrite each other
        for src, dest in pairs:
            _convert(exe, src, dest, profile)
        return
    with orphans.tmpdir("lo-out") as outdir:
        args = [exe, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--norestore",
                "--convert-to", PDF_FILTER, "--outdir", str(outdir), *(str(src) for src, _ in pairs)]
        try:
            _, out, err = orphans.run_group(args, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            raise EngineError(key="engine.soffice_timeout", seconds=TIMEOUT) from None
        refused = []
        for src, dest in pairs:
            pdf = outdir / (src.stem + ".pdf")
            if _is_pdf(pdf):
                shutil.move(str(pdf), dest)
            else:
                refused.append(src.name)
        if refused:
            detail = (err or out).strip()[:400]
            raise DocumentRefused(f"LibreOffice could not convert {', '.join(refused)} to PDF: "
                                  f"{detail or 'no output'}")
