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


from pipeline.config import LoadedConfig
from pipeline.dates import long_date
from pipeline.convert import Converted
from pipeline.docx import book as book_passes
from pipeline.docx import house as house_style
from pipeline.docx import lists as book_lists
from pipeline.docx.batch import secret_of, split
from pipeline.docx.cells import Formats
from pipeline.docx.compose import Composer
from pipeline.docx.source import Source
from pipeline.docx.props import set_build_properties
from pipeline.docx.styles import HouseStyles
from pipeline.docx.widths import Elsewhere, FitMemo, Fitted, fit_tables
from pipeline.docx.xref import link_elsewhere, link_references
from pipeline.messages import BOOK_LANGUAGE, ui
from pipeline.model import Location
from pipeline.programmes.amounts import is_programme_table
from pipeline.provenance import bookmark_name
from pipeline.report import EDITOR
from pipeline.rules import diag


@dataclass
class Assembled:
    """The composed book before its lists are filled in."""

    document: object
    start: object  # first body element (the BAB I heading)
    entries: dict[str, list[book_lists.Entry]]
    headings: list[book_passes.Heading]
    captions: list[book_passes.Caption]
    house: HouseStyles
    notices: list = field(default_factory=list)  # Diagnostic for the editor (not an OPD's error)
    fonts: dict[str, str] = field(default_factory=dict)  # config key -> font: {"body": "Arial", "heading": ...}
    first_label: str = "BAB I"  # how its first chapter heading starts ("BAB IV" in a Buku 2)
    targets: dict[str, str] = field(default_factory=dict)  # cross-reference id -> what a reference shows
    book: int | None = None  # its index in ``books`` of the config, when the masterplan has books


def master_context(cfg: LoadedConfig, today: dt.date, draft_label: str = "", book: int | None = None) -> dict:
    """Variables available in master.docx (documented in the README)."""
    from pipeline.signatories import team_chair

    c = cfg.config
    date = c.document.date or today
    chair = team_chair(c)
    volume = f"Buku {book + 1}" if book is not None else ""
    return {
        "buku": volume.upper(),
        "judul_buku": c.books[book].title if book is not None else "",
        "buku_header": f" — {volume}" if volume else "",
        "judul": c.document.title,
        "wilayah": c.region.full_name,
        "jenis_wilayah": c.region.type,
        "nama_wilayah": c.region.name,
        "ibu_kota": c.region.seat,
        "jabatan_kepala": c.region.head_title,
        "nama_kepala": c.region.head_name,
        "ketua_tim": c.region.team_lead or (chair.shown_name if chair else ""),
        "periode": f"{c.period.start}–{c.period.end}",
        "tahun_mulai": c.period.start,
        "tahun_selesai": c.period.end,
        "tanggal": long_date(date),
        "tahun": date.year,
        "cap_draf": draft_label,
        "cap_draf_header": f" — {draft_label}" if draft_label else "",
        "daftar_isi": book_lists.MARKERS["toc"],
        "daftar_tabel": book_lists.MARKERS["tables"],
        "daftar_gambar": book_lists.MARKERS["figures"],
    }




def master_document(cfg: LoadedConfig, today: dt.date, draft_label: str = "", book: int | None = None) -> bytes:
    """The master (cover, approval page, foreword, list pages) rendered for the book, as .docx bytes.

    The build's helper makes it (docxtpl is loaded there) while pandoc still converts.
    """
    from pipeline.docx.master import render_master_bytes

    c = cfg.config
    emblem = cfg.path(c.region.emblem) if c.region.emblem else None
    return render_master_bytes(cfg.path(c.templates.master), master_context(cfg, today, draft_label, book),
                               emblem if emblem and emblem.is_file() else None)


