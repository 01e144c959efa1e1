"""Questionnaire 2's answer-file keys: staff, [targets], denominator, [measures] — strictly typed,
checked against the questionnaire with located Japanese reasons, and written back unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from dxcheck.core.answers import to_toml
from dxcheck.core.errors import InputError, Problem, Severity
from dxcheck.io.checks import check_assessment
from dxcheck.io.load import read_assessment
from tests.factories import measure, size_fair_questionnaire, with_measures

Q = with_measures(size_fair_questionnaire(), [measure("m.known", "a", {"a.plain": 3})])

HEAD = """\
format = "dxcheck.assessment/1"
questionnaire = "t"
questionnaire_version = "2.0.0"

[municipality]
name = "嬉野市"
code = "412091"
prefecture = "佐賀県"
population = 25000
staff = 300

[meta]
assessed_on = 2026-11-21
"""

FULL = (
    HEAD
    + """
[targets]
a = 3.5
b = 2

[answers."a.share"]
value = 12
denominator = 40

[answers."a.staff"]
value = 45

[measures."m.known"]
status = "done"
note = "令和5年度から実施"
start = "令和8年度"
department = "デジタル推進課"
"""
)


def problems(tmp_path: Path, text: str) -> list[Problem]:
    path = tmp_path / "a.toml"
    path.write_text(text, encoding="utf-8")
    try:
        loaded = read_assessment(path)
    except InputError as exc:
        return exc.problems
    return check_assessment(loaded, Q)


def errors(found: list[Problem]) -> list[Problem]:
    return [p for p in found if p.severity is Severity.ERROR]


def test_full_file_reads_checks_clean_and_round_trips(tmp_path: Path) -> None:
    assert problems(tmp_path, FULL) == []
    path = tmp_path / "a.toml"
    loaded = read_assessment(path)
    a = loaded.assessment
    assert a.municipality.staff == 300
    assert a.targets == {"a": 3.5, "b": 2.0}
    assert a.answers["a.share"].denominator == 40
    mark = a.measures["m.known"]
    assert (mark.status, mark.start, mark.department) == ("done", "令和8年度", "デジタル推進課")
    text = to_toml(a, Q)
    assert "staff = 300" in text and "denominator = 40" in text
    assert '[measures."m.known"]' in text and "[targets]" in text
    again = tmp_path / "b.toml"
    again.write_text(text, encoding="utf-8")
    assert read_assessment(again).assessment.model_dump() == a.model_dump()


@pytest.mark.parametrize(
    ("snippet", "field", "reason"),
    [
        ("[municipality]\nstaff = true", "municipality.staff", "整数"),
        ('[municipality]\nstaff = "300"', "municipality.staff", "整数"),
        ("[municipality]\nstaff = 0", "municipality.staff", "1 以上"),
        ("[targets]\na = true", "targets.a", "数値"),
        ("[targets]\na = nan", "targets.a", "有限"),
        ("[targets]\na = 6", "targets.a", "5 以下"),
        (
            '[answers."a.share"]\nvalue = 1\ndenominator = "40"',
            'answers."a.share".denominator',
            "数値",
        ),
        (
            '[answers."a.share"]\nvalue = 1\ndenominator = inf',
            'answers."a.share".denominator',
            "有限",
        ),
        (
            '[answers."a.share"]\nvalue = 1\ndenominator = 0',
            'answers."a.share".denominator',
            "より大きく",
        ),
        ('[measures."m.known"]\nstatus = "started"', 'measures."m.known".status', "のいずれか"),
        ('[measures."m.known"]\nnote = 3', 'measures."m.known".note', "文字列"),
        ('[measures."m.known"]\nowner = "x"', 'measures."m.known".owner', "使えません"),
    ],
)
def test_new_keys_are_strict(tmp_path: Path, snippet: str, field: str, reason: str) -> None:
    if snippet.startswith("[municipality]"):
        # the profile table is the snippet's, with the required names kept
        profile = '\nname = "嬉野市"\ncode = "412091"\nprefecture = "佐賀県"\n'
        text = HEAD.split("[municipality]")[0] + snippet + profile
    else:
        text = HEAD + "\n" + snippet + "\n"
    found = errors(problems(tmp_path, text))
    assert [p.field for p in found] == [field], found
    assert reason in found[0].reason
    assert found[0].line is not None


@pytest.mark.parametrize(
    ("snippet", "field", "reason", "severity"),
    [
        (
            '[answers."a.share"]\nvalue = 12',
            'answers."a.share".denominator',
            "対象とする手続の総数",
            Severity.WARNING,
        ),
        (
            '[answers."a.share"]\nvalue = 41\ndenominator = 40',
            'answers."a.share".value',
            "を超えています",
            Severity.ERROR,
        ),
        (
            '[answers."a.share"]\nvalue = 2.5\ndenominator = 40',
            'answers."a.share".value',
            "整数",
            Severity.ERROR,
        ),
        (
            '[answers."a.share"]\nvalue = 2\ndenominator = 40.5',
            'answers."a.share".denominator',
            "整数",
            Severity.ERROR,
        ),
        (
            '[answers."a.plain"]\nlevel = 2\ndenominator = 40',
            'answers."a.plain".denominator',
            "割合で答える質問ではありません",
            Severity.ERROR,
        ),
        (
            '[answers."a.resident"]\nvalue = 25\nlevel = 4',
            'answers."a.resident".level',
            "レベル 2",
            Severity.WARNING,
        ),
        ("[targets]\nzz = 3", "targets.zz", "分野ID", Severity.ERROR),
        (
            '[measures."m.nothing"]\nstatus = "done"',
            'measures."m.nothing"',
            "取組ID",
            Severity.WARNING,
        ),
    ],
)
def test_checks_against_the_questionnaire(
    tmp_path: Path, snippet: str, field: str, reason: str, severity: Severity
) -> None:
    found = problems(tmp_path, HEAD + "\n" + snippet + "\n")
    assert [(p.field, p.severity) for p in found] == [(field, severity)], found
    assert reason in found[0].reason
    assert found[0].line is not None


def test_per_staff_without_staff_warns_and_uses_the_stated_level(tmp_path: Path) -> None:
    text = HEAD.replace("staff = 300\n", "") + '\n[answers."a.staff"]\nvalue = 45\nlevel = 2\n'
    found = problems(tmp_path, text)
    assert [(p.field, p.severity) for p in found] == [('answers."a.staff".value', Severity.WARNING)]
    assert "職員数" in found[0].reason and "level = 2 を使います" in found[0].reason


def test_a_whole_scope_online_is_valid(tmp_path: Path) -> None:
    # value = denominator is 100 %: the top of the share's range, not beyond it
    assert problems(tmp_path, HEAD + '\n[answers."a.share"]\nvalue = 40\ndenominator = 40\n') == []
