"""A comparison too large for one row per municipality (a national one) reads by prefecture.

The real case (1,741 municipalities) is timed by `scripts/bench_compare.py --pdf`; here the limit
is lowered so that eleven municipalities of three prefectures take the same path, end to end
through `dxcheck compare … -o`, and the PDF is checked by its text.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import statistics
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from dxcheck.__main__ import main
from dxcheck.cli.progress import Progress
from dxcheck.core.answers import to_toml
from dxcheck.core.compare import Comparison, helpful_measures, shared_gaps, trends
from dxcheck.core.compare_prefectures import (
    by_prefecture,
    prefecture_rows,
    reach_by_prefecture,
    trends_by_prefecture,
)
from dxcheck.core.prefectures import PREFECTURES
from dxcheck.core.scoring import benchmark_scores, parse_target
from dxcheck.io.collect import collect
from dxcheck.io.load import load_benchmarks, load_questionnaire
from dxcheck.io.municipalities import Municipality, in_prefecture
from dxcheck.report import compare_context
from dxcheck.report.compare_wording import scope_of
from tests.samples import synthetic_assessment

Q = load_questionnaire()
CITIES = load_benchmarks()
# 沖縄県 first in the folder: the rows must still come in code order (佐賀 41, 長崎 42, 沖縄 47)
GROUPS = {"沖縄県": 2, "佐賀県": 5, "長崎県": 4}
LIMIT = 5  # so that 11 municipalities are "too many to name"


def municipalities() -> list[Municipality]:
    out = []
    for prefecture, count in GROUPS.items():
        out += [m for m in in_prefecture(prefecture) if not m.is_prefecture][:count]
    return out


MUNICIPALITIES = municipalities()
TREND = next(m for m in MUNICIPALITIES if m.prefecture == "佐賀県")


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def without_cities(text: str) -> str:
    """The text less the five benchmark cities' names (南島原市 holds 島原市)."""
    for c in CITIES:
        text = text.replace(c.name, "")
    return text


