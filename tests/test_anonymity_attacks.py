"""The re-identifications a review reproduced on 佐賀県 campaign folders, as tests: each must fail
to recover anything from what `compare --anonymous` publishes.

1. Order statistics: with 3–5 municipalities the five-number summary is every score; the total
   minus the shown band means gave a hidden municipality's (玄海町's) 14 area scores.
2. A hidden group's label 「10万人以上（2）」 named 佐賀市 and 唐津市.
3. Two respondents: shared gaps 「2団体（100%）」 told each the other's gaps.
4. A count equal to (or within 2 of) the total told each respondent the others are below target.
5. Hidden areas were summarised as 「目標に届いていない団体がある分野はありません」.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dxcheck.__main__ import main
from dxcheck.core.anonymity import (
    FEW,
    MIN_GROUP,
    MIN_QUANTILE_GROUP,
    NEARLY_ALL,
    SUPPRESSED_CELL,
    hidden_group_note,
    merge_notes,
    peer_groups,
    quantile_note,
    shown_count,
)
from dxcheck.core.answers import new_assessment, template_for, to_toml
from dxcheck.core.compare import (
    Comparison,
    MeasureReach,
    Submission,
    build_comparison,
    helpful_measures,
    shared_gaps,
    submission,
)
from dxcheck.core.model import Answer
from dxcheck.core.scoring import benchmark_scores
from dxcheck.core.targets import target_from_text
from dxcheck.io.campaign import members
from dxcheck.io.export.csv_export import comparison_csv
from dxcheck.io.export.xlsx_export import comparison_xlsx
from dxcheck.io.load import load_benchmarks, load_questionnaire
from dxcheck.report.compare_context import build_compare_context
from dxcheck.report.compare_render import render_compare_html
from dxcheck.report.compare_viewmodel import CompareContext
from dxcheck.report.compare_wording import UNNAMED_SCOPE, scope_of
from tests.samples import synthetic_assessment

Q = load_questionnaire()
CITIES = load_benchmarks()
BENCH = benchmark_scores(Q, CITIES)
TARGET = target_from_text("median", CITIES)
SAGA = {m.name: m for m in members("佐賀県")}
AREAS = [a.id for a in Q.areas]


def _sub(name: str, population: int | None, seed: int) -> Submission:
    a = synthetic_assessment(Q, SAGA[name], seed=seed, unknown_rate=0.0)
    a.municipality.population = population
    return submission(f"{SAGA[name].code}.toml", a, Q)


def _tables(text: str) -> dict[str, list[list[str]]]:
    """The anonymous CSV's tables by title: 【分布】, 【人口規模別】, 【共通の課題】, 【注記】."""
    out: dict[str, list[list[str]]] = {}
    title = ""
    for row in csv.reader(io.StringIO(text)):
        if row and row[0].startswith("【"):
            title = row[0].strip("【】")
            out[title] = []
        elif row and title:
            out[title].append(row)
    return out


def _number(cell: str) -> float | None:
    try:
        return float(cell)
    except ValueError:
        return None


def _rebuild(n: int, low: float, q1: float, median: float, q3: float, high: float) -> list[float]:
    """Every value from a five-number summary (inclusive quartiles), as the reviewer did."""
    if n == 3:
        return [low, median, high]
    if n == 4:  # q1 = x0 + ¾(x1 − x0), q3 = x2 + ¼(x3 − x2)
        return [low, (q1 - low / 4) / 0.75, (q3 - high / 4) / 0.75, high]
    if n == 5:
        return [low, q1, median, q3, high]
    return []


