"""Clean one fragment so that it can be composed into the book.

After :func:`normalise` a fragment's body uses only house styles, carries no
direct fonts, sizes or colours, no comments, no tracked changes, no content
we cannot print (text boxes, SmartArt, OLE, charts, altChunks), no external
links, and bookmark names and ids that cannot collide with other fragments.
Headings are shifted below the section heading and lose hand-typed numbers.
"""

from __future__ import annotations

import copy
import re

from pipeline.docx import schema
from pipeline.docx.ns import qn, unwrap, xp
from pipeline.docx.styles import FragmentStyles, HouseStyles
from pipeline.docx.xref import canonical_id, is_target

# Run properties that carry meaning and survive; everything else is direct formatting.
KEEP_RPR = {qn(f"w:{t}") for t in ("rStyle", "b", "bCs", "i", "iCs", "u", "vertAlign", "strike",
                                   "dstrike", "caps", "smallCaps", "noProof", "lang", "vanish")}
# Paragraph properties that survive (lists, section breaks, alignment in tables is handled apart).
KEEP_PPR = {qn(f"w:{t}") for t in ("pStyle", "keepNext", "keepLines", "numPr", "sectPr", "rPr",
                                   "jc", "suppressAutoHyphens", "widowControl")}
TYPED_NUMBER = re.compile(
    r"^\s*(?:BAB\s+[IVXLCDM]+\.?|[IVXLCDM]+\.|(?:\d+\.)+\d*|\d+\)?|[A-Za-z][.)])\s+(?=\S)"
)
COMMENT_RELS = ("comments", "commentsExtended", "commentsIds", "commentsExtensible", "people")
_UNSUPPORTED_GRAPHICS = {  # SmartArt and charts
    "http://schemas.openxmlformats.org/drawingml/2006/diagram",
    "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "http://schemas.microsoft.com/office/drawing/2014/chartex",
}
_EXTERNAL_FIELDS = re.compile(r"^\s*(INCLUDEPICTURE|INCLUDETEXT|LINK|DDE|DDEAUTO|IMPORT)\b", re.I)


def normalise(doc, house: HouseStyles, *, prefix: str, heading_shift: int = 2, body=None,
              styles: FragmentStyles | None = None) -> None:
    """Clean ``doc`` (a python-docx Document) in place; see the module docstring.

    With ``body``, only that element's children are cleaned: one fragment of a
    batch (see :mod:`pipeline.docx.batch`); the document's own parts are left alone,
    and ``styles`` (the document's :class:`FragmentStyles`) can be read once for all of them.
    What is removed here is reported to the OPD by validation (MP-W401, W402,
    W205, W501), which reads the original file.
    """
    if body is None:
        body = doc.element.body
        remove_comments(doc)
    accept_tracked_changes(body)
    _remove_unsupported(body)
    _map_styles(body, styles or FragmentStyles(_styles_el(doc)), house, heading_shift)
    _strip_direct_formatting(body)
    _normalise_tables(body, house)
    _compact_cells(body, house)
    _rename_bookmarks(body, prefix)
    _close_trailing_section(body)


def _styles_el(doc):
    try:
        return doc.styles.element
    except (KeyError, AttributeError, ValueError):
        return None


def accept_tracked_changes(root) -> int:
    """Accept every tracked change under ``root``; return how many there were."""
    count = 0
    for el in xp(root, ".//w:del | .//w:moveFrom | .//w:moveFromRangeStart | .//w:moveFromRangeEnd"
                       " | .//w:moveToRangeStart | .//w:moveToRangeEnd"):
        if el.getparent() is not None and el.getparent().tag != qn("w:rPr"):
            count += el.tag in (qn("w:del"), qn("w:moveFrom"))
            el.getparent().remove(el)
    for el in xp(root, ".//w:ins | .//w:moveTo"):
        parent = el.getparent()
        if parent is None:
            continue
        if parent.tag == qn("w:rPr"):  # inserted paragraph mark: just the marker
            parent.remove(el)
            continue
        count += 1
        unwrap(el)
    for el in xp(root, ".//w:rPrChange | .//w:pPrChange | .//w:sectPrChange | .//w:tblPrChange"
                       " | .//w:trPrChange | .//w:tcPrChange | .//w:numberingChange | .//w:rPr/w:del"):
        el.getparent().remove(el)
    return count


