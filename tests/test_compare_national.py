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
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from dxcheck.__main__ import main
from dxcheck.cli import progress as progress_module
from dxcheck.cli.progress import Progress
from dxcheck.core.anonymity import SUPPRESSED_CELL
from dxcheck.core.answers import to_toml
from dxcheck.core.compare import (
    Comparison,
    MeasureReach,
    Trend,
    TrendPoint,
    helpful_measures,
    shared_gaps,
    trends,
)
from dxcheck.core.compare_prefectures import (
    Median,
    by_prefecture,
    median_of,
    prefecture_rows,
    reach_by_prefecture,
    trends_by_prefecture,
)
from dxcheck.core.model import Answer
from dxcheck.core.prefectures import PREFECTURES
from dxcheck.core.scoring import benchmark_scores
from dxcheck.core.targets import target_from_text
from dxcheck.io.collect import collect
from dxcheck.io.export.anonymous import shared_table
from dxcheck.io.load import load_benchmarks, load_questionnaire
from dxcheck.io.municipalities import Municipality, in_prefecture
from dxcheck.report import compare_context, compare_render
from dxcheck.report.compare_viewmodel import CompareContext, HeatCell, PrefectureHeatRow
from dxcheck.report.compare_wording import group_word, kicker_of, scope_of, supporter
from dxcheck.report.fonts import ReportError
from dxcheck.report.wording import signed
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
SAGA = [m for m in MUNICIPALITIES if m.prefecture == "佐賀県"]
NAGASAKI = [m for m in MUNICIPALITIES if m.prefecture == "長崎県"]
TRENDS = SAGA[:3]  # earlier answers: two with scores, one with none
# 長崎県 has 4 municipalities, 3 of them with no score in this area: its median would be the
# fourth's own score
SPARSE = NAGASAKI[:3]
SPARSE_AREA = Q.areas[11].id


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
        a = synthetic_assessment(Q, m, seed=i)
        if m in SPARSE:  # わからない to every question of one area: no score there
            for q in Q.questions_in(SPARSE_AREA):
                a.answers[q.id] = Answer(unknown=True)
        (sub / f"{m.code}.toml").write_text(to_toml(a, Q), "utf-8")
    for n, m in enumerate(TRENDS):
        old = synthetic_assessment(Q, m, seed=70 + n, assessed_on=dt.date(2025, 4, 1))
        if n == len(TRENDS) - 1:  # nothing answered then: no overall score to compare with
            old.answers = {q.id: Answer(unknown=True) for q in Q.questions}
        (folder / m.prefecture / f"{m.code}-2025.toml").write_text(to_toml(old, Q), "utf-8")


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
        assert row.overall.value == statistics.median(
            o for s in subs if (o := s.card.overall) is not None
        )
        for area in Q.areas:
            scores = [v for s in subs if (v := s.card.area(area.id).score) is not None]
            assert row.areas[area.id].n == len(scores)
            assert row.areas[area.id].value == (statistics.median(scores) if scores else None)
    nagasaki = rows[1].areas[SPARSE_AREA]
    assert nagasaki.n == 1  # the three sparse files have no score there


def test_median_of_counts_only_the_scores_there_are() -> None:
    assert median_of([1.0, None, 3.0, 2.0, None]) == Median(2.0, 3)
    assert median_of([1.0, 4.0]) == Median(2.5, 2)
    assert median_of([None]) == Median(None, 0)


def test_reach_by_prefecture_counts_each_prefectures_share(national: National) -> None:
    target = target_from_text("best", CITIES)
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


def test_reach_by_prefecture_breaks_ties_by_count(national: National) -> None:
    okinawa = [m for m in MUNICIPALITIES if m.prefecture == "沖縄県"]
    # 1 of 沖縄's 2 and 2 of 長崎's 4: both 50 %, 長崎 first as it has more; 佐賀 1 of 5 last
    codes = (okinawa[0].code, NAGASAKI[0].code, NAGASAKI[1].code, SAGA[0].code)
    reach = MeasureReach(Q.measures[0], Q.measures[0].area, codes)
    shares = reach_by_prefecture(reach, national.comparison)
    assert [(s.prefecture, s.count, s.compared) for s in shares] == [
        ("長崎県", 2, 4),
        ("沖縄県", 1, 2),
        ("佐賀県", 1, 5),
    ]


def test_trends_by_prefecture_count_who_moved(national: National) -> None:
    trend_list = trends(national.comparison)
    assert [t.code for t in trend_list] == sorted(m.code for m in TRENDS)
    (saga,) = trends_by_prefecture(trend_list)
    changes = [t.overall_change for t in trend_list]
    assert changes.count(None) == 1  # the earlier file with nothing answered
    known = [round(c, 1) for c in changes if c is not None]
    assert (saga.prefecture, saga.municipalities) == ("佐賀県", 3)
    assert saga.improved == sum(1 for c in known if c > 0)
    assert saga.declined == sum(1 for c in known if c < 0)
    assert saga.unchanged == 3 - saga.improved - saga.declined >= 1
    assert saga.median_change == statistics.median(c for c in changes if c is not None)


