"""Forms filled in as staff fill them, and files written by LibreOffice.

- :func:`filled_form_word`: the form ``masterplan forms`` writes, edited as a
  person does (guidance lines deleted, one sometimes kept, text typed under the
  headings, the tables filled) and then saved by Word: Word re-declares its
  namespaces, gives every paragraph and row a paraId and rsids, localises the
  ids of built-in styles ("Heading1" becomes "Judul1"; the name stays
  "heading 1"), and rewrites settings, fonts and app.xml.
- :func:`filled_form_libreoffice`: the same edits, then the file is opened and
  saved as .docx by LibreOffice (``--convert-to docx:"MS Word 2007 XML"``).
- :func:`html_to_docx`: an HTML page converted by LibreOffice.

LibreOffice is run here directly (this is a generator, not the pipeline), with
a private profile; its output is re-zipped with fixed timestamps, and nothing
else in it is changed.
"""

from __future__ import annotations

import copy
import io
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from lxml import etree

import wordparts as parts
from wordxml import WordDocument, write_zip

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
NSMAP = {p: u for p, u in parts.DOC_NS}


def q(tag: str) -> str:
    prefix, local = tag.split(":")
    return f"{{{NSMAP[prefix]}}}{local}"


def render(section_id: str, owner: str) -> bytes:
    """The form the pipeline writes today for ``section_id`` and ``owner``."""
    from pipeline.config import load_config
    from pipeline.workflow.forms import render_form

    cfg = load_config(ROOT)
    chapter, section = cfg.config.section(section_id)
    return render_form(cfg, chapter, section, owner)


# -- the person's edits ---------------------------------------------------------------------------
def _text(p) -> str:
    return "".join(t.text or "" for t in p.iter(q("w:t")))


def _style(p) -> str:
    el = p.find(f"{q('w:pPr')}/{q('w:pStyle')}")
    return el.get(q("w:val")) if el is not None else ""


def _para(text: str, style: str | None = None):
    p = etree.Element(q("w:p"))
    if style:
        ppr = etree.SubElement(p, q("w:pPr"))
        etree.SubElement(ppr, q("w:pStyle")).set(q("w:val"), style)
    r = etree.SubElement(p, q("w:r"))
    t = etree.SubElement(r, q("w:t"))
    t.text = text
    if text != text.strip():
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return p


def _set_cell(tc, text: str) -> None:
    paras = tc.findall(q("w:p"))
    for extra in paras[1:]:
        tc.remove(extra)
    p = paras[0]
    for child in list(p):
        if child.tag != q("w:pPr"):
            p.remove(child)
    r = etree.SubElement(p, q("w:r"))
    etree.SubElement(r, q("w:t")).text = text


def fill(document: bytes, *, texts: dict[str, list[str]], keep_guidance: tuple[int, ...] = (),
         table_rows: list[list[str]] | None = None, profile: dict[str, str] | None = None,
         body_style: str | None = "BodyText") -> bytes:
    """document.xml after a person's edits.

    ``texts`` maps a heading's text to the paragraphs typed under it;
    ``keep_guidance`` the indexes (in order of appearance) of the Petunjuk
    lines that were left in; ``table_rows`` fills the programme table (rows
    added by copying the last one, as Word's "insert row below" does);
    ``profile`` fills the quick-win profile by its first column.
    """
    root = etree.fromstring(document)
    body = root.find(q("w:body"))
    guidance = [p for p in body.iter(q("w:p")) if _style(p) == "Petunjuk"]
    for k, p in enumerate(guidance):
        if k not in keep_guidance:
            p.getparent().remove(p)
    for p in list(body.findall(q("w:p"))):
        if _style(p).startswith("Heading") and _text(p) in texts:
            anchor = p
            for line in texts[_text(p)]:
                new = _para(line, body_style)
                anchor.addnext(new)
                anchor = new
    tables = body.findall(q("w:tbl"))
    if table_rows is not None:
        tbl = next(t for t in tables if len(t.findall(q("w:tr"))[0].findall(q("w:tc"))) > 2)
        rows = tbl.findall(q("w:tr"))[1:]
        while len(rows) < len(table_rows):
            rows[-1].addnext(copy.deepcopy(rows[-1]))
            rows = tbl.findall(q("w:tr"))[1:]
        for tr, values in zip(rows, table_rows):
            for tc, value in zip(tr.findall(q("w:tc")), values):
                _set_cell(tc, value)
    if profile is not None:
        tbl = next(t for t in tables if len(t.findall(q("w:tr"))[0].findall(q("w:tc"))) == 2)
        for tr in tbl.findall(q("w:tr"))[1:]:
            key, value = tr.findall(q("w:tc"))
            if _text(key) in profile:
                _set_cell(value, profile[_text(key)])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def edited_form(form: bytes, **edits) -> bytes:
    """The form's package with its document.xml edited by :func:`fill`."""
    src = zipfile.ZipFile(io.BytesIO(form))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                data = fill(data, **edits)
            zf.writestr(info.filename, data)
    return out.getvalue()


