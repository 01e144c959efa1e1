"""Which answer files to compare: files or folders (every *.toml inside), one at a time."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button

from dxcheck.tui.widgets.ja_text import JaStatic
from dxcheck.tui.widgets.path_list import PathList


class ComparePathsScreen(ModalScreen[list[Path] | None]):
    """Returns the files and folders to compare, or None."""

    CSS_PATH = "compare_paths.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "キャンセル")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield JaStatic(
                Content.styled("複数の団体の回答を比べる", "bold"), classes="dialog-title"
            )
            yield JaStatic(
                "回答ファイルか、回答ファイルを集めたフォルダの場所を入力して Enter を押すと、"
                "下の一覧に加わります（いくつでも）。空欄のまま Enter で比べ始めます。"
            )
            yield PathList("例: ~/Documents/回答の提出", folders=True, id="paths")
            with Horizontal(classes="dialog-buttons"):
                yield Button("比べる", id="compare", variant="primary", compact=True)
                yield Button("キャンセル", id="cancel", compact=True)
            yield JaStatic(
                Content.styled(
                    "フォルダの中の .toml をすべて読みます。読めないファイルは理由とともに"
                    "一覧にします。ファイルは変更しません。",
                    "$text-muted",
                )
            )

    def on_mount(self) -> None:
        self.query_one(PathList).focus_input()

    @on(PathList.Submitted)
    def _submitted(self, event: PathList.Submitted) -> None:
        self.dismiss(event.paths)

    @on(Button.Pressed, "#compare")
    def _compare(self) -> None:
        paths = self.query_one(PathList)
        if not paths.flush():
            return
        if paths.paths:
            self.dismiss(list(paths.paths))
        else:
            paths.focus_input()
            self.notify("ファイルまたはフォルダを1つ以上入力してください。", severity="warning")

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