def remove_comments(doc) -> int:
    """Remove comment anchors *and* the comments parts, so nothing dangles."""
    body = doc.element.body
    refs = xp(body, ".//w:commentReference")
    for el in xp(body, ".//w:commentRangeStart | .//w:commentRangeEnd"):
        el.getparent().remove(el)
    for ref in refs:
        run = ref.getparent()
        if run.tag == qn("w:r") and len([c for c in run if c.tag != qn("w:rPr")]) == 1:
            run.getparent().remove(run)
        else:
            run.remove(ref)
    part = doc.part
    for rid, rel in list(part.rels.items()):
        if rel.reltype.rsplit("/", 1)[-1] in COMMENT_RELS:
            del part.rels[rid]
    return len(refs)


def _remove_unsupported(body) -> None:
    """Drop what the book cannot print; validation has already told the OPD (MP-W501, MP-W607)."""
    for el in xp(body, ".//mc:AlternateContent | .//w:pict | .//w:object | .//w:altChunk | .//w:subDoc"):
        _drop(el)
    for drawing in xp(body, ".//w:drawing"):
        uris = xp(drawing, ".//a:graphicData/@uri")
        if not xp(drawing, ".//pic:pic") or any(u in _UNSUPPORTED_GRAPHICS for u in uris):
            _drop(drawing)
            continue
        for blip in xp(drawing, ".//a:blip[@r:link]"):  # linked pictures are never fetched
            del blip.attrib[qn("r:link")]
            if blip.get(qn("r:embed")) is None:
                _drop(drawing)
                break
    for instr in xp(body, ".//w:instrText | .//w:fldSimple"):
        code = instr.text if instr.tag == qn("w:instrText") else instr.get(qn("w:instr"), "")
        if code and _EXTERNAL_FIELDS.match(code):
            _unwrap_field(instr)


def _drop(el) -> None:
    parent = el.getparent()
    if parent is None:
        return
    if parent.tag == qn("w:r") and len([c for c in parent if c.tag != qn("w:rPr")]) == 1:
        el = parent
        parent = el.getparent()
    parent.remove(el)


def _unwrap_field(instr) -> None:
    """Keep a field's shown result but drop its code (external includes are never followed)."""
    if instr.tag == qn("w:fldSimple"):
        unwrap(instr)
        return
    run = instr.getparent()
    run.remove(instr)
    # Remove the begin/separate/end markers of this field in the same paragraph.
    para = run.getparent()
    for fc in xp(para, ".//w:fldChar"):
        fc.getparent().remove(fc)


