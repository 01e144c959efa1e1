"""The report's Japanese font and PDF engine: found through what WeasyPrint itself loads.

WeasyPrint draws text with Pango, which finds fonts through fontconfig. dxcheck asks that same
fontconfig (through WeasyPrint's own bindings) which families it knows — never by running a
program such as `fc-list`, which Windows and macOS don't have. Without a Japanese font the
PDF would silently show empty boxes, so the report stops and says what to do instead.
BIZ UDPGothic comes first: TrueType with a real bold, it is subset in a fraction of the time
Noto Sans CJK's CFF collection takes (docs/design.md §7), and it ships with Windows 10 (1809)
and later.
"""

from __future__ import annotations

import sys
import unicodedata
from functools import cache
from types import ModuleType

# In order of preference; the names are fontconfig's (Latin) family names.
PREFERRED_FAMILIES: tuple[str, ...] = (
    "BIZ UDPGothic",
    "BIZ UDGothic",
    "IPAexGothic",
    "IPAGothic",
    "Yu Gothic",
    "Meiryo",
    "Hiragino Sans",
    "Hiragino Kaku Gothic ProN",
    "Noto Sans JP",
    "Noto Sans CJK JP",
    "Source Han Sans JP",
    "TakaoPGothic",
    "VL PGothic",
    "MS PGothic",
)
APT_PACKAGE = "fonts-morisawa-bizud-gothic"


class ReportError(Exception):
    """The report cannot be made; the message says why and what to do, in Japanese."""


class FontMissingError(ReportError):
    pass


class PdfEngineMissingError(ReportError):
    """WeasyPrint or the Pango library it needs is not installed: no PDF, other outputs work."""


def _platform_help(platform: str) -> str:
    if platform.startswith("win"):
        return (
            "Windows では、WeasyPrint の説明（https://doc.courtbouillon.org/weasyprint/stable/"
            "first_steps.html#windows）に従って GTK ランタイム（Pango）を入れてください。"
            "入れられない場合は、出力した HTML をブラウザ（Edge・Chrome）で開き、"
            "「印刷」→「PDF として保存」で PDF にできます。"
        )
    if platform == "darwin":
        return (
            "macOS では Homebrew で入れられます: brew install pango\n"
            "入れられない場合は、出力した HTML をブラウザで開き、「プリント」→「PDFとして保存」で"
            "PDF にできます。"
        )
    return (
        "Debian/Ubuntu では: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0\n"
        "管理者権限がない場合は、出力した HTML をブラウザで開き、印刷機能で PDF にできます。"
    )


def _font_help(platform: str) -> str:
    if platform.startswith("win"):
        return (
            "Windows 10（1809）以降には BIZ UDPゴシックが標準で入っています。"
            "「設定」→「個人用設定」→「フォント」で BIZ UDPゴシック・游ゴシック・メイリオの"
            "いずれかがあるか確かめてください。"
        )
    if platform == "darwin":
        return (
            "macOS では: brew install --cask font-biz-udpgothic（ヒラギノ角ゴシックでも作れます）"
        )
    return f"Debian/Ubuntu では次のコマンドで BIZ UDPゴシックを入れてください: sudo apt-get install {APT_PACKAGE}"


def missing_engine_message(platform: str = sys.platform) -> str:
    return (
        "PDF を作るための部品（WeasyPrint が使う Pango ライブラリ）が見つかりません。\n"
        + _platform_help(platform)
    )


def missing_font_message(platform: str = sys.platform) -> str:
    return (
        "PDF報告書を作るには日本語フォントが必要ですが、見つかりませんでした"
        "（空白の四角だけのPDFになるため、作成を中止しました）。\n"
        + _font_help(platform)
        + "\n入れたあと、もう一度実行してください。"
    )


@cache
def load_weasyprint() -> ModuleType:
    """WeasyPrint, or PdfEngineMissingError when it (or Pango beneath it) cannot be loaded."""
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: cffi could not open the Pango library
        raise PdfEngineMissingError(missing_engine_message()) from exc
    module: ModuleType = weasyprint
    return module


def pdf_engine_problem() -> str | None:
    """Why no PDF can be made here (in Japanese), or None when it can."""
    try:
        load_weasyprint()
        japanese_font_family()
    except ReportError as exc:
        return str(exc)
    return None


def installed_families() -> set[str]:
    """Every family name fontconfig knows, asked through WeasyPrint's own bindings."""
    load_weasyprint()
    from weasyprint.text.ffi import ffi, fontconfig

    config = fontconfig.FcInitLoadConfigAndFonts()
    if config == ffi.NULL:
        return set()
    families: set[str] = set()
    try:
        fonts = fontconfig.FcConfigGetFonts(config, fontconfig.FcSetSystem)
        if fonts == ffi.NULL:
            return families
        name = ffi.new("FcChar8 **")
        for index in range(fonts.nfont):
            pattern, n = fonts.fonts[index], 0
            while fontconfig.FcPatternGetString(pattern, b"family", n, name) == 0:
                families.add(ffi.string(name[0]).decode("utf-8", "replace"))
                n += 1
    finally:
        fontconfig.FcConfigDestroy(config)
    return families


