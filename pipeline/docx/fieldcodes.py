"""Word fields on an allowlist: only the fields the book itself writes survive.

A field is judged on its whole instruction: every ``w:instrText`` piece of a
complex field joined (Word splits codes across runs, so ``" INCLUDE"`` +
``"TEXT ..."`` is one INCLUDETEXT), and the ``w:instr`` of every
``w:fldSimple``. Fields such as INCLUDETEXT, INCLUDEPICTURE, LINK, DDE or
IMPORT make Word fetch files from a network share or the web when the book is
opened and its fields updated (sending the user's credentials to the share);
any field not on the list is replaced by the text it last showed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.docx.ns import qn, unwrap

ALLOWED = {"SEQ", "REF", "PAGEREF", "NOTEREF", "TOC", "PAGE", "NUMPAGES", "STYLEREF", "HYPERLINK"}
_WEB = re.compile(r"^(https?://|mailto:)", re.I)
_FLDCHAR, _INSTR, _SIMPLE, _RUN, _RPR = (qn(f"w:{t}") for t in ("fldChar", "instrText", "fldSimple", "r", "rPr"))
_TYPE = qn("w:fldCharType")


def field_type(instruction: str) -> str:
    """'  INCLUDETEXT "x.docx" ' -> 'INCLUDETEXT'."""
    words = instruction.split()
    return words[0].upper().lstrip("\\") if words else ""


def allowed(instruction: str) -> bool:
    """Whether a field with this instruction may stay in the book."""
    kind = field_type(instruction)
    if kind not in ALLOWED:
        return False
    if kind != "HYPERLINK":
        return True
    rest = instruction.split(None, 1)[1] if len(instruction.split(None, 1)) > 1 else ""
    if re.search(r"\\l\b", rest) and not re.search(r'"\s*[a-z][a-z0-9+.-]*:', rest, re.I):
        return True  # a link to a bookmark inside the document
    target = re.match(r'\s*"([^"]*)"|\s*(\S+)', rest)
    url = (target.group(1) or target.group(2)) if target else ""
    return bool(_WEB.match(url or ""))


@dataclass
class Field:
    """A field found in a part: its instruction and the elements that carry its code."""

    instruction: str
    code: list  # fldChar begin/separate/end and instrText elements (complex), or the fldSimple


def fields(root) -> list[Field]:
    """Every field under ``root`` in document order (complex fields and fldSimple)."""
    out: list[Field] = []
    stack: list[dict] = []
    for el in root.iter(_FLDCHAR, _INSTR, _SIMPLE):
        if el.tag == _SIMPLE:
            out.append(Field(el.get(qn("w:instr"), ""), [el]))
            continue
        if el.tag == _INSTR:
            if stack and not stack[-1]["separated"]:
                stack[-1]["instr"].append(el)
            elif not stack:
                out.append(Field(el.text or "", [el]))  # code outside any field: never meaningful
            continue
        kind = el.get(_TYPE)
        if kind == "begin":
            stack.append({"code": [el], "instr": [], "separated": False})
        elif kind == "separate" and stack:
            stack[-1]["code"].append(el)
            stack[-1]["separated"] = True
        elif kind == "end" and stack:
            f = stack.pop()
            out.append(Field("".join(i.text or "" for i in f["instr"]), f["code"] + f["instr"] + [el]))
    for f in stack:  # a field never closed: judged on what it has
        out.append(Field("".join(i.text or "" for i in f["instr"]), f["code"] + f["instr"]))
    return out


def unsafe_fields(root) -> list[Field]:
    """The fields under ``root`` that are not on the allowlist."""
    return [f for f in fields(root) if not allowed(f.instruction)]


def neutralise(root) -> list[str]:
    """Replace every field not on the allowlist by its shown result; return their types.

    The field's code goes (its begin, separate and end marks and every piece of
    instruction); the result runs stay as plain text.
    """
    removed = []
    for f in unsafe_fields(root):
        removed.append(field_type(f.instruction) or "?")
        for el in f.code:
            if el.tag == _SIMPLE:
                unwrap(el)
                continue
            run = el.getparent()
            if run is None:
                continue
            run.remove(el)
            if run.tag == _RUN and all(child.tag == _RPR for child in run):
                run.getparent().remove(run)
    return removed