def attack(csv_text: str) -> dict[str, float]:
    """The reviewer's attack on the anonymous CSV: per area, rebuild all scores from the
    distribution row when it allows, then subtract every shown band's count × mean. What is
    left is the hidden municipalities' total — one hidden municipality's score when alone."""
    tables = _tables(csv_text)
    dist, bands = tables["分布"], tables["人口規模別"]
    head, band_head = dist[0], bands[0]
    wanted = ["最小", "第1四分位", "中央値", "第3四分位", "最大"]
    out: dict[str, float] = {}
    if not all(w in head for w in wanted):
        return out  # nothing to rebuild from
    for a in Q.areas:
        row = next(r for r in dist[1:] if r[0] == a.name)
        stats = [_number(row[head.index(w)]) for w in wanted]
        if any(s is None for s in stats):
            continue
        low, q1, median, q3, high = (s for s in stats if s is not None)
        values = _rebuild(int(row[1]), low, q1, median, q3, high)
        if not values:
            continue
        shown = 0.0
        for b in bands[1:]:
            mean = _number(b[band_head.index(a.name)])
            shown += int(b[1]) * mean if mean is not None else 0.0
        out[a.id] = sum(values) - shown
    return out


def hidden_members(subs: Sequence[Submission]) -> list[Submission]:
    """The members of groups too small to show: their values must stay unknown."""
    return [s for g in peer_groups(subs) if g.suppressed for s in g.members]


def _context(comparison: Comparison, reaches: dict[str, list[MeasureReach]]) -> CompareContext:
    return build_compare_context(
        comparison, Q, CITIES, TARGET, font_family="serif", anonymous=True, reaches=reaches,
        today=dt.date(2026, 11, 30),
    )  # fmt: skip


# ---------------------------------------------------------------- 1. order statistics


def test_reviewers_four_files_give_back_nothing(tmp_path: Path) -> None:
    """The reviewer's case: three small towns in one band, 玄海町 without a population. Today's
    main gives back 玄海町's area scores; now the CSV has no extremes and no quartiles of 4."""
    folder = tmp_path / "佐賀県"
    folder.mkdir()
    subs = [
        _sub("太良町", 8_000, 0),
        _sub("大町町", 6_000, 1),
        _sub("有田町", 9_000, 2),
        _sub("玄海町", None, 3),
    ]
    for s in subs:
        (folder / s.path).write_text(to_toml(s.assessment, Q), encoding="utf-8")
    out = tmp_path / "公表用.csv"
    assert main(["compare", str(folder), "--quiet", "--anonymous", "--csv", str(out)]) == 0
    text = out.read_bytes().decode("utf-8-sig")
    tables = _tables(text)
    assert tables["分布"][0] == ["分野", "団体数", "第1四分位", "中央値", "第3四分位"]
    for row in tables["分布"][1:]:
        assert row[1] == "4" and row[2:] == [SUPPRESSED_CELL] * 3
    figures = "".join(c for t in ("分布", "人口規模別") for r in tables[t] for c in r)
    assert "最小" not in figures and "最大" not in figures
    assert [r[:2] for r in tables["人口規模別"][1:]] == [["1万人未満", "3"]]  # 玄海町 left out
    assert attack(text) == {}
    comparison = build_comparison(subs, [], Q)
    context = _context(comparison, {})
    assert all(d.minimum == d.maximum == "" for d in context.distribution)
    html = render_compare_html(context)
    assert "<th>最小</th>" not in html and "<th>最大</th>" not in html
    assert "線: 最小〜最大" not in html and 'stroke-width="1.2"/>' not in html  # no whisker
    assert not any("最も高い団体" in s or "最も低い団体" in s for s in context.summary)


populations = st.sampled_from([None, None, 5_000, 20_000, 40_000, 70_000, 150_000, 300_000])
levels = st.one_of(st.none(), st.integers(min_value=0, max_value=5))


def _made(people: Sequence[int | None], grid: Sequence[Sequence[int | None]]) -> list[Submission]:
    """One submission per municipality: every question of an area at the drawn level (None:
    わからない throughout, so no score there), one answer always given so none is blank."""
    out = []
    for i, (population, row) in enumerate(zip(people, grid, strict=True)):
        a = new_assessment(Q)
        a.municipality.name, a.municipality.code = f"団体{i}", f"{410000 + i * 10}"
        a.municipality.prefecture, a.municipality.population = "佐賀県", population
        for area_id, level in zip(AREAS, row, strict=True):
            for q in Q.questions_in(area_id):
                a.answers[q.id] = Answer(unknown=True) if level is None else Answer(level=level)
        out.append(submission(f"{i}.toml", a, Q))
    return out


