"""A small SpreadsheetML (.xlsx) writer: sheets of text and numbers, a few cell styles, a frozen header.

This is the only module that writes a workbook. The programme dataset is
written here rather than through openpyxl, whose import and cell objects cost
four tenths of a second of every cold build for a file of a few hundred rows.
What it writes: text in a shared-strings table (never a formula, whatever it
starts with), integers and decimals as numbers, formulas only where the
caller asks (:class:`Formula`), column widths, a frozen first row, five cell
styles and the plain Office theme that Excel's rules require. The tests read
it back with openpyxl and check it with an independent OOXML validator.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

# Cell styles (indices into cellXfs below).
PLAIN, HEADER, AMOUNT, BOLD, BOLD_AMOUNT = range(5)
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NOT_IN_TITLE = re.compile(r"[\[\]:*?/\\]")
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_DATE = (1980, 1, 1, 0, 0, 0)  # a fixed time in the zip: the same data gives the same bytes


@dataclass(frozen=True)
class Formula:
    """A cell computed by the spreadsheet, e.g. ``Formula("SUM(J2:J9)")`` (written without the ``=``)."""

    text: str


@dataclass
class Sheet:
    """One worksheet: rows of ``(value, style)`` cells (a value of None or "" leaves the cell empty)."""

    title: str
    rows: list[list[tuple[object, int]]] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)  # per column, in characters
    freeze_header: bool = True


def column_letter(index: int) -> str:
    """The letters of a 1-based column index: 1 -> A, 27 -> AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def workbook(sheets: list[Sheet], number_format: str = '"Rp"#,##0') -> bytes:
    """The .xlsx bytes of ``sheets``; ``number_format`` is the one the AMOUNT styles show numbers in."""
    titles = _titles([s.title for s in sheets])
    strings: dict[str, int] = {}
    worksheets = [_worksheet(sheet, strings) for sheet in sheets]
    parts = {
        "[Content_Types].xml": _content_types(len(sheets)),
        "_rels/.rels": _rels([("officeDocument", "xl/workbook.xml")]),
        "xl/workbook.xml": _workbook(titles),
        "xl/_rels/workbook.xml.rels": _rels([("worksheet", f"worksheets/sheet{i}.xml")
                                             for i in range(1, len(sheets) + 1)]
                                            + [("styles", "styles.xml"), ("sharedStrings", "sharedStrings.xml"),
                                               ("theme", "theme/theme1.xml")]),
        "xl/styles.xml": _styles(number_format),
        "xl/sharedStrings.xml": _shared_strings(strings),
        "xl/theme/theme1.xml": _THEME,
    }
    for i, text in enumerate(worksheets, start=1):
        parts[f"xl/worksheets/sheet{i}.xml"] = text
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in parts.items():
            zf.writestr(zipfile.ZipInfo(name, _DATE), text.encode("utf-8", errors="replace"),
                        compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def _titles(titles: list[str]) -> list[str]:
    """Sheet names Excel accepts: no []:*?/\\, not "History", no quote at either end, at most 31
    UTF-16 units, none twice."""
    out: list[str] = []
    for title in titles:
        name = _fit(_NOT_IN_TITLE.sub("-", _NOT_IN_XML.sub("", title)), 31) or "Sheet"
        if name.casefold() == "history":
            name = f"{name} (1)"
        base, n = name, 2
        while name.casefold() in {t.casefold() for t in out}:
            suffix = f" ({n})"
            name, n = _fit(base, 31 - len(suffix)) + suffix, n + 1
        out.append(name)
    return out


def _fit(name: str, units: int) -> str:
    """``name`` cut to ``units`` UTF-16 units (as Excel counts), without spaces or quotes at its ends."""
    name = name.strip().strip("'")
    while len(name.encode("utf-16-le")) // 2 > units:
        name = name[:-1]
    return name.strip().strip("'")


def _text(value: str) -> str:
    return escape(_NOT_IN_XML.sub("", value))


def _cell(ref: str, value, style: int, strings: dict[str, int]) -> str:
    s = f' s="{style}"' if style else ""
    if isinstance(value, Formula):
        return f'<c r="{ref}"{s}><f>{_text(value.text)}</f></c>'
    if isinstance(value, bool):
        return f'<c r="{ref}"{s} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int) or (isinstance(value, float) and math.isfinite(value)):
        return f'<c r="{ref}"{s}><v>{value!r}</v></c>'
    index = strings.setdefault(str(value), len(strings))
    return f'<c r="{ref}"{s} t="s"><v>{index}</v></c>'


def _shared_strings(strings: dict[str, int]) -> str:
    items = "".join(f'<si><t xml:space="preserve">{_text(text)}</t></si>' for text in strings)
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{_MAIN}" count="{len(strings)}" '
            f'uniqueCount="{len(strings)}">{items}</sst>')


