"""Comparing many municipalities' assessments — pure: takes checked submissions, returns numbers.

Nothing is dropped silently: every input is either a compared submission, an earlier
assessment of the same municipality (kept for its trend), or a rejected file with its reasons.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from dxcheck.core.answers import is_blank
from dxcheck.core.errors import Problem
from dxcheck.core.model import Assessment, Measure, Questionnaire
from dxcheck.core.scoring import (
    AreaGap,
    AreaTargets,
    Benchmarks,
    ScoreCard,
    Target,
    area_gaps,
    score_assessment,
)
from dxcheck.core.suggest import suggest

# 人口規模の区分: the bands prefectures and 総務省 use when grouping municipalities
POPULATION_BANDS: tuple[tuple[int, str], ...] = (
    (10_000, "1万人未満"),
    (30_000, "1万〜3万人"),
    (50_000, "3万〜5万人"),
    (100_000, "5万〜10万人"),
    (200_000, "10万〜20万人"),
    (10**9, "20万人以上"),
)
UNKNOWN_BAND = "人口不明"


def population_band(population: int | None) -> str:
    if population is None:
        return UNKNOWN_BAND
    return next(label for limit, label in POPULATION_BANDS if population < limit)


def band_order() -> list[str]:
    return [label for _, label in POPULATION_BANDS] + [UNKNOWN_BAND]


@dataclass(frozen=True)
class Submission:
    """A valid answer file, scored."""

    path: str
    assessment: Assessment
    card: ScoreCard
    warnings: tuple[Problem, ...] = ()
    # the questionnaire version the file was written for (its answers are read under the
    # current one when a mapping exists): the comparison says which version each file had
    file_version: str = ""

    @property
    def version(self) -> str:
        return self.file_version or self.assessment.questionnaire_version

    @property
    def code(self) -> str:
        return self.assessment.municipality.code

    @property
    def assessed_on(self) -> dt.date | None:
        return self.assessment.meta.assessed_on

    @property
    def band(self) -> str:
        return population_band(self.assessment.municipality.population)


@dataclass(frozen=True)
class Rejected:
    """A file that could not be compared, with every located reason."""

    path: str
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class Distribution:
    n: int
    minimum: float
    q1: float
    median: float
    q3: float
    maximum: float


@dataclass
class Comparison:
    compared: list[Submission]
    earlier: dict[str, list[Submission]] = field(default_factory=dict)
    rejected: list[Rejected] = field(default_factory=list)
    other_versions: dict[str, int] = field(default_factory=dict)
    upgraded_versions: dict[str, int] = field(default_factory=dict)
    # valid files with no answer at all (core.answers.is_blank): forms sent out and not filled
    # in. Counted and listed as 未提出・未回答, never in statistics, heatmap or shared gaps.
    # `unanswered`: municipalities with no answered file; `blank_copies`: a blank file beside
    # an answered one of the same municipality (a returned form saved under a new name)
    unanswered: list[Submission] = field(default_factory=list)
    blank_copies: list[Submission] = field(default_factory=list)

    @property
    def files_read(self) -> int:
        """Every file that was read, whatever became of it."""
        earlier = sum(len(v) for v in self.earlier.values())
        blank = len(self.unanswered) + len(self.blank_copies)
        return len(self.compared) + earlier + len(self.rejected) + blank

    def notes(self, *, anonymous: bool = False) -> list[str]:
        """What the comparison decided, in sentences a prefecture officer can forward;
        `anonymous` names no municipality and no file."""
        out: list[str] = []
        if self.unanswered:
            out.append(self._unanswered_note(anonymous))
        if self.blank_copies:
            files = "" if anonymous else "（" + "、".join(s.path for s in self.blank_copies) + "）"
            out.append(
                f"回答のないファイルが {len(self.blank_copies)} 件ありますが、同じ団体の回答のある"
                f"ファイルがあるため、そちらを比較に使いました{files}。"
            )
        if anonymous and self.earlier:
            out.append(
                f"{len(self.earlier)} 団体は回答が複数あり、それぞれ最新の回答を比較に使いました。"
            )
        for code, older in sorted(self.earlier.items() if not anonymous else ()):
            latest = next(s for s in self.compared if s.code == code)
            m = latest.assessment.municipality
            when = latest.assessed_on.isoformat() if latest.assessed_on else "日付なし"
            out.append(
                f"{m.prefecture}{m.name}（{code}）の回答が {len(older) + 1} 件あります。"
                f"最新（{when}、{latest.path}）を比較に使い、以前の {len(older)} 件は推移に使いました。"
            )
        for version, count in sorted(self.upgraded_versions.items()):
            out.append(
                f"質問票 {version} 版の回答ファイルが {count} 件あります。"
                "版の対応表で現在の質問票に読み替えて比較しました（新しい質問は未回答として扱います）。"
            )
        for version, count in sorted(self.other_versions.items()):
            out.append(
                f"質問票 {version} 版の回答ファイルが {count} 件あります。"
                "現在の質問票と共通する質問で比較しました（ない質問は未回答として扱います）。"
            )
        return out

    def _unanswered_note(self, anonymous: bool, shown: int = 50) -> str:
        count = len(self.unanswered)
        line = (
            "回答のないファイル（レベル・数値・「わからない」のどれも記入されていないもの、"
            f"または前回の回答を記入した下書きが変更されないまま返ったもの）が"
            f" {count} 件あります。未提出・未回答として数え、比較・分布・共通の課題には入れていません。"
        )
        if anonymous:
            return line
        named = [
            f"{s.assessment.municipality.name or '団体名なし'}（{s.path}）"
            for s in self.unanswered[:shown]
        ]
        more = f" ほか {count - shown} 件" if count > shown else ""
        return line + "該当: " + "、".join(named) + more

    def trend(self, code: str) -> list[Submission]:
        """All assessments of a municipality, oldest first (the compared one last)."""
        latest = [s for s in self.compared if s.code == code]
        return [*self.earlier.get(code, []), *latest]


def _recency(s: Submission) -> tuple[dt.date, str]:
    return (s.assessed_on or dt.date.min, s.path)


def build_comparison(
    submissions: Sequence[Submission], rejected: Sequence[Rejected], questionnaire: Questionnaire
) -> Comparison:
    """Latest assessment per municipality is compared; earlier ones feed its trend; files with
    no answer at all (core.answers.is_blank) are set apart as unanswered."""
    by_code: dict[str, list[Submission]] = defaultdict(list)
    blank: list[Submission] = []
    for s in submissions:
        if is_blank(s.assessment):
            blank.append(s)
        else:
            by_code[s.code].append(s)
    compared: list[Submission] = []
    earlier: dict[str, list[Submission]] = {}
    for code, group in by_code.items():
        group.sort(key=_recency)
        compared.append(group[-1])
        if len(group) > 1:
            earlier[code] = group[:-1]
    compared.sort(key=lambda s: s.code)
    versions: dict[str, int] = defaultdict(int)
    upgraded: dict[str, int] = defaultdict(int)
    for s in compared:
        if s.version == questionnaire.version:
            continue
        if s.assessment.questionnaire_version == questionnaire.version:
            upgraded[s.version] += 1
        else:
            versions[s.version] += 1
    return Comparison(
        compared,
        earlier,
        sorted(rejected, key=lambda r: r.path),
        dict(versions),
        dict(upgraded),
        sorted((s for s in blank if s.code not in by_code), key=lambda s: (s.code, s.path)),
        sorted((s for s in blank if s.code in by_code), key=lambda s: (s.code, s.path)),
    )


def submission(
    path: str,
    assessment: Assessment,
    questionnaire: Questionnaire,
    warnings: Sequence[Problem] = (),
    file_version: str = "",
) -> Submission:
    return Submission(
        path,
        assessment,
        score_assessment(questionnaire, assessment),
        tuple(warnings),
        file_version,
    )


def distribution(values: Sequence[float]) -> Distribution | None:
    """Median, quartiles and range; None when no municipality has a score for the area."""
    data = sorted(values)
    if not data:
        return None
    if len(data) == 1:
        v = data[0]
        return Distribution(1, v, v, v, v, v)
    q1, median, q3 = statistics.quantiles(data, n=4, method="inclusive")
    return Distribution(len(data), data[0], q1, median, q3, data[-1])


def area_distributions(
    comparison: Comparison, questionnaire: Questionnaire
) -> dict[str, Distribution | None]:
    return {
        area.id: distribution(
            [s for sub in comparison.compared if (s := sub.card.area(area.id).score) is not None]
        )
        for area in questionnaire.areas
    }


def by_band(comparison: Comparison) -> dict[str, list[Submission]]:
    groups: dict[str, list[Submission]] = {band: [] for band in band_order()}
    for s in comparison.compared:
        groups[s.band].append(s)
    return {band: subs for band, subs in groups.items() if subs}


def band_means(
    comparison: Comparison, questionnaire: Questionnaire
) -> dict[str, dict[str, float | None]]:
    """Mean area score per population band (peer groups)."""
    out: dict[str, dict[str, float | None]] = {}
    for band, subs in by_band(comparison).items():
        row: dict[str, float | None] = {}
        for area in questionnaire.areas:
            scores = [s for sub in subs if (s := sub.card.area(area.id).score) is not None]
            row[area.id] = statistics.fmean(scores) if scores else None
        out[band] = row
    return out


# How a count of municipalities ranks, given how many could have counted (`total`): a sort key,
# smallest first. A named comparison ranks by the count itself; an anonymous one by the count
# as published (core.anonymity.shown_order), so that the order of rows never tells a count
# the rows do not show.
CountOrder = Callable[[int, int], tuple[int, ...]]


def most_first(count: int, total: int) -> tuple[int, ...]:
    """The named comparison's order: the largest count first."""
    return (-count,)