def _map_styles(body, frag: FragmentStyles, house: HouseStyles, shift: int) -> None:
    cache: dict[str, tuple[str | None, int | None]] = {}
    for p in xp(body, ".//w:p"):
        ppr = p.find(qn("w:pPr"))
        ps = ppr.find(qn("w:pStyle")) if ppr is not None else None
        sid = ps.get(qn("w:val")) if ps is not None else None
        house_id, level = cache.setdefault(sid, frag.resolve(sid, house)) if sid else (None, None)
        if level:
            new_level = level + shift
            ps.set(qn("w:val"), house.heading(new_level))
            num = ppr.find(qn("w:numPr"))
            if num is not None:
                ppr.remove(num)
            _strip_typed_number(p)
        elif ps is not None:
            list_num = frag.numbering(sid)
            if list_num is not None and ppr.find(qn("w:numPr")) is None:
                # "List Bullet" and friends carry their bullets in the style; the house style the paragraph
                # maps to does not, so the bullets move onto the paragraph itself.
                ps.addnext(copy.deepcopy(list_num))
            plain = house_id in (None, house.BODY, house.find("Normal", "paragraph"))
            if list_num is not None and plain:
                house_id = house.find("List Paragraph", "paragraph") or house.BODY
            ps.set(qn("w:val"), house_id or house.BODY)
        elif p.getparent() is body:  # Word's plain "Normal" paragraph: the house body text
            if ppr is None:
                ppr = p.makeelement(qn("w:pPr"), {})
                p.insert(0, ppr)
            ppr.insert(0, ppr.makeelement(qn("w:pStyle"), {qn("w:val"): house.BODY}))
    for rs in xp(body, ".//w:rStyle"):
        house_id, _ = frag.resolve(rs.get(qn("w:val")), house)
        if house_id and house.styles[house_id].type == "character":
            rs.set(qn("w:val"), house_id)
        else:
            rs.getparent().remove(rs)


def _strip_typed_number(p) -> str:
    """Remove a hand-typed number ("1.2 ", "BAB IV ", "A. ") from a heading; return it."""
    texts = list(p.iter(qn("w:t")))
    full = "".join(t.text or "" for t in texts)
    m = TYPED_NUMBER.match(full)
    if not m:
        return ""
    todo = m.end()
    for t in texts:
        if todo <= 0:
            break
        s = t.text or ""
        cut = min(len(s), todo)
        t.text = s[cut:]
        todo -= cut
    return m.group(0).strip()


def _strip_direct_formatting(body) -> None:
    for rpr in xp(body, ".//w:rPr"):
        for child in list(rpr):
            if child.tag not in KEEP_RPR:
                rpr.remove(child)
    for ppr in xp(body, ".//w:pPr"):
        in_cell = ppr.getparent().getparent() is not None and ppr.getparent().getparent().tag == qn("w:tc")
        for child in list(ppr):
            if child.tag not in KEEP_PPR or (child.tag == qn("w:jc") and not in_cell
                                              and not xp(ppr.getparent(), ".//w:drawing")):
                ppr.remove(child)


def _normalise_tables(body, house: HouseStyles) -> None:
    for tbl in xp(body, ".//w:tbl"):
        tblpr = tbl.find(qn("w:tblPr"))
        if tblpr is None:
            tblpr = tbl.makeelement(qn("w:tblPr"), {})
            tbl.insert(0, tblpr)
        for child in list(tblpr):
            if child.tag in (qn("w:tblStyle"), qn("w:tblW"), qn("w:tblBorders"), qn("w:shd"), qn("w:tblInd")):
                tblpr.remove(child)
        schema.insert(tblpr, tblpr.makeelement(qn("w:tblStyle"), {qn("w:val"): house.TABLE}))
        schema.insert(tblpr, tblpr.makeelement(qn("w:tblW"), {qn("w:w"): "5000", qn("w:type"): "pct"}))
        for el in xp(tbl, "./w:tr/w:tc/w:tcPr/w:shd | ./w:tr/w:tc/w:tcPr/w:tcBorders"):
            el.getparent().remove(el)
        rows = tbl.findall(qn("w:tr"))
        if rows:  # the header row repeats on every page
            trpr = rows[0].find(qn("w:trPr"))
            if trpr is None:
                trpr = rows[0].makeelement(qn("w:trPr"), {})
                rows[0].insert(0, trpr)
            if trpr.find(qn("w:tblHeader")) is None:
                trpr.append(trpr.makeelement(qn("w:tblHeader"), {}))


