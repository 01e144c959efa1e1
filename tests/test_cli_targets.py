"""`--target national | own` on the command line, and gaps that add up in `score --json`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dxcheck.io.load import load_questionnaire
from tests.test_cli import fill_template, run


def answer_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: str = "") -> Path:
    path = tmp_path / "a.toml"
    run(["template", "-o", str(path)], capsys)
    text = fill_template(path.read_text(encoding="utf-8"))
    path.write_text(text.replace("[meta]", extra + "\n[meta]", 1), encoding="utf-8")
    return path


def test_own_targets_from_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = answer_file(tmp_path, capsys, "[targets]\ngovernance = 3.5\nfrontyard = 1")
    code, out, err = run(["score", str(path), "--json", "--target", "own"], capsys)
    assert code == 0, err
    data = json.loads(out)
    assert data["target"]["kind"] == "own" and data["target"]["label"] == "本団体の目標"
    areas = {a["id"]: a for a in data["areas"]}
    governance = areas["governance"]
    # every known governance question is at level 2, below 3.5: the gap is 1.5 on each
    assert governance["reference"] == 3.5 and governance["gap"] == 1.5
    assert governance["target"] == round(governance["score"] + 1.5, 3)
    assert areas["frontyard"]["gap"] == 0.0 and areas["frontyard"]["below_target"] == []
    assert areas["talent"]["target"] is None


def test_own_target_without_targets_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = answer_file(tmp_path, capsys)
    code, _, err = run(["score", str(path), "--target", "own"], capsys)
    assert code == 1 and "targets: 目標 own には" in err and "Traceback" not in err


def test_national_target_and_gaps_add_up(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    q = load_questionnaire()
    national = [x for x in q.questions if x.national is not None]
    if not national:
        pytest.skip("the shipped questionnaire has no national targets")
    path = answer_file(tmp_path, capsys)
    code, out, err = run(["score", str(path), "--json", "--target", "national"], capsys)
    assert code == 0, err
    data = json.loads(out)
    assert data["target"]["label"] == "国の計画の目標水準"
    for area in data["areas"]:
        if area["gap"] is not None:
            assert area["gap"] == pytest.approx(area["target"] - area["score"], abs=1e-3)
            assert (area["gap"] > 0) == bool(area["below_target"])
    below = {qid for a in data["areas"] for qid in a["below_target"]}
    # answered 2 (or わからない): below target exactly where the national level is above 2
    above_two = {x.id for x in national if x.national is not None and x.national.level > 2}
    assert below and below <= above_two
    code, out, _ = run(["score", str(path), "--target", "national"], capsys)
    assert code == 0 and "目標: 国の計画の目標水準" in out and "差" in out


def test_unknown_target_is_explained(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = answer_file(tmp_path, capsys)
    code, _, err = run(["score", str(path), "--target", "nowhere"], capsys)
    assert code == 2 and "national" in err and "own" in err


def test_the_wizard_offers_the_national_target_when_the_questionnaire_has_one() -> None:
    from dxcheck.core.scoring import benchmark_scores
    from dxcheck.tui.screens.results import target_choices
    from dxcheck.tui.state import WizardData
    from tests.factories import size_fair_questionnaire, small_questionnaire

    with_national = size_fair_questionnaire()
    data = WizardData(with_national, (), benchmark_scores(with_national, []))
    assert ("国の計画の目標水準", "national") in target_choices(data)
    without = small_questionnaire()
    data = WizardData(without, (), benchmark_scores(without, []))
    assert all(value != "national" for _, value in target_choices(data))


def test_custom_target_values_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same text the wizard keeps: `custom:分野ID=値,…` sets a target per area."""
    path = answer_file(tmp_path, capsys)
    target = "custom:governance=3.5,frontyard=1"
    code, out, err = run(["score", str(path), "--json", "--target", target], capsys)
    assert code == 0, err
    data = json.loads(out)
    assert data["target"]["kind"] == "custom" and data["target"]["label"] == "独自の目標値"
    areas = {a["id"]: a for a in data["areas"]}
    assert areas["governance"]["reference"] == 3.5 and areas["governance"]["gap"] == 1.5
    assert areas["talent"]["target"] is None


@pytest.mark.parametrize(
    ("target", "words"),
    [
        ("custom", "custom には分野ごとの値が必要です"),
        ("custom:nosuch=3", "分野「nosuch」は質問票にありません"),
        ("custom:governance=9", "0〜5 の数値"),
        ("somewhere", "目標「somewhere」が分かりません"),
    ],
)
@pytest.mark.parametrize("command", ["score", "report", "plan", "compare"])
def test_a_bad_target_is_refused_in_japanese_by_every_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, target: str, words: str
) -> None:
    path = answer_file(tmp_path, capsys)
    code, _, err = run([command, str(path), "--target", target], capsys)
    assert code == 2 and words in err and "Traceback" not in err
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob("*.docx"))
