"""Open an answer file: pick it in the folder tree or type its path (Tab completes); it is
read and checked, and any problem is listed (`FILE:LINE: field: reason`). A file with errors
is not opened; no file is ever changed. With `root`, nothing outside it can be opened."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, OptionList

from dxcheck.core.errors import Problem, Severity
from dxcheck.core.model import Questionnaire
from dxcheck.io import workspace
from dxcheck.io.collect import check_file as checked_file
from dxcheck.io.folders import OutsideRoot
from dxcheck.io.load import LoadedAssessment
from dxcheck.tui.dialogs.new_folder import ask_new_folder
from dxcheck.tui.dialogs.problems import problem_option
from dxcheck.tui.labels import display_path
from dxcheck.tui.saving import default_folder
from dxcheck.tui.widgets.file_picker import FilePicker
from dxcheck.tui.widgets.ja_text import JaStatic


def check_file(
    path: Path, questionnaire: Questionnaire
) -> tuple[LoadedAssessment | None, list[Problem]]:
    """The commands' own check (dxcheck.io.collect.check_file), profile not required: the
    wizard lets the user complete it on screen."""
    checked = checked_file(path, questionnaire, require_profile=False)
    return checked.loaded, checked.problems


class OpenFileScreen(ModalScreen[LoadedAssessment | None]):
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
                suffixes=(".toml",),
                saving=False,
                root=self.root,
                name=self.initial.name if self.initial else "",
            )
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
        listing = self.query_one("#problems", OptionList)
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
        loaded, problems = check_file(path, self.questionnaire)
        errors = [p for p in problems if p.severity is Severity.ERROR]
        listing.set_options(problem_option(p) for p in problems)
        listing.display = bool(problems)
        if loaded is None or errors:
            status.update(
                Content.styled(
                    f"{display_path(path)} は開けません（誤り {len(errors)} 件）。"
                    "ファイルは変更していません。",
                    "bold $text-error",
                )
            )
            return
        if problems:
            self.checked = loaded
            self.query_one("#open", Button).label = "このまま開く"
            status.update(
                Content.styled(
                    f"警告が {len(problems)} 件あります。内容を確かめて「このまま開く」を押してください。",
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
