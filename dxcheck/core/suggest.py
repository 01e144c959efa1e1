"""Suggested measures, exactly as docs/design.md §5 says. Pure: no IO, no UI.

For every question whose level is below its target level (`scoring.question_target` under the
chosen `Target`, raised to the question's national level where it has one: national deadlines
bind every municipality), the catalog measures that raise it above the current level are suggested —
never one the municipality already does: a measure is left out when the answers reach the
level it stands for on its own question(s) (`reached`), or when the officer has marked it
実施済 or 対象外 in the answer file (`marked`, kept with the mark so the report can say so).

Ranking (`Suggestion.sort_key`), then prerequisites moved before what depends on them:

1. national deadline first (a question with a national target and a deadline),
2. gap (target − current of the questions it closes; larger first),
3. national priority of the area (`Area.priority`: 1 重点取組事項 first),
4. cost (`Cost.rank`: 追加費用なし first — 南島原市's 着眼点①「まずは着手する」),
5. the number of benchmark cities that have *done* it, then that plan it (more first).

Each suggestion says what backs it (`basis`): **proven** (a city has done it, with current
evidence), **planned** (cities only intend it) or **national** (national documents require it
and no city has done it yet). The body holds `BODY_LIMIT`; the rest are `more`.

A municipality at or above every target gets `beyond`: the next steps past the benchmarks
(a measure raising a question it answered below 5 to a higher level), so its roadmap is
never empty while anything above its level exists.

Unknown (わからない) and unanswered questions are not "below target": nothing is known about
them, so they are listed apart, as are questions for which no city gives a level.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from dxcheck.core.model import Assessment, Cost, Horizon, Measure, Question, Questionnaire, Status
from dxcheck.core.scoring import (
    UNKNOWN,
    AreaTargets,
    Benchmarks,
    State,
    Target,
    question_target,
)

LOWEST_PRIORITY = 3
HORIZON_ORDER: tuple[Horizon, ...] = (Horizon.NOW, Horizon.SHORT, Horizon.LONG)
BODY_LIMIT = 15
# fewer body proposals than this and the municipality also gets next steps beyond the benchmarks
BEYOND_WHEN_FEWER_THAN = 5
Basis = Literal["proven", "planned", "national"]
MarkStatus = Literal["done", "not_applicable"]


@dataclass(frozen=True, slots=True)
class Mark:
    """The officer's mark on a proposal, from the answer file's `[measures."<id>"]`."""

    status: MarkStatus | None = None
    note: str = ""
    start: str = ""  # 「令和9年度」 or 「2027」: overrides the scheduled fiscal year
    department: str = ""  # overrides the 担当課 taken from the plans' examples


PARTLY_DONE = 2  # 一部で実施・試行: what exists is to be extended, not introduced


@dataclass(frozen=True, slots=True)
class QuestionGap:
    """A question answered below its target level."""

    question: Question
    current: int
    target: int
    priority: int

    @property
    def gap(self) -> int:
        return self.target - self.current


@dataclass(frozen=True, slots=True)
class Closes:
    """One below-target question a measure raises, and the level the measure takes it to."""

    gap: QuestionGap
    to_level: int


def assessment_marks(assessment: Assessment) -> dict[str, Mark]:
    """The officer's marks from the answer file's `[measures."<id>"]` tables."""
    return {
        mid: Mark(m.status, m.note, m.start, m.department) for mid, m in assessment.measures.items()
    }


def national_deadline(question: Question) -> str:
    """The national deadline of a question (「令和7年度末」), or ""."""
    return question.national.by if question.national is not None else ""


def national_level(question: Question) -> int | None:
    return question.national.level if question.national is not None else None


def measure_prerequisites(measure: Measure) -> tuple[str, ...]:
    return measure.prerequisites


@dataclass(frozen=True, slots=True)
class Suggestion:
    measure: Measure
    closes: tuple[Closes, ...]
    city_ids: tuple[str, ...]
    done_city_ids: tuple[str, ...] = ()
    beyond: bool = False  # a next step past the benchmarks (the town meets every target)

    @property
    def gap(self) -> int:
        """The largest gap among the questions the measure closes."""
        return max(c.gap.gap for c in self.closes)

    @property
    def title(self) -> str:
        """The measure's name as proposed to this municipality: one that already does the
        thing in part (level 2 or more on its question) is told to extend it, not to 導入 it."""
        title = self.measure.title
        started = self.closes and min(c.gap.current for c in self.closes) >= PARTLY_DONE
        for verb in ("の導入", "の設置", "の開設", "の作成", "の策定"):
            if started and title.endswith(verb):
                return title.removesuffix(verb) + "の拡大・定着（一部で実施中）"
        return title

    @property
    def priority(self) -> int:
        """The most urgent national priority among the areas of the questions it closes."""
        return min(c.gap.priority for c in self.closes)

    @property
    def cost(self) -> Cost:
        return self.measure.cost

    @property
    def horizon(self) -> Horizon:
        """When to start: a measure with no added cost can always start now."""
        return Horizon.NOW if self.measure.cost is Cost.NONE else self.measure.horizon

    @property
    def area_ids(self) -> tuple[str, ...]:
        """Areas of the questions it closes, in first-seen order."""
        return tuple(dict.fromkeys(c.gap.question.area for c in self.closes))

    @property
    def deadline(self) -> str:
        """The earliest national deadline among the questions it closes (「令和7年度末」), or ""."""
        found = [d for c in self.closes if (d := national_deadline(c.gap.question))]
        return min(found) if found else ""

    @property
    def basis(self) -> Basis:
        """proven: a city has done it; national: required nationally; planned: only intended."""
        if self.done_city_ids:
            return "proven"
        if self.measure.origin == "national":
            return "national"
        return "planned"

    def sort_key(self) -> tuple[int, int, int, int, int, int, str]:
        return (
            0 if self.deadline else 1,
            -self.gap,
            self.priority,
            self.cost.rank,
            -len(self.done_city_ids),
            -len(self.city_ids),
            self.measure.id,
        )


@dataclass(frozen=True, slots=True)
class Skipped:
    """A catalog measure left out because the municipality already has it, and why."""

    measure: Measure
    reason: Literal["done", "not_applicable", "reached"]
    note: str = ""
    question: Question | None = None  # for "reached": the question whose answer reaches it
    level: int | None = None


@dataclass(frozen=True, slots=True)
class Suggestions:
    target: Target
    ranked: tuple[Suggestion, ...]
    below_target: tuple[QuestionGap, ...]
    uncovered: tuple[QuestionGap, ...]
    unknown: tuple[Question, ...]
    unanswered: tuple[Question, ...]
    no_target: tuple[Question, ...]
    beyond: tuple[Suggestion, ...] = ()
    skipped: tuple[Skipped, ...] = ()

    @property
    def proposals(self) -> tuple[Suggestion, ...]:
        """What the report proposes, in order: the gap-closing ones, else the next steps."""
        if len(self.ranked) >= BEYOND_WHEN_FEWER_THAN:
            return self.ranked
        return self.ranked + self.beyond

    @property
    def body(self) -> tuple[Suggestion, ...]:
        return self.proposals[:BODY_LIMIT]

    @property
    def more(self) -> tuple[Suggestion, ...]:
        return self.proposals[BODY_LIMIT:]

    def for_area(self, area_id: str) -> list[Suggestion]:
        """The proposals that close at least one question of an area."""
        return [s for s in self.proposals if area_id in s.area_ids]

    def roadmap(self) -> dict[Horizon, list[Suggestion]]:
        """すぐに着手 / 1〜2年 / 3年以降, each in ranked order; every horizon is present."""
        out: dict[Horizon, list[Suggestion]] = {h: [] for h in HORIZON_ORDER}
        for s in self.ranked:
            out[s.horizon].append(s)
        return out


def proposal_target(
    questionnaire: Questionnaire, benchmarks: Benchmarks, question: Question, target: Target
) -> int | None:
    """The level a question should reach: the chosen target's, raised to the national level
    where the question has one (its deadlines bind every municipality, whatever the target)."""
    wanted = question_target(questionnaire, benchmarks, question.id, target)
    floor = national_level(question)
    if floor is not None and (wanted is None or floor > wanted):
        return floor
    return wanted


def with_national_floor(questionnaire: Questionnaire, targets: AreaTargets) -> AreaTargets:
    """The same targets with each question's raised to its national level (as `proposal_target`
    does), so an area's gap, its questions' gaps and the proposals follow one logic."""
    questions = dict(targets.questions)
    for question in questionnaire.questions:
        floor = national_level(question)
        current = questions.get(question.id)
        if floor is not None and (current is None or floor > current):
            questions[question.id] = float(floor)
    return AreaTargets(targets.areas, questions)


def _city_ids(measure: Measure, order: Sequence[str], *, done_only: bool) -> tuple[str, ...]:
    """The distinct cities doing a measure: benchmark order first, then any others."""
    ids = list(
        dict.fromkeys(c.city for c in measure.cities if not done_only or c.status is Status.DONE)
    )
    rank = {cid: i for i, cid in enumerate(order)}
    return tuple(sorted(ids, key=lambda cid: (rank.get(cid, len(rank)), ids.index(cid))))


def own_raises(measure: Measure) -> list[tuple[str, int]]:
    """The question(s) a measure stands for: those of its own area, else its first one."""
    own = [
        (r.question, r.to_level)
        for r in measure.raises
        if r.question.startswith(measure.area + ".")
    ]
    return own or [(measure.raises[0].question, measure.raises[0].to_level)]


def _reached(
    measure: Measure, states: Mapping[str, State], q: Questionnaire
) -> tuple[Question, int] | None:
    """The question on which the answers already reach what the measure stands for."""
    for qid, to_level in own_raises(measure):
        state = states.get(qid)
        reaches = isinstance(state, int) and not isinstance(state, bool) and state >= to_level
        if reaches and isinstance(state, int) and qid in q.question_index:
            return q.question(qid), state
    return None


def _with_prerequisites_first(items: list[Suggestion]) -> list[Suggestion]:
    """Stable reorder: a suggestion's prerequisites (when also suggested) come before it."""
    by_id = {s.measure.id: s for s in items}
    out: list[Suggestion] = []
    placed: set[str] = set()

    def place(s: Suggestion, path: frozenset[str]) -> None:
        if s.measure.id in placed or s.measure.id in path:
            return  # placed already, or a cycle in the catalog: keep rank order
        for pre in measure_prerequisites(s.measure):
            if pre in by_id:
                place(by_id[pre], path | {s.measure.id})
        placed.add(s.measure.id)
        out.append(s)

    for s in items:
        place(s, frozenset())
    return out


