"""The prefecture comparison as a PDF: view model → HTML (Jinja2) → PDF (WeasyPrint).

Same rules as the gap report (`dxcheck.report.render`): autoescaped templates, a URL fetcher
that serves only the package's assets and the generated chart, the document font from
fontconfig, and an atomic write — nothing is written unless the whole PDF was made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from functools import cache
from importlib import resources
from pathlib import Path

from markupsafe import Markup

from dxcheck.core.compare import Comparison, Reaches
from dxcheck.core.model import BenchmarkCity, Questionnaire
from dxcheck.core.scoring import Target
from dxcheck.io.store import atomic_write_bytes
from dxcheck.report import render
from dxcheck.report.compare_context import build_compare_context
from dxcheck.report.compare_viewmodel import CompareContext
from dxcheck.report.fonts import japanese_font_family
from dxcheck.report.render import _css, _environment, font_rule

CHART_FILE = "chart-box.svg"


@cache
def _compare_css() -> str:
    return (resources.files("dxcheck.report") / "assets" / "compare.css").read_text("utf-8")


def render_compare_html(context: CompareContext, *, inline_charts: bool = True) -> str:
    template = _environment().get_template("compare.html.j2")
    # the package's own style sheets, never user text: unescaped, or <style> would see entities
    css = Markup(_css() + _compare_css() + font_rule(context.font_family))
    return template.render(r=context, css=css, inline_charts=inline_charts)


def compare_context(
    comparison: Comparison,
    questionnaire: Questionnaire,
    cities: Sequence[BenchmarkCity],
    target: Target,
    *,
    font_family: str | None = None,
    today: dt.date | None = None,
    anonymous: bool = False,
    reaches: Reaches | None = None,
) -> CompareContext:
    return build_compare_context(
        comparison,
        questionnaire,
        cities,
        target,
        font_family=font_family or japanese_font_family(),
        today=today,
        anonymous=anonymous,
        reaches=reaches,
    )


def write_comparison_pdf(
    comparison: Comparison,
    questionnaire: Questionnaire,
    cities: Sequence[BenchmarkCity],
    target: Target,
    pdf_path: Path,
    *,
    today: dt.date | None = None,
    anonymous: bool = False,
    reaches: Reaches | None = None,
    on_phase: Callable[[str], None] | None = None,
) -> Path:
    """Render the comparison and write it atomically.

    Raises ReportError (no Japanese font) or dxcheck.io.store.WriteError (cannot write).
    """
    pdf = comparison_pdf(
        comparison, questionnaire, cities, target, today=today, anonymous=anonymous,
        reaches=reaches, on_phase=on_phase,
    )  # fmt: skip
    atomic_write_bytes(Path(pdf_path), pdf)
    return Path(pdf_path)


def comparison_pdf(
    comparison: Comparison,
    questionnaire: Questionnaire,
    cities: Sequence[BenchmarkCity],
    target: Target,
    *,
    today: dt.date | None = None,
    anonymous: bool = False,
    reaches: Reaches | None = None,
    on_phase: Callable[[str], None] | None = None,
) -> bytes:
    """The comparison PDF's bytes (for a command that writes it with other outputs, all or
    nothing). Raises ReportError when no Japanese font is installed."""
    context = compare_context(
        comparison, questionnaire, cities, target, today=today, anonymous=anonymous,
        reaches=reaches,
    )  # fmt: skip
    html = render_compare_html(context, inline_charts=False)
    return render.html_to_pdf(  # looked up at call time, so tests can stand in for it
        html, assets={CHART_FILE: str(context.distribution_chart).encode()}, on_phase=on_phase
    )
