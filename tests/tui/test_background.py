"""Background work (dxcheck.tui.background): files are read and checked off the UI thread with a
loading indicator; a worker that fails is reported once, in Japanese, by the one handler, and
the wizard goes on. The Open dialog end to end with a good answer file, a broken one and a
filled Excel form."""

from __future__ import annotations

import threading
from pathlib import Path

import openpyxl
import pytest
from textual.widgets import LoadingIndicator, OptionList

from dxcheck.io.collect import Checked
from dxcheck.io.export.form_xlsx import form_xlsx
from dxcheck.io.form_layout import ANSWERS_SHEET, COL_LEVEL, PROFILE_ROWS, PROFILE_SHEET
from dxcheck.tui.app import DxcheckApp
from dxcheck.tui.dialogs.baseline import BaselineChoice, BaselineScreen
from dxcheck.tui.dialogs.open_file import OpenFileScreen
from dxcheck.tui.screens.profile import ProfileScreen
from dxcheck.tui.screens.question import QuestionScreen
from dxcheck.tui.screens.start import StartScreen
from dxcheck.tui.widgets.ja_text import JaStatic

from .helpers import option_texts, settled, small_app, small_questionnaire, store
from .test_journeys import BROKEN
from .waiting import until

SIZE = (80, 24)
GOOD = (
    BROKEN.split("[answers")[0]
    + '[municipality]\nname = "潟上市"\ncode = "052116"\nprefecture = "秋田県"\n'
    + '[answers."governance.dx-plan"]\nlevel = 3\n'
)


def messages(app: DxcheckApp) -> list[tuple[str, str]]:
    """The notifications shown, as (title, message) with the toast's line breaks removed."""
    return [(n.title.replace("\n", ""), n.message.replace("\n", "")) for n in app._notifications]


def status_of(app: DxcheckApp) -> str:
    return app.screen.query_one("#status", JaStatic).content.plain


def spinning(app: DxcheckApp) -> bool:
    return app.screen.query_one("#checking", LoadingIndicator).display


async def open_dialog(pilot: object, app: DxcheckApp) -> OpenFileScreen:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await settled(pilot)
    await pilot.press("o")
    await until(pilot, lambda: isinstance(app.screen, OpenFileScreen))
    assert isinstance(app.screen, OpenFileScreen)
    return app.screen


def filled_form(path: Path) -> Path:
    """The Excel form `dxcheck template -o x.xlsx` makes, filled in as a person would."""
    path.write_bytes(form_xlsx(small_questionnaire()))
    book = openpyxl.load_workbook(path)
    profile = book[PROFILE_SHEET]
    rows = {label: i + 2 for i, (label, _, _) in enumerate(PROFILE_ROWS)}
    for label, value in (
        ("団体名", "潟上市"),
        ("団体コード", "052116"),
        ("都道府県", "秋田県"),
        ("人口", 31000),
    ):
        profile.cell(rows[label], 2).value = value
    sheet = book[ANSWERS_SHEET]
    header = {c.value: c.column for c in sheet[1]}
    levels = {"governance.dx-plan": 4, "governance.cdo": 2}
    for row in sheet.iter_rows(min_row=2):
        if row[0].value in levels:
            sheet.cell(row[0].row, header[COL_LEVEL]).value = levels[str(row[0].value)]
    book.save(path)
    return path


# ---------------------------------------------------------------- one failure handler


async def test_a_failing_worker_is_told_in_japanese_and_the_wizard_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "good.toml").write_text(GOOD, encoding="utf-8")

    def breaks(*args: object, **kwargs: object) -> Checked:
        raise RuntimeError("読み取り中に止まりました")

    monkeypatch.setattr("dxcheck.io.collect.check_file", breaks)
    app = small_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        dialog = await open_dialog(pilot, app)
        await pilot.press(*"good.toml", "enter")
        await until(pilot, lambda: any("確かめられませんでした" in t for t, _ in messages(app)))
        await settled(pilot)
        [(title, message)] = messages(app)  # told once
        assert title == "~/good.toml を確かめられませんでした"
        assert "読み取り中に止まりました" in message
        assert "入力した内容はそのまま残っています" in message
        assert "Traceback" not in message and 'File "' not in message
        # the dialog says so in place, its indicator gone, and the wizard is still usable
        assert app.is_running and app.screen is dialog
        assert not spinning(app)
        assert "確かめられませんでした" in status_of(app)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, StartScreen))
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, ProfileScreen))
        assert app.session is not None


