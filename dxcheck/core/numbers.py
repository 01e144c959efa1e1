"""What a quantitative question asks for, and how a typed number is read and checked.

The wizard (and anything else that takes a number from a person) reads numbers here, so that
「1,200」「１２０」「45手続」 mean the same everywhere and 「約3」「1e3」「3.5人」 are refused
with a reason instead of being half-read. Ranges come from the question: a share is at most
100 %, a count at most its denominator, people and procedures are whole numbers.

Questionnaire 4.1.0 states these facts on the quantity (`basis`, `value_label`, `integer`,
`max`, `example`, `denominator_label`, …; see docs/data-format.md); for a 4.0.0 quantity they
are read from its unit, so both versions get the same checks.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from dxcheck.core.model import Answer, Quantity, Question

# units that count whole things (4.0.0 quantities say no more than their unit)
COUNTED_UNITS = frozenset({"人", "人/年", "手続", "業務", "施設", "件", "回", "システム", "団体"})
PERCENT = "%"
_GROUPED = re.compile(r"\d{1,3}(,\d{3})+(\.\d+)?")
_PLAIN = re.compile(r"\d+(\.\d+)?")


@dataclass(frozen=True, slots=True)
class QuantitySpec:
    """A quantity as the person answering sees it."""

    basis: str  # share | per_staff | per_resident | percent | absolute
    value_label: str
    value_unit: str
    integer: bool
    maximum: float | None  # of the value typed (a percentage: 100)
    example: str
    denominator_label: str = ""
    denominator_unit: str = ""
    denominator_example: str = ""
    scale_max: float | None = None  # of the scaled measure, for rates per staff or resident

    @property
    def is_share(self) -> bool:
        return self.basis == "share"

    @classmethod
    def of(cls, quantity: Quantity) -> QuantitySpec:
        # a 4.0.0 quantity states only its unit: read the basis and whether it counts whole
        # things from that; a 4.1.0 quantity states them (model_fields_set)
        stated = quantity.model_fields_set
        basis: str = quantity.basis
        if "basis" not in stated and quantity.unit == PERCENT:
            basis = "percent"
        value_unit = quantity.value_unit or ("" if basis == "share" else quantity.unit)
        integer = quantity.integer if "integer" in stated else value_unit in COUNTED_UNITS
        maximum: float | None = None
        if basis == "percent":
            maximum = quantity.max or 100.0
        elif basis == "absolute" and quantity.max is not None:
            maximum = quantity.max
        # 「例: 45（手続）／分母 320（手続）」: one example for each box
        example, _, denominator_example = (
            quantity.example or _example(quantity, value_unit, integer)
        ).partition("／分母")
        return cls(
            basis=basis,
            value_label=quantity.input_label,
            value_unit=value_unit,
            integer=integer,
            maximum=maximum,
            example=example.strip(),
            denominator_label=quantity.denominator_label,
            denominator_unit=quantity.denominator_unit or value_unit,
            denominator_example="例: " + denominator_example.strip() if denominator_example else "",
            scale_max=quantity.max if basis in ("per_staff", "per_resident") else None,
        )


def spec_of(question: Question) -> QuantitySpec | None:
    return None if question.quantity is None else QuantitySpec.of(question.quantity)


def _example(quantity: Quantity, unit: str, integer: bool) -> str:
    """「例: 100（手続）」 from the question's own scale: the number that reaches level 3."""
    middle = quantity.thresholds[2]
    number = f"{round(middle)}" if integer or float(middle).is_integer() else f"{middle:g}"
    return f"例: {number}" + (f"（{unit}）" if unit else "")


def format_number(value: float) -> str:
    return f"{int(value)}" if float(value).is_integer() else f"{value:g}"


