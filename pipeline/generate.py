"""Generated sections: rekap anggaran, peta jalan and rekap quick win, from the dataset.

A section of the outline with ``generate: <kind>`` is rendered from
``templates/generated/<kind>.docx`` (a docxtpl template editors can reword in
Word). Its variables come only from the programme dataset and the config,
never from fragment text; tables and charts are built here and inserted as
subdocuments and pictures. The result is composed like any fragment.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
from pathlib import Path

from babel.numbers import format_percent
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

from pipeline import cache
from pipeline.config import LoadedConfig
from pipeline.kinds import KINDS
from pipeline.convert import Converted
from pipeline.document_data import document_date, komitmen_context
from pipeline.docx.companion import fill, subdoc, template_errors
from pipeline.docx.rendered import drop_captions_after
from pipeline.docx.tables import add_table, picture_with_caption
from pipeline.model import Fragment, FragmentMeta
from pipeline.programmes.dataset import Dataset
from pipeline.programmes.summary import dimension_year_table, number, rekap, roadmap, rupiah

NO_DATA = "Belum ada data program: grafik ini dibuat setelah tabel program perangkat daerah masuk."
LIGHT = {"#0072B2": "BBD7EA", "#E69F00": "F8DFA6", "#009E73": "A8DCC9", "#CC79A7": "EDCBDD",
         "#56B4E9": "C8E6F8", "#D55E00": "F1C2A3", "#F0E442": "F8F2B0", "#000000": "BFBFBF"}


def generated_sections(cfg: LoadedConfig) -> list[tuple[str, str]]:
    """(section id, kind) for every generated section of the outline."""
    return [(s.id, s.generate) for _, s in cfg.config.sections() if s.generate]


def template_of(cfg: LoadedConfig, kind: str) -> Path:
    """The template a generated section of ``kind`` is rendered from."""
    return cfg.path(cfg.config.templates.generated) / KINDS[kind].template


def section_files(cfg: LoadedConfig, data: Dataset, cache_dir: Path, today: dt.date) -> list[tuple[str, str, Path]]:
    """(section id, kind, cache file) of every generated section (``today``: the build's day).

    The file name is a key over the dataset, the config and the section's
    template, so editing prose never redraws the charts.
    """
    rows = data.digest()
    out = []
    for sid, kind in generated_sections(cfg):
        day = document_date(cfg.config, "komitmen", today).isoformat() if kind == "komitmen" else ""
        name = cache.key("generated", kind, rows, cfg.digest, template_of(cfg, kind).read_bytes(), day)
        out.append((sid, kind, cache_dir / f"{name}.docx"))
    return out


def generate_all(cfg: LoadedConfig, data: Dataset, cache_dir: Path, today: dt.date) -> list[Converted]:
    """Render every generated section into ``cache_dir`` (unless cached); return them ready to compose."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    out = []
    for sid, kind, path in section_files(cfg, data, cache_dir, today):
        if not cache.touch(path):
            partial = path.with_name(f".{path.stem}.part.docx")
            render(cfg, data, kind, partial, today)
            os.replace(partial, path)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        frag = Fragment(path=path, rel=f"(otomatis) {kind}", kind="docx",
                        meta=FragmentMeta(opd="editor", section=sid, title=kind, source="generated"), digest=digest)
        out.append(Converted(frag, path, cached=False))
    return out


def render(cfg: LoadedConfig, data: Dataset, kind: str, dest: Path, today: dt.date) -> None:
    """Fill the template of ``kind`` into ``dest``; a template an editor broke is a ConfigError naming it."""
    with template_errors(template_of(cfg, kind)):
        _render(cfg, data, kind, dest, today)


def _render(cfg: LoadedConfig, data: Dataset, kind: str, dest: Path, today: dt.date) -> None:
    from pipeline.programmes import charts  # only when something must be drawn

    c = cfg.config
    tpl = DocxTemplate(str(template_of(cfg, kind)))
    r = rekap(data, c)
    colours = charts.dimension_colours([d.name for d in c.dimensions])
    ctx = {"periode": f"{c.period.start}–{c.period.end}", "wilayah": c.region.full_name,
           "jumlah_program": r.count, "jumlah_dimensi": len(c.dimensions),
           "total_rupiah": rupiah(r.total, c.document.rupiah_space)}
    if kind == "rekap-anggaran":
        top = max(r.by_dimension, key=r.by_dimension.get) if r.by_dimension else "-"
        ctx.update(dimensi_terbesar=top,
                   porsi_terbesar=format_percent(r.by_dimension.get(top, 0) / r.total if r.total else 0,
                                                 format="#,##0.#%", locale="id_ID"),
                   tabel_dimensi_tahun=_table_dimension_year(tpl, r),
                   tabel_sumber_dana=_table_simple(tpl, "Sumber Dana", r.by_funding, r.total),
                   tabel_opd=_table_opd(tpl, r, c),
                   grafik_dimensi=InlineImage(tpl, io.BytesIO(charts.budget_per_dimension(r, colours)), width=Mm(150))
                   if r.total else NO_DATA,
                   grafik_tahun=InlineImage(tpl, io.BytesIO(charts.budget_per_year(r)), width=Mm(150))
                   if r.total else NO_DATA)
    elif kind == "peta-jalan":
        groups = roadmap(data, c)
        ctx.update(tabel_peta_jalan=_table_roadmap(tpl, groups, c.period.years, colours, c),
                   grafik_gantt=_gantt(tpl, groups, c.period.years, colours, ctx["periode"])
                   if any(progs for _, progs in groups) else _no_data(tpl))
    elif kind == "komitmen":
        ctx.update(komitmen_context(c, today))
    elif kind == "rekap-quick-win":
        qws = data.of_kind("quick win")
        ctx.update(jumlah_quick_win=len(qws),
                   total_quick_win=rupiah(sum(q.amount or 0 for q in qws), c.document.rupiah_space),
                   tabel_quick_win=_table_quick_win(tpl, qws, c))
    fill(tpl, ctx)
    drop_captions_after(tpl.docx, NO_DATA)  # a chart not drawn has no caption either
    tpl.save(str(dest))


def _table_dimension_year(tpl, r):
    sd = subdoc(tpl)
    header, rows, right, bold, widths = dimension_year_table(r)
    add_table(sd, header, rows, right=right, bold_rows=bold, widths=widths)
    return sd


def _table_simple(tpl, label: str, values: dict[str, int], total: int):
    sd = subdoc(tpl)
    rows = [[k, number(v), format_percent(v / total if total else 0, format="#,##0.0%", locale="id_ID")]
            for k, v in values.items()]
    rows.append(["Jumlah", number(total), "100,0%"])
    add_table(sd, [label, "Indikasi Anggaran (Rp)", "Porsi"], rows, right={1, 2}, bold_rows={len(rows) - 1},
              widths=[40, 35, 15])
    return sd


def _table_opd(tpl, r, c):
    sd = subdoc(tpl)
    rows = [[c.opd(code).name if c.opd(code) else code, str(r.count_by_opd.get(code, 0)), number(v)]
            for code, v in r.by_opd.items()]
    rows.append(["Jumlah", str(r.count), number(r.total)])
    add_table(sd, ["Perangkat Daerah", "Jumlah Program", "Indikasi Anggaran (Rp)"], rows, right={1, 2},
              bold_rows={len(rows) - 1}, widths=[55, 15, 30])
    return sd


def _table_roadmap(tpl, groups, years, colours, c):
    sd = subdoc(tpl)
    rows, shade, bold = [], {}, set()
    for dim, progs in groups:
        bold.add(len(rows))
        rows.append([dim, ""] + [""] * len(years))
        for p in progs:
            r = len(rows)
            short = c.opd(p.opd).short if c.opd(p.opd) else p.opd
            rows.append([p.name, short] + ["●" if y in p.years else "" for y in years])
            for j, y in enumerate(years):
                if y in p.years:
                    shade[(r, 2 + j)] = LIGHT.get(colours.get(dim, ""), "BFBFBF")
    # The OPD column fits its longest short name on one line ("Diskominfo" broke as "Diskominf/o").
    opd_weight = max([16] + [2 * len(r[1]) for r in rows])
    add_table(sd, ["Program", "OPD"] + [str(y) for y in years], rows, bold_rows=bold, shade=shade,
              widths=[44, opd_weight] + [10] * len(years))
    return sd


def _gantt(tpl, groups, years, colours, periode: str):
    from pipeline.programmes import charts

    sd = subdoc(tpl)
    per = " per Elemen" if charts.is_overview(groups) else ""
    picture_with_caption(sd, io.BytesIO(charts.gantt(groups, years, colours)), 150,
                         f"Bagan Waktu Program Smart City{per} {periode}")
    return sd


def _no_data(tpl):
    sd = subdoc(tpl)
    sd.add_paragraph(NO_DATA)
    return sd


def _table_quick_win(tpl, qws, c):
    sd = subdoc(tpl)
    rows = [[str(i), q.name, q.dimension, q.element, c.opd(q.opd).short if c.opd(q.opd) else q.opd,
             rupiah(q.amount, c.document.rupiah_space) if q.amount is not None else "-", ", ".join(q.funding)]
            for i, q in enumerate(qws, start=1)]
    rows.append(["", "Jumlah", "", "", "", rupiah(sum(q.amount or 0 for q in qws), c.document.rupiah_space), ""])
    add_table(sd, ["No", "Nama Quick Win", "Dimensi", "Elemen", "OPD", "Indikasi Biaya (Rp)", "Sumber Dana"],
              rows, right={5}, bold_rows={len(rows) - 1}, widths=[5, 28, 17, 16, 12, 17, 12])
    return sd