def test_a_change_that_shows_as_zero_is_not_counted_as_a_rise() -> None:
    def trend(code: str, before: float, after: float) -> Trend:
        points = (TrendPoint(None, "old.toml", before, {}), TrendPoint(None, "new.toml", after, {}))
        return Trend(code, "町", "佐賀県", points)

    (row,) = trends_by_prefecture(
        [trend("1", 2.0, 2.04), trend("2", 2.0, 2.5), trend("3", 2.0, 1.96)]
    )
    assert (row.improved, row.declined, row.unchanged) == (1, 0, 2)


def test_scope_is_short_when_many_prefectures_are_compared() -> None:
    assert scope_of(["長崎県", "佐賀県"]) == "佐賀県・長崎県"
    assert scope_of(["沖縄県", "北海道", "佐賀県", "青森県", "長崎県"]) == (
        "北海道・青森県・佐賀県ほか2都道府県"
    )
    assert scope_of(list(PREFECTURES)) == "全国（47都道府県）"
    assert scope_of([]) == "—"
    # a name that is no prefecture is shown as written and never counted as one
    assert scope_of([*PREFECTURES, "佐賀"]) == "全国（47都道府県）・佐賀"
    assert scope_of(["佐賀県", "佐賀", "長崎"]) == "佐賀県・佐賀・長崎"


def test_words_for_one_prefecture_and_for_several() -> None:
    assert (group_word(["佐賀県"]), kicker_of(["佐賀県"])) == ("管内団体", "管内団体の比較")
    assert supporter(["佐賀県"]) == "県として"
    assert supporter(["北海道"]) == "道として"
    assert supporter(["東京都"]) == "都として"
    several = ["佐賀県", "長崎県"]
    assert (group_word(several), supporter(several)) == ("比較した団体", "国や都道府県として")
    assert kicker_of(several) == "複数の都道府県の団体の比較"
    assert kicker_of(PREFECTURES) == "全国の団体の比較"


def test_the_limit_is_crossed_above_it_and_every_prefecture_stays_under_it(
    national: National,
) -> None:
    target = target_from_text("median", CITIES)
    n = len(national.comparison.compared)

    def by_pref(limit: int) -> bool:
        return compare_context.build_compare_context(
            national.comparison, Q, CITIES, target, font_family="serif", named_limit=limit
        ).by_prefecture

    assert not by_pref(n)
    assert by_pref(n - 1)
    # 北海道, the largest prefecture, with the prefecture itself: still named in full
    assert len(in_prefecture("北海道")) <= compare_context.NAMED_LIMIT


# ---------------------------------------------------------------- the PDF, by prefecture


@pytest.mark.slow
def test_heatmap_has_one_row_per_prefecture_and_no_municipality(national: National) -> None:
    text = national.text
    assert "3都道府県別・分野別のスコア（ヒートマップ）" in text
    assert "比較した団体が11団体と多い（5団体を超える）" in text
    assert "「一覧」シート" in text
    rows = [text.index(f"{p}（{n}）") for p, n in (("佐賀県", 5), ("長崎県", 4), ("沖縄県", 2))]
    assert rows == sorted(rows)
    assert "複数の都道府県の団体の比較" in text and "管内団体" not in text
    assert "国や都道府県として研修" in text
    assert "「総合」は各団体の総合スコアの中央値で" in text
    assert "付録B" in text and "都道府県別比較した団体が5団体を超えるため" in text
    # nothing in the PDF runs to a line per municipality: not one of them is named
    for m in MUNICIPALITIES:
        assert m.name not in without_cities(text), m.name
        assert m.code not in text, m.code


@pytest.mark.slow
def test_measures_name_prefectures_and_trends_are_per_prefecture(national: National) -> None:
    text = national.text
    assert "割合の高い都道府県" in text
    assert re.search(r"(佐賀県[0-5]/5|長崎県[0-4]/4|沖縄県[0-2]/2)団体（\d+%）", text)
    # the example is built from a real row, not from a prefecture that may not be compared
    example = re.search(
        r"「(佐賀県|長崎県|沖縄県)(\d)/(\d)団体」は、\1で比較した\3団体のうち\2団体", text
    )
    assert example is not None
    (saga,) = trends_by_prefecture(trends(national.comparison))
    row = f"佐賀県3{saga.improved}{saga.declined}{saga.unchanged}{signed(saga.median_change)}"
    assert row in text.split("以前の回答がある団体", 1)[1]
    assert "最後の行が比較に使った最新の回答です" not in text
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
    assert "「一覧」シート" not in text  # an anonymous workbook has no such sheet
    for m in MUNICIPALITIES:
        assert m.name not in without_cities(text) and m.code not in text


