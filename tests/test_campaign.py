"""The prefecture campaign end to end: `campaign init --xlsx` → three forms filled by openpyxl →
`campaign status` names the rest 未提出 → `compare` gives the same scores as the same answers in
TOML; a form re-saved by LibreOffice reads the same; the anonymised PDF names no municipality;
bad cells are located Japanese errors."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from dxcheck.__main__ import main
from dxcheck.core.answers import to_toml
from dxcheck.core.compare import Comparison, MeasureReach
from dxcheck.core.model import Assessment
from dxcheck.core.scoring import score_assessment
from dxcheck.io.campaign import NOT_RETURNED, campaign_status, members
from dxcheck.io.collect import check_file, collect
from dxcheck.io.form_layout import ANSWERS_SHEET, PROFILE_ROWS, PROFILE_SHEET, TARGETS_SHEET
from dxcheck.io.load import load_questionnaire, read_assessment
from tests.samples import synthetic_assessment

Q = load_questionnaire()
TODAY = dt.date.today()
SAGA = members("佐賀県")
# not 嬉野市: it is also a benchmark city, named as such in every report
FILLED = [m for m in SAGA if m.name != "嬉野市"][:3]


def fill_form(path: Path, a: Assessment) -> None:
    """Type the answers into the form as a person (or a script) would."""
    book = openpyxl.load_workbook(path)
    profile = book[PROFILE_SHEET]
    rows = {label: i + 2 for i, (label, _, _) in enumerate(PROFILE_ROWS)}
    profile.cell(rows["人口"], 2).value = a.municipality.population
    profile.cell(rows["職員数"], 2).value = a.municipality.staff
    profile.cell(rows["回答者"], 2).value = a.meta.respondent
    profile.cell(rows["回答日"], 2).value = a.meta.assessed_on
    sheet = book[ANSWERS_SHEET]
    header = {c.value: c.column for c in sheet[1]}
    for row in sheet.iter_rows(min_row=2):
        qid = row[0].value
        answer = a.answers.get(qid) if qid else None
        if answer is None:
            continue
        r = row[0].row
        sheet.cell(r, header["レベル（0〜5）"]).value = answer.level
        sheet.cell(r, header["数値"]).value = answer.value
        sheet.cell(r, header["分母"]).value = answer.denominator
        sheet.cell(r, header["わからない"]).value = "はい" if answer.unknown else None
        sheet.cell(r, header["メモ"]).value = answer.note or None
    targets = book[TARGETS_SHEET]
    for row in targets.iter_rows(min_row=2):
        if row[0].value in a.targets:
            targets.cell(row[0].row, 3).value = a.targets[row[0].value]
    book.save(path)


@pytest.fixture(scope="module")
def campaign(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Assessment]]:
    root = tmp_path_factory.mktemp("campaign")
    folder = root / "saga"
    assert main(["campaign", "init", "佐賀県", str(folder), "--xlsx"]) == 0
    answers: dict[str, Assessment] = {}
    for i, m in enumerate(FILLED):
        a = synthetic_assessment(Q, m, seed=i, assessed_on=TODAY)
        for answer in a.answers.values():
            answer.note = ""  # synthetic notes aside, every answer kind goes through the form
        a.targets = {"governance": 3.0 + i / 2, "security": 4.0, "bpr": 2.5}  # own targets too
        fill_form(folder / f"{m.code}_{m.name}.xlsx", a)
        answers[m.code] = a
    return folder, answers


def test_init_writes_one_prefilled_form_per_municipality(
    campaign: tuple[Path, dict[str, Assessment]],
) -> None:
    folder, _ = campaign
    forms = sorted(p.name for p in folder.glob("*.xlsx"))
    assert forms == sorted(f"{m.code}_{m.name}.xlsx" for m in SAGA)
    assert len(forms) == 20  # 佐賀県: 10 市 and 10 町
    untouched = next(m for m in SAGA if m not in FILLED)
    loaded = read_assessment(folder / f"{untouched.code}_{untouched.name}.xlsx")
    assert loaded.assessment.municipality.code == untouched.code
    assert loaded.assessment.municipality.prefecture == "佐賀県"


def test_init_refuses_to_overwrite(
    campaign: tuple[Path, dict[str, Assessment]], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, _ = campaign
    before = {p: p.read_bytes() for p in folder.glob("*.xlsx")}
    assert main(["campaign", "init", "佐賀県", str(folder), "--xlsx"]) == 1
    assert "上書きしません" in capsys.readouterr().err
    assert before == {p: p.read_bytes() for p in folder.glob("*.xlsx")}


def test_status_names_the_rest_not_returned(
    campaign: tuple[Path, dict[str, Assessment]], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, answers = campaign
    status = campaign_status(folder, Q)
    by_code = {r.code: r for r in status.rows}
    assert set(by_code) == {m.code for m in SAGA}
    for m in SAGA:
        row = by_code[m.code]
        if m.code in answers:
            card = score_assessment(Q, answers[m.code])
            assert row.state != NOT_RETURNED
            assert row.done == card.done
        else:
            assert row.state == NOT_RETURNED, row
    assert main(["campaign", "status", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "17 団体が未提出" in out
    for m in SAGA:
        assert m.name in out


def test_compare_over_forms_equals_toml(
    campaign: tuple[Path, dict[str, Assessment]], tmp_path: Path
) -> None:
    folder, answers = campaign
    filled = [folder / f"{m.code}_{m.name}.xlsx" for m in FILLED]
    from_forms = collect(filled, Q)
    toml_dir = tmp_path / "toml"
    toml_dir.mkdir()
    for code, a in answers.items():
        (toml_dir / f"{code}.toml").write_text(to_toml(a, Q), encoding="utf-8")
    from_toml = collect([toml_dir], Q)
    assert not from_forms.rejected and not from_toml.rejected
    assert len(from_forms.compared) == 3
    for f, t in zip(from_forms.compared, from_toml.compared, strict=True):
        assert f.code == t.code
        assert f.card.overall == t.card.overall
        assert [a.score for a in f.card.areas] == [a.score for a in t.card.areas]
        assert f.assessment.answers == t.assessment.answers
        assert f.assessment.municipality == t.assessment.municipality
        assert f.assessment.targets == t.assessment.targets == answers[f.code].targets


def test_compare_folder_writes_status_and_shared_gaps_sheets(
    campaign: tuple[Path, dict[str, Assessment]], tmp_path: Path
) -> None:
    folder, answers_by_code = campaign
    out = tmp_path / "c.xlsx"
    main(["compare", str(folder), "--quiet", "--xlsx", str(out)])
    book = openpyxl.load_workbook(out, read_only=True)
    assert "提出状況" in book.sheetnames and "共通の課題" in book.sheetnames
    states = [row[2] for row in book["提出状況"].iter_rows(min_row=2, values_only=True)]
    assert states.count(NOT_RETURNED) == 17
    assert all(len(name) <= 31 for name in book.sheetnames)
    assert {"数値", "目標", "先行5市"} <= set(book.sheetnames)
    summary = list(book["一覧"].iter_rows(values_only=True))
    day = summary[0].index("回答日")
    dates = [row[day] for row in summary[1:] if row[day] is not None]  # forms left blank: none
    assert len(dates) == 3 and all(isinstance(d, dt.datetime) for d in dates)  # dates as dates
    values = list(book["数値"].iter_rows(values_only=True))
    header = values[0]
    q = next(q for q in Q.questions if q.quantity is not None and q.quantity.basis == "share")
    assert q.quantity is not None
    column = header.index(f"{q.quantity.label}（{q.quantity.unit}）")
    filled = next(row for row in values[1:] if row[0] in answers_by_code)
    first = answers_by_code[filled[0]].answers.get(q.id)
    assert filled[column] == (first.value if first else None)  # the raw figure, not a level
    cities = list(book["先行5市"].iter_rows(values_only=True))
    assert len(cities) == 6 and all(isinstance(r[4], dt.datetime) for r in cities[1:])
    book.close()
    with zipfile.ZipFile(out) as z:
        workbook = z.read("xl/workbook.xml").decode()
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert "_xlnm.Print_Titles" in workbook  # headings repeated on every printed page
    assert 'orientation="landscape"' in sheet and 'paperSize="9"' in sheet  # A4 landscape


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) がありません")
def test_form_resaved_by_libreoffice_reads_the_same(
    campaign: tuple[Path, dict[str, Assessment]], tmp_path: Path
) -> None:
    folder, _ = campaign
    m = FILLED[0]
    source = tmp_path / "in" / f"{m.code}.xlsx"
    source.parent.mkdir()
    shutil.copy(folder / f"{m.code}_{m.name}.xlsx", source)
    out = tmp_path / "out"
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
         "--convert-to", "xlsx", "--outdir", str(out), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    resaved = out / source.name
    assert resaved.read_bytes() != source.read_bytes()
    a, b = read_assessment(source), read_assessment(resaved)
    assert a.assessment == b.assessment
    assert b.assessment.targets == {"governance": 3.0, "security": 4.0, "bpr": 2.5}  # 目標 sheet
    assert not b.warnings


def test_anonymous_pdf_names_no_municipality(
    campaign: tuple[Path, dict[str, Assessment]], tmp_path: Path
) -> None:
    folder, _ = campaign
    pdf, csv_out, xlsx_out = tmp_path / "a.pdf", tmp_path / "a.csv", tmp_path / "a.xlsx"
    main(["compare", str(folder), "--quiet", "--anonymous", "-o", str(pdf),
          "--csv", str(csv_out), "--xlsx", str(xlsx_out)])  # fmt: skip
    text = "".join((p.extract_text() or "") for p in PdfReader(pdf).pages).replace("\n", "")
    assert "共通の課題" in text
    csv_text = csv_out.read_bytes().decode("utf-8-sig")
    book = openpyxl.load_workbook(xlsx_out, read_only=True)
    cells = " ".join(
        str(v) for ws in book for row in ws.iter_rows(values_only=True) for v in row if v
    )
    for m in SAGA:
        if m.name == "嬉野市":
            continue  # a benchmark city: named for its published plan, not for an answer
        assert m.name not in text, m.name
        assert m.name not in csv_text and m.name not in cells
        assert m.code not in text and m.code not in csv_text


def test_named_pdf_lists_shared_gaps_with_municipalities(
    campaign: tuple[Path, dict[str, Assessment]], tmp_path: Path
) -> None:
    folder, _ = campaign
    pdf = tmp_path / "n.pdf"
    main(["compare", *(str(p) for p in folder.glob("*.xlsx")), "--quiet", "-o", str(pdf)])
    text = "".join((p.extract_text() or "") for p in PdfReader(pdf).pages).replace("\n", "")
    assert "該当する団体" in text
    assert FILLED[0].name in text


def test_bad_cells_are_located_japanese_errors(tmp_path: Path) -> None:
    path = tmp_path / "form.xlsx"
    assert main(["template", "-o", str(path)]) == 0
    book = openpyxl.load_workbook(path)
    ws = book[ANSWERS_SHEET]
    ws["D2"], ws["D3"], ws["D4"], ws["D5"] = "=1+2", dt.date(2026, 1, 1), 3.5, "３"
    ws["I6"] = "たぶん"  # the わからない column
    book.save(path)
    before = path.read_bytes()
    checked = check_file(path, Q)
    shown = [p.format() for p in checked.problems]
    assert not checked.ok
    assert any("!回答!D2:" in s and "数式" in s for s in shown)
    assert any("!回答!D3:" in s and "日付" in s for s in shown)
    assert any("!回答!D4:" in s and "整数" in s for s in shown)
    assert any("!回答!D5:" in s and "警告" in s for s in shown)  # "３" read as 3, with a warning
    assert any("!回答!I6:" in s and "わからない" in s for s in shown)
    assert path.read_bytes() == before  # a form is only ever read


def test_not_a_form_is_a_located_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"not a zip")
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert "Excel ファイル（.xlsx）として読めません" in err and "Traceback" not in err


CELL_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**9), max_value=10**9),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 1, 1)),
    # control characters cannot be stored in a workbook at all (openpyxl refuses them)
    st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=30).filter(
        lambda t: not t.startswith("=")
    ),
    st.sampled_from(["=SUM(1,2)", "３", "3.5", "78.4%", "はい", "×", "#N/A", "1,234", "3,5"]),
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(values=st.lists(CELL_VALUES, min_size=9, max_size=9))
def test_any_typed_cells_give_located_problems_never_a_crash(
    values: list[object], tmp_path: Path
) -> None:
    path = tmp_path / "fuzz.xlsx"
    path.unlink(missing_ok=True)
    assert main(["template", "-o", str(path)]) == 0
    book = openpyxl.load_workbook(path)
    sheet, profile = book[ANSWERS_SHEET], book[PROFILE_SHEET]
    # レベル, 数値, 分母, わからない, メモ of two questions; 人口 and 回答日 of the profile;
    # one area's own target
    cells = [sheet["D2"], sheet["E3"], sheet["I2"], sheet["J2"], sheet["D4"], sheet["I4"],
             profile["B8"], profile["B12"], book[TARGETS_SHEET]["C3"]]  # fmt: skip
    for cell, value in zip(cells, values, strict=True):
        cell.value = value
    book.save(path)
    checked = check_file(path, Q)  # never raises
    for p in checked.problems:
        assert p.reason and (p.cell or p.field), p
        assert p.file == str(path)


def test_merge_reads_filled_forms(
    campaign: tuple[Path, dict[str, Assessment]], tmp_path: Path
) -> None:
    """A workshop's respondents may fill forms: `merge` reads them like answer files."""
    folder, answers = campaign
    m = FILLED[0]
    first, second = tmp_path / "総務課.xlsx", tmp_path / "情報政策課.xlsx"
    shutil.copy(folder / f"{m.code}_{m.name}.xlsx", first)
    shutil.copy(folder / f"{m.code}_{m.name}.xlsx", second)
    out = tmp_path / "merged.toml"
    assert main(["merge", str(first), str(second), "-o", str(out)]) == 0
    merged = read_assessment(out).assessment
    original = answers[m.code]
    assert {q: a.level for q, a in merged.answers.items() if a.level is not None} == {
        q: a.level for q, a in original.answers.items() if a.level is not None
    }


