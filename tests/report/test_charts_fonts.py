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
        ({"Noto Sans CJK JP", "BIZ UDPGothic", "BIZ UDPゴシック"}, "BIZ UDPGothic"),
        ({"IPAGothic", "IPAexGothic"}, "IPAexGothic"),
        ({"Some JP Font", "ある日本語フォント"}, "Some JP Font"),
        ({"ある日本語フォント"}, "ある日本語フォント"),
        (set(), None),
    ],
)
def test_font_preference(installed: set[str], chosen: str | None) -> None:
    assert fonts.pick_family(installed) == chosen


def test_missing_font_message_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "installed_japanese_families", lambda: set())
    fonts.japanese_font_family.cache_clear()
    try:
        with pytest.raises(fonts.FontMissingError, match="fonts-morisawa-bizud-gothic"):
            fonts.japanese_font_family()
    finally:
        fonts.japanese_font_family.cache_clear()


def test_fc_list_output_is_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    class Done:
        stdout = "BIZ UDPGothic,BIZ UDPゴシック\nIPAexGothic\n\n"

    monkeypatch.setattr(fonts.shutil, "which", lambda name: "/usr/bin/fc-list")
    monkeypatch.setattr(fonts.subprocess, "run", lambda *a, **k: Done())
    assert fonts.installed_japanese_families() == {
        "BIZ UDPGothic",
        "BIZ UDPゴシック",
        "IPAexGothic",
    }
    monkeypatch.setattr(fonts.shutil, "which", lambda name: None)
    assert fonts.installed_japanese_families() == set()


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
