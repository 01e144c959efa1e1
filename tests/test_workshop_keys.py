"""The workshop keys of an answer (`respondents`, `disagreement`, `agreed_reason`): typed in
`dxcheck.core.model.Answer`, read from files merged before they were typed, strict like every
other key (located Japanese errors), and written back under the same names."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dxcheck.core.answers import to_toml
from dxcheck.core.errors import InputError, Severity
from dxcheck.core.model import RespondentAnswer
from dxcheck.core.workshop import is_merged, record_decision, respondents_in, workshop
from dxcheck.io.checks import check_assessment
from dxcheck.io.load import diagnose_assessment, read_assessment
from dxcheck.report.workshop_context import question_workshop
from tests.tui.helpers import small_questionnaire

FIXTURE = Path(__file__).parent / "fixtures" / "workshop" / "merged-before-typed-keys.toml"
Q = small_questionnaire()

HEAD = """\
format = "dxcheck.assessment/1"
questionnaire = "jichitai-dx"
questionnaire_version = "4.0.0"

[municipality]
name = "嬉野市"
code = "412091"
prefecture = "佐賀県"

[answers."governance.cdo"]
level = 3
"""


def test_a_file_merged_before_the_keys_were_typed_still_loads_whole() -> None:
    loaded = read_assessment(FIXTURE)
    assert loaded.warnings == []
    assert check_assessment(loaded, Q, require_profile=False) == []
    answers = loaded.assessment.answers
    plan = answers["governance.dx-plan"]
    assert plan.disagreement and plan.agreed_reason == "計画はあるが浸透は一部と判断"
    assert [(e.respondent, e.department, e.level) for e in plan.respondents] == [
        ("佐藤", "総務課", 1),
        ("鈴木", "情報政策課", 4),
        ("高橋", "市民課", 2),
    ]
    assert plan.respondents[0].note == "計画はあるが全庁に浸透していない"
    cashless = answers["frontyard.cashless"]
    assert cashless.disagreement and cashless.agreed_reason == ""
    assert cashless.respondents[0] == RespondentAnswer(
        respondent="鈴木", department="情報政策課", unknown=True
    )
    online = answers["frontyard.online-procedures"]
    assert [e.value for e in online.respondents] == [120.0, 40.0]
    assert not answers["governance.cdo"].disagreement
    # the hand-written [[…respondents]] tables are the same keys
    revise = answers["analog-regulation.revise"]
    assert [e.respondent for e in revise.respondents] == ["佐藤", "高橋"]
    assert revise.respondents[0].note == "点検は始めたところ"


def test_the_workshop_view_and_the_report_read_the_typed_keys() -> None:
    a = read_assessment(FIXTURE).assessment
    assert is_merged(a)
    assert [r.name for r in respondents_in(a)] == ["佐藤", "鈴木", "高橋"]
    w = workshop(Q, a)
    assert [i.question.id for i in w.disagreements] == ["governance.dx-plan", "frontyard.cashless"]
    assert [i.question.id for i in w.open_disagreements] == ["frontyard.cashless"]
    settled = w.item("governance.dx-plan")
    assert settled.reason == "計画はあるが浸透は一部と判断" and settled.level == 2
    assert [line.level for line in settled.lines] == [1, 4, 2]
    view = question_workshop(
        Q.question_index["governance.dx-plan"], a.answers["governance.dx-plan"]
    )
    assert view.own_label == "合意" and view.disagreement
    assert view.agreed_reason == "計画はあるが浸透は一部と判断"
    assert [r.name for r in view.respondents] == ["佐藤", "鈴木", "高橋"]


def test_written_back_under_the_same_names_and_read_again_unchanged(tmp_path: Path) -> None:
    a = read_assessment(FIXTURE).assessment
    record_decision(a, Q.question_index["frontyard.cashless"], 3, "窓口では対応済みと確認")
    text = to_toml(a, Q)
    for key in ("respondents", "disagreement = true", 'agreed_reason = "窓口では対応済みと確認"'):
        assert key in text
    assert "disagreement = false" not in text and 'agreed_reason = ""' not in text
    again = tmp_path / "again.toml"
    again.write_text(text, encoding="utf-8")
    reread = read_assessment(again)
    assert reread.warnings == []
    assert reread.assessment.model_dump() == a.model_dump()


@pytest.mark.parametrize(
    ("snippet", "field", "reason"),
    [
        ('disagreement = "yes"', 'answers."governance.cdo".disagreement', "true か false"),
        ("disagreement = 1", 'answers."governance.cdo".disagreement', "true か false"),
        ("agreed_reason = 3", 'answers."governance.cdo".agreed_reason', "文字列"),
        ('respondents = "佐藤"', 'answers."governance.cdo".respondents', "配列"),
        ("respondents = [3]", 'answers."governance.cdo".respondents[1]', "表"),
        (
            'respondents = [{ respondent = "a" }, { respondent = "b", level = "3" }]',
            'answers."governance.cdo".respondents[2].level',
            "整数",
        ),
        (
            'respondents = [{ respondent = "a", level = 9 }]',
            'answers."governance.cdo".respondents[1].level',
            "5 以下",
        ),
        (
            "respondents = [{ level = 3 }]",
            'answers."governance.cdo".respondents[1].respondent',
            "必須",
        ),
        (
            "respondents = [{ respondent = 3 }]",
            'answers."governance.cdo".respondents[1].respondent',
            "文字列",
        ),
        (
            'respondents = [{ respondent = "a", unknown = 1 }]',
            'answers."governance.cdo".respondents[1].unknown',
            "true か false",
        ),
        (
            'respondents = [{ respondent = "a", value = nan }]',
            'answers."governance.cdo".respondents[1].value',
            "有限",
        ),
        (
            'respondents = [{ respondent = "a", value = 1, denominator = 0 }]',
            'answers."governance.cdo".respondents[1].denominator',
            "より大きく",
        ),
    ],
)
def test_a_wrong_type_in_a_workshop_key_is_a_located_japanese_error(
    tmp_path: Path, snippet: str, field: str, reason: str
) -> None:
    path = tmp_path / "merged.toml"
    path.write_text(HEAD + snippet + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_assessment(path)
    [problem] = caught.value.problems
    assert (problem.field, problem.line) == (field, 12)
    assert reason in problem.reason and problem.severity is Severity.ERROR
    # `validate` reports it the same way, and still checks the rest of the file
    salvaged, structural = diagnose_assessment(path)
    assert [p.field for p in structural] == [field]
    assert salvaged is not None and salvaged.assessment.answers["governance.cdo"].level == 3


def test_an_unknown_key_is_a_warning_and_is_kept(tmp_path: Path) -> None:
    """As `validate` has always treated keys it does not know (docs/design.md §4): a newer
    dxcheck's or another tool's key is neither refused nor lost when dxcheck writes the file."""
    path = tmp_path / "merged.toml"
    path.write_text(
        HEAD
        + 'reviewed_by = "県"\n'
        + 'respondents = [{ respondent = "佐藤", level = 3, seat = "A-1" }]\n',
        encoding="utf-8",
    )
    loaded = read_assessment(path)
    assert [(p.field, p.line, p.severity) for p in loaded.warnings] == [
        ('answers."governance.cdo".reviewed_by', 12, Severity.WARNING),
        ('answers."governance.cdo".respondents[1].seat', 13, Severity.WARNING),
    ]
    assert all("dxcheck が知らない項目です" in p.reason for p in loaded.warnings)
    answer = loaded.assessment.answers["governance.cdo"]
    text = to_toml(loaded.assessment, Q)
    assert 'reviewed_by = "県"' in text and 'seat = "A-1"' in text
    settled = record_decision(loaded.assessment, Q.question_index["governance.cdo"], 2, "確認済み")
    assert settled.model_extra == {"reviewed_by": "県"} == answer.model_extra
    assert settled.respondents[0].model_extra == {"seat": "A-1"}


toml_values = st.one_of(
    st.booleans(),
    st.integers(-10, 10),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8),
)
entries = st.dictionaries(
    st.sampled_from(["respondent", "department", "level", "value", "unknown", "note", "x"]),
    toml_values,
    max_size=5,
)
workshop_keys = st.fixed_dictionaries(
    {},
    optional={
        "respondents": st.one_of(
            toml_values, st.lists(st.one_of(entries, toml_values), max_size=3)
        ),
        "disagreement": toml_values,
        "agreed_reason": toml_values,
    },
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(workshop_keys)
@example({"respondents": [{"respondent": "a", "value": math.inf}]})
def test_any_workshop_keys_load_or_are_located_errors(
    tmp_path: Path, keys: dict[str, object]
) -> None:
    import tomli_w

    path = tmp_path / "fuzz.toml"
    body = tomli_w.dumps({"answers": {"governance.cdo": {"level": 3, **keys}}})
    path.write_text(HEAD.split("[answers.")[0] + body, encoding="utf-8")
    try:
        loaded = read_assessment(path)
    except InputError as exc:
        assert exc.problems and all(p.field.startswith("answers.") for p in exc.problems)
        assert all(p.line is not None for p in exc.problems)
        return
    answer = loaded.assessment.answers["governance.cdo"]
    assert isinstance(answer.disagreement, bool) and isinstance(answer.agreed_reason, str)
    assert all(isinstance(e, RespondentAnswer) for e in answer.respondents)
    to_toml(loaded.assessment, Q)  # and it can be written back


def test_a_share_questions_scopes_survive_the_workshop() -> None:
    """Each respondent's denominator stays with their figure: the workshop's proposal is the
    one `dxcheck merge` made, and settling on that level keeps the figure with its scope."""
    from dxcheck.core.merge import Respondent, merge
    from tests.factories import assessment, size_fair_questionnaire

    q = size_fair_questionnaire()
    people = [
        Respondent("佐藤", "総務課", assessment({"a.share": {"value": 50, "denominator": 100}})),
        Respondent("鈴木", "市民課", assessment({"a.share": {"value": 5, "denominator": 100}})),
    ]
    merged = merge(q, people).assessment
    answer = merged.answers["a.share"]
    assert (answer.value, answer.denominator, answer.level) == (5, 100, 1)  # 5% → level 1
    assert answer.disagreement  # 50% is level 3: two apart
    item = workshop(q, merged).item("a.share")
    assert [line.level for line in item.lines] == [3, 1]
    assert item.proposal == 1 == item.level
    settled = record_decision(merged, q.question_index["a.share"], 1, "市民課の数え方で合意")
    assert (settled.value, settled.denominator, settled.level) == (5, 100, 1)
