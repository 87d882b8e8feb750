"""``masterplan forms``: one Word form (kertas kerja) per OPD and section it owns.

The form is rendered from ``templates/form.docx`` (docxtpl). It carries the
fragment metadata in its document properties, so that the filled-in form can
be submitted as it is; guidance is in the "Petunjuk" style, which validation
flags if it is left in.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docxtpl import DocxTemplate

from pipeline.config import LoadedConfig
from pipeline.dates import long_date
from pipeline.docx.book import roman
from pipeline.docx.companion import fill
from pipeline.docx.props import set_custom_properties
from pipeline.errors import UsageError
from pipeline.publish import write_atomic

GENERIC = [("Uraian", "Tuliskan kondisi, permasalahan dan rencana yang berkaitan dengan bagian ini.")]


def make_forms(cfg: LoadedConfig, out: Path, opd: str | None = None) -> list[Path]:
    """Write ``out/<opd>/<section>.<opd>.docx`` for every (OPD, owned section)."""
    c = cfg.config
    if opd and c.opd(opd) is None:
        raise UsageError(key="usage.unknown_opd", opd=opd, known=", ".join(o.code for o in c.opds))
    written = []
    for chapter, section in c.sections():
        if section.generate:
            continue
        for owner in section.owners:
            if opd and owner != opd:
                continue
            written.append(write_atomic(out / owner / f"{section.id}.{owner}.docx",
                                        render_form(cfg, chapter, section, owner)))
    return written


def render_form(cfg: LoadedConfig, chapter, section, owner: str) -> bytes:
    c = cfg.config
    dim = next((d for d in c.dimensions if d.name == section.dimension), None)
    if section.required_headings:
        headings = [(h, f"Tuliskan uraian tentang {h.lower()}.") for h in section.required_headings]
    elif dim:
        headings = [("Kondisi Saat Ini", f"Uraikan kondisi {dim.name} di daerah saat ini, dengan data.")]
        headings += [(f"Elemen {e.name}", f"Uraikan strategi untuk elemen {e.name}.") for e in dim.elements]
    else:
        headings = GENERIC
    quick_win = "quick" in section.id or "quick win" in section.title.lower()
    tpl = DocxTemplate(str(cfg.path(c.templates.form)))
    context = {
        "opd_nama": c.opd(owner).name, "bagian": section.title, "bab": f"BAB {roman(chapter.bab)}",
        "batas_waktu": long_date(section.deadline),
        "judul_wajib": [{"judul": h, "petunjuk": p} for h, p in headings],
        "tabel_program": bool(dim), "tabel_quick_win": quick_win,
        "elemen": ", ".join(e.name for e in dim.elements) if dim else "",
    }
    fill(tpl, context)
    buf = io.BytesIO()
    tpl.save(buf)
    document = docx.Document(io.BytesIO(buf.getvalue()))
    document.core_properties.title = section.title
    set_custom_properties(document, {"opd": owner, "section": section.id, "version": "1"})
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
