"""Shared pieces of the commands: loading an answer file fully checked, printing problems."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from dxcheck.checks import check_assessment
from dxcheck.errors import InputError, Problem, Severity
from dxcheck.load import LoadedAssessment, load_questionnaire, read_assessment
from dxcheck.model import Questionnaire


@dataclass
class Checked:
    loaded: LoadedAssessment | None
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return self.loaded is not None and not any(
            p.severity is Severity.ERROR for p in self.problems
        )


def check_file(path: Path, questionnaire: Questionnaire | None = None) -> Checked:
    """Read and check one answer file; every problem is collected, nothing raised."""
    questionnaire = questionnaire or load_questionnaire()
    try:
        loaded = read_assessment(path)
    except InputError as exc:
        return Checked(None, exc.problems)
    return Checked(loaded, check_assessment(loaded, questionnaire))


def print_problems(problems: list[Problem]) -> None:
    for p in problems:
        print(p.format(), file=sys.stderr)


def fmt_score(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"
