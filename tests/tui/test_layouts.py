"""Layouts that use the room: the chosen option always in view, the cities' evidence in full
on a wide terminal, and everything reachable at 60×20."""

from __future__ import annotations

from textual.geometry import Region
from textual.widget import Widget

from dxcheck.io.sessions import Position
from dxcheck.tui.screens.question import QuestionScreen
from dxcheck.tui.screens.start import StartScreen
from dxcheck.tui.widgets.benchmark_panel import BenchmarkPanel, city_columns
from dxcheck.tui.widgets.ja_text import JaRows
from dxcheck.tui.widgets.level_picker import UNKNOWN_INDEX, LevelPicker

from .helpers import saved_session, small_app, small_cities, small_questionnaire, until


def _visible(widget: Widget, region: Region) -> bool:
    """Whether `region` (screen coordinates) lies inside the screen and inside every scrolling
    container around `widget`."""
    screen = widget.screen.region
    if not screen.contains_region(region):
        return False
    node = widget.parent
    while isinstance(node, Widget) and node is not widget.screen:
        if node.is_scrollable and not node.content_region.contains_region(region):
            return False
        node = node.parent
    return True


def _option_region(picker: LevelPicker, index: int) -> Region:
    picker._update_lines()
    line = picker._index_to_line[index]
    top = picker.content_region.y + line - int(picker.scroll_y)
    return Region(picker.content_region.x, top, 1, picker._heights[index])


async def _at_question(pilot: object, size: tuple[int, int], question_id: str) -> QuestionScreen:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    app = pilot.app
    await until(pilot, lambda: isinstance(app.screen, StartScreen), "開始画面")
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, QuestionScreen), "質問画面")
    screen = app.screen
    assert isinstance(screen, QuestionScreen) and screen.question is not None
    assert screen.question.id == question_id
    return screen


async def test_at_60x20_levels_4_5_unknown_and_the_memo_are_reachable_and_in_view() -> None:
    q = small_questionnaire()
    saved_session(q, {}, session_id="s", position=Position("question", "governance.dx-plan"))
    app = small_app()
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await _at_question(pilot, (60, 20), "governance.dx-plan")
        picker = screen.query_one(LevelPicker)
        for key, index in (("4", 4), ("5", 5), ("w", UNKNOWN_INDEX), ("0", 0), ("5", 5)):
            await pilot.press(key)
            await until(
                pilot,
                lambda index=index: (
                    picker.chosen == index  # type: ignore[misc]
                    and _visible(picker, _option_region(picker, index))
                ),
                f"選んだ選択肢 {index} が見えている",
            )
        await pilot.press("down", "down", "down")  # browsing scrolls too, without answering
        await until(
            pilot, lambda: _visible(picker, _option_region(picker, UNKNOWN_INDEX)), "わからない"
        )
        assert picker.chosen == 5
        await pilot.press("m")
        note = screen.query_one("#note")
        await until(pilot, lambda: app.focused is note and _visible(note, note.region), "メモ欄")


async def test_at_120x40_every_city_s_evidence_is_shown_in_full() -> None:
    q = small_questionnaire()
    question = q.question("frontyard.online-procedures")
    saved_session(q, {}, session_id="s", position=Position("question", question.id))
    app = small_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _at_question(pilot, (120, 40), question.id)
        panel = screen.query_one(BenchmarkPanel)
        await until(pilot, lambda: panel.full, "広い画面の表示")
        rows = panel.query_one(JaRows)
        shown = "".join(line.plain for line in rows.lines(rows.content_region.width))
        for city in small_cities():
            evidence = city_columns(question, city.questions.get(question.id))[2].plain
            assert evidence.replace(" ", "") in shown.replace(" ", "")
        assert "…" not in shown
        assert _visible(panel, panel.region)


async def test_at_80x24_each_city_is_one_line() -> None:
    q = small_questionnaire()
    saved_session(
        q, {}, session_id="s", position=Position("question", "frontyard.online-procedures")
    )
    app = small_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _at_question(pilot, (80, 24), "frontyard.online-procedures")
        panel = screen.query_one(BenchmarkPanel)
        rows = panel.query_one(JaRows)
        lines = rows.lines(rows.content_region.width)
        assert len(lines) == len(small_cities()) and not panel.full
