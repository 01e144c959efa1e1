"""dxcheck.core.workshop: the facilitator's view of a merged file — pure, on top of dxcheck.core.merge."""

from __future__ import annotations

from pathlib import Path

import pytest

from dxcheck.core.answers import to_toml
from dxcheck.core.merge import (
    Respondent,
    coverage_by_respondent,
    merge,
)
from dxcheck.core.model import Answer
from dxcheck.core.workshop import (
    is_merged,
    record_decision,
    respondents_in,
    workshop,
)
from dxcheck.io.respondents import read_respondents
from tests.test_merge import QTY, QUAL, THREE, Q, merged, person, write


def test_a_merged_file_is_recognised_and_an_ordinary_one_is_not() -> None:
    assert is_merged(merged())
    assert not is_merged(THREE[0])


def test_respondents_are_rebuilt_from_the_entries_and_merge_the_same_again() -> None:
    m = merged()
    people = respondents_in(m)
    assert [(p.name, p.department) for p in people] == [
        ("佐藤", "総務課"), ("鈴木", "情報政策課"), ("高橋", "市民課"),
    ]  # fmt: skip
    assert merge(Q, people).assessment.answers == m.answers
    original = [Respondent(a.meta.respondent, a.meta.department, a) for a in THREE]
    assert coverage_by_respondent(Q, people) == coverage_by_respondent(Q, original)


def test_disagreements_come_first_with_each_respondent_and_the_proposal() -> None:
    m = merged()
    w = workshop(Q, m)
    flagged = [i.question.id for i in w.items if i.disagreement]
    assert flagged == [q.id for q in Q.questions if m.answers.get(q.id) and
                       m.answers[q.id].disagreement]  # fmt: skip
    assert [i.question.id for i in w.items[: len(flagged)]] == flagged
    assert len(w.items) == len(Q.questions)
    first = w.item(QUAL[0])  # 1, 4 and 2: a disagreement, median 2
    assert first.disagreement and first.proposal == 2 and first.level == 2
    assert [(line.entry.respondent, line.level) for line in first.lines] == [
        ("佐藤", 1), ("鈴木", 4), ("高橋", 2),
    ]  # fmt: skip
    assert first.lines[0].entry.note == "紙が多い"
    assert w.respondents == ("佐藤", "鈴木", "高橋")
    unanswered = next(i for i in w.items if not i.lines)
    assert unanswered.proposal is None and not unanswered.disagreement


def test_recording_a_decision_settles_with_the_reason_and_keeps_the_proposal() -> None:
    m = merged()
    question = Q.question(QUAL[0])
    with pytest.raises(ValueError, match="理由"):
        record_decision(m, question, 3, "  ")
    answer = record_decision(m, question, 3, " 全庁で共有済み ")
    assert answer.level == 3 and answer.agreed_reason == "全庁で共有済み"
    assert len(answer.respondents) == 3
    w = workshop(Q, m)
    item = w.item(QUAL[0])
    assert item.settled and item.level == 3 and item.proposal == 2 and item.disagreement
    assert w.next_open() is not None and w.next_open().question.id != QUAL[0]  # type: ignore[union-attr]
    record_decision(m, Q.question(QUAL[2]), None, "誰も把握していない")
    assert m.answers[QUAL[2]].unknown
    assert workshop(Q, m).next_open() is None


def test_a_question_no_one_answered_can_still_be_decided() -> None:
    m = merged()
    qid = next(q.id for q in Q.questions if q.id not in m.answers and q.quantity is None)
    record_decision(m, Q.question(qid), 1, "会議で確認")
    item = workshop(Q, m).item(qid)
    assert item.settled and item.level == 1 and not item.lines


def test_values_stand_for_their_level_for_each_respondent() -> None:
    t = QTY.quantity
    assert t is not None
    a = person("佐藤", "総務課", {QTY.id: {"value": t.thresholds[3]}})
    b = person("鈴木", "市民課", {QTY.id: {"value": 0}})
    m = merge(Q, [Respondent("佐藤", "総務課", a), Respondent("鈴木", "市民課", b)]).assessment
    item = workshop(Q, m).item(QTY.id)
    assert [line.level for line in item.lines] == [4, 0] and item.disagreement


def test_read_respondents_checks_like_dxcheck_merge(tmp_path: Path) -> None:
    paths = [write(tmp_path, a.meta.respondent, a) for a in THREE]
    ok = read_respondents(paths, Q)
    assert ok.result is not None and not ok.refusal
    assert ok.result.assessment.answers == merged().answers

    assert read_respondents(paths[:1], Q).refusal.startswith("まとめるには2つ以上")

    broken = tmp_path / "broken.toml"
    broken.write_text(to_toml(THREE[0], Q).replace("level = 1", "level = 8", 1), encoding="utf-8")
    refused = read_respondents([paths[1], broken], Q)
    assert refused.result is None and "誤りのあるファイル" in refused.refusal
    assert any(p.file == str(broken) and p.line for p in refused.errors)

    other = person("田中", "企画課", {QUAL[0]: {"level": 1}})
    other.municipality.name, other.municipality.code = "唐津市", "412023"
    refused = read_respondents([paths[0], write(tmp_path, "other", other)], Q)
    assert refused.result is None and "別の団体" in refused.refusal

    twin = person("佐藤", "市民課", {QUAL[1]: {"level": 2}})
    named = read_respondents([paths[0], write(tmp_path, "twin", twin)], Q)
    assert named.result is not None
    assert [r.name for r in named.respondents] == ["佐藤", "佐藤（twin）"]


def test_an_ordinary_answer_with_no_entries_keeps_its_level() -> None:
    a = THREE[0].model_copy(deep=True)
    a.answers[QUAL[5]] = Answer(level=4)
    item = workshop(Q, a).item(QUAL[5])
    assert item.level == 4 and not item.lines and item.proposal is None
