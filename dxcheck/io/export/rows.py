"""The comparison as rows of cells, shared by the CSV and XLSX writers."""

from __future__ import annotations

from dataclasses import dataclass

from dxcheck.core.compare import Comparison, Submission
from dxcheck.core.model import Questionnaire
from dxcheck.core.scoring import UNKNOWN

Cell = str | int | float | None


@dataclass(frozen=True)
class Column:
    title: str
    kind: str = "text"  # text | score (0–5) | ratio (0–1) | int | level


def summary_columns(questionnaire: Questionnaire) -> list[Column]:
    cols = [
        Column("団体コード"), Column("団体名"), Column("都道府県"), Column("人口", "int"),
        Column("人口規模"), Column("回答日"), Column("回答者"), Column("担当課"),
        Column("総合スコア", "score"), Column("回答率", "ratio"),
    ]  # fmt: skip
    for area in questionnaire.areas:
        cols += [Column(f"{area.name} スコア", "score"), Column(f"{area.name} 回答率", "ratio")]
    # which questionnaire version each file was answered under (older ones are read through
    # the version mapping): a prefecture must see that two columns may not mean the same
    cols += [Column("回答した質問票の版"), Column("ファイル")]
    return cols


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def summary_row(sub: Submission) -> list[Cell]:
    a = sub.assessment
    m = a.municipality
    row: list[Cell] = [
        m.code, m.name, m.prefecture, m.population, sub.band,
        a.meta.assessed_on.isoformat() if a.meta.assessed_on else None,
        a.meta.respondent, a.meta.department,
        _round(sub.card.overall, 2), _round(sub.card.coverage, 3),
    ]  # fmt: skip
    for area in sub.card.areas:
        row += [_round(area.score, 2), _round(area.coverage, 3)]
    row += [sub.version, sub.path]
    return row


def summary_rows(comparison: Comparison) -> list[list[Cell]]:
    return [summary_row(s) for s in comparison.compared]


def level_cell(state: int | str | None) -> Cell:
    if state == UNKNOWN:
        return "わからない"
    return state


def area_question_rows(
    comparison: Comparison, questionnaire: Questionnaire, area_id: str
) -> tuple[list[str], list[list[Cell]]]:
    """Header and rows of one area's sheet: each question's level per municipality."""
    questions = questionnaire.questions_in(area_id)
    header = ["団体コード", "団体名", *(q.text for q in questions)]
    rows = [
        [s.code, s.assessment.municipality.name,
         *(level_cell(s.card.states.get(q.id)) for q in questions)]
        for s in comparison.compared
    ]  # fmt: skip
    return header, rows
