"""Table widths: stretch every table to its section's text width; size unchosen grids by content."""

from __future__ import annotations

import re

from pipeline.docx.ns import qn, text_of, xp


def fit_tables(body) -> None:
    """Stretch every top-level table to the text width of the section that holds it."""
    current = body.find(qn("w:sectPr"))
    for el in reversed(list(body)):
        if el.tag == qn("w:p"):
            own = xp(el, "./w:pPr/w:sectPr")
            if own:
                current = own[0]
        elif el.tag == qn("w:tbl") and current is not None:
            _fit(el, _usable_width(current))


_NUMERIC = re.compile(r"^[\s(]*[-+]?(Rp\.?\s?)?[\d.,]+%?[)\s]*$|^[-–●•]?$")
CHAR_TWIPS = 110  # average width of a 10 pt character, with a little room for bold
_TR, _TC, _TCPR, _GRIDSPAN, _TCW = (qn(f"w:{t}") for t in ("tr", "tc", "tcPr", "gridSpan", "tcW"))
_VAL, _W, _TYPE = qn("w:val"), qn("w:w"), qn("w:type")


def content_widths(tbl, ncols: int, width: int) -> list[int]:
    """Column widths (twips) from the text, for tables whose author chose none.

    Numeric columns first get room for their widest value, so numbers never
    break; text columns share the rest in proportion to their average length,
    each at least as wide as its longest word when the page allows.
    """
    longest = [3] * ncols
    chars = [0] * ncols
    numeric = [True] * ncols
    rows = tbl.findall(_TR)
    for r, tr in enumerate(rows):
        for i, tc in enumerate(tr.findall(_TC)[:ncols]):
            text = text_of(tc).strip()
            longest[i] = max(longest[i], max((len(w) for w in text.split()), default=0))
            chars[i] += len(text)
            if r > 0 and text and not _NUMERIC.match(text):
                numeric[i] = False
    n = max(len(rows), 1)
    need = [(lw + 2) * CHAR_TWIPS for lw in longest]
    want = [max(nd, (min(c / n, 45) + 2) * CHAR_TWIPS) for nd, c in zip(need, chars)]
    if sum(want) <= width:
        return [int(w * width / sum(want)) for w in want]
    fixed = sum(need[i] for i in range(ncols) if numeric[i])
    text_cols = [i for i in range(ncols) if not numeric[i]]
    rest = max(width - fixed, 0)
    # Not even the longest words fit: share by the geometric mean of longest word and average length.
    # By average alone, long prose starved short columns down to two letters; by longest word alone,
    # the prose column got no more room than a column of years.
    weight = [(need[i] * want[i]) ** 0.5 for i in range(ncols)]
    share = sum(weight[i] for i in text_cols) or 1
    out = [need[i] if numeric[i] else weight[i] * rest / share for i in range(ncols)]
    if sum(need[i] for i in text_cols) <= rest:  # give text columns their longest word, then share
        spare = rest - sum(need[i] for i in text_cols)
        extra = sum(want[i] - need[i] for i in text_cols) or 1
        for i in text_cols:
            out[i] = need[i] + spare * (want[i] - need[i]) / extra
    total = sum(out) or 1
    return [int(w * width / total) for w in out]


def _usable_width(sect) -> int:
    pgsz, mar = sect.find(qn("w:pgSz")), sect.find(qn("w:pgMar"))
    width = int(pgsz.get(qn("w:w"), "11906")) if pgsz is not None else 11906
    if mar is not None:
        width -= int(mar.get(qn("w:left"), "1440")) + int(mar.get(qn("w:right"), "1440"))
    return width


def _fit(tbl, width: int) -> None:
    cols = xp(tbl, "./w:tblGrid/w:gridCol")
    widths = [int(c.get(qn("w:w"), "0") or 0) for c in cols]
    if not cols:
        return
    if len(set(widths)) <= 1:  # no widths chosen by anyone: size columns by their content
        new = content_widths(tbl, len(cols), width)
    else:
        total = sum(widths) or 1
        new = [int(w * width / total) for w in widths]
    for c, w in zip(cols, new):
        c.set(qn("w:w"), str(w))
    # find() with ready names, not XPath: this loop visits every cell of every table in the book.
    for tr in tbl.iterchildren(_TR):
        col = 0
        for tc in tr.iterchildren(_TC):
            tcpr = tc.find(_TCPR)
            span_el = tcpr.find(_GRIDSPAN) if tcpr is not None else None
            span = int(span_el.get(_VAL, "1")) if span_el is not None else 1
            tcw = tcpr.find(_TCW) if tcpr is not None else None
            if tcw is not None:
                tcw.set(_W, str(sum(new[col:col + span])))
                tcw.set(_TYPE, "dxa")
            col += span
    tblw = xp(tbl, "./w:tblPr/w:tblW")
    if tblw:
        tblw[0].set(qn("w:w"), str(width))
        tblw[0].set(qn("w:type"), "dxa")
