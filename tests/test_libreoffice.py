"""LibreOffice started ahead of time: the book is handed to the running instance, or to a fresh one."""

from __future__ import annotations

import docx

from pipeline import libreoffice, poppler


def _tiny(path, text: str):
    d = docx.Document()
    d.add_paragraph(text)
    d.save(str(path))
    return path


def test_running_office_converts_and_goes_away(tmp_path):
    with libreoffice.Office() as office:
        assert office.ready()
        office.convert(_tiny(tmp_path / "a.docx", "Halo dari Simalungun"), tmp_path / "a.pdf")
        office.convert(_tiny(tmp_path / "b.docx", "Kedua kalinya"), tmp_path / "b.pdf")
        proc = office._proc
    assert "Halo dari Simalungun" in poppler.page_texts(tmp_path / "a.pdf")[0]
    assert "Kedua kalinya" in poppler.page_texts(tmp_path / "b.pdf")[0]
    assert proc.poll() is not None, "the instance is stopped on close"
    assert not office.profile.exists()


def test_an_office_that_is_not_ready_falls_back_to_a_fresh_one(tmp_path):
    with libreoffice.Office(ready_timeout=0) as office:
        assert not office.ready()
        office.convert(_tiny(tmp_path / "c.docx", "Tetap jadi"), tmp_path / "c.pdf")
    assert "Tetap jadi" in poppler.page_texts(tmp_path / "c.pdf")[0]