def test_compare_shows_every_phase(
    campaign: tuple[Path, dict[str, Assessment]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Reading, then each later phase, has its progress line (not only reading)."""
    import sys

    folder, _ = campaign
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    files = [str(folder / f"{m.code}_{m.name}.xlsx") for m in FILLED]
    assert main(["compare", *files, "--csv", str(tmp_path / "c.csv"),
                 "-o", str(tmp_path / "c.pdf")]) == 0  # fmt: skip
    err = capsys.readouterr().err
    for phase in ("読み込み・採点", "取組の集計", "CSV・Excel の作成", "PDF の内容の集計",
                  "レイアウト", "PDF の書き出し"):  # fmt: skip
        assert phase in err, phase


def test_compare_over_campaign_folder_leaves_blank_forms_out(
    campaign: tuple[Path, dict[str, Assessment]], tmp_path: Path
) -> None:
    """The 17 forms still blank are 未提出・未回答: counted and listed, never compared — the
    three filled ones score exactly as the same answers in TOML."""
    folder, answers = campaign
    comparison = collect([folder], Q)
    assert sorted(s.code for s in comparison.compared) == sorted(answers)
    assert sorted(s.code for s in comparison.unanswered) == sorted(
        m.code for m in SAGA if m.code not in answers
    )
    assert not comparison.rejected and not comparison.blank_copies
    toml_dir = tmp_path / "toml"
    toml_dir.mkdir()
    for code, a in answers.items():
        (toml_dir / f"{code}.toml").write_text(to_toml(a, Q), encoding="utf-8")
    from_toml = collect([toml_dir], Q)
    for f, t in zip(comparison.compared, from_toml.compared, strict=True):
        assert (f.code, f.card.overall) == (t.code, t.card.overall)
        assert [a.score for a in f.card.areas] == [a.score for a in t.card.areas]

    # the statistics are over the three only (17 blank forms would otherwise join every
    # shared gap): the same measures, helping the same municipalities, as from the TOML files
    def gaps(c: Comparison) -> list[tuple[str, tuple[str, ...]]]:
        return [(r.measure.id, r.codes) for r in shared_gaps_of(c)]

    assert gaps(comparison) and gaps(comparison) == gaps(from_toml)
    assert all(set(codes) <= set(answers) for _, codes in gaps(comparison))
    status = {r.code: r.state for r in campaign_status(folder, Q).rows}
    assert all(status[s.code] == NOT_RETURNED for s in comparison.unanswered)

    pdf, xlsx = tmp_path / "c.pdf", tmp_path / "c.xlsx"
    assert main(["compare", str(folder), "--quiet", "-o", str(pdf), "--xlsx", str(xlsx)]) == 0
    text = "".join((p.extract_text() or "") for p in PdfReader(pdf).pages).replace("\n", "")
    assert "回答なし（未提出・未回答） 17件" in text
    assert "未提出・未回答 17件" in text  # appendix A heading
    for s in comparison.unanswered:
        assert Path(s.path).name in text
    book = openpyxl.load_workbook(xlsx, read_only=True)
    assert len(list(book["一覧"].iter_rows(min_row=2))) == 3
    blank = list(book["回答のないファイル"].iter_rows(min_row=2, values_only=True))
    assert sorted(str(r[0]) for r in blank) == sorted(s.code for s in comparison.unanswered)
    states = {r[0]: r[2] for r in book["提出状況"].iter_rows(min_row=2, values_only=True)}
    assert all(states[s.code] == NOT_RETURNED for s in comparison.unanswered)
    book.close()


def test_a_blank_form_changed_without_an_answer_is_not_returned_for_both(
    campaign: tuple[Path, dict[str, Assessment]], tmp_path: Path
) -> None:
    """A form whose bytes differ from the one sent (its population typed in, nothing answered)
    is no longer the pristine file: status must still call it 未提出, as compare does."""
    folder, answers = campaign
    copy = tmp_path / "saga"
    shutil.copytree(folder, copy)
    m = next(m for m in SAGA if m.code not in answers)
    path = copy / f"{m.code}_{m.name}.xlsx"
    book = openpyxl.load_workbook(path)
    rows = {label: i + 2 for i, (label, _, _) in enumerate(PROFILE_ROWS)}
    book[PROFILE_SHEET].cell(rows["人口"], 2).value = 12_345
    book.save(path)
    assert path.read_bytes() != (folder / path.name).read_bytes()
    assert read_assessment(path).assessment.municipality.population == 12_345
    comparison = collect([copy], Q)
    assert m.code in {s.code for s in comparison.unanswered}
    assert m.code not in {s.code for s in comparison.compared}
    status = {r.code: r.state for r in campaign_status(copy, Q).rows}
    assert status[m.code] == NOT_RETURNED


def shared_gaps_of(comparison: Comparison) -> list[MeasureReach]:
    from dxcheck.core.compare import helpful_measures, shared_gaps
    from dxcheck.core.scoring import benchmark_scores
    from dxcheck.core.targets import target_from_text
    from dxcheck.io.load import load_benchmarks

    cities = load_benchmarks()
    bench = benchmark_scores(Q, cities)
    return shared_gaps(helpful_measures(comparison, Q, bench, target_from_text("median", cities)))


def test_a_form_with_only_notes_is_blank_for_status_and_compare(tmp_path: Path) -> None:
    """Blank means no level, no value and no わからない in any answer: a note, a denominator or
    the profile alone is not an answer. One わからない is."""
    folder = tmp_path / "c"
    assert main(["campaign", "init", "佐賀県", str(folder), "--xlsx"]) == 0
    notes_only, one_unknown = SAGA[0], SAGA[1]
    for m, column, value in ((notes_only, "メモ", "担当者不在のため後日回答"),
                             (one_unknown, "わからない", "はい")):  # fmt: skip
        path = folder / f"{m.code}_{m.name}.xlsx"
        book = openpyxl.load_workbook(path)
        sheet = book[ANSWERS_SHEET]
        header = {c.value: c.column for c in sheet[1]}
        sheet.cell(2, header[column]).value = value
        if m is notes_only:  # a denominator and the population are not answers either
            share = next(r for r in sheet.iter_rows(min_row=2)
                         if r[header["分母の項目（単位）"] - 1].value)  # fmt: skip
            share[header["分母"] - 1].value = 120
            population = [label for label, _, _ in PROFILE_ROWS].index("人口") + 2
            book[PROFILE_SHEET].cell(population, 2).value = 8000
        book.save(path)
    comparison = collect([folder], Q)
    assert [s.code for s in comparison.compared] == [one_unknown.code]
    assert notes_only.code in {s.code for s in comparison.unanswered}
    rows = {r.code: r for r in campaign_status(folder, Q).rows}
    assert rows[notes_only.code].state == NOT_RETURNED
    assert "まだ回答がありません" in rows[notes_only.code].detail
    assert rows[one_unknown.code].state != NOT_RETURNED
