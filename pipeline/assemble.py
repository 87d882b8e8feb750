"""Stage 4: render the master, then insert the chapters in outline order.

Order matters for safety: the master is rendered by docxtpl first; fragments
are inserted afterwards, so their text is never evaluated as a template.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from babel.dates import format_date

from pipeline.config import LoadedConfig
from pipeline.convert import Converted
from pipeline.docx import book as B
from pipeline.docx import house as H
from pipeline.docx import lists as L
from pipeline.docx.batch import secret_of, split
from pipeline.docx.compose import Composer
from pipeline.docx.source import Source
from pipeline.docx.fields import bookmark
from pipeline.docx.master import render_master
from pipeline.docx.ns import qn
from pipeline.docx.props import set_build_properties
from pipeline.docx.styles import HouseStyles
from pipeline.docx.widths import fit_tables
from pipeline.docx.xref import link_references
from pipeline.provenance import bookmark_name


@dataclass
class Assembled:
    """The composed book before its lists are filled in."""

    document: object
    start: object  # first body element (the BAB I heading)
    entries: dict[str, list[L.Entry]]
    headings: list[B.Heading]
    captions: list[B.Caption]
    house: HouseStyles
    notices: list = field(default_factory=list)  # Diagnostic for the editor (not an OPD's error)
    fonts: dict[str, str] = field(default_factory=dict)  # config key -> font: {"body": "Arial", "heading": ...}


def master_context(cfg: LoadedConfig, today: dt.date, draft_label: str = "") -> dict:
    """Variables available in master.docx (documented in the README)."""
    c = cfg.config
    date = c.document.date or today
    return {
        "judul": c.document.title,
        "wilayah": c.region.full_name,
        "jenis_wilayah": c.region.type,
        "nama_wilayah": c.region.name,
        "ibu_kota": c.region.seat,
        "jabatan_kepala": c.region.head_title,
        "nama_kepala": c.region.head_name,
        "ketua_tim": c.region.team_lead,
        "periode": f"{c.period.start}–{c.period.end}",
        "tahun_mulai": c.period.start,
        "tahun_selesai": c.period.end,
        "tanggal": format_date(date, "d MMMM y", locale="id_ID"),
        "tahun": date.year,
        "cap_draf": draft_label,
        "cap_draf_header": f" — {draft_label}" if draft_label else "",
        "daftar_isi": L.MARKERS["toc"],
        "daftar_tabel": L.MARKERS["tables"],
        "daftar_gambar": L.MARKERS["figures"],
    }


MISSING = "BELUM DITERIMA — {opd}, batas waktu {deadline}"
REJECTED = "BERKAS DITOLAK — {opd}: berkas berisi kesalahan, lihat laporan pemeriksaan"


def assemble(cfg: LoadedConfig, converted: list[Converted], *, today: dt.date, draft_label: str = "",
             rejected: set[tuple[str, str]] = frozenset(),
             generated: Callable[[], list[Converted]] = list) -> Assembled:
    """Compose the whole book; fragments in outline order, owners in the order the outline lists them.

    Every owner of a section whose part is missing gets a visible notice in its
    place; ``rejected`` holds (section, opd) pairs left out because of errors.
    ``generated`` gives the generated sections; it is called only once the
    fragments are composed, so that they can still be in the making meanwhile.
    """
    c = cfg.config
    emblem = cfg.path(c.region.emblem) if c.region.emblem else None
    doc = render_master(cfg.path(c.templates.master), master_context(cfg, today, draft_label),
                        emblem if emblem and emblem.is_file() else None)
    H.apply_house_style(doc, cfg.path(c.templates.house_style))
    house = HouseStyles(doc.styles.element)
    by_section: dict[str, list[Converted]] = {}
    for conv in converted:
        by_section.setdefault(conv.fragment.section, []).append(conv)
    composer = Composer(doc)
    sources = _Sources()
    slots = {}  # generated section id -> the place its content goes
    start = None
    for chapter in c.outline:
        heading = B.chapter_heading(house, chapter.bab, chapter.title)
        composer.append([heading])
        start = start if start is not None else heading
        for section in chapter.sections:
            composer.append([B.section_heading(house, section.title)])
            if section.generate:
                slots[section.id] = composer.body.makeelement(qn("w:p"), {})
                composer.append([slots[section.id]])
            parts = sorted(by_section.get(section.id, []), key=lambda cv: section.owners.index(cv.fragment.opd)
                           if cv.fragment.opd in section.owners else 99)
            present = {cv.fragment.opd for cv in parts}
            for owner in [o for o in section.owners if o not in present]:
                short = c.opd(owner).short if c.opd(owner) else owner
                deadline = format_date(section.deadline, "d MMMM y", locale="id_ID") if section.deadline else "-"
                text = (REJECTED if (section.id, owner) in rejected else MISSING).format(opd=short, deadline=deadline)
                composer.append([B.placeholder(house, text)])
            for conv in parts:
                inserted = composer.append_fragment(*sources.get(conv), tag=conv.fragment.rel)
                _provenance(inserted, conv, composer.ids.next())
    for conv in generated():
        slot = slots.get(conv.fragment.section)
        if slot is not None:
            with composer.before(slot):
                inserted = composer.append_fragment(*sources.get(conv), tag=conv.fragment.rel)
            _provenance(inserted, conv, composer.ids.next())
    for slot in slots.values():
        slot.getparent().remove(slot)
    composer.finish()
    sources.close()
    body = doc.element.body
    B.set_heading_numbering(doc, house, c.document.heading_numbering)
    headings = B.number_headings(body, start, house, c.document.heading_numbering, [ch.bab for ch in c.outline],
                                 composer.ids)
    captions = B.number_captions(body, start, house, headings, composer.ids)
    link_references(body, start, headings, captions)
    B.fix_sections(body, start, c.document.paper)
    fit_tables(body)
    H.apply_fonts(doc, c.document.fonts.body, c.document.fonts.heading)
    H.apply_settings(doc, H.LANGUAGE)
    set_build_properties(doc, title=f"{c.document.title} {c.region.full_name}",
                         subject=f"{c.document.title} {c.region.full_name} {c.period.start}–{c.period.end}",
                         author=c.author, language=H.LANGUAGE,
                         built=dt.datetime.now(dt.timezone.utc).replace(microsecond=0),
                         inputs_hash=inputs_hash(cfg, converted), draft=draft_label)
    return Assembled(doc, start, L.toc_entries(house, headings, captions), headings, captions, house,
                     fonts={"body": c.document.fonts.body, "heading": c.document.fonts.heading})


class _Sources:
    """Every converted .docx opened once (for composing only); a batch of Markdown fragments split once."""

    def __init__(self):
        self._open: dict[Path, Source] = {}
        self._parts: dict[Path, dict] = {}

    def get(self, conv: Converted) -> tuple[Source, list | None]:
        """(source, its body elements that make up this fragment, or None for the whole body)."""
        if conv.path not in self._open:
            self._open[conv.path] = Source(conv.path)
        src = self._open[conv.path]
        if conv.marker is None:
            return src, None
        if conv.path not in self._parts:
            self._parts[conv.path] = split(src.body, secret_of(conv.marker))
        return src, self._parts[conv.path][conv.marker][1]

    def close(self) -> None:
        for src in self._open.values():
            src.close()


def inputs_hash(cfg: LoadedConfig, converted: list[Converted]) -> str:
    """One hash over the config, the templates and every fragment: what this book was made from."""
    c = cfg.config
    h = hashlib.sha256(cfg.digest.encode())
    for rel in (c.templates.master, c.templates.house_style):
        h.update(cfg.path(rel).read_bytes())
    for conv in sorted(converted, key=lambda cv: cv.fragment.rel):
        h.update(f"{conv.fragment.rel}:{conv.fragment.digest}".encode())
    return h.hexdigest()


def _provenance(inserted: list, conv: Converted, bid: str) -> None:
    """Wrap the fragment in a bookmark naming its OPD, section and source hash (:mod:`pipeline.provenance`).

    The bookmark covers every element of the fragment: a fragment that opens or
    ends with a table has the mark beside the table, at body level, so that a
    comment in that table still finds its OPD.
    """
    body = [el for el in inserted if el.tag in (qn("w:p"), qn("w:tbl"))]
    if not body:
        return
    f = conv.fragment
    start, end = bookmark(bookmark_name(f.opd or "", f.section or "", f.digest), bid)
    ppr = body[0].find(qn("w:pPr")) if body[0].tag == qn("w:p") else None
    if body[0].tag != qn("w:p"):
        body[0].addprevious(start)
    elif ppr is not None:
        ppr.addnext(start)
    else:
        body[0].insert(0, start)
    if body[-1].tag == qn("w:p"):
        body[-1].append(end)
    else:
        body[-1].addnext(end)
