"""Hostile answer files (issue 9): every one compared or refused with a located Japanese
reason — no traceback, no hang, nothing silently dropped.

The corpus (tests/hostile_corpus.py) is used twice: as fixed files, one per attack, and as a
hypothesis strategy of mutated files. scripts/fuzz_inputs.py runs the same corpus by the
thousand through the real commands.
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dxcheck.__main__ import main
from dxcheck.core.errors import MAX_REASON, Severity
from dxcheck.io.collect import check_file, collect
from dxcheck.io.load import load_questionnaire, read_regular_file

from .hostile_corpus import TOWN, fixed_texts, good_text, mutated, special_paths, write_text

Q = load_questionnaire()
FIXED = fixed_texts(Q)


def text_of(name: str) -> str:
    """A fixed attack that is text (some are raw bytes)."""
    value = FIXED[name]
    assert isinstance(value, str)
    return value


JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
ENGLISH_FROM_LIBRARIES = re.compile(
    r"Invalid|Expected|Unterminated|Illegal|Input should|validation error|Exceeds the limit"
)


def _assert_refused_in_japanese(path: Path) -> list[str]:
    checked = check_file(path, Q)
    errors = [p for p in checked.problems if p.severity is Severity.ERROR]
    assert errors and not checked.ok, path.name
    for p in errors:
        assert p.file == str(path)
        assert JAPANESE.search(p.reason), p.reason
        assert not ENGLISH_FROM_LIBRARIES.search(p.reason), p.reason
        assert len(p.reason) <= MAX_REASON
    return [p.format() for p in errors]


ACCEPTED = {"deep-extra-ok-for-tomli": False, "nested-extra": True, "crlf": True}


@pytest.mark.parametrize("name", sorted(FIXED))
def test_each_fixed_attack_is_refused_with_a_located_japanese_reason_or_accepted(
    name: str, tmp_path: Path
) -> None:
    path = write_text(tmp_path / f"{name}.toml", FIXED[name])
    if ACCEPTED.get(name) or name in {"esc-name", "esc-key"}:
        assert check_file(path, Q).ok  # an unknown key is a warning, kept
    else:
        _assert_refused_in_japanese(path)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 2**32 - 1), base=st.integers(0, 3))
def test_mutated_files_are_never_a_crash(seed: int, base: int, tmp_path: Path) -> None:
    text = mutated(random.Random(seed), good_text(Q, seed=base))
    path = write_text(tmp_path / f"m{seed}.toml", text)
    checked = check_file(path, Q)  # must not raise
    if not checked.ok:
        for p in checked.problems:
            assert JAPANESE.search(p.reason) and not ENGLISH_FROM_LIBRARIES.search(p.reason)


def test_strict_types_are_named_not_coerced(tmp_path: Path) -> None:
    said = {
        name: " ".join(_assert_refused_in_japanese(write_text(tmp_path / f"{name}.toml", FIXED[name])))
        for name in ("level-true", "level-string", "population-bool", "value-nan", "value-inf")
    }  # fmt: skip
    assert "level: 整数で書いてください（書かれている値: true）" in said["level-true"]
    assert 'level: 整数で書いてください（書かれている値: "5"）' in said["level-string"]
    assert "population: 整数で書いてください" in said["population-bool"]
    assert "nan や inf は使えません" in said["value-nan"] and "-inf" in said["value-inf"]
    unknown = write_text(
        tmp_path / "u.toml",
        text_of("level-true").replace("level = true", "unknown = 1"),
    )
    assert any("true か false" in line for line in _assert_refused_in_japanese(unknown))


def test_limits_of_the_parser_become_located_japanese_errors(tmp_path: Path) -> None:
    deep = " ".join(
        _assert_refused_in_japanese(write_text(tmp_path / "d.toml", FIXED["deep-array"]))
    )
    assert "入れ子が深すぎます" in deep
    parts = " ".join(
        _assert_refused_in_japanese(write_text(tmp_path / "k.toml", FIXED["key-parts"]))
    )
    assert "多すぎます" in parts
    big = _assert_refused_in_japanese(write_text(tmp_path / "i.toml", FIXED["huge-level"]))
    line = text_of("huge-level").split("9" * 100)[0].count("\n") + 1
    assert any(f"i.toml:{line}: 数値が大きすぎます" in b for b in big)


def test_syntax_errors_at_the_end_keep_their_line(tmp_path: Path) -> None:
    text = text_of("eof-syntax")
    [error] = _assert_refused_in_japanese(write_text(tmp_path / "eof.toml", text))
    assert f"eof.toml:{text.count(chr(10)) + 1}: TOMLの書き方に誤りがあります" in error


def test_unicode_line_separators_in_a_note_do_not_shift_line_numbers(tmp_path: Path) -> None:
    good = good_text(Q)
    first, second = Q.questions[0].id, Q.questions[1].id
    text = good.replace(
        f'[answers."{first}"]\n', f'[answers."{first}"]\nnote = "一\u2028二\u0085三\u2029四"\n', 1
    )
    text = re.sub(
        rf'(\[answers\."{re.escape(second)}"\]\n)(level = \d+\n)?', r"\1level = 9\n", text, count=1
    )
    path = write_text(tmp_path / "lines.toml", text)
    line = text.split("\n").index("level = 9") + 1
    errors = _assert_refused_in_japanese(path)
    assert any(e.startswith(f"{path}:{line}: ") for e in errors), (line, errors)


def test_codes_are_six_ascii_digits_so_one_town_is_one_row(tmp_path: Path) -> None:
    good = good_text(Q)
    write_text(tmp_path / "plain.toml", good)
    write_text(tmp_path / "spaces.toml", FIXED["code-spaces"])
    write_text(tmp_path / "wide.toml", FIXED["code-fullwidth"])
    comparison = collect([tmp_path], Q)
    assert [s.code for s in comparison.compared] == [TOWN.code]
    assert sorted(Path(r.path).name for r in comparison.rejected) == ["spaces.toml", "wide.toml"]
    for r in comparison.rejected:
        assert any("「011002」と書いてください" in p.reason for p in r.problems)


def test_a_future_assessed_on_is_refused_by_the_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_text(tmp_path / "future.toml", FIXED["future-date"])
    assert main(["validate", str(path)]) == 1
    assert "meta.assessed_on: 未来の日付です" in capsys.readouterr().err


def test_score_json_survives_nested_extra_keys(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_text(tmp_path / "extra.toml", FIXED["nested-extra"])
    assert main(["score", "--json", str(path)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["municipality"]["code"] == TOWN.code and "extra" not in out["municipality"]


def test_a_long_value_makes_a_short_reason(tmp_path: Path) -> None:
    # a 100,000-character value once became a 100,000-character reason, which the comparison
    # PDF then laid out in quadratic time (scripts/fuzz_inputs.py measures it)
    [error, *_] = _assert_refused_in_japanese(
        write_text(tmp_path / "long.toml", FIXED["long-reason"])
    )
    assert len(error) < MAX_REASON + 200 and error.rstrip("）").endswith("…")


# ---------------------------------------------------------------- paths that are no plain file


def test_every_path_in_a_folder_is_compared_or_named(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    made = special_paths(folder, good_text(Q))
    comparison = collect([folder], Q)
    compared = {Path(s.path).name for s in comparison.compared}
    compared |= {Path(s.path).name for g in comparison.earlier.values() for s in g}
    reasons = {Path(r.path).name: r.problems[0].reason for r in comparison.rejected}
    assert compared == {"UPPER.TOML"}  # upper-case suffix: compared
    assert "循環" in reasons["loop.toml"]
    assert "見つかりません" in reasons["dangling.toml"]
    assert "隠しファイル" in reasons[".hidden.toml"] and "隠しファイル" in reasons["._mac.toml"]
    assert "隠しフォルダ" in reasons[".cache"]
    assert "シンボリックリンクのフォルダ" in reasons["linked"]
    if "fifo" in made:
        assert "名前付きパイプ" in reasons["pipe.toml"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
@pytest.mark.parametrize("command", ["validate", "compare", "merge"])
def test_a_fifo_named_toml_does_not_hang_a_command(command: str, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    good = write_text(tmp_path / "good.toml", good_text(Q))
    argv = {
        "validate": ["validate", str(fifo)],
        "compare": ["compare", str(tmp_path), "--quiet"],
        "merge": ["merge", str(good), str(fifo), "-o", str(tmp_path / "m.toml")],
    }[command]
    result = subprocess.run(
        [sys.executable, "-m", "dxcheck", *argv], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "pipe.toml: 通常のファイルではありません（名前付きパイプ）" in result.stderr
    assert not (tmp_path / "m.toml").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_reading_a_fifo_returns_at_once(tmp_path: Path) -> None:
    from dxcheck.core.errors import InputError

    os.mkfifo(tmp_path / "p.toml")
    with pytest.raises(InputError, match="名前付きパイプ"):
        read_regular_file(tmp_path / "p.toml")


def test_an_unreadable_folder_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulated: the tests may run as root, for whom chmod 000 hides nothing."""
    folder = tmp_path / "inbox"
    write_text(folder / "a.toml", good_text(Q))
    write_text(folder / "locked" / "b.toml", good_text(Q, seed=1))
    real_scandir = os.scandir

    def scandir(path: object) -> object:
        if Path(str(path)).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", scandir)
    comparison = collect([folder], Q)
    [refused] = comparison.rejected
    assert Path(refused.path).name == "locked" and "権限" in refused.problems[0].reason


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads every folder")
def test_an_unreadable_folder_is_named_for_real(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    write_text(folder / "locked" / "b.toml", good_text(Q))
    (folder / "locked").chmod(0)
    try:
        comparison = collect([folder], Q)
    finally:
        (folder / "locked").chmod(0o755)
    assert [Path(r.path).name for r in comparison.rejected] == ["locked"]
