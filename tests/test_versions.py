"""Answer files of an older questionnaire version open under the current one (DESIGN §5)."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from dxcheck.__main__ import main
from dxcheck.core.model import (
    Answer,
    Assessment,
    MappingRow,
    MunicipalityInfo,
    QuestionnaireMapping,
)
from dxcheck.core.scoring import score_assessment
from dxcheck.core.versions import can_upgrade, upgrade
from dxcheck.io import load
from tests.factories import size_fair_questionnaire, small_questionnaire

OLD = small_questionnaire()  # version 1.0.0; a.count is an absolute count (1, 30, 100, 200, 300)
NEW = size_fair_questionnaire().model_copy(
    update={
        "version": "2.0.0",
        "mapping": QuestionnaireMapping(
            from_version="1.0.0",
            questions=(
                MappingRow(old="a.one", new="b.one", rule="same"),
                MappingRow(old="a.two", new="a.plain", rule="level", note="問い方を変えました"),
                MappingRow(old="a.count", new="a.staff", rule="rederive"),
                MappingRow(old="b.one", new="a.share", rule="rederive"),
                MappingRow(old="b.two", rule="dropped", note="他の質問に統合"),
            ),
        ),
    }
)


def old_file(staff: int | None, **answers: dict[str, object]) -> Assessment:
    return Assessment(
        questionnaire="t",
        questionnaire_version="1.0.0",
        municipality=MunicipalityInfo(name="町", population=8_000, staff=staff),
        answers={k: Answer.model_validate(v) for k, v in answers.items()},
    )


def test_each_rule_carries_the_answer_as_it_says() -> None:
    a = old_file(
        300,
        **{
            "a.one": {"level": 2, "note": "メモ"},
            "a.two": {"level": 4},
            "a.count": {"value": 120},  # old level 3; 120 per 300 staff = 40 per 100 → 4
            "b.one": {"level": 1},
            "b.two": {"level": 5},
        },
    )
    assert can_upgrade(a, NEW)
    up = upgrade(a, OLD, NEW)
    new = up.assessment
    assert new.questionnaire_version == "2.0.0" and up.from_version == "1.0.0"
    assert new.answers["b.one"] == Answer(level=2, note="メモ")
    assert new.answers["a.plain"].level == 4
    assert (new.answers["a.staff"].level, new.answers["a.staff"].value) == (4, 120)
    assert new.answers["a.share"].level == 1  # no number to re-derive from: the level stays
    assert "b.two" not in new.answers and "a.resident" not in new.answers
    by_old = {n.old_id: n for n in up.notes}
    assert by_old["a.one"].text == "回答を新しい質問 b.one に引き継ぎました"
    assert (
        "レベル 4 を引き継ぎました" in by_old["a.two"].text
        and "問い方を変えました" in by_old["a.two"].text
    )
    assert "レベル 4 を計算し直しました（以前はレベル 3）" in by_old["a.count"].text
    assert by_old["b.two"].rule == "dropped" and "他の質問に統合" in by_old["b.two"].text
    assert up.new_questions == ("a.resident", "b.two")
    assert "新しい質問（未回答） 2 問" in up.summary("2.0.0")
    card = score_assessment(NEW, new)
    assert card.states["a.resident"] is None  # new questions start unanswered


def test_rederive_without_the_new_denominator_keeps_the_old_level_and_the_number() -> None:
    up = upgrade(old_file(None, **{"a.count": {"value": 120}}), OLD, NEW)
    answer = up.assessment.answers["a.staff"]
    assert (answer.level, answer.value) == (3, 120)
    assert "職員数" in up.notes[0].text and "以前のレベル 3" in up.notes[0].text
    # adding the missing staff later re-derives the level from the kept number
    later = up.assessment.model_copy(
        update={"municipality": MunicipalityInfo(name="町", population=8_000, staff=300)}
    )
    assert score_assessment(NEW, later).states["a.staff"] == 4


def test_level_rule_drops_the_number_and_unknown_stays_unknown() -> None:
    mapping = QuestionnaireMapping(
        from_version="1.0.0",
        questions=(
            MappingRow(old="a.count", new="a.share", rule="level"),
            MappingRow(old="a.one", new="a.plain", rule="level"),
        ),
    )
    new_q = NEW.model_copy(update={"mapping": mapping})
    up = upgrade(
        old_file(None, **{"a.count": {"value": 30}, "a.one": {"unknown": True}}), OLD, new_q
    )
    assert up.assessment.answers["a.share"] == Answer(level=2)
    assert "数値 30 は新しい尺度に合わないため外しました" in up.notes[0].text
    assert up.assessment.answers["a.plain"].unknown


def test_a_file_of_an_unknown_version_is_not_mapped() -> None:
    a = old_file(None).model_copy(update={"questionnaire_version": "0.9.0"})
    assert not can_upgrade(a, NEW)
    assert not can_upgrade(old_file(None).model_copy(update={"questionnaire": "x"}), NEW)


# ---------------------------------------------------------------- the shipped path, end to end


@pytest.fixture
def two_versions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The shipped 4.0.0 questionnaire and a 4.1.0 made from it, with size-fair scales on two
    questions and a mapping.toml, installed as dxcheck's questionnaires."""
    root = tmp_path / "questionnaires"
    old_dir = load.questionnaire_dirs()["4.0.0"]
    shutil.copytree(old_dir, root / "jichitai-dx-4.0")
    new_dir = root / "jichitai-dx-4.1"
    shutil.copytree(old_dir, new_dir)
    text = (new_dir / "questionnaire.toml").read_text(encoding="utf-8")
    text = re.sub(r'^version = "4\.0\.0"', 'version = "4.1.0"', text, count=1, flags=re.M)
    text = text.replace(
        'label = "IT関係資格を取得している職員数"\nunit = "人"\nthresholds = [1, 5, 15, 30, 50]',
        'label = "IT関係資格の取得者（職員100人あたり）"\nunit = "人"\nbasis = "per_staff"\n'
        'value_label = "IT関係資格を取得している職員数"\nthresholds = [1, 2, 4, 6, 10]',
    )
    text = text.replace(
        'label = "オンラインで申請・申込みができる手続の数"\nunit = "手続"\n'
        "thresholds = [1, 30, 100, 200, 300]",
        'label = "オンラインで申請できる手続の割合"\nunit = "%"\nbasis = "share"\n'
        'denominator_label = "対象とする手続の総数"\nmax = 100\nthresholds = [1, 10, 30, 60, 90]',
    )
    (new_dir / "questionnaire.toml").write_text(text, encoding="utf-8")
    rows = [
        '[[questions]]\nold = "talent.it-certification"\nnew = "talent.it-certification"\n'
        'rule = "rederive"\nnote = "職員100人あたりの尺度にしました"\n',
        '[[questions]]\nold = "frontyard.online-procedures"\n'
        'new = "frontyard.online-procedures"\nrule = "level"\n',
        '[[questions]]\nold = "governance.dx-plan"\nnew = "governance.dx-plan"\nrule = "same"\n',
    ]
    (new_dir / "mapping.toml").write_text(
        'from_version = "4.0.0"\n\n' + "\n".join(rows), encoding="utf-8"
    )
    monkeypatch.setattr(load, "questionnaires_dir", lambda: root)
    monkeypatch.setattr(load, "default_questionnaire_dir", lambda: new_dir)
    load.load_questionnaire.cache_clear()
    load.questionnaire_dirs.cache_clear()
    yield tmp_path
    load.load_questionnaire.cache_clear()
    load.questionnaire_dirs.cache_clear()


