"""The five cities on one question, in full: levels, rationale, and each piece of evidence."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer

from dxcheck.core.model import BenchmarkCity, Question
from dxcheck.tui.labels import NO_CITIES
from dxcheck.tui.widgets.benchmark_panel import city_detail
from dxcheck.tui.widgets.ja_text import JaStatic


class CityDetailScreen(ModalScreen[None]):
    CSS_PATH = "city_detail.tcss"
    AUTO_FOCUS = "#details"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,b,q", "close", "閉じる"),
    ]

    def __init__(self, question: Question, cities: Sequence[BenchmarkCity]) -> None:
        super().__init__()
        self.question = question
        self.cities = tuple(cities)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield JaStatic(
                Content.assemble("先行5市の状況: ", (self.question.text, "bold")),
                classes="dialog-title",
            )
            with VerticalScroll(id="details"):
                if not self.cities:
                    yield JaStatic(NO_CITIES)
                for city in self.cities:
                    yield JaStatic(city_detail(self.question, city), classes="city")
        yield Footer(compact=True, show_command_palette=False)

    def action_close(self) -> None:
        self.dismiss(None)
