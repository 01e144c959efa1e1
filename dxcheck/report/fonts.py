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
