"""Making the PDF report in a worker thread, with a progress indicator; the UI stays live.
With a baseline (a previous self-check), the report gains its before/after page.

The report module is imported inside the worker, so WeasyPrint never loads before it is
needed (and never on the UI thread).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, LoadingIndicator

from dxcheck.core.model import Assessment, BenchmarkCity, Questionnaire
from dxcheck.core.scoring import Target
from dxcheck.tui.labels import display_path
from dxcheck.tui.saving import offer_download
from dxcheck.tui.widgets.ja_text import JaStatic


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
        # the worker belongs to the app, so closing this dialog does not stop the report
        self.app.run_worker(
            partial(self._render_pdf, self.app), thread=True, group="pdf", exit_on_error=False
        )

    def _render_pdf(self, app: App[object]) -> None:
        try:
            from dxcheck.report.render import write_report

            written = write_report(
                self.assessment,
                self.questionnaire,
                self.cities,
                self.target,
                self.path,
                baseline=self.baseline,
            )
        except Exception as exc:  # any failure is shown to the user, never a traceback
            app.call_from_thread(self._failed, _reason(exc))
            return
        app.call_from_thread(self._done, written or self.path)

    def _done(self, path: Path) -> None:
        self.result = path
        self.app.notify(f"{display_path(path)} を作成しました。", title="PDF報告書")
        offer_download(self.app, path)  # in a browser, the PDF is downloaded too
        if self.is_current:
            self.dismiss(path)

    def _failed(self, reason: str) -> None:
        if not self.is_current:
            self.app.notify(reason, title="PDFを作成できませんでした", severity="error")
            return
        self.query_one("#spinner").display = False
        self.query_one("#message", JaStatic).update(
            Content.assemble(("PDFを作成できませんでした。\n", "bold $text-error"), reason)
        )

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(self.result)


def _reason(exc: Exception) -> str:
    from dxcheck.core.errors import InputError
    from dxcheck.io.store import WriteError

    if isinstance(exc, InputError):
        return "\n".join(p.format() for p in exc.problems[:5])
    if isinstance(exc, WriteError):
        return str(exc)
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc}（{exc.filename or ''}）"
    return f"{type(exc).__name__}: {exc}"
