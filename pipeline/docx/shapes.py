"""Text that staff put in text boxes, shapes and SmartArt, brought into the book as paragraphs.

Callouts, org charts and captions often sit in text boxes (``w:txbxContent``
inside a DrawingML shape ``wps:txbx`` or a VML ``v:textbox``) or in SmartArt.
The book cannot lay those objects out reliably, but their words must not be
lost: a text box's paragraphs follow the paragraph that anchors it, in a
framed style; SmartArt's text becomes a bulleted list, one level per level of
the diagram. The objects themselves are then removed by the normaliser.

Word writes a shape twice, inside ``mc:AlternateContent``: the DrawingML
version in ``mc:Choice`` and a VML copy in ``mc:Fallback``. Only one is taken,
so nothing is doubled.
"""

from __future__ import annotations

import copy

from lxml import etree

from pipeline.docx.ns import qn, text_of, w_el, xp

DGM = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
_DIAGRAM_URI = DGM
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
_BULLETS = ("•", "–", "◦")


def lift_text_boxes(body) -> list:
    """Copy every text box's content after the paragraph that anchors it; return the copies.

    The copies are paragraphs and tables; the shapes stay in place for the
    normaliser to remove.
    """
    lifted = []
    for host in xp(body, ".//w:p[.//w:txbxContent][not(ancestor::w:txbxContent)]"):
        anchor = host
        for box in _boxes(host):
            for child in box:
                if child.tag == qn("w:p") and not text_of(child).strip() and not xp(child, ".//w:drawing"):
                    continue
                if child.tag not in (qn("w:p"), qn("w:tbl")):
                    continue
                new = copy.deepcopy(child)
                for inner in xp(new, ".//mc:AlternateContent | .//w:pict"):
                    inner.getparent().remove(inner)
                anchor.addnext(new)
                anchor = new
                if new.tag == qn("w:p"):
                    lifted.append(new)
    return lifted


def _boxes(host) -> list:
    """The text boxes of one paragraph, each once, in order (DrawingML preferred over its VML copy)."""
    out = []
    carriers = xp(host, ".//mc:AlternateContent[not(ancestor::mc:AlternateContent)][not(ancestor::w:txbxContent)]"
                        " | .//w:pict[not(ancestor::mc:AlternateContent)][not(ancestor::w:txbxContent)]"
                        " | .//w:drawing[not(ancestor::mc:AlternateContent)][not(ancestor::w:txbxContent)]")
    for carrier in carriers:
        if carrier.tag == qn("mc:AlternateContent"):
            found = xp(carrier, "./mc:Choice//w:txbxContent") or xp(carrier, "./mc:Fallback//w:txbxContent")
        else:
            found = xp(carrier, ".//w:txbxContent")
        out += [b for b in found if not _inside_box(b, carrier)]
    return out


def _inside_box(box, stop) -> bool:
    for anc in box.iterancestors():
        if anc is stop:
            return False
        if anc.tag == qn("w:txbxContent"):
            return True
    return False


def lift_smartart(body, part) -> list[tuple[object, int]]:
    """Write each SmartArt's text as paragraphs after its anchor; return (paragraph, depth) pairs.

    The text is read from the diagram's data part (``dgm:dataModel``): its
    nodes, ordered and nested by the diagram's parent-of connections.
    """
    out: list[tuple[object, int]] = []
    for graphic in xp(body, f".//a:graphicData[@uri='{_DIAGRAM_URI}']"):
        host = next((a for a in graphic.iterancestors(qn("w:p"))), None)
        rel_ids = graphic.find(f"{{{DGM}}}relIds")
        if host is None or rel_ids is None:
            continue
        model = _part_xml(part, rel_ids.get(qn("r:dm")))
        if model is None:
            continue
        anchor = host
        for depth, text in diagram_items(model):
            p = w_el("p")
            r = etree.SubElement(p, qn("w:r"))
            t = etree.SubElement(r, qn("w:t"))
            t.text = text
            anchor.addnext(p)
            anchor = p
            out.append((p, depth))
    return out


