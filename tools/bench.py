"""Benchmark the build against what the engines cost by themselves (issue 7).

    python tools/bench.py [--fragments 40] [--runs 3] [--out build]

Generates a synthetic project of N fragments that looks like the real thing
(headings, a list, a 10-row programme table, an image, about 2,000 words each;
a third of them turned into .docx as OPD staff would), then times, side by side:

  (a) raw pandoc on the concatenated Markdown, with the house reference doc
  (b) the naive baseline: pandoc per fragment, then plain docxcompose
  (c) our full build without PDF, empty cache      (d) the same with PDF
  (e) raw soffice --convert-to pdf of our own .docx
  (f) our rebuild after touching one fragment       (g) our rebuild, nothing changed
  (h) masterplan validate of the whole project, and of one fragment
  (i) the web desk (masterplan serve): upload-to-verdict latency, p50 and p95 over 20 uploads of one fragment
  (j) the web desk: a draft after one accepted upload (the resident builder, caches warm), next to (f)
  (t) the conversion stage on one fragment with a 20,000-row table

(a) and (c) take turns, at least five times each, and c/a is the median of the
ratios of neighbouring runs; (d) and (e) take turns too. The host's speed drifts
within minutes, and a ratio of medians measured minutes apart measured the drift.

Prints medians, peak RSS and the ratios, and writes them to <out>/bench.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent

WORDS = ("pemerintah daerah layanan publik digital masyarakat data program kegiatan pembangunan kabupaten "
         "perangkat teknologi informasi jaringan aplikasi terintegrasi pelayanan kesehatan pendidikan ekonomi "
         "lingkungan pariwisata infrastruktur kebijakan kelembagaan warga nagori kecamatan anggaran sasaran "
         "indikator capaian rencana strategi peningkatan kualitas efisiensi transparansi partisipasi inovasi "
         "kolaborasi pemantauan evaluasi keberlanjutan pemberdayaan komunitas literasi keamanan").split()
DIMENSIONS = ["Smart Governance", "Smart Branding", "Smart Economy", "Smart Living", "Smart Society",
              "Smart Environment"]
ELEMENTS = ["Pelayanan", "Pariwisata", "Industri", "Kesehatan", "Komunitas", "Energi"]


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(10, 22))]
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random, n: int = 6) -> str:
    return " ".join(sentence(rng) for _ in range(n))


def number(value: int) -> str:
    from pipeline.programmes.summary import number as fmt

    return fmt(value)


def fragment_markdown(i: int, rng: random.Random, image: str) -> tuple[str, str]:
    """(front matter, body) of fragment i: about 2,000 words."""
    dim = i % 6
    parts = []
    for h in range(4):
        parts.append(f"# Bagian {h + 1} Fragmen {i}\n")
        for _ in range(4):
            parts.append(paragraph(rng) + "\n")
        if h == 1:
            parts += [f"- {sentence(rng)}" for _ in range(5)] + [""]
        if h == 2:
            parts.append(f"![Gambar fragmen {i}]({image})\n")
    rows = ["| No | Elemen | Nama Program | Tahun Pelaksanaan | Indikasi Anggaran (Rp) | Sumber Dana | "
            "Perangkat Daerah Penanggung Jawab |", "|---|---|---|---|---|---|---|"]
    for r in range(10):
        rows.append(f"| {r + 1} | {ELEMENTS[dim]} | Program {i}-{r} {rng.choice(WORDS)} | {2022 + r % 3}–{2024 + r % 3} "
                    f"| Rp {number(rng.randint(1, 40) * 50_000_000)} | APBD | OPD {i % 8} |")
    parts.append(f"Table: Program Fragmen {i}\n\n" + "\n".join(rows) + "\n")
    parts.append(paragraph(rng, 8) + "\n")
    meta = {"opd": f"opd{i % 8}", "section": f"bagian-{i:03d}", "title": f"Fragmen {i}", "version": 1}
    return yaml.safe_dump(meta), "\n".join(parts)


def make_project(dest: Path, n: int) -> dict:
    """The synthetic project; returns paths used by the measurements."""
    from pipeline import mdimages, pandoc

    rng = random.Random(7)
    shutil.copytree(ROOT / "templates", dest / "templates")
    cfg = yaml.safe_load((ROOT / "masterplan.yml").read_text(encoding="utf-8"))
    cfg["opds"] = [{"code": f"opd{k}", "name": f"Dinas Uji {k}", "short": f"OPD {k}"} for k in range(8)]
    sample_codes = [o["code"] for o in yaml.safe_load((ROOT / "masterplan.yml").read_text(encoding="utf-8"))["opds"]]
    for member in [*cfg.get("dewan_smart_city", []), *cfg.get("tim_pelaksana", [])]:
        if "opd" in member:  # a member who is an OPD's head: that head's place in the synthetic registry
            member["opd"] = f"opd{sample_codes.index(member['opd']) % 8}"
    chapters = []
    for bab in range(1, 11):
        secs = [{"id": f"bagian-{i:03d}", "title": f"Bagian {i}", "owners": [f"opd{i % 8}"],
                 "dimension": DIMENSIONS[i % 6]} for i in range(n) if i % 10 == bab - 1]
        chapters.append({"bab": bab, "title": f"Bab Uji {bab}", "sections": secs})
    chapters[7]["sections"] += [{"id": "rekap", "title": "Rekapitulasi", "generate": "rekap-anggaran"},
                                {"id": "peta", "title": "Peta Jalan", "generate": "peta-jalan"}]
    cfg["outline"] = chapters
    cfg["region"].pop("emblem", None)
    (dest / "masterplan.yml").write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    images = dest / "chapters" / "gambar"
    images.mkdir(parents=True)
    shutil.copy(ROOT / "chapters" / "gambar" / "ipm.png", images / "grafik.png")
    mds = []
    for i in range(n):
        front, body = fragment_markdown(i, rng, "gambar/grafik.png")
        md = dest / "chapters" / f"bagian-{i:03d}.opd{i % 8}.md"
        md.write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")
        mds.append((md, body))
    all_md = dest / "semua.md"
    all_md.write_text("\n\n".join(b for _, b in mds), encoding="utf-8")
    for md, body in mds[::3]:  # a third become Word files, as OPD staff would send them
        target = md.with_suffix(".docx")
        pandoc.markdown_to_docx([(body, md.parent, mdimages.allowed(body, md.parent, dest))], target, reference=dest / "templates" / "house-style.docx",
                                root=dest)
        front = md.read_text(encoding="utf-8").split("---")[1]
        target.with_suffix(".yml").write_text(front, encoding="utf-8")
        md.unlink()
    return {"all_md": all_md, "bodies": [b for _, b in mds], "chapters": dest / "chapters"}


def run(cmd: list[str], cwd: Path | None = None) -> tuple[float, int]:
    """Wall seconds and peak RSS (MiB) of one command (the process itself, not its children)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr.read().decode()[-2000:]}")
    return elapsed, usage.ru_maxrss // 1024


