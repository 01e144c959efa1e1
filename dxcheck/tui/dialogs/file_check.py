"""The part the Open and baseline dialogs share: one answer file checked in a worker
(dxcheck.tui.checking) while the dialog's `#checking` indicator shows, `#status` saying so and
`#problems` hidden; only the latest request's result is taken, and a failed check is told in
`#status` like any other refusal."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from textual import on
from textual.content import Content
from textual.screen import ModalScreen

from dxcheck.core.model import Questionnaire
from dxcheck.tui.background import Failed
from dxcheck.tui.checking import FileChecked, check_in_thread
from dxcheck.tui.labels import display_path
from dxcheck.tui.widgets.ja_text import JaStatic

ResultT = TypeVar("ResultT")


class FileCheckDialog(ModalScreen[ResultT]):
    """Subclasses compose `#checking`, `#status` and `#problems`, set `questionnaire`, call
    `start_check(path)` and say what a checked file means in `file_checked`."""

    questionnaire: Questionnaire
    checking: Path | None = None  # the file being read and checked now

    def start_check(self, path: Path) -> None:
        self.checking = path
        self.query_one("#checking").display = True
        self.query_one("#problems").display = False
        self.query_one("#status", JaStatic).update(
            Content.styled(f"{display_path(path)} を確かめています…", "$text-muted")
        )
        check_in_thread(self, path, self.questionnaire)

    def file_checked(self, event: FileChecked) -> None:
        raise NotImplementedError

    @on(FileChecked)
    def _checked(self, event: FileChecked) -> None:
        if event.path != self.checking:
            return  # an earlier request, overtaken by a newer one
        self._done_checking()
        self.file_checked(event)

    @on(Failed)
    def _check_failed(self, event: Failed) -> None:
        self._done_checking()
        self.query_one("#status", JaStatic).update(
            Content.assemble((f"{event.what}。\n", "bold $text-error"), event.reason)
        )

    def _done_checking(self) -> None:
        self.checking = None
        self.query_one("#checking").display = False
