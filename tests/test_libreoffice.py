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


def test_a_failing_build_stops_the_office_it_started(project, monkeypatch):
    from pipeline.build import BuildOptions, build
    from pipeline.config import load_config
    from pipeline.errors import ContentError

    started = []
    real_init = libreoffice.Office.__init__

    def spy(self, *a, **kw):
        real_init(self, *a, **kw)
        started.append(self)

    monkeypatch.setattr(libreoffice.Office, "__init__", spy)
    bad = project / "chapters" / "bab-10" / "penutup.bappeda.md"
    bad.write_text("---\nopd: tidak-ada\nsection: penutup\n---\n\nTeks.\n", encoding="utf-8")
    try:
        build(load_config(project), BuildOptions(out_dir=project / "build"))
    except ContentError:
        pass
    else:
        raise AssertionError("the build should stop on the unknown OPD")
    assert started and all(o._proc.poll() is not None for o in started), "LibreOffice is not left running"
    assert not any(o.profile.exists() for o in started)
