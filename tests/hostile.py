"""Makers of hostile and broken files, generated in the tests (nothing binary is committed)."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

import docx
from PIL import Image

from pipeline.docx.props import set_custom_properties

META = {"opd": "kominfo", "title": "Uji", "version": "1"}


def good_docx(section: str, text: str = "Isi bagian yang lengkap.") -> bytes:
    d = docx.Document()
    d.core_properties.title = "Uji"
    set_custom_properties(d, {"opd": "kominfo", "section": section, "version": "1"})
    d.add_paragraph(text)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def rezip(data: bytes, change=None, add: dict | None = None, drop: tuple = (), level: int | None = None) -> bytes:
    """Copy a zip, changing parts with ``change(name, bytes) -> bytes``, adding and dropping parts.

    ``level`` is the deflate level (zlib's default when None).
    """
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as dst:
        for info in src.infolist():
            if info.filename in drop:
                continue
            body = src.read(info)
            dst.writestr(info.filename, change(info.filename, body) if change else body)
        for name, body in (add or {}).items():
            dst.writestr(name, body)
    return out.getvalue()


def png(width: int, height: int) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buf, "PNG")
    return buf.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width``×``height`` pixels (a decompression bomb)."""
    data = bytearray(png(1, 1))
    ihdr = 8 + 8  # signature, then length+type of IHDR
    data[ihdr:ihdr + 8] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(data[12:ihdr + 13])) & 0xFFFFFFFF
    data[ihdr + 13:ihdr + 17] = struct.pack(">I", crc)
    return bytes(data)


def zip_bomb() -> bytes:
    """A docx-shaped zip whose document.xml unpacks to 100 MiB of zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b"\0" * (1 << 20)
            for _ in range(100):
                fh.write(chunk)
    return out.getvalue()


def billion_laughs(section: str) -> bytes:
    lol = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
           + "".join(f'<!ENTITY lol{i} "{("&lol%s;" % ("" if i == 1 else i - 1)) * 10}">' for i in range(1, 10))
           + "]>")
    return rezip(good_docx(section), lambda n, b: (lol.encode() + b.split(b"?>", 1)[1]) if n == "word/document.xml" else b)


def xxe(section: str) -> bytes:
    head = '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    return rezip(good_docx(section), lambda n, b: (head.encode() + b.split(b"?>", 1)[1]) if n == "word/document.xml" else b)


def with_macro(section: str) -> bytes:
    return rezip(good_docx(section), add={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"\0" * 512})


def renamed_docm(section: str) -> bytes:
    return rezip(good_docx(section), lambda n, b: b.replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml") if n == "[Content_Types].xml" else b)


def external_image(section: str) -> bytes:
    rel = (b'<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"'
           b' Target="http://example.invalid/peta.png" TargetMode="External"/></Relationships>')
    return rezip(good_docx(section), lambda n, b: b.replace(b"</Relationships>", rel)
                 if n == "word/_rels/document.xml.rels" else b)


def broken_xml(section: str) -> bytes:
    return rezip(good_docx(section), lambda n, b: b[:-40] if n == "word/document.xml" else b)


def ole_file() -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096


def encrypted_zip(section: str) -> bytes:
    data = bytearray(good_docx(section))
    # Set the "encrypted" flag bit in every local (offset 6) and central (offset 8) header.
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        i = data.find(signature)
        while i >= 0:
            data[i + offset] |= 1
            i = data.find(signature, i + 4)
    return bytes(data)


def nested_tables(section: str, depth: int) -> bytes:
    d = docx.Document()
    set_custom_properties(d, {"opd": "kominfo", "section": section, "version": "1"})
    d.core_properties.title = "Uji"
    d.add_paragraph("Tabel bersarang.")
    cell = d.add_table(rows=1, cols=1).cell(0, 0)
    for _ in range(depth):
        cell = cell.add_table(rows=1, cols=1).cell(0, 0)
    cell.text = "dasar"
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def big_table(section: str, rows: int) -> bytes:
    d = docx.Document()
    set_custom_properties(d, {"opd": "kominfo", "section": section, "version": "1"})
    d.core_properties.title = "Uji"
    d.add_paragraph("Tabel 1 Data besar", style="Caption")
    t = d.add_table(rows=rows, cols=3)
    for r in t.rows:
        for c in r.cells:
            c.text = "data"
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def heavy_docx(section: str, megabytes: int) -> bytes:
    """A legal but heavy docx: ``megabytes`` of varied text (it does not compress like a bomb).

    Random hex words, about 7 letters each, in paragraphs of about 250 letters; the
    file is about two thirds of ``megabytes`` (deflated fast, at level 1).
    """
    import os as _os

    letters = bytes(b"0123456789abcdef"[i % 16] if i < 224 else (32 if i < 255 else 10) for i in range(256))
    text = _os.urandom(megabytes * 2**20).translate(letters)
    body = b"<w:p><w:r><w:t>" + text.replace(b"\n", b"</w:t></w:r></w:p><w:p><w:r><w:t>") + b"</w:t></w:r></w:p>"
    return rezip(good_docx(section), lambda n, b: b.replace(b"<w:body>", b"<w:body>" + body)
                 if n == "word/document.xml" else b, level=1)


def include_fields(section: str, opd: str = "kominfo") -> bytes:
    """Word include-fields: one split across two instrText runs, one INCLUDEPICTURE, one fldSimple in a footnote.

    Next to them, fields we allow (a web HYPERLINK, PAGE) that must survive.
    """
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    d = docx.Document()
    d.core_properties.title = "Uji"
    set_custom_properties(d, {"opd": opd, "section": section, "version": "1"})

    def complex_field(p, pieces, shown):
        runs = [f'<w:r {w}><w:fldChar w:fldCharType="begin"/></w:r>']
        runs += [f'<w:r {w}><w:instrText xml:space="preserve">{piece}</w:instrText></w:r>' for piece in pieces]
        runs += [f'<w:r {w}><w:fldChar w:fldCharType="separate"/></w:r>', f'<w:r {w}><w:t>{shown}</w:t></w:r>',
                 f'<w:r {w}><w:fldChar w:fldCharType="end"/></w:r>']
        for r in runs:
            p._p.append(parse_xml(r))

    p = d.add_paragraph("Data dari berkas bersama: ")
    complex_field(p, [" INCLUDE", 'TEXT "\\\\\\\\host\\\\share\\\\x.docx" '], "TEKS-DARI-SHARE")
    p = d.add_paragraph("Peta: ")
    complex_field(p, [' INCLUDEPICTURE "http://x.example/peta.png" \\d '], "GAMBAR-LUAR")
    p = d.add_paragraph("Situs resmi: ")
    complex_field(p, [' HYPERLINK "https://simalungunkab.go.id" '], "simalungunkab.go.id")
    p = d.add_paragraph("Catatan")
    notes = (f'<w:footnotes {w}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
             '</w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
             '</w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space='
             '"preserve"> Lihat </w:t></w:r><w:fldSimple w:instr=" INCLUDETEXT &quot;\\\\host\\share\\y.docx&quot; ">'
             '<w:r><w:t>TEKS-CATATAN-SHARE</w:t></w:r></w:fldSimple></w:p></w:footnote></w:footnotes>')
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, notes.encode(), d.part.package)
    d.part.relate_to(part, RT.FOOTNOTES)
    p._p.append(parse_xml(f'<w:r {w}><w:footnoteReference w:id="1"/></w:r>'))
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()
