"""Issue 3: hostile and broken files get a clear verdict, never a traceback, hang or runaway memory."""

from __future__ import annotations

import io
import json
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hostile as H
from conftest import copy_sample
from pipeline.config import load_config
from pipeline.discover import read_fragment
from pipeline.validate import analyse

SECTION = "sistematika"


def _yaml_bomb() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, n in enumerate("bcdefghi"):
        prev = "abcdefgh"[i]
        lines.append(f"{n}: &{n} [" + ",".join(f"*{prev}" for _ in range(9)) + "]")
    return "---\n" + "\n".join(lines) + "\nopd: kominfo\n---\n\nIsi.\n"


CORPUS = {
    "kosong.docx": lambda: b"",
    "png-diganti-nama.docx": lambda: H.png(10, 10),
    "zip-terpotong.docx": lambda: H.good_docx(SECTION)[:900],
    "zip-bom.docx": H.zip_bomb,
    "billion-laughs.docx": lambda: H.billion_laughs(SECTION),
    "xxe.docx": lambda: H.xxe(SECTION),
    "makro.docx": lambda: H.renamed_docm(SECTION),
    "makro-vba.docx": lambda: H.with_macro(SECTION),
    "terenkripsi.docx": lambda: H.encrypted_zip(SECTION),
    "word97.docx": H.ole_file,
    "gambar-eksternal.docx": lambda: H.external_image(SECTION),
    "lintas-folder.md": lambda: f"---\nopd: kominfo\nsection: {SECTION}\ntitle: x\nversion: 1\n---\n\n![x](../../../../etc/passwd)\n",
    "jinja.md": lambda: f"---\nopd: kominfo\nsection: {SECTION}\ntitle: x\nversion: 1\n---\n\n{{{{ 7*7 }}}} {{% for x in y %}}\n",
    "yaml-bom.md": _yaml_bomb,
    "yaml-tag.md": lambda: "---\nopd: !!python/object/apply:os.system ['true']\n---\n\nIsi.\n",
    "latin1.md": lambda: f"---\nopd: kominfo\nsection: {SECTION}\ntitle: x\nversion: 1\n---\n\ncaf\u00e9\n".encode("latin-1"),
    "png-raksasa.md": lambda: f"---\nopd: kominfo\nsection: {SECTION}\ntitle: x\nversion: 1\n---\n\n![Peta](raksasa.png)\n",
    "tabel-3000.docx": lambda: H.big_table(SECTION, 3000).replace(b"Tabel 1 Data besar", b"Data besar tanpa"),
    "tabel-bersarang.docx": lambda: H.nested_tables(SECTION, 200),
}


# The verdict each file must get: exactly these codes (a big but harmless table passes clean).
EXPECTED = {
    "billion-laughs.docx": {"MP-E604"}, "gambar-eksternal.docx": {"MP-W607"}, "jinja.md": {"MP-W405"},
    "kosong.docx": {"MP-E601"}, "latin1.md": {"MP-E611"}, "lintas-folder.md": {"MP-E608"},
    "makro-vba.docx": {"MP-E603"}, "makro.docx": {"MP-E603"}, "png-diganti-nama.docx": {"MP-E601"},
    "png-raksasa.md": {"MP-E505"}, "tabel-3000.docx": set(), "tabel-bersarang.docx": {"MP-E613"},
    "terenkripsi.docx": {"MP-E602"}, "word97.docx": {"MP-E602"}, "xxe.docx": {"MP-E604"},
    "yaml-bom.md": {"MP-E108"}, "yaml-tag.md": {"MP-E108"}, "zip-bom.docx": {"MP-E605"},
    "zip-terpotong.docx": {"MP-E601"},
}


