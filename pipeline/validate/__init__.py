"""Stage 2: validate fragments. Every problem is a diagnostic; nothing here raises on bad input."""

from __future__ import annotations

from collections.abc import Callable

from dataclasses import dataclass, field, replace
from pathlib import Path

from pipeline import cache
from pipeline.config import LoadedConfig
from pipeline.discover import find_files, read_fragment
from pipeline.messages import RULES
from pipeline.model import Diagnostic, Fragment, FragmentMeta
from pipeline.rules import diag, for_final
from pipeline.validate.guard import guarded
from pipeline.sandbox import MEMORY_LIMIT, TIME_LIMIT, Exceeded, map_limited
from pipeline.validate.metadata import check_metadata
from pipeline.validate.markdown import check_markdown
from pipeline.validate.wordfile import check_docx
from pipeline.kinds import KINDS
from pipeline.programmes.consistency import check_coverage, check_quotes
from pipeline.programmes.dataset import Dataset, build_dataset
from pipeline.programmes.extract import SourceTables, read_tables
from pipeline.validate.xrefs import check_references, collect


@dataclass
class Validation:
    """The fragments found and every diagnostic about them."""

    fragments: list[Fragment] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    dataset: Dataset = field(default_factory=Dataset)
    after: dict[str, object] = field(default_factory=dict)  # file -> what validate_project's ``then`` gave

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]

    def usable(self) -> list[Fragment]:
        """Fragments with no error of their own."""
        bad = {d.file for d in self.errors}
        return [f for f in self.fragments if f.rel not in bad]


def validate_fragment(frag: Fragment, cfg: LoadedConfig) -> list[Diagnostic]:
    """All checks on one fragment; broken files become diagnostics.

    A file that fails a safety check is reported for that alone: its metadata
    and content cannot be trusted, so listing them would only add noise.
    """
    check = check_markdown if frag.kind == "md" else check_docx
    content = guarded(check, frag, cfg)
    if any(d.is_error and RULES[d.code].family == "safety" for d in content):
        diags = content
    else:
        diags = check_metadata(frag, cfg) + content
    return [replace(d, opd=frag.opd) for d in diags]


@dataclass
class Analysis:
    """Everything learned from one fragment in one pass (sent back from a worker)."""

    diagnostics: list[Diagnostic]
    xrefs: tuple | None = None
    tables: SourceTables | None = None


def analyse(job: tuple[Fragment, LoadedConfig]) -> Analysis:
    """All per-fragment work: checks, cross-reference ids and programme tables."""
    frag, cfg = job
    diags = validate_fragment(frag, cfg)
    if any(d.is_error and RULES[d.code].family == "safety" for d in diags):
        return Analysis(diags)
    xrefs = guarded(lambda f, _c: [collect(f)], frag, cfg)
    tables = guarded(lambda f, _c: [read_tables(f)], frag, cfg)
    return Analysis(diags, xrefs[0] if xrefs and isinstance(xrefs[0], tuple) else None,
                    tables[0] if tables and isinstance(tables[0], SourceTables) else None)


