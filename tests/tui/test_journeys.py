"""Pilot tests of the wizard's journeys, driven with the keyboard as a user would."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Select

from dxcheck.core import numbers
from dxcheck.core.errors import Severity
from dxcheck.core.model import Questionnaire
from dxcheck.core.progress import ordered_questions
from dxcheck.core.scoring import score_assessment
from dxcheck.io.checks import check_assessment
from dxcheck.io.load import read_assessment
from dxcheck.io.sessions import Position
from dxcheck.tui.app import make_app
from dxcheck.tui.dialogs.save_path import SavePathScreen
from dxcheck.tui.screens.profile import ProfileScreen
from dxcheck.tui.screens.question import QuestionScreen
from dxcheck.tui.screens.results import ResultsScreen
from dxcheck.tui.screens.review import ReviewScreen
from dxcheck.tui.screens.start import StartScreen

from .helpers import (
    TODAY,
    data_dir,
    finished,
    fixed_clock,
    option_texts,
    palette_shows,
    settled,
    shipped_data,
    small_app,
    store,
    until,
)

SIZE = (80, 24)


async def fill_profile(pilot: Pilot[int]) -> None:
    """Prefecture, municipality by its reading, population — with the keyboard only."""
    app = pilot.app
    assert isinstance(app.screen, ProfileScreen)
    assert isinstance(app.focused, Select)
    await pilot.press("enter", "鹿", "enter")  # open the list, type to search, choose
    assert app.screen.query_one("#prefecture", Select).value == "鹿児島県"
    await pilot.press("tab", *"くしきの", "enter")  # one match: chosen, focus moves on
    await pilot.press(*"27000", "tab", "tab", *"yamada", "tab", "tab")  # 職員数 left empty
    await pilot.press("ctrl+n")
    await settled(pilot)


async def test_the_staff_count_is_asked_and_checked_on_the_profile() -> None:
    """職員数 is what the per-staff scales divide by: kept as a whole number, refused
    otherwise with the reason under the field."""
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ProfileScreen), "プロフィール")
        staff = app.screen.query_one("#staff", Input)
        staff.focus()
        await pilot.press(*"1,2O")
        await settled(pilot)
        error = app.screen.query_one("#staff-error")
        assert "数字" in str(error.content.plain)  # type: ignore[attr-defined]
        staff.value = ""
        await pilot.press(*"１２０")
        await settled(pilot)
        assert app.session is not None and app.session.assessment.municipality.staff == 120


async def answer_everything(pilot: Pilot[int], questionnaire: Questionnaire) -> dict[str, object]:
    """Level 3 (or わからない for every fifth question), then Enter to go on. A quantitative
    question gets the number that reaches level 3 on its own scale (a share: that many of
    100); the level expected is what the question's scale makes of it — None where the scale
    needs the staff count, which this profile leaves empty."""
    expected: dict[str, object] = {}
    for number, question in enumerate(ordered_questions(questionnaire)):
        screen = pilot.app.screen
        assert isinstance(screen, QuestionScreen)
        assert screen.question is not None and screen.question.id == question.id
        quantity = question.quantity
        if number % 5 == 4:
            await pilot.press("w")
            expected[question.id] = "unknown"
        elif quantity is not None:
            # focus is in the number box
            third = quantity.thresholds[2]
            raw = quantity.raw_for(third, 100, None, 27000) or third
            value = math.ceil(raw) if quantity.integer or quantity.unit != "%" else raw
            await pilot.press(*numbers.format_number(value))
            if quantity.basis == "share":
                await pilot.press("enter", *"100")  # Enter goes on to the total
            expected[question.id] = quantity.level_for(value, 100, None, 27000)
        else:
            await pilot.press("3")
            expected[question.id] = 3
        await pilot.press("enter")
        await until(
            pilot,
            lambda q=question: (
                not isinstance(pilot.app.screen, QuestionScreen)  # type: ignore[misc]
                or pilot.app.screen.question is not q
            ),
            f"{question.id} の次へ",
        )
    await settled(pilot)
    return expected


@pytest.mark.parametrize("data", ["small", "shipped"])
async def test_new_profile_answer_all_results_save(data: str, tmp_path: Path) -> None:
    if data == "small":
        app = small_app()
    else:
        shipped = shipped_data()
        if shipped is None:
            pytest.skip("the shipped questionnaire is not in the repository yet")
        app = make_app(
            questionnaire=shipped[0],
            cities=shipped[1],
            data_dir=data_dir(),
            today=TODAY,
            clock=fixed_clock,
        )
    assert app.data is not None
    questionnaire = app.data.questionnaire
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, StartScreen), "StartScreen")
        assert isinstance(app.screen, StartScreen)
        await pilot.press("enter")  # 新しく始める (the first option when nothing is saved)
        await settled(pilot)
        await fill_profile(pilot)
        session = app.session
        assert session is not None
        m = session.assessment.municipality
        assert (m.name, m.code, m.prefecture, m.population) == (
            "いちき串木野市",
            "462195",
            "鹿児島県",
            27000,
        )
        assert session.assessment.meta.respondent == "yamada"
        assert session.assessment.meta.assessed_on == TODAY

        expected = await answer_everything(pilot, questionnaire)
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, ResultsScreen), "ResultsScreen")
        assert isinstance(app.screen, ResultsScreen)

        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, SavePathScreen), "SavePathScreen")
        assert isinstance(app.screen, SavePathScreen)
        path_input = app.screen.query_one("#picker-path", Input)
        assert path_input.value == "dxcheck-いちき串木野市-2026-11-21.toml"
        await pilot.press("enter")
        await finished(app)
        await settled(pilot)
        await app.wait_for_saves()

    saved = tmp_path / "dxcheck-いちき串木野市-2026-11-21.toml"
    loaded = read_assessment(saved)
    assert not [p for p in check_assessment(loaded, questionnaire) if p.severity is Severity.ERROR]
    for qid, want in expected.items():
        answer = loaded.assessment.answers[qid]
        assert answer.unknown if want == "unknown" else answer.level == want
    card = score_assessment(questionnaire, loaded.assessment)
    # a rate per staff needs the staff count, which the profile does not ask yet: such a
    # number is kept without a level, and counts as not answered
    without_level = sum(1 for want in expected.values() if want is None)
    assert card.unanswered == without_level and card.unknown == len(expected) // 5
    # the autosaved session holds the same answers
    [info] = store().list_sessions()
    assert info.state.answered == card.answered and info.state.unknown == card.unknown
    autosaved = read_assessment(info.answer_path).assessment
    assert autosaved.answers == loaded.assessment.answers


async def test_quitting_keeps_everything(tmp_path: Path) -> None:
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await settled(pilot)
        await fill_profile(pilot)
        await pilot.press("2", "enter", "4")
        await pilot.press("ctrl+q")
    assert app.return_code == 0
    [info] = store().list_sessions()
    assert info.state.answered == 2
    assert info.state.position.question == "governance.cdo"


# ---------------------------------------------------------------- never lose work


async def test_resume_where_the_user_was_after_a_kill(tmp_path: Path) -> None:
    import shutil

    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await settled(pilot)
        await fill_profile(pilot)
        await pilot.press("2", "enter", "4", "enter", "enter", "m", *"kakunin", "escape")
        await settled(pilot)
        await app.wait_for_saves()
        screen = app.screen
        assert isinstance(screen, QuestionScreen) and screen.question is not None
        where = screen.question.id
        # a killed process runs no exit hook: take the data folder exactly as it is now
        shutil.copytree(data_dir(), tmp_path / "after-kill")
    shutil.rmtree(data_dir())
    (tmp_path / "after-kill").rename(data_dir())

    again = small_app()
    async with again.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(again.screen, StartScreen), "StartScreen")
        assert isinstance(again.screen, StartScreen)
        await pilot.press("enter")  # the first option: 前回の続きから
        await until(
            pilot,
            lambda: isinstance(again.screen, QuestionScreen) and again.screen.question is not None,
            "質問画面",
        )
        question_screen = again.screen
        assert isinstance(question_screen, QuestionScreen)
        assert question_screen.question is not None
        assert question_screen.question.id == where == "frontyard.kakanai-madoguchi"
        assert question_screen.query_one("#note", Input).value == "kakunin"
        session = again.session
        assert session is not None
        answers = session.assessment.answers
        assert answers["governance.dx-plan"].level == 2
        assert answers["governance.cdo"].level == 4
        assert answers["frontyard.kakanai-madoguchi"].note == "kakunin"
        assert session.assessment.municipality.name == "いちき串木野市"


DRIVER = """
import asyncio, sys
sys.path.insert(0, {root!r})
from tests.tui.helpers import settled, small_app
from tests.tui.test_journeys import fill_profile

