"""The roadmap as a plan: fiscal years, 担当課, cost and KPI from the town's own baseline."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from dxcheck.core.model import Answer
from dxcheck.core.roadmap import (
    DEFAULT_DEPARTMENT,
    build_roadmap,
    fiscal_year,
    parse_start,
    plan_start,
    reiwa,
)
from dxcheck.core.scoring import State, Target, TargetKind, benchmark_scores
from dxcheck.core.suggest import Mark, suggest
from tests.factories import city, measure, small_questionnaire, with_measures

BASE = small_questionnaire()
CITIES = [city("x", {"a.one": {"current": 4}, "a.count": {"current": 4}, "b.one": {"current": 3}})]
DAY = dt.date(2026, 11, 29)


def proposals(measures, states: dict[str, State]):  # type: ignore[no-untyped-def]
    q = with_measures(BASE, measures)
    return suggest(q, states, benchmark_scores(q, CITIES), Target(TargetKind.BEST)).proposals


def test_fiscal_years_and_reiwa() -> None:
    assert fiscal_year(dt.date(2027, 3, 31)) == 2026 and fiscal_year(dt.date(2027, 4, 1)) == 2027
    assert reiwa(2026) == "令和8年度" and reiwa(2019) == "令和元年度"
    assert plan_start(DAY) == 2026  # November: this fiscal year
    assert plan_start(dt.date(2027, 2, 1)) == 2027  # last quarter: the next one


@given(st.integers(2019, 2060))
def test_parse_start_reads_every_way_an_officer_writes_a_year(fy: int) -> None:
    n = fy - 2018
    for text in (reiwa(fy), f"令和{n}年度", f"R{n}", f"{fy}", f"{fy}年度", f"令和{n}"):
        assert parse_start(text) == fy, text
    assert parse_start("来年度") is None


def test_years_follow_cost_and_horizon_and_marks_override() -> None:
    ms = [
        measure("a.free", "a", {"a.one": 4}, cost="none", horizon="long"),
        measure("a.short", "a", {"a.one": 4}, cost="medium", horizon="short"),
        measure("b.long", "b", {"b.one": 3}, cost="high", horizon="long"),
    ]
    props = proposals(ms, {"a.one": 0, "b.one": 0})
    road = build_roadmap(props, assessed_on=DAY, answers={})
    got = {i.suggestion.measure.id: (i.start, i.end) for i in road.items}
    assert got == {"a.free": (2026, 2026), "a.short": (2027, 2028), "b.long": (2028, 2030)}
    assert road.period == "令和8年度〜令和12年度"
    marks = {"b.long": Mark(start="R9", department="情報政策課")}
    road = build_roadmap(props, assessed_on=DAY, answers={}, marks=marks)
    item = next(i for i in road.items if i.suggestion.measure.id == "b.long")
    assert (item.start, item.start_from_mark) == (2027, True)
    assert (item.department, item.department_from) == ("情報政策課", "mark")
    assert [i.number for i in road.items] == list(range(1, len(road.items) + 1))


def test_department_from_catalog_else_plans_else_a_role() -> None:
    m = measure("b.role", "b", {"b.one": 3}).model_copy(update={"departments": ()})
    road = build_roadmap(proposals([m], {"b.one": 0}), assessed_on=DAY, answers={})
    [item] = road.items
    assert item.department_from == "role"
    assert item.department == DEFAULT_DEPARTMENT.get("b", "企画・DX推進担当課")
    m2 = measure("b.cat", "b", {"b.one": 3})  # factories give departments = ("総務課",)
    [item] = build_roadmap(proposals([m2], {"b.one": 0}), assessed_on=DAY, answers={}).items
    assert (item.department, item.department_from) == ("総務課", "catalog")


def test_kpi_runs_from_the_towns_own_value_or_level_to_the_target() -> None:
    count = measure("a.count-up", "a", {"a.count": 3})
    level = measure("b.up", "b", {"b.one": 3})
    states: dict[str, State] = {"a.count": 1, "b.one": 1}
    answers = {"a.count": Answer(value=12), "b.one": Answer(level=1)}
    road = build_roadmap(proposals([count, level], states), assessed_on=DAY, answers=answers)
    kpis = {i.suggestion.measure.id: i.kpi for i in road.items}
    # thresholds (1, 30, 100, 200, 300): level 3 needs 100 手続
    assert (kpis["a.count-up"].baseline, kpis["a.count-up"].target) == ("12手続", "100手続以上")
    assert kpis["b.up"].baseline.startswith("1（") and kpis["b.up"].target.startswith("3（")
    assert all(k.by.startswith("令和") and k.by.endswith("年度末") for k in kpis.values())


def test_a_town_gets_its_own_word_for_a_city_department() -> None:
    from dxcheck.core.roadmap import for_municipality

    assert for_municipality("市民課", "西川町") == "住民課"
    assert for_municipality("市長公室、市民課", "大和村") == "村長公室、住民課"
    assert for_municipality("市民課", "浜松市") == "市民課"
    assert for_municipality("情報政策課", "西川町") == "情報政策課"
