"""The pages: the link that lets a user in, and one page per role.

* ``/masuk/<token>``: sets the session cookie (HttpOnly, SameSite=Strict) and
  goes on to the role's page.
* ``/opd``: the OPD's sections, the blank forms, an upload per section;
  ``/opd/hasil/<id>``: what became of an upload.
* ``/editor``: the status board, the submission log, "Buat draf" and the newest draft.
* ``/reviewer``: every draft with its downloads and change report.
* ``/unduh/...``: downloads, each found by an id (a section, a result, a draft's number and kind).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from pipeline.docx.book import roman
from pipeline.messages import ui
from pipeline.report import filled_line
from pipeline.web.access import EDITOR, OPD, REVIEWER, Grant, csrf_for
from pipeline.web.api import Refused, drafts_json, take, verdict
from pipeline.web.app import SESSION, Denied, allow, csrf_ok, identify
from pipeline.web.desk import Desk, Outcome
from pipeline.web.render import render
from pipeline.workflow.intake import ACCEPTED, DUPLICATE, REJECTED, STATES

router = APIRouter()
HOME = {OPD: "/opd", EDITOR: "/editor", REVIEWER: "/reviewer"}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TYPES = {"docx": DOCX, "pdf": "application/pdf", "md": "text/markdown; charset=utf-8",
         "html": "text/html; charset=utf-8", "json": "application/json"}
# A draft's change report opens in the browser: our own page, allowed its inline style and nothing else.
INERT_PAGE = "default-src 'none'; style-src 'unsafe-inline'; sandbox"


def page(request: Request, name: str, grant: Grant | None, status: int = 200, **context) -> HTMLResponse:
    desk: Desk = request.app.state.desk
    c = desk.config().config
    token = getattr(request.state, "token", None)
    who = None
    if grant is not None:
        who = c.opd(grant.opd).name if grant.role == OPD and c.opd(grant.opd) else \
            desk_role(desk, grant.role)
    html = render(name, desk.lang, grant=grant, who=who, csrf=csrf_for(token) if token else "",
                  brand=f"{c.document.title} {c.region.full_name}", **context)
    return HTMLResponse(html, status_code=status)


def desk_role(desk: Desk, role: str) -> str:
    return ui(f"web.role.{role}", desk.lang)


def download(path, name: str, inline: bool = False) -> FileResponse:
    kind = name.rsplit(".", 1)[-1]
    headers = {"content-security-policy": INERT_PAGE} if inline else {}
    return FileResponse(path, media_type=TYPES.get(kind, "application/octet-stream"), filename=name,
                        content_disposition_type="inline" if inline else "attachment", headers=headers)


# -- getting in ---------------------------------------------------------------------------------------------
@router.get("/masuk/{token}")
async def enter(request: Request, token: str):
    """The secret link: a valid token becomes the session cookie; the page then moves on to the role's page
    (by a same-site step, so that the SameSite=Strict cookie goes along even from a link in a chat)."""
    grant = await identify(request, token)
    if grant is None:
        raise Denied()
    request.state.token = token
    response = page(request, "enter.html", grant, target=HOME[grant.role])
    response.set_cookie(SESSION, token, httponly=True, samesite="strict", secure=request.url.scheme == "https",
                        max_age=180 * 24 * 3600, path="/")
    return response


@router.get("/")
async def home(grant: Grant = Depends(allow(OPD, EDITOR, REVIEWER))):
    return RedirectResponse(HOME[grant.role], status_code=303)


@router.get("/keluar")
async def leave(request: Request, grant: Grant = Depends(allow(OPD, EDITOR, REVIEWER))):
    response = page(request, "message.html", None, title_key="logout", text_key="logged_out")
    response.delete_cookie(SESSION, path="/")
    return response


# -- the OPD --------------------------------------------------------------------------------------------------
def opd_of(request: Request, grant: Grant) -> str:
    """The OPD a page is about: the grant's own, or for an editor the one asked for (``?kode=``)."""
    if grant.role == OPD:
        return grant.opd
    code = request.query_params.get("kode", "")
    if request.app.state.desk.config().config.opd(code) is None:
        raise Denied()
    return code


def sections_of(desk: Desk, opd: str, today: dt.date) -> list[dict]:
    """The OPD's rows of the status board, each with its chapter, deadline, current version, verdict and
    the last log line of that section."""
    cfg = desk.config().config
    last: dict[str, dict] = {}
    for entry in desk.log():
        if entry.get("opd") == opd and entry.get("status") in (ACCEPTED, REJECTED, DUPLICATE):
            last[entry.get("bagian")] = entry
    rows = []
    for r in desk.board(today):
        if r.opd != opd:
            continue
        chapter, section = cfg.section(r.section)
        rows.append({"row": r, "chapter": f"BAB {roman(chapter.bab)} {chapter.title}", "last": last.get(r.section)})
    return rows


@router.get("/opd")
async def opd_page(request: Request, grant: Grant = Depends(allow(OPD, EDITOR))):
    desk: Desk = request.app.state.desk
    opd = opd_of(request, grant)
    rows = await desk.call(sections_of, desk, opd, dt.date.today())
    c = desk.config().config
    return page(request, "opd.html", grant, rows=rows, opd=c.opd(opd), mb=c.limits.file_mb,
                as_editor=grant.role == EDITOR, comments=comments_report(desk, opd) is not None)


def comments_report(desk: Desk, opd: str):
    """The reviewers' comments on this OPD's text (``masterplan comments``), found by the OPD's code."""
    folder = desk.build_dir / "comments"
    found = {p.stem: p for p in folder.glob("*.html") if p.is_file()} if folder.is_dir() else {}
    return found.get(opd)


