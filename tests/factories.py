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


# ---------------------------------------------------------------- questionnaire 2 (size-fair)
# A small questionnaire in the 4.1.0 shape: share / per-staff / per-resident scales, national
# targets and national-origin questions and measures.
from dxcheck.core.model import NationalTarget  # noqa: E402

NATIONAL = (
    Evidence(
        source="national",
        title="自治体DX推進計画（第4.0版）",
        locator="4.1",
        address="https://www.soumu.go.jp/",
        quote="q",
    ),
)


def size_fair_questionnaire() -> Questionnaire:
    areas = (
        Area(id="a", name="分野A", category="重点取組事項", priority=1, description="d"),
        Area(id="b", name="分野B", category="推進体制", priority=2, description="d"),
    )
    share = Quantity(
        label="オンライン化した手続の割合",
        unit="%",
        basis="share",
        value_label="オンライン化した手続の数",
        value_unit="手続",
        integer=True,
        denominator_label="対象とする手続の総数",
        denominator_unit="手続",
        max=100,
        thresholds=(1, 10, 30, 60, 90),
    )
    per_staff = Quantity(
        label="テレワーク可能な職員（100人あたり）",
        unit="人",
        basis="per_staff",
        value_label="テレワーク可能な職員数",
        value_unit="人",
        integer=True,
        thresholds=(1, 5, 15, 30, 50),
    )
    per_resident = Quantity(
        label="相談件数（1万人あたり）",
        unit="件",
        basis="per_resident",
        value_label="相談件数",
        value_unit="件",
        thresholds=(1, 10, 50, 100, 200),
    )
    national = NationalTarget(level=4, by="令和7年度末", reason="r", evidence=NATIONAL)
    questions = (
        question("a.share", "a", quantity=share).model_copy(update={"national": national}),
        question("a.staff", "a", quantity=per_staff),
        question("a.resident", "a", quantity=per_resident),
        question("a.plain", "a", weight=2.0).model_copy(
            update={
                "national": NationalTarget(level=3, reason="r", evidence=NATIONAL),
                "origin": "national",
                "evidence": NATIONAL,
            }
        ),
        question("b.one", "b"),
        question("b.two", "b"),
    )
    return Questionnaire(
        id="t",
        version="2.0.0",
        title="t",
        national_plan="p",
        national_plan_version="v",
        areas=areas,
        questions=questions,
    )
