"""tools/try_corpus.py reads a file's own text the way the book is checked against it."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures"
sys.path.insert(0, str(ROOT / "tools"))
import try_corpus as T  # noqa: E402

sys.path.remove(str(ROOT / "tools"))


def test_text_box_text_is_read_once_and_apart_from_its_anchor():
    paras = T.docx_paragraphs(FIX / "word-kotak-teks.docx")
    assert paras.count("Prinsip Layanan Digital Simalungun:") == 1  # not again from the VML fallback
    assert "Alur koordinasi: " in paras and "Tim Pelaksana Smart City" in paras


def test_smartart_nodes_notes_and_no_deleted_text():
    assert T.docx_paragraphs(FIX / "word-smartart.docx")[-4:] == ["Perencanaan", "Pembangunan", "Pemanfaatan",
                                                                   "Evaluasi"]
    notes = T.docx_paragraphs(FIX / "word-catatan.docx")
    assert " Dokumen Arsitektur SPBE Kabupaten Simalungun 2023-2027, Bab 3." in notes
    revised = " ".join(T.docx_paragraphs(FIX / "word-komentar-revisi.docx"))
    assert "setiap dua minggu" in revised and "setiap bulan" not in revised


def test_a_paragraph_counts_as_lost_only_when_most_of_its_runs_are_missing():
    base = T.book_shingles(["Kondisi Saat Ini"])
    book = T.book_shingles(["satu pintu satu data", "Jaringan serat optik menjangkau 24 kecamatan"])
    own, lost = T.words_kept(["Kondisi Saat Ini", "Jaringan serat optik menjangkau 24 kecamatan",
                              "Prinsip layanan digital Simalungun"], book, base)
    assert own == 2 and lost == ["Prinsip layanan digital Simalungun"]


def test_markdown_paragraphs_split_table_cells_and_drop_front_matter(tmp_path):
    md = tmp_path / "x.md"
    md.write_text("---\ntitle: X\n---\n# Judul\n\n| A | B |\n|---|---|\n| satu | dua |\n", encoding="utf-8")
    assert T.markdown_paragraphs(md) == ["Judul", "A", "B", "satu", "dua"]
