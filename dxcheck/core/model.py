"""The data model: questionnaire, measures catalog, benchmark cities and answer files.

Field names follow docs/data-format.md and, for the answer file, the contract in docs/design.md §4.
These models only describe shapes and single-field rules; rules that need the questionnaire
(unknown question ids, values without a quantity) live in `dxcheck.io.checks`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from enum import StrEnum
from functools import cached_property
from itertools import pairwise
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

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
SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)*$"  # ids: area.slug, measure ids
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
# Answer-file fields added by questionnaire 4.1: strictly typed from the start (a bool is not a
# number, "3" is not a number, nan/inf are not figures) — docs/design.md §4.
StrictCount = Annotated[int, Field(strict=True, ge=1, le=10_000_000)]
StrictFigure = Annotated[float, Field(strict=True, ge=0, allow_inf_nan=False)]
StrictText = Annotated[str, StringConstraints(strict=True, max_length=20_000)]
StrictShortText = Annotated[str, StringConstraints(strict=True, max_length=200)]
AreaTarget = Annotated[float, Field(strict=True, ge=0, le=MAX_LEVEL, allow_inf_nan=False)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# ---------------------------------------------------------------- evidence and KPIs


def _phrase_key(data: Any) -> Any:
    """A seed's phrase is a `quote`; a national document's is an `excerpt`. An `excerpt` outside
    a national table would escape check_citations.py (which checks every `quote` against its
    seed), so it is refused; a national phrase written as `quote` fails that check (no seed)."""
    if isinstance(data, dict):
        national = data.get("source") == "national"
        if not national and "excerpt" in data:
            raise ValueError('excerpt は国の文書（source = "national"）の一節にだけ使います')
    return data


class Evidence(_Strict):
    """Where a fact comes from: a seed file, a place in it, and a verbatim key phrase — or a
    national document named by title and address (not checkable against the seeds)."""

    source: Literal["seed", "national"] = "seed"
    seed: str = ""
    title: str = ""
    address: str = ""
    locator: str
    # The verbatim phrase: `quote` in the file when it is a seed's (check_citations.py checks
    # every `quote` against its seed), `excerpt` when it is a national document's own words.
    quote: Quote = Field(validation_alias=AliasChoices("quote", "excerpt"))

    @model_validator(mode="before")
    @classmethod
    def _phrase(cls, data: Any) -> Any:
        return _phrase_key(data)

    @model_validator(mode="after")
    def _named(self) -> Evidence:
        if self.source == "national" and not self.title:
            raise ValueError('国の文書の根拠（source = "national"）には title が必要です')
        return self

    @property
    def is_national(self) -> bool:
        return self.source == "national"


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


Basis = Literal["share", "per_staff", "per_resident", "percent", "absolute"]
PER_STAFF = 100  # per_staff: per 100 常勤職員
PER_RESIDENT = 10_000  # per_resident: per 1万人


class Quantity(_Strict):
    """A question answered with a number; thresholds on the *scaled* measure give the level.

    The scale makes a town of 3,000 and a city of 300,000 comparable (docs/design.md §5): the raw
    value is divided by the municipality's own scope (`share`, asked in the question as the
    denominator), its staff or its population. `absolute` only where the national plan itself
    sets an absolute scope. Questionnaire 4.0.0 has no `basis`: its numbers were absolute.
    """

    label: str
    unit: str
    thresholds: tuple[float, float, float, float, float]
    lower_is_better: bool = False
    basis: Basis = "absolute"
    value_label: str = ""
    value_unit: str = ""
    integer: bool = False
    denominator_label: str = ""
    denominator_unit: str = ""
    max: float | None = None
    rationale: str = ""
    example: str = ""

    @field_validator("thresholds")
    @classmethod
    def _monotonic(cls, value: tuple[float, ...], info: object) -> tuple[float, ...]:
        pairs = list(pairwise(value))
        ordered = all(a < b for a, b in pairs) or all(a > b for a, b in pairs)
        if not ordered:
            raise ValueError("しきい値は単調に増加（または減少）する5つの数値にしてください")
        return value

    @model_validator(mode="after")
    def _share_names_its_denominator(self) -> Quantity:
        if self.basis == "share" and not self.denominator_label:
            raise ValueError('basis = "share" の質問には denominator_label が必要です')
        if self.basis != "share" and self.denominator_label:
            raise ValueError('denominator_label は basis = "share" の質問だけに書けます')
        return self

    @property
    def input_label(self) -> str:
        """What the user types as `value` (the raw figure, before scaling)."""
        return self.value_label or self.label

    @property
    def input_unit(self) -> str:
        return self.value_unit or self.unit

    @property
    def needs(self) -> str | None:
        """The profile or answer field the scale needs: denominator, staff, population."""
        return {"share": "denominator", "per_staff": "staff", "per_resident": "population"}.get(
            self.basis
        )

    def scaled(
        self,
        value: float,
        denominator: float | None = None,
        staff: int | None = None,
        population: int | None = None,
    ) -> float | None:
        """The measure the thresholds apply to; None when the needed denominator is missing."""
        match self.basis:
            case "share":
                base: float | None = denominator
                factor = 100.0
            case "per_staff":
                base, factor = staff, PER_STAFF
            case "per_resident":
                base, factor = population, PER_RESIDENT
            case _:
                return value
        if value == 0:
            return 0.0  # none of anything is 0 %, whatever the scope
        if base is None or base <= 0 or not math.isfinite(base):
            return None
        return value / base * factor

    def raw_for(
        self,
        measure: float,
        denominator: float | None = None,
        staff: int | None = None,
        population: int | None = None,
    ) -> float | None:
        """The raw value that scales to `measure` (the inverse of `scaled`), None when the
        needed denominator is missing; for examples, demos and synthetic files."""
        unit = self.scaled(1.0, denominator, staff, population)
        return None if unit is None else measure / unit

    def level_of_scaled(self, scaled: float) -> int:
        """The level a scaled measure reaches: the number of thresholds it meets."""
        if self.lower_is_better:
            return sum(1 for t in self.thresholds if scaled <= t)
        return sum(1 for t in self.thresholds if scaled >= t)

    def level_for(
        self,
        value: float,
        denominator: float | None = None,
        staff: int | None = None,
        population: int | None = None,
    ) -> int | None:
        """The level a raw value reaches, or None when its scale can't be computed."""
        measure = self.scaled(value, denominator, staff, population)
        return None if measure is None else self.level_of_scaled(measure)


