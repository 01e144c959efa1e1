"""textual-serve's server with a lock on the door, for `dxcheck serve`.

textual-serve (pinned ≥1.1) builds an aiohttp application in `Server._make_app` with four
routes: `/` (the page), `/ws` (the WebSocket that drives a wizard process), `/download/{key}`
(files the wizard delivers) and `/static` (the page's scripts). Out of the box anyone who can
reach the port — including any web page the user visits, through the browser — may open `/ws`.
This subclass adds, without touching textual-serve's own code:

- a random token per launch: `/?token=…` (the URL printed at start) sets a cookie bound to
  this server (HttpOnly, SameSite=Lax: a link from elsewhere still works) and redirects to `/`, so the token is neither shown
  on a projected address bar nor kept in the history; the page, `/ws` and `/download/…` refuse
  any request without the cookie (403, a Japanese page). Only `/static` stays open: it is the
  package's own scripts and styles;
- WebSocket upgrades whose Origin is not this server's own are refused (a page elsewhere
  cannot drive the wizard even in a browser that holds the cookie);
- at most `max_sessions` wizards at once: one more tab is told so on its screen and closed;
- the page's WebSocket address is taken from the request (not from `--host`), so a page
  opened as http://192.168.1.5:8000 connects back there, not to ws://0.0.0.0.

The hooks are the methods textual-serve's routes are bound to (`handle_index`,
`handle_websocket`) and an aiohttp middleware added to the application it builds, so a newer
textual-serve that keeps those names keeps working; `tests/test_serve_guard.py` drives a real
`dxcheck serve` with an aiohttp client to prove the door stays shut.
"""

from __future__ import annotations

import asyncio
import gc
import hmac
import sys
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

REFUSED_PAGE = """<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>dxcheck</title></head>
<body style="font-family: sans-serif; margin: 3em;">
<h1>このページは開けません</h1>
<p>{reason}</p>
<p>dxcheck serve を起動した画面に表示された URL（token= から始まる合言葉付き）を、そのまま開いてください。</p>
</body></html>
"""


def _quiet_closed_pipes(
    previous: Callable[[Any], object],
) -> Callable[[Any], object]:
    """textual-serve never closes a tab's subprocess transport; when the server stops with
    tabs open, asyncio finalises those after the loop closed and Python prints "Exception
    ignored … Event loop is closed" tracebacks that mean nothing to the user (the wizards
    have already quit). Only that exact case is silenced; anything else is printed."""

    def hook(unraisable: Any) -> object:
        obj = getattr(unraisable, "object", None)
        exc = getattr(unraisable, "exc_value", None)
        if (
            isinstance(exc, RuntimeError)
            and str(exc) == "Event loop is closed"
            and getattr(obj, "__qualname__", "") == "BaseSubprocessTransport.__del__"
        ):
            return None
        return previous(unraisable)

    return hook


def page_url(host: str, port: int, token: str) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/?token={quote(token)}"


def _refused(reason: str, status: int = 403) -> web.Response:
    return web.Response(
        status=status,
        text=REFUSED_PAGE.format(reason=reason),
        content_type="text/html",
        charset="utf-8",
    )


class GuardedServer(Server):
    """textual-serve's Server, reachable only with this launch's token (see the module doc)."""

    def __init__(
        self,
        command: str,
        *,
        host: str,
        port: int,
        token: str,
        max_sessions: int,
        title: str,
    ) -> None:
        super().__init__(command, host=host, port=port, title=title)
        self.token = token
        self.max_sessions = max_sessions
        self.active = 0
        self._tabs: set[asyncio.Task[Any]] = set()
        # one cookie per port: two servers on one machine share the browser's cookie jar
        self.cookie = f"dxcheck-token-{port}"

    # ------------------------------------------------------------ the door

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._guard)
        app.on_cleanup.append(self._collect)
        return app

    async def _collect(self, app: web.Application) -> None:
        # textual-serve keeps no handle on a finished tab's process; its pipes close when it
        # is collected, best while the loop still runs
        gc.collect()
        await asyncio.sleep(0)

    def serve(self, debug: bool = False) -> None:
        # kept until the process ends: the transports are finalised at interpreter exit
        sys.unraisablehook = _quiet_closed_pipes(sys.unraisablehook)
        super().serve(debug)

    def _has_token(self, request: web.Request) -> bool:
        given = request.cookies.get(self.cookie, "")
        return hmac.compare_digest(given.encode(), self.token.encode())

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        path = request.path
        if path.startswith("/static/"):
            return await handler(request)
        if path == "/" and "token" in request.query:
            given = request.query.get("token", "")
            if not hmac.compare_digest(given.encode(), self.token.encode()):
                return _refused("URL の合言葉（トークン）が違います。")
            # keep ?fontsize=… and the like, drop the token from the address bar
            rest = {k: v for k, v in request.query.items() if k != "token"}
            location = "/" + (
                "?" + "&".join(f"{quote(k)}={quote(v)}" for k, v in rest.items()) if rest else ""
            )
            response = web.HTTPSeeOther(location)
            response.set_cookie(self.cookie, self.token, httponly=True, samesite="Lax", path="/")
            return response
        if not self._has_token(request):
            return _refused("合言葉（トークン）のない接続はお断りしています。")
        if path == "/ws" and not self._same_origin(request):
            return _refused("ほかのサイトのページからは接続できません。")
        return await handler(request)

    @staticmethod
    def _same_origin(request: web.Request) -> bool:
        """A browser names the page that opens a WebSocket in Origin; it must be this server
        (as the browser reached it). A client that sends no Origin is no web page."""
        origin = request.headers.get("Origin")
        if origin is None:
            return True
        scheme = "https" if request.secure else "http"
        return origin.lower() == f"{scheme}://{request.host}".lower()

    # ------------------------------------------------------------ the page and the tabs

    async def on_startup(self, app: web.Application) -> None:
        """textual-serve prints an English banner and the URL without its token; dxcheck's
        own `run` has already said, in Japanese, what to open."""

    async def on_shutdown(self, app: web.Application) -> None:
        """Ctrl+C with tabs open: each tab's handler is cancelled, which makes textual-serve
        tell its wizard to quit and wait for it, before the event loop closes (otherwise the
        wizards' pipes are collected after it and Python prints their errors)."""
        tasks = set(self._tabs)
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks, timeout=10)

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        font_size = request.query.get("fontsize", "16")
        scheme = "https" if request.secure else "http"
        base = f"{scheme}://{request.host}"
        context: dict[str, Any] = {
            "font_size": int(font_size) if font_size.isdigit() and len(font_size) < 4 else 16,
            "app_websocket_url": ("wss" if request.secure else "ws") + f"://{request.host}/ws",
            "config": {"static": {"url": f"{base}/static/"}},
            "application": {"name": self.title},
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        if self.active >= self.max_sessions:
            return await self._turn_away(request)
        self.active += 1
        task = asyncio.current_task()
        if task is not None:
            self._tabs.add(task)
        try:
            return await super().handle_websocket(request)
        finally:
            self.active -= 1
            self._tabs.discard(task)

    async def _turn_away(self, request: web.Request) -> web.WebSocketResponse:
        """One tab too many: say so on its screen (the page draws the bytes it is sent as
        terminal text) and close, starting no wizard."""
        websocket = web.WebSocketResponse()
        await websocket.prepare(request)
        message = (
            f"\r\n  同時に開ける画面の数（{self.max_sessions}）に達しています。\r\n"
            "  使っていない画面（タブ）を閉じてから、このページを開き直してください。\r\n"
        )
        await websocket.send_bytes(message.encode("utf-8"))
        await websocket.close()
        return websocket
