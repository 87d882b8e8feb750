"""Two drafts made comparable, and the revisions of a redline read back (raw OOXML).

A draft's fields show results that move whenever anything before them moves:
page numbers (PAGEREF), caption numbers (SEQ), cross-references ("Tabel 4.2",
REF) and the lists built of them (TOC). Compared as they are, one section
added in BAB IV would mark every later caption, reference and list entry as
changed. :func:`comparable` gives a copy of a draft in which those results are
one fixed mark and each list (Daftar Isi, Tabel, Gambar) is one fixed line, so
that what a redline shows is what the OPDs changed. The draft's stamp ("DRAF
01 — ...") is replaced by the newer draft's, so it does not show either. The
frozen fields lose their codes as well, since those name bookmarks whose
numbers move too: in the redline they read as plain text.

:func:`revisions` reads the tracked changes (``w:ins``/``w:del``) of a .docx,
part by part, for the build's count and for the tests.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from lxml import etree

from pipeline.docx.fieldcodes import field_type
from pipeline.docx.ns import qn

MOVING = {"SEQ", "REF", "PAGEREF"}  # results that change when content before them changes
NUMBER_MARK = "#"
_SAFE = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
_FLDCHAR, _INSTR, _SIMPLE, _T = (qn(f"w:{t}") for t in ("fldChar", "instrText", "fldSimple", "t"))
_TYPE = qn("w:fldCharType")


def _text_parts(names: list[str]) -> list[str]:
    """The parts that hold text: the body, headers, footers and notes."""
    return [n for n in names if n == "word/document.xml" or (n.startswith("word/") and n.endswith(".xml") and
                                                              n[5:].startswith(("header", "footer", "footnotes",
                                                                                "endnotes")))]


def comparable(data: bytes, *, stamp_from: str = "", stamp_to: str = "", list_text: str = "") -> bytes:
    """``data`` (a .docx) with moving field results made constant and its draft stamp replaced."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        texts = set(_text_parts(src.namelist()))
        for info in src.infolist():
            blob = src.read(info)
            if info.filename in texts:
                root = etree.fromstring(blob, _SAFE)
                _freeze_fields(root, list_text)
                if stamp_from and stamp_to and stamp_from != stamp_to:
                    _restamp(root, stamp_from, stamp_to)
                blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            dst.writestr(info, blob)
    return out.getvalue()


def _freeze_fields(root, list_text: str) -> None:
    """Every SEQ, REF and PAGEREF result becomes :data:`NUMBER_MARK`; every TOC field one line."""
    stack: list[dict] = []
    lists: list[tuple] = []
    for el in list(root.iter(_FLDCHAR, _INSTR, _SIMPLE, _T)):
        if el.tag == _SIMPLE:
            kind = field_type(el.get(qn("w:instr"), ""))
            if kind in MOVING or kind == "TOC":
                _set_texts(list(el.iter(_T)), list_text if kind == "TOC" else NUMBER_MARK)
            continue
        if el.tag == _INSTR:
            if stack and not stack[-1]["separated"]:
                stack[-1]["instr"] += el.text or ""
                stack[-1]["code"].append(el)
            continue
        if el.tag == _T:
            if stack and stack[-1]["separated"]:
                stack[-1]["texts"].append(el)
            continue
        kind = el.get(_TYPE)
        el.attrib.pop(qn("w:dirty"), None)  # a draft without a PDF pass asks Word to refresh; another not
        if kind == "begin":
            stack.append({"begin": el, "instr": "", "separated": False, "texts": [], "code": [el]})
        elif kind == "separate" and stack:
            stack[-1]["separated"] = True
            stack[-1]["separate"] = el
            stack[-1]["code"].append(el)
        elif kind == "end" and stack:
            f = stack.pop()
            if stack and stack[-1]["separated"]:
                stack[-1]["texts"] += f["texts"]  # a PAGEREF inside a TOC: the TOC's result too
            kind = field_type(f["instr"])
            if kind in MOVING:
                _set_texts(f["texts"], NUMBER_MARK)
                _drop_code(f["code"] + [el])  # its code names bookmarks whose numbers move too
            elif kind == "TOC" and "separate" in f:
                lists.append((f["separate"], el, f["texts"]))
    for separate, end, texts in lists:
        _one_line(separate, end, texts, list_text)


def _drop_code(code: list) -> None:
    """A field's begin, instruction, separate and end marks removed; its result stays as text."""
    for el in code:
        run = el.getparent()
        if run is None:
            continue
        run.remove(el)
        if run.tag == qn("w:r") and all(child.tag == qn("w:rPr") for child in run):
            run.getparent().remove(run)


def _set_texts(texts: list, value: str) -> None:
    for k, t in enumerate(texts):
        t.text = value if k == 0 else ""


def _one_line(separate, end, texts: list, value: str) -> None:
    """The result of a TOC field (its entry paragraphs) reduced to one run of ``value`` in its first paragraph."""
    first, last = _paragraph(separate), _paragraph(end)
    if first is None or last is None or first.getparent() is not last.getparent():
        _set_texts(texts, value)  # not the shape the book writes: the entries stay, their text goes
        return
    sep_run, end_run = separate.getparent(), end.getparent()
    for sibling in list(first.itersiblings()):
        if sibling is last:
            break
        sibling.getparent().remove(sibling)
    if last is not first:
        first.getparent().remove(last)
    for child in list(sep_run.itersiblings()):
        first.remove(child)
    line = etree.SubElement(first, qn("w:r"))
    t = etree.SubElement(line, _T)
    t.text = value
    first.append(end_run)


def _paragraph(el):
    return next((a for a in el.iterancestors(qn("w:p"))), None)


def _restamp(root, old: str, new: str) -> None:
    for t in root.iter(_T):
        if t.text and old in t.text:
            t.text = t.text.replace(old, new)


@dataclass(frozen=True)
class Revision:
    """One tracked change: inserted or deleted, its text, the part and the paragraph it is in."""

    kind: str  # "ins" or "del"
    text: str
    part: str
    paragraph: str  # the whole paragraph's text as it reads after the change (insertions kept)
    in_table: bool


def revisions(data: bytes) -> list[Revision]:
    """Every ``w:ins`` and ``w:del`` of a .docx, in document order, part by part."""
    out: list[Revision] = []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in _text_parts(zf.namelist()):
            root = etree.fromstring(zf.read(name), _SAFE)
            for el in root.iter(qn("w:ins"), qn("w:del")):
                if el.getparent() is not None and el.getparent().tag == qn("w:rPr"):
                    continue  # a paragraph mark's revision: the paragraph's own text says it
                kind = "ins" if el.tag == qn("w:ins") else "del"
                text = "".join(n.text or "" for n in el.iter(_T, qn("w:delText")))
                p = _paragraph(el)
                shown = "".join(n.text or "" for n in p.iter(_T)) if p is not None else ""
                out.append(Revision(kind, text, name, shown, next(el.iterancestors(qn("w:tc")), None) is not None))
    return out
