"""The prefecture comparison PDF's view model: plain, frozen, already formatted data.

Built by `dxcheck.report.compare_context` from the core's results (`dxcheck.core.compare`); the
template lays it out and computes nothing. User text (names, paths, reasons) stays plain `str`
and is escaped by the template; the only markup is the chart's SVG, escaped by `charts`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup


@dataclass(frozen=True, slots=True)
class HeatCell:
    """A score in a coloured cell: `cls` is the colour class (h0–h4, or hn for no score)."""

    text: str
    cls: str
    low: bool = False


@dataclass(frozen=True, slots=True)
class HeatColumn:
    number: int
    lines: list[str]  # the column head, one short line each


@dataclass(frozen=True, slots=True)
class HeatRow:
    code: str
    name: str
    band: str
    overall: HeatCell
    cells: list[HeatCell]


@dataclass(frozen=True, slots=True)
class LegendItem:
    cls: str
    label: str


@dataclass(frozen=True, slots=True)
class DistRow:
    number: int
    name: str
    n: int
    minimum: str
    q1: str
    median: str
    q3: str
    maximum: str
    target: str
    cities: list[str]


@dataclass(frozen=True, slots=True)
class BandRow:
    band: str
    count: int
    overall: HeatCell
    cells: list[HeatCell]
    members: str


@dataclass(frozen=True, slots=True)
class ReachView:
    title: str
    count: str  # 「5団体」; anonymous, where a number would tell who: 「3団体未満」「ほぼすべての団体」
    share: str  # 「25%」, or 「非表示」 beside a count shown in words
    cost: str
    horizon: str
    city_names: str
    description: str
    members: str = ""  # the municipalities it would help, 「、」-joined; empty when anonymous
    # or, when the comparison is read by prefecture: the prefectures it would help most
    prefectures: str = ""


@dataclass(frozen=True, slots=True)
class PrefectureHeatRow:
    """A prefecture's municipalities in one heatmap row: the median of their scores."""

    name: str
    count: int
    overall: HeatCell
    cells: list[HeatCell]


@dataclass(frozen=True, slots=True)
class PrefectureTrendView:
    name: str
    municipalities: int
    improved: int
    declined: int
    unchanged: int
    median_change: str


@dataclass(frozen=True, slots=True)
class ShortfallRow:
    number: int
    name: str
    below: str  # as ReachView.count
    assessed: int
    share: str
    target: str
    median: str


@dataclass(frozen=True, slots=True)
class ShortfallArea:
    number: int
    name: str
    below: str  # as ReachView.count
    assessed: int
    target: str
    measures: list[ReachView]


@dataclass(frozen=True, slots=True)
class TrendRow:
    date: str
    path: str
    overall: HeatCell
    cells: list[HeatCell]


@dataclass(frozen=True, slots=True)
class TrendView:
    code: str
    name: str
    rows: list[TrendRow]
    change: str


@dataclass(frozen=True, slots=True)
class RejectedView:
    path: str
    problems: list[str]


@dataclass(frozen=True, slots=True)
class CompareContext:
    title: str
    font_family: str
    scope: str  # 「北海道」「佐賀県・長崎県」
    generated_on: str
    target_label: str
    questionnaire: str
    questionnaire_version: str
    national_plan: str
    national_plan_version: str
    city_names: list[str]
    files_read: int
    compared: int
    earlier: int
    rejected_count: int
    summary: list[str]
    notes: list[str]
    columns: list[HeatColumn]
    legend: list[LegendItem]
    heat: list[HeatRow]
    distribution_chart: Markup
    distribution: list[DistRow]
    city_overall: list[str]
    bands: list[BandRow]
    shortfalls: list[ShortfallRow]
    shortfall_areas: list[ShortfallArea]
    trends: list[TrendView]
    rejected: list[RejectedView]
    low_confidence_percent: int
    bands_explained: str
    anonymous: bool = False  # names no municipality (--anonymous)
    shared: list[ReachView] = field(default_factory=list)  # shared gaps, most first
    # Over `named_limit` municipalities the PDF reads by prefecture: one heatmap row and one
    # trend row per prefecture, no lists of names (every municipality stays in the workbook)
    by_prefecture: bool = False
    named_limit: int = 0
    prefecture_heat: list[PrefectureHeatRow] = field(default_factory=list)
    prefecture_trends: list[PrefectureTrendView] = field(default_factory=list)
    hidden_prefectures: int = 0  # anonymous: prefectures with too few municipalities to show
    min_group: int = 3  # anonymous: the fewest municipalities a shown group may have
    prefectures_per_measure: int = 10
    share_example: str = ""  # by prefecture: how to read 「佐賀県 3/20団体（15%）」, from real data
    # one prefecture's report says 管内団体 and 県として; a report over several says otherwise
    kicker: str = "管内団体の比較"
    group_word: str = "管内団体"
    supporter: str = "県として"
    # files with no answer at all: 未提出・未回答, listed in appendix A (empty when anonymous)
    anonymity_note: str = ""  # anonymous: why some values are 「非表示」 and bands merged
    quantile_note: str = ""  # anonymous: why no extremes, and quartiles only over many
    count_note: str = ""  # anonymous: why some counts are words
    hidden_group_note: str = ""  # anonymous: a group too small is left out of chapter 4
    min_quantile_group: int = 10  # anonymous: the fewest scores quartiles are shown over
    unanswered_count: int = 0
    unanswered: list[str] = field(default_factory=list)
