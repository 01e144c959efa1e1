"""What the five benchmark cities do on the current question: one line per city.

「嬉野市         現状 2（45手続）  計画 4（令和9年度末）｜令和5年度末で45手続をオンライン化…」
Current level (or 不明 where the plan is silent), the planned level and when, then the
rationale (or the plan's own words) cut to the line; the full text is in the detail dialog.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content

from dxcheck.core.model import LEVEL_NAMES, BenchmarkCity, BenchmarkEntry, Question
from dxcheck.core.numbers import format_number
from dxcheck.tui.labels import NO_CITIES, fit
from dxcheck.tui.widgets.ja_text import JaRows, JaStatic


def _amount(question: Question, value: float | None) -> str:
    if value is None or question.quantity is None:
        return ""
    return f"（{format_number(value)}{question.quantity.unit}）"


def city_columns(
    question: Question, entry: BenchmarkEntry | None
) -> tuple[Content, Content, Content]:
    """A city's current level, planned level and evidence for one question, as three cells."""
    if entry is None or entry.current_level is None:
        current = Content.styled("現状 不明", "$text-muted")
    else:
        current = Content.assemble(
            "現状 ", (str(entry.current_level), "bold $text-accent"), _amount(question, entry.value)
        )
    planned = Content("")
    if entry is not None and entry.planned is not None:
        when = f"（{entry.planned_by}）" if entry.planned_by else ""
        planned = Content.assemble("計画 ", (str(entry.planned), "bold $text-success"), when)
    evidence = ""
    if entry is not None:
        quote = next((e.quote for e in entry.evidence), "")
        evidence = entry.rationale or (f"「{quote}」" if quote else "")
    if not evidence and (entry is None or entry.current_level is None):
        evidence = "計画書に記述がありません"
    return current, planned, Content.styled(evidence, "$text-muted")


def city_rows(question: Question, cities: Sequence[BenchmarkCity]) -> list[tuple[Content, Content]]:
    """One row per city: the name, current and planned columns aligned (the fixed part), and
    the evidence (the part that wraps)."""
    rows = [(c, *city_columns(question, c.questions.get(question.id))) for c in cities]
    name_cells = max((cell_len(c.name) for c in cities), default=0)
    current_cells = max((r[1].cell_length for r in rows), default=0)
    planned_cells = max((r[2].cell_length for r in rows), default=0)
    out = []
    for city, current, planned, evidence in rows:
        parts: list[Content] = [
            Content.styled(fit(city.name, name_cells), "bold"),
            Content(" "),
            current.pad_right(current_cells - current.cell_length),
        ]
        if planned_cells:
            parts += [Content("  "), planned.pad_right(planned_cells - planned.cell_length)]
        parts.append(Content.styled("｜", "$text-muted"))
        out.append((Content("").join(parts), evidence))
    return out


def city_lines(question: Question, cities: Sequence[BenchmarkCity]) -> list[Content]:
    """One line per city (fixed columns, then the evidence)."""
    return [prefix + evidence for prefix, evidence in city_rows(question, cities)]


def city_detail(question: Question, city: BenchmarkCity) -> Content:
    """Everything the city's benchmark file says on this question (for the detail dialog)."""
    entry = city.questions.get(question.id)
    lines: list[Content] = [
        Content.assemble(
            (city.name, "bold"),
            (
                f"　{city.plan_title}（{city.plan_period}、{city.as_of:%Y年%m月}時点）",
                "$text-muted",
            ),
        )
    ]
    if entry is None or entry.current_level is None:
        lines.append(Content("　現状: 不明（計画書に記述がありません）"))
    else:
        level = entry.current_level
        lines.append(
            Content(f"　現状: {level} {LEVEL_NAMES[level]}{_amount(question, entry.value)}")
        )
    if entry is not None and entry.planned is not None:
        lines.append(
            Content(
                f"　計画: {entry.planned} {LEVEL_NAMES[entry.planned]}"
                f"{_amount(question, entry.planned_value)}"
                + (f"（{entry.planned_by}）" if entry.planned_by else "")
            )
        )
    if entry is not None and entry.rationale:
        lines.append(Content(f"　根拠: {entry.rationale}"))
    for ev in entry.evidence if entry else ():
        kind = "現状" if ev.kind == "current" else "計画"
        lines.append(
            Content.assemble(
                ("　出典（", "$text-muted"),
                (kind, "$text-muted"),
                ("）: ", "$text-muted"),
                (ev.locator, "$text-muted"),
                " 「",
                (ev.quote, "italic"),
                "」",
            )
        )
    return Content("\n").join(lines)


class BenchmarkPanel(VerticalScroll, can_focus=False):
    """The cities' standing on one question; `show` replaces the rows in place. Narrow, each
    city is one line cut to the width (the full text is one key away, b); wide (`full`), the
    evidence wraps under itself and is shown whole."""

    def __init__(self, cities: Sequence[BenchmarkCity], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.cities = tuple(cities)
        self.border_title = "先行5市はこの質問で（詳しくは b）" if self.cities else "先行市"
        self.full = False
        self._question: Question | None = None

    def compose(self) -> ComposeResult:
        if not self.cities:
            yield JaStatic(Content.styled(NO_CITIES, "$text-muted"))
            return
        yield JaRows(id="city-rows")

    def show(self, question: Question) -> None:
        self._question = question
        if not self.cities:
            return
        rows = city_rows(question, self.cities)
        if self.full:
            # the levels on one line, the plan's own words in full under them
            indent = Content("  ")
            rows = [
                row
                for prefix, evidence in rows
                for row in ((prefix[:-1].rstrip(), Content("")), (indent, evidence))
            ]
        else:
            width = max(self.scrollable_content_region.width, 20)
            rows = [
                (prefix, _one_line(evidence, width - prefix.cell_length))
                for prefix, evidence in rows
            ]
        self.query_one(JaRows).set_rows(rows)

    def set_full(self, full: bool) -> None:
        if full != self.full or self._question is not None:
            self.full = full
            if self._question is not None:
                self.show(self._question)


def _one_line(text: Content, cells: int) -> Content:
    if text.cell_length <= cells:
        return text
    return text.truncate(max(cells - 1, 0)) + Content("…")
