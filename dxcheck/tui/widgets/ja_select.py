"""A drop-down whose menu speaks Japanese: Textual's Select names its menu's keys in English
(the footer reads `esc Dismiss menu` while it is open). Same widget, Japanese key names."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Select

# Select's own parts: the line showing the value and the menu (not re-exported by Textual)
from textual.widgets._select import SelectCurrent, SelectOverlay

T = TypeVar("T")


class JaSelectOverlay(SelectOverlay, inherit_bindings=False):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "閉じる"),
        Binding("down", "cursor_down", "下へ", show=False),
        Binding("up", "cursor_up", "上へ", show=False),
        Binding("home", "first", "先頭へ", show=False),
        Binding("end", "last", "末尾へ", show=False),
        Binding("pagedown", "page_down", "次のページ", show=False),
        Binding("pageup", "page_up", "前のページ", show=False),
        Binding("enter", "select", "決定", show=False),
    ]


class JaSelect(Select[T]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,down,space,up", "show_overlay", "一覧を開く", show=False),
    ]

    def compose(self) -> ComposeResult:
        # as Select.compose, with the Japanese menu
        yield SelectCurrent(self.prompt)
        yield JaSelectOverlay(type_to_search=self._type_to_search).data_bind(compact=Select.compact)
