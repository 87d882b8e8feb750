"""Documents that hold several fragments one after another.

pandoc converts all Markdown fragments of a build in one process, into one
.docx in which each fragment is preceded by a marker paragraph (style
``MPFragmentMarker``, text ``"<secret> <index>"``; see ``filters/fragments.lua``).
This module finds the fragments again and lets each be cleaned on its own.
"""

from __future__ import annotations

import contextlib

from lxml import etree

from pipeline.docx.ns import qn, text_of

MARKER_STYLE = "MPFragmentMarker"


def marker_of(el) -> str | None:
    """The marker text if ``el`` is a marker paragraph, else None."""
    if el.tag != qn("w:p"):
        return None
    ppr = el.find(qn("w:pPr"))
    style = ppr.find(qn("w:pStyle")) if ppr is not None else None
    if style is None or style.get(qn("w:val")) != MARKER_STYLE:
        return None
    return text_of(el)


def split(body, secret: str) -> dict[str, tuple[object, list]]:
    """Marker text -> (marker paragraph, the body elements up to the next marker).

    Only markers carrying the batch's ``secret`` count: a paragraph that merely
    looks like one (a fragment cannot know the secret) stays content. The
    body's own final ``w:sectPr`` belongs to no fragment.
    """
    out: dict[str, tuple[object, list]] = {}
    current: list | None = None
    for el in body:
        text = marker_of(el)
        if text is not None and secret_of(text) == secret and text not in out:
            current = []
            out[text] = (el, current)
        elif current is not None and el.tag != qn("w:sectPr"):
            current.append(el)
    return out


def secret_of(marker: str) -> str:
    """The batch secret of a marker text ``"<secret> <index>"``."""
    return marker.rsplit(" ", 1)[0]


@contextlib.contextmanager
def on_its_own(marker, elements: list):
    """Move ``elements`` into a body of their own while the block runs, then back after ``marker``.

    Cleaning code written for a whole document body (which may add or remove
    top-level elements) can then work on one fragment of a batch.
    """
    # The temporary body lives in the same document: lxml moves a subtree between documents in time
    # that grows faster than its size (a 2,000-row table took seconds), within one document in constant time.
    root = marker.getroottree().getroot()
    alone = etree.SubElement(root, qn("w:body"))
    for el in elements:
        alone.append(el)
    try:
        yield alone
    finally:
        anchor = marker
        for el in list(alone):
            anchor.addnext(el)
            anchor = el
        root.remove(alone)
        elements[:] = [el for el in list(_following(marker, anchor))]


def _following(marker, last):
    """The elements after ``marker`` up to and including ``last``."""
    el = marker
    while el is not last:
        el = el.getnext()
        yield el
