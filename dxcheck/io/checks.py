"""Checks of an answer file against the questionnaire and the municipality list.

Pure: takes parsed models (and the document's line map for locations), returns problems.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable

from dxcheck.core.answers import is_untouched_draft
from dxcheck.core.errors import Problem, Severity
from dxcheck.core.model import Answer, Assessment, Quantity, Question, Questionnaire
from dxcheck.io import municipalities
from dxcheck.io.load import LoadedAssessment
from dxcheck.io.tomlpos import KeyPath


def check_assessment(
    loaded: LoadedAssessment,
    questionnaire: Questionnaire,
    *,
    require_profile: bool = True,
    today: dt.date | None = None,
) -> list[Problem]:
    """Every problem in an answer file, errors and warnings, in file order where known.
    `today` (default: the real date) is the latest date an assessment can have been made."""
    a = loaded.assessment
    doc = loaded.doc
    problems: list[Problem] = list(loaded.warnings)

    def add(path: tuple[str | int, ...], reason: str, sev: Severity = Severity.ERROR) -> None:
        problems.append(doc.problem(path, reason, sev))

    if a.questionnaire != questionnaire.id:
        add(
            ("questionnaire",),
            f"質問票「{a.questionnaire}」には対応していません（対応: 「{questionnaire.id}」）",
        )
    elif a.questionnaire_version != questionnaire.version:
        add(
            ("questionnaire_version",),
            f"質問票の版 {a.questionnaire_version} で回答されています（現在は {questionnaire.version}）。"
            "共通する質問だけを扱います",
            Severity.WARNING,
        )
    if require_profile:
        _profile_problems(a, add)
    assessed_on = a.meta.assessed_on
    today = today or dt.date.today()
    if assessed_on is not None and assessed_on > today:
        # the wizard refuses a future date at the field; a file written by hand gets the same
        add(
            ("meta", "assessed_on"),
            f"未来の日付です（{assessed_on.isoformat()}。今日は {today.isoformat()} です）。"
            "回答した日を書いてください",
        )
    if is_untouched_draft(a):
        add(
            ("meta", "prefilled"),
            "前回の回答から作った下書きのままです。内容を確かめ、回答を直すか回答日を記入して"
            "ください（このままでは未提出として扱います）",
            Severity.WARNING,
        )
    index = questionnaire.question_index
    for qid, answer in a.answers.items():
        question = index.get(qid)
        base = ("answers", qid)
        if question is None:
            if a.questionnaire_version != questionnaire.version:
                # a question of another version: compared on the shared questions only
                add(
                    base,
                    f"質問票 {questionnaire.version} 版にない質問です（比較から除きます）",
                    Severity.WARNING,
                )
            else:
                add(base, "質問票にない質問IDです（ID の綴りを確認してください）")
            continue
        if answer.unknown and (answer.level is not None or answer.value is not None):
            add(
                (*base, "unknown"),
                "「わからない」（unknown = true）と回答値が同時に書かれています。"
                "どちらか一方にしてください",
            )
        _quantity_problems(question, answer, a, base, add)
    _target_problems(a, questionnaire, add)
    _mark_problems(a, questionnaire, add)
    return sorted(problems, key=lambda p: (p.line is None, p.line or 0))


AddProblem = Callable[..., None]
_NEEDS = {
    "staff": ("municipality", "staff", "職員数"),
    "population": ("municipality", "population", "人口"),
}


def _fmt(x: float) -> str:
    return f"{x:g}"


def _quantity_problems(
    question: Question, answer: Answer, a: Assessment, base: KeyPath, add: AddProblem
) -> None:
    """A number's rules: its question takes numbers, its scale can be computed, it is in range."""
    qty = question.quantity
    if answer.denominator is not None and (qty is None or qty.basis != "share"):
        add(
            (*base, "denominator"),
            "この質問は割合で答える質問ではありません（denominator は使えません）",
        )
    if answer.value is None:
        return
    if qty is None:
        add((*base, "value"), "この質問は数値で答える質問ではありません（level を使ってください）")
        return
    if answer.value < 0:
        add(
            (*base, "value"),
            f"{qty.input_label}は 0 以上の数値にしてください（書かれている値: {_fmt(answer.value)}）",
        )
        return
    if qty.integer and not float(answer.value).is_integer():
        add(
            (*base, "value"),
            f"{qty.input_label}は整数で書いてください（書かれている値: {_fmt(answer.value)}）",
        )
        return
    if qty.basis == "share" and answer.denominator is not None:
        if qty.integer and not float(answer.denominator).is_integer():
            add(
                (*base, "denominator"),
                f"{qty.denominator_label}は整数で書いてください"
                f"（書かれている値: {_fmt(answer.denominator)}）",
            )
            return
        if answer.value > answer.denominator:
            add(
                (*base, "value"),
                f"{qty.input_label}（{_fmt(answer.value)}）が{qty.denominator_label}"
                f"（{_fmt(answer.denominator)}）を超えています",
            )
            return
    limit = qty.max
    if limit is None and qty.unit == "%" and qty.basis in ("absolute", "percent"):
        limit = 100.0
    m = a.municipality
    scaled = qty.scaled(answer.value, answer.denominator, m.staff, m.population)
    if scaled is not None and limit is not None and scaled > limit:
        shown = "" if qty.basis in ("absolute", "percent") else f"（換算 {scaled:.3g}{qty.unit}）"
        reason = (
            f"割合（%）は 0〜100 の範囲にしてください（書かれている値: {_fmt(answer.value)}）"
            if limit == 100 and qty.unit == "%" and not shown
            else f"{qty.label}は {_fmt(limit)}{qty.unit} 以下のはずです"
            f"（書かれている値: {_fmt(answer.value)}{shown}）"
        )
        add((*base, "value"), reason)
        return
    if scaled is None:
        add(
            *_missing_scale(qty, base, answer.level),
            Severity.WARNING,
        )
        return
    derived = qty.level_of_scaled(scaled)
    if answer.level is not None and answer.level != derived:
        measure = f"{_fmt(answer.value)}{qty.input_unit}"
        if qty.basis not in ("absolute", "percent"):
            measure += f"（{qty.label} {scaled:.3g}{qty.unit}）"
        add(
            (*base, "level"),
            f"level = {answer.level} ですが、value = {measure} はレベル {derived} に当たります。"
            f"数値を優先してレベル {derived} として扱います",
            Severity.WARNING,
        )


