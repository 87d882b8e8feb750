"""Fragments are data: Jinja syntax written by an OPD comes out literally."""

from __future__ import annotations

import docx

from conftest import run_cli

INJECTION = """---
opd: kominfo
section: sistematika
title: Sistematika
version: 1
---

Hasil perhitungan {{ 7*7 }} dan {{ config.__class__ }} harus tercetak apa adanya.

{% for x in range(3) %}ulang{% endfor %} dan {% if %} yang tidak seimbang.

Simbol < dan & tetap utuh.
"""


def test_jinja_in_fragment_is_literal(project):
    (project / "chapters" / "bab-01" / "sistematika.kominfo.md").write_text(INJECTION, encoding="utf-8")
    proc = run_cli("build", "--project", str(project), "--no-pdf")
    assert proc.returncode == 0, proc.stderr
    text = "\n".join(p.text for p in docx.Document(str(project / "build" / "masterplan-smart-city-simalungun.docx")).paragraphs)
    assert "{{ 7*7 }}" in text
    assert "49" not in text.split("Hasil perhitungan")[1][:20]
    assert "{{ config.__class__ }}" in text
    assert "{% for x in range(3) %}ulang{% endfor %}" in text
    assert "{% if %}" in text
    assert "Simbol < dan & tetap utuh." in text


def test_master_values_are_escaped(project):
    """A config value with < and & survives docxtpl (autoescape) instead of vanishing."""
    cfg = project / "masterplan.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("head_name: Radiapoh Hasiholan Sinaga",
                                                           "head_name: R & H <Sinaga>"), encoding="utf-8")
    proc = run_cli("build", "--project", str(project), "--no-pdf")
    assert proc.returncode == 0, proc.stderr
    text = "\n".join(p.text for p in docx.Document(str(project / "build" / "masterplan-smart-city-simalungun.docx")).paragraphs)
    assert "R & H <SINAGA>" in text


def test_a_template_compiled_once_renders_each_context_alone_in_the_sandbox(tmp_path):
    """The sandbox keeps what it compiled; each render still takes only its own values, escaped, and a
    template that reaches for Python's insides is stopped."""
    import io

    import pytest

    from pipeline.docx.companion import render_bytes
    from pipeline.errors import ConfigError

    template = tmp_path / "t.docx"
    d = docx.Document()
    d.add_paragraph("Nama: {{ nama }}")
    d.save(str(template))

    def text(**context) -> str:
        return "\n".join(p.text for p in docx.Document(io.BytesIO(render_bytes(template, context))).paragraphs)

    assert text(nama="Dinas <A> & B") == "Nama: Dinas <A> & B"  # escaped in the XML, read back as typed
    assert text(nama="Bappeda") == "Nama: Bappeda"
    assert text() == "Nama: "
    d.add_paragraph("{{ nama.__class__.__mro__[1].__subclasses__() }}")
    d.save(str(template))
    with pytest.raises(ConfigError, match="unsafe"):  # the editor is told which template, and why
        text(nama="x")
