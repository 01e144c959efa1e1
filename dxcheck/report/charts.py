"""The report's charts as SVG text, drawn by hand: a radar of the areas and a dot chart of
every area with the municipality, the target and the cities side by side.

Every piece of text is XML-escaped here, so the SVG strings can go into the page as they are.
The charts use the document's font family; WeasyPrint draws their text with it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

MAX = 5.0
OWN_COLOR = "#1d5fa6"
TARGET_COLOR = "#222222"
GRID_COLOR = "#c8ccd2"
MUTED = "#777777"
# colour-blind-safe, distinguishable in grey print too (differing lightness)
CITY_COLORS = ("#e07b00", "#7a5cb8", "#2a9d6f", "#d1457f", "#8c6d1f")


def city_color(index: int) -> str:
    return CITY_COLORS[index % len(CITY_COLORS)]


@dataclass(frozen=True, slots=True)
class Series:
    label: str
    values: Sequence[float | None]
    color: str
    width: float = 1.0
    dash: str = ""
    fill: bool = False
    opacity: float = 1.0


def _t(text: str) -> str:
    return escape(text, quote=True)


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _svg(width: float, height: float, font_family: str, body: list[str], label: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(width)} {_n(height)}" '
        f'width="{_n(width)}" height="{_n(height)}" role="img" aria-label="{_t(label)}" '
        f'font-family="{_t(font_family)}" font-size="11">' + "".join(body) + "</svg>"
    )


def _runs(values: Sequence[float | None], closed: bool) -> list[list[int]]:
    """Index runs of consecutive known values; a closed shape wraps around the end."""
    n = len(values)
    known = [v is not None for v in values]
    if all(known):
        return [[*range(n), 0] if closed else list(range(n))]
    runs: list[list[int]] = []
    current: list[int] = []
    for i in range(n):
        if known[i]:
            current.append(i)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    if closed and len(runs) > 1 and known[0] and known[-1]:
        runs[0] = runs.pop() + runs[0]
    return runs


def _legend(series: Sequence[Series], x: float, y: float, width: float) -> tuple[list[str], float]:
    """Legend items flowing left to right; returns the SVG parts and the height used."""
    parts: list[str] = []
    cx, cy = x, y
    for s in series:
        item_w = 34 + 11.5 * len(s.label)
        if cx + item_w > x + width and cx > x:
            cx, cy = x, cy + 18
        dash = f' stroke-dasharray="{s.dash}"' if s.dash else ""
        parts.append(
            f'<line x1="{_n(cx)}" y1="{_n(cy)}" x2="{_n(cx + 24)}" y2="{_n(cy)}" '
            f'stroke="{s.color}" stroke-width="{_n(max(s.width, 1.5))}"{dash}/>'
            f'<text x="{_n(cx + 29)}" y="{_n(cy + 4)}">{_t(s.label)}</text>'
        )
        cx += item_w
    return parts, cy - y + 18


def radar(
    axis_labels: Sequence[str],
    series: Sequence[Series],
    *,
    font_family: str,
    title: str = "分野別スコアのレーダーチャート",
) -> str:
    """A radar chart, 0 at the centre and 5 at the rim, one axis per area (clockwise)."""
    width, radius = 640.0, 175.0
    cx, cy = width / 2, 215.0
    n = len(axis_labels)

    def point(i: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n
        r = radius * max(0.0, min(value, MAX)) / MAX
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    body: list[str] = []
    for level in range(1, 6):
        ring = " ".join(f"{_n(x)},{_n(y)}" for x, y in (point(i, level) for i in range(n)))
        body.append(
            f'<polygon points="{ring}" fill="none" stroke="{GRID_COLOR}" '
            f'stroke-width="{1.2 if level == 5 else 0.6}"/>'
        )
        lx, ly = point(0, level)
        body.append(
            f'<text x="{_n(lx + 3)}" y="{_n(ly + 10)}" font-size="9" fill="{MUTED}">{level}</text>'
        )
    for i, label in enumerate(axis_labels):
        x, y = point(i, MAX)
        body.append(
            f'<line x1="{_n(cx)}" y1="{_n(cy)}" x2="{_n(x)}" y2="{_n(y)}" '
            f'stroke="{GRID_COLOR}" stroke-width="0.6"/>'
        )
        angle = -math.pi / 2 + 2 * math.pi * i / n
        lx, ly = cx + (radius + 12) * math.cos(angle), cy + (radius + 12) * math.sin(angle)
        cos = math.cos(angle)
        anchor = "middle" if abs(cos) < 0.2 else ("start" if cos > 0 else "end")
        dy = 4 + 6 * math.sin(angle)
        body.append(
            f'<text x="{_n(lx)}" y="{_n(ly + dy)}" text-anchor="{anchor}">{_t(label)}</text>'
        )
    for s in series:
        pts = [None if v is None else point(i, v) for i, v in enumerate(s.values)]
        dash = f' stroke-dasharray="{s.dash}"' if s.dash else ""
        style = (
            f'stroke="{s.color}" stroke-width="{_n(s.width)}" stroke-opacity="{_n(s.opacity)}"'
            f'{dash} stroke-linejoin="round"'
        )
        runs = _runs(s.values, closed=True)
        complete = all(v is not None for v in s.values)
        for run in runs:
            coords = " ".join(f"{_n(p[0])},{_n(p[1])}" for i in run if (p := pts[i]))
            if complete and s.fill:
                body.append(
                    f'<polygon points="{coords}" fill="{s.color}" fill-opacity="0.12" {style}/>'
                )
            else:
                body.append(f'<polyline points="{coords}" fill="none" {style}/>')
        isolated = {run[0] for run in runs if len(run) == 1}
        for i, p in enumerate(pts):
            # markers on the municipality's own line, and where a city's line has no segment
            if p is not None and (s.fill or i in isolated):
                body.append(
                    f'<circle cx="{_n(p[0])}" cy="{_n(p[1])}" r="{_n(1.2 + s.width)}" '
                    f'fill="{s.color}" fill-opacity="{_n(s.opacity)}"/>'
                )
    legend, used = _legend(series, 20, cy + radius + 48, width - 40)
    body += legend
    return _svg(width, cy + radius + 40 + used, font_family, body, title)


@dataclass(frozen=True, slots=True)
class DotRow:
    label: str
    own: float | None
    target: float | None
    cities: Sequence[float | None]


def _level_grid(x: Callable[[float], float], top: float, bottom: float) -> list[str]:
    """Vertical lines at levels 0–5 with their numbers below: the scale of the row charts."""
    return [
        f'<line x1="{_n(x(level))}" y1="{_n(top)}" x2="{_n(x(level))}" '
        f'y2="{_n(bottom)}" stroke="{GRID_COLOR}" stroke-width="0.6"/>'
        f'<text x="{_n(x(level))}" y="{_n(bottom + 14)}" '
        f'text-anchor="middle" font-size="10" fill="{MUTED}">{level}</text>'
        for level in range(6)
    ]


def _row_band(index: int, y: float, row_h: float, width: float, label: str) -> list[str]:
    """A row's label, on a light band every other row so the eye can follow it across."""
    out = []
    if index % 2 == 0:
        out.append(
            f'<rect x="0" y="{_n(y - row_h / 2)}" width="{_n(width)}" '
            f'height="{_n(row_h)}" fill="#f3f5f8"/>'
        )
    out.append(f'<text x="4" y="{_n(y + 4)}">{_t(label)}</text>')
    return out


