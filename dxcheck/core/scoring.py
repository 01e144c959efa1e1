"""Scoring, exactly as docs/design.md §5. Pure functions over the models; no IO, no UI.

A question's state is a level (0–5), UNKNOWN (わからない / the plan is silent) or None (not
answered yet). Unknown and unanswered are both left out of the score and both lower coverage,
but they stay distinct so that views can list them apart.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final, Literal

from dxcheck.core.model import (
    Answer,
    Area,
    Assessment,
    BenchmarkCity,
    BenchmarkEntry,
    MunicipalityInfo,
    Question,
    Questionnaire,
)

UNKNOWN: Final = "unknown"
State = int | Literal["unknown"] | None
LOW_CONFIDENCE_BELOW = 0.5


def effective_level(
    question: Question,
    level: int | None,
    value: float | None,
    denominator: float | None = None,
    staff: int | None = None,
    population: int | None = None,
) -> int | None:
    """The level an answer stands for: a quantitative value, on its size-fair scale, wins over
    a stated level; where the scale can't be computed (no denominator, staff or population)
    the stated level stands (and `validate` says so)."""
    if value is not None and question.quantity is not None:
        derived = question.quantity.level_for(value, denominator, staff, population)
        if derived is not None:
            return derived
    return level


def answer_level(question: Question, answer: Answer, municipality: MunicipalityInfo) -> int | None:
    """An answer's effective level with the municipality's own staff and population."""
    return effective_level(
        question,
        answer.level,
        answer.value,
        answer.denominator,
        municipality.staff,
        municipality.population,
    )


def assessment_states(questionnaire: Questionnaire, assessment: Assessment) -> dict[str, State]:
    states: dict[str, State] = {}
    for question in questionnaire.questions:
        answer = assessment.answers.get(question.id)
        if answer is None or answer.is_empty:
            states[question.id] = None
        elif answer.unknown:
            states[question.id] = UNKNOWN
        else:
            states[question.id] = answer_level(question, answer, assessment.municipality)
    return states


def city_level(question: Question, city: BenchmarkCity, entry: BenchmarkEntry) -> State:
    """A city's current level: its figure on the same size-fair scale as everyone's (its own
    value, denominator, staff and population), else the level its plan's text supports."""
    if entry.current == "unknown":
        return UNKNOWN
    return effective_level(
        question, entry.current, entry.value, entry.denominator, city.staff, city.population
    )


def city_planned_level(
    question: Question, city: BenchmarkCity, entry: BenchmarkEntry
) -> int | None:
    """The level the city's plan sets, from its planned figure where the scale allows."""
    if entry.planned is None:
        return None
    return effective_level(
        question,
        entry.planned,
        entry.planned_value,
        entry.denominator,
        city.staff,
        city.population,
    )


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
        current = city_level(question, city, entry)
        wanted = city_planned_level(question, city, entry) if planned else None
        if wanted is not None:
            states[question.id] = max(wanted, current) if isinstance(current, int) else wanted
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
    # kept so that gaps can be computed question by question (one logic for area gaps)
    questionnaire: Questionnaire | None = field(default=None, repr=False, compare=False)

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
    return ScoreCard(tuple(areas), dict(states), questionnaire)


def score_assessment(questionnaire: Questionnaire, assessment: Assessment) -> ScoreCard:
    return score(questionnaire, assessment_states(questionnaire, assessment))


def score_city(
    questionnaire: Questionnaire, city: BenchmarkCity, *, planned: bool = False
) -> ScoreCard:
    return score(questionnaire, city_states(questionnaire, city, planned=planned))


# ---------------------------------------------------------------- honest benchmarks

# A city's overall score is shown only when at least this share of the areas have a coverage of
# at least one half: an overall from two known questions (南島原市 under 4.0.0) is not comparable.
OVERALL_MIN_CONFIDENT_AREAS = 0.5


def counts_toward_benchmark(area: AreaScore) -> bool:
    """A city's area score counts toward best / median only at ≥ 1/2 coverage (docs/design.md §5)."""
    return area.score is not None and not area.low_confidence


def comparable_overall(card: ScoreCard) -> float | None:
    """An overall score fit for comparison: the mean over the areas of at least half coverage,
    and only when at least half of all areas are like that; None otherwise."""
    confident = [a.score for a in card.areas if counts_toward_benchmark(a) and a.score is not None]
    if not card.areas or len(confident) < OVERALL_MIN_CONFIDENT_AREAS * len(card.areas):
        return None
    return sum(confident) / len(confident)


# ---------------------------------------------------------------- targets and gaps


class TargetKind(StrEnum):
    BEST = "best"
    MEDIAN = "median"
    CITY = "city"
    PLAN = "plan"
    NATIONAL = "national"
    OWN = "own"  # the answer file's own [targets]
    CUSTOM = "custom"  # typed in the wizard for this session


