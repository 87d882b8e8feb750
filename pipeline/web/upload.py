"""Reading an upload: the size cap applies while the request streams in.

Neither FastAPI nor Starlette caps an uploaded file, so the request body is
counted chunk by chunk as it arrives and the parser is stopped as soon as it
passes the cap (the config's ``limits.file_mb``). Until the body is complete
the file exists only as an anonymous temporary file: a request cut off half way
leaves nothing behind. Only then is it written, under its sender's name made
harmless (:func:`safe_name`), into a fresh folder of its own under ``build/tmp``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import unicodedata
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.requests import Request

OVERHEAD = 64 * 1024  # room for the form's other fields and the multipart headers
DRAIN = 4  # after the cap, read on (and discard) up to this many times the cap, so the browser gets the answer


class TooLarge(Exception):
    """The body passed the cap; ``size`` is how much of it arrived (all of it, unless it was huge).
    ``fields`` and ``name``: the form's fields and the file's name, as far as they came before."""

    def __init__(self, size: int, fields: dict[str, str] | None = None, name: str = ""):
        super().__init__(size)
        self.size, self.fields, self.name = size, fields or {}, name


class _Parser(MultiPartParser):
    """Starlette's parser, remembering the file's name as soon as its headers are read."""

    filename = ""

    def on_headers_finished(self) -> None:
        super().on_headers_finished()
        if self._current_part.file is not None:
            self.filename = self._current_part.file.filename or ""


class BadForm(Exception):
    """Not a form this desk sent (no multipart, no file, several files)."""


@dataclass
class Upload:
    """A received file in its own temporary folder, and the form's text fields."""

    path: Path | None
    name: str
    fields: dict[str, str] = field(default_factory=dict)

    def discard(self) -> None:
        if self.path is not None:
            shutil.rmtree(self.path.parent, ignore_errors=True)


async def capped(stream: AsyncIterator[bytes], limit: int) -> AsyncIterator[bytes]:
    """The request body, raising :class:`TooLarge` once more than ``limit`` bytes came (the bytes up to
    the limit are still handed on, so that the form's fields before the file are read)."""
    size = 0
    async for chunk in stream:
        if size + len(chunk) > limit:
            if limit > size:
                yield chunk[: limit - size]
            size += len(chunk)
            async for more in stream:  # drain, so that the answer reaches a browser still sending
                size += len(more)
                if size > DRAIN * limit:
                    break
            raise TooLarge(size)
        size += len(chunk)
        yield chunk


async def read_upload(request: Request, file_limit: int, tmp: Path, file_field: str = "file") -> Upload:
    """The form of ``request`` with its one file, kept in a new folder under ``tmp`` (named as
    :func:`pipeline.orphans.mkdtemp` names them, so a folder a killed server left is removed by the next
    start); raise :class:`TooLarge` or :class:`BadForm`."""
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise BadForm("not multipart")
    declared = request.headers.get("content-length", "")
    limit = file_limit + OVERHEAD
    parser = _Parser(request.headers, capped(request.stream(), limit), max_files=1, max_fields=8,
                             max_part_size=OVERHEAD)
    try:
        form = await parser.parse()
    except MultiPartException as exc:
        raise BadForm(str(exc)) from None
    except TooLarge as exc:
        if declared.isdigit():
            exc.size = max(exc.size, int(declared))
        exc.fields = {k: v for k, v in parser.items if isinstance(v, str)}
        exc.name = safe_name(parser.filename)
        raise
    fields = {k: v for k, v in form.multi_items() if isinstance(v, str)}
    files = [v for k, v in form.multi_items() if isinstance(v, UploadFile) and k == file_field]
    try:
        if len(files) != 1:
            raise BadForm("one file expected")
        sent = files[0]
        name = safe_name(sent.filename or "")
        if not sent.filename or sent.size == 0:
            return Upload(None, name, fields)
        if sent.size and sent.size > file_limit:
            raise TooLarge(sent.size, fields, name)
        tmp.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix=f"mp-web-{os.getpid()}-", dir=tmp))
        target = folder / name
        with open(target, "xb") as out:
            sent.file.seek(0)
            shutil.copyfileobj(sent.file, out, 1 << 20)
        return Upload(target, name, fields)
    finally:
        await form.close()


def safe_name(sent: str, longest: int = 120) -> str:
    """The sender's file name as a plain name: the last part of any path, no control or format
    characters, no leading dots, at most ``longest`` characters (the extension kept)."""
    name = sent.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] not in "CZ" or ch == " ").strip()
    name = name.lstrip(".").strip() or "berkas"
    if len(name) > longest:
        stem, dot, ext = name.rpartition(".")
        ext = ext[:10] if dot else ""
        name = (stem if dot else name)[: longest - len(ext) - 1].rstrip() + (f".{ext}" if ext else "")
    return name
