"""Ask where to save a file (answer file or PDF). Refuses an existing file without a yes."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input

from dxcheck.io import workspace
from dxcheck.tui import validators
from dxcheck.tui.dialogs.confirm import ConfirmScreen
from dxcheck.tui.labels import display_path, where_prompt
from dxcheck.tui.widgets.ja_text import JaStatic


def home_hint() -> str:
    # in a workspace `~` is not the home folder: it is refused like any path outside
    return "" if workspace.root() is not None else "~ はホームフォルダです。"


class SavePathScreen(ModalScreen[Path | None]):
    """Returns the path to write (its folder exists; overwriting was confirmed), or None."""

    CSS_PATH = "save_path.tcss"
    AUTO_FOCUS = "#path"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "キャンセル")]

    def __init__(self, title: str, default: Path, suffix: str) -> None:
        super().__init__()
        self.title_text = title
        self.default = default
        self.suffix = suffix

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield JaStatic(Content.styled(self.title_text, "bold"), classes="dialog-title")
            yield JaStatic(where_prompt("保存先（フォルダとファイル名）:"))
            yield Input(
                display_path(self.default),
                validators=[validators.SavePath(self.suffix)],
                validate_on=["changed", "submitted"],
                id="path",
            )
            yield JaStatic("", id="path-error")
            yield JaStatic(
                Content.styled(f"{home_hint()}拡張子 {self.suffix} は省略できます。", "$text-muted")
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("保存", id="save", variant="primary", compact=True)
                yield Button("キャンセル", id="cancel", compact=True)

    @on(Input.Changed, "#path")
    def _changed(self, event: Input.Changed) -> None:
        result = event.validation_result
        error = self.query_one("#path-error", JaStatic)
        reasons = (
            "" if result is None or result.is_valid else "、".join(result.failure_descriptions)
        )
        error.update(Content(reasons))
        error.display = bool(reasons)

    @on(Input.Submitted, "#path")
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        text = self.query_one("#path", Input).value
        try:
            path = validators.parse_save_path(text, self.suffix)
        except ValueError as exc:
            self.notify(str(exc), title="保存できません", severity="warning")
            return
        if path.exists():

            def answered(yes: bool | None) -> None:
                if yes:
                    self.dismiss(path)

            self.app.push_screen(
                ConfirmScreen(
                    "上書きしますか？",
                    f"{display_path(path)} はすでにあります。上書きすると元の内容は失われます。",
                    yes="上書きする",
                    no="やめる",
                ),
                answered,
            )
            return
        self.dismiss(path)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
