"""The wizard attacked: file names and notes that look like markup, paths outside the
workspace (`--root`, as `dxcheck serve` sets it), one session open in two places, and files
handed to the browser when the wizard runs in one."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input

from dxcheck.io import workspace
from dxcheck.io.load import read_assessment
from dxcheck.tui.dialogs.open_file import OpenFileScreen
from dxcheck.tui.dialogs.save_path import SavePathScreen
from dxcheck.tui.screens.question import QuestionScreen
from dxcheck.tui.screens.start import StartScreen
from dxcheck.tui.widgets.ja_text import JaStatic

from .helpers import finished, saved_session, small_app, small_questionnaire, store

SIZE = (100, 30)
GOOD = """format = "dxcheck.assessment/1"
questionnaire = "jichitai-dx"
questionnaire_version = "4.0.0"
[municipality]
name = "潟上市"
code = "052116"
prefecture = "秋田県"
[answers."governance.dx-plan"]
level = 3
note = "[/] [reverse]閉じない[bold"
"""


@pytest.fixture
def work(tmp_path: Path) -> Iterator[Path]:
    root = workspace.set_root(tmp_path / "work")
    assert root is not None
    try:
        yield root
    finally:
        workspace.set_root(None)


def status_text(app: object) -> str:
    screen = app.screen  # type: ignore[attr-defined]
    return str(screen.query_one("#status").content.plain)


async def test_a_file_named_like_markup_opens_and_its_name_is_shown_as_typed(
    tmp_path: Path,
) -> None:
    named = tmp_path / "[reverse]x.toml"
    named.write_text(GOOD, encoding="utf-8")
    app = small_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("o")
        await pilot.wait_for_scheduled_animations()
        assert isinstance(app.screen, OpenFileScreen)
        app.screen.query_one("#picker-path", Input).value = str(named)
        await pilot.press("enter")
        await finished(app)
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        shown = [n.message for n in app._notifications]
        assert any("[reverse]x.toml を開きました" in m for m in shown)
        # a reason or note with a stray closing tag, as a notification: shown, no crash
        app.notify("理由: [/] と [bold", title="[/]")
        await pilot.pause()
        assert app.is_running
    assert app.return_code in (None, 0)


async def test_the_open_dialog_reaches_only_the_workspace(tmp_path: Path, work: Path) -> None:
    secret = tmp_path / ".ssh" / "id_rsa"
    secret.parent.mkdir()
    secret.write_text("-----BEGIN OPENSSH PRIVATE KEY-----\n", encoding="utf-8")
    (work / "link.toml").symlink_to(secret)
    (work / "回答.toml").write_text(GOOD, encoding="utf-8")
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await pilot.wait_for_scheduled_animations()
        screen = app.screen
        assert isinstance(screen, OpenFileScreen)
        prompt = " ".join(str(w.content.plain) for w in screen.query(JaStatic))
        assert "作業フォルダ" in prompt
        said = {}
        for typed in (
            str(secret),  # exists, outside
            str(tmp_path / ".ssh" / "missing"),  # does not exist, outside
            "~/.ssh/id_rsa",
            "../.ssh/id_rsa",
            "link.toml",  # inside, but a symlink to outside
        ):
            screen.query_one("#picker-path", Input).value = typed
            await pilot.press("enter")
            await pilot.pause()
            said[typed] = status_text(app)
            assert isinstance(app.screen, OpenFileScreen)
        # the same words whether the outside file exists or not: nothing can be probed
        assert len(set(said.values())) == 1
        assert "作業フォルダ" in next(iter(said.values()))
        screen.query_one("#picker-path", Input).value = "回答.toml"
        await pilot.press("enter")
        await finished(app)
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)


async def test_save_as_stays_in_the_workspace(tmp_path: Path, work: Path) -> None:
    app = small_app(open_path=work / "in.toml")
    (work / "in.toml").write_text(GOOD, encoding="utf-8")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await finished(app)
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press("ctrl+s")
        await pilot.wait_for_scheduled_animations()
        assert isinstance(app.screen, SavePathScreen)
        field = app.screen.query_one("#picker-path", Input)
        assert not field.value.startswith(("/", "~"))  # shown relative to the workspace
        for outside in (str(tmp_path / "out.toml"), "~/out.toml", "../out.toml"):
            field.value = outside
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, SavePathScreen)
        field.value = "保存先"
        await pilot.press("enter")
        await finished(app)
        await pilot.pause()
    assert not (tmp_path / "out.toml").exists()
    assert read_assessment(work / "保存先.toml").assessment.municipality.name == "潟上市"


def test_a_path_outside_the_workspace_is_refused_before_the_disk_is_asked(
    tmp_path: Path, work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    real_exists = Path.exists

    def spying_exists(self: Path, **kwargs: object) -> bool:
        asked.append(str(self))
        return real_exists(self)

    monkeypatch.setattr(Path, "exists", spying_exists)
    with pytest.raises(workspace.OutsideWorkspace):
        workspace.user_path(str(tmp_path / "anything"))
    assert asked == []
    assert workspace.user_path("a/b.toml") == work / "a" / "b.toml"


async def test_a_session_open_elsewhere_opens_read_only_and_is_never_written() -> None:
    q = small_questionnaire()
    sid = saved_session(q, {"governance.dx-plan": {"level": 2}}, session_id="shared")
    path = store().answer_path(sid)
    before = path.read_bytes()
    elsewhere = store().lock(sid)  # another browser tab's wizard holds it
    assert elsewhere is not None
    assert store().lock(sid) is None
    try:
        app = small_app()
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await pilot.press("enter")  # 前回の続きから
            await finished(app)
            await pilot.pause()
            assert isinstance(app.screen, QuestionScreen)
            assert app.session is not None and app.session.id is None
            assert any("読み取り専用" in n.title for n in app._notifications)
            await pilot.press("5")
            await finished(app)
        assert path.read_bytes() == before
    finally:
        elsewhere.release()
    # free again: the next wizard takes it and saves
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await finished(app)
        await pilot.pause()
        assert app.session is not None and app.session.id == sid


async def test_in_a_browser_a_saved_file_is_also_delivered_as_a_download(
    tmp_path: Path, work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dxcheck.tui.app import DxcheckApp

    delivered: list[tuple[Path, str | None]] = []
    monkeypatch.setattr(DxcheckApp, "is_web", property(lambda self: True))

    def deliver(self: DxcheckApp, path: Path, **kwargs: object) -> str:
        delivered.append((Path(path), kwargs.get("save_filename")))  # type: ignore[arg-type]
        return "key"

    monkeypatch.setattr(DxcheckApp, "deliver_binary", deliver)
    (work / "in.toml").write_text(GOOD, encoding="utf-8")
    app = small_app(open_path=work / "in.toml")
    async with app.run_test(size=SIZE) as pilot:
        await finished(app)
        await pilot.pause()
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.wait_for_scheduled_animations()
        assert isinstance(app.screen, SavePathScreen)
        app.screen.query_one("#picker-path", Input).value = "送る"
        await pilot.press("enter")
        await finished(app)
        await pilot.pause()
    assert delivered == [(work / "送る.toml", "送る.toml")]


def test_stale_temporaries_of_a_killed_autosave_are_removed_at_start() -> None:
    folder = store().folder
    folder.mkdir(parents=True)
    stale = folder / ".x.toml.abc123.tmp"
    stale.write_text("half", encoding="utf-8")
    os.utime(stale, (1_000_000_000, 1_000_000_000))
    fresh = folder / ".y.toml.def456.tmp"  # another wizard writing right now
    fresh.write_text("half", encoding="utf-8")
    small_app()
    assert not stale.exists() and fresh.exists()


async def test_start_screen_still_comes_first() -> None:
    app = small_app()
    async with app.run_test(size=SIZE):
        assert isinstance(app.screen, StartScreen)


async def test_compare_paths_are_taken_from_the_workspace_and_say_so(
    tmp_path: Path, work: Path
) -> None:
    from dxcheck.tui.dialogs.compare_paths import ComparePathsScreen
    from dxcheck.tui.widgets.path_list import PathList

    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ComparePathsScreen())
        await pilot.wait_for_scheduled_animations()
        paths = app.screen.query_one(PathList)
        shown = str(app.screen.query_one("#path-workspace").content.plain)  # type: ignore[attr-defined]
        assert "作業フォルダ" in shown and str(work) in shown
        assert not paths.add(str(tmp_path))  # the folder above the workspace
        assert "作業フォルダ" in str(paths.query_one("#path-error").content.plain)  # type: ignore[attr-defined]
        (work / "提出").mkdir()
        assert paths.add("提出") and paths.paths == [work / "提出"]