@dataclass(frozen=True)
class AreaShortfall:
    area_id: str
    below: int
    assessed: int
    target: float | None


def shortfalls(
    comparison: Comparison,
    questionnaire: Questionnaire,
    targets: AreaTargets,
    *,
    order: CountOrder = most_first,
) -> list[AreaShortfall]:
    """Per area, how many municipalities are below the target — most first (by `order`), then
    the national priority and the area's number."""
    # each municipality's gaps once (not once per area: 14× the work on a national comparison)
    by_area: dict[str, list[AreaGap]] = defaultdict(list)
    for sub in comparison.compared:
        for g in area_gaps(sub.card, targets, questionnaire):
            by_area[g.area.area.id].append(g)
    out = []
    for area in questionnaire.areas:
        assessed = [g for g in by_area[area.id] if g.gap is not None]
        below = [g for g in assessed if (g.gap or 0) > 0]
        out.append(AreaShortfall(area.id, len(below), len(assessed), targets.get(area.id)))
    return rank_shortfalls(out, questionnaire, order=order)


def rank_shortfalls(
    items: Sequence[AreaShortfall], questionnaire: Questionnaire, *, order: CountOrder = most_first
) -> list[AreaShortfall]:
    """Most below target first (by `order`); ties by national priority, then area number —
    a total order, so the result never depends on the order `items` came in."""
    index = {a.id: i for i, a in enumerate(questionnaire.areas)}
    return sorted(
        items,
        key=lambda s: (
            *order(s.below, s.assessed),
            questionnaire.area(s.area_id).priority,
            index[s.area_id],
        ),
    )