def dot_chart(
    rows: Sequence[DotRow],
    city_names: Sequence[str],
    *,
    own_label: str,
    target_label: str,
    font_family: str,
) -> str:
    """Every area on one line, 0–5: the cities as dots, the municipality as a diamond."""
    width, label_w, row_h, top = 640.0, 150.0, 24.0, 34.0
    x0, x1 = label_w + 10, width - 16

    def x(v: float) -> float:
        return x0 + (x1 - x0) * max(0.0, min(v, MAX)) / MAX

    body: list[str] = []
    height = top + row_h * len(rows) + 22
    body += _level_grid(x, top - 6, top + row_h * len(rows))
    spread = 10.0 / max(1, len(city_names) - 1)
    for r, row in enumerate(rows):
        y = top + row_h * r + row_h / 2
        body += _row_band(r, y, row_h, width, row.label)
        if row.target is not None:
            body.append(
                f'<line x1="{_n(x(row.target))}" y1="{_n(y - 9)}" x2="{_n(x(row.target))}" '
                f'y2="{_n(y + 9)}" stroke="{TARGET_COLOR}" stroke-width="2"/>'
            )
        for c, value in enumerate(row.cities):
            if value is None:
                continue
            dy = -5 + spread * c if len(city_names) > 1 else 0.0
            body.append(
                f'<circle cx="{_n(x(value))}" cy="{_n(y + dy)}" r="3.2" '
                f'fill="{city_color(c)}" fill-opacity="0.9"/>'
            )
        if row.own is not None:
            ox = x(row.own)
            body.append(
                f'<polygon points="{_n(ox)},{_n(y - 7)} {_n(ox + 7)},{_n(y)} {_n(ox)},'
                f'{_n(y + 7)} {_n(ox - 7)},{_n(y)}" fill="{OWN_COLOR}" stroke="#ffffff" '
                f'stroke-width="1"/>'
            )
        else:
            body.append(
                f'<text x="{_n(x0 + 2)}" y="{_n(y + 4)}" fill="{MUTED}" font-size="10">'
                "回答なし</text>"
            )
    # legend on top
    parts = [
        f'<polygon points="4,9 11,16 4,23 -3,16" transform="translate(8 0)" fill="{OWN_COLOR}"/>'
        f'<text x="24" y="20">{_t(own_label)}</text>',
    ]
    lx = 30 + 11.5 * len(own_label) + 12
    parts.append(
        f'<line x1="{_n(lx)}" y1="9" x2="{_n(lx)}" y2="23" stroke="{TARGET_COLOR}" '
        f'stroke-width="2"/><text x="{_n(lx + 6)}" y="20">{_t(target_label)}</text>'
    )
    lx += 12 + 11.5 * len(target_label) + 12
    for c, name in enumerate(city_names):
        parts.append(
            f'<circle cx="{_n(lx)}" cy="16" r="3.6" fill="{city_color(c)}"/>'
            f'<text x="{_n(lx + 7)}" y="20" font-size="10">{_t(name)}</text>'
        )
        lx += 16 + 10.5 * len(name)
    return _svg(width, height, font_family, parts + body, "分野別の比較（点図）")


