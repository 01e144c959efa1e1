"""Builds the report's view model from the core's results.

Every number comes from the core (`dxcheck.core.scoring`, `dxcheck.core.suggest`); this module only picks,
orders and formats it, so that the templates lay out and never compute.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from markupsafe import Markup

from dxcheck.core.delta import compare_cards
from dxcheck.core.model import Assessment, BenchmarkCity, BenchmarkEntry, Question, Questionnaire
from dxcheck.core.progress import area_numbers, question_numbers
from dxcheck.core.roadmap import Analysis, Roadmap, analyse, reiwa
from dxcheck.core.scoring import (
    LOW_CONFIDENCE_BELOW,
    UNKNOWN,
    AreaGap,
    Benchmarks,
    ScoreCard,
    Target,
    biggest_gaps,
    score_assessment,
)
from dxcheck.core.suggest import (
    BODY_LIMIT,
    Skipped,
    Suggestion,
    Suggestions,
    proposal_target,
)
from dxcheck.report import charts
from dxcheck.report.changes_context import changes_view, summary_line
from dxcheck.report.viewmodel import (
    AreaView,
    CityCell,
    CityDoing,
    CityLevel,
    CityWhy,
    KeyGap,
    MeasureView,
    PendingGroup,
    QuestionView,
    ReportContext,
    RoadmapGroup,
    SkippedView,
    SourceView,
    TableRow,
)
from dxcheck.report.wording import (
    BASIS_LABELS,
    REPORT_TITLE,
    SKIP_LABELS,
    fmt,
    japanese_date,
    kpi_text,
    level_label,
    proposals_sentence,
    short_date,
    short_name,
    shown_gap,
    summary_sentences,
    value_text,
)
from dxcheck.report.workshop_context import question_workshop, workshop_line, workshop_view

PRIORITY_COUNT = 5  # the summary's priorities: the first of the roadmap


def build_context(
    assessment: Assessment,
    questionnaire: Questionnaire,
    cities: Sequence[BenchmarkCity],
    target: Target,
    *,
    font_family: str,
    today: dt.date | None = None,
    baseline: Assessment | None = None,
    plan: Analysis | None = None,
) -> ReportContext:
    """The report's view model; with a `baseline` (an earlier answer file of the same
    municipality) it carries the 前回からの変化 chapter, and a merged workshop file carries
    its respondents and disagreements."""
    if plan is None:
        plan = analyse(assessment, questionnaire, cities, target, today=today or dt.date.today())
    card, bench, sugg, road = plan.card, plan.bench, plan.suggestions, plan.roadmap
    targets, gaps = plan.targets, plan.gaps
    names = bench.names
    target_label = target.label(names)
    m = assessment.municipality

    measures = _measure_views(road, questionnaire, names)
    body = [v for v in measures if v.in_body]
    by_id = {v.anchor: v for v in measures}
    key = biggest_gaps(gaps, 3)

    number = area_numbers(questionnaire)
    numbers = question_numbers(questionnaire)
    areas = [
        _area_view(
            number[gap.area.area.id],
            numbers,
            gap,
            questionnaire,
            assessment,
            card,
            bench,
            target,
            target_label,
            [by_id[_anchor(s)] for s in sugg.for_area(gap.area.area.id)],
            {v.anchor for v in body if v.section == f"3-{number[gap.area.area.id]}"},
            [g.question.text for g in sugg.uncovered if g.question.area == gap.area.area.id],
        )
        for gap in gaps
    ]
    next_chapter = 5  # after 4 ロードマップ
    changes = None
    if baseline is not None:
        changes = changes_view(
            compare_cards(
                questionnaire,
                baseline,
                assessment,
                score_assessment(questionnaire, baseline),
                card,
            ),
            numbers,
            next_chapter,
            m.name,
        )
        next_chapter += 1
    workshop = workshop_view(
        assessment,
        questionnaire,
        card,
        numbers,
        {a.id: f"area-{a.id}" for a in questionnaire.areas},
        next_chapter,
    )
    summary = summary_sentences(card, bench, gaps, sugg, target_label, m.name)
    if changes is not None:
        summary.append(summary_line(changes))
    if workshop is not None:
        summary.append(workshop_line(workshop))
    return ReportContext(
        title=REPORT_TITLE,
        font_family=font_family,
        municipality=m.name,
        prefecture=m.prefecture,
        code=m.code,
        population="—" if m.population is None else f"{m.population:,}人",
        respondent=assessment.meta.respondent or "—",
        department=assessment.meta.department or "—",
        assessed_on=japanese_date(assessment.meta.assessed_on),
        generated_on=japanese_date(today or dt.date.today()),
        questionnaire=questionnaire.title,
        questionnaire_version=questionnaire.version,
        national_plan=questionnaire.national_plan,
        national_plan_version=questionnaire.national_plan_version,
        target_label=target_label,
        city_names=[c.name for c in cities],
        overall=fmt(card.overall),
        coverage_percent=round(card.coverage * 100),
        answered=card.answered,
        total=card.total,
        summary=summary,
        key_gaps=[
            KeyGap(
                g.area.area.name,
                f"area-{g.area.area.id}",
                fmt(g.area.score),
                fmt(g.target),
                shown_gap(g.area.score, g.target),
                [by_id[_anchor(s)] for s in sugg.for_area(g.area.area.id)[:3]],
            )
            for g in key
        ],
        dots=_dots(card, bench, targets, questionnaire, target_label, m.name, font_family),
        table=[_table_row(number[g.area.area.id], g, bench) for g in gaps],
        city_overall=[
            CityCell(
                fmt(bench.current[c.id].overall),
                bench.current[c.id].coverage < LOW_CONFIDENCE_BELOW,
            )
            for c in cities
        ],
        areas=areas,
        roadmap=_year_groups(road, body),
        suggestion_count=len(measures),
        sources=_sources(cities, questionnaire, sugg, bench),
        unknown=_pending(questionnaire, sugg.unknown),
        unanswered=_pending(questionnaire, sugg.unanswered),
        no_target_count=len(sugg.no_target),
        no_target_numbers="質問番号: " + "、".join(numbers[x.id] for x in sugg.no_target),
        unknown_count=len(sugg.unknown),
        unanswered_count=len(sugg.unanswered),
        changes=changes,
        workshop=workshop,
        priorities=body[:PRIORITY_COUNT],
        body=body,
        more=[v for v in measures if not v.in_body],
        skipped=[_skipped_view(x, numbers) for x in sugg.skipped if x.reason != "reached"],
        gantt=_gantt(road, body, font_family),
        plan_period=road.period,
        proposals_note=proposals_sentence(sugg, target_label),
    )


def _anchor(s: Suggestion) -> str:
    return f"m-{s.measure.id}"


def _primary_area(s: Suggestion) -> str:
    """The area whose section shows a measure in full: its own, if it closes a gap there."""
    return s.measure.area if s.measure.area in s.area_ids else s.area_ids[0]


def _table_row(number: int, gap: AreaGap, bench: Benchmarks) -> TableRow:
    area = gap.area
    return TableRow(
        number=number,
        anchor=f"area-{area.area.id}",
        name=area.area.name,
        own=fmt(area.score),
        low=area.low_confidence and area.score is not None,
        cities=[
            CityCell(fmt((a := bench.current[c.id].area(area.area.id)).score), a.low_confidence)
            for c in bench.cities
        ],
        target=fmt(gap.target),
        gap=shown_gap(area.score, gap.target),
        coverage=f"{area.answered}/{area.total}",
    )


def _dots(
    card: ScoreCard,
    bench: Benchmarks,
    targets: dict[str, float | None],
    q: Questionnaire,
    target_label: str,
    own_label: str,
    font_family: str,
) -> Markup:
    number = area_numbers(q)
    rows = [
        charts.DotRow(
            f"{number[a.area.id]} {short_name(a.area)}",
            a.score,
            targets.get(a.area.id),
            [bench.current[c.id].areas[i].score for c in bench.cities],
        )
        for i, a in enumerate(card.areas)
    ]
    return Markup(
        charts.dot_chart(
            rows,
            [c.name for c in bench.cities],
            own_label=own_label or "自団体",
            target_label="目標",
            font_family=font_family,
        )
    )


def _area_view(
    number: int,
    numbers: dict[str, str],
    gap: AreaGap,
    q: Questionnaire,
    assessment: Assessment,
    card: ScoreCard,
    bench: Benchmarks,
    target: Target,
    target_label: str,
    measures: list[MeasureView],
    shown: set[str],
    uncovered: list[str],
) -> AreaView:
    area = gap.area
    aid = area.area.id
    questions = [
        _question_view(numbers[question.id], question, q, assessment, card, bench, target)
        for question in q.questions_in(aid)
    ]
    return AreaView(
        number=number,
        anchor=f"area-{aid}",
        name=area.area.name,
        category=area.area.category.value,
        description=area.area.description,
        score=fmt(area.score),
        target=fmt(gap.target),
        gap=shown_gap(area.score, gap.target),
        answered=area.answered,
        total=area.total,
        unknown=area.unknown,
        unanswered=area.unanswered,
        low=area.low_confidence,
        questions=questions,
        measures=[m for m in measures if m.anchor in shown],
        more=[m for m in measures if m.anchor not in shown],
        uncovered=uncovered,
    )


def _question_view(
    number: str,
    question: Question,
    q: Questionnaire,
    assessment: Assessment,
    card: ScoreCard,
    bench: Benchmarks,
    target: Target,
) -> QuestionView:
    state = card.states.get(question.id)
    answer = assessment.answers.get(question.id)
    wanted = proposal_target(q, bench, question, target)
    if isinstance(state, int):
        kind, own = "answered", level_label(state)
    elif state == UNKNOWN:
        kind, own = "unknown", "わからない"
    else:
        kind, own = "unanswered", "未回答"
    value = ""
    if answer is not None and answer.value is not None and question.quantity is not None:
        value = f"{question.quantity.label} {value_text(answer.value, question.quantity.unit)}"
    own_level = state if isinstance(state, int) else -1
    levels: list[CityLevel] = []
    why: list[CityWhy] = []
    for c in bench.cities:
        entry = c.questions.get(question.id)
        current = entry.current_level if entry is not None else None
        planned = entry.planned if entry is not None else None
        text = "—" if current is None else str(current)
        if planned is not None and (current is None or planned > current):
            text += f"→{planned}"
        levels.append(CityLevel(c.name, text))
        if entry is None:
            continue
        reason = _why(c.name, entry, own_level)
        if reason is not None and (not why or reason.level > why[0].level):
            why = [reason]  # only the city furthest ahead is quoted, to keep the report short
    gap = wanted - state if isinstance(state, int) and wanted is not None else 0
    ws = question_workshop(question, answer)
    return QuestionView(
        id=question.id,
        number=number,
        text=question.text,
        state=kind,
        own=own,
        value=value,
        note=answer.note if answer is not None else "",
        target="—" if wanted is None else str(wanted),
        gap=max(0, gap),
        cities=levels,
        why=why,
        own_label=ws.own_label,
        respondents=ws.respondents,
        disagreement=ws.disagreement,
        agreed_reason=ws.agreed_reason,
    )


def _why(name: str, entry: BenchmarkEntry, own_level: int) -> CityWhy | None:
    """The passage that shows a city ahead of the municipality: current level first."""
    current, planned = entry.current_level, entry.planned
    if current is not None and current > own_level:
        e = next((e for e in entry.evidence if e.kind == "current"), None)
        if e is not None:
            return CityWhy(name, "現状", current, "", e.quote, e.locator)
    if planned is not None and planned > own_level and planned > (current or -1):
        e = next((e for e in entry.evidence if e.kind == "planned"), None)
        if e is not None:
            return CityWhy(name, "計画", planned, entry.planned_by, e.quote, e.locator)
    return None


def _measure_views(road: Roadmap, q: Questionnaire, names: dict[str, str]) -> list[MeasureView]:
    numbers = question_numbers(q)
    area_number = area_numbers(q)
    area_names = {a.id: a.name for a in q.areas}
    views: list[MeasureView] = []
    for item in road.items:
        s = item.suggestion
        m = s.measure
        cities = [
            CityDoing(
                names.get(c.city, c.city),
                c.status.label,
                c.schedule,
                c.department,
                [kpi_text(k) for k in c.kpis],
                c.quote,
                c.locator,
            )
            for c in sorted(m.cities, key=lambda c: _order(s.city_ids, c.city))
        ]
        first = s.closes[0]
        qnum = numbers.get(first.gap.question.id, first.gap.question.id)
        kpi = item.kpi
        name = kpi.name if first.gap.question.quantity is not None else f"質問 {qnum} の水準"
        kpi_line = f"{name}: {kpi.baseline} → {kpi.target}（{kpi.by}）"
        example = (
            f"{kpi.example}（{names.get(kpi.example_city, kpi.example_city)}の計画の指標）"
            if kpi.example
            else ""
        )
        done = "・".join(names.get(c, c) for c in s.done_city_ids)
        primary = _primary_area(s)
        views.append(
            MeasureView(
                rank=item.number,
                anchor=_anchor(s),
                title=s.title,
                description=m.description,
                area=area_names.get(primary, primary),
                cost=m.cost.label,
                free=m.cost.rank == 0,
                horizon=s.horizon.label,
                effort_note=m.effort_note,
                departments="、".join(m.departments),
                closes="、".join(
                    f"{numbers.get(c.gap.question.id, c.gap.question.id)}"
                    f"（{c.gap.current}→{c.to_level}）"
                    for c in s.closes
                ),
                cities=cities,
                city_names="・".join(names.get(c, c) for c in s.city_ids) or "—",
                kpi=kpi_line,
                detailed=item.number <= BODY_LIMIT,
                section=f"3-{area_number.get(primary, 0)}",
                basis=s.basis,
                basis_label=BASIS_LABELS[s.basis],
                start=item.start_label,
                period=reiwa(item.start)
                if item.start == item.end
                else f"{reiwa(item.start)}〜{reiwa(item.end)}",
                department=item.department,
                department_note=DEPARTMENT_NOTES[item.department_from],
                kpi_example=example,
                deadline=s.deadline,
                beyond=s.beyond,
                reason=_reason(s, done, names),
                done_names=done,
                in_body=item.number <= BODY_LIMIT,
            )
        )
    return views


DEPARTMENT_NOTES = {
    "mark": "回答ファイルで指定",
    "catalog": "先行市の計画の例",
    "plans": "先行市の計画の例",
    "role": "担当する役割の例",
}


def _reason(s: Suggestion, done: str, names: dict[str, str]) -> str:
    """Why a proposal comes first: deadline, risk, gap, what peers have done, cost."""
    first = max(s.closes, key=lambda c: c.gap.gap)
    parts: list[str] = []
    if s.deadline:
        parts.append(f"国の期限（{s.deadline}）がある")
    if first.gap.question.area == "security":
        parts.append("情報セキュリティの事故は住民の信頼と業務継続に直結する")
    if s.beyond:
        parts.append(f"現状 {first.gap.current} から先行市の先の段階 {first.to_level} へ進める")
    else:
        parts.append(
            f"目標との差が {s.gap}段階（現状 {first.gap.current} → 目標 {first.gap.target}）"
        )
    if done:
        parts.append(f"{done}が実施済み")
    elif s.city_ids:
        parts.append(
            f"{'・'.join(names.get(c, c) for c in s.city_ids)}が計画に掲げている（実施例はまだない）"
        )
    if s.cost.rank == 0:
        parts.append("追加費用なしで始められる")
    return "、".join(parts) + "。"


def _skipped_view(x: Skipped, numbers: dict[str, str]) -> SkippedView:
    return SkippedView(x.measure.title, SKIP_LABELS[x.reason], x.note)


def _year_groups(road: Roadmap, body: list[MeasureView]) -> list[RoadmapGroup]:
    """The body's proposals by the fiscal year they start in; every plan year is present."""
    shown = {v.anchor for v in body}
    by_anchor = {v.anchor: v for v in body}
    groups: list[RoadmapGroup] = []
    for year in road.years:
        items = [
            by_anchor[_anchor(i.suggestion)]
            for i in road.items
            if i.start == year and _anchor(i.suggestion) in shown
        ]
        groups.append(RoadmapGroup(f"{reiwa(year)}に着手", "", items))
    return groups


