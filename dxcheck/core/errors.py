"""Located, Japanese problems with input files — the only way bad input is reported."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from dxcheck.core.printable import clipped, printable

# a reason is a sentence and a field a key path: a 100,000-character value quoted in one
# must not become a 100,000-character line (nor a paragraph the PDF lays out quadratically)
MAX_REASON = 400
MAX_FIELD = 200


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one file: where, which field, and why (in Japanese)."""

    file: str
    reason: str
    field: str = ""
    line: int | None = None
    severity: Severity = Severity.ERROR
    cell: str | None = None  # `SHEET!A1` in an Excel form, where a TOML file has a line

    @property
    def where(self) -> str:
        """`FILE:LINE`, `FILE!SHEET!CELL` (Excel's own way to name a cell) or just `FILE`."""
        if self.cell:
            return f"{self.file}!{self.cell}"
        return self.file if self.line is None else f"{self.file}:{self.line}"

    def __post_init__(self) -> None:
        object.__setattr__(self, "reason", clipped(self.reason, MAX_REASON))
        object.__setattr__(self, "field", clipped(self.field, MAX_FIELD))

    def format(self) -> str:
        """`FILE:LINE: field: 理由` (or `FILE!SHEET!CELL: …`) — the shape `dxcheck validate`
        promises."""
        where = self.where
        label = "" if self.severity is Severity.ERROR else "警告: "
        field = f" {self.field}:" if self.field else ""
        return printable(f"{where}:{field} {label}{self.reason}")


class InputError(Exception):
    """Raised by the loaders when a file cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.format() for p in problems))
        self.problems = problems

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]


class TargetError(ValueError):
    """A comparison target that cannot be read (`dxcheck.core.targets.target_from_text`); the
    message is a Japanese sentence fit to show as it is."""
