"""The report's Japanese font: found through fontconfig, never guessed.

WeasyPrint asks fontconfig (through Pango) for glyphs. Without a Japanese font it would
silently draw empty boxes, so the report refuses to start and says what to install instead.
BIZ UDPGothic comes first: TrueType with a real bold, it is subset in a fraction of the time
Noto Sans CJK's CFF collection takes (docs/design.md §7).
"""

from __future__ import annotations

import shutil
import subprocess
from functools import cache

PREFERRED_FAMILIES: tuple[str, ...] = (
    "BIZ UDPGothic",
    "BIZ UDGothic",
    "IPAexGothic",
    "IPAGothic",
    "Noto Sans CJK JP",
)
APT_PACKAGE = "fonts-morisawa-bizud-gothic"


class ReportError(Exception):
    """The report cannot be made; the message says why and what to do, in Japanese."""


class FontMissingError(ReportError):
    pass


MISSING_FONT_MESSAGE = (
    "PDF報告書を作るには日本語フォントが必要ですが、見つかりませんでした"
    "（空白の四角だけのPDFになるため、作成を中止しました）。\n"
    f"Debian/Ubuntu では次のコマンドで BIZ UDPゴシックを入れてください: "
    f"sudo apt-get install {APT_PACKAGE}\n"
    "macOS (Homebrew) では: brew install --cask font-biz-udpgothic\n"
    "入れたあと、もう一度実行してください。"
)


def installed_japanese_families() -> set[str]:
    """Every family name (in every language) fontconfig lists as covering Japanese."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return set()
    try:
        out = subprocess.run(
            [fc_list, ":lang=ja", "family"],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return set()
    return {name.strip() for line in out.splitlines() for name in line.split(",") if name.strip()}


def pick_family(installed: set[str]) -> str | None:
    """The preferred family among those installed, else any Japanese one, else None."""
    for family in PREFERRED_FAMILIES:
        if family in installed:
            return family
    # a family with a Latin name is easier to pass to CSS than its localised twin
    candidates = sorted(f for f in installed if f.isascii()) or sorted(installed)
    return candidates[0] if candidates else None


@cache
def japanese_font_family() -> str:
    """The font family the report is set in; FontMissingError when there is none."""
    family = pick_family(installed_japanese_families())
    if family is None:
        raise FontMissingError(MISSING_FONT_MESSAGE)
    return family
