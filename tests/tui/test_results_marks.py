"""The results screen marks thin benchmark values as the PDF does: ＊ for a value resting on
fewer than half the questions, every city score with its coverage and as-of date."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from dxcheck.io.sessions import Position
from dxcheck.tui.app import make_app
from dxcheck.tui.labels import city_short, percent, score_text
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
        benchmarks = app.data.benchmarks  # type: ignore[union-attr]
        for city in cities:  # e.g. 「南島原 2.0＊（2%・2026年4月）」: 2.0 from 2 of 81 questions
            card = benchmarks.current[city.id]
            mark = "＊" if card.coverage < 0.5 and card.overall is not None else ""
            assert (
                f"{city_short(city, 12)} {score_text(card.overall)}{mark}"
                f"（{percent(card.answered, card.total)}・{city.as_of.year}年{city.as_of.month}月）"
            ) in overall
        assert "＊" in overall
        rows = {o.id: str(o.prompt) for o in summary.query_one("#areas", OptionList).options}
        if size[0] >= 110:  # each city's column: thin area values carry ＊
            thin = [
                (area_id, a.score)
                for c in cities
                for area_id in rows
                if area_id is not None
                and (a := benchmarks.current[c.id].area(area_id)).low_confidence
                and a.score is not None
            ]
            assert thin
            for area_id, score in thin:
                assert f"{score:.1f}＊" in rows[area_id]
        legend = summary.query_one("#legend").content.plain  # type: ignore[attr-defined]
        assert "＊ 水準が分かった質問が半数未満の市の値" in legend