def parse_amount(text: str, unit: str, *, integer: bool, what: str = "数値") -> float:
    """A number a person typed, or ValueError saying in Japanese why it is not one.

    Accepted: full-width digits, 「1,200」 with proper thousands groups, the unit after the
    number (「45手続」「12.5%」). Refused: anything approximate (約3, 3くらい), exponents (1e3),
    signs, a decimal where whole things are counted.
    """
    cleaned = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    for suffix in (unit, "%", "％"):
        if suffix:
            cleaned = cleaned.removesuffix(suffix)
    if not cleaned:
        raise ValueError(f"{what}を入力してください")
    if cleaned.startswith("-"):
        raise ValueError(f"{what}は 0 以上にしてください")
    if re.fullmatch(r"[\d.,]+[eE][+-]?\d+", cleaned):
        raise ValueError(
            f"{what}は 1000 のように数字だけで入力してください（指数表記は使えません）"
        )
    if "," in cleaned:
        if not _GROUPED.fullmatch(cleaned):
            raise ValueError(f"{what}の「,」の位置が正しくありません（例: 1,200）")
        cleaned = cleaned.replace(",", "")
    if not _PLAIN.fullmatch(cleaned):
        if re.search(r"\d", cleaned):
            raise ValueError(
                f"{what}は数字だけで入力してください（「約」「程度」などは付けず、概数ならその数を）"
            )
        raise ValueError(f"{what}は数字で入力してください")
    value = float(cleaned)
    if not math.isfinite(value):
        raise ValueError(f"{what}は数字で入力してください")
    if integer and not value.is_integer():
        raise ValueError(f"{what}は整数で入力してください（{unit or '数'}を数えます）")
    return value


@dataclass(frozen=True, slots=True)
class Reading:
    """A checked pair of numbers for one question (the denominator for shares only)."""

    value: float | None
    denominator: float | None


SCALE_WORDS = {"per_staff": "職員100人あたり", "per_resident": "人口1万人あたり"}


def read_answer(
    spec: QuantitySpec,
    value_text: str,
    denominator_text: str = "",
    scaled: Callable[[float], float | None] | None = None,
) -> Reading:
    """Both boxes of a quantitative question checked together; ValueError with the reason.
    Empty boxes give None (not answered by number). `scaled` turns the value into the
    question's measure (with the municipality's staff or population) for its upper bound."""
    value = (
        parse_amount(value_text, spec.value_unit, integer=spec.integer, what=spec.value_label)
        if value_text.strip()
        else None
    )
    denominator: float | None = None
    if spec.is_share and denominator_text.strip():
        denominator = parse_amount(
            denominator_text, spec.denominator_unit, integer=spec.integer, what="総数"
        )
        if denominator == 0:
            raise ValueError("総数は 1 以上にしてください")
    if value is not None and spec.maximum is not None and value > spec.maximum:
        raise ValueError(
            f"{spec.value_label}は {format_number(spec.maximum)}{spec.value_unit} 以下にしてください"
        )
    if value is not None and denominator is not None and value > denominator:
        raise ValueError(
            f"{spec.value_label}（{format_number(value)}）が総数（{format_number(denominator)}）"
            "より大きくなっています"
        )
    if value is not None and spec.scale_max is not None and scaled is not None:
        measure = scaled(value)
        if measure is not None and measure > spec.scale_max:
            raise ValueError(
                f"{spec.value_label}（{format_number(value)}）が多すぎます"
                f"（{SCALE_WORDS.get(spec.basis, '')}で {format_number(spec.scale_max)} を超えます）"
            )
    return Reading(value, denominator)


def share_percent(reading: Reading) -> float | None:
    """value ÷ denominator × 100, None without both numbers."""
    if reading.value is None or not reading.denominator:
        return None
    return reading.value / reading.denominator * 100


def level_of(
    quantity: Quantity, reading: Reading, staff: int | None = None, population: int | None = None
) -> int | None:
    """The level the numbers reach on the question's scale; None without enough numbers (a
    share without its total, a rate per staff without the staff count)."""
    if reading.value is None:
        return None
    return quantity.level_for(reading.value, reading.denominator, staff, population)


def denominator_of(answer: Answer | None) -> float | None:
    """The municipality's own total saved with a share question's answer (4.1.0 key)."""
    return None if answer is None else answer.denominator