def diagram_items(model) -> list[tuple[int, str]]:
    """(depth, text) of a SmartArt data model's nodes, depth first, in the diagram's own order."""
    points = {}
    root = None
    for pt in model.iter(f"{{{DGM}}}pt"):
        kind = pt.get("type", "node")
        mid = pt.get("modelId")
        if kind == "doc":
            root = mid
        if kind in ("node", "asst", "doc"):
            text = " ".join(t.text or "" for t in pt.iter(qn("a:t"))).strip()
            points[mid] = text
    children: dict[str, list[tuple[int, str]]] = {}
    for cxn in model.iter(f"{{{DGM}}}cxn"):
        if cxn.get("type", "parOf") != "parOf":
            continue
        src, dst = cxn.get("srcId"), cxn.get("destId")
        if src in points and dst in points:
            children.setdefault(src, []).append((int(cxn.get("srcOrd", "0") or 0), dst))
    items: list[tuple[int, str]] = []
    seen: set[str] = set()

    def walk(node: str, depth: int) -> None:
        for _, child in sorted(children.get(node, [])):
            if child in seen:
                continue
            seen.add(child)
            if points[child]:
                items.append((depth, points[child]))
            walk(child, depth + 1)

    if root is not None:
        walk(root, 0)
    for mid, text in points.items():  # nodes no connection reaches still keep their words
        if mid != root and mid not in seen and text:
            items.append((0, text))
    return items


def _part_xml(part, rid: str | None):
    if not rid or rid not in part.rels or part.rels[rid].is_external:
        return None
    blob = part.rels[rid].target_part.blob
    try:
        return etree.fromstring(blob, _PARSER)
    except etree.XMLSyntaxError:
        return None


def style_lifted(framed: list, listed: list[tuple[object, int]], house, part) -> None:
    """Give lifted text its house styles: framed paragraphs, and a bulleted list for SmartArt."""
    frame = house.find("Text Box", "paragraph") or house.find("Kotak Teks", "paragraph") \
        or house.find("Block Text", "paragraph") or house.BODY
    for p in framed:
        _set_style(p, frame)
    if not listed:
        return
    bullet = house.find("List Paragraph", "paragraph") or house.BODY
    num_id = _bullet_list(part) if part is not None else None
    for p, depth in listed:
        ppr = _set_style(p, bullet)
        if num_id is not None:
            num = etree.SubElement(ppr, qn("w:numPr"))
            etree.SubElement(num, qn("w:ilvl")).set(qn("w:val"), str(min(depth, len(_BULLETS) - 1)))
            etree.SubElement(num, qn("w:numId")).set(qn("w:val"), num_id)


def _set_style(p, style_id: str):
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = etree.Element(qn("w:pPr"))
        p.insert(0, ppr)
    for old in ppr.findall(qn("w:pStyle")) + ppr.findall(qn("w:numPr")):
        ppr.remove(old)
    ps = etree.Element(qn("w:pStyle"))
    ps.set(qn("w:val"), style_id)
    ppr.insert(0, ps)
    return ppr


def _bullet_list(part) -> str | None:
    """Add a bulleted list definition to the fragment's numbering part; return its ``numId``."""
    try:
        numbering = part.numbering_part.element
    except (NotImplementedError, KeyError, AttributeError):
        return None
    abs_ids = [int(a) for a in xp(numbering, "w:abstractNum/@w:abstractNumId") if a.isdigit()]
    num_ids = [int(n) for n in xp(numbering, "w:num/@w:numId") if n.isdigit()]
    abs_id, num_id = str(max(abs_ids, default=0) + 1), str(max(num_ids, default=0) + 1)
    absnum = w_el("abstractNum", abstractNumId=abs_id)
    etree.SubElement(absnum, qn("w:multiLevelType")).set(qn("w:val"), "hybridMultilevel")
    for level, mark in enumerate(_BULLETS):
        lvl = etree.SubElement(absnum, qn("w:lvl"))
        lvl.set(qn("w:ilvl"), str(level))
        for tag, val in (("start", "1"), ("numFmt", "bullet"), ("lvlText", mark), ("lvlJc", "left")):
            etree.SubElement(lvl, qn(f"w:{tag}")).set(qn("w:val"), val)
        ind = etree.SubElement(etree.SubElement(lvl, qn("w:pPr")), qn("w:ind"))
        ind.set(qn("w:left"), str(720 * (level + 1)))
        ind.set(qn("w:hanging"), "360")
    nums = numbering.findall(qn("w:num"))
    if nums:
        nums[0].addprevious(absnum)
    else:
        numbering.append(absnum)
    num = w_el("num", numId=num_id)
    etree.SubElement(num, qn("w:abstractNumId")).set(qn("w:val"), abs_id)
    (nums[-1].addnext(num) if nums else absnum.addnext(num))
    return num_id
