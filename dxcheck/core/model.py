"""The data model: questionnaire, measures catalog, benchmark cities and answer files.

Field names follow docs/data-format.md and, for the answer file, the contract in DESIGN.md §4.
These models only describe shapes and single-field rules; rules that need the questionnaire
(unknown question ids, values without a quantity) live in `dxcheck.io.checks`.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from functools import cached_property
from itertools import pairwise
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

ANSWER_FORMAT = "dxcheck.assessment/1"
LEVEL_NAMES: tuple[str, ...] = (
    "未着手",
    "検討中",
    "一部で実施・試行",
    "全庁的に実施",
    "定着し効果を測定・改善",
    "先進（他団体の模範・横展開）",
)
MAX_LEVEL = 5

Level = Annotated[int, Field(ge=0, le=MAX_LEVEL)]
Quote = Annotated[str, StringConstraints(min_length=1, max_length=80)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)*$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# ---------------------------------------------------------------- evidence and KPIs


class Evidence(_Strict):
    """Where a fact comes from: a seed file, a place in it, and a verbatim key phrase."""

    seed: str = ""
    locator: str
    quote: Quote


class Kpi(_Strict):
    name: str
    unit: str = ""
    baseline: float | None = None
    baseline_when: str = ""
    target: float | None = None
    target_when: str = ""
    quote: Quote | None = None

    def describe(self) -> str:
        """「窓口キャッシュレス割合 0%（令和5年度末）→ 20%（令和8年度末）」"""

        def fmt(value: float | None, when: str) -> str:
            if value is None:
                return "—"
            number = f"{value:g}"
            return f"{number}{self.unit}" + (f"（{when}）" if when else "")

        return f"{self.name} {fmt(self.baseline, self.baseline_when)} → " + fmt(
            self.target, self.target_when
        )


class Status(StrEnum):
    DONE = "done"
    IN_PROGRESS = "in_progress"
    PLANNED = "planned"

    @property
    def label(self) -> str:
        return {"done": "実施済", "in_progress": "実施中", "planned": "計画"}[self.value]


# ---------------------------------------------------------------- questionnaire


class Category(StrEnum):
    STRUCTURE = "推進体制"
    FOCUS = "重点取組事項"
    ALONGSIDE = "あわせて取り組む事項"
    OTHER = "その他"


class Area(_Strict):
    id: Slug
    name: str
    short_name: str = ""  # for charts and narrow tables: 「フロントヤード」
    category: Category
    priority: int = Field(ge=1, le=3)
    description: str

    @property
    def label(self) -> str:
        return self.short_name or self.name


class Quantity(_Strict):
    """A question answered with a number; thresholds turn the number into a level."""

    label: str
    unit: str
    thresholds: tuple[float, float, float, float, float]
    lower_is_better: bool = False

    @field_validator("thresholds")
    @classmethod
    def _monotonic(cls, value: tuple[float, ...], info: object) -> tuple[float, ...]:
        pairs = list(pairwise(value))
        ordered = all(a < b for a, b in pairs) or all(a > b for a, b in pairs)
        if not ordered:
            raise ValueError("しきい値は単調に増加（または減少）する5つの数値にしてください")
        return value

    def level_for(self, value: float) -> int:
        """The level a value reaches: the number of thresholds it meets."""
        if self.lower_is_better:
            return sum(1 for t in self.thresholds if value <= t)
        return sum(1 for t in self.thresholds if value >= t)


class Question(_Strict):
    id: Slug
    area: str
    text: str
    help: str
    weight: float = Field(default=1.0, gt=0, le=3)
    levels: tuple[str, str, str, str, str, str]
    quantity: Quantity | None = None
    sources: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = Field(min_length=1)


class Cost(StrEnum):
    NONE = "none"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def label(self) -> str:
        return {"none": "追加費用なし", "low": "小", "medium": "中", "high": "大"}[self.value]

    @property
    def rank(self) -> int:
        return ["none", "low", "medium", "high"].index(self.value)


class Horizon(StrEnum):
    NOW = "now"
    SHORT = "short"
    LONG = "long"

    @property
    def label(self) -> str:
        return {"now": "すぐに着手", "short": "1〜2年", "long": "3年以降"}[self.value]


class Raise(_Strict):
    question: str
    to_level: Level


class CityMeasure(_Strict):
    """One benchmark city's version of a measure, with its own evidence."""

    city: str
    status: Status
    schedule: str = ""
    department: str = ""
    seed: str = ""
    locator: str
    quote: Quote
    kpis: tuple[Kpi, ...] = ()


class Measure(_Strict):
    id: Slug
    title: str
    description: str
    area: str
    raises: tuple[Raise, ...] = Field(min_length=1)
    cost: Cost
    effort_note: str = ""
    horizon: Horizon
    departments: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    cities: tuple[CityMeasure, ...] = Field(min_length=1)