# ---------------------------------------------------------------- measures that help most


@dataclass(frozen=True)
class MeasureReach:
    """A catalog measure and the compared municipalities it would help in one area: each has
    a question of the area below its target level that the measure raises."""

    measure: Measure
    area_id: str
    codes: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.codes)


def helpful_measures(
    comparison: Comparison,
    questionnaire: Questionnaire,
    benchmarks: Benchmarks,
    target: Target,
    area_ids: Sequence[str] | None = None,
) -> dict[str, list[MeasureReach]]:
    """Per area, the measures ranked by how many compared municipalities they would help.

    Uses `dxcheck.core.suggest` for each municipality, so "below target" and "raises" mean exactly
    what they mean in a municipality's own report. Ties: no-cost first, then the national
    priority of the measure's area, then the measure id.
    """
    wanted = set(area_ids) if area_ids is not None else {a.id for a in questionnaire.areas}
    helped: dict[tuple[str, str], list[str]] = defaultdict(list)
    measures: dict[str, Measure] = {}
    for sub in comparison.compared:
        for s in suggest(questionnaire, sub.card.states, benchmarks, target).ranked:
            measures[s.measure.id] = s.measure
            for area_id in s.area_ids:
                if area_id in wanted:
                    helped[(area_id, s.measure.id)].append(sub.code)
    found: dict[str, list[MeasureReach]] = {a.id: [] for a in questionnaire.areas if a.id in wanted}
    for (area_id, measure_id), codes in helped.items():
        found[area_id].append(MeasureReach(measures[measure_id], area_id, tuple(codes)))
    total = len(comparison.compared)
    return {a: rank_reaches(r, questionnaire, total) for a, r in found.items()}


