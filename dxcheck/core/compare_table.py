"""The comparison as a table to sort and filter (the wizard's comparison screen). Core: no UI.

Only chooses and orders what `dxcheck.core.compare` computed: a column's value is a number the core
gave (a score, a coverage) or a field of the answer file; nothing is recomputed here.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from dxcheck.core.compare import Submission, band_order
from dxcheck.core.prefectures import PREFECTURES

FIXED_COLUMNS = ("code", "name", "prefecture", "band", "overall", "coverage")
AREA_PREFIX = "area:"
NUMERIC = frozenset({"overall", "coverage"})

SortValue = str | int | float | None


def area_column(area_id: str) -> str:
    return AREA_PREFIX + area_id


def is_numeric(column: str) -> bool:
    return column in NUMERIC or column.startswith(AREA_PREFIX)


def value(sub: Submission, column: str) -> SortValue:
    """The value a column sorts by."""
    m = sub.assessment.municipality
    if column == "code":
        return sub.code
    if column == "name":
        return m.name
    if column == "prefecture":
        return m.prefecture
    if column == "band":
        return band_order().index(sub.band)
    if column == "overall":
        return sub.card.overall
    if column == "coverage":
        return sub.card.coverage
    if column.startswith(AREA_PREFIX):
        return sub.card.area(column.removeprefix(AREA_PREFIX)).score
    raise KeyError(column)


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def matches(sub: Submission, prefecture: str | None, band: str | None, text: str) -> bool:
    """Whether a municipality passes the filters (None: any prefecture / any band; the text
    is looked for in the name, the prefecture and name together, and the code)."""
    m = sub.assessment.municipality
    if prefecture is not None and m.prefecture != prefecture:
        return False
    if band is not None and sub.band != band:
        return False
    wanted = _folded(text.strip())
    return not wanted or any(
        wanted in _folded(s) for s in (m.name, m.prefecture + m.name, sub.code)
    )


def rows(
    compared: Iterable[Submission],
    *,
    prefecture: str | None = None,
    band: str | None = None,
    text: str = "",
    sort: str = "code",
    descending: bool = False,
) -> list[Submission]:
    """The municipalities that pass the filters, sorted by one column; a municipality without
    a value there (no score) comes last either way, and ties keep the code order."""
    kept = sorted((s for s in compared if matches(s, prefecture, band, text)), key=lambda s: s.code)
    present = [s for s in kept if value(s, sort) is not None]
    absent = [s for s in kept if value(s, sort) is None]
    present.sort(key=lambda s: _key(value(s, sort)), reverse=descending)
    return present + absent


def _key(v: SortValue) -> tuple[int, float, str]:
    if isinstance(v, int | float):
        return (0, float(v), "")
    return (1, 0.0, "" if v is None else str(v))


def prefectures(compared: Sequence[Submission]) -> list[str]:
    """The prefectures present, in the national order (北海道 … 沖縄県)."""
    present = {p for s in compared if (p := s.assessment.municipality.prefecture)}
    order = {p: i for i, p in enumerate(PREFECTURES)}
    return sorted(present, key=lambda p: (order.get(p, len(order)), p))


def bands(compared: Sequence[Submission]) -> list[str]:
    """The population bands present, smallest first."""
    present = {s.band for s in compared}
    return [b for b in band_order() if b in present]
