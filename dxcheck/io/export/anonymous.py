"""The tables of a comparison that name no municipality (`compare --anonymous`): per-area
quartiles, peer-band means and shared gaps as counts. Shared by the CSV and XLSX writers.
The rules are core.anonymity's: no group statistic from fewer than MIN_GROUP municipalities, no
minimum or maximum, quartiles only over MIN_QUANTILE_GROUP, counts only well inside the total."""

from __future__ import annotations

from collections.abc import Sequence

from dxcheck.core.anonymity import (
    SUPPRESSED_CELL,
    area_counts_and_quartiles,
    count_note,
    explanation,
    group_rows,
    merge_notes,
    peer_groups,
    published_shared,
    quantile_note,
    shown_count,
)
from dxcheck.core.compare import Comparison, MeasureReach, Reaches
from dxcheck.core.model import Questionnaire
from dxcheck.io.export.rows import Cell

Table = tuple[str, list[str], list[list[Cell]]]


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def distribution_table(comparison: Comparison, q: Questionnaire) -> Table:
    """Per area: the number of municipalities with a score and, when at least
    MIN_QUANTILE_GROUP do, their quartiles (otherwise 「非表示」). No minimum or maximum: each
    is one municipality's score."""
    stats_by_area = area_counts_and_quartiles(comparison.compared, q)
    rows: list[list[Cell]] = []
    for a in q.areas:
        n, d = stats_by_area[a.id]
        stats: list[Cell] = [None] * 3
        if d is not None:
            stats = [_r(d.q1), _r(d.median), _r(d.q3)]
        elif n:
            stats = [SUPPRESSED_CELL] * 3
        rows.append([a.name, n, *stats])
    return "分布", ["分野", "団体数", "第1四分位", "中央値", "第3四分位"], rows


def band_table(comparison: Comparison, q: Questionnaire) -> Table:
    """Peer groups: population bands under MIN_GROUP municipalities merged into a neighbour,
    a mean from fewer than MIN_GROUP shown as 「非表示」, a group still too small left out
    with neither label nor count (core.anonymity.group_rows)."""
    rows: list[list[Cell]] = [
        [
            r.group.label,
            len(r.group.members),
            _shown(r.overall),
            *(_shown(r.areas[a.id]) for a in q.areas),
        ]
        for r in group_rows(comparison.compared, q)
    ]
    return "人口規模別", ["人口規模", "団体数", "総合（平均）", *(a.name for a in q.areas)], rows


def _shown(value: float | None) -> Cell:
    return SUPPRESSED_CELL if value is None else _r(value)


def anonymous_notes(comparison: Comparison) -> list[str]:
    """The comparison's notes naming no one, what was merged or hidden, and why."""
    groups = peer_groups(comparison.compared)
    return [
        *comparison.notes(anonymous=True),
        explanation(),
        quantile_note(),
        count_note(),
        *merge_notes(groups),
    ]


def anonymous_shared_table(
    comparison: Comparison, q: Questionnaire, reaches: Reaches | None
) -> Table:
    """共通の課題 as an anonymous output lists them: from every area's reach, each measure
    under the area where its count as shown is largest, ranked by that count as shown and then
    by public keys (core.anonymity.published_shared) — never a list ranked by hidden counts,
    whose order, choice of area and cut-off would give them back. No `reaches`: no rows."""
    shared = published_shared(reaches or {}, len(comparison.compared))
    return shared_table(comparison, q, shared, anonymous=True)


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
        count: Cell = shown_count(r.count, total) if anonymous else r.count
        share: Cell = round(r.count / total, 3) if total else None
        if not isinstance(count, int):  # a count shown as words: its share would say it
            share = SUPPRESSED_CELL
        row: list[Cell] = [
            r.measure.title,
            q.area(r.area_id).name,
            count,
            share,
            r.measure.cost.label,
            r.measure.horizon.label,
        ]
        if not anonymous:
            row.append("、".join(names.get(c, c) for c in r.codes))
        rows.append(row)
    return "共通の課題", header, rows
