"""The message catalogue: every rule's code and severity, and its text per language.

A language is one module in this package (``id.py``, ``en.py``) holding a
``MESSAGES`` dict ``code -> (message, hint, description)`` and a ``UI`` dict of
interface strings. Adding a language is adding one file and one entry to
:data:`LANGUAGES`.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.model import Diagnostic, Severity
from pipeline.messages import en, id as id_

LANGUAGES = {"id": id_, "en": en}
BOOK_LANGUAGE = "id"  # the book itself is an Indonesian government document, whatever the editor's --lang


@dataclass(frozen=True)
class Rule:
    """A validation rule: stable code, default severity and the family it belongs to."""

    code: str
    severity: Severity
    family: str


E, W = Severity.ERROR, Severity.WARNING

# Code ranges: 1xx metadata, 2xx structure, 3xx programme tables and consistency, 4xx leftovers,
# 5xx content, 6xx safety, 7xx references, 8xx the book itself (family "build": notices for the
# editor, with opd "editor", about tables, fonts and the PDF; never an OPD's error).

RULES: dict[str, Rule] = {
    r.code: r
    for r in [
        Rule("MP-E101", E, "metadata"),
        Rule("MP-E102", E, "metadata"),
        Rule("MP-E103", E, "metadata"),
        Rule("MP-E104", E, "metadata"),
        Rule("MP-E105", E, "metadata"),
        Rule("MP-W106", W, "metadata"),
        Rule("MP-E107", E, "metadata"),
        Rule("MP-E108", E, "metadata"),
        Rule("MP-W109", W, "metadata"),
        Rule("MP-E110", E, "metadata"),
        Rule("MP-E111", E, "metadata"),
        Rule("MP-E201", E, "structure"),
        Rule("MP-W202", W, "structure"),
        Rule("MP-W203", W, "structure"),
        Rule("MP-W204", W, "structure"),
        Rule("MP-W205", W, "structure"),
        Rule("MP-W206", W, "structure"),
        Rule("MP-E207", E, "structure"),
        Rule("MP-W210", W, "structure"),
        Rule("MP-W211", W, "structure"),
        Rule("MP-E301", E, "tables"),
        Rule("MP-W302", W, "tables"),
        Rule("MP-E303", E, "tables"),
        Rule("MP-W304", W, "tables"),
        Rule("MP-E305", E, "tables"),
        Rule("MP-E306", E, "tables"),
        Rule("MP-E307", E, "tables"),
        Rule("MP-E308", E, "tables"),
        Rule("MP-W309", W, "tables"),
        Rule("MP-E310", E, "tables"),
        Rule("MP-E311", E, "tables"),
        Rule("MP-W312", W, "tables"),
        Rule("MP-W313", W, "tables"),
        Rule("MP-W314", W, "tables"),
        Rule("MP-W320", W, "consistency"),
        Rule("MP-E321", E, "consistency"),
        Rule("MP-W322", W, "consistency"),
        Rule("MP-W323", W, "consistency"),
        Rule("MP-E701", E, "references"),
        Rule("MP-E702", E, "references"),
        Rule("MP-W401", W, "leftovers"),
        Rule("MP-W402", W, "leftovers"),
        Rule("MP-W403", W, "leftovers"),
        Rule("MP-W404", W, "leftovers"),
        Rule("MP-W405", W, "leftovers"),
        Rule("MP-W501", W, "content"),
        Rule("MP-E502", E, "content"),
        Rule("MP-E503", E, "content"),
        Rule("MP-W504", W, "content"),
        Rule("MP-E505", E, "content"),
        Rule("MP-W506", W, "content"),
        Rule("MP-W507", W, "content"),
        Rule("MP-E508", E, "content"),
        Rule("MP-E601", E, "safety"),
        Rule("MP-E602", E, "safety"),
        Rule("MP-E603", E, "safety"),
        Rule("MP-E604", E, "safety"),
        Rule("MP-E605", E, "safety"),
        Rule("MP-E606", E, "safety"),
        Rule("MP-W607", W, "safety"),
        Rule("MP-E608", E, "safety"),
        Rule("MP-W609", W, "safety"),
        Rule("MP-E610", E, "safety"),
        Rule("MP-E611", E, "safety"),
        Rule("MP-E612", E, "safety"),
        Rule("MP-E613", E, "safety"),
        Rule("MP-W614", W, "safety"),
        Rule("MP-E615", E, "safety"),
        Rule("MP-E616", E, "safety"),
        Rule("MP-W801", W, "build"),
        Rule("MP-W802", W, "build"),
        Rule("MP-W803", W, "build"),
        Rule("MP-W821", W, "build"),
        Rule("MP-W822", W, "build"),
        Rule("MP-W823", W, "build"),
        Rule("MP-W825", W, "build"),
        Rule("MP-W826", W, "build"),
        Rule("MP-W827", W, "build"),
        Rule("MP-W828", W, "build"),
        Rule("MP-W829", W, "build"),
        Rule("MP-W811", W, "build"),
        Rule("MP-W812", W, "build"),
        Rule("MP-W813", W, "build"),
        Rule("MP-W814", W, "build"),
        Rule("MP-W831", W, "build"),
        Rule("MP-W832", W, "build"),
        Rule("MP-W833", W, "build"),
    ]
}

# A diagnostic's ``nearest`` argument: candidate names for a "did you mean" hint, joined by this.
NAMES_SEPARATOR = "\u241e"  # a printable character no name contains (control characters are stripped from arguments)

# Rules whose warnings become errors in a final build (tracked changes, comments, placeholders).
FINAL_ERRORS = {"MP-W401", "MP-W402", "MP-W403"}


def catalogue(lang: str):
    """The language module for ``lang``; unknown languages fall back to Indonesian."""
    return LANGUAGES.get(lang, id_)


def ui(ui_key: str, lang: str = "id", **args) -> str:
    """An interface string (headings, summaries) in ``lang``."""
    return catalogue(lang).UI[ui_key].format_map(_Args(args))


_BOTH = "\u2063"  # invisible separator between the two languages of a bilingual argument


def bilingual(indonesian: str, english: str) -> str:
    """An argument given in both languages (from a layer that does not know the user's language)."""
    return f"{indonesian}{_BOTH}{english}"


def _in(lang: str, value: str) -> str:
    if _BOTH not in value:
        return value
    indonesian, english = value.split(_BOTH, 1)
    return english if lang == "en" else indonesian


def message(diag: Diagnostic, lang: str = "id") -> tuple[str, str]:
    """The (message, hint) of a diagnostic in ``lang``, with its arguments filled in."""
    text, hint, _ = catalogue(lang).MESSAGES[diag.code]
    args = _Args({k: _in(lang, v) for k, v in diag.args.items()})
    hint = hint.format_map(args)
    nearest = [n for n in diag.args.get("nearest", "").split(NAMES_SEPARATOR) if n]
    if nearest:  # "Maksud Anda 'Smart Governance' atau 'Smart Living'?" before the hint
        names = f" {ui('or', lang)} ".join(f"'{n}'" for n in nearest)
        hint = ui("did_you_mean", lang, names=names) + " " + hint
    return text.format_map(args), hint


def describe(code: str, lang: str = "id") -> str:
    """One-line description of a rule, for ``masterplan rules``."""
    return catalogue(lang).MESSAGES[code][2]


class _Args(dict):
    """format_map helper: a missing argument shows as ``?`` instead of raising."""

    def __missing__(self, key: str) -> str:
        return "?"
