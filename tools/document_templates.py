"""The templates of the documents around the book (run through ``tools/make_templates.py``).

* ``templates/generated/komitmen.docx``: the Lembar Komitmen Bersama, a generated kind
  (a LAMPIRAN section of the book, and build/<base>-komitmen.docx on its own);
* ``templates/documents/perbup.docx``: the Rancangan Peraturan Bupati in the legal layout
  of Permendagri 80/2015 (the rules it applies are listed in the README);
* ``templates/documents/ringkasan.docx``: the Ringkasan Eksekutif.

Editors reword them in Word; the variables are listed in the README. Tables whose
rows come from the data are docxtpl row loops (``{%tr for ... %}``), so their look is
the editors' too. The styles the commitment sheet uses live in the house style (the
book has no other styles); the regulation's own styles live in its template.
"""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.shared import Cm, Pt

import make_templates as mt
from pipeline.docx import schema

W = mt.W
LINE = ".............................."


# -- styles ------------------------------------------------------------------------------------------------
def document_styles(doc) -> None:
    """Styles of the documents around the book, defined in the house style (the commitment sheet is a section
    of the book too, and the book keeps only house styles)."""
    title = mt.style(doc, "Judul Dokumen", base="Normal")
    mt.font(title, 14, bold=True, caps=True)
    mt.para(title, WD_ALIGN_PARAGRAPH.CENTER, 0, 0, 1.15, first=0, keep_next=True)  # no outline level: the sheet
    # is also a section of the book, whose PDF outline lists only the book's headings
    sub = mt.style(doc, "Subjudul Dokumen", base="Normal")
    mt.font(sub, 12, bold=True, caps=True)
    mt.para(sub, WD_ALIGN_PARAGRAPH.CENTER, 0, 0, 1.15, first=0, keep_next=True)
    part = mt.style(doc, "Judul Bagian Dokumen", base="Normal")
    mt.font(part, 12, bold=True)
    mt.para(part, WD_ALIGN_PARAGRAPH.LEFT, 12, 6, 1.15, first=0, keep_next=True)
    _outline(part, 0)
    text = mt.style(doc, "Teks Dokumen", base="Normal")
    mt.font(text, 12)
    mt.para(text, WD_ALIGN_PARAGRAPH.JUSTIFY, 0, 6, 1.15, first=0)
    item = mt.style(doc, "Butir Dokumen", base="Teks Dokumen")
    mt.para(item, left=0.75, first=-0.75)
    item.paragraph_format.tab_stops.add_tab_stop(Cm(0.75))
    sign = mt.style(doc, "Tanda Tangan", base="Normal")
    mt.font(sign, 12)
    mt.para(sign, WD_ALIGN_PARAGRAPH.CENTER, 0, 0, 1.0, first=0, left=7.0)
    sign.paragraph_format.keep_with_next = True
    cell = mt.style(doc, "Teks Tabel Kanan", base="Table Text")
    mt.para(cell, WD_ALIGN_PARAGRAPH.RIGHT)


def _outline(st, level: int) -> None:
    """A heading level for the PDF's outline, without being a numbered book heading."""
    schema.insert(st.element.get_or_add_pPr(), parse_xml(f'<w:outlineLvl {W} w:val="{level}"/>'))


def _p(doc, text: str, style: str, align=None, bold: bool = False, before: float | None = None,
       after: float | None = None, keep: bool = False):
    p = doc.add_paragraph(style=style)
    if text:
        r = p.add_run(text)
        r.bold = bold or None
    if align is not None:
        p.paragraph_format.alignment = align
    if before is not None:
        p.paragraph_format.space_before = Pt(before)
    if after is not None:
        p.paragraph_format.space_after = Pt(after)
    if keep:
        p.paragraph_format.keep_with_next = True
    return p


def _cell(cell, lines: list[tuple[str, dict]], style: str = "Table Text") -> None:
    """Fill a table cell with paragraphs (text, options: bold, align)."""
    first = cell.paragraphs[0]
    for i, (text, opt) in enumerate(lines):
        p = first if i == 0 else cell.add_paragraph()
        p.style = style
        if text:
            r = p.add_run(text)
            r.bold = opt.get("bold") or None
        if "align" in opt:
            p.paragraph_format.alignment = opt["align"]


