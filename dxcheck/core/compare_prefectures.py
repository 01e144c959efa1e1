"""A comparison grouped by prefecture — pure.

A national comparison (or any over many prefectures) has too many municipalities for one row,
or one list of names, each: 1,741 rows are nobody's reading and the bulk of a PDF's layout time.
These summaries say the same things per prefecture; every municipality stays in the workbook.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from dxcheck.core.compare import Comparison, MeasureReach, Submission, Trend
from dxcheck.core.model import Questionnaire
from dxcheck.core.prefectures import PREFECTURES

# An anonymous publication shows no group statistic of fewer municipalities than this: the
# median of one or two municipalities is their own score.
MIN_ANONYMOUS_GROUP = 3


def _order(prefecture: str) -> tuple[int, str]:
    # 全国地方公共団体コード order; a name that is no prefecture (a typo) sorts last, by name
    return (PREFECTURES.index(prefecture), "") if prefecture in PREFECTURES else (99, prefecture)


def by_prefecture(comparison: Comparison) -> dict[str, list[Submission]]:
    """The compared municipalities per prefecture, prefectures in code order."""
    groups: dict[str, list[Submission]] = defaultdict(list)
    for s in comparison.compared:
        groups[s.assessment.municipality.prefecture].append(s)
    return {p: groups[p] for p in sorted(groups, key=_order)}


@dataclass(frozen=True)
class Median:
    """The median of the scores there are, and how many there were (a municipality that
    answered none of an area's questions has no score there)."""

    value: float | None
    n: int


def median_of(values: Sequence[float | None]) -> Median:
    present = [v for v in values if v is not None]
    return Median(statistics.median(present) if present else None, len(present))


@dataclass(frozen=True)
class PrefectureRow:
    """A prefecture's municipalities in one row: how many, and the median of their scores."""

    prefecture: str
    count: int
    overall: Median
    areas: Mapping[str, Median]


def prefecture_rows(comparison: Comparison, questionnaire: Questionnaire) -> list[PrefectureRow]:
    """Per prefecture, the median overall and per-area score of its compared municipalities
    (the median, as a few very high or very low scores should not move a prefecture's row).
    The overall median is of the municipalities' overall scores, not of the area medians."""
    rows = []
    for prefecture, subs in by_prefecture(comparison).items():
        areas = {
            a.id: median_of([s.card.area(a.id).score for s in subs]) for a in questionnaire.areas
        }
        overall = median_of([s.card.overall for s in subs])
        rows.append(PrefectureRow(prefecture, len(subs), overall, areas))
    return rows


@dataclass(frozen=True)
class PrefectureShare:
    """How many of a prefecture's compared municipalities something concerns."""

    prefecture: str
    count: int
    compared: int

    @property
    def share(self) -> float:
        return self.count / self.compared if self.compared else 0.0


def reach_by_prefecture(reach: MeasureReach, comparison: Comparison) -> list[PrefectureShare]:
    """The prefectures of the municipalities a measure would help, the highest share of the
    prefecture's compared municipalities first (then the most municipalities, then code order):
    where joint procurement or a prefecture's support would reach furthest."""
    prefecture_of = {s.code: s.assessment.municipality.prefecture for s in comparison.compared}
    helped = Counter(prefecture_of[c] for c in reach.codes if c in prefecture_of)
    totals = Counter(prefecture_of.values())
    shares = [PrefectureShare(p, n, totals[p]) for p, n in helped.items()]
    return sorted(shares, key=lambda s: (-s.share, -s.count, _order(s.prefecture)))


@dataclass(frozen=True)
class PrefectureTrend:
    """The municipalities of a prefecture that have earlier answers, and how they moved."""

    prefecture: str
    municipalities: int
    improved: int
    declined: int
    unchanged: int  # the same overall score at the shown precision, or no score to compare
    median_change: float | None


def trends_by_prefecture(trend_list: Sequence[Trend]) -> list[PrefectureTrend]:
    """Per prefecture, how the overall score changed from each municipality's earliest answer
    to its latest one."""
    groups: dict[str, list[Trend]] = defaultdict(list)
    for t in trend_list:
        groups[t.prefecture].append(t)
    out = []
    for prefecture in sorted(groups, key=_order):
        changes = [t.overall_change for t in groups[prefecture]]
        # at the precision shown (0.1), so that 上昇 never sits beside a change of ±0.0
        shown = [round(c, 1) for c in changes if c is not None]
        improved = sum(1 for c in shown if c > 0)
        declined = sum(1 for c in shown if c < 0)
        out.append(
            PrefectureTrend(
                prefecture,
                len(changes),
                improved,
                declined,
                len(changes) - improved - declined,
                median_of(changes).value,
            )
        )
    return out
