"""Shared pieces of the commands: loading an answer file fully checked, printing problems."""

from __future__ import annotations

import sys

from dxcheck.core.errors import Problem
from dxcheck.io.collect import Checked, check_file

__all__ = ["Checked", "check_file", "fmt_score", "print_problems"]


def print_problems(problems: list[Problem]) -> None:
    for p in problems:
        print(p.format(), file=sys.stderr)


def fmt_score(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"