def assemble(cfg: LoadedConfig, converted: list[Converted], *, today: dt.date, draft_label: str = "",
             rejected: set[tuple[str, str]] = frozenset(),
             generated: Callable[[], list[Converted]] = list, book: int | None = None,
             fits: FitMemo | None = None, master: Callable[[], bytes] | None = None,
             elsewhere: Elsewhere | None = None) -> Assembled:
    """Compose the whole book, or book ``book`` of the config's ``books``; fragments in outline order,
    owners in the order the outline lists them.

    Every owner of a section whose part is missing gets a visible notice in its
    place; ``rejected`` holds (section, opd) pairs left out because of errors.
    ``generated`` gives the generated sections; it is called only once the
    fragments are composed, so that they can still be in the making meanwhile.
    A reference to a target in another book stays a token here; :func:`link_books` writes it.
    ``fits`` holds the tables fitted by an earlier build (:class:`pipeline.docx.widths.FitMemo`);
    ``master()`` gives the master rendered already (:func:`master_document`), else it is rendered here.
    ``elsewhere(fn, *args)`` runs ``fn`` in another process (the build's helper): part of the tables are
    measured there (:func:`pipeline.docx.widths.fit_tables`).
    """
    c = cfg.config
    chapters = c.book_chapters()[book] if book is not None else list(c.outline)
    from pipeline.docx.master import open_master

    doc = open_master(master() if master is not None else master_document(cfg, today, draft_label, book))
    house_style.apply_house_style(doc, cfg.path(c.templates.house_style))
    house = HouseStyles(doc.styles.element)
    by_section: dict[str, list[Converted]] = {}
    for conv in converted:
        by_section.setdefault(conv.fragment.section, []).append(conv)
    composer = Composer(doc)
    sources = _Sources()
    slots = {}  # generated section id -> the place its content goes
    expected: dict[str, list] = {}
    for part in c.expected_parts():
        expected.setdefault(part.section.id, []).append(part)
    origins: dict[str, str] = {}  # provenance bookmark -> the fragment's file
    start = None
    for chapter in chapters:
        heading = book_passes.chapter_heading(house, chapter.bab, chapter.title, chapter.appendix)
        composer.append([heading])
        start = start if start is not None else heading
        for n, section in enumerate(chapter.sections, start=1):
            composer.append([book_passes.section_heading(house, section.title, n if chapter.appendix else None)])
            if section.generate:
                slots[section.id] = composer.slot()
            parts = sorted(by_section.get(section.id, []), key=lambda cv: section.owners.index(cv.fragment.opd)
                           if cv.fragment.opd in section.owners else 99)
            present = {cv.fragment.opd for cv in parts}
            for part in [p for p in expected.get(section.id, []) if p.owner not in present]:
                short = c.opd(part.owner).short if c.opd(part.owner) else part.owner
                deadline = long_date(section.deadline)
                notice = "book.rejected" if part.key in rejected else "book.missing"
                composer.append([book_passes.placeholder(house, ui(notice, BOOK_LANGUAGE, opd=short, deadline=deadline))])
            for conv in parts:
                inserted = composer.append_fragment(*sources.get(conv), tag=conv.fragment.rel)
                _provenance(inserted, conv, composer.ids.next(), origins)
    # Amounts are in house form already: the OPDs' since each fragment was converted (pipeline.convert),
    # the generated sections' as they are written.
    for conv in generated():
        slot = slots.get(conv.fragment.section)
        if slot is not None:
            with composer.before(slot):
                inserted = composer.append_fragment(*sources.get(conv), tag=conv.fragment.rel)
            _provenance(inserted, conv, composer.ids.next(), origins)
    for slot in slots.values():
        composer.remove(slot)
    composer.finish()
    sources.close()
    body = doc.element.body
    book_passes.set_heading_numbering(doc, house, c.document.heading_numbering, chapters[0].bab)
    headings = book_passes.number_headings(body, start, house, c.document.heading_numbering, [ch.bab for ch in chapters],
                                           composer.ids, appendices=frozenset(ch.bab for ch in chapters if ch.appendix))
    book_passes.leave_unnumbered(doc, [(h.level, h.element) for h in headings if not h.number and h.chapter in
                                      {ch.bab for ch in chapters if ch.appendix}])
    captions = book_passes.number_captions(body, start, house, headings, composer.ids)
    targets = link_references(body, start, headings, captions)
    book_passes.fix_sections(body, start, c.document.paper)
    house_style.apply_fonts(doc, c.document.fonts.body, c.document.fonts.heading)
    house_style.apply_settings(doc, house_style.LANGUAGE)
    by_table = {cap.element.getnext(): cap for cap in captions if cap.kind == "Tabel"}
    fitted = fit_tables(body, Formats(doc.styles.element, c.document.fonts.body), start=start,
                        captions={t: cap.element for t, cap in by_table.items()},
                        programme=is_programme_table, landscape_columns=LANDSCAPE_COLUMNS, memo=fits,
                        elsewhere=elsewhere)
    if any(f.landscape for f in fitted):
        book_passes.fix_sections(body, start, c.document.paper)  # the new landscape sections get the book's pages
    notices = _table_notices(body, fitted, by_table, headings, origins)
    volume = f" — Buku {book + 1} {c.books[book].title}" if book is not None else ""
    set_build_properties(doc, title=f"{c.document.title} {c.region.full_name}{volume}",
                         subject=f"{c.document.title} {c.region.full_name} {c.period.start}–{c.period.end}{volume}",
                         author=c.author, language=house_style.LANGUAGE,
                         built=dt.datetime.now(dt.timezone.utc).replace(microsecond=0),
                         inputs_hash=inputs_hash(cfg, converted), draft=draft_label)
    return Assembled(doc, start, book_lists.toc_entries(house, headings, captions), headings, captions, house, notices,
                     fonts={"body": c.document.fonts.body, "heading": c.document.fonts.heading},
                     first_label=chapters[0].label, targets=targets, book=book)


