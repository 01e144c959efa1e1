"""Pilot journeys of the prefecture comparison: files and folders in, loaded in a worker with
progress, the table sorted and filtered, the refused files and the notes listed, a
municipality's detail (with its trend), and the CSV and XLSX written."""

from __future__ import annotations

import zipfile
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, Select, TabbedContent

from dxcheck.core.compare import Comparison
from dxcheck.io.collect import collect
from dxcheck.io.export.csv_export import comparison_csv
from dxcheck.tui.dialogs.compare_paths import ComparePathsScreen
from dxcheck.tui.dialogs.save_path import SavePathScreen
from dxcheck.tui.labels import score_text
from dxcheck.tui.screens.comparison import ComparisonScreen
from dxcheck.tui.screens.municipality_detail import MunicipalityDetailScreen
from dxcheck.tui.screens.start import StartScreen

from .helpers import (
    finished,
    option_texts,
    settled,
    small_app,
    small_questionnaire,
    submissions_folder,
    until,
)

SIZE = (80, 24)


async def open_comparison(pilot: Pilot[int], *paths: str) -> ComparisonScreen:
    await pilot.press("c")
    await until(
        pilot, lambda: isinstance(pilot.app.screen, ComparePathsScreen), "ComparePathsScreen"
    )
    assert isinstance(pilot.app.screen, ComparePathsScreen)
    for path in paths:
        await pilot.press(*path, "enter")
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(pilot.app.screen, ComparisonScreen), "ComparisonScreen")
    screen = pilot.app.screen
    assert isinstance(screen, ComparisonScreen)
    await finished(pilot.app)
    await settled(pilot)
    return screen


def codes(screen: ComparisonScreen) -> list[str]:
    table = screen.query_one("#table", DataTable)
    return [str(row.key.value) for row in table.ordered_rows]


def expected(tmp_path: Path) -> Comparison:
    return collect([Path("提出")], small_questionnaire())


async def test_compare_a_folder_sort_filter_and_nothing_dropped(tmp_path: Path) -> None:
    submissions_folder(tmp_path / "提出", small_questionnaire())
    want = expected(tmp_path)
    assert len(want.compared) == 8 and len(want.rejected) == 1 and want.earlier
    app = small_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settled(pilot)
        screen = await open_comparison(pilot, "提出")
        table = screen.query_one("#table", DataTable)
        assert codes(screen) == sorted(s.code for s in want.compared)
        # one row per municipality: every number as the core computed it
        by_code = {s.code: s for s in want.compared}
        for code in codes(screen):
            row = [str(c) for c in table.get_row(code)]
            card = by_code[code].card
            assert row[4] == score_text(card.overall)
            assert row[6:] == [score_text(a.score) for a in card.areas]

        # the refused file with its located reasons, and the notes
        rejected = screen.query_one("#rejected", OptionList)
        texts = option_texts(rejected)
        assert any("broken.toml:9:" in t and "5 以下" in t for t in texts)
        notes = screen.query_one("#notes").content.plain  # type: ignore[attr-defined]
        assert all(n in notes for n in want.notes()) and len(want.notes()) == 2
        assert any(
            "比較できませんでした" in n.message.replace("\n", "") for n in app._notifications
        )

        # s sorts by the column under the cursor: 総合, highest first, then lowest first
        await pilot.press("right", "right", "right", "right", "s")
        await settled(pilot)
        overall = [by_code[c].card.overall for c in codes(screen)]
        assert overall == sorted(overall, key=lambda v: -1 if v is None else v, reverse=True)
        assert "総合（高い順）" in screen.query_one("#count").content.plain  # type: ignore[attr-defined]
        await pilot.press("s")
        await settled(pilot)
        overall = [by_code[c].card.overall for c in codes(screen)]
        assert overall == sorted(v for v in overall if v is not None)

        # a click on a heading sorts by that column
        await pilot.click("#table", offset=(2, 0))
        await settled(pilot)
        assert screen.sort == "code" and codes(screen) == sorted(by_code)

        # filters: prefecture, population band, name
        prefecture = screen.query_one("#prefecture", Select)
        prefecture.value = "長崎県"
        await settled(pilot)
        assert {by_code[c].assessment.municipality.prefecture for c in codes(screen)} == {"長崎県"}
        assert len(codes(screen)) == 2
        prefecture.clear()
        band = screen.query_one("#band", Select)
        some_band = by_code[codes(screen)[0]].band
        band.value = some_band
        await settled(pilot)
        assert codes(screen) == sorted(c for c, s in by_code.items() if s.band == some_band)
        band.clear()
        await pilot.press("f", *"佐世保")
        await settled(pilot)
        assert [by_code[c].assessment.municipality.name for c in codes(screen)] == ["佐世保市"]
        screen.query_one("#name", Input).value = ""
        await settled(pilot)
        assert len(codes(screen)) == 8


