"""The one table of generated section kinds.

A section of the outline with ``generate: <kind>`` is made by the pipeline
from the programme dataset (or, for the commitment sheet, the config) instead of an OPD's file (:mod:`pipeline.generate`
renders it from ``templates/generated/<kind>.docx``). This table says which
kinds exist, the title ``masterplan init`` gives such a section, and the
cross-reference ids its captions define, so that other chapters may refer to
them. The config schema, the standard outline, validation, the renderer and the
template generator all read it from here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    """One kind of generated section."""

    name: str
    title: str  # the section title in the standard outline
    ids: tuple[str, ...]  # cross-reference ids its captions carry (Word bookmark form)

    @property
    def template(self) -> str:
        """The template file, relative to the templates' ``generated`` folder."""
        return f"{self.name}.docx"


KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("rekap-anggaran", "Rekapitulasi Indikasi Anggaran",
         ("tbl_rekap_dimensi_tahun", "tbl_rekap_sumber_dana", "tbl_rekap_opd", "fig_anggaran_dimensi",
          "fig_anggaran_tahun")),
    Kind("peta-jalan", "Peta Jalan Program", ("tbl_peta_jalan",)),
    Kind("rekap-quick-win", "Rekapitulasi Quick Win", ("tbl_rekap_quick_win",)),
    # The signature sheet of the Dewan Smart City and the Tim Pelaksana, from the config (pipeline.signatories);
    # usually a section of a LAMPIRAN chapter, and also written on its own as build/<base>-komitmen.docx.
    Kind("komitmen", "Lembar Komitmen Bersama", ()),
)}
