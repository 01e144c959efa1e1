"""`dxcheck template -o FILE` — an answer file (TOML) or an Excel form (.xlsx) listing every
question, unanswered."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dxcheck.core.answers import template
from dxcheck.core.printable import printable
from dxcheck.io.load import is_form, load_questionnaire
from dxcheck.io.store import WriteError, atomic_write_bytes, atomic_write_text, check_output


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "template",
        help="記入用の回答ファイル（TOML）または Excel の記入様式（.xlsx）を作ります",
        description="すべての質問を未回答で並べた回答ファイルを作ります。名前が .xlsx なら Excel の記入様式"
        "（レベルの選択肢・説明・各レベルの意味付き、記入欄以外は保護）を作ります。"
        "記入した様式は validate・score・report・compare・merge でそのまま読めます。",
    )
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="書き出すファイル（.toml または .xlsx。省略すると TOML を画面に出力）",
    )
    p.add_argument("--force", action="store_true", help="同名のファイルがあっても上書きします")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    questionnaire = load_questionnaire()
    if args.output is None:
        sys.stdout.write(template(questionnaire))
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
    if is_form(args.output):
        from dxcheck.io.export.form_xlsx import form_xlsx

        atomic_write_bytes(args.output, form_xlsx(questionnaire))
        kind = "Excel の記入様式"
    else:
        atomic_write_text(args.output, template(questionnaire))
        kind = "回答ファイル"
    print(
        f"{kind} {printable(str(args.output))} を作りました（質問 {len(questionnaire.questions)} 問）"
    )
    return 0
