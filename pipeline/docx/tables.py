"""Build house-style tables in a python-docx (sub)document, for generated sections."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from pipeline.docx.ns import qn, sub, w_el

W = nsdecls("w")


def add_table(document, header: list[str], rows: list[list[str]], *, right: set[int] = frozenset(),
              bold_rows: set[int] = frozenset(), shade: dict[tuple[int, int], str] | None = None,
              widths: list[float] | None = None):
    """A table in the house 'Table' style: repeating header row, compact cells, optional cell shading.

    ``right`` holds the column indexes to right-align (amounts); ``bold_rows`` the row
    indexes (0 = first data row) to set in bold (totals); ``shade`` maps (row, col) to a fill;
    ``widths`` are relative column weights (the book pass scales them to the page).

    The XML is written as text and parsed once: python-docx's ``table.cell()``
    rebuilds the whole grid on every call, and even an element at a time the
    400-row roadmap took a tenth of a second.
    """
    ncols = len(header)
    weights = widths or [1] * ncols
    shade = shade or {}
    out = [f'<w:tbl {W}><w:tblPr><w:tblStyle w:val="Table"/><w:tblW w:w="5000" w:type="pct"/>'
           '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" '
           'w:noVBand="1"/></w:tblPr><w:tblGrid>']
    out += [f'<w:gridCol w:w="{int(weight * 100)}"/>' for weight in weights]
    out.append("</w:tblGrid>")
    for r, values in enumerate([header] + rows):
        out.append("<w:tr><w:trPr><w:tblHeader/></w:trPr>" if r == 0 else "<w:tr>")
        bold = "<w:rPr><w:b/></w:rPr>" if r == 0 or (r - 1) in bold_rows else ""
        for c in range(ncols):
            fill = shade.get((r - 1, c))
            text = _XML_TEXT.sub("", str(values[c])) if c < len(values) else ""
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="{int(weights[c] * 100)}" w:type="dxa"/>'
                       + (f'<w:shd w:val="clear" w:color="auto" w:fill={quoteattr(fill)}/>' if fill else "")
                       + '</w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/>'
                       + ('<w:jc w:val="right"/>' if c in right and r > 0 else "")
                       + f"</w:pPr><w:r>{bold}"
                       + (f'<w:t xml:space="preserve">{escape(text)}</w:t>' if text else "")
                       + "</w:r></w:p></w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    tbl = parse_xml("".join(out))
    body = document.element.body
    anchor = body.find(qn("w:sectPr"))
    if anchor is not None:
        anchor.addprevious(tbl)
    else:
        body.append(tbl)
    return tbl


_XML_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # characters XML cannot hold


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
