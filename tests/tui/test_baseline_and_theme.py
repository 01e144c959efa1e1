"""Pilot journeys: the PDF with a baseline (a previous self-check, for the report's
before/after page), and the presentation theme from the command line and Ctrl+T."""

from __future__ import annotations

import inspect
import sys
import types
from pathlib import Path

import pytest
from textual.widgets import Input

from dxcheck.core.answers import to_toml
from dxcheck.tui.dialogs.baseline import BaselineScreen
from dxcheck.tui.dialogs.pdf_progress import PdfProgressScreen
from dxcheck.tui.screens.results import ResultsScreen
from dxcheck.tui.theme import PRESENTATION

from .helpers import finished, settled, small_app, until
from .test_journeys import BROKEN, fill_profile

SIZE = (80, 24)


def fake_report(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    """A stand-in for dxcheck.report.render that records how it was called."""
    calls: list[dict[str, object]] = []

    def write_report(*args: object, **kwargs: object) -> Path:
        calls.append({"args": args, **kwargs})
        path = Path(str(args[4]))
        path.write_bytes(b"%PDF-1.7 stand-in")
        return path

    fake = types.ModuleType("dxcheck.report.render")
    fake.write_report = write_report  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "dxcheck.report.render", fake)
    monkeypatch.setattr("dxcheck.tui.screens.results.report_available", lambda: True)
    return calls


async def test_pdf_with_a_previous_self_check_as_baseline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = fake_report(monkeypatch)
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await settled(pilot)
        await fill_profile(pilot)
        await pilot.press("3", "s")
        await until(pilot, lambda: isinstance(app.screen, ResultsScreen), "ResultsScreen")
        assert isinstance(app.screen, ResultsScreen) and app.session is not None
        # last year's file of the same municipality, at level 1
        earlier = app.session.assessment.model_copy(deep=True)
        earlier.answers["governance.dx-plan"].level = 1
        (tmp_path / "前回.toml").write_text(to_toml(earlier), encoding="utf-8")
        other = earlier.model_copy(deep=True)
        other.municipality.name, other.municipality.code = "潟上市", "052116"
        other.municipality.prefecture = "秋田県"
        (tmp_path / "他団体.toml").write_text(to_toml(other), encoding="utf-8")
        (tmp_path / "broken.toml").write_text(BROKEN, encoding="utf-8")

        await pilot.press("p")
        await settled(pilot)
        await pilot.press("enter")  # the PDF's place: the default
        await until(pilot, lambda: isinstance(app.screen, BaselineScreen), "BaselineScreen")
        screen = app.screen
        assert isinstance(screen, BaselineScreen)
        path = screen.query_one("#path", Input)
        for name, reason in (("broken.toml", "誤り"), ("他団体.toml", "別の団体")):
            path.value = f"~/{name}"
            await pilot.press("enter")
            await settled(pilot)
            assert app.screen is screen  # refused, saying why
            assert reason in screen.query_one("#status").content.plain  # type: ignore[attr-defined]
        path.value = "~/前回.toml"
        await pilot.press("enter")
        await settled(pilot)
        await finished(app)
        await settled(pilot)
        assert not isinstance(app.screen, PdfProgressScreen | BaselineScreen)
    [call] = calls
    baseline = call["baseline"]
    assert getattr(baseline, "answers")["governance.dx-plan"].level == 1  # noqa: B009
    assert Path(str(call["args"][4])).name == "dxcheck-報告書-いちき串木野市-2026-11-21.pdf"  # type: ignore[index]


async def test_escape_at_the_baseline_makes_no_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = fake_report(monkeypatch)
    app = small_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("s", "p")
        await settled(pilot)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, BaselineScreen), "BaselineScreen")
        assert isinstance(app.screen, BaselineScreen)
        await pilot.press("escape")
        await settled(pilot)
        await finished(app)
        assert isinstance(app.screen, ResultsScreen)
    assert calls == []


def test_the_report_takes_a_baseline() -> None:
    """The wizard passes `baseline=` to the real report module (added by the report's side)."""
    from dxcheck.report.render import write_report

    parameter = inspect.signature(write_report).parameters["baseline"]
    assert parameter.default is None


# ---------------------------------------------------------------- the presentation theme


async def test_presentation_theme_from_the_start_and_in_the_cycle() -> None:
    app = small_app(presentation=True)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        assert app.theme == PRESENTATION
        assert app.has_class("-theme-dxcheck-presentation")
        assert app.current_theme.background == "#000000"
        await pilot.press("ctrl+t")
        assert app.theme == "textual-dark"
        await pilot.press("ctrl+t", "ctrl+t")
        assert app.theme == PRESENTATION


def test_dxcheck_presentation_reaches_the_wizard(monkeypatch: pytest.MonkeyPatch) -> None:
    from dxcheck import __main__

    seen: dict[str, object] = {}

    def run_wizard(**kwargs: object) -> int:
        seen.update(kwargs)
        return 0

    monkeypatch.setattr("dxcheck.tui.app.run_wizard", run_wizard)
    monkeypatch.setattr("dxcheck.__main__.no_terminal_reason", lambda: None)
    assert __main__.main(["--presentation", "--demo"]) == 0
    assert seen == {"demo": True, "open_path": None, "presentation": True, "root": None}
