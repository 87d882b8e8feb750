"""Warnings from the libraries we use go to ``build/warnings.log``, never to the user's terminal.

docxtpl and python-docx warn about things a civil servant cannot
act on; printed between the build's steps they
read like errors. They are written, with where they came from, to a log file
the developers can read. Forked helper processes inherit the redirection.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import warnings
from pathlib import Path


@contextlib.contextmanager
def library_warnings(path: Path):
    """While the block runs, every Python warning is appended to ``path`` instead of printed."""
    saved = warnings.showwarning

    def to_file(message, category, filename, lineno, file=None, line=None):  # noqa: ARG001
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "a", encoding="utf-8") as fh:
                fh.write(f"{dt.datetime.now().isoformat(timespec='seconds')} {category.__name__} "
                         f"{filename}:{lineno}: {message}\n")
        except OSError:
            pass

    with warnings.catch_warnings():
        warnings.simplefilter("default")
        warnings.showwarning = to_file
        try:
            yield
        finally:
            warnings.showwarning = saved
