"""`dxcheck compare PATH… [-o OUT.pdf] [--csv F] [--xlsx F] [--target T]` — many answer files
side by side.

Every file is either compared or listed with its located reasons; exit 1 when any was refused
(the valid ones are still compared and written, the PDF lists the refused ones with why).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from pathlib import Path

from dxcheck.cli.common import add_target_argument, fmt_score, load_setting
from dxcheck.cli.outputs import refuse_outputs
from dxcheck.cli.progress import Progress
from dxcheck.core.compare import (
    Comparison,
    MeasureReach,
    Reaches,
    helpful_measures,
    shared_gaps,
)
from dxcheck.core.model import Assessment, BenchmarkCity, Questionnaire
from dxcheck.core.printable import printable
from dxcheck.core.scoring import (
    AreaTargets,
    Benchmarks,
    Target,
    area_gaps,
    area_targets,
    benchmark_scores,
)
from dxcheck.core.textwidth import table
from dxcheck.io.collect import collect
from dxcheck.io.export.rows import Cell
from dxcheck.io.store import atomic_write_many


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "compare", help="複数の団体の回答ファイルを比較します",
        description="回答ファイルまたは Excel の記入様式（フォルダを指定すると中の *.toml と *.xlsx をすべて）を読み、団体ごとのスコアを比較します。"
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
    add_target_argument(p, default="median")
    p.add_argument(
        "--anonymous",
        action="store_true",
        help="団体名を伏せた版（分布・人口規模別・共通の課題のみ）を PDF・CSV・Excel に書き出します",
    )
    p.add_argument("--quiet", action="store_true", help="進み具合を表示しません")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    setting = load_setting(args, "compare")
    if setting is None or setting.target is None:
        return 2
    questionnaire, cities, target = setting.questionnaire, list(setting.cities), setting.target
    clash = refuse_outputs([args.output, args.csv, args.xlsx], args.paths)
    if clash:
        print(clash, file=sys.stderr)
        return 2
    show_progress = not args.quiet and sys.stderr.isatty()
    with Progress(sys.stderr) if show_progress else nullcontext() as progress:
        comparison = collect(args.paths, questionnaire, progress.reading if progress else None)
        bench = benchmark_scores(questionnaire, cities)
        if progress:
            progress.pause()
        if getattr(args, "anonymous", False):
            print_anonymous_summary(comparison, target.label(bench.names))
        else:
            print_summary(
                comparison,
                lambda a: area_targets(questionnaire, bench, target.for_assessment(a)),
                target.label(bench.names),
            )
        phase = progress.phase if progress else None
        reaches = None
        if args.output or args.csv or args.xlsx:
            if phase:
                phase("取組の集計（団体ごとの提案）")
            # once for every output: it runs each municipality's proposals
            reaches = helpful_measures(comparison, questionnaire, bench, target)
        # (an anonymous CSV/XLSX ranks its own from `reaches`, by the counts as published)
        shared = shared_gaps(reaches) if reaches is not None else []
        made = make_outputs(
            args, comparison, questionnaire, cities, bench, target,
            shared=shared, reaches=reaches, on_phase=phase,
        )  # fmt: skip
    # printed once the progress line is closed, so that no message lands on it
    written = isinstance(made, list) and write_outputs(made)
    if isinstance(made, str):
        print(made, file=sys.stderr)
    return 1 if comparison.rejected or not written else 0


Output = tuple[Path, bytes, str]  # where, what, and its kind as the user calls it


def make_outputs(
    args: argparse.Namespace,
    comparison: Comparison,
    questionnaire: Questionnaire,
    cities: Sequence[BenchmarkCity],
    bench: Benchmarks,
    target: Target,
    *,
    shared: Sequence[MeasureReach] = (),
    reaches: Reaches | None = None,
    on_phase: Callable[[str], None] | None = None,
) -> list[Output] | str:
    """Every output asked for, made in memory (written together by `write_outputs`, all or
    nothing); or, when one could not be made, why — and then none is written."""
    anonymous = bool(getattr(args, "anonymous", False))
    outputs: list[Output] = []
    if (args.csv or args.xlsx) and on_phase:
        on_phase("CSV・Excel の作成")
    if args.csv:
        from dxcheck.io.export.csv_export import comparison_csv

        data = comparison_csv(comparison, questionnaire, anonymous=anonymous, reaches=reaches)
        outputs.append((args.csv, data, "CSV"))
    if args.xlsx:
        from dxcheck.io.export.xlsx_export import comparison_xlsx

        status = None if anonymous else _campaign_status(args.paths, questionnaire)
        data = comparison_xlsx(
            comparison, questionnaire, anonymous=anonymous, shared=shared, reaches=reaches,
            status=status,
            bench=bench, targets=area_targets(questionnaire, bench, target),
            target_label=target.label(bench.names),
        )  # fmt: skip
        outputs.append((args.xlsx, data, "Excel ファイル"))
    if args.output:
        # imported here: only a PDF pays for Jinja2 and WeasyPrint
        from dxcheck.report.compare_render import comparison_pdf
        from dxcheck.report.fonts import ReportError

        try:
            if on_phase:
                on_phase("PDF の内容の集計")
            pdf = comparison_pdf(
                comparison, questionnaire, cities, target,
                anonymous=anonymous, reaches=reaches, on_phase=on_phase,
            )  # fmt: skip
        except ReportError as exc:
            if outputs:
                return (
                    f"{exc}\nほかの出力も書き出しませんでした（すべてそろうときだけ書き出します）"
                )
            return str(exc)
        outputs.append((args.output, pdf, "PDF"))
    return outputs


def write_outputs(outputs: Sequence[Output]) -> bool:
    """Every output together (dxcheck.io.store.atomic_write_many): all or none."""
    if not outputs:
        return True
    atomic_write_many([(path, data) for path, data, _ in outputs])
    for path, data, kind in outputs:
        print(f"{kind} を書き出しました: {printable(str(path))}（{len(data) / 1024:,.0f} KB）")
    return True


def _campaign_status(
    paths: Sequence[Path], questionnaire: Questionnaire
) -> tuple[list[str], list[list[Cell]]] | None:
    """The 提出状況 sheet, when one of the folders compared was made by `campaign init`."""
    from dxcheck.io.campaign import campaign_status, find_manifest, status_rows

    manifest = find_manifest(list(paths))
    if manifest is None:
        return None
    header, rows = status_rows(campaign_status(manifest.parent, questionnaire))
    return header, rows


def print_anonymous_summary(comparison: Comparison, label: str) -> None:
    """`--anonymous`: counts only. Operators paste the console into mail beside the published
    files, so it names no municipality and no file (a refused file's reasons carry its path)."""
    print(f"比較した団体: {len(comparison.compared)}（目標: {label}）")
    for note in comparison.notes(anonymous=True):  # counts only, unanswered files among them
        print(f"注記: {printable(note)}")
    if comparison.rejected:
        print(
            f"\n比較できなかったファイル: {len(comparison.rejected)} 件"
            "（団体名を伏せた版のため、ファイル名と理由は表示しません。"
            "dxcheck validate ファイル名 で確かめられます）",
            file=sys.stderr,
        )


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
        print(table([[printable(c) for c in row] for row in rows], right={2, 3, 4}))
    for note in comparison.notes():
        print(f"注記: {printable(note)}")
    if comparison.rejected:
        print(f"\n比較できなかったファイル: {len(comparison.rejected)} 件", file=sys.stderr)
        for r in comparison.rejected:
            for p in r.problems:
                print(p.format(), file=sys.stderr)
