"""Generate tests/fixtures/: chapter files made the way OPD staff really make them.

Word files are written in Word 2016+'s own idiom (tools/wordxml.py); the
LibreOffice files are converted by soffice at generation time; the filled-in
forms start from what ``masterplan forms`` writes today. Each file is listed
with the habits it shows in tests/fixtures/README.md and, for tools, in
tests/fixtures/manifest.json (the section and OPD it is meant for).

Deterministic: fixed dates, ids derived from names, zip entries dated
1980-01-01, so a re-run gives the same bytes (the LibreOffice files: the same
XML, as long as LibreOffice's version is the same).

Run: ``.venv/bin/python tools/make_fixtures.py`` (needs LibreOffice); the
outputs are committed. ``--word-only`` skips the LibreOffice files and forms.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fixture_forms as forms  # noqa: E402
import fixture_word as word  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures"
GOV = ("smart-governance", "kominfo")
READY = ("kesiapan-daerah", "kominfo")
QW = ("quick-win", "kominfo")

# file -> (maker, made by, (section, opd), habits)
FIXTURES: dict[str, tuple[str, str, tuple[str, str], list[str]]] = {
    "word-lengkap.docx": ("lengkap", "word", GOV, [
        "Title and Subtitle paragraphs at the top", "first heading restates the section title (SMART GOVERNANCE)",
        "typed heading numbers (1.1 Kondisi Saat Ini)", "Indonesian style ids (Judul1, Keterangan, DaftarParagraf)",
        "direct formatting: Arial 12, Tahoma 13 red, bold, italic", "highlighted placeholder [isi data capaian SPBE "
        "di sini]", "comment with a reply (comments, commentsExtended, commentsIds, commentsExtensible, people)",
        "tracked insertion, deletion and an inserted paragraph mark", "three footnotes and one endnote",
        "text box (wps:txbx with VML v:textbox fallback)", "shape with text (roundRect)",
        "SmartArt (data, layout, quickStyle, colors, drawing)", "picture with a SEQ-field caption",
        "programme table: two-row header, Tahun Pelaksanaan over 2022..2026 with ● marks",
        "programme table: Pendanaan dan Waktu over two columns, Dimensi column",
        "owner cells Dinas Kominfo / Dinas Komunikasi dan Informatika",
        "mixed rupiah: Rp. 1,5 M, 750 jt, Rp 1.800.000.000, Rp 2.500.000.000,00, 1,2 miliar",
        "misspelt dimension Smart Enviroment", "typed captions Tabel 1 / Tabel 2 and Sumber: lines",
        "Letter paper; a landscape section in the middle and one at the end", "numbered and bulleted lists"]),
    "word-judul-ulang.docx": ("judul_ulang", "word", GOV, [
        "Title and Subtitle at the top", "restated title heading SMART GOVERNANCE", "typed heading numbers",
        "style names localised in w:name (Judul 1), as a hand-made template has them", "no core title"]),
    "word-tabel-program.docx": ("tabel_program", "word", GOV, [
        "both two-row programme headers (gridSpan and vMerge)", "● year marks", "mixed rupiah",
        "owner Dinas Kominfo", "Smart Enviroment", "landscape Letter section at the end"]),
    "word-catatan.docx": ("catatan", "word", READY, ["three footnotes and one endnote (both notes parts)"]),
    "word-kotak-teks.docx": ("kotak_teks", "word", READY, [
        "text box: mc:AlternateContent, wps:txbx and VML v:textbox, text written twice",
        "shape with text inline"]),
    "word-smartart.docx": ("smartart_gambar", "word", READY, ["SmartArt with its five parts",
                                                               "picture (1200 px PNG)", "SEQ field caption"]),
    "word-komentar-revisi.docx": ("komentar_revisi", "word", READY, [
        "comment with a reply", "tracked changes (w:ins, w:del, inserted paragraph mark), trackRevisions on",
        "highlight placeholder", "direct formatting"]),
    "word-lanskap-letter.docx": ("lanskap_letter", "word", READY, [
        "Letter paper (12240 x 15840)", "landscape section in the middle", "landscape section at the end"]),
    "word-polos.docx": ("polos", "word", READY, [
        "plain Word file: no custom properties, empty title, no sidecar", "A4", "one simple table, a bullet list"]),
    "form-word-smart-governance.kominfo.docx": ("form_word_governance", "form+word", GOV, [
        "masterplan forms output filled in and saved by Word", "guidance deleted except one line left in",
        "text typed under the headings", "programme table filled, a row added", "cover block kept "
        "(KERTAS KERJA, OPD, BAB line, Batas waktu)", "style ids localised by Word on save (Judul1, TeksIsi)"]),
    "form-word-quick-win.kominfo.docx": ("form_word_quick_win", "form+word", QW, [
        "quick-win form filled in and saved by Word", "all guidance deleted", "profile table filled",
        "cover block kept"]),
    "form-lo-smart-governance.kominfo.docx": ("form_lo_governance", "form+libreoffice", GOV, [
        "the same form filled and saved by LibreOffice 7.4 as .docx", "guidance deleted", "programme table filled"]),
    "form-lo-quick-win.kominfo.docx": ("form_lo_quick_win", "form+libreoffice", QW, [
        "quick-win form filled and saved by LibreOffice", "one guidance line left in",
        "misspelt dimension Smart Enviroment in the profile"]),
    "lo-html-smart-governance.docx": ("lo_html", "libreoffice", GOV, [
        "written from HTML (lo-html-smart-governance.html) by soffice --convert-to docx:\"MS Word 2007 XML\"",
        "restated title h1", "typed numbers in h2", "programme table with rowspan/colspan header "
        "(Tahun Pelaksanaan over years)", "LibreOffice styles (ids Heading1, TextBody, TableContents)"]),
    "md-tanpa-front-matter.md": ("markdown", "markdown", READY, [
        "Markdown with no front matter", "restated title", "typed numbers", "a pipe table"]),
}

GOV_TEXTS = {
    "Kondisi Saat Ini": ["Indeks SPBE Kabupaten Simalungun mencapai 3,4 pada 2023. Layanan publik daring tersebar "
                         "di 18 aplikasi yang belum terintegrasi."],
    "Elemen Pelayanan": ["Mal Pelayanan Publik digital menyatukan layanan perizinan dan kependudukan."],
    "Elemen Birokrasi": ["e-Office dan tanda tangan elektronik diterapkan di seluruh perangkat daerah.",
                         "Data kepegawaian dimutakhirkan setiap triwulan."],
    "Elemen Kebijakan": ["Peraturan Bupati tentang Satu Data Simalungun disusun pada 2024."],
}
GOV_ROWS = [
    ["1", "Pelayanan", "Mal Pelayanan Publik Digital", "Integrasi layanan perizinan dan kependudukan",
     "Portal MPP daring", "2022-2024", "Rp 1.500.000.000", "APBD", "Diskominfo"],
    ["2", "Birokrasi", "Sistem Naskah Dinas Elektronik", "Surat dinas tanpa kertas", "32 OPD memakai e-Office",
     "2022-2023", "Rp 1.800.000.000", "APBD", "Diskominfo"],
    ["3", "Kebijakan", "Satu Data Simalungun", "Portal data terbuka daerah", "150 set data terbit",
     "2024-2026", "Rp 2.500.000.000", "APBN/DAK", "Diskominfo"],
]
QW_WORD = {
    "Nama": "Layanan Adminduk Keliling Berbasis Aplikasi", "Dimensi": "Smart Governance", "Elemen": "Pelayanan",
    "Latar Belakang": "Warga desa terpencil menempuh perjalanan jauh untuk mengurus dokumen kependudukan.",
    "Tujuan": "Mendekatkan layanan kependudukan ke desa.", "Sasaran": "Warga di 10 desa terjauh.",
    "Tahapan": "Pendataan desa; penjadwalan; pelayanan keliling; evaluasi.",
    "Lokasi": "Kecamatan Raya dan Kecamatan Tanah Jawa", "Waktu": "Januari - Juni 2023",
    "OPD Penanggung Jawab": "Diskominfo", "OPD Pendukung": "Disdukcapil", "Indikasi Biaya (Rp)": "Rp 350.000.000",
    "Sumber Dana": "APBD", "Output": "1.500 dokumen kependudukan terbit", "Outcome": "Cakupan KTP-el naik 5%",
}
QW_LO = {
    "Nama": "Bank Sampah Digital", "Dimensi": "Smart Enviroment", "Elemen": "Sampah dan Limbah",
    "Latar Belakang": "Pencatatan tabungan bank sampah masih manual.", "Tujuan": "Pencatatan setoran secara daring.",
    "Sasaran": "20 bank sampah di Pematang Raya.", "Tahapan": "Pengembangan aplikasi; pelatihan; uji coba.",
    "Lokasi": "Pematang Raya", "Waktu": "Juli - Desember 2023", "OPD Penanggung Jawab": "Diskominfo",
    "OPD Pendukung": "DLH", "Indikasi Biaya (Rp)": "250 jt", "Sumber Dana": "CSR",
    "Output": "Aplikasi bank sampah", "Outcome": "Setoran sampah terpilah naik 30%",
}

HTML = """<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><title>Smart Governance</title></head>
<body>
<h1>Smart Governance</h1>
<h2>4.1.1 Kondisi Saat Ini</h2>
<p>Penerapan SPBE di Kabupaten Simalungun dimulai pada 2019. Indeks SPBE naik dari 1,9 menjadi 3,4 pada 2023,
namun sebagian besar <b>layanan publik daring</b> belum terintegrasi.</p>
<ul><li>18 aplikasi layanan berdiri sendiri;</li><li>data kependudukan belum dipakai bersama.</li></ul>
<h2>4.1.2 Program Pengembangan</h2>
<p>Tabel 4.1 Program Pengembangan Smart Governance</p>
<table border="1" cellpadding="3">
<thead>
<tr><th rowspan="2">No</th><th rowspan="2">Elemen</th><th rowspan="2">Nama Program</th>
<th rowspan="2">Output/Outcome</th><th colspan="5">Tahun Pelaksanaan</th>
<th rowspan="2">Indikasi Anggaran (Rp)</th><th rowspan="2">Sumber Dana</th>
<th rowspan="2">Perangkat Daerah Penanggung Jawab</th></tr>
<tr><th>2022</th><th>2023</th><th>2024</th><th>2025</th><th>2026</th></tr>
</thead>
<tbody>
<tr><td>1</td><td>Pelayanan</td><td>Mal Pelayanan Publik Digital</td><td>Portal MPP daring</td>
<td>●</td><td>●</td><td>●</td><td></td><td></td><td>Rp1.500.000.000,00</td><td>APBD</td><td>Dinas Kominfo</td></tr>
<tr><td>2</td><td>Birokrasi</td><td>Sistem Naskah Dinas Elektronik</td><td>32 OPD memakai e-Office</td>
<td>●</td><td>●</td><td></td><td></td><td></td><td>Rp 1.800.000.000</td><td>APBD Provinsi</td><td>Diskominfo</td></tr>
<tr><td>3</td><td>Kebijakan</td><td>Satu Data Simalungun</td><td>150 set data terbit</td>
<td></td><td></td><td>●</td><td>●</td><td>●</td><td>Rp. 2,5 M</td><td>APBN/DAK</td><td>Diskominfo</td></tr>
</tbody></table>
<p><i>Sumber: Diskominfo Kabupaten Simalungun, 2023</i></p>
<h2>4.1.3 Arah Kebijakan</h2>
<p>Kebijakan Satu Data menjadi dasar pertukaran data antarperangkat daerah.</p>
</body></html>
"""

MARKDOWN = """# Kesiapan Daerah

