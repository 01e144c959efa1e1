"""Review: what is still open — questions not answered yet, and those answered わからない,
listed apart (they mean different things) and each one a jump away."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Footer, Header, OptionList
from textual.widgets.option_list import Option

from dxcheck.core import progress as prog
from dxcheck.core.model import Question
from dxcheck.io.sessions import Position
from dxcheck.tui.labels import area_short
from dxcheck.tui.screens.base import WizardScreen
from dxcheck.tui.widgets.ja_text import JaStatic
from dxcheck.tui.wrap import JaText


class ReviewScreen(WizardScreen):
    SUB_TITLE = "見直し"
    CSS_PATH = "review.tcss"
    AUTO_FOCUS = "#open-questions"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "results", "結果を見る"),
        Binding("escape,left", "back", "質問に戻る"),
        Binding("e", "profile", "プロフィール", show=False),
        Binding("ctrl+s", "app.save_as", "名前を付けて保存"),
        Binding("f", "app.workshop", "合意"),  # a workshop's merged answers only
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield JaStatic("", id="summary")
        yield OptionList(id="open-questions")
        yield JaStatic(
            Content.styled(
                "Enterでその質問へ移動します。「わからない」は採点から除かれ、回答率を下げます。",
                "$text-muted",
            ),
            id="hint",
        )
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        assert self.wizard.data is not None and self.wizard.session is not None
        q = self.wizard.data.questionnaire
        a = self.wizard.session.assessment
        p = prog.progress(q, a)
        r = prog.review(q, a)
        summary = Content.assemble(
            ("回答済み ", "$text-muted"),
            (str(p.answered), "bold"),
            ("　わからない ", "$text-muted"),
            (str(p.unknown), "bold"),
            ("　未回答 ", "$text-muted"),
            (str(p.unanswered), "bold $text-warning" if p.unanswered else "bold"),
            (f"　（全 {p.total} 問）", "$text-muted"),
        )
        if not r.unanswered and not r.unknown:
            summary += Content.styled("　すべての質問に回答しました。", "$text-success")
        self.query_one("#summary", JaStatic).update(summary)
        options: list[Option | None] = []
        if r.unanswered:
            options.append(
                Option(Content.styled(f"未回答（{len(r.unanswered)}問）", "bold"), disabled=True)
            )
            options += [self._option(question) for question in r.unanswered]
        if r.unknown:
            if options:
                options.append(None)
            options.append(
                Option(Content.styled(f"わからない（{len(r.unknown)}問）", "bold"), disabled=True)
            )
            options += [self._option(question) for question in r.unknown]
        if not options:
            options.append(
                Option(Content("見直す質問はありません。s で結果を見られます。"), disabled=True)
            )
        listing = self.query_one("#open-questions", OptionList)
        listing.set_options(options)
        listing.highlighted = next((i for i, o in enumerate(options) if o and not o.disabled), None)

    def _option(self, question: Question) -> Option:
        assert self.wizard.data is not None
        where = prog.locate(self.wizard.data.questionnaire, question.id)
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(width=5, no_wrap=True, justify="right")
        grid.add_column(width=16, no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(
            Text(f"{where.area_number}-{where.number_in_area}", style="dim"),
            Text(area_short(where.area), style="bold"),
            JaText(question.text),
        )
        return Option(grid, id=question.id)

    @on(OptionList.OptionSelected, "#open-questions")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.wizard.goto(Position("question", event.option.id))

    def action_results(self) -> None:
        self.wizard.goto(Position("results"))

    def action_back(self) -> None:
        self.wizard.goto(Position("question"))

    def action_profile(self) -> None:
        self.wizard.goto(Position("profile"))
