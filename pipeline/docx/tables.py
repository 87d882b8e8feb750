"""Build house-style tables in a python-docx (sub)document, for generated sections."""

from __future__ import annotations

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from pipeline.docx.ns import qn

W = nsdecls("w")


def add_table(document, header: list[str], rows: list[list[str]], *, right: set[int] = frozenset(),
              bold_rows: set[int] = frozenset(), shade: dict[tuple[int, int], str] | None = None,
              widths: list[float] | None = None):
    """A table in the house 'Table' style: repeating header row, compact cells, optional cell shading.

    ``right`` holds the column indexes to right-align (amounts); ``bold_rows`` the row
    indexes (0 = first data row) to set in bold (totals); ``shade`` maps (row, col) to a fill;
    ``widths`` are relative column weights (the book pass scales them to the page).
    """
    t = document.add_table(rows=1 + len(rows), cols=len(header))
    tbl = t._tbl
    tblpr = tbl.tblPr
    for child in list(tblpr):
        if child.tag in (qn("w:tblStyle"), qn("w:tblW")):
            tblpr.remove(child)
    tblpr.insert(0, parse_xml(f'<w:tblStyle {W} w:val="Table"/>'))
    tblpr.append(parse_xml(f'<w:tblW {W} w:w="5000" w:type="pct"/>'))
    for r, values in enumerate([header] + rows):
        for c, value in enumerate(values):
            cell = t.cell(r, c)
            p = cell.paragraphs[0]
            p._p.get_or_add_pPr().insert(0, parse_xml(f'<w:pStyle {W} w:val="TableText"/>'))
            if c in right and r > 0:
                p._p.get_or_add_pPr().append(parse_xml(f'<w:jc {W} w:val="right"/>'))
            run = p.add_run(str(value))
            if r == 0 or (r - 1) in bold_rows:
                run.bold = True
            fill = (shade or {}).get((r - 1, c))
            if fill:
                cell._tc.get_or_add_tcPr().append(parse_xml(f'<w:shd {W} w:val="clear" w:color="auto" w:fill="{fill}"/>'))
    if widths:
        for col, weight in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths):
            col.set(qn("w:w"), str(int(weight * 100)))
        for tr in tbl.tr_lst:
            for tc, weight in zip(tr.tc_lst, widths):
                tcpr = tc.get_or_add_tcPr()
                for old in tcpr.findall(qn("w:tcW")):
                    tcpr.remove(old)
                tcpr.insert(0, parse_xml(f'<w:tcW {W} w:w="{int(weight * 100)}" w:type="dxa"/>'))
    tr = tbl.tr_lst[0]
    tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {W}/>"))
    return t


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
