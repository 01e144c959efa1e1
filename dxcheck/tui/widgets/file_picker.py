"""The wizard's file picker: a folder tree and a path field with Tab completion, one widget
for Open, Save-as and the PDF's place.

Keyboard first: the path field has the focus; Tab completes the name typed so far (several
candidates are listed under it), and moves on to the tree only when there is nothing to
complete (the field sits above the tree, so Tab goes field → tree → buttons). In the tree ↑↓ move, Enter picks a file or opens a folder, Backspace goes up a
folder. The mouse works too (click a file, double-click a folder's arrow).

Paths are shown relative to the folder the tree shows (its base). With `root`, the picker
stays inside that folder (`dxcheck serve`'s workspace): the tree never goes above it and a
typed path that leaves it is refused (dxcheck.io.folders). Without one (the desktop), any
folder can be reached, `~` is the home folder.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import DirectoryTree, Input, Label

from dxcheck.io import folders
from dxcheck.tui.labels import display_path
from dxcheck.tui.widgets.ja_text import JaStatic


class PickerTree(DirectoryTree, inherit_bindings=False):
    """The folder tree: only folders and the files the picker can use, no hidden ones."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "選ぶ／開く", show=False),
        Binding("space", "toggle_node", "フォルダを開く／閉じる", show=False),
        Binding("up", "cursor_up", "上へ", show=False),
        Binding("down", "cursor_down", "下へ", show=False),
        Binding("shift+left", "cursor_parent", "親フォルダの行へ", show=False),
        Binding("backspace", "up_folder", "ひとつ上のフォルダ"),
    ]

    class UpRequested(Message):
        """Backspace in the tree: show the folder above (the picker decides whether it may)."""

    def __init__(self, path: Path, suffixes: tuple[str, ...], *, id: str | None = None) -> None:
        super().__init__(path, id=id)
        self.suffixes = suffixes

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        for path in paths:
            if path.name.startswith("."):
                continue
            try:
                if path.is_dir() or not self.suffixes or path.name.lower().endswith(self.suffixes):
                    yield path
            except OSError:
                continue

    def action_up_folder(self) -> None:
        self.post_message(self.UpRequested())