def validate_project(cfg: LoadedConfig, paths: list[Path] | None = None, *, final: bool = False,
                     override: FragmentMeta | None = None, candidate: Path | None = None,
                     cache_dir: Path | None = None, entries: list[tuple[Fragment, list[Diagnostic]]] | None = None,
                     then: Callable[[Fragment], object] | None = None, niceness: int = 0,
                     workers: int | None = None) -> Validation:
    """Validate every fragment of the project (or the given files and folders).

    With ``candidate``, a file not yet in ``chapters/`` is checked as if it had
    been submitted: it takes the place of the current file for its section and
    OPD, and the rest of the project is read too, so that cross-references and
    duplicates are judged against the whole book. ``override`` sets metadata
    (OPD, section) on the candidate, or on every given path without one.
    ``entries``: the project's fragments as :func:`read_fragment` gave them, when
    the caller has read them already (the build starts converting first).
    ``then(fragment)`` runs in the worker right after a fragment's analysis
    found no error, under the same limits; what it returns is in
    ``Validation.after`` by file (None when it raised). The build converts its
    Word fragments so, while pandoc converts the Markdown; its ``workers``
    (by default one per core) run ``niceness`` steps below the caller's priority.
    """
    result = Validation()
    jobs: list[Fragment] = []
    if entries is None:
        entries = [read_fragment(p, cfg) for p in find_files(cfg, paths)]
    if candidate is not None:
        cand, cdiags = read_fragment(candidate, cfg)
        _override(cand, override)
        entries = [(f, d) for f, d in entries if (f.section, f.opd) != (cand.section, cand.opd)
                   and f.path.resolve() != candidate.resolve()] + [(cand, cdiags)]
    for frag, diags in entries:
        if candidate is None:
            _override(frag, override)
        result.fragments.append(frag)
        result.diagnostics += [replace(d, opd=frag.opd) for d in diags]
        if not any(d.is_error for d in diags):
            jobs.append(frag)
    analyses = _analyse_all(jobs, cfg, cache_dir, then, result.after, niceness, workers)
    found, sources = {}, []
    for frag, got in zip(jobs, analyses):
        if isinstance(got, Exceeded):
            limit = {"time": f"{TIME_LIMIT} s", "memory": f"{MEMORY_LIMIT // 2**30} GiB"}.get(got.what, got.what)
            result.diagnostics.append(diag("MP-E612", frag.rel, opd=frag.opd, limit=limit))
            continue
        result.diagnostics += got.diagnostics
        if got.xrefs is not None:
            found[frag.rel] = got.xrefs
        if got.tables is not None:
            sources.append(got.tables)
    result.diagnostics += _duplicates(result.fragments)
    result.diagnostics += _references(found, result, cfg)
    result.dataset, diags = _programmes(sources, result, cfg, whole_project=paths is None and candidate is None)
    result.diagnostics += diags
    if final:
        result.diagnostics = for_final(result.diagnostics)
    return result


def _analyse_all(jobs: list[Fragment], cfg: LoadedConfig, cache_dir: Path | None,
                 then: Callable[[Fragment], object] | None = None, after: dict | None = None,
                 niceness: int = 0, workers: int | None = None) -> list:
    """Per-fragment analyses, from the cache when the fragment, its metadata and the config are unchanged;
    ``then``'s results go into ``after``."""
    global _THEN, _CFG
    keys = [cache.key("analysis", cfg.digest, f.rel, f.digest, repr(sorted(vars(f.meta).items())),
                      _image_digest(f, cfg.root)) for f in jobs]
    results = [cache.load(cache_dir, k) for k in keys]
    todo = [i for i, r in enumerate(results) if r is None]
    # Bytes a worker took through the same work within the limits need no worker again: the web desk's
    # draft after an upload analyses and converts the very bytes the intake's worker did, under another
    # file name. Forking a worker from a resident process cost more than that work on one fragment.
    seen = [i for i in todo if any(cache.load(cache_dir, _within_limits_key(jobs[i], converted)) is not None
                                   for converted in ((True,) if then is not None else (False, True)))]
    pooled = [i for i in todo if i not in seen]
    # The forked workers find these here: a build's converter cannot be pickled to them, and the config
    # need not be (pickling it for each fragment cost the worker about a millisecond a fragment).
    _THEN, _CFG = then, cfg
    try:
        done = dict(zip(pooled, map_limited(_in_worker, [jobs[i] for i in pooled], niceness=niceness,
                                            workers=workers)))
        done.update((i, _in_worker(jobs[i])) for i in seen)  # the same work, here
    finally:
        _THEN = _CFG = None
    for i in pooled:
        if _went_through(done[i], then is not None):
            cache.store(cache_dir, _within_limits_key(jobs[i], then is not None), True)
    for i, got in sorted(done.items()):
        if then is not None and not isinstance(got, Exceeded):
            got, made = got
            if after is not None:
                after[jobs[i].rel] = made
        results[i] = got
        if not isinstance(got, Exceeded):
            cache.store(cache_dir, keys[i], got)
    return results