## 2.2.1 Struktur Organisasi

Diskominfo Kabupaten Simalungun memiliki tiga bidang: aplikasi informatika, infrastruktur, dan statistik.

## 2.2.2 Infrastruktur

| Jenis | Jumlah |
|---|---|
| Menara BTS | 214 |
| Titik Wi-Fi publik | 96 |

Tabel 2.2 Infrastruktur TIK Kabupaten Simalungun

Sumber: Diskominfo Kabupaten Simalungun, 2023

## 2.2.3 Suprastruktur

Peraturan Bupati tentang SPBE ditetapkan pada 2021.
"""


def make(name: str, out: Path) -> Path:
    """Write one fixture by its maker's name."""
    maker = FIXTURES[name][0]
    target = out / name
    if hasattr(word, maker):
        return getattr(word, maker)(target)
    if maker == "markdown":
        target.write_text(MARKDOWN, encoding="utf-8")
        return target
    if maker == "lo_html":
        html = out / "lo-html-smart-governance.html"
        html.write_text(HTML, encoding="utf-8")
        return forms.html_to_docx(html, target)
    section, owner = FIXTURES[name][2]
    form = forms.render(section, owner)
    if maker == "form_word_governance":
        filled = forms.edited_form(form, texts=GOV_TEXTS, keep_guidance=(2,), table_rows=GOV_ROWS)
        return forms.word_resave(filled, target, seed=name, modified_by="Staf Diskominfo",
                                 modified="2026-10-12T03:40:00Z", revision=3, total_time=95)
    if maker == "form_word_quick_win":
        filled = forms.edited_form(form, texts={"Uraian": ["Quick win dipilih karena dapat selesai dalam enam "
                                                           "bulan dengan anggaran kecil."]}, profile=QW_WORD)
        return forms.word_resave(filled, target, seed=name, modified_by="Staf Diskominfo",
                                 modified="2026-10-20T07:15:00Z", revision=2, total_time=41)
    if maker == "form_lo_governance":
        return forms.filled_form_libreoffice(forms.edited_form(form, texts=GOV_TEXTS, table_rows=GOV_ROWS), target)
    if maker == "form_lo_quick_win":
        filled = forms.edited_form(form, texts={"Uraian": ["Bank sampah digital mempercepat pencatatan setoran."]},
                                   keep_guidance=(1,), profile=QW_LO)
        return forms.filled_form_libreoffice(filled, target)
    raise KeyError(maker)


