"""Give a saved self-check its own name (e.g. 「総務課の回答」), shown on the start screen."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input

from dxcheck.io.sessions import MAX_LABEL
from dxcheck.tui.widgets.ja_text import JaStatic


class RenameSessionScreen(ModalScreen[str | None]):
    """Returns the new name ("" clears it and shows the municipality again), or None."""

    CSS_PATH = "rename_session.tcss"
    AUTO_FOCUS = "#name"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "キャンセル")]

    def __init__(self, current: str, municipality: str) -> None:
        super().__init__()
        self.current = current
        self.municipality = municipality

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield JaStatic(Content.styled("自己点検の名前を変える", "bold"), classes="dialog-title")
            yield JaStatic(
                Content.assemble(
                    "スタート画面に出す名前です（例: 総務課の回答、2026年度 第1回）。",
                    "空にすると団体名",
                    (f"（{self.municipality}）" if self.municipality else "", "bold"),
                    "を出します。回答の内容は変わりません。",
                )
            )
            yield Input(
                self.current, placeholder=self.municipality, max_length=MAX_LABEL, id="name"
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("決定", id="ok", variant="primary", compact=True)
                yield Button("キャンセル", id="cancel", compact=True)

    @on(Input.Submitted, "#name")
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        self.dismiss(self.query_one("#name", Input).value.strip())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
