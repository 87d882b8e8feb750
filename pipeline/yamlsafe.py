"""Safe YAML loading: no tags, no alias bombs, bounded size."""

from __future__ import annotations

import yaml

MAX_YAML_BYTES = 1_000_000
MAX_ALIASES = 50


class YamlError(ValueError):
    """The YAML text is not acceptable; the message says why."""


class _CountingLoader(yaml.SafeLoader):
    """SafeLoader that refuses documents using many aliases (billion-laughs style)."""

    def compose_node(self, parent, index):  # noqa: D401 - PyYAML hook
        if self.check_event(yaml.AliasEvent):
            self._aliases = getattr(self, "_aliases", 0) + 1
            if self._aliases > MAX_ALIASES:
                raise YamlError("too many YAML aliases (&/*)")
        return super().compose_node(parent, index)


def load_yaml(text: str | bytes):
    """Parse YAML with the safe loader; raise :class:`YamlError` with a short reason."""
    if isinstance(text, bytes):
        if len(text) > MAX_YAML_BYTES:
            raise YamlError("YAML is larger than 1 MB")
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise YamlError(f"not UTF-8 ({exc.reason} at byte {exc.start})") from None
    try:
        return yaml.load(text, Loader=_CountingLoader)  # noqa: S506 - SafeLoader subclass
    except YamlError:
        raise
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise YamlError(f"{problem}{where}") from None
