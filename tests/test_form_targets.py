"""The Excel form carries the municipality's own targets (the answer file's [targets], used by
`--target own`): TOML → form → TOML keeps them, a bad target cell is a located Japanese error, a
blank cell is no target, and a form made before the 目標 sheet existed still reads."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from dxcheck.__main__ import main
from dxcheck.core.answers import answers_fingerprint, to_toml
from dxcheck.core.model import Assessment, MeasureMark
from dxcheck.io.collect import check_file
from dxcheck.io.form_layout import TARGETS_SHEET
from dxcheck.io.load import load_questionnaire, read_assessment
from dxcheck.io.municipalities import by_code
from tests.samples import synthetic_assessment

Q = load_questionnaire()
TARGETS = {"governance": 3.0, "talent": 2.5, "bpr": 4.0, "opendata": 0.0}


def _answered(a: Assessment) -> dict[str, object]:
    return {qid: ans for qid, ans in a.answers.items() if not ans.is_empty or ans.note}


def _source(tmp_path: Path) -> tuple[Path, Assessment]:
    saga = by_code("412015")
    assert saga is not None
    a = synthetic_assessment(Q, saga, seed=7, assessed_on=dt.date(2026, 11, 2))
    a.targets = dict(TARGETS)
    a.measures = {Q.measures[0].id: MeasureMark(status="done", note="令和7年度に導入済み")}
    path = tmp_path / "answers.toml"
    path.write_text(to_toml(a, Q), encoding="utf-8")
    return path, a


def test_toml_to_form_to_toml_keeps_targets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, original = _source(tmp_path)
    form, back = tmp_path / "form.xlsx", tmp_path / "back.toml"
    assert main(["template", "--from", str(source), "-o", str(form)]) == 0
    # the form has no place for proposal marks: said, with the count, not lost silently
    err = capsys.readouterr().err
    assert "提案の印 1 件は様式に入りません（回答ファイルに残っています）" in err
    book = openpyxl.load_workbook(form)
    sheet = book[TARGETS_SHEET]
    cells = {row[0].value: row[2].value for row in sheet.iter_rows(min_row=2) if row[0].value}
    assert set(cells) == {a.id for a in Q.areas}  # one row per area
    assert {k: v for k, v in cells.items() if v is not None} == TARGETS
    assert sheet.protection.sheet and not sheet["C2"].protection.locked  # only targets unlocked
    assert sheet["A2"].protection.locked
    book.close()
    assert main(["template", "--from", str(form), "-o", str(back)]) == 0
    assert "提案の印" not in capsys.readouterr().err  # to TOML nothing is dropped
    a = read_assessment(back).assessment
    assert a.targets == TARGETS
    assert a.municipality == original.municipality
    # a draft to confirm, not an answer: no 回答日, no 回答者; the 課 and the answers stay
    assert a.meta.assessed_on is None and a.meta.respondent == ""
    assert a.meta.department == original.meta.department
    assert a.meta.prefilled == answers_fingerprint(original)
    assert _answered(a) == _answered(original)
    assert a.measures == {}  # the form carried no marks
    # TOML → TOML keeps the marks and their notes
    draft = tmp_path / "draft.toml"
    assert main(["template", "--from", str(source), "-o", str(draft)]) == 0
    assert "提案の印" not in capsys.readouterr().err
    kept = read_assessment(draft).assessment.measures
    assert kept == original.measures
    assert kept[Q.measures[0].id].status == "done"
    assert kept[Q.measures[0].id].note == "令和7年度に導入済み"


def test_target_typed_into_the_form_is_read_and_used_by_own_target(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, _ = _source(tmp_path)
    form = tmp_path / "form.xlsx"
    assert main(["template", "--from", str(source), "-o", str(form)]) == 0
    book = openpyxl.load_workbook(form)
    sheet = book[TARGETS_SHEET]
    rows = {row[0].value: row[0].row for row in sheet.iter_rows(min_row=2) if row[0].value}
    sheet.cell(rows["security"], 3).value = "４"  # full-width, as text: read with a warning
    sheet.cell(rows["bpr"], 3).value = None  # cleared: no target of its own
    book.save(form)
    loaded = read_assessment(form)
    assert loaded.assessment.targets == {**{k: v for k, v in TARGETS.items() if k != "bpr"},
                                         "security": 4.0}  # fmt: skip
    assert any("!目標!C" in w.format() and "４" in w.reason for w in loaded.warnings)
    capsys.readouterr()
    assert main(["score", str(form), "--target", "own", "--json"]) == 0
    areas = {a["id"]: a for a in json.loads(capsys.readouterr().out)["areas"]}
    assert areas["security"]["target"] == 4.0 and areas["governance"]["target"] == 3.0
    assert areas["bpr"]["target"] is None  # blank: no target of its own


@pytest.mark.parametrize(
    ("value", "reason"),
    [(7, "0〜5"), (-1, "0〜5"), ("=1+2", "数式"), (dt.date(2026, 1, 1), "数値"), ("高め", "数値")],
)
def test_bad_target_cell_is_a_located_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: object, reason: str
) -> None:
    form = tmp_path / "様式.xlsx"
    assert main(["template", "-o", str(form)]) == 0
    book = openpyxl.load_workbook(form)
    sheet = book[TARGETS_SHEET]
    row = next(r[0].row for r in sheet.iter_rows(min_row=2) if r[0].value == "talent")
    sheet.cell(row, 3).value = value
    book.save(form)
    capsys.readouterr()
    assert main(["validate", str(form)]) == 1
    err = capsys.readouterr().err
    line = next(line for line in err.splitlines() if f"!目標!C{row}:" in line)
    assert line.startswith(f"{form}!目標!C{row}: デジタル人材の確保・育成 の目標: ")
    assert reason in line and "Traceback" not in err


def test_unknown_area_id_in_the_targets_sheet_is_located(tmp_path: Path) -> None:
    form = tmp_path / "form.xlsx"
    assert main(["template", "-o", str(form)]) == 0
    book = openpyxl.load_workbook(form)
    sheet = book[TARGETS_SHEET]
    sheet["A2"].value, sheet["C2"].value = "governanse", 3
    book.save(form)
    shown = [p.format() for p in check_file(form, Q).problems]
    assert any("!目標!C2:" in s and "分野ID" in s for s in shown), shown


def test_form_without_targets_sheet_still_reads(tmp_path: Path) -> None:
    """Forms sent out before the 目標 sheet existed come back without it."""
    form = tmp_path / "old.xlsx"
    assert main(["template", "-o", str(form)]) == 0
    book = openpyxl.load_workbook(form)
    del book[TARGETS_SHEET]
    book.save(form)
    loaded = read_assessment(form)
    assert loaded.assessment.targets == {}
    assert not [p for p in check_file(form, Q, require_profile=False).problems if p.cell]


def test_template_from_a_broken_file_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "bad.toml"
    source.write_text('format = "dxcheck.assessment/1"\nquestionnaire = 3\n', encoding="utf-8")
    out = tmp_path / "form.xlsx"
    assert main(["template", "--from", str(source), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "記入済みの様式を作れません" in err and "Traceback" not in err
    assert not out.exists()


def _targets_row(sheet: Any, area: str) -> int:
    return int(next(r[0].row for r in sheet.iter_rows(min_row=2) if r[0].value == area))


def test_percent_formatted_target_cell_is_read_as_a_score(tmp_path: Path) -> None:
    """Targets are 0–5 scores: a %-formatted cell holding 0.03 is 0.03, not 3 (%)."""
    form = tmp_path / "form.xlsx"
    assert main(["template", "-o", str(form)]) == 0
    book = openpyxl.load_workbook(form)
    sheet = book[TARGETS_SHEET]
    cell = sheet.cell(_targets_row(sheet, "talent"), 3)
    cell.value, cell.number_format = 0.03, "0%"
    book.save(form)
    loaded = read_assessment(form)
    assert loaded.assessment.targets == {"talent": 0.03}
    assert not [w for w in loaded.warnings if "%" in w.reason]


@pytest.mark.parametrize("typed", ["3,5", "３，５", "4,25"])
def test_decimal_comma_in_a_target_is_a_located_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], typed: str
) -> None:
    """「3,5」 is not 35 (then 「out of 0〜5」): it is refused, saying to type 3.5."""
    form = tmp_path / "form.xlsx"
    assert main(["template", "-o", str(form)]) == 0
    book = openpyxl.load_workbook(form)
    sheet = book[TARGETS_SHEET]
    row = _targets_row(sheet, "talent")
    sheet.cell(row, 3).value = typed
    book.save(form)
    capsys.readouterr()
    assert main(["validate", str(form)]) == 1
    err = capsys.readouterr().err
    line = next(line for line in err.splitlines() if f"!目標!C{row}:" in line)
    assert line.startswith(f"{form}!目標!C{row}: デジタル人材の確保・育成 の目標: ")
    assert "小数点は「.」" in line and typed in line
    assert "0〜5" not in line and "Traceback" not in err


def test_thousands_separator_in_a_value_still_reads(tmp_path: Path) -> None:
    """The decimal-comma rule does not touch 12,345 typed as text into 数値."""
    form = tmp_path / "form.xlsx"
    assert main(["template", "-o", str(form)]) == 0
    book = openpyxl.load_workbook(form)
    sheet = book["回答"]
    header = {c.value: c.column for c in sheet[1]}
    row = next(r[0].row for r in sheet.iter_rows(min_row=2)
               if r[header["数値で答える項目（単位）"] - 1].value)  # fmt: skip
    qid = sheet.cell(row, 1).value
    sheet.cell(row, header["数値"]).value = "1,234"
    book.save(form)
    loaded = read_assessment(form)
    assert loaded.assessment.answers[qid].value == 1234
    assert any("1,234" in w.reason for w in loaded.warnings)


def test_duplicate_area_id_is_named_by_its_id(tmp_path: Path) -> None:
    """A copied row whose 分野 cell still names another area: the error names the ID."""
    form = tmp_path / "form.xlsx"
    assert main(["template", "-o", str(form)]) == 0
    book = openpyxl.load_workbook(form)
    sheet = book[TARGETS_SHEET]
    row = _targets_row(sheet, "talent")  # its 分野 column says デジタル人材の確保・育成
    sheet.cell(row, 1).value = "governance"
    book.save(form)
    problems = [p for p in check_file(form, Q).problems if p.cell == f"目標!A{row}"]
    assert len(problems) == 1, problems
    shown = problems[0].format()
    assert shown.startswith(f"{form}!目標!A{row}: 分野ID governance: ")
    assert "同じ分野ID「governance」の行が2つあります" in shown
    assert "デジタル人材" not in shown


def _bad_form(tmp_path: Path) -> tuple[Path, str]:
    bad = tmp_path / "bad.xlsx"
    assert main(["template", "-o", str(bad)]) == 0
    book = openpyxl.load_workbook(bad)
    book["回答"]["D2"] = "=1+2"
    book.save(bad)
    return bad, f"{bad}!回答!D2: "


def _bad_toml(tmp_path: Path) -> tuple[Path, str]:
    bad = tmp_path / "bad.toml"
    bad.write_text('format = "dxcheck.assessment/1"\nquestionnaire = 3\n', encoding="utf-8")
    return bad, f"{bad}:2: "


@pytest.mark.parametrize("make_bad", [_bad_form, _bad_toml])
@pytest.mark.parametrize("suffix", [".xlsx", ".toml"])
def test_template_from_a_bad_file_leaves_the_existing_output_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make_bad: object, suffix: str
) -> None:
    """`--force` replaces an output only with a good one: from a bad source the file already
    there stays byte for byte, and the error names file and cell (or line)."""
    assert callable(make_bad)
    bad, where = make_bad(tmp_path)
    existing = tmp_path / f"existing{suffix}"
    assert main(["template", "-o", str(existing)]) == 0
    before = existing.read_bytes()
    capsys.readouterr()
    assert main(["template", "--from", str(bad), "-o", str(existing), "--force"]) == 1
    err = capsys.readouterr().err
    assert any(line.startswith(where) for line in err.splitlines()), err
    assert "記入済みの様式を作れません" in err and "Traceback" not in err
    assert existing.read_bytes() == before
