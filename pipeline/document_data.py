"""The variables of the companion documents: from the config, the programme dataset and the book's tagged parts.

Nothing here reads a chapter file or the book's XML: the numbers come from the
dataset (:mod:`pipeline.programmes.summary`, the same totals as the book's
rekap), the people from the config (:mod:`pipeline.signatories`), and the
Dasar Hukum, vision and mission as plain text from :mod:`pipeline.docx.tagged`.
The variables are documented in the README ("The documents around the book").
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

from babel.numbers import format_percent

from pipeline.dates import long_date
from pipeline.docx.companion import Picture, TableSpec
from pipeline.messages import BOOK_LANGUAGE, ui
from pipeline.programmes.summary import dimension_year_table, number, rekap, rupiah
from pipeline.signatories import komitmen_signers, members, regent, secretary
from pipeline.terbilang import terbilang

NBSP = "\u00a0"
# How a regulation names each funding source of the dataset (pipeline.programmes.parse.FUNDING).
FUNDING_NAMES = {
    "APBD": "Anggaran Pendapatan dan Belanja Daerah {wilayah}",
    "APBD Provinsi": "Anggaran Pendapatan dan Belanja Daerah Provinsi {provinsi}",
    "APBN/DAK": "Anggaran Pendapatan dan Belanja Negara, termasuk Dana Alokasi Khusus",
    "CSR": "tanggung jawab sosial dan lingkungan perusahaan",
    "KPBU/Swasta": "kerja sama pemerintah dengan badan usaha dan investasi swasta",
    "Hibah": "hibah",
    "Lainnya": "sumber lain yang sah dan tidak mengikat sesuai dengan ketentuan peraturan perundang-undangan",
}


def document_date(config, name: str, today: dt.date) -> dt.date:
    """The date a companion document carries: its own, else the book's signing date, else today."""
    return getattr(config.documents, name).date or config.document.date or today


def letter(n: int) -> str:
    """1 -> 'a', 26 -> 'z', 27 -> 'aa': the letters of lettered points (Menimbang a., b., ...)."""
    out = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        out = chr(97 + rest) + out
    return out


def base_context(config, name: str, today: dt.date) -> dict:
    """What every companion document may use (the README lists them)."""
    c = config
    day = document_date(c, name, today)
    years = len(c.period.years)
    return {
        "judul": c.document.title, "wilayah": c.region.full_name, "jenis_wilayah": c.region.type,
        "nama_wilayah": c.region.name, "ibu_kota": c.region.seat, "provinsi": c.region.province or "...",
        "jabatan_kepala": c.region.head_title, "nama_kepala": regent(c).shown_name,
        "periode": f"{c.period.start}–{c.period.end}", "tahun_mulai": c.period.start, "tahun_selesai": c.period.end,
        "jumlah_tahun": years, "jumlah_tahun_huruf": terbilang(years),
        "tanggal": long_date(day), "tahun": day.year, "huruf": letter,
    }


def komitmen_context(config, today: dt.date) -> dict:
    """The Lembar Komitmen Bersama: one signature row per OPD head, then per camat."""
    rows = [{"nomor": i, "jabatan": s.position, "definitif": s.definitive, "nama": s.shown_name,
             "nip": (s.nip or "").replace(" ", NBSP), "ganjil": i % 2 == 1}  # a NIP never breaks across lines
            for i, s in enumerate(komitmen_signers(config), start=1)]
    ctx = base_context(config, "komitmen", today)
    ctx.update(penanda_tangan=rows, jumlah_opd=len(config.opds), jumlah_camat=len(config.kecamatan),
               jumlah_camat_huruf=terbilang(len(config.kecamatan)))
    return ctx


def legal_basis(items: list[str]) -> list[str]:
    """The Dasar Hukum list as Mengingat items: each ends with ';' (Permendagri 80/2015, UU 12/2011 Lampiran II)."""
    return [re.sub(r"[\s.;,]+$", "", item) + ";" for item in items if item.strip()]


def perbup_context(config, data, mengingat: list[str] | None, today: dt.date, book_files: list[str]) -> dict:
    """The Rancangan Peraturan Bupati: Menimbang and Pasal text live in the template; lists and numbers here."""
    c = config
    r = rekap(data, c)
    ctx = base_context(c, "perbup", today)
    counter = itertools.count(1)
    ctx.update(
        judul_peraturan=f"{c.document.title} {c.region.full_name} Tahun {ctx['periode']}",
        jabatan_singkat=c.region.head_title.split()[0] if c.region.head_title else "Bupati",
        mengingat=legal_basis(mengingat) if mengingat else [ui("documents.no_legal_basis", BOOK_LANGUAGE)],
        pasal=lambda: next(counter),
        sistematika=outline_lines(c),
        buku=[{"judul": f"Buku {i}: {b.title}", "bab": _span(chapters)}
              for i, (b, chapters) in enumerate(zip(c.books, c.book_chapters()), start=1)],
        berkas_buku=", ".join(book_files),
        nama_sekda=secretary(c).shown_name,
        jumlah_program=r.count, jumlah_program_huruf=terbilang(r.count),
        jumlah_dimensi=len(c.dimensions), jumlah_dimensi_huruf=terbilang(len(c.dimensions)),
        dimensi=_and([d.name for d in c.dimensions]),
        total_rupiah=rupiah(r.total, c.document.rupiah_space),
        total_huruf=f"{terbilang(r.total)} rupiah",
        jumlah_quick_win=len(data.of_kind("quick win")),
        jumlah_quick_win_huruf=terbilang(len(data.of_kind("quick win"))),
        sumber_dana=[FUNDING_NAMES.get(f, f).format(wilayah=c.region.full_name, provinsi=c.region.province or "...")
                     for f in r.by_funding],
    )
    return ctx


