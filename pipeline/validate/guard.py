"""Run a check on a fragment so that a broken file becomes a diagnostic, and a bug of ours does not.

Broken files surface from python-docx, lxml, zipfile and zlib as a handful of
exception types; those become MP-E613 ("berkas rusak"). Any other exception is
a bug in our checks: it is raised as :class:`pipeline.crash.InternalError`
with its traceback, so that the command saves it and never tells the OPD that
their file is broken.
"""

from __future__ import annotations

import os
import zipfile
import zlib

from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from pipeline.crash import InternalError, trace_of
from pipeline.model import Diagnostic, Location
from pipeline.rules import diag

# What broken files raise inside python-docx, lxml, zipfile and zlib (seen in the hostile corpus and the
# property tests: random bytes, flipped bytes, garbage parts).
BROKEN_FILE_ERRORS = (zipfile.BadZipFile, zlib.error, etree.XMLSyntaxError, PackageNotFoundError, KeyError,
                      EOFError, UnicodeDecodeError, NotImplementedError, RecursionError,
                      ValueError)  # python-docx's word for content it cannot make sense of


def guarded(check, frag, cfg) -> list[Diagnostic]:
    """``check(frag, cfg)``; a broken file gives MP-E613, a bug raises InternalError."""
    try:
        return check(frag, cfg)
    except MemoryError:
        raise  # the sandbox turns this into MP-E612
    except BROKEN_FILE_ERRORS as exc:
        if os.environ.get("MP_DEBUG"):
            raise
        detail = f"{type(exc).__name__}: {str(exc)[:200]}"
        return [diag("MP-E613", frag.rel, Location(), detail=detail)]
    except Exception as exc:
        raise InternalError(f"{frag.rel}: {type(exc).__name__}", trace_of(exc)) from None
