"""Where a paragraph of the book stands in the OPD's own file: heading path, paragraph or line, table cell.

Worked out when a draft is recorded, from the fragment's paragraphs in the book
(:func:`pipeline.docx.comments.fragment_paragraphs`) and the file the OPD sent:

* a Word file: its top-level paragraphs, numbered from 1 as validation counts
  them, with the heading path above each; a table cell by the fragment's table
  number, row and column;
* a Markdown file: the line where the paragraph, list item, heading or table row
  starts.

The book's text is not always the file's text (typed heading numbers removed,
``@tbl:...`` written out as "Tabel 2.1", a cover left out), so paragraphs are
matched in order, exactly where they can be and by likeness where not. A
paragraph that matches nothing keeps the heading path the book gives it.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from pipeline.docx.comments import Paragraph
from pipeline.model import Fragment, Location
from pipeline.validate.markdown import FENCE, HEADING, TABLE_SEPARATOR

WINDOW = 40  # how far ahead in the file a paragraph is looked for
LIKE = 0.8  # how alike two texts must be to be the same paragraph (difflib ratio)
_MARKUP = re.compile(r"\]\([^)]*\)|\{#[^}]*\}|[!*_`>#\[\]|\\]")  # links' targets first, then marks
_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


@dataclass
class _Block:
    text: str  # normalised
    where: Location


def norm(text: str) -> str:
    """Lower case, markup and punctuation spacing removed: the words a reader sees."""
    text = _MARKUP.sub(" ", text or "")
    return " ".join(re.sub(r"[^\w%.,:;/()+-]", " ", text.lower()).split())


def places(fragment: Fragment, paragraphs: list[Paragraph]) -> list[Location]:
    """For each of the fragment's paragraphs in the book, its place in the OPD's file."""
    try:
        if fragment.kind == "md":
            blocks, rows = _markdown_blocks(fragment)
        else:
            blocks, rows = _word_blocks(fragment)
    except (OSError, ValueError, KeyError, UnicodeDecodeError):
        blocks, rows = [], {}
    out: list[Location] = []
    cursor = 0
    last_heading = ""
    for para in paragraphs:
        if para.cell is not None:
            out.append(_cell_place(para, rows, fragment.kind, last_heading))
            continue
        found = _find(norm(para.text), blocks, cursor) if para.text.strip() else None
        if found is None:
            out.append(Location(heading=para.heading or last_heading or None))
            continue
        cursor = found + 1
        where = blocks[found].where
        last_heading = where.heading or last_heading
        out.append(where)
    return out


def _find(text: str, blocks: list[_Block], cursor: int) -> int | None:
    ahead = range(cursor, min(len(blocks), cursor + WINDOW))
    for i in ahead:
        if blocks[i].text == text:
            return i
    for i in ahead:  # a typed number taken off, a cross-reference written out, markup
        b = blocks[i].text
        if b and (b.endswith(text) or text.endswith(b) or text.startswith(b)) and min(len(b), len(text)) >= 12:
            return i
    best, score = None, LIKE
    for i in ahead:
        s = difflib.SequenceMatcher(None, text, blocks[i].text, autojunk=False).ratio()
        if s > score:
            best, score = i, s
    return best


def _cell_place(para: Paragraph, rows: dict, kind: str, heading: str) -> Location:
    table, row, column = para.cell
    found = rows.get(table)
    if found is None:
        return Location(heading=para.heading or heading or None, table=table or None, row=row, column=column)
    where, lines = found
    if kind == "md":
        line = lines[row - 1] if 0 < row <= len(lines) else None
        return Location(line=line, heading=where.heading, table=table, row=row, column=column)
    return Location(paragraph=where.paragraph, heading=where.heading, table=table, row=row, column=column)


def _word_blocks(fragment: Fragment) -> tuple[list[_Block], dict]:
    from pipeline.docx.inspect import fragment_facts

    facts = fragment_facts(fragment)
    blocks = [_Block(norm(b.text), b.location) for b in facts.blocks if b.location.table is None]
    rows = {loc.table: (loc, []) for loc, _, _ in facts.tables}
    return blocks, rows


def _markdown_blocks(fragment: Fragment) -> tuple[list[_Block], dict]:
    """Headings, paragraphs, list items and table rows of a Markdown file, with the line each starts on."""
    from pipeline.discover import split_front_matter

    _, body, first = split_front_matter(fragment.path.read_bytes().decode("utf-8"))
    blocks: list[_Block] = []
    rows: dict[int, tuple[Location, list[int]]] = {}
    path: list[tuple[int, str]] = []
    heading = None
    current: list[str] = []
    start = 0
    fence = False
    tables = 0
    in_table = False

    def flush():
        if current:
            blocks.append(_Block(norm(" ".join(current)), Location(line=start, heading=heading)))
            current.clear()

    for i, line in enumerate(body.splitlines()):
        no = first + i
        if FENCE.match(line):
            flush()
            fence = not fence
            continue
        stripped = line.strip()
        if stripped.startswith("|") and not fence:
            flush()
            if not in_table:
                tables += 1
                in_table = True
                rows[tables] = (Location(line=no, heading=heading), [])
            if not TABLE_SEPARATOR.match(line):
                rows[tables][1].append(no)
            continue
        in_table = False
        h = HEADING.match(line) if not fence else None
        if h:
            flush()
            level, text = len(h.group(1)), h.group(2)
            path = [(lv, t) for lv, t in path if lv < level] + [(level, text[:60])]
            heading = " > ".join(t for _, t in path)
            blocks.append(_Block(norm(text), Location(line=no, heading=heading)))
            continue
        if not stripped or (_LIST.match(line) and not fence):
            flush()
        if stripped:
            if not current:
                start = no
            current.append(_LIST.sub("", line) if not fence else line)
    flush()
    return blocks, rows