def _missing_scale(qty: Quantity, base: KeyPath, level: int | None) -> tuple[KeyPath, str]:
    """Where and why a value can't be scaled, and what the score uses instead."""
    fallback = (
        f"回答の level = {level} を使います"
        if level is not None
        else "レベルが決まらないため、未回答として扱います"
    )
    if qty.basis == "share":
        return (
            (*base, "denominator"),
            f"{qty.denominator_label}（denominator）がないため、数値から割合を計算できません。{fallback}",
        )
    section, key, label = _NEEDS[qty.needs or "staff"]
    return (
        (*base, "value"),
        f"{label}（[{section}] {key}）がないため、数値からレベルを計算できません。{fallback}",
    )


def _target_problems(a: Assessment, questionnaire: Questionnaire, add: AddProblem) -> None:
    areas = {area.id for area in questionnaire.areas}
    for area_id in a.targets:
        if area_id not in areas:
            add(
                ("targets", area_id),
                f"質問票 {questionnaire.version} 版にない分野IDです（ID の綴りを確認してください）",
            )


def _mark_problems(a: Assessment, questionnaire: Questionnaire, add: AddProblem) -> None:
    known = {m.id for m in questionnaire.measures}
    if not known:
        return  # a questionnaire without its catalog can't tell
    for measure_id in a.measures:
        if measure_id not in known:
            add(
                ("measures", measure_id),
                "取組の一覧にない取組IDです（読み飛ばします）",
                Severity.WARNING,
            )


_SIX_ASCII_DIGITS = re.compile(r"[0-9]{6}")


def _profile_problems(a: Assessment, add: AddProblem) -> None:
    m = a.municipality
    if not m.name.strip():
        add(("municipality", "name"), "団体名が空です")
    if m.code and not _SIX_ASCII_DIGITS.fullmatch(m.code):
        # " 011002 " or full-width digits would name the same town as "011002" and become a
        # row of their own in a comparison: refused, saying how to write it
        normal = unicodedata.normalize("NFKC", m.code).strip()
        hint = (
            f"（「{normal}」と書いてください）"
            if _SIX_ASCII_DIGITS.fullmatch(normal)
            else f"（書かれている値: 「{m.code[:20]}」）"
        )
        add(
            ("municipality", "code"),
            f"団体コードは半角数字6桁で、空白を入れずに書いてください{hint}",
        )
    elif code_problem := municipalities.code_problem(m.code):
        add(("municipality", "code"), code_problem)
    else:
        known = municipalities.by_code(m.code)
        if known is not None:
            if m.prefecture and m.prefecture != known.prefecture:
                add(
                    ("municipality", "prefecture"),
                    f"団体コード {known.code} は{known.prefecture}{known.name}のコードです"
                    f"（書かれている都道府県: {m.prefecture}）",
                )
            if m.name.strip() and m.name.strip() != known.name:
                add(
                    ("municipality", "name"),
                    f"団体コード {known.code} は{known.prefecture}{known.name}のコードです"
                    f"（書かれている団体名: {m.name}）",
                )
    if not m.prefecture.strip():
        add(("municipality", "prefecture"), "都道府県が空です")
    elif m.prefecture not in municipalities.PREFECTURES:
        add(("municipality", "prefecture"), f"「{m.prefecture}」は都道府県名ではありません")
