"""Clean one fragment so that it can be composed into the book.

After :func:`normalise` a fragment's body uses only house styles, carries no
direct fonts, sizes or colours, no comments, no tracked changes, no content
we cannot print (OLE, charts, altChunks), no external links, and bookmark
names and ids that cannot collide with other fragments. Headings are shifted
below the section heading and lose hand-typed numbers; a cover block or a
restated section title at the top is folded away (:mod:`pipeline.docx.front`).
Text in text boxes and shapes becomes framed paragraphs, SmartArt's text a
bulleted list (:mod:`pipeline.docx.shapes`), and endnotes become footnotes.
"""

from __future__ import annotations

import copy
import re

from pipeline.docx import schema, shapes
from pipeline.mdimages import REFUSED_NOTE
from pipeline.docx.front import TYPED_NUMBER, front_block
from pipeline.docx.fieldcodes import neutralise as neutralise_fields
from pipeline.docx.notes import edit_notes, endnotes_to_footnotes
from pipeline.docx.ns import drop_xml_comments, qn, unwrap, unwrap_content_controls, xp
from pipeline.docx.styles import FragmentStyles, HouseStyles
from pipeline.docx.xref import canonical_id, is_target

# Run properties that carry meaning and survive; everything else is direct formatting.
KEEP_RPR = {qn(f"w:{t}") for t in ("rStyle", "b", "bCs", "i", "iCs", "u", "vertAlign", "strike",
                                   "dstrike", "caps", "smallCaps", "noProof", "lang", "vanish")}
# Paragraph properties that survive (lists, section breaks, alignment in tables is handled apart).
KEEP_PPR = {qn(f"w:{t}") for t in ("pStyle", "keepNext", "keepLines", "numPr", "sectPr", "rPr",
                                   "jc", "suppressAutoHyphens", "widowControl")}
COMMENT_RELS = ("comments", "commentsExtended", "commentsIds", "commentsExtensible", "people")
_UNSUPPORTED_GRAPHICS = {  # SmartArt and charts
    "http://schemas.openxmlformats.org/drawingml/2006/diagram",
    "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "http://schemas.microsoft.com/office/drawing/2014/chartex",
}


def normalise(doc, house: HouseStyles, *, prefix: str, heading_shift: int = 2, body=None,
              styles: FragmentStyles | None = None, title: str = "", names: set[str] = frozenset()) -> None:
    """Clean ``doc`` (a python-docx Document) in place; see the module docstring.

    With ``body``, only that element's children are cleaned: one fragment of a
    batch (see :mod:`pipeline.docx.batch`); the document's own parts are left alone,
    and ``styles`` (the document's :class:`FragmentStyles`) can be read once for all of them.
    ``title`` is the section's title and ``names`` the OPD's names, which a
    cover block or a restated title at the top repeats.
    What is removed here is reported to the OPD by validation (MP-W401, W402,
    W205, W210, W211, W501, W506, W507), which reads the original file.
    """
    whole = body is None
    if whole:
        body = doc.element.body
        remove_comments(doc)
        endnotes_to_footnotes(doc)
        edit_notes(doc.part, neutralise_fields)
    styles = styles or FragmentStyles(_styles_el(doc))
    if whole:
        edit_notes(doc.part, lambda notes: _map_note_styles(notes, styles, house))
    drop_xml_comments(body)
    unwrap_content_controls(body)
    accept_tracked_changes(body)
    promoted = fold_front(body, styles, title, names)
    framed = shapes.lift_text_boxes(body)
    listed = shapes.lift_smartart(body, doc.part) if whole else []
    _remove_unsupported(body)
    _map_styles(body, styles, house, heading_shift, promoted)
    _strip_direct_formatting(body)
    shapes.style_lifted(framed, listed, house, doc.part if whole else None)
    _normalise_tables(body, house)
    _compact_cells(body, house)
    _rename_bookmarks(body, prefix)
    _close_trailing_section(body)
    _clamp_list_levels(body)
    _tidy_properties(body)
    _picture_descriptions(body)
    schema.order_all(body)  # a file from another tool may write properties out of order; the book may not


# A description that is only a file's path: "C:\\Users\\budi\\peta.png", "/home/...", "..\\gambar\\x.jpg".
_PATH_ONLY = re.compile(r"^\s*(?:[A-Za-z]:[\\/]|\\\\|/|~[\\/]|\.{1,2}[\\/])\S*\s*$"
                        r"|^\S*[\\/]\S*\.(?:png|jpe?g|gif|bmp|tiff?|emf|wmf|svg)\s*$", re.I)


