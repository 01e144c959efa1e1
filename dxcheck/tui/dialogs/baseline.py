"""Before the PDF is made: optionally a previous self-check of the same municipality (its
answer file) as the baseline, for the report's before/after page. The file is read and checked
like any answer file, in a worker with a loading indicator (dxcheck.tui.checking); one with
errors, or of another municipality, is refused saying why."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, LoadingIndicator, OptionList

from dxcheck.core.model import Assessment, Questionnaire
from dxcheck.tui.checking import FileChecked
from dxcheck.tui.dialogs.file_check import FileCheckDialog
from dxcheck.tui.dialogs.problems import problem_option
from dxcheck.tui.labels import display_path
from dxcheck.tui.widgets.ja_text import JaStatic


@dataclass(frozen=True)
class BaselineChoice:
    """The user's answer: a previous self-check to compare with, or none (`assessment` None)."""

    assessment: Assessment | None = None
    path: Path | None = None


class BaselineScreen(FileCheckDialog[BaselineChoice | None]):
    """Returns the choice (with or without a baseline), or None when the PDF is cancelled."""

    CSS_PATH = "baseline.tcss"
    AUTO_FOCUS = "#path"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "キャンセル")]

    def __init__(self, current: Assessment, questionnaire: Questionnaire) -> None:
        super().__init__()
        self.current = current
        self.questionnaire = questionnaire

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield JaStatic(
                Content.styled("前回の自己点検と比べますか？（任意）", "bold"),
                classes="dialog-title",
            )
            yield JaStatic(
                "前回の回答ファイルを指定すると、報告書に「前回からの変化」のページが加わります"
                "（上がった・下がった質問と分野）。比べない場合は空欄のまま Enter を押してください。"
            )
            yield Input(placeholder="例: ~/Documents/dxcheck-嬉野市-2025-11-01.toml", id="path")
            yield LoadingIndicator(id="checking")
            yield JaStatic("", id="status")
            yield OptionList(id="problems")
            with Horizontal(classes="dialog-buttons"):
                yield Button("PDFを作成", id="make", variant="primary", compact=True)
                yield Button("キャンセル", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#problems").display = False
        self.query_one("#checking").display = False

    @on(Input.Submitted, "#path")
    @on(Button.Pressed, "#make")
    def _make(self) -> None:
        text = self.query_one("#path", Input).value.strip().strip("\"'")
        if not text:
            self.dismiss(BaselineChoice())
            return
        self.start_check(Path(text).expanduser())

    def file_checked(self, event: FileChecked) -> None:
        listing = self.query_one("#problems", OptionList)
        listing.set_options(problem_option(p) for p in event.errors)
        listing.display = bool(event.errors)
        status = self.query_one("#status", JaStatic)
        loaded = event.usable
        if loaded is None:
            status.update(
                Content.styled(
                    f"{display_path(event.path)} は使えません（誤り {len(event.errors)} 件）。",
                    "bold $text-error",
                )
            )
            return
        from dxcheck.core.delta import municipality_mismatch

        mismatch = municipality_mismatch(loaded.assessment, self.current)
        if mismatch:
            status.update(Content.styled(mismatch.split("。")[0] + "。", "bold $text-error"))
            return
        self.dismiss(BaselineChoice(loaded.assessment, event.path))

    @on(Input.Changed, "#path")
    def _changed(self) -> None:
        self.checking = None  # a check still under way is for the path as it was
        self.query_one("#checking").display = False
        self.query_one("#status", JaStatic).update("")
        self.query_one("#problems").display = False

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
