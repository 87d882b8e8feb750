"""Pages from Jinja2 templates: a sandboxed environment with autoescape, texts from the catalogue.

Everything on a page that comes from a user (file names, headings, cell text
quoted in a message, the OPD's own name) is escaped by Jinja's autoescape; no
template marks anything safe. The interface texts are the catalogue's
(``pipeline.messages``, keys ``web.*``), in the language the desk was started
with, like the command line's ``--lang``.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from pipeline.dates import long_date, moment
from pipeline.messages import message, ui

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = Path(__file__).resolve().parent / "static"

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
        day=lambda value: long_date(value, lang),
        moment=lambda value: moment(value, lang),
        **context)
