"""Reading the numbers people type into quantitative questions (dxcheck.core.numbers)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dxcheck.core.model import Quantity
from dxcheck.core.numbers import (
    QuantitySpec,
    Reading,
    level_of,
    parse_amount,
    read_answer,
    share_percent,
)

PEOPLE = Quantity(label="スマホ講師の数", unit="人", thresholds=(1, 3, 10, 20, 40))
PERCENT = Quantity(label="保有率", unit="%", thresholds=(10, 30, 50, 70, 90))
HOURS = Quantity(label="削減時間", unit="時間", thresholds=(1, 100, 500, 1000, 5000))
SHARE = QuantitySpec(
    basis="share",
    value_label="移行済みのシステム数",
    value_unit="システム",
    integer=True,
    maximum=None,
    example="例: 12（システム）",
    denominator_label="対象システムの総数",
    denominator_unit="システム",
)


def test_specs_from_a_4_0_quantity() -> None:
    people = QuantitySpec.of(PEOPLE)
    assert people.integer and people.maximum is None and people.basis == "absolute"
    assert people.example == "例: 10（人）"  # the number that reaches level 3, not 「例: 120」
    percent = QuantitySpec.of(PERCENT)
    assert percent.basis == "percent" and percent.maximum == 100 and not percent.integer
    assert percent.example == "例: 50（%）"
    assert not QuantitySpec.of(HOURS).integer


@pytest.mark.parametrize(
    ("text", "expected"),
    [("25", 25), ("１２０", 120), ("1,200", 1200), ("45人", 45), (" 7 ", 7), ("０", 0)],
)
def test_accepted(text: str, expected: float) -> None:
    assert parse_amount(text, "人", integer=True) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("3.5", "整数"),
        ("1e3", "指数"),
        ("約3", "数字だけ"),
        ("3くらい", "数字だけ"),
        ("12,00", "「,」の位置"),
        ("-2", "0 以上"),
        ("たくさん", "数字で"),
        ("nan", "数字で"),
        ("inf", "数字で"),
        ("", "入力して"),
    ],
)
def test_refused_with_a_reason(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_amount(text, "人", integer=True)


def test_ranges_come_from_the_question() -> None:
    with pytest.raises(ValueError, match="100% 以下"):
        read_answer(QuantitySpec.of(PERCENT), "150")
    assert read_answer(QuantitySpec.of(PERCENT), "12.5%").value == 12.5
    with pytest.raises(ValueError, match="総数"):
        read_answer(SHARE, "25", "20")  # 25 of 20 systems
    with pytest.raises(ValueError, match="1 以上"):
        read_answer(SHARE, "0", "0")
    reading = read_answer(SHARE, "5", "20")
    assert reading == Reading(5, 20) and share_percent(reading) == 25
    assert read_answer(SHARE, "5", "") == Reading(5, None)
    assert share_percent(Reading(5, None)) is None


def test_levels_from_numbers() -> None:
    assert level_of(PEOPLE, Reading(25, None)) == 4  # 25 people: ≥20, <40
    assert level_of(PEOPLE, Reading(None, None)) is None


@given(st.text(max_size=12))
def test_any_text_is_a_number_or_a_reason(text: str) -> None:
    try:
        value = parse_amount(text, "人", integer=True)
    except ValueError as exc:
        assert str(exc)  # a reason, in words
    else:
        assert value >= 0 and float(value).is_integer()