# -- saved by Word --------------------------------------------------------------------------------
# Built-in styles by their (language-independent) w:name -> the id Indonesian Word gives them.
WORD_IDS_ID = {**{f"heading {n}": f"Judul{n}" for n in range(1, 10)}, "Title": "Judul", "Subtitle": "Subjudul",
               "caption": "Keterangan", "Body Text": "TeksIsi", "List Paragraph": "DaftarParagraf",
               "footnote text": "TeksCatatanKaki", "footnote reference": "ReferensiCatatanKaki",
               "Default Paragraph Font": "FontParagrafDefault", "header": "Header", "footer": "Footer",
               "TOC Heading": "JudulTOC"}


def _localise_style_ids(styles: bytes) -> dict[str, str]:
    """Old id -> Indonesian Word's id, for the built-in styles (Word knows them by name, in any case)."""
    known = {k.lower(): v for k, v in WORD_IDS_ID.items()}
    root = etree.fromstring(styles)
    out = {}
    for st in root.iter(q("w:style")):
        name = st.find(q("w:name"))
        new = known.get((name.get(q("w:val")) or "").lower()) if name is not None else None
        if new and new != st.get(q("w:styleId")):
            out[st.get(q("w:styleId"))] = new
    return out


STYLE_REFS = ("w:pStyle", "w:rStyle", "w:tblStyle", "w:basedOn", "w:next", "w:link", "w:numStyleLink",
              "w:styleLink")


def _rename(xml: bytes, ids: dict[str, str]) -> bytes:
    """The part with style ids and every reference to them renamed."""
    if not ids or b"<" not in xml:
        return xml
    root = etree.fromstring(xml)
    changed = False
    for el in root.iter(q("w:style")):
        if el.get(q("w:styleId")) in ids:
            el.set(q("w:styleId"), ids[el.get(q("w:styleId"))])
            changed = True
    for el in root.iter(*[q(t) for t in STYLE_REFS]):
        if el.get(q("w:val")) in ids:
            el.set(q("w:val"), ids[el.get(q("w:val"))])
            changed = True
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True) if changed else xml


def _word_root(xml: bytes, d: WordDocument, *, ids_on: tuple[str, ...] = ("w:p", "w:tr")) -> bytes:
    """The part re-rooted with Word's namespace declarations, paraIds and rsids on paragraphs and rows."""
    old = etree.fromstring(xml)
    new = etree.Element(old.tag, nsmap=NSMAP)
    for k, v in old.attrib.items():
        new.set(k, v)
    new.set(q("mc:Ignorable"), parts.IGNORABLE)
    new.extend(list(old))
    rs = d.sessions
    for el in (new.iter(*[q(t) for t in ids_on]) if ids_on else ()):
        pid = d.para_id()
        attrs = dict(el.attrib)
        el.attrib.clear()
        el.set(q("w14:paraId"), pid)
        el.set(q("w14:textId"), d.hex(f"t{pid}"))
        el.set(q("w:rsidR"), rs[1])
        if el.tag == q("w:p"):
            el.set(q("w:rsidRDefault"), rs[1])
            el.set(q("w:rsidP"), rs[0])
        else:
            el.set(q("w:rsidTr"), rs[1])
        for k, v in attrs.items():
            el.set(k, v)
    for sect in new.iter(q("w:sectPr")):
        sect.set(q("w:rsidR"), rs[0])
    etree.cleanup_namespaces(new, keep_ns_prefixes=list(NSMAP))
    return etree.tostring(new, xml_declaration=True, encoding="UTF-8", standalone=True)


