"""The six levels of a question and 「わからない」, picked like a radio group.

Browsing never answers: ↑/↓/Home/End only move the highlight. A level is recorded only on an
explicit choice — Space or Enter on the highlighted option, a number key (the screen's
binding), or a click — and is then posted as `LevelPicker.Picked`. The chosen option carries
a filled radio mark (●), so the answer and the highlight can never be confused. Setting the
answer from code (`show`, `mark`) posts nothing, so a question being displayed is never
mistaken for a question being answered.
"""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region
from textual.message import Message
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from dxcheck.core.model import LEVEL_NAMES, Question
from dxcheck.tui.wrap import JaText

UNKNOWN_INDEX = len(LEVEL_NAMES)  # the option after the six levels
CHOSEN, NOT_CHOSEN = "●", "○"


def option_prompt(key: str, name: str, description: str, chosen: bool = False) -> Table:
    """「○ 3 全庁的に実施：…」 with the mark and key in columns of their own, so that a long
    description wraps under the text (a hanging indent) rather than under the key."""
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(width=1, no_wrap=True)
    grid.add_column(width=1, no_wrap=True)
    grid.add_column(ratio=1)
    mark = Text(CHOSEN, style="bold") if chosen else Text(NOT_CHOSEN, style="dim")
    grid.add_row(
        mark, Text(key, style="bold"), JaText(Text.assemble((name, "bold"), "：", description))
    )
    return grid


class LevelPicker(OptionList, inherit_bindings=False):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", "上へ", show=False),
        Binding("down", "cursor_down", "下へ", show=False),
        Binding("home", "first", "最初", show=False),
        Binding("end", "last", "最後", show=False),
        Binding("space", "choose", "選ぶ", show=False),
    ]

    class Picked(Message):
        """The user chose a level (0–5) or わからない (`level` None)."""

        def __init__(self, picker: LevelPicker, level: int | None) -> None:
            super().__init__()
            self.picker = picker
            self.level = level

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._question: Question | None = None
        self.chosen: int | None = None

    def _prompts(self, question: Question, choice: int | None) -> list[Table]:
        prompts = [
            option_prompt(str(level), LEVEL_NAMES[level], description, choice == level)
            for level, description in enumerate(question.levels)
        ]
        prompts.append(
            option_prompt(
                "w", "わからない", "把握していない・答えられない", choice == UNKNOWN_INDEX
            )
        )
        return prompts

    def show(self, question: Question, choice: int | None) -> None:
        """Display a question's levels with `choice` (a level, UNKNOWN_INDEX or None) marked."""
        self._question = question
        self.chosen = choice
        ids = [str(level) for level in range(len(question.levels))] + ["unknown"]
        options = [
            Option(prompt, id=option_id)
            for prompt, option_id in zip(self._prompts(question, choice), ids, strict=True)
        ]
        with self.prevent(OptionList.OptionHighlighted):
            self.set_options(options)
            self.highlighted = choice
        if choice is None:
            self.scroll_home(animate=False)

    def mark(self, choice: int | None) -> None:
        """Show `choice` as the recorded answer (and highlight it, scrolled into view)."""
        question = self._question
        if question is None:
            return
        previous, self.chosen = self.chosen, choice
        prompts = self._prompts(question, choice)
        for index in {previous, choice} - {None}:
            assert index is not None
            self.replace_option_prompt_at_index(index, prompts[index])
        with self.prevent(OptionList.OptionHighlighted):
            self.highlighted = choice
        self.call_after_refresh(self.reveal)

    def reveal(self) -> None:
        """Scroll the highlighted option into view — inside this list and, where the list is
        as tall as its options (the question's scrolling column), in the column around it."""
        index = self.highlighted
        if index is None or not self.is_mounted:
            return
        self.scroll_to_highlight()
        self._update_lines()
        line = self._index_to_line.get(index)
        parent = self.parent
        if line is None or parent is None or not isinstance(parent, Widget):
            return
        top = self.virtual_region.y + line - int(self.scroll_y)
        region = Region(0, top, 1, self._heights[index])
        parent.scroll_to_region(region, animate=False, immediate=True)

    def action_choose(self) -> None:
        """Space: record the highlighted option as the answer."""
        index = self.highlighted
        if index is None:
            return
        self.post_message(self.Picked(self, None if index == UNKNOWN_INDEX else index))

    def action_cursor_down(self) -> None:
        if self.highlighted is None:
            self.highlighted = 0  # the first ↓ on an unanswered question shows level 0
        else:
            super().action_cursor_down()
        self.call_after_refresh(self.reveal)

    def action_cursor_up(self) -> None:
        super().action_cursor_up()
        self.call_after_refresh(self.reveal)

    def action_first(self) -> None:
        super().action_first()
        self.call_after_refresh(self.reveal)

    def action_last(self) -> None:
        super().action_last()
        self.call_after_refresh(self.reveal)

    async def _on_click(self, event: events.Click) -> None:
        event.prevent_default()  # the base class would also "select" (go on): picking only
        clicked = event.style.meta.get("option")
        if isinstance(clicked, int):
            self.highlighted = clicked
            self.action_choose()
