"""Stage 3: turn each fragment into a normalised .docx, cached by content hash.

Markdown goes through pandoc with the house reference document: all Markdown
fragments of a build in *one* pandoc process (:class:`pipeline.pandoc.PandocJob`),
started before validation so that the two run side by side. Starting pandoc
once per fragment cost more than converting the text (measured: 26 fragments,
26 processes 4 s of CPU; one process 0.6 s). The result is a batch: one .docx
with a marker paragraph before each fragment (:mod:`pipeline.docx.batch`).
Word files are read directly. Both pass the same normaliser, fragment by
fragment.

A converted fragment is stored under ``build/cache/`` by a key over the
fragment bytes, its images, the house style, pandoc's version, the pipeline's
code and the section/OPD it belongs to, so a rebuild redoes only what changed
and a template change invalidates everything. A Markdown fragment's entry
points into the batch it was converted in.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import cache, pandoc
from pipeline import mdimages
from pipeline.discover import split_front_matter
from pipeline.errors import EngineError
from pipeline.model import Fragment

if TYPE_CHECKING:
    from pipeline.docx.styles import HouseStyles

CONVERT_VERSION = "14"  # bump when normalisation changes what it writes


@dataclass
class Converted:
    """A fragment ready to compose: the normalised .docx holding it."""

    fragment: Fragment
    path: Path
    cached: bool
    marker: str | None = None  # in a batch of Markdown fragments: the text of the marker opening this one


def bookmark_prefix(frag: Fragment) -> str:
    """A short stable prefix for this fragment's bookmarks (unique across fragments)."""
    return "f" + hashlib.sha1(f"{frag.section}/{frag.opd}".encode()).hexdigest()[:6] + "_"


Front = tuple[str, frozenset]  # the section's title and the OPD's names, which a cover repeats


def front_of(cfg, frag: Fragment) -> Front:
    """What a fragment's cover block or restated title would repeat: its section title, its OPD's names."""
    found = cfg.config.section(frag.section) if frag.section else None
    opd = cfg.config.opd(frag.opd) if frag.opd else None
    names = frozenset([opd.name, opd.short, *getattr(opd, "aliases", [])]) if opd else frozenset()
    return (found[1].title if found else "", names)


def cache_key(frag: Fragment, house_digest: str, front: Front = ("", frozenset()), rupiah_space: bool = False,
              pictures: dict[str, Path] | None = None) -> str:
    """The key of a fragment's conversion. ``pictures``: a Markdown fragment's pictures the guard accepts
    (:func:`pipeline.mdimages.allowed`)."""
    parts = [frag.digest, house_digest, CONVERT_VERSION, frag.kind, bookmark_prefix(frag),
             front[0], "\n".join(sorted(front[1])), f"rupiah_space={rupiah_space}"]
    if frag.kind == "md":  # pandoc's own version matters too: a new pypandoc-binary converts differently
        parts += [pictures_digest(pictures or {}), pandoc.identity()]
    return cache.key(*parts)[:32]


