"""Reading, checking and writing answer files: every bad input gets a located Japanese error."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dxcheck.core.answers import to_toml
from dxcheck.core.errors import InputError, Problem, Severity
from dxcheck.core.model import Answer
from dxcheck.io.checks import check_assessment
from dxcheck.io.load import read_assessment
from dxcheck.io.store import WriteError, atomic_write_text
from tests.factories import assessment, small_questionnaire

Q = small_questionnaire()

GOOD = """\
format = "dxcheck.assessment/1"
questionnaire = "t"
questionnaire_version = "1.0.0"

[municipality]
name = "嬉野市"
code = "412091"
prefecture = "佐賀県"
population = 25000

[meta]
respondent = "山田"
department = "総務課"
assessed_on = 2026-11-21

[answers."a.one"]
level = 3
note = "メモ"

[answers."a.count"]
value = 120
"""


def write(tmp_path: Path, text: str, name: str = "answers.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[Problem]:
    try:
        loaded = read_assessment(path)
    except InputError as exc:
        return exc.problems
    return check_assessment(loaded, Q)


def errors(path: Path) -> list[Problem]:
    return [p for p in problems(path) if p.severity is Severity.ERROR]


def test_good_file_has_no_problems(tmp_path: Path) -> None:
    assert problems(write(tmp_path, GOOD)) == []


def test_malformed_toml_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("level = 3", "level = = 3"))
    [p] = errors(path)
    assert p.line == 17 and "TOML" in p.reason and p.format().startswith(f"{path}:17:")


@pytest.mark.parametrize(
    ("old", "new", "field", "line", "words"),
    [
        ("level = 3", 'level = "three"', 'answers."a.one".level', 17, "整数"),
        ("level = 3", "level = 7", 'answers."a.one".level', 17, "5 以下"),
        ("level = 3", "level = -1", 'answers."a.one".level', 17, "0 以上"),
        ("population = 25000", 'population = "多い"', "municipality.population", 9, "整数"),
        ("assessed_on = 2026-11-21", 'assessed_on = "昨日"', "meta.assessed_on", 14, "日付"),
        (
            'format = "dxcheck.assessment/1"',
            'format = "other/9"',
            "format",
            1,
            "dxcheck.assessment/1",
        ),
        ('code = "412091"', 'code = "412092"', "municipality.code", 7, "検査数字"),
        ('code = "412091"', 'code = ""', "municipality.code", 7, "空"),
        ('code = "412091"', 'code = "462195"', "municipality.name", 6, "いちき串木野市"),
        ('[answers."a.one"]', '[answers."a.nope"]', 'answers."a.nope"', 16, "質問票にない"),
        (
            "value = 120",
            "value = 120\nunknown = true",
            'answers."a.count".unknown',
            22,
            "わからない",
        ),
        ("value = 120", "value = -5", 'answers."a.count".value', 21, "0 以上"),
        (
            'note = "メモ"',
            "value = 3",
            'answers."a.one".value',
            18,
            "数値で答える質問ではありません",
        ),
    ],
)
def test_each_bad_field_is_located_and_explained(
    tmp_path: Path, old: str, new: str, field: str, line: int, words: str
) -> None:
    path = write(tmp_path, GOOD.replace(old, new))
    found = errors(path)
    assert any(p.field == field and p.line == line and words in p.reason for p in found), found


def test_all_problems_of_a_broken_file_are_reported_at_once(tmp_path: Path) -> None:
    text = GOOD.replace('code = "412091"', 'code = "1"').replace("value = 120", "value = -1")
    text += '\n[answers."zzz.unknown"]\nlevel = 1\n'
    assert len(errors(write(tmp_path, text))) == 3


def test_value_and_level_disagreeing_is_a_warning_and_value_wins(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("value = 120", "value = 120\nlevel = 5"))
    [p] = problems(path)
    assert p.severity is Severity.WARNING and "レベル 3" in p.reason


def test_unknown_extra_keys_are_warnings_not_errors(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace('note = "メモ"', 'note = "メモ"\nlevle = 2'))
    [p] = problems(path)
    assert p.severity is Severity.WARNING and p.field == 'answers."a.one".levle' and p.line == 19


def test_percentage_over_100_is_refused() -> None:
    from dxcheck.core.model import Quantity
    from tests.factories import question

    q = small_questionnaire()
    pct = question(
        "b.rate", "b", quantity=Quantity(label="率", unit="%", thresholds=(1, 25, 50, 75, 90))
    )
    q = q.model_copy(update={"questions": (*q.questions, pct)})
    from dxcheck.io.load import LoadedAssessment, TomlDocument

    loaded = LoadedAssessment(
        assessment({"b.rate": {"value": 150}}), TomlDocument(Path("x.toml"), {})
    )
    [p] = [p for p in check_assessment(loaded, q, require_profile=False)]
    assert "0〜100" in p.reason


def test_non_utf8_binary_huge_missing_and_folder(tmp_path: Path) -> None:
    sjis = tmp_path / "sjis.toml"
    sjis.write_bytes(GOOD.encode("shift_jis"))
    [p] = errors(sjis)
    assert "UTF-8" in p.reason and p.line == 6
    binary = tmp_path / "b.toml"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert "バイナリ" in errors(binary)[0].reason
    huge = tmp_path / "h.toml"
    huge.write_bytes(b"#" * (3 * 1024 * 1024))
    assert "大きすぎます" in errors(huge)[0].reason
    assert "見つかりません" in errors(tmp_path / "none.toml")[0].reason
    assert "フォルダ" in errors(tmp_path)[0].reason


def test_round_trip_keeps_every_answer(tmp_path: Path) -> None:
    a = read_assessment(write(tmp_path, GOOD)).assessment
    a.answers["b.one"] = Answer(unknown=True, note='"引用" と \\ と\n改行')
    again = read_assessment(write(tmp_path, to_toml(a, Q), "b.toml")).assessment
    assert again == a


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_notes_of_any_text_survive_a_round_trip(tmp_path: Path, note: str) -> None:
    note = note.replace("\r", "")  # TOML normalises CR LF; a note is typed text
    a = assessment({"a.one": {"level": 2, "note": note}})
    path = tmp_path / "n.toml"
    atomic_write_text(path, to_toml(a, Q))
    assert read_assessment(path).assessment.answers["a.one"].note == note


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_any_bytes_give_problems_never_a_crash(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.toml"
    path.write_bytes(data)
    assert all(p.reason for p in problems(path))


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, len(GOOD) - 1), st.text(max_size=6))
def test_hand_edits_give_problems_never_a_crash(tmp_path: Path, at: int, insert: str) -> None:
    path = write(tmp_path, GOOD[:at] + insert + GOOD[at + 1 :])
    for p in problems(path):
        assert p.reason and (p.line is None or p.line >= 1)


def test_failed_write_keeps_the_old_file_and_leaves_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, GOOD)

    def full_disk(*_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(WriteError, match="ディスクの空きがありません"):
        atomic_write_text(path, "new")
    assert path.read_text(encoding="utf-8") == GOOD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.toml"]


def test_write_into_missing_folder_says_so(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="フォルダがありません"):
        atomic_write_text(tmp_path / "no" / "x.toml", "x")


def test_new_file_gets_ordinary_permissions_and_replaced_file_keeps_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dxcheck.io.store

    monkeypatch.setattr(dxcheck.io.store, "_UMASK", 0o022)
    old_umask = os.umask(0o022)
    try:
        new = tmp_path / "new.toml"
        atomic_write_text(new, "x")
        assert new.stat().st_mode & 0o777 == 0o644
        kept = tmp_path / "kept.toml"
        kept.write_text("old", encoding="utf-8")
        kept.chmod(0o640)
        atomic_write_text(kept, "new")
        assert kept.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(old_umask)
