"""The areas with their progress, as a list to jump from: 「3 フロントヤード ━━━━─── 3/5 ?1」:
the gauge is how far the area has been gone through; the count is the questions answered,
with わからない counted apart after a ? (as the results count them)."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from dxcheck.core.progress import AreaProgress, Progress
from dxcheck.tui.labels import area_short, fit

DOTS = 7  # cells of the little progress gauge (the row fits the list at 80 columns)


def gauge(done: int, total: int, cells: int = DOTS) -> str:
    """「━━━━──── 」: done/total as a line of `cells` cells (box-drawing, one cell each)."""
    filled = round(cells * done / total) if total else 0
    return "━" * filled + "─" * (cells - filled)


def area_line(number: int, area: AreaProgress, name_cells: int, current: bool) -> Content:
    # one 3-cell column: わからない counted apart (?n) or 済 when the area is all answered
    state = (f"?{area.unknown}", "$text-warning") if area.unknown else ("済", "$text-success")
    if not area.unknown and not area.complete:
        state = ("", "")
    return Content.assemble(
        (f"{number:>2} ", "$text-muted"),
        (fit(area_short(area.area), name_cells), "bold" if current else ""),
        " ",
        (gauge(area.done, area.total), "$text-success" if area.complete else "$text-accent"),
        f" {area.answered:>2}/{area.total:<2}",
        (fit(state[0], 3), state[1]),
    )


class AreaList(OptionList):
    """One option per area; the option id is the area id."""

    def show(self, progress: Progress, current_area: str | None, name_cells: int = 14) -> None:
        highlighted = self.highlighted
        self.set_options(
            Option(area_line(i, a, name_cells, a.area.id == current_area), id=a.area.id)
            for i, a in enumerate(progress.areas, start=1)
        )
        ids = [a.area.id for a in progress.areas]
        if current_area in ids and (highlighted is None or not self.has_focus):
            highlighted = ids.index(current_area)
        with self.prevent(OptionList.OptionHighlighted):
            self.highlighted = highlighted
