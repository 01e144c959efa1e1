"""`report --json`: the proposals as DESIGN.md §6 shapes them, from the same plan the PDF shows.

`proposals` is the body's list (at most 15, in roadmap order), `more` the rest. Per proposal
the §6 keys — id, title, question, from (the municipality's level, null when unknown), to,
status ("proven" | "planned"), start (「令和N年度」), department, cost, kpi — and, under keys
of their own: number, basis ("proven" | "planned" | "national"), end, department_source,
cost_label, deadline, beyond, questions (every question it raises), cities_done, cities.
"""

from __future__ import annotations

from typing import Any

from dxcheck.core.model import Assessment, Questionnaire
from dxcheck.core.roadmap import Analysis, PlanItem, reiwa
from dxcheck.core.scoring import Target


def _item(item: PlanItem, names: dict[str, str]) -> dict[str, Any]:
    s = item.suggestion
    first = s.closes[0]
    return {
        "id": s.measure.id,
        "title": s.title,
        "question": first.gap.question.id,
        "from": first.gap.current,
        "to": first.to_level,
        "status": "proven" if s.basis == "proven" else "planned",
        "start": reiwa(item.start),
        "department": item.department,
        "cost": s.cost.value,
        "kpi": {
            "name": item.kpi.name,
            "baseline": item.kpi.baseline,
            "target": item.kpi.target,
            "by": item.kpi.by,
        },
        "number": item.number,
        "basis": s.basis,
        "end": reiwa(item.end),
        "start_from_answer_file": item.start_from_mark,
        "department_source": item.department_from,
        "cost_label": s.cost.label,
        "deadline": s.deadline or None,
        "beyond": s.beyond,
        "questions": [
            {"id": c.gap.question.id, "from": c.gap.current, "to": c.to_level} for c in s.closes
        ],
        "cities_done": [names.get(c, c) for c in s.done_city_ids],
        "cities": [names.get(c, c) for c in s.city_ids],
    }


def proposals_document(
    assessment: Assessment, questionnaire: Questionnaire, target: Target, plan: Analysis
) -> dict[str, Any]:
    names = plan.bench.names
    m = assessment.municipality
    items = [_item(i, names) for i in plan.roadmap.items]
    body = len(plan.suggestions.body)
    return {
        "municipality": {
            "name": m.name,
            "code": m.code,
            "prefecture": m.prefecture,
            "population": m.population,
        },
        "questionnaire": questionnaire.version,
        "target": target.label(names),
        "proposals": items[:body],
        "more": items[body:],
        "plan_period": {
            "start": reiwa(plan.roadmap.first_year),
            "end": reiwa(plan.roadmap.last_year),
        },
        "skipped": [
            {"id": x.measure.id, "title": x.measure.title, "reason": x.reason, "note": x.note}
            for x in plan.suggestions.skipped
            if x.reason != "reached"
        ],
    }
