"""Scoring, exactly as DESIGN.md §5. Pure functions over the models; no IO, no UI.

A question's state is a level (0–5), UNKNOWN (わからない / the plan is silent) or None (not
answered yet). Unknown and unanswered are both left out of the score and both lower coverage,
but they stay distinct so that views can list them apart.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final, Literal

from dxcheck.core.model import Area, Assessment, BenchmarkCity, Question, Questionnaire

UNKNOWN: Final = "unknown"
State = int | Literal["unknown"] | None
LOW_CONFIDENCE_BELOW = 0.5


def effective_level(question: Question, level: int | None, value: float | None) -> int | None:
    """The level an answer stands for: a quantitative value wins over a stated level."""
    if value is not None and question.quantity is not None:
        return question.quantity.level_for(value)
    return level


def assessment_states(questionnaire: Questionnaire, assessment: Assessment) -> dict[str, State]:
    states: dict[str, State] = {}
    for question in questionnaire.questions:
        answer = assessment.answers.get(question.id)
        if answer is None or answer.is_empty:
            states[question.id] = None
        elif answer.unknown:
            states[question.id] = UNKNOWN
        else:
            states[question.id] = effective_level(question, answer.level, answer.value)
    return states


def city_states(
    questionnaire: Questionnaire, city: BenchmarkCity, *, planned: bool = False
) -> dict[str, State]:
    """A benchmark city's levels; with planned=True the planned level where the plan sets one.

    A question the city's file does not list counts as unknown: the plan is silent.
    """
    states: dict[str, State] = {}
    for question in questionnaire.questions:
        entry = city.questions.get(question.id)
        if entry is None:
            states[question.id] = UNKNOWN
            continue
        current: State = UNKNOWN if entry.current == "unknown" else entry.current
        if planned and entry.planned is not None:
            states[question.id] = (
                max(entry.planned, current) if isinstance(current, int) else (entry.planned)
            )
        else:
            states[question.id] = current
    return states


@dataclass(frozen=True, slots=True)
class AreaScore:
    area: Area
    score: float | None
    answered: int
    unknown: int
    unanswered: int

    @property
    def total(self) -> int:
        return self.answered + self.unknown + self.unanswered

    @property
    def coverage(self) -> float:
        return self.answered / self.total if self.total else 0.0

    @property
    def low_confidence(self) -> bool:
        return self.coverage < LOW_CONFIDENCE_BELOW

    @property
    def done(self) -> int:
        """Questions the respondent has dealt with (a level, a number or わからない)."""
        return self.answered + self.unknown

    @property
    def complete(self) -> bool:
        return self.unanswered == 0


@dataclass(frozen=True, slots=True)
class ScoreCard:
    areas: tuple[AreaScore, ...]
    states: Mapping[str, State] = field(repr=False)

    def area(self, area_id: str) -> AreaScore:
        return next(a for a in self.areas if a.area.id == area_id)

    @property
    def overall(self) -> float | None:
        """Mean of the area scores: each national priority area counts the same."""
        scores = [a.score for a in self.areas if a.score is not None]
        return sum(scores) / len(scores) if scores else None

    @property
    def answered(self) -> int:
        return sum(a.answered for a in self.areas)

    @property
    def unknown(self) -> int:
        return sum(a.unknown for a in self.areas)

    @property
    def unanswered(self) -> int:
        return sum(a.unanswered for a in self.areas)

    @property
    def total(self) -> int:
        return sum(a.total for a in self.areas)

    @property
    def done(self) -> int:
        return self.answered + self.unknown

    @property
    def complete(self) -> bool:
        return self.unanswered == 0

    @property
    def coverage(self) -> float:
        return self.answered / self.total if self.total else 0.0


def score(questionnaire: Questionnaire, states: Mapping[str, State]) -> ScoreCard:
    """Area score = weighted mean of answered levels; coverage = answered / asked."""
    areas: list[AreaScore] = []
    for area in questionnaire.areas:
        weighted = 0.0
        weights = 0.0
        answered = unknown = unanswered = 0
        for question in questionnaire.questions_in(area.id):
            state = states.get(question.id)
            if state is None:
                unanswered += 1
            elif state == UNKNOWN:
                unknown += 1
            else:
                answered += 1
                weighted += question.weight * int(state)
                weights += question.weight
        value = weighted / weights if weights else None
        areas.append(AreaScore(area, value, answered, unknown, unanswered))
    return ScoreCard(tuple(areas), dict(states))


def score_assessment(questionnaire: Questionnaire, assessment: Assessment) -> ScoreCard:
    return score(questionnaire, assessment_states(questionnaire, assessment))


def score_city(
    questionnaire: Questionnaire, city: BenchmarkCity, *, planned: bool = False
) -> ScoreCard:
    return score(questionnaire, city_states(questionnaire, city, planned=planned))


# ---------------------------------------------------------------- targets and gaps


class TargetKind(StrEnum):
    BEST = "best"
    MEDIAN = "median"
    CITY = "city"
    PLAN = "plan"
    CUSTOM = "custom"


@dataclass(frozen=True, slots=True)
class Target:
    """What the municipality measures itself against, per area."""

    kind: TargetKind = TargetKind.BEST
    city: str | None = None
    custom: Mapping[str, float] = field(default_factory=dict)

    def label(self, city_names: Mapping[str, str] | None = None) -> str:
        match self.kind:
            case TargetKind.BEST:
                return "先行5市の最高値"
            case TargetKind.MEDIAN:
                return "先行5市の中央値"
            case TargetKind.PLAN:
                return "先行5市の計画値（中央値）"
            case TargetKind.CUSTOM:
                return "独自の目標値"
            case TargetKind.CITY:
                name = (city_names or {}).get(self.city or "", self.city or "")
                return f"{name}の水準"


@dataclass(frozen=True, slots=True)
class Benchmarks:
    """The cities' score cards, current and planned, computed once and shared by the views."""

    cities: tuple[BenchmarkCity, ...]
    current: Mapping[str, ScoreCard]
    planned: Mapping[str, ScoreCard]

    @property
    def names(self) -> dict[str, str]:
        return {c.id: c.name for c in self.cities}


