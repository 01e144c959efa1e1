"""Entry point: `dxcheck` (the wizard) and its subcommands."""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from dxcheck import __version__
from dxcheck.cli.jaargparse import JapaneseArgumentParser
from dxcheck.core.errors import InputError
from dxcheck.io.store import WriteError

# Each command lives in its own module; listing them here keeps start-up imports minimal.
COMMANDS = ("validate", "score", "benchmarks", "template", "compare", "merge", "serve", "report")


def build_parser() -> argparse.ArgumentParser:
    parser = JapaneseArgumentParser(
        prog="dxcheck",
        description="自治体DXセルフチェック。引数なしで起動すると対話形式のウィザードが開きます。",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"dxcheck {__version__}",
        help="バージョンを表示します",
    )
    parser.add_argument("--demo", action="store_true", help="記入例の団体でウィザードを開きます")
    parser.add_argument(
        "--presentation",
        action="store_true",
        help="投影用の高コントラストの配色で開きます（プロジェクター・大画面向け）",
    )
    parser.add_argument(
        "--open",
        metavar="FILE",
        type=Path,
        help="回答ファイルを開いた状態でウィザードを始めます（ファイルは変更しません）",
    )
    parser.add_argument(
        "--root",
        metavar="DIR",
        type=Path,
        help="ファイルを開く・保存する場所をこのフォルダの中に限ります（dxcheck serve が使います）",
    )
    sub = parser.add_subparsers(
        title="コマンド", metavar="COMMAND", parser_class=JapaneseArgumentParser
    )
    for name in COMMANDS:
        importlib.import_module(f"dxcheck.cli.{name}").add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if not hasattr(args, "run"):
            return _wizard(args, parser)
        return int(args.run(args))
    except InputError as exc:
        for p in exc.problems:
            print(p.format(), file=sys.stderr)
        return 1
    except WriteError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _wizard(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from dxcheck.tui.app import run_wizard  # Textual loads only when the wizard is asked for

    return run_wizard(
        demo=bool(args.demo),
        open_path=args.open,
        presentation=bool(args.presentation),
        root=args.root,
    )


# Commands that run once and exit (not the wizard, not the server). For them the cyclic
# garbage collector only costs time: its passes over WeasyPrint's layout objects and over a
# prefecture's parsed files free nothing needed before exit. Measured whole-process: report
# 10 % faster, compare of 1,741 files 27 % faster, peak memory unchanged (113 MiB / 193 MiB).
ONE_SHOT_COMMANDS = frozenset(COMMANDS) - {"serve"}


def run_command_line() -> int:
    """The console-script entry point (`dxcheck`); tests call `main` and keep the collector."""
    argv = sys.argv[1:]
    one_shot = bool(argv) and argv[0] in ONE_SHOT_COMMANDS
    if one_shot:
        gc.disable()
    code = main(argv)
    if one_shot:
        gc.freeze()  # spares the interpreter's last collection at exit, too
    return code


if __name__ == "__main__":
    sys.exit(run_command_line())
