"""The base of the wizard's full screens: typed access to the app and its loaded data."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

if TYPE_CHECKING:
    from dxcheck.tui.app import DxcheckApp
    from dxcheck.tui.state import WizardData


class WizardScreen(Screen[None]):
    @property
    def wizard(self) -> DxcheckApp:
        return self.app  # type: ignore[return-value]

    @property
    def data(self) -> WizardData:
        """The questionnaire and cities; loaded before any screen but the start screen."""
        assert self.wizard.data is not None
        return self.wizard.data
