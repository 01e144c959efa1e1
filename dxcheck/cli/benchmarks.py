"""`dxcheck benchmarks [--json]` — the five benchmark cities' per-area scores, each with its
coverage and as-of date; an overall only where enough areas are known (DESIGN §5)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from dxcheck.cli.common import fmt_score
from dxcheck.cli.score import areas_json
from dxcheck.core.model import BenchmarkCity
from dxcheck.core.scoring import Benchmarks, counts_toward_benchmark
from dxcheck.core.scoring import benchmark_scores as score_cities
from dxcheck.core.textwidth import table
from dxcheck.io.load import load_benchmarks, load_questionnaire


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "benchmarks",
        help="先行5市の分野別スコアを表示します",
        description="先行5市のDX計画から読み取った水準を、同じ方法で採点して示します。"
        "計画から水準が分かった質問が半数に満たない分野は、目標（最高値・中央値）に使いません。",
    )
    p.add_argument("--json", action="store_true", help="JSON で出力します")
    p.set_defaults(run=run)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def city_json(c: BenchmarkCity, bench: Benchmarks) -> dict[str, Any]:
    current, planned = bench.current[c.id], bench.planned[c.id]
    return {
        "id": c.id,
        "name": c.name,
        "prefecture": c.prefecture,
        "code": c.code,
        "plan_title": c.plan_title,
        "as_of": c.as_of.isoformat(),
        "population": c.population,
        "staff": c.staff,
        "coverage": round(current.coverage, 3),
        "overall": _round(bench.overall(c.id)),
        "planned_overall": _round(bench.overall(c.id, planned=True)),
        "areas": [
            {
                **area,
                "counts_toward_targets": counts_toward_benchmark(current.areas[i]),
                "planned_score": _round(planned.areas[i].score),
            }
            for i, area in enumerate(areas_json(current))
        ],
    }


def run(args: argparse.Namespace) -> int:
    questionnaire = load_questionnaire()
    cities = load_benchmarks()
    bench = score_cities(questionnaire, cities)
    if args.json:
        out = {
            "questionnaire": questionnaire.id,
            "questionnaire_version": questionnaire.version,
            "cities": [city_json(c, bench) for c in cities],
        }
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    header = ["分野", *(c.name for c in cities)]
    rows = [header]
    for i, area in enumerate(questionnaire.areas):
        row = [area.label]
        for c in cities:
            a = bench.current[c.id].areas[i]
            mark = "" if counts_toward_benchmark(a) or a.score is None else "*"
            shown = "—" if a.score is None else f"{a.score:.1f}"  # one decimal: 80 columns
            row.append(f"{shown}{mark}({a.answered}/{a.total})")
        rows.append(row)
    rows.append(["総合", *(fmt_score(bench.overall(c.id)) for c in cities)])
    rows.append(["回答率", *(f"{bench.current[c.id].coverage:.0%}" for c in cities)])
    rows.append(["時点", *(c.as_of.isoformat() for c in cities)])
    print("先行5市の現状（計画策定時点）。括弧内は計画から水準が分かった質問の数です。")
    print("* は分かった質問が半数未満の分野で、目標の計算に使いません。")
    print("総合は、分かった分野が半数以上ある市だけに示します（ほかは —）。")
    print(table(rows, right=set(range(1, len(header)))))
    return 0
