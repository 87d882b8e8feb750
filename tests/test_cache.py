"""Issue 7: the caches never serve a stale result."""

from __future__ import annotations

import hashlib
import re
import zipfile

import docx

from conftest import run_cli
from hostile import png

BOOK = "masterplan-smart-city-simalungun.docx"


def _build(project):
    proc = run_cli("build", "--project", str(project), "--no-pdf")
    assert proc.returncode == 0, proc.stderr
    return project / "build" / BOOK


def _text(path):
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def _recap_total(text: str) -> int:
    """The budget total the generated recap states in words ("total indikasi anggaran Rp1.234,00")."""
    m = re.search(r"total indikasi anggaran Rp\s?([\d.]+),00", text)
    assert m, "the recap states its total"
    return int(m.group(1).replace(".", ""))


def test_each_change_reaches_the_output(project):
    book = _build(project)
    first = book.read_bytes()
    again = run_cli("build", "--project", str(project), "--no-pdf")
    assert "tidak ada yang berubah" in again.stderr.lower() and book.read_bytes() == first
    assert "24 berkas diperiksa" in again.stderr  # the unchanged answer repeats the last summary
    book.unlink()  # an output gone is a change too
    assert _build(project).is_file()

    fragment = project / "chapters" / "bab-10" / "penutup.bappeda.md"
    fragment.write_text(fragment.read_text(encoding="utf-8") + "\nKalimat penutup yang baru ditambahkan.\n",
                        encoding="utf-8")
    assert "Kalimat penutup yang baru ditambahkan." in _text(_build(project))

    total_before = _recap_total(_text(book))
    economy = project / "chapters" / "bab-04" / "smart-economy.diskopukm.md"  # a programme row changes:
    economy.write_text(economy.read_text(encoding="utf-8").replace("| Rp 475.000.000 |", "| Rp 485.000.000 |"),
                       encoding="utf-8")  # the dataset files and the generated recap are made again
    assert _recap_total(_text(_build(project))) == total_before + 10_000_000
    assert ",485000000," in (project / "build" / "programmes.csv").read_text(encoding="utf-8")

    config = project / "masterplan.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("title: Masterplan Smart City",
                                                                 "title: Rencana Induk Kota Cerdas"), encoding="utf-8")
    assert "RENCANA INDUK KOTA CERDAS" in _text(_build(project))

    style = project / "templates" / "house-style.docx"
    d = docx.Document(str(style))
    d.styles["Body Text"].font.size = docx.shared.Pt(13)
    d.save(str(style))
    out = docx.Document(str(_build(project)))
    assert out.styles["Body Text"].font.size == docx.shared.Pt(13)

    template = project / "templates" / "generated" / "rekap-anggaran.docx"
    t = docx.Document(str(template))
    t.paragraphs[0].runs[0].text = "Kalimat pembuka rekap yang diubah editor. " + t.paragraphs[0].runs[0].text
    t.save(str(template))
    assert "Kalimat pembuka rekap yang diubah editor." in _text(_build(project))

    picture = project / "chapters" / "gambar" / "ipm.png"
    picture.write_bytes(png(900, 600))
    want = hashlib.sha256(picture.read_bytes()).hexdigest()
    with zipfile.ZipFile(_build(project)) as z:
        media = {hashlib.sha256(z.read(n)).hexdigest() for n in z.namelist() if n.startswith("word/media/")}
    assert want in media


def test_inputs_outside_the_usual_folders_are_seen(project):
    """A picture in assets/, an emblem and a house style the config names elsewhere: each change reaches the book."""
    import shutil

    assets = project / "assets"
    assets.mkdir()
    shutil.copy(project / "chapters" / "gambar" / "ipm.png", assets / "peta.png")
    page = project / "chapters" / "bab-10" / "penutup.bappeda.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\n![Peta wilayah](../../assets/peta.png)\n", encoding="utf-8")
    (project / "gaya").mkdir()
    shutil.move(project / "templates" / "house-style.docx", project / "gaya" / "rumah.docx")
    shutil.move(project / "templates" / "lambang.png", project / "gaya" / "lambang.png")
    config = project / "masterplan.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("house_style: templates/house-style.docx",
                                                                 "house_style: gaya/rumah.docx")
                      .replace("emblem: templates/lambang.png", "emblem: gaya/lambang.png"), encoding="utf-8")

    def media(book):
        with zipfile.ZipFile(book) as z:
            return {hashlib.sha256(z.read(n)).hexdigest() for n in z.namelist() if n.startswith("word/media/")}

    _build(project)
    for path, new in ((assets / "peta.png", png(1000, 700)), (project / "gaya" / "lambang.png", png(640, 640))):
        path.write_bytes(new)
        again = run_cli("build", "--project", str(project), "--no-pdf")
        assert again.returncode == 0 and "tidak ada yang berubah" not in again.stderr.lower(), path
        assert hashlib.sha256(new).hexdigest() in media(project / "build" / BOOK), path
    style = project / "gaya" / "rumah.docx"
    d = docx.Document(str(style))
    d.styles["Body Text"].font.size = docx.shared.Pt(13)
    d.save(str(style))
    assert docx.Document(str(_build(project))).styles["Body Text"].font.size == docx.shared.Pt(13)


def test_build_cache_stays_bounded(project):
    """Entries of old fragments, batches and code are pruned after a good build."""
    def files():
        return sorted(p.relative_to(project / "build" / "cache") for p in (project / "build" / "cache").rglob("*")
                      if p.is_file())

    _build(project)
    first = files()
    fragment = project / "chapters" / "bab-10" / "penutup.bappeda.md"
    for i in range(3):
        fragment.write_text(fragment.read_text(encoding="utf-8") + f"\nKalimat tambahan {i}.\n", encoding="utf-8")
        _build(project)
    now = files()
    assert len(now) <= len(first) + 1, set(now) - set(first)
    batches = [p for p in now if p.name.startswith("batch-")]
    assert len(batches) <= 2  # the first build's batch (other fragments) and the last edit's


def test_a_file_read_again_in_the_same_process_is_read_anew_once_it_changed(project):
    """The desk's builder keeps what each file gave between drafts: a changed file, a changed sidecar or a
    file put in another's place (the same size, the same second) is read again."""
    import os

    from pipeline.config import load_config
    from pipeline.discover import find_files, read_fragment

    cfg = load_config(project)
    md = next(p for p in find_files(cfg) if p.suffix == ".md")
    word = next(p for p in find_files(cfg) if p.suffix == ".docx")
    first, _ = read_fragment(md, cfg)
    again, _ = read_fragment(md, cfg)
    assert again.digest == first.digest and again is not first and again.meta is not first.meta
    text = md.read_text(encoding="utf-8")
    stat = md.stat()
    swapped = md.with_name("ganti.tmp")
    swapped.write_text(text.replace("a", "e", 1), encoding="utf-8")  # same size
    os.utime(swapped, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    os.replace(swapped, md)
    assert read_fragment(md, cfg)[0].digest == hashlib.sha256(md.read_bytes()).hexdigest() != first.digest
    before, _ = read_fragment(word, cfg)
    other = next(o.code for o in cfg.config.opds if o.code != before.opd)
    word.with_suffix(".yml").write_text(f"opd: {other}\nsection: {before.section}\n", encoding="utf-8")
    after, _ = read_fragment(word, cfg)
    assert after.opd == other != before.opd and after.digest == before.digest
