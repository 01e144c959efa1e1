"""Field validation for the wizard's inputs, with the reason in Japanese.

Input typed through a Japanese IME often arrives in full-width digits (「１２３」), with
thousands separators or a unit; each parser normalises (NFKC) and accepts those, and refuses
everything else with a sentence saying why.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

from textual.validation import ValidationResult, Validator

MAX_POPULATION = 50_000_000  # the answer file's own limit (dxcheck.core.model.MunicipalityInfo)
EARLIEST_DATE = dt.date(2000, 1, 1)


def _normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().replace(",", "").replace(" ", "")


def _parse_count(text: str, what: str, example: str, maximum: int) -> int:
    """A whole number of people (「27,000」「２７０００人」), or the reason it is not one."""
    cleaned = _normal(text).removesuffix("人")
    if not re.fullmatch(r"\d+", cleaned):
        raise ValueError(f"{what}は数字で入力してください（例: {example}）")
    value = int(cleaned)
    if value < 1:
        raise ValueError(f"{what}は1人以上にしてください")
    if value > maximum:
        raise ValueError(f"{what}が大きすぎます（{maximum:,}人以下にしてください）")
    return value


def parse_population(text: str) -> int:
    return _parse_count(text, "人口", "27000", MAX_POPULATION)


MAX_STAFF = 1_000_000


def parse_staff(text: str) -> int:
    return _parse_count(text, "職員数", "120", MAX_STAFF)


_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")


def parse_date(text: str, today: dt.date) -> dt.date:
    cleaned = _normal(text)
    match = _DATE.fullmatch(cleaned)
    if not match:
        raise ValueError("日付は 2026-11-21 の形で入力してください")
    try:
        day = dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        raise ValueError("存在しない日付です") from None
    if day > today:
        raise ValueError(f"未来の日付は入力できません（今日は {today.isoformat()} です）")
    if day < EARLIEST_DATE:
        raise ValueError("2000年より前の日付は入力できません")
    return day


class _Parsed(Validator):
    """A validator around a parser that raises ValueError(reason); empty is always allowed."""

    def parse(self, text: str) -> object:
        raise NotImplementedError

    def validate(self, value: str) -> ValidationResult:
        if not value.strip():
            return self.success()
        try:
            self.parse(value)
        except ValueError as exc:
            return self.failure(str(exc))
        return self.success()


class Population(_Parsed):
    def parse(self, text: str) -> object:
        return parse_population(text)


class Staff(_Parsed):
    def parse(self, text: str) -> object:
        return parse_staff(text)


class Date(_Parsed):
    def __init__(self, today: dt.date) -> None:
        super().__init__()
        self.today = today

    def parse(self, text: str) -> object:
        return parse_date(text, self.today)


def parse_save_path(
    text: str, suffix: str, base: Path | None = None, root: Path | None = None
) -> Path:
    """Where to save: relative to `base` (the picker's folder; else the working folder), ~
    expanded, the suffix added when there is none, never outside `root` when one is set.
    The folder need not exist yet: the save dialog offers to make it."""
    from dxcheck.io.folders import resolve

    cleaned = text.strip().strip('"')
    if not cleaned:
        raise ValueError("保存先のファイル名を入力してください")
    path = resolve(cleaned, base or Path.cwd(), root)  # OutsideRoot is a ValueError
    if not path.suffix:
        path = path.with_name(path.name + suffix)
    if path.suffix.lower() != suffix:
        raise ValueError(f"ファイル名の拡張子は {suffix} にしてください")
    if path.is_dir():
        raise ValueError("同じ名前のフォルダがあります。ファイル名まで入力してください")
    return path
