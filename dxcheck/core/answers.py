"""Answer files: build them, turn them into TOML text (the docs/design.md §4 contract) and back."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

import tomli_w

from dxcheck.core.model import (
    ANSWER_FORMAT,
    LEVEL_NAMES,
    Answer,
    Assessment,
    Questionnaire,
    RespondentAnswer,
)


def is_blank(assessment: Assessment) -> bool:
    """Not answered: not one question has a level, a value or わからない — or the file is a
    draft pre-filled from an earlier round and returned as it was sent (is_untouched_draft).

    What else a file may hold does not count as answering: the profile (a campaign pre-fills
    it), notes, denominators, own targets and marks on proposals. Such a file is a form sent
    out and not (yet) filled in — 未提出・未回答 — never a municipality that scored nothing.
    The one rule `compare` and `campaign status` share (docs/data-format.md §5)."""
    return all(answer.is_empty for answer in assessment.answers.values()) or is_untouched_draft(
        assessment
    )


def _figure(x: float | None) -> float | None:
    # 12 significant digits: what survives a round trip through a spreadsheet cell
    return None if x is None else float(f"{x:.12g}")


def answers_fingerprint(assessment: Assessment) -> str:
    """A short digest of what the answers say — every question's level, value, denominator,
    わからない and note — the same whether the file is TOML or a form re-saved by Excel or
    LibreOffice (notes are compared without surrounding spaces, numbers to 12 digits)."""
    rows = [
        [qid, a.level, _figure(a.value), _figure(a.denominator), a.unknown,
         a.note.replace("\r\n", "\n").strip()]
        for qid, a in sorted(assessment.answers.items())
        if not a.is_empty or a.denominator is not None or a.note.strip()
    ]  # fmt: skip
    text = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def is_untouched_draft(assessment: Assessment) -> bool:
    """A draft pre-filled from an earlier round (draft_from) that nobody has confirmed: its
    answers are still exactly those pre-filled and no 回答日 has been written. Changing one
    answer or note, or writing the 回答日 (「前回のままで変わりありません」), makes it an answer."""
    mark = assessment.meta.prefilled
    return (
        bool(mark)
        and assessment.meta.assessed_on is None
        and mark == answers_fingerprint(assessment)
    )


def draft_from(assessment: Assessment, questionnaire: Questionnaire) -> Assessment:
    """An earlier round's answers as this round's draft to confirm (`template --from`,
    `campaign init --from-previous`): the profile, answers, own targets and marks kept, the
    回答日 and 回答者 cleared (whoever confirms it writes them), and the fingerprint of the
    pre-filled answers recorded so that a draft returned unchanged counts as 未提出."""
    a = assessment.model_copy(deep=True)
    a.answers = {q.id: a.answers[q.id] for q in questionnaire.questions if q.id in a.answers}
    a.meta.assessed_on = None
    a.meta.respondent = ""
    a.meta.prefilled = None
    if not is_blank(a):
        a.meta.prefilled = answers_fingerprint(a)
    return a


def new_assessment(questionnaire: Questionnaire) -> Assessment:
    return Assessment(
        format=ANSWER_FORMAT,
        questionnaire=questionnaire.id,
        questionnaire_version=questionnaire.version,
    )


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    """Drop None (TOML has no null) and empty strings of optional fields, recursively."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if value is None:
            continue
        if isinstance(value, dict):
            out[key] = _plain(value)
        elif isinstance(value, list):
            out[key] = [_plain(v) if isinstance(v, dict) else v for v in value]
        else:
            out[key] = value
    return out


def _number(value: float) -> int | float:
    """Whole numbers are written without a decimal point, as a person would type them."""
    return int(value) if float(value).is_integer() else value


def _answer_keys(answer: Answer | RespondentAnswer) -> dict[str, Any]:
    """The keys an answer and a respondent's entry share, only those that say something."""
    table: dict[str, Any] = {}
    if answer.level is not None:
        table["level"] = answer.level
    if answer.value is not None:
        table["value"] = _number(answer.value)
    if answer.denominator is not None:
        table["denominator"] = _number(answer.denominator)
    if answer.unknown:
        table["unknown"] = True
    if answer.note:
        table["note"] = answer.note
    return table


def answer_table(answer: Answer) -> dict[str, Any]:
    """An answer as the file writes it: level absent when unknown, empty when unanswered."""
    table = _answer_keys(answer)
    # a merged workshop file's keys (docs/data-format.md §5), only where they say something
    if answer.disagreement:
        table["disagreement"] = True
    if answer.agreed_reason:
        table["agreed_reason"] = answer.agreed_reason
    if answer.respondents:
        table["respondents"] = [respondent_table(e) for e in answer.respondents]
    table.update(_plain(dict(answer.model_extra or {})))
    return table


