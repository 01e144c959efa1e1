"""What changed between two self-checks of the same municipality. Pure: no IO, no UI.

`changes(questionnaire, before, after)` compares an earlier answer file (the baseline) with the
current one, on the current questionnaire's questions:

- overall and per-area scores, before → after (both scored by `dxcheck.core.scoring`);
- questions whose level moved up or down (both answered, different levels);
- questions that became answered (from わからない or unanswered) and those that stopped being
  answered (back to わからない or unanswered);
- quantitative values (KPIs) that changed, appeared or disappeared.

A question may appear in more than one list (a value that changed and moved the level with it).
Whether the two files belong to the same municipality is `municipality_mismatch`'s question;
`changes` compares whatever it is given.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from typing import Literal

from dxcheck.core.model import Area, Assessment, Question, Questionnaire
from dxcheck.core.scoring import ScoreCard, State, assessment_states, score

Direction = Literal["up", "down", "same", "new", "gone", "none"]


@dataclass(frozen=True, slots=True)
class ScoreChange:
    """A score before and after; `area` is None for the overall score."""

    area: Area | None
    before: float | None
    after: float | None

    @property
    def difference(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before

    @property
    def direction(self) -> Direction:
        """up / down / same; new (no score before), gone (no score now), none (neither)."""
        if self.before is None and self.after is None:
            return "none"
        if self.before is None:
            return "new"
        if self.after is None:
            return "gone"
        diff = self.after - self.before
        return "up" if diff > 0 else "down" if diff < 0 else "same"


@dataclass(frozen=True, slots=True)
class LevelChange:
    """A question answered both times, at different levels."""

    question: Question
    before: int
    after: int


@dataclass(frozen=True, slots=True)
class AnswerChange:
    """A question answered one time and not the other (わからない or unanswered)."""

    question: Question
    before: State
    after: State


@dataclass(frozen=True, slots=True)
class ValueChange:
    """A quantitative question whose figure changed; None where the file gives no figure."""

    question: Question
    before: float | None
    after: float | None

    @property
    def unit(self) -> str:
        return self.question.quantity.unit if self.question.quantity is not None else ""

    @property
    def difference(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass(frozen=True, slots=True)
class Delta:
    before_on: dt.date | None
    after_on: dt.date | None
    overall: ScoreChange
    areas: tuple[ScoreChange, ...]
    raised: tuple[LevelChange, ...]
    lowered: tuple[LevelChange, ...]
    newly_answered: tuple[AnswerChange, ...]
    no_longer_answered: tuple[AnswerChange, ...]
    values: tuple[ValueChange, ...]

    @property
    def unchanged(self) -> bool:
        """Nothing the report would list moved (scores follow from the answers)."""
        return not (
            self.raised
            or self.lowered
            or self.newly_answered
            or self.no_longer_answered
            or self.values
        )

    @property
    def areas_up(self) -> tuple[ScoreChange, ...]:
        return tuple(a for a in self.areas if a.direction == "up")

    @property
    def areas_down(self) -> tuple[ScoreChange, ...]:
        return tuple(a for a in self.areas if a.direction == "down")


def _value(assessment: Assessment, question: Question) -> float | None:
    """The figure a file gives for a quantitative question (none when わからない)."""
    answer = assessment.answers.get(question.id)
    if answer is None or answer.unknown or question.quantity is None:
        return None
    return answer.value


def compare_cards(
    questionnaire: Questionnaire,
    before: Assessment,
    after: Assessment,
    before_card: ScoreCard,
    after_card: ScoreCard,
) -> Delta:
    """The changes between two scored answer files (cards from `scoring.score`)."""
    raised: list[LevelChange] = []
    lowered: list[LevelChange] = []
    newly: list[AnswerChange] = []
    back: list[AnswerChange] = []
    values: list[ValueChange] = []
    for question in questionnaire.questions:
        old = before_card.states.get(question.id)
        new = after_card.states.get(question.id)
        if isinstance(old, int) and isinstance(new, int):
            if new > old:
                raised.append(LevelChange(question, old, new))
            elif new < old:
                lowered.append(LevelChange(question, old, new))
        elif isinstance(new, int):
            newly.append(AnswerChange(question, old, new))
        elif isinstance(old, int):
            back.append(AnswerChange(question, old, new))
        if question.quantity is not None:
            v_old, v_new = _value(before, question), _value(after, question)
            if v_old != v_new:
                values.append(ValueChange(question, v_old, v_new))
    return Delta(
        before_on=before.meta.assessed_on,
        after_on=after.meta.assessed_on,
        overall=ScoreChange(None, before_card.overall, after_card.overall),
        areas=tuple(
            ScoreChange(a.area, a.score, after_card.area(a.area.id).score)
            for a in before_card.areas
        ),
        raised=tuple(raised),
        lowered=tuple(lowered),
        newly_answered=tuple(newly),
        no_longer_answered=tuple(back),
        values=tuple(values),
    )


def changes(questionnaire: Questionnaire, before: Assessment, after: Assessment) -> Delta:
    """What changed from `before` (the earlier self-check) to `after` (the current one)."""
    return compare_cards(
        questionnaire,
        before,
        after,
        score(questionnaire, assessment_states(questionnaire, before)),
        score(questionnaire, assessment_states(questionnaire, after)),
    )


def _code(assessment: Assessment) -> str:
    return unicodedata.normalize("NFKC", assessment.municipality.code).strip()


def municipality_mismatch(before: Assessment, after: Assessment) -> str | None:
    """Why two files cannot be compared as before and after, in Japanese; None when they can."""
    if _code(before) == _code(after):
        return None

    def who(a: Assessment) -> str:
        m = a.municipality
        name = f"{m.prefecture}{m.name}" or "団体名なし"
        return f"{name}（団体コード {m.code or 'なし'}）"

    return (
        f"前回の回答ファイルは別の団体のものです（前回: {who(before)}、今回: {who(after)}）。"
        "同じ団体の以前の回答ファイルを --baseline に指定してください"
    )