class NationalTarget(_Strict):
    """The level the national plan's targets and deadlines require of a question."""

    level: Level
    by: str = ""
    reason: str
    evidence: tuple[Evidence, ...] = Field(min_length=1)


class Question(_Strict):
    id: Slug
    area: str
    text: str
    help: str
    weight: float = Field(default=1.0, gt=0, le=3)
    levels: tuple[str, str, str, str, str, str]
    quantity: Quantity | None = None
    sources: tuple[str, ...] = ()
    origin: Literal["plans", "national", "both"] = "plans"
    national: NationalTarget | None = None
    evidence: tuple[Evidence, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _traceable(self) -> Question:
        # a question from the national frame must name the national document it comes from
        if self.origin == "national" and not any(e.is_national for e in self.evidence):
            raise ValueError(
                'origin = "national" の質問には国の文書の根拠（source = "national"）が必要です'
            )
        return self


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


class MeasureKpi(_Strict):
    """The KPI a municipality can track for a measure (its own baseline → its own target)."""

    name: str
    unit: str = ""


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
    origin: Literal["plans", "national"] = "plans"
    prerequisites: tuple[Slug, ...] = ()
    kpi: MeasureKpi | None = None
    evidence: tuple[Evidence, ...] = ()
    cities: tuple[CityMeasure, ...] = ()

    @model_validator(mode="after")
    def _from_cities_or_national(self) -> Measure:
        # a plans measure rests on the cities doing it; a national one on the national document
        if self.origin == "plans" and not self.cities:
            raise ValueError('origin = "plans" の取組には cities が1件以上必要です')
        if self.origin == "national" and not self.cities and not self.evidence:
            raise ValueError('cities のない origin = "national" の取組には evidence が必要です')
        if self.id in self.prerequisites:
            raise ValueError("prerequisites に自分自身は書けません")
        return self


class MappingRow(_Strict):
    """How one question of the previous version carries over (mapping.toml)."""

    old: Slug
    new: Slug | None = None
    rule: Literal["same", "level", "rederive", "dropped"]
    note: str = ""

    @model_validator(mode="after")
    def _new_unless_dropped(self) -> MappingRow:
        if self.rule == "dropped" and self.new is not None:
            raise ValueError('rule = "dropped" の行には new を書けません')
        if self.rule != "dropped" and self.new is None:
            raise ValueError(f'rule = "{self.rule}" の行には new が必要です')
        return self


class QuestionnaireMapping(_Strict):
    """From which earlier version answers are carried over, question by question."""

    from_version: str
    questions: tuple[MappingRow, ...] = ()

    @model_validator(mode="after")
    def _each_old_once(self) -> QuestionnaireMapping:
        seen: set[str] = set()
        for row in self.questions:
            if row.old in seen:
                raise ValueError(f"旧質問 {row.old} の行が2つあります")
            seen.add(row.old)
        return self


class Questionnaire(_Strict):
    id: str
    version: str
    title: str
    national_plan: str
    national_plan_version: str
    areas: tuple[Area, ...] = Field(min_length=1)
    questions: tuple[Question, ...] = Field(min_length=1)
    measures: tuple[Measure, ...] = ()
    mapping: QuestionnaireMapping | None = None

    def area(self, area_id: str) -> Area:
        return next(a for a in self.areas if a.id == area_id)

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy whose lookup caches are rebuilt: pydantic copies `__dict__`, cached
        properties included, so a copy with other questions would otherwise find the old ones."""
        copied = super().model_copy(update=update, deep=deep)
        for cached in ("question_index", "_by_area"):
            copied.__dict__.pop(cached, None)
        return copied

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
    kind: Literal["current", "planned", "denominator"]
    source: Literal["seed", "national"] = "seed"
    seed: str = ""
    title: str = ""
    address: str = ""
    locator: str
    quote: Quote = Field(validation_alias=AliasChoices("quote", "excerpt"))  # as in Evidence

    @model_validator(mode="before")
    @classmethod
    def _phrase(cls, data: Any) -> Any:
        return _phrase_key(data)


class BenchmarkEntry(_Strict):
    """A city's standing on one question: current level (or unknown) and planned level."""

    current: Level | Literal["unknown"]
    planned: Level | None = None
    planned_by: str = ""
    value: float | None = None
    denominator: float | None = Field(default=None, gt=0)
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
    population: int | None = Field(default=None, ge=1)
    staff: int | None = Field(default=None, ge=1)
    profile_evidence: tuple[Evidence, ...] = ()
    questions: dict[str, BenchmarkEntry]


# ---------------------------------------------------------------- answer files


class MunicipalityInfo(BaseModel):
    model_config = ConfigDict(extra="allow")

    name: str = ""
    code: str = ""
    prefecture: str = ""
    population: Annotated[int, Field(strict=True, ge=1, le=50_000_000)] | None = None
    staff: StrictCount | None = None  # 常勤職員数: the per_staff scales' denominator


class AnswerMeta(BaseModel):
    model_config = ConfigDict(extra="allow")

    respondent: str = ""
    department: str = ""
    assessed_on: dt.date | None = None
    # set by `template --from` and `campaign init --from-previous`: the fingerprint of the
    # answers pre-filled from an earlier round (core.answers.answers_fingerprint). While the
    # answers still match it and no 回答日 is written, the file is a draft nobody confirmed:
    # 未提出, not an answer (core.answers.is_untouched_draft, docs/data-format.md §5)
    prefilled: str | None = None


# An answer's own keys, typed strictly (docs/design.md §4): `level = true`, `level = "3"`,
# `unknown = 1`, `value = nan` are errors. A workshop respondent's entry uses the same types.
AnswerLevel = Annotated[int, Field(strict=True, ge=0, le=MAX_LEVEL)]
AnswerValue = Annotated[float, Field(strict=True, allow_inf_nan=False)]
AnswerFlag = Annotated[bool, Field(strict=True)]
AnswerNote = Annotated[str, StringConstraints(max_length=20_000)]
# share questions: the municipality's own scope (procedures, facilities, systems …)
AnswerScope = Annotated[float, Field(strict=True, gt=0, allow_inf_nan=False)]
# a name as the respondent's own file gives it ([meta] respondent / department: no limit
# there, so none here, or a merged file could fail to load again)
Name = Annotated[str, StringConstraints(strict=True)]


class RespondentAnswer(BaseModel):
    """One respondent's answer to one question in a merged workshop file (`dxcheck merge`):
    `[[answers."<id>".respondents]]`. The level it stands for is
    `dxcheck.core.merge.respondent_level` (a figure wins, as everywhere)."""

    # unknown keys: kept and reported as warnings, as in the answer itself (see Answer)
    model_config = ConfigDict(extra="allow", frozen=True)

    respondent: Name
    department: Name = ""
    level: AnswerLevel | None = None
    value: AnswerValue | None = None
    unknown: AnswerFlag = False
    note: AnswerNote = ""
    denominator: AnswerScope | None = None  # a share question's scope, as this respondent gave it


class Answer(BaseModel):
    """One question's answer. Empty means not answered yet; `unknown` means わからない.

    A merged workshop file (`dxcheck merge`, docs/data-format.md §5) adds three optional keys:
    each respondent's entry, whether they disagreed, and the reason the room agreed on."""

    # Unknown keys are allowed, reported by `validate` as warnings and kept when dxcheck
    # rewrites the file (`dxcheck.core.progress` edits, `dxcheck.core.answers.to_toml`), so
    # that what a newer dxcheck or another tool wrote is neither refused nor lost — the same
    # rule as for the file's top level, [municipality] and [meta].
    model_config = ConfigDict(extra="allow")

    level: AnswerLevel | None = None
    value: AnswerValue | None = None
    unknown: AnswerFlag = False
    note: AnswerNote = ""
    denominator: AnswerScope | None = None
    # workshop (dxcheck.core.merge): the respondents' entries, levels two or more apart (or
    # わからない beside a level), and the facilitator's recorded reason
    respondents: tuple[RespondentAnswer, ...] = ()
    disagreement: AnswerFlag = False
    agreed_reason: Annotated[str, StringConstraints(strict=True, max_length=20_000)] = ""

    @property
    def is_empty(self) -> bool:
        return not self.unknown and self.level is None and self.value is None


class MeasureMark(BaseModel):
    """The officer's mark on one proposed measure, kept in the answer file."""

    model_config = ConfigDict(extra="forbid")

    status: Literal["done", "not_applicable"] | None = None
    note: StrictText = ""
    start: StrictShortText = ""  # the fiscal year the officer plans to start (「令和8年度」)
    department: StrictShortText = ""  # the 課 in charge, as the officer names it


class Assessment(BaseModel):
    """The answer file a municipality keeps and sends to its prefecture."""

    model_config = ConfigDict(extra="allow")

    format: Literal["dxcheck.assessment/1"] = "dxcheck.assessment/1"
    questionnaire: str
    questionnaire_version: str
    municipality: MunicipalityInfo = Field(default_factory=MunicipalityInfo)
    meta: AnswerMeta = Field(default_factory=AnswerMeta)
    answers: dict[str, Answer] = Field(default_factory=dict)
    # the municipality's own target per area (report --target own)
    targets: dict[str, AreaTarget] = Field(default_factory=dict)
    # the officer's marks on proposals: 実施済 / 対象外, with the 課 and start year they choose
    measures: dict[str, MeasureMark] = Field(default_factory=dict)