_THEN: Callable[[Fragment], object] | None = None
_CFG: LoadedConfig | None = None


def _in_worker(frag: Fragment):
    """One fragment's work, with the config and ``then`` of :func:`_analyse_all` (a validation worker was
    forked with them)."""
    job = (frag, _CFG)
    return analyse(job) if _THEN is None else _analyse_then(job)


def _within_limits_key(frag: Fragment, converted: bool) -> str:
    """The cache entry saying a worker analysed these bytes (and, with ``converted``, converted them too)
    within the time and memory limits as set now."""
    work = "analysis+conversion" if converted else "analysis"
    return cache.key("within-limits", work, frag.kind, frag.digest, f"{TIME_LIMIT} {MEMORY_LIMIT}")


def _went_through(got, converted: bool) -> bool:
    """A worker's result that shows the bytes went through all the work cleanly: within the limits, with no
    error (a parse that failed for want of memory is reported as a broken file, MP-E613) and, when the
    fragment was to be converted, converted."""
    if isinstance(got, Exceeded):
        return False
    analysis, made = got if converted else (got, True)
    return made is not None and not any(d.is_error for d in analysis.diagnostics)


def _analyse_then(job: tuple[Fragment, LoadedConfig]) -> tuple[Analysis, object]:
    """:func:`analyse`, then ``_THEN(fragment)`` when the analysis found no error (None when it raised)."""
    analysis = analyse(job)
    if _THEN is None or any(d.is_error for d in analysis.diagnostics):
        return analysis, None
    try:
        return analysis, _THEN(job[0])
    except MemoryError:
        raise  # over the worker's limit: the fragment is too big (MP-E612)
    except Exception:  # noqa: BLE001 - the main process does the work again and reports what fails there
        return analysis, None


def _image_digest(frag: Fragment, root: Path) -> str:
    """Pictures a Markdown fragment refers to are inputs of its analysis too."""
    if frag.kind != "md":
        return ""
    from pipeline.convert import image_digest

    return image_digest(frag, root)


def _override(frag: Fragment, override: FragmentMeta | None) -> None:
    if override is not None:
        frag.meta = replace(frag.meta, **{k: v for k, v in override.__dict__.items() if v and k != "source"})


def _references(found: dict, result: Validation, cfg: LoadedConfig) -> list[Diagnostic]:
    """Cross-references resolve across all fragments that could be read."""
    generated = {rid: f"(otomatis) {s.generate}" for _, s in cfg.config.sections() if s.generate
                 for rid in KINDS[s.generate].ids}
    return check_references(found, {f.rel: f for f in result.fragments}, generated)


def _programmes(sources: list[SourceTables], result: Validation, cfg: LoadedConfig,
                whole_project: bool) -> tuple[Dataset, list[Diagnostic]]:
    """One dataset from all programme tables: its row checks and the cross checks."""
    data = build_dataset(sources, cfg.config, cfg.digest)
    out = [replace(d, opd=d.opd or _opd_of(result, d.file)) for d in data.diagnostics]
    out += check_quotes(sources, data)
    if whole_project:
        out += check_coverage(data, cfg.config)
    return data, out


def _opd_of(result: Validation, rel: str) -> str | None:
    return next((f.opd for f in result.fragments if f.rel == rel), None)


def _duplicates(frags: list[Fragment]) -> list[Diagnostic]:
    by_key: dict[tuple, list[Fragment]] = {}
    for f in frags:
        if f.section and f.opd:
            by_key.setdefault((f.section, f.opd), []).append(f)
    out = []
    for (section, opd), group in by_key.items():
        if len(group) > 1:
            for f in group:
                others = ", ".join(g.rel for g in group if g is not f)
                out.append(diag("MP-E107", f.rel, opd=opd, section=section, others=others))
    return out
