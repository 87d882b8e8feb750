"""Put real-world files into the sample book, one at a time, and say what became of each.

Each .docx (or .md) under DIR is installed into a fresh copy of the sample
project as one OPD's fragment for one section (by default it replaces
``kesiapan-daerah.kominfo``; a ``manifest.json`` in DIR, like the one in
tests/fixtures/, may name another section and OPD per file), with a sidecar
giving opd, section, title, version and date. Then, with time limits:

- ``masterplan validate FILE --opd --section`` on the file as it came (no
  sidecar): would intake accept it?
- ``masterplan validate`` on the installed fragment;
- ``masterplan build --draft``: the book.

Each file is classified:

- **in**: the draft was built with the file in it, and its words are in the
  book (its distinctive words, those not already in the sample book, are
  looked for in the built .docx read back);
- **in, words lost**: in the book, but fewer than 90% of its distinctive
  words are there;
- **left out**: the draft left it out with a verdict (the error codes);
- **failed**: exit code 2, a traceback, LibreOffice refused the book, the
  gate refused it, or a time limit (a hang).

Prints a table and writes JSON (``--json``). Run from the repository:
``.venv/bin/python tools/try_corpus.py /work/scratch/corpus/pandoc --json out.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_PARTS = ("masterplan.yml", "templates", "chapters")
DEFAULT_SLOT = ("kesiapan-daerah", "kominfo")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
KEPT = 0.9
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


@dataclass
class Outcome:
    file: str
    section: str
    opd: str
    outcome: str = ""  # in | in, words lost | left out | failed
    reason: str = ""
    codes: list[str] = field(default_factory=list)  # errors on this file
    warnings: list[str] = field(default_factory=list)
    intake: str = ""  # validate FILE --opd --section on the file as it came: "ok" or its error codes
    validate_exit: int | None = None
    build_exit: int | None = None
    seconds: float = 0.0
    words_checked: int = 0
    words_found: int = 0
    missing_sample: list[str] = field(default_factory=list)  # paragraphs not found in the book
    leaks: list[str] = field(default_factory=list)  # a form's cover or a restated title in the book
    others_left_out: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    detail: str = ""  # stderr tail, traceback or LibreOffice's message


def masterplan() -> str:
    exe = Path(sys.executable).with_name("masterplan")
    return str(exe) if exe.is_file() else "masterplan"


def run(args: list[str], timeout: float, cwd: Path | None = None) -> tuple[int | None, str, str, float]:
    """(exit code or None on timeout, stdout, stderr, seconds); a timed-out run is killed with its children."""
    start = time.monotonic()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=cwd,
                            start_new_session=True, env={**os.environ, "COLUMNS": "200"})
    try:
        out, err = proc.communicate(timeout=timeout)
        return proc.returncode, out, err, time.monotonic() - start
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        return None, out, err, time.monotonic() - start


# -- words ----------------------------------------------------------------------------------------
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
DGM = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
NOTE_PARTS = ("word/document.xml", "word/footnotes.xml", "word/endnotes.xml")


def _norm(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def docx_paragraphs(path: Path, *, diagrams: bool = True) -> list[str]:
    """Visible text of each paragraph: body, text boxes, notes, and SmartArt nodes.

    Deleted text is not ``w:t`` and is left out; so are VML fallbacks, which
    repeat the DrawingML text of a text box.
    """
    out: list[str] = []
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
            for name in [n for n in NOTE_PARTS if n in names] + (
                    [n for n in names if n.startswith("word/diagrams/data")] if diagrams else []):
                if zf.getinfo(name).file_size > 50_000_000:
                    continue
                root = etree.fromstring(zf.read(name), PARSER)
                if "/diagrams/" in name:
                    out += ["".join(pt.itertext()) for pt in root.iter(f"{{{DGM}}}pt") if pt.get("type") in
                            (None, "node")]
                    continue
                for p in root.iter(f"{{{W}}}p"):
                    if any(a.tag == f"{{{MC}}}Fallback" for a in p.iterancestors()):
                        continue
                    out.append("".join(t.text or "" for t in p.iter(f"{{{W}}}t")
                                       if not any(a.tag in (f"{{{W}}}txbxContent", f"{{{W}}}p")
                                                  for a in _between(t, p))))
    except (zipfile.BadZipFile, etree.XMLSyntaxError, KeyError, OSError, ValueError):
        pass
    return [x for x in out if x.strip()]


def _between(el, top):
    """Ancestors of ``el`` below ``top`` (so a text box's paragraphs are not also its anchor's text)."""
    for a in el.iterancestors():
        if a is top:
            return
        yield a


def markdown_paragraphs(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8", errors="replace")
    text = re.sub(r"^---\n.*?\n---\n", "", text, flags=re.S)
    out = []
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        cells = [c.strip() for c in line.strip("|").split("|")] if line.startswith("|") else [line]
        out += [c for c in cells if c and not set(c) <= set("-: ")]
    return out


def shingles(paragraph: str, n: int = 4) -> set[tuple[str, ...]]:
    """Runs of ``n`` words (a paragraph shorter than that: itself, if it has two words or more)."""
    words = _norm(paragraph)
    if len(words) < n:
        return {tuple(words)} if words else set()
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def book_shingles(paragraphs: list[str]) -> set[tuple[str, ...]]:
    out: set[tuple[str, ...]] = set()
    for p in paragraphs:
        words = _norm(p)
        for n in (1, 2, 3, 4):
            out.update(tuple(words[i:i + n]) for i in range(len(words) - n + 1))
    return out


def words_kept(source: list[str], book: set, base: set) -> tuple[int, list[str]]:
    """(paragraphs of the file's own, those of them not found in the book).

    A paragraph is the file's own when some of its word runs are not already
    in the sample book; it is found when at least half of its runs are in the
    built book.
    """
    own, lost = 0, []
    for p in source:
        runs = shingles(p)
        if not runs or runs <= base:
            continue
        own += 1
        if sum(r in book for r in runs) < len(runs) / 2:
            lost.append(p.strip()[:80])
    return own, lost


def leaks(book: Path, section_title: str, base: "Base") -> list[str]:
    """What a fragment should not bring into the book: a form's cover, a restated title heading.

    A restated title is a heading with the section's title that the sample's
    own book does not have (the SWOT chapter has headings named after the
    dimensions too).
    """
    found = []
    paragraphs = [" ".join(_norm(p)) for p in docx_paragraphs(book, diagrams=False)]
    if any(p == "kertas kerja masterplan smart city" for p in paragraphs):
        found.append("form cover title")
    if any(p.startswith("batas waktu pengiriman") for p in paragraphs):
        found.append("form deadline line")
    title = " ".join(_norm(section_title))
    if _headings(book).count(title) > base.headings.count(title):
        found.append("restated title heading")
    found += [f"page size {a}x{b} twips" for a, b in sorted(page_sizes(book) - base.pages)]
    return found


def page_sizes(book: Path) -> set[tuple[int, int]]:
    """The page sizes of the book's sections, as (short side, long side) in twips."""
    with zipfile.ZipFile(book) as zf:
        doc = etree.fromstring(zf.read("word/document.xml"), PARSER)
    out = set()
    for size in doc.iter(f"{{{W}}}pgSz"):
        try:
            w, h = int(size.get(f"{{{W}}}w")), int(size.get(f"{{{W}}}h"))
        except (TypeError, ValueError):
            continue
        out.add((min(w, h), max(w, h)))
    return out


def _headings(book: Path) -> list[str]:
    with zipfile.ZipFile(book) as zf:
        styles = etree.fromstring(zf.read("word/styles.xml"), PARSER)
        doc = etree.fromstring(zf.read("word/document.xml"), PARSER)
    w = f"{{{W}}}"
    ids = {s.get(w + "styleId") for s in styles.iter(w + "style")
           if s.find(f"{w}pPr/{w}outlineLvl") is not None
           or (s.find(w + "name") is not None and s.find(w + "name").get(w + "val", "").lower().startswith("heading"))}
    out = []
    for p in doc.iter(w + "p"):
        style = p.find(f"{w}pPr/{w}pStyle")
        if style is not None and style.get(w + "val") in ids:
            out.append(" ".join(_norm("".join(t.text or "" for t in p.iter(w + "t")))))
    return out


# -- one project per file -------------------------------------------------------------------------
@dataclass
class Base:
    """The sample project with a warm cache, and what its own draft book holds."""

    path: Path
    runs: set  # word runs (see book_shingles)
    headings: list[str]
    pages: set  # page sizes (short side, long side) in twips


def make_base(work: Path, source: Path) -> Base:
    """A copy of the sample with a warm build cache, and the word runs and headings of its own draft."""
    base = work / "base"
    if base.exists():
        shutil.rmtree(base)
    base.mkdir(parents=True)
    for part in SAMPLE_PARTS:
        src = source / part
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, base / part)
    code, _, err, _ = run([masterplan(), "build", "--draft", "--project", str(base)], timeout=600)
    if code != 0:
        raise SystemExit(f"the sample itself does not build (exit {code}):\n{err[-2000:]}")
    book = next((base / "build" / "drafts").glob("*-draf-01-*.docx"))
    found = Base(base, book_shingles(docx_paragraphs(book)), _headings(book), page_sizes(book))
    shutil.rmtree(base / "build" / "drafts")
    for report in (base / "build").glob("*.json"):
        report.unlink()
    return found