def write_folder(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i, m in enumerate(MUNICIPALITIES):
        sub = folder / m.prefecture
        sub.mkdir(exist_ok=True)
        (sub / f"{m.code}.toml").write_text(to_toml(synthetic_assessment(Q, m, seed=i), Q), "utf-8")
    old = synthetic_assessment(Q, TREND, seed=77, assessed_on=dt.date(2025, 4, 1))
    (folder / TREND.prefecture / f"{TREND.code}-2025.toml").write_text(to_toml(old, Q), "utf-8")


@dataclass(frozen=True)
class National:
    comparison: Comparison
    text: str  # the named PDF's text, whitespace removed
    anonymous_text: str


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> National:
    root = tmp_path_factory.mktemp("national")
    folder = root / "answers"
    write_folder(folder)
    texts = []
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(compare_context, "NAMED_LIMIT", LIMIT)
        for name, extra in (("named.pdf", []), ("anonymous.pdf", ["--anonymous"])):
            pdf = root / name
            assert main(["compare", str(folder), "--quiet", "-o", str(pdf), *extra]) == 0
            texts.append(flat("".join(p.extract_text() or "" for p in PdfReader(pdf).pages)))
    return National(collect([folder], Q), texts[0], texts[1])


# ---------------------------------------------------------------- the pure summaries


def test_prefecture_rows_are_medians_in_code_order(national: National) -> None:
    rows = prefecture_rows(national.comparison, Q)
    assert [r.prefecture for r in rows] == ["佐賀県", "長崎県", "沖縄県"]
    assert [r.count for r in rows] == [5, 4, 2]
    groups = by_prefecture(national.comparison)
    for row in rows:
        subs = groups[row.prefecture]
        assert row.overall == statistics.median(
            o for s in subs if (o := s.card.overall) is not None
        )
        area = Q.areas[0].id
        assert row.areas[area] == statistics.median(
            v for s in subs if (v := s.card.area(area).score) is not None
        )


def test_reach_by_prefecture_counts_each_prefectures_share(national: National) -> None:
    target = parse_target("best", CITIES)
    reaches = helpful_measures(national.comparison, Q, benchmark_scores(Q, CITIES), target)
    reach = shared_gaps(reaches)[0]
    shares = reach_by_prefecture(reach, national.comparison)
    prefecture_of = {
        s.code: s.assessment.municipality.prefecture for s in national.comparison.compared
    }
    for s in shares:
        assert s.count == sum(1 for c in reach.codes if prefecture_of[c] == s.prefecture)
        assert s.compared == GROUPS[s.prefecture]
    assert sum(s.count for s in shares) == reach.count
    assert [s.share for s in shares] == sorted((s.share for s in shares), reverse=True)


def test_trends_by_prefecture_count_who_moved(national: National) -> None:
    trend_list = trends(national.comparison)
    assert [t.code for t in trend_list] == [TREND.code]
    (saga,) = trends_by_prefecture(trend_list)
    change = trend_list[0].overall_change
    assert change is not None and change != 0
    assert (saga.prefecture, saga.municipalities) == ("佐賀県", 1)
    assert (saga.improved, saga.declined) == ((1, 0) if change > 0 else (0, 1))
    assert saga.median_change == change


def test_scope_is_short_when_many_prefectures_are_compared() -> None:
    assert scope_of(["長崎県", "佐賀県"]) == "佐賀県・長崎県"
    assert scope_of(["沖縄県", "北海道", "佐賀県", "青森県", "長崎県"]) == (
        "北海道・青森県・佐賀県ほか2都道府県"
    )
    assert scope_of(list(PREFECTURES)) == "全国（47都道府県）"
    assert scope_of([]) == "—"


# ---------------------------------------------------------------- the PDF, by prefecture


@pytest.mark.slow
def test_heatmap_has_one_row_per_prefecture_and_no_municipality(national: National) -> None:
    text = national.text
    assert "3都道府県別・分野別のスコア（ヒートマップ）" in text
    assert "比較した団体が11団体と多い（5団体を超える）" in text
    assert "「一覧」シート" in text
    rows = [text.index(f"{p}（{n}）") for p, n in (("佐賀県", 5), ("長崎県", 4), ("沖縄県", 2))]
    assert rows == sorted(rows)
    # nothing in the PDF runs to a line per municipality: not one of them is named
    for m in MUNICIPALITIES:
        assert m.name not in without_cities(text), m.name
        assert m.code not in text, m.code


@pytest.mark.slow
def test_measures_name_prefectures_and_trends_are_per_prefecture(national: National) -> None:
    text = national.text
    assert "割合の高い都道府県" in text
    assert re.search(r"(佐賀県[0-5]/5|長崎県[0-4]/4|沖縄県[0-2]/2)団体（\d+%）", text)
    assert "以前の回答がある団体" in text
    assert "佐賀県1" in text.split("以前の回答がある団体", 1)[1]
    assert "各グループの団体" not in text


@pytest.mark.slow
def test_anonymous_hides_prefectures_too_small_to_hide_their_municipalities(
    national: National,
) -> None:
    text = national.anonymous_text
    assert "佐賀県（5）" in text and "長崎県（4）" in text
    assert "沖縄県（2）" not in text
    assert "3団体未満の都道府県は載せていません（1都道府県）" in text
    assert "割合の高い都道府県" not in text
    for m in MUNICIPALITIES:
        assert m.name not in without_cities(text) and m.code not in text


def test_a_prefectures_own_comparison_still_names_everyone(national: National) -> None:
    saga = Comparison(
        [
            s
            for s in national.comparison.compared
            if s.assessment.municipality.prefecture == "佐賀県"
        ]
    )
    context = compare_context.build_compare_context(
        saga, Q, CITIES, parse_target("median", CITIES), font_family="serif"
    )
    assert not context.by_prefecture
    assert [h.name for h in context.heat] == [s.assessment.municipality.name for s in saga.compared]
    assert context.prefecture_heat == []


# ---------------------------------------------------------------- progress on the terminal


def test_progress_shows_every_phase_on_its_own_line_and_stops() -> None:
    out = io.StringIO()
    with Progress(out) as progress:
        progress.reading(1, 2, Path("a.toml"))
        progress.reading(2, 2, Path("b.toml"))
        progress.pause()
        progress.phase("レイアウト")
        progress.phase("PDF の書き出し（3 ページ）")
    lines = out.getvalue().split("\n")
    assert lines[0].endswith("読み込み・採点 [" + "#" * 30 + "] 2/2")
    assert lines[1].startswith("\rレイアウト… 0 秒")
    assert lines[2].split("\r")[1].startswith("PDF の書き出し（3 ページ）… ")
    assert lines[-1] == ""  # the last phase's line is ended: the shell prompt starts clean
    assert progress._thread is not None and not progress._thread.is_alive()
