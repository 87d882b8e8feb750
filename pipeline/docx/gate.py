"""The validity gate: checks on the book's .docx before it is published.

No Word is at hand where the book is built, so the book must pass Word's rules
on paper. The gate checks, on every build:

- every XML part is well-formed, every relationship and relationship id resolves,
  every list (``numId``) exists;
- the children of ``pPr``, ``rPr``, ``tblPr``, ``tcPr``, ``sectPr`` and
  ``settings`` come in schema order (:mod:`pipeline.docx.schema`);
- every bookmark id has exactly one start and one end, names are unique and at
  most 40 characters (Word's limit), footnote references are unique and every
  footnote and endnote reference names an existing note;
- every field is on the allowlist (no INCLUDETEXT, LINK, DDE ...), in the body,
  notes, headers and footers;
- every ``basedOn``, ``link``, ``next``, ``numStyleLink``/``styleLink`` and
  every paragraph, run and table style used resolves to a defined style;
- the core properties use their own namespaces, and name the configured author;
- no ``w:rFonts`` takes its font from the theme, the theme's fonts are the
  configured ones, and every font named is a configured font or a symbol font;
- Word's compatibility mode is 15 and the default language is the book's.

:func:`check_book` returns the findings as sentences naming the part and the
place; an empty list means the book passes.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass

from lxml import etree

from pipeline.docx import fonts
from pipeline.docx import schema
from pipeline.docx.house import COMPATIBILITY_MODE, LANGUAGE
from pipeline.docx.ns import qn, xp
from pipeline.docx.props import CORE_ELEMENTS, CORE_NS

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
_ALLOWED_EXTERNAL = {"hyperlink"}
_STORIES = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")
_PLACEHOLDER_AUTHORS = {"author", "python-docx", "un-named", "unknown", "user", ""}
_MAX_BOOKMARK_NAME = 40
_SHOWN = 5  # findings of one kind shown per part before "and N more"
_STYLE_REFS = tuple(qn(f"w:{t}") for t in ("pStyle", "rStyle", "tblStyle"))
_VAL, _ID, _NUM_ID, _NUM_PR = qn("w:val"), qn("w:id"), qn("w:numId"), qn("w:numPr")
_REL_ATTRS = {qn(f"r:{name}") for name in ("id", "embed", "link")}


@dataclass(frozen=True)
class Expected:
    """What the configuration says the book must carry."""

    body_font: str
    heading_font: str
    author: str
    language: str = LANGUAGE
    compatibility_mode: str = COMPATIBILITY_MODE

    @property
    def fonts(self) -> frozenset[str]:
        return frozenset({self.body_font, self.heading_font})


def expected(config) -> Expected:
    """The expectations of a :class:`pipeline.config.Config`."""
    f = config.document.fonts
    return Expected(body_font=f.body, heading_font=f.heading, author=config.author)


def check_book(data: bytes, expect: Expected | None = None) -> list[str]:
    """Problems found in a .docx package (empty list: it passes).

    Without ``expect``, the checks that need the configuration (fonts, author)
    are left out; the language and compatibility mode are still checked.
    """
    problems: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = set(zf.namelist())
        trees = {}
        for name in names:
            if name.endswith((".xml", ".rels")):
                try:
                    trees[name] = etree.fromstring(zf.read(name), _PARSER)
                except etree.XMLSyntaxError as exc:
                    problems.append(f"{name}: not well-formed XML ({exc})")
    problems += _relationships(trees, names)
    doc = trees.get("word/document.xml")
    if doc is None:
        return problems + ["word/document.xml is missing"]
    rels = trees.get("word/_rels/document.xml.rels")
    rel_ids = {r.get("Id") for r in rels} if rels is not None else set()
    for attr in xp(doc, "//@r:*"):  # one walk over the attributes, then the three that name a relationship
        if attr.attrname in _REL_ATTRS and attr not in rel_ids:
            problems.append(f"word/document.xml: relationship id {attr} does not resolve")
    stories = {n: t for n, t in trees.items() if _STORIES.match(n)}
    word_parts = {n: t for n, t in trees.items() if n.startswith("word/") and n.count("/") == 1}
    problems += _schema_order(word_parts)
    for name, root in stories.items():
        problems += _bookmarks(name, root)
    dupes = [k for k, n in Counter(_ids(doc, "footnoteReference")).items() if n > 1]
    if dupes:
        problems.append(f"word/document.xml: duplicate footnote reference ids {dupes[:_SHOWN]}")
    problems += _notes(doc, trees)
    problems += _fields(stories)
    numbering = trees.get("word/numbering.xml")
    known = set(xp(numbering, "w:num/@w:numId")) if numbering is not None else set()
    missing = {n for el in doc.iter(_NUM_ID) if el.getparent().tag == _NUM_PR and (n := el.get(_VAL)) is not None
               and n != "0" and n not in known}
    if missing:
        problems.append(f"word/document.xml: numbering ids {sorted(missing)[:_SHOWN]} do not exist")
    styles = trees.get("word/styles.xml")
    if styles is None:
        problems.append("word/styles.xml is missing")
    else:
        problems += _style_references(styles, numbering, stories)
        problems += _language(styles, expect.language if expect else LANGUAGE)
    problems += _core_properties(trees.get("docProps/core.xml"), expect)
    problems += _settings(trees.get("word/settings.xml"), expect.compatibility_mode if expect else
                          COMPATIBILITY_MODE)
    if expect is not None:
        problems += _fonts(word_parts, _theme(trees), expect)
    return problems


def _ids(root, tag: str) -> list[str]:
    """The ``w:id`` of every ``w:<tag>`` below ``root`` (a tag-filtered walk: lxml skips a tag the part lacks)."""
    return [i for el in root.iter(qn(f"w:{tag}")) if (i := el.get(_ID)) is not None]


def _notes(doc, trees: dict) -> list[str]:
    """Every footnote and endnote reference names a note that exists (LibreOffice refuses the book otherwise)."""
    out = []
    for kind in ("footnote", "endnote"):
        part = trees.get(f"word/{kind}s.xml")
        have = set(xp(part, f"w:{kind}/@w:id")) if part is not None else set()
        missing = sorted({i for i in _ids(doc, f"{kind}Reference") if i not in have})
        if missing:
            out.append(f"word/document.xml: {kind} references to notes that do not exist {missing[:_SHOWN]}")
    return out


def _fields(stories: dict) -> list[str]:
    """Only fields on the allowlist (:mod:`pipeline.docx.fieldcodes`), in every story of the book."""
    from pipeline.docx.fieldcodes import field_type, unsafe_fields

    out = []
    for name, root in sorted(stories.items()):
        kinds = sorted({field_type(f.instruction) or "?" for f in unsafe_fields(root)})
        if kinds:
            out.append(f"{name}: fields not on the allowlist {kinds[:_SHOWN]}")
    return out


# -- package ---------------------------------------------------------------------------
def _relationships(trees: dict, names: set[str]) -> list[str]:
    out = []
    for name, root in trees.items():
        if not name.endswith(".rels"):
            continue
        base = posixpath.dirname(posixpath.dirname(name))
        for rel in root:
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External":
                if kind not in _ALLOWED_EXTERNAL:
                    out.append(f"{name}: external {kind} relationship to {target}")
                continue
            path = posixpath.normpath(posixpath.join(base, target)).lstrip("/") if not target.startswith("/") \
                else target.lstrip("/")
            if path not in names:
                out.append(f"{name}: relationship {rel.get('Id')} points to missing part {target}")
    return out


# -- schema order ----------------------------------------------------------------------
def _schema_order(parts: dict) -> list[str]:
    out = []
    for name in sorted(parts):
        found = schema.misordered(parts[name])
        for container, child in found[:_SHOWN]:
            out.append(f"{name}: w:{schema.local(child.tag)} is out of schema order in the "
                       f"w:{schema.local(container.tag)} of {_where(container)}")
        if len(found) > _SHOWN:
            out.append(f"{name}: {len(found) - _SHOWN} more containers out of schema order")
    return out


def _where(el) -> str:
    """A place a person can find: the style, or the top-level body element (1-based), or the part."""
    style = next(el.iterancestors(qn("w:style")), None)
    if style is not None:
        return f"style '{style.get(qn('w:styleId'))}'"
    node = el
    for parent in el.iterancestors():
        if parent.tag == qn("w:body"):
            return f"body element {parent.index(node) + 1} ({schema.local(node.tag)})"
        node = parent
    return f"{schema.local(el.getroottree().getroot().tag)} (the part itself)" if el.getparent() is None \
        else f"w:{schema.local(el.getparent().tag)}"


# -- bookmarks -------------------------------------------------------------------------
def _bookmarks(part: str, root) -> list[str]:
    starts: dict[str, list] = defaultdict(list)
    ends: Counter = Counter()
    for bm in root.iter(qn("w:bookmarkStart"), qn("w:bookmarkEnd")):
        if bm.tag == qn("w:bookmarkStart"):
            starts[bm.get(qn("w:id"))].append(bm.get(qn("w:name"), ""))
        else:
            ends[bm.get(qn("w:id"))] += 1
    out = []
    shared = sorted(i for i, s in starts.items() if len(s) > 1)
    if shared:
        out.append(f"{part}: bookmark ids used by more than one bookmark: {shared[:_SHOWN]}")
    extra_ends = sorted(i for i, n in ends.items() if n > 1 and len(starts.get(i, ())) <= 1)
    if extra_ends:
        out.append(f"{part}: bookmark ids ended more than once: {extra_ends[:_SHOWN]}")
    orphans = sorted(i for i in ends if i not in starts)
    if orphans:
        out.append(f"{part}: bookmark ends without a start (ids {orphans[:_SHOWN]})")
    open_ = sorted((s[0] for i, s in starts.items() if i not in ends))
    if open_:
        out.append(f"{part}: bookmarks never ended: {open_[:_SHOWN]}" + _more(open_))
    names = Counter(n for s in starts.values() for n in s)
    dupes = sorted(n for n, k in names.items() if k > 1)
    if dupes:
        out.append(f"{part}: duplicate bookmark names {dupes[:_SHOWN]}")
    long = sorted(n for n in names if len(n) > _MAX_BOOKMARK_NAME)
    if long:
        out.append(f"{part}: bookmark names longer than {_MAX_BOOKMARK_NAME} characters {long[:_SHOWN]}")
    return out


# -- styles ----------------------------------------------------------------------------
def _style_references(styles, numbering, stories: dict) -> list[str]:
    ids = set(xp(styles, "w:style/@w:styleId"))
    out = []
    for what in ("basedOn", "link", "next"):
        for style in xp(styles, f"w:style[w:{what}]"):
            target = xp(style, f"w:{what}/@w:val")[0]
            if target not in ids:
                out.append(f"word/styles.xml: style '{style.get(qn('w:styleId'))}' is {what} "
                           f"'{target}', which the book does not define")
    if numbering is not None:
        for what in ("numStyleLink", "styleLink"):
            for target in xp(numbering, f"w:abstractNum/w:{what}/@w:val"):
                if target not in ids:
                    out.append(f"word/numbering.xml: {what} '{target}' names no style of the book")
    for name, root in sorted(stories.items()):
        used = {el.get(_VAL) for el in root.iter(_STYLE_REFS)}
        missing = sorted(used - ids)
        if missing:
            out.append(f"{name}: styles used but not defined: {missing[:_SHOWN]}")
    return out


def _language(styles, language: str) -> list[str]:
    found = xp(styles, "w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val")
    if not found or found[0] != language:
        return [f"word/styles.xml: the default language is {found[0] if found else 'not set'}, not {language}"]
    return []


# -- properties and settings -----------------------------------------------------------
def _core_properties(core, expect: Expected | None) -> list[str]:
    part = "docProps/core.xml"
    if core is None:
        return [f"{part} is missing"]
    if core.tag != f"{{{CORE_NS['cp']}}}coreProperties":
        return [f"{part}: the root element {core.tag} is not cp:coreProperties"]
    allowed = {f"{{{CORE_NS[prefix]}}}{name}" for prefix, names in CORE_ELEMENTS.items() for name in names}
    out = []
    for child in core:
        if isinstance(child.tag, str) and child.tag not in allowed:
            ns, _, local = child.tag[1:].partition("}")
            out.append(f"{part}: {local} is in the namespace {ns}, not the core-properties one")

    def value(prefix: str, name: str) -> str:
        el = core.find(f"{{{CORE_NS[prefix]}}}{name}")
        return (el.text or "").strip() if el is not None else ""

    creator, modified_by = value("dc", "creator"), value("cp", "lastModifiedBy")
    if creator.lower() in _PLACEHOLDER_AUTHORS:
        out.append(f"{part}: dc:creator is the placeholder '{creator}'")
    elif expect is not None and creator != expect.author:
        out.append(f"{part}: dc:creator is '{creator}', not the configured '{expect.author}'")
    if expect is not None and modified_by != expect.author:
        out.append(f"{part}: cp:lastModifiedBy is '{modified_by}', not the configured '{expect.author}'")
    if not value("dc", "title"):
        out.append(f"{part}: dc:title is empty")
    return out


def _settings(settings, mode: str) -> list[str]:
    if settings is None:
        return ["word/settings.xml is missing"]
    found = xp(settings, "w:compat/w:compatSetting[@w:name='compatibilityMode']/@w:val")
    if not found or found[0] != mode:
        return [f"word/settings.xml: compatibilityMode is {found[0] if found else 'not set'}, not {mode} "
                "(Word opens the book in Compatibility Mode)"]
    return []


# -- fonts -----------------------------------------------------------------------------
def _theme(trees: dict):
    return next((t for n, t in sorted(trees.items()) if n.startswith("word/theme/")), None)


def _fonts(parts: dict, theme, expect: Expected) -> list[str]:
    out = []
    allowed = expect.fonts | fonts.SYMBOL_FONTS
    for name in sorted(parts):
        root = parts[name]
        themed = [_where(el) for el in fonts.theme_attributed(root)]
        if themed:
            out.append(f"{name}: the font comes from the theme, not the configured one, in "
                       + ", ".join(themed[:_SHOWN]) + _more(themed))
        stray: dict[str, list[str]] = defaultdict(list)
        for font, el in fonts.named_fonts(root):
            if font not in allowed:
                stray[font].append(_where(el))
        for font, places in sorted(stray.items()):
            out.append(f"{name}: font '{font}' is not a configured font ({', '.join(sorted(expect.fonts))}), "
                       f"in " + ", ".join(places[:_SHOWN]) + _more(places))
    if theme is not None:
        found = fonts.theme_fonts(theme)
        if (found["major"], found["minor"]) != (expect.heading_font, expect.body_font):
            out.append(f"word/theme: the theme fonts are '{found['major']}' (headings) and '{found['minor']}' "
                       f"(body), not the configured '{expect.heading_font}' and '{expect.body_font}'")
    return out


def _more(items: list) -> str:
    return f" and {len(items) - _SHOWN} more" if len(items) > _SHOWN else ""
