"""SVG snapshots of every screen and dialog, at 80×24 and (for the busy ones) 120×40.

Deterministic: the small test questionnaire and cities (tests/tui/data), fixed dates, HOME
inside tmp_path so paths read `~/…`, and no blinking cursor. Update the baselines with
`.venv/bin/python -m pytest tests/tui/test_snapshots.py --snapshot-update` and look at the
report before committing them.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Select, TabbedContent

from dxcheck.io.sessions import Position
from dxcheck.io.store import WriteError
from dxcheck.tui.app import DxcheckApp

from .helpers import finished, saved_session, settled, small_app, small_questionnaire
from .test_journeys import BROKEN, fill_profile
from .waiting import until

Steps = Callable[[Pilot[Any]], Awaitable[None]]
WIDE = (120, 40)


def still(steps: Steps | None = None) -> Steps:
    """Run the steps, then stop every text cursor blinking so the picture is the same each run."""

    async def run(pilot: Pilot[Any]) -> None:
        await settled(pilot)
        if steps is not None:
            await steps(pilot)
        await settled(pilot)
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await settled(pilot)

    return run


async def new_session(pilot: Pilot[Any]) -> None:
    await pilot.press("enter")
    await settled(pilot)
    await fill_profile(pilot)


def at_question(question_id: str, *keys: str) -> Steps:
    async def steps(pilot: Pilot[Any]) -> None:
        await new_session(pilot)
        app: DxcheckApp = pilot.app  # type: ignore[assignment]
        app.goto_question(question_id)
        await settled(pilot)
        await pilot.press(*keys)

    return steps


def answered(*keys: str) -> Steps:
    """A new session with the first questions answered by `keys`, then more keys."""

    async def steps(pilot: Pilot[Any]) -> None:
        await new_session(pilot)
        await pilot.press(*keys)

    return steps


def two_sessions() -> None:
    q = small_questionnaire()
    saved_session(
        q,
        {"governance.dx-plan": {"level": 2}, "governance.cdo": {"unknown": True}},
        session_id="a",
        position=Position("question", "frontyard.online-procedures"),
    )
    saved_session(
        q, {}, session_id="b", name="潟上市", code="052116", updated_at="2026-11-19T09:00:00"
    )


class TestStart:
    def test_first_run(self, snap_compare: Any) -> None:
        assert snap_compare(small_app(), run_before=still())

    def test_with_saved_sessions(self, snap_compare: Any) -> None:
        two_sessions()
        assert snap_compare(small_app(), run_before=still())


class TestProfile:
    def test_blank(self, snap_compare: Any) -> None:
        async def steps(pilot: Pilot[Any]) -> None:
            await pilot.press("enter")

        assert snap_compare(small_app(), run_before=still(steps))

    def test_municipality_chosen(self, snap_compare: Any) -> None:
        async def steps(pilot: Pilot[Any]) -> None:
            await pilot.press("enter")
            await settled(pilot)
            await pilot.press("enter", "鹿", "enter", "tab", *"くし", "enter", *"27000")

        assert snap_compare(small_app(), run_before=still(steps))

    def test_refused_entries(self, snap_compare: Any) -> None:
        async def steps(pilot: Pilot[Any]) -> None:
            await pilot.press("enter")
            await settled(pilot)
            screen = pilot.app.screen
            screen.query_one("#population", Input).value = "1万2千"
            screen.query_one("#assessed-on", Input).value = "2027-04-01"

        assert snap_compare(small_app(), run_before=still(steps))


class TestQuestion:
    def test_first_question(self, snap_compare: Any) -> None:
        assert snap_compare(small_app(), run_before=still(new_session))

    def test_level_chosen_and_note(self, snap_compare: Any) -> None:
        assert snap_compare(
            small_app(), run_before=still(answered("3", "m", *"企画課に確認済み", "escape"))
        )

    def test_quantitative_with_a_number(self, snap_compare: Any) -> None:
        async def steps(pilot: Pilot[Any]) -> None:
            await at_question("frontyard.online-procedures")(pilot)
            await pilot.press(*"120")  # focus starts in the number box

        assert snap_compare(small_app(), run_before=still(steps))

    def test_quantitative_refused_number_wide(self, snap_compare: Any) -> None:
        """120×40: the number box with a refused number, and the cities' evidence in full."""

        async def steps(pilot: Pilot[Any]) -> None:
            await at_question("frontyard.online-procedures")(pilot)
            await pilot.press(*"約3")

        assert snap_compare(small_app(), terminal_size=WIDE, run_before=still(steps))

    def test_compact_at_60x20_with_level_5_chosen(self, snap_compare: Any) -> None:
        assert snap_compare(small_app(), terminal_size=(60, 20), run_before=still(answered("5")))

    def test_wide_with_area_list(self, snap_compare: Any) -> None:
        assert snap_compare(
            small_app(),
            terminal_size=WIDE,
            run_before=still(answered("3", "enter", "w", "enter", "2")),
        )

    def test_demo(self, snap_compare: Any) -> None:
        assert snap_compare(small_app(demo=True), run_before=still())

    def test_without_cities(self, snap_compare: Any) -> None:
        assert snap_compare(small_app(cities=()), run_before=still(new_session))


