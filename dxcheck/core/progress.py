"""Where a respondent stands in the questionnaire: order, position, progress, what is left.

Pure functions over the models, used by the wizard (and any other view) so that no screen
counts answers or edits an answer file on its own. Counting follows `dxcheck.core.scoring`'s
states, so "answered", "unknown" and "unanswered" mean exactly what the score means.
"""

from __future__ import annotations

from dataclasses import dataclass

from dxcheck.core.model import Answer, Area, Assessment, MunicipalityInfo, Question, Questionnaire
from dxcheck.core.scoring import (
    UNKNOWN,
    AreaScore,
    ScoreCard,
    answer_level,
    assessment_states,
    score_assessment,
)

# ---------------------------------------------------------------- order and position


def ordered_questions(questionnaire: Questionnaire) -> list[Question]:
    """Every question, area by area in the questionnaire's area order."""
    return [q for area in questionnaire.areas for q in questionnaire.questions_in(area.id)]


@dataclass(frozen=True, slots=True)
class Location:
    """Where one question sits: its area, and its place in the area and in the whole."""

    question: Question
    area: Area
    area_number: int  # 1-based
    area_count: int
    number_in_area: int  # 1-based
    count_in_area: int
    number: int  # 1-based, in the whole questionnaire
    count: int

    @property
    def label(self) -> str:
        """「3-2」: the area's number and the question's place in it — the number every view
        (wizard, 回答一覧, PDF, Word, plan) shows for the question."""
        return f"{self.area_number}-{self.number_in_area}"


def locations(questionnaire: Questionnaire) -> dict[str, Location]:
    """Every question's place, in questionnaire order: the one numbering of questions."""
    areas = list(questionnaire.areas)
    count = sum(len(questionnaire.questions_in(a.id)) for a in areas)
    out: dict[str, Location] = {}
    for area_number, area in enumerate(areas, start=1):
        in_area = questionnaire.questions_in(area.id)
        for number_in_area, question in enumerate(in_area, start=1):
            out[question.id] = Location(
                question=question,
                area=area,
                area_number=area_number,
                area_count=len(areas),
                number_in_area=number_in_area,
                count_in_area=len(in_area),
                number=len(out) + 1,
                count=count,
            )
    return out


def locate(questionnaire: Questionnaire, question_id: str) -> Location:
    """One question's place (KeyError for an id the questionnaire does not have)."""
    return locations(questionnaire)[question_id]


def question_numbers(questionnaire: Questionnaire) -> dict[str, str]:
    """Question id → 「3-2」 (`Location.label`) for every question."""
    return {qid: where.label for qid, where in locations(questionnaire).items()}


def area_numbers(questionnaire: Questionnaire) -> dict[str, int]:
    """Area id → its 1-based number, the first half of every question number."""
    return {area.id: i for i, area in enumerate(questionnaire.areas, start=1)}


def neighbour(questionnaire: Questionnaire, question_id: str, step: int) -> Question | None:
    """The question `step` places after (or, negative, before) this one; None past either end."""
    order = ordered_questions(questionnaire)
    index = next(i for i, q in enumerate(order) if q.id == question_id) + step
    return order[index] if 0 <= index < len(order) else None


def first_question(questionnaire: Questionnaire, area_id: str | None = None) -> Question:
    """The first question of an area (or of the whole questionnaire)."""
    if area_id is None:
        return ordered_questions(questionnaire)[0]
    return questionnaire.questions_in(area_id)[0]


def first_unanswered(
    questionnaire: Questionnaire, assessment: Assessment, after: str | None = None
) -> Question | None:
    """The first question with no answer at all (わからない counts as answered here),
    looking after `after` first and then wrapping round to the start."""
    order = ordered_questions(questionnaire)
    start = 0
    if after is not None:
        start = next((i + 1 for i, q in enumerate(order) if q.id == after), 0)
    for q in order[start:] + order[:start]:
        answer = assessment.answers.get(q.id)
        if answer is None or answer.is_empty:
            return q
    return None


def area_entry_question(
    questionnaire: Questionnaire, assessment: Assessment, area_id: str
) -> Question:
    """Where to enter an area: its first question still open, else its first question."""
    questions = questionnaire.questions_in(area_id)
    for q in questions:
        answer = assessment.answers.get(q.id)
        if answer is None or answer.is_empty:
            return q
    return questions[0]


# ---------------------------------------------------------------- progress


# Progress is the score card: the same counts of answered / わからない / unanswered per area,
# kept in one place (dxcheck.core.scoring) so a progress bar and a score can never disagree.
AreaProgress = AreaScore
Progress = ScoreCard


def progress(questionnaire: Questionnaire, assessment: Assessment) -> Progress:
    return score_assessment(questionnaire, assessment)


@dataclass(frozen=True, slots=True)
class Review:
    """What is left: questions not answered yet, and questions answered わからない — apart."""

    unanswered: tuple[Question, ...]
    unknown: tuple[Question, ...]


def review(questionnaire: Questionnaire, assessment: Assessment) -> Review:
    states = assessment_states(questionnaire, assessment)
    order = ordered_questions(questionnaire)
    return Review(
        tuple(q for q in order if states.get(q.id) is None),
        tuple(q for q in order if states.get(q.id) == UNKNOWN),
    )


# ---------------------------------------------------------------- editing an answer


def _replace(assessment: Assessment, question_id: str, **changes: object) -> Answer:
    """A new answer with `changes`, keeping the note and any keys a newer dxcheck wrote."""
    old = assessment.answers.get(question_id) or Answer()
    data = old.model_dump()
    data.update(changes)
    answer = Answer.model_validate(data)
    assessment.answers[question_id] = answer
    return answer


def set_level(assessment: Assessment, question: Question, level: int | None) -> Answer:
    """Pick a level (None clears it). A number given earlier is dropped: the level the
    officer picks by hand is their answer, and a kept number would override it."""
    return _replace(assessment, question.id, level=level, value=None, unknown=False)


def set_unknown(assessment: Assessment, question: Question) -> Answer:
    return _replace(assessment, question.id, level=None, value=None, unknown=True)


def set_value(
    assessment: Assessment,
    question: Question,
    value: float | None,
    denominator: float | None = None,
) -> Answer:
    """Give the number of a quantitative question (and, for a share, the municipality's own
    total); the level is derived from them and kept beside them (docs/design.md §5). Clearing the
    number keeps the level the number had given. Callers pass numbers already checked
    (`dxcheck.core.numbers.read_answer`)."""
    if question.quantity is None:
        raise ValueError(f"{question.id} は数値で答える質問ではありません")
    old = assessment.answers.get(question.id) or Answer()
    extra: dict[str, object] = {} if denominator is None else {"denominator": denominator}
    if value is None:
        return _replace(assessment, question.id, value=None, level=old.level, **extra)
    m = assessment.municipality
    # where the scale can't be computed yet (no denominator, staff or population) the level
    # chosen before stands; validate says so
    level = question.quantity.level_for(
        value, denominator if denominator is not None else old.denominator, m.staff, m.population
    )
    return _replace(
        assessment,
        question.id,
        value=value,
        level=old.level if level is None else level,
        unknown=False,
        **extra,
    )


def set_note(assessment: Assessment, question: Question, note: str) -> Answer:
    return _replace(assessment, question.id, note=note)


def chosen_level(
    question: Question, answer: Answer | None, municipality: MunicipalityInfo | None = None
) -> int | None:
    """The level an answer stands for (a number wins over a stated level), None otherwise."""
    if answer is None or answer.unknown:
        return None
    return answer_level(question, answer, municipality or MunicipalityInfo())
