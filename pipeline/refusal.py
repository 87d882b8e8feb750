"""When LibreOffice refuses the whole book, find the chapter files that make it do so.

LibreOffice either opens a .docx or writes no PDF at all ("source file could
not be loaded"), without saying why. A book is made of many fragments, so the
culprit is found by building smaller books: half of the suspects, then half of
that half, until each refusing fragment stands alone. With one bad file among
forty this takes about a dozen small conversions, and only on a failing build.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


def refusing(items: Sequence[T], opens: Callable[[Sequence[T]], bool]) -> list[T]:
    """The items that make ``opens`` fail on their own, assuming ``opens(items)`` already failed.

    An empty result means no single item is to blame (the refusal comes from
    the combination, or from something outside ``items``).
    """
    if len(items) <= 1:
        return list(items)
    half = len(items) // 2
    found: list[T] = []
    for part in (items[:half], items[half:]):
        if not opens(part):
            found += refusing(part, opens)
    return found
