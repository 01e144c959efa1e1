"""Shared pieces of the commands: loading an answer file fully checked, printing problems,
and the one `--target` option every command that compares takes (read by
`dxcheck.core.targets`, the same text the wizard keeps)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from dxcheck.core.errors import Problem, TargetError
from dxcheck.core.model import BenchmarkCity, Questionnaire
from dxcheck.core.scoring import Target, TargetKind
from dxcheck.core.targets import target_from_text
from dxcheck.io.collect import Checked, check_file
from dxcheck.io.load import load_benchmarks, load_questionnaire

__all__ = [
    "OWN_MISSING",
    "Checked",
    "Setting",
    "add_target_argument",
    "check_file",
    "fmt_score",
    "load_setting",
    "print_problems",
    "read_target",
]

TARGET_CHOICES = (
    "best（最高値）, median（中央値）, plan（計画値）, national（国の計画の目標水準）, "
    "own（回答ファイルの [targets]）, 市の名前か ID, "
    "または custom:分野ID=値,…（例: custom:governance=3,frontyard=2.5）"
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


def read_target(text: str, cities: Sequence[BenchmarkCity], questionnaire: Questionnaire) -> Target:
    """`--target`'s value as a target; `TargetError` (Japanese) for anything else, including
    a custom target for an area the questionnaire lacks or with no values at all."""
    target = target_from_text(text, cities, areas={a.id for a in questionnaire.areas})
    if target.kind is TargetKind.CUSTOM and not target.custom:
        raise TargetError(
            "目標 custom には分野ごとの値が必要です（例: custom:governance=3,frontyard=2.5）"
        )
    return target


@dataclass(frozen=True)
class Setting:
    """What every command that scores against a target starts from."""

    questionnaire: Questionnaire
    cities: tuple[BenchmarkCity, ...]
    target: Target | None  # None only when --target is optional and was not given


def load_setting(args: argparse.Namespace, command: str) -> Setting | None:
    """The questionnaire, the five cities and `--target` read with them; None, with the
    Japanese reason printed, when the target is not one dxcheck knows (exit 2)."""
    questionnaire = load_questionnaire()
    cities = tuple(load_benchmarks())
    try:
        target = (
            read_target(args.target, cities, questionnaire) if args.target is not None else None
        )
    except TargetError as exc:
        print(f"dxcheck {command}: エラー: {exc}", file=sys.stderr)
        return None
    return Setting(questionnaire, cities, target)


def print_problems(problems: list[Problem]) -> None:
    for p in problems:
        print(p.format(), file=sys.stderr)


def fmt_score(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"
