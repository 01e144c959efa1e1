"""Synthetic answer files for trials, tests and the scale benchmark — clearly not real data."""

from __future__ import annotations

import datetime as dt
import math
import random

from dxcheck.core.answers import new_assessment
from dxcheck.core.model import PER_RESIDENT, PER_STAFF, Answer, Assessment, Question, Questionnaire
from dxcheck.io.municipalities import Municipality

SHARE_DENOMINATOR = 200  # a share question's own scope in synthetic files (procedures, systems…)


def answer_for_level(
    question: Question, level: int, *, staff: int | None, population: int | None
) -> Answer:
    """An answer whose figure scales to `level` on the question's own size-fair scale: the raw
    value (and, for a share, the denominator) a real municipality of this size would type."""
    quantity = question.quantity
    if quantity is None:
        return Answer(level=level)
    measure = 0.0 if level == 0 else quantity.thresholds[level - 1]
    denominator: float | None = None
    match quantity.basis:
        case "share":
            denominator = SHARE_DENOMINATOR
            raw = measure * SHARE_DENOMINATOR / 100
        case "per_staff":
            raw = measure * (staff or 0) / PER_STAFF
        case "per_resident":
            raw = measure * (population or 0) / PER_RESIDENT
        case _:
            raw = measure
    value = float(math.ceil(raw)) if quantity.integer else round(raw, 1)
    if quantity.max is not None and quantity.basis in {"percent", "absolute"}:
        value = min(value, quantity.max)
    if denominator is not None:
        value = min(value, denominator)
    reached = quantity.level_for(value, denominator, staff, population)
    return Answer(level=reached, value=value, denominator=denominator)


def synthetic_assessment(
    questionnaire: Questionnaire,
    municipality: Municipality,
    *,
    seed: int,
    assessed_on: dt.date = dt.date(2026, 11, 1),
    unknown_rate: float = 0.1,
) -> Assessment:
    """A plausible filled answer file: levels around a municipality-specific maturity."""
    rng = random.Random(seed)
    a = new_assessment(questionnaire)
    a.municipality.name = municipality.name
    a.municipality.code = municipality.code
    a.municipality.prefecture = municipality.prefecture
    a.municipality.population = int(rng.lognormvariate(10, 1.2)) + 500
    # 常勤職員 roughly 1 per 100 residents, as in small towns and mid-sized cities alike
    a.municipality.staff = max(20, a.municipality.population // 100)
    a.meta.respondent = "試算用データ"
    a.meta.department = "企画課"
    a.meta.assessed_on = assessed_on
    maturity = rng.uniform(0.5, 3.5)
    for q in questionnaire.questions:
        if rng.random() < unknown_rate:
            a.answers[q.id] = Answer(unknown=True)
            continue
        level = max(0, min(5, round(rng.gauss(maturity, 1.0))))
        a.answers[q.id] = answer_for_level(
            q, level, staff=a.municipality.staff, population=a.municipality.population
        )
    return a
