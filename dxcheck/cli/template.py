"""`dxcheck template -o FILE` — an answer file listing every question, unanswered."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dxcheck.core.answers import template
from dxcheck.core.printable import printable
from dxcheck.io.load import load_questionnaire
from dxcheck.io.store import WriteError, atomic_write_text, check_output


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "template",
        help="記入用の回答ファイルを作ります",
        description="すべての質問を未回答で並べた回答ファイルを作ります。テキストエディタで記入できます。",
    )
    p.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="書き出すファイル（省略すると画面に出力）"
    )
    p.add_argument("--force", action="store_true", help="同名のファイルがあっても上書きします")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    text = template(load_questionnaire())
    if args.output is None:
        sys.stdout.write(text)
        return 0
    if args.output.exists() and not args.force:
        print(
            f"{args.output} はすでにあります。上書きする場合は --force を付けてください",
            file=sys.stderr,
        )
        return 1
    try:
        check_output(args.output, may_replace_answer_file=args.force)
    except WriteError as exc:
        print(printable(str(exc)), file=sys.stderr)
        return 2
    atomic_write_text(args.output, text)
    print(
        f"{printable(str(args.output))} を作りました（質問 {len(load_questionnaire().questions)} 問）"
    )
    return 0
