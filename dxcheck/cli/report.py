"""`dxcheck report FILE -o OUT.pdf [--html F] [--docx F] [--json F] [--target …]
[--baseline OLD.toml]` — the PDF gap report (and the same as HTML and Word, and the proposals
as JSON), with a 前回からの変化 chapter when given an earlier answer file."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from dxcheck.cli.common import (
    OWN_MISSING,
    add_target_argument,
    check_file,
    load_setting,
    print_problems,
)
from dxcheck.cli.outputs import refuse_outputs
from dxcheck.core.delta import municipality_mismatch
from dxcheck.core.model import Assessment
from dxcheck.core.printable import printable
from dxcheck.core.scoring import TargetKind


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "report",
        help="PDF の報告書（先行5市との差と提案する取組）を作ります",
        description=(
            "回答ファイルから、先行5市との比較、分野別の現状、差を埋める取組の提案と"
            "ロードマップをまとめた PDF 報告書（A4）を作ります。"
        ),
    )
    p.add_argument(
        "file", type=Path, metavar="FILE", help="回答ファイル（TOML）または記入様式（.xlsx）"
    )
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUT.pdf",
        help="書き出す PDF（省略すると回答ファイルと同じ名前の .pdf）",
    )
    p.add_argument("--html", type=Path, metavar="OUT.html", help="同じ内容の HTML も書き出します")
    p.add_argument(
        "--docx",
        type=Path,
        metavar="OUT.docx",
        help="同じ内容の Word 文書（編集できる形式。見出しは Word の見出しスタイル）も書き出します",
    )
    p.add_argument(
        "--json",
        type=Path,
        metavar="OUT.json",
        help="提案（本文の15件まで proposals、残り more）を JSON で書き出します",
    )
    add_target_argument(p, default="best")
    p.add_argument(
        "--baseline",
        type=Path,
        metavar="OLD.toml",
        help="前回の回答ファイル。指定すると「前回からの変化」の章を加えます（同じ団体のファイルに限ります）",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    setting = load_setting(args, "report")
    if setting is None or setting.target is None:
        return 2
    questionnaire, cities, target = setting.questionnaire, list(setting.cities), setting.target
    output: Path = args.output or args.file.with_suffix(".pdf")
    inputs = [args.file, *([args.baseline] if args.baseline else [])]
    refused = refuse_outputs([output, args.html, args.docx, args.json], inputs)
    if refused:
        print(refused, file=sys.stderr)
        return 2
    checked = check_file(args.file, questionnaire)
    print_problems(checked.problems)
    baseline: Assessment | None = None
    baseline_ok = True
    if args.baseline is not None:
        # checked exactly like the main file: every located problem printed, nothing written
        old = check_file(args.baseline, questionnaire)
        print_problems(old.problems)
        baseline_ok = old.ok and old.loaded is not None
        baseline = old.loaded.assessment if old.loaded is not None and baseline_ok else None
    if not checked.ok or checked.loaded is None or not baseline_ok:
        if not baseline_ok:
            print(
                f"前回の回答ファイル {args.baseline} に誤りがあるため、報告書を作りませんでした",
                file=sys.stderr,
            )
        return 1
    target = target.for_assessment(checked.loaded.assessment)
    if target.kind is TargetKind.OWN and not target.custom:
        print(OWN_MISSING.format(file=args.file), file=sys.stderr)
        return 1
    if baseline is not None:
        mismatch = municipality_mismatch(baseline, checked.loaded.assessment)
        if mismatch:
            print(mismatch, file=sys.stderr)
            return 1

    # imported here: only this command pays for Jinja2 and (inside it) WeasyPrint
    from dxcheck.report.fonts import ReportError, pdf_engine_problem
    from dxcheck.report.render import write_report

    problem = pdf_engine_problem()
    if problem is not None:
        # no PDF here: the wizard's other outputs still come, with the HTML to print from
        html = args.html or output.with_suffix(".html")
        if os.path.realpath(html) == os.path.realpath(args.file):
            html = output.with_suffix(".report.html")
        try:
            write_report(
                checked.loaded.assessment,
                questionnaire,
                cities,
                target,
                None,
                html,
                baseline=baseline,
                docx_path=args.docx,
                json_path=args.json,
            )
        except ReportError as exc:
            print(str(exc), file=sys.stderr)
            return 1
        written = printable("、".join(str(o) for o in (html, args.docx, args.json) if o))
        print(problem, file=sys.stderr)
        print(
            f"PDF の代わりに {written} を作りました。HTML をブラウザで開き、"
            "「印刷」→「PDF として保存」で PDF にできます。",
            file=sys.stderr,
        )
        return 1
    try:
        path = write_report(
            checked.loaded.assessment,
            questionnaire,
            cities,
            target,
            output,
            args.html,
            baseline=baseline,
            docx_path=args.docx,
            json_path=args.json,
        )
    except ReportError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    size = path.stat().st_size if path is not None else 0
    extra = "".join(f"、{o}" for o in (args.html, args.docx, args.json) if o)
    print(f"{printable(str(output))}{printable(extra)} を作りました（{size / 1024:,.0f} KB）")
    return 0
