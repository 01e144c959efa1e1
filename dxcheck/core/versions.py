"""Answer files of an older questionnaire version, read under the current one (DESIGN.md §5).

Pure: takes the answer file, the questionnaire it was answered under and the current one (whose
`mapping` says how each old question carries over) and returns the answers in the current
version with one note per question whose answer changed meaning. Rules of mapping.toml:

- `same`: the answer is copied as is;
- `level`: the scale changed: the old (effective) level is kept, the number is dropped;
- `rederive`: the new level is computed from the old number on the new scale where the
  municipality's figures allow it (the number is kept); else as `level`, and the number is
  still kept so that adding the missing denominator later re-derives it;
- `dropped`: the question is gone; its answer is listed.

Questions of the current version that no row leads to start unanswered. Two old questions that
lead to one new question: the higher level is kept, with a note.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Literal

from dxcheck.core.model import Answer, Assessment, MappingRow, Question, Questionnaire
from dxcheck.core.scoring import answer_level

Rule = Literal["same", "level", "rederive", "dropped", "unmapped", "merged"]


@dataclass(frozen=True, slots=True)
class UpgradeNote:
    """What happened to one old answer, in a sentence for `validate` ("" when nothing
    worth saying: the same question under the same id)."""

    old_id: str
    new_id: str | None
    rule: Rule
    text: str


@dataclass(frozen=True, slots=True)
class Upgraded:
    assessment: Assessment
    from_version: str
    notes: tuple[UpgradeNote, ...]
    new_questions: tuple[str, ...]  # current questions no old answer leads to (unanswered)

    @property
    def counts(self) -> Counter[str]:
        return Counter(n.rule for n in self.notes)

    def summary(self, to_version: str) -> str:
        c = self.counts
        parts = [
            f"引き継ぎ {c['same']} 問" if c["same"] else "",
            f"レベルのみ引き継ぎ {c['level']} 問" if c["level"] else "",
            f"数値から再計算 {c['rederive']} 問" if c["rederive"] else "",
            f"廃止された質問 {c['dropped'] + c['unmapped']} 問"
            if c["dropped"] + c["unmapped"]
            else "",
            f"新しい質問（未回答） {len(self.new_questions)} 問" if self.new_questions else "",
        ]
        detail = "、".join(p for p in parts if p)
        return (
            f"質問票 {self.from_version} 版の回答ファイルです。{to_version} 版に読み替えて扱います"
            + (f"（{detail}）" if detail else "")
        )


def can_upgrade(assessment: Assessment, current: Questionnaire) -> bool:
    """True when the current questionnaire ships a mapping from the file's version."""
    return (
        assessment.questionnaire == current.id
        and assessment.questionnaire_version != current.version
        and current.mapping is not None
        and current.mapping.from_version == assessment.questionnaire_version
    )


def _carried(answer: Answer, **changes: object) -> Answer:
    return answer.model_copy(update=changes)


def _one(
    row: MappingRow,
    answer: Answer,
    old_q: Question | None,
    new_q: Question,
    assessment: Assessment,
) -> tuple[Answer, UpgradeNote]:
    extra = f"（{row.note}）" if row.note else ""
    m = assessment.municipality
    if answer.unknown or row.rule == "same":
        # an unchanged question under its old id needs no word unless the mapping has one
        text = "" if row.new == row.old else f"回答を新しい質問 {row.new} に引き継ぎました"
        if row.note:
            text = (text or "回答をそのまま引き継ぎました") + extra
        return _carried(answer), UpgradeNote(row.old, row.new, "same", text)
    old_level = answer.level if old_q is None else answer_level(old_q, answer, m)
    if row.rule == "rederive" and answer.value is not None and new_q.quantity is not None:
        qty = new_q.quantity
        level = qty.level_for(answer.value, answer.denominator, m.staff, m.population)
        if level is not None:
            return _carried(answer, level=level), UpgradeNote(
                row.old,
                row.new,
                "rederive",
                f"新しい尺度で数値 {answer.value:g}{qty.input_unit} からレベル {level} を"
                f"計算し直しました（以前はレベル {old_level}）{extra}",
            )
        missing = {
            "share": f"{qty.denominator_label}（denominator）",
            "per_staff": "職員数（[municipality] staff）",
            "per_resident": "人口（[municipality] population）",
        }.get(qty.basis, "必要な数値")
        kept = "レベル不明" if old_level is None else f"レベル {old_level}"
        return _carried(answer, level=old_level), UpgradeNote(
            row.old,
            row.new,
            "level",
            f"新しい尺度には{missing}が必要なため、以前の{kept}を引き継ぎました。"
            f"書き加えると数値から計算し直します{extra}",
        )
    dropped_value = (
        f"、数値 {answer.value:g} は新しい尺度に合わないため外しました"
        if answer.value is not None
        else ""
    )
    return _carried(answer, level=old_level, value=None, denominator=None), UpgradeNote(
        row.old,
        row.new,
        "level",
        f"尺度が変わったため、以前のレベル {old_level} を引き継ぎました{dropped_value}{extra}",
    )


def upgrade(assessment: Assessment, old: Questionnaire | None, current: Questionnaire) -> Upgraded:
    """The answer file read under `current` (see the module's rules). `old` is the
    questionnaire the file was answered under; without it, numbers' old levels can't be
    derived and the stated levels are used."""
    mapping = current.mapping
    if mapping is None:
        raise ValueError("the current questionnaire has no mapping")
    rows = {row.old: row for row in mapping.questions}
    old_index = old.question_index if old is not None else {}
    answers: dict[str, Answer] = {}
    notes: list[UpgradeNote] = []
    for old_id, answer in assessment.answers.items():
        if answer.is_empty and not answer.note:
            continue
        row = rows.get(old_id)
        if row is None or row.rule == "dropped" or row.new not in current.question_index:
            reason = row.note if row is not None and row.note else ""
            notes.append(
                UpgradeNote(
                    old_id,
                    None,
                    "dropped" if row is not None else "unmapped",
                    f"質問票 {current.version} 版にはない質問のため、この回答は採点に使いません"
                    + (f"（{reason}）" if reason else ""),
                )
            )
            continue
        new_q = current.question(row.new)
        carried, note = _one(row, answer, old_index.get(old_id), new_q, assessment)
        earlier = answers.get(new_q.id)
        if earlier is not None:
            keep_new = (carried.level or -1) > (earlier.level or -1)
            answers[new_q.id] = carried if keep_new else earlier
            note = UpgradeNote(
                old_id,
                new_q.id,
                "merged",
                f"{new_q.id} には複数の以前の質問が対応するため、高いほうのレベルを使いました",
            )
        else:
            answers[new_q.id] = carried
        notes.append(note)
    upgraded = assessment.model_copy(
        update={"questionnaire_version": current.version, "answers": answers}, deep=True
    )
    mapped_to = {r.new for r in mapping.questions if r.new is not None}
    new_questions = tuple(q.id for q in current.questions if q.id not in mapped_to)
    return Upgraded(upgraded, assessment.questionnaire_version, tuple(notes), new_questions)