def _published_scores(subs: Sequence[Submission]) -> tuple[object, ...]:
    """Every score figure an anonymous output publishes (counts of who is below target aside:
    they are ranges, tested below): the CSV (the XLSX holds the same tables) and the PDF's
    distribution table, chart, band table and heat cells."""
    comparison = build_comparison(subs, [], Q)
    context = _context(comparison, {})
    return (
        comparison_csv(comparison, Q, anonymous=True),
        context.distribution,
        str(context.distribution_chart),
        context.bands,
        context.prefecture_heat,
        sorted((s.name, s.median) for s in context.shortfalls),  # ordered by counts: aside
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), count=st.integers(min_value=MIN_GROUP, max_value=12))
def test_no_hidden_value_is_determined_by_what_is_published(
    data: st.DataObject, count: int
) -> None:
    """Random small comparisons: (a) the reviewer's attack reproduces no hidden municipality's
    score; (b) under MIN_QUANTILE_GROUP compared, changing every hidden municipality's scores
    changes no published score figure — so they cannot be determined from them."""
    people = data.draw(st.lists(populations, min_size=count, max_size=count))
    row = st.lists(levels, min_size=len(AREAS), max_size=len(AREAS))
    grid = data.draw(st.lists(row, min_size=count, max_size=count))
    subs = _made(people, grid)
    comparison = build_comparison(subs, [], Q)
    text = comparison_csv(comparison, Q, anonymous=True).decode("utf-8-sig")
    hidden = hidden_members(comparison.compared)
    recovered = attack(text)
    for s in hidden:
        for area_id, guess in recovered.items():
            value = s.card.area(area_id).score
            assert value is None or abs(guess - value) > 0.02, (s.path, area_id, guess)
    if not hidden or count >= MIN_QUANTILE_GROUP:
        return
    before = _published_scores(subs)
    hidden_rows = {int(h.path.removesuffix(".toml")) for h in hidden}
    changed = [
        [None if v is None else (v + 2) % 6 for v in row_levels] if i in hidden_rows else row_levels
        for i, row_levels in enumerate(grid)
    ]
    assert _published_scores(_made(people, changed)) == before


# ---------------------------------------------------------------- 2. labels of hidden groups


def test_a_hidden_group_has_no_label_and_no_bands_in_the_notes(tmp_path: Path) -> None:
    """佐賀市 and 唐津市 are the only ones over 10万 in 佐賀県: a group of them, still under 3,
    must say neither 「10万人以上」 nor its original bands, in any output."""
    subs = [
        _sub("佐賀市", 230_000, 0),
        _sub("唐津市", 120_000, 1),
        *(_sub(n, None, i + 2) for i, n in enumerate(["鹿島市", "小城市", "神埼市", "吉野ヶ里町"])),
    ]
    comparison = build_comparison(subs, [], Q)
    context = _context(comparison, {})
    text = comparison_csv(comparison, Q, anonymous=True).decode("utf-8-sig")
    book = openpyxl.load_workbook(io.BytesIO(comparison_xlsx(comparison, Q, anonymous=True)))
    cells = "\n".join(str(v) for ws in book for r in ws.iter_rows(values_only=True) for v in r)
    for published in (text, cells):
        for label in ("10万", "20万", "10万人以上", "（2）"):
            assert label not in published, label
    words = [b.band for b in context.bands] + context.notes + [context.hidden_group_note]
    html = render_compare_html(context)  # the PDF's content, every chapter
    # (appendix B lists every band the populations are read into, as in any report)
    assert "10万人以上" not in html and "（2）" not in html and "10万〜20万人」" not in html
    for published in (text, cells, "\n".join(words)):
        for label in ("10万", "20万", "10万人以上", "（2）"):
            assert label not in published, label
        assert "区分名は示しません" in published
    assert [b.band for b in context.bands] == ["人口不明"]  # 4: shown
    assert [r[:2] for r in _tables(text)["人口規模別"][1:]] == [["人口不明", "4"]]