class TestMoving:
    def test_area_picker(self, snap_compare: Any) -> None:
        assert snap_compare(small_app(), run_before=still(answered("3", "enter", "1", "a")))

    def test_city_detail(self, snap_compare: Any) -> None:
        assert snap_compare(
            small_app(), run_before=still(at_question("frontyard.online-procedures", "b"))
        )

    def test_review(self, snap_compare: Any) -> None:
        assert snap_compare(
            small_app(), run_before=still(answered("3", "enter", "w", "enter", "2", "r"))
        )

    def test_review_wide(self, snap_compare: Any) -> None:
        keys = ("3", "m", *"企画課に確認済み", "enter", "w", "enter", *"120", "enter", "r")
        assert snap_compare(small_app(), terminal_size=WIDE, run_before=still(answered(*keys)))

    def test_review_open_only(self, snap_compare: Any) -> None:
        assert snap_compare(
            small_app(), run_before=still(answered("3", "enter", "w", "enter", "r", "u"))
        )

    def test_help(self, snap_compare: Any) -> None:
        assert snap_compare(small_app(), run_before=still(answered("f1")))


class TestResults:
    keys = ("3", "enter", "2", "enter", *"120", "enter", "1", "enter", "w", "enter", "s")

    def test_against_the_best(self, snap_compare: Any) -> None:
        assert snap_compare(small_app(), run_before=still(answered(*self.keys)))

    def test_wide(self, snap_compare: Any) -> None:
        assert snap_compare(small_app(), terminal_size=WIDE, run_before=still(answered(*self.keys)))

    def test_each_city(self, snap_compare: Any) -> None:
        assert snap_compare(small_app(), run_before=still(answered(*self.keys, "v")))

    def test_custom_targets_dialog(self, snap_compare: Any) -> None:
        assert snap_compare(small_app(), run_before=still(answered(*self.keys, "c")))

    def test_without_cities(self, snap_compare: Any) -> None:
        assert snap_compare(small_app(cities=()), run_before=still(answered(*self.keys)))

    def test_light_theme(self, snap_compare: Any) -> None:
        assert snap_compare(small_app(), run_before=still(answered(*self.keys, "ctrl+t")))