def _looks_japanese(family: str) -> bool:
    if family.endswith((" JP", " JA")) or "Japanese" in family:
        return True
    return any("\u3040" <= ch <= "\u30ff" for ch in family)  # a kana name: 「游ゴシック」


def pick_family(installed: set[str]) -> str | None:
    """The preferred family among those installed, else any Japanese one, else None."""
    for family in PREFERRED_FAMILIES:
        if family in installed:
            return family
    japanese = sorted(f for f in installed if _looks_japanese(f))
    # a family with a Latin name is easier to pass to CSS than its localised twin
    return next((f for f in japanese if f.isascii()), japanese[0] if japanese else None)


@cache
def japanese_font_family() -> str:
    """The font family the report is set in; FontMissingError when there is none."""
    family = pick_family(installed_families())
    if family is None:
        raise FontMissingError(missing_font_message())
    return family


# Characters BIZ UDPGothic (and most Japanese UI fonts) lack: CJK Extension B and beyond
# (𠮷, 𩸽 — every code point past the BMP) and emoji / pictographs inside the BMP.
_BMP_PICTOGRAPHS = ((0x2600, 0x27BF), (0x2B00, 0x2BFF), (0xFE00, 0xFE0F))
MISSING_GLYPH = "〓"  # the typesetter's mark for a glyph no installed font has (げた)


def needs_fallback(ch: str) -> bool:
    # variation selectors (異体字セレクタ, emoji's VS16) and joiners draw nothing of their own:
    # they are never looked up, and never replaced by 〓
    if unicodedata.category(ch) in {"Mn", "Cf"}:
        return False
    cp = ord(ch)
    return cp > 0xFFFF or any(lo <= cp <= hi for lo, hi in _BMP_PICTOGRAPHS)


# Where to look for a glyph the main font lacks, best-known first: Japanese faces with
# plane-2 kanji, then emoji and symbol faces of Windows, macOS and Linux.
FALLBACK_FAMILIES: tuple[str, ...] = (
    *PREFERRED_FAMILIES,
    "Noto Sans CJK JP",
    "Noto Serif CJK JP",
    "Segoe UI Emoji",
    "Segoe UI Symbol",
    "Apple Color Emoji",
    "Noto Color Emoji",
    "Noto Emoji",
    "DejaVu Sans",
    "Symbola",
)


@cache
def _family_files() -> dict[str, tuple[str, ...]]:
    """Each family fontconfig knows, with its font files — asked through WeasyPrint's own
    bindings, never by running fc-list (Windows and macOS have none)."""
    load_weasyprint()
    from weasyprint.text.ffi import ffi, fontconfig

    config = fontconfig.FcInitLoadConfigAndFonts()
    if config == ffi.NULL:
        return {}
    files: dict[str, list[str]] = {}
    try:
        fonts = fontconfig.FcConfigGetFonts(config, fontconfig.FcSetSystem)
        if fonts == ffi.NULL:
            return {}
        out = ffi.new("FcChar8 **")
        for index in range(fonts.nfont):
            pattern = fonts.fonts[index]
            if fontconfig.FcPatternGetString(pattern, b"file", 0, out) != 0:
                continue
            path = ffi.string(out[0]).decode("utf-8", "replace")
            n = 0
            while fontconfig.FcPatternGetString(pattern, b"family", n, out) == 0:
                files.setdefault(ffi.string(out[0]).decode("utf-8", "replace"), []).append(path)
                n += 1
    finally:
        fontconfig.FcConfigDestroy(config)
    return {family: tuple(dict.fromkeys(paths)) for family, paths in files.items()}


@cache
def _code_points(path: str) -> frozenset[int]:
    """The characters a font file has glyphs for (a collection's first face: the faces of a
    CJK collection differ in glyph shapes, not in which characters they cover)."""
    from fontTools.ttLib import TTFont  # WeasyPrint's own dependency

    try:
        with TTFont(path, lazy=True, fontNumber=0) as face:
            return frozenset((face.getBestCmap() or {}).keys())
    except Exception:  # an unreadable or odd font file just covers nothing
        return frozenset()


def _covers(family: str, cp: int) -> bool:
    return any(cp in _code_points(path) for path in _family_files().get(family, ()))


def _candidates() -> list[str]:
    files = _family_files()
    known = [f for f in FALLBACK_FAMILIES if f in files]
    return known + sorted(
        f for f in files if f not in known and any(k in f for k in ("Emoji", "Symbol", "CJK"))
    )


@cache
def families_for(ch: str) -> tuple[str, ...]:
    """The best-known installed family that has a glyph for `ch` (empty when none has).
    Looked up only for the rare characters the main font lacks, so an ordinary report never
    reads a font file; the search stops at the first family that has the glyph."""
    cp = ord(ch)
    return next(((f,) for f in _candidates() if _covers(f, cp)), ())


def fallback_plan(text: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """(families to add after the main one, characters no installed font has).

    Only characters that need it are looked up, so an ordinary report costs one scan."""
    special = {ch for ch in text if needs_fallback(ch)}
    families: list[str] = []
    missing: set[str] = set()
    for ch in sorted(special):
        if any(_covers(f, ord(ch)) for f in families):
            continue
        found = families_for(ch)
        if found:
            families.append(found[0])
        else:
            missing.add(ch)
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
