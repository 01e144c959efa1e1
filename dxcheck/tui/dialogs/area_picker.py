"""The area list as a dialog (on narrow terminals, where the question screen has no sidebar)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList

from dxcheck.core.progress import Progress
from dxcheck.tui.widgets.area_list import AreaList
from dxcheck.tui.widgets.ja_text import JaStatic


class AreaPickerScreen(ModalScreen[str | None]):
    """Returns the chosen area's id, or None."""

    CSS_PATH = "area_picker.tcss"
    AUTO_FOCUS = "#areas"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "閉じる")]

    def __init__(self, progress: Progress, current_area: str | None) -> None:
        super().__init__()
        self.progress = progress
        self.current_area = current_area

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield JaStatic("分野を選んでください（Enter で移動）", classes="dialog-title")
            yield AreaList(id="areas")
            yield JaStatic(
                f"全体 {self.progress.done}/{self.progress.total} 回答済み"
                f"（わからない {self.progress.unknown}）",
                classes="muted",
            )
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(AreaList).show(self.progress, self.current_area, name_cells=18)

    @on(OptionList.OptionSelected, "#areas")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
