"""One compared municipality in detail: its per-area scores against the chosen target and the
five cities' range (the results screen's table), its coverage, and — when earlier answer files
of the same municipality were read too — how its scores moved. Returns the chosen target.

Every number comes from the core: the scores from `dxcheck.core.compare` (scored by
`dxcheck.core.scoring`), the changes from `dxcheck.core.delta`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Select

from dxcheck.core.compare import Submission
from dxcheck.core.scoring import Target
from dxcheck.core.targets import target_from_text, target_to_text
from dxcheck.tui.labels import area_short, score_text
from dxcheck.tui.screens.results import target_choices
from dxcheck.tui.widgets.ja_text import JaStatic
from dxcheck.tui.widgets.score_summary import ScoreSummary, SummaryWords

if TYPE_CHECKING:
    from dxcheck.core.delta import ScoreChange
    from dxcheck.tui.app import DxcheckApp
    from dxcheck.tui.state import WizardData


def signed(value: float | None) -> str:
    return "—" if value is None else f"{value:+.1f}"


class MunicipalityDetailScreen(Screen[Target | None]):
    SUB_TITLE = "団体の詳細"
    CSS_PATH = "municipality_detail.tcss"
    AUTO_FOCUS = "#areas"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "target", "目標"),
        Binding("v", "toggle_view", "表示切替"),
        Binding("escape,left", "close", "一覧に戻る"),
    ]

    def __init__(self, assessments: Sequence[Submission], target: Target) -> None:
        """`assessments`: the municipality's answer files, oldest first, the compared last."""
        super().__init__()
        self.history = tuple(assessments)
        self.submission = self.history[-1]
        self.target = target
        self.cities_view = False

    @property
    def data(self) -> WizardData:
        app: DxcheckApp = self.app  # type: ignore[assignment]
        assert app.data is not None
        return app.data

    def compose(self) -> ComposeResult:
        if not self.data.cities:
            from dxcheck.core.scoring import TargetKind

            self.target = Target(TargetKind.CUSTOM)
        yield Header()
        yield JaStatic(self._who(), id="who")
        yield ScoreSummary(
            target_choices(self.data, custom=False) or [("目標なし", target_to_text(self.target))],
            target_to_text(self.target),
            SummaryWords(own_column="スコア", own_legend="回答"),
        )
        yield JaStatic("", id="trend")
        yield Footer(compact=True, show_command_palette=False)

    def _who(self) -> Content:
        a = self.submission.assessment
        m = a.municipality
        population = (
            f"人口 {m.population:,}人（{self.submission.band}）" if m.population else "人口不明"
        )
        meta = a.meta
        who = "・".join(x for x in (meta.department, meta.respondent) if x) or "回答者未記入"
        when = meta.assessed_on.isoformat() if meta.assessed_on else "回答日なし"
        return Content.assemble(
            (f"{m.prefecture} {m.name}", "bold $text-accent"),
            (f"（{m.code}）　", "$text-muted"),
            population,
            (f"　回答日 {when}　{who}", "$text-muted"),
        )

    def on_mount(self) -> None:
        self.redraw()

    def on_resize(self, event: Resize) -> None:
        self.redraw()

    def redraw(self) -> None:
        summary = self.query_one(ScoreSummary)
        summary.cities_view = self.cities_view
        listing = summary.query_one("#areas", OptionList)
        summary.show(
            self.data.questionnaire,
            self.submission.card,
            self.data.benchmarks,
            self.target,
            width=listing.scrollable_content_region.width or self.size.width - 4,
            cities_line=False,
        )
        self.query_one("#trend", JaStatic).update(self._trend())

    def _trend(self) -> Content:
        if len(self.history) < 2:
            return Content.styled("推移: 同じ団体の以前の回答ファイルはありません", "$text-muted")
        from dxcheck.core.delta import compare_cards

        points = [
            f"{s.assessed_on.isoformat() if s.assessed_on else '日付なし'} {score_text(s.card.overall)}"
            for s in self.history
        ]
        before, after = self.history[-2], self.history[-1]
        delta = compare_cards(
            self.data.questionnaire,
            before.assessment,
            after.assessment,
            before.card,
            after.card,
        )

        def listed(changes: Sequence[ScoreChange]) -> str:
            return (
                "、".join(f"{area_short(c.area)} {signed(c.difference)}" for c in changes if c.area)
                or "なし"
            )

        return Content.assemble(
            ("推移（総合）: ", "$text-muted"),
            (" → ".join(points), "bold"),
            "\n",
            ("前回から上がった分野: ", "$text-muted"),
            (listed(delta.areas_up), "$text-success"),
            ("　下がった分野: ", "$text-muted"),
            (listed(delta.areas_down), "$text-error"),
        )

    @on(Select.Changed, "#target")
    def _target_changed(self, event: Select.Changed) -> None:
        value = str(event.value)
        if value != target_to_text(self.target):
            self.target = target_from_text(value, self.data.cities)
            self.redraw()

    def action_target(self) -> None:
        self.query_one("#target", Select).focus()

    def action_toggle_view(self) -> None:
        self.cities_view = not self.cities_view
        self.redraw()

    def action_close(self) -> None:
        if isinstance(self.focused, Select):
            self.query_one("#areas", OptionList).focus()
            return
        self.dismiss(self.target)