@router.get("/unduh/komentar")
async def comments_file(request: Request, grant: Grant = Depends(allow(OPD, EDITOR))):
    desk: Desk = request.app.state.desk
    path = comments_report(desk, opd_of(request, grant))
    if path is None:
        raise Denied()
    return download(path, path.name, inline=True)


@router.post("/opd/kirim")
async def opd_send(request: Request, grant: Grant = Depends(allow(OPD, EDITOR))):
    desk: Desk = request.app.state.desk
    try:
        outcome = await take(request, grant, desk.lang)
    except Refused as exc:
        return page(request, "message.html", grant, status=exc.status, title_key="error", text=exc.text,
                    details=exc.details, back="/opd")
    if outcome.too_large:  # nothing was kept: say so on this answer, the browser may not follow a redirect
        return result_page(request, grant, outcome, status=413)
    return RedirectResponse(f"/opd/hasil/{outcome.id}", status_code=303)


def mine(grant: Grant, outcome: Outcome | None) -> Outcome:
    if outcome is None or (grant.role == OPD and outcome.opd != grant.opd):
        raise Denied()
    return outcome


def result_page(request: Request, grant: Grant, outcome: Outcome, status: int = 200) -> HTMLResponse:
    desk: Desk = request.app.state.desk
    cfg = desk.config().config
    found = cfg.section(outcome.section)
    diags = sorted(outcome.diags(), key=lambda d: (d.file != outcome.name, not d.is_error))
    back = "/opd" if grant.role == OPD else f"/opd?kode={outcome.opd}"
    return page(request, "result.html", grant, status=status, outcome=outcome, diags=diags,
                verdict=verdict(outcome, desk.lang), back=back,
                section=found[1].title if found else outcome.section,
                chapter=f"BAB {roman(found[0].bab)}" if found else "",
                report=desk.report(outcome) is not None,
                filled=filled_line(outcome.filled, desk.lang) if outcome.filled else "")


@router.get("/opd/hasil/{rid}")
async def opd_result(request: Request, rid: str, grant: Grant = Depends(allow(OPD, EDITOR))):
    desk: Desk = request.app.state.desk
    return result_page(request, grant, mine(grant, desk.outcome(rid)))


@router.get("/unduh/laporan/{rid}")
async def report_file(request: Request, rid: str, grant: Grant = Depends(allow(OPD, EDITOR))):
    desk: Desk = request.app.state.desk
    outcome = mine(grant, desk.outcome(rid))
    path = desk.report(outcome)
    if path is None:
        raise Denied()
    return download(path, f"laporan-{outcome.section}.{outcome.opd}.html")


@router.get("/unduh/formulir/{section}")
async def form_file(request: Request, section: str, grant: Grant = Depends(allow(OPD, EDITOR))):
    desk: Desk = request.app.state.desk
    opd = opd_of(request, grant)
    made = await desk.call(desk.form, opd, section)
    if made is None:
        raise Denied()
    name, data = made
    return Response(data, media_type=DOCX, headers={"content-disposition": f'attachment; filename="{name}"'})


# -- the editor and the reviewers -----------------------------------------------------------------------------
LOG_STATES = STATES
STEPS = ("validate", "convert", "assemble", "finish", "publish", "redline")


def labels(lang: str) -> dict[str, str]:
    """What each kind of a draft's files is called on the pages."""
    from pipeline.web.api import KINDS

    return {k: ui(f"web.download.{k}", lang) for k in KINDS}


def board_counts(rows) -> dict:
    states = Counter(r.state for r in rows)
    return {"total": len(rows), "received": sum(r.received for r in rows), "late": states["terlambat"],
            "soon": states["segera"]}


@router.get("/editor")
async def editor_page(request: Request, grant: Grant = Depends(allow(EDITOR))):
    desk: Desk = request.app.state.desk
    today = dt.date.today()
    rows = await desk.call(desk.board, today)
    log = list(reversed(await desk.call(desk.log)))[:100]
    c = desk.config().config
    names = {o.code: o.short for o in c.opds}
    return page(request, "editor.html", grant, rows=rows, counts=board_counts(rows), log=log, names=names,
                drafts=drafts_json(desk), notice=request.query_params.get("draf", ""), today=today,
                labels=labels(desk.lang), statuses=LOG_STATES,
                steps={s: ui(f"build.step.{s}", desk.lang) for s in STEPS})


@router.post("/editor/draf")
async def editor_draft(request: Request, grant: Grant = Depends(allow(EDITOR))):
    desk: Desk = request.app.state.desk
    form = await request.form(max_files=0, max_fields=4)
    if not csrf_ok(request, form.get("csrf")):
        raise Denied()
    started = desk.builder.start()
    return RedirectResponse("/editor?draf=" + ("mulai" if started else "sibuk") + "#draf", status_code=303)


@router.get("/reviewer")
async def reviewer_page(request: Request, grant: Grant = Depends(allow(REVIEWER, EDITOR))):
    desk: Desk = request.app.state.desk
    return page(request, "reviewer.html", grant, drafts=drafts_json(desk), labels=labels(desk.lang))


@router.get("/unduh/draf/{number}/{kind}")
async def draft_file(request: Request, number: str, kind: str, grant: Grant = Depends(allow(REVIEWER, EDITOR))):
    desk: Desk = request.app.state.desk
    found = next((d for d in desk.drafts() if str(d.number) == number), None)
    if found is None or kind not in found.files:  # the kind is a key of what is on disk, never a path
        raise Denied()
    path = found.files[kind]
    return download(path, path.name, inline=kind.endswith(".html"))
