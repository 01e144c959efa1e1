"""The report's Japanese font: found through fontconfig, never guessed.

WeasyPrint asks fontconfig (through Pango) for glyphs. Without a Japanese font it would
silently draw empty boxes, so the report refuses to start and says what to install instead.
BIZ UDPGothic comes first: TrueType with a real bold, it is subset in a fraction of the time
Noto Sans CJK's CFF collection takes (DESIGN.md §7).
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


# Characters BIZ UDPGothic (and most Japanese UI fonts) lack: CJK Extension B and beyond
# (𠮷, 𩸽 — every code point past the BMP) and emoji / pictographs inside the BMP.
_BMP_PICTOGRAPHS = ((0x2600, 0x27BF), (0x2B00, 0x2BFF), (0xFE00, 0xFE0F))
MISSING_GLYPH = "〓"  # the typesetter's mark for a glyph no installed font has (げた)


def needs_fallback(ch: str) -> bool:
    cp = ord(ch)
    return cp > 0xFFFF or any(lo <= cp <= hi for lo, hi in _BMP_PICTOGRAPHS)


@cache
def families_for(ch: str) -> tuple[str, ...]:
    """Installed families that have a glyph for `ch` (fontconfig), best-known first."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return ()
    try:
        out = subprocess.run(
            [fc_list, f":charset={ord(ch):x}", "family"],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    names = {n.strip() for line in out.splitlines() for n in line.split(",") if n.strip()}
    ranked = [f for f in PREFERRED_FAMILIES if f in names]
    return tuple(ranked + sorted(n for n in names if n.isascii() and n not in ranked))


def fallback_plan(text: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """(families to add after the main one, characters no installed font has).

    Only characters that need it are looked up, so an ordinary report costs one scan."""
    special = {ch for ch in text if needs_fallback(ch)}
    families: list[str] = []
    missing: set[str] = set()
    for ch in sorted(special):
        found = families_for(ch)
        if not found:
            missing.add(ch)
        elif not any(f in families for f in found):
            families.append(found[0])
    return tuple(families), frozenset(missing)


def fallback_rule(text: str, main: str | None = None) -> str:
    """A CSS rule adding fallback faces for the glyphs of `text` the main font lacks, or ""."""
    families, _missing = fallback_plan(text)
    if not families:
        return ""
    names = [main or japanese_font_family(), *families]
    cleaned = ['"' + "".join(c for c in n if c not in '"\\<>{};\n\r') + '"' for n in names]
    return f"\nhtml {{ font-family: {', '.join(cleaned)}, sans-serif; }}\n"


def mark_missing(text: str) -> str:
    """Replace characters no installed font can draw with 〓, so nothing prints as a blank box."""
    _families, missing = fallback_plan(text)
    if not missing:
        return text
    return "".join(MISSING_GLYPH if ch in missing else ch for ch in text)
