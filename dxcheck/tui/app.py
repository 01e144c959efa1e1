"""The wizard's application: one factory (`make_app`) for the CLI and the tests.

The app owns the state (the shipped data, the self-check being edited) and three duties the
screens share: loading the data off the UI thread, autosaving every change off the UI thread,
and moving between the wizard's screens. Screens call these methods; they never write files.
All background work runs the one way dxcheck.tui.background describes; the app is where a
failed worker is reported (`on_worker_state_changed`).

Start-up is kept light: the first screen lists saved sessions from their small sidecars and
is shown before pydantic, the questionnaire or any other screen module is loaded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import Worker

from dxcheck.io.sessions import (
    ORIGIN_MERGED,
    ORIGIN_OPENED,
    Position,
    SaveJob,
    SessionLock,
    SessionState,
    SessionStore,
)
from dxcheck.io.sessions import data_dir as default_data_dir
from dxcheck.tui import background
from dxcheck.tui.checking import CHECK_GROUP, FileChecked, check_in_thread
from dxcheck.tui.labels import display_path
from dxcheck.tui.saving import (
    Autosaver,
    Written,
    announce_written,
    default_folder,
    export_answer_file,
)

if TYPE_CHECKING:
    from textual.command import Provider

    from dxcheck.core.merge import MergeResult
    from dxcheck.core.model import BenchmarkCity, Questionnaire
    from dxcheck.io.load import LoadedAssessment
    from dxcheck.tui.dialogs.pdf_progress import ReportWritten
    from dxcheck.tui.state import Session, WizardData

Clock = Callable[[], dt.datetime]
TOAST_CELLS = 60  # Textual's Toast: width 60, max-width 50%
TOAST_FRAME = 4  # its padding (1 + 1), its left border, and a cell to spare
MAIN_SCREENS = ("profile", "question", "review", "results", "workshop")
WORKSHOP_FROM = frozenset({"QuestionScreen", "ReviewScreen", "ResultsScreen"})
LOAD_GROUP = "load"


class DataLoaded(Message, bubble=False):
    """The loader is done: the questionnaire and cities, or why they could not be read."""

    def __init__(self, data: WizardData | None, error: str = "") -> None:
        super().__init__()
        self.data = data
        self.error = error


def _questionnaire_commands() -> type[Provider]:
    # the command palette's modules load when it is first opened, not at start-up
    from dxcheck.tui.commands import QuestionnaireCommands

    return QuestionnaireCommands


class DxcheckApp(App[int]):
    TITLE = "自治体DXセルフチェック"
    CSS_PATH = "app.tcss"
    COMMANDS: ClassVar = App.COMMANDS | {_questionnaire_commands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "ヘルプ", tooltip="使い方とキー操作を表示します"),
        # a workshop's merged answers only (check_action); the review and results screens
        # show it in their footers (the question screen's footer has no room at 80 columns)
        Binding("f", "workshop", "ワークショップ", show=False),
        Binding("question_mark", "help", "ヘルプ", show=False),
        Binding("ctrl+t", "toggle_dark", "配色切替", show=False),
        Binding("ctrl+p", "command_palette", "検索", show=False, priority=True),
        Binding("ctrl+q", "quit", "終了", show=False, priority=True),
        Binding("ctrl+c", "quit", "終了", show=False, priority=True),
    ]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012

    def __init__(
        self,
        *,
        data: WizardData | None,
        store: SessionStore,
        today: dt.date,
        clock: Clock,
        demo: bool = False,
        open_path: Path | None = None,
        presentation: bool = False,
    ) -> None:
        super().__init__()
        from dxcheck.tui.theme import PRESENTATION, presentation_theme

        self.register_theme(presentation_theme)
        if presentation:
            self.theme = PRESENTATION
        self.data: WizardData | None = data
        self.load_error: str = ""
        self.store = store
        self.today = today
        self.clock = clock
        self.session: Session | None = None
        self.autosaver = Autosaver(self, store)
        self._startup_demo = demo
        self._startup_open = open_path
        self._loading = False
        # what the user last asked for before the data was loaded: done as soon as it is
        self._waiting: Callable[[WizardData], object] | None = None
        self._resuming: str | None = None  # the saved session being checked before it opens
        self._lock: SessionLock | None = None
        store.remove_stale_temporaries()  # what a killed autosave left behind

    # ------------------------------------------------------------ start-up and data

    def on_mount(self) -> None:
        from dxcheck.tui.screens.start import StartScreen

        self.push_screen(StartScreen())
        if self._startup_demo or self._startup_open is not None:
            self.call_after_refresh(self._run_startup_request)

    def start_loading(self) -> None:
        """Load the questionnaire and the cities in a thread (called after the first paint)."""
        if self.data is None and not self._loading and not self.load_error:
            self._loading = True
            background.run_in_thread(
                self, _load_in_thread, failed="質問票を読み込めませんでした", group=LOAD_GROUP
            )

    def when_loaded(self, then: Callable[[WizardData], object]) -> None:
        """Do `then` with the loaded data: at once if it is loaded, else as soon as it is
        (the start screen shows it is busy meanwhile). If it cannot be loaded, the start
        screen says why and `then` is never done."""
        if self.data is not None:
            then(self.data)
            return
        if self.load_error:
            self._show_load_error()
            return
        self._waiting = then  # asked twice while loading: the last choice counts, once
        self._show_busy(True)
        self.start_loading()

    @on(DataLoaded)
    def _data_loaded(self, event: DataLoaded) -> None:
        self._loading = False
        self._show_busy(False)
        waiting, self._waiting = self._waiting, None
        if event.data is None:
            self._load_failed(event.error)
            return
        self.data = event.data
        if event.data.warning:
            self.notify(event.data.warning, title="先行市のデータ", severity="warning", timeout=10)
        if waiting is not None:
            waiting(event.data)

    def _load_failed(self, reason: str) -> None:
        self.load_error = reason
        self.notify(reason, title="質問票を読み込めません", severity="error")
        self._show_load_error()

    def _show_load_error(self) -> None:
        from dxcheck.tui.screens.start import StartScreen

        if isinstance(self.screen, StartScreen):
            self.screen.show_load_error(self.load_error)

    def _show_busy(self, busy: bool) -> None:
        from dxcheck.tui.screens.start import StartScreen

        if isinstance(self.screen, StartScreen):
            self.screen.show_busy(busy)

    def _run_startup_request(self) -> None:
        if self._startup_demo:
            self.open_demo()
        elif self._startup_open is not None:
            self.ask_open_file(self._startup_open)

    # ------------------------------------------------------------ background work

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one place a failed worker is reported (dxcheck.tui.background)."""
        background.report_failure(self, event)

    @on(background.Failed)
    def _work_failed(self, event: background.Failed) -> None:
        # the user has been told; here only what the app itself was waiting for
        if event.group == LOAD_GROUP:
            self._loading = False
            self._show_busy(False)
            self._waiting = None
            self.load_error = event.reason
            self._show_load_error()
        elif event.group == CHECK_GROUP and self._resuming is not None:
            self._resuming = None  # the saved session could not be checked: stay at the start
            self._show_busy(False)

    @on(Autosaver.Failed)
    def _autosave_failed(self, event: Autosaver.Failed) -> None:
        self.autosaver.failed(event.reason)

    @on(Autosaver.Recovered)
    def _autosave_recovered(self) -> None:
        self.autosaver.recovered()

    @on(Written)
    def _written(self, event: Written) -> None:
        announce_written(self, event)

    def on_report_written(self, event: ReportWritten) -> None:
        """A PDF finished after its dialog was closed: still say so (by name, as the
        report's modules are not loaded before a PDF is asked for)."""
        from dxcheck.tui.dialogs.pdf_progress import announce_report

        announce_report(self, event.path)

    # ------------------------------------------------------------ sessions

    def new_session(self) -> None:
        self.when_loaded(self._new_session)

    def _new_session(self, data: WizardData) -> None:
        from dxcheck.core.answers import new_assessment
        from dxcheck.tui.state import Session

        assessment = new_assessment(data.questionnaire)
        assessment.meta.assessed_on = self.today
        session_id = self._claim(self.store.new_id(self.clock()))
        self.session = Session(session_id, assessment, Position("profile"))
        self.record_change()
        self.goto(Position("profile"))

    def resume_session(self, session_id: str) -> None:
        """Open a saved self-check: its answer file is read and checked in a worker first,
        exactly as an opened file is (dxcheck.tui.checking)."""

        def check(data: WizardData) -> None:
            self._resuming = session_id
            self._show_busy(True)
            check_in_thread(self, self.store.answer_path(session_id), data.questionnaire)

        self.when_loaded(check)

    @on(FileChecked)
    def _session_checked(self, event: FileChecked) -> None:
        from dxcheck.tui import own_targets
        from dxcheck.tui.dialogs.problems import ProblemsScreen
        from dxcheck.tui.state import Session, saved_target

        session_id = self._resuming
        if session_id is None or event.path != self.store.answer_path(session_id):
            return  # a dialog's check, finished after the dialog was closed
        self._resuming = None
        self._show_busy(False)
        data = self.data
        loaded = event.usable
        assert data is not None
        if loaded is None:
            self.push_screen(ProblemsScreen("保存されている回答を開けません", event.problems))
            return
        state = self.store.read_state(session_id)
        claimed = self._claim(session_id)
        if claimed is None:
            self.notify(
                "この自己点検は、別の画面（ブラウザの別のタブや別のウィンドウ）で開かれています。"
                "読み取り専用で開きます。ここでの変更は保存されません。"
                "続きを入力するには、開いている画面で入力してください。",
                title="読み取り専用",
                severity="warning",
                timeout=20,
            )
        target = own_targets.resumed(loaded.assessment, saved_target(state.target, data.cities))
        self.session = Session(
            claimed,
            loaded.assessment,
            state.position,
            target,
            state.source,
            origin=state.origin,
            label=state.label,
        )
        position = self._valid_position(state.position)
        self.session.last_question = position.question
        self.goto(position)  # saves the session (own targets moved into its answer file too)

    def open_demo(self) -> None:
        self.when_loaded(self._open_demo)

    def _open_demo(self, data: WizardData) -> None:
        from dxcheck.core.progress import first_question
        from dxcheck.io.demo import demo_assessment
        from dxcheck.tui.state import Session

        assessment = demo_assessment(data.questionnaire, data.cities, self.today)
        first = first_question(data.questionnaire).id
        self.session = Session(None, assessment, Position("question", first))
        self.notify(
            "いちき串木野市の計画書から読み取った水準を入れた記入例です。変更は自動保存されません。",
            title="記入例",
        )
        self.goto(Position("question", first))

    def ask_open_file(self, path: Path | None = None) -> None:
        def ask(data: WizardData) -> None:
            from dxcheck.tui.dialogs.open_file import OpenFileScreen

            self.push_screen(OpenFileScreen(data.questionnaire, path), self._opened)

        self.when_loaded(ask)

    def _opened(self, loaded: LoadedAssessment | None) -> None:
        """An answer file passed its checks: it becomes a new session; the file is not touched.
        A merged workshop file opens in the facilitator view."""
        from dxcheck.core.progress import first_unanswered, ordered_questions
        from dxcheck.core.workshop import is_merged
        from dxcheck.tui.state import Session

        if loaded is None or self.data is None:
            return
        q = self.data.questionnaire
        session_id = self._claim(self.store.new_id(self.clock()))
        first = first_unanswered(q, loaded.assessment) or ordered_questions(q)[0]
        position = Position("question", first.id)
        if is_merged(loaded.assessment):
            position = Position("workshop")
        self.session = Session(
            session_id,
            loaded.assessment,
            position,
            source=str(loaded.doc.path),
            origin=ORIGIN_OPENED,
        )
        self.notify(
            f"{display_path(loaded.doc.path)} を開きました。元のファイルは変更しません。",
            title="開きました",
        )
        self.goto(position)  # saves it as a new session at once

    def ask_merge(self) -> None:
        """Merge respondents' files (a workshop): it opens as a new session, facilitator view."""

        def ask(data: WizardData) -> None:
            from dxcheck.tui.dialogs.merge_files import MergeFilesScreen

            self.push_screen(MergeFilesScreen(data.questionnaire), self._merged)

        self.when_loaded(ask)

    def _merged(self, result: MergeResult | None) -> None:
        from dxcheck.tui.state import Session

        if result is None or self.data is None:
            return
        result.assessment.meta.assessed_on = result.assessment.meta.assessed_on or self.today
        session_id = self._claim(self.store.new_id(self.clock()))
        self.session = Session(
            session_id, result.assessment, Position("workshop"), origin=ORIGIN_MERGED
        )
        self.notify(
            f"意見が分かれた質問は {len(result.disagreements)} 問です。"
            "元のファイルは変更しません。Ctrl+S で、まとめた回答ファイルを保存できます。",
            title="回答をまとめました",
        )
        self.goto(Position("workshop"))

    def ask_compare(self) -> None:
        """Compare many municipalities' answer files (for a prefecture)."""

        def ask(data: WizardData) -> None:
            from dxcheck.tui.dialogs.compare_paths import ComparePathsScreen

            self.push_screen(ComparePathsScreen(), self._compare)

        self.when_loaded(ask)

    def _compare(self, paths: list[Path] | None) -> None:
        from dxcheck.tui.screens.comparison import ComparisonScreen

        if paths and self.data is not None:
            self.push_screen(ComparisonScreen(paths))

    def _claim(self, session_id: str) -> str | None:
        """Hold the session's lock while it is open here (one writer per session); None when
        another process holds it: the session is then shown but never saved (read-only)."""
        if self._lock is not None:
            self._lock.release()
        self._lock = self.store.lock(session_id)
        return session_id if self._lock is not None else None

    def _valid_position(self, position: Position) -> Position:
        assert self.data is not None
        index = self.data.questionnaire.question_index
        if position.screen not in MAIN_SCREENS:
            return Position("profile")
        if position.question is not None and position.question not in index:
            return Position(position.screen, None)
        return position

    # ------------------------------------------------------------ autosave

    def record_change(self, position: Position | None = None) -> None:
        """Call after every change to the session: it is saved at once, off the UI thread."""
        session = self.session
        if session is None or self.data is None:
            return
        if position is not None:
            session.position = position
        if session.id is None:
            return  # the demo is never saved
        self.autosaver.submit(
            SaveJob(
                session.id,
                session.assessment.model_copy(deep=True),
                self.data.questionnaire,
                self._state_of(session),
            )
        )

    def _state_of(self, session: Session) -> SessionState:
        from dxcheck.core.progress import progress
        from dxcheck.core.targets import target_to_text

        assert self.data is not None
        p = progress(self.data.questionnaire, session.assessment)
        a = session.assessment
        return SessionState(
            position=session.position,
            updated_at=self.clock().isoformat(timespec="seconds"),
            municipality=a.municipality.name,
            prefecture=a.municipality.prefecture,
            assessed_on=a.meta.assessed_on.isoformat() if a.meta.assessed_on else "",
            answered=p.answered,
            unknown=p.unknown,
            total=p.total,
            target=target_to_text(session.target),
            source=session.source,
            respondent=a.meta.respondent,
            origin=session.origin,
            label=session.label,
        )

    def flush_saves(self) -> bool:
        """Write any pending change now (when quitting). True if everything is saved."""
        return self.autosaver.flush()

    async def wait_for_saves(self) -> None:
        await self.autosaver.wait()

    # ------------------------------------------------------------ moving between screens

    def goto(self, position: Position) -> None:
        """Show a main screen of the wizard (replacing the current one) and remember it."""
        from dxcheck.core.progress import first_question
        from dxcheck.tui.screens.question import QuestionScreen

        session = self.session
        assert session is not None and self.data is not None
        if position.screen == "question":
            question = (
                position.question
                or session.last_question
                or first_question(self.data.questionnaire).id
            )
            session.last_question = question
            position = Position("question", question)
        elif position.screen != "workshop":
            position = Position(position.screen, session.last_question)
        current = self.screen
        if (
            position.question
            and isinstance(current, QuestionScreen)
            and position.screen == "question"
        ):
            current.show_question(position.question)  # in place: moving on stays instant
        else:
            self.switch_screen(self._make_screen(position))
        self.record_change(position)

    def _make_screen(self, position: Position) -> Screen[None]:
        assert self.data is not None and self.session is not None
        if position.screen == "profile":
            from dxcheck.tui.screens.profile import ProfileScreen

            return ProfileScreen()
        if position.screen == "review":
            from dxcheck.tui.screens.review import ReviewScreen

            return ReviewScreen()
        if position.screen == "results":
            from dxcheck.tui.screens.results import ResultsScreen

            return ResultsScreen()
        if position.screen == "workshop":
            from dxcheck.tui.screens.workshop import WorkshopScreen

            return WorkshopScreen(position.question)
        from dxcheck.tui.screens.question import QuestionScreen

        return QuestionScreen(position.question)

    def goto_question(self, question_id: str | None = None) -> None:
        self.goto(Position("question", question_id))

    def goto_area(self, area_id: str) -> None:
        """The area's first question still open, or its first question when all are done."""
        from dxcheck.core.progress import area_entry_question

        assert self.data is not None and self.session is not None
        self.goto_question(
            area_entry_question(self.data.questionnaire, self.session.assessment, area_id).id
        )

    def go_start(self) -> None:
        from dxcheck.tui.screens.start import StartScreen

        self.session = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None
        self.switch_screen(StartScreen())

    # ------------------------------------------------------------ notifications

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notification goes through here: its lines are broken by dxcheck's Japanese
        line breaking (dxcheck.tui.wrap) at the toast's width before Textual sees it, so no
        character is lost at a line end; and it is never read as markup (it holds file
        names and the user's own words)."""
        from dxcheck.tui.wrap import prewrap

        # a toast is 60 cells or half the screen, less its padding and its left border
        width = min(TOAST_CELLS, self.size.width // 2) - TOAST_FRAME
        super().notify(
            prewrap(message, width),
            title=prewrap(title, width),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    # ------------------------------------------------------------ global actions

    def action_help(self) -> None:
        from dxcheck.tui.dialogs.help import HelpScreen

        screen = self.screen
        if isinstance(screen, HelpScreen):
            return
        keys: dict[str, tuple[str, str]] = {}
        for _, binding, enabled, _tooltip in screen.active_bindings.values():
            # Textual's own bindings (Focus Next …) are English and not ours to explain
            if binding.description.isascii() or not enabled or binding.action in keys:
                continue
            keys[binding.action] = (self.get_key_display(binding), binding.description)
        self.push_screen(HelpScreen(self.store.root, type(screen).__name__, list(keys.values())))

    def action_toggle_dark(self) -> None:
        """Ctrl+T: dark → light → presentation (high contrast) → dark."""
        from dxcheck.tui.theme import next_theme

        self.theme = next_theme(self.theme)

    @property
    def is_workshop(self) -> bool:
        """Whether the open self-check is a workshop's merged file (respondents kept)."""
        from dxcheck.core.workshop import is_merged

        return self.session is not None and is_merged(self.session.assessment)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "workshop":
            # by name: the start screen's footer must not import the workshop's modules
            if self.session is None or type(self.screen).__name__ not in WORKSHOP_FROM:
                return False
            return self.is_workshop
        return True

    def action_workshop(self) -> None:
        if self.is_workshop:
            self.goto(Position("workshop"))

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(
                CommandPalette(
                    placeholder="分野・質問・操作を検索（例: 窓口、結果）…", id="--command-palette"
                )
            )

    async def action_quit(self) -> None:
        self.flush_saves()
        self.exit(0)

    def action_save_as(self) -> None:
        from dxcheck.tui.dialogs.save_path import SavePathScreen

        session = self.session
        if session is None or self.data is None:
            self.notify("保存する回答がありません。", severity="warning")
            return
        name = session.assessment.municipality.name or "回答"
        day = session.assessment.meta.assessed_on or self.today
        default = default_folder() / f"dxcheck-{name}-{day.isoformat()}.toml"
        self.push_screen(
            SavePathScreen("回答ファイルを名前を付けて保存", default, ".toml"), self._save_to
        )

    def _save_to(self, path: Path | None) -> None:
        if path is not None and self.session is not None and self.data is not None:
            assessment = self.session.assessment.model_copy(deep=True)
            export_answer_file(self, path, assessment, self.data.questionnaire)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        from dxcheck.tui.commands import system_commands

        yield from system_commands(self)


def _load_in_thread() -> DataLoaded:
    # imported here so that pydantic and the data files load in the worker thread, not on
    # the UI thread and not before the first screen
    from dxcheck.core.errors import InputError
    from dxcheck.tui.state import describe_load_error, load_wizard_data

    try:
        return DataLoaded(load_wizard_data())
    except (InputError, OSError) as exc:  # the shipped data missing or damaged
        return DataLoaded(None, describe_load_error(exc))


def make_app(
    *,
    questionnaire: Questionnaire | None = None,
    cities: Sequence[BenchmarkCity] | None = None,
    data_dir: Path | None = None,
    today: dt.date | None = None,
    clock: Clock | None = None,
    demo: bool = False,
    open_path: Path | None = None,
    presentation: bool = False,
) -> DxcheckApp:
    """The wizard, for the CLI and the tests alike.

    With a questionnaire given, nothing is loaded from disk (tests); without one, the shipped
    questionnaire and benchmark cities are loaded in a thread after the first screen shows.
    `today` and `clock` fix dates for deterministic snapshots. `presentation` starts in the
    high-contrast theme for a projector.
    """
    data = None
    if questionnaire is not None:
        from dxcheck.tui.state import WizardData

        data = WizardData.build(questionnaire, tuple(cities or ()))
    return DxcheckApp(
        data=data,
        store=SessionStore(data_dir or default_data_dir()),
        today=today or dt.date.today(),
        clock=clock or dt.datetime.now,
        demo=demo,
        open_path=open_path,
        presentation=presentation,
    )


def run_wizard(
    demo: bool,
    open_path: Path | None = None,
    presentation: bool = False,
    root: Path | None = None,
) -> int:
    """Run the wizard in this terminal (or, under `dxcheck serve`, for one browser tab);
    returns the exit code. `root` confines the file dialogs to that folder."""
    import sys

    from dxcheck.io import workspace

    workspace.set_root(root)
    if open_path is not None:
        try:
            open_path = workspace.check(open_path)
        except workspace.OutsideWorkspace as exc:
            print(str(exc), file=sys.stderr)
            return 2

    app = make_app(demo=demo, open_path=open_path, presentation=presentation)
    code = app.run()
    if not app.flush_saves():
        print(f"保存できなかった変更があります: {app.autosaver.last_error}", file=sys.stderr)
        return 1
    return int(code or 0)
