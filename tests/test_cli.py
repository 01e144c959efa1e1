"""The command line as a user or a script meets it: exit codes, JSON shapes, messages."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from dxcheck.__main__ import main
from dxcheck.io.load import load_benchmarks, load_questionnaire

Q = load_questionnaire()


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def fill_template(text: str) -> str:
    """What a user does in a text editor: the profile, then a level or わからない per question."""
    text = text.replace('name = ""', 'name = "嬉野市"', 1)
    text = text.replace('code = ""', 'code = "412091"', 1)
    text = text.replace('prefecture = ""', 'prefecture = "佐賀県"', 1)
    out = []
    for n, line in enumerate(text.splitlines()):
        out.append(line)
        if line.startswith('[answers."'):
            out.append("unknown = true" if n % 5 == 0 else "level = 2")
    return "\n".join(out) + "\n"


def test_template_lists_every_question_with_its_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "t.toml"
    code, out, _ = run(["template", "-o", str(path)], capsys)
    assert code == 0 and f"{len(Q.questions)} 問" in out
    text = path.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    assert set(data["answers"]) == {q.id for q in Q.questions}
    assert all(v == {} for v in data["answers"].values())
    assert Q.questions[0].text in text and "わからない場合: unknown = true" in text
    assert set(data["municipality"]) >= {"name", "code", "prefecture"}


def test_template_refuses_to_overwrite_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "t.toml"
    path.write_text("mine", encoding="utf-8")
    code, _, err = run(["template", "-o", str(path)], capsys)
    assert code == 1 and "--force" in err and path.read_text(encoding="utf-8") == "mine"


def test_filled_template_validates_and_scores(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "t.toml"
    run(["template", "-o", str(path)], capsys)
    path.write_text(fill_template(path.read_text(encoding="utf-8")), encoding="utf-8")
    code, out, err = run(["validate", str(path)], capsys)
    assert (code, err) == (0, "") and out.strip().endswith("OK")
    code, out, _ = run(["score", str(path), "--json"], capsys)
    data = json.loads(out)
    assert code == 0
    assert data["municipality"]["code"] == "412091"
    assert data["questionnaire"] == Q.id
    assert [a["id"] for a in data["areas"]] == [a.id for a in Q.areas]
    for area in data["areas"]:
        assert set(area) >= {"id", "name", "score", "answered", "total"}
        assert area["score"] in (None, 2.0)
    assert data["overall"] == 2.0
    code, out, _ = run(["score", str(path)], capsys)
    assert code == 0 and "嬉野市" in out and "総合スコア 2.00" in out


def test_validate_names_every_problem_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(
        'format = "dxcheck.assessment/1"\nquestionnaire = "jichitai-dx"\n'
        'questionnaire_version = "4.1.0"\n'
        '[municipality]\nname = "嬉野市"\ncode = "412092"\nprefecture = "佐賀県"\n'
        '[answers."governance.dx-plan"]\nlevel = 9\n'
        '[answers."nope.nothing"]\nlevel = 1\n',
        encoding="utf-8",
    )
    code, out, err = run(["validate", str(path)], capsys)
    assert code == 1 and "OK" not in out
    assert err.strip().splitlines() == [
        f"{path}:6: municipality.code: 団体コード「412092」の検査数字（6桁目）が正しくありません（正しくは 1）",
        f'{path}:9: answers."governance.dx-plan".level: 5 以下にしてください（書かれている値: 9）',
        f'{path}:10: answers."nope.nothing": 質問票にない質問IDです（ID の綴りを確認してください）',
    ]


def test_validate_many_files_counts_and_exit_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "g.toml"
    run(["template", "-o", str(good)], capsys)
    good.write_text(fill_template(good.read_text(encoding="utf-8")), encoding="utf-8")
    bad = tmp_path / "b.toml"
    bad.write_bytes(b"\xff\xfe garbage")
    code, out, err = run(["validate", str(good), str(bad)], capsys)
    assert code == 1 and "2 ファイル中 1 ファイルに誤りはありません" in out and "UTF-8" in err


def test_score_on_invalid_file_exits_1_without_traceback(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_text("level = = 3", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "dxcheck", "score", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "TOMLの書き方に誤りがあります" in result.stderr


def test_benchmarks_json_shows_five_cities_fourteen_areas_with_coverage(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(["benchmarks", "--json"], capsys)
    data = json.loads(out)
    assert code == 0 and data["questionnaire"] == Q.id
    names = [c["name"] for c in data["cities"]]
    assert names == ["嬉野市", "上天草市", "潟上市", "南島原市", "いちき串木野市"]
    for city in data["cities"]:
        assert set(city) >= {"id", "name", "prefecture", "as_of", "overall", "areas"}
        assert len(city["areas"]) == 14
        for area in city["areas"]:
            assert 0 <= area["answered"] <= area["total"]
            assert (area["score"] is None) == (area["answered"] == 0)
    minami = next(c for c in data["cities"] if c["id"] == "minamishimabara")
    assert sum(a["score"] is None for a in minami["areas"]) >= 7  # a policy: gaps, not guesses
    assert len(load_benchmarks()) == 5


def test_benchmarks_table_fits_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    from dxcheck.core.textwidth import width

    code, out, _ = run(["benchmarks"], capsys)
    assert code == 0
    assert max(width(line) for line in out.splitlines()[1:]) <= 80


def test_unknown_command_is_explained_in_japanese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["frobnicate"])
    assert exc.value.code == 2 and "選べません" in capsys.readouterr().err


def test_help_is_japanese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "使い方:" in out and "validate" in out and "回答ファイルを検査します" in out


@pytest.mark.parametrize(
    ("argv", "enabled"), [(["benchmarks", "--json"], False), (["--version"], True)]
)
def test_only_one_shot_commands_run_without_the_cyclic_gc(argv: list[str], enabled: bool) -> None:
    code = (
        "import gc, sys\n"
        f"sys.argv = ['dxcheck', *{argv!r}]\n"
        "from dxcheck.__main__ import run_command_line\n"
        "try:\n    run_command_line()\nexcept SystemExit:\n    pass\n"
        "print('GC', gc.isenabled())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == f"GC {enabled}"