def naive(project: Path, bodies: list[str], out: Path) -> None:
    """(b): pandoc per fragment, then docxcompose (in a child process, so it is measured alike)."""
    script = f"""
import subprocess, sys, tempfile
from pathlib import Path
sys.path.insert(0, {str(ROOT)!r})
import docx
from docxcompose.composer import Composer
from pipeline import mdimages, pandoc
bodies = {bodies!r}
ref = Path({str(project / 'templates' / 'house-style.docx')!r})
tmp = Path(tempfile.mkdtemp())
paths = []
for i, body in enumerate(bodies):
    p = tmp / f"f{{i}}.docx"
    subprocess.run([pandoc.pandoc_path(), "--from", "markdown", "--reference-doc", str(ref), "--resource-path",
                    {str(project / 'chapters')!r}, "-o", str(p)], input=body, text=True, check=True)
    paths.append(p)
master = docx.Document(str(ref))
c = Composer(master)
for p in paths:
    c.append(docx.Document(str(p)))
c.save({str(out)!r})
"""
    f = project / "naive.py"
    f.write_text(script, encoding="utf-8")
    return f


def big_table_script(tmp: Path, rows: int) -> Path:
    """A script that converts and normalises one Markdown fragment holding a table of ``rows`` rows.

    (The intake budget refuses such a file by default; this measures that the
    conversion stage itself stays linear, so a raised limit stays buildable.)
    """
    folder = tmp / "tabel-besar"
    folder.mkdir()
    body = "Table: Data sangat panjang\n\n| No | Kecamatan | Nilai |\n|---|---|---|\n" + "".join(
        f"| {i} | Kecamatan {i % 32} | {i * 7} |\n" for i in range(rows))
    (folder / "tabel.kominfo.md").write_text("---\nopd: kominfo\nsection: sistematika\ntitle: x\nversion: 1\n---\n\n"
                                             + body, encoding="utf-8")
    script = folder / "run.py"
    script.write_text(
        "import shutil, sys\nfrom pathlib import Path\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from pipeline.convert import convert_all\nfrom pipeline.discover import read_fragment\n"
        "from pipeline.config import load_config\n"
        f"root = Path({str(ROOT)!r}); folder = Path({str(folder)!r})\n"
        "shutil.rmtree(folder / 'cache', ignore_errors=True)\n"
        "frag, _ = read_fragment(folder / 'tabel.kominfo.md', load_config(root))\n"
        "convert_all([frag], folder, root / 'templates' / 'house-style.docx', folder / 'cache')\n", encoding="utf-8")
    return script


