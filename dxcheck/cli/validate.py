"""`dxcheck validate FILE…` — one line per problem, `FILE:LINE: field: 理由`; exit 1 if any error."""

from __future__ import annotations

import argparse
from pathlib import Path

from dxcheck.cli.common import check_file, print_problems
from dxcheck.core.printable import printable
from dxcheck.io.load import load_questionnaire


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "validate",
        help="回答ファイルを検査します",
        description="回答ファイルの誤りを、ファイル名・行・項目・理由の形で1行ずつ示します。",
    )
    p.add_argument(
        "files",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="回答ファイル（TOML）または記入様式（.xlsx）",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    questionnaire = load_questionnaire()
    failed = 0
    for path in args.files:
        checked = check_file(path, questionnaire)
        print_problems(checked.problems)
        if checked.ok:
            print(f"{printable(str(path))}: OK")
        else:
            failed += 1
    if len(args.files) > 1:
        print(f"{len(args.files)} ファイル中 {len(args.files) - failed} ファイルに誤りはありません")
    return 1 if failed else 0