def word_resave(package: bytes, out: Path, *, seed: str, modified_by: str, modified: str, revision: int,
                total_time: int) -> Path:
    """Write ``package`` as Word 2016+ (Indonesian UI) would after a person edited and saved it."""
    d = WordDocument(seed)
    src = zipfile.ZipFile(io.BytesIO(package))
    files = {n: src.read(n) for n in src.namelist()}
    ids = _localise_style_ids(files["word/styles.xml"])
    for name in [n for n in files if n.startswith("word/") and n.endswith(".xml")]:
        files[name] = _rename(files[name], ids)
    files["word/document.xml"] = _word_root(files["word/document.xml"], d)
    if "word/footnotes.xml" in files:
        files["word/footnotes.xml"] = _word_root(files["word/footnotes.xml"], d)
    styles = _word_root(files["word/styles.xml"], d, ids_on=())
    if b"latentStyles" not in styles:
        latent = "".join(f'<w:lsdException w:name="{n}" {a}/>' for n, a in parts.LATENT)
        styles = styles.replace(b"</w:docDefaults>", (
            '</w:docDefaults><w:latentStyles w:defLockedState="0" w:defUIPriority="99" w:defSemiHidden="0" '
            f'w:defUnhideWhenUsed="0" w:defQFormat="0" w:count="376">{latent}</w:latentStyles>').encode(), 1)
    files["word/styles.xml"] = styles
    files["word/settings.xml"] = parts.settings_xml(rsids=d.sessions, doc_id=d.hex("docid"), guid=d.guid("docid"),
                                                    footnotes="word/footnotes.xml" in files,
                                                    endnotes="word/endnotes.xml" in files, track=False).encode()
    files["word/fontTable.xml"] = parts.font_table(["Calibri", "Times New Roman", "Arial", "Calibri Light"]).encode()
    files["word/webSettings.xml"] = parts.web_settings().encode()
    text = re.findall(rb"<w:t(?: [^>]*)?>([^<]*)</w:t>", files["word/document.xml"])
    words = sum(len(t.split()) for t in text)
    title = re.search(rb"<dc:title>([^<]*)</dc:title>", files["docProps/core.xml"])
    files["docProps/app.xml"] = parts.app_xml(pages=max(1, words // 300), words=words,
                                              chars=sum(len(t) for t in text), total_time=total_time,
                                              company="Pemerintah Kabupaten Simalungun",
                                              title=title.group(1).decode() if title else "").encode()
    core = files["docProps/core.xml"].decode()
    core = re.sub(r"<dcterms:modified[^>]*>[^<]*</dcterms:modified>",
                  f'<dcterms:modified xsi:type="dcterms:W3CDTF">{modified}</dcterms:modified>', core)
    core = core.replace("</cp:coreProperties>", f"<cp:lastModifiedBy>{modified_by}</cp:lastModifiedBy>"
                        f"<cp:revision>{revision}</cp:revision></cp:coreProperties>")
    files["docProps/core.xml"] = core.encode()
    order = ["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels"]
    entries = [(n, files[n]) for n in order if n in files] + [(n, b) for n, b in files.items() if n not in order]
    write_zip(out, entries)
    return out


# -- LibreOffice ----------------------------------------------------------------------------------
def soffice_docx(src: Path, out: Path) -> Path:
    """``soffice --headless --convert-to docx:"MS Word 2007 XML"`` of ``src`` into ``out``, re-zipped stably."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise SystemExit("LibreOffice (soffice) is needed to write the LibreOffice fixtures")
    with tempfile.TemporaryDirectory(prefix="mp-fixture-lo-") as tmp:
        tmp_path = Path(tmp)
        work = tmp_path / ("in" + src.suffix)
        shutil.copy(src, work)
        subprocess.run([exe, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                        "--norestore", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(tmp_path / "out"),
                        str(work)], check=True, capture_output=True, timeout=180)
        produced = tmp_path / "out" / "in.docx"
        if not produced.is_file():
            raise SystemExit(f"LibreOffice did not convert {src.name}")
        with zipfile.ZipFile(produced) as zf:
            entries = [(n, zf.read(n)) for n in zf.namelist()]
    write_zip(out, entries)
    return out


def filled_form_libreoffice(package: bytes, out: Path) -> Path:
    """The edited form opened and saved as .docx by LibreOffice."""
    with tempfile.TemporaryDirectory(prefix="mp-fixture-") as tmp:
        src = Path(tmp) / "form.docx"
        src.write_bytes(package)
        return soffice_docx(src, out)


def html_to_docx(html: Path, out: Path) -> Path:
    return soffice_docx(html, out)
