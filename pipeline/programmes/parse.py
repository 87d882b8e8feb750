"""Parsing the cells of programme tables: rupiah amounts, years, funding sources.

Amounts arrive in every form contributors use: "Rp1.500.000.000,00", "Rp 1.500.000",
"Rp. 1,5 M", "1.500 jt", "1,5 miliar", "2.750.000.000". In Indonesian '.' groups
thousands and ',' marks decimals; an amount that could be read two ways is
returned with ``ambiguous`` set and a reason, never silently guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS = {
    "t": 10**12, "triliun": 10**12, "trilyun": 10**12, "t.": 10**12,
    "m": 10**9, "miliar": 10**9, "milyar": 10**9, "mlyr": 10**9, "mly": 10**9, "b": 10**9,
    "jt": 10**6, "juta": 10**6, "jt.": 10**6,
    "rb": 10**3, "ribu": 10**3, "rb.": 10**3,
}
_AMOUNT = re.compile(
    r"^(?:rp\.?\s*)?(?P<num>\d[\d.,\s]*?)\s*(?P<unit>triliun|trilyun|miliar|milyar|mlyr|mly|juta|ribu|jt\.?|rb\.?|t\.?|m|b)?"
    r"\s*(?:rupiah)?\s*$", re.I)


@dataclass(frozen=True)
class Amount:
    value: int | None
    ambiguous: bool = False
    reason: str = ""


def header_multiplier(header: str) -> int:
    """'Indikasi Anggaran (Rp juta)' -> 10**6; '(Rp)' or nothing -> 1."""
    h = header.lower()
    for word, mult in (("triliun", 10**12), ("miliar", 10**9), ("milyar", 10**9), ("juta", 10**6),
                       ("jt", 10**6), ("ribu", 10**3)):
        if re.search(rf"\b{word}\b", h):
            return mult
    return 1


def parse_amount(text: str, multiplier: int = 1) -> Amount:
    """Parse one rupiah amount; ``multiplier`` comes from a unit in the column header."""
    raw = " ".join(text.split())
    if not raw or raw in ("-", "–"):
        return Amount(None, reason="empty")
    m = _AMOUNT.match(raw)
    if not m:
        return Amount(None, reason="unreadable")
    num = m.group("num").replace(" ", "")
    unit = (m.group("unit") or "").lower()
    scale = UNITS.get(unit, 1) * (multiplier if not unit else 1)
    # Separators: Indonesian grouping '.', decimal ','.
    if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?", num) or re.fullmatch(r"\d+(,\d+)?", num):
        integer, _, frac = num.partition(",")
        value = int(integer.replace(".", "")) * scale
        if frac:
            if scale == 1 and len(frac) <= 2:
                return Amount(int(integer.replace(".", "")))  # cents: ",00"
            value = int(round(float(f"{integer.replace('.', '')}.{frac}") * scale))
        if scale == 1 and value < 100_000:
            return Amount(value, True, "too small for a programme budget; is a unit (juta, miliar) missing?")
        if value >= 10**13:
            return Amount(value, True, "unusually large; check the unit")
        return Amount(value)
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", num):
        value = int(round(float(num.replace(",", "")) * scale))
        return Amount(value, True, "',' used to group thousands (English style)")
    if re.fullmatch(r"\d+\.\d{1,2}", num) and scale > 1:
        value = int(round(float(num) * scale))
        return Amount(value, True, "'.' used as a decimal point")
    return Amount(None, reason="unreadable")


_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_RANGE = re.compile(r"\b((?:19|20)\d{2})\s*(?:-|–|—|s\.?\s*d\.?|s/d|sampai(?: dengan)?|hingga)\s*((?:19|20)\d{2})\b", re.I)


def parse_years(text: str) -> list[int] | None:
    """'2023–2025' -> [2023, 2024, 2025]; '2022, 2024' -> [2022, 2024]; unreadable -> None."""
    text = text.strip()
    if not text:
        return None
    years: set[int] = set()
    for a, b in _RANGE.findall(text):
        lo, hi = sorted((int(a), int(b)))
        if hi - lo > 30:
            return None
        years.update(range(lo, hi + 1))
    rest = _RANGE.sub(" ", text)
    years.update(int(m.group(0)) for m in _YEAR.finditer(rest))
    return sorted(years) or None


MARKS = {"●", "•", "v", "x", "√", "✓", "✔", "■", "o", "1", "ya", "y"}


def is_marked(cell: str) -> bool:
    """A year-column cell that marks the programme as running that year."""
    return cell.strip().lower() in MARKS


FUNDING = {
    "APBD": ("apbd", "apbd kabupaten", "apbd kab", "apbd kota", "apbd kab/kota"),
    "APBD Provinsi": ("apbd provinsi", "apbd prov", "apbd prov.", "apbd i", "apbd provinsi sumut"),
    "APBN/DAK": ("apbn", "dak", "apbn/dak", "dak fisik", "dak non fisik", "apbn (dak)"),
    "CSR": ("csr", "tjsl"),
    "KPBU/Swasta": ("kpbu", "swasta", "kpbu/swasta", "investasi swasta", "kerja sama swasta"),
    "Hibah": ("hibah",),
    "Lainnya": ("lainnya", "lain-lain", "dana desa", "dana nagori", "blud"),
}
_FUNDING_LOOKUP = {alias: canon for canon, aliases in FUNDING.items() for alias in aliases}


def parse_funding(text: str) -> tuple[list[str], list[str]]:
    """'APBD, DAK' -> (['APBD', 'APBN/DAK'], []); unknown parts are returned second."""
    parts = [p.strip().lower() for p in re.split(r",|;|\+|\bdan\b|&", text) if p.strip()]
    known: list[str] = []
    unknown: list[str] = []
    for part in parts:
        canon = _FUNDING_LOOKUP.get(part) or _FUNDING_LOOKUP.get(part.replace(" ", ""))
        if canon is None and "/" in part:
            subs = [_FUNDING_LOOKUP.get(s.strip()) for s in part.split("/")]
            if all(subs):
                for s in subs:
                    if s not in known:
                        known.append(s)
                continue
        if canon:
            if canon not in known:
                known.append(canon)
        else:
            unknown.append(part)
    return known, unknown
