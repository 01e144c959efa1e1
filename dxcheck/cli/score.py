"""`dxcheck score FILE [--json] [--target T]` — per-area scores of one answer file, and with a
target each area's target and gap (computed from its questions' gaps, as everywhere)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from dxcheck.cli.common import (
    OWN_MISSING,
    add_target_argument,
    check_file,
    fmt_score,
    load_setting,
    print_problems,
)
from dxcheck.core.model import MunicipalityInfo
from dxcheck.core.printable import json_printable, printable
from dxcheck.core.scoring import (
    AreaGap,
    ScoreCard,
    TargetKind,
    area_gaps,
    area_targets,
    benchmark_scores,
    displayed,
    score_assessment,
)
from dxcheck.core.textwidth import table


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "score",
        help="回答ファイルの分野別スコアを表示します",
        description="回答ファイルを採点し、重点分野ごとのスコア（0〜5）と回答率を示します。"
        "--target を付けると、分野ごとの目標と差（質問ごとの差から計算）も示します。",
    )
    p.add_argument(
        "file", type=Path, metavar="FILE", help="回答ファイル（TOML）または記入様式（.xlsx）"
    )
    p.add_argument("--json", action="store_true", help="JSON で出力します")
    add_target_argument(p, default=None)
    p.set_defaults(run=run)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def areas_json(card: ScoreCard) -> list[dict[str, Any]]:
    return [
        {
            "id": a.area.id,
            "name": a.area.name,
            "score": _round(a.score),
            "answered": a.answered,
            "total": a.total,
            "unknown": a.unknown,
            "unanswered": a.unanswered,
            "coverage": round(a.coverage, 3),
            "low_confidence": a.low_confidence,
        }
        for a in card.areas
    ]


def gap_json(gap: AreaGap) -> dict[str, Any]:
    """An area's target and gap, rounded once so that gap = target − score as shown."""
    _, target, diff = displayed(gap.area.score, gap.target, 3)
    return {
        "target": target,
        "gap": diff,
        "reference": _round(gap.reference),
        "below_target": [s.question.id for s in gap.below],
    }


def card_table(card: ScoreCard, gaps: list[AreaGap] | None = None) -> str:
    head = ["分野", "スコア", "回答", "わからない", "未回答"]
    rows = [head + (["目標", "差"] if gaps else []) + [""]]
    for i, a in enumerate(card.areas):
        row = [
            a.area.label,
            fmt_score(a.score),
            f"{a.answered}/{a.total}",
            str(a.unknown),
            str(a.unanswered),
        ]
        if gaps:
            current, target, diff = displayed(a.score, gaps[i].target, 2)
            row[1] = fmt_score(current)
            row += [fmt_score(target), fmt_score(diff)]
        rows.append([*row, "※回答が半数未満" if a.low_confidence else ""])
    right = {1, 2, 3, 4} | ({5, 6} if gaps else set())
    return table(rows, right=right)


def run(args: argparse.Namespace) -> int:
    setting = load_setting(args, "score")
    if setting is None:
        return 2
    questionnaire, cities, target = setting.questionnaire, list(setting.cities), setting.target
    checked = check_file(args.file, questionnaire)
    print_problems(checked.problems)
    if not checked.ok or checked.loaded is None:
        return 1
    assessment = checked.loaded.assessment
    card = score_assessment(questionnaire, assessment)
    gaps: list[AreaGap] | None = None
    label = ""
    if target is not None:
        target = target.for_assessment(assessment)
        if target.kind is TargetKind.OWN and not target.custom:
            print(OWN_MISSING.format(file=args.file), file=sys.stderr)
            return 1
        bench = benchmark_scores(questionnaire, cities)
        gaps = area_gaps(card, area_targets(questionnaire, bench, target))
        label = target.label(bench.names)
    if args.json:
        areas = areas_json(card)
        if gaps is not None:
            areas = [{**area, **gap_json(g)} for area, g in zip(areas, gaps, strict=True)]
        out: dict[str, Any] = {
            # the known fields only: extra keys are kept in the file but may be nested
            # arbitrarily (and are not dxcheck's to report)
            "municipality": assessment.municipality.model_dump(
                mode="json", exclude_none=True, include=set(MunicipalityInfo.model_fields)
            ),
            "questionnaire": questionnaire.id,
            "questionnaire_version": questionnaire.version,
            "answered_version": checked.loaded.file_version,
            "overall": _round(card.overall),
            "coverage": round(card.coverage, 3),
            "areas": areas,
        }
        if target is not None:
            out["target"] = {"kind": target.kind.value, "city": target.city, "label": label}
        print(json_printable(json.dumps(out, ensure_ascii=False, indent=2)))
        return 0
    m = assessment.municipality
    print(
        printable(f"{m.prefecture}{m.name}（{m.code}）")
        + f"  総合スコア {fmt_score(card.overall)}  回答 {card.answered}/{card.total}"
    )
    if label:
        print(f"目標: {label}（分野の差は、目標に届いていない質問の差の加重平均です）")
    print(card_table(card, gaps))
    return 0
