"""Progress on the terminal for a long command: a bar while files are read, then one line per
phase whose seconds keep counting, so that a phase with no steps of its own to report (the
PDF's layout) never looks like a hang.

Only for an interactive terminal: a command whose output is piped or redirected stays quiet.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

BAR_WIDTH = 30
TICK_SECONDS = 0.5


class Progress:
    """`with Progress(sys.stderr) as p:` then `p.reading(done, total, path)` per file and
    `p.phase(name)` as each later phase begins."""

    def __init__(self, stream: TextIO, clock: Callable[[], float] = time.monotonic) -> None:
        self._stream = stream
        self._clock = clock
        self._started = clock()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._phase: str | None = None
        self._phase_started = 0.0
        self._thread: threading.Thread | None = None
        self._line_open = False

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def reading(self, done: int, total: int, path: Path) -> None:
        filled = done * BAR_WIDTH // max(total, 1)
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        with self._lock:
            self._write(f"\r読み込み・採点 [{bar}] {done}/{total}")

    def phase(self, name: str) -> None:
        with self._lock:
            self._end_line()
            self._phase, self._phase_started = name, self._clock()
            self._draw()
        if self._thread is None:
            self._thread = threading.Thread(target=self._tick, name="progress", daemon=True)
            self._thread.start()

    def pause(self) -> None:
        """End the progress line, so that what the command prints next starts on its own."""
        with self._lock:
            self._end_line()
            self._phase = None

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        with self._lock:
            self._end_line()
            self._phase = None

    def _tick(self) -> None:
        while not self._stop.wait(TICK_SECONDS):
            with self._lock:
                if self._phase is not None:
                    self._draw()

    def _draw(self) -> None:
        now = self._clock()
        self._write(
            f"\r{self._phase}… {now - self._phase_started:.0f} 秒"
            f"（開始から {now - self._started:.0f} 秒）"
        )

    def _write(self, text: str) -> None:
        self._stream.write(text)
        self._stream.flush()
        self._line_open = True

    def _end_line(self) -> None:
        if self._line_open:
            self._stream.write("\n")
            self._stream.flush()
            self._line_open = False
