"""`dxcheck compare PATH… [-o OUT.pdf] [--csv F] [--xlsx F] [--target T]` — many answer files
side by side.

Every file is either compared or listed with its located reasons; exit 1 when any was refused
(the valid ones are still compared and written, the PDF lists the refused ones with why).
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from dxcheck.cli.common import fmt_score
from dxcheck.core.compare import Comparison
from dxcheck.core.model import Assessment, BenchmarkCity, Questionnaire
from dxcheck.core.scoring import (
    AreaTargets,
    Target,
    area_gaps,
    area_targets,
    benchmark_scores,
    parse_target,
)
from dxcheck.core.textwidth import table
from dxcheck.io.collect import collect
from dxcheck.io.load import load_benchmarks, load_questionnaire
from dxcheck.io.store import atomic_write_bytes


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "compare", help="複数の団体の回答ファイルを比較します",
        description="回答ファイル（フォルダを指定すると中の *.toml をすべて）を読み、団体ごとのスコアを比較します。"
        "読めなかったファイルは理由とともに一覧にします。",
    )  # fmt: skip
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="回答ファイルまたはフォルダ")
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUT.pdf",
        help="比較の PDF 報告書（分布・ヒートマップ・人口規模別・推移・比較できなかったファイル）を書き出します",
    )
    p.add_argument(
        "--csv",
        type=Path,
        metavar="FILE",
        help="CSV（Excel で開ける UTF-8 BOM 付き）に書き出します",
    )
    p.add_argument(
        "--xlsx", type=Path, metavar="FILE", help="Excel ファイル（分野別シート付き）に書き出します"
    )
    p.add_argument(
        "--target",
        default="median",
        metavar="TARGET",
        help=(
            "目標: best / median / plan / national / own（各ファイルの [targets]）/ 市のID"
            "（既定: median）"
        ),
    )
    p.add_argument("--quiet", action="store_true", help="進み具合を表示しません")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    questionnaire = load_questionnaire()
    cities = load_benchmarks()
    try:
        target = parse_target(args.target, cities)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    clash = _output_clash(args)
    if clash:
        print(clash, file=sys.stderr)
        return 2
    show_progress = not args.quiet and sys.stderr.isatty()
    comparison = collect(args.paths, questionnaire, _progress if show_progress else None)
    if show_progress:
        print(file=sys.stderr)
    write_outputs(args, comparison, questionnaire)
    bench = benchmark_scores(questionnaire, cities)
    print_summary(
        comparison,
        lambda a: area_targets(questionnaire, bench, target.for_assessment(a)),
        target.label(bench.names),
    )
    pdf_ok = write_pdf(args.output, comparison, questionnaire, cities, target)
    return 1 if comparison.rejected or not pdf_ok else 0


def _output_clash(args: argparse.Namespace) -> str | None:
    """Refuse an output that would overwrite one of the answer files given."""
    outputs = [p for p in (args.output, args.csv, args.xlsx) if p is not None]
    for out in outputs:
        if out.suffix.lower() == ".toml" or any(_same_file(out, p) for p in args.paths):
            return f"出力先 {out} は回答ファイルを上書きしてしまいます。別の名前を指定してください"
    return None


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def write_pdf(
    output: Path | None,
    comparison: Comparison,
    questionnaire: Questionnaire,
    cities: Sequence[BenchmarkCity],
    target: Target,
) -> bool:
    """The comparison PDF, when asked for; False (with the reason printed) when it failed."""
    if output is None:
        return True
    # imported here: only a PDF pays for Jinja2 and WeasyPrint
    from dxcheck.report.compare_render import write_comparison_pdf
    from dxcheck.report.fonts import ReportError

    try:
        path = write_comparison_pdf(comparison, questionnaire, cities, target, output)
    except ReportError as exc:
        print(str(exc), file=sys.stderr)
        return False
    # the command ends here: spare the interpreter's last collection over the layout objects
    gc.freeze()
    print(f"PDF を書き出しました: {path}（{path.stat().st_size / 1024:,.0f} KB）")
    return True


def write_outputs(
    args: argparse.Namespace, comparison: Comparison, questionnaire: Questionnaire
) -> None:
    if args.csv:
        from dxcheck.io.export.csv_export import comparison_csv

        atomic_write_bytes(args.csv, comparison_csv(comparison, questionnaire))
        print(f"CSV を書き出しました: {args.csv}")
    if args.xlsx:
        from dxcheck.io.export.xlsx_export import comparison_xlsx

        atomic_write_bytes(args.xlsx, comparison_xlsx(comparison, questionnaire))
        print(f"Excel ファイルを書き出しました: {args.xlsx}")


def _progress(done: int, total: int, path: Path) -> None:
    filled = done * 30 // max(total, 1)
    sys.stderr.write(f"\r読み込み中 [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}")
    sys.stderr.flush()


def print_summary(
    comparison: Comparison, targets_for: Callable[[Assessment], AreaTargets], label: str
) -> None:
    """One row per municipality; 目標未満の分野 counts areas with a question below target (the
    same logic as every gap), each file under its own targets when the target is `own`."""
    rows = [["団体コード", "団体名", "総合", "回答率", "目標未満の分野"]]
    for s in comparison.compared:
        below = sum(1 for g in area_gaps(s.card, targets_for(s.assessment)) if (g.gap or 0.0) > 0)
        rows.append(
            [
                s.code,
                f"{s.assessment.municipality.prefecture}{s.assessment.municipality.name}",
                fmt_score(s.card.overall),
                f"{s.card.coverage:.0%}",
                str(below),
            ]
        )
    print(f"比較した団体: {len(comparison.compared)}（目標: {label}）")
    if comparison.compared:
        print(table(rows, right={2, 3, 4}))
    for note in comparison.notes():
        print(f"注記: {note}")
    if comparison.rejected:
        print(f"\n比較できなかったファイル: {len(comparison.rejected)} 件", file=sys.stderr)
        for r in comparison.rejected:
            for p in r.problems:
                print(p.format(), file=sys.stderr)
