"""`dxcheck serve` in a real headless browser: Debian's chromium driven by Playwright.

The server runs as a subprocess (its own HOME and data folder), chromium opens it, and the test
waits for the wizard's start screen to be drawn, presses "n" and checks the profile screen came:
- the screenshots differ substantially (the terminal is drawn on a canvas by xterm.js);
- the text the terminal received over the WebSocket (captured by wrapping the page's WebSocket
  before textual-serve's script runs, decoded and stripped of escape sequences) holds the start
  screen's menu first and the profile screen's title after the key.

Playwright never downloads a browser here: it is given /usr/bin/chromium (scripts/setup.sh
--dev installs it with apt). The browser may only reach the server on 127.0.0.1; every other
request (the page asks Google for a web font) is refused. The screenshots are kept in the
test's tmp folder (printed with -s) for a person to look at.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORT = {"width": 1280, "height": 800}
ESCAPES = re.compile(
    r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|.)"
)

# Wraps the page's WebSocket before textual.js runs: the terminal's bytes are also decoded
# into window.__dxcheckText, which is what xterm.js is given to draw.
CAPTURE = """
(() => {
  const Native = window.WebSocket;
  window.__dxcheckText = "";
  class Capturing extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      const decoder = new TextDecoder("utf-8");
      this.addEventListener("message", (event) => {
        if (typeof event.data !== "string") {
          window.__dxcheckText += decoder.decode(new Uint8Array(event.data), {stream: true});
        }
      });
    }
  }
  window.WebSocket = Capturing;
})();
"""

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="/usr/bin/chromium is not installed (scripts/setup.sh --dev installs it as root)",
    ),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until(check: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def listening(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
        return True
    return False


@contextlib.contextmanager
def dxcheck_serve(tmp_path: Path) -> Iterator[tuple[int, Path]]:
    """`dxcheck serve` on a free port, stopped (with every tab's process) on the way out.
    Yields the port and the log, whose first lines hold the URL with this launch's token."""
    port = free_port()
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "DXCHECK_DATA_DIR": str(tmp_path / "data"),
        "PYTHONUNBUFFERED": "1",
    }
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "dxcheck",
                "serve",
                "--port",
                str(port),
                "--root",
                str(tmp_path / "work"),
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=tmp_path,
            start_new_session=True,  # its own process group: the tabs' wizards stop with it
        )
        try:
            wait_until(
                lambda: (
                    (listening(port) and "token=" in log.read_text(errors="replace"))
                    or proc.poll() is not None
                ),
                30,
                "the server's port",
            )
            assert proc.poll() is None, log.read_text(encoding="utf-8", errors="replace")
            yield port, log
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)


def screen_text(page: Any) -> str:
    """What the terminal was sent so far, as text (escape sequences removed)."""
    return ESCAPES.sub(" ", str(page.evaluate("window.__dxcheckText || ''")))


def ink(png: bytes) -> float:
    """The share of pixels not in the commonest colour: 0 for a blank page or an empty
    terminal, a good part of the picture once a screen with text and bars is drawn."""
    from PIL import Image

    image = Image.open(BytesIO(png)).convert("RGB")
    colours = image.getcolors(image.width * image.height) or []
    commonest = max(count for count, _ in colours)
    return 1 - commonest / (image.width * image.height)


def difference(a: bytes, b: bytes) -> float:
    """The share of pixels that visibly changed between two screenshots of the same size."""
    from PIL import Image, ImageChops

    first = Image.open(BytesIO(a)).convert("RGB")
    second = Image.open(BytesIO(b)).convert("RGB")
    histogram = ImageChops.difference(first, second).convert("L").histogram()
    return sum(histogram[9:]) / (first.width * first.height)


def test_start_screen_renders_in_chromium_and_a_key_moves_on(tmp_path: Path) -> None:
    from playwright.sync_api import Route, sync_playwright

    shots = tmp_path / "screenshots"
    shots.mkdir()
    with dxcheck_serve(tmp_path) as (port, log), sync_playwright() as playwright:
        origin = f"http://127.0.0.1:{port}"
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=VIEWPORT)  # type: ignore[arg-type]

            def local_only(route: Route) -> None:
                url = route.request.url
                if url.startswith((origin, f"ws://127.0.0.1:{port}")):
                    route.continue_()
                else:
                    route.abort()

            page.route("**/*", local_only)
            page.add_init_script(CAPTURE)
            # the printed URL (with the token) sets the cookie and redirects to the page;
            # the page itself, without it, is refused
            url = re.search(r"http://\S+token=\S+", log.read_text(errors="replace"))
            assert url is not None
            refused = page.goto(origin + "/", wait_until="domcontentloaded")
            assert refused is not None and refused.status == 403
            page.goto(url.group(0), wait_until="domcontentloaded")
            assert "token" not in page.url

            # 1. the start screen: textual-serve marks the first bytes, the menu arrives,
            #    and the canvas shows it
            page.wait_for_selector("body.-first-byte", timeout=30_000)
            page.wait_for_selector(".xterm-screen canvas", state="attached", timeout=10_000)
            wait_until(lambda: "新しく始める" in screen_text(page), 30, "the start menu")
            before = b""

            def drawn() -> bool:
                nonlocal before
                page.wait_for_timeout(300)
                before = page.screenshot()
                return ink(before) > 0.05

            wait_until(drawn, 20, "the start screen to be drawn")
            (shots / "1-start.png").write_bytes(before)
            assert "自治体DXセルフチェック" in screen_text(page)
            received = len(screen_text(page))

            # 2. "n" (新しく始める) moves on to the profile screen
            page.focus(".xterm-helper-textarea")
            page.keyboard.press("n")
            wait_until(
                lambda: "プロフィール" in screen_text(page)[received:], 30, "the profile screen"
            )
            after = b""

            def changed() -> bool:
                nonlocal after
                page.wait_for_timeout(300)
                after = page.screenshot()
                return difference(before, after) > 0.25

            wait_until(changed, 20, "the screen to change")
            (shots / "2-profile.png").write_bytes(after)
            later = screen_text(page)[received:]
            assert "都道府県" in later and "団体名" in later
            print(
                f"\nscreenshots: {shots} (ink {ink(before):.1%} → {ink(after):.1%}, "
                f"changed {difference(before, after):.1%})"
            )
        finally:
            browser.close()
    assert "Traceback" not in log.read_text(encoding="utf-8", errors="replace")
