"""LibreOffice headless: .docx to PDF. The only module that runs soffice.

soffice exits 0 even when it could not load a file, so success is judged by
the PDF: it must exist and have pages. Each run gets a private profile.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from pipeline.errors import EngineError

TIMEOUT = 600
APT_PACKAGES = ("libreoffice-writer-nogui", "poppler-utils", "fonts-liberation2", "fonts-crosextra-carlito",
                "fonts-crosextra-caladea", "fonts-urw-base35")
APT_LINE = "sudo apt-get install -y --no-install-recommends " + " ".join(APT_PACKAGES)


def soffice_path() -> str | None:
    """The soffice binary, or None when LibreOffice is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(src: Path, dest: Path) -> None:
    """Convert ``src`` to ``dest`` (a PDF); raise EngineError when no PDF comes out."""
    exe = soffice_path()
    if exe is None:
        raise EngineError("LibreOffice (soffice) is not installed.\n  " + APT_LINE)
    with tempfile.TemporaryDirectory(prefix="mp-lo-") as tmp:
        tmpdir = Path(tmp)
        profile = tmpdir / "profile"
        outdir = tmpdir / "out"
        args = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(outdir), str(src)]
        try:
            proc = subprocess.run(args, capture_output=True, text=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            raise EngineError(f"LibreOffice took longer than {TIMEOUT} s") from None
        pdf = outdir / (src.stem + ".pdf")
        if not pdf.is_file() or pdf.stat().st_size < 100 or not pdf.read_bytes()[:5] == b"%PDF-":
            detail = (proc.stderr or proc.stdout).strip()[:400]
            raise EngineError(f"LibreOffice could not convert {src.name} to PDF: {detail or 'no output'}")
        shutil.move(str(pdf), dest)
