"""Make a new folder from the file picker (Ctrl+N or the button): its name is asked here, and
it is made inside the folder highlighted in the tree, or the folder the tree shows."""

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

from dxcheck.io import folders
from dxcheck.tui.labels import display_path
from dxcheck.tui.widgets.file_picker import FilePicker
from dxcheck.tui.widgets.ja_text import JaStatic


class NewFolderScreen(ModalScreen[Path | None]):
    """Returns the folder made, or None. A name that can't be used says why and stays open."""

    CSS_PATH = "new_folder.tcss"
    AUTO_FOCUS = "#folder-name"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "キャンセル")]

    def __init__(self, parent: Path, shown_parent: str, root: Path | None) -> None:
        super().__init__()
        self.parent_folder = parent
        self.shown_parent = shown_parent
        self.root = root

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield JaStatic(Content.styled("新しいフォルダ", "bold"), classes="dialog-title")
            yield JaStatic(Content.assemble("作る場所: ", (self.shown_parent, "bold")))
            yield Input(placeholder="フォルダの名前（例: 2026年度）", id="folder-name")
            yield JaStatic("", id="folder-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("作る", id="make", variant="primary", compact=True)
                yield Button("キャンセル", id="cancel", compact=True)

    @on(Input.Submitted, "#folder-name")
    @on(Button.Pressed, "#make")
    def _make(self) -> None:
        name = self.query_one("#folder-name", Input).value
        try:
            made = folders.make_folder(self.parent_folder, name, self.root)
        except ValueError as exc:
            self.query_one("#folder-error", JaStatic).update(
                Content.styled(str(exc), "$text-error")
            )
            return
        self.dismiss(made)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def ask_new_folder(picker: FilePicker) -> None:
    """Ask for a name and make the folder; the picker then shows it (and, when saving, puts
    the file name into it)."""
    parent = picker.highlighted_folder()

    def made(folder: Path | None) -> None:
        if folder is None:
            return
        picker.folder_made(folder)
        picker.app.notify(f"フォルダ {display_path(folder)} を作りました。", title="新しいフォルダ")

    shown = display_path(parent) if picker.root is None else picker.shown_folder(parent)
    picker.app.push_screen(NewFolderScreen(parent, shown, picker.root), made)