class TestFiles:
    def test_save_as(self, snap_compare: Any) -> None:
        assert snap_compare(small_app(), run_before=still(answered("3", "ctrl+s")))

    def test_confirm_overwrite(self, snap_compare: Any, tmp_path: Path) -> None:
        (tmp_path / "dxcheck-いちき串木野市-2026-11-21.toml").write_text("", encoding="utf-8")
        assert snap_compare(small_app(), run_before=still(answered("3", "ctrl+s", "enter")))

    def test_open_a_broken_file(self, snap_compare: Any, tmp_path: Path) -> None:
        (tmp_path / "broken.toml").write_text(BROKEN, encoding="utf-8")

        async def steps(pilot: Pilot[Any]) -> None:
            await pilot.press("o")
            await settled(pilot)
            await pilot.press(*"broken.toml", "enter")

        assert snap_compare(small_app(), run_before=still(steps))

    def test_broken_saved_session(self, snap_compare: Any) -> None:
        folder = Path.home() / "data" / "sessions"
        folder.mkdir(parents=True)
        (folder / "x.toml").write_text(BROKEN, encoding="utf-8")

        async def steps(pilot: Pilot[Any]) -> None:
            await pilot.press("enter")

        assert snap_compare(small_app(), run_before=still(steps))

    def test_pdf_failure_is_explained(
        self, snap_compare: Any, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        def write_report(*args: object, **kwargs: object) -> Path:
            raise WriteError(
                "~/報告書.pdf に保存できませんでした: ディスクの空きがありません。元のファイルはそのまま残っています"
            )

        fake = types.ModuleType("dxcheck.report.render")
        fake.write_report = write_report  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, "dxcheck.report.render", fake)
        monkeypatch.setattr("dxcheck.tui.screens.results.report_available", lambda: True)

        async def steps(pilot: Pilot[Any]) -> None:
            await answered(*TestResults.keys, "p", "enter")(pilot)
            await settled(pilot)
            await pilot.press("enter")  # no baseline
            await finished(pilot.app)

        assert snap_compare(small_app(), run_before=still(steps))


# ---------------------------------------------------------------- comparison (prefectures)


def inbox() -> None:
    from .helpers import submissions_folder

    submissions_folder(Path.home() / "提出", small_questionnaire())


async def compared(pilot: Pilot[Any]) -> None:
    await pilot.press("c")
    await settled(pilot)
    await pilot.press(*"提出", "enter", "enter")
    await settled(pilot)
    await finished(pilot.app)
    await settled(pilot)
    pilot.app.clear_notifications()


class TestComparison:
    def test_paths_dialog(self, snap_compare: Any) -> None:
        inbox()

        async def steps(pilot: Pilot[Any]) -> None:
            await pilot.press("c")
            await settled(pilot)
            await pilot.press(*"提出", "enter", *"nothing")

        assert snap_compare(small_app(), run_before=still(steps))

    def test_table(self, snap_compare: Any) -> None:
        inbox()
        assert snap_compare(small_app(), run_before=still(compared))

    def test_sorted_by_overall_and_filtered(self, snap_compare: Any) -> None:
        inbox()

        async def steps(pilot: Pilot[Any]) -> None:
            await compared(pilot)
            await pilot.press("right", "right", "right", "right", "s")
            pilot.app.screen.query_one("#prefecture", Select).value = "佐賀県"

        assert snap_compare(small_app(), run_before=still(steps))

    def test_refused_files(self, snap_compare: Any) -> None:
        inbox()

        async def steps(pilot: Pilot[Any]) -> None:
            await compared(pilot)
            pilot.app.screen.query_one(TabbedContent).active = "rejected-tab"

        assert snap_compare(small_app(), run_before=still(steps))

    def test_notes(self, snap_compare: Any) -> None:
        inbox()

        async def steps(pilot: Pilot[Any]) -> None:
            await compared(pilot)
            pilot.app.screen.query_one(TabbedContent).active = "notes-tab"

        assert snap_compare(small_app(), run_before=still(steps))

    def test_municipality_with_trend(self, snap_compare: Any) -> None:
        inbox()

        async def steps(pilot: Pilot[Any]) -> None:
            await compared(pilot)
            await pilot.press("down", "enter")  # 412023, with last year's file

        assert snap_compare(small_app(), run_before=still(steps))


# ---------------------------------------------------------------- workshop


def workshop_app() -> DxcheckApp:
    from .helpers import merged_file

    return small_app(open_path=merged_file(Path.home() / "ws", small_questionnaire()))