@dataclass(frozen=True, slots=True)
class Target:
    """What the municipality measures itself against, per question and per area."""

    kind: TargetKind = TargetKind.BEST
    city: str | None = None
    custom: Mapping[str, float] = field(default_factory=dict)

    @classmethod
    def own(cls, assessment: Assessment) -> Target:
        """The targets the answer file sets for itself ([targets], area id → 0–5)."""
        return cls(TargetKind.OWN, custom=dict(assessment.targets))

    def for_assessment(self, assessment: Assessment) -> Target:
        """This target with an `own` target's values read from the given answer file."""
        return Target.own(assessment) if self.kind is TargetKind.OWN else self

    def label(self, city_names: Mapping[str, str] | None = None) -> str:
        match self.kind:
            case TargetKind.BEST:
                return "先行5市の最高値"
            case TargetKind.MEDIAN:
                return "先行5市の中央値"
            case TargetKind.PLAN:
                return "先行5市の計画値（中央値）"
            case TargetKind.NATIONAL:
                return "国の計画の目標水準"
            case TargetKind.OWN:
                return "本団体の目標"
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

    def overall(self, city_id: str, *, planned: bool = False) -> float | None:
        """The city's overall score for comparisons (None when its known levels are too few)."""
        card = (self.planned if planned else self.current).get(city_id)
        return None if card is None else comparable_overall(card)


def benchmark_scores(questionnaire: Questionnaire, cities: Sequence[BenchmarkCity]) -> Benchmarks:
    return Benchmarks(
        tuple(cities),
        {c.id: score_city(questionnaire, c) for c in cities},
        {c.id: score_city(questionnaire, c, planned=True) for c in cities},
    )


def _median(values: Sequence[float]) -> float | None:
    return float(statistics.median(values)) if values else None


def _weighted_mean(pairs: Sequence[tuple[float, float]]) -> float | None:
    weights = sum(w for w, _ in pairs)
    return sum(w * v for w, v in pairs) / weights if weights else None


class AreaTargets(dict[str, float | None]):
    """A target resolved for every question and every area.

    As a dict it gives each area's reference target — what the benchmark itself stands at, the
    same for every municipality: for best / median / plan / a city, the cities' area scores that
    count (coverage ≥ 1/2); for national, the weighted mean of the area's questions' national
    levels; for own / custom, the value set. `questions` gives each question's target level (a
    float: a median may fall between two levels), from which every gap is computed.
    """

    def __init__(
        self, areas: Mapping[str, float | None], questions: Mapping[str, float | None]
    ) -> None:
        super().__init__(areas)
        self.questions: Mapping[str, float | None] = dict(questions)

    @property
    def areas(self) -> Mapping[str, float | None]:
        return self


def _city_area_scores(cards: Iterable[ScoreCard], area_id: str) -> list[float]:
    return [
        a.score
        for card in cards
        if counts_toward_benchmark(a := card.area(area_id)) and a.score is not None
    ]


def _known(cards: Iterable[ScoreCard], question_id: str) -> list[float]:
    return [float(s) for card in cards if isinstance(s := card.states.get(question_id), int)]


def _question_target(question: Question, benchmarks: Benchmarks, target: Target) -> float | None:
    match target.kind:
        case TargetKind.BEST:
            known = _known(benchmarks.current.values(), question.id)
            return max(known) if known else None
        case TargetKind.MEDIAN:
            return _median(_known(benchmarks.current.values(), question.id))
        case TargetKind.PLAN:
            return _median(_known(benchmarks.planned.values(), question.id))
        case TargetKind.CITY:
            card = benchmarks.current.get(target.city or "")
            state = card.states.get(question.id) if card else None
            return float(state) if isinstance(state, int) else None
        case TargetKind.NATIONAL:
            return None if question.national is None else float(question.national.level)
        case TargetKind.OWN | TargetKind.CUSTOM:
            return target.custom.get(question.area)


def _area_reference(
    questionnaire: Questionnaire,
    area_id: str,
    benchmarks: Benchmarks,
    target: Target,
    questions: Mapping[str, float | None],
) -> float | None:
    match target.kind:
        case TargetKind.BEST:
            scores = _city_area_scores(benchmarks.current.values(), area_id)
            return max(scores) if scores else None
        case TargetKind.MEDIAN:
            return _median(_city_area_scores(benchmarks.current.values(), area_id))
        case TargetKind.PLAN:
            return _median(_city_area_scores(benchmarks.planned.values(), area_id))
        case TargetKind.CITY:
            card = benchmarks.current.get(target.city or "")
            return card.area(area_id).score if card else None
        case TargetKind.NATIONAL:
            return _weighted_mean(
                [
                    (q.weight, t)
                    for q in questionnaire.questions_in(area_id)
                    if (t := questions.get(q.id)) is not None
                ]
            )
        case TargetKind.OWN | TargetKind.CUSTOM:
            return target.custom.get(area_id)