OLD_FILE = """\
format = "dxcheck.assessment/1"
questionnaire = "jichitai-dx"
questionnaire_version = "4.0.0"

[municipality]
name = "嬉野市"
code = "412091"
prefecture = "佐賀県"
population = 25000
staff = 300

[meta]
assessed_on = 2025-11-21

[answers."governance.dx-plan"]
level = 3

[answers."talent.it-certification"]
value = 20

[answers."frontyard.online-procedures"]
value = 120
"""


def test_validate_score_and_compare_a_4_0_file_under_4_1(
    two_versions: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = two_versions / "old.toml"
    path.write_text(OLD_FILE, encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    out, err = capsys.readouterr()
    assert "OK" in out
    lines = err.splitlines()
    assert lines[0] == (
        f"{path}:3: questionnaire_version: 警告: 質問票 4.0.0 版の回答ファイルです。4.1.0 版に読み替えて扱います"
        f"（引き継ぎ 1 問、レベルのみ引き継ぎ 1 問、数値から再計算 1 問、新しい質問（未回答） "
        f"{len(load.load_questionnaire().questions) - 3} 問）"
    )
    assert any(
        line.startswith(f'{path}:18: answers."talent.it-certification": 警告: 新しい尺度で数値 20')
        and "レベル 4 を計算し直しました（以前はレベル 3）" in line
        for line in lines
    ), lines
    assert any(
        line.startswith(
            f'{path}:21: answers."frontyard.online-procedures": 警告: 尺度が変わったため、以前のレベル 3'
        )
        for line in lines
    ), lines

    assert main(["score", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["questionnaire_version"], data["answered_version"]) == ("4.1.0", "4.0.0")
    talent = next(a for a in data["areas"] if a["id"] == "talent")
    assert (talent["answered"], talent["score"]) == (1, 4.0)

    out_csv = two_versions / "c.csv"
    assert main(["compare", str(path), "--csv", str(out_csv), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert (
        "質問票 4.0.0 版の回答ファイルが 1 件あります。版の対応表で現在の質問票に読み替えて比較しました"
        in out
    )
    text = out_csv.read_text(encoding="utf-8-sig")
    header, row = text.splitlines()[:2]
    assert "回答した質問票の版" in header and ",4.0.0," in row