def test_an_unknown_population_group_too_small_is_left_out_unlabelled() -> None:
    subs = [_sub(n, 5_000 + i, i) for i, n in enumerate(["太良町", "大町町", "有田町"])]
    subs.append(_sub("玄海町", None, 3))
    context = _context(build_comparison(subs, [], Q), {})
    assert [b.band for b in context.bands] == ["1万人未満"]
    assert context.hidden_group_note == hidden_group_note()  # one sentence for every case
    assert not any("人口不明（" in n or "「人口不明」" in n for n in context.notes)


# ---------------------------------------------------------------- 3. and 4. counts


def _reaches(comparison: Comparison) -> dict[str, list[MeasureReach]]:
    return {a: list(r) for a, r in helpful_measures(comparison, Q, BENCH, TARGET).items()}


def test_two_respondents_show_no_shared_gap_nor_measure_count(tmp_path: Path) -> None:
    subs = [_sub("鹿島市", 30_000, 0), _sub("小城市", 44_000, 1)]
    comparison = build_comparison(subs, [], Q)
    reaches = _reaches(comparison)
    shared = shared_gaps(reaches)
    assert shared and all(r.count == 2 for r in shared)  # what today's main lists as 100%
    text = comparison_csv(comparison, Q, anonymous=True, reaches=reaches).decode("utf-8-sig")
    assert len(_tables(text)["共通の課題"]) == 1  # the header alone
    book = openpyxl.load_workbook(
        io.BytesIO(comparison_xlsx(comparison, Q, anonymous=True, reaches=reaches))
    )
    assert book["共通の課題"].max_row == 1
    context = _context(comparison, reaches)
    assert context.shared == []
    assert all(a.measures == [] for a in context.shortfall_areas)
    assert "100%" not in text
    summary = "".join(context.summary)
    assert "差を埋める取組" not in summary and "上回る" not in summary
    assert "比較した団体が3団体未満のため、団体が特定されないよう" in summary


@pytest.mark.parametrize(
    ("count", "total", "shown"),
    [(0, 10, FEW), (2, 10, FEW), (3, 10, 3), (7, 10, 7), (8, 10, NEARLY_ALL), (10, 10, NEARLY_ALL),
     (3, 5, NEARLY_ALL), (2, 4, FEW), (3, 3, NEARLY_ALL)],
)  # fmt: skip
def test_a_count_is_shown_only_between_k_and_total_minus_k(
    count: int, total: int, shown: int | str
) -> None:
    assert shown_count(count, total) == shown


def test_counts_of_all_or_nearly_all_are_words_in_every_output() -> None:
    """Eight respondents all below target somewhere: chapter 5 said 「8 8 100%」 and the shared
    gaps 「8, 1.0」. Now 「ほぼすべての団体」 and no share, with the reason in the notes."""
    names = ["鹿島市", "小城市", "神埼市", "吉野ヶ里町", "基山町", "上峰町", "みやき町", "玄海町"]
    subs = []
    for i, n in enumerate(names):
        a = synthetic_assessment(Q, SAGA[n], seed=i, unknown_rate=0.0)
        a.municipality.population = 10_000 + 1_000 * i
        for q in Q.questions:  # everyone at 0: below every target
            a.answers[q.id] = Answer(level=0)
        subs.append(submission(f"{i}.toml", a, Q))
    comparison = build_comparison(subs, [], Q)
    reaches = _reaches(comparison)
    shared = shared_gaps(reaches)
    assert shared and all(r.count == 8 for r in shared)
    context = _context(comparison, reaches)
    for row in context.shortfalls:
        assert (row.below, row.share) == (NEARLY_ALL, SUPPRESSED_CELL)
    assert all(m.count == NEARLY_ALL and m.share == SUPPRESSED_CELL for m in context.shared)
    assert any(m.count == NEARLY_ALL for a in context.shortfall_areas for m in a.measures)
    summary = "".join(context.summary)
    assert "8団体中 8団体" not in summary and NEARLY_ALL in summary
    assert any("ほぼすべての団体" in n and "全体より3団体以上少ない" in n for n in context.notes)
    text = comparison_csv(comparison, Q, anonymous=True, reaches=reaches).decode("utf-8-sig")
    rows = _tables(text)["共通の課題"]
    assert all(r[2:4] == [NEARLY_ALL, SUPPRESSED_CELL] for r in rows[1:])
    assert "全体より3団体以上少ないときだけ" in text
    book = openpyxl.load_workbook(
        io.BytesIO(comparison_xlsx(comparison, Q, anonymous=True, reaches=reaches))
    )
    xlsx_rows = list(book["共通の課題"].iter_rows(min_row=2, values_only=True))
    assert xlsx_rows and all(r[2:4] == (NEARLY_ALL, SUPPRESSED_CELL) for r in xlsx_rows)
    notes = [r[0] for r in book["注記"].iter_rows(min_row=2, values_only=True)]
    assert any("全体より3団体以上少ないときだけ" in str(n) for n in notes)


