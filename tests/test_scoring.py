"""Scoring as docs/design.md §5 says, on a small questionnaire where every number can be checked."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dxcheck.core.errors import TargetError
from dxcheck.core.scoring import (
    UNKNOWN,
    State,
    Target,
    TargetKind,
    area_gaps,
    area_targets,
    benchmark_scores,
    biggest_gaps,
    question_target,
    score,
    score_assessment,
)
from dxcheck.core.targets import target_from_text
from tests.factories import assessment, city, small_questionnaire

Q = small_questionnaire()


def test_area_score_is_weighted_mean_of_answered_levels() -> None:
    card = score_assessment(Q, assessment({"a.one": {"level": 1}, "a.two": {"level": 4}}))
    a = card.area("a")
    assert a.score == pytest.approx((1 * 1 + 4 * 2) / 3)
    assert (a.answered, a.unknown, a.unanswered, a.total) == (2, 0, 1, 3)


def test_unknown_is_not_zero_but_lowers_coverage_and_stays_distinct_from_unanswered() -> None:
    card = score_assessment(Q, assessment({"b.one": {"level": 4}, "b.two": {"unknown": True}}))
    b = card.area("b")
    assert b.score == 4
    assert (b.answered, b.unknown, b.unanswered) == (1, 1, 0)
    assert b.coverage == 0.5
    assert not b.low_confidence
    a = card.area("a")
    assert a.score is None and a.unanswered == 3 and a.low_confidence


def test_value_wins_over_level_for_quantitative_question() -> None:
    card = score_assessment(Q, assessment({"a.count": {"level": 5, "value": 30}}))
    assert card.states["a.count"] == 2
    assert card.area("a").score == 2


@pytest.mark.parametrize(
    ("value", "level"),
    [(0, 0), (1, 1), (29, 1), (30, 2), (199, 3), (200, 4), (300, 5), (10_000, 5)],
)
def test_quantity_thresholds(value: float, level: int) -> None:
    assert Q.question("a.count").quantity.level_for(value) == level  # type: ignore[union-attr]


def test_empty_answer_table_counts_as_unanswered() -> None:
    card = score_assessment(Q, assessment({"a.one": {}, "a.two": {"note": "メモのみ"}}))
    assert card.area("a").unanswered == 3


def test_overall_is_mean_of_area_scores_and_none_when_nothing_answered() -> None:
    assert score_assessment(Q, assessment({})).overall is None
    card = score_assessment(Q, assessment({"a.one": {"level": 2}, "b.one": {"level": 4}}))
    assert card.overall == 3


CITIES = [
    city(
        "x",
        {
            "a.one": {"current": 2, "planned": 4},
            "a.two": {"current": 3},
            "a.count": {"current": "unknown"},
            "b.one": {"current": 1},
            "b.two": {"current": 1},
        },
    ),
    city(
        "y",
        {
            "a.one": {"current": 4},
            "a.two": {"current": "unknown", "planned": 3},
            "b.one": {"current": "unknown"},
        },
    ),
    city("z", {"a.one": {"current": 0}, "a.two": {"current": 0}}),
]


def test_city_silent_on_a_question_is_unknown_not_zero() -> None:
    bench = benchmark_scores(Q, CITIES)
    assert bench.current["y"].states["b.two"] == UNKNOWN
    assert bench.current["y"].area("b").score is None
    assert bench.current["y"].area("a").score == 4


def test_planned_levels_replace_current_where_set() -> None:
    bench = benchmark_scores(Q, CITIES)
    assert bench.planned["x"].states["a.one"] == 4
    assert bench.planned["y"].states["a.two"] == 3


def test_targets_best_median_city_plan_custom() -> None:
    bench = benchmark_scores(Q, CITIES)
    # y knows 1 of area a's 3 questions: below half coverage, so its 4.0 does not count
    assert bench.current["y"].area("a").score == 4
    a_scores = [bench.current[c].area("a").score for c in "xz"]
    assert area_targets(Q, bench, Target(TargetKind.BEST))["a"] == max(a_scores)  # type: ignore[type-var]
    assert area_targets(Q, bench, Target(TargetKind.MEDIAN))["a"] == sum(a_scores) / 2  # type: ignore[arg-type]
    assert area_targets(Q, bench, Target(TargetKind.CITY, city="z"))["a"] == 0
    assert area_targets(Q, bench, Target(TargetKind.CITY, city="z"))["b"] is None
    assert area_targets(Q, bench, Target(TargetKind.CUSTOM, custom={"a": 3.5}))["a"] == 3.5
    assert area_targets(Q, bench, Target(TargetKind.PLAN))["b"] == 1


def test_gap_never_below_zero_and_biggest_gaps_ranked() -> None:
    card = score_assessment(Q, assessment({"a.one": {"level": 5}, "b.one": {"level": 0}}))
    bench = benchmark_scores(Q, CITIES)
    targets = area_targets(Q, bench, Target(TargetKind.CUSTOM, custom={"a": 3.0, "b": 2.0}))
    gaps = area_gaps(card, targets)
    assert [g.gap for g in gaps] == [0.0, 2.0]
    assert [g.area.area.id for g in biggest_gaps(gaps)] == ["b"]


def test_question_target_and_target_from_text() -> None:
    bench = benchmark_scores(Q, CITIES)
    assert question_target(Q, bench, "a.one", Target(TargetKind.BEST)) == 4
    assert question_target(Q, bench, "a.one", Target(TargetKind.MEDIAN)) == 2
    assert target_from_text("median", CITIES).kind is TargetKind.MEDIAN
    assert target_from_text("y", CITIES) == Target(TargetKind.CITY, city="y")
    with pytest.raises(TargetError, match="目標"):
        target_from_text("nowhere", CITIES)


states: st.SearchStrategy[State] = st.one_of(st.none(), st.just(UNKNOWN), st.integers(0, 5))


@given(st.dictionaries(st.sampled_from([q.id for q in Q.questions]), states))
def test_scores_stay_in_range_and_counts_add_up(s: dict[str, State]) -> None:
    card = score(Q, s)
    for a in card.areas:
        assert a.score is None or 0 <= a.score <= 5
        assert a.answered + a.unknown + a.unanswered == a.total == len(Q.questions_in(a.area.id))
        assert 0 <= a.coverage <= 1
        assert (a.score is None) == (a.answered == 0)
    assert card.overall is None or 0 <= card.overall <= 5


@given(st.dictionaries(st.sampled_from([q.id for q in Q.questions]), st.integers(0, 4)))
def test_raising_one_level_never_lowers_a_score(s: dict[str, int]) -> None:
    before = score(Q, s)
    for qid in s:
        after = score(Q, {**s, qid: s[qid] + 1})
        for x, y in zip(before.areas, after.areas, strict=True):
            assert (y.score or 0) >= (x.score or 0)
