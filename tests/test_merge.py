"""Workshop merge: respondents kept, consensus proposed, disagreements marked, file still valid."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dxcheck.__main__ import main
from dxcheck.cli.common import check_file
from dxcheck.core.answers import new_assessment, to_toml
from dxcheck.core.merge import Respondent, merge, settle
from dxcheck.core.model import Answer, Assessment
from dxcheck.io.load import load_questionnaire, read_assessment

Q = load_questionnaire()
QUAL = [q.id for q in Q.questions if q.quantity is None]
QTY = next(q for q in Q.questions if q.quantity is not None)


def person(name: str, dept: str, answers: dict[str, dict[str, object]]) -> Assessment:
    a = new_assessment(Q)
    a.municipality.name, a.municipality.code, a.municipality.prefecture = (
        "嬉野市",
        "412091",
        "佐賀県",
    )
    a.municipality.population = 25000
    # 100 staff: a per-staff figure is its own scaled measure, so thresholds read directly
    a.municipality.staff = 100
    a.meta.respondent, a.meta.department = name, dept
    a.answers = {k: Answer(**v) for k, v in answers.items()}
    return a


def write(tmp_path: Path, name: str, a: Assessment) -> Path:
    path = tmp_path / f"{name}.toml"
    path.write_text(to_toml(a, Q), encoding="utf-8")
    return path


THREE = [
    person("佐藤", "総務課", {QUAL[0]: {"level": 1, "note": "紙が多い"}, QUAL[1]: {"level": 3},
                             QUAL[2]: {"level": 2}}),
    person("鈴木", "情報政策課", {QUAL[0]: {"level": 4}, QUAL[1]: {"level": 3},
                                 QUAL[2]: {"unknown": True}}),
    person("高橋", "市民課", {QUAL[0]: {"level": 2}, QUAL[1]: {"level": 2}}),
]  # fmt: skip


def merged() -> Assessment:
    return merge(Q, [Respondent(a.meta.respondent, a.meta.department, a) for a in THREE]).assessment


def test_consensus_is_the_median_and_every_respondent_is_kept() -> None:
    m = merged()
    a0 = m.answers[QUAL[0]]
    assert a0.level == 2
    assert [(e.respondent, e.level) for e in a0.respondents] == [
        ("佐藤", 1),
        ("鈴木", 4),
        ("高橋", 2),
    ]
    assert a0.respondents[0].note == "紙が多い"
    assert m.answers[QUAL[1]].level == 3
    assert m.meta.respondent == "佐藤、鈴木、高橋"


def test_disagreements_are_spread_of_two_or_unknown_against_a_level() -> None:
    result = merge(Q, [Respondent(a.meta.respondent, a.meta.department, a) for a in THREE])
    assert result.disagreements == [QUAL[0], QUAL[2]]
    assert not result.assessment.answers[QUAL[1]].disagreement


def test_question_nobody_answered_stays_unanswered() -> None:
    assert QUAL[5] not in merged().answers


def test_even_count_median_takes_the_lower_middle() -> None:
    two = [person("a", "", {QUAL[0]: {"level": 2}}), person("b", "", {QUAL[0]: {"level": 3}})]
    m = merge(Q, [Respondent(a.meta.respondent, "", a) for a in two]).assessment
    assert m.answers[QUAL[0]].level == 2


def test_quantitative_answers_merge_by_value() -> None:
    t = QTY.quantity.thresholds  # type: ignore[union-attr]
    two = [person("a", "", {QTY.id: {"value": t[0]}}), person("b", "", {QTY.id: {"value": t[2]}})]
    m = merge(Q, [Respondent(a.meta.respondent, "", a) for a in two]).assessment
    assert m.answers[QTY.id].value == t[0] and m.answers[QTY.id].level == 1


def test_merged_file_is_a_valid_answer_file_older_readers_accept(tmp_path: Path) -> None:
    path = write(tmp_path, "merged", merged())
    checked = check_file(path, Q)
    assert checked.ok and checked.problems == []  # extension keys are known, not warned about
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    entry = data["answers"][QUAL[0]]
    assert entry["level"] == 2 and entry["disagreement"] is True
    assert [r["respondent"] for r in entry["respondents"]] == ["佐藤", "鈴木", "高橋"]


def test_settled_answer_keeps_respondents_and_reason(tmp_path: Path) -> None:
    m = merged()
    m.answers[QUAL[0]] = settle(m.answers[QUAL[0]], 3, "窓口は紙だが庁内は電子化が進んでいるため")
    again = read_assessment(write(tmp_path, "s", m)).assessment.answers[QUAL[0]]
    assert again.level == 3 and again.agreed_reason.startswith("窓口は紙")
    assert len(again.respondents) == 3


def test_merging_a_merged_file_again_flattens_respondents() -> None:
    fourth = person("田中", "財政課", {QUAL[0]: {"level": 5}})
    m = merge(Q, [Respondent("ws", "", merged()), Respondent("田中", "財政課", fourth)]).assessment
    assert [e.respondent for e in m.answers[QUAL[0]].respondents] == [
        "佐藤",
        "鈴木",
        "高橋",
        "田中",
    ]


def test_cli_merge_three_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = [str(write(tmp_path, a.meta.respondent, a)) for a in THREE]
    out = tmp_path / "merged.toml"
    assert main(["merge", *paths, "-o", str(out)]) == 0
    text = capsys.readouterr().out
    assert "3 人の回答をまとめました" in text and "意見が分かれた質問: 2 問" in text
    assert "回答者別" in text and "佐藤" in text
    assert main(["score", str(out)]) == 0


def test_cli_refuses_other_municipality_and_invalid_files_writing_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = person("他", "", {QUAL[0]: {"level": 1}})
    other.municipality.name, other.municipality.code = "鹿島市", "412074"
    paths = [str(write(tmp_path, "a", THREE[0])), str(write(tmp_path, "b", other))]
    out = tmp_path / "m.toml"
    assert main(["merge", *paths, "-o", str(out)]) == 1
    assert "別の団体" in capsys.readouterr().err and not out.exists()
    broken = tmp_path / "broken.toml"
    broken.write_text("level = = 1", encoding="utf-8")
    assert main(["merge", paths[0], str(broken), "-o", str(out)]) == 1
    assert "まとめませんでした" in capsys.readouterr().err and not out.exists()


@given(st.lists(st.integers(0, 5), min_size=1, max_size=8))
def test_consensus_lies_between_the_lowest_and_highest_level(levels: list[int]) -> None:
    people = [person(f"p{i}", "", {QUAL[0]: {"level": lvl}}) for i, lvl in enumerate(levels)]
    result = merge(Q, [Respondent(a.meta.respondent, "", a) for a in people])
    assert min(levels) <= (result.assessment.answers[QUAL[0]].level or 0) <= max(levels)
    assert (QUAL[0] in result.disagreements) == (max(levels) - min(levels) >= 2)