def install(base: Path, project: Path, file: Path, section: str, opd: str, title: str) -> Path:
    """``project`` = a copy of ``base`` with ``file`` as the fragment of (section, opd); returns its path."""
    shutil.copytree(base, project)
    chapters = project / "chapters"
    existing = [p for p in chapters.rglob(f"{section}.{opd}.*")]
    folder = existing[0].parent if existing else chapters
    for p in existing:
        p.unlink()
    kind = ".md" if file.suffix.lower() == ".md" else ".docx"
    target = folder / f"{section}.{opd}{kind}"
    meta = {"opd": opd, "section": section, "title": title, "version": "1", "date": "2026-10-10"}
    if kind == ".md":
        text = file.read_text(encoding="utf-8", errors="replace")
        if not text.startswith("---"):
            text = "---\n" + "".join(f"{k}: {json.dumps(v)}\n" for k, v in meta.items()) + "---\n" + text
        target.write_text(text, encoding="utf-8")
    else:
        shutil.copy2(file, target)
        target.with_suffix(".yml").write_text("".join(f"{k}: {json.dumps(v)}\n" for k, v in meta.items()),
                                              encoding="utf-8")
    return target


def _codes(diagnostics: list[dict], rel: str) -> tuple[list[str], list[str]]:
    mine = [d for d in diagnostics if d.get("file") == rel]
    return ([d["code"] for d in mine if d.get("severity") == "error"],
            [d["code"] for d in mine if d.get("severity") == "warning"])


