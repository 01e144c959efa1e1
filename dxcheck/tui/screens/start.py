"""The first screen: resume, start anew, open an answer file, see the example, merge a
workshop's answer files, or compare many municipalities' files."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Footer, Header, OptionList
from textual.widgets.option_list import Option

from dxcheck.io.sessions import SessionInfo
from dxcheck.io.store import WriteError
from dxcheck.tui.screens.base import WizardScreen
from dxcheck.tui.screens.session_rows import describe_session, distinguishers, title_of
from dxcheck.tui.widgets.ja_text import JaStatic

INTRO = (
    "自分の団体のDXの進み具合を、国の「自治体DX推進計画」の分野ごとに点検し、"
    "先行5市（嬉野市・上天草市・潟上市・南島原市・いちき串木野市）と比べます。"
    "入力は1つごとに自動で保存されます。"
)


class StartScreen(WizardScreen):
    CSS_PATH = "start.tcss"
    AUTO_FOCUS = "#start-menu"
    BINDINGS: ClassVar[list[BindingType]] = [
        # short names: with 名前変更 and 削除 the footer must still fit 80 columns
        Binding("n", "new", "新規"),
        Binding("o", "open", "開く"),
        Binding("d", "demo", "記入例"),
        Binding("m", "merge", "回答をまとめる", show=False),
        Binding("c", "compare", "団体を比べる", show=False),
        Binding("ctrl+o", "open", "ファイルを開く", show=False),
        # on a saved self-check only (check_action)
        Binding("r,f2", "rename", "名前変更"),
        Binding("x,delete", "delete", "削除"),
        Binding("ctrl+q", "app.quit", "終了", priority=True),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield JaStatic(Content(INTRO), id="intro")
        yield JaStatic("", id="load-error")
        yield OptionList(id="start-menu")
        yield Footer(compact=True, show_command_palette=False)

    def __init__(self) -> None:
        super().__init__()
        self.sessions: dict[str, SessionInfo] = {}

    def on_mount(self) -> None:
        self.refresh_menu()
        # load the questionnaire once this screen is on the terminal, not before
        self.call_after_refresh(self.wizard.start_loading)

    def refresh_menu(self, highlight: str | None = None) -> None:
        menu = self.query_one("#start-menu", OptionList)
        sessions = self.wizard.store.list_sessions()
        self.sessions = {s.id: s for s in sessions}
        apart = distinguishers(sessions)
        options: list[Option | None] = []
        if sessions and not sessions[0].state.is_empty:
            latest = sessions[0]
            options.append(
                Option(
                    Content.styled("前回の続きから: ", "bold $text-accent")
                    + describe_session(latest, apart.get(latest.id, "")),
                    id=f"resume:{latest.id}",
                )
            )
            rest = sessions[1:]
        else:
            rest = sessions
        options += [
            Option(Content.styled("新しく始める", "bold"), id="new"),
            Option(Content("回答ファイルを開く…"), id="open"),
            Option(Content("記入例を見る（いちき串木野市の計画書から読み取った水準）"), id="demo"),
            Option(Content("回答者ごとのファイルをまとめる（ワークショップ）…"), id="merge"),
            Option(Content("複数の団体の回答を比べる（都道府県向け）…"), id="compare"),
        ]
        if rest:
            options.append(None)
            options.append(
                Option(
                    Content.assemble(
                        ("保存されている自己点検", "bold"),
                        ("（r 名前変更・x 削除）", "$text-muted"),
                    ),
                    disabled=True,
                )
            )
            options += [
                Option(
                    Content("  ") + describe_session(s, apart.get(s.id, "")), id=f"resume:{s.id}"
                )
                for s in rest
            ]
        menu.set_options(options)
        ids = [o.id for o in menu.options]
        menu.highlighted = ids.index(f"resume:{highlight}") if f"resume:{highlight}" in ids else 0
        self.refresh_bindings()

    def _highlighted_session(self) -> SessionInfo | None:
        menu = self.query_one("#start-menu", OptionList)
        if menu.highlighted is None:
            return None
        choice = menu.get_option_at_index(menu.highlighted).id or ""
        return (
            self.sessions.get(choice.removeprefix("resume:"))
            if choice.startswith("resume:")
            else None
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("rename", "delete"):
            return self.is_mounted and self._highlighted_session() is not None
        return True

    @on(OptionList.OptionHighlighted, "#start-menu")
    def _highlight_moved(self) -> None:
        self.refresh_bindings()  # 名前を変える・削除 show only on a saved self-check

    def action_rename(self) -> None:
        info = self._highlighted_session()
        if info is None:
            return
        from dxcheck.tui.dialogs.rename_session import RenameSessionScreen

        def renamed(label: str | None) -> None:
            if label is None:
                return
            try:
                self.wizard.store.rename(info.id, label)
            except WriteError as exc:
                self.notify(str(exc), title="名前を変えられません", severity="error")
                return
            self.refresh_menu(highlight=info.id)

        self.app.push_screen(
            RenameSessionScreen(info.state.label, info.state.municipality), renamed
        )

    def action_delete(self) -> None:
        info = self._highlighted_session()
        if info is None:
            return
        from dxcheck.tui.dialogs.confirm import ConfirmScreen
        from dxcheck.tui.screens.session_rows import progress_text

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.wizard.store.delete(info.id)
            except WriteError as exc:
                self.notify(str(exc), title="削除できません", severity="error")
                return
            self.notify(f"「{title_of(info)}」を削除しました。", title="削除しました")
            self.refresh_menu()

        self.app.push_screen(
            ConfirmScreen(
                "この自己点検を削除しますか？",
                f"「{title_of(info)}」（{progress_text(info)}）の自動保存を削除します。"
                "元に戻せません。名前を付けて保存した回答ファイルや、開いた元のファイルは"
                "そのまま残ります。",
                yes="削除する",
                no="やめる",
            ),
            answered,
        )

    def show_load_error(self, message: str) -> None:
        error = self.query_one("#load-error", JaStatic)
        error.display = True
        error.update(Content.assemble(("質問票を読み込めませんでした。", "bold"), "\n", message))

    def show_busy(self, busy: bool) -> None:
        """While the questionnaire loads or a saved self-check is read and checked."""
        self.query_one("#start-menu", OptionList).loading = busy

    @on(OptionList.OptionSelected, "#start-menu")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        choice = event.option.id or ""
        if choice == "new":
            self.action_new()
        elif choice == "open":
            self.action_open()
        elif choice == "demo":
            self.action_demo()
        elif choice == "merge":
            self.action_merge()
        elif choice == "compare":
            self.action_compare()
        elif choice.startswith("resume:"):
            self.wizard.resume_session(choice.removeprefix("resume:"))

    def action_new(self) -> None:
        self.wizard.new_session()

    def action_open(self) -> None:
        self.wizard.ask_open_file()

    def action_demo(self) -> None:
        self.wizard.open_demo()

    def action_merge(self) -> None:
        self.wizard.ask_merge()

    def action_compare(self) -> None:
        self.wizard.ask_compare()
