"""The first screen: resume, start anew, open an answer file, see the example, merge a
workshop's answer files, or compare many municipalities' files."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Footer, Header, OptionList
from textual.widgets.option_list import Option

from dxcheck.io.sessions import SessionInfo
from dxcheck.tui.screens.base import WizardScreen
from dxcheck.tui.widgets.ja_text import JaStatic

INTRO = (
    "自分の団体のDXの進み具合を、国の「自治体DX推進計画」の分野ごとに点検し、"
    "先行5市（嬉野市・上天草市・潟上市・南島原市・いちき串木野市）と比べます。"
    "入力は1つごとに自動で保存されます。"
)


def describe_session(info: SessionInfo) -> Content:
    """「いちき串木野市  2026-11-21  回答 23/70  11/21 14:03 更新」"""
    s = info.state
    name = s.municipality or "（団体名未入力）"
    done = s.answered + s.unknown
    progress = f"回答 {done}/{s.total}" if s.total else f"回答 {done}"
    updated = info.updated
    when = f"{updated:%m/%d %H:%M} 更新" if updated else ""
    return Content.assemble(
        (name, "bold"),
        "  ",
        (s.assessed_on or "回答日未入力", "$text-muted"),
        "  ",
        progress,
        "  ",
        (when, "$text-muted"),
    )


class StartScreen(WizardScreen):
    CSS_PATH = "start.tcss"
    AUTO_FOCUS = "#start-menu"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new", "新しく始める"),
        Binding("o", "open", "ファイルを開く"),
        Binding("d", "demo", "記入例"),
        Binding("m", "merge", "回答をまとめる", show=False),
        Binding("c", "compare", "団体を比べる", show=False),
        Binding("ctrl+o", "open", "ファイルを開く", show=False),
        Binding("ctrl+q", "app.quit", "終了", priority=True),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield JaStatic(Content(INTRO), id="intro")
        yield JaStatic("", id="load-error")
        yield OptionList(id="start-menu")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.refresh_menu()
        # load the questionnaire once this screen is on the terminal, not before
        self.call_after_refresh(self.wizard.start_loading)

    def refresh_menu(self) -> None:
        menu = self.query_one("#start-menu", OptionList)
        sessions = self.wizard.store.list_sessions()
        options: list[Option | None] = []
        if sessions:
            latest = sessions[0]
            options.append(
                Option(
                    Content.assemble(("前回の続きから: ", "bold $text-accent"))
                    + describe_session(latest),
                    id=f"resume:{latest.id}",
                )
            )
        options += [
            Option(Content.styled("新しく始める", "bold"), id="new"),
            Option(Content("回答ファイルを開く…"), id="open"),
            Option(Content("記入例を見る（いちき串木野市の計画書から読み取った水準）"), id="demo"),
            Option(Content("回答者ごとのファイルをまとめる（ワークショップ）…"), id="merge"),
            Option(Content("複数の団体の回答を比べる（都道府県向け）…"), id="compare"),
        ]
        if len(sessions) > 1:
            options.append(None)
            options.append(Option(Content.styled("保存されている自己点検", "bold"), disabled=True))
            options += [
                Option(Content("  ") + describe_session(s), id=f"resume:{s.id}")
                for s in sessions[1:]
            ]
        menu.set_options(options)
        menu.highlighted = 0

    def show_load_error(self, message: str) -> None:
        error = self.query_one("#load-error", JaStatic)
        error.display = True
        error.update(Content.assemble(("質問票を読み込めませんでした。", "bold"), "\n", message))

    @on(OptionList.OptionSelected, "#start-menu")
    async def _chosen(self, event: OptionList.OptionSelected) -> None:
        choice = event.option.id or ""
        if choice == "new":
            await self.action_new()
        elif choice == "open":
            await self.action_open()
        elif choice == "demo":
            await self.action_demo()
        elif choice == "merge":
            await self.action_merge()
        elif choice == "compare":
            await self.action_compare()
        elif choice.startswith("resume:"):
            await self._guard(self.wizard.resume_session(choice.removeprefix("resume:")))

    async def _guard(self, step: Awaitable[None]) -> None:
        await step
        if self.wizard.load_error and self.is_current:
            self.show_load_error(self.wizard.load_error)

    async def action_new(self) -> None:
        await self._guard(self.wizard.new_session())

    async def action_open(self) -> None:
        await self._guard(self.wizard.ask_open_file())

    async def action_demo(self) -> None:
        await self._guard(self.wizard.open_demo())

    async def action_merge(self) -> None:
        await self._guard(self.wizard.ask_merge())

    async def action_compare(self) -> None:
        await self._guard(self.wizard.ask_compare())
