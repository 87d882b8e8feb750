"""Helpers for the web desk's tests: links, logging in, files with and without an error, a live server."""

from __future__ import annotations

import re
import socket
import threading
import time
from pathlib import Path

import uvicorn

from pipeline.web.access import AccessStore
from pipeline.web.app import create_app
from pipeline.web.desk import Desk

SECTION = "smart-living"  # Dinas Kesehatan's part of BAB IV in the sample (dishub owns a part too)
CHAPTER = Path("chapters/bab-04/smart-living.dinkes.md")


def token(project: Path, role: str, opd: str | None = None) -> str:
    return AccessStore(project).issue(role, opd)[1]


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def login(client, tok: str) -> str:
    """Open the link as a browser does; return the form token of the session's pages."""
    enter = client.get(f"/masuk/{tok}")
    assert enter.status_code == 200, enter.text
    target = re.search(r'url=([^"]+)"', enter.text).group(1)
    return csrf_of(client.get(target).text) if target != "/reviewer" else ""


def broken_md(line_note: str = "") -> bytes:
    """Dinkes's chapter with a reference to a table no chapter defines (MP-E701 on line 3 of the body)."""
    return ("# Elemen Kesehatan\n\n"
            f"Rincian program ada pada @tbl:program-kesehatan-lama.{line_note}\n\n"
            "Kabupaten Simalungun memiliki 45 puskesmas.\n").encode("utf-8")


def fixed_md(extra: str = "") -> bytes:
    return ("# Elemen Kesehatan\n\n"
            "Kabupaten Simalungun memiliki 45 puskesmas dan 8 rumah sakit umum daerah. "
            f"Layanan rujukan daring menghubungkan semuanya.{extra}\n").encode("utf-8")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveDesk:
    """The desk under uvicorn in a thread of this process, on a free port of 127.0.0.1."""

    def __init__(self, project: Path, **desk_options):
        self.desk = Desk(project, **desk_options)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(create_app(self.desk), host="127.0.0.1", port=self.port, log_level="warning",
                                access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "LiveDesk":
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the desk did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)
