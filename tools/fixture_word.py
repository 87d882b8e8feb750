"""The Word fixtures: chapter files as OPD staff write them in Microsoft Word (Indonesian UI).

Each function writes one file with :class:`wordxml.WordDocument`. The content
is the Kabupaten Simalungun sample's (masterplan.yml): Smart Governance by
Dinas Kominfo, the readiness section, the plan years 2022-2026. The habits are
listed in :data:`make_fixtures.FIXTURES`.
"""

from __future__ import annotations

import io
from pathlib import Path

from wordxml import Cell, WordDocument

REVIEWER = ("Rina Siregar", "RS", "2026-10-03T09:12:00Z")
EDITOR = ("Budi Purba", "2026-10-04T10:05:00Z")
YEARS = [2022, 2023, 2024, 2025, 2026]
MARK = "●"


def chart_png() -> bytes:
    """A bar chart as staff paste it (a PNG 1200 px wide, flat colours); drawn without randomness."""
    from PIL import Image, ImageDraw

    im = Image.new("RGB", (1200, 600), "white")
    draw = ImageDraw.Draw(im)
    values = [1.9, 2.3, 2.6, 3.1, 3.4]
    for k, v in enumerate(values):
        x = 140 + k * 200
        top = 540 - int(v * 120)
        draw.rectangle([x, top, x + 120, 540], fill=(0, 114, 178))
        draw.text((x + 40, top - 24), f"{v:.1f}".replace(".", ","), fill="black")
        draw.text((x + 40, 552), str(2019 + k), fill="black")
    draw.line([100, 540, 1140, 540], fill="black", width=2)
    draw.text((100, 20), "Indeks SPBE Kabupaten Simalungun 2019-2023", fill="black")
    buf = io.BytesIO()
    im.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def _intro(d: WordDocument, *, title: bool = True) -> None:
    """Title and Subtitle at the top, then a first heading that restates the section title."""
    if title:
        d.add(d.p("MASTERPLAN SMART CITY KABUPATEN SIMALUNGUN", style="Judul"),
              d.p("Bab IV Strategi Pembangunan Smart City — Dinas Kominfo", style="Subjudul"))
    d.add(d.heading(1, "SMART GOVERNANCE"))


def _current_state(d: WordDocument, *, notes: bool = False, formatting: bool = True) -> None:
    d.add(d.heading(2, "1.1 Kondisi Saat Ini"))
    run_fmt = dict(font="Arial", size=12) if formatting else {}
    first = [d.run("Penerapan Sistem Pemerintahan Berbasis Elektronik (SPBE) di Kabupaten Simalungun telah dimulai "
                   "sejak 2019 dengan pembangunan jaringan intra pemerintah yang menghubungkan 32 perangkat daerah",
                   **run_fmt)]
    if notes:
        first.append(d.footnote("Peraturan Presiden Nomor 95 Tahun 2018 tentang Sistem Pemerintahan Berbasis "
                                "Elektronik."))
    first.append(d.run(". Indeks SPBE daerah naik dari 1,9 pada 2019 menjadi 3,4 pada 2023", **run_fmt))
    if notes:
        first.append(d.footnote("Hasil evaluasi SPBE Kementerian PANRB Tahun 2023."))
    first.append(d.run(", namun layanan publik daring masih tersebar di banyak aplikasi yang belum terintegrasi.",
                       **run_fmt))
    d.add(d.p(*first, jc="both"))
    second = [d.run("Capaian per domain SPBE: ", b=True, **run_fmt),
              d.run("[isi data capaian SPBE di sini]", highlight="yellow", **run_fmt),
              d.run(". Sebanyak 18 ", **run_fmt), d.proof("aplikasi"),
              d.run(" layanan masih berdiri sendiri dan datanya belum dapat dipertukarkan", **run_fmt)]
    if notes:
        second.append(d.footnote("Inventarisasi aplikasi Diskominfo, Agustus 2023."))
        second.append(d.run(" sebagaimana dicatat dalam kajian arsitektur", **run_fmt))
        second.append(d.endnote("Dokumen Arsitektur SPBE Kabupaten Simalungun 2023-2027, Bab 3."))
    second.append(d.run(".", **run_fmt))
    d.add(d.p(*second, jc="both"))
    if formatting:
        d.add(d.p(d.run("Catatan penting: ", b=True, color="FF0000", font="Tahoma", size=13),
                  d.run("seluruh data pada bagian ini masih menunggu verifikasi Bappeda.", i=True, color="C00000",
                        font="Tahoma", size=13)))


