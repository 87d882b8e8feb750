"""A draft's manifest takes over the text of the sections whose fragments did not change: the result
is the manifest read from scratch (checked by building the same draft with and without the previous one)."""

from __future__ import annotations

import json
import shutil

from conftest import copy_short_sample, run_cli

BASE = "masterplan-smart-city-simalungun"


def _manifest(project, number: int) -> dict:
    return json.loads((project / "build" / "drafts" / f"{BASE}-draf-{number:02d}-manifest.json").read_text("utf-8"))


def test_a_manifest_from_the_previous_one_equals_one_read_from_scratch(tmp_path):
    kept = copy_short_sample(tmp_path / "disimpan")
    assert run_cli("build", "--project", str(kept), "--draft", "--no-pdf").returncode == 0
    md = next(p for p in sorted((kept / "chapters").rglob("*.md")) if "dasar-hukum" not in p.name)
    md.write_text(md.read_text(encoding="utf-8") + "\nKalimat tambahan untuk draf kedua.\n", encoding="utf-8")
    word = next(p for p in sorted((kept / "chapters").rglob("*.docx")))
    word.unlink()  # a section loses a fragment: its text must not be taken over
    fresh = tmp_path / "baru"
    shutil.copytree(kept, fresh)
    (fresh / "build" / "drafts" / f"{BASE}-draf-01-manifest.json").unlink()  # nothing to take over
    for project in (kept, fresh):
        proc = run_cli("build", "--project", str(project), "--draft", "--no-pdf")
        assert proc.returncode == 0, proc.stdout + proc.stderr
    taken, read = _manifest(kept, 2), _manifest(fresh, 2)

    def without_conversion(entries):  # a fresh conversion of the changed file has a batch name of its own
        return [{k: v for k, v in e.items() if k != "converted"} for e in entries]

    assert without_conversion(taken["fragments"]) == without_conversion(read["fragments"])
    assert taken["sections"] == read["sections"]
    changed = {e["file"]: e for e in taken["fragments"]}[str(md.relative_to(kept))]
    assert any("Kalimat tambahan untuk draf kedua." in p["text"] for p in changed["paragraphs"])


def test_a_section_renamed_in_the_config_is_read_again(tmp_path):
    """A section's text depends on its title too (a restated title is folded away): renaming the section
    in masterplan.yml converts its file again, so its text is read again, not taken over."""
    import yaml

    project = copy_short_sample(tmp_path / "proyek")
    assert run_cli("build", "--project", str(project), "--draft", "--no-pdf").returncode == 0
    config = project / "masterplan.yml"
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    section = data["outline"][0]["sections"][0]
    section["title"] = section["title"] + " Daerah"
    config.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert run_cli("build", "--project", str(project), "--draft", "--no-pdf").returncode == 0
    first, second = _manifest(project, 1), _manifest(project, 2)
    renamed = section["id"]
    assert second["sections"][renamed]["title"].endswith(" Daerah")
    entries = {e["section"]: e for e in second["fragments"] if "converted" in e}
    before = {e["section"]: e for e in first["fragments"] if "converted" in e}
    assert entries[renamed]["converted"] != before[renamed]["converted"]  # converted again: read again



def test_words_added_and_removed_are_counted_where_the_revision_is():
    from pipeline.drafts import word_changes

    section = " ".join(f"kata{i % 97} program{i % 13}" for i in range(3000))  # 6,000 words, repeating
    words = section.split()
    assert word_changes(section, section) == (0, 0)
    middle = " ".join(words[:3000] + ["Kalimat", "tambahan", "baru."] + words[3000:])
    assert word_changes(section, middle) == (3, 0)
    assert word_changes(middle, section) == (0, 3)
    changed = " ".join(words[:10] + ["diganti"] + words[11:])
    assert word_changes(section, changed) == (1, 1)
    assert word_changes("", "satu dua") == (2, 0) and word_changes("satu satu satu", "satu satu") == (0, 1)
    assert word_changes("awal tengah akhir", "awal baru tengah akhir lagi") == (2, 0)