def area_targets(
    questionnaire: Questionnaire, benchmarks: Benchmarks, target: Target
) -> AreaTargets:
    """Every question's and every area's target; None where nothing is known to set one."""
    questions = {q.id: _question_target(q, benchmarks, target) for q in questionnaire.questions}
    areas = {
        a.id: _area_reference(questionnaire, a.id, benchmarks, target, questions)
        for a in questionnaire.areas
    }
    return AreaTargets(areas, questions)


@dataclass(frozen=True, slots=True)
class QuestionStanding:
    """One question: the municipality's level (None when unknown / unanswered) and target."""

    question: Question
    current: int | None
    target: float | None

    @property
    def gap(self) -> float | None:
        """target − current, never below zero; None when either side is unknown."""
        if self.target is None or self.current is None:
            return None
        return max(0.0, self.target - self.current)


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


@dataclass(frozen=True, slots=True)
class AreaGap:
    """An area's standing against a target, by ONE logic with its questions' gaps.

    `gap` = the weighted mean, over the area's answered questions, of each question's gap
    (0 for a question with no target); `target` = score + gap, i.e. the area score if every
    answered question below its target reached it. So an area shows a gap exactly when one of
    its questions is below target, and target − current = gap. With nothing answered the
    target is the area's reference; with no answered question having a target, both are None.
    `reference` is the benchmark's own area figure (the same for every municipality).
    """

    area: AreaScore
    target: float | None
    gap: float | None = None
    reference: float | None = None
    questions: tuple[QuestionStanding, ...] = ()

    @property
    def below(self) -> tuple[QuestionStanding, ...]:
        """The area's questions below their target, largest gap first."""
        out = [q for q in self.questions if (q.gap or 0.0) > 0]
        return tuple(sorted(out, key=lambda q: (-(q.gap or 0.0), q.question.id)))


def area_gap(
    questionnaire: Questionnaire, area: AreaScore, states: Mapping[str, State], targets: AreaTargets
) -> AreaGap:
    standings = tuple(
        QuestionStanding(
            q, s if isinstance(s := states.get(q.id), int) else None, targets.questions.get(q.id)
        )
        for q in questionnaire.questions_in(area.area.id)
    )
    reference = targets.areas.get(area.area.id)
    answered = [s for s in standings if s.current is not None]
    if area.score is None or not answered:
        return AreaGap(area, reference, None, reference, standings)
    if all(s.target is None for s in answered):
        return AreaGap(area, None, None, reference, standings)
    gap = _weighted_mean([(s.question.weight, s.gap or 0.0) for s in answered]) or 0.0
    return AreaGap(area, area.score + gap, gap, reference, standings)


def area_gaps(
    card: ScoreCard, targets: AreaTargets, questionnaire: Questionnaire | None = None
) -> list[AreaGap]:
    """Every area's gap, computed from its questions' gaps (see AreaGap)."""
    q = questionnaire or _questionnaire_of(card)
    return [area_gap(q, a, card.states, targets) for a in card.areas]


def _questionnaire_of(card: ScoreCard) -> Questionnaire:
    if card.questionnaire is None:
        raise ValueError("score card without its questionnaire")
    return card.questionnaire


def biggest_gaps(gaps: Sequence[AreaGap], count: int = 3) -> list[AreaGap]:
    """The largest gaps, national priority breaking ties (重点取組事項 first)."""
    ranked = [g for g in gaps if g.gap is not None and g.gap > 0]
    ranked.sort(key=lambda g: (-(g.gap or 0.0), g.area.area.priority))
    return ranked[:count]


def displayed(
    current: float | None, target: float | None, digits: int = 1
) -> tuple[float | None, float | None, float | None]:
    """Current, target and difference as shown: each side rounded once, and the difference
    computed from the rounded sides, so that 差 always equals 目標 − 現状 on the page."""
    shown_current = None if current is None else round(current, digits)
    shown_target = None if target is None else round(target, digits)
    if shown_current is None or shown_target is None:
        return shown_current, shown_target, None
    return shown_current, shown_target, round(max(0.0, shown_target - shown_current), digits)


def question_target(
    questionnaire: Questionnaire, benchmarks: Benchmarks, question_id: str, target: Target
) -> int | None:
    """The whole level a question should reach under a target: the smallest level at or above
    its target (a median of 1.5 asks for 2). Used to pick suggested measures."""
    wanted = _question_target(questionnaire.question(question_id), benchmarks, target)
    return None if wanted is None else math.ceil(wanted - 1e-9)
