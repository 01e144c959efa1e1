"""The municipality's own targets, area id → 0–5, kept in the answer file's `[targets]`
(docs/design.md §4, §5 "Targets") — not only in the wizard's sidecar — so that the saved file,
`dxcheck report --target own` and a colleague's copy all see them.

The wizard shows them as the `own` target (`Target.own`, the same one `report --target own`
uses). Sessions saved before kept them in their sidecar as a `custom` target; they move into
the answer file when such a session resumes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from dxcheck.core.scoring import Target, TargetKind

if TYPE_CHECKING:
    from dxcheck.core.model import Assessment


def own_kind() -> TargetKind:
    """The target kind meaning "the answer file's own [targets]"."""
    return TargetKind.OWN


def is_own(target: Target) -> bool:
    """An own target, or a sidecar's older `custom` one (the same values, kept elsewhere)."""
    return target.kind in (TargetKind.OWN, TargetKind.CUSTOM)


def read(assessment: Assessment) -> dict[str, float]:
    return dict(assessment.targets)


def write(assessment: Assessment, values: Mapping[str, float]) -> None:
    """Set the answer file's [targets] (an empty mapping removes the table)."""
    assessment.targets = {k: float(v) for k, v in values.items() if 0 <= v <= 5}


def target_of(assessment: Assessment) -> Target:
    return Target.own(assessment)


def resumed(assessment: Assessment, saved: Target) -> Target:
    """The target to show when a session resumes: an own target always shows the answer
    file's values; a sidecar's older custom values move into the file if it has none."""
    if not is_own(saved):
        return saved
    if not read(assessment) and saved.custom:
        write(assessment, saved.custom)
    return target_of(assessment)
