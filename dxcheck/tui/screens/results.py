"""Results: per-area scores against the five cities and the chosen target, the overall score,
coverage and the biggest gaps; the PDF report is made from here.

Every number comes from `dxcheck.core.scoring`; this screen only chooses the target and draws.
"""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.events import Resize
from textual.widgets import Footer, Header, OptionList, Select

from dxcheck.core.scoring import (
    Target,
    TargetKind,
    area_targets,
    biggest_gaps,
    score_assessment,
)
from dxcheck.core.targets import target_from_text, target_to_text
from dxcheck.io.sessions import Position
from dxcheck.tui import own_targets
from dxcheck.tui.labels import NO_CITIES
from dxcheck.tui.saving import default_folder
from dxcheck.tui.screens.base import WizardScreen
from dxcheck.tui.widgets import score_table
from dxcheck.tui.widgets.ja_text import JaStatic
from dxcheck.tui.widgets.score_summary import ScoreSummary

if TYPE_CHECKING:
    from dxcheck.core.model import Assessment
    from dxcheck.tui.state import Session, WizardData

REPORT_MODULE = "dxcheck.report.render"


def report_available() -> bool:
    """Whether the PDF report (another part of dxcheck) is installed."""
    try:
        return find_spec(REPORT_MODULE) is not None
    except ModuleNotFoundError:
        return False


def target_choices(data: WizardData, *, custom: bool = True) -> list[tuple[str, str]]:
    """The targets to choose from: the cities' best, median and plan, each city, the national
    target where the questionnaire has one, and (on the results screen) the user's own
    per-area targets. Each choice's value is the target's text (`dxcheck.core.targets`)."""
    names = data.benchmarks.names
    choices: list[tuple[str, str]] = []
    if data.cities:
        targets = [Target(k) for k in (TargetKind.BEST, TargetKind.MEDIAN, TargetKind.PLAN)]
        targets += [Target(TargetKind.CITY, city=c.id) for c in data.cities]
        choices += [(t.label(names), target_to_text(t)) for t in targets]
    if any(q.national is not None for q in data.questionnaire.questions):
        # the level the national plan's targets and deadlines require (questionnaire 4.1.0)
        national = Target(TargetKind.NATIONAL)
        choices.append((national.label(names), target_to_text(national)))
    if custom:
        own = Target(own_targets.own_kind())
        choices.append(("本団体の目標（分野ごとに入力・回答ファイルに保存）", target_to_text(own)))
    return choices


