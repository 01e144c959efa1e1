"""A yes/no question, e.g. whether to overwrite a file. Returns True only for an explicit yes."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button

from dxcheck.tui.widgets.ja_text import JaStatic


class ConfirmScreen(ModalScreen[bool]):
    CSS_PATH = "confirm.tcss"
    AUTO_FOCUS = "#no"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,n", "answer(False)", "いいえ"),
        Binding("y", "answer(True)", "はい"),
    ]

    def __init__(self, title: str, message: str, yes: str = "はい", no: str = "いいえ") -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield JaStatic(Content.styled(self.title_text, "bold"), classes="dialog-title")
            yield JaStatic(Content(self.message))
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes}（y）", id="yes", variant="warning", compact=True)
                yield Button(f"{self.no}（n）", id="no", compact=True)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