class Converter:
    """The conversion of a build's fragments: pandoc starts at once, :meth:`converted` collects.

    ``frags`` may include fragments that validation will reject; converting
    them is wasted work, never wrong (the cache is keyed by content).
    """

    def __init__(self, frags: list[Fragment], root: Path, house_path: Path, cache_dir: Path,
                 front: Callable[[Fragment], Front] = lambda _f: ("", frozenset()), rupiah_space: bool = False):
        cache_dir.mkdir(parents=True, exist_ok=True)
        self.root, self.house_path, self.cache_dir = root, house_path, cache_dir
        self._front = front
        self.rupiah_space = rupiah_space  # document.rupiah_space: "Rp 1.500.000,00" rather than "Rp1.500.000,00"
        self.house_digest = hashlib.sha256(house_path.read_bytes()).hexdigest()
        self._keys: dict[str, str] = {}
        self._bodies: dict[str, str] = {}  # Markdown text as sent to pandoc, read once
        self._pictures: dict[str, dict[str, Path]] = {}  # the pictures pandoc was handed, by fragment
        self._job: pandoc.PandocJob | None = None
        self._job_frags: list[Fragment] = []
        self._found = {f.rel: hit for f in frags if f.kind == "md" and (hit := self._lookup(f)) is not None}
        todo = [f for f in frags if f.kind == "md" and f.rel not in self._found]
        if todo:
            self._job, self._job_frags = self._start(todo), todo
        import docx  # once pandoc runs

        from pipeline.docx.styles import HouseStyles

        self.house = HouseStyles(docx.Document(str(house_path)).styles.element)

    @classmethod
    def of_project(cls, cfg, frags: list[Fragment], cache_dir: Path) -> "Converter":
        """The conversion of ``frags`` of project ``cfg`` into ``cache_dir`` (the build's cache), with the
        project's house style, section titles and OPD names, and rupiah spacing."""
        return cls(frags, cfg.root, cfg.path(cfg.config.templates.house_style), cache_dir,
                   front=lambda f: front_of(cfg, f), rupiah_space=cfg.config.document.rupiah_space)

    @property
    def busy(self) -> bool:
        """True while pandoc converts Markdown for this build."""
        return self._job is not None

    def converted(self, frags: list[Fragment], ahead: dict[str, object] | None = None) -> list[Converted]:
        """Every fragment of ``frags`` converted, in the same order (waits for pandoc). ``ahead`` holds the
        Word fragments :meth:`word_ahead` converted already (in validation's workers), by file."""
        ahead = ahead or {}
        house = self.house
        # Word files first: pandoc is still busy with the Markdown meanwhile.
        done = {f.rel: made if isinstance(made := ahead.get(f.rel), Converted) and made.fragment.digest == f.digest
                else self._word(f, house) for f in frags if f.kind != "md"}
        done.update({f.rel: self._found[f.rel] for f in frags if f.rel in self._found})
        if self._job is not None:
            job, self._job = self._job, None
            try:
                done.update(self._store_batch(job, self._job_frags, house))
            except EngineError:
                pass  # perhaps a fragment validation rejected; the admitted ones are tried again below
        missing = [f for f in frags if f.rel not in done]
        if missing:
            done.update(self._convert_markdown(missing, house))
        return [done[f.rel] for f in frags]

    def close(self) -> None:
        """Stop pandoc if it still runs (the build stopped before it was needed)."""
        if self._job is not None:
            self._job.cancel()
            self._job = None

    # -- Markdown ---------------------------------------------------------------------
    def _key(self, frag: Fragment) -> str:
        if frag.rel not in self._keys:
            pictures = self._read(frag) if frag.kind == "md" else None
            self._keys[frag.rel] = cache_key(frag, self.house_digest, self._front(frag), self.rupiah_space, pictures)
        return self._keys[frag.rel]

    def _read(self, frag: Fragment) -> dict[str, Path]:
        """A Markdown fragment's text as pandoc gets it and the pictures the guard accepts, read once."""
        if frag.rel not in self._pictures:
            self._bodies[frag.rel] = _body(frag)
            self._pictures[frag.rel] = mdimages.allowed(self._bodies[frag.rel], frag.path.parent, self.root)
        return self._pictures[frag.rel]

    def _lookup(self, frag: Fragment) -> Converted | None:
        """The cached conversion of a Markdown fragment, if its batch is still there."""
        entry = cache.load(self.cache_dir, self._key(frag))
        if not isinstance(entry, dict) or not cache.touch(self.cache_dir / entry["batch"]):
            return None
        return Converted(frag, self.cache_dir / entry["batch"], cached=True, marker=entry["marker"])

    def _start(self, frags: list[Fragment]) -> pandoc.PandocJob:
        secret = "MPF" + secrets.token_hex(8)  # a fragment cannot forge a marker it cannot know
        for f in frags:
            self._read(f)
        bodies = [(self._bodies[f.rel], f.path.parent, self._pictures[f.rel]) for f in frags]
        dest = self.cache_dir / f".{secret}.part.docx"
        return pandoc.PandocJob(bodies, dest, reference=self.house_path, root=self.root, marker=secret)

    def _convert_markdown(self, frags: list[Fragment], house: HouseStyles) -> dict[str, Converted]:
        """Convert now; when the batch fails, one fragment at a time, to name the one pandoc refused."""
        try:
            return self._store_batch(self._start(frags), frags, house)
        except EngineError:
            if len(frags) == 1:
                raise EngineError(key="engine.pandoc_fragment", file=frags[0].rel) from None
        out: dict[str, Converted] = {}
        for frag in frags:
            out.update(self._convert_markdown([frag], house))
        return out

    def _store_batch(self, job: pandoc.PandocJob, frags: list[Fragment], house: HouseStyles) -> dict[str, Converted]:
        """Wait for a batch; normalise each of its fragments; keep it in the cache and index its fragments."""
        import docx

        from pipeline.docx.batch import on_its_own, split
        from pipeline.docx.normalise import forget_table_widths, keep_accepted_pictures, normalise
        from pipeline.docx.save import save
        from pipeline.docx.styles import FragmentStyles

        part = job.wait()
        document = docx.Document(str(part))
        markers = [f"{job.marker} {i}" for i in range(len(frags))]
        found = split(document.element.body, job.marker)
        styles = FragmentStyles(document.styles.element)  # one pandoc styles part for the whole batch
        for frag, marker in zip(frags, markers):
            if marker not in found:
                raise EngineError(key="engine.pandoc_fragment", file=frag.rel)
            first, elements = found[marker]
            with on_its_own(first, elements) as alone:
                handed = self._pictures[frag.rel]  # by source as written, or by path where pandoc walked
                keep_accepted_pictures(alone, {*handed, *(str(path) for path in handed.values())})
                forget_table_widths(alone, _unsized_tables(self._bodies[frag.rel]))
                title, names = self._front(frag)
                normalise(document, house, prefix=bookmark_prefix(frag), body=alone, styles=styles,
                          title=title, names=names)
                self._amounts(alone)
        name = f"batch-{job.marker}.docx"
        save(document, part)
        os.replace(part, self.cache_dir / name)
        out = {}
        for frag, marker in zip(frags, markers):
            cache.store(self.cache_dir, self._key(frag), {"batch": name, "marker": marker})
            out[frag.rel] = Converted(frag, self.cache_dir / name, cached=False, marker=marker)
        return out

    def _amounts(self, body) -> None:
        """The amounts of the fragment's programme tables in house form (Rp1.500.000.000,00), here rather
        than in the book: done once per fragment and cached with it, so a rebuild rewrites only what changed."""
        from pipeline.docx.amounts import rewrite_cells
        from pipeline.programmes.amounts import HEAD_ROWS, house_amounts, may_be_programme_table, may_hold_amounts

        rewrite_cells(body, lambda rows, merged: house_amounts(rows, merged, self.rupiah_space), wanted=may_hold_amounts,
                      head=(HEAD_ROWS, may_be_programme_table))

    # -- Word -------------------------------------------------------------------------
    def word_ahead(self, frag: Fragment) -> Converted | None:
        """A Word fragment converted as soon as validation found it sound (run in validation's worker,
        which parsed it under its limits already): None for Markdown, which pandoc has."""
        from pipeline.docx.inspect import take_document

        return self._word(frag, self.house, lambda: take_document(frag)) if frag.kind != "md" else None

    def _word(self, frag: Fragment, house: HouseStyles, read: Callable[[], object] | None = None) -> Converted:
        """``read()`` gives the fragment's python-docx Document (by default it is parsed here)."""
        out = self.cache_dir / f"{self._key(frag)}.docx"
        if cache.touch(out):
            return Converted(frag, out, cached=True)
        import docx

        from pipeline.docx.normalise import normalise
        from pipeline.docx.save import save

        document = read() if read is not None else docx.Document(str(frag.path))
        title, names = self._front(frag)
        normalise(document, house, prefix=bookmark_prefix(frag), title=title, names=names)
        self._amounts(document.element.body)
        partial = out.with_suffix(".part")
        save(document, partial)
        os.replace(partial, out)
        return Converted(frag, out, cached=False)


def convert_all(frags: list[Fragment], root: Path, house_path: Path, cache_dir: Path) -> list[Converted]:
    """Convert every fragment, reusing cached results (start and finish in one go)."""
    return Converter(frags, root, house_path, cache_dir).converted(frags)


def _body(frag: Fragment) -> str:
    """The Markdown text of a fragment without its front matter."""
    return split_front_matter(frag.path.read_text(encoding="utf-8", errors="replace"))[1]


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


def image_digest(frag: Fragment, root: Path) -> str:
    """Pictures a Markdown fragment refers to are inputs too: hash the bytes of those the guard lets in."""
    return pictures_digest(mdimages.allowed(_body(frag), frag.path.parent, root))


def pictures_digest(pictures: dict[str, Path]) -> str:
    """The digest of accepted pictures (source as written -> file): their sources and bytes."""
    h = hashlib.sha256()
    for src, path in sorted(pictures.items()):
        h.update(src.encode("utf-8") + b"\0")
        h.update(path.read_bytes())
    return h.hexdigest()
