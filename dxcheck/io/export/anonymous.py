"""The tables of a comparison that name no municipality (`compare --anonymous`): per-area
distributions, peer-band means and shared gaps as counts. Shared by the CSV and XLSX writers.
Every group statistic comes from at least core.anonymity.MIN_GROUP municipalities."""

from __future__ import annotations

from collections.abc import Sequence

from dxcheck.core.anonymity import (
    SUPPRESSED,
    SUPPRESSED_CELL,
    area_counts_and_distributions,
    explanation,
    group_rows,
    merge_notes,
    peer_groups,
)
from dxcheck.core.compare import Comparison, MeasureReach
from dxcheck.core.model import Questionnaire
from dxcheck.io.export.rows import Cell

Table = tuple[str, list[str], list[list[Cell]]]


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def distribution_table(comparison: Comparison, q: Questionnaire) -> Table:
    """Per area: the number of municipalities with a score and, when at least MIN_GROUP do,
    their distribution (otherwise 「非表示」: the minimum would be one of them)."""
    stats_by_area = area_counts_and_distributions(comparison.compared, q)
    rows: list[list[Cell]] = []
    for a in q.areas:
        n, d = stats_by_area[a.id]
        stats: list[Cell] = [None] * 5
        if d is not None:
            stats = [_r(d.minimum), _r(d.q1), _r(d.median), _r(d.q3), _r(d.maximum)]
        elif n:
            stats = [SUPPRESSED_CELL] * 5
        rows.append([a.name, n, *stats])
    header = ["分野", "団体数", "最小", "第1四分位", "中央値", "第3四分位", "最大"]
    return "分布", header, rows


def band_table(comparison: Comparison, q: Questionnaire) -> Table:
    """Peer groups: population bands under MIN_GROUP municipalities merged into a neighbour,
    a mean from fewer than MIN_GROUP shown as 「非表示」, a group still too small as
    「団体数が少ないため非表示」 (core.anonymity)."""
    rows: list[list[Cell]] = []
    for r in group_rows(comparison.compared, q):
        if r.group.suppressed:
            cells: list[Cell] = [SUPPRESSED, *([None] * len(q.areas))]
        else:
            cells = [_shown(r.overall), *(_shown(r.areas[a.id]) for a in q.areas)]
        rows.append([r.group.label, len(r.group.members), *cells])
    return "人口規模別", ["人口規模", "団体数", "総合（平均）", *(a.name for a in q.areas)], rows


def _shown(value: float | None) -> Cell:
    return SUPPRESSED_CELL if value is None else _r(value)


def anonymous_notes(comparison: Comparison) -> list[str]:
    """The comparison's notes naming no one, what was merged or hidden, and why."""
    groups = peer_groups(comparison.compared)
    return [*comparison.notes(anonymous=True), explanation(), *merge_notes(groups)]


def shared_table(
    comparison: Comparison,
    q: Questionnaire,
    shared: Sequence[MeasureReach],
    *,
    anonymous: bool,
) -> Table:
    # over several prefectures a name alone is ambiguous (府中市 is in 東京都 and 広島県)
    several = len({s.assessment.municipality.prefecture for s in comparison.compared}) > 1
    names = {
        s.code: (s.assessment.municipality.prefecture if several else "")
        + s.assessment.municipality.name
        for s in comparison.compared
    }
    total = len(comparison.compared)
    header = ["取組", "分野", "団体数", "割合", "費用", "着手"]
    if not anonymous:
        header.append("該当する団体")
    rows: list[list[Cell]] = []
    for r in shared:
        row: list[Cell] = [
            r.measure.title,
            q.area(r.area_id).name,
            r.count,
            round(r.count / total, 3) if total else None,
            r.measure.cost.label,
            r.measure.horizon.label,
        ]
        if not anonymous:
            row.append("、".join(names.get(c, c) for c in r.codes))
        rows.append(row)
    return "共通の課題", header, rows
