"""The command line's help in Bahasa Indonesia (the default); the English help is each command's docstring.

``COMMANDS`` gives per command its one-line summary and its text; ``OPTIONS``
the help of an option by its name, and ``OPTIONS_OF`` where one command says
it otherwise. ``\\b`` keeps the examples' lines as written.
"""

from __future__ import annotations

MAIN = """masterplan: menyusun Masterplan Smart City kabupaten/kota dari berkas bab kiriman OPD.

\b
Contoh:
  masterplan validate            periksa setiap berkas bab
  masterplan build               susun build/<nama>.docx dan .pdf
  masterplan rules               daftar semua aturan pemeriksaan
"""

COMMANDS: dict[str, tuple[str, str]] = {
    "build": ("Menyusun buku masterplan (.docx dan .pdf) dari berkas bab.", """\
Menyusun buku masterplan (.docx dan .pdf) dari berkas bab.

Menulis build/<base>.docx, build/<base>.pdf, build/diagnostics.json dan satu
laporan per OPD di build/reports/, lalu dokumen pendamping buku:
build/<base>-komitmen, -perbup dan -ringkasan (.docx dan .pdf). Bila
masterplan.yml memuat books:, satu build/<base>-buku-N.docx/.pdf per buku.
Build yang menemukan kesalahan di berkas bab berhenti (kode keluar 1) dan buku
sebelumnya tidak diubah.

--draft menulis build/drafts/<base>-draf-NN-YYYYMMDD.docx/.pdf (NN bertambah,
tidak ada yang ditimpa) dengan manifes dan laporan perubahan sejak draf
sebelumnya; berkas yang bermasalah ditinggalkan dan tempatnya diberi catatan.
--final menolak, dengan menyebut setiap hambatan, selama masih ada yang kurang
atau salah.

\b
Contoh:
  masterplan build --project ~/masterplan-simalungun --out /tmp/buku
  masterplan build --draft
  masterplan build --final --no-pdf
"""),
    "validate": ("Memeriksa berkas bab tanpa menyusun buku.", """\
Memeriksa berkas bab tanpa menyusun buku.

Memeriksa seluruh proyek, atau hanya berkas dan folder yang disebut. Satu berkas
di luar chapters/ dinilai seperti `masterplan submit` menilainya: judul, versi
dan tanggal yang tidak ada diisi, dan bab lain diperiksa sebagaimana jadinya
bila berkas itu diterima. Kode keluar 0 bila tidak ada kesalahan, 1 bila ada
(juga peringatan, dengan --strict), 2 bila perintah atau konfigurasi salah.

\b
Contoh:
  masterplan validate
  masterplan validate chapters/bab-04 --format json
  masterplan validate kiriman.docx --opd kominfo --section smart-governance
"""),
    "rules": ("Daftar setiap aturan pemeriksaan: kode, tingkat dan uraian singkat.", """\
Daftar setiap aturan pemeriksaan: kode, tingkat dan uraian singkat.

\b
Contoh:
  masterplan rules --lang en
"""),
    "init": ("Membuat proyek masterplan baru untuk daerah lain.", """\
Membuat proyek masterplan baru untuk daerah lain.

Menulis masterplan.yml dengan kerangka baku (BAB I–X, enam dimensi, daftar OPD
yang lazim), templat, folder chapters/ yang kosong dan README untuk editor.
`masterplan build` pada proyek baru menghasilkan draf berisi catatan tempat.

\b
Contoh:
  masterplan init toba --region "Kabupaten Toba" --period 2025-2029
"""),
    "forms": ("Membuat formulir Word (kertas kerja) yang diisi setiap OPD, satu per bagian miliknya.", """\
Membuat formulir Word (kertas kerja) yang diisi setiap OPD, satu per bagian miliknya.

Setiap formulir memuat nama OPD, judul bagian dan batas waktunya, judul-judul
wajib dengan petunjuk, serta tabel program atau quick win yang kosong. Properti
dokumennya membawa metadata, sehingga formulir yang sudah diisi dapat langsung
dikirim.

\b
Contoh:
  masterplan forms
  masterplan forms --opd dinkes --out /tmp/formulir
"""),
    "submit": ("Menerima berkas OPD: memeriksa, menyimpan salinan berversi, menjadikannya berkas bab yang berlaku.",
               """\
Menerima berkas OPD: memeriksa, menyimpan salinan berversi, menjadikannya berkas bab yang berlaku.

Berkas .docx atau .md biasa tidak perlu metadata sendiri bila --opd dan
--section diberikan: judul (judul bagian), versi (nomor berikutnya) dan tanggal
(hari ini) diisi dan dicatat. Berkas yang baik disimpan di
submissions/<opd>/<bagian>/<waktu>-<hash>.<ext> dan menggantikan berkas bagian
itu di chapters/. Berkas yang bermasalah, atau yang akan merusak bab lain (id
yang dirujuk bab lain hilang, kesalahan baru di sana), ditolak dengan laporan
untuk OPD (kode keluar 1) dan tidak ada yang berubah. Isi yang sama dengan
berkas yang berlaku tidak mengubah apa pun; isi versi sebelumnya menjadikan
versi itu berlaku lagi (pemulihan).

\b
Contoh:
  masterplan submit kiriman/smart-living.dinkes.docx
  masterplan submit bab4-final-revisi2.docx --opd dinkes --section smart-living
"""),
    "status": ("Menampilkan setiap bagian dengan OPD-nya: diterima atau belum, versi, hasil, batas waktu.", """\
Menampilkan setiap bagian dengan OPD-nya: diterima atau belum, versi, hasil, batas waktu.

Selalu menulis build/status.html, halaman mandiri dengan jumlah per OPD dan per
bab yang dapat dibagikan editor. Kode keluar 0 kecuali konfigurasinya rusak.

\b
Contoh:
  masterplan status
  masterplan status --format json --today 2026-10-20
"""),
    "serve": ("Menjalankan meja kiriman web: OPD mengunggah, editor memantau, peninjau mengunduh.", """\
Menjalankan meja kiriman web: OPD mengunggah, editor memantau, peninjau mengunduh.

Setiap OPD membuka tautan rahasianya (lihat `masterplan access`), melihat
bagian-bagiannya dan mengunggah berkasnya; unggahan melalui pemeriksaan yang
sama dengan `masterplan submit` dan hasilnya langsung tampil. Editor melihat
papan status dan log serta membuat draf; peninjau mengunduh draf. Semuanya
disimpan di folder proyek, sehingga tidak ada yang hilang bila dijalankan
ulang. Bila belum ada tautan editor, satu tautan dibuat dan dicetak di sini.

\b
Contoh:
  masterplan serve
  masterplan serve --project ~/masterplan-simalungun --host 0.0.0.0 --port 8080
"""),
    "access": ("Membuat, mendaftar dan mencabut tautan rahasia ke meja kiriman.", """\
Membuat, mendaftar dan mencabut tautan rahasia ke meja kiriman.

Sebuah tautan membuka meja untuk satu OPD (hanya bagian miliknya), untuk editor
atau untuk peninjau. Tokennya ditampilkan sekali; proyek hanya menyimpan hash-nya
(submissions/access.json). Dengan --format json: {"id", "role", "opd", "token",
"url"} per tautan.

\b
Contoh:
  masterplan access --opd dinkes --url https://meja.simalungunkab.go.id
  masterplan access --every-opd --format json
  masterplan access --list
  masterplan access --revoke 3f9a1c2e
"""),
    "comments": ("Menerima draf kembali dari peninjau: setiap OPD mendapat komentar atas teksnya.", """\
Menerima draf kembali dari peninjau: setiap OPD mendapat komentar atas teksnya.

Membaca setiap komentar di REVIEWED (draf dari `masterplan build --draft` yang
diberi komentar di Word), dengan balasannya dan apakah sudah diselesaikan, lalu
mengirimkannya ke OPD pemilik teks yang dikomentari: menurut penanda asal di
sekitar setiap bagian, atau menurut teks yang dikomentari bila penandanya hilang.
Menulis build/comments/<opd>.md dan .html untuk setiap OPD (semua komentar atas
draf itu sejauh ini), build/comments/editor.md untuk komentar yang bukan milik
OPD mana pun, menyimpan berkasnya di submissions/reviews/ dan mencatat komentar
di submissions/comments.jsonl (`masterplan status` menampilkan yang masih
terbuka). Berkas yang disimpan LibreOffice diarahkan menurut teksnya saja
(MP-W825). Kode keluar 1 bila berkasnya tidak aman atau rusak.

\b
Contoh:
  masterplan comments tinjauan-dewan.docx
  masterplan comments draf-02-mentor.docx --project ~/masterplan-simalungun --lang en
"""),
}

