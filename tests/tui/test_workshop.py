"""Pilot journeys of the workshop: merging respondents' files from the start screen, the
facilitator view (disagreements first, each respondent side by side, settling with a reason,
autosaved), who answered what, and the settled file saved as an ordinary answer file."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList

from dxcheck.core.merge import coverage_by_respondent
from dxcheck.core.workshop import workshop
from dxcheck.io.collect import check_file
from dxcheck.io.load import read_assessment
from dxcheck.io.respondents import read_respondents
from dxcheck.tui.app import DxcheckApp
from dxcheck.tui.dialogs.merge_files import MergeFilesScreen
from dxcheck.tui.dialogs.save_path import SavePathScreen
from dxcheck.tui.screens.question import QuestionScreen
from dxcheck.tui.screens.start import StartScreen
from dxcheck.tui.screens.workshop import WorkshopScreen

from .helpers import (
    TODAY,
    data_dir,
    finished,
    fixed_clock,
    merged_file,
    option_texts,
    palette_shows,
    respondent_files,
    settled,
    shipped_data,
    small_app,
    small_questionnaire,
    store,
    until,
)

SIZE = (80, 24)


async def settle(pilot: Pilot[int], level: str, reason: str) -> None:
    await pilot.press(level, "m", *reason, "enter")
    await settled(pilot)


async def merge_from_start(pilot: Pilot[int], paths: list[Path]) -> None:
    await pilot.press("m")
    await until(pilot, lambda: isinstance(pilot.app.screen, MergeFilesScreen), "MergeFilesScreen")
    assert isinstance(pilot.app.screen, MergeFilesScreen)
    for path in paths:
        await pilot.press(*str(path), "enter")
    await pilot.press("enter")  # the empty field: merge
    await finished(pilot.app)
    await settled(pilot)


async def test_merge_from_the_start_screen_then_settle_disagreements(tmp_path: Path) -> None:
    q = small_questionnaire()
    paths = respondent_files(tmp_path / "ws", q)
    before = [p.read_bytes() for p in paths]
    expected = read_respondents(paths, q)
    assert expected.result is not None
    disagreements = expected.result.disagreements
    assert len(disagreements) >= 2

    app = small_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settled(pilot)
        await merge_from_start(pilot, [p.relative_to(tmp_path) for p in paths])
        screen = app.screen
        assert isinstance(screen, WorkshopScreen)
        assert app.session is not None and app.session.id is not None
        answers = app.session.assessment.answers
        # the same merge as `dxcheck merge`: respondents kept, median proposed
        assert answers == expected.result.assessment.answers

        # disagreements first, and the first open one is shown
        listing = screen.query_one("#questions", OptionList)
        ids = [o.id for o in listing.options if o.id]
        assert ids[: len(disagreements)] == disagreements
        assert screen.current == disagreements[0]
        proposal = screen.query_one("#proposal").content.plain  # type: ignore[attr-defined]
        assert "合意案" in proposal and "意見が分かれています" in proposal

        # a level without a reason is refused, saying why
        await pilot.press("3", "m", "enter")
        await settled(pilot)
        error = screen.query_one("#reason-error")
        assert error.display and "理由" in error.content.plain  # type: ignore[attr-defined]
        assert answers[disagreements[0]].agreed_reason == ""

        # level 3 and the reason: recorded with merge.settle, autosaved, on to the next one
        await pilot.press(*"計画は全庁で共有済み", "enter")
        await settled(pilot)
        first = answers[disagreements[0]]
        assert first.level == 3 and first.agreed_reason == "計画は全庁で共有済み"
        assert len(first.respondents) == len(
            expected.result.assessment.answers[disagreements[0]].respondents
        )
        assert screen.current == disagreements[1]
        assert any("合意を記録しました" in n.title for n in app._notifications)

        # わからない is a decision too
        await settle(pilot, "w", "誰も把握していない")
        assert answers[disagreements[1]].unknown
        summary = screen.query_one("#summary").content.plain  # type: ignore[attr-defined]
        assert f"意見が分かれた質問 {len(disagreements)}問" in summary
        await app.wait_for_saves()
        session_id = app.session.id

    saved = read_assessment(store().answer_path(session_id)).assessment
    assert saved.answers[disagreements[0]].agreed_reason == "計画は全庁で共有済み"
    assert saved.answers[disagreements[0]].level == 3
    assert saved.answers[disagreements[1]].unknown
    assert [p.read_bytes() for p in paths] == before  # the respondents' files untouched
    [info] = store().list_sessions()
    assert info.state.position.screen == "workshop"


async def test_coverage_shows_who_answered_which_area(tmp_path: Path) -> None:
    q = small_questionnaire()
    path = merged_file(tmp_path / "ws", q)
    app = small_app(open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, WorkshopScreen), "WorkshopScreen")
        screen = app.screen
        assert isinstance(screen, WorkshopScreen)  # a merged file opens in the workshop
        await pilot.press("c")
        await settled(pilot)
        table = screen.query_one("#coverage-table", DataTable)
        assert app.session is not None
        from dxcheck.core.workshop import respondents_in

        people = respondents_in(app.session.assessment)
        expected = coverage_by_respondent(q, people)
        assert [str(c.value) for c in table.columns] == ["area", *(f"r:{p.name}" for p in people)]
        for cov in expected:
            row = [str(cell) for cell in table.get_row(cov.area_id)[1:]]
            assert row == [
                f"{cov.answered[p.name]}/{cov.total}" if cov.answered[p.name] else "—"
                for p in people
            ]
        await pilot.press("c")
        await settled(pilot)
        assert screen.query_one("#questions", OptionList).has_focus


async def test_workshop_from_other_screens_by_key_and_palette(tmp_path: Path) -> None:
    path = merged_file(tmp_path / "ws", small_questionnaire())
    app = small_app(open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, WorkshopScreen), "WorkshopScreen")
        assert isinstance(app.screen, WorkshopScreen)
        await pilot.press("escape")  # to the question screen
        await until(
            pilot,
            lambda: isinstance(app.screen, QuestionScreen) and app.screen.question is not None,
            "質問画面",
        )
        assert isinstance(app.screen, QuestionScreen)
        assert any(
            b.binding.action == "workshop" for b in app.active_bindings.values() if b.enabled
        )
        await pilot.press("f")
        await until(pilot, lambda: isinstance(app.screen, WorkshopScreen), "WorkshopScreen")
        assert isinstance(app.screen, WorkshopScreen)
        await pilot.press("s")  # the results: its footer shows the key
        await settled(pilot)
        shown = [b.binding for b in app.active_bindings.values() if b.enabled and b.binding.show]
        assert any(b.key == "f" and b.description == "合意" for b in shown)
        await pilot.press("f")
        await until(pilot, lambda: isinstance(app.screen, WorkshopScreen), "WorkshopScreen")
        assert isinstance(app.screen, WorkshopScreen)
        await pilot.press("escape", "ctrl+p")
        await settled(pilot)
        await pilot.press(*"ワークショップ")
        await until(pilot, lambda: palette_shows(pilot), "検索結果")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, WorkshopScreen), "WorkshopScreen")
        assert isinstance(app.screen, WorkshopScreen)


async def test_an_ordinary_self_check_has_no_workshop() -> None:
    app = small_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await until(
            pilot,
            lambda: isinstance(app.screen, QuestionScreen) and app.screen.question is not None,
            "質問画面",
        )
        assert isinstance(app.screen, QuestionScreen)
        assert not any(
            b.binding.action == "workshop" for b in app.active_bindings.values() if b.enabled
        )
        await pilot.press("f")
        await until(
            pilot,
            lambda: isinstance(app.screen, QuestionScreen) and app.screen.question is not None,
            "質問画面",
        )
        assert isinstance(app.screen, QuestionScreen)


async def test_files_that_cannot_be_merged_are_listed_and_nothing_opens(tmp_path: Path) -> None:
    q = small_questionnaire()
    paths = respondent_files(tmp_path / "ws", q)
    broken = paths[1]
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("level = 3", "level = 9", 1), encoding="utf-8"
    )
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await merge_from_start(pilot, paths)
        screen = app.screen
        assert isinstance(screen, MergeFilesScreen)
        status = screen.query_one("#status").content.plain  # type: ignore[attr-defined]
        assert "まとめませんでした" in status
        problems = screen.query_one("#problems", OptionList)
        texts = option_texts(problems)
        assert any(broken.name in t and "5 以下" in t for t in texts)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, StartScreen), "StartScreen")
        assert isinstance(app.screen, StartScreen) and app.session is None
    assert store().list_sessions() == []


async def test_one_file_is_not_enough_and_a_missing_path_is_refused(tmp_path: Path) -> None:
    paths = respondent_files(tmp_path / "ws", small_questionnaire())
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("m")
        await settled(pilot)
        await pilot.press(*"nothing.toml", "enter")
        await settled(pilot)
        screen = app.screen
        error = screen.query_one("#path-error")
        assert error.display and "見つかりません" in error.content.plain  # type: ignore[attr-defined]
        screen.query_one("#path-input", Input).value = str(paths[0])
        await pilot.press("enter", "enter")
        await settled(pilot)
        assert "2つ以上" in screen.query_one("#status").content.plain  # type: ignore[attr-defined]
        assert isinstance(app.screen, MergeFilesScreen)


async def test_the_settled_file_is_saved_as_an_answer_file(tmp_path: Path) -> None:
    q = small_questionnaire()
    path = merged_file(tmp_path / "ws", q)
    app = small_app(open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, WorkshopScreen), "WorkshopScreen")
        assert isinstance(app.screen, WorkshopScreen)
        first = app.screen.current
        await settle(pilot, "2", "試行段階と判断")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, SavePathScreen), "SavePathScreen")
        assert isinstance(app.screen, SavePathScreen)
        app.screen.query_one("#picker-path", Input).value = "~/合意.toml"
        await pilot.press("enter")
        await finished(app)
        await settled(pilot)
    checked = check_file(tmp_path / "合意.toml", q)
    assert checked.ok and checked.loaded is not None
    answer = checked.loaded.assessment.answers[str(first)]
    assert answer.level == 2 and answer.agreed_reason == "試行段階と判断"
    assert len(answer.respondents) == 3
    assert (
        path.read_text(encoding="utf-8").count("agreed_reason") == 0
    )  # the opened file is untouched


@pytest.mark.slow
async def test_dxcheck_report_prints_the_agreed_reason(tmp_path: Path) -> None:
    """The shipped questionnaire end to end: merge, settle in the wizard, save, report."""
    shipped = shipped_data()
    if shipped is None:
        pytest.skip("the shipped questionnaire is not in the repository yet")
    q, cities = shipped
    from dxcheck.__main__ import main
    from dxcheck.core.answers import new_assessment, to_toml
    from dxcheck.core.model import Answer
    from dxcheck.tui.app import make_app

    qual = [x.id for x in q.questions if x.quantity is None]
    paths = []
    for name, dept, levels in (("佐藤", "総務課", (1, 3)), ("鈴木", "情報政策課", (4, 3))):
        a = new_assessment(q)
        m = a.municipality
        m.name, m.code, m.prefecture, m.population = "嬉野市", "412091", "佐賀県", 25000
        a.meta.respondent, a.meta.department = name, dept
        a.answers = {qid: Answer(level=lvl) for qid, lvl in zip(qual[:2], levels, strict=True)}
        p = tmp_path / f"{dept}.toml"
        p.write_text(to_toml(a, q), encoding="utf-8")
        paths.append(p)
    app: DxcheckApp = make_app(
        questionnaire=q, cities=cities, data_dir=data_dir(), today=TODAY, clock=fixed_clock
    )
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await merge_from_start(pilot, paths)
        screen = app.screen
        assert isinstance(screen, WorkshopScreen) and screen.current == qual[0]
        await settle(pilot, "2", "本部はあるが運用はこれから")
        await pilot.press("ctrl+s")
        await settled(pilot)
        app.screen.query_one("#picker-path", Input).value = "~/合意.toml"
        await pilot.press("enter")
        await finished(app)
        await settled(pilot)
    assert workshop(q, read_assessment(tmp_path / "合意.toml").assessment).item(qual[0]).settled
    html = tmp_path / "report.html"
    assert main(["report", str(tmp_path / "合意.toml"), "-o", str(tmp_path / "r.pdf"),
                 "--html", str(html)]) == 0  # fmt: skip
    assert "本部はあるが運用はこれから" in html.read_text(encoding="utf-8")


async def test_a_workshop_session_resumes_in_the_workshop(tmp_path: Path) -> None:
    path = merged_file(tmp_path / "ws", small_questionnaire())
    app = small_app(open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("down", "down")  # the second disagreement
        await until(pilot, lambda: isinstance(app.screen, WorkshopScreen), "WorkshopScreen")
        screen = app.screen
        assert isinstance(screen, WorkshopScreen)
        await settle(pilot, "1", "検討段階")  # not a disagreement: on to the first open one
        where = screen.current
        assert where == "governance.dx-plan"
        await app.wait_for_saves()
    again = small_app()
    async with again.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("enter")  # 前回の続きから
        await until(pilot, lambda: isinstance(again.screen, WorkshopScreen), "WorkshopScreen")
        screen = again.screen
        assert isinstance(screen, WorkshopScreen) and screen.current == where
