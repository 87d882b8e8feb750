"""Conversion: all Markdown of a build in one pandoc process, yet every fragment stays its own."""

from __future__ import annotations

import hashlib
from pathlib import Path

import docx
from lxml import etree

from conftest import ROOT
from pipeline.convert import Converter, convert_all
from pipeline.docx.batch import split, secret_of
from pipeline.docx.inspect import plain_text
from pipeline.docx.ns import qn, text_of
from pipeline.model import Fragment, FragmentMeta

HOUSE = ROOT / "templates" / "house-style.docx"


def fragment(root: Path, name: str, text: str) -> Fragment:
    path = root / "chapters" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    section, opd = name.split(".")[:2]
    return Fragment(path=path, rel=f"chapters/{name}", kind="md", meta=FragmentMeta(opd=opd, section=section),
                    digest=hashlib.sha256(path.read_bytes()).hexdigest())


def footnotes_of(conv) -> list[str]:
    """The footnote texts a converted fragment refers to, in order."""
    document = docx.Document(str(conv.path))
    elements = split(document.element.body, secret_of(conv.marker))[conv.marker][1]
    part = next(r.target_part for r in document.part.rels.values() if r.reltype.endswith("/footnotes"))
    notes = {n.get(qn("w:id")): text_of(n).strip() for n in etree.fromstring(part.blob).iter(qn("w:footnote"))}
    return [notes[ref.get(qn("w:id"))] for el in elements for ref in el.iter(qn("w:footnoteReference"))]


def test_fragments_share_one_pandoc_run_but_nothing_else(tmp_path):
    frags = [
        fragment(tmp_path, "a.opd1.md", "---\nopd: opd1\n---\n\nTeks A.[^1]\n\n[^1]: Catatan milik A.\n"),
        # the same footnote label, a forged marker paragraph and an unclosed code fence
        fragment(tmp_path, "b.opd2.md", "Teks B.[^1]\n\n[^1]: Catatan milik B.\n\n"
                                        '::: {custom-style="MPFragmentMarker"}\nMPF0000 2\n:::\n\n```\nkode tanpa penutup\n'),
        fragment(tmp_path, "c.opd3.md", "# Judul C\n\nTeks C.\n"),
    ]
    converted = convert_all(frags, tmp_path, HOUSE, tmp_path / "cache")
    assert len({c.path for c in converted}) == 1, "one batch for all Markdown"
    texts = [plain_text(c.path, c.marker) for c in converted]
    assert texts[0] == "Teks A."
    assert "MPF0000 2" in texts[1] and "kode tanpa penutup" in texts[1]  # forged marker stays text
    assert "Teks C" not in texts[1], "an unclosed fence must not swallow the next fragment"
    assert texts[2].split() == ["Judul", "C", "Teks", "C."]
    assert [footnotes_of(c) for c in converted[:2]] == [["Catatan milik A."], ["Catatan milik B."]]
    assert "opd1" not in texts[0], "front matter is not text"


def test_cached_fragments_come_from_their_batch_and_a_changed_one_from_a_new_one(tmp_path):
    frags = [fragment(tmp_path, f"s{i}.opd{i}.md", f"Isi bagian {i}.\n") for i in range(3)]
    first = convert_all(frags, tmp_path, HOUSE, tmp_path / "cache")
    frags[1] = fragment(tmp_path, "s1.opd1.md", "Isi bagian 1, diperbarui.\n")
    converter = Converter(frags, tmp_path, HOUSE, tmp_path / "cache")
    second = converter.converted(frags)
    assert [c.cached for c in second] == [True, False, True]
    assert second[0].path == first[0].path and second[1].path != first[1].path
    assert [plain_text(c.path, c.marker) for c in second] == ["Isi bagian 0.", "Isi bagian 1, diperbarui.",
                                                              "Isi bagian 2."]


def test_a_fragment_pandoc_refuses_is_named(tmp_path, monkeypatch):
    from pipeline import pandoc
    from pipeline.errors import EngineError

    frags = [fragment(tmp_path, f"s{i}.opd{i}.md", f"Isi bagian {i}.\n") for i in range(3)]
    real_wait = pandoc.PandocJob.wait

    def refuse_bagian_1(self, timeout=60):
        path = real_wait(self, timeout)
        if "bagian 1" in plain_text(path):  # as if pandoc had choked on that fragment
            raise EngineError("pandoc failed: (simulated)")
        return path

    monkeypatch.setattr(pandoc.PandocJob, "wait", refuse_bagian_1)
    try:
        convert_all(frags, tmp_path, HOUSE, tmp_path / "cache")
    except EngineError as exc:
        assert "chapters/s1.opd1.md" in str(exc)
    else:
        raise AssertionError("expected an EngineError naming the fragment")


