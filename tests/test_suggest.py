"""Suggested measures as docs/design.md §5 ranks them, on a questionnaire small enough to check."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dxcheck.core.model import Cost, Horizon, Measure
from dxcheck.core.scoring import (
    UNKNOWN,
    State,
    Target,
    TargetKind,
    benchmark_scores,
    question_target,
)
from dxcheck.core.suggest import Suggestions, suggest
from tests.factories import city, measure, small_questionnaire, with_measures

BASE = small_questionnaire()
# x and y are the cities; best levels: a.one 4, a.two 3, a.count unknown, b.one 3, b.two 2
CITIES = [
    city(
        "x",
        {
            "a.one": {"current": 4},
            "a.two": {"current": 3},
            "a.count": {"current": "unknown"},
            "b.one": {"current": 3},
            "b.two": {"current": 2},
        },
    ),
    city("y", {"a.one": {"current": 2}, "a.two": {"current": 1, "planned": 4}}),
]
BENCH = benchmark_scores(BASE, CITIES)
BEST = Target(TargetKind.BEST)


def run(measures: list[Measure], states: dict[str, State], target: Target = BEST) -> Suggestions:
    q = with_measures(BASE, measures)
    return suggest(q, states, benchmark_scores(q, CITIES), target)


def ids(s: Suggestions) -> list[str]:
    return [x.measure.id for x in s.ranked]


def test_only_questions_below_target_get_measures_that_raise_them_above_current() -> None:
    measures = [
        measure("a.raise", "a", {"a.one": 3}),
        measure("a.too-low", "a", {"a.one": 1}),  # does not go above the current level
        measure("a.at-target", "a", {"a.two": 4}),  # a.two already at its target
        measure("b.raise", "b", {"b.one": 2}),
    ]
    s = run(measures, {"a.one": 1, "a.two": 3, "b.one": 0})
    assert set(ids(s)) == {"a.raise", "b.raise"}
    # equal gaps (3): national priority first
    assert [g.question.id for g in s.below_target] == ["a.one", "b.one"]


def test_ranking_gap_then_priority_then_cost_then_cities() -> None:
    measures = [
        measure("b.big-gap", "b", {"b.one": 3}, cost="high"),  # gap 3, priority 2
        measure("a.small-gap", "a", {"a.one": 4}, cost="none"),  # gap 1, priority 1
        measure("a.gap3-costly", "a", {"a.two": 3}, cost="medium"),  # gap 3, priority 1
        measure("a.gap3-free", "a", {"a.two": 2}, cost="none"),  # gap 3, priority 1, no cost
        measure("a.gap3-free-2cities", "a", {"a.two": 2}, cost="none", cities=("x", "y")),
    ]
    s = run(measures, {"a.one": 3, "a.two": 0, "b.one": 0})
    assert ids(s) == [
        "a.gap3-free-2cities",
        "a.gap3-free",
        "a.gap3-costly",
        "b.big-gap",
        "a.small-gap",
    ]


def test_a_measure_closing_several_questions_appears_once_with_its_largest_gap() -> None:
    s = run([measure("a.both", "a", {"a.one": 4, "b.one": 3})], {"a.one": 3, "b.one": 0})
    assert ids(s) == ["a.both"]
    only = s.ranked[0]
    assert only.gap == 3 and only.priority == 1
    assert only.area_ids == ("a", "b")
    assert s.for_area("b") == [only] and s.for_area("a") == [only]


def test_unknown_unanswered_and_no_benchmark_are_listed_apart_not_below_target() -> None:
    s = run(
        [measure("a.count-up", "a", {"a.count": 5})],
        {"a.one": UNKNOWN, "a.count": 0, "b.one": 1},
    )
    assert [q.id for q in s.unknown] == ["a.one"]
    assert [q.id for q in s.unanswered] == ["a.two", "b.two"]
    assert [q.id for q in s.no_target] == ["a.count"]  # every city is silent on it
    assert ids(s) == []
    assert [g.question.id for g in s.uncovered] == ["b.one"]  # below target, nothing in catalog


def test_no_cost_goes_to_now_whatever_its_horizon_and_roadmap_keeps_rank_order() -> None:
    measures = [
        measure("a.free-long", "a", {"a.one": 4}, cost="none", horizon="long"),
        measure("a.paid-now", "a", {"a.one": 4}, cost="low", horizon="now"),
        measure("a.paid-long", "a", {"a.two": 3}, cost="high", horizon="long"),
    ]
    road = run(measures, {"a.one": 0, "a.two": 0}).roadmap()
    assert list(road) == [Horizon.NOW, Horizon.SHORT, Horizon.LONG]
    assert [x.measure.id for x in road[Horizon.NOW]] == ["a.free-long", "a.paid-now"]
    assert road[Horizon.SHORT] == []
    assert [x.measure.id for x in road[Horizon.LONG]] == ["a.paid-long"]


def test_targets_change_what_is_below_target() -> None:
    measures = [measure("a.two-up", "a", {"a.two": 4})]
    states: dict[str, State] = {"a.two": 2}
    assert ids(run(measures, states, Target(TargetKind.CITY, city="y"))) == []  # y is at 1
    assert ids(run(measures, states, Target(TargetKind.PLAN))) == ["a.two-up"]  # plans: 3, 4


def test_duplicate_catalog_ids_are_suggested_once() -> None:
    twice = measure("a.same", "a", {"a.one": 4})
    assert ids(run([twice, twice], {"a.one": 0})) == ["a.same"]


def test_cities_are_named_in_benchmark_order_without_repeats() -> None:
    m = measure("a.m", "a", {"a.one": 4}, cities=("y", "other", "x", "y"))
    assert run([m], {"a.one": 0}).ranked[0].city_ids == ("x", "y", "other")


# ---------------------------------------------------------------- properties

QIDS = [q.id for q in BASE.questions]
AREA_OF = {q.id: q.area for q in BASE.questions}
states_st = st.dictionaries(
    st.sampled_from(QIDS), st.one_of(st.none(), st.just(UNKNOWN), st.integers(0, 5))
)
measure_st = st.builds(
    lambda n, qs, cost, horizon, cities: measure(
        f"{AREA_OF[next(iter(qs))]}.m{n}",
        AREA_OF[next(iter(qs))],
        qs,
        cost=cost,
        horizon=horizon,
        cities=cities,
    ),
    st.integers(0, 30),
    st.dictionaries(st.sampled_from(QIDS), st.integers(0, 5), min_size=1, max_size=3),
    st.sampled_from([c.value for c in Cost]),
    st.sampled_from([h.value for h in Horizon]),
    st.lists(st.sampled_from(["x", "y", "z"]), min_size=1, max_size=3).map(tuple),
)
target_st = st.sampled_from(
    [
        Target(TargetKind.BEST),
        Target(TargetKind.MEDIAN),
        Target(TargetKind.PLAN),
        Target(TargetKind.CITY, city="x"),
        Target(TargetKind.CUSTOM, custom={"a": 4.0, "b": 2.6}),
    ]
)


@settings(max_examples=150, deadline=None)
@given(states_st, st.lists(measure_st, max_size=12), target_st)
def test_properties_of_every_suggestion(
    states: dict[str, State], measures: list[Measure], target: Target
) -> None:
    q = with_measures(BASE, measures)
    s = suggest(q, states, BENCH, target)
    # no duplicates
    assert len(ids(s)) == len(set(ids(s)))
    for sug in s.ranked:
        assert sug.closes
        for c in sug.closes:
            qid = c.gap.question.id
            current = states.get(qid)
            wanted = question_target(q, BENCH, qid, target)
            # every suggested measure raises a question that is below target, above its level
            assert isinstance(current, int) and wanted is not None and current < wanted
            assert c.to_level > current
            assert any(r.question == qid and r.to_level == c.to_level for r in sug.measure.raises)
        if sug.measure.cost is Cost.NONE:
            assert sug.horizon is Horizon.NOW
    # ranked by the documented key
    keys = [x.sort_key() for x in s.ranked]
    assert keys == sorted(keys)
    # the roadmap holds every suggestion exactly once; no-cost ones in すぐに着手
    road = s.roadmap()
    assert sorted(x.measure.id for v in road.values() for x in v) == sorted(ids(s))
    assert {x.measure.id for x in s.ranked if x.cost is Cost.NONE} <= {
        x.measure.id for x in road[Horizon.NOW]
    }
    # unknown and unanswered are never below target; the lists do not overlap
    below = {g.question.id for g in s.below_target}
    assert not below & {x.id for x in s.unknown}
    assert not below & {x.id for x in s.unanswered}
    assert {x.id for x in s.unknown} == {k for k, v in states.items() if v == UNKNOWN}
    assert {x.id for x in s.unanswered} == {x for x in QIDS if states.get(x) is None}
    # every below-target question is either closed by a suggestion or listed as uncovered
    closed = {c.gap.question.id for x in s.ranked for c in x.closes}
    assert below == closed | {g.question.id for g in s.uncovered}
    assert not closed & {g.question.id for g in s.uncovered}


# ---------------------------------------------------------------- fitting the town (issue 11)

from dxcheck.core.model import Assessment  # noqa: E402
from dxcheck.core.suggest import BODY_LIMIT, Mark, assessment_marks  # noqa: E402


def test_a_measure_whose_own_level_the_answers_reach_is_never_proposed() -> None:
    # a.own stands for a.one at 3 (its own area) and also lifts b.one: a.one is already 3
    measures = [measure("a.own", "a", {"a.one": 3, "b.one": 3}), measure("b.m", "b", {"b.one": 2})]
    s = run(measures, {"a.one": 3, "b.one": 0})
    assert ids(s) == ["b.m"]
    [skipped] = s.skipped
    assert skipped.measure.id == "a.own" and skipped.reason == "reached" and skipped.level == 3


def test_marked_done_or_not_applicable_is_skipped_and_kept_with_its_note() -> None:
    measures = [measure("a.done", "a", {"a.one": 4}), measure("a.na", "a", {"a.one": 4})]
    marks = {"a.done": Mark("done", "令和5年度に設置"), "a.na": Mark("not_applicable")}
    q = with_measures(BASE, measures)
    s = suggest(q, {"a.one": 0}, benchmark_scores(q, CITIES), BEST, marks)
    assert ids(s) == [] and not s.proposals
    assert {(x.measure.id, x.reason, x.note) for x in s.skipped} == {
        ("a.done", "done", "令和5年度に設置"),
        ("a.na", "not_applicable", ""),
    }


def test_marks_are_read_from_the_answer_file_measures_table() -> None:
    a = Assessment.model_validate(
        {
            "questionnaire": "t",
            "questionnaire_version": "1.0.0",
            "measures": {
                "a.x": {"status": "done", "note": "n"},
                "a.y": {"start": "令和9年度", "department": "企画課"},
            },
        }
    )
    marks = assessment_marks(a)
    assert marks["a.x"] == Mark("done", "n")
    assert marks["a.y"] == Mark(None, "", "令和9年度", "企画課")


def test_basis_is_proven_only_when_a_city_has_done_it() -> None:
    done = measure("a.done", "a", {"a.one": 4})
    planned = done.model_copy(
        update={
            "id": "a.planned",
            "cities": tuple(c.model_copy(update={"status": "planned"}) for c in done.cities),
        }
    )
    s = run([done, planned], {"a.one": 0})
    basis = {x.measure.id: x.basis for x in s.ranked}
    assert basis == {"a.done": "proven", "a.planned": "planned"}
    # the cities that have done it outrank those that only plan it (other keys equal)
    assert ids(s) == ["a.done", "a.planned"]


def test_body_holds_at_most_fifteen_and_more_the_rest_in_order() -> None:
    measures = [measure(f"a.m{i:02d}", "a", {"a.one": 4}) for i in range(20)]
    s = run(measures, {"a.one": 0})
    assert len(s.body) == BODY_LIMIT and len(s.more) == 5
    assert list(s.body + s.more) == list(s.proposals)


def test_an_advanced_town_gets_next_steps_beyond_the_benchmarks() -> None:
    # at or above every city on every question: nothing is below target
    states: dict[str, State] = {"a.one": 4, "a.two": 3, "b.one": 3, "b.two": 2}
    measures = [measure("a.five", "a", {"a.one": 5}), measure("b.four", "b", {"b.one": 4})]
    s = run(measures, states)
    assert s.ranked == () and s.below_target == ()
    assert [x.measure.id for x in s.proposals] == ["a.five", "b.four"]
    assert all(x.beyond for x in s.proposals)
    for x in s.proposals:
        for c in x.closes:
            assert c.to_level > c.gap.current  # always above what the town has


def test_prerequisites_come_before_what_depends_on_them() -> None:
    first = measure("a.system", "a", {"a.one": 4}, cost="none")  # ranks first on cost
    pre = measure("a.plan", "a", {"a.one": 4}, cost="high")
    dependent = first.model_copy(update={"prerequisites": ("a.plan",)})
    s = run([dependent, pre], {"a.one": 0})
    assert ids(s) == ["a.plan", "a.system"]


def test_a_measure_the_town_already_does_in_part_is_proposed_as_an_extension() -> None:
    from dxcheck.core.suggest import Closes, QuestionGap, Suggestion
    from tests.factories import measure, question

    q = question("a.one", "a")
    m = measure("a.one-intro", "a", {"a.one": 4}).model_copy(update={"title": "書かない窓口の導入"})
    started = Suggestion(m, (Closes(QuestionGap(q, 2, 4, 1), 4),), ())
    fresh = Suggestion(m, (Closes(QuestionGap(q, 0, 4, 1), 4),), ())
    assert started.title == "書かない窓口の拡大・定着（一部で実施中）"
    assert fresh.title == "書かない窓口の導入"
