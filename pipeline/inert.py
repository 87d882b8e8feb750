"""User text made inert for wherever it is shown: the terminal, Markdown reports, HTML pages.

Headings, cell values and file names come from OPDs' files. Printed as they
are, ``ESC[2J`` clears an editor's screen, ``ESC]0;…BEL`` retitles the window,
a forged line imitates a verdict, ``[bold]`` or ``[link=…]`` is rich markup,
and in a Markdown report a link, an image from an outside host or raw HTML
would render for whoever opens it. Every printed piece of user text passes
through one of these functions.
"""

from __future__ import annotations

import html
import re

# CSI and OSC escape sequences, then any other C0/C1 control character (tab and newline are kept by
# :func:`plain` where a caller wants them; see ``keep_lines``).
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>!|~#&])")


def plain(text: str, keep_lines: bool = False) -> str:
    """``text`` without escape sequences and control characters (newlines become spaces unless kept)."""
    text = _ESCAPES.sub("", str(text))
    text = _CONTROLS.sub("", text)
    return text if keep_lines else text.replace("\n", " ").replace("\t", " ")


def terminal(text: str) -> str:
    """For rich: no control characters, and markup characters printed literally."""
    from rich.markup import escape

    return escape(plain(text, keep_lines=True))


def markdown(text: str) -> str:
    """For a Markdown report: one line, every character Markdown or HTML could act on escaped."""
    return _MD_SPECIAL.sub(r"\\\1", plain(text))


def page(text: str) -> str:
    """For an HTML page."""
    return html.escape(plain(text, keep_lines=True), quote=True)