def _picture_descriptions(body) -> None:
    """A picture's hidden description is its alt text, never the file it was read from.

    pandoc writes the path it read a picture from into ``pic:cNvPr/@descr``; for a
    Markdown fragment that is the picture's full path on the editor's computer
    ("/home/…/chapters/gambar/peta.png"), which has no place in a published book.
    Word has written the inserted file's path as the alt text itself
    (``wp:docPr/@descr``): a description that is only a path is dropped too.
    """
    for drawing in xp(body, ".//w:drawing/*[self::wp:inline or self::wp:anchor]"):
        alt = next(iter(xp(drawing, "wp:docPr/@descr")), None)
        if alt and _PATH_ONLY.match(alt):
            for docpr in xp(drawing, "wp:docPr"):
                del docpr.attrib["descr"]
            alt = None
        for cnv in xp(drawing, ".//pic:cNvPr[@descr]"):
            if alt:
                cnv.set("descr", alt)
            else:
                del cnv.attrib["descr"]


def keep_accepted_pictures(body, accepted: set[str]) -> int:
    """Every picture of a converted Markdown fragment whose source is not one the image guard accepted for
    that fragment becomes the visible note :data:`pipeline.mdimages.REFUSED_NOTE`; returns how many.

    pandoc writes a picture's source into ``pic:cNvPr/@descr`` (the normaliser replaces it with the alt
    text later). A picture the guard never saw (a form of reference it does not read) can otherwise show
    another fragment's file of the same name from pandoc's media bag (see ``filters/fragments.lua``).
    """
    dropped = 0
    for drawing in list(body.iter(qn("w:drawing"))):
        sources = xp(drawing, ".//pic:cNvPr/@descr")
        if sources and all(src in accepted for src in sources):
            continue
        run = drawing.getparent()
        note = run.makeelement(qn("w:r"), {})
        rpr = note.makeelement(qn("w:rPr"), {})
        rpr.append(rpr.makeelement(qn("w:i"), {}))
        text = note.makeelement(qn("w:t"), {"{http://www.w3.org/XML/1998/namespace}space": "preserve"})
        text.text = REFUSED_NOTE.format(src=sources[0] if sources else "?")
        note.extend([rpr, text])
        run.addnext(note)
        run.remove(drawing)
        if not any(child.tag != qn("w:rPr") for child in run):
            run.getparent().remove(run)
        dropped += 1
    return dropped


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
    neutralise_fields(body)


def _drop(el) -> None:
    parent = el.getparent()
    if parent is None:
        return
    if parent.tag == qn("w:r") and len([c for c in parent if c.tag != qn("w:rPr")]) == 1:
        el = parent
        parent = el.getparent()
    parent.remove(el)


def fold_front(body, styles: FragmentStyles, title: str, names: set[str]) -> set:
    """Remove the cover block and a restated title at the top; return the headings to move up a level.

    Bookmarks on a removed paragraph (a cross-reference target) move to the next paragraph.
    """
    front = front_block(list(body), styles, title, names)
    for p, _ in front.dropped:
        keep = xp(p, "./w:bookmarkStart | ./w:bookmarkEnd")
        nxt = p.getnext()
        while nxt is not None and nxt.tag != qn("w:p"):
            nxt = nxt.getnext()
        if nxt is not None:
            anchor = nxt.find(qn("w:pPr"))
            for bm in reversed(keep):
                if anchor is not None:
                    anchor.addnext(bm)
                else:
                    nxt.insert(0, bm)
        body.remove(p)
    if front.promote_below is None:
        return set()
    return {p for p in xp(body, "./w:p[w:pPr/w:pStyle]") if (styles.level(p) or 0) > front.promote_below}


def _map_styles(body, frag: FragmentStyles, house: HouseStyles, shift: int, promoted: set = frozenset()) -> None:
    resolved: dict[str, tuple[str | None, int | None]] = {}
    numbering: dict[str, object] = {}
    plain_ids = (None, house.BODY, house.find("Normal", "paragraph"))
    list_style = house.find("List Paragraph", "paragraph") or house.BODY
    PPR, PSTYLE, VAL, NUMPR = qn("w:pPr"), qn("w:pStyle"), qn("w:val"), qn("w:numPr")
    for p in body.iter(qn("w:p")):  # every paragraph once; lookups per style, not per paragraph
        ppr = p.find(PPR)
        ps = ppr.find(PSTYLE) if ppr is not None else None
        sid = ps.get(VAL) if ps is not None else None
        if sid and sid not in resolved:
            resolved[sid] = frag.resolve(sid, house)
            numbering[sid] = frag.numbering(sid)
        house_id, level = resolved[sid] if sid else (None, None)
        if level:
            new_level = level + shift - (p in promoted)
            ps.set(qn("w:val"), house.heading(new_level))
            num = ppr.find(qn("w:numPr"))
            if num is not None:
                ppr.remove(num)
            _strip_typed_number(p)
        elif ps is not None:
            list_num = numbering[sid]
            if list_num is not None and ppr.find(NUMPR) is None:
                # "List Bullet" and friends carry their bullets in the style; the house style the paragraph
                # maps to does not, so the bullets move onto the paragraph itself.
                ps.addnext(copy.deepcopy(list_num))
            if list_num is not None and house_id in plain_ids:
                house_id = list_style
            ps.set(VAL, house_id or house.BODY)
        elif p.getparent() is body:  # Word's plain "Normal" paragraph: the house body text
            if ppr is None:
                ppr = p.makeelement(qn("w:pPr"), {})
                p.insert(0, ppr)
            ppr.insert(0, ppr.makeelement(qn("w:pStyle"), {qn("w:val"): house.BODY}))
    for rs in xp(body, ".//w:rStyle"):
        rid = rs.get(qn("w:val"))
        if rid not in resolved:
            resolved[rid] = frag.resolve(rid, house)
        house_id, _ = resolved[rid]
        if house_id and house.styles[house_id].type == "character":
            rs.set(qn("w:val"), house_id)
        else:
            rs.getparent().remove(rs)