def _row_props(row, *, header: bool = False, height_cm: float | None = None) -> None:
    """Rows never split across pages; the header row repeats on every page (w:trPr is a choice: any order)."""
    trpr = row._tr.get_or_add_trPr()
    trpr.append(parse_xml(f'<w:cantSplit {W}/>'))
    if height_cm:
        trpr.append(parse_xml(f'<w:trHeight {W} w:val="{int(height_cm * 567)}" w:hRule="atLeast"/>'))
    if header:
        trpr.append(parse_xml(f'<w:tblHeader {W}/>'))


RIGHT = {"align": WD_ALIGN_PARAGRAPH.RIGHT}
CENTRE = {"align": WD_ALIGN_PARAGRAPH.CENTER}


def loop_table(doc, header: list[str], row: list[list[tuple[str, dict]]], loop: str, widths_cm: list[float],
               total: list[tuple[str, dict]] | None = None, height_cm: float | None = None, together: bool = True):
    """A table whose body row repeats for each item: header, ``{%tr for ... %}``, the row, ``{%tr endfor %}``,
    and an optional total row. ``together`` keeps a short table on one page (each row keeps with the next)."""
    rows = 4 + (1 if total else 0)
    t = doc.add_table(rows=rows, cols=len(header))
    mt._table_style(t)
    grid = t._tbl.tblGrid
    for col, w in zip(grid.findall(f"{{{t._tbl.nsmap['w']}}}gridCol"), widths_cm):
        col.set(f"{{{t._tbl.nsmap['w']}}}w", str(int(w * 567)))
    for r in t.rows:
        for c, w in zip(r.cells, widths_cm):
            c.width = Cm(w)
    for c, name in zip(t.rows[0].cells, header):
        _cell(c, [(name, {"bold": True, "align": WD_ALIGN_PARAGRAPH.CENTER})])
    _row_props(t.rows[0], header=True)
    _cell(t.rows[1].cells[0], [("{%tr for " + loop + " %}", {})])
    for c, lines in zip(t.rows[2].cells, row):
        _cell(c, lines)
    _row_props(t.rows[2], height_cm=height_cm)
    _cell(t.rows[3].cells[0], [("{%tr endfor %}", {})])
    if total:
        for c, (text, opt) in zip(t.rows[4].cells, total):
            _cell(c, [(text, {"bold": True, **opt})])
        _row_props(t.rows[4])
    if together:
        for r in t.rows[: -1 if total else 3]:
            for c in r.cells:
                for p in c.paragraphs:
                    p.paragraph_format.keep_with_next = True
    return t


def _footer_page(section, prefix: str = "") -> None:
    section.footer.is_linked_to_previous = False
    fp = section.footer.paragraphs[0]
    fp.style = "Footer"
    if prefix:
        fp.add_run(prefix)
    mt.field_run(fp, "PAGE", "1")


# -- the commitment sheet -----------------------------------------------------------------------------------
KOMITMEN_POINTS = [
    "melaksanakan {{ judul }} {{ wilayah }} Tahun {{ periode }} sebagai acuan pembangunan kota cerdas sesuai "
    "dengan tugas dan fungsi masing-masing;",
    "memuat program dan kegiatan Masterplan Smart City dalam Rencana Strategis dan Rencana Kerja perangkat daerah "
    "serta mengusulkan penganggarannya setiap tahun;",
    "mewujudkan program quick win dalam waktu 6 (enam) sampai dengan 12 (dua belas) bulan;",
    "berbagi data dan memanfaatkan infrastruktur teknologi informasi dan komunikasi bersama dalam kerangka Satu "
    "Data Indonesia dan Sistem Pemerintahan Berbasis Elektronik;",
    "menggerakkan masyarakat, dunia usaha, perguruan tinggi dan komunitas di wilayah kerja masing-masing untuk "
    "berperan serta dalam pembangunan smart city; dan",
    "melaporkan kemajuan pelaksanaan kepada Dewan Smart City secara berkala.",
]