# ---------------------------------------------------------------- 5. hidden is not met


def test_hidden_areas_are_said_to_be_hidden_not_met() -> None:
    """Two municipalities have a score in one area only, three have none (わからない): today's
    main summarised that as 「目標に届いていない団体がある分野はありません」."""
    grid: list[list[int | None]] = [[None] * len(AREAS) for _ in range(5)]
    opendata = AREAS.index("opendata")
    grid[0][opendata] = grid[1][opendata] = 0
    context = _context(build_comparison(_made([5_000] * 5, grid), [], Q), {})
    summary = "".join(context.summary)
    assert "届いていない団体がある分野はありません" not in summary
    assert (
        "「オープンデータの推進・官民データ活用」は、スコアのある団体が3団体未満のため" in summary
    )
    assert "目標に届いていない団体の数を示していません" in summary


# ---------------------------------------------------------------- 7. the console


def test_anonymous_console_prints_counts_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Operators paste the console into mail beside the published files: no name, code or
    path — a refused file's reasons carry its path, so only how many, and where to look."""
    folder = tmp_path / "佐賀県調査"
    folder.mkdir()
    subs = [_sub(n, 8_000 + i, i) for i, n in enumerate(["太良町", "大町町", "有田町"])]
    for s in subs:
        (folder / f"{s.code}_{s.assessment.municipality.name}.toml").write_text(
            to_toml(s.assessment, Q), encoding="utf-8"
        )
    broken = SAGA["玄海町"]
    (folder / f"{broken.code}_玄海町.toml").write_text("level = true\n", encoding="utf-8")
    blank = new_assessment(Q)
    blank.municipality.name, blank.municipality.code = "基山町", SAGA["基山町"].code
    blank.municipality.prefecture = "佐賀県"
    (folder / f"{blank.municipality.code}_基山町.toml").write_text(
        template_for(blank, Q), encoding="utf-8"
    )
    capsys.readouterr()
    assert main(["compare", str(folder), "--quiet", "--anonymous"]) == 1  # the broken file
    out, err = capsys.readouterr()
    named = [(s.assessment.municipality.name, s.code) for s in subs]
    for name, code in [*named, (broken.name, broken.code), ("基山町", blank.municipality.code)]:
        assert name not in out + err and code not in out + err, name
    assert str(folder) not in out + err and ".toml" not in out + err
    assert "比較した団体: 3" in out
    assert "回答のないファイル" in out and " 1 件" in out
    assert "比較できなかったファイル: 1 件" in err and "dxcheck validate" in err
    # the named run still lists everyone, and the broken file with its reason
    assert main(["compare", str(folder), "--quiet"]) == 1
    out, err = capsys.readouterr()
    assert "太良町" in out and "玄海町.toml" in err


# ---------------------------------------------------------------- 6. order of rows


def _below_grid(counts: Sequence[int], seed: int, total: int = 7) -> list[list[int | None]]:
    """`total` municipalities; in each area the first `counts[i]` of a shuffled order answer 0
    throughout (below target there), the others 5 (at it): every measure of an area then helps
    exactly the municipalities below target in it."""
    import random

    rng = random.Random(seed)
    grid: list[list[int | None]] = [[5] * len(AREAS) for _ in range(total)]
    for i, count in enumerate(counts):
        for m in rng.sample(range(total), count):
            grid[m][i] = 0
    return grid


