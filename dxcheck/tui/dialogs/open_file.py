"""Open an answer file: type its path; it is read and checked, and any problem is listed
(`FILE:LINE: field: reason`). A file with errors is not opened; no file is ever changed."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList

from dxcheck.core.errors import InputError, Problem, Severity
from dxcheck.core.model import Questionnaire
from dxcheck.io.checks import check_assessment
from dxcheck.io.load import LoadedAssessment, read_assessment
from dxcheck.io.versions import upgrade_loaded
from dxcheck.tui.dialogs.problems import problem_option
from dxcheck.tui.labels import display_path
from dxcheck.tui.widgets.ja_text import JaStatic


def check_file(
    path: Path, questionnaire: Questionnaire
) -> tuple[LoadedAssessment | None, list[Problem]]:
    try:
        loaded = upgrade_loaded(read_assessment(path), questionnaire)
    except InputError as exc:
        return None, exc.problems
    return loaded, check_assessment(loaded, questionnaire, require_profile=False)


class OpenFileScreen(ModalScreen[LoadedAssessment | None]):
    """Returns the file as read when it has no errors (warnings are shown first), else None."""

    CSS_PATH = "open_file.tcss"
    AUTO_FOCUS = "#path"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "キャンセル")]

    def __init__(self, questionnaire: Questionnaire, path: Path | None = None) -> None:
        super().__init__()
        self.questionnaire = questionnaire
        self.initial = path
        self.checked: LoadedAssessment | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield JaStatic(Content.styled("回答ファイルを開く", "bold"), classes="dialog-title")
            yield JaStatic("ファイルの場所（例: ~/Documents/回答.toml）:")
            yield Input(
                str(self.initial) if self.initial else "",
                placeholder="~/回答.toml",
                id="path",
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

    def on_mount(self) -> None:
        self.query_one("#problems").display = False
        if self.initial is not None:
            self._check()

    @on(Input.Changed, "#path")
    def _path_changed(self) -> None:
        self.checked = None
        self.query_one("#open", Button).label = "開く"

    @on(Input.Submitted, "#path")
    @on(Button.Pressed, "#open")
    def _open(self) -> None:
        if self.checked is not None:
            self.dismiss(self.checked)  # warnings were shown; the user chose to open anyway
            return
        self._check()

    def _check(self) -> None:
        text = self.query_one("#path", Input).value.strip().strip('"')
        status = self.query_one("#status", JaStatic)
        listing = self.query_one("#problems", OptionList)
        if not text:
            status.update(Content.styled("ファイルの場所を入力してください", "$text-warning"))
            return
        path = Path(text).expanduser()
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

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
