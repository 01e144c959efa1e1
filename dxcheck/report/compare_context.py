"""Builds the comparison PDF's view model from the core's results (`dxcheck.core.compare`).

Every number comes from the core — scores from `dxcheck.core.scoring`, distributions, peer groups,
shortfalls, helpful measures and trends from `dxcheck.core.compare` — this module only picks, orders
and formats them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence, Set
from dataclasses import replace

from markupsafe import Markup

from dxcheck.core.anonymity import (
    MIN_GROUP,
    MIN_QUANTILE_GROUP,
    SUPPRESSED,
    SUPPRESSED_CELL,
    Quartiles,
    area_counts_and_quartiles,
    count_note,
    explanation,
    focus_areas,
    group_rows,
    hidden_group_note,
    merge_notes,
    nameable,
    peer_groups,
    published_reaches,
    published_shared,
    published_shortfalls,
    quantile_note,
    safe_quartiles,
    shown_count,
)
from dxcheck.core.compare import (
    Comparison,
    Distribution,
    MeasureReach,
    Reaches,
    Submission,
    Trend,
    area_distributions,
    band_means,
    band_order,
    band_overall_means,
    by_band,
    distribution,
    helpful_measures,
    shared_gaps,
    shortfalls,
    trends,
)
from dxcheck.core.compare_prefectures import (
    MIN_ANONYMOUS_GROUP,
    Median,
    PrefectureTrend,
    prefecture_rows,
    reach_by_prefecture,
    trends_by_prefecture,
)
from dxcheck.core.model import BenchmarkCity, Questionnaire
from dxcheck.core.progress import area_numbers
from dxcheck.core.scoring import (
    LOW_CONFIDENCE_BELOW,
    AreaScore,
    Benchmarks,
    Target,
    area_targets,
    benchmark_scores,
)
from dxcheck.report import charts
from dxcheck.report.compare_viewmodel import (
    BandRow,
    CompareContext,
    DistRow,
    HeatCell,
    HeatColumn,
    HeatRow,
    LegendItem,
    PrefectureHeatRow,
    PrefectureTrendView,
    ReachView,
    RejectedView,
    ShortfallArea,
    ShortfallRow,
    TrendRow,
    TrendView,
)
from dxcheck.report.compare_wording import (
    COMPARE_TITLE,
    HEAT_BINS,
    HEAT_LABELS,
    NO_SCORE,
    SummaryFacts,
    comparison_summary,
    group_word,
    heat_class,
    kicker_of,
    problem_text,
    scope_of,
    supporter,
)
from dxcheck.report.wording import fmt, japanese_date, short_date, short_name, signed

SHORTFALL_AREAS = 5  # areas, most municipalities below target first, shown with measures
MEASURES_PER_AREA = 5
# Above this many municipalities the PDF reads by prefecture (see CompareContext.by_prefecture).
# The largest prefecture, 北海道, has 179: a prefecture's own comparison always names everyone.
NAMED_LIMIT = 200
PREFECTURES_PER_MEASURE = 10  # the prefectures named under a measure, highest share first


def heat_cell(value: float | None, low: bool = False) -> HeatCell:
    text = NO_SCORE if value is None else fmt(value) + ("＊" if low else "")
    return HeatCell(text, heat_class(value), low and value is not None)


def _area_cell(area: AreaScore) -> HeatCell:
    return heat_cell(area.score, area.low_confidence)


def build_compare_context(
    comparison: Comparison,
    questionnaire: Questionnaire,
    cities: Sequence[BenchmarkCity],
    target: Target,
    *,
    font_family: str,
    today: dt.date | None = None,
    anonymous: bool = False,
    reaches: Reaches | None = None,
    named_limit: int | None = None,
) -> CompareContext:
    """`anonymous` publishes distributions, peer bands and shared gaps only: no municipality's
    name, code or file appears anywhere (prefectures often may not publish league tables).

    Over `named_limit` municipalities (a national comparison) the heatmap, the trends and the
    lists under each measure are per prefecture instead of per municipality."""
    q = questionnaire
    bench = benchmark_scores(q, cities)
    targets = area_targets(q, bench, target)
    target_label = target.label(bench.names)
    dists: dict[str, Distribution | Quartiles | None] = dict(area_distributions(comparison, q))
    hidden: dict[str, int] = {}  # anonymous: areas whose scores come from too few to show
    if anonymous:  # quartiles only, over MIN_QUANTILE_GROUP scores at least (core.anonymity)
        counted = area_counts_and_quartiles(comparison.compared, q)
        dists = {a: d for a, (_, d) in counted.items()}
        hidden = {a: n for a, (n, d) in counted.items() if d is None and n}
    short = shortfalls(comparison, q, targets)
    # every area's reach at once: it runs each municipality's proposals, the costly part
    reaches = reaches if reaches is not None else helpful_measures(comparison, q, bench, target)
    total = len(comparison.compared)
    thin: list[str] = []  # anonymous: areas too few have a score in to count who is below
    if anonymous:
        # a share below target among fewer than MIN_GROUP is theirs: not shown (those areas
        # named in the questionnaire's order: `short` is still ranked by the hidden counts);
        # the rows, the sections, the measures under them and the shared gaps are ranked by
        # the counts as shown, never by the hidden ones (core.anonymity.shown_order)
        assessed = {s.area_id: s.assessed for s in short}
        thin = [a.name for a in q.areas if 0 < assessed[a.id] < MIN_GROUP]
        short = published_shortfalls(short, q)
        focus = focus_areas(short, SHORTFALL_AREAS)
        reach = {a: published_reaches(reaches.get(a, ()), q, total) for a in focus}
        shared = published_shared(reaches, total)
    else:
        focus = [s.area_id for s in short if s.below > 0][:SHORTFALL_AREAS]
        reach = {a: list(reaches.get(a, ())) for a in focus}
        shared = shared_gaps(reaches)
    number = area_numbers(q)
    names = bench.names
    places = [s.assessment.municipality.prefecture for s in comparison.compared]
    prefectures = set(places)
    if anonymous and len(prefectures) > 1:
        # a prefecture with fewer than MIN_GROUP compared is not named: the total minus the
        # named ones' counts would say how many of its municipalities answered (「佐賀県ほか」)
        named = nameable(places)
        scope = scope_of(named, others=len(named) < len(prefectures))
    else:
        scope = scope_of(sorted(prefectures))
    several = len(prefectures) > 1  # then each row names its prefecture too
    earlier = sum(len(v) for v in comparison.earlier.values())
    overall_scores = [o for s in comparison.compared if (o := s.card.overall) is not None]
    overall = safe_quartiles(overall_scores) if anonymous else distribution(overall_scores)
    city_overall = distribution(
        [o for c in cities if (o := bench.current[c.id].overall) is not None]
    )
    city_median = city_overall.median if city_overall is not None else None
    trend_list = trends(comparison)
    facts = SummaryFacts(
        scope=scope,
        compared=len(comparison.compared),
        files_read=comparison.files_read,
        unanswered=len(comparison.unanswered),
        earlier=earlier,
        rejected=len(comparison.rejected),
        overall=overall,
        city_overall_median=city_median,
        above_city_median=sum(
            1
            for s in comparison.compared
            if city_median is not None
            and s.card.overall is not None
            and s.card.overall > city_median
        ),
        low_coverage=sum(1 for s in comparison.compared if s.card.coverage < LOW_CONFIDENCE_BELOW),
        trends=0 if anonymous else len(trend_list),  # anonymous: no trends are shown
        target_label=target_label,
        with_overall=len(overall_scores),
    )
    top = [r[0] for a in focus if (r := reach.get(a))]
    named_limit = NAMED_LIMIT if named_limit is None else named_limit
    by_prefecture = len(comparison.compared) > named_limit
    member_names = (
        {}
        if anonymous or by_prefecture
        else {s.code: s.assessment.municipality.name for s in comparison.compared}
    )

    def reach_view(r: MeasureReach) -> ReachView:
        view = _reach_view(r, len(comparison.compared), names, member_names, anonymous)
        if not by_prefecture or anonymous:
            return view
        return replace(view, prefectures=_prefecture_shares(r, comparison))

    pref_heat = _prefecture_heat(comparison, q, anonymous) if by_prefecture else []
    return CompareContext(
        title=COMPARE_TITLE,
        font_family=font_family,
        scope=scope,
        generated_on=japanese_date(today or dt.date.today()),
        target_label=target_label,
        questionnaire=q.title,
        questionnaire_version=q.version,
        national_plan=q.national_plan,
        national_plan_version=q.national_plan_version,
        city_names=[c.name for c in cities],
        files_read=facts.files_read,
        compared=facts.compared,
        earlier=earlier,
        rejected_count=facts.rejected,
        summary=comparison_summary(
            facts,
            q,
            dists,
            short,
            top,
            anonymous=anonymous,
            hidden_areas=thin,
        ),
        # by prefecture, a line per municipality with earlier answers would run to pages
        notes=comparison.notes(anonymous=anonymous or by_prefecture)
        + (_anonymity_notes(comparison, thin) if anonymous else []),
        columns=[
            HeatColumn(number[a.id], list(HEAT_LABELS.get(a.id, (short_name(a),)))) for a in q.areas
        ],
        legend=[LegendItem(cls, label) for cls, label in HEAT_BINS]
        + [LegendItem("hn", f"{NO_SCORE} スコアなし")]
        + ([LegendItem("hn", f"{SUPPRESSED_CELL} 団体数が少ないため")] if anonymous else []),
        heat=[
            HeatRow(
                s.code,
                (s.assessment.municipality.prefecture if several else "")
                + s.assessment.municipality.name,
                s.band,
                heat_cell(s.card.overall, s.card.coverage < LOW_CONFIDENCE_BELOW),
                [_area_cell(a) for a in s.card.areas],
            )
            for s in comparison.compared
            if not anonymous and not by_prefecture
        ],
        distribution_chart=_box_chart(
            q,
            dists,
            targets,
            bench,
            target_label,
            font_family,
            group_word(prefectures),
            set(hidden),
            anonymous=anonymous,
        ),
        group_word=group_word(prefectures),
        kicker=kicker_of(prefectures),
        prefectures_per_measure=PREFECTURES_PER_MEASURE,
        share_example=_share_example(shared, comparison) if by_prefecture and not anonymous else "",
        supporter=supporter(prefectures),
        distribution=[
            _dist_row(
                number[a.id],
                a.name,
                dists.get(a.id),
                targets.get(a.id),
                bench,
                a.id,
                hidden.get(a.id, 0),
            )
            for a in q.areas
        ],
        city_overall=[fmt(bench.current[c.id].overall) for c in cities],
        bands=_anonymous_bands(comparison, q)
        if anonymous
        else _bands(comparison, q, named=not by_prefecture),
        shortfalls=[
            ShortfallRow(
                number[s.area_id],
                q.area(s.area_id).name,
                _count_text(s.below, s.assessed, anonymous, unit=False),
                s.assessed,
                _share_text(s.below, s.assessed, anonymous),
                fmt(s.target),
                fmt(d.median)
                if (d := dists.get(s.area_id)) is not None
                else SUPPRESSED_CELL
                if s.area_id in hidden
                else NO_SCORE,
            )
            for s in short
        ],
        shortfall_areas=[
            ShortfallArea(
                number[s.area_id],
                q.area(s.area_id).name,
                _count_text(s.below, s.assessed, anonymous),
                s.assessed,
                fmt(s.target),
                [reach_view(r) for r in reach.get(s.area_id, [])[:MEASURES_PER_AREA]],
            )
            for s in short
            if s.area_id in focus
        ],
        trends=[] if anonymous or by_prefecture else [_trend_view(t, q) for t in trend_list],
        rejected=[]
        if anonymous
        else [
            RejectedView(r.path, [problem_text(p) for p in r.problems] or ["理由不明"])
            for r in comparison.rejected
        ],
        anonymous=anonymous,
        anonymity_note=explanation() if anonymous else "",
        quantile_note=quantile_note() if anonymous else "",
        count_note=count_note() if anonymous else "",
        hidden_group_note=hidden_group_note()
        if anonymous and any(g.suppressed for g in peer_groups(comparison.compared))
        else "",
        min_quantile_group=MIN_QUANTILE_GROUP,
        unanswered_count=len(comparison.unanswered),
        unanswered=[] if anonymous else [_unanswered(s) for s in comparison.unanswered],
        shared=[reach_view(r) for r in shared],
        low_confidence_percent=int(LOW_CONFIDENCE_BELOW * 100),
        bands_explained="・".join(band_order()),
        by_prefecture=by_prefecture,
        named_limit=named_limit,
        prefecture_heat=[row for row in pref_heat if row is not None],
        hidden_prefectures=sum(1 for row in pref_heat if row is None),
        min_group=MIN_ANONYMOUS_GROUP,
        prefecture_trends=[]
        if anonymous or not by_prefecture
        else [_prefecture_trend_view(t) for t in trends_by_prefecture(trend_list)],
    )


def _dist_row(
    number: int,
    name: str,
    d: Distribution | Quartiles | None,
    target: float | None,
    bench: Benchmarks,
    area_id: str,
    hidden_n: int = 0,
) -> DistRow:
    cities = [fmt(bench.current[c.id].area(area_id).score) for c in bench.cities]
    if d is None:
        if hidden_n:  # anonymous, too few to show: and never an extreme
            hide = SUPPRESSED_CELL
            return DistRow(number, name, hidden_n, "", hide, hide, hide, "", fmt(target), cities)
        none = NO_SCORE
        return DistRow(number, name, 0, none, none, none, none, none, fmt(target), cities)
    # anonymous (Quartiles): no extremes, the template leaves their columns out
    low, high = (fmt(d.minimum), fmt(d.maximum)) if isinstance(d, Distribution) else ("", "")
    return DistRow(
        number, name, d.n, low, fmt(d.q1), fmt(d.median), fmt(d.q3), high, fmt(target), cities
    )


def _box_chart(
    q: Questionnaire,
    dists: dict[str, Distribution | Quartiles | None],
    targets: dict[str, float | None],
    bench: Benchmarks,
    target_label: str,
    font_family: str,
    group_label: str,
    hidden: Set[str] = frozenset(),
    *,
    anonymous: bool = False,
) -> Markup:
    """Anonymous: boxes and medians only, no whiskers (each end is one municipality's score)."""
    rows = []
    number = area_numbers(q)
    for a in q.areas:
        d = dists.get(a.id)
        rows.append(
            charts.BoxRow(
                f"{number[a.id]} {short_name(a)}",
                d.minimum if isinstance(d, Distribution) else None,
                d.q1 if d else None,
                d.median if d else None,
                d.q3 if d else None,
                d.maximum if isinstance(d, Distribution) else None,
                targets.get(a.id),
                [bench.current[c.id].area(a.id).score for c in bench.cities],
                *((f"{SUPPRESSED}（{MIN_QUANTILE_GROUP}団体未満）",) if a.id in hidden else ()),
            )
        )
    return Markup(
        charts.box_chart(
            rows,
            [c.name for c in bench.cities],
            target_label=f"目標（{target_label}）",
            font_family=font_family,
            group_label=group_label,
            whiskers=not anonymous,
        )
    )


def _bands(comparison: Comparison, q: Questionnaire, *, named: bool) -> list[BandRow]:
    means = band_means(comparison, q)
    overall = band_overall_means(comparison)
    rows = []
    for band, subs in by_band(comparison).items():
        rows.append(
            BandRow(
                band,
                len(subs),
                heat_cell(overall.get(band)),
                [heat_cell(means[band].get(a.id)) for a in q.areas],
                "、".join(s.assessment.municipality.name for s in subs) if named else "",
            )
        )
    return rows


def _anonymous_bands(comparison: Comparison, q: Questionnaire) -> list[BandRow]:
    """Peer groups of at least MIN_GROUP (small bands merged, core.anonymity); a mean from
    fewer is shown as suppressed, never as a number."""

    def cell(value: float | None) -> HeatCell:
        return HeatCell(SUPPRESSED_CELL, "hn") if value is None else heat_cell(value)

    return [
        BandRow(
            r.group.label,
            len(r.group.members),
            cell(r.overall),
            [cell(r.areas[a.id]) for a in q.areas],
            "",
        )
        for r in group_rows(comparison.compared, q)
    ]


def _anonymity_notes(comparison: Comparison, thin: Sequence[str]) -> list[str]:
    out = [
        explanation(),
        quantile_note(),
        count_note(),
        *merge_notes(peer_groups(comparison.compared)),
    ]
    if thin:
        out.append(
            f"「{'」「'.join(thin)}」はスコアのある団体が{MIN_GROUP}団体未満のため、"
            "目標に届いていない団体の数（5章）を載せていません。"
        )
    return out


def _count_text(count: int, total: int, anonymous: bool, *, unit: bool = True) -> str:
    """「5団体」 (「5」 in a column headed 団体), or anonymous where the count would tell who:
    「3団体未満」「ほぼすべての団体」."""
    shown = shown_count(count, total) if anonymous else count
    if isinstance(shown, str):
        return shown
    return f"{shown}団体" if unit else str(shown)


def _share_text(count: int, total: int, anonymous: bool) -> str:
    """「50%」; 「非表示」 where the count is shown as words (the share would give it back)."""
    if not total:
        return NO_SCORE
    if anonymous and not isinstance(shown_count(count, total), int):
        return SUPPRESSED_CELL
    return f"{round(100 * count / total)}%"


def _reach_view(
    r: MeasureReach,
    compared: int,
    names: dict[str, str],
    members: dict[str, str],
    anonymous: bool = False,
) -> ReachView:
    m = r.measure
    return ReachView(
        title=m.title,
        count=_count_text(r.count, compared, anonymous),
        share=_share_text(r.count, compared, anonymous),
        cost="追加費用なし" if m.cost.rank == 0 else f"費用 {m.cost.label}",
        horizon=m.horizon.label,
        city_names="・".join(dict.fromkeys(names.get(c.city, c.city) for c in m.cities)),
        description=m.description,
        members="、".join(members[c] for c in r.codes if c in members),
    )


def _prefecture_heat(
    comparison: Comparison, q: Questionnaire, anonymous: bool
) -> list[PrefectureHeatRow | None]:
    """One row per prefecture. Anonymous: None for a prefecture too small to show, and
    「非表示」 (as in every anonymous table; 「—」 means no score) for a median of fewer than
    MIN_QUANTILE_GROUP scores — a median of few is one municipality's score, or next to it."""

    def cell(m: Median) -> HeatCell:
        if anonymous and m.n < MIN_QUANTILE_GROUP and m.value is not None:
            return HeatCell(SUPPRESSED_CELL, "hn")
        return heat_cell(m.value)

    return [
        None
        if anonymous and row.count < MIN_ANONYMOUS_GROUP
        else PrefectureHeatRow(
            row.prefecture,
            row.count,
            cell(row.overall),
            [cell(row.areas[a.id]) for a in q.areas],
        )
        for row in prefecture_rows(comparison, q)
    ]


def _prefecture_shares(r: MeasureReach, comparison: Comparison) -> str:
    shares = reach_by_prefecture(r, comparison)
    shown = [
        f"{s.prefecture} {s.count}/{s.compared}団体（{round(100 * s.share)}%）"
        for s in shares[:PREFECTURES_PER_MEASURE]
    ]
    rest = len(shares) - len(shown)
    return "、".join(shown) + (f"　ほか{rest}都道府県" if rest > 0 else "")


def _share_example(shared: Sequence[MeasureReach], comparison: Comparison) -> str:
    """「北海道 45/179団体」は、北海道で比較した179団体のうち45団体が該当することを示します —
    with the first prefecture actually shown, never a made-up one."""
    shares = reach_by_prefecture(shared[0], comparison) if shared else []
    if not shares:
        return ""
    s = shares[0]
    return (
        f"「{s.prefecture} {s.count}/{s.compared}団体」は、{s.prefecture}で比較した"
        f"{s.compared}団体のうち{s.count}団体が該当することを示します"
    )


def _prefecture_trend_view(t: PrefectureTrend) -> PrefectureTrendView:
    return PrefectureTrendView(
        t.prefecture,
        t.municipalities,
        t.improved,
        t.declined,
        t.unchanged,
        signed(t.median_change) if t.median_change is not None else NO_SCORE,
    )


def _unanswered(s: Submission) -> str:
    m = s.assessment.municipality
    return f"{m.code or '団体コードなし'} {m.name or '団体名なし'}（{s.path}）"


def _trend_view(t: Trend, q: Questionnaire) -> TrendView:
    rows = [
        TrendRow(
            short_date(p.assessed_on),
            p.path,
            heat_cell(p.overall),
            [heat_cell(p.areas.get(a.id)) for a in q.areas],
        )
        for p in t.points
    ]
    first, last = t.points[0], t.points[-1]
    if first.overall is not None and last.overall is not None:
        change = (
            f"総合スコア {fmt(first.overall)} → {fmt(last.overall)}"
            f"（{signed(t.overall_change)}、{short_date(first.assessed_on)}から"
            f"{short_date(last.assessed_on)}まで）"
        )
    else:
        change = "総合スコアを比べられる回答がありません"
    return TrendView(t.code, t.name, rows, change)