def _published_order(
    subs: Sequence[Submission], reaches: dict[str, list[MeasureReach]]
) -> dict[str, object]:
    """What an anonymous output says in which order: chapter 5's table and sections with their
    measures, the summary's sentences on areas and measures, 共通の課題 in PDF, CSV and XLSX."""
    comparison = build_comparison(subs, [], Q)
    context = _context(comparison, reaches)
    text = comparison_csv(comparison, Q, anonymous=True, reaches=reaches).decode("utf-8-sig")
    book = openpyxl.load_workbook(
        io.BytesIO(comparison_xlsx(comparison, Q, anonymous=True, reaches=reaches))
    )
    return {
        "table": [(r.name, r.below, r.share) for r in context.shortfalls],
        "sections": [
            (a.name, a.below, [(m.title, m.count) for m in a.measures])
            for a in context.shortfall_areas
        ],
        "summary": [s for s in context.summary if "多い分野" in s or "差を埋める取組" in s],
        "shared": [(m.title, m.count, m.share) for m in context.shared],
        "csv": _tables(text)["共通の課題"],
        "xlsx": list(book["共通の課題"].iter_rows(values_only=True)),
    }


def _fake_reaches(subs: Sequence[Submission], side: int) -> dict[str, list[MeasureReach]]:
    """Each area's first catalog measures, helping as many as one side of SAME_WORDS says (a
    different pair for each), and one measure under a second area too, with the other side's
    count there; each list ranked as helpful_measures ranks it, by the hidden counts."""
    from dxcheck.core.compare import rank_reaches

    codes = [s.code for s in subs]
    out: dict[str, list[MeasureReach]] = {}
    for i, a in enumerate(Q.areas):
        own = [m for m in Q.measures if m.area == a.id][:6]
        pairs = [SAME_WORDS[(i + j) % len(SAME_WORDS)] for j in range(len(own))]
        out[a.id] = [
            MeasureReach(m, a.id, tuple(codes[: p[side]]))
            for m, p in zip(own, pairs, strict=True)
            if p[side]
        ]
        if i:  # the previous area's first measure helps here too, as many as the other side
            m = next(m for m in Q.measures if m.area == Q.areas[i - 1].id)
            out[a.id].append(MeasureReach(m, a.id, tuple(codes[: (7, 5)[side]])))
    return {a: rank_reaches(r, Q, len(subs)) for a, r in out.items()}


# per area: two below-target counts of 7 that are published the same way (5–7: 「ほぼすべての
# 団体」, 0–2: 「3団体未満」, 3 and 4 as themselves)
SAME_WORDS = [(7, 5), (5, 7), (6, 6), (7, 6), (5, 6), (6, 5), (0, 2), (2, 0), (1, 0), (7, 7),
              (6, 7), (3, 3), (4, 4), (5, 5)]  # fmt: skip


@pytest.mark.parametrize("seed", [0, 1])
def test_order_inside_a_word_does_not_depend_on_the_hidden_counts(seed: int) -> None:
    """The reviewer read 7,7,6,6,6,5,5 back from the order of 「ほぼすべての団体」 rows (sorted by
    count, then cost): the order must be the same whatever the hidden counts inside a word —
    and so must which areas get a chapter-5 section (none for 0 vs 1–2) and which measure the
    summary names."""
    first = _made([5_000] * 7, _below_grid([a for a, _ in SAME_WORDS], seed))
    second = _made([5_000] * 7, _below_grid([b for _, b in SAME_WORDS], seed + 10))
    # the hidden counts differ (what the order used to give back) …
    from dxcheck.core.compare import shortfalls
    from dxcheck.core.scoring import area_targets

    targets = area_targets(Q, BENCH, TARGET)
    truths = [
        [s.below for s in sorted(shortfalls(build_comparison(x, [], Q), Q, targets),
                                 key=lambda s: AREAS.index(s.area_id))]
        for x in (first, second)
    ]  # fmt: skip
    assert truths == [[a for a, _ in SAME_WORDS], [b for _, b in SAME_WORDS]]
    # … and everything published, in its order, is the same
    one = _published_order(first, _fake_reaches(first, 0))
    two = _published_order(second, _fake_reaches(second, 1))
    assert one["sections"] and one["shared"] and one["summary"]
    for key in one:
        assert one[key] == two[key], key
    # the summary's measure is one of several shown alike, and says so
    assert any("最も多くの団体の差を埋める取組の一つは" in s for s in one["summary"])  # type: ignore[attr-defined]
    # no section for an area shown as 「3団体未満」: 0 and 1–2 look alike
    assert all(a[1] != FEW for a in one["sections"])  # type: ignore[attr-defined]


