"""argparse in Japanese: its own words (usage, errors) translated, errors without tracebacks."""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

_WORDS = {
    "usage: ": "使い方: ",
    "options": "オプション",
    "positional arguments": "引数",
    "show this help message and exit": "この説明を表示して終了します",
    "the following arguments are required: %s": "次の引数が必要です: %s",
    "unrecognized arguments: %s": "知らない引数です: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "%(value)r は選べません（選べるもの: %(choices)s）",
    "argument %(argument_name)s: %(message)s": "引数 %(argument_name)s: %(message)s",
    "expected one argument": "値が1つ必要です",
    "expected at least one argument": "値が1つ以上必要です",
    "invalid %(type)s value: %(value)r": "%(value)r は正しい値ではありません",
    "ambiguous option: %(option)s could match %(matches)s": "%(option)s はあいまいです（候補: %(matches)s）",
    "one of the arguments %s is required": "次のいずれかが必要です: %s",
}


def _translate(message: str) -> str:
    return _WORDS.get(message, message)


# argparse looks its words up through a module-level gettext alias; pointing it at our table
# is the smallest way to make `--help` and argument errors Japanese.
argparse._ = _translate  # type: ignore[attr-defined]


class JapaneseArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: エラー: {message}\n")
