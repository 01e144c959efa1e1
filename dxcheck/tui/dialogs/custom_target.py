"""The municipality's own target per area (0–5), e.g. from its own DX plan; the results screen
keeps them in the answer file's [targets] (dxcheck.tui.own_targets).

Values are shown as they are (3.25, not 3.2), and a value the user leaves untouched is
returned exactly as it came in — a median of 2.3333… is not rounded by passing through."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.validation import Number
from textual.widgets import Button, Footer, Input, Label

from dxcheck.core.errors import TargetError
from dxcheck.core.model import Questionnaire
from dxcheck.core.numbers import format_number
from dxcheck.core.targets import VALUE_MESSAGE, target_value_from_text
from dxcheck.tui.labels import area_short, fit
from dxcheck.tui.widgets.ja_text import JaStatic


class CustomTargetScreen(ModalScreen[dict[str, float] | None]):
    """Returns {area id: target} for the areas given a value (blank = no target), or None."""

    CSS_PATH = "custom_target.tcss"
    AUTO_FOCUS = "#rows Input"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "キャンセル"),
        Binding("ctrl+n", "done", "決定", priority=True),
    ]

    def __init__(self, questionnaire: Questionnaire, start: Mapping[str, float]) -> None:
        super().__init__()
        self.questionnaire = questionnaire
        self.start = dict(start)
        self.shown = {k: format_number(v) for k, v in self.start.items()}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield JaStatic(
                Content.styled("本団体の目標（分野ごと、0〜5）", "bold"), classes="dialog-title"
            )
            yield JaStatic(
                Content.styled(
                    "回答ファイルに保存され、報告書（--target own）でも使われます。", "$text-muted"
                )
            )
            with VerticalScroll(id="rows"):
                for area in self.questionnaire.areas:
                    with Horizontal(classes="row"):
                        yield Label(fit(area_short(area), 18))
                        yield Input(
                            self.shown.get(area.id, ""),
                            placeholder="空欄なら目標なし",
                            validators=[Number(0, 5, failure_description=VALUE_MESSAGE)],
                            valid_empty=True,
                            id=f"target-{area.id}",
                            compact=True,
                        )
            yield JaStatic("", id="error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("決定", id="done", variant="primary", compact=True)
                yield Button("キャンセル", id="cancel", compact=True)
        yield Footer(compact=True, show_command_palette=False)

    def _values(self) -> dict[str, float] | str:
        values: dict[str, float] = {}
        for area in self.questionnaire.areas:
            text = self.query_one(f"#target-{area.id}", Input).value.strip()
            if not text:
                continue
            if area.id in self.start and text == self.shown[area.id]:
                values[area.id] = self.start[area.id]  # untouched: exactly as it came in
                continue
            try:
                values[area.id] = target_value_from_text(text)
            except TargetError:
                return f"{area.name}: {VALUE_MESSAGE}"
        return values

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        result = event.validation_result
        ok = result is None or result.is_valid or not event.value.strip()
        self.query_one("#error", JaStatic).update("" if ok else VALUE_MESSAGE)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.focus_next()

    @on(Button.Pressed, "#done")
    def action_done(self) -> None:
        values = self._values()
        if isinstance(values, str):
            self.query_one("#error", JaStatic).update(Content(values))
            return
        self.dismiss(values)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
