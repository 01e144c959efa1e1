"""The one text form of a comparison target (`dxcheck.core.scoring.Target`). Pure.

Every place a target is written or read uses it: `--target` on the command line, the
wizard's target selector, and the autosave sidecar (docs/design.md §5 "Targets"):

    best | median | plan | national     the five cities' benchmarks, the national plan
    own                                 the answer file's own [targets]; its values are always
                                        the file's (`Target.for_assessment`), so the text
                                        carries none
    city:<id>                           one benchmark city
    custom                              values set for this session only, as
    custom:<area id>=<0–5>,…            `custom:governance=3,frontyard=2.5` (none: no target)

`target_to_text` writes exactly that; `target_from_text` reads it back (for every target it
writes, the same target) and also what a person types: keywords in any case, surrounding
spaces, full-width characters, and a city by its bare id, its name or its name without 市.
Anything else raises `TargetError` with a Japanese sentence saying what is accepted.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from dxcheck.core.errors import TargetError
from dxcheck.core.printable import clipped, printable

if TYPE_CHECKING:
    from dxcheck.core.model import BenchmarkCity
    from dxcheck.core.scoring import Target

# This module imports no pydantic when loaded: the wizard's start screen lists sessions (and
# reads an older sidecar's target through `legacy_target_text`) before pydantic is loaded
# (tests/tui/test_import_hygiene.py). The model and scoring load when a target is read.

CITY_PREFIX = "city:"
CUSTOM_PREFIX = "custom:"
# TargetKind's values, in the order an error lists them (custom last: it needs values)
KEYWORDS = ("best", "median", "plan", "national", "own", "custom")
VALUE_MESSAGE = "0〜5 の数値で入力してください"
_SHOWN = 60  # how much of a bad text an error quotes


def target_to_text(target: Target) -> str:
    """The target's text: `best`, `city:ureshino`, `own`, `custom:governance=3,talent=2.5`."""
    kind = target.kind.value
    if kind == "city":
        return f"{CITY_PREFIX}{target.city or ''}"
    if kind == "custom" and target.custom:
        return _custom_text(target.custom)
    return kind


def target_from_text(
    text: str,
    cities: Sequence[BenchmarkCity],
    *,
    areas: Collection[str] | None = None,
) -> Target:
    """The target a text names (`own` without values: resolve it with
    `Target.for_assessment`). With `areas`, a custom value for any other area id is refused.
    Raises `TargetError` (a `ValueError`) for anything else, never another exception."""
    from dxcheck.core.scoring import Target, TargetKind

    if not isinstance(text, str):
        raise TargetError(_unknown(repr(text), cities))
    cleaned = unicodedata.normalize("NFKC", text).strip()
    lowered = cleaned.lower()
    if lowered in KEYWORDS:
        return Target(TargetKind(lowered))
    if lowered.startswith(CUSTOM_PREFIX):
        return Target(TargetKind.CUSTOM, custom=_values(cleaned[len(CUSTOM_PREFIX) :], areas))
    name = cleaned[len(CITY_PREFIX) :].strip() if lowered.startswith(CITY_PREFIX) else cleaned
    for city in cities:
        if name and name in (city.id, city.name, city.name.removesuffix("市")):
            return Target(TargetKind.CITY, city=city.id)
    raise TargetError(_unknown(text, cities))


def target_value_from_text(text: str) -> float:
    """One area's target as a person types it (「３．５」 too): a number from 0 to 5."""
    from dxcheck.core.model import MAX_LEVEL

    cleaned = unicodedata.normalize("NFKC", text).strip()
    try:
        value = float(cleaned)
    except ValueError:
        raise TargetError(VALUE_MESSAGE) from None
    if not math.isfinite(value) or not 0 <= value <= MAX_LEVEL:
        raise TargetError(VALUE_MESSAGE)
    return value


def legacy_target_text(data: Mapping[str, Any]) -> str:
    """The text for a target as sidecars before this codec kept it, `{"kind", "city",
    "custom"}` — transcribed, not judged: `target_from_text` judges the result as it judges
    any text. An `own` target that carried values becomes `custom` with them, so that they
    still move into an answer file that has none (`dxcheck.tui.own_targets.resumed` treats
    the two alike)."""
    kind = data.get("kind", "best")
    if kind == "city":
        city = data.get("city")
        return f"{CITY_PREFIX}{city}" if isinstance(city, str) else ""
    if kind in ("own", "custom"):
        raw = data.get("custom")
        values = dict(raw) if isinstance(raw, Mapping) else {}
        if not values:
            return str(kind)
        return _custom_text(values)
    return kind if isinstance(kind, str) else ""


# ---------------------------------------------------------------- helpers


def _custom_text(values: Mapping[str, Any]) -> str:
    return CUSTOM_PREFIX + ",".join(f"{area}={_number_text(v)}" for area, v in values.items())


def _number_text(value: Any) -> str:
    """Whole numbers without a decimal point; others exactly (repr reads back the same float,
    so a median of 2.333… is not rounded by a trip through the text). Anything else as it is
    (an older sidecar's stray value), for the reader to refuse."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if math.isfinite(value) and float(value).is_integer():
        return str(int(value))
    return repr(float(value))


@cache
def _area_id() -> re.Pattern[str]:
    from dxcheck.core.model import SLUG_PATTERN

    return re.compile(SLUG_PATTERN)


def _values(text: str, areas: Collection[str] | None) -> dict[str, float]:
    values: dict[str, float] = {}
    for pair in text.split(","):
        area, sep, number = (part.strip() for part in pair.partition("="))
        shown = _shown(pair.strip())
        if not sep or not _area_id().fullmatch(area):
            raise TargetError(
                f"独自の目標「{shown}」が読めません。「分野ID=値」をカンマで区切って書いてください"
                "（例: custom:governance=3,frontyard=2.5）"
            )
        if areas is not None and area not in areas:
            raise TargetError(f"独自の目標「{shown}」: 分野「{_shown(area)}」は質問票にありません")
        if area in values:
            raise TargetError(f"独自の目標: 分野「{_shown(area)}」が2回書かれています")
        try:
            values[area] = target_value_from_text(number)
        except TargetError:
            raise TargetError(f"独自の目標「{shown}」: {VALUE_MESSAGE}") from None
    return values


def _shown(text: str) -> str:
    return printable(clipped(text, _SHOWN))


def _unknown(text: str, cities: Sequence[BenchmarkCity]) -> str:
    choices = ", ".join([*KEYWORDS[:-1], *(c.id for c in cities)])
    return (
        f"目標「{_shown(text)}」が分かりません。次のいずれかにしてください: {choices}"
        "（または custom:分野ID=値,…）"
    )
