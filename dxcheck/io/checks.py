"""Checks of an answer file against the questionnaire and the municipality list.

Pure: takes parsed models (and the document's line map for locations), returns problems.
"""

from __future__ import annotations

from collections.abc import Callable

from dxcheck.core.errors import Problem, Severity
from dxcheck.core.model import Assessment, Questionnaire
from dxcheck.io import municipalities
from dxcheck.io.load import LoadedAssessment


def check_assessment(
    loaded: LoadedAssessment, questionnaire: Questionnaire, *, require_profile: bool = True
) -> list[Problem]:
    """Every problem in an answer file, errors and warnings, in file order where known."""
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
        if answer.value is None:
            continue
        if question.quantity is None:
            add(
                (*base, "value"),
                "この質問は数値で答える質問ではありません（level を使ってください）",
            )
            continue
        unit = question.quantity.unit
        if answer.value < 0:
            add(
                (*base, "value"),
                f"{question.quantity.label}は 0 以上の数値にしてください"
                f"（書かれている値: {answer.value:g}）",
            )
            continue
        if unit == "%" and answer.value > 100:
            add(
                (*base, "value"),
                f"割合（%）は 0〜100 の範囲にしてください（書かれている値: {answer.value:g}）",
            )
            continue
        derived = question.quantity.level_for(answer.value)
        if answer.level is not None and answer.level != derived:
            add(
                (*base, "level"),
                f"level = {answer.level} ですが、value = {answer.value:g}{unit} はレベル {derived} に当たります。"
                "数値を優先してレベル {derived} として扱います".replace("{derived}", str(derived)),
                Severity.WARNING,
            )
    return sorted(problems, key=lambda p: (p.line is None, p.line or 0))


AddProblem = Callable[..., None]


def _profile_problems(a: Assessment, add: AddProblem) -> None:
    m = a.municipality
    if not m.name.strip():
        add(("municipality", "name"), "団体名が空です")
    code_problem = municipalities.code_problem(m.code)
    if code_problem:
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
