"""The base of every part of the config schema (``masterplan.yml``).

Unknown keys are kept (``extra="allow"``) so that loading can warn about them
instead of failing; surrounding spaces of every string are stripped.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class ConfigModel(BaseModel):
    """A mapping of ``masterplan.yml``."""

    model_config = ConfigDict(extra="allow", str_strip_whitespace=True)
