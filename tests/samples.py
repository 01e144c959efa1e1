"""Synthetic answer files for trials, tests and the scale benchmark — clearly not real data."""

from __future__ import annotations

import datetime as dt
import random

from dxcheck.core.answers import new_assessment
from dxcheck.core.model import Answer, Assessment, Questionnaire
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
            t = q.quantity.thresholds
            value = 0.0 if level == 0 else float(t[level - 1])
            a.answers[q.id] = Answer(level=q.quantity.level_for(value), value=value)
        else:
            a.answers[q.id] = Answer(level=level)
    return a