class ResultsScreen(WizardScreen):
    SUB_TITLE = "結果"
    CSS_PATH = "results.tcss"
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]  # noqa: RUF012
    AUTO_FOCUS = "#areas"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "target", "目標"),
        Binding("c", "custom", "本団体の目標", show=False),
        Binding("v", "toggle_view", "表示切替"),
        Binding("p", "pdf", "PDFを作成"),
        Binding("ctrl+s", "app.save_as", "保存", show=False),
        Binding("r", "review", "回答一覧", show=False),
        Binding("escape,left", "back", "質問に戻る"),
        Binding("f", "app.workshop", "合意"),  # a workshop's merged answers only
    ]

    def __init__(self) -> None:
        super().__init__()
        self.cities_view = False

    @property
    def session(self) -> Session:
        assert self.wizard.session is not None
        return self.wizard.session

    def compose(self) -> ComposeResult:
        if not self.data.cities and not own_targets.is_own(self.session.target):
            # nothing else to compare with
            self.session.target = own_targets.target_of(self.session.assessment)
        yield Header()
        yield ScoreSummary(
            target_choices(self.data), target_to_text(self.session.target), id="summary"
        )
        yield JaStatic("", id="gaps")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.redraw()

    def on_resize(self, event: Resize) -> None:
        self.redraw()

    # ------------------------------------------------------------ drawing

    def redraw(self) -> None:
        summary = self.query_one(ScoreSummary)
        summary.cities_view = self.cities_view
        listing = summary.query_one("#areas", OptionList)
        gaps = summary.show(
            self.data.questionnaire,
            score_assessment(self.data.questionnaire, self.session.assessment),
            self.data.benchmarks,
            self.session.target,
            width=listing.scrollable_content_region.width or self.size.width - 4,
        )
        if not self.data.benchmarks.cities:
            summary.query_one("#overall", JaStatic).update(
                summary.query_one("#overall", JaStatic).content
                + Content("\n")
                + Content.styled(f"{NO_CITIES}。独自の目標と比べます。", "$text-warning")
            )
        self.query_one("#gaps", JaStatic).update(score_table.gap_lines(biggest_gaps(gaps)))

    # ------------------------------------------------------------ the target

    @on(Select.Changed, "#target")
    def _target_changed(self, event: Select.Changed) -> None:
        value = str(event.value)
        current = self.session.target
        if value == target_to_text(current):
            return
        if value == target_to_text(Target(own_targets.own_kind())):
            if own_targets.read(self.session.assessment):
                self._set_target(own_targets.target_of(self.session.assessment))
            else:
                self.action_custom()  # none set yet: ask for them
            return
        self._set_target(target_from_text(value, self.data.cities))

    def _set_target(self, target: Target) -> None:
        self.session.target = target
        self.wizard.record_change(Position("results"))
        self.query_one(ScoreSummary).set_target(target_to_text(target))
        self.redraw()

    def action_target(self) -> None:
        self.query_one("#target", Select).focus()

    def action_custom(self) -> None:
        """Set the municipality's own targets: kept in the answer file's [targets]. The dialog
        starts from the values already set, else from the target shown now (exact values)."""
        from dxcheck.tui.dialogs.custom_target import CustomTargetScreen

        q = self.data.questionnaire
        a = self.session.assessment
        start = own_targets.read(a) or {
            k: v
            for k, v in area_targets(q, self.data.benchmarks, self.session.target).items()
            if v is not None
        }

        def chosen(values: dict[str, float] | None) -> None:
            if values is None:
                self._set_target(self.session.target)  # put the selector back
                return
            own_targets.write(a, values)
            self._set_target(own_targets.target_of(a))

        self.app.push_screen(CustomTargetScreen(q, start), chosen)

    def action_toggle_view(self) -> None:
        self.cities_view = not self.cities_view
        self.redraw()

    @on(OptionList.OptionSelected, "#areas")
    def _area_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.wizard.goto_area(event.option.id)

    # ------------------------------------------------------------ leaving, PDF

    def action_back(self) -> None:
        self.wizard.goto(Position("question"))

    def action_review(self) -> None:
        self.wizard.goto(Position("review"))

    def action_pdf(self) -> None:
        if not report_available():
            self.notify("PDF報告書の機能はまだ使えません。", title="PDFを作成", severity="warning")
            return
        from dxcheck.tui.dialogs.save_path import SavePathScreen

        a = self.session.assessment
        name = a.municipality.name or "回答"
        day = a.meta.assessed_on or self.wizard.today
        default = default_folder() / f"dxcheck-報告書-{name}-{day.isoformat()}.pdf"
        self.app.push_screen(SavePathScreen("PDF報告書を作成", default, ".pdf"), self._make_pdf)

    def _make_pdf(self, path: Path | None) -> None:
        """The PDF's place is chosen; optionally a previous self-check for before/after."""
        from dxcheck.tui.dialogs.baseline import BaselineChoice, BaselineScreen

        if path is None:
            return

        def chosen(choice: BaselineChoice | None) -> None:
            if choice is not None:
                self._render_pdf(path, choice.assessment)

        self.app.push_screen(
            BaselineScreen(self.session.assessment, self.data.questionnaire), chosen
        )

    def _render_pdf(self, path: Path, baseline: Assessment | None) -> None:
        from dxcheck.tui.dialogs.pdf_progress import PdfProgressScreen

        self.app.push_screen(
            PdfProgressScreen(
                path,
                self.session.assessment.model_copy(deep=True),
                self.data.questionnaire,
                self.data.cities,
                self.session.target,
                baseline=baseline,
            )
        )
