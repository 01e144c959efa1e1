"""Synthetic answer files for trials, tests and the scale benchmark — clearly not real data."""

from __future__ import annotations

import datetime as dt
import math
import random

from dxcheck.core.answers import new_assessment
from dxcheck.core.model import Answer, Assessment, MunicipalityInfo, Quantity, Questionnaire
from dxcheck.io.municipalities import Municipality


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
    # about one 常勤職員 per 100 residents, as in most small municipalities
    a.municipality.staff = max(10, a.municipality.population // 100)
    a.meta.respondent = "試算用データ"
    a.meta.department = "企画課"
    a.meta.assessed_on = assessed_on
    maturity = rng.uniform(0.5, 3.5)
    for q in questionnaire.questions:
        if rng.random() < unknown_rate:
            a.answers[q.id] = Answer(unknown=True)
            continue
        level = max(0, min(5, round(rng.gauss(maturity, 1.0))))
        if q.quantity is not None:
            a.answers[q.id] = quantity_answer(q.quantity, level, a.municipality, rng)
        else:
            a.answers[q.id] = Answer(level=level)
    return a


def quantity_answer(qty: Quantity, level: int, m: MunicipalityInfo, rng: random.Random) -> Answer:
    """A figure that reaches `level` on the question's own scale (a denominator for a share)."""
    t = qty.thresholds
    measure = 0.0 if level == 0 else float(t[level - 1])
    if qty.lower_is_better:
        measure = float(t[0]) * 2 if level == 0 else float(t[level - 1])
    denominator = float(rng.randint(20, 400)) if qty.basis == "share" else None
    raw = qty.raw_for(measure, denominator, m.staff, m.population) or 0.0
    if qty.integer or qty.basis == "share":
        raw = float(math.ceil(raw - 1e-9)) if not qty.lower_is_better else float(math.floor(raw))
    if denominator is not None:
        raw = min(raw, denominator)
    derived = qty.level_for(raw, denominator, m.staff, m.population)
    return Answer(level=derived, value=raw, denominator=denominator)
