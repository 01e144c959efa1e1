"""Charts drawn by hand and the choice of font."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from dxcheck.report import charts, fonts


def test_radar_escapes_labels_and_breaks_lines_at_unknown_values() -> None:
    svg = charts.radar(
        ["a", "<b>", "c", "d"],
        [
            charts.Series("x&y", [1, None, 3, 4], "#000"),
            charts.Series("full", [1, 2, 3, 4], "#111", fill=True),
        ],
        font_family='Fam"ily',
    )
    root = ET.fromstring(svg)
    texts = [t.text for t in root.iter() if t.tag.endswith("text")]
    assert "<b>" in texts and "x&y" in texts
    assert root.get("font-family") == 'Fam"ily'
    polys = [e for e in root.iter() if e.tag.endswith(("polyline", "polygon"))]
    # 5 grid rings, then one run for x (indices 2,3,0 wrap around) and one filled polygon
    assert len(polys) == 5 + 1 + 1


def test_runs_wrap_around_for_closed_shapes() -> None:
    assert charts._runs([1, None, 3, 4], closed=True) == [[2, 3, 0]]
    assert charts._runs([1, 2, 3], closed=True) == [[0, 1, 2, 0]]
    assert charts._runs([None, 1, None, 2], closed=False) == [[1], [3]]
    assert charts._runs([None, None], closed=True) == []


def test_dot_chart_is_valid_svg() -> None:
    svg = charts.dot_chart(
        [charts.DotRow("1 体制", 2.0, 3.0, [1.0, None]), charts.DotRow("2 人材", None, None, [])],
        ["嬉野市", "上天草市"],
        own_label="<町>",
        target_label="目標",
        font_family="BIZ UDPGothic",
    )
    assert "&lt;町&gt;" in svg and "回答なし" in svg
    ET.fromstring(svg)


@pytest.mark.parametrize(
    ("installed", "chosen"),
    [
        ({"Noto Sans CJK JP", "BIZ UDPGothic", "BIZ UDPゴシック", "DejaVu Sans"}, "BIZ UDPGothic"),
        ({"IPAGothic", "IPAexGothic"}, "IPAexGothic"),
        ({"Meiryo", "Yu Gothic", "Arial"}, "Yu Gothic"),
        ({"Hiragino Sans", "Helvetica"}, "Hiragino Sans"),
        ({"DejaVu Sans", "Some Font JP", "あるフォント"}, "Some Font JP"),
        ({"あるフォント", "DejaVu Sans"}, "あるフォント"),
        ({"DejaVu Sans", "Liberation Serif"}, None),
        (set(), None),
    ],
)
def test_font_preference(installed: set[str], chosen: str | None) -> None:
    assert fonts.pick_family(installed) == chosen


def test_missing_font_message_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "installed_families", lambda: {"DejaVu Sans"})
    fonts.japanese_font_family.cache_clear()
    try:
        with pytest.raises(fonts.FontMissingError, match="fonts-morisawa-bizud-gothic"):
            fonts.japanese_font_family()
    finally:
        fonts.japanese_font_family.cache_clear()


@pytest.mark.parametrize(
    ("platform", "font_words", "engine_words"),
    [
        ("win32", ["BIZ UDPゴシック", "設定"], ["GTK", "PDF として保存"]),
        ("darwin", ["brew install --cask font-biz-udpgothic"], ["brew install pango"]),
        ("linux", ["sudo apt-get install fonts-morisawa-bizud-gothic"], ["libpango"]),
    ],
)
def test_what_to_do_is_said_for_each_platform(
    platform: str, font_words: list[str], engine_words: list[str]
) -> None:
    font, engine = fonts.missing_font_message(platform), fonts.missing_engine_message(platform)
    assert all(w in font for w in font_words) and all(w in engine for w in engine_words)
    if platform == "win32":  # no Linux or Homebrew commands for a Windows officer
        assert "apt-get" not in font + engine and "brew" not in font + engine


def test_the_font_is_found_without_running_any_program(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on Windows: no fc-list on PATH, and no subprocess may be started at all."""
    import shutil
    import subprocess

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"a program was run: {args}")

    # WeasyPrint's own import may ask ldconfig where libpango is (Linux only): load it first,
    # so that what is checked is dxcheck's font discovery alone.
    fonts.load_weasyprint()

    monkeypatch.setattr(shutil, "which", lambda *a, **k: None)
    monkeypatch.setattr(subprocess, "Popen", refuse)
    monkeypatch.setattr(subprocess, "run", refuse)
    fonts.japanese_font_family.cache_clear()
    try:
        assert fonts.japanese_font_family() == "BIZ UDPGothic"  # installed by scripts/setup.sh
    finally:
        fonts.japanese_font_family.cache_clear()


