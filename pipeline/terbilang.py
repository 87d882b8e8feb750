"""Numbers in words, as Indonesian formal text writes them: "5 (lima) tahun", "Rp1.500.000,00 (satu juta lima ratus ribu rupiah)"."""

from __future__ import annotations

_UNITS = ["", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas"]
_SCALES = [(10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (1000, "ribu")]


def terbilang(n: int) -> str:
    """12 -> 'dua belas'; 1500 -> 'seribu lima ratus'; 0 -> 'nol'."""
    if n < 0:
        return f"minus {terbilang(-n)}"
    if n == 0:
        return "nol"
    return _words(n)


def _words(n: int) -> str:
    if n < 12:
        return _UNITS[n]
    if n < 20:
        return f"{_UNITS[n - 10]} belas"
    if n < 100:
        return _join(f"{_UNITS[n // 10]} puluh", n % 10)
    if n < 200:
        return _join("seratus", n - 100)
    if n < 1000:
        return _join(f"{_UNITS[n // 100]} ratus", n % 100)
    if n < 2000:
        return _join("seribu", n - 1000)
    for scale, name in _SCALES:
        if n >= scale:
            return _join(f"{_words(n // scale)} {name}", n % scale)
    raise AssertionError(n)  # unreachable: every n >= 2000 has a scale


def _join(head: str, rest: int) -> str:
    return f"{head} {_words(rest)}" if rest else head
