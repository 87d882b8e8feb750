"""Generate the binary parts of the sample masterplan (Kabupaten Simalungun).

Writes the figures (PNG, matplotlib), the regional emblem placeholder, and the
four .docx fragments, made the way OPD staff make them in Word: Indonesian
built-in style names ("Judul 1"), direct formatting, real tables, a picture,
and a landscape section for the wide programme table.

Run: ``python tools/make_samples.py`` (the outputs are committed).
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from docx.enum.section import WD_ORIENT, WD_SECTION  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402
from docx.oxml import parse_xml  # noqa: E402
from docx.shared import Cm, Pt  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from pipeline.docx.props import set_custom_properties  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CH = ROOT / "chapters"
IMG = CH / "gambar"
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"]


def _style_axes(ax):
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", alpha=0.3)


def figures() -> None:
    IMG.mkdir(parents=True, exist_ok=True)
    plt.rcParams.update({"font.family": "DejaVu Sans", "font.size": 9})
    kec = ["Siantar", "Bandar", "Tanah Jawa", "Raya", "Bosar Maligas", "Pematang Bandar", "Gunung Malela",
           "Dolok Batu Nanggar", "Girsang Sipangan Bolon", "Purba", "Sidamanik", "Hutabayu Raja"]
    pend = [72.4, 68.1, 51.9, 32.8, 42.7, 36.2, 30.6, 41.3, 16.4, 24.8, 27.5, 31.2]
    fig, ax = plt.subplots(figsize=(6.3, 3.4), dpi=200)
    ax.barh(kec[::-1], pend[::-1], color=PALETTE[0])
    ax.set_xlabel("Jumlah penduduk (ribu jiwa)")
    for y, v in enumerate(pend[::-1]):
        ax.text(v + 0.8, y, f"{v:.1f}".replace(".", ","), va="center", fontsize=7)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    fig.savefig(IMG / "penduduk-kecamatan.png")
    plt.close(fig)

    years = [2017, 2018, 2019, 2020, 2021]
    fig, ax = plt.subplots(figsize=(6.3, 3.0), dpi=200)
    ax.plot(years, [5.13, 5.18, 5.20, -1.02, 2.61], marker="o", color=PALETTE[0], label="Simalungun")
    ax.plot(years, [5.12, 5.18, 5.22, -1.07, 2.61], marker="s", color=PALETTE[1], label="Sumatera Utara")
    ax.axhline(0, color="grey", lw=0.8)
    ax.set_ylabel("Pertumbuhan PDRB (%)")
    ax.set_xticks(years)
    ax.legend(frameon=False)
    _style_axes(ax)
    fig.tight_layout()
    fig.savefig(IMG / "pertumbuhan-ekonomi.png")
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(6.3, 3.0), dpi=200)
    ax.bar(years, [71.83, 72.49, 73.25, 73.28, 73.54], color=PALETTE[2], width=0.6)
    ax.set_ylim(70, 74.5)
    ax.set_ylabel("Indeks Pembangunan Manusia")
    for x, v in zip(years, [71.83, 72.49, 73.25, 73.28, 73.54]):
        ax.text(x, v + 0.08, f"{v:.2f}".replace(".", ","), ha="center", fontsize=8)
    _style_axes(ax)
    fig.tight_layout()
    fig.savefig(IMG / "ipm.png")
    plt.close(fig)

    import numpy as np
    labels = ["Governance", "Branding", "Economy", "Living", "Society", "Environment"]
    vals = [2.6, 2.2, 2.0, 2.4, 2.3, 1.9]
    ang = np.linspace(0, 2 * np.pi, len(labels), endpoint=False).tolist()
    fig = plt.figure(figsize=(4.6, 4.0), dpi=200)
    ax = fig.add_subplot(polar=True)
    ax.plot(ang + ang[:1], vals + vals[:1], color=PALETTE[0])
    ax.fill(ang + ang[:1], vals + vals[:1], color=PALETTE[0], alpha=0.25)
    ax.set_xticks(ang)
    ax.set_xticklabels(labels)
    ax.set_ylim(0, 4)
    ax.set_yticks([1, 2, 3, 4])
    fig.tight_layout()
    fig.savefig(IMG / "kesiapan-dimensi.png")
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(6.3, 3.0), dpi=200)
    wis = [1.12, 1.25, 1.38, 0.41, 0.63]
    ax.bar(years, wis, color=PALETTE[4], width=0.6)
    ax.set_ylabel("Kunjungan wisatawan (juta)")
    for x, v in zip(years, wis):
        ax.text(x, v + 0.02, f"{v:.2f}".replace(".", ","), ha="center", fontsize=8)
    _style_axes(ax)
    fig.tight_layout()
    fig.savefig(IMG / "kunjungan-wisata.png")
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(6.3, 3.0), dpi=200)
    ax.bar(years, [412, 425, 441, 436, 452], color=PALETTE[5], width=0.6, label="Timbulan")
    ax.bar(years, [118, 131, 149, 156, 171], color=PALETTE[2], width=0.6, label="Terangkut ke TPA")
    ax.set_ylabel("Sampah (ton/hari)")
    ax.legend(frameon=False)
    _style_axes(ax)
    fig.tight_layout()
    fig.savefig(IMG / "sampah.png")
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(6.3, 3.0), dpi=200)
    cats = ["4G", "3G saja", "2G saja", "Tanpa sinyal"]
    ax.bar(cats, [298, 41, 23, 24], color=[PALETTE[0], PALETTE[4], PALETTE[1], PALETTE[5]], width=0.6)
    ax.set_ylabel("Jumlah nagori/kelurahan")
    _style_axes(ax)
    fig.tight_layout()
    fig.savefig(IMG / "cakupan-sinyal.png")
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(2.4, 2.8), dpi=200)
    ax.axis("off")
    from matplotlib.patches import Polygon
    ax.add_patch(Polygon([(0.1, 0.95), (0.9, 0.95), (0.9, 0.45), (0.5, 0.05), (0.1, 0.45)], closed=True,
                         facecolor="#1B5E20", edgecolor="#C9A227", lw=4))
    ax.text(0.5, 0.62, "SIMALUNGUN", ha="center", va="center", color="white", fontsize=9, weight="bold")
    ax.text(0.5, 0.42, "Habonaron\nDo Bona", ha="center", va="center", color="#F5E6A8", fontsize=7)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    fig.savefig(ROOT / "templates" / "lambang.png", transparent=True)
    plt.close(fig)


# -- .docx fragments, the way OPD staff make them ---------------------------------------
def word_document(meta: dict):
    """A blank Word document with Indonesian built-in style names and metadata in properties."""
    d = docx.Document()
    for el in d.styles.element.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}style"):
        sid = el.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}styleId")
        if sid and sid.startswith("Heading") and sid[7:].isdigit():
            n = sid[7:]
            el.set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}styleId", f"Judul{n}")
            el.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}name").set(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val", f"Judul {n}")
        if sid == "Caption":
            el.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}name").set(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val", "Keterangan")
            el.set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}styleId", "Keterangan")
    d.core_properties.title = meta["title"]
    d.core_properties.author = meta.get("contact", "")
    _custom_properties(d, {k: v for k, v in meta.items() if k != "title"})
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    return d


def _custom_properties(d, props: dict) -> None:
    set_custom_properties(d, props)


def h(d, text, level):
    return d.add_paragraph(text, style=d.styles[f"Judul {level}"] if False else _heading_style(d, level))


def _heading_style(d, level):
    for st in d.styles:
        if st.style_id == f"Judul{level}":
            return st
    raise KeyError(level)


def p(d, text, bold_lead=None):
    para = d.add_paragraph()
    if bold_lead:
        r = para.add_run(bold_lead)
        r.bold = True
    r = para.add_run(text)
    r.font.name = "Times New Roman"  # direct formatting, as staff do
    r.font.size = Pt(12)
    para.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    return para


def caption(d, text, bookmark=None):
    para = d.add_paragraph(text, style=next(s for s in d.styles if s.style_id == "Keterangan"))
    if bookmark:  # Insert > Bookmark in Word: a cross-reference target
        ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        para._p.insert(1, parse_xml(f'<w:bookmarkStart {ns} w:id="77" w:name="{bookmark}"/>'))
        para._p.append(parse_xml(f'<w:bookmarkEnd {ns} w:id="77"/>'))
    return para


def table(d, rows, widths=None, font=9):
    t = d.add_table(rows=len(rows), cols=len(rows[0]))
    t.style = d.styles["Table Grid"]
    for i, row in enumerate(rows):
        for j, val in enumerate(row):
            cell = t.cell(i, j)
            cell.text = str(val)
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(font)
                run.bold = i == 0
            if i == 0:
                cell._tc.get_or_add_tcPr().append(parse_xml(
                    '<w:shd xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
                    'w:val="clear" w:color="auto" w:fill="FFD966"/>'))
            if widths:
                cell.width = Cm(widths[j])
    return t


def bullet(d, text):
    return d.add_paragraph(text, style="List Bullet")


PROGRAM_HEADER = ["No", "Elemen", "Nama Program", "Deskripsi", "Output/Outcome", "Tahun Pelaksanaan",
                  "Indikasi Anggaran (Rp)", "Sumber Dana", "Perangkat Daerah Penanggung Jawab"]


def landscape_programmes(d, title, rows, source, bookmark=None):
    """A landscape section holding the wide programme table, then back to portrait."""
    sec = d.add_section(WD_SECTION.NEW_PAGE)
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = sec.page_height, sec.page_width
    caption(d, title, bookmark)
    table(d, [PROGRAM_HEADER] + rows, font=8)
    d.add_paragraph(source)
    back = d.add_section(WD_SECTION.NEW_PAGE)
    back.orientation = WD_ORIENT.PORTRAIT
    back.page_width, back.page_height = back.page_height, back.page_width


def governance() -> None:
    d = word_document({"title": "Strategi Smart Governance", "opd": "kominfo", "section": "smart-governance",
                       "version": "3", "date": "2026-10-12", "contact": "Bidang Aplikasi Informatika, 0622-21090"})
    h(d, "Kondisi Tata Kelola Pemerintahan Saat Ini", 1)
    p(d, "Pemerintah Kabupaten Simalungun telah menerapkan Sistem Pemerintahan Berbasis Elektronik (SPBE) "
         "secara bertahap sejak tahun 2018. Hasil evaluasi SPBE tahun 2021 menunjukkan indeks 2,31 dengan "
         "predikat cukup. Sebanyak 47 aplikasi telah digunakan oleh perangkat daerah, namun sebagian besar "
         "masih berdiri sendiri, belum terintegrasi, dan menyimpan data pada server yang berbeda-beda.")
    p(d, "Pelayanan perizinan telah dilayani melalui Mal Pelayanan Publik di Pematang Raya, tetapi masyarakat "
         "dari kecamatan yang jauh seperti Silou Kahean dan Haranggaol Horison masih harus datang langsung. "
         "Pengaduan masyarakat diterima melalui SP4N-LAPOR!, media sosial, dan surat, sehingga tindak lanjutnya "
         "sulit dipantau secara terpadu.")
    h(d, "Elemen Pelayanan", 1)
    p(d, "Arah pengembangan elemen pelayanan adalah layanan publik yang dapat diakses dari mana saja, "
         "dengan satu akun warga dan satu pintu pengaduan. Layanan administrasi kependudukan, perizinan, dan "
         "kesehatan menjadi prioritas karena paling sering digunakan masyarakat.")
    for t in ["Portal layanan publik terpadu dengan akun tunggal warga.",
              "Integrasi kanal pengaduan ke SP4N-LAPOR! dengan pemantauan waktu tindak lanjut.",
              "Anjungan layanan mandiri di 32 kantor camat."]:
        bullet(d, t)
    h(d, "Elemen Birokrasi", 1)
    p(d, "Birokrasi yang efisien menuntut proses kerja tanpa kertas, data yang dibagi pakai antarperangkat "
         "daerah, dan pengambilan keputusan berbasis data. Penerapan tanda tangan elektronik dan naskah dinas "
         "elektronik akan memangkas waktu disposisi surat dari rata-rata 4 hari menjadi kurang dari 1 hari.")
    caption(d, "Tabel 1 Kondisi Aplikasi Pemerintahan per Kategori")
    table(d, [["Kategori", "Jumlah Aplikasi", "Terintegrasi", "Keterangan"],
              ["Layanan publik", "18", "5", "Perizinan, kependudukan, kesehatan"],
              ["Administrasi pemerintahan", "21", "7", "Kepegawaian, keuangan, persuratan"],
              ["Data dan informasi", "8", "2", "Satu Data, statistik sektoral"],
              ["Jumlah", "47", "14", ""]], widths=[5, 3, 3, 5])
    d.add_paragraph("Sumber: Dinas Kominfo Kabupaten Simalungun, 2021")
    h(d, "Elemen Kebijakan", 1)
    p(d, "Kebijakan yang mendukung tata kelola cerdas mencakup Peraturan Bupati tentang SPBE, tentang "
         "Satu Data Simalungun, dan tentang manajemen keamanan informasi. Kebijakan tersebut memberi dasar "
         "bagi pembagian peran antara Diskominfo sebagai pengelola infrastruktur dan perangkat daerah sebagai "
         "pemilik proses bisnis dan data.")
    landscape_programmes(d, "Tabel 2 Program Pengembangan Smart Governance", [
        ["1", "Pelayanan", "Portal Layanan Publik Terpadu", "Satu pintu layanan daring dengan akun tunggal warga",
         "Portal aktif; 60 layanan daring", "2023–2025", "Rp 2.750.000.000", "APBD", "Diskominfo"],
        ["2", "Pelayanan", "Anjungan Layanan Mandiri Kecamatan", "Mesin layanan mandiri di kantor camat",
         "32 anjungan", "2024–2026", "Rp 1.920.000.000", "APBD, DAK", "Disdukcapil"],
        ["3", "Birokrasi", "Naskah Dinas Elektronik", "Persuratan dan disposisi elektronik bertanda tangan elektronik",
         "Seluruh OPD menggunakan TTE", "2022–2023", "Rp 850.000.000", "APBD", "Diskominfo"],
        ["4", "Birokrasi", "Satu Data Simalungun", "Portal dan walidata data sektoral",
         "150 set data terbit", "2022–2026", "Rp 1.200.000.000", "APBD", "Diskominfo"],
        ["5", "Kebijakan", "Perbup Arsitektur SPBE", "Penyusunan arsitektur dan peta rencana SPBE",
         "1 Perbup", "2022", "Rp 300.000.000", "APBD", "Bagian Hukum"],
        ["6", "Kebijakan", "Sistem Manajemen Keamanan Informasi", "Penerapan SMKI dan CSIRT daerah",
         "CSIRT terbentuk", "2023–2024", "Rp 650.000.000", "APBD Provinsi", "Diskominfo"],
    ], "Sumber: Hasil bimtek Masterplan Smart City, 2021", bookmark="tbl_program_governance")
    h(d, "Strategi dan Tahapan Pelaksanaan", 1)
    for text in [
        "Tahap pertama (2022–2023) membangun fondasi: penetapan arsitektur SPBE, integrasi aplikasi "
        "persuratan dan kepegawaian, serta peluncuran portal Satu Data. Pada tahap ini seluruh perangkat "
        "daerah menunjuk walidata pendukung yang bertanggung jawab atas kualitas data sektoralnya.",
        "Tahap kedua (2024–2025) memperluas layanan: portal layanan publik terpadu dengan akun tunggal "
        "warga, anjungan layanan mandiri di kantor camat, dan integrasi kanal pengaduan. Layanan yang "
        "paling sering digunakan dipindahkan terlebih dahulu agar manfaatnya segera dirasakan.",
        "Tahap ketiga (2026) memantapkan dan mengevaluasi: audit keamanan informasi, survei kepuasan "
        "pengguna layanan digital, dan penyusunan rencana pengembangan berikutnya berdasarkan data "
        "pemanfaatan layanan.",
        "Setiap tahap dikawal oleh Tim Pelaksana Smart City dengan rapat kemajuan bulanan. Perangkat "
        "daerah pemilik layanan bertanggung jawab atas proses bisnis dan kualitas layanan, sedangkan "
        "Diskominfo bertanggung jawab atas infrastruktur, keamanan, dan integrasi.",
    ]:
        p(d, text)
    caption(d, "Tabel 3 Pembagian Peran Pelaksanaan Smart Governance")
    table(d, [["Peran", "Perangkat Daerah", "Tanggung Jawab"],
              ["Koordinator", "Diskominfo", "Arsitektur, infrastruktur, keamanan, integrasi"],
              ["Perencana", "Bappeda", "Sinkronisasi dengan RPJMD dan RKPD, evaluasi"],
              ["Pemilik layanan", "Seluruh OPD", "Proses bisnis, data sektoral, kualitas layanan"],
              ["Pengawas", "Inspektorat", "Audit TIK dan reviu tata kelola"],
              ["Regulasi", "Bagian Hukum", "Penyusunan peraturan bupati pendukung"]], widths=[3.5, 3.5, 9])
    d.add_paragraph("Sumber: Diskominfo Kabupaten Simalungun, 2022")
    h(d, "Ukuran Keberhasilan", 1)
    p(d, "Keberhasilan strategi Smart Governance diukur dari kenaikan indeks SPBE menjadi 3,0 (baik) pada "
         "tahun 2026, waktu tindak lanjut pengaduan di bawah 5 hari kerja, dan 80 persen layanan perizinan "
         "yang dapat diselesaikan secara daring.")
    d.save(CH / "bab-04" / "smart-governance.kominfo.docx")


def branding() -> None:
    d = word_document({"title": "Strategi Smart Branding", "opd": "pariwisata", "section": "smart-branding",
                       "version": "2", "date": "2026-10-14", "contact": "Sekretariat Dinas Pariwisata"})
    h(d, "Potensi Pencitraan Daerah", 1)
    p(d, "Simalungun memiliki garis pantai Danau Toba terpanjang di antara kabupaten di kawasan Danau Toba, "
         "dengan destinasi unggulan Parapat, Haranggaol, Sipolha, dan Tigaras. Kawasan ini termasuk Destinasi "
         "Pariwisata Super Prioritas yang ditetapkan Pemerintah Pusat. Selain wisata alam, Simalungun memiliki "
         "kekayaan budaya seperti Rumah Bolon Pematang Purba, tari Tortor Simalungun, dan kain hiou.")
    d.add_picture(str(IMG / "kunjungan-wisata.png"), width=Cm(14))
    caption(d, "Gambar 1 Kunjungan Wisatawan ke Kabupaten Simalungun 2017–2021")
    d.add_paragraph("Sumber: Dinas Pariwisata Kabupaten Simalungun, 2022")
    p(d, "Penurunan tajam kunjungan pada tahun 2020 disebabkan pandemi COVID-19. Pemulihan pada tahun 2021 "
         "menunjukkan bahwa promosi digital dan penerapan protokol kesehatan berbasis aplikasi memberi "
         "kepercayaan kepada wisatawan.")
    h(d, "Elemen Pariwisata", 1)
    p(d, "Pengembangan pariwisata cerdas diarahkan pada informasi destinasi yang mudah diakses, pemesanan "
         "dan pembayaran nontunai di lokasi wisata, serta data kunjungan yang tercatat secara waktu nyata.")
    p(d, "Aplikasi Jelajah Simalungun memuat peta destinasi, agenda budaya, penginapan, kuliner dan "
         "transportasi menuju kawasan Danau Toba. Informasi disusun bersama pengelola destinasi, kelompok "
         "sadar wisata dan pelaku usaha, dan diperbarui melalui dasbor pengelola. Data kunjungan dari tiket "
         "elektronik di destinasi dikumpulkan untuk menghitung lama tinggal dan belanja wisatawan.")
    p(d, "Desa wisata seperti Sipolha, Haranggaol dan Tigaras didampingi untuk memasarkan paket wisata "
         "secara daring. Pendampingan mencakup fotografi produk, penulisan deskripsi dalam bahasa Indonesia "
         "dan Inggris, serta pengelolaan ulasan pengunjung di platform perjalanan.")
    h(d, "Elemen Bisnis", 1)
    p(d, "Iklim bisnis yang menarik dibangun melalui profil investasi daerah yang mudah ditemukan, kemudahan "
         "perizinan berusaha melalui OSS, dan kemitraan pelaku usaha lokal dengan pengelola destinasi.")
    h(d, "Elemen Wajah Kota", 1)
    p(d, "Penataan wajah kota dilakukan di Pematang Raya sebagai ibu kota kabupaten dan Parapat sebagai pintu "
         "gerbang wisata, melalui penataan ruang terbuka hijau, penerangan jalan, dan papan informasi digital.")
    caption(d, "Tabel 1 Program Pengembangan Smart Branding")
    table(d, [["No", "Elemen", "Nama Program", "Tahun", "Indikasi Anggaran (Rp)", "Sumber Dana", "Penanggung Jawab"],
              ["1", "Pariwisata", "Aplikasi Jelajah Simalungun", "2023–2024", "Rp 600.000.000", "APBD", "Dispar"],
              ["2", "Pariwisata", "Pembayaran Nontunai di Destinasi", "2023–2025", "Rp 450.000.000", "CSR", "Dispar"],
              ["3", "Bisnis", "Profil Investasi Digital", "2022–2023", "Rp 350.000.000", "APBD", "Dispar"],
              ["4", "Wajah Kota", "Papan Informasi Digital Parapat", "2024", "Rp 1,2 M", "APBN/DAK", "Dispar"],
              ["5", "Wajah Kota", "Penataan Taman Kota Pematang Raya", "2025–2026", "Rp 2.100.000.000", "APBD", "Dispar"]],
          widths=[1, 2.3, 4.5, 1.8, 2.8, 1.8, 2.2])
    d.add_paragraph("Sumber: Hasil bimtek Masterplan Smart City, 2021")
    d.save(CH / "bab-04" / "smart-branding.pariwisata.docx")


def environment() -> None:
    d = word_document({"title": "Strategi Smart Environment", "opd": "dlh", "section": "smart-environment",
                       "version": "1", "date": "2026-10-15", "contact": "Bidang Pengelolaan Sampah DLH"})
    h(d, "Kondisi Lingkungan Hidup", 1)
    p(d, "Kualitas air Danau Toba, pengelolaan sampah di kawasan wisata, dan alih fungsi lahan di daerah "
         "tangkapan air merupakan isu lingkungan utama Kabupaten Simalungun. Timbulan sampah terus meningkat "
         "seiring pertumbuhan penduduk dan kunjungan wisata, sementara cakupan pengangkutan baru sekitar "
         "38 persen.")
    d.add_picture(str(IMG / "sampah.png"), width=Cm(14))
    caption(d, "Gambar 1 Timbulan dan Pengangkutan Sampah 2017–2021")
    d.add_paragraph("Sumber: DLH Kabupaten Simalungun, 2022")
    h(d, "Elemen Perlindungan Lingkungan", 1)
    p(d, "Pemantauan kualitas air dan udara secara otomatis di titik-titik strategis Danau Toba akan "
         "memberi peringatan dini pencemaran. Data pemantauan dibuka kepada masyarakat melalui portal Satu Data.")
    h(d, "Elemen Sampah dan Limbah", 1)
    p(d, "Bank sampah digital di nagori dan kelurahan mencatat setoran warga dan menghubungkannya dengan "
         "pengepul. Armada pengangkut dilengkapi pelacak GPS agar rute dan jadwal dapat dipantau.")
    h(d, "Elemen Energi", 1)
    p(d, "Penerangan jalan umum tenaga surya dan pemanfaatan biogas di sentra peternakan menjadi langkah awal "
         "transisi energi bersih di tingkat kabupaten.")
    p(d, "Jalur wisata Pematangsiantar–Parapat dan jalan lingkar kawasan Danau Toba dipilih sebagai lokasi "
         "awal penerangan jalan tenaga surya karena tingginya lalu lintas malam dan biaya listrik yang besar. "
         "Setiap titik lampu dilengkapi pengendali jarak jauh sehingga gangguan dapat diketahui dari ruang "
         "kendali tanpa menunggu laporan warga.")
    h(d, "Peran Masyarakat", 1)
    p(d, "Keberhasilan dimensi lingkungan sangat bergantung pada perilaku warga. Karena itu setiap program "
         "disertai kampanye dan insentif: tabungan bank sampah, penghargaan nagori bersih, serta pelibatan "
         "sekolah dalam pemantauan kualitas air sederhana di sungai-sungai yang bermuara ke Danau Toba.")
    p(d, "Kelompok masyarakat adat dan nelayan di tepian danau dilibatkan dalam penyusunan aturan "
         "pemanfaatan perairan, termasuk penataan keramba jaring apung, agar kebijakan lingkungan diterima "
         "dan dijalankan bersama.")
    caption(d, "Tabel 1 Program Pengembangan Smart Environment")
    table(d, [["No", "Elemen", "Nama Program", "Tahun", "Indikasi Anggaran (Rp)", "Sumber Dana", "Penanggung Jawab"],
              ["1", "Perlindungan Lingkungan", "Stasiun Pemantau Kualitas Air Danau Toba", "2023–2025",
               "Rp 1.800.000.000", "APBN/DAK", "DLH"],
              ["2", "Sampah dan Limbah", "Bank Sampah Digital", "2022–2024", "Rp 420.000.000", "APBD", "DLH"],
              ["3", "Sampah dan Limbah", "Pelacakan Armada Sampah", "2023", "Rp 380.000.000", "APBD", "DLH"],
              ["4", "Energi", "PJU Tenaga Surya Jalur Wisata", "2024–2026", "Rp 3.250.000.000", "KPBU/Swasta", "DLH"]],
          widths=[1, 2.8, 4.2, 1.8, 2.8, 1.8, 2])
    d.add_paragraph("Sumber: Hasil bimtek Masterplan Smart City, 2021")
    d.save(CH / "bab-04" / "smart-environment.dlh.docx")


def readiness() -> None:
    d = word_document({"title": "Kesiapan Daerah", "opd": "kominfo", "section": "kesiapan-daerah",
                       "version": "2", "date": "2026-09-28", "contact": "Bidang Aplikasi Informatika"})
    h(d, "Penilaian Kesiapan", 1)
    p(d, "Penilaian kesiapan daerah dilakukan pada bimtek tahap pertama dengan mengukur tiga aspek: "
         "struktur (kelembagaan dan sumber daya), infrastruktur (jaringan dan pusat data), dan suprastruktur "
         "(kebijakan dan tata kelola), untuk masing-masing dari enam dimensi. Skala penilaian 1 sampai 4.")
    caption(d, "Tabel 1 Hasil Penilaian Kesiapan per Dimensi")
    table(d, [["Dimensi", "Struktur", "Infrastruktur", "Suprastruktur", "Rata-rata"],
              ["Smart Governance", "2,8", "2,5", "2,5", "2,6"],
              ["Smart Branding", "2,3", "2,0", "2,3", "2,2"],
              ["Smart Economy", "2,1", "1,9", "2,0", "2,0"],
              ["Smart Living", "2,5", "2,4", "2,3", "2,4"],
              ["Smart Society", "2,4", "2,2", "2,3", "2,3"],
              ["Smart Environment", "2,0", "1,7", "2,0", "1,9"]], widths=[4.5, 2.5, 2.5, 2.5, 2.5])
    d.add_paragraph("Sumber: Hasil bimtek tahap I, September 2021")
    d.add_picture(str(IMG / "kesiapan-dimensi.png"), width=Cm(10))
    caption(d, "Gambar 1 Tingkat Kesiapan per Dimensi", bookmark="fig_kesiapan_dimensi")
    h(d, "Kesimpulan Kesiapan", 1)
    p(d, "Dimensi Smart Governance memiliki kesiapan tertinggi karena telah didukung kebijakan SPBE dan "
         "pusat data daerah. Dimensi Smart Environment dan Smart Economy memerlukan perhatian lebih, terutama "
         "pada infrastruktur pemantauan lingkungan dan digitalisasi UMKM. Sebaran penduduk yang menjadi "
         "sasaran layanan dapat dilihat pada @tbl:penduduk-kecamatan.")
    d.save(CH / "bab-02" / "kesiapan-daerah.kominfo.docx")


def main() -> int:
    figures()
    for sub in ("bab-02", "bab-04"):
        (CH / sub).mkdir(parents=True, exist_ok=True)
    governance()
    branding()
    environment()
    readiness()
    print("samples written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
