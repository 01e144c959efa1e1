"""The comparison as rows of cells, shared by the CSV and XLSX writers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from dxcheck.core.compare import Comparison, Submission
from dxcheck.core.model import Questionnaire
from dxcheck.core.scoring import UNKNOWN, Benchmarks

Cell = str | int | float | dt.date | None  # a date stays a date: Excel shows it as one


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
        a.meta.assessed_on,
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


def value_rows(
    comparison: Comparison, questionnaire: Questionnaire
) -> tuple[list[str], list[str], list[list[Cell]]]:
    """The raw figures behind the levels (保有率 78.4 %, 手続数 …): per question answered with a
    number, the value, and for a share also its denominator and the share it makes. Returns the
    header, each column's kind (text | number | share) and the rows."""
    header, kinds = ["団体コード", "団体名", "職員数"], ["text", "text", "number"]
    quantified = [q for q in questionnaire.questions if q.quantity is not None]
    for q in quantified:
        qty = q.quantity
        assert qty is not None  # filtered above
        header.append(f"{qty.label}（{qty.unit}）")
        kinds.append("number")
        if qty.basis == "share":
            header += [f"{qty.denominator_label}（{qty.denominator_unit or '分母'}）",
                       f"{qty.label}の割合（%）"]  # fmt: skip
            kinds += ["number", "number"]
    rows: list[list[Cell]] = []
    for s in comparison.compared:
        m = s.assessment.municipality
        row: list[Cell] = [s.code, m.name, m.staff]
        for q in quantified:
            qty = q.quantity
            assert qty is not None
            answer = s.assessment.answers.get(q.id)
            value = answer.value if answer is not None else None
            row.append(value)
            if qty.basis == "share":
                denominator = answer.denominator if answer is not None else None
                share = None if value is None else qty.scaled(value, denominator)
                row += [denominator, _round(share, 1)]
        rows.append(row)
    return header, kinds, rows


def target_rows(
    questionnaire: Questionnaire, targets: Mapping[str, float | None], label: str
) -> tuple[list[str], list[list[Cell]]]:
    """Each area's target, as the comparison used it."""
    header = ["分野", f"目標（{label}）"]
    return header, [[a.name, _round(targets.get(a.id), 2)] for a in questionnaire.areas]


def city_rows(
    questionnaire: Questionnaire, bench: Benchmarks
) -> tuple[list[str], list[list[Cell]]]:
    """The five benchmark cities as scored by the same code, with their plans' as-of dates."""
    header = ["市", "都道府県", "計画", "計画期間", "時点", "総合スコア", "回答率",
              *(a.name for a in questionnaire.areas)]  # fmt: skip
    rows: list[list[Cell]] = []
    for c in bench.cities:
        card = bench.current[c.id]
        rows.append([c.name, c.prefecture, c.plan_title, c.plan_period, c.as_of,
                     _round(card.overall, 2), _round(card.coverage, 3),
                     *(_round(a.score, 2) for a in card.areas)])  # fmt: skip
    return header, rows


def blank_rows(comparison: Comparison) -> tuple[list[str], list[list[Cell]]]:
    """The files with no answer at all (core.answers.is_blank), none of them compared: the
    municipality's 未提出・未回答, or a blank copy beside its answered file."""
    header = ["団体コード", "団体名", "状態", "ファイル"]
    rows: list[list[Cell]] = [
        [s.code, s.assessment.municipality.name, state, s.path]
        for subs, state in (
            (comparison.unanswered, "未提出・未回答（回答がありません）"),
            (
                comparison.blank_copies,
                "回答がありません（同じ団体の回答のあるファイルを比較に使用）",
            ),
        )
        for s in subs
    ]
    return header, rows
