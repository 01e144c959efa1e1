"""Questionnaire 2's scoring: size-fair levels, national and own targets, coverage-aware
benchmarks, and one logic for area and question gaps."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dxcheck.core.model import Answer, Assessment, MunicipalityInfo
from dxcheck.core.scoring import (
    UNKNOWN,
    Target,
    TargetKind,
    area_gaps,
    area_targets,
    benchmark_scores,
    comparable_overall,
    displayed,
    question_target,
    score,
    score_assessment,
)
from dxcheck.core.targets import target_from_text
from tests.factories import city, size_fair_questionnaire

Q = size_fair_questionnaire()


def town(population: int, staff: int | None, answers: dict[str, dict[str, Any]]) -> Assessment:
    return Assessment(
        questionnaire="t",
        questionnaire_version="2.0.0",
        municipality=MunicipalityInfo(name="町", population=population, staff=staff),
        answers={k: Answer(**v) for k, v in answers.items()},
    )


def test_two_towns_of_very_different_size_with_the_same_share_get_the_same_levels() -> None:
    # a village of 3,000 with 40 staff and a city of 300,000 with 4,000 staff, each having put
    # the same proportion of its own scope online, the same share of staff on telework and the
    # same consultations per resident
    small = town(
        3_000,
        40,
        {
            "a.share": {"value": 3, "denominator": 10},
            "a.staff": {"value": 6},
            "a.resident": {"value": 15},
        },
    )
    large = town(
        300_000,
        4_000,
        {
            "a.share": {"value": 300, "denominator": 1000},
            "a.staff": {"value": 600},
            "a.resident": {"value": 1500},
        },
    )
    small_card, large_card = score_assessment(Q, small), score_assessment(Q, large)
    for qid, level in (("a.share", 3), ("a.staff", 3), ("a.resident", 3)):
        assert small_card.states[qid] == large_card.states[qid] == level
    assert small_card.area("a").score == large_card.area("a").score
    # the same absolute count means very different things: 6 telework staff of 4,000 is level 1
    assert (
        score_assessment(Q, town(300_000, 4_000, {"a.staff": {"value": 6}})).states["a.staff"] == 0
    )


def test_without_the_denominator_the_stated_level_is_used() -> None:
    card = score_assessment(
        Q,
        town(
            3_000,
            None,
            {"a.share": {"value": 3, "level": 2}, "a.staff": {"value": 6}},
        ),
    )
    assert card.states["a.share"] == 2  # no denominator: level as answered
    assert card.states["a.staff"] is None  # no staff and no level: not yet scorable


def test_a_benchmark_city_is_scaled_by_its_own_figures() -> None:
    c = city(
        "x",
        {
            "a.share": {"current": 1, "value": 9, "denominator": 10},
            "a.staff": {"current": 2, "value": 100},
        },
    ).model_copy(update={"population": 26_000, "staff": 250})
    bench = benchmark_scores(Q, [c])
    # 9 of 10 = 90 % → 5, the figure wins over a level written by hand; 100 per 250 staff = 40
    assert bench.current["x"].states["a.share"] == 5
    assert bench.current["x"].states["a.staff"] == 4
    unscaled = c.model_copy(update={"staff": None})
    assert benchmark_scores(Q, [unscaled]).current["x"].states["a.staff"] == 2


def test_national_target_per_question_and_weighted_per_area() -> None:
    bench = benchmark_scores(Q, [])
    t = area_targets(Q, bench, Target(TargetKind.NATIONAL))
    assert t.questions["a.share"] == 4 and t.questions["a.plain"] == 3
    assert t.questions["a.staff"] is None
    # a.share (weight 1) at 4 and a.plain (weight 2) at 3; questions without one left out
    assert t["a"] == pytest.approx((4 + 2 * 3) / 3)
    assert t["b"] is None
    assert question_target(Q, bench, "a.share", Target(TargetKind.NATIONAL)) == 4
    assert target_from_text("national", []) == Target(TargetKind.NATIONAL)


def test_own_target_comes_from_the_answer_file() -> None:
    a = town(3_000, 40, {"b.one": {"level": 1}, "b.two": {"level": 4}})
    a.targets = {"b": 3.0}
    target = target_from_text("own", []).for_assessment(a)
    assert target == Target(TargetKind.OWN, custom={"b": 3.0})
    t = area_targets(Q, benchmark_scores(Q, []), target)
    assert t["b"] == 3.0 and t.questions["b.one"] == 3.0 and t["a"] is None
    gap = next(g for g in area_gaps(score_assessment(Q, a), t) if g.area.area.id == "b")
    # b.one is 2 below, b.two above: the area needs (2 + 0) / 2 = 1 more
    assert gap.gap == 1.0 and gap.target == 3.5 and [s.question.id for s in gap.below] == ["b.one"]


CITIES = [
    # knows all of area b, 1 of 4 questions of area a
    city("full", {"a.plain": {"current": 5}, "b.one": {"current": 2}, "b.two": {"current": 2}}),
    # knows 1 of 2 of area b (exactly half counts) and nothing of area a
    city("half", {"b.one": {"current": 4, "planned": 5}}),
    # knows one question of area a only
    city("thin", {"a.share": {"current": 1}}),
]


def test_city_area_scores_count_only_at_half_coverage_or_more() -> None:
    bench = benchmark_scores(Q, CITIES)
    best = area_targets(Q, bench, Target(TargetKind.BEST))
    assert best["b"] == 4.0  # "half" counts at exactly 1/2
    assert best["a"] is None  # every city knows under half of area a
    assert area_targets(Q, bench, Target(TargetKind.MEDIAN))["b"] == 3.0
    # question targets come from the cities that know the question, whatever their coverage
    assert best.questions["a.plain"] == 5 and best.questions["a.share"] == 1
    assert best.questions["a.staff"] is None
    plan = area_targets(Q, bench, Target(TargetKind.PLAN))
    assert plan["b"] == pytest.approx((2 + 5) / 2)


def test_no_overall_for_a_city_with_too_few_known_levels() -> None:
    bench = benchmark_scores(Q, CITIES)
    # "full" has area b (coverage 1) but area a at 1/4: 1 of 2 areas at ≥ 1/2 — enough
    assert bench.overall("full") == 2.0
    assert bench.overall("thin") is None
    assert comparable_overall(bench.current["half"]) == 4.0
    assert bench.current["thin"].overall == 1.0  # the plain mean stays for the city's own view


def test_an_area_gap_follows_its_questions_and_the_difference_adds_up() -> None:
    bench = benchmark_scores(Q, CITIES)
    targets = area_targets(Q, bench, Target(TargetKind.BEST))
    a = town(
        3_000, 40, {"b.one": {"level": 4}, "b.two": {"level": 1}, "a.share": {"unknown": True}}
    )
    gaps = {g.area.area.id: g for g in area_gaps(score_assessment(Q, a), targets)}
    b = gaps["b"]
    assert [(s.question.id, s.gap) for s in b.below] == [("b.two", 1.0)]
    assert b.gap == 0.5 and b.target == 3.0  # (0 + 1) / 2 on top of the score 2.5
    assert gaps["a"].gap is None  # nothing answered in area a
    assert displayed(2.449, 3.051) == (2.4, 3.1, 0.7)


states = st.one_of(st.none(), st.just(UNKNOWN), st.integers(0, 5))
targets_st = st.one_of(st.none(), st.floats(0, 5))


@given(
    st.fixed_dictionaries({q.id: states for q in Q.questions}),
    st.fixed_dictionaries({q.id: targets_st for q in Q.questions}),
)
def test_one_logic_for_area_and_question_gaps(
    s: dict[str, object], wanted: dict[str, float | None]
) -> None:
    from dxcheck.core.scoring import AreaTargets

    card = score(Q, s)  # type: ignore[arg-type]
    for g in area_gaps(card, AreaTargets({a.id: None for a in Q.areas}, wanted)):
        below = [q for q in g.questions if (q.gap or 0) > 0]
        assert (g.gap is not None and g.gap > 0) == bool(below)
        if g.gap is not None:
            assert g.area.score is not None and g.target is not None
            assert g.target - g.area.score == pytest.approx(g.gap)
            current, target, diff = displayed(g.area.score, g.target)
            assert diff == pytest.approx(max(0.0, round((target or 0) - (current or 0), 1)))
