"""Making diagnostics: the rule's severity comes from the catalogue, never from the caller."""

from __future__ import annotations

from dataclasses import replace

from pipeline.inert import plain
from pipeline.messages import FINAL_ERRORS, RULES
from pipeline.model import Diagnostic, Location, Severity


def diag(code: str, file: str, location: Location | None = None, *, opd: str | None = None, **args) -> Diagnostic:
    """A diagnostic for rule ``code`` in ``file`` at ``location`` with message arguments.

    Arguments quote what users wrote; escape sequences and control characters are removed here, once.
    """
    return Diagnostic(code=code, severity=RULES[code].severity, file=file, location=location or Location(),
                      args={k: plain(str(v)) for k, v in args.items()}, opd=opd)


def for_final(diags: list[Diagnostic]) -> list[Diagnostic]:
    """In a final build, leftovers (tracked changes, comments, placeholders) are errors."""
    return [replace(d, severity=Severity.ERROR) if d.code in FINAL_ERRORS else d for d in diags]