def median_of(fn, runs: int) -> tuple[float, int]:
    return summary([fn() for _ in range(runs)])


def summary(measured: list[tuple[float, int]]) -> tuple[float, int]:
    """(median seconds, highest peak RSS) of runs measured by :func:`run`."""
    return statistics.median(t for t, _ in measured), max(m for _, m in measured)


def in_turn(fns: dict, runs: int) -> dict[str, list[tuple[float, int]]]:
    """Each of ``fns`` run ``runs`` times, taking turns (a, c, a, c, ...): a host whose speed drifts
    within minutes then slows both sides of a ratio alike."""
    measured: dict[str, list] = {key: [] for key in fns}
    for _ in range(runs):
        for key, fn in fns.items():
            measured[key].append(fn())
    return measured


def paired_ratio(top: list[tuple[float, int]], bottom: list[tuple[float, int]]) -> float:
    """The median of the ratios of runs made one after the other."""
    return statistics.median(t / b for (t, _), (b, _) in zip(top, bottom))


def bench(n: int, runs: int, out: Path, pdf: bool = True) -> dict:
    from pipeline import mdimages, pandoc
    from pipeline.libreoffice import soffice_path

    tmp = Path(tempfile.mkdtemp(prefix="mp-bench-"))
    project = tmp / "proyek"
    project.mkdir()
    info = make_project(project, n)
    mp = str(BIN / "masterplan")
    ref = project / "templates" / "house-style.docx"
    build_dir = project / "build"
    base = yaml.safe_load((project / "masterplan.yml").read_text(encoding="utf-8"))["document"]["base_name"]
    results: dict[str, dict] = {}

    def record(key, label, value):
        results[key] = {"label": label, "median_s": round(value[0], 3), "peak_rss_mib": value[1]}

    def cold(pdf: bool):
        def go():
            shutil.rmtree(build_dir, ignore_errors=True)
            return run([mp, "build", "--project", str(project)] + ([] if pdf else ["--no-pdf"]))
        return go

    # (a) and (c) take turns, at least five times each: c/a is the median of the ratios of neighbouring runs
    a_and_c = in_turn({"a": lambda: run([pandoc.pandoc_path(), str(info["all_md"]), "--reference-doc", str(ref),
                                         "--resource-path", str(info["chapters"]), "-o", str(tmp / "a.docx")]),
                       "c": cold(False)}, max(runs, 5))
    record("a", "pandoc, all Markdown at once", summary(a_and_c["a"]))
    record("c", "our build, no PDF, empty cache", summary(a_and_c["c"]))
    c_over_a = paired_ratio(a_and_c["c"], a_and_c["a"])
    results["c"]["runs_s"] = [round(t, 3) for t, _ in a_and_c["c"]]
    results["a"]["runs_s"] = [round(t, 3) for t, _ in a_and_c["a"]]
    script = naive(project, info["bodies"], tmp / "b.docx")
    record("b", "pandoc per fragment + docxcompose", median_of(lambda: run([sys.executable, str(script)]), runs))
    if pdf and soffice_path():
        book = build_dir / f"{base}.docx"
        d_and_e = in_turn({"d": cold(True), "e": lambda: run(
            [soffice_path(), f"-env:UserInstallation=file://{tmp}/lo", "--headless", "--convert-to", "pdf",
             "--outdir", str(tmp / "e"), str(book)])}, runs)
        record("d", "our build with PDF, empty cache", summary(d_and_e["d"]))
        record("e", "soffice --convert-to pdf of our .docx", summary(d_and_e["e"]))
    run([mp, "build", "--project", str(project), "--no-pdf"])
    target = next(info["chapters"].glob("*.md"))

    def touched():
        with open(target, "a", encoding="utf-8") as fh:
            fh.write(f"\nKalimat tambahan {time.time()}.\n")
        return run([mp, "build", "--project", str(project), "--no-pdf"])

    record("f", "rebuild after touching one fragment", median_of(touched, runs))
    record("g", "rebuild, nothing changed", median_of(lambda: run([mp, "build", "--project", str(project),
                                                                      "--no-pdf"]), runs))
    record("h", "validate the whole project", median_of(lambda: run([mp, "validate", "--project", str(project)]), runs))
    record("h1", "validate one fragment", median_of(lambda: run([mp, "validate", "--project", str(project),
                                                                 str(target)]), runs))
    results.update(desk_bench(project, info["chapters"], runs))
    big = big_table_script(tmp, 20_000)
    record("t", "convert one fragment with a 20,000-row table", median_of(lambda: run([sys.executable, str(big)]),
                                                                           runs))
    t = {k: v["median_s"] for k, v in results.items()}
    ratios = {"c/a": c_over_a, "c/b": t["c"] / t["b"], "f/c": t["f"] / t["c"], "g/c": t["g"] / t["c"],
              "h/a": t["h"] / t["a"]}
    ratios["j/c"] = t["j"] / t["c"]
    ratios["i_p95"] = results["i"]["p95_s"]
    if "d" in t:
        ratios["d/(a+e)"] = t["d"] / (t["a"] + t["e"])
    pages = subprocess.run(["pdfinfo", str(build_dir / f"{base}.pdf")], capture_output=True,
                           text=True).stdout if "d" in t else ""
    report = {"fragments": n, "runs": runs, "pages": next((int(line.split()[1]) for line in pages.splitlines()
                                                           if line.startswith("Pages:")), None),
              "medians": results, **{k: round(v, 3) for k, v in ratios.items()}}
    shutil.rmtree(tmp, ignore_errors=True)
    return report


