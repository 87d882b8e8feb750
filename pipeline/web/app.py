"""The FastAPI application: who is asking (:func:`allow`), the headers every answer carries, and the routes.

* Every request but ``/static`` and the link ``/masuk/<token>`` needs a valid
  token, from the session cookie or ``Authorization: Bearer``; anything else,
  an unknown address included, gets the same bare 403, so nothing about the
  project shows. An address that keeps presenting wrong tokens waits longer and
  longer before its next token is even looked at.
* Every answer carries a Content-Security-Policy (scripts, styles and pictures
  from this server only; no frames, no form posts elsewhere), ``nosniff``,
  ``no-referrer`` (a link's token never leaks through a Referer) and
  ``no-store``.
* Forms carry a token derived from the session's secret; a post without it is
  refused, so another site cannot post on a user's behalf.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from pipeline.messages import ui
from pipeline.web.access import Grant, csrf_for
from pipeline.web.desk import Desk
from pipeline.web.render import STATIC, render

SESSION = "mp_sesi"
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
           (b"x-frame-options", b"DENY"), (b"cross-origin-opener-policy", b"same-origin")]


class Denied(Exception):
    """No valid token, or not for this: always answered the same way (403, nothing revealed)."""


def denied(request: Request):
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": "forbidden"}, status_code=403)
    desk: Desk = request.app.state.desk
    return HTMLResponse(render("denied.html", desk.lang), status_code=403)


def token_of(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth[:7].lower() == "bearer ":
        return auth[7:].strip() or None
    return request.cookies.get(SESSION) or None


async def identify(request: Request, token: str | None) -> Grant | None:
    """The grant ``token`` opens, after the wait a failing address has earned; a wrong token counts."""
    if not token:
        return None
    desk: Desk = request.app.state.desk
    address = request.client.host if request.client else "-"
    wait = desk.throttle.delay(address)
    if wait:
        await desk.sleep(wait)
    grant = desk.access.verify(token)
    if grant is None:
        desk.throttle.failed(address)
    return grant


def allow(*roles: str):
    """A dependency: the request's grant, when its role is one of ``roles``; else :class:`Denied`."""

    async def check(request: Request) -> Grant:
        token = token_of(request)
        grant = await identify(request, token)
        if grant is None or grant.role not in roles:
            raise Denied()
        request.state.token = token
        request.state.bearer = request.headers.get("authorization", "")[:7].lower() == "bearer "
        return grant

    return check


def csrf_ok(request: Request, sent: str | None) -> bool:
    """A form's token matches its session (bearer requests need none: no browser adds that header)."""
    import hmac

    if getattr(request.state, "bearer", False):
        return True
    token = getattr(request.state, "token", None)
    return bool(token and sent and hmac.compare_digest(csrf_for(token), sent))


class SecurityHeaders:
    """ASGI middleware adding the headers above to every answer (a CSP the route set is kept)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        static = scope["path"].startswith("/static/")

        async def with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", CSP.encode()))
                headers += [h for h in HEADERS if h[0] not in names]
                if b"cache-control" not in names:
                    headers.append((b"cache-control", b"public, max-age=3600" if static else b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


def create_app(desk: Desk) -> FastAPI:
    """The desk's application; starting it opens the desk (reconcile, builder), stopping closes it."""
    from pipeline.web import api, pages

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        for done in desk.open():  # what an interrupted submit left, repaired as `masterplan submit` does
            logging.getLogger("masterplan.web").warning(ui("web.serve.repaired", desk.lang, what=done))
        try:
            yield
        finally:
            desk.close()

    app = FastAPI(title="masterplan", summary="Meja kiriman Masterplan Smart City", lifespan=lifespan,
                  docs_url=None, redoc_url=None, openapi_url=None)
    app.state.desk = desk
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=Path(STATIC)), name="static")
    app.include_router(pages.router)
    app.include_router(api.router)

    @app.exception_handler(Denied)
    async def on_denied(request: Request, exc: Denied):
        return denied(request)

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException):
        # An unknown address, a wrong method: to someone without a valid token it all looks the same.
        grant = await identify(request, token_of(request))
        if grant is None or exc.status_code == 403:
            return denied(request)
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
        return pages.page(request, "message.html", grant, status=exc.status_code, title=str(exc.status_code),
                          text=str(exc.detail))

    @app.exception_handler(Exception)
    async def on_bug(request: Request, exc: Exception):
        # A bug of ours: the traceback is kept under build/, the user is told where, never that the file is bad.
        from pipeline import crash

        try:
            where = str(crash.save(exc, desk.build_dir))
        except OSError:
            where = "-"
        text = ui("bug", desk.lang, where=where)
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": text}, status_code=500)
        return pages.page(request, "message.html", None, status=500, title_key="error", text=text)

    return app