def _tail(text: str, lines: int = 12) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def try_file(file: Path, base: Base, work: Path, slot: tuple[str, str, str], timeout: float) -> Outcome:
    section, opd, title = slot
    result = Outcome(file=str(file), section=section, opd=opd)
    project = work / "project"
    if project.exists():
        shutil.rmtree(project)
    start = time.monotonic()
    # 1. intake: the file as it came, with --opd and --section only
    code, out, err, _ = run([masterplan(), "validate", "--project", str(base.path), "--format", "json",
                             str(file.resolve()),
                             "--opd", opd, "--section", section], timeout=timeout)
    if code is None:
        result.intake = "hang"
    else:
        try:
            diags = json.loads(out)["diagnostics"]
            errors = sorted({d["code"] for d in diags if d.get("severity") == "error"})
            result.intake = "ok" if not errors else " ".join(errors)
        except (ValueError, KeyError):
            result.intake = f"exit {code}: " + (_tail(err, 1) or "no output")
    # 2. installed with a sidecar: validate, then a draft book
    target = install(base.path, project, file, section, opd, title)
    rel = target.relative_to(project).as_posix()
    code, out, err, _ = run([masterplan(), "validate", "--project", str(project), "--format", "json", str(target)],
                            timeout=timeout)
    result.validate_exit = code
    if code is None:
        return _failed(result, "hang in validate (time limit)", err, start)
    if code == 2 or "Traceback" in err:
        return _failed(result, "validate: exit 2" if code == 2 else "validate: traceback", err, start)
    code, out, err, _ = run([masterplan(), "build", "--draft", "--project", str(project)], timeout=timeout)
    result.build_exit = code
    diagnostics = _read_json(project / "build" / "diagnostics.json") or []
    result.codes, result.warnings = _codes(diagnostics, rel)
    result.notices = sorted({d["code"] for d in diagnostics if d.get("opd") == "editor"})
    if code is None:
        return _failed(result, "hang in build (time limit)", err, start)
    if "Traceback" in err:
        return _failed(result, "build: traceback", err, start)
    if code != 0:
        reason = ("LibreOffice refused the book" if "LibreOffice could not convert" in err else
                  "gate refused the book" if "validity check" in err else f"build: exit {code}")
        return _failed(result, reason, err, start)
    drafts = sorted((project / "build" / "drafts").glob("*-manifest.json"))
    manifest = _read_json(drafts[-1]) if drafts else None
    if not manifest:
        return _failed(result, "build: exit 0 but no draft manifest", err, start)
    verdicts = {f["file"]: f["verdict"] for f in manifest["fragments"]}
    result.others_left_out = sorted(f for f, v in verdicts.items() if v == "ditolak" and f != rel)
    if verdicts.get(rel) == "ditolak":
        result.outcome, result.reason = "left out", " ".join(sorted(set(result.codes))) or "(no error code)"
    elif rel not in verdicts:
        result.outcome, result.reason = "left out", "not in the draft manifest"
    else:
        book = next((project / "build" / "drafts").glob("*-draf-01-*.docx"))
        source = markdown_paragraphs(file) if file.suffix.lower() == ".md" else docx_paragraphs(file)
        own, lost = words_kept(source, book_shingles(docx_paragraphs(book)), base.runs)
        result.words_checked, result.words_found = own, own - len(lost)
        result.missing_sample = lost[:8]
        result.leaks = leaks(book, title, base)
        if own and len(lost) > (1 - KEPT) * own:
            result.outcome = "in, words lost"
            result.reason = f"{own - len(lost)}/{own} paragraphs in the book"
        else:
            result.outcome = "in"
            result.reason = f"{own - len(lost)}/{own} paragraphs" if own else "no text of its own"
    result.seconds = round(time.monotonic() - start, 1)
    return result


