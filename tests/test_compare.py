"""Comparison: every file is compared or listed with why not; outputs hold what they promise."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest

from dxcheck.__main__ import main
from dxcheck.core.answers import to_toml
from dxcheck.core.compare import (
    area_distributions,
    band_means,
    by_band,
    distribution,
    population_band,
    shortfalls,
)
from dxcheck.core.scoring import AreaTargets
from dxcheck.io.collect import collect
from dxcheck.io.export.csv_export import comparison_csv
from dxcheck.io.export.xlsx_export import comparison_xlsx
from dxcheck.io.load import load_questionnaire
from dxcheck.io.municipalities import in_prefecture
from tests.samples import synthetic_assessment

Q = load_questionnaire()
SAGA = [m for m in in_prefecture("佐賀県")][:6]


def write_valid(folder: Path, count: int = 6) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, m in enumerate(SAGA[:count]):
        p = folder / f"{m.code}.toml"
        p.write_text(to_toml(synthetic_assessment(Q, m, seed=i), Q), encoding="utf-8")
        paths.append(p)
    return paths


def write_broken(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    good = to_toml(synthetic_assessment(Q, SAGA[0], seed=99), Q)
    broken = {
        "malformed": good.replace("level = ", "level = = ", 1),
        "handedited": good.replace("level = ", "level = 9 #", 1),
        "halfwritten": good[: len(good) // 2 - 7],
        "wrongcode": good.replace(f'code = "{SAGA[0].code}"', 'code = "123456"'),
    }
    paths = {}
    for name, text in broken.items():
        paths[name] = folder / f"{name}.toml"
        paths[name].write_text(text, encoding="utf-8")
    paths["binary"] = folder / "binary.toml"
    paths["binary"].write_bytes(b"PK\x03\x04\x00\x00binary")
    paths["sjis"] = folder / "sjis.toml"
    paths["sjis"].write_bytes(good.encode("shift_jis", errors="replace"))
    paths["enormous"] = folder / "enormous.toml"
    paths["enormous"].write_bytes(b"# padding\n" * 300_000)
    return paths


def test_valid_files_compared_and_every_broken_one_listed_with_reason(tmp_path: Path) -> None:
    write_valid(tmp_path / "ok" / "nested")
    broken = write_broken(tmp_path / "bad")
    comparison = collect([tmp_path], Q)
    assert len(comparison.compared) == 6
    rejected = {Path(r.path).stem: r for r in comparison.rejected}
    assert set(rejected) == set(broken)
    for r in comparison.rejected:
        assert r.problems and all(p.reason for p in r.problems)
    assert any(p.line for p in rejected["malformed"].problems)
    assert "5 以下" in rejected["handedited"].problems[0].reason


def test_latest_assessment_is_compared_and_earlier_feed_the_trend(tmp_path: Path) -> None:
    m = SAGA[0]
    for i, day in enumerate([dt.date(2025, 4, 1), dt.date(2026, 10, 1), dt.date(2024, 4, 1)]):
        a = synthetic_assessment(Q, m, seed=i, assessed_on=day)
        (tmp_path / f"v{i}.toml").write_text(to_toml(a, Q), encoding="utf-8")
    comparison = collect([tmp_path], Q)
    [used] = comparison.compared
    assert used.assessed_on == dt.date(2026, 10, 1)
    assert [s.assessed_on for s in comparison.trend(m.code)] == [
        dt.date(2024, 4, 1),
        dt.date(2025, 4, 1),
        dt.date(2026, 10, 1),
    ]
    [note] = comparison.notes()
    assert "3 件" in note and "2026-10-01" in note and "推移" in note


def test_other_questionnaire_version_compared_on_shared_questions_and_said_so(
    tmp_path: Path,
) -> None:
    a = synthetic_assessment(Q, SAGA[1], seed=1)
    a.questionnaire_version = "3.0.0"
    text = to_toml(a, Q) + '\n[answers."governance.retired-question"]\nlevel = 2\n'
    (tmp_path / "old.toml").write_text(text, encoding="utf-8")
    comparison = collect([tmp_path], Q)
    assert len(comparison.compared) == 1 and not comparison.rejected
    assert any("3.0.0" in n and "共通する質問" in n for n in comparison.notes())


def test_missing_path_is_listed_not_ignored(tmp_path: Path) -> None:
    comparison = collect([tmp_path / "nowhere"], Q)
    assert (
        comparison.rejected[0]
        .problems[0]
        .reason.startswith("ファイルまたはフォルダが見つかりません")
    )


def test_csv_has_bom_one_row_per_municipality_and_every_area(tmp_path: Path) -> None:
    write_valid(tmp_path)
    comparison = collect([tmp_path], Q)
    data = comparison_csv(comparison, Q)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["団体コード", "団体名", "都道府県"]
    assert all(f"{a.name} スコア" in header for a in Q.areas)
    assert sorted(r[0] for r in body) == sorted(m.code for m in SAGA)
    overall = header.index("総合スコア")
    for row, sub in zip(body, comparison.compared, strict=True):
        assert float(row[overall]) == pytest.approx(sub.card.overall, abs=0.005)


def test_xlsx_has_summary_area_sheets_rejected_and_notes(tmp_path: Path) -> None:
    write_valid(tmp_path / "ok", 3)
    write_broken(tmp_path / "bad")
    data = comparison_xlsx(collect([tmp_path], Q), Q)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        workbook = z.read("xl/workbook.xml").decode()
        strings = z.read("xl/sharedStrings.xml").decode()
        sheet1 = z.read("xl/worksheets/sheet1.xml").decode()
    assert workbook.count("<sheet ") == 1 + len(Q.areas) + 2
    assert "一覧" in workbook and "比較できなかったファイル" in workbook
    assert SAGA[0].name in strings and "UTF-8" in strings
    assert "<pane " in sheet1 and "colorScale" in sheet1


def test_distributions_bands_and_shortfalls() -> None:
    d = distribution([1.0, 2.0, 3.0, 4.0, 5.0])
    assert d is not None and (d.minimum, d.median, d.maximum) == (1.0, 3.0, 5.0)
    assert (d.q1, d.q3) == (2.0, 4.0)
    assert distribution([]) is None
    assert population_band(9_999) == "1万人未満" and population_band(None) == "人口不明"
    assert population_band(250_000) == "20万人以上"


def test_area_statistics_from_a_comparison(tmp_path: Path) -> None:
    write_valid(tmp_path)
    comparison = collect([tmp_path], Q)
    dists = area_distributions(comparison, Q)
    assert set(dists) == {a.id for a in Q.areas}
    assert sum(len(subs) for subs in by_band(comparison).values()) == 6
    assert set(band_means(comparison, Q)) == set(by_band(comparison))
    five = {a.id: 5.0 for a in Q.areas}
    short = shortfalls(comparison, Q, AreaTargets(five, {q.id: 5.0 for q in Q.questions}))
    assert all(s.below <= s.assessed <= 6 for s in short)
    assert short[0].below >= short[-1].below


def test_cli_writes_outputs_for_valid_files_and_exits_1_listing_broken(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_valid(tmp_path / "in")
    write_broken(tmp_path / "in" / "bad")
    out_csv, out_xlsx = tmp_path / "c.csv", tmp_path / "c.xlsx"
    code = main(["compare", str(tmp_path / "in"), "--csv", str(out_csv), "--xlsx", str(out_xlsx)])
    captured = capsys.readouterr()
    assert code == 1
    assert out_csv.exists() and out_xlsx.exists()
    assert "比較した団体: 6" in captured.out
    assert "比較できなかったファイル: 7 件" in captured.err
    assert "binary.toml" in captured.err and "halfwritten.toml" in captured.err


def test_cli_all_valid_exits_0(tmp_path: Path) -> None:
    write_valid(tmp_path)
    assert main(["compare", str(tmp_path), "--quiet"]) == 0
