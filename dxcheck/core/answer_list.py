"""Every answer of a self-check, area by area, as one list a person can check before printing:
level, number, わからない and memo side by side. Pure: the wizard's 回答一覧 draws it and
`dxcheck.io.answer_list_file` writes it as a printable page."""

from __future__ import annotations

from dataclasses import dataclass

from dxcheck.core.model import LEVEL_NAMES, Assessment, Question, Questionnaire
from dxcheck.core.numbers import denominator_of, format_number
from dxcheck.core.progress import chosen_level, locations


@dataclass(frozen=True, slots=True)
class AnswerRow:
    question: Question
    area_name: str
    number: str  # 「3-2」: area 3, question 2
    level: int | None
    value: str  # 「120手続」「12/20（60.0%）」 or ""
    unknown: bool
    note: str

    @property
    def state(self) -> str:
        """「レベル 3 全庁的に実施」「わからない」「未回答」"""
        if self.unknown:
            return "わからない"
        if self.level is None:
            return "未回答"
        return f"レベル {self.level} {LEVEL_NAMES[self.level]}"


def answer_rows(questionnaire: Questionnaire, assessment: Assessment) -> list[AnswerRow]:
    rows = []
    for where in locations(questionnaire).values():
        question = where.question
        answer = assessment.answers.get(question.id)
        value = ""
        if answer is not None and answer.value is not None and question.quantity is not None:
            denominator = denominator_of(answer)
            unit = question.quantity.unit
            value = f"{format_number(answer.value)}"
            if denominator:
                value += f"/{format_number(denominator)}（{answer.value / denominator:.1%}）"
            elif unit:
                value += unit
        rows.append(
            AnswerRow(
                question=question,
                area_name=where.area.name,
                number=where.label,
                level=chosen_level(question, answer, assessment.municipality),
                value=value,
                unknown=answer is not None and answer.unknown,
                note=answer.note if answer is not None else "",
            )
        )
    return rows
