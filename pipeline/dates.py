"""Dates as the book, the documents, the desk and the terminal print them: '15 Oktober 2026'.

One home for the date formats, so that a deadline reads the same in the book's
notices, the forms, the status board and the terminal.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date, format_datetime

LOCALES = {"id": "id_ID", "en": "en_GB"}


def _day(value: str | dt.date) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def long_date(value: str | dt.date | None, lang: str = "id") -> str:
    """'15 Oktober 2026' from a date or an ISO date (or '-')."""
    return format_date(_day(value), "d MMMM y", locale=LOCALES.get(lang, "id_ID")) if value else "-"


def short_date(value: str | dt.date | None, lang: str = "id") -> str:
    """'15 Okt 2026', for a narrow column (or '-')."""
    return format_date(_day(value), "d MMM y", locale=LOCALES.get(lang, "id_ID")) if value else "-"


def moment(value: str | None, lang: str = "id") -> str:
    """'1 Des 2026 10.40' from an ISO time stamp (or '-'; a text that is none stays as it is)."""
    if not value:
        return "-"
    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    return format_datetime(when, "d MMM y HH.mm", locale=LOCALES.get(lang, "id_ID"))
