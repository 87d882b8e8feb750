"""Drafts made in the background, one at a time, by a resident builder process.

``build()`` forks its own workers, which is unsafe from a server full of
threads, so drafts are built in a separate process: started once (spawned, so
it starts clean) when the desk starts, it imports the build machinery ahead
and then waits for work. Every draft after the first therefore starts with
everything loaded, and the build's caches under ``build/cache`` make it redo
only what changed. The process dies with the server (``PR_SET_PDEATHSIG``);
a draft cut off that way publishes nothing, because every output of a build is
written to a temporary name and renamed into place, and a draft takes a new
number: the previous drafts are never touched.

The builder runs at a lower priority (nice 5) than the server, so an upload's
verdict does not wait behind a draft on a busy machine.

One thread of the server owns the process (a process started from a thread
that later ends would be killed with it); it hands over one job at a time and
follows the steps the build reports, for the progress shown on the editor's
page. What the last build did is kept in ``build/web/draft.json``, so the page
still shows it after a restart.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import multiprocessing as mp
import os
import queue
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.publish import write_json

IDLE, BUILDING, DONE, FAILED, CUT = "siap", "berjalan", "selesai", "gagal", "terputus"


@dataclass
class Draft:
    """One numbered draft on disk and its files, by kind ("docx", "pdf", "changes.html", ...)."""

    number: int
    date: str  # YYYY-MM-DD, from the file name
    files: dict[str, Path] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"DRAF {self.number:02d}"


def list_drafts(folder: Path, base: str) -> list[Draft]:
    """Every draft in ``folder`` (newest first) whose .docx exists, with its files by kind.

    The kind is what follows ``<base>-draf-NN-`` in a file's name, the date
    dropped (``docx``, ``pdf``, ``changes.md``, ``changes.html``,
    ``manifest.json``, and any later addition); downloads name a draft's file by
    number and kind, never by a path.
    """
    pattern = re.compile(rf"^{re.escape(base)}-draf-(\d{{2,}})-(?:(\d{{8}})\.)?(.+)$")
    found: dict[int, Draft] = {}
    for p in sorted(folder.iterdir()) if folder.is_dir() else []:
        m = pattern.match(p.name)
        if not m or not p.is_file() or p.is_symlink():
            continue
        number, day, kind = int(m.group(1)), m.group(2), m.group(3)
        d = found.setdefault(number, Draft(number, ""))
        d.files[kind] = p
        if day:
            d.date = f"{day[:4]}-{day[4:6]}-{day[6:]}"
    return sorted((d for d in found.values() if "docx" in d.files), key=lambda d: -d.number)


class DraftBuilder:
    """The resident builder: :meth:`start` a draft, :meth:`state` to follow it."""

    def __init__(self, root: Path, lang: str = "id", pdf: bool = True):
        self.root, self.lang, self.pdf = root, lang, pdf
        self.record = root / "build" / "web" / "draft.json"
        self._lock = threading.Lock()
        self._jobs: queue.Queue = queue.Queue()
        self._state = self._recorded()
        self._thread: threading.Thread | None = None
        self._process = None
        self._conn = None
        self._closing = False
        self._ready = False

    # -- the server's side --------------------------------------------------------------------------------
    def open(self, warm: bool = True) -> None:
        """Start the owning thread; with ``warm`` it starts the builder process at once (its imports take a
        while), else with the first draft."""
        self._thread = threading.Thread(target=self._run, args=(warm,), name="masterplan-drafts", daemon=True)
        self._thread.start()

    def close(self) -> None:
        """Stop the builder; a draft still being built is cut off (it publishes nothing)."""
        self._closing = True
        self._jobs.put(None)
        if self._process is not None and self._process.is_alive():
            self._process.kill()
            self._process.join(timeout=5)
        if self._thread is not None:
            self._thread.join(timeout=5)

    def start(self, today: dt.date | None = None) -> bool:
        """Ask for a draft; False when one is being made (the caller is told to wait)."""
        with self._lock:
            if self._state["state"] == BUILDING:
                return False
            self._state = {"state": BUILDING, "step": None, "started": _now(), "finished": None,
                           "number": None, "message": None, "details": [], "seconds": None, "steps": {}}
            self._save()
        self._jobs.put((today or dt.date.today()).isoformat())
        return True

    def state(self) -> dict:
        """The current or last build (``state``, ``step``, ``number``, ``message``, ...); ``ready``: the
        builder process has loaded the build machinery."""
        with self._lock:
            return {**self._state, "ready": self._ready}

    # -- the owning thread --------------------------------------------------------------------------------
    def _run(self, warm: bool) -> None:
        if warm:
            self._spawn()
        while True:
            job = self._jobs.get()
            if job is None:
                return
            if self._process is None or not self._process.is_alive():
                self._spawn()
            try:
                if self._process is None:
                    raise EOFError
                self._conn.send((str(self.root), self.lang, self.pdf, job))
                began = last = time.monotonic()
                took: dict[str, float] = {}
                published = None  # seconds until the draft could be downloaded (its redline follows)
                while True:
                    kind, payload = self._conn.recv()
                    now = time.monotonic()
                    took[self._state.get("step") or "start"] = round(now - last, 3)
                    last = now
                    if kind == "step":
                        if payload == "redline":
                            published = round(now - began, 3)
                        self._update(step=payload)
                        continue
                    seconds = round(now - began, 3)
                    self._finish(DONE if kind == "done" else FAILED,
                                 {**payload, "seconds": seconds, "published": (published or seconds) if kind == "done" else None,
                                  "steps": took})
                    break
            except (EOFError, OSError):
                self._process = None
                if self._closing:  # the server stops: the record keeps saying "running", read as cut off
                    return
                from pipeline.messages import ui

                self._finish(FAILED, {"message": ui("web.draft.stopped", self.lang)})

    def _spawn(self) -> None:
        """Start the builder process and wait until it has loaded what a build needs."""
        ctx = mp.get_context("spawn")
        self._ready = False
        self._conn, child = ctx.Pipe()
        # Not a daemon: a daemon may not start the build's own workers. It ends when the pipe closes
        # (close()), and dies with the server however that ends (PR_SET_PDEATHSIG).
        self._process = ctx.Process(target=serve_builds, args=(child,), name="masterplan-builder")
        self._process.start()
        child.close()
        try:
            self._conn.recv()  # ("ready", None)
            self._ready = True
        except (EOFError, OSError):
            self._process = None

    def _update(self, **changes) -> None:
        with self._lock:
            self._state.update(changes)
            self._save()

    def _finish(self, state: str, payload: dict) -> None:
        self._update(state=state, finished=_now(), step=None, **payload)

    def _save(self) -> None:
        write_json(self.record, self._state)

    def _recorded(self) -> dict:
        """The last build's record; one that says it was running was cut off by a stop of the server."""
        try:
            state = json.loads(self.record.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {"state": IDLE, "step": None, "started": None, "finished": None, "number": None,
                    "message": None, "details": []}
        if state.get("state") == BUILDING:
            state["state"] = CUT
        return state


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


# -- the builder process ------------------------------------------------------------------------------------
def serve_builds(conn) -> None:
    """The builder process: build one draft per job received, reporting its steps, until the pipe closes."""
    from pipeline import orphans

    orphans.die_with_parent()
    # Drafts are background work: uploads waiting for their verdict go first (pandoc, LibreOffice and the
    # build's helpers inherit this).
    with contextlib.suppress(OSError):
        os.nice(5)
    from pipeline import crash
    from pipeline.build import BuildOptions, build
    from pipeline.helper import warm_up
    from pipeline.config import load_config
    from pipeline.errors import ContentError, MasterplanError
    from pipeline.messages import message, ui

    import gc

    from pipeline.collector import collect_rarely

    warm_up()  # docxtpl and the generating code, which the first draft would otherwise load
    collect_rarely()
    conn.send(("ready", None))
    while True:
        try:
            root_s, lang, pdf, day = conn.recv()
        except (EOFError, OSError):
            return
        root = Path(root_s)
        try:
            cfg = load_config(root, lang)
            result = build(cfg, BuildOptions(out_dir=root / "build", pdf=pdf, draft=True, lang=lang,
                                             today=dt.date.fromisoformat(day)),
                           step=lambda name: conn.send(("step", name)))
            text = ui("build.draft", lang, number=result.draft.number, left=len(result.left_out))
            conn.send(("done", {"number": result.draft.number, "message": text,
                                "details": list(result.left_out) + ([str(result.pdf_skipped)]
                                                                    if result.pdf_skipped else [])}))
        except MasterplanError as exc:
            details = list(exc.details)
            if isinstance(exc, ContentError):
                details += [f"{d.file} ({d.location.describe(lang)}): {d.code} {message(d, lang)[0]}"
                            for d in exc.diagnostics]
            conn.send(("failed", {"message": exc.text(lang), "details": details}))
        except Exception as exc:  # noqa: BLE001 - a bug of ours: saved, never blamed on a file
            try:
                where = str(crash.save(exc, root / "build"))
            except OSError:
                where = "-"
            conn.send(("failed", {"message": ui("bug", lang, where=where), "details": []}))
        gc.collect()  # what the draft left, once its result is sent (pipeline.collector)
