"""Last round's answers sent back as this round's drafts (`campaign init --from-previous`,
`template --from`): a draft returned unchanged is 未提出 for `campaign status` and `compare`
alike — even re-saved by Excel — while one changed answer, or a 回答日 written to confirm it
(「前回のままで変わりありません」), makes it an answer."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tomllib
from pathlib import Path

import openpyxl
import pytest

from dxcheck.__main__ import main
from dxcheck.core.answers import answers_fingerprint, is_blank, is_untouched_draft, to_toml
from dxcheck.core.model import Answer, Assessment
from dxcheck.io.campaign import MANIFEST, NOT_RETURNED, campaign_status, members
from dxcheck.io.collect import collect
from dxcheck.io.form_layout import ANSWERS_SHEET, PROFILE_ROWS, PROFILE_SHEET
from dxcheck.io.load import load_questionnaire, read_assessment
from tests.samples import synthetic_assessment

Q = load_questionnaire()
SAGA = [m for m in members("佐賀県") if m.name != "嬉野市"]
LAST_YEAR = dt.date(2025, 11, 4)
PREVIOUS = SAGA[:4]  # answered last year
UNCHANGED, RESAVED, CHANGED, CONFIRMED = PREVIOUS


def _profile_row(label: str) -> int:
    return [row[0] for row in PROFILE_ROWS].index(label) + 2


@pytest.fixture(scope="module")
def last_year(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Assessment]]:
    folder = tmp_path_factory.mktemp("r7") / "令和7年度"
    folder.mkdir()
    answers: dict[str, Assessment] = {}
    for i, m in enumerate(PREVIOUS):
        a = synthetic_assessment(Q, m, seed=40 + i, assessed_on=LAST_YEAR)
        a.targets = {"governance": 3.0}
        (folder / f"{m.code}_{m.name}.toml").write_text(to_toml(a, Q), encoding="utf-8")
        answers[m.code] = a
    # an earlier answer of the same municipality: the latest one is the draft
    older = synthetic_assessment(Q, UNCHANGED, seed=99, assessed_on=dt.date(2024, 11, 1))
    (folder / "古い回答.toml").write_text(to_toml(older, Q), encoding="utf-8")
    (folder / "壊れた.toml").write_text("format = 3\n", encoding="utf-8")
    return folder, answers


@pytest.fixture(params=[".xlsx", ".toml"])
def campaign(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    last_year: tuple[Path, dict[str, Assessment]],
    capsys: pytest.CaptureFixture[str],
) -> tuple[Path, str]:
    suffix = str(request.param)
    previous, _ = last_year
    folder = tmp_path / "令和8年度"
    flags = ["--xlsx"] if suffix == ".xlsx" else []
    assert main(["campaign", "init", "佐賀県", str(folder), *flags,
                 "--from-previous", str(previous)]) == 0  # fmt: skip
    captured = capsys.readouterr()
    assert f"{len(PREVIOUS)} 団体は {previous} の前回の回答を記入した下書きです" in captured.out
    assert "壊れた.toml" in captured.err and "下書きに使いません" in captured.err
    return folder, suffix


def _path(folder: Path, m: object, suffix: str) -> Path:
    return folder / f"{m.code}_{m.name}{suffix}"  # type: ignore[attr-defined]


def _edit_form(path: Path, *, level_of: str | None = None, date: dt.date | None = None) -> None:
    book = openpyxl.load_workbook(path)
    if level_of is not None:
        sheet = book[ANSWERS_SHEET]
        header = {c.value: c.column for c in sheet[1]}
        row = next(r[0].row for r in sheet.iter_rows(min_row=2) if r[0].value == level_of)
        cell = sheet.cell(row, header["レベル（0〜5）"])
        cell.value = 5 if cell.value != 5 else 4
    if date is not None:
        book[PROFILE_SHEET].cell(_profile_row("回答日"), 2).value = date
    book.save(path)


def _edit_toml(path: Path, *, level_of: str | None = None, date: dt.date | None = None) -> None:
    a = read_assessment(path).assessment
    if level_of is not None:
        old = a.answers[level_of]
        a.answers[level_of] = Answer(level=5 if old.level != 5 else 4, note=old.note)
    if date is not None:
        a.meta.assessed_on = date
    path.write_text(to_toml(a, Q), encoding="utf-8")


def _level_question(a: Assessment) -> str:
    return next(q.id for q in Q.questions if q.quantity is None and a.answers[q.id].level)


def test_drafts_unchanged_are_not_returned_and_changed_ones_are_answers(
    campaign: tuple[Path, str], last_year: tuple[Path, dict[str, Assessment]]
) -> None:
    folder, suffix = campaign
    _, answers = last_year
    edit = _edit_form if suffix == ".xlsx" else _edit_toml
    # RESAVED: opened and saved without a change (new bytes, the same answers)
    if suffix == ".xlsx":
        book = openpyxl.load_workbook(_path(folder, RESAVED, suffix))
        book.save(_path(folder, RESAVED, suffix))
    else:
        _edit_toml(_path(folder, RESAVED, suffix))
    edit(_path(folder, CHANGED, suffix), level_of=_level_question(answers[CHANGED.code]))
    edit(_path(folder, CONFIRMED, suffix), date=dt.date.today())  # 「変わりありません」

    rows = {r.code: r for r in campaign_status(folder, Q).rows}
    for m in (UNCHANGED, RESAVED):
        assert rows[m.code].state == NOT_RETURNED, rows[m.code]
        assert rows[m.code].done == 0
    assert "下書きのまま" in rows[RESAVED.code].detail
    for m in (CHANGED, CONFIRMED):
        assert rows[m.code].state != NOT_RETURNED, rows[m.code]
        assert rows[m.code].done > 0

    comparison = collect([folder], Q)
    assert sorted(s.code for s in comparison.compared) == sorted([CHANGED.code, CONFIRMED.code])
    unanswered = {s.code for s in comparison.unanswered}
    assert {UNCHANGED.code, RESAVED.code} <= unanswered
    assert not comparison.rejected
    # the confirmed draft is compared with last year's answers and this year's date
    confirmed = next(s for s in comparison.compared if s.code == CONFIRMED.code)
    assert confirmed.assessed_on == dt.date.today()
    assert (
        confirmed.card.overall
        == next(s for s in collect([_path(folder, CONFIRMED, suffix)], Q).compared).card.overall
    )
    note = comparison.notes()[0]
    assert "下書きが変更されないまま返ったもの" in note and UNCHANGED.name in note


def test_compare_command_counts_unchanged_drafts_as_unanswered(
    campaign: tuple[Path, str], tmp_path: Path
) -> None:
    """The same rule reaches the workbook: 提出状況 and 回答のないファイル agree."""
    folder, _ = campaign
    out = tmp_path / "c.xlsx"
    assert main(["compare", str(folder), "--quiet", "--xlsx", str(out)]) == 0
    book = openpyxl.load_workbook(out, read_only=True)
    states = {r[0]: r[2] for r in book["提出状況"].iter_rows(min_row=2, values_only=True)}
    blank = {str(r[0]) for r in book["回答のないファイル"].iter_rows(min_row=2, values_only=True)}
    book.close()
    for m in PREVIOUS:
        assert states[m.code] == NOT_RETURNED
        assert m.code in blank


def test_drafts_carry_last_years_answers_without_date_or_respondent(
    campaign: tuple[Path, str], last_year: tuple[Path, dict[str, Assessment]]
) -> None:
    folder, suffix = campaign
    _, answers = last_year
    manifest = tomllib.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    entries = {e["code"]: e for e in manifest["files"]}
    for m in PREVIOUS:
        a = read_assessment(_path(folder, m, suffix)).assessment
        before = answers[m.code]
        assert a.meta.assessed_on is None and a.meta.respondent == ""
        assert a.meta.department == before.meta.department
        assert a.targets == before.targets
        assert {k: v.level for k, v in a.answers.items()} == {
            k: v.level for k, v in before.answers.items()
        }
        assert is_untouched_draft(a) and is_blank(a)
        # the manifest records what each draft was made from and its fingerprint
        assert entries[m.code]["prefilled_from"] == f"{m.code}_{m.name}.toml"
        assert entries[m.code]["prefilled"] == a.meta.prefilled == answers_fingerprint(before)
    if suffix == ".toml":  # the text says what to do with it
        text = _path(folder, UNCHANGED, suffix).read_text(encoding="utf-8")
        assert "# これは前回の回答を記入した下書きです" in text
    fresh = next(m for m in SAGA if m not in PREVIOUS)
    a = read_assessment(_path(folder, fresh, suffix)).assessment
    assert a.meta.prefilled is None and "prefilled" not in entries[fresh.code]
    assert all(v.is_empty for v in a.answers.values())


def test_template_from_makes_a_draft_compare_leaves_out_until_changed(
    tmp_path: Path, last_year: tuple[Path, dict[str, Assessment]]
) -> None:
    """Without a campaign too: the draft itself says it is one."""
    previous, answers = last_year
    folder = tmp_path / "returned"
    folder.mkdir()
    draft = folder / "draft.xlsx"
    source = previous / f"{UNCHANGED.code}_{UNCHANGED.name}.toml"
    assert main(["template", "--from", str(source), "-o", str(draft)]) == 0
    comparison = collect([folder], Q)
    assert not comparison.compared and [s.code for s in comparison.unanswered] == [UNCHANGED.code]
    _edit_form(draft, level_of=_level_question(answers[UNCHANGED.code]))
    comparison = collect([folder], Q)
    assert [s.code for s in comparison.compared] == [UNCHANGED.code]
    assert not comparison.unanswered


def test_a_draft_changed_only_in_its_note_or_profile() -> None:
    """Notes are part of the answers (a note changed is a response); the profile and own
    targets are not answers (docs/data-format.md §5): changing them leaves a draft a draft."""
    m = SAGA[0]
    a = synthetic_assessment(Q, m, seed=3, assessed_on=LAST_YEAR)
    from dxcheck.core.answers import draft_from

    draft = draft_from(a, Q)
    assert is_untouched_draft(draft)
    draft.municipality.staff = (draft.municipality.staff or 0) + 5
    draft.targets = {"bpr": 4.0}
    assert is_untouched_draft(draft)
    qid = next(iter(draft.answers))
    draft.answers[qid] = draft.answers[qid].model_copy(update={"note": "今年も同じ"})
    assert not is_untouched_draft(draft) and not is_blank(draft)


def test_validate_says_a_draft_is_still_a_draft(
    tmp_path: Path,
    last_year: tuple[Path, dict[str, Assessment]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    previous, _ = last_year
    draft = tmp_path / "draft.xlsx"
    source = previous / f"{UNCHANGED.code}_{UNCHANGED.name}.toml"
    assert main(["template", "--from", str(source), "-o", str(draft)]) == 0
    capsys.readouterr()
    main(["validate", str(draft)])
    err = capsys.readouterr().err
    row = _profile_row("下書きの印")
    assert f"{draft}!団体情報!B{row}: 下書きの印" in err
    assert "前回の回答から作った下書きのままです" in err and "Traceback" not in err


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) がありません")
def test_draft_resaved_by_libreoffice_is_still_a_draft(
    tmp_path: Path, last_year: tuple[Path, dict[str, Assessment]]
) -> None:
    previous, _ = last_year
    draft = tmp_path / "in" / "draft.xlsx"
    draft.parent.mkdir()
    source = previous / f"{UNCHANGED.code}_{UNCHANGED.name}.toml"
    assert main(["template", "--from", str(source), "-o", str(draft)]) == 0
    out = tmp_path / "out"
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
         "--convert-to", "xlsx", "--outdir", str(out), str(draft)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    resaved = out / draft.name
    assert resaved.read_bytes() != draft.read_bytes()
    a = read_assessment(resaved).assessment
    assert a.meta.prefilled == read_assessment(draft).assessment.meta.prefilled
    assert is_untouched_draft(a) and is_blank(a)
