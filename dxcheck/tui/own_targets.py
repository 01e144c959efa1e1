"""The municipality's own targets, area id → 0–5, kept in the answer file's `[targets]`
(docs/design.md §4, §5 "Targets") — not only in the wizard's sidecar — so that the saved file,
`dxcheck report --target own` and a colleague's copy all see them.

The answer-file model gains a typed `targets` field with questionnaire 4.1.0; until then the
answer model keeps unknown keys (`extra="allow"`), so the same attribute is written to and read
from the same `[targets]` table. Both are handled here and nowhere else.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

from dxcheck.core.scoring import Target, TargetKind

if TYPE_CHECKING:
    from dxcheck.core.model import Assessment

MAX_TARGET = 5.0


def own_kind() -> TargetKind:
    """The target kind meaning "the answer file's own [targets]" (`own` once the scoring
    knows it; the wizard's per-area `custom` target before)."""
    return getattr(TargetKind, "OWN", TargetKind.CUSTOM)


def is_own(target: Target) -> bool:
    return target.kind in (own_kind(), TargetKind.CUSTOM)


def read(assessment: Assessment) -> dict[str, float]:
    """The answer file's own targets; anything not a number in 0–5 is left out."""
    raw = getattr(assessment, "targets", None)
    if not isinstance(raw, Mapping):
        return {}
    return {
        str(k): float(v)
        for k, v in raw.items()
        if isinstance(v, int | float)
        and not isinstance(v, bool)
        and math.isfinite(v)
        and 0 <= v <= MAX_TARGET
    }


def write(assessment: Assessment, values: Mapping[str, float]) -> None:
    """Set the answer file's [targets] (an empty mapping removes the table)."""
    assessment.targets = dict(values)  # type: ignore[attr-defined,unused-ignore]


def target_of(assessment: Assessment) -> Target:
    return Target(own_kind(), custom=read(assessment))


def resumed(assessment: Assessment, saved: Target) -> Target:
    """The target to show when a session resumes.

    An own target always shows the answer file's values. A session saved before own targets
    lived in the answer file kept them only in its sidecar: they move into the file then."""
    if not is_own(saved):
        return saved
    if not read(assessment) and saved.custom:
        write(assessment, saved.custom)
    return target_of(assessment)
