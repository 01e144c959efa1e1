"""Suggested measures and the roadmap, exactly as docs/design.md §5 says. Pure: no IO, no UI.

For every question whose level is below its target level (`scoring.question_target` under the
chosen `Target`), the catalog measures that raise it above the current level are suggested.
They are ranked by

1. gap (target − current of the questions it closes; larger first),
2. national priority of the area (`Area.priority`: 1 重点取組事項 first),
3. cost (`Cost.rank`: 追加費用なし first — 南島原市's 着眼点①「まずは着手する」),
4. the number of benchmark cities that do it (more first),

and each measure appears once, however many questions it closes. The roadmap groups them by
`Measure.horizon`; a measure that costs nothing always goes to すぐに着手.

Unknown (わからない) and unanswered questions are not "below target": nothing is known about
them, so they are listed apart, as are questions for which no city gives a level.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from dxcheck.core.model import Cost, Horizon, Measure, Question, Questionnaire
from dxcheck.core.scoring import UNKNOWN, Benchmarks, State, Target, question_target

LOWEST_PRIORITY = 3
HORIZON_ORDER: tuple[Horizon, ...] = (Horizon.NOW, Horizon.SHORT, Horizon.LONG)


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


@dataclass(frozen=True, slots=True)
class Suggestion:
    measure: Measure
    closes: tuple[Closes, ...]
    city_ids: tuple[str, ...]

    @property
    def gap(self) -> int:
        """The largest gap among the questions the measure closes."""
        return max(c.gap.gap for c in self.closes)

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

    def sort_key(self) -> tuple[int, int, int, int, str]:
        return (-self.gap, self.priority, self.cost.rank, -len(self.city_ids), self.measure.id)


@dataclass(frozen=True, slots=True)
class Suggestions:
    target: Target
    ranked: tuple[Suggestion, ...]
    below_target: tuple[QuestionGap, ...]
    uncovered: tuple[QuestionGap, ...]
    unknown: tuple[Question, ...]
    unanswered: tuple[Question, ...]
    no_target: tuple[Question, ...]

    def for_area(self, area_id: str) -> list[Suggestion]:
        """The ranked suggestions that close at least one question of an area."""
        return [s for s in self.ranked if area_id in s.area_ids]

    def roadmap(self) -> dict[Horizon, list[Suggestion]]:
        """すぐに着手 / 1〜2年 / 3年以降, each in ranked order; every horizon is present."""
        out: dict[Horizon, list[Suggestion]] = {h: [] for h in HORIZON_ORDER}
        for s in self.ranked:
            out[s.horizon].append(s)
        return out


def _city_ids(measure: Measure, order: Sequence[str]) -> tuple[str, ...]:
    """The distinct cities doing a measure: benchmark order first, then any others."""
    ids = list(dict.fromkeys(c.city for c in measure.cities))
    rank = {cid: i for i, cid in enumerate(order)}
    return tuple(sorted(ids, key=lambda cid: (rank.get(cid, len(rank)), ids.index(cid))))


def suggest(
    questionnaire: Questionnaire,
    states: Mapping[str, State],
    benchmarks: Benchmarks,
    target: Target,
) -> Suggestions:
    """The measures that close the gaps of one municipality, ranked, with what is left over."""
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
        wanted = question_target(questionnaire, benchmarks, question.id, target)
        if wanted is None:
            no_target.append(question)
        elif state < wanted:
            below.append(
                QuestionGap(question, state, wanted, priority.get(question.area, LOWEST_PRIORITY))
            )

    gaps = {g.question.id: g for g in below}
    order = [c.id for c in benchmarks.cities]
    suggestions: list[Suggestion] = []
    closed: set[str] = set()
    seen: set[str] = set()
    for measure in questionnaire.measures:
        if measure.id in seen:
            continue
        seen.add(measure.id)
        closes: dict[str, Closes] = {}
        for r in measure.raises:
            g = gaps.get(r.question)
            if g is None or r.to_level <= g.current:
                continue
            # a measure listing the same question twice counts with its higher level
            if r.question not in closes or r.to_level > closes[r.question].to_level:
                closes[r.question] = Closes(g, r.to_level)
        if closes:
            suggestions.append(
                Suggestion(measure, tuple(closes.values()), _city_ids(measure, order))
            )
            closed.update(closes)
    suggestions.sort(key=Suggestion.sort_key)
    below.sort(key=lambda g: (-g.gap, g.priority, g.question.id))
    return Suggestions(
        target=target,
        ranked=tuple(suggestions),
        below_target=tuple(below),
        uncovered=tuple(g for g in below if g.question.id not in closed),
        unknown=tuple(unknown),
        unanswered=tuple(unanswered),
        no_target=tuple(no_target),
    )