def test_no_section_tells_none_below_from_one_or_two() -> None:
    """Chapter 5 gave a section to every area with anyone below target: for an area marked
    「3団体未満」, having a section or not told 0 from 1–2. Now only areas shown as a number or
    「ほぼすべての団体」 get one."""
    few = [[0] * len(AREAS), [0] * len(AREAS)]
    few[0][0] = 4  # shown as 4
    few[1][0] = 4
    for i in range(1, len(AREAS)):
        few[0][i] = 1 + i % 2  # 1 or 2 below: 「3団体未満」
    sections = []
    for counts in few:
        context = _context(build_comparison(_made([5_000] * 7, _below_grid(counts, 3)), [], Q), {})
        assert [r.below for r in context.shortfalls].count(FEW) == len(AREAS) - 1
        sections.append([a.name for a in context.shortfall_areas])
    assert sections[0] == sections[1] == [Q.areas[0].name]
    # every area 1–2 below: no section, and never 「no area has anyone below target」
    all_few = _made([5_000] * 7, _below_grid([*few[0][1:], 1], 3))
    context = _context(build_comparison(all_few, [], Q), {})
    assert context.shortfall_areas == []
    html = render_compare_html(context)
    assert "目標に届いていない団体が3団体以上の分野はありません" in html
    assert "目標に届いていない団体がある分野はありません" not in html


# ---------------------------------------------------------------- 8. sizes by subtraction


def _nagasaki(count: int, seed: int) -> list[Submission]:
    out = []
    for i, m in enumerate(members("長崎県")[:count]):
        a = synthetic_assessment(Q, m, seed=seed + i, unknown_rate=0.0)
        a.municipality.population = 2_300 + i
        out.append(submission(f"{m.code}.toml", a, Q))
    return out


@pytest.mark.parametrize("named_limit", [None, 3])
def test_a_prefecture_with_fewer_than_k_compared_is_not_named(named_limit: int | None) -> None:
    """Six of 佐賀県 and 小値賀町 alone of 長崎県: the titles said 「佐賀県・長崎県」 and, read by
    prefecture, 佐賀県（6） of 7 — so 長崎県 had one. Now 「佐賀県ほか」, in the named run
    still 「佐賀県・長崎県」, and with three of 長崎県 it is named again."""
    saga = [_sub(n, 20_000 + i * 1_000, i) for i, n in enumerate(list(SAGA)[3:9])]

    def context(subs: list[Submission], anonymous: bool = True) -> CompareContext:
        return build_compare_context(
            build_comparison(subs, [], Q), Q, CITIES, TARGET, font_family="serif",
            anonymous=anonymous, reaches={}, named_limit=named_limit, today=dt.date(2026, 11, 30),
        )  # fmt: skip

    one = context([*saga, *_nagasaki(1, 40)])
    html = render_compare_html(one)
    assert one.scope == "佐賀県ほか"
    assert "長崎県" not in html and "佐賀県・" not in html
    assert one.summary[0].startswith("佐賀県ほかの 7団体")
    assert context([*saga, *_nagasaki(1, 40)], anonymous=False).scope == "佐賀県・長崎県"
    assert context([*saga, *_nagasaki(3, 40)]).scope == "佐賀県・長崎県"
    assert context([*saga[:2], *_nagasaki(2, 40)]).scope == UNNAMED_SCOPE