def _map_note_styles(notes, frag: FragmentStyles, house: HouseStyles) -> None:
    """Footnotes take the house's footnote styles; any other character style maps by name or goes."""
    text = house.find("Footnote Text", "paragraph") or house.BODY
    mark = house.find("Footnote Reference", "character")
    drop_xml_comments(notes)
    for ps in xp(notes, ".//w:pStyle"):
        ps.set(qn("w:val"), text)
    for rs in xp(notes, ".//w:rStyle"):
        house_id, _ = frag.resolve(rs.get(qn("w:val")), house)
        if rs.getparent().getparent().find(qn("w:footnoteRef")) is not None and mark:
            house_id = mark
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
    for rpr in body.iter(qn("w:rPr")):
        for child in list(rpr):
            if child.tag not in KEEP_RPR:
                rpr.remove(child)
    TC, JC, DRAWING = qn("w:tc"), qn("w:jc"), qn("w:drawing")
    for ppr in body.iter(qn("w:pPr")):
        p = ppr.getparent()
        in_cell = p.getparent() is not None and p.getparent().tag == TC
        for child in list(ppr):
            if child.tag not in KEEP_PPR:
                ppr.remove(child)
            elif child.tag == JC and not in_cell and next(p.iter(DRAWING), None) is None:
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
    PPR, PSTYLE, VAL, TC = qn("w:pPr"), qn("w:pStyle"), qn("w:val"), qn("w:tc")
    for p in body.iter(qn("w:p")):
        if p.getparent().tag != TC:
            continue
        ppr = p.find(PPR)
        ps = ppr.find(PSTYLE) if ppr is not None else None
        if ps is not None and ps.get(VAL) not in plain:
            continue
        if ppr is None:
            ppr = p.makeelement(PPR, {})
            p.insert(0, ppr)
        if ps is None:
            ps = ppr.makeelement(PSTYLE, {})
            ppr.insert(0, ps)
        ps.set(VAL, compact)


_ROW_SWITCHES = {qn(f"w:{t}") for t in ("tblHeader", "cantSplit", "hidden")}


def _tidy_properties(body) -> None:
    """What LibreOffice writes and Word's validator refuses: a run property twice (``<w:b/><w:b/>``),
    and row switches spelled ``w:val="true"`` where the schema knows only on and off."""
    for rpr in body.iter(qn("w:rPr")):
        seen: set[str] = set()
        for child in list(rpr):
            if child.tag in seen:
                rpr.remove(child)
            seen.add(child.tag)
    for trpr in body.iter(qn("w:trPr")):
        for switch in trpr:
            value = switch.get(qn("w:val"))
            if switch.tag in _ROW_SWITCHES and value is not None:
                if value.lower() in ("true", "1", "on"):
                    del switch.attrib[qn("w:val")]
                else:
                    switch.set(qn("w:val"), "off")


def _clamp_list_levels(body) -> None:
    """List levels are 0-8 in Word; a file that claims level 499 gets the deepest real one."""
    for ilvl in xp(body, ".//w:numPr/w:ilvl"):
        value = ilvl.get(qn("w:val"), "0")
        if not value.isdigit() or int(value) > 8:
            ilvl.set(qn("w:val"), "8" if value.isdigit() else "0")


def _rename_bookmarks(body, prefix: str) -> None:
    """Prefix bookmark names so they cannot collide across fragments (the composer renumbers ids).

    Starts and ends are paired in document order, so that a file whose bookmarks
    share one id (all captions with id 1) still gets one id per pair. A start
    whose end lies outside the fragment is closed at the fragment's end: pandoc
    ends a heading's bookmark with its section, which in a batch runs on past
    the next fragment's marker.
    """
    renamed: dict[str, str] = {}
    used: set[str] = set()
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
        n = 1
        while new in used:  # a file that repeats a name, or two long names cut to the same 40 characters
            n += 1
            new = new[:40 - len(f"_{n}")].rstrip("_") + f"_{n}" if n == 2 else new.rsplit("_", 1)[0] + f"_{n}"
        used.add(new)
        renamed.setdefault(name, new)
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
