"""The desk: one project served, and every call the pages make into the library.

Nothing here judges a file or decides a status: a submission is
:func:`pipeline.workflow.intake.submit` (the store's lock, versions, atomic
install, the check that nothing else in the book breaks), the board is
:func:`pipeline.workflow.status.collect`, a draft is :func:`pipeline.build.build`
in the builder process. The library is called from one thread only, so no two
validations run at once in this process; the intake's file lock still
serialises them against anything else (the command line) working on the project.

What the desk keeps for itself lives in the project too: the access grants in
``submissions/access.json``, each submission's result page in
``build/web/hasil/<id>.json`` with the OPD's report beside it, the last draft
build in ``build/web/draft.json``. Only caches are in memory: the loaded config,
and the status board until a chapter file changes.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import os
import re
import secrets
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from pipeline import orphans
from pipeline.config import CONFIG_NAME, LoadedConfig, load_config
from pipeline.model import Diagnostic, Location, Severity
from pipeline.publish import write_json
from pipeline.web.access import AccessStore, Throttle
from pipeline.web.builder import Draft, DraftBuilder, list_drafts
from pipeline.web.upload import Upload
from pipeline.workflow.intake import REJECTED

RESULT_ID = re.compile(r"^[0-9a-f]{16}$")


@dataclass
class Outcome:
    """What one upload came to, as the result page and the API show it."""

    id: str
    opd: str
    section: str
    status: str  # the intake's: diterima, ditolak, duplikat (or ditolak before the intake: too large)
    name: str  # the file's name as the sender had it
    time: str
    version: str | None = None
    rollback: bool = False
    filled: dict[str, str] = field(default_factory=dict)
    diagnostics: list[dict] = field(default_factory=list)  # see dump_diagnostic
    too_large: bool = False  # refused while it streamed in, before the intake saw it

    def diags(self) -> list[Diagnostic]:
        return [load_diagnostic(d) for d in self.diagnostics]

    @property
    def errors(self) -> int:
        return sum(d["severity"] == "error" for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return len(self.diagnostics) - self.errors


def dump_diagnostic(d: Diagnostic) -> dict:
    return {"code": d.code, "severity": d.severity.value, "file": d.file, "location": d.location.to_dict(),
            "args": dict(d.args), "opd": d.opd}


def load_diagnostic(d: dict) -> Diagnostic:
    return Diagnostic(code=d["code"], severity=Severity(d["severity"]), file=d["file"],
                      location=Location(**d["location"]), args=d["args"], opd=d["opd"])


class Desk:
    """One project on the web."""

    def __init__(self, root: Path, lang: str = "id", pdf: bool = True, warm: bool = True):
        self.root = root.resolve()
        self.warm = warm  # start the builder process with the desk (else with the first draft)
        self.lang, self.pdf = lang, pdf
        self.build_dir = self.root / "build"
        self.tmp = self.build_dir / "tmp"
        self.results = self.build_dir / "web" / "hasil"
        self.access = AccessStore(self.root)
        self.throttle = Throttle()
        self.sleep = asyncio.sleep  # how a throttled request waits (tests record it instead)
        self.builder = DraftBuilder(self.root, lang, pdf)
        self._library = ThreadPoolExecutor(max_workers=1, thread_name_prefix="masterplan-library")
        self._cfg: LoadedConfig | None = None
        self._cfg_seen: tuple | None = None
        self._board: tuple[tuple, list] | None = None
        self.config()  # a broken masterplan.yml stops the start, with its problems listed

    # -- life ---------------------------------------------------------------------------------------------
    def open(self) -> list[str]:
        """At each start: repair what an interrupted submit left (under the store's lock), remove temporary
        folders of processes that are gone, start the builder. Returns what the repair did."""
        from pipeline.workflow.intake import locked, reconcile

        orphans.use_tmp(self.tmp)
        repaired = self._library.submit(self._reconcile, locked, reconcile).result()
        self.builder.open(self.warm)
        return repaired

    def _reconcile(self, locked, reconcile) -> list[str]:
        with locked(self.root / "submissions"):
            return reconcile(self.config())

    def close(self) -> None:
        self.builder.close()
        self._library.shutdown(wait=True)

    async def call(self, fn, *args):
        """Run ``fn(*args)`` on the library's thread, without blocking the server."""
        return await asyncio.get_running_loop().run_in_executor(self._library, fn, *args)

    # -- the project --------------------------------------------------------------------------------------
    def config(self) -> LoadedConfig:
        """The project's config, read again whenever masterplan.yml changed."""
        st = (self.root / CONFIG_NAME).stat()
        seen = (st.st_mtime_ns, st.st_size)
        if self._cfg is None or seen != self._cfg_seen:
            self._cfg, self._cfg_seen = load_config(self.root, self.lang), seen
        return self._cfg

    def owned(self, opd: str) -> list[str]:
        """Section ids the outline gives ``opd`` (generated sections have no owner)."""
        return [p.section.id for p in self.config().config.expected_parts() if p.owner == opd]

    def board(self, today: dt.date) -> list:
        """The status rows (``masterplan status``), computed again only when a chapter file, the config or
        the comments log (its open comments column) changed, or the day turned."""
        from pipeline.comments.log import LOG
        from pipeline.workflow.status import collect

        cfg = self.config()
        key = (today, self._cfg_seen, _fingerprint(cfg.path(cfg.config.chapters_dir)), _seen(cfg.root / LOG))
        if self._board is None or self._board[0] != key:
            self._board = (key, collect(cfg, today))
        return self._board[1]

    def log(self) -> list[dict]:
        from pipeline.workflow.intake import read_log

        return read_log(self.config())

    def drafts(self) -> list[Draft]:
        return list_drafts(self.build_dir / "drafts", self.config().config.document.base_name)

    def form(self, opd: str, section: str) -> tuple[str, bytes] | None:
        """The blank form (``masterplan forms``) of one section for one of its owners, made in memory."""
        from pipeline.workflow.forms import render_form

        cfg = self.config()
        found = cfg.config.section(section)
        if found is None or opd not in found[1].owners or found[1].generate:
            return None
        return f"{section}.{opd}.docx", render_form(cfg, found[0], found[1], opd)

    # -- submissions --------------------------------------------------------------------------------------
    def submit(self, upload: Upload, opd: str, section: str, lang: str, by: str | None = None) -> Outcome:
        """The upload through the intake, exactly as ``masterplan submit FILE --opd --section`` takes it;
        ``by`` names the link it came through, for the log."""
        from pipeline.report import write_opd_reports
        from pipeline.workflow.intake import ACCEPTED, submit

        cfg = self.config()
        result = submit(cfg, upload.path, opd=opd, section=section, cache_dir=self.build_dir / "cache" / "analysis",
                        by=by, convert_into=self.build_dir / "cache")
        sent = result.fragment.rel
        # The file was read from a temporary folder; the sender knows it by the name it had.
        diags = [replace(d, file=upload.name) if d.file == sent else d for d in result.diagnostics]
        names = {o.code: o.name for o in cfg.config.opds if o.code == opd}
        write_opd_reports(self.build_dir / "reports", diags, names, lang)  # as the command does
        outcome = Outcome(id=secrets.token_hex(8), opd=opd, section=section, status=result.status,
                          name=upload.name, time=_now(),
                          version=result.fragment.meta.version if result.status == ACCEPTED else None,
                          rollback=result.rollback, filled=dict(result.filled),
                          diagnostics=[dump_diagnostic(d) for d in diags])
        self.keep(outcome, lang)
        return outcome

    def refused(self, name: str, opd: str, section: str, diagnostics: list[Diagnostic], lang: str) -> Outcome:
        """An upload refused before the intake saw it (larger than the cap), kept like any other result."""
        outcome = Outcome(id=secrets.token_hex(8), opd=opd, section=section, status=REJECTED, name=name,
                          time=_now(), diagnostics=[dump_diagnostic(d) for d in diagnostics], too_large=True)
        self.keep(outcome, lang)
        return outcome

    def keep(self, outcome: Outcome, lang: str) -> None:
        """The result page's data and the OPD's report of this submission, under build/web/hasil/."""
        from pipeline.report import write_opd_reports

        names = {o.code: o.name for o in self.config().config.opds if o.code == outcome.opd}
        write_opd_reports(self.results / outcome.id, outcome.diags(), names, lang)
        write_json(self.results / f"{outcome.id}.json", asdict(outcome))

    def outcome(self, rid: str) -> Outcome | None:
        """A kept result, looked up by its id (never by a path from the request)."""
        if not RESULT_ID.match(rid):
            return None
        try:
            return Outcome(**json.loads((self.results / f"{rid}.json").read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return None

    def report(self, outcome: Outcome) -> Path | None:
        path = self.results / outcome.id / f"{outcome.opd}.html"
        return path if path.is_file() else None


def _fingerprint(folder: Path) -> tuple:
    """Every file under ``folder`` by name, size and time: cheap, and changes with any install."""
    out = []
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            with contextlib.suppress(FileNotFoundError):
                st = os.stat(os.path.join(dirpath, name))
                out.append((dirpath, name, st.st_size, st.st_mtime_ns))
    return tuple(sorted(out))


def _seen(path: Path) -> tuple | None:
    """A file's size and time (None while it does not exist)."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return st.st_size, st.st_mtime_ns


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")