def test_scope_of_names_only_what_it_is_given() -> None:
    assert scope_of(["佐賀県"], others=True) == "佐賀県ほか"
    assert scope_of([], others=True) == UNNAMED_SCOPE
    assert (
        scope_of(["北海道", "青森県", "岩手県", "宮城県"], others=True)
        == "北海道・青森県・岩手県ほか"
    )
    assert scope_of(["佐賀県", "長崎県"]) == "佐賀県・長崎県"


def test_the_merge_note_does_not_say_which_bands_were_short() -> None:
    """「人口規模「10万〜20万人」「20万人以上」は…まとめました」 told that each of those bands had a
    member — in 佐賀県, 20万人以上 is 佐賀市 alone."""
    subs = [_sub("佐賀市", 230_000, 0), _sub("唐津市", 120_000, 1), _sub("鳥栖市", 74_000, 2)]
    notes = merge_notes(peer_groups(subs))
    assert notes == [
        "団体数が3団体未満の人口規模があるため、隣り合う区分とまとめて「5万人以上」としました。"
    ]
    text = comparison_csv(build_comparison(subs, [], Q), Q, anonymous=True).decode("utf-8-sig")
    for band in ("5万〜10万人", "10万〜20万人", "20万人以上"):
        assert band not in text


def test_the_notes_say_what_is_derivable_and_what_quartiles_still_are() -> None:
    """A hidden group's size is the number compared minus the band table's: the note says so
    (and never which band); quartiles from 10 can still be one municipality's score."""
    assert "区分名は示しません" in hidden_group_note()
    assert "比較した団体数から表の団体数を引いた数" in hidden_group_note()
    assert "団体数も示しません" not in hidden_group_note()
    note = quantile_note()
    assert "団体数が奇数のときの中央値" in note and "13・17団体" in note
    assert "どの団体のスコアかは示さず" in note


def test_areas_too_few_have_a_score_in_are_named_in_the_questionnaires_order() -> None:
    """The areas whose below-target counts are hidden (under 3 with a score) were named in the
    order of those hidden counts."""
    notes = []
    for below in ((0, 2), (2, 0)):
        grid: list[list[int | None]] = [[5] * len(AREAS) for _ in range(5)]
        for m in range(5):
            grid[m][0] = grid[m][1] = None
        for area, count in enumerate(below):
            grid[0][area], grid[1][area] = (0 if count else 5), (0 if count == 2 else 5)
        context = _context(build_comparison(_made([5_000] * 5, grid), [], Q), {})
        notes.append([s for s in context.summary if "スコアのある団体が3団体未満" in s])
    assert (
        notes[0]
        == notes[1]
        == [
            f"「{Q.areas[0].name}」「{Q.areas[1].name}」は、スコアのある団体が3団体未満のため、"
            "団体が特定されないよう、目標に届いていない団体の数を示していません。"
        ]
    )


def test_the_highest_median_is_chosen_as_published() -> None:
    """Two areas whose medians are equal as published (2 decimals): the summary names the
    first, not the one whose unpublished digits are larger."""
    from dxcheck.core.anonymity import Quartiles
    from dxcheck.report.compare_wording import SummaryFacts, comparison_summary

    facts = SummaryFacts("佐賀県", 12, 12, 0, 0, None, None, 0, 0, 0, "目標")
    medians = {AREAS[0]: 2.001, AREAS[1]: 2.004, AREAS[2]: 1.0}
    dists = {a: Quartiles(12, m - 0.5, m, m + 0.5) for a, m in medians.items()}

    def highest(anonymous: bool) -> str:
        said = comparison_summary(facts, Q, dists, [], [], anonymous=anonymous)
        return next(s for s in said if "最も高いのは" in s)

    assert f"最も高いのは「{Q.areas[0].name}」" in highest(True)
    assert f"最も高いのは「{Q.areas[1].name}」" in highest(False)  # named: every digit
