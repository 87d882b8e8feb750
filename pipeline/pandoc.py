"""pandoc, from pypandoc-binary (pandoc 3.x): Markdown to .docx and .docx to plain text.

This is the only module that runs pandoc.
"""

from __future__ import annotations

import subprocess
from functools import lru_cache
from pathlib import Path

from pipeline.errors import EngineError

TIMEOUT = 120
# Raw blocks and HTML are parsed as Markdown text instead of passing through.
MD_FORMAT = "markdown-raw_html-raw_tex-raw_attribute-tex_math_dollars-yaml_metadata_block"


@lru_cache(maxsize=1)
def pandoc_path() -> str:
    """Path of the bundled pandoc binary."""
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError) as exc:
        raise EngineError(f"pandoc (pypandoc-binary) is not available: {exc}") from None


@lru_cache(maxsize=1)
def version() -> str:
    """pandoc's version line, e.g. 'pandoc 3.9' (part of the conversion cache key)."""
    out = _run([pandoc_path(), "--version"], timeout=30).stdout
    return out.splitlines()[0] if out else "pandoc ?"


def markdown_to_docx(markdown: str, dest: Path, *, reference: Path, resource_path: Path, lua_filter: Path,
                     metadata: dict[str, str] | None = None) -> None:
    """Convert Markdown text to ``dest`` with the house reference document."""
    meta = [a for k, v in (metadata or {}).items() for a in ("-M", f"{k}={v}")]
    _run([pandoc_path(), "--from", MD_FORMAT, "--to", "docx", "--reference-doc", str(reference),
          "--resource-path", str(resource_path), "--lua-filter", str(lua_filter), *meta,
          "-o", str(dest)], stdin=markdown)


def docx_to_plain(src: Path) -> str:
    """Plain text of a .docx (used by tests and by the changes report)."""
    return _run([pandoc_path(), "--from", "docx", "--to", "plain", "--wrap", "none", str(src)]).stdout


def _run(args: list[str], stdin: str | None = None, timeout: int = TIMEOUT) -> subprocess.CompletedProcess:
    try:
        proc = subprocess.run(args, input=stdin, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise EngineError(f"pandoc took longer than {timeout} s") from None
    except OSError as exc:
        raise EngineError(f"pandoc could not start: {exc}") from None
    if proc.returncode != 0:
        raise EngineError(f"pandoc failed: {proc.stderr.strip()[:500]}")
    return proc