def _limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (4 * 2**30, 4 * 2**30))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    proj = copy_sample(tmp_path_factory.mktemp("hostile") / "proyek")
    folder = proj / "kiriman"
    H.write(folder / "raksasa.png", H.png_claiming(40000, 40000))
    for name, make in CORPUS.items():
        H.write(folder / name, make())
    return proj


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_hostile_file_gets_a_verdict(corpus, name):
    path = corpus / "kiriman" / name
    exe = Path(sys.executable).with_name("masterplan")
    proc = subprocess.run([str(exe), "validate", "--project", str(corpus), str(path), "--opd", "kominfo",
                           "--section", SECTION, "--format", "json"], capture_output=True, text=True, timeout=90,
                          preexec_fn=_limit_memory)
    assert proc.returncode in (0, 1), proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    data = json.loads(proc.stdout)
    diags = data["diagnostics"]
    mine = [d for d in diags if d["file"].endswith(name)]
    assert {d["code"] for d in mine} == EXPECTED[name], mine
    assert proc.returncode == (1 if any(d["severity"] == "error" for d in mine) else 0)
    assert all(d["message"] and d["hint"] for d in mine)
    assert (corpus / "build" / "reports" / "kominfo.md").is_file()


@pytest.fixture(scope="module")
def project_cfg(tmp_path_factory):
    proj = copy_sample(tmp_path_factory.mktemp("prop") / "proyek")
    return proj, load_config(proj)


def _verdict(proj, cfg, name: str, data: bytes):
    """The diagnostics of a file, checked to be a well-formed verdict (no exception escaped on the way).

    Every diagnostic is a catalogued rule with its message and hint; a file that
    failed a safety check is judged on that alone (its content is never read).
    """
    from pipeline.messages import RULES, message

    path = proj / "kiriman" / name
    H.write(path, data)
    frag, diags = read_fragment(path, cfg)
    if not any(d.is_error for d in diags):
        diags = diags + analyse((frag, cfg)).diagnostics
    for d in diags:
        text, hint = message(d)
        assert d.code in RULES and text and hint and d.file.endswith(name)
    if any(d.is_error and RULES[d.code].family == "safety" for d in diags):
        assert all(RULES[d.code].family in ("safety", "metadata") for d in diags), [d.code for d in diags]
    return diags


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=4096), st.sampled_from(["acak.docx", "acak.md"]))
def test_random_bytes_always_get_a_verdict(project_cfg, data, name):
    proj, cfg = project_cfg
    diags = _verdict(proj, cfg, name, data)
    # Random bytes are never a usable chapter: a .docx is not a package, a .md has no metadata.
    assert any(d.is_error for d in diags), [d.code for d in diags]


GOOD = H.good_docx(SECTION, "Teks yang cukup panjang untuk diacak. " * 20)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, len(GOOD) - 1), st.integers(0, 255)), min_size=1, max_size=12),
       st.one_of(st.none(), st.integers(100, len(GOOD))))
def test_mutated_docx_always_gets_a_verdict(project_cfg, flips, cut):
    proj, cfg = project_cfg
    data = bytearray(GOOD)
    for pos, value in flips:
        data[pos] = value
    mutated = bytes(data[:cut] if cut else data)
    diags = _verdict(proj, cfg, "mutasi.docx", mutated)
    if mutated != GOOD and (cut or any(GOOD[p] != v for p, v in flips)):
        # A changed zip fails its checksums or its structure, unless the change hit bytes nothing reads
        # (the central directory's comment, padding): then the file is still the good chapter.
        assert any(d.code.startswith("MP-E6") for d in diags) or not any(d.is_error for d in diags)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["word/document.xml", "word/styles.xml", "[Content_Types].xml", "word/_rels/document.xml.rels"]),
       st.binary(max_size=300))
def test_docx_with_garbage_part_gets_a_verdict(project_cfg, part, garbage):
    proj, cfg = project_cfg
    data = H.rezip(GOOD, lambda n, b: garbage if n == part else b)
    codes = {d.code for d in _verdict(proj, cfg, "bagian.docx", data)}
    # garbage in a required part is a broken file; a garbage rels part is read as having no relationships
    assert codes & {"MP-E601", "MP-E604", "MP-E606", "MP-E613"} or part == "word/_rels/document.xml.rels", codes


def test_zip_bomb_is_refused_before_parsing(project_cfg):
    proj, cfg = project_cfg
    diags = _verdict(proj, cfg, "bom.docx", H.zip_bomb())
    assert [d.code for d in diags if d.file.endswith("bom.docx")] == ["MP-E605"]
    with zipfile.ZipFile(io.BytesIO(H.zip_bomb())) as z:
        assert z.getinfo("word/document.xml").file_size == 100 * 2**20
