"""One exception hierarchy for failures that stop a command.

Content problems in fragments are *diagnostics* (see :mod:`pipeline.model`),
never exceptions. Exceptions here carry an exit code for the CLI.
"""

from __future__ import annotations


class MasterplanError(Exception):
    """Base class: a failure that stops the command with a message, no traceback."""

    exit_code = 2

    def __init__(self, message: str = "", details: list[str] | None = None, *, key: str | None = None, **args):
        """``key`` names the message in the catalogue (``pipeline.messages``, UI strings) with ``args``;
        the command shows it in the user's language. ``message`` is the text without a catalogue key."""
        if key is not None:
            from pipeline.messages import ui

            message = ui(key, "id", **args)
        super().__init__(message)
        self.message = message
        self.details = details or []
        self.key, self.params = key, args  # not "args": Exception keeps its own

    def text(self, lang: str) -> str:
        """The message in ``lang``."""
        if self.key is None:
            return self.message
        from pipeline.messages import ui

        return ui(self.key, lang, **self.params)

    def __str__(self) -> str:
        return "\n".join([self.message, *("  - " + d for d in self.details)])


class ConfigError(MasterplanError):
    """masterplan.yml is missing or invalid (exit 2)."""


class UsageError(MasterplanError):
    """The command was called wrongly (exit 2)."""


class ContentError(MasterplanError):
    """Fragments have errors, so the build refuses to publish (exit 1).

    ``diagnostics`` holds the blocking diagnostics, so that the caller can show
    them without validating again.
    """

    exit_code = 1

    def __init__(self, message: str, details: list[str] | None = None, diagnostics: list | None = None):
        super().__init__(message, details)
        self.diagnostics = diagnostics or []


class EngineError(MasterplanError):
    """pandoc or LibreOffice failed or is missing (exit 2)."""


class DocumentRefused(EngineError):
    """LibreOffice could not load a document we gave it (it wrote no PDF)."""


class GateError(MasterplanError):
    """The assembled document failed its own validity check; nothing was published."""

    exit_code = 1
