"""Before/after: what changed between two self-checks of one municipality (dxcheck.core.delta)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from dxcheck.core.delta import changes, municipality_mismatch
from dxcheck.core.scoring import score_assessment
from tests.factories import assessment, small_questionnaire

Q = small_questionnaire()
IDS = [q.id for q in Q.questions]  # a.one, a.two, a.count (手続), b.one, b.two


def dated(answers: dict[str, dict[str, Any]], day: dt.date) -> Any:
    a = assessment(answers)
    a.meta.assessed_on = day
    return a


BEFORE = dated(
    {
        "a.one": {"level": 1},
        "a.two": {"level": 4},
        "a.count": {"value": 30},
        "b.one": {"unknown": True},
        "b.two": {"level": 2},
    },
    dt.date(2025, 10, 1),
)
AFTER = dated(
    {
        "a.one": {"level": 3},
        "a.two": {"level": 2},
        "a.count": {"value": 120},
        "b.one": {"level": 2},
    },
    dt.date(2026, 10, 1),
)


def test_levels_that_moved_up_and_down() -> None:
    d = changes(Q, BEFORE, AFTER)
    assert [(c.question.id, c.before, c.after) for c in d.raised] == [
        ("a.one", 1, 3),
        ("a.count", 2, 3),  # 30 手続 is level 2, 120 手続 level 3: the value moved the level
    ]
    assert [(c.question.id, c.before, c.after) for c in d.lowered] == [("a.two", 4, 2)]


def test_answered_and_no_longer_answered_are_kept_apart() -> None:
    d = changes(Q, BEFORE, AFTER)
    assert [(c.question.id, c.before, c.after) for c in d.newly_answered] == [
        ("b.one", "unknown", 2)
    ]
    assert [(c.question.id, c.before, c.after) for c in d.no_longer_answered] == [
        ("b.two", 2, None)
    ]


def test_values_changed_with_their_unit() -> None:
    [v] = changes(Q, BEFORE, AFTER).values
    assert (v.question.id, v.before, v.after, v.unit, v.difference) == (
        "a.count",
        30,
        120,
        "手続",
        90,
    )


def test_a_value_that_appears_or_disappears_is_a_change_without_difference() -> None:
    before = assessment({"a.count": {"level": 2}})
    after = assessment({"a.count": {"value": 30}})
    [v] = changes(Q, before, after).values
    assert (v.before, v.after, v.difference) == (None, 30, None)
    [back] = changes(Q, after, before).values
    assert (back.before, back.after) == (30, None)


def test_scores_before_and_after_come_from_scoring() -> None:
    d = changes(Q, BEFORE, AFTER)
    before, after = score_assessment(Q, BEFORE), score_assessment(Q, AFTER)
    assert (d.overall.before, d.overall.after) == (before.overall, after.overall)
    for change, b, a in zip(d.areas, before.areas, after.areas, strict=True):
        assert change.area == b.area and (change.before, change.after) == (b.score, a.score)
    assert (d.before_on, d.after_on) == (dt.date(2025, 10, 1), dt.date(2026, 10, 1))


def test_score_directions() -> None:
    d = changes(Q, assessment({"a.one": {"level": 1}}), assessment({"b.one": {"level": 1}}))
    assert [a.direction for a in d.areas] == ["gone", "new"]
    assert d.overall.direction == "same"
    empty = changes(Q, assessment({}), assessment({}))
    assert empty.overall.direction == "none" and empty.unchanged


def test_municipality_mismatch_names_both_sides() -> None:
    a, b = assessment({}), assessment({})
    a.municipality.name, a.municipality.code, a.municipality.prefecture = (
        "嬉野市",
        "412091",
        "佐賀県",
    )
    b.municipality.name, b.municipality.code, b.municipality.prefecture = (
        "鹿島市",
        "412074",
        "佐賀県",
    )
    message = municipality_mismatch(a, b)
    assert message is not None
    assert "別の団体" in message and "佐賀県嬉野市" in message and "412074" in message
    b.municipality.code = "４１２０９１"  # full-width digits are the same code
    assert municipality_mismatch(a, b) is None


# ---------------------------------------------------------------- properties

STATE = st.one_of(
    st.none(),
    st.just({"unknown": True}),
    st.integers(0, 5).map(lambda lvl: {"level": lvl}),
)
VALUE = st.one_of(
    st.none(), st.just({"unknown": True}), st.integers(0, 400).map(lambda v: {"value": v})
)


@st.composite
def answer_files(draw: st.DrawFn) -> Any:
    answers: dict[str, dict[str, Any]] = {}
    for qid in IDS:
        table = draw(VALUE if qid == "a.count" else STATE)
        if table is not None:
            answers[qid] = table
    return assessment(answers)


@given(answer_files())
def test_a_file_compared_with_itself_has_no_changes(a: Any) -> None:
    d = changes(Q, a, a)
    assert d.unchanged
    assert all(c.direction in ("same", "none") for c in (d.overall, *d.areas))


@given(answer_files(), answer_files())
def test_swapping_before_and_after_swaps_the_lists(a: Any, b: Any) -> None:
    ab, ba = changes(Q, a, b), changes(Q, b, a)

    def moves(items: Any) -> set[tuple[str, Any, Any]]:
        return {(c.question.id, c.before, c.after) for c in items}

    def flipped(items: Any) -> set[tuple[str, Any, Any]]:
        return {(c.question.id, c.after, c.before) for c in items}

    assert moves(ab.raised) == flipped(ba.lowered)
    assert moves(ab.newly_answered) == flipped(ba.no_longer_answered)
    assert moves(ab.values) == flipped(ba.values)
    for x, y in zip(ab.areas, ba.areas, strict=True):
        assert (x.before, x.after) == (y.after, y.before)


@given(answer_files(), answer_files())
def test_every_question_is_classified_once_by_its_states(a: Any, b: Any) -> None:
    d = changes(Q, a, b)
    before, after = score_assessment(Q, a).states, score_assessment(Q, b).states
    lists = (d.raised, d.lowered, d.newly_answered, d.no_longer_answered)
    seen = [c.question.id for items in lists for c in items]
    assert len(seen) == len(set(seen))
    for qid in IDS:
        old, new = before[qid], after[qid]
        expected = (isinstance(old, int) and isinstance(new, int) and old != new) or isinstance(
            old, int
        ) != isinstance(new, int)
        assert (qid in seen) == expected, (qid, old, new)
    for c in d.raised:
        assert c.after > c.before
    for c in d.lowered:
        assert c.after < c.before
    if all(before[q] == after[q] for q in IDS):
        assert all(x.direction in ("same", "none") for x in d.areas)


def test_delta_is_core_no_ui_no_pdf_no_templates() -> None:
    import json
    import subprocess
    import sys

    code = (
        "import sys, json, dxcheck.core.delta, dxcheck.core.compare\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(out.stdout))
    assert not loaded & {"jinja2", "weasyprint", "textual", "rich", "markupsafe"}
