"""A reviewer at work on a built draft: comments as Word writes them, added with python-docx.

python-docx 1.2 adds a comment to runs of the body (tables included) with
``Document.add_comment``. What it cannot do is done here in the XML, the way
Word does it: a reply is a second comment over the same range whose
``w15:commentEx`` in ``word/commentsExtended.xml`` names its parent's paraId;
a resolved comment has ``w15:done="1"``; a comment in a footnote or a header
has its range marks in that part. Every comment's last paragraph gets a
``w14:paraId``, as Word gives it, unless asked not to.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import docx
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
EXTENDED_REL = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"
EXTENDED_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"


NS = {"w": W, "w14": W14, "w15": W15}


def q(tag: str) -> str:
    prefix, local = tag.split(":")
    return "{%s}%s" % (NS[prefix], local)


def text_of(p) -> str:
    return "".join(t.text or "" for t in p.iter(q("w:t")))


class Reviewer:
    """A draft opened for review; :meth:`save` writes the reviewed copy."""

    def __init__(self, draft: Path, *, when: dt.datetime | None = None):
        self.doc = docx.Document(str(draft))
        self.when = when or dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.timezone.utc)
        self.threads: list[tuple[str, str | None, bool]] = []  # (paraId, parent paraId, done)
        self._next_pid = 0x1A2B0000
        self._minutes = 0

    # -- finding text ------------------------------------------------------------------------------
    def paragraph(self, contains: str, root=None):
        """The first paragraph (body, tables included) whose text contains ``contains``."""
        root = self.doc.element.body if root is None else root
        for p in root.iter(q("w:p")):
            if contains in text_of(p):
                return p
        raise LookupError(contains)

    def runs(self, p) -> list:
        from docx.text.run import Run

        return [Run(r, self.doc.part) for r in p.iterchildren(q("w:r")) if r.find(q("w:t")) is not None]

    # -- comments ---------------------------------------------------------------------------------
    def comment(self, contains: str, text: str, *, author: str = "Dr. Rina Siregar", initials: str = "RS",
                until: str | None = None, para_id: bool = True):
        """A comment on the paragraph containing ``contains`` (to the one containing ``until``)."""
        first = self.paragraph(contains)
        last = self.paragraph(until) if until else first
        runs = self.runs(first)[-1:] if until else self.runs(first)
        runs = runs + (self.runs(last)[:1] if until else [])
        comment = self.doc.add_comment(runs, text=text, author=author, initials=initials)
        self._stamp(comment, para_id)
        return comment

    def reply(self, parent, text: str, *, author: str = "Ir. Bonar Sinaga", initials: str = "BS"):
        """A reply in ``parent``'s thread: a comment over the same range, linked in commentsExtended."""
        reply = self.doc.comments.add_comment(text=text, author=author, initials=initials)
        self._stamp(reply, True)
        pid, ppid = self._pid(reply), self._pid(parent)
        self.threads = [(p, parent_, d) for p, parent_, d in self.threads if p != pid] + [(pid, ppid, False)]
        body = self.doc.element.body
        start = next(el for el in body.iter(q("w:commentRangeStart")) if el.get(q("w:id")) == str(parent.comment_id))
        end = next(el for el in body.iter(q("w:commentRangeEnd")) if el.get(q("w:id")) == str(parent.comment_id))
        ref = next(el for el in body.iter(q("w:commentReference")) if el.get(q("w:id")) == str(parent.comment_id))
        new_start, new_end, new_ref_run = copy.deepcopy(start), copy.deepcopy(end), copy.deepcopy(ref.getparent())
        for el in (new_start, new_end, new_ref_run.find(q("w:commentReference"))):
            el.set(q("w:id"), str(reply.comment_id))
        start.addnext(new_start)
        ref.getparent().addnext(new_end)
        new_end.addnext(new_ref_run)
        return reply

    def resolve(self, comment) -> None:
        pid = self._pid(comment)
        self.threads = [(p, parent, True if p == pid else d) for p, parent, d in self.threads]

    def comment_in_part(self, part_kind: str, contains: str, text: str, *, author: str = "Dr. Rina Siregar",
                        initials: str = "RS"):
        """A comment on text in the footnotes or a header, its range marks written into that part."""
        comment = self.doc.comments.add_comment(text=text, author=author, initials=initials)
        self._stamp(comment, True)
        part = next(r.target_part for r in self.doc.part.rels.values()
                    if not r.is_external and r.reltype.endswith("/" + part_kind))
        root = part.element if hasattr(part, "element") else etree.fromstring(part.blob)
        p = self.paragraph(contains, root)
        run = next(r for r in p.iterchildren(q("w:r")) if contains in text_of(r) or r.find(q("w:t")) is not None
                   and contains[:10] in text_of(r))
        cid = str(comment.comment_id)
        start = etree.Element(q("w:commentRangeStart"))
        start.set(q("w:id"), cid)
        end = etree.Element(q("w:commentRangeEnd"))
        end.set(q("w:id"), cid)
        ref_run = etree.Element(q("w:r"))
        etree.SubElement(ref_run, q("w:commentReference")).set(q("w:id"), cid)
        run.addprevious(start)
        run.addnext(end)
        end.addnext(ref_run)
        if not hasattr(part, "element"):
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        return comment

    def delete_bookmark(self, prefix: str) -> str:
        """Delete the provenance bookmark starting with ``prefix`` (as a reviewer's Word may); return its name."""
        body = self.doc.element.body
        start = next(b for b in body.iter(q("w:bookmarkStart")) if b.get(q("w:name"), "").startswith(prefix))
        bid = start.get(q("w:id"))
        end = next(b for b in body.iter(q("w:bookmarkEnd")) if b.get(q("w:id")) == bid)
        for el in (start, end):
            el.getparent().remove(el)
        return start.get(q("w:name"))

    def save(self, path: Path, *, threads: bool = True, application: str = "Microsoft Office Word") -> Path:
        if threads and self.threads:
            xml = (f'<w15:commentsEx xmlns:w15="{W15}" xmlns:w="{W}">'
                   + "".join(f'<w15:commentEx w15:paraId="{p}"' + (f' w15:paraIdParent="{parent}"' if parent else "")
                             + f' w15:done="{1 if done else 0}"/>' for p, parent, done in self.threads)
                   + "</w15:commentsEx>")
            old = next((r.target_part for r in self.doc.part.rels.values() if r.reltype == EXTENDED_REL), None)
            if old is not None:  # saved before: the part is rewritten, not added twice
                old._blob = xml.encode()
            else:
                part = Part(PackURI("/word/commentsExtended.xml"), EXTENDED_CT, xml.encode(), self.doc.part.package)
                self.doc.part.relate_to(part, EXTENDED_REL)
        for rel in self.doc.part.package.rels.values():
            if rel.reltype.endswith("/extended-properties"):
                app = etree.fromstring(rel.target_part.blob)
                found = app.find("{*}Application")
                if found is not None:
                    found.text = application
                rel.target_part._blob = etree.tostring(app, xml_declaration=True, encoding="UTF-8", standalone=True)
        self.doc.save(str(path))
        return path

    # -- ids ---------------------------------------------------------------------------------------
    def _stamp(self, comment, para_id: bool) -> None:
        self._minutes += 1
        comment._comment_elm.set(q("w:date"), (self.when + dt.timedelta(minutes=self._minutes))
                                 .strftime("%Y-%m-%dT%H:%M:%SZ"))
        if not para_id:
            return
        self._next_pid += 1
        pid = f"{self._next_pid:08X}"
        comment.paragraphs[-1]._p.set(q("w14:paraId"), pid)
        self.threads.append((pid, None, False))

    @staticmethod
    def _pid(comment) -> str:
        return comment.paragraphs[-1]._p.get(q("w14:paraId"))
