"""`dxcheck plan FILE -o PLAN.docx [--xlsx F] [--target …]` — a draft DX推進計画 (Word, and
optionally Excel) from the proposals of one answer file."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from dxcheck.cli.common import add_target_argument, check_file, load_setting, print_problems
from dxcheck.cli.outputs import refuse_outputs


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "plan",
        help="提案からDX推進計画の下書き（Word、Excel）を作ります",
        description=(
            "回答ファイルの提案から、DX推進計画の下書きを Word 文書で作ります。取組ごとに"
            "取組名・現状と課題・概要・年度別スケジュール・評価指標（KPI）・担当課の表を置き、"
            "計画期間・推進体制・進捗管理の章を回答から埋めます。"
        ),
    )
    p.add_argument("file", type=Path, metavar="FILE", help="回答ファイル（TOML）")
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="PLAN.docx",
        help="書き出す Word 文書（省略すると回答ファイルと同じ名前の -plan.docx）",
    )
    p.add_argument(
        "--xlsx", type=Path, metavar="PLAN.xlsx", help="同じ取組を Excel でも書き出します"
    )
    add_target_argument(p, default="best")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    setting = load_setting(args, "plan")
    if setting is None or setting.target is None:
        return 2
    questionnaire, cities, target = setting.questionnaire, list(setting.cities), setting.target
    output: Path = args.output or args.file.with_name(args.file.stem + "-plan.docx")
    refused = refuse_outputs([output, args.xlsx], [args.file])
    if refused:
        print(refused, file=sys.stderr)
        return 2
    checked = check_file(args.file, questionnaire)
    print_problems(checked.problems)
    if not checked.ok or checked.loaded is None:
        return 1

    from dxcheck.core.roadmap import analyse
    from dxcheck.io.store import atomic_write_bytes
    from dxcheck.report.fonts import ReportError, japanese_font_family
    from dxcheck.report.plan_doc import plan_docx, plan_xlsx
    from dxcheck.report.render import check_folders

    assessment = checked.loaded.assessment
    target = target.for_assessment(assessment)  # `own`: the answer file's [targets]
    plan = analyse(assessment, questionnaire, cities, target, today=dt.date.today())
    try:
        family = japanese_font_family()
    except ReportError:
        family = "BIZ UDPGothic"  # Word substitutes a font it has; the text stays Japanese
    docx = plan_docx(assessment, questionnaire, target, plan, font_family=family)
    xlsx = plan_xlsx(assessment, plan) if args.xlsx else None
    check_folders([output, *([args.xlsx] if args.xlsx else [])])
    atomic_write_bytes(output, docx)
    if args.xlsx and xlsx is not None:
        atomic_write_bytes(args.xlsx, xlsx)
    extra = f"、{args.xlsx}" if args.xlsx else ""
    print(f"{output}{extra} を作りました（取組 {len(plan.suggestions.body)}件）")
    return 0