@dataclass(frozen=True, slots=True)
class BoxRow:
    """One area's spread over many municipalities, with the cities and the target."""

    label: str
    minimum: float | None
    q1: float | None
    median: float | None
    q3: float | None
    maximum: float | None
    target: float | None
    cities: Sequence[float | None]
    # shown instead of the box when there is none: no score, or (anonymous) too few to show
    empty: str = "スコアのある団体なし"


def box_chart(
    rows: Sequence[BoxRow],
    city_names: Sequence[str],
    *,
    target_label: str,
    font_family: str,
    group_label: str = "管内団体",
    whiskers: bool = True,
) -> str:
    """Every area on one line, 0–5: range as a whisker, quartiles as a box, the median as a
    thick tick, the target as a vertical bar and each benchmark city as a coloured dot.
    Without `whiskers` (an anonymous report: each end is one municipality's score) the legend
    says box and median only; rows then carry no minimum or maximum."""
    width, label_w, row_h, top = 640.0, 150.0, 22.0, 50.0
    x0, x1 = label_w + 10, width - 16

    def x(v: float) -> float:
        return x0 + (x1 - x0) * max(0.0, min(v, MAX)) / MAX

    bottom = top + row_h * len(rows)
    body: list[str] = []
    body += _level_grid(x, top - 4, bottom)
    spread = 12.0 / max(1, len(city_names) - 1)
    for r, row in enumerate(rows):
        y = top + row_h * r + row_h / 2
        body += _row_band(r, y, row_h, width, row.label)
        if row.minimum is not None and row.maximum is not None:
            body.append(
                f'<line x1="{_n(x(row.minimum))}" y1="{_n(y)}" x2="{_n(x(row.maximum))}" '
                f'y2="{_n(y)}" stroke="{OWN_COLOR}" stroke-width="1.2"/>'
            )
            for end in (row.minimum, row.maximum):
                body.append(
                    f'<line x1="{_n(x(end))}" y1="{_n(y - 4)}" x2="{_n(x(end))}" '
                    f'y2="{_n(y + 4)}" stroke="{OWN_COLOR}" stroke-width="1.2"/>'
                )
        if row.q1 is not None and row.q3 is not None:
            body.append(
                f'<rect x="{_n(x(row.q1))}" y="{_n(y - 6)}" '
                f'width="{_n(max(x(row.q3) - x(row.q1), 1.0))}" height="12" '
                f'fill="#cfe0f3" stroke="{OWN_COLOR}" stroke-width="1"/>'
            )
        if row.median is not None:
            body.append(
                f'<line x1="{_n(x(row.median))}" y1="{_n(y - 7)}" x2="{_n(x(row.median))}" '
                f'y2="{_n(y + 7)}" stroke="{OWN_COLOR}" stroke-width="3"/>'
            )
        if row.median is None:
            body.append(
                f'<text x="{_n(x0 + 2)}" y="{_n(y + 4)}" fill="{MUTED}" font-size="10">'
                f"{escape(row.empty)}</text>"
            )
        if row.target is not None:
            body.append(
                f'<line x1="{_n(x(row.target))}" y1="{_n(y - 11)}" x2="{_n(x(row.target))}" '
                f'y2="{_n(y + 11)}" stroke="{TARGET_COLOR}" stroke-width="1.4" '
                'stroke-dasharray="3 2"/>'
            )
        for c, value in enumerate(row.cities):
            if value is None:
                continue
            dy = -6 + spread * c if len(city_names) > 1 else 0.0
            body.append(
                f'<circle cx="{_n(x(value))}" cy="{_n(y + dy)}" r="3" '
                f'fill="{city_color(c)}" stroke="#ffffff" stroke-width="0.6"/>'
            )
    # legend: two lines on top
    parts = [
        (
            f'<line x1="4" y1="14" x2="40" y2="14" stroke="{OWN_COLOR}" stroke-width="1.2"/>'
            if whiskers
            else ""
        )
        + f'<rect x="12" y="8" width="18" height="12" fill="#cfe0f3" stroke="{OWN_COLOR}"/>'
        f'<line x1="22" y1="7" x2="22" y2="21" stroke="{OWN_COLOR}" stroke-width="3"/>'
        f'<text x="46" y="18">{_t(group_label)}（'
        + ("線: 最小〜最大、" if whiskers else "")
        + "箱: 四分位範囲、太線: 中央値）</text>"
        f'<line x1="430" y1="7" x2="430" y2="21" stroke="{TARGET_COLOR}" stroke-width="1.4" '
        f'stroke-dasharray="3 2"/><text x="436" y="18">{_t(target_label)}</text>'
    ]
    lx = 8.0
    for c, name in enumerate(city_names):
        parts.append(
            f'<circle cx="{_n(lx)}" cy="36" r="3.6" fill="{city_color(c)}"/>'
            f'<text x="{_n(lx + 7)}" y="40" font-size="10">{_t(name)}</text>'
        )
        lx += 20 + 10.5 * len(name)
    return _svg(width, bottom + 22, font_family, parts + body, "分野別の分布（箱ひげ図）")


