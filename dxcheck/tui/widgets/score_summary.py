"""The score summary shared by the results screen and a compared municipality's detail: the
target selector, the overall score with coverage, the per-area table against the target and
the five cities, and its legend. One widget, so both screens show thin benchmark values (＊),
the cities' coverage and as-of dates, and 参考値 the same way — as the PDF does.

Only presentation: every number comes from `dxcheck.core.scoring`.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Label, OptionList, Select
from textual.widgets.option_list import Option

from dxcheck.core.model import Questionnaire
from dxcheck.core.scoring import (
    LOW_CONFIDENCE_BELOW,
    AreaGap,
    Benchmarks,
    ScoreCard,
    Target,
    area_gaps,
    area_targets,
)
from dxcheck.tui.labels import percent, score_text
from dxcheck.tui.widgets import score_table
from dxcheck.tui.widgets.ja_select import JaSelect
from dxcheck.tui.widgets.ja_text import JaStatic


@dataclass(frozen=True)
class SummaryWords:
    """What the summary calls the scored municipality: 「自団体」 on the results screen,
    「回答」/「スコア」 for a municipality a prefecture compares."""

    own_column: str = "自団体"
    own_legend: str = "自団体"


class ScoreSummary(Vertical):
    DEFAULT_CSS = """
    ScoreSummary { height: 1fr; }
    ScoreSummary #target-row { height: 1; margin-top: 1; }
    ScoreSummary #target-label { width: auto; margin-right: 1; color: $text-muted; }
    ScoreSummary #target { width: 40; }
    ScoreSummary #overall { height: auto; }
    ScoreSummary #table-header { height: 1; margin-top: 1; text-wrap: nowrap; }
    ScoreSummary #areas { height: 1fr; min-height: 4; }
    ScoreSummary #legend { height: auto; color: $text-muted; }
    """

    def __init__(
        self,
        choices: list[tuple[str, str]],
        value: str,
        words: SummaryWords | None = None,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.choices = choices
        self.value = value
        self.words = words or SummaryWords()
        self.cities_view = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="target-row"):
            yield Label("比べる目標", id="target-label")
            yield JaSelect(
                self.choices, value=self.value, allow_blank=False, id="target", compact=True
            )
        yield JaStatic("", id="overall")
        yield JaStatic("", id="table-header")
        yield OptionList(id="areas", compact=True)
        yield JaStatic("", id="legend")

    def show(
        self,
        questionnaire: Questionnaire,
        card: ScoreCard,
        benchmarks: Benchmarks,
        target: Target,
        *,
        width: int,
        cities_line: bool = True,
    ) -> list[AreaGap]:
        """Draw everything for `card` against `target`; returns the gaps (for the screens'
        own lines: the biggest gaps, a trend)."""
        gaps = area_gaps(card, area_targets(questionnaire, benchmarks, target), questionnaire)
        overall = Content.assemble(
            ("総合スコア ", "$text-muted"),
            (score_text(card.overall), "bold $text-accent"),
            (" / 5", "$text-muted"),
            (
                "（参考値）"
                if card.coverage < LOW_CONFIDENCE_BELOW and card.overall is not None
                else "",
                "$text-warning",
            ),
            ("　回答率 ", "$text-muted"),
            (percent(card.answered, card.total), "bold"),
            (
                f"（{card.answered}/{card.total}、わからない {card.unknown}、"
                f"未回答 {card.unanswered}）",
                "$text-muted",
            ),
        )
        if cities_line and benchmarks.cities:
            overall += Content("\n") + score_table.cities_overall(benchmarks)
        self.query_one("#overall", JaStatic).update(overall)

        listing = self.query_one("#areas", OptionList)
        layout = score_table.layout_for(width, self.cities_view, len(benchmarks.cities))
        self.query_one("#table-header", JaStatic).update(
            score_table.header(layout, benchmarks.cities, own=self.words.own_column)
        )
        highlighted = listing.highlighted
        listing.set_options(
            Option(score_table.row(g, layout, benchmarks, target), id=g.area.area.id) for g in gaps
        )
        listing.highlighted = highlighted if highlighted is not None else 0
        self.query_one("#legend", JaStatic).update(
            score_table.legend(layout, benchmarks, target, self.words.own_legend)
        )
        return gaps

    def set_target(self, value: str) -> None:
        select = self.query_one("#target", Select)
        with select.prevent(Select.Changed):
            select.value = value
