"""Names as people write them: OPDs, dimensions and elements matched to their canonical form.

Every name is compared by its *key*: lower case, with spaces and punctuation
removed, so "Dinas  Kominfo", "dinas kominfo." and "DINAS KOMINFO" are one
name. A :class:`Names` table holds the canonical names with every accepted
spelling (code, short name, official name, aliases). A lookup is exact on the
key; :meth:`Names.guess` also accepts a slip of at most two edits, but only when
it leads to exactly one canonical name; :meth:`Names.nearest` gives the
candidates a "did you mean" hint names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_EDITS = 2


def key(text: str) -> str:
    """The comparison key: ``'Dinas  Kominfo.'`` -> ``'dinaskominfo'``."""
    return re.sub(r"[^0-9a-z]", "", text.casefold())


def edits(a: str, b: str, limit: int = MAX_EDITS) -> int:
    """Edit distance (insert, delete, substitute, swap two neighbours); ``limit + 1`` once it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] | None = None
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = ca != cb
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if prev2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def allowed_edits(k: str) -> int:
    """Slips tolerated for a key of this length: two, but one for short keys and none for tiny ones."""
    return MAX_EDITS if len(k) >= 6 else 1 if len(k) >= 4 else 0


@dataclass(frozen=True)
class Match:
    """What a written name was read as: ``how`` is 'exact', 'alias' or 'typo' (with the spelling it was near)."""

    canonical: str
    how: str
    near: str = ""


class Names:
    """Canonical names with their accepted spellings, looked up by key."""

    def __init__(self) -> None:
        self._exact: dict[str, tuple[str, bool]] = {}
        self._spellings: list[tuple[str, str, str]] = []  # (key, spelling, canonical)

    def add(self, canonical: str, *others: str) -> None:
        """``canonical`` itself and its other spellings (aliases, codes, short names)."""
        for i, spelling in enumerate((canonical, *others)):
            k = key(spelling)
            if not k:
                continue
            self._exact.setdefault(k, (canonical, i > 0 and k != key(canonical)))
            self._spellings.append((k, spelling, canonical))

    def lookup(self, text: str) -> Match | None:
        """The canonical name ``text`` spells exactly (ignoring case, spaces, punctuation), or None."""
        found = self._exact.get(key(text))
        if found is None:
            return None
        return Match(found[0], "alias" if found[1] else "exact")

    def guess(self, text: str) -> Match | None:
        """:meth:`lookup`, or the one canonical name within a slip of ``text`` (None when none or several)."""
        exact = self.lookup(text)
        if exact is not None:
            return exact
        k = key(text)
        limit = allowed_edits(k)
        if not limit:
            return None
        close = {}
        for sk, spelling, canonical in self._spellings:
            if edits(k, sk, limit) <= min(limit, allowed_edits(sk)):
                close.setdefault(canonical, spelling)
        if len(close) == 1:
            canonical, spelling = next(iter(close.items()))
            return Match(canonical, "typo", spelling)
        return None

    def nearest(self, text: str, count: int = 2, close_only: bool = False) -> list[str]:
        """The canonical names spelled most like ``text``, best first.

        With ``close_only``, only names near enough to be what was meant (a few
        letters apart, or sharing a distinctive word), so possibly none: a list of
        40 OPDs always has a "nearest" one, and naming it for "Dinas Pertanian" misleads.
        """
        k = key(text)
        words = _words(text)
        best: dict[str, int] = {}
        for sk, spelling, canonical in self._spellings:
            d = edits(k, sk, limit=max(len(k), len(sk)))
            if close_only and not (d <= max(2, min(len(k), len(sk)) // 3) or words & _words(spelling)):
                continue
            best[canonical] = min(best.get(canonical, d), d)
        return [c for c, _ in sorted(best.items(), key=lambda kv: (kv[1], kv[0]))][:count]

    def canonical_names(self) -> list[str]:
        return list(dict.fromkeys(c for _, _, c in self._spellings))


# Words every OPD or dimension name has: sharing one says nothing about what was meant.
_COMMON = {"dinas", "badan", "bagian", "kantor", "sekretariat", "daerah", "kabupaten", "kota", "dan", "smart",
           "pemerintah", "perangkat", "urusan", "bidang", "unit", "elemen", "dimensi"}


def _words(text: str) -> set[str]:
    return {w for w in (key(x) for x in re.split(r"[\W_]+", text)) if len(w) >= 4 and w not in _COMMON}


def did_you_mean(candidates: list[str]) -> str:
    """Candidate names as one diagnostic argument (``nearest``); the message catalogue words the hint."""
    from pipeline.messages import NAMES_SEPARATOR

    return NAMES_SEPARATOR.join(candidates)
