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
