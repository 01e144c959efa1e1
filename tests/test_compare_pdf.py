"""`dxcheck compare … -o compare.pdf`: the prefecture's PDF, its pure helpers and exit codes.

One small prefecture folder per test module (per xdist worker): 佐賀県's first municipalities,
one of them with an earlier assessment (trend), one answered on another questionnaire version,
and two refused files. The 179-municipality case is timed by scripts/bench_compare.py.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from dxcheck.__main__ import main
from dxcheck.core.answers import to_toml
from dxcheck.core.compare import Comparison, helpful_measures, trends
from dxcheck.core.scoring import Target, TargetKind, benchmark_scores
from dxcheck.core.suggest import proposal_target, suggest
from dxcheck.io.collect import collect
from dxcheck.io.load import load_benchmarks, load_questionnaire
from dxcheck.io.municipalities import in_prefecture
from tests.samples import synthetic_assessment

Q = load_questionnaire()
CITIES = load_benchmarks()
SAGA = [m for m in in_prefecture("佐賀県") if not m.is_prefecture][:7]
TREND = SAGA[0]


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def write_prefecture(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i, m in enumerate(SAGA):
        a = synthetic_assessment(Q, m, seed=i)
        if i == 6:
            a.questionnaire_version = "3.0.0"
        (folder / f"{m.code}.toml").write_text(to_toml(a, Q), encoding="utf-8")
    old = synthetic_assessment(Q, TREND, seed=40, assessed_on=dt.date(2025, 4, 1))
    (folder / f"{TREND.code}-2025.toml").write_text(to_toml(old, Q), encoding="utf-8")
    good = to_toml(synthetic_assessment(Q, SAGA[1], seed=99), Q)
    (folder / "handedited.toml").write_text(good.replace("level = ", "level = 9 #", 1), "utf-8")
    (folder / "binary.toml").write_bytes(b"PK\x03\x04\x00\x00binary")


@dataclass(frozen=True)
class ComparePdf:
    folder: Path
    pdf: Path
    csv: Path
    exit_code: int
    text: str
    pages: int
    comparison: Comparison


@pytest.fixture(scope="module")
def compared(tmp_path_factory: pytest.TempPathFactory) -> ComparePdf:
    root = tmp_path_factory.mktemp("compare")
    folder = root / "saga"
    write_prefecture(folder)
    pdf, out_csv = root / "c.pdf", root / "c.csv"
    code = main(["compare", str(folder), "--quiet", "-o", str(pdf), "--csv", str(out_csv)])
    reader = PdfReader(pdf)
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return ComparePdf(folder, pdf, out_csv, code, text, len(reader.pages), collect([folder], Q))


# ---------------------------------------------------------------- the PDF


@pytest.mark.slow
def test_refused_files_exit_1_but_pdf_and_csv_are_written(compared: ComparePdf) -> None:
    assert compared.exit_code == 1
    assert compared.pdf.read_bytes().startswith(b"%PDF-") and compared.csv.exists()
    assert not [p for p in compared.pdf.parent.iterdir() if p.name.endswith(".tmp")]
    assert 8 <= compared.pages <= 20


@pytest.mark.slow
def test_every_municipality_area_and_city_is_named(compared: ComparePdf) -> None:
    text = flat(compared.text)
    for m in SAGA:
        assert m.name in text, m.name
    for area in Q.areas:
        assert flat(area.name) in text, area.name
    for city in CITIES:
        assert city.name in text, city.name


@pytest.mark.slow
def test_cover_summary_and_chapters(compared: ComparePdf) -> None:
    text = flat(compared.text)
    for heading in (
        "自治体DX比較報告書",
        "1要約",
        "2分野別の分布",
        "3団体別・分野別のスコア（ヒートマップ）",
        "4人口規模別の比較",
        "5目標に届いていない分野と効果の大きい取組",
        "6推移",
        "付録A比較できなかったファイル（2件）",
        "付録B比較の方法",
        "注記",
    ):
        assert heading in text, heading
    # cover: prefecture, files read / compared / refused, target
    assert "佐賀県" in text and "比較した団体" in text and "7団体" in text
    assert "10件（比較7件・以前の回答として推移に使用1件・比較できなかった2件）" in text
    assert "先行5市の中央値" in text
    assert "佐賀県の7団体の回答ファイルを比較しました。" in text
    # notes: which assessment was used, and the other questionnaire version
    assert "最新（2026-11-01" in text and "質問票3.0.0版の回答ファイルが1件あります" in text


@pytest.mark.slow
def test_refused_files_are_listed_with_their_located_reasons(compared: ComparePdf) -> None:
    text = flat(compared.text)
    appendix = text[text.index("付録A比較できなかったファイル（2件）") :]
    assert "binary.toml" in appendix and "handedited.toml" in appendix
    assert "テキストファイルではありません" in appendix
    assert "5以下にしてください" in appendix and "行目" in appendix


@pytest.mark.slow
def test_trend_municipality_has_its_dates(compared: ComparePdf) -> None:
    text = flat(compared.text)
    trend = text[text.index("6推移") :]
    assert f"{TREND.name}（{TREND.code}）" in trend
    assert "2025年4月1日" in trend and "2026年11月1日" in trend
    assert "総合スコア" in trend


@pytest.mark.slow
def test_heatmap_has_legend_and_a_repeated_header_when_it_runs_over(
    tmp_path: Path,
) -> None:
    """Sixty rows do not fit one page: the column heads repeat on the next page."""
    from dxcheck.report.compare_render import compare_context, render_compare_html
    from dxcheck.report.render import html_to_pdf

    many = [m for m in in_prefecture("北海道") if not m.is_prefecture][:60]
    for i, m in enumerate(many):
        (tmp_path / f"{m.code}.toml").write_text(
            to_toml(synthetic_assessment(Q, m, seed=i), Q), encoding="utf-8"
        )
    context = compare_context(collect([tmp_path], Q), Q, CITIES, Target(TargetKind.MEDIAN))
    pdf = tmp_path / "h.pdf"
    pdf.write_bytes(html_to_pdf(render_compare_html(context, inline_charts=True)))
    pages = [flat(p.extract_text() or "") for p in PdfReader(pdf).pages]
    heat = [p for p in pages if "｜3団体別・分野別のスコア（ヒートマップ）" in p]
    assert len(heat) >= 2  # the running header names the chapter on every heatmap page
    assert all("団体総合1体制・計画" in p for p in heat)
    assert "0以上1未満" in heat[0] and "スコアなし" in heat[0]
    shown = "".join(heat)
    assert all(flat(m.name) in shown for m in many)


# ---------------------------------------------------------------- the pure helpers


@pytest.fixture(scope="module")
def five(tmp_path_factory: pytest.TempPathFactory) -> Comparison:
    folder = tmp_path_factory.mktemp("five")
    for i, m in enumerate(SAGA[:5]):
        (folder / f"{m.code}.toml").write_text(
            to_toml(synthetic_assessment(Q, m, seed=i), Q), encoding="utf-8"
        )
    return collect([folder], Q)


def test_helpful_measures_count_municipalities_below_target_per_question(
    five: Comparison,
) -> None:
    comparison = five
    bench = benchmark_scores(Q, CITIES)
    target = Target(TargetKind.MEDIAN)
    reach = helpful_measures(comparison, Q, bench, target)
    assert set(reach) == {a.id for a in Q.areas}
    for area_id, ranked in reach.items():
        assert [r.count for r in ranked] == sorted((r.count for r in ranked), reverse=True)
        for r in ranked:
            assert r.area_id == area_id and len(set(r.codes)) == r.count
            # each counted municipality has a question of the area below target the measure raises
            for code in r.codes:
                sub = next(s for s in comparison.compared if s.code == code)
                assert any(
                    Q.question(x.question).area == area_id
                    and isinstance(level := sub.card.states.get(x.question), int)
                    and (wanted := proposal_target(Q, bench, Q.question(x.question), target))
                    is not None
                    and level < wanted
                    and x.to_level > level
                    for x in r.measure.raises
                )
    # consistent with each municipality's own suggestions
    first = comparison.compared[0]
    own = {s.measure.id for s in suggest(Q, first.card.states, bench, target).ranked}
    counted = {r.measure.id for ranked in reach.values() for r in ranked if first.code in r.codes}
    assert counted == own


def test_helpful_measures_for_chosen_areas_only(five: Comparison) -> None:
    reach = helpful_measures(five, Q, benchmark_scores(Q, CITIES), Target(), ["frontyard", "bpr"])
    assert set(reach) == {"frontyard", "bpr"}


def test_trends_list_scores_by_date_oldest_first(tmp_path: Path) -> None:
    m = SAGA[2]
    for i, day in enumerate([dt.date(2026, 5, 1), dt.date(2024, 5, 1), dt.date(2025, 5, 1)]):
        a = synthetic_assessment(Q, m, seed=i, assessed_on=day)
        (tmp_path / f"{i}.toml").write_text(to_toml(a, Q), encoding="utf-8")
    (tmp_path / "other.toml").write_text(to_toml(synthetic_assessment(Q, SAGA[3], seed=5), Q))
    comparison = collect([tmp_path], Q)
    [t] = trends(comparison)
    assert (t.code, t.name) == (m.code, m.name)
    assert [p.assessed_on for p in t.points] == [
        dt.date(2024, 5, 1),
        dt.date(2025, 5, 1),
        dt.date(2026, 5, 1),
    ]
    subs = comparison.trend(m.code)
    assert [p.overall for p in t.points] == [s.card.overall for s in subs]
    assert t.points[-1].areas == {a.area.id: a.score for a in subs[-1].card.areas}
    first, last = subs[0].card.overall, subs[-1].card.overall
    assert first is not None and last is not None
    assert t.overall_change == pytest.approx(last - first)


# ---------------------------------------------------------------- the command


def test_output_that_would_overwrite_an_answer_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.toml"
    path.write_text(to_toml(synthetic_assessment(Q, SAGA[0], seed=1), Q), encoding="utf-8")
    before = path.read_bytes()
    assert main(["compare", str(path), "-o", str(path)]) == 2
    assert main(["compare", str(tmp_path), "-o", str(tmp_path / "x.toml")]) == 2
    assert "上書き" in capsys.readouterr().err
    assert path.read_bytes() == before and not (tmp_path / "x.toml").exists()


def test_all_valid_with_pdf_exits_0(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dxcheck.report import render

    monkeypatch.setattr(render, "html_to_pdf", lambda *a, **k: b"%PDF-1.7 test")
    for i, m in enumerate(SAGA[:2]):
        (tmp_path / f"{m.code}.toml").write_text(to_toml(synthetic_assessment(Q, m, seed=i), Q))
    out = tmp_path / "out" / "c.pdf"
    out.parent.mkdir()
    assert main(["compare", str(tmp_path), "--quiet", "-o", str(out)]) == 0
    assert out.read_bytes() == b"%PDF-1.7 test"


def test_no_japanese_font_exit_1_and_no_output_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from dxcheck.report import fonts

    (tmp_path / "a.toml").write_text(to_toml(synthetic_assessment(Q, SAGA[0], seed=1), Q))
    monkeypatch.setattr(fonts, "installed_families", lambda: {"DejaVu Sans"})
    fonts.japanese_font_family.cache_clear()
    try:
        code = main(
            [
                "compare",
                str(tmp_path / "a.toml"),
                "-o",
                str(tmp_path / "c.pdf"),
                "--csv",
                str(tmp_path / "c.csv"),
            ]
        )
    finally:
        fonts.japanese_font_family.cache_clear()
    assert code == 1
    assert "fonts-morisawa-bizud-gothic" in capsys.readouterr().err
    # all or nothing: without the PDF, the CSV asked for with it is not written either
    assert not (tmp_path / "c.csv").exists() and not (tmp_path / "c.pdf").exists()
    assert not list(tmp_path.glob(".*.tmp"))


def test_compare_without_pdf_does_not_import_weasyprint_or_jinja(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    (tmp_path / "a.toml").write_text(to_toml(synthetic_assessment(Q, SAGA[0], seed=1), Q))
    code = (
        "import sys, json, contextlib, io\n"
        "from dxcheck.__main__ import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['compare', {str(tmp_path)!r}, '--quiet'])\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('weasyprint', 'jinja2'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


def test_paths_and_reasons_are_text_not_markup() -> None:
    from dxcheck.core.compare import Rejected, build_comparison
    from dxcheck.core.errors import Problem
    from dxcheck.report.compare_render import compare_context, render_compare_html

    evil = '<img src="file:///etc/passwd">{{ 7*7 }}.toml'
    comparison = build_comparison(
        [], [Rejected(evil, (Problem(evil, "<script>alert(1)</script>", "a.<b>", 3),))], Q
    )
    html = render_compare_html(
        compare_context(comparison, Q, CITIES, Target(), font_family="BIZ UDPGothic")
    )
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;{{ 7*7 }}.toml" in html
    assert "3行目　a.&lt;b&gt;: &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html and not re.search(r"<img[^>]*file:", html)
