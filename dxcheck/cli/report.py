"""`dxcheck report FILE -o OUT.pdf [--html OUT.html] [--target …] [--baseline OLD.toml]` — the
PDF gap report, with a 前回からの変化 chapter when given an earlier answer file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dxcheck.cli.common import check_file, print_problems
from dxcheck.cli.score import OWN_MISSING
from dxcheck.core.delta import municipality_mismatch
from dxcheck.core.model import Assessment
from dxcheck.core.scoring import TargetKind, parse_target
from dxcheck.io.load import load_benchmarks, load_questionnaire


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "report",
        help="PDF の報告書（先行5市との差と提案する取組）を作ります",
        description=(
            "回答ファイルから、先行5市との比較、分野別の現状、差を埋める取組の提案と"
            "ロードマップをまとめた PDF 報告書（A4）を作ります。"
        ),
    )
    p.add_argument("file", type=Path, metavar="FILE", help="回答ファイル（TOML）")
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUT.pdf",
        help="書き出す PDF（省略すると回答ファイルと同じ名前の .pdf）",
    )
    p.add_argument("--html", type=Path, metavar="OUT.html", help="同じ内容の HTML も書き出します")
    p.add_argument(
        "--target",
        default="best",
        metavar="TARGET",
        help=(
            "比較の目標: best（最高値・既定）, median（中央値）, plan（計画値）, "
            "national（国の計画の目標水準）, own（回答ファイルの [targets]）, または市の名前か ID"
        ),
    )
    p.add_argument(
        "--baseline",
        type=Path,
        metavar="OLD.toml",
        help="前回の回答ファイル。指定すると「前回からの変化」の章を加えます（同じ団体のファイルに限ります）",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    questionnaire = load_questionnaire()
    cities = load_benchmarks()
    try:
        target = parse_target(args.target, cities)
    except ValueError as exc:
        print(f"dxcheck report: エラー: {exc}", file=sys.stderr)
        return 2
    output: Path = args.output or args.file.with_suffix(".pdf")
    inputs = [args.file, *([args.baseline] if args.baseline else [])]
    if any(_same_file(out, f) for out in (output, args.html) if out for f in inputs):
        print("出力先が回答ファイルと同じです。別の名前を指定してください", file=sys.stderr)
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
    from dxcheck.report.fonts import ReportError
    from dxcheck.report.render import write_report

    try:
        path = write_report(
            checked.loaded.assessment,
            questionnaire,
            cities,
            target,
            output,
            args.html,
            baseline=baseline,
        )
    except ReportError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    size = path.stat().st_size
    extra = f"、{args.html}" if args.html else ""
    print(f"{path}{extra} を作りました（{size / 1024:,.0f} KB）")
    return 0


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