def test_without_pango_the_report_says_so_in_japanese(monkeypatch: pytest.MonkeyPatch) -> None:
    """cffi raises OSError when it cannot open libpango: that becomes a Japanese message."""
    import importlib.abc
    import sys

    class NoPango(importlib.abc.MetaPathFinder):
        def find_spec(self, name: str, *args: object) -> None:
            if name == "weasyprint":
                raise OSError("cannot load library 'libpango-1.0-0'")
            return None

    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    monkeypatch.setattr(sys, "meta_path", [NoPango(), *sys.meta_path])
    fonts.load_weasyprint.cache_clear()
    fonts.japanese_font_family.cache_clear()
    try:
        with pytest.raises(fonts.PdfEngineMissingError, match="Pango"):
            fonts.load_weasyprint()
        problem = fonts.pdf_engine_problem()
        assert problem is not None and "見つかりません" in problem
    finally:
        fonts.load_weasyprint.cache_clear()
        fonts.japanese_font_family.cache_clear()


def test_a_missing_glyph_is_found_in_an_installed_face_without_running_a_program(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """𠮷 is not in BIZ UDPGothic: a face that has it is found from the font files
    themselves (fontconfig's list + the file's cmap), as on Windows where fc-list is absent."""
    import subprocess

    fonts.load_weasyprint()

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"a program was run: {args}")

    monkeypatch.setattr(subprocess, "run", refuse)
    monkeypatch.setattr(subprocess, "Popen", refuse)
    fonts.families_for.cache_clear()
    found = fonts.families_for("𠮷")
    assert found and found[0] != "BIZ UDPGothic"
    assert not fonts.needs_fallback("\ufe0f") and not fonts.needs_fallback("\U000e0100")
    assert fonts.mark_missing("😀\ufe0f") == "😀\ufe0f"  # a selector is never 〓


def test_fallback_faces_only_when_a_glyph_needs_one(monkeypatch: pytest.MonkeyPatch) -> None:
    from dxcheck.report import fonts

    def no_lookup(ch: str) -> tuple[str, ...]:
        raise AssertionError(f"ordinary text must not ask fontconfig ({ch!r})")

    monkeypatch.setattr(fonts, "families_for", no_lookup)
    ordinary = "美郷町の総合スコアは 2.0（0〜5）です。①②—「」％"
    assert fonts.fallback_rule(ordinary, "BIZ UDPGothic") == ""
    assert fonts.mark_missing(ordinary) == ordinary
    assert (
        fonts.needs_fallback("𠮷") and fonts.needs_fallback("😀") and not fonts.needs_fallback("吉")
    )


def test_fallback_rule_adds_the_face_that_has_the_glyph_and_marks_the_rest(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from dxcheck.report import fonts

    found = {"𠮷": ("Noto Sans CJK JP",), "😀": ()}
    monkeypatch.setattr(fonts, "families_for", lambda ch: found.get(ch, ()))
    rule = fonts.fallback_rule("𠮷野家で😀", "BIZ UDPGothic")
    assert 'font-family: "BIZ UDPGothic", "Noto Sans CJK JP", sans-serif' in rule
    # no installed face has the emoji: it prints as 〓, never as an empty box
    assert fonts.mark_missing("𠮷野家で😀") == "𠮷野家で〓"
