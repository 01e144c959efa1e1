"""`dxcheck benchmarks [--json]` — the five benchmark cities' per-area scores."""

from __future__ import annotations

import argparse
import json

from dxcheck.cli.common import fmt_score
from dxcheck.cli.score import areas_json
from dxcheck.core.scoring import benchmark_scores
from dxcheck.core.textwidth import table
from dxcheck.io.load import load_benchmarks, load_questionnaire


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "benchmarks",
        help="先行5市の分野別スコアを表示します",
        description="先行5市のDX計画から読み取った水準を、同じ方法で採点して示します。",
    )
    p.add_argument("--json", action="store_true", help="JSON で出力します")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    questionnaire = load_questionnaire()
    cities = load_benchmarks()
    bench = benchmark_scores(questionnaire, cities)
    if args.json:
        out = {
            "questionnaire": questionnaire.id,
            "questionnaire_version": questionnaire.version,
            "cities": [
                {
                    "id": c.id,
                    "name": c.name,
                    "prefecture": c.prefecture,
                    "code": c.code,
                    "plan_title": c.plan_title,
                    "as_of": c.as_of.isoformat(),
                    "overall": _round(bench.current[c.id].overall),
                    "planned_overall": _round(bench.planned[c.id].overall),
                    "coverage": round(bench.current[c.id].coverage, 3),
                    "areas": [
                        {**area, "planned_score": _round(bench.planned[c.id].areas[i].score)}
                        for i, area in enumerate(areas_json(bench.current[c.id]))
                    ],
                }
                for c in cities
            ],
        }
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    header = ["分野", *(c.name for c in cities)]
    rows = [header]
    for i, area in enumerate(questionnaire.areas):
        row = [area.label]
        for c in cities:
            a = bench.current[c.id].areas[i]
            mark = "*" if a.low_confidence and a.score is not None else " "
            row.append(f"{fmt_score(a.score)}{mark}{a.answered}/{a.total}")
        rows.append(row)
    rows.append(["総合", *(fmt_score(bench.current[c.id].overall) for c in cities)])
    print("先行5市の現状（計画策定時点）。数字の右は、計画から水準が分かった質問の数です。")
    print(table(rows, right=set(range(1, len(header)))))
    print("* 分かった質問が半数未満の参考値（目標の計算には使いません）")
    return 0


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)
