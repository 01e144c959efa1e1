"""Where municipal officers work: Windows consoles (cp932), pipes, no terminal (issue #13).

Each test runs dxcheck as a separate process, as a user's shell would.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

DXCHECK = [sys.executable, "-m", "dxcheck"]


def run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, **kwargs.pop("env", {})}  # type: ignore[dict-item]
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [*DXCHECK, *args], capture_output=True, timeout=60, env=env, **kwargs
    )


def test_a_cp932_console_gets_utf8_and_no_error(tmp_path: Path) -> None:
    """A Japanese Windows console's code page cannot encode every name: output stays UTF-8."""
    result = run(["benchmarks"], env={"PYTHONIOENCODING": "cp932"})
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert "いちき串木野市" in result.stdout.decode("utf-8")
    assert b"Traceback" not in result.stderr


def test_a_closed_pipe_ends_quietly() -> None:
    """`dxcheck benchmarks | head -1`: the reader leaves first; no BrokenPipeError traceback."""
    proc = subprocess.Popen(
        [*DXCHECK, "benchmarks"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before the first line is written
    err = proc.stderr.read()
    assert proc.wait(timeout=60) in {0, 1}
    assert b"Traceback" not in err and b"BrokenPipeError" not in err


def test_the_wizard_without_a_terminal_explains_and_does_not_hang() -> None:
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_DRIVER"}
    result = subprocess.run(
        DXCHECK, stdin=subprocess.DEVNULL, capture_output=True, timeout=60, env=env
    )
    assert result.returncode == 2
    message = result.stderr.decode("utf-8")
    assert "ウィザードを開けません" in message and "dxcheck --help" in message
    assert "Traceback" not in message


@pytest.mark.parametrize("command", [["--help"], ["validate", "--help"], ["template", "--help"]])
def test_help_is_readable_on_a_cp932_console(command: list[str]) -> None:
    result = run(command, env={"PYTHONIOENCODING": "cp932"})
    assert result.returncode == 0
    assert "使い方" in result.stdout.decode("utf-8") or "usage" in result.stdout.decode("utf-8")
