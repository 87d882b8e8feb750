"""Build small .docx fragments for tests, the way Word users make them."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.shared import Pt, RGBColor

from pipeline.docx.props import set_custom_properties

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def word_fragment(path: Path, meta: dict, build) -> Path:
    """Create ``path`` with metadata in its properties; ``build(document)`` adds the content."""
    d = docx.Document()
    d.core_properties.title = meta.get("title", "Judul")
    set_custom_properties(d, {k: v for k, v in meta.items() if k != "title"})
    build(d)
    path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(path))
    return path


def rename_heading_styles_to_indonesian(d) -> None:
    """What Indonesian Word writes: style id 'Judul1', name 'Judul 1'."""
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for el in d.styles.element.iter(w + "style"):
        sid = el.get(w + "styleId") or ""
        if sid.startswith("Heading") and sid[7:].isdigit():
            el.set(w + "styleId", f"Judul{sid[7:]}")
            el.find(w + "name").set(w + "val", f"Judul {sid[7:]}")


def styled(d, text: str, style_id: str):
    p = d.add_paragraph(text)
    p._p.get_or_add_pPr().insert(0, parse_xml(f'<w:pStyle {W_NS} w:val="{style_id}"/>'))
    return p


def loud_run(p, text: str):
    """A run with direct formatting that must not survive."""
    r = p.add_run(text)
    r.font.name = "Comic Sans MS"
    r.font.size = Pt(20)
    r.font.color.rgb = RGBColor(255, 0, 0)
    r.bold = True
    return r


def tracked_insert(p, text: str) -> None:
    p._p.append(parse_xml(f'<w:ins {W_NS} w:id="901" w:author="Staf" w:date="2026-10-01T00:00:00Z">'
                          f'<w:r><w:t>{text}</w:t></w:r></w:ins>'))


def tracked_delete(p, text: str) -> None:
    p._p.append(parse_xml(f'<w:del {W_NS} w:id="902" w:author="Staf" w:date="2026-10-01T00:00:00Z">'
                          f'<w:r><w:delText>{text}</w:delText></w:r></w:del>'))