OPTIONS: dict[str, str] = {
    "project": "Folder yang berisi masterplan.yml.",
    "lang": "Bahasa pesan (id: Bahasa Indonesia, en: English).",
    "fmt": "Bentuk keluaran.",
    "opd": "OPD (kodenya atau nama apa pun yang terdaftar).",
    "section": "Id bagian.",
    "strict": "Peringatan juga menghentikan.",
    "final": "Komentar, perubahan terlacak dan catatan tempat yang tersisa dihitung sebagai kesalahan.",
    "no_pdf": "Hanya .docx; LibreOffice tidak dipakai.",
    "help": "Tampilkan bantuan ini lalu keluar.",
    "version": "Tampilkan versi lalu keluar.",
}

OPTIONS_OF: dict[tuple[str, str], str] = {
    ("build", "out"): "Folder hasil (bawaan: <proyek>/build).",
    ("build", "draft"): "Draf tinjauan bernomor di build/drafts/, dicap 'DRAF NN'.",
    ("build", "final"): "Build final: ditolak selama ada bagian yang belum ada atau masih ada kesalahan, komentar, "
                        "perubahan terlacak atau catatan tempat.",
    ("build", "strict"): "Peringatan juga menghentikan build.",
    ("validate", "opd"): "Anggap BERKAS lepas dikirim oleh OPD ini.",
    ("validate", "section"): "Anggap BERKAS lepas ditulis untuk id bagian ini.",
    ("validate", "strict"): "Kode keluar 1 juga bila ada peringatan.",
    ("validate", "out"): "Tempat menulis reports/<opd>.md (bawaan: <proyek>/build).",
    ("init", "region"): "'Kabupaten <nama>' atau 'Kota <nama>'.",
    ("init", "period"): "Periode rencana, misalnya 2025-2029.",
    ("init", "templates_from"): "Folder berisi master.docx, house-style.docx, form.docx dan generated/ "
                                "(bawaan: templat instalasi ini).",
    ("forms", "opd"): "Hanya formulir OPD ini.",
    ("forms", "out"): "Folder hasil (bawaan: <proyek>/build/forms).",
    ("submit", "opd"): "OPD pengirim berkas (bawaan: dari metadata berkas).",
    ("submit", "section"): "Bagian tujuan berkas (bawaan: dari metadata berkas).",
    ("submit", "force"): "Simpan berkas yang bermasalah sebagai versi draf (tidak menjadi berkas yang berlaku).",
    ("status", "today"): "Nilai batas waktu per tanggal ini.",
    ("serve", "host"): "Alamat yang didengarkan (0.0.0.0: semua jaringan).",
    ("serve", "port"): "Port yang didengarkan.",
    ("serve", "no_pdf"): "Draf hanya .docx (komputer tanpa LibreOffice).",
    ("access", "opd"): "Buat tautan untuk OPD ini (kodenya atau nama apa pun yang terdaftar).",
    ("access", "every_opd"): "Buat tautan untuk setiap OPD yang memiliki bagian.",
    ("access", "editor"): "Buat tautan editor (melihat semuanya, membuat draf).",
    ("access", "reviewer"): "Buat tautan peninjau (membaca draf dan laporan perubahan).",
    ("access", "show"): "Daftar tautan yang sudah dibuat (tanpa tokennya).",
    ("access", "revoke"): "Cabut tautan dengan id ini.",
    ("access", "label"): "Catatan yang disimpan bersama tautan, misalnya siapa penerimanya.",
    ("access", "base"): "Alamat meja sebagaimana dibuka penggunanya.",
}

HEADINGS = {"Usage": "Pemakaian", "Options": "Pilihan", "Commands": "Perintah", "Arguments": "Argumen"}
