"""Making the PDF report in a worker thread (dxcheck.tui.background), with a progress
indicator; the UI stays live. With a baseline (a previous self-check), the report gains its
before/after page. The report goes on when the dialog is closed, and is announced when done.

The report module is imported inside the worker, so WeasyPrint never loads before it is
needed (and never on the UI thread).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, LoadingIndicator

from dxcheck.core.model import Assessment, BenchmarkCity, Questionnaire
from dxcheck.core.scoring import Target
from dxcheck.tui.background import Failed, run_in_thread
from dxcheck.tui.labels import display_path
from dxcheck.tui.saving import offer_download
from dxcheck.tui.widgets.ja_text import JaStatic


class ReportWritten(Message, bubble=False):
    """The PDF is written (to the dialog; to the app when the dialog was closed meanwhile)."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path


def announce_report(app: App[Any], path: Path) -> None:
    app.notify(f"{display_path(path)} を作成しました。", title="PDF報告書")
    offer_download(app, path)  # in a browser, the PDF is downloaded too


class PdfProgressScreen(ModalScreen[Path | None]):
    """Returns the written PDF's path, or None if it failed or was closed."""

    CSS_PATH = "pdf_progress.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "閉じる")]

    def __init__(
        self,
        path: Path,
        assessment: Assessment,
        questionnaire: Questionnaire,
        cities: Sequence[BenchmarkCity],
        target: Target,
        *,
        baseline: Assessment | None = None,
    ) -> None:
        super().__init__()
        self.baseline = baseline
        self.path = path
        self.assessment = assessment
        self.questionnaire = questionnaire
        self.cities = tuple(cities)
        self.target = target
        self.result: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield JaStatic(
                Content.styled("PDF報告書を作成しています", "bold"), classes="dialog-title"
            )
            yield LoadingIndicator(id="spinner")
            yield JaStatic(
                Content(
                    f"{display_path(self.path)}\n数秒から数十秒かかります。この間も画面は使えます。"
                ),
                id="message",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("閉じる", id="close", compact=True)

    def on_mount(self) -> None:
        run_in_thread(self, self._render_pdf, failed="PDFを作成できませんでした", group="pdf")

    def _render_pdf(self) -> ReportWritten:
        # in the worker thread: reads this dialog's data only, never its widgets
        from dxcheck.report.render import write_report

        written = write_report(
            self.assessment,
            self.questionnaire,
            self.cities,
            self.target,
            self.path,
            baseline=self.baseline,
        )
        return ReportWritten(written or self.path)

    @on(ReportWritten)
    def _done(self, event: ReportWritten) -> None:
        self.result = event.path
        announce_report(self.app, event.path)
        if self.is_current:
            self.dismiss(event.path)

    @on(Failed)
    def _failed(self, event: Failed) -> None:
        self.query_one("#spinner").display = False
        self.query_one("#message", JaStatic).update(
            Content.assemble((f"{event.what}。\n", "bold $text-error"), event.reason)
        )

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(self.result)