def benchmark_scores(questionnaire: Questionnaire, cities: Sequence[BenchmarkCity]) -> Benchmarks:
    return Benchmarks(
        tuple(cities),
        {c.id: score_city(questionnaire, c) for c in cities},
        {c.id: score_city(questionnaire, c, planned=True) for c in cities},
    )


def _median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


def area_targets(
    questionnaire: Questionnaire, benchmarks: Benchmarks, target: Target
) -> dict[str, float | None]:
    """Target score per area; None where no city's plan says anything about the area."""
    out: dict[str, float | None] = {}
    for area in questionnaire.areas:
        current = [
            s for c in benchmarks.current.values() if (s := c.area(area.id).score) is not None
        ]
        match target.kind:
            case TargetKind.BEST:
                out[area.id] = max(current) if current else None
            case TargetKind.MEDIAN:
                out[area.id] = _median(current)
            case TargetKind.PLAN:
                planned = [
                    s
                    for c in benchmarks.planned.values()
                    if (s := c.area(area.id).score) is not None
                ]
                out[area.id] = _median(planned)
            case TargetKind.CITY:
                card = benchmarks.current.get(target.city or "")
                out[area.id] = card.area(area.id).score if card else None
            case TargetKind.CUSTOM:
                out[area.id] = target.custom.get(area.id)
    return out


@dataclass(frozen=True, slots=True)
class AreaGap:
    area: AreaScore
    target: float | None

    @property
    def gap(self) -> float | None:
        """target − current, never below zero; None when either side is unknown."""
        if self.target is None or self.area.score is None:
            return None
        return max(0.0, self.target - self.area.score)


def thin_target(benchmarks: Benchmarks, target: Target, area_id: str, value: float | None) -> bool:
    """Whether an area's benchmark target is a value resting on fewer than half the questions:
    it equals the area score of a city whose coverage there is under one half (the PDF and
    the screens mark such values with ＊)."""
    if value is None or target.kind is TargetKind.CUSTOM:
        return False
    if target.kind is TargetKind.CITY:
        card = benchmarks.current.get(target.city or "")
        cards = [card] if card is not None else []
    elif target.kind is TargetKind.PLAN:
        cards = list(benchmarks.planned.values())
    else:
        cards = list(benchmarks.current.values())
    return any((a := card.area(area_id)).low_confidence and a.score == value for card in cards)


def area_gaps(card: ScoreCard, targets: Mapping[str, float | None]) -> list[AreaGap]:
    return [AreaGap(a, targets.get(a.area.id)) for a in card.areas]


def biggest_gaps(gaps: Sequence[AreaGap], count: int = 3) -> list[AreaGap]:
    """The largest gaps, national priority breaking ties (重点取組事項 first)."""
    ranked = [g for g in gaps if g.gap is not None and g.gap > 0]
    ranked.sort(key=lambda g: (-(g.gap or 0.0), g.area.area.priority))
    return ranked[:count]


def question_target(
    questionnaire: Questionnaire, benchmarks: Benchmarks, question_id: str, target: Target
) -> int | None:
    """The level a question should reach under a target: used to pick suggested measures."""
    current = [
        s
        for c in benchmarks.cities
        if isinstance(s := benchmarks.current[c.id].states.get(question_id), int)
    ]
    match target.kind:
        case TargetKind.BEST:
            return max(current) if current else None
        case TargetKind.MEDIAN:
            m = _median([float(x) for x in current])
            return None if m is None else round(m)
        case TargetKind.PLAN:
            planned = [
                s
                for c in benchmarks.cities
                if isinstance(s := benchmarks.planned[c.id].states.get(question_id), int)
            ]
            m = _median([float(x) for x in planned])
            return None if m is None else round(m)
        case TargetKind.CITY:
            card = benchmarks.current.get(target.city or "")
            state = card.states.get(question_id) if card else None
            return state if isinstance(state, int) else None
        case TargetKind.CUSTOM:
            area = questionnaire.question(question_id).area
            value = target.custom.get(area)
            return None if value is None else round(value)


def parse_target(text: str, cities: Sequence[BenchmarkCity]) -> Target:
    """`best`, `median`, `plan`, or a city's id or name (嬉野市 / ureshino)."""
    cleaned = text.strip()
    for kind in (TargetKind.BEST, TargetKind.MEDIAN, TargetKind.PLAN):
        if cleaned.lower() == kind.value:
            return Target(kind)
    for city in cities:
        if cleaned in (city.id, city.name, city.name.removesuffix("市")):
            return Target(TargetKind.CITY, city=city.id)
    choices = ", ".join(["best", "median", "plan", *(c.id for c in cities)])
    raise ValueError(f"目標「{text}」が分かりません。次のいずれかにしてください: {choices}")
