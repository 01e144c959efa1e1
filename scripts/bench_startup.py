#!/usr/bin/env python3
"""How fast the wizard starts and answers, measured against a minimal Textual app.

Prints:
(a) the median time from process start to the first screen of a minimal Textual app
    (Header + Static + Footer, headless), and its whole run (exit after the first screen);
(b) the same for dxcheck's wizard (start screen with a few saved sessions), and the ratio;
(c) the time from a level key press to the screen updated, with autosave running
    (in-process, median and 95th percentile over many presses).

Both (a) and (b) run as fresh subprocesses, interleaved, N times each in the same run. "First
screen" is the first refresh of the first screen, seen from inside the app. No thresholds are
checked here or in the tests; this prints figures for people to read.

Usage: .venv/bin/python scripts/bench_startup.py [--runs N] [--presses N]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Both children wait for the first screen's first refresh the same way, print the seconds
# since the parent started them, and exit.
_FIRST_REFRESH = """
import asyncio, sys, time
T0 = float(sys.argv[1])

async def first_screen(pilot, screen_type=None):
    app = pilot.app
    while screen_type is not None and not isinstance(app.screen, screen_type):
        await asyncio.sleep(0)
    done = asyncio.get_running_loop().create_future()
    app.screen.call_after_refresh(lambda: done.done() or done.set_result(None))
    await done
    print(f"{time.time() - T0:.4f}", flush=True)
    app.exit()
"""

MINIMAL = (
    _FIRST_REFRESH
    + """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Hello(App):
    def compose(self):
        yield Header()
        yield Static("こんにちは")
        yield Footer()

Hello().run(headless=True, auto_pilot=first_screen)
"""
)

WIZARD = (
    _FIRST_REFRESH
    + """
from dxcheck.tui.app import make_app
from dxcheck.tui.screens.start import StartScreen

async def auto(pilot):
    await first_screen(pilot, StartScreen)

make_app().run(headless=True, auto_pilot=auto)
"""
)


def run_child(code: str, env: dict[str, str]) -> tuple[float, float]:
    """(seconds to the first screen, seconds for the whole process)."""
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code, repr(start)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=True,
    )
    wall = time.time() - start
    return float(out.stdout.strip().splitlines()[-1]), wall


def make_sessions(data_dir: Path, count: int = 3) -> None:
    """A few saved sessions, so that the start screen lists something, as it would."""
    import datetime as dt

    from dxcheck.core.answers import new_assessment
    from dxcheck.core.progress import progress
    from dxcheck.io.load import load_questionnaire
    from dxcheck.io.sessions import Position, SaveJob, SessionState, SessionStore

    questionnaire = load_questionnaire()
    store = SessionStore(data_dir)
    for n in range(count):
        a = new_assessment(questionnaire)
        a.municipality.name = f"テスト町{n}"
        p = progress(questionnaire, a)
        state = SessionState(
            position=Position("question", questionnaire.questions[0].id),
            updated_at=dt.datetime(2026, 11, 20, 9, n).isoformat(),
            municipality=a.municipality.name,
            total=p.total,
        )
        store.save(SaveJob(f"bench-{n}", a, questionnaire, state))


def startup(runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, DXCHECK_DATA_DIR=tmp, PYTHONPATH=str(ROOT))
        make_sessions(Path(tmp))
        run_child(MINIMAL, env)  # warm the file cache for both before measuring
        run_child(WIZARD, env)
        minimal: list[tuple[float, float]] = []
        wizard: list[tuple[float, float]] = []
        for _ in range(runs):
            minimal.append(run_child(MINIMAL, env))
            wizard.append(run_child(WIZARD, env))
    m_first = statistics.median(r[0] for r in minimal)
    w_first = statistics.median(r[0] for r in wizard)
    m_wall = statistics.median(r[1] for r in minimal)
    w_wall = statistics.median(r[1] for r in wizard)
    print(
        f"(a) minimal Textual app: first screen {m_first:.3f} s (whole run {m_wall:.3f} s), median of {runs}"
    )
    print(
        f"(b) dxcheck wizard:      first screen {w_first:.3f} s (whole run {w_wall:.3f} s), median of {runs}"
    )
    print(f"    ratio (b)/(a), first screen: {w_first / m_first:.2f}   (goal: at most 1.5)")
    print(
        "    (the wizard's whole run includes loading the questionnaire in the background"
        " after the first screen, which the user does not wait for)"
    )


async def keystrokes(presses: int) -> None:
    from textual import events

    from dxcheck.tui.app import make_app
    from dxcheck.tui.screens.question import QuestionScreen
    from dxcheck.tui.widgets.level_picker import LevelPicker

    with tempfile.TemporaryDirectory() as tmp:
        app = make_app(data_dir=Path(tmp))
        async with app.run_test(size=(80, 24)) as pilot:
            app.new_session()  # once the questionnaire is loaded
            while app.session is None:
                await pilot.pause()
            assert app.data is not None
            app.goto_question(app.data.questionnaire.questions[0].id)
            await pilot.pause()
            assert isinstance(app.screen, QuestionScreen)
            picker = app.screen.query_one(LevelPicker)
            loop = asyncio.get_running_loop()
            times: list[float] = []
            handled: list[float] = []
            for n in range(presses):
                level = n % 5 + 1 if n % 5 + 1 != picker.highlighted else 0
                done = loop.create_future()
                start = time.perf_counter()
                assert app._driver is not None
                app._driver.send_message(events.Key(str(level), str(level)))
                while picker.highlighted != level:
                    await asyncio.sleep(0)
                handled.append(time.perf_counter() - start)
                app.screen.call_after_refresh(lambda f=done: f.done() or f.set_result(None))
                await done
                times.append(time.perf_counter() - start)
                if n % 10 == 9:  # and move on now and then, as a user would
                    await pilot.press("enter")
                    picker = app.screen.query_one(LevelPicker)
            await app.wait_for_saves()
            saved = app.store.list_sessions()

    def ms(values: list[float]) -> str:
        ordered = sorted(values)
        p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
        return f"median {statistics.median(ordered) * 1000:.1f} ms, 95th percentile {p95 * 1000:.1f} ms"

    print(f"(c) level key press to screen updated, autosave running: {ms(times)}")
    print(f"    of which the key handled and the answer recorded: {ms(handled)}")
    print(
        f"    ({presses} presses; the screen refreshes at most every 1/60 s ≈ 16.7 ms;"
        f" {len(saved)} session autosaved)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--presses", type=int, default=200)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPU")
    startup(args.runs)
    asyncio.run(keystrokes(args.presses))


if __name__ == "__main__":
    main()
