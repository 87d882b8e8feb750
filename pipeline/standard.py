"""The standard masterplan: six dimensions, a typical OPD registry and the usual outline.

Used by ``masterplan init`` to scaffold a project for a new region (DOMAIN.md:
BAB I–X, programme tables per dimension, generated rekap and roadmap).
"""

from __future__ import annotations

import datetime as dt

from pipeline.kinds import KINDS

DIMENSIONS = [
    ("Smart Governance", ["Smart Government"], [("Pelayanan", ["Pelayanan Publik"]), ("Birokrasi", []),
                                                ("Kebijakan", ["Kebijakan Publik"])]),
    ("Smart Branding", ["Smart Tourism"], [("Pariwisata", []), ("Bisnis", []), ("Wajah Kota", [])]),
    ("Smart Economy", [], [("Industri", []), ("Kesejahteraan", []), ("Transaksi Keuangan", ["Transaksi"])]),
    ("Smart Living", ["Smart Transportation", "Smart Health"],
     [("Harmonisasi Tata Ruang", ["Tata Ruang"]), ("Kesehatan", []), ("Mobilitas", ["Transportasi"])]),
    ("Smart Society", ["Smart People", "Smart Community"],
     [("Komunitas", []), ("Pembelajaran", ["Pendidikan"]), ("Keamanan", [])]),
    ("Smart Environment", [], [("Perlindungan Lingkungan", []), ("Sampah dan Limbah", ["Pengelolaan Sampah"]),
                               ("Energi", [])]),
]

OPDS = [
    ("bappeda", "Badan Perencanaan Pembangunan Daerah", "Bappeda"),
    ("kominfo", "Dinas Komunikasi dan Informatika", "Diskominfo"),
    ("hukum", "Bagian Hukum Sekretariat Daerah", "Bagian Hukum"),
    ("pariwisata", "Dinas Pariwisata", "Dispar"),
    ("diskopukm", "Dinas Koperasi dan Usaha Mikro", "Diskop UKM"),
    ("dinkes", "Dinas Kesehatan", "Dinkes"),
    ("dishub", "Dinas Perhubungan", "Dishub"),
    ("disdik", "Dinas Pendidikan", "Disdik"),
    ("dlh", "Dinas Lingkungan Hidup", "DLH"),
]

# (bab, title, [(id, title, owners, required headings, dimension or generate)])
OUTLINE = [
    (1, "Pendahuluan", [("latar-belakang", "Latar Belakang", ["bappeda"],
                         ["Latar Belakang Umum", "Maksud dan Tujuan", "Ruang Lingkup"], None),
                        ("dasar-hukum", "Dasar Hukum", ["hukum"], [], None),
                        ("sistematika", "Sistematika Penulisan", ["kominfo"], [], None)]),
    (2, "Kondisi dan Analisis Strategis Daerah", [
        ("profil-daerah", "Profil Daerah", ["bappeda"], ["Kondisi Geografis", "Kependudukan", "Perekonomian Daerah"], None),
        ("kesiapan-daerah", "Kesiapan Daerah", ["kominfo"], [], None),
        ("analisis-swot", "Analisis SWOT per Dimensi", ["bappeda"], [], None)]),
    (3, "Visi, Misi dan Arah Pembangunan Smart City", [("visi-misi", "Visi dan Misi Smart City", ["bappeda"],
                                                         ["Visi", "Misi"], None)]),
    (4, "Strategi Pembangunan Smart City", [
        ("smart-governance", "Smart Governance", ["kominfo"], [], "Smart Governance"),
        ("smart-branding", "Smart Branding", ["pariwisata"], [], "Smart Branding"),
        ("smart-economy", "Smart Economy", ["diskopukm"], [], "Smart Economy"),
        ("smart-living", "Smart Living", ["dinkes", "dishub"], [], "Smart Living"),
        ("smart-society", "Smart Society", ["disdik"], [], "Smart Society"),
        ("smart-environment", "Smart Environment", ["dlh"], [], "Smart Environment")]),
    (5, "Pengembangan Kebijakan dan Kelembagaan", [("kebijakan-kelembagaan", "Kebijakan dan Kelembagaan", ["hukum"],
                                                    [], None)]),
    (6, "Rencana Pembangunan Infrastruktur Pendukung", [("infrastruktur-tik", "Infrastruktur TIK", ["kominfo"],
                                                         [], None)]),
    (7, "Perubahan Pola Pikir dan Pengembangan Komunitas", [("pola-pikir", "Pola Pikir dan Komunitas", ["kominfo"],
                                                             [], None)]),
    (8, "Rencana Aksi dan Peta Jalan", [("peta-jalan", "Rencana Aksi", ["bappeda"], [], None),
                                        ("rekap-anggaran", KINDS["rekap-anggaran"].title, [], [], "rekap-anggaran"),
                                        ("peta-jalan-program", KINDS["peta-jalan"].title, [], [], "peta-jalan")]),
    (9, "Program Quick Win", [("quick-win", "Program Quick Win", ["kominfo"], [], None),
                              ("rekap-quick-win", KINDS["rekap-quick-win"].title, [], [], "rekap-quick-win")]),
    (10, "Penutup", [("penutup", "Penutup", ["bappeda"], [], None)]),
]


def standard_config(region_type: str, region_name: str, start: int, end: int, today: dt.date) -> dict:
    """A complete masterplan.yml (as data) for a new region, deadlines spread over the coming months."""
    slug = region_name.lower().replace(" ", "-")
    outline = []
    for bab, title, sections in OUTLINE:
        secs = []
        for sid, stitle, owners, required, extra in sections:
            s: dict = {"id": sid, "title": stitle}
            if extra in KINDS:
                s["generate"] = extra
            else:
                s["owners"] = owners
                s["deadline"] = (today + dt.timedelta(days=30 + 7 * bab)).isoformat()
                if required:
                    s["required_headings"] = required
                if extra:
                    s["dimension"] = extra
            secs.append(s)
        outline.append({"bab": bab, "title": title, "sections": secs})
    return {
        "region": {"type": region_type, "name": region_name, "seat": "(ibu kota)",
                   "head_title": f"{'Bupati' if region_type == 'Kabupaten' else 'Wali Kota'} {region_name}",
                   "head_name": "(nama kepala daerah)", "team_lead": "Kepala Dinas Komunikasi dan Informatika"},
        "period": {"start": start, "end": end},
        "document": {"title": "Masterplan Smart City", "paper": "A4", "fonts": {"body": "Arial", "heading": "Arial"},
                     "heading_numbering": "decimal", "base_name": f"masterplan-smart-city-{slug}",
                     "rupiah_space": False},
        "templates": {"master": "templates/master.docx", "house_style": "templates/house-style.docx"},
        "opds": [{"code": c, "name": n, "short": s} for c, n, s in OPDS],
        "dimensions": [{"name": n, "aliases": a, "elements": [{"name": e, "aliases": ea} for e, ea in els]}
                       for n, a, els in DIMENSIONS],
        "outline": outline,
    }
