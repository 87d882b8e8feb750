"""Who signs: heads of OPD, camat, the Dewan Smart City and the Tim Pelaksana (config schema and lists).

The config's OPD registry carries each head (``head:``: position title, name,
NIP, acting or not), ``kecamatan:`` each camat, and ``dewan_smart_city:`` /
``tim_pelaksana:`` their members. The companion documents print them: the
Lembar Komitmen Bersama has one signature row per OPD head and per camat, the
Rancangan Peraturan Bupati the regent and the Sekretaris Daerah, the Ringkasan
Eksekutif the two bodies.

A name left empty is not an error of the config: a draft is built with a
dotted line in its place and a notice for the editor (MP-W831); a final build
refuses until it is filled in (:func:`missing_names`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

from pydantic import BeforeValidator, Field

from pipeline.configmodel import ConfigModel

if TYPE_CHECKING:
    from pipeline.config import Config, Opd

NIP_DIGITS = 18  # NIP of a civil servant: birth date (8), appointment month (6), sex (1), serial (3)
BLANK = "...................................."  # printed where a name is still missing


def _nip(value: str | None) -> str | None:
    """'197503122000031002' or '19750312 200003 1 002' -> '19750312 200003 1 002' (the printed form)."""
    if value is None or not str(value).strip():
        return None
    digits = re.sub(r"[\s.]", "", str(value))
    if not digits.isdigit() or len(digits) != NIP_DIGITS:
        raise ValueError(f"a NIP has {NIP_DIGITS} digits (e.g. 19750312 200003 1 002), got '{value}'")
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"


Nip = Annotated[str | None, BeforeValidator(_nip)]


class Head(ConfigModel):
    """The head of an OPD as they sign: position title, name, NIP; an acting head signs as 'Plt.'."""

    title: str = Field("", description="Position title; default 'Kepala <OPD name>'")
    name: str = ""
    nip: Nip = Field(None, description="18 digits; printed as 19750312 200003 1 002")
    acting: bool = Field(False, description="Pelaksana Tugas: the title is printed 'Plt. <title>'")
    definitive: str = Field("", description="An acting head's own post, e.g. 'Staf Ahli Bupati Bidang ...'")


class Kecamatan(ConfigModel):
    """A sub-district and its camat."""

    name: str = Field(description="The kecamatan's name, e.g. 'Raya'")
    camat: str = Field("", description="The camat's name")
    nip: Nip = None
    acting: bool = False


class Member(ConfigModel):
    """A member of the Dewan Smart City or the Tim Pelaksana: a role, a name and a position.

    ``opd`` names an OPD of the registry whose head is the member: name and
    position then come from the registry.
    """

    role: str = Field(description="Ketua, Wakil Ketua, Sekretaris, Anggota, ...")
    name: str = ""
    position: str = Field("", description="Jabatan or institution, e.g. 'Ketua DPRD Kabupaten Simalungun'")
    opd: str | None = None


@dataclass(frozen=True)
class Signer:
    """One person as a document prints them."""

    position: str  # "Plt. Kepala Dinas Komunikasi dan Informatika"
    name: str  # "" while missing
    nip: str | None
    where: str  # the config path of the name, e.g. "opds.1.head.name"
    definitive: str = ""  # an acting head's own post

    @property
    def shown_name(self) -> str:
        return self.name or BLANK


def acting_title(title: str, acting: bool) -> str:
    """'Kepala Dinas X' -> 'Plt. Kepala Dinas X' for an acting head (a title already saying Plt. is kept)."""
    if acting and not re.match(r"^\s*plt\b", title, re.I):
        return f"Plt. {title}"
    return title


def head_of(opd: "Opd", index: int) -> Signer:
    """The head of ``opd`` (the ``index``-th OPD of the registry) as a signer."""
    head = opd.head or Head()
    title = acting_title(head.title or f"Kepala {opd.name}", head.acting)
    return Signer(title, head.name, head.nip, f"opds.{index}.head.name", head.definitive)


def camat_of(kec: Kecamatan, index: int) -> Signer:
    return Signer(acting_title(f"Camat {kec.name}", kec.acting), kec.camat, kec.nip, f"kecamatan.{index}.camat")


def komitmen_signers(config: "Config") -> list[Signer]:
    """The signature rows of the Lembar Komitmen Bersama: every OPD head (registry order), then every camat."""
    return ([head_of(o, i) for i, o in enumerate(config.opds)]
            + [camat_of(k, i) for i, k in enumerate(config.kecamatan)])


def members(config: "Config", body: str) -> list[tuple[str, Signer]]:
    """(role, signer) of each member of ``body`` ('dewan_smart_city' or 'tim_pelaksana')."""
    out = []
    for i, m in enumerate(getattr(config, body)):
        if m.opd:
            idx = next(j for j, o in enumerate(config.opds) if o.code == m.opd)
            head = head_of(config.opds[idx], idx)
            position = f"{head.definitive} selaku {head.position}" if head.definitive else head.position
            out.append((m.role, Signer(m.position or position, m.name or head.name, head.nip,
                                       f"{body}.{i}.name" if m.name else head.where)))
        else:
            out.append((m.role, Signer(m.position, m.name, None, f"{body}.{i}.name")))
    return out


def regent(config: "Config") -> Signer:
    return Signer(config.region.head_title, config.region.head_name, None, "region.head_name")


def secretary(config: "Config") -> Signer:
    return Signer(f"Sekretaris Daerah {config.region.full_name}", config.region.secretary, None, "region.secretary")


def team_chair(config: "Config") -> Signer | None:
    """The Ketua of the Tim Pelaksana, when the config names one."""
    return next((s for role, s in members(config, "tim_pelaksana") if role.casefold() == "ketua"), None)


def missing_names(config: "Config") -> list[tuple[Signer, str]]:
    """(signer, document) for everyone a document being made will print whose name is still empty.

    ``document`` is 'komitmen', 'perbup' or 'ringkasan' (the first that prints
    the name); each config path is named once.
    """
    wanted: list[tuple[Signer, str]] = []
    made = config.documents
    if made.komitmen.make or any(s.generate == "komitmen" for _, s in config.sections()):
        wanted += [(s, "komitmen") for s in komitmen_signers(config)]
    if made.perbup.make:
        wanted += [(regent(config), "perbup"), (secretary(config), "perbup")]
    if made.ringkasan.make:
        wanted += [(s, "ringkasan") for body in ("dewan_smart_city", "tim_pelaksana") for _, s in members(config, body)]
    seen: set[str] = set()
    out = []
    for s, document in wanted:
        if not s.name and s.where not in seen:
            seen.add(s.where)
            out.append((s, document))
    return out


def cross_check(config: "Config") -> list[str]:
    """Problems pydantic cannot see: a member's OPD not in the registry, a kecamatan listed twice."""
    out: list[str] = []
    codes = {o.code for o in config.opds}
    for body in ("dewan_smart_city", "tim_pelaksana"):
        for i, m in enumerate(getattr(config, body)):
            if m.opd and m.opd not in codes:
                out.append(f"{body}.{i}.opd: OPD '{m.opd}' is not in opds")
            if not m.opd and not m.position:
                out.append(f"{body}.{i}: a member needs a 'position' (or an 'opd' whose head they are)")
    names = [k.name.casefold() for k in config.kecamatan]
    for i, k in enumerate(config.kecamatan):
        if names.index(k.name.casefold()) != i:
            out.append(f"kecamatan.{i}.name: kecamatan '{k.name}' is listed twice")
    return out