async def test_enter_opens_a_municipality_with_its_trend(tmp_path: Path) -> None:
    submissions_folder(tmp_path / "提出", small_questionnaire())
    want = expected(tmp_path)
    [code] = want.earlier
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        screen = await open_comparison(pilot, "提出")
        row = codes(screen).index(code)
        for _ in range(row):
            await pilot.press("down")
        await pilot.press("enter")
        await settled(pilot)
        detail = app.screen
        assert isinstance(detail, MunicipalityDetailScreen)
        latest = next(s for s in want.compared if s.code == code)
        overall = detail.query_one("#overall").content.plain  # type: ignore[attr-defined]
        assert f"総合スコア {score_text(latest.card.overall)} / 5" in overall
        trend = detail.query_one("#trend").content.plain  # type: ignore[attr-defined]
        assert "2025-11-01" in trend and "2026-11-01" in trend and "前回から上がった分野" in trend
        areas = detail.query_one("#areas", OptionList)
        assert [o.id for o in areas.options] == [a.area.id for a in latest.card.areas]
        await pilot.press("escape")
        await settled(pilot)
        assert app.screen is screen
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, StartScreen), "StartScreen")
        assert isinstance(app.screen, StartScreen)


async def test_csv_and_xlsx_are_written_in_a_worker(tmp_path: Path) -> None:
    submissions_folder(tmp_path / "提出", small_questionnaire())
    want = expected(tmp_path)
    app = small_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settled(pilot)
        await open_comparison(pilot, "提出")
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, SavePathScreen), "SavePathScreen")
        assert isinstance(app.screen, SavePathScreen)
        # the picker shows the user's folder, and the name relative to it
        assert app.screen.query_one("#picker-path", Input).value == "dxcheck-比較-2026-11-21.csv"
        await pilot.press("enter")
        await finished(app)
        await settled(pilot)
        await pilot.press("x", "enter")
        await finished(app)
        await settled(pilot)
        assert sum("書き出しました" in n.title for n in app._notifications) == 2
    csv = tmp_path / "dxcheck-比較-2026-11-21.csv"
    assert csv.read_bytes() == comparison_csv(want, small_questionnaire())
    with zipfile.ZipFile(tmp_path / "dxcheck-比較-2026-11-21.xlsx") as book:
        assert "xl/workbook.xml" in book.namelist()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


async def test_several_paths_and_only_refused_files(tmp_path: Path) -> None:
    from .helpers import BROKEN_ANSWERS

    (tmp_path / "a.toml").write_text(BROKEN_ANSWERS, encoding="utf-8")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "c.toml").write_text("level = = 1\n", encoding="utf-8")
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        screen = await open_comparison(pilot, "a.toml", "b")
        assert codes(screen) == []
        assert screen.query_one(TabbedContent).active == "rejected-tab"
        rejected = screen.query_one("#rejected", OptionList)
        texts = option_texts(rejected)
        assert any(t.startswith("誤り a.toml:") for t in texts)
        assert any("c.toml:1:" in t for t in texts)
