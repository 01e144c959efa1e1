"""The results table, drawn with text: one row per area, own score as a bar, the target as a
marker on it, the cities' range shaded behind it, and the numbers beside it.

Only presentation: every number comes in from `dxcheck.core.scoring` (ScoreCard, Benchmarks,
area targets, gaps). Widths are terminal cells (wide characters count two).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rich.cells import cell_len
from textual.content import Content

from dxcheck.core.model import BenchmarkCity
from dxcheck.core.scoring import AreaGap, Benchmarks, Target, thin_target
from dxcheck.tui.labels import area_short, city_short, fit, percent, score_text


def rfit(text: str, cells: int) -> str:
    """Right-aligned in `cells` cells (wide characters count two)."""
    return " " * max(0, cells - cell_len(text)) + text


MAX_SCORE = 5.0
EIGHTHS = "▏▎▍▌▋▊▉"
NAME_CELLS = 16
CITY_CELLS = 6


def bar_text(value: float | None, cells: int) -> str:
    """`value` of 0–5 as `cells` cells of blocks, with eighth-cell resolution."""
    if value is None or cells <= 0:
        return " " * max(cells, 0)
    eighths = round(max(0.0, min(value, MAX_SCORE)) / MAX_SCORE * cells * 8)
    full, rest = divmod(eighths, 8)
    text = "█" * full + (EIGHTHS[rest - 1] if rest else "")
    return text + " " * (cells - cell_len(text))


def _cell(value: float, cells: int) -> int:
    """The cell a 0–5 value falls in, for markers."""
    return min(cells - 1, max(0, int(value / MAX_SCORE * cells)))


def bar(
    score: float | None, target: float | None, city_range: tuple[float, float] | None, cells: int
) -> Content:
    """Own score (accent blocks) over the cities' range (shaded), the target as ┃."""
    chars = list(bar_text(score, cells))
    styles = ["$accent" if ch != " " else "" for ch in chars]
    if city_range is not None:
        low, high = _cell(city_range[0], cells), _cell(city_range[1], cells)
        for i in range(low, high + 1):
            if chars[i] == " ":
                chars[i] = "░"
                styles[i] = "$text-muted"
    if target is not None:
        i = _cell(target, cells)
        chars[i] = "┃"
        styles[i] = "bold $text-warning" + (" on $accent" if styles[i] == "$accent" else "")
    return Content.assemble(*((ch, style) for ch, style in zip(chars, styles, strict=True)))


@dataclass(frozen=True)
class Layout:
    bar_cells: int
    show_bar: bool
    show_cities: bool
    show_range: bool
    show_gap: bool = True


FIXED_CELLS = 44  # name, own score, target, gap, answered and 参考, with their spaces
RANGE_CELLS = 11  # 「0.8〜3.2＊」 and a space
THIN = "＊"  # a value from fewer than half the questions (as in the PDF)
SCROLLBAR_CELLS = 2


def layout_for(width: int, cities_view: bool, n_cities: int) -> Layout:
    """Columns that fit `width` cells: at 110+ both the bar and each city; below, the bar with
    the cities' range, or (toggled with v) each city's score instead of the bar."""
    cities_cells = n_cities * (CITY_CELLS + 1)
    if width >= 110 and n_cities:
        bar_cells = max(20, min(40, width - FIXED_CELLS - cities_cells - SCROLLBAR_CELLS))
        return Layout(bar_cells, show_bar=True, show_cities=True, show_range=False)
    if cities_view and n_cities:  # no room for 差 beside five cities at 80 columns
        return Layout(0, show_bar=False, show_cities=True, show_range=False, show_gap=False)
    bar_cells = max(10, min(30, width - FIXED_CELLS - RANGE_CELLS - SCROLLBAR_CELLS))
    return Layout(bar_cells, show_bar=True, show_cities=False, show_range=bool(n_cities))


def header(layout: Layout, cities: tuple[BenchmarkCity, ...], own: str = "自団体") -> Content:
    parts: list[str | tuple[str, str]] = [fit("分野", NAME_CELLS), " ", fit(own, 6)]
    if layout.show_bar:
        parts += [" ", fit("0" + " " * (layout.bar_cells - 2) + "5", layout.bar_cells)]
    parts += [" ", fit("目標", 4)]
    if layout.show_gap:
        parts += [" ", fit("差", 4)]
    if layout.show_range:
        parts += [" ", fit("先行5市", RANGE_CELLS - 1)]
    if layout.show_cities:
        parts += [item for c in cities for item in (" ", rfit(city_short(c), CITY_CELLS))]
    parts += [" ", fit("回答", 5)]
    return Content.assemble(*((p, "bold $text-muted") if isinstance(p, str) else p for p in parts))


