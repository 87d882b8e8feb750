"""Bugs of ours: the traceback goes to a file under ``build/``, the user gets one short sentence.

A user's bad file is a diagnostic (never a traceback). Anything else that goes
wrong is our bug, and must not be blamed on the file: like Sphinx, the command
saves the traceback to ``build/masterplan-crash-<time>.txt`` and says where it
is, so that an editor can send it to the developers.
"""

from __future__ import annotations

import datetime as dt
import platform
import sys
import traceback
from pathlib import Path

from pipeline.errors import MasterplanError


class InternalError(MasterplanError):
    """A bug of ours (exit 2). ``trace`` holds the traceback text, also across processes."""

    def __init__(self, message: str, trace: str = ""):
        super().__init__(message)
        self.trace = trace

    def __reduce__(self):  # raised in a worker process, it reaches the main process whole
        return (type(self), (self.message, self.trace))


def trace_of(exc: BaseException) -> str:
    """The formatted traceback of ``exc``."""
    return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))


def save(exc: BaseException, folder: Path, argv: list[str] | None = None) -> Path:
    """Write what a developer needs to find the bug; return the file's path."""
    from pipeline import __version__

    folder.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.now()
    path = folder / f"masterplan-crash-{now:%Y%m%d-%H%M%S}.txt"
    body = getattr(exc, "trace", "") or trace_of(exc)
    path.write_text(f"masterplan {__version__}, Python {platform.python_version()}, {platform.platform()}\n"
                    f"{now.isoformat(timespec='seconds')}\ncommand: {' '.join(argv or sys.argv)}\n\n{body}",
                    encoding="utf-8")
    return path