def link_books(books: list[Assembled]) -> None:
    """A reference to a table, figure or section in another book prints 'Buku 2, Tabel 4.2' (plain text:
    no field can point into another file)."""
    if len(books) < 2:
        return
    for book in books:
        elsewhere = {rid: f"Buku {other.book + 1}, {shown}" for other in books if other is not book
                     for rid, shown in other.targets.items() if rid not in book.targets}
        link_elsewhere(book.document.element.body, elsewhere)


GENERATED_PREFIX = "(otomatis)"  # the file name generated sections carry (pipeline/generate.py)
LANDSCAPE_COLUMNS = 8  # a programme table this wide goes on a landscape page at once


def _table_notices(body, fitted: list[Fitted], captions: dict, headings: list[book_passes.Heading],
                   origins: dict[str, str]) -> list:
    """One notice for the editor per change the width pass made to a table (MP-W811 to MP-W814)."""
    places = book_passes.table_places(body, [f.table for f in fitted], "mp_src_", {h.element for h in headings})
    by_element = {h.element: h for h in headings}
    out = []
    for f in fitted:
        place = places[f.table]
        cap = captions.get(f.table)
        if cap is not None:
            label = f"Tabel {cap.number} ({cap.text})"
        else:
            h = by_element.get(place.heading)
            label = ui("book.table_under", BOOK_LANGUAGE, heading=f"{h.number} {h.text}".strip()) if h \
                else ui("book.table", BOOK_LANGUAGE)
        where = (origins.get(place.mark, "(buku)"), Location(table=place.table))
        if where[0].startswith(GENERATED_PREFIX) and not f.broken:
            continue  # our own tables: sizing them is our job, not news for the editor
        if f.landscape:
            code = "MP-W813" if f.landscape == "programme" else "MP-W812"
            out.append(diag(code, *where, opd=EDITOR, table=label, columns=f.columns))
        if f.size:
            out.append(diag("MP-W811", *where, opd=EDITOR, table=label, size=f"{f.size:g}"))
        if f.broken:
            out.append(diag("MP-W814", *where, opd=EDITOR, table=label,
                            words=", ".join(f"'{w}'" for w in f.broken[:8])))
    return out


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


def _provenance(inserted: list, conv: Converted, bid: str, origins: dict[str, str]) -> None:
    """Wrap the fragment in a bookmark naming its OPD, section and source hash (noted in ``origins``).

    The name is :func:`pipeline.provenance.bookmark_name`: at most 40 characters, unique after cutting.
    """
    f = conv.fragment
    name = bookmark_name(f.opd or "", f.section or "", f.digest)
    if book_passes.wrap_in_bookmark(inserted, name, bid):
        origins[name] = f.rel
