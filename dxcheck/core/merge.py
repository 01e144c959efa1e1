"""Workshop merge: several respondents' answers to one answer file, disagreements kept. Pure.

The merged file is still a valid answer file (docs/design.md §4): `level` is the agreed level.
Each answer additionally carries the typed, optional workshop keys of `dxcheck.core.model.Answer`
(docs/data-format.md §5):

    [[answers."<id>".respondents]]   one table per respondent who answered the question:
        respondent, department, level | value (+ denominator) | unknown, note
    disagreement = true               levels two or more apart, or わからない against a level
    agreed_reason = "…"               the reason the room settled on (set by the facilitator)

The proposed consensus is the median of the respondents' levels (the lower middle one when
their number is even, so a proposal never overstates the room).
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

from dxcheck.core.answers import new_assessment
from dxcheck.core.model import (
    Answer,
    Assessment,
    MunicipalityInfo,
    Question,
    Questionnaire,
    RespondentAnswer,
)
from dxcheck.core.scoring import effective_level

DISAGREEMENT_SPREAD = 2


def respondent_level(
    entry: RespondentAnswer, question: Question, municipality: MunicipalityInfo
) -> int | None:
    """A respondent's effective level, on the question's size-fair scale (None: わからない)."""
    if entry.unknown:
        return None
    return effective_level(
        question,
        entry.level,
        entry.value,
        entry.denominator,
        municipality.staff,
        municipality.population,
    )


def respondents_disagree(entries: Sequence[RespondentAnswer], levels: Sequence[int]) -> bool:
    """Levels two or more apart, or someone who answered わからない beside a level."""
    if levels and max(levels) - min(levels) >= DISAGREEMENT_SPREAD:
        return True
    return bool(levels) and any(e.unknown for e in entries)


@dataclass
class Respondent:
    """One input file: who answered, and their answers."""

    name: str
    department: str
    assessment: Assessment


@dataclass
class MergeResult:
    assessment: Assessment
    disagreements: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _entries_of(r: Respondent, question_id: str) -> list[RespondentAnswer]:
    answer = r.assessment.answers.get(question_id)
    if answer is None:
        return []
    if answer.respondents:  # merging a merged file again: keep its respondents, not its consensus
        return list(answer.respondents)
    if answer.is_empty:
        return []
    return [
        RespondentAnswer(
            respondent=r.name,
            department=r.department,
            level=answer.level,
            value=answer.value,
            unknown=answer.unknown,
            note=answer.note,
            denominator=answer.denominator,
        )
    ]


def merge(questionnaire: Questionnaire, respondents: Sequence[Respondent]) -> MergeResult:
    first = respondents[0].assessment
    problems = [
        f"{r.name} の回答は別の団体（{r.assessment.municipality.name or r.assessment.municipality.code}）"
        f"のものです（1人目: {first.municipality.name}）"
        for r in respondents[1:]
        if r.assessment.municipality.code != first.municipality.code
    ]
    merged = new_assessment(questionnaire)
    merged.municipality = first.municipality.model_copy()
    dates = [d for r in respondents if (d := r.assessment.meta.assessed_on) is not None]
    merged.meta.assessed_on = max(dates) if dates else None
    merged.meta.respondent = "、".join(r.name for r in respondents)
    merged.meta.department = "、".join(
        dict.fromkeys(r.department for r in respondents if r.department)
    )
    disagreements: list[str] = []
    for question in questionnaire.questions:
        entries = [e for r in respondents for e in _entries_of(r, question.id)]
        if not entries:
            continue
        m = merged.municipality
        levels = [lvl for e in entries if (lvl := respondent_level(e, question, m)) is not None]
        values = [e.value for e in entries if e.value is not None and not e.unknown]
        disagree = respondents_disagree(entries, levels)
        if disagree:
            disagreements.append(question.id)
        kept = tuple(entries)
        if levels or (values and question.quantity):
            value = statistics.median_low(values) if values and question.quantity else None
            # the median respondent's figure, with the scope that respondent counted
            holder = next((e for e in entries if e.value == value and not e.unknown), None)
            denominator = holder.denominator if holder is not None else None
            derived = (
                question.quantity.level_for(value, denominator, m.staff, m.population)
                if question.quantity and value is not None
                else None
            )
            # where the scale can't be computed (no staff yet): the respondents' levels decide
            level = (
                derived
                if derived is not None
                else (statistics.median_low(levels) if levels else None)
            )
            merged.answers[question.id] = Answer(
                level=level,
                value=value,
                denominator=denominator,
                respondents=kept,
                disagreement=disagree,
            )
        else:
            merged.answers[question.id] = Answer(
                unknown=True, respondents=kept, disagreement=disagree
            )
    return MergeResult(merged, disagreements, problems)


def settle(answer: Answer, level: int | None, reason: str, *, unknown: bool = False) -> Answer:
    """The facilitator's decision: the agreed level (or わからない) and the reason, kept with
    the respondents' entries; the disagreement flag stays so the report can show it was one.
    Keys dxcheck does not know stay as they were."""
    kept = {
        **(answer.model_extra or {}),
        "note": answer.note,
        "respondents": answer.respondents,
        "disagreement": answer.disagreement,
        "agreed_reason": reason,
    }
    if unknown:
        return Answer.model_validate({**kept, "unknown": True})
    # a value (with its scope) only stays when it still stands for the agreed level: the
    # value would win over the level
    keep_value = answer.value is not None and answer.level == level
    return Answer.model_validate(
        {
            **kept,
            "level": level,
            "value": answer.value if keep_value else None,
            "denominator": answer.denominator if keep_value else None,
        }
    )


@dataclass(frozen=True)
class AreaCoverage:
    area_id: str
    answered: dict[str, int]
    total: int


def coverage_by_respondent(
    questionnaire: Questionnaire, respondents: Sequence[Respondent]
) -> list[AreaCoverage]:
    """Who answered what: per area, how many questions each respondent answered."""
    out = []
    for area in questionnaire.areas:
        questions = questionnaire.questions_in(area.id)
        answered = {r.name: sum(1 for q in questions if _entries_of(r, q.id)) for r in respondents}
        out.append(AreaCoverage(area.id, answered, len(questions)))
    return out