def _failed(result: Outcome, reason: str, err: str, start: float) -> Outcome:
    result.outcome, result.reason = "failed", reason
    result.detail = _tail(err, 25)
    result.seconds = round(time.monotonic() - start, 1)
    return result


def _read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


# -- the run --------------------------------------------------------------------------------------
def slots_for(folder: Path, default: tuple[str, str]) -> dict[str, tuple[str, str, str]]:
    """File name -> (section, opd, title) from DIR/manifest.json, if there is one."""
    manifest = _read_json(folder / "manifest.json") or {}
    return {name: (m["section"], m["opd"], m.get("title") or m["section"]) for name, m in manifest.items()}


def section_title(section: str) -> str:
    sys.path.insert(0, str(ROOT))
    from pipeline.config import load_config

    found = load_config(ROOT).config.section(section)
    return found[1].title if found else section


def table(results: list[Outcome], root: Path) -> str:
    rows = [("file", "outcome", "reason", "intake", "warnings", "leaks")]
    for r in results:
        name = os.path.relpath(r.file, root)
        rows.append((name, r.outcome, r.reason, r.intake, " ".join(sorted(set(r.warnings))), ", ".join(r.leaks)))
    widths = [min(max(len(row[i]) for row in rows), cap) for i, cap in enumerate((48, 15, 40, 30, 40, 60))]
    out = []
    for k, row in enumerate(rows):
        out.append("  ".join(c[:w].ljust(w) for c, w in zip(row, widths)))
        if k == 0:
            out.append("  ".join("-" * w for w in widths))
    counts: dict[str, int] = {}
    for r in results:
        counts[r.outcome] = counts.get(r.outcome, 0) + 1
    out.append("")
    out.append(", ".join(f"{n} {k}" for k, n in sorted(counts.items())) + f" (of {len(results)})")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", type=Path)
    ap.add_argument("--section", default=DEFAULT_SLOT[0], help="section the files go into (default: %(default)s)")
    ap.add_argument("--opd", default=DEFAULT_SLOT[1], help="OPD the files come from (default: %(default)s)")
    ap.add_argument("--json", type=Path, default=Path("try-corpus.json"), help="where to write the results")
    ap.add_argument("--timeout", type=float, default=300, help="seconds per command before it counts as a hang")
    ap.add_argument("--work", type=Path, default=None, help="scratch folder (default: a temporary one)")
    ap.add_argument("--source", type=Path, default=ROOT, help="the project to copy (default: this repository)")
    ap.add_argument("--only", default="", help="only files whose path contains this")
    ap.add_argument("--all", action="store_true", help="also files with the same bytes as one already tried")
    args = ap.parse_args(argv)
    files = sorted(p for p in args.dir.rglob("*") if p.is_file() and p.suffix.lower() in (".docx", ".md")
                   and not p.name.startswith(("~$", ".")) and p.name != "README.md" and args.only in str(p))
    slots = slots_for(args.dir, (args.section, args.opd))
    default = (args.section, args.opd, section_title(args.section))
    work = args.work or Path(tempfile.mkdtemp(prefix="mp-try-"))
    work.mkdir(parents=True, exist_ok=True)
    base = make_base(work, args.source)
    if not args.all:
        seen: dict[str, Path] = {}
        for f in files:
            seen.setdefault(hashlib.sha256(f.read_bytes()).hexdigest(), f)
        files = sorted(seen.values())
    results = []
    for k, file in enumerate(files, 1):
        slot = slots.get(file.name, default)
        r = try_file(file, base, work, slot, args.timeout)
        results.append(r)
        print(f"[{k}/{len(files)}] {os.path.relpath(file, args.dir)}: {r.outcome} — {r.reason}", flush=True)
        args.json.write_text(json.dumps([asdict(x) for x in results], ensure_ascii=False, indent=2),
                             encoding="utf-8")
    print()
    print(table(results, args.dir))
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