def _elements_text(d: WordDocument, *, typed: bool = True) -> None:
    n = (lambda k, s: f"1.{k} {s}") if typed else (lambda k, s: s)
    d.add(d.heading(2, n(2, "Elemen Pelayanan")),
          d.p("Strategi pelayanan diarahkan pada tiga langkah:"),
          d.p("mengintegrasikan layanan perizinan dan kependudukan dalam Mal Pelayanan Publik digital;",
              style="DaftarParagraf", num=(1, 0)),
          d.p("menyediakan kanal pengaduan tunggal yang terhubung dengan SP4N-LAPOR!;", style="DaftarParagraf",
              num=(1, 0)),
          d.p("mengukur kepuasan masyarakat setiap semester.", style="DaftarParagraf", num=(1, 0)),
          d.heading(2, n(3, "Elemen Birokrasi")),
          d.p("Birokrasi yang lincah menuntut naskah dinas elektronik, tanda tangan elektronik dan data kepegawaian "
              "yang mutakhir. Prioritasnya:"),
          d.p("e-Office di seluruh perangkat daerah;", style="DaftarParagraf", num=(2, 0)),
          d.p("tanda tangan elektronik bagi pejabat eselon II dan III.", style="DaftarParagraf", num=(2, 0)),
          d.heading(2, n(4, "Elemen Kebijakan")),
          d.p("Kebijakan Satu Data Simalungun menjadi payung pertukaran data antarperangkat daerah, dengan "
              "Diskominfo sebagai walidata."))


def programme_table_years(d: WordDocument) -> list[str]:
    """Thirteen columns: a two-row header with "Tahun Pelaksanaan" over 2022..2026 (● marks), mixed rupiah."""
    head1 = [Cell("No", vmerge="restart"), Cell("Elemen", vmerge="restart"), Cell("Nama Program", vmerge="restart"),
             Cell("Deskripsi", vmerge="restart"), Cell("Output/Outcome", vmerge="restart"),
             Cell("Tahun Pelaksanaan", span=5), Cell("Indikasi Anggaran (Rp)", vmerge="restart"),
             Cell("Sumber Dana", vmerge="restart"), Cell("Perangkat Daerah Penanggung Jawab", vmerge="restart")]
    head2 = [Cell(vmerge="continue")] * 5 + [Cell(str(y)) for y in YEARS] + [Cell(vmerge="continue")] * 3
    data = [
        ("1", "Pelayanan", "Mal Pelayanan Publik Digital", "Integrasi layanan perizinan dan kependudukan dalam satu "
         "portal", "Portal MPP daring; waktu layanan turun 50%", (1, 1, 1, 0, 0), "Rp. 1,5 M", "APBD",
         "Dinas Kominfo"),
        ("2", "Pelayanan", "Aplikasi Pengaduan Masyarakat Terpadu", "Satu kanal pengaduan terhubung SP4N-LAPOR!",
         "95% aduan ditindaklanjuti dalam 5 hari", (0, 1, 1, 1, 1), "750 jt", "APBD", "Diskominfo"),
        ("3", "Birokrasi", "Sistem Naskah Dinas Elektronik (e-Office)", "Surat-menyurat dinas tanpa kertas",
         "32 perangkat daerah memakai e-Office", (1, 1, 0, 0, 0), "Rp 1.800.000.000", "APBD Provinsi",
         "Dinas Komunikasi dan Informatika"),
        ("4", "Kebijakan", "Satu Data Simalungun", "Portal data terbuka dan katalog data daerah",
         "150 set data terbit di portal", (0, 0, 1, 1, 1), "Rp 2.500.000.000,00", "APBN/DAK", "Dinas Kominfo"),
    ]
    rows = [head1, head2]
    for no, el, name, desc, out, marks, amount, fund, owner in data:
        rows.append([Cell(no, jc="center"), el, name, desc, out]
                    + [Cell(MARK if m else "", jc="center") for m in marks]
                    + [Cell(amount, jc="right"), fund, owner])
    widths = [400, 1000, 1600, 2000, 1800, 500, 500, 500, 500, 500, 1300, 900, 1500]
    return [d.caption("Tabel", 1, "Program Pengembangan Smart Governance 2022-2026"),
            d.table(rows, widths, header_rows=2, size=9),
            d.p(d.run("Sumber: Diskominfo Kabupaten Simalungun, 2023", i=True, size=9))]