def _gantt(road: Roadmap, body: list[MeasureView], font_family: str) -> Markup:
    shown = {v.anchor for v in body}
    years = list(road.years)
    rows = [
        charts.GanttRow(
            f"{i.number} {i.suggestion.title}",
            years.index(i.start),
            years.index(i.end),
            i.suggestion.basis,
        )
        for i in road.items
        if _anchor(i.suggestion) in shown
    ]
    return Markup(charts.gantt(rows, [reiwa(y) for y in years], font_family=font_family))


def _order(ids: Sequence[str], cid: str) -> int:
    return ids.index(cid) if cid in ids else len(ids)


def _sources(
    cities: Sequence[BenchmarkCity], q: Questionnaire, sugg: Suggestions, bench: Benchmarks
) -> list[SourceView]:
    """Each plan: title, period, as-of date, how much of the questionnaire it lets us score,
    and how many of its passages this report quotes (distinct ones)."""
    out: list[SourceView] = []
    for c in cities:
        cited: set[tuple[str, str]] = set()
        for question in q.questions:
            entry = c.questions.get(question.id)
            if entry is not None:
                cited.update((e.locator, e.quote) for e in entry.evidence)
        for s in sugg.proposals:
            cited.update((cm.locator, cm.quote) for cm in s.measure.cities if cm.city == c.id)
        card = bench.current[c.id]
        out.append(
            SourceView(
                c.name,
                c.prefecture,
                c.plan_title,
                c.plan_period,
                short_date(c.as_of),
                len(cited),
                f"{card.answered}/{card.total}問（{round(card.coverage * 100)}%）",
                fmt(card.overall),
                card.coverage < LOW_CONFIDENCE_BELOW,
            )
        )
    return out


def _pending(q: Questionnaire, questions: Sequence[Question]) -> list[PendingGroup]:
    numbers = question_numbers(q)
    groups: list[PendingGroup] = []
    for area in q.areas:
        texts = [f"{numbers[x.id]}　{x.text}" for x in questions if x.area == area.id]
        if texts:
            groups.append(PendingGroup(area.name, texts))
    return groups
