"""The roadmap as a plan: each proposal in a fiscal year, with a 担当課, a cost class and a KPI
from the municipality's own baseline to a target. Pure: no IO, no UI.

Fiscal years run April–March (令和N年度). The plan starts in the fiscal year of the assessment
(or the next one when the assessment falls in January–March, the last quarter) and spans
`PLAN_YEARS`; a proposal starts in year 1 (すぐに着手 / no added cost), 2 (1〜2年) or 3 (3年以降),
never before a prerequisite it depends on, and the officer's `start` overrides all of that.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from dxcheck.core.model import (
    LEVEL_NAMES,
    Answer,
    Assessment,
    BenchmarkCity,
    Cost,
    Horizon,
    MunicipalityInfo,
    Question,
    Questionnaire,
)
from dxcheck.core.scoring import (
    AreaGap,
    AreaTargets,
    Benchmarks,
    ScoreCard,
    Target,
    area_gaps,
    area_targets,
    benchmark_scores,
    score_assessment,
)
from dxcheck.core.suggest import (
    Mark,
    Suggestion,
    Suggestions,
    assessment_marks,
    measure_prerequisites,
    suggest,
    with_national_floor,
)

PLAN_YEARS = 3
# how many fiscal years a proposal runs, by cost: procurement takes longer than a decision
DURATION = {Cost.NONE: 1, Cost.LOW: 1, Cost.MEDIUM: 2, Cost.HIGH: 3}
START_OFFSET = {Horizon.NOW: 0, Horizon.SHORT: 1, Horizon.LONG: 2}
# 担当課 when neither the catalog nor a plan names one: the role, not a municipality's name
DEFAULT_DEPARTMENT = {
    "governance": "企画・DX推進担当課",
    "talent": "人事担当課",
    "frontyard": "住民窓口担当課",
    "standardization": "情報システム担当課",
    "eltax": "税務担当課・会計担当課",
    "mynumber": "住民窓口担当課",
    "security": "情報システム担当課",
    "ai-rpa": "情報システム担当課",
    "telework": "人事担当課・情報システム担当課",
    "community": "企画担当課",
    "divide": "企画担当課・住民窓口担当課",
    "analog-regulation": "法令・文書担当課",
    "bpr": "行政改革担当課",
    "opendata": "企画・DX推進担当課",
}
FALLBACK_DEPARTMENT = "企画・DX推進担当課"
DepartmentFrom = Literal["mark", "catalog", "plans", "role"]


def fiscal_year(day: dt.date) -> int:
    """The fiscal year (西暦 of its April) a day falls in."""
    return day.year if day.month >= 4 else day.year - 1


def reiwa(fy: int) -> str:
    """2027 → 「令和9年度」."""
    n = fy - 2018
    return f"令和{'元' if n == 1 else n}年度" if n >= 1 else f"{fy}年度"


def parse_start(text: str) -> int | None:
    """「令和9年度」「R9」「2027」「2027年度」 → 2027; None when it is not a fiscal year."""
    t = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    if m := re.fullmatch(r"(?:令和|R|r)(\d{1,2}|元)(?:年度?)?", t):
        n = 1 if m.group(1) == "元" else int(m.group(1))
        return 2018 + n
    if m := re.fullmatch(r"(20\d\d)(?:年度?)?", t):
        return int(m.group(1))
    return None


def plan_start(assessed_on: dt.date) -> int:
    """The plan's first fiscal year: this one, or the next in its last quarter."""
    return fiscal_year(assessed_on) + (1 if assessed_on.month <= 3 else 0)


@dataclass(frozen=True, slots=True)
class KpiPlan:
    """A KPI from the municipality's own baseline to a target."""

    name: str
    baseline: str  # 「2（一部で実施・試行）」「12%」「未回答」
    target: str
    by: str  # 「令和10年度末」
    example: str = ""  # a benchmark city's KPI of the same measure, as an example
    example_city: str = ""  # that city's id

    @property
    def text(self) -> str:
        return f"{self.name}: {self.baseline} → {self.target}（{self.by}）"


@dataclass(frozen=True, slots=True)
class PlanItem:
    number: int  # the proposal's number, the same in the summary, the roadmap and the plan
    suggestion: Suggestion
    start: int  # fiscal year
    end: int  # fiscal year (inclusive)
    start_from_mark: bool
    department: str
    department_from: DepartmentFrom
    kpi: KpiPlan

    @property
    def start_label(self) -> str:
        return f"{reiwa(self.start)}〜"

    @property
    def years(self) -> range:
        return range(self.start, self.end + 1)


@dataclass(frozen=True, slots=True)
class Roadmap:
    first_year: int
    last_year: int
    items: tuple[PlanItem, ...]

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)

    @property
    def period(self) -> str:
        return f"{reiwa(self.first_year)}〜{reiwa(self.last_year)}"


def for_municipality(department: str, municipality_name: str) -> str:
    """A department name from the benchmark cities' plans, worded for this municipality: the
    plans are cities', and a 町 or 村 has 住民課 and a 町長, not 市民課 and a 市長."""
    kind = municipality_name[-1:] if municipality_name.endswith(("町", "村")) else ""
    if not kind:
        return department
    return department.replace("市民", "住民").replace("市長", f"{kind}長")