def _worksheet(sheet: Sheet, strings: dict[str, int]) -> str:
    letters = [column_letter(i) for i in range(1, max((len(r) for r in sheet.rows), default=0) + 1)]
    rows = []
    for n, row in enumerate(sheet.rows, start=1):
        cells = "".join(_cell(f"{letters[i]}{n}", value, style, strings) for i, (value, style) in enumerate(row)
                        if value is not None and value != "")
        rows.append(f'<row r="{n}">{cells}</row>')
    pane = ('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>') if sheet.freeze_header else ""
    cols = "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
                   for i, w in enumerate(sheet.widths, start=1))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">'
            f'<sheetViews><sheetView workbookViewId="0">{pane}</sheetView></sheetViews>'
            f'<sheetFormatPr defaultRowHeight="15"/>{f"<cols>{cols}</cols>" if cols else ""}'
            f'<sheetData>{"".join(rows)}</sheetData></worksheet>')


def _workbook(titles: list[str]) -> str:
    sheets = "".join(f'<sheet name={quoteattr(t)} sheetId="{i}" r:id="rId{i}"/>' for i, t in enumerate(titles, start=1))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
            f'<bookViews><workbookView/></bookViews><sheets>{sheets}</sheets>'
            '<calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>')


def _styles(number_format: str) -> str:
    # cellXfs in the order of PLAIN, HEADER, AMOUNT, BOLD, BOLD_AMOUNT
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="{_MAIN}">'
            f'<numFmts count="1"><numFmt numFmtId="164" formatCode={quoteattr(number_format)}/></numFmts>'
            '<fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
            '<font><b/><sz val="11"/><color rgb="FFFFFFFF"/><name val="Calibri"/><family val="2"/></font>'
            '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
            '<fills count="3"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill>'
            '<fill><patternFill patternType="solid"><fgColor rgb="FF1F4E79"/><bgColor indexed="64"/></patternFill>'
            '</fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            '<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" '
            'applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>'
            '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
            '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
            '<xf numFmtId="164" fontId="2" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>'
            '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            '</styleSheet>')


def _rels(targets: list[tuple[str, str]]) -> str:
    rels = "".join(f'<Relationship Id="rId{i}" Type="{_REL}/{kind}" Target="{target}"/>'
                   for i, (kind, target) in enumerate(targets, start=1))
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{_PKG_REL}">{rels}</Relationships>'


def _content_types(sheets: int) -> str:
    overrides = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_CT}.worksheet+xml"/>'
                        for i in range(1, sheets + 1))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{_CT}.styles+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_CT}.sharedStrings+xml"/>'
            '<Override PartName="/xl/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>'
            f'{overrides}</Types>')


def _theme() -> str:
    """Office's plain theme: Calibri, the twelve Office colours, the simplest fills, lines and effects."""
    colours = "".join(f'<a:{name}><a:srgbClr val="{rgb}"/></a:{name}>' for name, rgb in (
        ("dk2", "44546A"), ("lt2", "E7E6E6"), ("accent1", "4472C4"), ("accent2", "ED7D31"), ("accent3", "A5A5A5"),
        ("accent4", "FFC000"), ("accent5", "5B9BD5"), ("accent6", "70AD47"), ("hlink", "0563C1"),
        ("folHlink", "954F72")))
    fill = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    line = f'<a:ln w="6350">{fill}</a:ln>'
    effect = "<a:effectStyle><a:effectLst/></a:effectStyle>"
    fonts = lambda face: f'<a:latin typeface="{face}"/><a:ea typeface=""/><a:cs typeface=""/>'  # noqa: E731
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office Theme">'
            '<a:themeElements><a:clrScheme name="Office">'
            '<a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>'
            f'<a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>{colours}</a:clrScheme>'
            f'<a:fontScheme name="Office"><a:majorFont>{fonts("Calibri Light")}</a:majorFont>'
            f'<a:minorFont>{fonts("Calibri")}</a:minorFont></a:fontScheme>'
            f'<a:fmtScheme name="Office"><a:fillStyleLst>{fill * 3}</a:fillStyleLst>'
            f'<a:lnStyleLst>{line * 3}</a:lnStyleLst><a:effectStyleLst>{effect * 3}</a:effectStyleLst>'
            f'<a:bgFillStyleLst>{fill * 3}</a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>')


_THEME = _theme()
