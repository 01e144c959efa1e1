"""`dxcheck template -o FILE [--from ANSWERS]` — an answer file (TOML) or an Excel form (.xlsx)
listing every question: unanswered, or a draft pre-filled from an existing answer file or form
(its profile, answers and own targets), so last year's answers can go back as this year's form.
A draft is not an answer: its 回答日 and 回答者 are cleared, and returned unchanged it counts as
未提出 (core.answers.draft_from, is_untouched_draft)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dxcheck.cli.common import print_problems
from dxcheck.core.answers import draft_from, template, template_for
from dxcheck.core.errors import Severity
from dxcheck.core.printable import printable
from dxcheck.io.collect import check_file
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
    p.add_argument(
        "--from",
        dest="source",
        type=Path,
        metavar="ANSWERS",
        help="この回答ファイル（.toml）または記入様式（.xlsx）の団体情報・回答・目標を記入した"
        "下書きを作ります（回答日・回答者は空欄。そのまま返されたものは未提出として扱います）",
    )
    p.add_argument("--force", action="store_true", help="同名のファイルがあっても上書きします")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    questionnaire = load_questionnaire()
    source = getattr(args, "source", None)
    assessment = None
    if source is not None:
        checked = check_file(source, questionnaire, require_profile=False)
        errors = [p for p in checked.problems if p.severity is Severity.ERROR]
        if checked.loaded is None or errors:
            print_problems(errors or checked.problems)
            print(f"{printable(str(source))} に誤りがあるため、記入済みの様式を作れません",
                  file=sys.stderr)  # fmt: skip
            return 1
        assessment = draft_from(checked.loaded.assessment, questionnaire)
    if args.output is None:
        text = (
            template(questionnaire)
            if assessment is None
            else template_for(assessment, questionnaire)
        )
        sys.stdout.write(text)
        return 0
    if args.output.exists() and not args.force:
        print(
            f"{args.output} はすでにあります。上書きする場合は --force を付けてください",
            file=sys.stderr,
        )
        return 1
    try:
        check_output(args.output, [source] if source else [], may_replace_answer_file=args.force)
    except WriteError as exc:
        print(printable(str(exc)), file=sys.stderr)
        return 2
    if is_form(args.output):
        from dxcheck.io.export.form_xlsx import form_xlsx

        atomic_write_bytes(args.output, form_xlsx(questionnaire, assessment))
        kind = "Excel の記入様式"
    else:
        text = (
            template(questionnaire)
            if assessment is None
            else template_for(assessment, questionnaire)
        )
        atomic_write_text(args.output, text)
        kind = "回答ファイル"
    filled = (
        f"。{printable(str(source))} の回答を記入した下書きです（回答日・回答者は空欄にしました）"
        if source
        else ""
    )
    print(
        f"{kind} {printable(str(args.output))} を作りました（質問 {len(questionnaire.questions)} 問）"
        + filled
    )
    if assessment is not None and assessment.measures and is_form(args.output):
        # the form has no place for proposal marks: say so rather than lose them silently
        print(
            f"提案の印 {len(assessment.measures)} 件は様式に入りません（回答ファイルに残っています）",
            file=sys.stderr,
        )
    return 0