class PathField(Input):
    """The path field: Tab completes; with nothing to complete it moves the focus on."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "complete", "補完", show=False),
    ]

    class CompleteRequested(Message):
        pass

    def action_complete(self) -> None:
        self.post_message(self.CompleteRequested())


class FilePicker(Vertical):
    """Posts `FilePicker.Chosen` with the typed or picked path text when the user submits
    (Enter in the field, or a file picked in the tree when opening)."""

    DEFAULT_CSS = """
    FilePicker {
        height: 1fr;
        min-height: 8;
    }
    FilePicker #picker-where {
        height: auto;
    }
    FilePicker PickerTree {
        height: 1fr;
        min-height: 3;
        border: round $primary 50%;
    }
    FilePicker PickerTree:focus {
        border: round $accent;
    }
    FilePicker .picker-row {
        height: 1;
    }
    FilePicker .picker-row Label {
        width: auto;
        margin-right: 1;
    }
    FilePicker PathField {
        width: 1fr;
    }
    FilePicker #picker-hint {
        height: auto;
        max-height: 3;
        color: $text-muted;
        margin-bottom: 1;
    }
    """

    class Chosen(Message):
        def __init__(self, picker: FilePicker, text: str, from_tree: bool) -> None:
            super().__init__()
            self.picker = picker
            self.text = text
            self.from_tree = from_tree

    def __init__(
        self,
        start: Path,
        *,
        suffixes: tuple[str, ...],
        saving: bool,
        root: Path | None = None,
        name: str = "",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.root = root
        self.suffixes = suffixes
        self.saving = saving
        base = start if start.is_dir() else start.parent
        while not base.is_dir() and base != base.parent:  # a default folder not made yet
            base = base.parent
        if root is not None and not folders.inside(base, root):
            base = root
        self.base = base
        self.initial = name

    def compose(self) -> ComposeResult:
        # the field first: Tab goes field → tree → buttons, and the field is where typing goes
        with Horizontal(classes="picker-row"):
            yield Label("ファイル名" if self.saving else "ファイル")
            yield PathField(self.initial, id="picker-path", compact=True)
        yield JaStatic("", id="picker-hint")
        yield JaStatic("", id="picker-where")
        yield PickerTree(self.base, self.suffixes, id="picker-tree")

    def on_mount(self) -> None:
        self._show_where()

    # ------------------------------------------------------------ what the user typed

    @property
    def field(self) -> PathField:
        return self.query_one("#picker-path", PathField)

    @property
    def folder_tree(self) -> PickerTree:
        return self.query_one("#picker-tree", PickerTree)

    @property
    def text(self) -> str:
        return self.field.value

    def resolve(self) -> Path:
        """The path in the field (relative to the tree's folder). Raises folders.OutsideRoot."""
        return folders.resolve(self.text, self.base, self.root)

    def hint(self, message: str | Content, *, error: bool = False) -> None:
        content = Content(message) if isinstance(message, str) else message
        self.query_one("#picker-hint", JaStatic).update(
            content.stylize("$text-error") if error else content
        )

    def _set_text(self, text: str) -> None:
        self.field.value = text
        self.field.cursor_position = len(text)

    def shown_folder(self, folder: Path) -> str:
        """A folder as the picker names it: inside the root as 作業フォルダ/…, else with ~."""
        if self.root is not None:
            try:
                inner = folder.relative_to(self.root).as_posix()
            except ValueError:
                return str(folder)
            return "作業フォルダ" + ("" if inner == "." else f"/{inner}")
        return display_path(folder)

    def _show_where(self) -> None:
        up = "" if self.root is not None and self.base == self.root else "　Backspace: ひとつ上へ"
        where = self.shown_folder(self.base)
        self.query_one("#picker-where", JaStatic).update(
            Content.assemble(
                "場所: ", (where, "bold"), ("（ファイル名はここからの位置）" + up, "$text-muted")
            )
        )

    # ------------------------------------------------------------ moving between folders

    def go_to(self, folder: Path) -> None:
        """Show `folder` in the tree; the field keeps pointing at the same file."""
        if self.root is not None and not folders.inside(folder, self.root):
            self.hint(folders.outside_message(self.root), error=True)
            return
        try:
            target = self.resolve()
        except ValueError:
            target = None
        self.base = folder
        self.folder_tree.path = folder
        self._show_where()
        if target is not None and self.text:
            self._set_text(folders.shown(target, folder))

    @on(PickerTree.UpRequested)
    def _up(self) -> None:
        if self.root is not None and self.base == self.root:
            self.hint("ここより上のフォルダは使えません。", error=True)
            return
        if self.base.parent != self.base:
            self.go_to(self.base.parent)

    def reload(self) -> None:
        self.folder_tree.reload()

    def highlighted_folder(self) -> Path:
        """The folder under the tree's cursor (a file's folder), else the tree's own folder."""
        node = self.folder_tree.cursor_node
        if node is None or node.data is None or node is self.folder_tree.root:
            return self.base
        path = node.data.path
        return path if path.is_dir() else path.parent

    def folder_made(self, folder: Path) -> None:
        """A folder was just made: show it, and when saving, aim the file name into it."""
        self.folder_tree.reload()
        if self.saving:
            name = Path(self.text).name if self.text else self.initial
            self._set_text(folders.shown(folder / name, self.base))
        self.field.focus()

    # ------------------------------------------------------------ completion

    @on(PathField.CompleteRequested)
    def _complete(self) -> None:
        text = self.text
        if not text:
            self.screen.focus_next()
            return
        completed, names = folders.complete(text, self.base, self.suffixes, self.root)
        if completed != text:
            self._set_text(completed)
            self.hint("")
            return
        if len(names) > 1:
            self.hint("候補: " + "　".join(names[:12]) + ("　…" if len(names) > 12 else ""))
            return
        self.screen.focus_next()

    # ------------------------------------------------------------ choosing

    @on(Input.Submitted, "#picker-path")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Chosen(self, self.text, from_tree=False))

    @on(DirectoryTree.FileSelected)
    def _file_picked(self, event: DirectoryTree.FileSelected) -> None:
        event.stop()
        self._set_text(folders.shown(event.path, self.base))
        if self.saving:
            self.field.focus()  # an existing file: Enter in the field asks before overwriting
            self.hint("このファイルに上書きするには Enter を押します。")
        else:
            self.post_message(self.Chosen(self, self.text, from_tree=True))

    @on(DirectoryTree.DirectorySelected)
    def _folder_picked(self, event: DirectoryTree.DirectorySelected) -> None:
        event.stop()
        if not self.saving:
            return
        name = Path(self.text).name if self.text else self.initial
        self._set_text(folders.shown(event.path / name, self.base))