def readme() -> str:
    lines = ["# Test fixtures: chapter files as OPD staff make them", "",
             "Generated by `tools/make_fixtures.py` (do not edit by hand; re-run it). Each file is meant for the",
             "section and OPD in `manifest.json`; `tools/try_corpus.py tests/fixtures` puts each one into a copy",
             "of the sample project and builds a draft. `tests/test_fixtures.py` checks that every file shows",
             "its habits and that LibreOffice opens it.", "",
             "Word files are written in Word 2016+'s idiom: about thirty namespaces with `mc:Ignorable`,",
             "`w14:paraId`/`w14:textId` and rsids on every paragraph and row, theme fonts, settings with",
             "`w:compat`, `docProps/app.xml` naming Microsoft Office Word, zip entries dated 1980-01-01.",
             "Word writes built-in style names in English in any language (`w:name` \"heading 1\") and",
             "localises only the id (`Judul1`, `Keterangan`, `DaftarParagraf`).", "",
             "| file | made by | section / OPD | habits |", "|---|---|---|---|"]
    for name, (_, made_by, (section, opd), habits) in FIXTURES.items():
        lines.append(f"| `{name}` | {made_by} | {section} / {opd} | {'; '.join(habits)} |")
    lines += ["", "`lo-html-smart-governance.html` is the source of `lo-html-smart-governance.docx`.", ""]
    return "\n".join(lines)


def manifest() -> dict:
    from pipeline.config import load_config

    cfg = load_config(ROOT)
    out = {}
    for name, (_, made_by, (section, opd), habits) in FIXTURES.items():
        out[name] = {"section": section, "opd": opd, "title": cfg.config.section(section)[1].title,
                     "made_by": made_by, "habits": habits}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--word-only", action="store_true", help="only the files written without LibreOffice")
    ap.add_argument("names", nargs="*", help="only these fixtures")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, (maker, made_by, _, _) in FIXTURES.items():
        if args.names and name not in args.names:
            continue
        if args.word_only and made_by != "word":
            continue
        path = make(name, args.out)
        print(f"{path.relative_to(args.out.parent.parent) if args.out == OUT else path}  {path.stat().st_size:,} B")
    if not args.names and not args.word_only:
        (args.out / "README.md").write_text(readme(), encoding="utf-8")
        (args.out / "manifest.json").write_text(json.dumps(manifest(), ensure_ascii=False, indent=2) + "\n",
                                                encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