def _compact_cells(body, house: HouseStyles) -> None:
    """Table cells use the house table-text style unless the author chose a real style."""
    compact = house.find("Table Text", "paragraph") or house.find("Compact", "paragraph")
    plain = {None, house.BODY, house.find("Normal", "paragraph"), house.find("First Paragraph", "paragraph"),
             house.find("Compact", "paragraph")}
    if not compact:
        return
    for p in xp(body, ".//w:tc/w:p"):
        ppr = p.find(qn("w:pPr"))
        ps = ppr.find(qn("w:pStyle")) if ppr is not None else None
        if ps is not None and ps.get(qn("w:val")) not in plain:
            continue
        if ppr is None:
            ppr = p.makeelement(qn("w:pPr"), {})
            p.insert(0, ppr)
        if ps is None:
            ps = ppr.makeelement(qn("w:pStyle"), {})
            ppr.insert(0, ps)
        ps.set(qn("w:val"), compact)


def _rename_bookmarks(body, prefix: str) -> None:
    """Prefix bookmark names so they cannot collide across fragments (the composer renumbers ids).

    Starts and ends are paired in document order, so that a file whose bookmarks
    share one id (all captions with id 1) still gets one id per pair. A start
    whose end lies outside the fragment is closed at the fragment's end: pandoc
    ends a heading's bookmark with its section, which in a batch runs on past
    the next fragment's marker.
    """
    renamed: dict[str, str] = {}
    unclosed: dict[str, list[str]] = {}  # source id -> new ids of the starts not yet ended
    count = 0
    for bm in xp(body, ".//w:bookmarkStart | .//w:bookmarkEnd"):  # document order
        old_id = bm.get(qn("w:id"))
        if bm.tag == qn("w:bookmarkEnd"):
            pending = unclosed.get(old_id)
            if pending:
                bm.set(qn("w:id"), pending.pop())
            else:
                bm.getparent().remove(bm)
            continue
        name = bm.get(qn("w:name"), "")
        if name == "_GoBack":
            bm.getparent().remove(bm)
            continue
        if is_target(name):  # a cross-reference id is global by definition: keep it, Word-safe
            new = canonical_id(name)[:40]
        else:
            new = (prefix + re.sub(r"[^A-Za-z0-9_]", "_", name))[:40]
        renamed[name] = new
        bm.set(qn("w:name"), new)
        count += 1
        bm.set(qn("w:id"), str(count))
        unclosed.setdefault(old_id, []).append(str(count))
    final = body.find(qn("w:sectPr"))
    for new_id in (i for ids in unclosed.values() for i in ids):
        end = body.makeelement(qn("w:bookmarkEnd"), {qn("w:id"): new_id})
        if final is not None:
            final.addprevious(end)
        else:
            body.append(end)
    for link in xp(body, ".//w:hyperlink[@w:anchor]"):
        anchor = link.get(qn("w:anchor"))
        if anchor in renamed:
            link.set(qn("w:anchor"), renamed[anchor])


def _close_trailing_section(body) -> None:
    """Keep a fragment's last section when it is landscape.

    The body-level sectPr of a fragment is dropped by composition; if it is
    landscape, its content must still end in a landscape section, so the
    sectPr moves into a final empty paragraph (a paragraph-level break).
    """
    sect = body.find(qn("w:sectPr"))
    if sect is None:
        return
    pgsz = sect.find(qn("w:pgSz"))
    body.remove(sect)
    if pgsz is None or pgsz.get(qn("w:orient")) != "landscape":
        return
    p = body.makeelement(qn("w:p"), {})
    ppr = p.makeelement(qn("w:pPr"), {})
    ppr.append(sect)
    p.append(ppr)
    body.append(p)


def forget_table_widths(body, which: list[bool]) -> None:
    """Make the grid of the n-th table uniform where ``which[n]`` is true.

    Uniform grids are sized by their content in the book pass; used for
    Markdown tables whose widths pandoc derived from short separator dashes.
    """
    for tbl, forget in zip(xp(body, "./w:tbl"), which):
        if forget:
            for col in xp(tbl, "./w:tblGrid/w:gridCol"):
                col.set(qn("w:w"), "1000")