def komitmen(doc) -> None:
    """The Lembar Komitmen Bersama: commitment text, place and date, a signature table repeated per signer."""
    _p(doc, "KOMITMEN BERSAMA", "Judul Dokumen")
    _p(doc, "DEWAN SMART CITY DAN TIM PELAKSANA SMART CITY", "Subjudul Dokumen")
    _p(doc, "{{ wilayah|upper }}", "Subjudul Dokumen", after=18)
    _p(doc, "Kami yang bertanda tangan di bawah ini, Dewan Smart City dan Tim Pelaksana Smart City {{ wilayah }} "
            "bersama seluruh Kepala Perangkat Daerah dan Camat se-{{ wilayah }}, dengan ini menyatakan komitmen "
            "bersama untuk:", "Teks Dokumen")
    for i, text in enumerate(KOMITMEN_POINTS, start=1):
        _p(doc, f"{i}.\t{text}", "Butir Dokumen")
    _p(doc, "Demikian komitmen bersama ini kami buat dengan penuh tanggung jawab untuk dilaksanakan.",
       "Teks Dokumen", before=6)
    _p(doc, "{{ ibu_kota }}, {{ tanggal }}", "Teks Dokumen", align=WD_ALIGN_PARAGRAPH.RIGHT, before=6, after=12,
       keep=True)
    loop_table(doc, ["No", "Jabatan", "Nama", "Tanda Tangan"],
               [[("{{ s.nomor }}.", CENTRE)],
                [("{{ s.jabatan }}", {}), ("{%p if s.definitif %}", {}), ("({{ s.definitif }})", {}),
                 ("{%p endif %}", {})],
                [("{{ s.nama }}", {"bold": True}), ("{%p if s.nip %}", {}), ("NIP. {{ s.nip }}", {}),
                 ("{%p endif %}", {})],
                [("{%p if s.ganjil %}", {}), ("{{ s.nomor }}. " + LINE[:16], {}), ("{%p else %}", {}),
                 ("{{ s.nomor }}. " + LINE[:16], RIGHT), ("{%p endif %}", {})]],
               "s in penanda_tangan", [1.0, 4.9, 5.0, 3.1], height_cm=1.3, together=False)
    _p(doc, "", "Teks Dokumen")
    for text in ("Mengetahui,", "{{ jabatan_kepala|upper }},", "", "", "", "{{ nama_kepala|upper }}"):
        p = _p(doc, text, "Tanda Tangan", bold=text.startswith("{{ nama"))
        if text.startswith("{{ nama"):
            p.runs[0].underline = True
    _footer_page(doc.sections[0], "Lembar Komitmen Bersama — halaman ")


# -- the draft regulation -------------------------------------------------------------------------------------
# Tab stops of the consideranda (Menimbang, Mengingat): the label, the colon, the letter or number, the text.
COLON, MARK, TEXT = 2.8, 3.3, 4.2


def perbup_styles(doc) -> None:
    """The regulation's own styles (single spacing, hanging points), in its template only."""
    base = mt.style(doc, "Perbup Teks", base="Normal")
    mt.font(base, 12)
    mt.para(base, WD_ALIGN_PARAGRAPH.JUSTIFY, 0, 6, 1.0, first=0)
    head = mt.style(doc, "Perbup Judul", base="Perbup Teks")
    mt.font(head, 12, bold=True, caps=True)
    mt.para(head, WD_ALIGN_PARAGRAPH.CENTER, 0, 0, 1.0, keep_next=True)
    _outline(head, 0)
    points = mt.style(doc, "Perbup Butir", base="Perbup Teks")
    mt.para(points, left=TEXT, first=-TEXT, after=4)
    for pos in (COLON, MARK, TEXT):
        points.paragraph_format.tab_stops.add_tab_stop(Cm(pos))
    decide = mt.style(doc, "Perbup Menetapkan", base="Perbup Teks")
    mt.para(decide, left=MARK, first=-MARK)
    for pos in (COLON, MARK):
        decide.paragraph_format.tab_stops.add_tab_stop(Cm(pos))
    article = mt.style(doc, "Perbup Pasal", base="Perbup Teks")
    mt.para(article, WD_ALIGN_PARAGRAPH.CENTER, 12, 6, 1.0, keep_next=True)
    _outline(article, 1)
    clause = mt.style(doc, "Perbup Ayat", base="Perbup Teks")
    mt.para(clause, left=1.0, first=-1.0, after=4)
    clause.paragraph_format.tab_stops.add_tab_stop(Cm(1.0))
    letter = mt.style(doc, "Perbup Huruf", base="Perbup Teks")
    mt.para(letter, left=1.7, first=-0.7, after=2)
    letter.paragraph_format.tab_stops.add_tab_stop(Cm(1.7))
    sign = mt.style(doc, "Perbup Tanda Tangan", base="Perbup Teks")
    mt.para(sign, WD_ALIGN_PARAGRAPH.LEFT, 0, 0, 1.0, left=8.5)
    sign.paragraph_format.keep_with_next = True
    promulgate = mt.style(doc, "Perbup Pengundangan", base="Perbup Teks")
    mt.para(promulgate, WD_ALIGN_PARAGRAPH.LEFT, 0, 0, 1.0, left=0)
    promulgate.paragraph_format.keep_with_next = True
    annex = mt.style(doc, "Perbup Lampiran", base="Perbup Teks")
    mt.font(annex, 11, caps=True)
    mt.para(annex, WD_ALIGN_PARAGRAPH.LEFT, 0, 0, 1.0, left=8.0)


