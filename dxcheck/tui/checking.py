"""Reading and checking an answer file (or a filled Excel form) off the UI thread: the Open
dialog, the PDF's baseline dialog and resuming a saved self-check all check this way, with the
one check every command uses (`dxcheck.io.collect.check_file`; the profile is not required, as
the user can complete it on screen). Reading a form can take a second: the UI stays live and
the asking screen shows a loading indicator until `FileChecked` arrives."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message
from textual.message_pump import MessagePump
from textual.worker import Worker

from dxcheck.tui.background import run_in_thread
from dxcheck.tui.labels import display_path

if TYPE_CHECKING:
    from dxcheck.core.errors import Problem
    from dxcheck.core.model import Questionnaire
    from dxcheck.io.collect import Checked
    from dxcheck.io.load import LoadedAssessment

CHECK_GROUP = "check"


class FileChecked(Message, bubble=False):
    """The file was read and checked: usable (`loaded`) or not, with every problem found."""

    def __init__(self, path: Path, checked: Checked) -> None:
        super().__init__()
        self.path = path
        self.checked = checked

    @property
    def problems(self) -> list[Problem]:
        return self.checked.problems

    @property
    def errors(self) -> list[Problem]:
        from dxcheck.core.errors import Severity

        return [p for p in self.checked.problems if p.severity is Severity.ERROR]

    @property
    def usable(self) -> LoadedAssessment | None:
        """The file as read, when it has no errors (it may have warnings)."""
        return self.checked.loaded if self.checked.ok else None


def check_in_thread(node: MessagePump, path: Path, questionnaire: Questionnaire) -> Worker[None]:
    """Check `path` in a worker; `node` receives FileChecked (a newer check replaces this one)."""

    def job() -> FileChecked:
        from dxcheck.io.collect import check_file

        return FileChecked(path, check_file(path, questionnaire, require_profile=False))

    return run_in_thread(
        node,
        job,
        failed=f"{display_path(path)} を確かめられませんでした",
        group=CHECK_GROUP,
        exclusive=True,
    )
