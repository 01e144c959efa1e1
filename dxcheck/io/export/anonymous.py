"""The tables of a comparison that name no municipality (`compare --anonymous`): per-area
distributions, peer-band means and shared gaps as counts. Shared by the CSV and XLSX writers."""

from __future__ import annotations

from collections.abc import Sequence

from dxcheck.core.compare import (
    Comparison,
    MeasureReach,
    area_distributions,
    band_means,
    band_overall_means,
    by_band,
)
from dxcheck.core.model import Questionnaire
from dxcheck.io.export.rows import Cell

Table = tuple[str, list[str], list[list[Cell]]]


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def distribution_table(comparison: Comparison, q: Questionnaire) -> Table:
    dists = area_distributions(comparison, q)
    rows: list[list[Cell]] = []
    for a in q.areas:
        d = dists.get(a.id)
        stats: list[Cell] = [None] * 5
        if d is not None:
            stats = [_r(d.minimum), _r(d.q1), _r(d.median), _r(d.q3), _r(d.maximum)]
        rows.append([a.name, d.n if d else 0, *stats])
    header = ["分野", "団体数", "最小", "第1四分位", "中央値", "第3四分位", "最大"]
    return "分布", header, rows


def band_table(comparison: Comparison, q: Questionnaire) -> Table:
    means = band_means(comparison, q)
    overall = band_overall_means(comparison)
    rows: list[list[Cell]] = [
        [band, len(subs), _r(overall.get(band)), *(_r(means[band].get(a.id)) for a in q.areas)]
        for band, subs in by_band(comparison).items()
    ]
    return "人口規模別", ["人口規模", "団体数", "総合（平均）", *(a.name for a in q.areas)], rows


def shared_table(
    comparison: Comparison,
    q: Questionnaire,
    shared: Sequence[MeasureReach],
    *,
    anonymous: bool,
) -> Table:
    names = {s.code: s.assessment.municipality.name for s in comparison.compared}
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