PERBUP_TITLE = "{{ judul_peraturan|upper }}"
MENIMBANG = [
    "bahwa untuk mewujudkan tata kelola pemerintahan yang efektif dan efisien serta pelayanan publik yang "
    "berkualitas melalui pemanfaatan teknologi informasi dan komunikasi, perlu arah pembangunan kota cerdas "
    "(smart city) yang terpadu di Daerah;",
    "bahwa {{ judul }} {{ wilayah }} Tahun {{ periode }} telah disusun bersama seluruh perangkat daerah dalam "
    "Gerakan Menuju Smart City dan perlu ditetapkan sebagai pedoman pelaksanaannya;",
    "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu menetapkan Peraturan "
    "Bupati tentang {{ judul_peraturan }};",
]
DEFINITIONS = [
    "Daerah adalah {{ wilayah }}.",
    "Pemerintah Daerah adalah {{ jabatan_singkat }} sebagai unsur penyelenggara Pemerintahan Daerah yang memimpin "
    "pelaksanaan urusan pemerintahan yang menjadi kewenangan daerah otonom.",
    "Bupati adalah {{ jabatan_kepala }}.",
    "Perangkat Daerah adalah unsur pembantu Bupati dan Dewan Perwakilan Rakyat Daerah dalam penyelenggaraan urusan "
    "pemerintahan yang menjadi kewenangan Daerah.",
    "Smart City adalah konsep pengembangan dan pengelolaan Daerah dengan memanfaatkan teknologi informasi dan "
    "komunikasi untuk menghubungkan, memantau dan mengendalikan sumber daya yang ada di Daerah secara efektif dan "
    "efisien guna memaksimalkan pelayanan kepada masyarakat serta mendukung pembangunan yang berkelanjutan.",
    "{{ judul }} yang selanjutnya disebut Masterplan adalah dokumen perencanaan pembangunan smart city Daerah untuk "
    "jangka waktu {{ jumlah_tahun }} ({{ jumlah_tahun_huruf }}) tahun, yaitu tahun {{ periode }}.",
    "Dewan Smart City adalah forum yang diketuai oleh Bupati dan beranggotakan unsur pemerintah daerah, "
    "Dewan Perwakilan Rakyat Daerah, perguruan tinggi, dunia usaha dan masyarakat, yang memberi arah dan "
    "mengevaluasi pelaksanaan Masterplan.",
    "Tim Pelaksana Smart City adalah tim yang dibentuk oleh Bupati untuk mengoordinasikan dan melaksanakan "
    "Masterplan.",
    "Quick Win adalah program jangka pendek yang dilaksanakan dalam waktu 6 (enam) sampai dengan 12 (dua belas) "
    "bulan untuk mempertajam layanan yang telah ada.",
]


def _lettered(doc, loop: str, item: str) -> None:
    """Points a., b., ... from a list, each ending ';', the one before the last '; dan', the last '.'."""
    _p(doc, "{%p for " + loop + " %}", "Perbup Huruf")
    _p(doc, "{{ huruf(loop.index) }}.\t" + item + "{% if loop.last %}.{% elif loop.revindex == 2 %}; dan"
            "{% else %};{% endif %}", "Perbup Huruf")
    _p(doc, "{%p endfor %}", "Perbup Huruf")


def _pasal(doc) -> None:
    _p(doc, "Pasal {{ pasal() }}", "Perbup Pasal")