async def main():
    app = small_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await settled(pilot)
        await fill_profile(pilot)
        await pilot.press("3", "enter", "1", "enter", "w")
        await settled(pilot)
        await app.wait_for_saves()
        print("READY", flush=True)
        await asyncio.sleep(60)  # alive until the test kills this process

asyncio.run(main())
"""


@pytest.mark.slow
def test_sigkill_mid_way_loses_nothing_saved(tmp_path: Path) -> None:
    """A real process, killed with SIGKILL after answering: the next start resumes it."""
    import asyncio
    import os
    import signal
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    proc = subprocess.Popen(
        [sys.executable, "-c", DRIVER.format(root=str(root))],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
        cwd=tmp_path,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.strip() == "READY", proc.stderr.read() if proc.stderr else ""
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL

    [info] = store().list_sessions()
    assert info.state.municipality == "いちき串木野市"
    assert info.state.position.question == "frontyard.online-procedures"

    async def resume() -> None:
        app = small_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")
            await until(
                pilot,
                lambda: isinstance(app.screen, QuestionScreen) and app.screen.question is not None,
                "質問画面",
            )
            screen = app.screen
            assert isinstance(screen, QuestionScreen) and screen.question is not None
            assert screen.question.id == "frontyard.online-procedures"
            assert app.session is not None
            answers = app.session.assessment.answers
            assert answers["governance.dx-plan"].level == 3
            assert answers["governance.cdo"].level == 1
            assert answers["frontyard.online-procedures"].unknown

    asyncio.run(resume())


# ---------------------------------------------------------------- files that cannot be used

BROKEN = """format = "dxcheck.assessment/1"
questionnaire = "jichitai-dx"
questionnaire_version = "4.0.0"
[answers."governance.dx-plan"]
level = 7
[answers."nope.nothing"]
level = 1
"""


async def test_open_a_broken_file_lists_why_and_leaves_it_untouched(tmp_path: Path) -> None:
    from textual.widgets import OptionList

    from dxcheck.tui.dialogs.open_file import OpenFileScreen

    broken = tmp_path / "broken.toml"
    broken.write_text(BROKEN, encoding="utf-8")
    before = (broken.read_bytes(), broken.stat().st_mtime_ns)
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await until(pilot, lambda: isinstance(app.screen, OpenFileScreen), "OpenFileScreen")
        assert isinstance(app.screen, OpenFileScreen)
        await pilot.press(*"broken.toml", "enter")
        await settled(pilot)
        problems = app.screen.query_one("#problems", OptionList)
        texts = option_texts(problems)
        assert any("broken.toml:5:" in t and "5 以下" in t for t in texts)
        await pilot.press("enter")  # still refused
        await until(pilot, lambda: isinstance(app.screen, OpenFileScreen), "OpenFileScreen")
        assert isinstance(app.screen, OpenFileScreen)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, StartScreen), "StartScreen")
        assert isinstance(app.screen, StartScreen)
        assert app.session is None
    assert (broken.read_bytes(), broken.stat().st_mtime_ns) == before
    assert store().list_sessions() == []


async def test_open_on_the_command_line_a_good_file_becomes_a_new_session(tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_text(
        BROKEN.split("[answers")[0]
        + '[municipality]\nname = "潟上市"\ncode = "052116"\nprefecture = "秋田県"\n'
        + '[answers."governance.dx-plan"]\nlevel = 3\n',
        encoding="utf-8",
    )
    before = good.read_bytes()
    app = small_app(open_path=good)
    async with app.run_test(size=SIZE) as pilot:
        await until(
            pilot,
            lambda: isinstance(app.screen, QuestionScreen) and app.screen.question is not None,
            "開いたファイルの質問",
        )
        screen = app.screen
        assert isinstance(screen, QuestionScreen) and screen.question is not None
        assert screen.question.id == "governance.cdo"  # the first one still open
        await app.wait_for_saves()
    assert good.read_bytes() == before
    [info] = store().list_sessions()
    assert info.state.municipality == "潟上市" and info.state.source.endswith("good.toml")


async def test_a_broken_saved_session_is_reported_and_left_alone() -> None:
    from dxcheck.tui.dialogs.problems import ProblemsScreen

    folder = data_dir() / "sessions"
    folder.mkdir(parents=True)
    (folder / "x.toml").write_text(BROKEN, encoding="utf-8")
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # 前回の続きから
        await until(pilot, lambda: isinstance(app.screen, ProblemsScreen), "ProblemsScreen")
        assert isinstance(app.screen, ProblemsScreen)
    assert (folder / "x.toml").read_text(encoding="utf-8") == BROKEN


# ---------------------------------------------------------------- saving onto a bad disk


async def test_autosave_on_a_full_disk_says_so_and_keeps_the_previous_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import errno
    import os

    app = small_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("enter")
        await settled(pilot)
        await fill_profile(pilot)
        await pilot.press("2")
        await settled(pilot)
        await app.wait_for_saves()
        assert app.session is not None and app.session.id is not None
        path = store().answer_path(app.session.id)
        good = path.read_bytes()

        def full(*args: object, **kwargs: object) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, "replace", full)
        await pilot.press("4")
        await settled(pilot)
        await app.wait_for_saves()
        await settled(pilot)
        messages = [n.message.replace("\n", "") for n in app._notifications]
        assert any(
            "ディスクの空きがありません" in m and "元のファイルはそのまま" in m for m in messages
        )
        assert path.read_bytes() == good
        assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
        # the disk has room again: the next change saves everything, including the 4
        monkeypatch.undo()
        await pilot.press("enter")
        await settled(pilot)
        await app.wait_for_saves()
        await settled(pilot)
        assert any(
            "自動保存できるようになりました" in n.message.replace("\n", "")
            for n in app._notifications
        )
    assert read_assessment(path).assessment.answers["governance.dx-plan"].level == 4


async def test_save_as_onto_a_missing_folder_or_an_existing_file(tmp_path: Path) -> None:
    from dxcheck.tui.dialogs.confirm import ConfirmScreen

    existing = tmp_path / "mine.toml"
    existing.write_text("# 大事なファイル\n", encoding="utf-8")
    app = small_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("enter")
        await settled(pilot)
        await fill_profile(pilot)
        await pilot.press("3", "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, SavePathScreen), "SavePathScreen")
        assert isinstance(app.screen, SavePathScreen)
        path_input = app.screen.query_one("#picker-path", Input)
        path_input.value = "~/mine.txt"
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SavePathScreen), "SavePathScreen")
        assert isinstance(app.screen, SavePathScreen)  # refused, with the reason
        assert "拡張子" in app.screen.query_one("#picker-hint").content.plain  # type: ignore[attr-defined]
        path_input.value = "~/mine"
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "ConfirmScreen")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # do not overwrite
        await settled(pilot)
        assert existing.read_text(encoding="utf-8") == "# 大事なファイル\n"
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "ConfirmScreen")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settled(pilot)
        await finished(app)
        await settled(pilot)
    assert read_assessment(existing).assessment.answers["governance.dx-plan"].level == 3


# ---------------------------------------------------------------- the demo, and no cities


async def test_demo_opens_on_the_example_and_saves_nothing() -> None:
    from dxcheck.io.demo import DEMO_RESPONDENT
    from dxcheck.tui.widgets.level_picker import LevelPicker

    app = small_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await until(
            pilot,
            lambda: isinstance(app.screen, QuestionScreen) and app.screen.question is not None,
            "記入例の質問",
        )
        screen = app.screen
        assert isinstance(screen, QuestionScreen) and screen.question is not None
        assert app.session is not None and app.session.is_demo
        a = app.session.assessment
        assert a.meta.respondent == DEMO_RESPONDENT and a.municipality.code == "462195"
        assert screen.query_one(LevelPicker).highlighted == 3  # いちき串木野市's own level
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, ResultsScreen), "ResultsScreen")
        assert isinstance(app.screen, ResultsScreen)
        await app.wait_for_saves()
    assert store().list_sessions() == []


async def test_without_benchmark_cities_the_wizard_still_works() -> None:
    from dxcheck.tui.widgets.benchmark_panel import BenchmarkPanel
    from dxcheck.tui.widgets.ja_text import JaStatic

    app = small_app(cities=())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await settled(pilot)
        await fill_profile(pilot)
        panel = app.screen.query_one(BenchmarkPanel)
        assert "先行市のデータがありません" in str(panel.query_one(JaStatic).content)
        await pilot.press("3", "s")
        await until(pilot, lambda: isinstance(app.screen, ResultsScreen), "ResultsScreen")
        assert isinstance(app.screen, ResultsScreen)
        overall = app.screen.query_one("#overall")
        assert "先行市のデータがありません" in overall.content.plain  # type: ignore[attr-defined]


# ---------------------------------------------------------------- answering


async def test_keys_arrows_fullwidth_digits_unknown_and_a_live_number() -> None:
    from dxcheck.tui.widgets.level_picker import LevelPicker

    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ProfileScreen), "プロフィール画面")
        await fill_profile(pilot)
        assert app.session is not None
        answers = app.session.assessment.answers
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        picker = screen.query_one(LevelPicker)
        await pilot.press("down", "down", "end", "home")  # browsing never answers
        assert "governance.dx-plan" not in answers or answers["governance.dx-plan"].is_empty
        assert picker.highlighted == 0 and picker.chosen is None
        await pilot.press("down", "space")  # an explicit choice
        assert answers["governance.dx-plan"].level == 1
        await pilot.press("３")  # the IME left on
        assert answers["governance.dx-plan"].level == 3
        await pilot.press("w")
        assert answers["governance.dx-plan"].unknown
        await pilot.press("right", "left")  # next and back: nothing changes
        assert answers["governance.dx-plan"].unknown
        app.goto_question("frontyard.online-procedures")
        await until(pilot, lambda: screen.focused is screen.query_one("#value"), "数値欄に焦点")
        await pilot.press(*"１２０")
        # shown live, saved only when confirmed
        assert "レベル 3" in screen.query_one("#quantity-level").content.plain  # type: ignore[attr-defined]
        assert "frontyard.online-procedures" not in answers
        await pilot.press("backspace", "backspace", "backspace", *"約3")
        assert "数字だけ" in screen.query_one("#value-error").content.plain  # type: ignore[attr-defined]
        await pilot.press("enter")  # refused: it stays, nothing written
        assert screen.question is not None and screen.question.id == "frontyard.online-procedures"
        assert "frontyard.online-procedures" not in answers
        await pilot.press(*["backspace"] * 3, *"120", "enter")
        await until(pilot, lambda: screen.question.id != "frontyard.online-procedures", "次へ")  # type: ignore[union-attr]
        assert answers["frontyard.online-procedures"].value == 120
        assert answers["frontyard.online-procedures"].level == 3  # 100 ≤ 120 < 200
        await pilot.press("left")
        await until(pilot, lambda: screen.query_one("#value", Input).value == "120", "戻る")
        assert picker.chosen == 3
        await pilot.press("tab", "down", "space")  # a level by hand drops the number
        assert answers["frontyard.online-procedures"].value is None
        assert answers["frontyard.online-procedures"].level == 4


async def test_profile_refuses_bad_entries_at_the_field() -> None:
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ProfileScreen), "ProfileScreen")
        screen = app.screen
        assert isinstance(screen, ProfileScreen)
        assert app.session is not None
        m = app.session.assessment.municipality
        screen.query_one("#population", Input).focus()
        await pilot.press(*"12a")
        await settled(pilot)
        assert "数字で入力" in screen.query_one("#population-error").content.plain  # type: ignore[attr-defined]
        assert m.population == 12  # "12a" refused: the last valid value stays
        await pilot.press("backspace", "0")
        await settled(pilot)
        assert m.population == 120
        date = screen.query_one("#assessed-on", Input)
        date.value = "2027-01-01"
        await settled(pilot)
        assert "未来の日付" in screen.query_one("#assessed-on-error").content.plain  # type: ignore[attr-defined]
        assert app.session.assessment.meta.assessed_on == TODAY
        date.value = "2026-02-30"
        await settled(pilot)
        assert "存在しない日付" in screen.query_one("#assessed-on-error").content.plain  # type: ignore[attr-defined]
        await pilot.press("ctrl+n")  # no municipality yet, a bad date: it stays
        await until(pilot, lambda: isinstance(app.screen, ProfileScreen), "ProfileScreen")
        assert isinstance(app.screen, ProfileScreen)


async def test_command_palette_jumps_to_a_question_and_ctrl_t_toggles_the_theme() -> None:
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await settled(pilot)
        await fill_profile(pilot)
        await pilot.press("ctrl+p")
        await settled(pilot)
        await pilot.press(*"キャッシュレス")
        await until(pilot, lambda: palette_shows(pilot), "検索結果")
        await pilot.press("enter")
        await until(
            pilot,
            lambda: isinstance(app.screen, QuestionScreen) and app.screen.question is not None,
            "質問画面",
        )
        screen = app.screen
        assert isinstance(screen, QuestionScreen) and screen.question is not None
        assert screen.question.id == "frontyard.cashless"
        theme = app.theme
        seen = []
        for _ in range(3):  # dark → light → presentation → dark
            await pilot.press("ctrl+t")
            seen.append(app.theme)
        assert seen == ["textual-light", "dxcheck-presentation", theme]


async def test_areas_review_and_results_move_freely() -> None:
    from dxcheck.tui.dialogs.area_picker import AreaPickerScreen

    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await settled(pilot)
        await fill_profile(pilot)
        await pilot.press("3", "a")
        await until(pilot, lambda: isinstance(app.screen, AreaPickerScreen), "AreaPickerScreen")
        assert isinstance(app.screen, AreaPickerScreen)
        await pilot.press("down", "down", "enter")  # アナログ規制
        await until(
            pilot,
            lambda: isinstance(app.screen, QuestionScreen) and app.screen.question is not None,
            "質問画面",
        )
        screen = app.screen
        assert isinstance(screen, QuestionScreen) and screen.question is not None
        assert screen.question.id == "analog-regulation.review"
        await pilot.press("w", "r")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen), "ReviewScreen")
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("u", "enter")  # the first unanswered: governance.cdo
        await until(
            pilot,
            lambda: isinstance(app.screen, QuestionScreen) and app.screen.question is not None,
            "質問画面",
        )
        screen = app.screen
        assert isinstance(screen, QuestionScreen) and screen.question is not None
        assert screen.question.id == "governance.cdo"
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, ResultsScreen), "ResultsScreen")
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("escape")
        await until(
            pilot,
            lambda: isinstance(app.screen, QuestionScreen) and app.screen.question is not None,
            "質問画面",
        )
        assert isinstance(app.screen, QuestionScreen)


async def test_pdf_is_made_in_a_worker_with_progress(monkeypatch: pytest.MonkeyPatch) -> None:
    """The report module is replaced by a stand-in that records the call."""
    import sys
    import threading
    import types

    from dxcheck.tui.dialogs.pdf_progress import PdfProgressScreen

    calls: list[tuple[object, ...]] = []
    main_thread = threading.main_thread()

    def write_report(*args: object, **kwargs: object) -> Path:
        calls.append((*args, threading.current_thread() is main_thread))
        path = Path(str(args[4]))
        path.write_bytes(b"%PDF-1.7 stand-in")
        return path

    fake = types.ModuleType("dxcheck.report.render")
    fake.write_report = write_report  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "dxcheck.report.render", fake)
    monkeypatch.setattr("dxcheck.tui.screens.results.report_available", lambda: True)

    app = small_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("enter")
        await settled(pilot)
        await fill_profile(pilot)
        await pilot.press("3", "s")
        await settled(pilot)
        await pilot.press("p")
        await until(pilot, lambda: isinstance(app.screen, SavePathScreen), "SavePathScreen")
        assert isinstance(app.screen, SavePathScreen)
        await pilot.press("enter")
        await settled(pilot)
        await pilot.press("enter")  # no baseline: the report as before
        await settled(pilot)
        await finished(app)
        await settled(pilot)
        assert not isinstance(app.screen, PdfProgressScreen)
    [(_assessment, _questionnaire, cities, target, path, on_main_thread)] = calls
    assert not on_main_thread
    assert Path(str(path)).name == "dxcheck-報告書-いちき串木野市-2026-11-21.pdf"
    assert getattr(target, "kind", None) is not None and len(cities) == 5  # type: ignore[arg-type]


async def test_pdf_says_so_when_the_report_is_not_installed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("dxcheck.tui.screens.results.report_available", lambda: False)
    app = small_app(demo=True)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settled(pilot)
        await pilot.press("s")
        await settled(pilot)
        await pilot.press("p")
        await until(pilot, lambda: isinstance(app.screen, ResultsScreen), "ResultsScreen")
        assert isinstance(app.screen, ResultsScreen)
        assert any(
            "PDF報告書の機能はまだ使えません" in n.message.replace("\n", "")
            for n in app._notifications
        )


async def test_a_questionnaire_that_cannot_be_read_is_reported_on_the_start_screen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from dxcheck.core.errors import InputError, Problem

    def broken() -> None:
        raise InputError([Problem("questionnaire.toml", "TOMLの書き方に誤りがあります", line=3)])

    monkeypatch.setattr("dxcheck.tui.state.load_wizard_data", broken)
    app = make_app(data_dir=data_dir(), today=TODAY, clock=fixed_clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settled(pilot)
        await pilot.press("enter")  # 新しく始める
        await until(pilot, lambda: isinstance(app.screen, StartScreen), "StartScreen")
        assert isinstance(app.screen, StartScreen)
        error = app.screen.query_one("#load-error")
        assert error.display and "questionnaire.toml:3" in error.content.plain  # type: ignore[attr-defined]
        assert app.session is None


def _with_quantity(
    questionnaire: Questionnaire, question_id: str, **quantity: object
) -> Questionnaire:
    data = questionnaire.model_dump()
    for q in data["questions"]:
        if q["id"] == question_id:
            q["quantity"] = quantity
    return Questionnaire.model_validate(data)


async def test_an_invalid_number_is_never_written_and_leaving_says_so() -> None:
    from .helpers import saved_session, small_questionnaire

    questionnaire = _with_quantity(
        small_questionnaire(),
        "frontyard.online-procedures",
        label="オンライン化した手続の割合",
        unit="%",
        thresholds=(10, 30, 50, 70, 90),
    )
    qid = "frontyard.online-procedures"
    saved_session(
        questionnaire,
        {qid: {"value": 40, "level": 2}},
        session_id="s1",
        position=Position("question", qid),
    )
    app = small_app(questionnaire=questionnaire)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, StartScreen), "開始画面")
        await pilot.press("enter")  # the saved session
        await until(pilot, lambda: isinstance(app.screen, QuestionScreen), "質問画面")
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        box = screen.query_one("#value", Input)
        assert box.value == "40" and app.focused is box
        assert box.placeholder == "例: 50（%）"  # from the question's own scale
        await pilot.press("backspace", "backspace", *"150")  # 1 and 15 on the way: not saved
        assert "100% 以下" in screen.query_one("#value-error").content.plain  # type: ignore[attr-defined]
        await pilot.press("enter")
        assert screen.question is not None and screen.question.id == qid  # it stays
        assert app.session is not None
        assert app.session.assessment.answers[qid].value == 40
        await pilot.press("pagedown")  # leaving: the previous answer stays, and it says so
        await until(pilot, lambda: screen.question.id != qid, "次の質問へ")  # type: ignore[union-attr]
        assert app.session.assessment.answers[qid].value == 40
        assert any("保存していません" in str(n.message) for n in app._notifications)
        await app.wait_for_saves()
    loaded = store().load("s1")
    assert loaded.assessment.answers[qid].value == 40


async def test_digits_on_a_quantitative_question_go_to_the_number_box() -> None:
    from dxcheck.tui.widgets.level_picker import LevelPicker

    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ProfileScreen), "プロフィール画面")
        await fill_profile(pilot)
        app.goto_question("frontyard.online-procedures")
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        await until(pilot, lambda: app.focused is screen.query_one("#value"), "数値欄に焦点")
        await pilot.press("escape")  # to the level list; a digit still goes to the box
        assert isinstance(app.focused, LevelPicker)
        await pilot.press("escape")
        await pilot.press("2", "5")
        assert screen.query_one("#value", Input).value == "25"
        await pilot.press(*",2")
        assert "「,」の位置" in screen.query_one("#value-error").content.plain  # type: ignore[attr-defined]
        await pilot.press(*["backspace"] * 4, *"1,200", "enter")
        assert app.session is not None
        answer = app.session.assessment.answers["frontyard.online-procedures"]
        assert answer.value == 1200 and answer.level == 5
        await pilot.press("left")
        await until(pilot, lambda: app.focused is screen.query_one("#value"), "数値欄")
        await pilot.press(*["backspace"] * 5, *"約3", "enter")  # refused; 1,200 stays
        assert app.session.assessment.answers["frontyard.online-procedures"].value == 1200
        await pilot.press(*["backspace"] * 2, *"3.5", "enter")
        assert "整数" in screen.query_one("#value-error").content.plain  # type: ignore[attr-defined]
        assert "Tab" in screen.query_one("#quantity-hint").content.plain  # type: ignore[attr-defined]


async def test_a_share_question_asks_for_both_numbers_and_shows_the_level_live() -> None:
    shipped = shipped_data()
    if shipped is None:
        pytest.skip("the shipped questionnaire is not in the repository")
    questionnaire, cities = shipped
    qid = "frontyard.online-procedures"
    question = questionnaire.question(qid)
    if question.quantity is None or question.quantity.basis != "share":
        pytest.skip("the shipped questionnaire has no share question here")
    from .helpers import saved_session

    saved_session(questionnaire, {}, session_id="s", position=Position("question", qid))
    app = make_app(
        questionnaire=questionnaire,
        cities=cities,
        data_dir=data_dir(),
        today=TODAY,
        clock=fixed_clock,
    )
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, StartScreen), "開始画面")
        await pilot.press("enter")
        await until(
            pilot,
            lambda: isinstance(app.screen, QuestionScreen) and app.screen.question is not None,
            "質問画面",
        )
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        assert screen.query_one("#denominator-row").display
        assert screen.query_one("#value", Input).placeholder == "例: 45（手続）"
        assert screen.query_one("#denominator", Input).placeholder == "例: 320（手続）"
        await pilot.press(*"45", "enter")  # Enter goes on to the total
        await until(pilot, lambda: app.focused is screen.query_one("#denominator"), "分母の欄")
        await pilot.press(*"32")  # 45 of 32: refused, never written
        assert "総数" in screen.query_one("#value-error").content.plain  # type: ignore[attr-defined]
        await pilot.press("0")  # 45 of 320 = 14.1 %
        live = screen.query_one("#quantity-level").content.plain  # type: ignore[attr-defined]
        level = question.quantity.level_for(45, 320)
        assert level is not None
        assert "14.1%" in live and f"レベル {level}" in live and "Enter で確定" in live
        await pilot.press("enter")
        await until(pilot, lambda: screen.question is not question, "次の質問へ")
        assert app.session is not None
        answer = app.session.assessment.answers[qid]
        assert (answer.value, answer.denominator, answer.level) == (45, 320, level)
        await app.wait_for_saves()
    saved = store().load("s").assessment.answers[qid]
    assert (saved.value, saved.denominator, saved.level) == (45, 320, level)