async def test_a_failing_export_is_told_with_its_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dxcheck.io.store import WriteError
    from dxcheck.tui.saving import export_answer_file

    def refused(*args: object, **kwargs: object) -> None:
        raise WriteError("~/x.toml に保存できませんでした: 権限がありません")

    monkeypatch.setattr("dxcheck.io.store.atomic_write_text", refused)
    app = small_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settled(pilot)
        from dxcheck.core.answers import new_assessment

        q = small_questionnaire()
        export_answer_file(app, tmp_path / "x.toml", new_assessment(q), q)
        await until(pilot, lambda: bool(messages(app)))
        await settled(pilot)
        [(title, message)] = messages(app)
        assert title == "保存できませんでした"
        assert "権限がありません" in message and "入力した内容はそのまま残っています" in message
        assert app.is_running and isinstance(app.screen, StartScreen)
    assert not (tmp_path / "x.toml").exists()


# ---------------------------------------------------------------- check_file off the UI thread


async def test_the_check_runs_in_a_worker_while_the_dialog_shows_it_is_busy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check is held until the test has seen the indicator, then let go."""
    from dxcheck.io import collect

    (tmp_path / "good.toml").write_text(GOOD, encoding="utf-8")
    real = collect.check_file
    release = threading.Event()
    threads: list[bool] = []

    def held(path: Path, *args: object, **kwargs: object) -> Checked:
        threads.append(threading.current_thread() is threading.main_thread())
        release.wait(timeout=30)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(collect, "check_file", held)
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(pilot, app)
        await pilot.press(*"good.toml", "enter")
        await until(pilot, lambda: spinning(app) and bool(threads))
        assert "確かめています" in status_of(app)
        assert isinstance(app.screen, OpenFileScreen)  # the UI is live meanwhile
        release.set()
        await until(pilot, lambda: isinstance(app.screen, QuestionScreen))
    assert threads == [False]


async def test_open_a_good_answer_file_through_the_dialog(tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_text(GOOD, encoding="utf-8")
    before = good.read_bytes()
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(pilot, app)
        await pilot.press(*"good.toml", "enter")
        await until(pilot, lambda: isinstance(app.screen, QuestionScreen))
        assert app.session is not None
        answers = app.session.assessment.answers
        assert answers["governance.dx-plan"].level == 3
        assert app.session.assessment.municipality.name == "潟上市"
        await app.wait_for_saves()
    assert good.read_bytes() == before
    [info] = store().list_sessions()
    assert info.state.source.endswith("good.toml") and info.state.municipality == "潟上市"


async def test_open_a_broken_answer_file_shows_where_and_changes_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text(BROKEN, encoding="utf-8")
    before = (broken.read_bytes(), broken.stat().st_mtime_ns)
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_dialog(pilot, app)
        await pilot.press(*"broken.toml", "enter")
        await until(pilot, lambda: "開けません" in status_of(app))
        assert app.screen is dialog and not spinning(app)
        assert (
            status_of(app)
            == "~/broken.toml は開けません（誤り 2 件）。ファイルは変更していません。"
        )
        texts = option_texts(dialog.query_one("#problems", OptionList))
        assert any(
            "broken.toml:5:" in t and "governance.dx-plan" in t and "5 以下" in t for t in texts
        )
        assert any("broken.toml:6:" in t and "質問票にない質問" in t for t in texts)
        assert app.session is None
    assert (broken.read_bytes(), broken.stat().st_mtime_ns) == before
    assert store().list_sessions() == []


async def test_open_a_filled_excel_form_through_the_dialog(tmp_path: Path) -> None:
    form = filled_form(tmp_path / "x.xlsx")
    before = form.read_bytes()
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(pilot, app)
        await pilot.press(*"x.xlsx", "enter")
        await until(pilot, lambda: isinstance(app.screen, QuestionScreen))
        assert app.session is not None
        a = app.session.assessment
        assert (a.municipality.name, a.municipality.code) == ("潟上市", "052116")
        assert a.municipality.population == 31000
        assert a.answers["governance.dx-plan"].level == 4
        assert a.answers["governance.cdo"].level == 2
        await app.wait_for_saves()
    assert form.read_bytes() == before
    [info] = store().list_sessions()
    assert info.state.source.endswith("x.xlsx")


async def test_a_form_with_a_wrong_cell_is_refused_by_its_cell(tmp_path: Path) -> None:
    form = filled_form(tmp_path / "x.xlsx")
    book = openpyxl.load_workbook(form)
    sheet = book[ANSWERS_SHEET]
    header = {c.value: c.column for c in sheet[1]}
    sheet.cell(2, header[COL_LEVEL]).value = 9
    book.save(form)
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_dialog(pilot, app)
        await pilot.press(*"x.xlsx", "enter")
        await until(pilot, lambda: "開けません" in status_of(app))
        texts = option_texts(dialog.query_one("#problems", OptionList))
        assert any(f"x.xlsx!{ANSWERS_SHEET}!" in t for t in texts), texts
        assert app.session is None


async def test_the_baseline_dialog_checks_in_a_worker(tmp_path: Path) -> None:
    from dxcheck.io.load import read_assessment

    (tmp_path / "good.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "broken.toml").write_text(BROKEN, encoding="utf-8")
    current = read_assessment(tmp_path / "good.toml").assessment
    chosen: list[BaselineChoice | None] = []
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        app.push_screen(BaselineScreen(current, small_questionnaire()), chosen.append)
        await until(pilot, lambda: isinstance(app.screen, BaselineScreen))
        await pilot.press(*"broken.toml", "enter")
        await until(pilot, lambda: "使えません" in status_of(app))
        assert not spinning(app) and chosen == []
        await pilot.press(*["backspace"] * len("broken.toml"), *"good.toml", "enter")
        await until(pilot, lambda: bool(chosen))
    [choice] = chosen
    assert choice is not None and choice.path == Path("good.toml")
    assert choice.assessment is not None
    assert choice.assessment.answers["governance.dx-plan"].level == 3


async def test_a_comparison_export_shows_it_is_busy_until_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The workbook's write is held until the test has seen the indicator, then let go."""
    from dxcheck.io import store as store_module
    from dxcheck.tui.dialogs.save_path import SavePathScreen

    from .helpers import submissions_folder
    from .test_comparison import open_comparison

    submissions_folder(tmp_path / "提出", small_questionnaire())
    real = store_module.atomic_write_bytes
    release = threading.Event()

    def held(path: Path, data: bytes) -> None:
        release.wait(timeout=30)
        real(path, data)

    monkeypatch.setattr(store_module, "atomic_write_bytes", held)
    app = small_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settled(pilot)
        screen = await open_comparison(pilot, "提出")
        await pilot.press("x")
        await until(pilot, lambda: isinstance(app.screen, SavePathScreen))
        await pilot.press("enter")
        exporting = screen.query_one("#exporting", LoadingIndicator)
        await until(pilot, lambda: app.screen is screen and exporting.display)
        assert not any("書き出しました" in t for t, _ in messages(app))
        release.set()
        await until(pilot, lambda: any("書き出しました" in t for t, _ in messages(app)))
        await settled(pilot)
        assert not exporting.display
    assert (tmp_path / "dxcheck-比較-2026-11-21.xlsx").stat().st_size > 0


