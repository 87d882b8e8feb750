"""pandoc, from pypandoc-binary (pandoc 3.x): Markdown to .docx and .docx to plain text.

This is the only module that runs pandoc.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from pipeline import mdimages, orphans
from pipeline.errors import EngineError

TIMEOUT = 120
# Reads each fragment on its own (raw blocks and HTML off), guards images, joins them with markers.
FRAGMENTS_FILTER = Path(__file__).parent / "filters" / "fragments.lua"
# pandoc's manual advises a heap cap for untrusted input; conversion starts before validation has
# judged the fragments, so a pathological one must not take the machine down.
HEAP_LIMIT_MB = 2048


@lru_cache(maxsize=1)
def pandoc_path() -> str:
    """Path of the pandoc binary pypandoc-binary bundles.

    It is found next to the package without importing it: pypandoc's own
    lookup imports its downloader and runs every ``pandoc`` on PATH to compare
    versions, which may pick a system pandoc (Debian's 2.17) and costs a few
    hundredths of a second before the build's pandoc can start. pypandoc's
    lookup is the fallback when no binary is bundled.
    """
    spec = importlib.util.find_spec("pypandoc")
    for folder in (spec.submodule_search_locations if spec is not None else None) or []:
        exe = Path(folder) / "files" / ("pandoc.exe" if os.name == "nt" else "pandoc")
        if exe.is_file() and os.access(exe, os.X_OK):
            return str(exe)
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError) as exc:
        raise EngineError(key="engine.no_pandoc", detail=exc) from None


def identity() -> str:
    """Which pandoc binary this is (path, size, modification time), for cache keys.

    A new pypandoc-binary replaces the file, so this changes with pandoc's
    version; reading it costs a stat instead of starting pandoc.
    """
    path = Path(pandoc_path())
    st = path.stat()
    return f"{path}:{st.st_size}:{st.st_mtime_ns}"


class PandocJob:
    """Markdown fragments being converted to one .docx by a pandoc process in the background.

    Each fragment is ``(body text, folder it lives in, pictures)``: ``pictures``
    maps each picture source as written to the file the image guard
    (:mod:`pipeline.mdimages`) accepted. No other picture is read: pandoc runs
    sandboxed, and one the guard refused is replaced by a visible note (one it
    did not see, by its description). With a ``marker``, fragment *i* is preceded by a paragraph in
    the style ``MPFragmentMarker`` (see :mod:`pipeline.docx.batch`) whose text is ``f"{marker} {i}"``.
    """

    def __init__(self, fragments: list[tuple[str, Path, dict[str, Path]]], dest: Path, *, reference: Path, root: Path,
                 marker: str = ""):
        self.dest = dest
        self.marker = marker
        self._tmp = orphans.mkdtemp("pandoc")
        lines = []
        for i, (body, folder, pictures) in enumerate(fragments):
            (self._tmp / f"{i}.md").write_text(body, encoding="utf-8")
            (self._tmp / f"{i}.pictures").write_text(
                "".join(f"{quote(src)}\t{quote(str(path))}\n" for src, path in pictures.items()), encoding="utf-8")
            walk = "walk" if mdimages.must_walk(body, pictures) else "keep"
            lines.append(f"{quote(str(folder.resolve()))}\t{self._tmp / f'{i}.md'}\t{self._tmp / f'{i}.pictures'}\t{walk}")
        manifest = self._tmp / "manifest.txt"
        manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
        args = [pandoc_path(), "+RTS", f"-M{HEAP_LIMIT_MB}m", "-RTS", "--sandbox", "--from", "markdown", "--to", "docx",
                "--reference-doc", str(reference),
                "--lua-filter", str(FRAGMENTS_FILTER),
                "-M", f"mp_manifest={manifest}", "-M", f"mp_marker={marker}",
                "-M", f"mp_refused={mdimages.REFUSED_NOTE}", "-o", str(dest)]
        try:
            self._proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                          stderr=subprocess.PIPE, text=True, preexec_fn=orphans.die_with_parent)
        except OSError as exc:
            shutil.rmtree(self._tmp, ignore_errors=True)
            raise EngineError(key="engine.pandoc_start", detail=exc) from None

    def wait(self, timeout: int = TIMEOUT) -> Path:
        """Wait for pandoc; return the .docx or raise EngineError."""
        try:
            _, err = self._proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.communicate()
            raise EngineError(key="engine.pandoc_timeout", seconds=timeout) from None
        finally:
            shutil.rmtree(self._tmp, ignore_errors=True)
        if self._proc.returncode != 0:
            raise EngineError(key="engine.pandoc_failed", detail=err.strip()[:500])
        return self.dest

    def cancel(self) -> None:
        """Stop pandoc (the build failed before it was needed)."""
        if self._proc.poll() is None:
            self._proc.kill()
        self._proc.communicate()
        shutil.rmtree(self._tmp, ignore_errors=True)


def markdown_to_docx(fragments: list[tuple[str, Path, dict[str, Path]]], dest: Path, *, reference: Path, root: Path,
                     marker: str = "") -> Path:
    """Convert Markdown fragments to one .docx and wait for it (see :class:`PandocJob`)."""
    return PandocJob(fragments, dest, reference=reference, root=root, marker=marker).wait()


def docx_to_plain(src: Path) -> str:
    """Plain text of a .docx (used by tests and by the changes report)."""
    return _run([pandoc_path(), "--from", "docx", "--to", "plain", "--wrap", "none", str(src)]).stdout


def _run(args: list[str], stdin: str | None = None, timeout: int = TIMEOUT) -> subprocess.CompletedProcess:
    try:
        proc = subprocess.run(args, input=stdin, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise EngineError(key="engine.pandoc_timeout", seconds=timeout) from None
    except OSError as exc:
        raise EngineError(key="engine.pandoc_start", detail=exc) from None
    if proc.returncode != 0:
        raise EngineError(key="engine.pandoc_failed", detail=proc.stderr.strip()[:500])
    return proc