async def in_workshop(pilot: Pilot[Any]) -> None:
    await settled(pilot)
    pilot.app.clear_notifications()


class TestWorkshop:
    def test_facilitator_view(self, snap_compare: Any) -> None:
        assert snap_compare(workshop_app(), run_before=still(in_workshop))

    def test_level_and_reason_typed(self, snap_compare: Any) -> None:
        async def steps(pilot: Pilot[Any]) -> None:
            await in_workshop(pilot)
            await pilot.press("3", "m", *"計画は全庁で共有済み")

        assert snap_compare(workshop_app(), run_before=still(steps))

    def test_after_settling(self, snap_compare: Any) -> None:
        async def steps(pilot: Pilot[Any]) -> None:
            await in_workshop(pilot)
            await pilot.press("3", "m", *"計画は全庁で共有済み", "enter")
            await settled(pilot)
            pilot.app.clear_notifications()

        assert snap_compare(workshop_app(), run_before=still(steps))

    def test_coverage(self, snap_compare: Any) -> None:
        async def steps(pilot: Pilot[Any]) -> None:
            await in_workshop(pilot)
            await pilot.press("c")

        assert snap_compare(workshop_app(), run_before=still(steps))

    def test_results_show_the_workshop_key(self, snap_compare: Any) -> None:
        async def steps(pilot: Pilot[Any]) -> None:
            await in_workshop(pilot)
            await pilot.press("s")

        assert snap_compare(workshop_app(), run_before=still(steps))

    def test_merge_refused(self, snap_compare: Any) -> None:
        from .helpers import respondent_files

        paths = respondent_files(Path.home() / "ws", small_questionnaire())
        paths[1].write_text(
            paths[1].read_text(encoding="utf-8").replace("level = 3", "level = 9", 1),
            encoding="utf-8",
        )

        async def steps(pilot: Pilot[Any]) -> None:
            await pilot.press("m")
            await settled(pilot)
            for path in paths:
                await pilot.press(*f"ws/{path.name}", "enter")
            await pilot.press("enter")
            await finished(pilot.app)

        assert snap_compare(small_app(), run_before=still(steps))


# ---------------------------------------------------------------- baseline, presentation