def outline_lines(config) -> list[dict]:
    """The book's chapters as the regulation lists them: 'BAB I Pendahuluan' and its sections '1.1 Latar Belakang'."""
    out = []
    for chapter in config.outline:
        sections = []
        for i, s in enumerate(chapter.sections, start=1):
            if chapter.appendix:
                sections.append(f"Lampiran {i}. {s.title}")
            elif config.document.heading_numbering == "alpha":
                sections.append(f"{letter(i).upper()}. {s.title}")
            else:
                sections.append(f"{chapter.bab}.{i} {s.title}")
        title = chapter.title if not chapter.appendix else ""
        out.append({"label": chapter.label, "judul": title, "bagian": sections})
    return out


def ringkasan_context(config, data, visi, misi, today: dt.date, gantt: bytes | None):
    """The Ringkasan Eksekutif: (variables, pictures, tables). Every figure is a total of the dataset."""
    c = config
    r = rekap(data, c)
    share = lambda v: format_percent(v / r.total if r.total else 0, format="#,##0.0%", locale="id_ID")  # noqa: E731
    dims = [{"nomor": i, "nama": d.name, "elemen": ", ".join(e.name for e in d.elements),
             "jumlah": r.count_by_dimension.get(d.name, 0), "anggaran": number(r.by_dimension.get(d.name, 0)),
             "porsi": share(r.by_dimension.get(d.name, 0))} for i, d in enumerate(c.dimensions, start=1)]
    qws = data.of_kind("quick win")
    short = {o.code: o.short for o in c.opds}
    top = max(r.by_dimension, key=r.by_dimension.get) if r.total else "-"
    ctx = base_context(c, "ringkasan", today)
    ctx.update(
        jumlah_program=r.count, jumlah_dimensi=len(c.dimensions), total_rupiah=rupiah(r.total, c.document.rupiah_space),
        total_anggaran=number(r.total), dimensi=dims, dimensi_terbesar=top, porsi_terbesar=share(r.by_dimension.get(top, 0)),
        quick_win=[{"nomor": i, "nama": q.name, "dimensi": q.dimension, "opd": short.get(q.opd, q.opd),
                    "waktu": ", ".join(str(y) for y in q.years) or "-",
                    "biaya": number(q.amount) if q.amount is not None else "-"} for i, q in enumerate(qws, start=1)],
        jumlah_quick_win=len(qws), total_quick_win=number(sum(q.amount or 0 for q in qws)),
        total_quick_win_rupiah=rupiah(sum(q.amount or 0 for q in qws), c.document.rupiah_space),
        sumber_dana=[{"nama": f, "anggaran": number(v), "porsi": share(v)} for f, v in r.by_funding.items()],
        visi=[{"teks": t, "kutipan": kind == "quote"} for kind, t in (visi.paragraphs if visi else [])
              if kind in ("text", "quote")] or [{"teks": ui("documents.visi_missing", BOOK_LANGUAGE), "kutipan": False}],
        misi=(misi.items or [t for _, t in misi.paragraphs]) if misi else [ui("documents.misi_missing", BOOK_LANGUAGE)],
        dewan=_members(c, "dewan_smart_city"), tim_pelaksana=_members(c, "tim_pelaksana"),
        ada_peta_jalan=gantt is not None,
    )
    header, rows, right, bold, widths = dimension_year_table(r)
    tables = {"tabel_dimensi_tahun": TableSpec(header, rows, right, bold, widths)}
    pictures = {"grafik_peta_jalan": Picture(gantt, width_mm=150)} if gantt else {}
    if not gantt:
        ctx["grafik_peta_jalan"] = ""
    return ctx, pictures, tables


def _span(chapters) -> str:
    """The chapters of a book as a regulation names them: 'BAB IV sampai dengan BAB X dan LAMPIRAN'."""
    babs = [ch.label for ch in chapters if not ch.appendix]
    out = babs[0] if len(babs) == 1 else f"{babs[0]} sampai dengan {babs[-1]}" if babs else ""
    if any(ch.appendix for ch in chapters):
        out = f"{out} dan LAMPIRAN" if out else "LAMPIRAN"
    return out


def _members(config, body: str) -> list[dict]:
    return [{"nomor": i, "kedudukan": role, "nama": s.shown_name, "jabatan": s.position}
            for i, (role, s) in enumerate(members(config, body), start=1)]


def _and(names: list[str]) -> str:
    """['a', 'b', 'c'] -> 'a, b, dan c'."""
    if len(names) <= 2:
        return " dan ".join(names)
    return ", ".join(names[:-1]) + ", dan " + names[-1]
