"""Questionnaire 2's data model: size-fair scales, national evidence, national measures, mapping."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from dxcheck.core.model import Evidence, MappingRow, Measure, Quantity, QuestionnaireMapping
from tests.factories import NATIONAL, size_fair_questionnaire

Q = size_fair_questionnaire()


def test_share_scales_by_the_denominator_and_needs_it() -> None:
    qty = Q.question("a.share").quantity
    assert qty is not None
    assert qty.scaled(12, 40) == pytest.approx(30.0)
    assert qty.level_for(12, 40) == 3
    assert qty.level_for(3, 10) == 3  # same share, a tenth of the scope: same level
    assert qty.scaled(12) is None and qty.level_for(12) is None
    assert qty.level_for(12, 0) is None


def test_per_staff_and_per_resident_use_the_profile() -> None:
    staff = Q.question("a.staff").quantity
    resident = Q.question("a.resident").quantity
    assert staff is not None and resident is not None
    assert staff.scaled(45, staff=300) == pytest.approx(15.0)
    assert staff.level_for(45, staff=300) == 3
    assert staff.level_for(45, population=300) is None
    assert resident.scaled(25, population=25_000) == pytest.approx(10.0)
    assert resident.level_for(25, population=25_000) == 2


def test_absolute_and_percent_are_taken_as_they_are() -> None:
    absolute = Quantity(label="x", unit="手続", thresholds=(1, 2, 3, 4, 5))
    assert absolute.basis == "absolute"  # questionnaire 4.0.0's numbers
    assert absolute.level_for(3) == 3
    percent = Quantity(label="x", unit="%", basis="percent", thresholds=(10, 20, 30, 40, 50))
    assert percent.level_for(35, staff=None) == 3


def test_a_share_must_name_its_denominator() -> None:
    with pytest.raises(ValidationError, match="denominator_label"):
        Quantity(label="x", unit="%", basis="share", thresholds=(1, 2, 3, 4, 5))
    with pytest.raises(ValidationError, match="denominator_label"):
        Quantity(label="x", unit="人", denominator_label="y", thresholds=(1, 2, 3, 4, 5))


def test_national_evidence_is_named() -> None:
    with pytest.raises(ValidationError, match="title"):
        Evidence(source="national", locator="l", quote="q")
    assert NATIONAL[0].is_national


def test_a_national_measure_may_have_no_city_but_then_national_evidence() -> None:
    base = {
        "id": "m.national",
        "title": "t",
        "description": "d",
        "area": "a",
        "raises": [{"question": "a.plain", "to_level": 3}],
        "cost": "low",
        "horizon": "short",
    }
    m = Measure.model_validate(
        {**base, "origin": "national", "evidence": [NATIONAL[0].model_dump()], "kpi": {"name": "k"}}
    )
    assert m.cities == () and m.kpi is not None
    with pytest.raises(ValidationError, match="evidence"):
        Measure.model_validate({**base, "origin": "national"})
    with pytest.raises(ValidationError, match="cities"):
        Measure.model_validate(base)
    with pytest.raises(ValidationError, match="自分自身"):
        Measure.model_validate(
            {
                **base,
                "origin": "national",
                "evidence": [NATIONAL[0].model_dump()],
                "prerequisites": ["m.national"],
            }
        )


def test_mapping_rows_are_consistent() -> None:
    MappingRow(old="a.x", new="a.y", rule="rederive")
    MappingRow(old="a.x", rule="dropped")
    with pytest.raises(ValidationError, match="new"):
        MappingRow(old="a.x", rule="same")
    with pytest.raises(ValidationError, match="dropped"):
        MappingRow(old="a.x", new="a.y", rule="dropped")
    with pytest.raises(ValidationError, match="2つ"):
        QuestionnaireMapping(
            from_version="1.0.0",
            questions=(
                MappingRow(old="a.x", rule="dropped"),
                MappingRow(old="a.x", rule="dropped"),
            ),
        )


def test_mapping_file_loads_with_the_questionnaire(tmp_path: Path) -> None:
    import shutil

    from dxcheck.io.load import load_questionnaire, questionnaire_dirs

    source = questionnaire_dirs()["4.0.0"]
    folder = tmp_path / "jichitai-dx-9.9"
    shutil.copytree(source, folder)
    (folder / "mapping.toml").write_text(
        'from_version = "3.0.0"\n\n[[questions]]\nold = "a.x"\nrule = "dropped"\nnote = "廃止"\n',
        encoding="utf-8",
    )
    q = load_questionnaire(folder)
    assert q.mapping is not None and q.mapping.from_version == "3.0.0"
    assert q.mapping.questions[0].rule == "dropped"


def test_a_bad_mapping_file_is_located(tmp_path: Path) -> None:
    import shutil

    from dxcheck.core.errors import InputError
    from dxcheck.io.load import load_questionnaire, questionnaire_dirs

    folder = tmp_path / "jichitai-dx-9.8"
    shutil.copytree(questionnaire_dirs()["4.0.0"], folder)
    (folder / "mapping.toml").write_text(
        'from_version = "3.0.0"\n\n[[questions]]\nold = "a.x"\nrule = "moved"\n', encoding="utf-8"
    )
    with pytest.raises(InputError) as caught:
        load_questionnaire(folder)
    problem = caught.value.problems[0]
    assert problem.file.endswith("mapping.toml") and problem.field == "questions[1].rule"
    assert problem.line == 5
