"""Open an answer file or a filled Excel form: pick it in the folder tree or type its path
(Tab completes); it is read and checked in a worker (dxcheck.tui.checking) while a loading
indicator shows, and any problem is listed (`FILE:LINE: field: reason`, `FILE!SHEET!CELL` for a
form). A file with errors is not opened; no file is ever changed. With `root`, nothing outside
it can be opened."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Footer, Input, LoadingIndicator, OptionList

from dxcheck.core.model import Questionnaire
from dxcheck.io import workspace
from dxcheck.io.folders import OutsideRoot
from dxcheck.io.load import LoadedAssessment
from dxcheck.tui.checking import FileChecked
from dxcheck.tui.dialogs.file_check import FileCheckDialog
from dxcheck.tui.dialogs.new_folder import ask_new_folder
from dxcheck.tui.dialogs.problems import problem_option
from dxcheck.tui.labels import display_path
from dxcheck.tui.saving import default_folder
from dxcheck.tui.widgets.file_picker import FilePicker
from dxcheck.tui.widgets.ja_text import JaStatic

OPENABLE = (".toml", ".xlsx")  # an answer file, or the Excel form `dxcheck template` makes


class OpenFileScreen(FileCheckDialog[LoadedAssessment | None]):
    """Returns the file as read when it has no errors (warnings are shown first), else None."""

    CSS_PATH = "open_file.tcss"
    AUTO_FOCUS = "#picker-path"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "キャンセル"),
        Binding("ctrl+n", "new_folder", "新しいフォルダ"),
    ]

    def __init__(
        self, questionnaire: Questionnaire, path: Path | None = None, root: Path | None = None
    ) -> None:
        super().__init__()
        self.questionnaire = questionnaire
        self.initial = path
        # under `dxcheck serve` the workspace folder is the fence, whoever opens the dialog
        self.root = root if root is not None else workspace.root()
        self.checked: LoadedAssessment | None = None

    def compose(self) -> ComposeResult:
        start = self.initial.parent if self.initial else (self.root or default_folder())
        with Vertical(classes="dialog"):
            yield JaStatic(Content.styled("回答ファイルを開く", "bold"), classes="dialog-title")
            yield FilePicker(
                start,
                suffixes=OPENABLE,
                saving=False,
                root=self.root,
                name=self.initial.name if self.initial else "",
            )
            yield LoadingIndicator(id="checking")
            yield JaStatic("", id="status")
            yield OptionList(id="problems")
            with Horizontal(classes="dialog-buttons"):
                yield Button("開く", id="open", variant="primary", compact=True)
                yield Button("キャンセル", id="cancel", compact=True)
            yield JaStatic(
                Content.styled(
                    "開いた内容は新しい自己点検として自動保存されます。元のファイルは変更しません。",
                    "$text-muted",
                )
            )
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#problems").display = False
        self.query_one("#checking").display = False
        if self.initial is not None:
            self._check()

    @on(Input.Changed, "#picker-path")
    def _path_changed(self) -> None:
        self.checked = None
        self.query_one("#open", Button).label = "開く"

    @on(FilePicker.Chosen)
    @on(Button.Pressed, "#open")
    def _open(self) -> None:
        if self.checked is not None:
            self.dismiss(self.checked)  # warnings were shown; the user chose to open anyway
            return
        self._check()

    def _check(self) -> None:
        picker = self.query_one(FilePicker)
        status = self.query_one("#status", JaStatic)
        if not picker.text.strip():
            status.update(Content.styled("ファイルの場所を入力してください", "$text-warning"))
            return
        try:
            path = picker.resolve()
        except OutsideRoot as exc:
            status.update(Content.styled(str(exc), "bold $text-error"))
            return
        if path.is_dir():
            picker.go_to(path)  # a folder typed: show it, and let the user pick in it
            picker.folder_tree.focus()
            return
        self.start_check(path)

    def file_checked(self, event: FileChecked) -> None:
        status = self.query_one("#status", JaStatic)
        listing = self.query_one("#problems", OptionList)
        listing.set_options(problem_option(p) for p in event.problems)
        listing.display = bool(event.problems)
        loaded = event.usable
        if loaded is None:
            status.update(
                Content.styled(
                    f"{display_path(event.path)} は開けません（誤り {len(event.errors)} 件）。"
                    "ファイルは変更していません。",
                    "bold $text-error",
                )
            )
            return
        if event.problems:
            self.checked = loaded
            self.query_one("#open", Button).label = "このまま開く"
            status.update(
                Content.styled(
                    f"警告が {len(event.problems)} 件あります。内容を確かめて「このまま開く」を押してください。",
                    "$text-warning",
                )
            )
            return
        self.dismiss(loaded)

    def action_new_folder(self) -> None:
        ask_new_folder(self.query_one(FilePicker))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
