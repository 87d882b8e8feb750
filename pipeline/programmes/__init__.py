"""Programme and quick-win tables: recognise them, parse their cells, extract one dataset."""

# Cross-reference ids that each generated section defines (its captions carry these bookmarks).
GENERATED_IDS = {
    "rekap-anggaran": ("tbl_rekap_dimensi_tahun", "tbl_rekap_sumber_dana", "tbl_rekap_opd",
                       "fig_anggaran_dimensi", "fig_anggaran_tahun"),
    "peta-jalan": ("tbl_peta_jalan",),
    "rekap-quick-win": ("tbl_rekap_quick_win",),
}