def respondent_table(entry: RespondentAnswer) -> dict[str, Any]:
    """A workshop respondent's entry as the file writes it."""
    table: dict[str, Any] = {"respondent": entry.respondent}
    if entry.department:
        table["department"] = entry.department
    table.update(_answer_keys(entry))
    table.update(_plain(dict(entry.model_extra or {})))
    return table


def to_toml(
    assessment: Assessment, questionnaire: Questionnaire | None = None, *, comments: bool = False
) -> str:
    """The answer file's text. With `comments`, each question's text and levels precede it."""
    head: dict[str, Any] = {
        "format": assessment.format,
        "questionnaire": assessment.questionnaire,
        "questionnaire_version": assessment.questionnaire_version,
    }
    head.update(_plain(dict(assessment.model_extra or {})))
    head["municipality"] = _plain(assessment.municipality.model_dump())
    head["meta"] = _plain(assessment.meta.model_dump())
    if assessment.targets:
        head["targets"] = {k: _number(v) for k, v in assessment.targets.items()}
    parts = [tomli_w.dumps(head)]
    order = [q.id for q in questionnaire.questions] if questionnaire else []
    ids = order + [qid for qid in assessment.answers if qid not in set(order)]
    for qid in ids:
        answer = assessment.answers.get(qid)
        if answer is None and not comments:
            continue
        text = ""
        if comments and questionnaire is not None and qid in questionnaire.question_index:
            text += _question_comment(questionnaire, qid)
        text += tomli_w.dumps({"answers": {qid: answer_table(answer or Answer())}})
        parts.append(text)
    for mid, mark in assessment.measures.items():
        fields = {k: v for k, v in mark.model_dump().items() if v not in (None, "")}
        parts.append(tomli_w.dumps({"measures": {mid: fields}}))
    return "\n".join(parts)


def _question_comment(questionnaire: Questionnaire, qid: str) -> str:
    q = questionnaire.question(qid)
    area = questionnaire.area(q.area)
    lines = [f"【{area.name}】{q.text}"]
    lines += [f"  {i}: {LEVEL_NAMES[i]} — {desc}" for i, desc in enumerate(q.levels)]
    if q.quantity:
        qty = q.quantity
        lines.append(f"  数値で答える場合: value = {qty.input_label}（単位: {qty.input_unit}）")
        if qty.basis == "share":
            unit = f"（単位: {qty.denominator_unit}）" if qty.denominator_unit else ""
            lines.append(f"    あわせて denominator = {qty.denominator_label}{unit}")
        elif qty.basis == "per_staff":
            lines.append("    [municipality] の staff（常勤職員数）で割って比べます")
        elif qty.basis == "per_resident":
            lines.append("    [municipality] の population（人口）で割って比べます")
        if qty.example:
            lines.append(f"    {qty.example}")
    lines.append("  わからない場合: unknown = true")
    return "".join(f"# {line}\n" for line in lines)


def template(questionnaire: Questionnaire, today: dt.date | None = None) -> str:
    """An answer file with every question unanswered, to fill in with a text editor."""
    a = new_assessment(questionnaire)
    a.meta.assessed_on = today or dt.date.today()
    a.municipality.name = ""
    return template_for(a, questionnaire)


def template_for(assessment: Assessment, questionnaire: Questionnaire) -> str:
    """An answer file to fill in with a text editor: the profile as given (a campaign fills it
    in), every question listed with its levels, answers as given or empty."""
    a = assessment.model_copy(deep=True)
    a.answers = {q.id: a.answers.get(q.id) or Answer() for q in questionnaire.questions}
    header = (
        "# dxcheck 回答ファイル（自治体DXセルフチェック）\n"
        "# [municipality] に団体名・団体コード（6桁）・都道府県・人口（population）・\n"
        "# 常勤職員数（staff。職員100人あたりで比べる質問に使います）を書き、\n"
        '# 各質問の [answers."…"] に level = 0〜5 を書いてください。\n'
        "# 確認は dxcheck validate このファイル名 でできます。\n"
    )
    if a.meta.prefilled:
        header += (
            "# これは前回の回答を記入した下書きです。内容を確かめて直し、[meta] の assessed_on に\n"
            "# 回答日を書いてください。変わりがなければ回答日だけを書きます（何も変えずに返すと\n"
            "# 未提出として扱います）。[meta] の prefilled は変更しないでください。\n"
        )
    header += "\n"
    return header + to_toml(a, questionnaire, comments=True)
