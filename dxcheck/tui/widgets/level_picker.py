"""The six levels of a question and 「わからない」, picked like a radio group.

The highlighted option is the answer: arrows, a click or a number key move it, and every move
is posted as `LevelPicker.Picked`. Setting the answer from code (`show`) posts nothing, so a
question being displayed is never mistaken for a question being answered. Enter is left to the
screen (it goes on to the next question).
"""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from dxcheck.core.model import LEVEL_NAMES, Question
from dxcheck.tui.wrap import JaText

UNKNOWN_INDEX = len(LEVEL_NAMES)  # the option after the six levels


def option_prompt(key: str, name: str, description: str) -> Table:
    """「3 全庁的に実施：…」 with the key in a column of its own, so that a long description
    wraps under the text (a hanging indent) rather than under the key."""
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(width=1, no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(Text(key, style="bold"), JaText(Text.assemble((name, "bold"), "：", description)))
    return grid


class LevelPicker(OptionList, inherit_bindings=False):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", "上へ", show=False),
        Binding("down", "cursor_down", "下へ", show=False),
        Binding("home", "first", "最初", show=False),
        Binding("end", "last", "最後", show=False),
    ]

    class Picked(Message):
        """The user chose a level (0–5) or わからない (`level` None)."""

        def __init__(self, picker: LevelPicker, level: int | None) -> None:
            super().__init__()
            self.picker = picker
            self.level = level

    def show(self, question: Question, choice: int | None) -> None:
        """Display a question's levels with `choice` (a level, UNKNOWN_INDEX or None) marked."""
        options = [
            Option(option_prompt(str(level), LEVEL_NAMES[level], description), id=str(level))
            for level, description in enumerate(question.levels)
        ]
        options.append(
            Option(option_prompt("w", "わからない", "把握していない・答えられない"), id="unknown")
        )
        with self.prevent(OptionList.OptionHighlighted):
            self.set_options(options)
            self.highlighted = choice
        if choice is None:
            self.scroll_home(animate=False)

    def mark(self, choice: int | None) -> None:
        with self.prevent(OptionList.OptionHighlighted):
            self.highlighted = choice

    def _picked(self) -> None:
        index = self.highlighted
        if index is None:
            return
        self.post_message(self.Picked(self, None if index == UNKNOWN_INDEX else index))

    def action_cursor_up(self) -> None:
        super().action_cursor_up()
        self._picked()

    def action_cursor_down(self) -> None:
        super().action_cursor_down()
        self._picked()

    def action_first(self) -> None:
        super().action_first()
        self._picked()

    def action_last(self) -> None:
        super().action_last()
        self._picked()

    async def _on_click(self, event: events.Click) -> None:
        event.prevent_default()  # the base class would also "select" (go on): picking only
        clicked = event.style.meta.get("option")
        if isinstance(clicked, int):
            self.highlighted = clicked
            self._picked()
