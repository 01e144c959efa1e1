"""`dxcheck merge A.toml B.toml … -o merged.toml` — a workshop's respondents into one file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dxcheck.cli.common import print_problems
from dxcheck.core.answers import to_toml
from dxcheck.core.merge import coverage_by_respondent
from dxcheck.core.printable import printable
from dxcheck.core.textwidth import table
from dxcheck.io.load import load_questionnaire
from dxcheck.io.respondents import read_respondents
from dxcheck.io.store import WriteError, atomic_write_text, check_output


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "merge",
        help="複数の回答者の回答を1つにまとめます（ワークショップ）",
        description="部署や役割ごとの回答ファイルを1つにまとめます。各回答者のレベルとメモを残し、"
        "中央値を合意案とし、意見が分かれた質問（レベルが2以上違う、または「わからない」とレベルが混在）に印を付けます。",
    )
    p.add_argument("files", nargs="+", type=Path, metavar="FILE", help="回答者ごとの回答ファイル")
    p.add_argument(
        "-o", "--output", type=Path, required=True, metavar="OUT", help="まとめた回答ファイル"
    )
    p.add_argument("--force", action="store_true", help="同名のファイルがあっても上書きします")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    questionnaire = load_questionnaire()
    if len(args.files) < 2:
        print("まとめるには2つ以上の回答ファイルが必要です", file=sys.stderr)
        return 2
    if args.output.exists() and not args.force:
        print(
            f"{args.output} はすでにあります。上書きする場合は --force を付けてください",
            file=sys.stderr,
        )
        return 1
    try:  # no device or FIFO, not one of the respondents' files
        check_output(args.output, args.files, may_replace_answer_file=True)
    except WriteError as exc:
        print(printable(str(exc)), file=sys.stderr)
        return 2
    prepared = read_respondents(args.files, questionnaire)
    print_problems(prepared.problems)
    if prepared.result is None:
        for line in prepared.refusal.split("\n"):
            print(printable(line), file=sys.stderr)
        return 1
    result, respondents = prepared.result, prepared.respondents
    atomic_write_text(args.output, to_toml(result.assessment, questionnaire))
    print(f"{len(respondents)} 人の回答をまとめました: {printable(str(args.output))}")
    print(f"意見が分かれた質問: {len(result.disagreements)} 問")
    for qid in result.disagreements:
        print(f"  - {questionnaire.question(qid).text}（{qid}）")
    rows = [["分野", *(r.name for r in respondents)]]
    for cov in coverage_by_respondent(questionnaire, respondents):
        rows.append([questionnaire.area(cov.area_id).label,
                     *(f"{cov.answered[r.name]}/{cov.total}" for r in respondents)])  # fmt: skip
    print("\n回答した質問の数（回答者別）")
    safe = [[printable(c) for c in row] for row in rows]
    print(table(safe, right=set(range(1, len(respondents) + 1))))
    return 0