@dataclass(frozen=True, slots=True)
class GanttRow:
    label: str  # 「1 首長をトップとする…」
    start: int  # index of the first year column
    end: int  # index of the last year column (inclusive)
    kind: str  # proven | planned | national: the bar's fill


GANTT_FILL = {"proven": OWN_COLOR, "planned": "#8fb3da", "national": "#b3261e"}
GANTT_KIND_LABEL = {"proven": "実施例あり", "planned": "計画のみ", "national": "国の要請"}


def gantt(
    rows: Sequence[GanttRow], years: Sequence[str], *, font_family: str, label_chars: int = 21
) -> str:
    """A year-by-year bar chart of the roadmap: one row per proposal, one column per fiscal
    year; bars coloured by what backs the proposal, with a legend."""
    left, width, row_h, top = 250.0, 640.0, 20.0, 34.0
    col_w = (width - left - 10) / max(1, len(years))
    height = top + row_h * len(rows) + 30
    body: list[str] = []
    for i, year in enumerate(years):
        x = left + i * col_w
        body.append(
            f'<rect x="{_n(x)}" y="{_n(top - 18)}" width="{_n(col_w)}" '
            f'height="{_n(row_h * len(rows) + 18)}" fill="{"#f4f6f9" if i % 2 == 0 else "#ffffff"}"/>'
            f'<text x="{_n(x + col_w / 2)}" y="{_n(top - 5)}" text-anchor="middle" '
            f'fill="#3b4652">{_t(year)}</text>'
        )
    for r, row in enumerate(rows):
        y = top + r * row_h
        label = row.label if len(row.label) <= label_chars else row.label[: label_chars - 1] + "…"
        body.append(
            f'<line x1="0" x2="{_n(width)}" y1="{_n(y + row_h)}" y2="{_n(y + row_h)}" '
            f'stroke="{GRID_COLOR}" stroke-width="0.5"/>'
            f'<text x="2" y="{_n(y + row_h * 0.68)}" fill="#1c1f23">{_t(label)}</text>'
        )
        x0 = left + row.start * col_w + 3
        x1 = left + (row.end + 1) * col_w - 3
        body.append(
            f'<rect x="{_n(x0)}" y="{_n(y + 4)}" width="{_n(max(6.0, x1 - x0))}" '
            f'height="{_n(row_h - 8)}" rx="2" fill="{GANTT_FILL.get(row.kind, MUTED)}"/>'
        )
    ly = top + row_h * len(rows) + 18
    x = left
    for kind, text in GANTT_KIND_LABEL.items():
        body.append(
            f'<rect x="{_n(x)}" y="{_n(ly - 9)}" width="14" height="10" rx="2" '
            f'fill="{GANTT_FILL[kind]}"/><text x="{_n(x + 18)}" y="{_n(ly)}">{_t(text)}</text>'
        )
        x += 110
    return _svg(width, height, font_family, body, "年度別のロードマップ")
