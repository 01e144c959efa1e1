"""`dxcheck serve` attacked: a real server on 127.0.0.1, driven by an aiohttp client as a web page
elsewhere (or a stranger on the network) would drive it.

Each request is bounded by a timeout; the server runs in its own process group and is stopped
with every wizard it started.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest

TIMEOUT = aiohttp.ClientTimeout(total=30)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Served:
    port: int
    token: str
    root: Path
    log: Path

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def cookie(self) -> dict[str, str]:
        return {f"dxcheck-token-{self.port}": self.token}


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "HOME": str(tmp_path),
        "DXCHECK_DATA_DIR": str(tmp_path / "data"),
        "PYTHONUNBUFFERED": "1",
    }


@contextlib.contextmanager
def dxcheck_serve(tmp_path: Path, *extra: str) -> Iterator[Served]:
    port = free_port()
    root = tmp_path / "work"
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "dxcheck", "serve", "--port", str(port), "--root", str(root),
             *extra],
            stdout=out, stderr=subprocess.STDOUT, env=_env(tmp_path), cwd=tmp_path,
            start_new_session=True,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 30
            token = None
            while time.monotonic() < deadline and proc.poll() is None:
                match = re.search(r"token=([A-Za-z0-9_-]+)", log.read_text(errors="replace"))
                if match and _listening(port):
                    token = match.group(1)
                    break
                time.sleep(0.1)
            assert token, log.read_text(errors="replace")
            yield Served(port, token, root, log)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)


def _listening(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
        return True
    return False


async def _status(url: str, **kwargs: object) -> tuple[int, str]:
    async with (
        aiohttp.ClientSession(timeout=TIMEOUT) as session,
        session.get(url, allow_redirects=False, **kwargs) as response,  # type: ignore[arg-type]
    ):
        return response.status, await response.text()


async def _ws_refused(url: str, **kwargs: object) -> int:
    """The HTTP status with which the upgrade was refused (0 if it was accepted)."""
    async with aiohttp.ClientSession(timeout=TIMEOUT) as session:
        try:
            ws = await session.ws_connect(url, **kwargs)  # type: ignore[call-overload]
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status
        await ws.close()
        return 0


async def _screen_text(ws: aiohttp.ClientWebSocketResponse, wanted: str, limit: float) -> str:
    """What the wizard drew until `wanted` appears (escape sequences removed), bounded."""
    received = b""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            message = await ws.receive(timeout=max(deadline - time.monotonic(), 0.1))
        except TimeoutError:
            break
        if message.type == aiohttp.WSMsgType.BINARY:
            received += message.data
            text = re.sub(r"\x1b\[[0-?]*[ -/]*[@-~]", "", received.decode("utf-8", "replace"))
            if wanted in text:
                return text
        elif message.type in {aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED}:
            break
    return re.sub(r"\x1b\[[0-?]*[ -/]*[@-~]", "", received.decode("utf-8", "replace"))


def test_page_websocket_and_downloads_refuse_requests_without_the_token(tmp_path: Path) -> None:
    with dxcheck_serve(tmp_path) as served:

        async def attack() -> None:
            status, text = await _status(served.origin + "/")
            assert status == 403 and "トークン" in text
            status, _ = await _status(served.origin + "/?token=wrong")
            assert status == 403
            status, _ = await _status(served.origin + "/download/anything")
            assert status == 403
            # a page elsewhere opening the WebSocket: no cookie, a foreign Origin
            assert await _ws_refused(served.origin + "/ws") == 403
            assert (
                await _ws_refused(served.origin + "/ws", headers={"Origin": "http://evil.example"})
                == 403
            )
            # even holding the cookie, another site's page may not upgrade
            assert (
                await _ws_refused(
                    served.origin + "/ws",
                    headers={"Origin": "http://evil.example", "Cookie": _cookie(served)},
                )
                == 403
            )
            assert (
                await _ws_refused(
                    served.origin + "/ws",
                    headers={"Origin": "http://127.0.0.1:1", "Cookie": _cookie(served)},
                )
                == 403
            )
            # the page's scripts stay public: they are the package's own files
            status, _ = await _status(served.origin + "/static/js/textual.js")
            assert status == 200

        asyncio.run(attack())
    log = served.log.read_text(errors="replace")
    assert "Traceback" not in log


def _cookie(served: Served) -> str:
    return f"dxcheck-token-{served.port}={served.token}"


def test_the_printed_url_sets_a_cookie_and_the_page_connects_back_to_itself(
    tmp_path: Path,
) -> None:
    with dxcheck_serve(tmp_path) as served:

        async def visit() -> None:
            # unsafe: aiohttp's jar otherwise keeps no cookies for an IP address (browsers do)
            jar = aiohttp.CookieJar(unsafe=True)
            async with aiohttp.ClientSession(timeout=TIMEOUT, cookie_jar=jar) as session:
                async with session.get(
                    f"{served.origin}/?token={served.token}&fontsize=24", allow_redirects=False
                ) as r:
                    assert r.status == 303
                    assert r.headers["Location"] == "/?fontsize=24"  # the token leaves the URL
                    assert "HttpOnly" in r.headers["Set-Cookie"]
                async with session.get(f"{served.origin}/?fontsize=24") as r:
                    page = await r.text()
                    assert r.status == 200
                assert f'data-session-websocket-url="ws://127.0.0.1:{served.port}/ws"' in page
                assert 'data-font-size="24"' in page

        asyncio.run(visit())
    assert "作業フォルダ" in served.log.read_text(errors="replace")


def test_two_tabs_run_at_once_and_one_more_than_the_cap_is_told_why(tmp_path: Path) -> None:
    with dxcheck_serve(tmp_path, "--max-sessions", "2") as served:

        async def tabs() -> None:
            headers = {"Origin": served.origin, "Cookie": _cookie(served)}
            async with aiohttp.ClientSession(timeout=TIMEOUT) as session:
                first = await session.ws_connect(served.origin + "/ws?width=100&height=30",
                                                 headers=headers)  # fmt: skip
                second = await session.ws_connect(served.origin + "/ws?width=100&height=30",
                                                  headers=headers)  # fmt: skip
                for ws in (first, second):
                    assert "新しく始める" in await _screen_text(ws, "新しく始める", 60)
                third = await session.ws_connect(served.origin + "/ws", headers=headers)
                told = await _screen_text(third, "画面の数", 20)
                assert "同時に開ける画面の数（2）に達しています" in told
                for ws in (first, second, third):
                    await ws.close()

        asyncio.run(tabs())
    log = served.log.read_text(errors="replace")
    assert "Traceback" not in log, log


def test_a_busy_port_is_a_japanese_sentence_not_a_traceback(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "dxcheck", "serve", "--port", str(port),
             "--root", str(tmp_path / "work")],
            capture_output=True, text=True, env=_env(tmp_path), timeout=60,
        )  # fmt: skip
    assert result.returncode == 1
    assert f"ポート {port} は別のプログラム" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "token=" not in result.stdout  # no URL printed for a server that never started


def test_help_says_what_0000_exposes() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "dxcheck", "serve", "--help"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    text = re.sub(r"\s+", "", result.stdout)
    assert "--host0.0.0.0" in text and "トークンはこの場合も必須" in text
    assert "--root" in text and "--max-sessions" in text


@pytest.mark.parametrize("host", ["0.0.0.0"])
def test_listening_beyond_this_machine_still_needs_the_token(tmp_path: Path, host: str) -> None:
    with dxcheck_serve(tmp_path, "--host", host) as served:
        status, _ = asyncio.run(_status(served.origin + "/"))
        assert status == 403
        assert asyncio.run(_ws_refused(served.origin + "/ws")) == 403
    assert "警告" in served.log.read_text(errors="replace")


def test_a_file_saved_in_the_browser_is_downloaded_only_with_the_token(tmp_path: Path) -> None:
    """The wizard over the WebSocket: new self-check, Ctrl+S, Enter. The answer file is
    written in the workspace and offered to the browser; its download needs the cookie."""
    with dxcheck_serve(tmp_path) as served:

        async def save_and_download() -> tuple[bytes, int]:
            headers = {"Origin": served.origin, "Cookie": _cookie(served)}
            async with aiohttp.ClientSession(timeout=TIMEOUT) as session:
                ws = await session.ws_connect(served.origin + "/ws?width=100&height=30",
                                              headers=headers)  # fmt: skip
                assert "新しく始める" in await _screen_text(ws, "新しく始める", 60)
                await ws.send_json(["stdin", "n"])
                assert "都道府県" in await _screen_text(ws, "都道府県", 60)
                await ws.send_json(["stdin", "\x13"])  # Ctrl+S: 名前を付けて保存
                assert "作業フォルダ" in await _screen_text(ws, "作業フォルダ", 60)
                await ws.send_json(["stdin", "\r"])
                key = await _delivery_key(ws, 60)
                async with session.get(f"{served.origin}/download/{key}") as stranger:
                    refused = stranger.status  # no cookie sent: aiohttp keeps none for an IP
                async with session.get(
                    f"{served.origin}/download/{key}", headers={"Cookie": _cookie(served)}
                ) as r:
                    assert r.status == 200
                    assert "attachment" in r.headers["Content-Disposition"]
                    body = await r.read()
                await ws.close()
                return body, refused

        body, refused = asyncio.run(save_and_download())
    assert refused == 403
    [saved] = list(served.root.glob("*.toml"))
    assert body == saved.read_bytes() and b'format = "dxcheck.assessment/1"' in body


async def _delivery_key(ws: aiohttp.ClientWebSocketResponse, limit: float) -> str:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        message = await ws.receive(timeout=max(deadline - time.monotonic(), 0.1))
        if message.type == aiohttp.WSMsgType.TEXT:
            envelope = message.json()
            if envelope[0] == "deliver_file_start":
                return str(envelope[1])
        elif message.type in {aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED}:
            break
    raise AssertionError("no download was offered")
