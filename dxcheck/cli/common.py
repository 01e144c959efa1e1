"""Shared pieces of the commands: loading an answer file fully checked, printing problems,
and the one `--target` option every command that compares takes."""

from __future__ import annotations

import argparse
import sys

from dxcheck.core.errors import Problem
from dxcheck.io.collect import Checked, check_file

__all__ = [
    "OWN_MISSING",
    "Checked",
    "add_target_argument",
    "check_file",
    "fmt_score",
    "print_problems",
]

TARGET_CHOICES = (
    "best（最高値）, median（中央値）, plan（計画値）, national（国の計画の目標水準）, "
    "own（回答ファイルの [targets]）, または市の名前か ID"
)
OWN_MISSING = (
    "{file}: targets: 目標 own には、回答ファイルの [targets] に分野ごとの目標（0〜5）が必要です"
    "（例: governance = 3.0）"
)


def add_target_argument(parser: argparse.ArgumentParser, default: str | None) -> None:
    """`--target`, worded the same in every command; `default` None: no target unless asked."""
    shown = f"（既定: {default}）" if default else ""
    parser.add_argument(
        "--target", default=default, metavar="TARGET", help=f"比較の目標: {TARGET_CHOICES}{shown}"
    )


def print_problems(problems: list[Problem]) -> None:
    for p in problems:
        print(p.format(), file=sys.stderr)


def fmt_score(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"