class TestBaseline:
    def test_baseline_dialog(self, snap_compare: Any, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr("dxcheck.tui.screens.results.report_available", lambda: True)
        assert snap_compare(
            small_app(), run_before=still(answered(*TestResults.keys, "p", "enter"))
        )


class TestPresentation:
    def test_start(self, snap_compare: Any) -> None:
        assert snap_compare(small_app(presentation=True), run_before=still())

    def test_results(self, snap_compare: Any) -> None:
        assert snap_compare(
            small_app(presentation=True), run_before=still(answered(*TestResults.keys))
        )

    def test_workshop(self, snap_compare: Any) -> None:
        from .helpers import merged_file

        app = small_app(
            presentation=True, open_path=merged_file(Path.home() / "ws", small_questionnaire())
        )
        assert snap_compare(app, run_before=still(in_workshop))


# ---------------------------------------------------------------- issue 12 part B


def labelled_sessions() -> None:
    from .test_sessions_and_files import sessions_of_a_small_town

    sessions_of_a_small_town()


def documents_folder() -> None:
    """A Documents folder with answer files, a subfolder and a file the picker leaves out."""
    home = Path.home() / "Documents"
    (home / "2025年度").mkdir(parents=True)
    (home / "太良町-2026-11-21.toml").write_text("", encoding="utf-8")
    (home / "総務課.toml").write_text("", encoding="utf-8")
    (home / "メモ.txt").write_text("", encoding="utf-8")


def picker_tree_loaded(pilot: Pilot[Any]) -> Awaitable[None]:
    from textual.widgets import DirectoryTree

    def loaded() -> bool:
        trees = pilot.app.screen.query(DirectoryTree)
        return bool(trees) and bool(trees.first().root.children)

    return until(pilot, loaded)


class TestSessions:
    def test_labelled(self, snap_compare: Any) -> None:
        labelled_sessions()
        assert snap_compare(small_app(), run_before=still())

    def test_labelled_wide(self, snap_compare: Any) -> None:
        labelled_sessions()
        assert snap_compare(small_app(), terminal_size=WIDE, run_before=still())

    def test_rename(self, snap_compare: Any) -> None:
        labelled_sessions()

        async def steps(pilot: Pilot[Any]) -> None:
            await pilot.press("r", "ctrl+u", *"総務課の回答")

        assert snap_compare(small_app(), run_before=still(steps))

    def test_delete_asks_first(self, snap_compare: Any) -> None:
        labelled_sessions()

        async def steps(pilot: Pilot[Any]) -> None:
            await pilot.press("x")

        assert snap_compare(small_app(), run_before=still(steps))


class TestPicker:
    def test_open(self, snap_compare: Any) -> None:
        documents_folder()

        async def steps(pilot: Pilot[Any]) -> None:
            await pilot.press("o")
            await picker_tree_loaded(pilot)
            await pilot.press(*"太", "tab")

        assert snap_compare(small_app(), run_before=still(steps))

    def test_open_wide(self, snap_compare: Any) -> None:
        documents_folder()

        async def steps(pilot: Pilot[Any]) -> None:
            await pilot.press("o")
            await picker_tree_loaded(pilot)
            await pilot.press("tab")  # the tree has the focus

        assert snap_compare(small_app(), terminal_size=WIDE, run_before=still(steps))

    def test_save_candidates(self, snap_compare: Any) -> None:
        documents_folder()

        async def steps(pilot: Pilot[Any]) -> None:
            await new_session(pilot)
            await pilot.press("ctrl+s")
            await picker_tree_loaded(pilot)
            await pilot.press("ctrl+u", "tab")  # empty: to the tree; back, and complete
            await pilot.press("shift+tab", *"2", "tab")

        assert snap_compare(small_app(), run_before=still(steps))

    def test_save_into_a_missing_folder(self, snap_compare: Any) -> None:
        async def steps(pilot: Pilot[Any]) -> None:
            await new_session(pilot)
            # the tree shows the home folder, where the autosave makes its data folder
            await pilot.app.wait_for_saves()  # type: ignore[attr-defined]
            await pilot.press("ctrl+s")
            await picker_tree_loaded(pilot)
            await pilot.press("ctrl+u", *"報告/回答", "enter")

        assert snap_compare(small_app(), run_before=still(steps))

    def test_new_folder(self, snap_compare: Any) -> None:
        async def steps(pilot: Pilot[Any]) -> None:
            await new_session(pilot)
            await pilot.app.wait_for_saves()  # type: ignore[attr-defined]
            await pilot.press("ctrl+s")
            await picker_tree_loaded(pilot)
            await pilot.press("ctrl+n")
            await until(pilot, lambda: type(pilot.app.focused).__name__ == "Input")
            await pilot.press(*"2026年度")

        assert snap_compare(small_app(), terminal_size=WIDE, run_before=still(steps))


class TestKeyboard:
    def test_prefecture_menu_in_japanese(self, snap_compare: Any) -> None:
        async def steps(pilot: Pilot[Any]) -> None:
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("enter")

        assert snap_compare(small_app(), run_before=still(steps))

    def test_focus_is_visible_in_light_theme(self, snap_compare: Any) -> None:
        async def steps(pilot: Pilot[Any]) -> None:
            pilot.app.theme = "textual-light"
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("enter", "佐", "enter", "tab", *"タラ", "enter")

        assert snap_compare(small_app(), run_before=still(steps))

    def test_help_for_the_start_screen(self, snap_compare: Any) -> None:
        labelled_sessions()

        async def steps(pilot: Pilot[Any]) -> None:
            await pilot.press("f1")

        assert snap_compare(small_app(), terminal_size=WIDE, run_before=still(steps))
