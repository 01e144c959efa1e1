"""The report's view model: plain, frozen data the templates lay out.

Everything is already formatted (numbers as text, levels with their words); the templates
compute nothing. User text (names, notes) stays plain `str`, which the templates escape; the
only markup is the charts' SVG, whose text `dxcheck.report.charts` escapes itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from dxcheck.core.scoring import LOW_CONFIDENCE_BELOW
from dxcheck.report.wording import level_label


@dataclass(frozen=True, slots=True)
class CityLevel:
    """A city's level on one question, as short text: 「3」「2→4」「—」."""

    name: str
    level: str


@dataclass(frozen=True, slots=True)
class CityWhy:
    """Why a city ahead of the municipality stands where it does: one passage of its plan."""

    name: str
    kind: str  # 現状 | 計画
    level: int
    when: str
    quote: str
    locator: str


@dataclass(frozen=True, slots=True)
class RespondentView:
    """One workshop respondent's answer to a question: 「2 一部で実施・試行」 and the note."""

    name: str
    department: str
    level: str
    note: str


@dataclass(frozen=True, slots=True)
class QuestionView:
    id: str
    number: str
    text: str
    state: str  # answered | unknown | unanswered
    own: str
    value: str
    note: str
    target: str
    gap: int
    cities: list[CityLevel]
    why: list[CityWhy]
    # a merged workshop answer: who answered what, and how the room settled it
    own_label: str = "回答"  # 回答 | 合意 | 合意案
    respondents: list[RespondentView] = field(default_factory=list)
    disagreement: bool = False
    agreed_reason: str = ""


@dataclass(frozen=True, slots=True)
class CityDoing:
    name: str
    status: str
    schedule: str
    department: str
    kpis: list[str]
    quote: str
    locator: str


@dataclass(frozen=True, slots=True)
class MeasureView:
    rank: int
    anchor: str
    title: str
    description: str
    area: str
    cost: str
    free: bool
    horizon: str
    effort_note: str
    departments: str
    closes: str
    cities: list[CityDoing]
    city_names: str
    kpi: str
    detailed: bool
    section: str  # 「3-2」: the area section that shows it in full
    # the plan: what backs it, when, who, and how success is measured
    basis: str = "planned"  # proven | planned | national
    basis_label: str = ""
    start: str = ""  # 「令和9年度〜」
    period: str = ""  # 「令和9年度〜令和10年度」
    department: str = ""
    department_note: str = ""  # 「潟上市の計画の例」「役割の例」「指定」
    kpi_example: str = ""
    deadline: str = ""
    beyond: bool = False
    reason: str = ""  # why it is a priority, one sentence
    done_names: str = ""
    in_body: bool = True


@dataclass(frozen=True, slots=True)
class CityCell:
    text: str
    low: bool


@dataclass(frozen=True, slots=True)
class TableRow:
    number: int
    anchor: str
    name: str
    own: str
    low: bool
    cities: list[CityCell]
    target: str
    gap: str
    coverage: str


@dataclass(frozen=True, slots=True)
class AreaView:
    number: int
    anchor: str
    name: str
    category: str
    description: str
    score: str
    target: str
    gap: str
    answered: int
    total: int
    unknown: int
    unanswered: int
    low: bool
    questions: list[QuestionView]
    measures: list[MeasureView]
    more: list[MeasureView]
    uncovered: list[str]


@dataclass(frozen=True, slots=True)
class KeyGap:
    area: str
    anchor: str
    own: str
    target: str
    gap: str
    measures: list[MeasureView]


@dataclass(frozen=True, slots=True)
class RoadmapGroup:
    label: str
    lead: str
    items: list[MeasureView]


@dataclass(frozen=True, slots=True)
class SourceView:
    city: str
    prefecture: str
    plan_title: str
    plan_period: str
    as_of: str
    citations: int
    coverage: str = ""  # 「38/62問（61%）」: how many questions the plan lets us score
    overall: str = "—"
    low: bool = False


@dataclass(frozen=True, slots=True)
class SkippedView:
    title: str
    reason: str
    note: str


@dataclass(frozen=True, slots=True)
class PendingGroup:
    area: str
    questions: list[str]


@dataclass(frozen=True, slots=True)
class ScoreChangeView:
    name: str
    before: str
    after: str
    change: str  # 「＋0.4」「−0.2」「±0.0」「新たに算出」「算出できず」
    direction: str  # up | down | same | new | gone | none


@dataclass(frozen=True, slots=True)
class LevelChangeView:
    number: str
    text: str
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class ValueChangeView:
    number: str
    label: str
    before: str
    after: str
    change: str


@dataclass(frozen=True, slots=True)
class ChangesView:
    """The 前回からの変化 chapter (`dxcheck.core.delta`, formatted)."""

    chapter: int
    before_on: str
    after_on: str
    summary: list[str]
    order_warning: str
    overall: ScoreChangeView
    areas: list[ScoreChangeView]
    raised: list[LevelChangeView]
    lowered: list[LevelChangeView]
    newly_answered: list[LevelChangeView]
    no_longer_answered: list[LevelChangeView]
    values: list[ValueChangeView]


@dataclass(frozen=True, slots=True)
class DisagreementView:
    number: str
    anchor: str
    text: str
    respondents: list[str]
    agreed: str
    settled: bool
    reason: str


@dataclass(frozen=True, slots=True)
class WorkshopView:
    """The workshop chapter: the respondents and every question on which they disagreed."""

    chapter: int
    respondents: list[str]
    merged_questions: int
    disagreements: list[DisagreementView]
    settled: int
    undecided: int


@dataclass(frozen=True, slots=True)
class ReportContext:
    title: str
    font_family: str
    municipality: str
    prefecture: str
    code: str
    population: str
    respondent: str
    department: str
    assessed_on: str
    generated_on: str
    questionnaire: str
    questionnaire_version: str
    national_plan: str
    national_plan_version: str
    target_label: str
    city_names: list[str]
    overall: str
    coverage_percent: int
    answered: int
    total: int
    summary: list[str]
    key_gaps: list[KeyGap]
    dots: Markup
    table: list[TableRow]
    city_overall: list[CityCell]
    areas: list[AreaView]
    roadmap: list[RoadmapGroup]
    suggestion_count: int
    sources: list[SourceView]
    unknown: list[PendingGroup]
    unanswered: list[PendingGroup]
    no_target_count: int
    no_target_numbers: str
    unknown_count: int
    unanswered_count: int
    levels: list[str] = field(default_factory=lambda: [level_label(i) for i in range(6)])
    low_confidence_percent: int = int(LOW_CONFIDENCE_BELOW * 100)
    changes: ChangesView | None = None
    workshop: WorkshopView | None = None
    priorities: list[MeasureView] = field(default_factory=list)
    body: list[MeasureView] = field(default_factory=list)
    more: list[MeasureView] = field(default_factory=list)
    skipped: list[SkippedView] = field(default_factory=list)
    gantt: Markup = field(default_factory=Markup)
    plan_period: str = ""
    proposals_note: str = ""
