"""Workshop merge: several respondents' answers to one answer file, disagreements kept. Pure.

The merged file is still a valid answer file (DESIGN.md §4): `level` is the agreed level.
Each answer additionally carries, in keys older readers ignore:

    [[answers."<id>".respondents]]   one table per respondent who answered the question:
        respondent, department, level | value | unknown, note
    disagreement = true               levels two or more apart, or わからない against a level
    agreed_reason = "…"               the reason the room settled on (set by the facilitator)

The proposed consensus is the median of the respondents' levels (the lower middle one when
their number is even, so a proposal never overstates the room).
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from dxcheck.core.answers import new_assessment
from dxcheck.core.model import Answer, Assessment, Questionnaire
from dxcheck.core.scoring import effective_level

DISAGREEMENT_SPREAD = 2


@dataclass(frozen=True)
class RespondentAnswer:
    respondent: str
    department: str = ""
    level: int | None = None
    value: float | None = None
    unknown: bool = False
    note: str = ""
    denominator: float | None = None  # share questions: the scope this respondent counted

    def table(self) -> dict[str, Any]:
        out: dict[str, Any] = {"respondent": self.respondent}
        if self.department:
            out["department"] = self.department
        if self.level is not None:
            out["level"] = self.level
        if self.value is not None:
            out["value"] = int(self.value) if float(self.value).is_integer() else self.value
        if self.denominator is not None:
            d = self.denominator
            out["denominator"] = int(d) if float(d).is_integer() else d
        if self.unknown:
            out["unknown"] = True
        if self.note:
            out["note"] = self.note
        return out


def respondents_of(answer: Answer) -> list[RespondentAnswer]:
    """The respondents' entries stored in a merged answer (empty for an ordinary answer)."""
    raw = (answer.model_extra or {}).get("respondents", [])
    out = []
    for entry in raw if isinstance(raw, list) else []:
        if not isinstance(entry, dict):
            continue
        level = entry.get("level")
        value = entry.get("value")
        denominator = entry.get("denominator")
        out.append(
            RespondentAnswer(
                respondent=str(entry.get("respondent", "")),
                department=str(entry.get("department", "")),
                level=level if isinstance(level, int) and 0 <= level <= 5 else None,
                value=float(value) if isinstance(value, int | float) else None,
                unknown=entry.get("unknown") is True,
                note=str(entry.get("note", "")),
                denominator=(
                    float(denominator)
                    if isinstance(denominator, int | float) and not isinstance(denominator, bool)
                    else None
                ),
            )
        )
    return out


def agreed_reason(answer: Answer) -> str:
    reason = (answer.model_extra or {}).get("agreed_reason", "")
    return reason if isinstance(reason, str) else ""


def is_disagreement(entries: Sequence[RespondentAnswer], levels: Sequence[int]) -> bool:
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
    nested = respondents_of(answer)
    if nested:  # merging a merged file again: keep its respondents, not its consensus
        return nested
    if answer.is_empty:
        return []
    return [
        RespondentAnswer(
            r.name,
            r.department,
            answer.level,
            answer.value,
            answer.unknown,
            answer.note,
            answer.denominator,
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
        levels = [
            lvl
            for e in entries
            if not e.unknown
            and (
                lvl := effective_level(
                    question, e.level, e.value, e.denominator, m.staff, m.population
                )
            )
            is not None
        ]
        values = [e.value for e in entries if e.value is not None and not e.unknown]
        extra: dict[str, Any] = {"respondents": [e.table() for e in entries]}
        if is_disagreement(entries, levels):
            extra["disagreement"] = True
            disagreements.append(question.id)
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
                level=level, value=value, denominator=denominator, **extra
            )
        else:
            merged.answers[question.id] = Answer(unknown=True, **extra)
    return MergeResult(merged, disagreements, problems)


def settle(answer: Answer, level: int | None, reason: str, *, unknown: bool = False) -> Answer:
    """The facilitator's decision: the agreed level (or わからない) and the reason, kept with
    the respondents' entries; the disagreement flag stays so the report can show it was one."""
    extra = dict(answer.model_extra or {})
    extra["agreed_reason"] = reason
    if unknown:
        return Answer(unknown=True, note=answer.note, **extra)
    # a value only stays when it still stands for the agreed level (the value would win)
    keep_value = answer.value is not None and answer.level == level
    return Answer(
        level=level, value=answer.value if keep_value else None, note=answer.note, **extra
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
