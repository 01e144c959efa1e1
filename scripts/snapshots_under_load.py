"""The wizard's snapshot suite, run repeatedly while busy processes compete for the CPU (issue 15).

A snapshot that passes on a quiet machine and fails on a busy one is waiting on time instead of
on a condition (a worker not awaited, a message not yet handled, a timer, a blinking cursor).
This starts `--burners` child processes that each keep one core busy, runs every test module in
tests/tui that uses `snap_compare` `--runs` times, stops the burners, and prints pass or fail for
each run and the median time. Exit code 0 when every run passed.

Written in Python, not shell, so that it runs on Windows as well.

Usage: .venv/bin/python scripts/snapshots_under_load.py [--runs 3] [--burners 2] [--workers 2]
       (--workers is pytest-xdist's -n; 0 runs the tests in one process)
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# a busy loop that never ends on its own: it is stopped at the end (or when this script stops)
BURN = "while True:\n    pass\n"


def snapshot_modules() -> list[str]:
    """Every test module in tests/tui that takes SVG snapshots."""
    folder = ROOT / "tests" / "tui"
    return [
        str(path.relative_to(ROOT))
        for path in sorted(folder.glob("test_*.py"))
        if "snap_compare" in path.read_text(encoding="utf-8")
    ]


def start_burners(count: int) -> list[subprocess.Popen[bytes]]:
    return [
        subprocess.Popen([sys.executable, "-c", BURN], stdin=subprocess.DEVNULL)
        for _ in range(count)
    ]


def stop(burners: list[subprocess.Popen[bytes]]) -> None:
    for burner in burners:
        burner.terminate()  # SIGTERM on POSIX, TerminateProcess on Windows
    for burner in burners:
        try:
            burner.wait(timeout=10)
        except subprocess.TimeoutExpired:
            burner.kill()
            burner.wait()


def run_once(modules: list[str], workers: int) -> tuple[bool, float, str]:
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *modules]
    if workers > 0:
        command[3:3] = ["-n", str(workers)]
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    summary = lines[-1] if lines else done.stderr.strip()[-200:]
    failures = [line for line in lines if line.startswith(("FAILED", "ERROR"))]
    return done.returncode == 0, elapsed, "\n".join([*failures, summary])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="how many times (default 3)")
    parser.add_argument("--burners", type=int, default=2, help="busy processes (default 2)")
    parser.add_argument("--workers", type=int, default=2, help="pytest -n (default 2; 0: none)")
    args = parser.parse_args()

    modules = snapshot_modules()
    if not modules:
        print("tests/tui に snap_compare を使うテストが見つかりません", file=sys.stderr)
        return 2
    print(f"snapshot modules: {' '.join(modules)}")
    print(
        f"{args.burners} busy processes on {os.cpu_count()} CPUs; {args.runs} runs, "
        f"pytest -n {args.workers}"
    )
    burners = start_burners(args.burners)
    results: list[tuple[bool, float]] = []
    try:
        for run in range(1, args.runs + 1):
            passed, elapsed, summary = run_once(modules, args.workers)
            results.append((passed, elapsed))
            print(f"run {run}: {'pass' if passed else 'FAIL'} in {elapsed:.1f} s — {summary}")
            sys.stdout.flush()
    finally:
        stop(burners)
    times = [elapsed for _, elapsed in results]
    failed = sum(not passed for passed, _ in results)
    print(
        f"{len(results) - failed}/{len(results)} runs passed; "
        f"median {statistics.median(times):.1f} s (min {min(times):.1f}, max {max(times):.1f})"
    )
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
