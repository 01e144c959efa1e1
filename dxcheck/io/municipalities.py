"""The list of Japanese local governments (全国地方公共団体コード), shipped as package data.

Source: ../shared/data/municipalities.csv, from the open dataset code4fukui/localgovjp
(CC0 1.0, snapshot of 2026-07), reduced to code, prefecture, name and reading.
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from functools import cache

from dxcheck.core.prefectures import PREFECTURES
from dxcheck.io.resources import municipalities_csv

__all__ = ["PREFECTURES", "Municipality"]


@dataclass(frozen=True, slots=True)
class Municipality:
    code: str
    prefecture: str
    name: str
    kana: str

    @property
    def is_prefecture(self) -> bool:
        return self.code[2:5] == "000"


def check_digit(first_five: str) -> int:
    """The sixth digit of a 全国地方公共団体コード (JIS X 0402's modulus-11 rule)."""
    weights = (6, 5, 4, 3, 2)
    total = sum(w * int(d) for w, d in zip(weights, first_five, strict=True))
    return (11 - total % 11) % 10


def code_problem(code: str) -> str | None:
    """Why a code is not a valid municipality code, in Japanese, or None when it is."""
    code = unicodedata.normalize("NFKC", code).strip()
    if not code:
        return "団体コードが空です。6桁の全国地方公共団体コードを書いてください"
    if len(code) != 6 or not code.isascii() or not code.isdigit():
        return f"団体コード「{code}」は6桁の数字ではありません"
    if check_digit(code[:5]) != int(code[5]):
        return f"団体コード「{code}」の検査数字（6桁目）が正しくありません（正しくは {check_digit(code[:5])}）"
    if by_code(code) is None:
        return f"団体コード「{code}」に当たる団体が一覧にありません"
    return None


@cache
def all_municipalities() -> tuple[Municipality, ...]:
    with municipalities_csv().open(encoding="utf-8", newline="") as f:
        return tuple(
            Municipality(r["code"], r["prefecture"], r["name"], r["kana"])
            for r in csv.DictReader(f)
        )


@cache
def _index() -> dict[str, Municipality]:
    return {m.code: m for m in all_municipalities()}


def by_code(code: str) -> Municipality | None:
    return _index().get(unicodedata.normalize("NFKC", code).strip())


def by_name(prefecture: str, name: str) -> Municipality | None:
    name = unicodedata.normalize("NFKC", name).strip()
    return next(
        (
            m
            for m in all_municipalities()
            if m.prefecture == prefecture and unicodedata.normalize("NFKC", m.name) == name
        ),
        None,
    )


def in_prefecture(prefecture: str) -> list[Municipality]:
    """The prefecture's own government first, then its municipalities in code order."""
    return [m for m in all_municipalities() if m.prefecture == prefecture]


# Katakana → hiragana (ァ U+30A1 … ヶ U+30F6 ↔ ぁ U+3041 … ゖ U+3096): 「タラ」 finds たら.
_HIRAGANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}
# The 「ヶ」 of 吉野ヶ里・関ケ原 is written ヶ, ケ, ヵ or が by different people: one letter here.
_KE = str.maketrans(dict.fromkeys("ヶケヵゖけゕが", "ケ"))


def folded(text: str) -> str:
    """Text as the search compares it: NFKC (full-width letters, half-width kana), katakana as
    hiragana, the ヶ family as one letter, no spaces."""
    text = unicodedata.normalize("NFKC", text).replace(" ", "").replace("　", "")
    return text.translate(_HIRAGANA)


def _name_key(text: str) -> str:
    return folded(text).translate(_KE)


def search(prefecture: str, text: str) -> list[Municipality]:
    """Municipalities of a prefecture whose name or reading contains the text, compared with
    katakana as hiragana and ヶ/ケ/が as one (「タラ」 → 太良町, 「吉野ケ里」 → 吉野ヶ里町)."""
    needle = folded(text.strip())
    found = in_prefecture(prefecture)
    if not needle:
        return found
    name_needle = _name_key(text.strip())
    return [m for m in found if name_needle in _name_key(m.name) or needle in folded(m.kana)]
