"""`dxcheck score FILE [--json]` — per-area scores of one answer file."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from dxcheck.cli.common import check_file, fmt_score, print_problems
from dxcheck.core.scoring import ScoreCard, score_assessment
from dxcheck.core.textwidth import table
from dxcheck.io.load import load_questionnaire


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "score",
        help="回答ファイルの分野別スコアを表示します",
        description="回答ファイルを採点し、重点分野ごとのスコア（0〜5）と回答率を示します。",
    )
    p.add_argument(
        "file", type=Path, metavar="FILE", help="回答ファイル（TOML）または記入様式（.xlsx）"
    )
    p.add_argument("--json", action="store_true", help="JSON で出力します")
    p.set_defaults(run=run)


def areas_json(card: ScoreCard) -> list[dict[str, Any]]:
    return [
        {
            "id": a.area.id,
            "name": a.area.name,
            "score": None if a.score is None else round(a.score, 3),
            "answered": a.answered,
            "total": a.total,
            "unknown": a.unknown,
            "unanswered": a.unanswered,
            "coverage": round(a.coverage, 3),
            "low_confidence": a.low_confidence,
        }
        for a in card.areas
    ]


def card_table(card: ScoreCard) -> str:
    rows = [["分野", "スコア", "回答", "わからない", "未回答", ""]]
    for a in card.areas:
        rows.append(
            [
                a.area.label,
                fmt_score(a.score),
                f"{a.answered}/{a.total}",
                str(a.unknown),
                str(a.unanswered),
                "※回答が半数未満" if a.low_confidence else "",
            ]
        )
    return table(rows, right={1, 2, 3, 4})


def run(args: argparse.Namespace) -> int:
    questionnaire = load_questionnaire()
    checked = check_file(args.file, questionnaire)
    print_problems(checked.problems)
    if not checked.ok or checked.loaded is None:
        return 1
    assessment = checked.loaded.assessment
    card = score_assessment(questionnaire, assessment)
    if args.json:
        out = {
            "municipality": assessment.municipality.model_dump(mode="json", exclude_none=True),
            "questionnaire": questionnaire.id,
            "questionnaire_version": assessment.questionnaire_version,
            "overall": None if card.overall is None else round(card.overall, 3),
            "coverage": round(card.coverage, 3),
            "areas": areas_json(card),
        }
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    m = assessment.municipality
    print(
        f"{m.prefecture}{m.name}（{m.code}）  総合スコア {fmt_score(card.overall)}"
        f"  回答 {card.answered}/{card.total}"
    )
    print(card_table(card))
    return 0