def rank_reaches(
    reaches: Sequence[MeasureReach],
    questionnaire: Questionnaire,
    total: int,
    *,
    order: CountOrder = most_first,
) -> list[MeasureReach]:
    """An area's measures, the most helped first (by `order`, of `total` compared); ties:
    no-cost first, then the national priority of the measure's area, then the measure id —
    a total order, so the result never depends on the order `reaches` came in."""
    priority = {a.id: a.priority for a in questionnaire.areas}
    return sorted(
        reaches,
        key=lambda r: (
            *order(r.count, total),
            r.measure.cost.rank,
            priority.get(r.measure.area, 3),
            r.measure.id,
        ),
    )


Reaches = Mapping[str, Sequence[MeasureReach]]


def shared_gaps(
    reaches: Reaches, *, limit: int = 30, order: CountOrder = most_first, total: int = 0
) -> list[MeasureReach]:
    """The measures that many compared municipalities lack at the same time (at least two):
    where a prefecture's joint procurement, shared staff or training reaches the most.
    `reaches` is helpful_measures over every area (computed once: it runs the proposals of
    every municipality). One entry per measure (its largest area reach by `order` of `total`
    compared; between equals the first area), most first, then no-cost first, then by id."""
    best: dict[str, MeasureReach] = {}
    for area_reaches in reaches.values():
        for r in area_reaches:
            if r.count < 2:
                continue
            kept = best.get(r.measure.id)
            if kept is None or order(r.count, total) < order(kept.count, total):
                best[r.measure.id] = r
    ranked = sorted(
        best.values(), key=lambda r: (*order(r.count, total), r.measure.cost.rank, r.measure.id)
    )
    return ranked[:limit]


# ---------------------------------------------------------------- trend


@dataclass(frozen=True)
class TrendPoint:
    """One assessment of a municipality: its date, file and scores."""

    assessed_on: dt.date | None
    path: str
    overall: float | None
    areas: Mapping[str, float | None]


@dataclass(frozen=True)
class Trend:
    code: str
    name: str
    prefecture: str
    points: tuple[TrendPoint, ...]  # oldest first; the compared (latest) one last

    @property
    def overall_change(self) -> float | None:
        """Latest overall score − earliest; None when either has no score."""
        first, last = self.points[0].overall, self.points[-1].overall
        return None if first is None or last is None else last - first


def trends(comparison: Comparison) -> list[Trend]:
    """Every municipality with earlier assessments: overall and per-area scores by date."""
    out: list[Trend] = []
    for code in sorted(comparison.earlier):
        subs = comparison.trend(code)
        m = subs[-1].assessment.municipality
        points = tuple(
            TrendPoint(
                s.assessed_on,
                s.path,
                s.card.overall,
                {a.area.id: a.score for a in s.card.areas},
            )
            for s in subs
        )
        out.append(Trend(code, m.name, m.prefecture, points))
    return out


def band_overall_means(comparison: Comparison) -> dict[str, float | None]:
    """Mean overall score per population band (peer groups)."""
    out: dict[str, float | None] = {}
    for band, subs in by_band(comparison).items():
        scores = [o for sub in subs if (o := sub.card.overall) is not None]
        out[band] = statistics.fmean(scores) if scores else None
    return out