def programme_table_funding(d: WordDocument) -> list[str]:
    """A "Pendanaan dan Waktu" group over two columns, a Dimensi column, and a misspelt dimension."""
    head1 = [Cell("No", vmerge="restart"), Cell("Dimensi", vmerge="restart"), Cell("Elemen", vmerge="restart"),
             Cell("Nama Program", vmerge="restart"), Cell("Output/Outcome", vmerge="restart"),
             Cell("Pendanaan dan Waktu", span=2), Cell("Sumber Dana", vmerge="restart"),
             Cell("Perangkat Daerah Penanggung Jawab", vmerge="restart")]
    head2 = [Cell(vmerge="continue")] * 5 + [Cell("Indikasi Anggaran (Rp)"), Cell("Tahun Pelaksanaan")] + [
        Cell(vmerge="continue")] * 2
    data = [
        ("1", "Smart Governance", "Birokrasi", "Tanda Tangan Elektronik ASN", "1.200 ASN memiliki sertifikat "
         "elektronik", "Rp 450.000.000", "2023-2024", "APBD", "Dinas Kominfo"),
        ("2", "Smart Enviroment", "Perlindungan Lingkungan", "Sensor Kualitas Udara Terhubung", "Dasbor kualitas "
         "udara di 5 titik", "1,2 miliar", "2024-2026", "CSR", "Diskominfo"),
    ]
    rows = [head1, head2] + [[Cell(r[0], jc="center"), *r[1:5], Cell(r[5], jc="right"), *r[6:]] for r in data]
    widths = [400, 1300, 1300, 1800, 1900, 1400, 1100, 900, 1500]
    return [d.caption("Tabel", 2, "Program Pendukung Lintas Dimensi"),
            d.table(rows, widths, header_rows=2, size=9),
            d.p(d.run("Sumber: Diskominfo dan DLH Kabupaten Simalungun, 2023", i=True, size=9))]


def review_marks(d: WordDocument) -> list[str]:
    """A comment with a reply, tracked insertions and deletions, and an inserted paragraph."""
    d.track = True
    who, when = EDITOR
    return [
        d.p(d.run("Tim Pelaksana Smart City dibentuk dengan Keputusan Bupati dan diketuai "),
            d.comment(d.run("Kepala Dinas Kominfo"), "Mohon ditulis lengkap: Kepala Dinas Komunikasi dan "
                      "Informatika.", author=REVIEWER[0], initials=REVIEWER[1], date=REVIEWER[2],
                      reply=("Sudah sesuai SK, mohon dicek ulang.", "Staf Diskominfo", "SD",
                             "2026-10-03T14:30:00Z")),
            d.run(". Tim bertemu "), d.dele("setiap bulan", who, when), d.ins("setiap dua minggu", who, when),
            d.run(" untuk memantau pelaksanaan program.")),
        d.p(d.ins("Rapat koordinasi juga dihadiri perwakilan kecamatan.", who, when),
            mark=d.inserted_mark(who, when)),
    ]