def department(
    s: Suggestion, mark: Mark | None, municipality_name: str = ""
) -> tuple[str, DepartmentFrom]:
    if mark is not None and mark.department.strip():
        return mark.department.strip(), "mark"  # the officer's own words, kept as written
    if s.measure.departments:
        named = "、".join(s.measure.departments)
        return for_municipality(named, municipality_name), "catalog"
    named = next((c.department for c in s.measure.cities if c.department), "")
    if named:
        return for_municipality(named, municipality_name), "plans"
    return DEFAULT_DEPARTMENT.get(s.measure.area, FALLBACK_DEPARTMENT), "role"


def _num(x: float) -> str:
    return f"{x:,.1f}".rstrip("0").rstrip(".") if x != int(x) else f"{int(x):,}"


def baseline_value(
    question: Question, answer: Answer | None, municipality: MunicipalityInfo | None
) -> float | None:
    """The answer's value on the question's (size-fair, scaled) measure, or None."""
    if answer is None or answer.value is None or question.quantity is None:
        return None
    return question.quantity.scaled(
        answer.value,
        answer.denominator,
        municipality.staff if municipality else None,
        municipality.population if municipality else None,
    )


def kpi_for(
    s: Suggestion,
    answers: Mapping[str, Answer],
    municipality: MunicipalityInfo | None,
    end: int,
) -> KpiPlan:
    """From the town's own baseline (its answer) to the level the proposal takes it to."""
    first = s.closes[0]
    question = first.gap.question
    current, to = first.gap.current, first.to_level
    by = f"{reiwa(end)}末"
    example, example_city = next(
        ((k.name, c.city) for c in s.measure.cities for k in c.kpis if k.name), ("", "")
    )
    own_kpi = s.measure.kpi
    q = question.quantity
    if q is not None:
        base = baseline_value(question, answers.get(question.id), municipality)
        target = q.thresholds[to - 1] if to >= 1 else None
        if target is not None:
            unit = q.unit
            base_text = "未回答（数値なし）" if base is None else f"{_num(base)}{unit}"
            at_limit = q.max is not None and target >= q.max
            cmp = "" if at_limit else ("以下" if q.lower_is_better else "以上")
            return KpiPlan(
                own_kpi.name if own_kpi is not None else q.label,
                base_text,
                f"{_num(target)}{unit}{cmp}",
                by,
                example,
                example_city,
            )
    name = own_kpi.name if own_kpi is not None else ""
    if not name:
        name = f"「{_short(question.text)}」の水準"
    return KpiPlan(
        name,
        f"{current}（{LEVEL_NAMES[current]}）",
        f"{to}（{LEVEL_NAMES[to]}）",
        by,
        example,
        example_city,
    )


def _short(text: str, limit: int = 28) -> str:
    t = text.rstrip("。？?")
    return t if len(t) <= limit else t[: limit - 1] + "…"


def build_roadmap(
    proposals: Sequence[Suggestion],
    *,
    assessed_on: dt.date,
    answers: Mapping[str, Answer],
    municipality: MunicipalityInfo | None = None,
    marks: Mapping[str, Mark] | None = None,
) -> Roadmap:
    """Every proposal in a fiscal year with its 担当課, cost class and KPI."""
    marks = marks or {}
    first = plan_start(assessed_on)
    starts: dict[str, int] = {}
    items: list[PlanItem] = []
    for number, s in enumerate(proposals, start=1):
        mark = marks.get(s.measure.id)
        chosen = parse_start(mark.start) if mark is not None and mark.start else None
        if chosen is not None:
            start = chosen
        else:
            start = first + (0 if s.deadline else START_OFFSET[s.horizon])
            pre = [starts[p] for p in measure_prerequisites(s.measure) if p in starts]
            start = max([start, *pre])
        starts[s.measure.id] = start
        end = start + DURATION[s.cost] - 1
        dept, dept_from = department(s, mark, municipality.name if municipality else "")
        items.append(
            PlanItem(
                number,
                s,
                start,
                end,
                chosen is not None,
                dept,
                dept_from,
                kpi_for(s, answers, municipality, end),
            )
        )
    last = max([first + PLAN_YEARS - 1, *(i.end for i in items)])
    lo = min([first, *(i.start for i in items)])
    return Roadmap(lo, last, tuple(items))


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the report, its Word and JSON versions and the draft plan are made from."""

    card: ScoreCard
    bench: Benchmarks
    targets: AreaTargets  # with the national floor (`suggest.with_national_floor`)
    gaps: list[AreaGap]
    suggestions: Suggestions
    roadmap: Roadmap
    marks: Mapping[str, Mark]


def analyse(
    assessment: Assessment,
    questionnaire: Questionnaire,
    cities: Sequence[BenchmarkCity],
    target: Target,
    *,
    today: dt.date,
) -> Analysis:
    """Score, suggest and schedule one answer file: the one way every output gets its plan."""
    card = score_assessment(questionnaire, assessment)
    bench = benchmark_scores(questionnaire, cities)
    marks = assessment_marks(assessment)
    targets = with_national_floor(questionnaire, area_targets(questionnaire, bench, target))
    gaps = area_gaps(card, targets, questionnaire)
    sugg = suggest(questionnaire, card.states, bench, target, marks)
    road = build_roadmap(
        sugg.proposals,
        assessed_on=assessment.meta.assessed_on or today,
        answers=assessment.answers,
        municipality=assessment.municipality,
        marks=marks,
    )
    return Analysis(card, bench, targets, gaps, sugg, road, marks)
