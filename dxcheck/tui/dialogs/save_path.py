"""Ask where to save a file (answer file, PDF, export): a folder tree and a path field with Tab
completion (dxcheck.tui.widgets.file_picker). A missing folder is offered to be made; an
existing file is overwritten only after a yes. With `root`, nothing outside it can be chosen."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer

from dxcheck.io import workspace
from dxcheck.tui import validators
from dxcheck.tui.dialogs.confirm import ConfirmScreen
from dxcheck.tui.dialogs.new_folder import ask_new_folder
from dxcheck.tui.labels import display_path
from dxcheck.tui.widgets.file_picker import FilePicker
from dxcheck.tui.widgets.ja_text import JaStatic


def home_hint() -> str:
    # in a workspace `~` is not the home folder: it is refused like any path outside
    return "" if workspace.root() is not None else "~ はホームフォルダです。"


class SavePathScreen(ModalScreen[Path | None]):
    """Returns the path to write (its folder exists; overwriting was confirmed), or None."""

    CSS_PATH = "save_path.tcss"
    AUTO_FOCUS = "#picker-path"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "キャンセル"),
        Binding("ctrl+n", "new_folder", "新しいフォルダ"),
    ]

    def __init__(self, title: str, default: Path, suffix: str, root: Path | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.default = default
        self.suffix = suffix
        # under `dxcheck serve` the workspace folder is the fence, whoever opens the dialog
        self.root = root if root is not None else workspace.root()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield JaStatic(Content.styled(self.title_text, "bold"), classes="dialog-title")
            yield FilePicker(
                self.default.parent,
                suffixes=(self.suffix,),
                saving=True,
                root=self.root,
                name=self.default.name,
            )
            yield JaStatic(
                Content.styled(
                    "Tab で名前を補完。"
                    + ("" if self.root else "~ はホームフォルダ。")
                    + f"拡張子 {self.suffix} は省略できます。",
                    "$text-muted",
                )
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("保存", id="save", variant="primary", compact=True)
                yield Button("新しいフォルダ…", id="new-folder", compact=True)
                yield Button("キャンセル", id="cancel", compact=True)
        yield Footer(compact=True)

    @property
    def picker(self) -> FilePicker:
        return self.query_one(FilePicker)

    @on(FilePicker.Chosen)
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        try:
            path = validators.parse_save_path(
                self.picker.text, self.suffix, self.picker.base, self.root
            )
        except ValueError as exc:
            self.picker.hint(str(exc), error=True)
            return
        if not path.parent.is_dir():
            self._offer_folder(path)
            return
        self._check_overwrite(path)

    def _offer_folder(self, path: Path) -> None:
        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                # inside the root: parse_save_path refused any path that leaves it
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                self.picker.hint(f"フォルダを作れませんでした: {exc.strerror or exc}", error=True)
                return
            self.picker.reload()
            self.dismiss(path)

        self.app.push_screen(
            ConfirmScreen(
                "フォルダを作りますか？",
                f"保存先のフォルダ {display_path(path.parent)} はまだありません。"
                "作ってから保存しますか？",
                yes="作って保存する",
                no="やめる",
            ),
            answered,
        )

    def _check_overwrite(self, path: Path) -> None:
        if not path.exists():
            self.dismiss(path)
            return

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

    @on(Button.Pressed, "#new-folder")
    def action_new_folder(self) -> None:
        ask_new_folder(self.picker)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