def boxes(d: WordDocument) -> list[str]:
    """A callout in a text box and a labelled shape, as staff draw them."""
    return [
        d.p(d.run("Prinsip layanan digital dirangkum dalam kotak berikut.")),
        d.p(d.textbox(["Prinsip Layanan Digital Simalungun:", "satu pintu, satu data, satu identitas."])),
        d.p(d.run("Alur koordinasi: "), d.shape("Tim Pelaksana Smart City")),
        d.p(d.run("Kotak di atas menggambarkan simpul koordinasi di bawah Bupati.")),
    ]


def diagram_and_picture(d: WordDocument) -> list[str]:
    return [
        d.p(d.run("Tahapan pengembangan smart city disusun sebagai berikut.")),
        d.p(d.smartart(["Perencanaan", "Pembangunan", "Pemanfaatan", "Evaluasi"])),
        d.p(d.picture(chart_png(), width_cm=14, height_cm=7, descr="Grafik indeks SPBE 2019-2023"), jc="center"),
        d.caption("Gambar", 1, "Perkembangan Indeks SPBE Kabupaten Simalungun", seq=True),
        d.p(d.run("Sumber: Kementerian PANRB, 2023", i=True, size=9)),
    ]


def lengkap(path: Path) -> Path:
    """Every habit in one file (the file the issue's findings 1-4, 10-12 came from)."""
    d = WordDocument("word-lengkap", title="Smart Governance", creator="Staf Diskominfo",
                     fonts=("Calibri", "Times New Roman", "Calibri Light", "Arial"))
    _intro(d)
    _current_state(d, notes=True)
    d.add(*review_marks(d))
    d.add(*boxes(d))
    _elements_text(d)
    d.add(d.end_section())  # portrait Letter so far
    d.add(*programme_table_years(d))
    d.add(d.end_section(landscape=True))  # the wide table sat on a landscape page of its own
    d.add(*diagram_and_picture(d))
    d.add(d.heading(2, "1.5 Program Pendukung"))
    d.add(d.p("Program berikut mendukung dimensi lain dan dibiayai bersama."))
    d.add(d.end_section())
    d.add(*programme_table_funding(d))
    return d.save(path, landscape_end=True)


def judul_ulang(path: Path) -> Path:
    """Title/Subtitle, a restated title heading and typed numbers; style names localised in w:name."""
    d = WordDocument("word-judul-ulang", title="", creator="Operator Bidang Aptika", localised_names=True)
    _intro(d)
    _current_state(d, formatting=False)
    _elements_text(d)
    return d.save(path)


def tabel_program(path: Path) -> Path:
    """The two programme tables with two-row headers, on landscape Letter pages."""
    d = WordDocument("word-tabel-program", title="Program Smart Governance", creator="Staf Diskominfo")
    d.add(d.heading(1, "Program Pengembangan"),
          d.p("Program disusun per elemen dan dijadwalkan pada masa rencana 2022-2026."),
          d.end_section())
    d.add(*programme_table_years(d))
    d.add(d.p(""), *programme_table_funding(d))
    return d.save(path, landscape_end=True)


def catatan(path: Path) -> Path:
    """Three footnotes and one endnote (the endnote made a book LibreOffice refused)."""
    d = WordDocument("word-catatan", title="Kesiapan Daerah", creator="Staf Diskominfo")
    d.add(d.heading(1, "Kesiapan Struktur dan Infrastruktur"))
    _current_state(d, notes=True, formatting=False)
    return d.save(path)


def kotak_teks(path: Path) -> Path:
    """A text box (wps:txbx with the VML v:textbox fallback) and a shape with text."""
    d = WordDocument("word-kotak-teks", title="Kesiapan Daerah", creator="Staf Diskominfo")
    d.add(d.heading(1, "Tata Kelola Smart City"), *boxes(d))
    return d.save(path)