def row(
    gap: AreaGap,
    layout: Layout,
    benchmarks: Benchmarks,
    target: Target | None = None,
) -> Content:
    a = gap.area
    area_id = a.area.id
    city_areas = [benchmarks.current[c.id].area(area_id) for c in benchmarks.cities]
    known = [s for s in city_areas if s.score is not None]
    city_range = (
        (
            min(s.score for s in known if s.score is not None),
            max(s.score for s in known if s.score is not None),
        )
        if known
        else None
    )
    range_thin = any(s.low_confidence and s.score in (city_range or ()) for s in known)
    own_style = "$text-muted italic" if a.low_confidence else "bold"
    parts: list[str | tuple[str, str] | Content] = [
        fit(area_short(a.area), NAME_CELLS),
        " ",
        (score_text(a.score).rjust(4) + "  ", own_style),
    ]
    if layout.show_bar:
        parts += [" ", bar(a.score, gap.target, city_range, layout.bar_cells)]
    gap_value = gap.gap
    target_thin = target is not None and thin_target(benchmarks, target, area_id, gap.reference)
    target_text = score_text(gap.target) + (THIN if target_thin else "")
    parts += [" ", (rfit(target_text, 4 + (2 if target_thin else 0)), "$text-warning")]
    if layout.show_gap:
        parts += [" ", (score_text(gap_value).rjust(4), "bold $text-error" if gap_value else "")]
    if layout.show_range:
        spread = (
            f"{city_range[0]:.1f}〜{city_range[1]:.1f}" + (THIN if range_thin else "")
            if city_range is not None
            else "—"
        )
        parts += [" ", (fit(spread, RANGE_CELLS - 1), "$text-muted")]
    if layout.show_cities:
        for s in city_areas:
            text = score_text(s.score) + (THIN if s.low_confidence and s.score is not None else "")
            parts += [" ", rfit(text, CITY_CELLS)]
    parts += [" ", fit(f"{a.answered}/{a.total}", 5)]
    if a.low_confidence:
        parts += [("参考", "$text-warning")]
    return Content.assemble(*parts)


def cities_overall(benchmarks: Benchmarks) -> Content:
    """「先行5市の総合（記述のあった質問の割合・計画の時点）: 嬉野 2.8（64%・2024年3月）…」 —
    every city score with its coverage and as-of date, ＊ where it rests on fewer than half
    the questions (DESIGN §5)."""
    items: list[str | tuple[str, str]] = [
        ("先行5市の総合（水準が分かった質問の割合・計画の時点）: ", "$text-muted")
    ]
    for c in benchmarks.cities:
        card = benchmarks.current[c.id]
        thin = card.coverage < 0.5 and card.overall is not None
        items += [
            f"{city_short(c, 12)} ",
            (score_text(card.overall) + (THIN if thin else ""), "bold"),
            (
                f"（{percent(card.answered, card.total)}・{c.as_of.year}年{c.as_of.month}月）　",
                "$text-muted",
            ),
        ]
    return Content.assemble(*items)


def legend(layout: Layout, benchmarks: Benchmarks, target: Target, own: str) -> Content:
    label = f"目標（{target.label(benchmarks.names)}）　"
    return Content.assemble(
        *(
            (("█", "$accent"), f" {own}　", ("┃", "bold $text-warning"), " " + label)
            if layout.show_bar
            else ("比べる" + label,)
        ),
        *(
            (("░", "$text-muted"), " 先行5市の範囲　")
            if layout.show_bar and benchmarks.cities
            else ()
        ),
        ("参考", "$text-warning"),
        " 回答率が半数未満　",
        *((f"{THIN} 水準が分かった質問が半数未満の市の値",) if benchmarks.cities else ()),
    )


def gap_lines(gaps: list[AreaGap], names: Mapping[str, str] | None = None) -> Content:
    if not gaps:
        return Content.styled("目標との差がある分野はありません。", "$text-muted")
    lines = [Content.styled("差が大きい分野", "bold")]
    for number, g in enumerate(gaps, start=1):
        lines.append(
            Content.assemble(
                f" {number}. ",
                (g.area.area.name, "bold"),
                "　差 ",
                (score_text(g.gap), "bold $text-error"),
                (
                    f"（自団体 {score_text(g.area.score)} → 目標 {score_text(g.target)}）",
                    "$text-muted",
                ),
            )
        )
    return Content("\n").join(lines)