def _signature_perbup(doc) -> None:
    for text in ("Ditetapkan di {{ ibu_kota }}", "pada tanggal " + LINE, "{{ jabatan_kepala|upper }},", "", "", "",
                 "{{ nama_kepala|upper }}"):
        _p(doc, text, "Perbup Tanda Tangan")


def perbup(doc) -> None:
    """The Rancangan Peraturan Bupati: head, title, consideranda, articles, closing, and the Lampiran page."""
    perbup_styles(doc)
    sec = doc.sections[0]
    sec.left_margin, sec.right_margin, sec.top_margin, sec.bottom_margin = Cm(3), Cm(2.5), Cm(2.5), Cm(2.5)
    for text in ("{{ jabatan_kepala|upper }}", "PROVINSI {{ provinsi|upper }}"):
        _p(doc, text, "Perbup Judul")
    _p(doc, "", "Perbup Teks")
    for text in ("RANCANGAN", "PERATURAN {{ jabatan_kepala|upper }}", "NOMOR          TAHUN {{ tahun }}", "",
                 "TENTANG", "", "{{ judul|upper }} {{ wilayah|upper }}", "TAHUN {{ periode }}", "",
                 "DENGAN RAHMAT TUHAN YANG MAHA ESA", "",
                 "{{ jabatan_kepala|upper }},"):
        _p(doc, text, "Perbup Judul")
    _p(doc, "", "Perbup Teks")
    for i, text in enumerate(MENIMBANG):
        label = "Menimbang\t:\t" if i == 0 else "\t\t"
        _p(doc, f"{label}{chr(97 + i)}.\t{text}", "Perbup Butir")
    _p(doc, "{%p for m in mengingat %}", "Perbup Butir")
    _p(doc, "{% if loop.first %}Mengingat\t:{% else %}\t{% endif %}\t{{ loop.index }}.\t{{ m }}", "Perbup Butir")
    _p(doc, "{%p endfor %}", "Perbup Butir")
    _p(doc, "MEMUTUSKAN:", "Perbup Judul", before=12, after=12)
    _p(doc, "Menetapkan\t:\tPERATURAN BUPATI TENTANG " + PERBUP_TITLE + ".", "Perbup Menetapkan", after=12)

    _pasal(doc)
    _p(doc, "Dalam Peraturan Bupati ini yang dimaksud dengan:", "Perbup Teks")
    for i, text in enumerate(DEFINITIONS, start=1):
        _p(doc, f"{i}.\t{text}", "Perbup Ayat")
    _pasal(doc)
    _p(doc, "(1)\tMasterplan dimaksudkan sebagai pedoman bagi Pemerintah Daerah, Perangkat Daerah dan pemangku "
            "kepentingan dalam penyelenggaraan smart city di Daerah.", "Perbup Ayat")
    _p(doc, "(2)\tMasterplan bertujuan untuk:", "Perbup Ayat")
    for i, text in enumerate(["memberi arah pembangunan smart city pada {{ jumlah_dimensi }} "
                              "({{ jumlah_dimensi_huruf }}) dimensi, yaitu {{ dimensi }};",
                              "memadukan program perangkat daerah dalam satu peta jalan; dan",
                              "menjadi dasar pemantauan dan evaluasi pelaksanaan smart city di Daerah."]):
        _p(doc, f"{chr(97 + i)}.\t{text}", "Perbup Huruf")
    _pasal(doc)
    _p(doc, "(1)\tMasterplan disusun dengan sistematika sebagai berikut:", "Perbup Ayat")
    _lettered(doc, "b in sistematika", "{{ b.label }}{% if b.judul %} {{ b.judul }}{% endif %}")
    _p(doc, "(2)\tMasterplan sebagaimana dimaksud pada ayat (1) tercantum dalam Lampiran yang merupakan bagian "
            "tidak terpisahkan dari Peraturan Bupati ini.", "Perbup Ayat")
    _pasal(doc)
    _p(doc, "(1)\tMasterplan memuat {{ jumlah_program }} ({{ jumlah_program_huruf }}) program, termasuk "
            "{{ jumlah_quick_win }} ({{ jumlah_quick_win_huruf }}) program quick win, dengan indikasi anggaran "
            "seluruhnya sebesar {{ total_rupiah }} ({{ total_huruf }}).", "Perbup Ayat")
    _p(doc, "(2)\tPerangkat Daerah melaksanakan program sebagaimana dimaksud pada ayat (1) sesuai dengan tugas dan "
            "fungsinya, dan memuatnya dalam Rencana Strategis dan Rencana Kerja Perangkat Daerah.", "Perbup Ayat")
    _p(doc, "(3)\tPelaksanaan Masterplan dikoordinasikan oleh Tim Pelaksana Smart City dan diarahkan oleh Dewan "
            "Smart City.", "Perbup Ayat")
    _pasal(doc)
    _p(doc, "Pendanaan pelaksanaan Masterplan bersumber dari:", "Perbup Teks")
    _lettered(doc, "s in sumber_dana", "{{ s }}")
    _pasal(doc)
    _p(doc, "(1)\tDewan Smart City mengevaluasi pelaksanaan Masterplan paling sedikit 1 (satu) kali dalam setahun.",
       "Perbup Ayat")
    _p(doc, "(2)\tMasterplan dapat ditinjau kembali berdasarkan hasil evaluasi sebagaimana dimaksud pada ayat (1).",
       "Perbup Ayat")
    _pasal(doc)
    _p(doc, "Peraturan Bupati ini mulai berlaku pada tanggal diundangkan.", "Perbup Teks")
    _p(doc, "Agar setiap orang mengetahuinya, memerintahkan pengundangan Peraturan Bupati ini dengan penempatannya "
            "dalam Berita Daerah {{ wilayah }}.", "Perbup Teks", after=18)
    _signature_perbup(doc)
    _p(doc, "", "Perbup Teks")
    for text in ("Diundangkan di {{ ibu_kota }}", "pada tanggal " + LINE,
                 "SEKRETARIS DAERAH {{ wilayah|upper }},", "", "", "", "{{ nama_sekda|upper }}"):
        _p(doc, text, "Perbup Pengundangan")
    _p(doc, "", "Perbup Teks")
    _p(doc, "BERITA DAERAH {{ wilayah|upper }} TAHUN {{ tahun }} NOMOR ......", "Perbup Teks", bold=True)

    # The Lampiran: its head block, the masterplan's title and contents, signed again by the regent.
    doc.add_paragraph(style="Perbup Teks").add_run().add_break(WD_BREAK.PAGE)
    for text in ("LAMPIRAN", "PERATURAN {{ jabatan_kepala|upper }}", "NOMOR          TAHUN {{ tahun }}",
                 "TENTANG", PERBUP_TITLE):
        _p(doc, text, "Perbup Lampiran")
    _p(doc, "", "Perbup Teks")
    for text in ("{{ judul|upper }}", "{{ wilayah|upper }}", "TAHUN {{ periode }}"):
        _p(doc, text, "Perbup Judul")
    _p(doc, "", "Perbup Teks")
    _p(doc, "{{ judul }} {{ wilayah }} Tahun {{ periode }} terdiri atas bab dan bagian berikut. Naskah lengkapnya, "
            "termasuk tabel program, peta jalan dan profil quick win, adalah dokumen Masterplan ({{ berkas_buku }}) "
            "yang merupakan bagian tidak terpisahkan dari Peraturan Bupati ini.", "Perbup Teks")
    _p(doc, "{%p for b in buku %}", "Perbup Teks")
    _p(doc, "{{ b.judul }} ({{ b.bab }})", "Perbup Teks", bold=True)
    _p(doc, "{%p endfor %}", "Perbup Teks")
    _p(doc, "{%p for b in sistematika %}", "Perbup Teks")
    _p(doc, "{{ b.label }}{% if b.judul %} {{ b.judul|upper }}{% endif %}", "Perbup Teks", bold=True, before=6,
       after=0, keep=True)
    _p(doc, "{%p for s in b.bagian %}", "Perbup Ayat")
    _p(doc, "\t{{ s }}", "Perbup Ayat")
    _p(doc, "{%p endfor %}", "Perbup Ayat")
    _p(doc, "{%p endfor %}", "Perbup Teks")
    _p(doc, "", "Perbup Teks")
    for text in ("{{ jabatan_kepala|upper }},", "", "", "", "{{ nama_kepala|upper }}"):
        _p(doc, text, "Perbup Tanda Tangan")
    # Page numbers at the top centre as "- 2 -", from the second page on.
    sec.different_first_page_header_footer = True
    sec.header.is_linked_to_previous = False
    hp = sec.header.paragraphs[0]
    hp.style = "Header"
    hp.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    hp.add_run("- ")
    mt.field_run(hp, "PAGE", "2")
    hp.add_run(" -")


