"""Statistics that name no municipality and cannot be traced to one (`compare --anonymous`).

Leaving names out is not enough: a group of one or two is a municipality. A prefecture has one
政令市, often one 村 in a population band; a band's mean over one municipality is its score, and
over two, each of the pair can subtract its own score and read the other's. So every group
statistic an anonymous output shows comes from at least MIN_GROUP municipalities — the rule
Japan's official statistics use when they hide (秘匿) a cell of one or two respondents (e.g.
経済センサス). Population bands under the minimum are merged into their neighbour; a group, or
one area's value within it, still under the minimum is shown as suppressed, never as a number.
Pure: takes submissions, returns groups and numbers (docs/data-format.md §8).
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from dxcheck.core.compare import (
    POPULATION_BANDS,
    UNKNOWN_BAND,
    Distribution,
    Submission,
    distribution,
)
from dxcheck.core.model import Questionnaire

MIN_GROUP: Final = 3
SUPPRESSED: Final = "団体数が少ないため非表示"  # a whole group, or an output with too few
SUPPRESSED_CELL: Final = "非表示"  # one value of a table (the table's note says why)


def explanation(k: int = MIN_GROUP) -> str:
    """The sentence every anonymous output carries beside its tables."""
    return (
        f"団体が特定されないよう、{k}団体未満から計算される値は示していません（「{SUPPRESSED_CELL}」）。"
        f"{k}団体未満の人口規模は隣の区分とまとめています。"
    )


@dataclass(frozen=True)
class PeerGroup:
    """Municipalities of neighbouring population bands, at least `k` of them unless even all
    together are fewer (then `suppressed`); `bands` are the original bands it covers."""

    label: str
    bands: tuple[str, ...]
    members: tuple[Submission, ...]
    k: int = MIN_GROUP

    @property
    def suppressed(self) -> bool:
        return len(self.members) < self.k

    @property
    def merged(self) -> bool:
        return len(self.bands) > 1


def _man(people: int) -> str:
    """10,000 → 「1万」: the bands' own way of writing their limits."""
    return f"{people // 10_000}万" if people % 10_000 == 0 else f"{people:,}"


def _range_label(low: int, high: int | None) -> str:
    if low == 0 and high is None:
        return "すべての人口規模"
    if low == 0 and high is not None:
        return f"{_man(high)}人未満"
    if high is None:
        return f"{_man(low)}人以上"
    return f"{_man(low)}〜{_man(high)}人"


def peer_groups(submissions: Sequence[Submission], k: int = MIN_GROUP) -> list[PeerGroup]:
    """Population bands with fewer than `k` municipalities merged into a neighbour: the
    smallest group first, into its smaller neighbour, until every group holds `k` (or only
    one is left). 人口不明 has no neighbour: it stands alone, suppressed when under `k`."""
    limits = [limit for limit, _ in POPULATION_BANDS]
    # (low, high, band labels, members) per non-empty band, in population order
    groups: list[tuple[int, int | None, list[str], list[Submission]]] = []
    for i, (limit, label) in enumerate(POPULATION_BANDS):
        members = [s for s in submissions if s.band == label]
        if members:
            high = None if i == len(limits) - 1 else limit
            groups.append((0 if i == 0 else limits[i - 1], high, [label], members))
    while len(groups) > 1 and min(len(g[3]) for g in groups) < k:
        i = min(range(len(groups)), key=lambda j: len(groups[j][3]))
        left = len(groups[i - 1][3]) if i > 0 else None
        right = len(groups[i + 1][3]) if i + 1 < len(groups) else None
        j = i - 1 if right is None or (left is not None and left <= right) else i + 1
        a, b = sorted((i, j))
        merged = (
            groups[a][0],
            groups[b][1],
            groups[a][2] + groups[b][2],
            groups[a][3] + groups[b][3],
        )
        groups[a : b + 1] = [merged]
    out = [
        PeerGroup(
            bands[0] if len(bands) == 1 else _range_label(low, high),
            tuple(bands),
            tuple(members),
            k,
        )
        for low, high, bands, members in groups
    ]
    unknown = [s for s in submissions if s.band == UNKNOWN_BAND]
    if unknown:
        out.append(PeerGroup(UNKNOWN_BAND, (UNKNOWN_BAND,), tuple(unknown), k))
    return out


def safe_mean(values: Sequence[float], k: int = MIN_GROUP) -> float | None:
    """The mean, or None when it would come from fewer than `k` municipalities."""
    return statistics.fmean(values) if len(values) >= k else None


def safe_distribution(values: Sequence[float], k: int = MIN_GROUP) -> Distribution | None:
    """The distribution, or None when it would come from fewer than `k` municipalities (its
    minimum and maximum would be one of them; with two, each reads the other's)."""
    return distribution(values) if len(values) >= k else None


def area_counts_and_distributions(
    submissions: Sequence[Submission], questionnaire: Questionnaire, k: int = MIN_GROUP
) -> dict[str, tuple[int, Distribution | None]]:
    """Per area: how many municipalities have a score, and their distribution when at least
    `k` do (None otherwise: the count is shown, the values are not)."""
    out: dict[str, tuple[int, Distribution | None]] = {}
    for a in questionnaire.areas:
        values = [v for s in submissions if (v := s.card.area(a.id).score) is not None]
        out[a.id] = (len(values), safe_distribution(values, k))
    return out


@dataclass(frozen=True)
class GroupRow:
    """One peer group's line of an anonymous table: the overall and each area's mean, None
    where fewer than `k` members have a score (shown as suppressed)."""

    group: PeerGroup
    overall: float | None
    areas: dict[str, float | None]


def group_rows(
    submissions: Sequence[Submission], questionnaire: Questionnaire, k: int = MIN_GROUP
) -> list[GroupRow]:
    rows = []
    for g in peer_groups(submissions, k):
        overall = safe_mean([o for s in g.members if (o := s.card.overall) is not None], k)
        areas = {
            a.id: safe_mean([v for s in g.members if (v := s.card.area(a.id).score) is not None], k)
            for a in questionnaire.areas
        }
        rows.append(GroupRow(g, overall, areas))
    return rows


def merge_notes(groups: Sequence[PeerGroup]) -> list[str]:
    """What was merged or hidden, in sentences for the notes."""
    out = []
    for g in groups:
        if g.merged:
            out.append(
                f"人口規模「{'」「'.join(g.bands)}」は団体数が少ないため、「{g.label}」にまとめました。"
            )
        if g.suppressed:
            out.append(f"人口規模「{g.label}」は{SUPPRESSED}にしました（{g.k}団体未満）。")
    return out
