"""Issue 12 part B: labelled sessions with rename and delete, the file picker, own targets in
the answer file, per-screen help, Japanese drop-downs, kana folding in the municipality search."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.widgets import Input, OptionList

from dxcheck.io import folders
from dxcheck.io.municipalities import search
from dxcheck.io.sessions import (
    ORIGIN_MERGED,
    ORIGIN_OPENED,
    Position,
    SessionState,
    SessionStore,
)
from dxcheck.tui.dialogs.confirm import ConfirmScreen
from dxcheck.tui.dialogs.custom_target import CustomTargetScreen
from dxcheck.tui.dialogs.help import HelpScreen
from dxcheck.tui.dialogs.open_file import OpenFileScreen
from dxcheck.tui.dialogs.rename_session import RenameSessionScreen
from dxcheck.tui.dialogs.save_path import SavePathScreen
from dxcheck.tui.screens.profile import ProfileScreen
from dxcheck.tui.screens.question import QuestionScreen
from dxcheck.tui.screens.results import ResultsScreen
from dxcheck.tui.screens.start import StartScreen
from dxcheck.tui.widgets.ja_text import JaStatic

from .helpers import (
    data_dir,
    finished,
    option_texts,
    saved_session,
    small_app,
    small_questionnaire,
    store,
)
from .waiting import until

SIZE = (80, 24)


def set_state(session_id: str, **changes: object) -> None:
    """Rewrite a saved session's sidecar with some fields changed (as older versions or other
    ways of starting would have left it)."""
    path = store().state_path(session_id)
    data = json.loads(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def sessions_of_a_small_town() -> None:
    """Five sessions: two identical new ones, an opened file, a merged one, an empty one."""
    q = small_questionnaire()
    answers: dict[str, dict[str, object]] = {
        "governance.dx-plan": {"level": 2},
        "governance.cdo": {"unknown": True},
    }
    for sid in ("20261121-090000-aaaaaa", "20261121-100000-bbbbbb"):
        saved_session(q, answers, session_id=sid, name="太良町", code="414417")
        set_state(sid, respondent="山田 太郎")
    saved_session(q, answers, session_id="20261120-080000-cccccc", name="太良町", code="414417")
    set_state("20261120-080000-cccccc", origin=ORIGIN_OPENED, source="/x/太良町.toml")
    saved_session(q, answers, session_id="20261119-080000-dddddd", updated_at="2026-11-19T16:00:00")
    set_state("20261119-080000-dddddd", origin=ORIGIN_MERGED)
    saved_session(q, {}, session_id="20261121-120000-eeeeee", name="", code="")
    set_state("20261121-120000-eeeeee", municipality="", updated_at="2026-11-21T12:00:00")


def menu_rows(app: object) -> list[str]:
    return option_texts(app.screen.query_one("#start-menu", OptionList))  # type: ignore[attr-defined]


# ---------------------------------------------------------------- sessions


def test_sidecar_keeps_origin_respondent_label_and_reads_old_ones(tmp_path: Path) -> None:
    state = SessionState(respondent="山田", origin=ORIGIN_MERGED, label="総務課の回答")
    back = SessionState.from_json(state.to_json())
    assert (back.respondent, back.origin, back.label) == ("山田", "merged", "総務課の回答")
    old = json.loads(SessionState(source="/a.toml").to_json())
    for key in ("origin", "respondent", "label"):
        del old[key]
    assert SessionState.from_json(json.dumps(old)).origin == ORIGIN_OPENED
    old["source"], old["position"] = "", {"screen": "workshop"}
    assert SessionState.from_json(json.dumps(old)).origin == ORIGIN_MERGED


def test_rename_touches_only_the_sidecar_and_empty_sessions_sort_last() -> None:
    sessions_of_a_small_town()
    s = SessionStore(data_dir())
    answer = s.answer_path("20261121-090000-aaaaaa")
    before = answer.read_bytes()
    assert s.rename("20261121-090000-aaaaaa", "  総務課の\n回答 ").label == "総務課の 回答"
    assert answer.read_bytes() == before
    ids = [i.id for i in s.list_sessions()]
    assert ids[-1] == "20261121-120000-eeeeee"  # the newest, but empty: last
    assert ids[0] == "20261121-100000-bbbbbb"


async def test_start_screen_tells_sessions_apart() -> None:
    sessions_of_a_small_town()
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, StartScreen) and menu_rows(app))
        rows = menu_rows(app)
        assert rows[0].startswith("前回の続きから: 太良町")  # not the empty one on top
        sessions = [r for r in rows if "［" in r]
        assert len(sessions) == 5
        assert len(set(sessions)) == 5  # identical ones told apart
        assert sum("回答者 山田 太郎" in r for r in sessions) == 2
        assert sum("［新規］" in r for r in sessions) == 3
        assert sum("［開いたファイル］" in r for r in sessions) == 1
        assert sum("［統合］" in r for r in sessions) == 1
        assert all("回答 1/" in r and "わからない 1" in r for r in sessions[:4])
        assert "11/21 10:00 開始" in rows[0] and "11/21 09:00 開始" in "".join(rows)
        assert "（団体名未入力）" in rows[-1] and "まだ何も入力していません" in rows[-1]


async def test_rename_and_delete_from_the_start_screen() -> None:
    sessions_of_a_small_town()
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, StartScreen) and menu_rows(app))
        menu = app.screen.query_one("#start-menu", OptionList)
        assert menu.highlighted == 0
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, RenameSessionScreen))
        await pilot.press("ctrl+u", *"第1回", "enter")
        await until(
            pilot, lambda: isinstance(app.screen, StartScreen) and "第1回" in menu_rows(app)[0]
        )
        assert store().read_state("20261121-100000-bbbbbb").label == "第1回"

        await pilot.press("down")  # 新しく始める: no session, so no delete
        await pilot.press("x")
        assert isinstance(app.screen, StartScreen)

        await pilot.press("up", "x")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, StartScreen))
        assert store().answer_path("20261121-100000-bbbbbb").exists()

        await pilot.press("x")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await until(pilot, lambda: not store().answer_path("20261121-100000-bbbbbb").exists())
        assert not store().state_path("20261121-100000-bbbbbb").exists()
        await until(pilot, lambda: "第1回" not in "".join(menu_rows(app)))
        assert len([r for r in menu_rows(app) if "［" in r]) == 4


async def test_resumed_session_keeps_its_name_when_autosaved() -> None:
    sessions_of_a_small_town()
    store().rename("20261121-100000-bbbbbb", "第1回")
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, StartScreen) and menu_rows(app))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, QuestionScreen))
        await pilot.press("3")
        await app.wait_for_saves()
    state = store().read_state("20261121-100000-bbbbbb")
    assert state.label == "第1回"


# ---------------------------------------------------------------- the file picker


def test_completion_and_confinement(tmp_path: Path) -> None:
    (tmp_path / "回答" / "2026").mkdir(parents=True)
    (tmp_path / "回答" / "太良町.toml").write_text("", encoding="utf-8")
    (tmp_path / "回答" / "太良町-old.toml").write_text("", encoding="utf-8")
    (tmp_path / "回答" / "memo.txt").write_text("", encoding="utf-8")
    assert folders.complete("回", tmp_path, (".toml",)) == ("回答/", ["回答"])
    assert folders.complete("回答/太", tmp_path, (".toml",)) == (
        "回答/太良町",
        ["太良町-old.toml", "太良町.toml"],
    )
    assert folders.complete("回答/m", tmp_path, (".toml",)) == ("回答/m", [])  # not a .toml
    root = tmp_path / "回答"
    with pytest.raises(folders.OutsideRoot):
        folders.resolve("../x.toml", root, root)
    with pytest.raises(folders.OutsideRoot):
        folders.resolve("~/x.toml", root, root)
    assert folders.resolve("2026/x.toml", root, root) == root / "2026" / "x.toml"
    assert folders.complete("../", root, (".toml",), root) == ("../", [])
    with pytest.raises(ValueError, match="使えません"):
        folders.make_folder(root, "a:b")


async def test_open_by_tab_completion_and_by_the_tree(tmp_path: Path) -> None:
    from dxcheck.core.answers import new_assessment, to_toml

    q = small_questionnaire()
    a = new_assessment(q)
    a.municipality.name, a.municipality.code, a.municipality.prefecture = (
        "太良町",
        "414417",
        "佐賀県",
    )
    (tmp_path / "提出" / "2026").mkdir(parents=True)
    (tmp_path / "提出" / "太良町.toml").write_text(to_toml(a, q), encoding="utf-8")
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, StartScreen))
        await pilot.press("o")
        await until(pilot, lambda: isinstance(app.screen, OpenFileScreen))
        field = app.screen.query_one("#picker-path", Input)
        assert app.focused is field
        await pilot.press(*"提", "tab")
        assert field.value == "提出/"
        await pilot.press("tab")  # two names start here: they are listed, nothing moves
        hint = app.screen.query_one("#picker-hint").content.plain  # type: ignore[attr-defined]
        assert "2026" in hint and "太良町.toml" in hint and app.focused is field
        await pilot.press("太", "tab")
        assert field.value == "提出/太良町.toml"
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, QuestionScreen))
        assert app.session is not None and app.session.origin == ORIGIN_OPENED

    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, StartScreen))
        await pilot.press("o")
        await until(pilot, lambda: isinstance(app.screen, OpenFileScreen))
        tree = app.screen.query_one("#picker-tree")
        await pilot.press("tab")  # nothing typed: Tab moves on to the tree
        assert app.focused is tree
        await until(pilot, lambda: tree.root.children)  # type: ignore[attr-defined]
        names = [str(n.label) for n in tree.root.children]  # type: ignore[attr-defined]
        assert names == ["data", "提出"] or names == ["提出"]  # folders and .toml files only
        while str(tree.cursor_node.label) != "提出":  # type: ignore[attr-defined]
            await pilot.press("down")
        await pilot.press("enter")  # opens the folder
        await until(pilot, lambda: tree.cursor_node.children)  # type: ignore[attr-defined]
        while str(tree.cursor_node.label) != "太良町.toml":  # type: ignore[attr-defined]
            await pilot.press("down")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, QuestionScreen))


async def test_save_as_makes_a_missing_folder_and_a_new_one(tmp_path: Path) -> None:
    app = small_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ProfileScreen))
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, SavePathScreen))
        field = app.screen.query_one("#picker-path", Input)
        field.value = "報告/2026年度/回答"
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await until(pilot, lambda: (tmp_path / "報告" / "2026年度" / "回答.toml").exists())
        await finished(app)

        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, SavePathScreen))
        await pilot.press("ctrl+n")
        await until(pilot, lambda: type(app.screen).__name__ == "NewFolderScreen")
        await pilot.press(*"共有", "enter")
        await until(pilot, lambda: isinstance(app.screen, SavePathScreen))
        assert (tmp_path / "共有").is_dir()
        field = app.screen.query_one("#picker-path", Input)
        assert field.value.startswith("共有/dxcheck-")
        await pilot.press("enter")
        await until(pilot, lambda: list((tmp_path / "共有").glob("*.toml")))


async def test_confined_picker_stays_inside_its_root(tmp_path: Path) -> None:
    root = tmp_path / "作業"
    root.mkdir()
    screen = SavePathScreen("保存", root / "a.toml", ".toml", root=root)
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, StartScreen))
        app.push_screen(screen)
        await until(pilot, lambda: app.screen is screen and screen.query("#picker-path"))
        field = screen.query_one("#picker-path", Input)
        hint = screen.query_one("#picker-hint", JaStatic)
        for outside in ("../x.toml", "~/x.toml", str(tmp_path / "x.toml")):
            hint.update("")
            field.value = outside
            await pilot.press("enter")
            await until(pilot, lambda: "外は使えません" in hint.content.plain)
            assert app.screen is screen
        await pilot.press("tab", "backspace")  # the tree: no folder above the root
        assert screen.query_one("#picker-tree").path == root  # type: ignore[attr-defined]
        where = screen.query_one("#picker-where").content.plain  # type: ignore[attr-defined]
        assert "作業フォルダ" in where and str(tmp_path) not in where
    assert not (tmp_path / "x.toml").exists()


# ---------------------------------------------------------------- own targets


async def test_own_targets_go_to_the_answer_file_exactly_and_the_first_key_counts(
    tmp_path: Path,
) -> None:
    q = small_questionnaire()
    saved_session(
        q, {"governance.dx-plan": {"level": 2}}, session_id="s", position=Position("results")
    )
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, StartScreen))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ResultsScreen))
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, CustomTargetScreen))
        first = app.screen.query_one("#target-governance", Input)
        assert app.focused is first
        await pilot.press("4")  # replaces the pre-filled value: not lost, not appended
        assert first.value == "4"
        app.screen.query_one("#target-frontyard", Input).value = "3.25"
        await pilot.press("ctrl+n")
        await until(pilot, lambda: isinstance(app.screen, ResultsScreen))
        await app.wait_for_saves()
    saved = tomllib.loads(store().answer_path("s").read_text(encoding="utf-8"))
    assert saved["targets"]["governance"] == 4
    assert saved["targets"]["frontyard"] == 3.25  # not rounded to 3.2
    assert json.loads(store().state_path("s").read_text(encoding="utf-8"))["target"] == "own"

    # reopened: the dialog shows the values as stored, and untouched ones come back exactly
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, StartScreen))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ResultsScreen))
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, CustomTargetScreen))
        assert app.screen.query_one("#target-frontyard", Input).value == "3.25"


def test_report_target_own_reads_the_answer_files_targets(tmp_path: Path) -> None:
    from dxcheck.core.answers import new_assessment, to_toml
    from dxcheck.core.scoring import Target, area_targets, benchmark_scores
    from dxcheck.core.targets import target_from_text
    from dxcheck.io.load import read_assessment
    from dxcheck.tui import own_targets

    from .helpers import small_cities

    q = small_questionnaire()
    a = new_assessment(q)
    own_targets.write(a, {"governance": 4.0, "frontyard": 2.5})
    path = tmp_path / "a.toml"
    path.write_text(to_toml(a, q), encoding="utf-8")
    loaded = read_assessment(path).assessment
    target = target_from_text("own", small_cities()).for_assessment(loaded)
    assert target == Target.own(loaded)
    targets = area_targets(q, benchmark_scores(q, small_cities()), target)
    assert targets["governance"] == 4.0 and targets["frontyard"] == 2.5


async def test_old_sidecar_custom_targets_move_into_the_answer_file() -> None:
    q = small_questionnaire()
    saved_session(q, {}, session_id="old", position=Position("results"))
    set_state("old", target={"kind": "custom", "city": None, "custom": {"governance": 3.5}})
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, StartScreen))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ResultsScreen))
        await app.wait_for_saves()
    saved = tomllib.loads(store().answer_path("old").read_text(encoding="utf-8"))
    assert saved["targets"] == {"governance": 3.5}


# ---------------------------------------------------------------- wording, help, search


def test_municipality_search_folds_kana_and_ke() -> None:
    assert [m.name for m in search("佐賀県", "タラ")] == ["太良町"]
    for typed in ("吉野ケ里", "吉野ヶ里", "吉野が里", "ヨシノガリ", "ｙｏ"[:0] + "よしのがり"):
        assert [m.name for m in search("佐賀県", typed)] == ["吉野ヶ里町"], typed
    assert [m.name for m in search("岐阜県", "関ヶ原")] == ["関ケ原町"]


async def test_f1_shows_help_for_the_screen_it_is_pressed_on() -> None:
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, StartScreen))
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        text = app.screen.query_one("#help-body").query_one("JaStatic").content.plain  # type: ignore[attr-defined]
        assert "この画面: スタート画面" in text and "新規" in text and "Focus" not in text
        await pilot.press("escape", "enter")
        await until(pilot, lambda: isinstance(app.screen, ProfileScreen))
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        text = app.screen.query_one("#help-body").query_one("JaStatic").content.plain  # type: ignore[attr-defined]
        assert "この画面: プロフィール" in text and "質問に進む" in text
        assert "スタート画面" not in text.split("\n")[0]


async def test_prefecture_menu_keys_are_japanese() -> None:
    from textual.widgets import Footer

    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ProfileScreen))
        await pilot.press("enter")  # opens the prefecture menu
        await until(pilot, lambda: type(app.focused).__name__ == "JaSelectOverlay")
        descriptions = [
            b.description for _, b, _, _ in app.screen.active_bindings.values() if b.show
        ]
        assert "閉じる" in descriptions
        assert not [d for d in descriptions if d and d.isascii()]
        assert app.screen.query_one(Footer)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.sampled_from(["..", ".", "a", "b", "~", "/", "提出", "x.toml", "", "../..", "/etc"]),
        max_size=6,
    ).map("/".join)
)
def test_a_confined_path_never_leaves_its_root(tmp_path: Path, typed: str) -> None:
    root = tmp_path / "作業"
    (root / "a").mkdir(parents=True, exist_ok=True)
    try:
        path = folders.resolve(typed, root / "a", root)
    except folders.OutsideRoot:
        return
    assert folders.inside(path, root)
