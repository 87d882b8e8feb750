"""Pages from Jinja2 templates: a sandboxed environment with autoescape, texts from the catalogue.

Everything on a page that comes from a user (file names, headings, cell text
quoted in a message, the OPD's own name) is escaped by Jinja's autoescape; no
template marks anything safe. The interface texts are the catalogue's
(``pipeline.messages``, keys ``web.*``), in the language the desk was started
with, like the command line's ``--lang``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from babel.dates import format_date, format_datetime
from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from pipeline.messages import message, ui

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = Path(__file__).resolve().parent / "static"
LOCALES = {"id": "id_ID", "en": "en_GB"}

_env = SandboxedEnvironment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                            trim_blocks=True, lstrip_blocks=True)


def render(name: str, lang: str, **context) -> str:
    """The page ``name`` in ``lang``; ``t(key)`` in a template is ``ui('web.' + key)``."""
    return _env.get_template(name).render(
        lang=lang,
        t=lambda key, **kw: ui(f"web.{key}", lang, **kw),
        ui=lambda key, **kw: ui(key, lang, **kw),
        explain=lambda d: message(d, lang),
        where=lambda d: d.location.describe(lang),
        day=lambda value: day(value, lang),
        moment=lambda value: moment(value, lang),
        **context)


def day(value: str | dt.date | None, lang: str) -> str:
    """'15 Oktober 2026' from an ISO date (or '-')."""
    if not value:
        return "-"
    when = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    return format_date(when, "d MMMM y", locale=LOCALES.get(lang, "id_ID"))


def moment(value: str | None, lang: str) -> str:
    """'1 Des 2026 10.40' from an ISO time stamp (or '-')."""
    if not value:
        return "-"
    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    return format_datetime(when, "d MMM y HH.mm", locale=LOCALES.get(lang, "id_ID"))
