"""Build house-style tables in a python-docx (sub)document, for generated sections."""

from __future__ import annotations

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from pipeline.docx import fields as F
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
            p.append(F.run(str(values[c]) if c < len(values) else "", bold=bold))
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
    """Put the body elements from ``first`` to ``last`` on landscape pages.

    A paragraph-level section break ends the portrait part before ``first``; another after
    ``last`` ends the landscape part. Paper sizes are normalised later by the book pass.
    """
    import copy

    before = parse_xml(f"<w:p {W}><w:pPr/></w:p>")
    before.find(qn("w:pPr")).append(copy.deepcopy(portrait_sect))
    first.addprevious(before)
    land = copy.deepcopy(portrait_sect)
    pgsz = land.find(qn("w:pgSz"))
    w, h = pgsz.get(qn("w:w")), pgsz.get(qn("w:h"))
    pgsz.set(qn("w:w"), h)
    pgsz.set(qn("w:h"), w)
    pgsz.set(qn("w:orient"), "landscape")
    after = parse_xml(f"<w:p {W}><w:pPr/></w:p>")
    after.find(qn("w:pPr")).append(land)
    last.addnext(after)
