"""Edits to a generated section after docxtpl has rendered it."""

from __future__ import annotations

from pipeline.docx.ns import qn, text_of, xp
from pipeline.docx.styles import canonical

_CAPTIONS = {"caption", "tablecaption", "imagecaption", "keterangan"}


def drop_captions_after(document, text: str) -> int:
    """Remove the caption paragraph that follows each paragraph of the python-docx ``document`` reading
    ``text``; return how many.

    Used where a chart was not drawn (no data yet): the notice stays, the
    figure caption that would number a missing figure goes.
    """
    names = {s.style_id: canonical(s.name) for s in document.styles}
    dropped = 0
    for p in list(document.element.body.iter(qn("w:p"))):
        if text_of(p).strip() != text:
            continue
        nxt = p.getnext()
        style = (xp(nxt, "w:pPr/w:pStyle/@w:val") or [""])[0] if nxt is not None and nxt.tag == qn("w:p") else None
        if style is not None and names.get(style, canonical(style)) in _CAPTIONS:
            nxt.getparent().remove(nxt)
            dropped += 1
    return dropped
