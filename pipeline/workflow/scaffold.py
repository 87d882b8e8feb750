"""``masterplan init``: a new masterplan project for another region."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import yaml

from pipeline.errors import UsageError
from pipeline.standard import standard_config

TEMPLATE_FILES = ("master.docx", "house-style.docx", "form.docx", "generated", "documents")
EDITOR_README = """# Masterplan Smart City {region}

Proyek ini dibuat dengan `masterplan init`. Langkah kerja Tim Pelaksana:

1. Periksa dan lengkapi `masterplan.yml`: ibu kota, nama kepala daerah, daftar OPD, kerangka buku dan
   batas waktu setiap bagian.
2. Buat formulir isian untuk setiap OPD: `masterplan forms` (hasilnya di `build/forms/<opd>/`), lalu
   kirimkan kepada OPD.
3. Terima berkas kiriman OPD: `masterplan submit berkas.docx`. Berkas yang valid disimpan sebagai versi
   di `submissions/` dan menjadi bab yang berlaku di `chapters/`; berkas yang tidak valid ditolak dengan
   laporan.
4. Pantau kemajuan: `masterplan status` (juga `build/status.html`).
5. Buat draf untuk ditinjau: `masterplan build --draft`; buku final: `masterplan build --final`.

Bagian yang belum diterima tampil di draf sebagai catatan merah "BELUM DITERIMA".
"""


def parse_region(text: str) -> tuple[str, str]:
    """'Kabupaten Toba' -> ('Kabupaten', 'Toba'); 'Kota Medan' -> ('Kota', 'Medan')."""
    m = re.match(r"^\s*(Kabupaten|Kota)\s+(.+?)\s*$", text, re.I)
    if not m:
        raise UsageError(key="usage.region", text=text)
    return m.group(1).capitalize(), m.group(2)


def parse_period(text: str) -> tuple[int, int]:
    m = re.match(r"^\s*(\d{4})\s*[-–/]\s*(\d{4})\s*$", text)
    if not m or int(m.group(2)) < int(m.group(1)):
        raise UsageError(key="usage.period", text=text)
    return int(m.group(1)), int(m.group(2))


def init_project(dest: Path, region: str, period: str, templates_from: Path, today: dt.date) -> Path:
    """Create ``dest`` with a config, the templates, an empty chapters/ and a README for its editors."""
    kind, name = parse_region(region)
    start, end = parse_period(period)
    if (dest / "masterplan.yml").exists():
        raise UsageError(key="usage.project_exists", path=dest)
    missing = [f for f in TEMPLATE_FILES if not (templates_from / f).exists()]
    if missing:
        raise UsageError(key="usage.no_templates", path=templates_from, missing=", ".join(missing))
    (dest / "chapters").mkdir(parents=True, exist_ok=True)
    (dest / "chapters" / ".gitkeep").touch()
    for f in TEMPLATE_FILES:
        src = templates_from / f
        target = dest / "templates" / f
        if src.is_dir():
            shutil.copytree(src, target, dirs_exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target)
    config = standard_config(kind, name, start, end, today)
    header = f"# Masterplan Smart City {kind} {name}: konfigurasi proyek (dibuat oleh masterplan init).\n"
    (dest / "masterplan.yml").write_text(header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                                         encoding="utf-8")
    (dest / "README.md").write_text(EDITOR_README.format(region=f"{kind} {name}"), encoding="utf-8")
    (dest / ".gitignore").write_text("build/\n", encoding="utf-8")
    return dest
