"""The one text form of a comparison target (dxcheck.core.targets): every kind reads back as
written, what a person types is read leniently, and a bad text is a Japanese TargetError —
never another exception."""

from __future__ import annotations

import contextlib
import math

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from dxcheck.core.errors import TargetError
from dxcheck.core.scoring import Target, TargetKind
from dxcheck.core.targets import (
    KEYWORDS,
    legacy_target_text,
    target_from_text,
    target_to_text,
    target_value_from_text,
)
from dxcheck.io.load import load_benchmarks

CITIES = tuple(load_benchmarks())
AREAS = ("governance", "talent", "frontyard", "analog-regulation", "open-data")

area_values = st.dictionaries(
    st.sampled_from(AREAS),
    st.floats(0, 5, allow_nan=False, allow_infinity=False),
    min_size=1,
)
targets = st.one_of(
    st.sampled_from(
        [Target(k) for k in (TargetKind.BEST, TargetKind.MEDIAN, TargetKind.PLAN)]
        + [Target(TargetKind.NATIONAL), Target(TargetKind.OWN), Target(TargetKind.CUSTOM)]
    ),
    st.sampled_from([Target(TargetKind.CITY, city=c.id) for c in CITIES]),
    area_values.map(lambda v: Target(TargetKind.CUSTOM, custom=v)),
)


@given(targets)
@example(Target(TargetKind.CUSTOM, custom={"governance": 2.3333333333333335, "talent": 5.0}))
@example(Target(TargetKind.CUSTOM, custom={"governance": 1e-300}))
def test_every_target_reads_back_as_written(target: Target) -> None:
    text = target_to_text(target)
    assert target_from_text(text, CITIES) == target
    assert target_from_text(text, CITIES, areas=AREAS) == target
    assert target_to_text(target_from_text(text, CITIES)) == text


@given(area_values)
def test_an_own_target_is_written_without_values_its_answer_files_are_the_values(
    values: dict[str, float],
) -> None:
    own = Target(TargetKind.OWN, custom=values)
    assert target_to_text(own) == "own"
    assert target_from_text("own", CITIES) == Target(TargetKind.OWN)


def test_the_texts_are_the_documented_ones() -> None:
    assert {*KEYWORDS, "city"} == {k.value for k in TargetKind}  # every kind has its text
    assert target_to_text(Target()) == "best"
    assert target_to_text(Target(TargetKind.CITY, city="ureshino")) == "city:ureshino"
    assert target_to_text(Target(TargetKind.NATIONAL)) == "national"
    assert (
        target_to_text(Target(TargetKind.CUSTOM, custom={"governance": 3.0, "frontyard": 2.5}))
        == "custom:governance=3,frontyard=2.5"
    )
    assert target_to_text(Target(TargetKind.CUSTOM)) == "custom"


def test_what_a_person_types_is_read_leniently() -> None:
    ureshino = Target(TargetKind.CITY, city="ureshino")
    for text in ("ureshino", "嬉野市", "嬉野", " city:ureshino ", "CITY:嬉野市"):
        assert target_from_text(text, CITIES) == ureshino, text
    assert target_from_text("  Median ", CITIES) == Target(TargetKind.MEDIAN)
    assert target_from_text("ＮＡＴＩＯＮＡＬ", CITIES) == Target(TargetKind.NATIONAL)  # full width
    assert target_from_text("custom: governance = ３．５ , talent=0", CITIES) == Target(
        TargetKind.CUSTOM, custom={"governance": 3.5, "talent": 0.0}
    )


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("nowhere", "目標「nowhere」が分かりません"),
        ("city:", "が分かりません"),
        ("city:nowhere", "ureshino"),  # the error lists what is accepted
        ("custom:", "「分野ID=値」"),
        ("custom:governance", "「分野ID=値」"),
        ("custom:governance=6", "0〜5 の数値"),
        ("custom:governance=nan", "0〜5 の数値"),
        ("custom:governance=-1", "0〜5 の数値"),
        ("custom:governance=3,governance=2", "2回"),
        ("custom:Governance=3", "「分野ID=値」"),
        ("custom:nosuch=3", "質問票にありません"),
        ("\x1b[31mred", "\\x1b"),  # control characters shown, never obeyed
    ],
)
def test_a_bad_text_is_a_japanese_target_error(text: str, words: str) -> None:
    with pytest.raises(TargetError) as caught:
        target_from_text(text, CITIES, areas=AREAS)
    assert words in str(caught.value)
    assert isinstance(caught.value, ValueError)  # older `except ValueError` still catch it


@given(st.text(max_size=300))
@example("custom:" + "governance=1," * 200)
@example("custom:=")
@example("custom:a=1e999")
@example("city:" + "市" * 10_000)
@example("custom:" + "a" * 10_000 + "=1")
def test_any_text_is_a_target_or_a_target_error(text: str) -> None:
    try:
        target = target_from_text(text, CITIES, areas=AREAS)
    except TargetError as exc:
        assert len(str(exc)) < 1_000  # a huge text is quoted clipped
        return
    assert target_from_text(target_to_text(target), CITIES, areas=AREAS) == target


@given(st.text(max_size=40))
def test_an_area_value_is_a_number_from_0_to_5_or_a_target_error(text: str) -> None:
    try:
        value = target_value_from_text(text)
    except TargetError as exc:
        assert str(exc) == "0〜5 の数値で入力してください"
        return
    assert math.isfinite(value) and 0 <= value <= 5


@given(
    st.dictionaries(
        st.sampled_from(["kind", "city", "custom", "other"]),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
            lambda inner: (
                st.lists(inner, max_size=3)
                | st.dictionaries(st.text(max_size=12), inner, max_size=3)
            ),
            max_leaves=8,
        ),
    )
)
def test_an_older_sidecars_target_becomes_text_the_reader_judges(data: dict[str, object]) -> None:
    text = legacy_target_text(data)
    assert isinstance(text, str)
    with contextlib.suppress(TargetError):  # judged like any text: a target or this error
        target_from_text(text, CITIES)
