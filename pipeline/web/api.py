"""The JSON API under ``/api``: what scripts (and the pages' own scripts) use, with a bearer token.

* ``POST /api/submit`` (multipart ``file``, ``section``; an editor also gives
  ``opd``): the verdict, with the diagnostics in the schema of ``masterplan
  validate --format json`` (``files``, ``filled``, ``diagnostics``).
* ``GET /api/status``: ``masterplan status --format json`` (an OPD gets its own rows).
* ``GET /api/drafts``, ``POST /api/drafts`` (editor): the drafts, and a new one built in the background.
* ``GET /api/log`` (editor): the submission log; ``GET /api/openapi.json``: this API described.
"""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from pipeline.errors import MasterplanError
from pipeline.messages import LANGUAGES, ui
from pipeline.report import to_json
from pipeline.rules import diag
from pipeline.web.access import EDITOR, OPD, REVIEWER, Grant
from pipeline.web.app import Denied, allow, csrf_ok
from pipeline.web.desk import Desk, Outcome
from pipeline.web.upload import BadForm, TooLarge, read_upload
from pipeline.workflow.intake import ACCEPTED

router = APIRouter(prefix="/api")


class Refused(Exception):
    """An upload that cannot be taken in, with what to tell the sender and the HTTP status."""

    def __init__(self, text: str, status: int = 400, details: list[str] | None = None):
        super().__init__(text)
        self.text, self.status, self.details = text, status, details or []


def language(request: Request) -> str:
    """The desk's language, or ``?lang=`` on an API call."""
    asked = request.query_params.get("lang")
    return asked if asked in LANGUAGES else request.app.state.desk.lang


async def take(request: Request, grant: Grant, lang: str) -> Outcome:
    """One upload through the intake: the file (capped while it streams in), its section, the OPD.

    An OPD sends for its own sections only (else :class:`Denied`, as for any
    section it cannot see); an editor names the OPD. A file over the cap is
    refused with the intake's own size diagnostic (MP-E616), before any of it
    is stored.
    """
    desk: Desk = request.app.state.desk
    cfg = desk.config()
    cap = cfg.config.limits.file_mb * 2**20
    try:
        upload = await read_upload(request, cap, desk.tmp)
        fields, name = upload.fields, upload.name
    except TooLarge as exc:
        upload, fields, name = None, exc.fields, exc.name or "berkas"
        size = exc.size
    except BadForm:
        raise Refused(ui("web.upload.bad", lang)) from None
    try:
        if not csrf_ok(request, fields.get("csrf")):
            raise Denied()
        section = fields.get("section", "")
        opd = grant.opd if grant.role == OPD else fields.get("opd", "")
        if section not in desk.owned(opd):
            raise Denied()
        if upload is None:
            from pipeline.budget import too_big

            args = too_big(size, cfg.config) or too_big(cap + 1, cfg.config)
            return desk.refused(name, opd, section, [diag("MP-E616", name, opd=opd, **args)], lang)
        if upload.path is None:
            raise Refused(ui("web.upload.none", lang))
        try:
            sender = f"tautan {grant.id}" + (f" ({grant.label})" if grant.label else "")
            return await desk.call(desk.submit, upload, opd, section, lang, sender)
        except MasterplanError as exc:
            raise Refused(exc.text(lang), 400, exc.details) from None
    finally:
        if upload is not None:
            upload.discard()


def verdict(outcome: Outcome, lang: str) -> str:
    """'Diterima, versi 3', or what else became of the upload, in one line."""
    key = "pemulihan" if outcome.rollback else outcome.status
    return ui(f"web.verdict.{key}", lang, version=outcome.version or "-", errors=outcome.errors)


def outcome_json(outcome: Outcome, lang: str) -> dict:
    """The verdict, with ``files``, ``filled`` and ``diagnostics`` as ``validate --format json`` has them."""
    return {"id": outcome.id, "status": outcome.status, "accepted": outcome.status == ACCEPTED,
            "message": verdict(outcome, lang), "opd": outcome.opd, "section": outcome.section,
            "version": outcome.version, "files": [outcome.name], "filled": outcome.filled,
            "diagnostics": to_json(outcome.diags(), lang),
            "result": f"/opd/hasil/{outcome.id}", "report": f"/unduh/laporan/{outcome.id}"}


@router.post("/submit")
async def api_submit(request: Request, grant: Grant = Depends(allow(OPD, EDITOR))):
    """Submit one chapter file (multipart: ``file``, ``section``; ``opd`` for an editor)."""
    lang = language(request)
    try:
        outcome = await take(request, grant, lang)
    except Refused as exc:
        return JSONResponse({"error": exc.text, "details": exc.details}, status_code=exc.status)
    return JSONResponse(outcome_json(outcome, lang), status_code=413 if outcome.too_large else 200)


def status_json(desk: Desk, grant: Grant, today: dt.date) -> dict:
    """``masterplan status --format json``; an OPD gets its own rows (and no count of the editor's comments)."""
    from pipeline.workflow.status import editor_comments, to_json as status_to_json

    rows = desk.board(today)
    if grant.role == OPD:
        return status_to_json([r for r in rows if r.opd == grant.opd], today)
    return status_to_json(rows, today, editor_comments(desk.config()))


@router.get("/status")
async def api_status(request: Request, grant: Grant = Depends(allow(OPD, EDITOR))):
    """The status board (an OPD sees its own sections only)."""
    desk: Desk = request.app.state.desk
    return await desk.call(status_json, desk, grant, dt.date.today())


KINDS = ("docx", "pdf", "redline.docx", "changes.html", "changes.md", "manifest.json")  # the order downloads are listed in


def drafts_json(desk: Desk) -> dict:
    def order(kind: str) -> tuple:
        return (KINDS.index(kind) if kind in KINDS else len(KINDS), kind)

    return {"build": desk.builder.state(),
            "drafts": [{"number": d.number, "label": d.label, "date": d.date,
                        "files": {kind: f"/unduh/draf/{d.number}/{kind}" for kind in sorted(d.files, key=order)}}
                       for d in desk.drafts()]}


@router.get("/drafts")
async def api_drafts(request: Request, grant: Grant = Depends(allow(EDITOR, REVIEWER))):
    """Every draft with its downloads, and the state of the draft being built."""
    return drafts_json(request.app.state.desk)


@router.post("/drafts")
async def api_new_draft(request: Request, grant: Grant = Depends(allow(EDITOR))):
    """Build a draft in the background: 202, or 409 while another one is being built."""
    desk: Desk = request.app.state.desk
    if not csrf_ok(request, request.headers.get("x-csrf-token")):
        raise Denied()
    started = desk.builder.start()
    return JSONResponse(drafts_json(desk), status_code=202 if started else 409)


@router.get("/log")
async def api_log(request: Request, grant: Grant = Depends(allow(EDITOR))):
    """The submission log (``submissions/log.jsonl``), oldest first."""
    desk: Desk = request.app.state.desk
    return await desk.call(desk.log)


@router.get("/openapi.json")
async def api_schema(request: Request, grant: Grant = Depends(allow(OPD, EDITOR, REVIEWER))):
    """This API, described for tools (OpenAPI)."""
    from fastapi.openapi.utils import get_openapi

    app = request.app
    return get_openapi(title=app.title, version=app.version, summary=app.summary, routes=app.routes)
