"""The results screen marks thin benchmark values as the PDF does: ＊ for a value resting on
fewer than half the questions, every city score with its coverage and as-of date."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from dxcheck.io.sessions import Position
from dxcheck.tui.app import make_app
from dxcheck.tui.screens.results import ResultsScreen
from dxcheck.tui.screens.start import StartScreen
from dxcheck.tui.widgets.score_summary import ScoreSummary

from .helpers import TODAY, data_dir, fixed_clock, saved_session, shipped_data, until


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_thin_values_and_as_of_dates_on_the_results_screen(size: tuple[int, int]) -> None:
    shipped = shipped_data()
    if shipped is None:
        pytest.skip("the shipped questionnaire is not in the repository")
    questionnaire, cities = shipped
    first = questionnaire.questions[0].id
    saved_session(
        questionnaire, {first: {"level": 2}}, session_id="s", position=Position("results")
    )
    app = make_app(
        questionnaire=questionnaire,
        cities=cities,
        data_dir=data_dir(),
        today=TODAY,
        clock=fixed_clock,
    )
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: isinstance(app.screen, StartScreen), "開始画面")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ResultsScreen), "結果画面")
        summary = app.screen.query_one(ScoreSummary)
        overall = summary.query_one("#overall").content.plain  # type: ignore[attr-defined]
        # 南島原市: 2.0 from 2 of 75 questions — marked, with its coverage and plan date
        assert "南島原 2.0＊（3%・2026年4月）" in overall
        for city in cities:
            assert f"{city.as_of.year}年{city.as_of.month}月" in overall
        rows = {o.id: str(o.prompt) for o in summary.query_one("#areas", OptionList).options}
        assert "0.8＊" in rows["standardization"]  # the "best" of 標準化 is thin
        assert "＊" not in rows["governance"].split("  ")[0]
        legend = summary.query_one("#legend").content.plain  # type: ignore[attr-defined]
        assert "＊ 水準が分かった質問が半数未満の市の値" in legend
