"""A list of problems with a file (`FILE:LINE: field: reason`), shown; nothing is changed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList
from textual.widgets.option_list import Option

from dxcheck.core.errors import Problem, Severity
from dxcheck.tui.labels import display_path
from dxcheck.tui.widgets.ja_text import JaStatic
from dxcheck.tui.wrap import JaText


def problem_option(problem: Problem) -> Option:
    """「誤り broken.toml:5: answers."…".level: 5 以下にしてください」, wrapped for Japanese."""
    error = problem.severity is Severity.ERROR
    mark = Text("誤り " if error else "警告 ", style="bold red" if error else "bold yellow")
    shown = replace(problem, file=display_path(Path(problem.file)))
    return Option(JaText(Text.assemble(mark, shown.format())))


class ProblemsScreen(ModalScreen[None]):
    CSS_PATH = "problems.tcss"
    AUTO_FOCUS = "#problems"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,enter", "close", "閉じる")]

    def __init__(self, title: str, problems: Sequence[Problem]) -> None:
        super().__init__()
        self.title_text = title
        self.problems = tuple(problems)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield JaStatic(Content.styled(self.title_text, "bold"), classes="dialog-title")
            yield OptionList(*(problem_option(p) for p in self.problems), id="problems")
            yield JaStatic(
                Content.styled("ファイルは変更していません。", "$text-muted"), id="untouched"
            )
        yield Footer(compact=True, show_command_palette=False)

    def action_close(self) -> None:
        self.dismiss(None)
