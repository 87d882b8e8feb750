"""Build house-style tables in a python-docx (sub)document, for generated sections."""

from __future__ import annotations

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from pipeline.docx import fields
from pipeline.docx.ns import qn, sub, w_el

W = nsdecls("w")


def add_table(document, header: list[str], rows: list[list[str]], *, right: set[int] = frozenset(),
              bold_rows: set[int] = frozenset(), shade: dict[tuple[int, int], str] | None = None,
              widths: list[float] | None = None):
    """A table in the house 'Table' style: repeating header row, compact cells, optional cell shading.

    ``right`` holds the column indexes to right-align (amounts); ``bold_rows`` the row
    indexes (0 = first data row) to set in bold (totals); ``shade`` maps (row, col) to a fill;
    ``widths`` are relative column weights (the book pass scales them to the page).

    The XML is built directly: python-docx's ``table.cell()`` rebuilds the whole
    grid on every call, which made a 400-row roadmap take minutes.
    """
    ncols = len(header)
    weights = widths or [1] * ncols
    tbl = w_el("tbl")
    tblpr = sub(tbl, "tblPr")
    sub(tblpr, "tblStyle", val="Table")
    sub(tblpr, "tblW", w=5000, type="pct")
    sub(tblpr, "tblLook", val="04A0", firstRow=1, lastRow=0, firstColumn=0, lastColumn=0, noHBand=0, noVBand=1)
    grid = sub(tbl, "tblGrid")
    for weight in weights:
        sub(grid, "gridCol", w=int(weight * 100))
    for r, values in enumerate([header] + rows):
        tr = sub(tbl, "tr")
        if r == 0:
            sub(sub(tr, "trPr"), "tblHeader")
        bold = r == 0 or (r - 1) in bold_rows
        for c in range(ncols):
            tc = sub(tr, "tc")
            tcpr = sub(tc, "tcPr")
            sub(tcpr, "tcW", w=int(weights[c] * 100), type="dxa")
            fill = (shade or {}).get((r - 1, c))
            if fill:
                sub(tcpr, "shd", val="clear", color="auto", fill=fill)
            p = sub(tc, "p")
            ppr = sub(p, "pPr")
            sub(ppr, "pStyle", val="TableText")
            if c in right and r > 0:
                sub(ppr, "jc", val="right")
            p.append(fields.run(str(values[c]) if c < len(values) else "", bold=bold))
    body = document.element.body
    anchor = body.find(qn("w:sectPr"))
    if anchor is not None:
        anchor.addprevious(tbl)
    else:
        body.append(tbl)
    return tbl


def picture_with_caption(document, png, width_mm: float, caption: str, caption_style: str = "Caption") -> None:
    """A centred picture followed by its caption paragraph (numbered later as 'Gambar x.y')."""
    from docx.shared import Mm

    document.add_picture(png, width=Mm(width_mm))
    pic = document.paragraphs[-1]._p
    pic.get_or_add_pPr().insert(0, parse_xml(f'<w:pStyle {W} w:val="Figure"/>'))
    p = document.add_paragraph(caption)
    p._p.get_or_add_pPr().insert(0, parse_xml(f'<w:pStyle {W} w:val="{caption_style}"/>'))


def landscape_around(body, first, last, portrait_sect) -> None:
    """Put the body elements from ``first`` to ``last`` on landscape pages of their own.

    ``portrait_sect`` is the ``w:sectPr`` of the section they are in. The section
    breaks go on the paragraph before ``first`` and on ``last`` when those are
    plain paragraphs; otherwise on a new paragraph one point high, so that no
    blank line can push a page over. Paper sizes are normalised later by the book pass.
    """
    import copy

    prev = first.getprevious()
    if prev is not None and not _ends_section(prev):
        holder = prev if prev.tag == qn("w:p") else _thin_paragraph(after=prev)
        _put_sect(holder, copy.deepcopy(portrait_sect))
    land = copy.deepcopy(portrait_sect)
    pgsz = land.find(qn("w:pgSz"))
    if pgsz is None:
        pgsz = w_el("pgSz", w=11906, h=16838)
        land.insert(0, pgsz)
    w, h = pgsz.get(qn("w:w"), "11906"), pgsz.get(qn("w:h"), "16838")
    pgsz.set(qn("w:w"), max(w, h, key=int))
    pgsz.set(qn("w:h"), min(w, h, key=int))
    pgsz.set(qn("w:orient"), "landscape")
    if last.tag == qn("w:p") and not _ends_section(last):
        _put_sect(last, land)
    elif last.tag == qn("w:p"):  # ``last`` ends the section itself: that section turns
        own = last.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
        own.addprevious(land)
        own.getparent().remove(own)
    else:
        _put_sect(_thin_paragraph(after=last), land)


def _ends_section(el) -> bool:
    return el.tag == qn("w:p") and el.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None


def _thin_paragraph(after):
    """A new empty paragraph right after ``after``, one point high."""
    p = parse_xml(f'<w:p {W}><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
                  f'<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>')
    after.addnext(p)
    return p


def _put_sect(p, sect) -> None:
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = w_el("pPr")
        p.insert(0, ppr)
    change = ppr.find(qn("w:pPrChange"))
    if change is not None:
        change.addprevious(sect)
    else:
        ppr.append(sect)


# The order of w:rPr's children (CT_RPr); a child out of order makes Word refuse the file.
_RPR_ORDER = ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
              "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing",
              "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
              "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath"]
_RANK = {qn(f"w:{t}"): i for i, t in enumerate(_RPR_ORDER)}


def set_run_size(el, half_points: int, mark: bool = False) -> None:
    """Set a run's font size (``mark``: the paragraph mark's, for a ``w:p``), keeping rPr in schema order."""
    if mark:
        holder = el.find(qn("w:pPr"))
        if holder is None:
            holder = el.makeelement(qn("w:pPr"), {})
            el.insert(0, holder)
        rpr = holder.find(qn("w:rPr"))
        if rpr is None:
            rpr = holder.makeelement(qn("w:rPr"), {})
            after = [c for c in holder if c.tag in (qn("w:sectPr"), qn("w:pPrChange"))]
            if after:
                after[0].addprevious(rpr)
            else:
                holder.append(rpr)
    else:
        rpr = el.find(qn("w:rPr"))
        if rpr is None:
            rpr = el.makeelement(qn("w:rPr"), {})
            el.insert(0, rpr)
    for tag in ("sz", "szCs"):
        node = rpr.find(qn(f"w:{tag}"))
        if node is None:
            node = rpr.makeelement(qn(f"w:{tag}"), {})
            rank = _RANK[node.tag]
            later = next((c for c in rpr if _RANK.get(c.tag, 99) > rank), None)
            if later is not None:
                later.addprevious(node)
            else:
                rpr.append(node)
        node.set(qn("w:val"), str(half_points))