def _pictures_by_fragment(conv_list) -> dict[str, list[bytes]]:
    """The bytes of the pictures each converted fragment shows, by fragment file."""
    out = {}
    for conv in conv_list:
        document = docx.Document(str(conv.path))
        elements = split(document.element.body, secret_of(conv.marker))[conv.marker][1]
        rels = document.part.rels
        out[conv.fragment.path.name] = [rels[blip.get(qn("r:embed"))].target_part.blob
                                        for el in elements for blip in el.iter(qn("a:blip"))]
    return out


def _png(colour: str) -> bytes:
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(buf, "PNG")
    return buf.getvalue()


def test_pandoc_reads_only_the_pictures_the_guard_accepted_each_from_its_own_folder(tmp_path):
    """pandoc is sandboxed: pictures reach it through its media bag, from the files the guard accepted.
    The same source in two folders is two pictures; a picture the guard never saw (a reference defined
    inside a quotation) is not read even though the file exists; one it refused is a visible note."""
    root = tmp_path / "proyek"
    secret = _png("red")
    (tmp_path / "rahasia.png").write_bytes(secret)
    for folder, colour in (("bab-1", "blue"), ("bab-2", "green"), ("bab-3", "yellow")):
        (root / "chapters" / folder / "gambar").mkdir(parents=True)
        (root / "chapters" / folder / "gambar" / "peta.png").write_bytes(_png(colour))
    (root / "chapters" / "bab-4").mkdir(parents=True)
    frags = [
        fragment(root, "bab-1/satu.kominfo.md", "# Satu\n\n![Peta satu](gambar/peta.png)\n"),
        fragment(root, "bab-2/dua.bappeda.md", "# Dua\n\n![Peta dua](gambar/peta.png)\n"),
        fragment(root, "bab-2/tiga.bappeda.md", "# Tiga\n\n![Rahasia][r]\n\n> [r]: ../../../rahasia.png\n"),
        fragment(root, "bab-2/empat.bappeda.md", "# Empat\n\n![Jauh](https://example.invalid/x.png)\n\n"
                                                 "Nilai < 5 persen.\n\n![Peta dua](gambar/peta.png)\n"),
        # the same name as pandoc tidies it ("./gambar/peta.png" is "gambar/peta.png" in its media bag)
        fragment(root, "bab-3/lima.kominfo.md", "# Lima\n\n![Peta lima](./gambar/peta.png)\n"),
        # a picture the guard does not see (its alt text runs over two lines), under a name the media bag
        # holds for another fragment's file; this fragment's folder has no such file
        fragment(root, "bab-4/enam.kominfo.md", "# Enam\n\n![Peta\nenam](gambar/peta.png)\n"),
    ]
    converted = convert_all(frags, root, HOUSE, tmp_path / "cache")
    shown = _pictures_by_fragment(converted)
    assert shown["satu.kominfo.md"] == [_png("blue")]
    assert shown["dua.bappeda.md"] == [_png("green")]
    assert shown["tiga.bappeda.md"] == [] and shown["empat.bappeda.md"] == [_png("green")]
    assert shown["lima.kominfo.md"] == [_png("yellow")] and shown["enam.kominfo.md"] == []
    texts = {c.fragment.path.name: plain_text(c.path, marker=c.marker) for c in converted}
    assert "Rahasia" in texts["tiga.bappeda.md"]
    assert "[gambar tidak dimuat: https://example.invalid/x.png]" in texts["empat.bappeda.md"]
    assert "[gambar tidak dimuat: gambar/peta.png]" in texts["enam.kominfo.md"]
    for conv in converted:
        with __import__("zipfile").ZipFile(conv.path) as z:
            assert all(z.read(n) != secret for n in z.namelist())


def test_the_bundled_pandoc_is_used_whatever_pandoc_is_on_path(tmp_path, monkeypatch):
    import pypandoc

    from pipeline import pandoc

    fake = tmp_path / "bin" / "pandoc"  # a newer-looking pandoc on PATH, as a system package would be
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\necho 'pandoc 99.0'\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}:/usr/bin:/bin")
    pandoc.pandoc_path.cache_clear()
    try:
        found = Path(pandoc.pandoc_path())
    finally:
        pandoc.pandoc_path.cache_clear()
    assert found == Path(pypandoc.__file__).parent / "files" / "pandoc"
    assert found != fake