async def test_what_is_asked_before_the_questionnaire_is_loaded_waits_visibly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """「新しく始める」 pressed while the questionnaire still loads: the menu shows it is busy,
    and the profile opens once the data is there. The loader is held until the test lets go."""
    import datetime as dt
    import itertools

    from dxcheck.tui import state
    from dxcheck.tui.app import make_app
    from dxcheck.tui.state import WizardData

    from .helpers import NOW, TODAY, data_dir, small_cities

    release = threading.Event()
    seconds = itertools.count()

    def ticking() -> dt.datetime:  # each new self-check would get an id of its own
        return NOW + dt.timedelta(seconds=next(seconds))

    def held() -> WizardData:
        release.wait(timeout=30)
        return WizardData.build(small_questionnaire(), small_cities())

    monkeypatch.setattr(state, "load_wizard_data", held)
    app = make_app(data_dir=data_dir(), today=TODAY, clock=ticking)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, StartScreen))
        await pilot.press("enter", "enter")  # 新しく始める, pressed twice in impatience
        menu = app.screen.query_one("#start-menu", OptionList)
        await until(pilot, lambda: menu.loading)
        assert app.data is None and app.session is None
        release.set()
        await until(pilot, lambda: isinstance(app.screen, ProfileScreen))
        assert app.data is not None and app.session is not None
        await app.wait_for_saves()
    assert len(store().list_sessions()) == 1  # one new self-check, not one per press


async def test_a_saved_session_that_cannot_be_checked_leaves_the_start_screen_usable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from .helpers import saved_session

    saved_session(small_questionnaire(), {"governance.dx-plan": {"level": 2}}, session_id="a")

    def breaks(*args: object, **kwargs: object) -> Checked:
        raise OSError(5, "入出力エラー", "a.toml")

    monkeypatch.setattr("dxcheck.io.collect.check_file", breaks)
    app = small_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settled(pilot)
        await pilot.press("enter")  # 前回の続きから
        await until(pilot, lambda: bool(messages(app)))
        await settled(pilot)
        [(title, message)] = messages(app)
        assert title.endswith("a.toml を確かめられませんでした")
        assert message.startswith("入出力エラー（a.toml）") and "そのまま残っています" in message
        assert isinstance(app.screen, StartScreen) and app.session is None
        assert not app.screen.query_one("#start-menu", OptionList).loading
        monkeypatch.undo()  # the disk is back: the same choice now opens the session
        await pilot.press("enter")
        await until(pilot, lambda: app.session is not None)
        assert app.session is not None and app.session.id == "a"
