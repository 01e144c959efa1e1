"""回答一覧: every answer by area, a jump to edit, and a page to print."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList

from dxcheck.io.sessions import Position
from dxcheck.tui.screens.question import QuestionScreen
from dxcheck.tui.screens.review import ReviewScreen
from dxcheck.tui.screens.start import StartScreen

from .helpers import finished, saved_session, small_app, small_questionnaire, until

SIZE = (80, 24)
ANSWERS: dict[str, dict[str, object]] = {
    "governance.dx-plan": {"level": 2, "note": "<b>企画課</b>に確認済み"},
    "governance.cdo": {"unknown": True},
    "frontyard.online-procedures": {"value": 120, "level": 3},
}


async def _open_review(pilot: object) -> ReviewScreen:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    app = pilot.app
    await until(pilot, lambda: isinstance(app.screen, StartScreen), "開始画面")
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, QuestionScreen), "質問画面")
    await pilot.press("r")
    await until(pilot, lambda: isinstance(app.screen, ReviewScreen), "回答一覧")
    screen = app.screen
    assert isinstance(screen, ReviewScreen)
    return screen


async def test_every_answer_by_area_and_a_jump_to_edit() -> None:
    q = small_questionnaire()
    saved_session(q, ANSWERS, session_id="s", position=Position("question", "governance.cdo"))
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_review(pilot)
        listing = screen.query_one("#answers", OptionList)
        ids = [o.id for o in listing.options if o.id]
        assert ids == [question.id for area in q.areas for question in q.questions_in(area.id)]
        text = {o.id: str(o.prompt) for o in listing.options if o.id}
        assert "レベル 2" in text["governance.dx-plan"] and "企画課" in text["governance.dx-plan"]
        assert "わからない" in text["governance.cdo"]
        assert "120手続" in text["frontyard.online-procedures"]
        assert "未回答" in text["frontyard.cashless"]
        headings = [str(o.prompt) for o in listing.options if o.disabled]
        assert len(headings) == len(q.areas)
        assert listing.highlighted_option is not None
        assert listing.highlighted_option.id == "governance.cdo"  # where the user was
        await pilot.press("down", "enter")  # jump to the next question to edit it
        await until(pilot, lambda: isinstance(app.screen, QuestionScreen), "質問へ")
        question = app.screen
        assert isinstance(question, QuestionScreen) and question.question is not None
        assert question.question.id == ids[2]
        await pilot.press("r", "u")  # only what is still open
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen), "回答一覧")
        await until(pilot, lambda: app.screen.open_only, "未回答だけ")  # type: ignore[attr-defined]
        open_ids = [o.id for o in app.screen.query_one("#answers", OptionList).options if o.id]
        assert "governance.dx-plan" not in open_ids and "governance.cdo" in open_ids


async def test_printed_from_the_wizard_as_html(tmp_path: Path) -> None:
    q = small_questionnaire()
    saved_session(q, ANSWERS, session_id="s")
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await _open_review(pilot)
        await pilot.press("p")
        await until(pilot, lambda: app.screen.query("#picker-path"), "保存先の入力")
        path_input = app.screen.query_one("#picker-path", Input)
        # the picker shows the name in its folder (the home folder, here tmp_path)
        assert path_input.value == "dxcheck-回答一覧-いちき串木野市-2026-11-20.html"
        await pilot.press("enter")
        page = tmp_path / "dxcheck-回答一覧-いちき串木野市-2026-11-20.html"
        await until(pilot, page.exists, "回答一覧のファイル")
        await finished(app)
    text = page.read_text(encoding="utf-8")
    assert "&lt;b&gt;企画課&lt;/b&gt;に確認済み" in text  # the user's memo, escaped
    assert "<b>企画課" not in text
    for area in q.areas:
        assert area.name in text
    assert "レベル 2 一部で実施・試行" in text and "わからない" in text and "120手続" in text
    assert text.count("<tr><td") == len(q.questions)