def suggest(
    questionnaire: Questionnaire,
    states: Mapping[str, State],
    benchmarks: Benchmarks,
    target: Target,
    marks: Mapping[str, Mark] | None = None,
) -> Suggestions:
    """The measures that close the gaps of one municipality, ranked, with what is left over."""
    marks = marks or {}
    priority = {a.id: a.priority for a in questionnaire.areas}
    below: list[QuestionGap] = []
    unknown: list[Question] = []
    unanswered: list[Question] = []
    no_target: list[Question] = []
    for question in questionnaire.questions:
        state = states.get(question.id)
        if state is None:
            unanswered.append(question)
            continue
        if state == UNKNOWN or not isinstance(state, int):
            unknown.append(question)
            continue
        wanted = proposal_target(questionnaire, benchmarks, question, target)
        if wanted is None:
            no_target.append(question)
        elif state < wanted:
            below.append(
                QuestionGap(question, state, wanted, priority.get(question.area, LOWEST_PRIORITY))
            )

    gaps = {g.question.id: g for g in below}
    order = [c.id for c in benchmarks.cities]
    suggestions: list[Suggestion] = []
    beyond: list[Suggestion] = []
    skipped: list[Skipped] = []
    closed: set[str] = set()
    seen: set[str] = set()
    for measure in questionnaire.measures:
        if measure.id in seen:
            continue
        seen.add(measure.id)
        mark = marks.get(measure.id)
        if mark is not None and mark.status is not None:
            skipped.append(Skipped(measure, mark.status, mark.note))
            continue
        reached = _reached(measure, states, questionnaire)
        if reached is not None:
            skipped.append(Skipped(measure, "reached", "", reached[0], reached[1]))
            continue
        closes: dict[str, Closes] = {}
        for r in measure.raises:
            g = gaps.get(r.question)
            if g is None or r.to_level <= g.current:
                continue
            # a measure listing the same question twice counts with its higher level
            if r.question not in closes or r.to_level > closes[r.question].to_level:
                closes[r.question] = Closes(g, r.to_level)
        cities = _city_ids(measure, order, done_only=False)
        done = _city_ids(measure, order, done_only=True)
        if closes:
            suggestions.append(Suggestion(measure, tuple(closes.values()), cities, done))
            closed.update(closes)
            continue
        step = _next_step(measure, states, questionnaire, priority)
        if step:
            beyond.append(Suggestion(measure, step, cities, done, beyond=True))
    suggestions.sort(key=Suggestion.sort_key)
    beyond.sort(key=Suggestion.sort_key)
    below.sort(key=lambda g: (-g.gap, g.priority, g.question.id))
    return Suggestions(
        target=target,
        ranked=tuple(_with_prerequisites_first(suggestions)),
        below_target=tuple(below),
        uncovered=tuple(g for g in below if g.question.id not in closed),
        unknown=tuple(unknown),
        unanswered=tuple(unanswered),
        no_target=tuple(no_target),
        beyond=tuple(_with_prerequisites_first(beyond)),
        skipped=tuple(skipped),
    )


def _next_step(
    measure: Measure,
    states: Mapping[str, State],
    q: Questionnaire,
    priority: Mapping[str, int],
) -> tuple[Closes, ...]:
    """A measure raising an answered question above its level, past every target: the gap is
    measured to the measure's own level (or the national level where that is higher)."""
    out: list[Closes] = []
    for r in measure.raises:
        state = states.get(r.question)
        if not isinstance(state, int) or r.to_level <= state or r.question not in q.question_index:
            continue
        question = q.question(r.question)
        wanted = max(r.to_level, national_level(question) or 0)
        out.append(
            Closes(
                QuestionGap(question, state, wanted, priority.get(question.area, LOWEST_PRIORITY)),
                r.to_level,
            )
        )
    return tuple(out)
