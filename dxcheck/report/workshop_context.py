"""A merged workshop answer file in the report: who answered what, and how it was settled.

Reads the answer's typed workshop keys (`respondents`, `disagreement`, `agreed_reason`:
`dxcheck.core.model.Answer`) and a respondent's level from `dxcheck.core.merge`; reports the
file as it is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from dxcheck.core.merge import respondent_level
from dxcheck.core.model import (
    Answer,
    Assessment,
    MunicipalityInfo,
    Question,
    Questionnaire,
    RespondentAnswer,
)
from dxcheck.core.scoring import ScoreCard
from dxcheck.report.viewmodel import DisagreementView, RespondentView, WorkshopView
from dxcheck.report.wording import level_label, value_text

UNDECIDED = "未決定"


def respondent_text(
    question: Question, entry: RespondentAnswer, municipality: MunicipalityInfo
) -> str:
    """「2 一部で実施・試行」, with the figure for a quantitative answer; わからない; 未回答."""
    if entry.unknown:
        return "わからない"
    level = respondent_level(entry, question, municipality)
    if level is None:
        return "未回答"
    text = level_label(level)
    if entry.value is not None and question.quantity is not None:
        text += f"（{question.quantity.label} {value_text(entry.value, question.quantity.unit)}）"
    return text


@dataclass(frozen=True, slots=True)
class QuestionWorkshop:
    """The workshop fields of one question's view (empty for an ordinary answer)."""

    own_label: str = "回答"
    respondents: list[RespondentView] = field(default_factory=list)
    disagreement: bool = False
    agreed_reason: str = ""


def question_workshop(
    question: Question, answer: Answer | None, municipality: MunicipalityInfo | None = None
) -> QuestionWorkshop:
    municipality = municipality or MunicipalityInfo()
    if answer is None or not answer.respondents:
        return QuestionWorkshop()
    entries = answer.respondents
    disagreement = answer.disagreement
    reason = answer.agreed_reason
    label = "合意" if reason else ("合意案" if disagreement else "回答")
    return QuestionWorkshop(
        own_label=label,
        respondents=[
            RespondentView(
                e.respondent, e.department, respondent_text(question, e, municipality), e.note
            )
            for e in entries
        ],
        disagreement=disagreement,
        agreed_reason=reason,
    )


def _compact(
    question: Question, entries: Sequence[RespondentAnswer], municipality: MunicipalityInfo
) -> list[str]:
    """「佐藤（総務課）1」「高橋 わからない」: one short line per respondent."""
    parts = []
    for e in entries:
        who = e.respondent + (f"（{e.department}）" if e.department else "")
        level = respondent_level(e, question, municipality)
        shown = "わからない" if e.unknown else ("未回答" if level is None else str(level))
        parts.append(f"{who} {shown}")
    return parts


def workshop_view(
    assessment: Assessment,
    questionnaire: Questionnaire,
    card: ScoreCard,
    numbers: Mapping[str, str],
    area_anchor: Mapping[str, str],
    chapter: int,
) -> WorkshopView | None:
    """None for an ordinary answer file (no answer carries respondents)."""
    names: dict[str, None] = {}
    merged = 0
    rows: list[DisagreementView] = []
    for question in questionnaire.questions:
        answer = assessment.answers.get(question.id)
        if answer is None or not answer.respondents:
            continue
        entries = answer.respondents
        merged += 1
        names.update(dict.fromkeys(e.respondent for e in entries))
        if not answer.disagreement:
            continue
        reason = answer.agreed_reason
        state = card.states.get(question.id)
        agreed = (
            level_label(state)
            if isinstance(state, int)
            else ("わからない" if state is not None else "未回答")
        )
        rows.append(
            DisagreementView(
                number=numbers.get(question.id, question.id),
                anchor=area_anchor.get(question.area, ""),
                text=question.text,
                respondents=_compact(question, entries, assessment.municipality),
                agreed=agreed,
                settled=bool(reason),
                reason=reason or UNDECIDED,
            )
        )
    if not merged:
        return None
    settled = sum(1 for r in rows if r.settled)
    return WorkshopView(
        chapter=chapter,
        respondents=list(names),
        merged_questions=merged,
        disagreements=rows,
        settled=settled,
        undecided=len(rows) - settled,
    )


def workshop_line(view: WorkshopView) -> str:
    """The one sentence the summary page gives to the workshop chapter."""
    who = "、".join(view.respondents)
    line = f"この回答は、{len(view.respondents)}人（{who}）の回答をまとめたものです。"
    if view.disagreements:
        line += (
            f"意見が分かれた質問は {len(view.disagreements)}問で、そのうち {view.settled}問は"
            f"合意の理由が記録され、{view.undecided}問は未決定です（{view.chapter}章）。"
        )
    else:
        line += "意見が大きく分かれた質問はありませんでした。"
    return line