class Questionnaire(_Strict):
    id: str
    version: str
    title: str
    national_plan: str
    national_plan_version: str
    areas: tuple[Area, ...] = Field(min_length=1)
    questions: tuple[Question, ...] = Field(min_length=1)
    measures: tuple[Measure, ...] = ()

    def area(self, area_id: str) -> Area:
        return next(a for a in self.areas if a.id == area_id)

    def question(self, question_id: str) -> Question:
        return self.question_index[question_id]

    @cached_property
    def question_index(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    @cached_property
    def _by_area(self) -> dict[str, tuple[Question, ...]]:
        groups: dict[str, list[Question]] = {}
        for q in self.questions:
            groups.setdefault(q.area, []).append(q)
        return {area: tuple(qs) for area, qs in groups.items()}

    def questions_in(self, area_id: str) -> list[Question]:
        return list(self._by_area.get(area_id, ()))


# ---------------------------------------------------------------- source inventory


class SourceItem(_Strict):
    id: str
    kind: str
    title: str
    summary: str
    area: str
    status: Status
    priority: bool = False
    schedule: str = ""
    department: str = ""
    locator: str
    quote: Quote
    kpis: tuple[Kpi, ...] = ()


class SourceFact(_Strict):
    id: str
    area: str
    statement: str
    value: float | None = None
    unit: str = ""
    when: str = ""
    # "not_done": a gap the plan itself states (e.g. most procedures still need a visit)
    status: Literal["done", "in_progress", "planned", "not_done"] = "done"
    locator: str
    quote: Quote


class SourceInventory(_Strict):
    """Every measure-like item of one plan, kept so completeness can be checked."""

    model_config = ConfigDict(extra="ignore", frozen=True)  # plan_date etc. are for readers

    city: str
    seed: str
    plan_title: str
    items: tuple[SourceItem, ...]
    facts: tuple[SourceFact, ...] = ()


# ---------------------------------------------------------------- benchmark cities


class CityEvidence(_Strict):
    kind: Literal["current", "planned"]
    seed: str = ""
    locator: str
    quote: Quote


class BenchmarkEntry(_Strict):
    """A city's standing on one question: current level (or unknown) and planned level."""

    current: Level | Literal["unknown"]
    planned: Level | None = None
    planned_by: str = ""
    value: float | None = None
    planned_value: float | None = None
    rationale: str = ""
    evidence: tuple[CityEvidence, ...] = ()

    @property
    def current_level(self) -> int | None:
        return None if self.current == "unknown" else self.current


class BenchmarkCity(_Strict):
    id: str
    name: str
    prefecture: str
    code: str
    plan_title: str
    plan_period: str
    as_of: dt.date
    seed: str
    questions: dict[str, BenchmarkEntry]


# ---------------------------------------------------------------- answer files


class MunicipalityInfo(BaseModel):
    model_config = ConfigDict(extra="allow")

    name: str = ""
    code: str = ""
    prefecture: str = ""
    population: Annotated[int, Field(strict=True, ge=1, le=50_000_000)] | None = None


class AnswerMeta(BaseModel):
    model_config = ConfigDict(extra="allow")

    respondent: str = ""
    department: str = ""
    assessed_on: dt.date | None = None


class Answer(BaseModel):
    """One question's answer. Empty means not answered yet; `unknown` means わからない."""

    # Unknown keys are allowed (and reported as warnings) so that files written by a newer
    # dxcheck — e.g. workshop respondents' entries — still open in an older one.
    model_config = ConfigDict(extra="allow")

    # strict (DESIGN §4): `level = true`, `level = "3"`, `unknown = 1`, `value = nan` are errors
    level: Annotated[int, Field(strict=True, ge=0, le=MAX_LEVEL)] | None = None
    value: Annotated[float, Field(strict=True, allow_inf_nan=False)] | None = None
    unknown: Annotated[bool, Field(strict=True)] = False
    note: Annotated[str, StringConstraints(max_length=20_000)] = ""

    @property
    def is_answered(self) -> bool:
        return not self.unknown and (self.level is not None or self.value is not None)

    @property
    def is_empty(self) -> bool:
        return not self.unknown and self.level is None and self.value is None


class Assessment(BaseModel):
    """The answer file a municipality keeps and sends to its prefecture."""

    model_config = ConfigDict(extra="allow")

    format: Literal["dxcheck.assessment/1"] = "dxcheck.assessment/1"
    questionnaire: str
    questionnaire_version: str
    municipality: MunicipalityInfo = Field(default_factory=MunicipalityInfo)
    meta: AnswerMeta = Field(default_factory=AnswerMeta)
    answers: dict[str, Answer] = Field(default_factory=dict)