def test_anonymous_hides_a_median_of_fewer_than_ten_scores_as_hidden(national: National) -> None:
    """A median of one score is that municipality's; of 5, one of theirs. Hidden as 「非表示」,
    as in every anonymous table — 「—」 means スコアなし in the legend, which it is not."""
    target = target_from_text("median", CITIES)
    column = [a.id for a in Q.areas].index(SPARSE_AREA)

    def context(anonymous: bool) -> CompareContext:
        return compare_context.build_compare_context(
            national.comparison, Q, CITIES, target, font_family="serif",
            anonymous=anonymous, named_limit=LIMIT,
        )  # fmt: skip

    def row(c: CompareContext, prefecture: str) -> PrefectureHeatRow:
        return next(r for r in c.prefecture_heat if r.name == prefecture)

    named, anonymous = context(False), context(True)
    assert row(named, "長崎県").cells[column].text not in ("—", SUPPRESSED_CELL)
    assert row(anonymous, "長崎県").cells[column] == HeatCell(SUPPRESSED_CELL, "hn")
    saga = row(anonymous, "佐賀県")  # 5 < MIN_QUANTILE_GROUP: no median shown
    assert {c.text for c in [saga.overall, *saga.cells]} == {SUPPRESSED_CELL}
    assert any(item.label.startswith(SUPPRESSED_CELL) for item in anonymous.legend)
    assert not any(item.label.startswith(SUPPRESSED_CELL) for item in named.legend)


def test_a_prefectures_own_comparison_still_names_everyone(national: National) -> None:
    saga = Comparison(
        [
            s
            for s in national.comparison.compared
            if s.assessment.municipality.prefecture == "佐賀県"
        ]
    )
    context = compare_context.build_compare_context(
        saga, Q, CITIES, target_from_text("median", CITIES), font_family="serif"
    )
    assert not context.by_prefecture
    assert [h.name for h in context.heat] == [s.assessment.municipality.name for s in saga.compared]
    assert context.prefecture_heat == []


# ---------------------------------------------------------------- progress on the terminal


def test_a_phase_keeps_counting_its_seconds(monkeypatch: pytest.MonkeyPatch) -> None:
    ticks = iter(range(10**6))
    monkeypatch.setattr(progress_module, "TICK_SECONDS", 0.001)
    out = io.StringIO()
    with Progress(out, clock=lambda: float(next(ticks))) as progress:
        progress.phase("レイアウト")
        deadline = time.perf_counter() + 30  # a bound, not a wait: ends as soon as it ticks
        while out.getvalue().count("\rレイアウト…") < 3 and time.perf_counter() < deadline:
            time.sleep(0.001)
    seconds = [int(s) for s in re.findall(r"レイアウト… (\d+) 秒", out.getvalue())]
    assert len(seconds) >= 3 and seconds == sorted(seconds) and seconds[-1] > seconds[0]


def test_a_pdf_that_cannot_be_made_writes_nothing_and_says_so_on_its_own_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "answers"
    write_folder(folder)

    def no_font(*args: object, **kwargs: object) -> bytes:
        raise ReportError("日本語のフォントが見つかりません")

    monkeypatch.setattr(compare_render, "comparison_pdf", no_font)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    out_csv, pdf = tmp_path / "c.csv", tmp_path / "c.pdf"
    code = main(["compare", str(folder), "--csv", str(out_csv), "-o", str(pdf)])
    err = capsys.readouterr().err
    assert code == 1
    assert not out_csv.exists() and not pdf.exists()
    assert "\n日本語のフォントが見つかりません\nほかの出力も書き出しませんでした" in err
    assert "PDF の内容の集計…" in err  # the progress was shown, and ended before the message


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


def test_workbook_names_each_municipality_with_its_prefecture_when_several(
    national: National,
) -> None:
    reaches = helpful_measures(
        national.comparison, Q, benchmark_scores(Q, CITIES), target_from_text("best", CITIES)
    )
    shared = shared_gaps(reaches)
    by_name = {s.code: s.assessment.municipality for s in national.comparison.compared}
    _, header, rows = shared_table(national.comparison, Q, shared, anonymous=False)
    members = rows[0][header.index("該当する団体")]
    assert members == "、".join(by_name[c].prefecture + by_name[c].name for c in shared[0].codes)
    saga = Comparison(
        [
            s
            for s in national.comparison.compared
            if s.assessment.municipality.prefecture == "佐賀県"
        ]
    )
    saga_shared = shared_gaps(
        helpful_measures(saga, Q, benchmark_scores(Q, CITIES), target_from_text("best", CITIES))
    )
    _, header, rows = shared_table(saga, Q, saga_shared, anonymous=False)
    names = {s.code: s.assessment.municipality.name for s in saga.compared}
    members = rows[0][header.index("該当する団体")]
    assert members == "、".join(names[c] for c in saga_shared[0].codes)  # one prefecture: names
