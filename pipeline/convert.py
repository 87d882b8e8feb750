"""Stage 3: turn each fragment into a normalised .docx, cached by content hash.

Markdown goes through pandoc with the house reference document; Word files are
read directly. Both then pass the same normaliser. A converted fragment is
stored under ``build/cache/`` by a key over the fragment bytes, the house
style, the pipeline version and the section/OPD it belongs to, so a rebuild
redoes only what changed and a template change invalidates everything.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import docx

from pipeline import cache, pandoc
from pipeline.discover import split_front_matter
from pipeline.docx.normalise import forget_table_widths, normalise
from pipeline.docx.styles import HouseStyles
from pipeline.model import Fragment

LUA_GUARD = Path(__file__).parent / "filters" / "guard.lua"
CONVERT_VERSION = "9"  # bump when normalisation changes what it writes


@dataclass
class Converted:
    fragment: Fragment
    path: Path
    cached: bool


def bookmark_prefix(frag: Fragment) -> str:
    """A short stable prefix for this fragment's bookmarks (unique across fragments)."""
    return "f" + hashlib.sha1(f"{frag.section}/{frag.opd}".encode()).hexdigest()[:6] + "_"


def cache_key(frag: Fragment, house_digest: str) -> str:
    parts = [frag.digest, house_digest, CONVERT_VERSION, frag.kind, bookmark_prefix(frag)]
    if frag.kind == "md":  # pandoc's own version matters too: a new pypandoc-binary converts differently
        parts += [image_digest(frag), pandoc.version()]
    return cache.key(*parts)[:32]


def convert_all(frags: list[Fragment], root: Path, house_path: Path, cache_dir: Path,
                workers: int | None = None) -> list[Converted]:
    """Convert every fragment (in parallel), reusing cached results."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    house_bytes = house_path.read_bytes()
    house_digest = hashlib.sha256(house_bytes).hexdigest()
    house = HouseStyles(docx.Document(str(house_path)).styles.element)
    workers = workers or min(4, os.cpu_count() or 2)

    def one(frag: Fragment) -> Converted:
        out = cache_dir / f"{cache_key(frag, house_digest)}.docx"
        if out.is_file():
            return Converted(frag, out, cached=True)
        _convert(frag, root, house_path, house, out)
        return Converted(frag, out, cached=False)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(one, frags))


def _convert(frag: Fragment, root: Path, house_path: Path, house: HouseStyles, out: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="mp-conv-") as tmp:
        src = frag.path
        if frag.kind == "md":
            _, body, _ = split_front_matter(frag.path.read_text(encoding="utf-8"))
            src = Path(tmp) / "fragment.docx"
            pandoc.markdown_to_docx(body, src, reference=house_path, resource_path=frag.path.parent,
                                    lua_filter=LUA_GUARD,
                                    metadata={"mp_root": str(root), "mp_dir": str(frag.path.parent.resolve())})
        document = docx.Document(str(src))
        if frag.kind == "md":
            forget_table_widths(document.element.body, _unsized_tables(body))
        normalise(document, house, prefix=bookmark_prefix(frag))
        partial = out.with_suffix(".part")
        document.save(str(partial))
        os.replace(partial, out)


_SEPARATOR = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)+\|?\s*$")


def _unsized_tables(markdown: str) -> list[bool]:
    """For each pipe table in order: True when no separator cell has more than 5 dashes.

    pandoc sizes columns by the dashes of the separator row; short dashes are
    typing, not a choice, so those tables are sized by their content instead.
    """
    out = []
    for line in markdown.splitlines():
        if _SEPARATOR.match(line):
            cells = [c.strip(" :") for c in line.strip().strip("|").split("|")]
            out.append(all(len(c) <= 5 for c in cells))
    return out


def image_digest(frag: Fragment) -> str:
    """Images a Markdown fragment refers to are inputs too: hash their bytes."""
    from pipeline.validate.markdown import IMAGE  # noqa: PLC0415 - shared pattern

    h = hashlib.sha256()
    text = frag.path.read_text(encoding="utf-8", errors="replace")
    for m in IMAGE.finditer(text):
        target = (frag.path.parent / m.group("src").strip("<>"))
        if target.is_file():
            h.update(target.read_bytes())
    return h.hexdigest()
