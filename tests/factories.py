"""Small, hand-made questionnaires and cities for unit tests of the pure core."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dxcheck.core.model import (
    Answer,
    Area,
    Assessment,
    BenchmarkCity,
    BenchmarkEntry,
    Evidence,
    Quantity,
    Question,
    Questionnaire,
)

EVIDENCE = (Evidence(seed="s.txt", locator="l", quote="q"),)
LEVELS = ("0", "1", "2", "3", "4", "5")


def question(
    qid: str, area: str, weight: float = 1.0, quantity: Quantity | None = None
) -> Question:
    return Question(
        id=qid,
        area=area,
        text=f"{qid}?",
        help="h",
        weight=weight,
        levels=LEVELS,
        quantity=quantity,
        evidence=EVIDENCE,
    )


def small_questionnaire() -> Questionnaire:
    areas = (
        Area(id="a", name="分野A", category="重点取組事項", priority=1, description="d"),
        Area(id="b", name="分野B", category="推進体制", priority=2, description="d"),
    )
    qty = Quantity(label="手続数", unit="手続", thresholds=(1, 30, 100, 200, 300))
    questions = (
        question("a.one", "a"),
        question("a.two", "a", weight=2.0),
        question("a.count", "a", quantity=qty),
        question("b.one", "b"),
        question("b.two", "b"),
    )
    return Questionnaire(
        id="t",
        version="1.0.0",
        title="t",
        national_plan="p",
        national_plan_version="v",
        areas=areas,
        questions=questions,
    )


def assessment(answers: dict[str, dict[str, Any]]) -> Assessment:
    return Assessment(
        questionnaire="t",
        questionnaire_version="1.0.0",
        answers={k: Answer(**v) for k, v in answers.items()},
    )


def city(cid: str, entries: dict[str, dict[str, Any]]) -> BenchmarkCity:
    return BenchmarkCity(
        id=cid,
        name=cid,
        prefecture="p",
        code="000000",
        plan_title="t",
        plan_period="p",
        as_of=dt.date(2024, 3, 1),
        seed="s.txt",
        questions={k: BenchmarkEntry(**v) for k, v in entries.items()},
    )


# ---------------------------------------------------------------- measures (suggestions)
# (imported here so that this block stays an append to the file others also extend)
from dxcheck.core.model import CityMeasure, Cost, Horizon, Kpi, Measure, Raise, Status  # noqa: E402


def measure(
    mid: str,
    area: str,
    raises: dict[str, int],
    *,
    cost: str = "low",
    horizon: str = "short",
    cities: tuple[str, ...] = ("x",),
    kpis: tuple[Kpi, ...] = (),
) -> Measure:
    """A catalog measure raising each question in `raises` to the given level."""
    return Measure(
        id=mid,
        title=f"{mid} の取組",
        description="d",
        area=area,
        raises=tuple(Raise(question=q, to_level=lvl) for q, lvl in raises.items()),
        cost=Cost(cost),
        horizon=Horizon(horizon),
        departments=("総務課",),
        cities=tuple(
            CityMeasure(city=c, status=Status.DONE, locator="l", quote="q", kpis=kpis)
            for c in cities
        ),
    )


def with_measures(questionnaire: Questionnaire, measures: list[Measure]) -> Questionnaire:
    return questionnaire.model_copy(update={"measures": tuple(measures)})