TARGETS = {"c/a": 2.0, "d/(a+e)": 1.3, "c/b": 0.5, "f/c": 0.35, "g/c": 0.1, "h/a": 1.0, "i_p95": 0.5, "j/c": 0.35}


def desk_bench(project: Path, chapters: Path, runs: int, uploads: int = 20) -> dict:
    """(i) and (j): the web desk as a separate process (drafts without PDF, like (c) and (f)), driven over
    its API with a bearer token, the way a script or the pages use it."""
    import docx
    import httpx

    from pipeline.web.access import EDITOR, OPD, AccessStore

    store = AccessStore(project)
    _, editor = store.issue(EDITOR)
    fragment = sorted(chapters.glob("*.docx"))[0]  # a Word fragment, as most OPDs send
    section, opd = fragment.name.split(".")[:2]
    _, sender = store.issue(OPD, opd)
    work = Path(tempfile.mkdtemp(prefix="mp-desk-"))

    def variant(n: int) -> bytes:
        d = docx.Document(str(fragment))
        d.add_paragraph(f"Kalimat revisi nomor {n} untuk pengukuran meja kiriman.")
        out = work / f"kiriman-{n}.docx"
        d.save(str(out))
        return out.read_bytes()

    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([str(BIN / "masterplan"), "serve", "--project", str(project), "--port", str(port),
                               "--no-pdf"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    client = httpx.Client(base_url=url, timeout=300)
    try:
        _wait(lambda: _listening(port))
        # The builder process loads the build machinery when the desk starts: uploads come after that.
        auth = {"Authorization": f"Bearer {editor}"}
        _wait(lambda: client.get("/api/drafts", headers=auth).json()["build"]["ready"])

        def submit(n: int) -> float:
            data = variant(n)
            start = time.perf_counter()
            r = client.post("/api/submit", data={"section": section}, files={"file": (f"kiriman-{n}.docx", data)},
                            headers={"Authorization": f"Bearer {sender}"})
            took = time.perf_counter() - start
            if r.json().get("status") != "diterima":
                raise SystemExit(f"desk refused the bench upload: {r.text[:2000]}")
            return took

        latencies = sorted(submit(n) for n in range(uploads))

        def draft() -> tuple[float, float]:
            """(seconds until the draft is published, seconds until its redline is made too)."""
            start = time.perf_counter()
            if client.post("/api/drafts", headers=auth).status_code != 202:
                raise SystemExit("desk is busy")
            state = _wait(lambda: (s := client.get("/api/drafts", headers=auth).json()["build"])["state"]
                          != "berjalan" and s, every=0.01)
            if state["state"] != "selesai":
                raise SystemExit(f"desk draft failed: {state}")
            total = time.perf_counter() - start
            return total - (state["seconds"] - state["published"]), total

        draft()  # the first draft of this desk (the builder's imports, the first draft's manifest)
        rebuilds = []
        for n in range(runs):
            submit(1000 + n)
            rebuilds.append(draft())
        peak = _peak_mib(server.pid)
    finally:
        client.close()
        server.terminate()
        server.wait(timeout=60)
        shutil.rmtree(work, ignore_errors=True)
    p50 = statistics.median(latencies)
    p95 = latencies[min(len(latencies) - 1, round(0.95 * (len(latencies) - 1)))]
    return {"i": {"label": f"desk: upload to verdict, p50 of {uploads} (p95 {p95:.2f} s)", "median_s": round(p50, 3),
                  "p95_s": round(p95, 3), "peak_rss_mib": peak},
            "j": {"label": "desk: draft after one accepted upload, published",
                  "median_s": round(statistics.median(r[0] for r in rebuilds), 3), "peak_rss_mib": 0},
            "j2": {"label": "desk: the same draft with its redline made",
                   "median_s": round(statistics.median(r[1] for r in rebuilds), 3), "peak_rss_mib": 0}}


def _peak_mib(pid: int) -> int:
    """Peak resident memory of a running process (the desk itself, not its builder)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) // 1024
    return 0


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _listening(port: int) -> bool:
    import socket

    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def _wait(check, timeout: float = 600, every: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(every)
    raise SystemExit("timed out")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fragments", type=int, default=40)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", type=Path, default=ROOT / "build")
    ap.add_argument("--no-pdf", action="store_true", help="skip (d) and (e), for quick scale runs")
    args = ap.parse_args()
    report = bench(args.fragments, args.runs, args.out, pdf=not args.no_pdf)
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"masterplan bench: {args.fragments} fragments, {report['pages']} pages, "
                        f"median of {args.runs}")
    for col in ("", "step", "median (s)", "peak RSS (MiB)"):
        table.add_column(col)
    for key, row in report["medians"].items():
        table.add_row(key, row["label"], f"{row['median_s']:.2f}", str(row["peak_rss_mib"]))
    Console().print(table)
    ratios = Table(title="ratios (target)")
    for col in ("ratio", "value", "target", "ok"):
        ratios.add_column(col)
    for key, target in TARGETS.items():
        if key in report:
            ratios.add_row(key, f"{report[key]:.2f}", f"≤ {target}", "yes" if report[key] <= target else "NO")
    Console().print(ratios)
    args.out.mkdir(parents=True, exist_ok=True)
    name = "bench.json" if args.fragments == 40 and not args.no_pdf else f"bench-{args.fragments}.json"
    (args.out / name).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
