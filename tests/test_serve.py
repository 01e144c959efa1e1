"""`dxcheck serve`: safe defaults and a clear warning when it listens beyond this machine."""

from __future__ import annotations

import shlex
import sys

from dxcheck.__main__ import build_parser
from dxcheck.cli.serve import exposure_warning, wizard_command


def test_listens_on_loopback_unless_told_otherwise() -> None:
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port) == ("127.0.0.1", 8000)
    assert exposure_warning("127.0.0.1") is None and exposure_warning("localhost") is None


def test_other_host_warns_that_anyone_reaching_the_port_can_open_files() -> None:
    warning = exposure_warning("0.0.0.0")
    assert warning is not None and "誰でも" in warning and "ファイル" in warning


def test_each_tab_runs_this_python_s_dxcheck() -> None:
    assert shlex.split(wizard_command()) == [sys.executable, "-m", "dxcheck"]
    assert shlex.split(wizard_command(demo=True))[-1] == "--demo"


def test_presentation_reaches_each_tab_s_wizard() -> None:
    args = build_parser().parse_args(["serve", "--presentation"])
    assert args.presentation and not args.demo
    command = shlex.split(wizard_command(demo=True, presentation=True))
    assert command[-2:] == ["--demo", "--presentation"]
    assert "--presentation" not in shlex.split(wizard_command())
    assert build_parser().parse_args(["--presentation"]).presentation


def test_the_child_command_is_quoted_for_cmd_exe_on_windows() -> None:
    import subprocess
    from pathlib import Path

    python = r"C:\Program Files\Python312\python.exe"
    root = Path(r"C:\Users\山田 太郎\Documents\dxcheck")
    with _executable(python):
        line = wizard_command(root=root, demo=True, windows=True)
    assert line == (
        '"C:\\Program Files\\Python312\\python.exe" -m dxcheck '
        '--root "C:\\Users\\山田 太郎\\Documents\\dxcheck" --demo'
    )
    # the same line as Windows' own quoting makes it from the argument list
    assert line == subprocess.list2cmdline([python, "-m", "dxcheck", "--root", str(root), "--demo"])


def test_the_child_command_is_quoted_for_the_posix_shell_elsewhere() -> None:
    from pathlib import Path

    with _executable("/opt/my python/bin/python3"):
        line = wizard_command(root=Path("/home/a b/dxcheck's"), windows=False)
    assert shlex.split(line) == [
        "/opt/my python/bin/python3", "-m", "dxcheck", "--root", "/home/a b/dxcheck's",
    ]  # fmt: skip


def _executable(path: str):  # type: ignore[no-untyped-def]
    import unittest.mock

    return unittest.mock.patch.object(sys, "executable", path)


def test_serve_options_root_and_session_cap() -> None:
    args = build_parser().parse_args(["serve", "--root", "/tmp/x", "--max-sessions", "3"])
    assert str(args.root) == "/tmp/x" and args.max_sessions == 3
    assert build_parser().parse_args(["serve"]).max_sessions >= 1
