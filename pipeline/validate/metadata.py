"""Metadata rules: required fields, registry, outline ownership, dates, file name."""

from __future__ import annotations

import datetime as dt
import re

from pipeline.config import LoadedConfig
from pipeline.discover import NAME_PATTERN, expected_name
from pipeline.model import Diagnostic, Fragment, Location
from pipeline.names import did_you_mean
from pipeline.rules import diag

REQUIRED = ("opd", "section", "title")
MONTHS_ID = {m: i for i, m in enumerate(["januari", "februari", "maret", "april", "mei", "juni", "juli",
                                          "agustus", "september", "oktober", "november", "desember"], start=1)}


def parse_date(text: str) -> dt.date | None:
    """'2026-11-29', '29/11/2026', '29 November 2026' -> date; None when it does not parse."""
    text = text.strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%SZ"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    m = re.match(r"^(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})$", text)
    if m and m.group(2).lower() in MONTHS_ID:
        try:
            return dt.date(int(m.group(3)), MONTHS_ID[m.group(2).lower()], int(m.group(1)))
        except ValueError:
            return None
    return None


def check_metadata(frag: Fragment, cfg: LoadedConfig) -> list[Diagnostic]:
    """Diagnostics about the fragment's declared metadata."""
    c = cfg.config
    meta = frag.meta
    where = Location(line=1) if frag.kind == "md" else Location(part=meta.source or "properties")
    out: list[Diagnostic] = []
    for name in REQUIRED:
        if not getattr(meta, name):
            out.append(diag("MP-E101", frag.rel, where, field=name))
    if not meta.version and not meta.date:
        out.append(diag("MP-E101", frag.rel, where, field="version/date"))
    if meta.opd and c.opd(meta.opd) is None:
        out.append(diag("MP-E102", frag.rel, where, opd=meta.opd, known=", ".join(o.code for o in c.opds),
                        nearest=did_you_mean(c.opd_names().nearest(meta.opd, 2, close_only=True))))
    found = c.section(meta.section) if meta.section else None
    if meta.section and found is None:
        ids = [s.id for _, s in c.sections()]
        out.append(diag("MP-E103", frag.rel, where, section=meta.section, known=", ".join(ids[:8])))
    if found and meta.opd and c.opd(meta.opd) and meta.opd not in found[1].owners:
        out.append(diag("MP-E104", frag.rel, where, opd=meta.opd, section=meta.section,
                        owners=", ".join(found[1].owners)))
    if meta.date and parse_date(meta.date) is None:
        out.append(diag("MP-E105", frag.rel, where, value=meta.date))
    name = frag.path.name
    m = NAME_PATTERN.match(name)
    if meta.section and meta.opd and (not m or m.group("section") != meta.section or m.group("opd") != meta.opd):
        out.append(diag("MP-W106", frag.rel, Location(), expected=expected_name(meta.section, meta.opd, frag.kind)))
    return out
