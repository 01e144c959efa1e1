"""Several files or folders, typed one at a time: Enter adds the path to the list below, Enter
on the empty field submits the list (`PathList.Submitted`), Delete takes the highlighted path
off the list. A path that does not exist is refused at once, saying so."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from dxcheck.io.workspace import OutsideWorkspace, user_path
from dxcheck.io.workspace import root as workspace_root
from dxcheck.tui.labels import display_path, where_prompt
from dxcheck.tui.widgets.ja_text import JaStatic


class PathItems(OptionList):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("delete,backspace", "remove", "一覧から外す"),
    ]

    class Removed(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def action_remove(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Removed(self.highlighted))


class PathList(Vertical):
    DEFAULT_CSS = """
    PathList {
        height: auto;
    }
    PathList #path-items {
        height: auto;
        max-height: 6;
        display: none;
    }
    PathList #path-error {
        color: $text-error;
        display: none;
    }
    """

    class Submitted(Message):
        """Enter on the empty field with at least one path in the list."""

        def __init__(self, path_list: PathList, paths: list[Path]) -> None:
            super().__init__()
            self.path_list = path_list
            self.paths = paths

    def __init__(self, placeholder: str, *, folders: bool, id: str | None = None) -> None:
        super().__init__(id=id)
        self.placeholder = placeholder
        self.folders = folders
        self.paths: list[Path] = []

    def compose(self) -> ComposeResult:
        fence = workspace_root()
        if fence is not None:  # `--root` / `dxcheck serve`: say where paths are taken from
            yield JaStatic(where_prompt("").rstrip(), id="path-workspace")
        yield Input(
            placeholder=self.placeholder if fence is None else "例: 提出された回答",
            id="path-input",
        )
        yield JaStatic("", id="path-error")
        yield PathItems(id="path-items")

    def focus_input(self) -> None:
        self.query_one("#path-input", Input).focus()

    def add(self, text: str) -> bool:
        """Add a typed path; False (and the reason shown) when it cannot be used."""
        try:
            path = user_path(text)  # confined to the workspace when there is one
        except OutsideWorkspace as exc:
            self._show_error(str(exc))
            return False
        reason = ""
        if not path.exists():
            reason = f"{display_path(path)} が見つかりません"
        elif path.is_dir() and not self.folders:
            reason = f"{display_path(path)} はフォルダです。回答ファイルを1つずつ指定してください"
        self._show_error(reason)
        if reason:
            return False
        if path.resolve() not in {p.resolve() for p in self.paths}:
            self.paths.append(path)
            self._refresh()
        return True

    def flush(self) -> bool:
        """Add what is typed in the field, if anything (for a button that submits the list).
        False when the typed path was refused."""
        field = self.query_one("#path-input", Input)
        if not field.value.strip():
            return True
        if self.add(field.value):
            field.value = ""
            return True
        return False

    def _show_error(self, reason: str) -> None:
        error = self.query_one("#path-error", JaStatic)
        error.update(Content(reason))
        error.display = bool(reason)

    def _refresh(self) -> None:
        items = self.query_one(PathItems)
        items.set_options(
            Option(
                Content.assemble(
                    (f"{n}. ", "$text-muted"),
                    display_path(p),
                    ("（フォルダ）" if p.is_dir() else "", "$text-muted"),
                )
            )
            for n, p in enumerate(self.paths, start=1)
        )
        items.display = bool(self.paths)

    @on(Input.Submitted, "#path-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        field = event.input
        if field.value.strip():
            if self.add(field.value):
                field.value = ""
            return
        if self.paths:
            self.post_message(self.Submitted(self, list(self.paths)))
        else:
            self._show_error("ファイルまたはフォルダの場所を入力してください")

    @on(PathItems.Removed)
    def _removed(self, event: PathItems.Removed) -> None:
        if 0 <= event.index < len(self.paths):
            del self.paths[event.index]
            self._refresh()
            if not self.paths:
                self.focus_input()