def smartart_gambar(path: Path) -> Path:
    """A SmartArt diagram (five parts) and a picture with a SEQ-field caption."""
    d = WordDocument("word-smartart", title="Kesiapan Daerah", creator="Staf Diskominfo")
    d.add(d.heading(1, "Tahapan Pengembangan"), *diagram_and_picture(d))
    return d.save(path)


def komentar_revisi(path: Path) -> Path:
    """A comment with a reply, tracked changes, highlighted placeholder and loud direct formatting."""
    d = WordDocument("word-komentar-revisi", title="Kesiapan Daerah", creator="Staf Diskominfo",
                     modified_by="Budi Purba", fonts=("Calibri", "Times New Roman", "Calibri Light", "Arial"))
    d.add(d.heading(1, "Kelembagaan"))
    d.add(*review_marks(d))
    _current_state(d)
    return d.save(path)


def lanskap_letter(path: Path) -> Path:
    """Letter paper: portrait, a landscape section in the middle, portrait, and a landscape section at the end."""
    d = WordDocument("word-lanskap-letter", title="Kesiapan Daerah", creator="Staf Diskominfo")
    d.add(d.heading(1, "Kesiapan Per Dimensi"),
          d.p("Tabel berikut merangkum hasil penilaian kesiapan pada bimtek tahap pertama."),
          d.end_section())
    rows = [["Dimensi", "Struktur", "Infrastruktur", "Suprastruktur", "Nilai", "Keterangan"]]
    rows += [[name, s, i, p, v, k] for name, s, i, p, v, k in (
        ("Smart Governance", "3,5", "3,2", "3,8", "3,5", "Siap"), ("Smart Branding", "2,8", "2,5", "2,9", "2,7",
                                                                       "Cukup siap"),
        ("Smart Economy", "2,6", "2,4", "2,7", "2,6", "Cukup siap"), ("Smart Living", "3,0", "2,9", "3,1", "3,0",
                                                                      "Siap"),
        ("Smart Society", "2,9", "2,7", "3,0", "2,9", "Cukup siap"), ("Smart Environment", "2,5", "2,2", "2,6",
                                                                      "2,4", "Perlu penguatan"))]
    d.add(d.caption("Tabel", 1, "Hasil Penilaian Kesiapan per Dimensi"),
          d.table(rows, [2600, 1700, 1700, 1700, 1200, 2400]),
          d.p(d.run("Sumber: Hasil bimtek tahap I, 2021", i=True)),
          d.end_section(landscape=True),
          d.heading(2, "Catatan Penilaian"),
          d.p("Dimensi Smart Environment memerlukan penguatan infrastruktur pemantauan lingkungan."),
          d.end_section())
    d.add(d.heading(2, "Lampiran Rekap"),
          d.p("Rekap lengkap per kecamatan diletakkan pada halaman lanskap terakhir ini."))
    return d.save(path, landscape_end=True)


def polos(path: Path) -> Path:
    """A plain Word file: no custom properties, no title, no sidecar; headings, text, a table and a list."""
    d = WordDocument("word-polos", title="", creator="user", page="a4")
    d.add(d.heading(1, "Kondisi Kesiapan"),
          d.p("Kesiapan daerah dinilai dari struktur organisasi, infrastruktur dan suprastruktur."),
          d.heading(2, "Struktur Organisasi"),
          d.p("Diskominfo memiliki bidang aplikasi informatika dengan 12 pegawai."),
          d.p("Kendala utama:"),
          d.p("jumlah pranata komputer masih kurang;", style="DaftarParagraf", num=(2, 0)),
          d.p("anggaran pemeliharaan terbatas.", style="DaftarParagraf", num=(2, 0)),
          d.heading(2, "Infrastruktur"),
          d.table([["Jenis", "Jumlah"], ["Menara BTS", "214"], ["Titik Wi-Fi publik", "96"]], [4000, 2000]),
          d.p("Jaringan serat optik menjangkau 24 dari 32 kecamatan."))
    return d.save(path)