# -- the executive summary -------------------------------------------------------------------------------------
def ringkasan(doc) -> None:
    """The Ringkasan Eksekutif: vision and mission, dimensions, quick wins, roadmap, funding, the two bodies."""
    for text, st in (("RINGKASAN EKSEKUTIF", "Judul Dokumen"), ("{{ judul|upper }}", "Subjudul Dokumen"),
                     ("{{ wilayah|upper }}", "Subjudul Dokumen"), ("TAHUN {{ periode }}", "Subjudul Dokumen")):
        _p(doc, text, st)
    _p(doc, "", "Teks Dokumen")
    _p(doc, "1. Pendahuluan", "Judul Bagian Dokumen")
    _p(doc, "{{ judul }} {{ wilayah }} Tahun {{ periode }} adalah arah pembangunan kota cerdas yang disusun bersama "
            "seluruh perangkat daerah dalam Gerakan Menuju Smart City. Masterplan memuat {{ jumlah_program }} "
            "program pada {{ jumlah_dimensi }} dimensi dengan total indikasi anggaran {{ total_rupiah }}, serta "
            "{{ jumlah_quick_win }} program quick win. Ringkasan ini merangkum visi dan misi, sebaran program dan "
            "anggaran, quick win, peta jalan serta kelembagaan pelaksananya. Seluruh angka disusun otomatis dari "
            "tabel program perangkat daerah.", "Teks Dokumen")
    _p(doc, "2. Visi dan Misi", "Judul Bagian Dokumen")
    _p(doc, "Visi", "Teks Dokumen", bold=True, keep=True, after=2)
    _p(doc, "{%p for v in visi %}", "Teks Dokumen")
    _p(doc, "{%p if v.kutipan %}", "Teks Dokumen")
    _p(doc, "{{ v.teks }}", "Teks Dokumen", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    _p(doc, "{%p else %}", "Teks Dokumen")
    _p(doc, "{{ v.teks }}", "Teks Dokumen")
    _p(doc, "{%p endif %}", "Teks Dokumen")
    _p(doc, "{%p endfor %}", "Teks Dokumen")
    _p(doc, "Misi", "Teks Dokumen", bold=True, keep=True, after=2)
    _p(doc, "{%p for m in misi %}", "Butir Dokumen")
    _p(doc, "{{ loop.index }}.\t{{ m }}", "Butir Dokumen")
    _p(doc, "{%p endfor %}", "Butir Dokumen")

    _p(doc, "3. Enam Dimensi Smart City", "Judul Bagian Dokumen")
    _p(doc, "Program tersebar pada {{ jumlah_dimensi }} dimensi smart city. Porsi anggaran terbesar berada pada "
            "dimensi {{ dimensi_terbesar }}, yaitu {{ porsi_terbesar }} dari total indikasi anggaran.", "Teks Dokumen")
    _p(doc, "Tabel 1 Jumlah Program dan Indikasi Anggaran per Dimensi", "Table Caption")
    loop_table(doc, ["No", "Dimensi", "Elemen", "Jumlah Program", "Indikasi Anggaran (Rp)", "Porsi"],
               [[("{{ d.nomor }}", CENTRE)], [("{{ d.nama }}", {})], [("{{ d.elemen }}", {})],
                [("{{ d.jumlah }}", RIGHT)], [("{{ d.anggaran }}", RIGHT)], [("{{ d.porsi }}", RIGHT)]],
               "d in dimensi", [0.9, 3.2, 4.1, 1.8, 2.8, 1.2],
               total=[("", {}), ("Jumlah", {}), ("", {}), ("{{ jumlah_program }}", RIGHT),
                      ("{{ total_anggaran }}", RIGHT), ("100,0%", RIGHT)])
    _p(doc, "Sumber: diolah dari tabel program perangkat daerah", "Sumber")

    _p(doc, "4. Program Quick Win", "Judul Bagian Dokumen")
    _p(doc, "Terdapat {{ jumlah_quick_win }} program quick win dengan total indikasi biaya "
            "{{ total_quick_win_rupiah }}. Setiap quick win dilaksanakan dalam 6 sampai 12 bulan untuk mempertajam "
            "layanan yang sudah ada.", "Teks Dokumen")
    _p(doc, "Tabel 2 Program Quick Win", "Table Caption")
    loop_table(doc, ["No", "Quick Win", "Dimensi", "OPD", "Tahun", "Indikasi Biaya (Rp)"],
               [[("{{ q.nomor }}", CENTRE)], [("{{ q.nama }}", {})], [("{{ q.dimensi }}", {})],
                [("{{ q.opd }}", {})], [("{{ q.waktu }}", {})], [("{{ q.biaya }}", RIGHT)]],
               "q in quick_win", [0.9, 4.6, 2.8, 2.0, 1.3, 2.4],
               total=[("", {}), ("Jumlah", {}), ("", {}), ("", {}), ("", {}), ("{{ total_quick_win }}", RIGHT)])
    _p(doc, "Sumber: diolah dari profil quick win perangkat daerah", "Sumber")

    _p(doc, "5. Peta Jalan", "Judul Bagian Dokumen")
    _p(doc, "Program dijadwalkan dari tahun {{ tahun_mulai }} sampai {{ tahun_selesai }}. Bagan berikut menunjukkan "
            "tahun pelaksanaan setiap program, dan tabel sesudahnya indikasi anggaran per dimensi dan per tahun.",
       "Teks Dokumen")
    _p(doc, "{%p if ada_peta_jalan %}", "Teks Dokumen")
    _p(doc, "{{ grafik_peta_jalan }}", "Figure")
    _p(doc, "Gambar 1 Peta Jalan Program Smart City {{ periode }}", "Image Caption")
    _p(doc, "{%p endif %}", "Teks Dokumen")
    _p(doc, "Tabel 3 Indikasi Anggaran per Dimensi dan Tahun (juta rupiah)", "Table Caption")
    _p(doc, "{{p tabel_dimensi_tahun }}", "Teks Dokumen")
    _p(doc, "Sumber: diolah dari tabel program perangkat daerah", "Sumber")

    _p(doc, "6. Sumber Pendanaan", "Judul Bagian Dokumen")
    _p(doc, "Tabel 4 Indikasi Anggaran per Sumber Dana", "Table Caption")
    loop_table(doc, ["No", "Sumber Dana", "Indikasi Anggaran (Rp)", "Porsi"],
               [[("{{ loop.index }}", CENTRE)], [("{{ f.nama }}", {})], [("{{ f.anggaran }}", RIGHT)],
                [("{{ f.porsi }}", RIGHT)]],
               "f in sumber_dana", [0.9, 6.0, 4.5, 2.0],
               total=[("", {}), ("Jumlah", {}), ("{{ total_anggaran }}", RIGHT), ("100,0%", RIGHT)])
    _p(doc, "Sumber: diolah dari tabel program perangkat daerah", "Sumber")

    _p(doc, "7. Kelembagaan", "Judul Bagian Dokumen")
    _p(doc, "Pelaksanaan masterplan diarahkan oleh Dewan Smart City dan dikoordinasikan oleh Tim Pelaksana Smart "
            "City {{ wilayah }}.", "Teks Dokumen")
    for n, (title, var) in enumerate((("Susunan Dewan Smart City", "dewan"),
                                      ("Susunan Tim Pelaksana Smart City", "tim_pelaksana")), start=5):
        _p(doc, f"Tabel {n} {title}", "Table Caption")
        loop_table(doc, ["No", "Kedudukan", "Nama", "Jabatan"],
                   [[("{{ m.nomor }}", CENTRE)], [("{{ m.kedudukan }}", {})], [("{{ m.nama }}", {})],
                    [("{{ m.jabatan }}", {})]], f"m in {var}", [0.9, 2.8, 4.3, 6.0])
        _p(doc, "", "Teks Dokumen")
    sec = doc.sections[0]
    sec.header.is_linked_to_previous = False
    hp = sec.header.paragraphs[0]
    hp.style = "Header"
    hp.add_run("Ringkasan Eksekutif {{ judul }} {{ wilayah }} {{ periode }}")
    _footer_page(sec)


def write_documents(house, out_documents) -> None:
    """Write the regulation's and the summary's templates (the commitment sheet is a generated kind)."""
    out_documents.mkdir(exist_ok=True)
    mt._generated(house, out_documents / "perbup.docx", perbup)
    mt._generated(house, out_documents / "ringkasan.docx", ringkasan)

