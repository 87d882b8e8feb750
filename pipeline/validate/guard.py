"""Run a check so that no input can crash the tool: exceptions become MP-E613."""

from __future__ import annotations

import os
import zipfile

from lxml import etree

from pipeline.model import Diagnostic, Location
from pipeline.rules import diag

# What broken files raise inside python-docx, lxml, zipfile and zlib.
BROKEN_FILE_ERRORS = (zipfile.BadZipFile, etree.XMLSyntaxError, KeyError, ValueError, EOFError, OSError,
                      IndexError, TypeError, AttributeError, NotImplementedError, RecursionError)


def guarded(check, frag, cfg) -> list[Diagnostic]:
    """``check(frag, cfg)``, turning any failure on a hostile file into a diagnostic."""
    try:
        return check(frag, cfg)
    except MemoryError:
        raise  # the sandbox turns this into MP-E612
    except BROKEN_FILE_ERRORS as exc:
        if os.environ.get("MP_DEBUG"):
            raise
        detail = f"{type(exc).__name__}: {str(exc)[:200]}"
        return [diag("MP-E613", frag.rel, Location(), detail=detail)]
    except Exception as exc:  # zlib.error, docx.opc exceptions: a verdict, never a traceback
        if os.environ.get("MP_DEBUG"):
            raise
        detail = f"{type(exc).__name__}: {str(exc)[:200]}"
        return [diag("MP-E613", frag.rel, Location(), detail=detail)]
