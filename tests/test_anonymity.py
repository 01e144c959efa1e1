"""`compare --anonymous` holds: no group statistic from fewer than three municipalities (a
prefecture's one large city is never a band of its own), and no name, code, file name,
population, date, respondent or note of a municipality anywhere in the PDF, CSV or XLSX."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from itertools import pairwise

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from dxcheck.__main__ import main
from dxcheck.core.anonymity import (
    MIN_GROUP,
    MIN_QUANTILE_GROUP,
    SUPPRESSED,
    SUPPRESSED_CELL,
    PeerGroup,
    group_rows,
    hidden_group_note,
    merge_notes,
    peer_groups,
)
from dxcheck.core.answers import new_assessment, template_for, to_toml
from dxcheck.core.compare import POPULATION_BANDS, Submission, population_band, submission
from dxcheck.core.model import Answer
from dxcheck.io.campaign import members
from dxcheck.io.load import load_questionnaire
from dxcheck.io.municipalities import Municipality
from tests.samples import synthetic_assessment

Q = load_questionnaire()
# 嬉野市 is a benchmark city, named in every report for its published plan: not a respondent
SAGA = [m for m in members("佐賀県") if m.name != "嬉野市"]
DAY = dt.date(2026, 10, 17)  # a date no output of the comparison itself carries
# one large city alone in 20万人以上 and one alone in 10万〜20万人, a pair in 5万〜10万人,
# three in 1万〜3万人 and three under 1万人, one with no population
POPULATIONS = [233_457, 121_983, 71_239, 62_347, 27_961, 19_873, 17_389, 8_761, 6_547, 4_329, None]
THIN_AREA = "opendata"  # answered by two municipalities only


def _assessment(m: Municipality, i: int, population: int | None) -> Submission:
    a = synthetic_assessment(Q, m, seed=i, assessed_on=DAY, unknown_rate=0.0)
    a.municipality.population = population
    a.meta.respondent = f"担当者{m.name}"
    for q in Q.questions_in(THIN_AREA):
        if i >= 2:
            a.answers[q.id] = Answer(unknown=True)
    first = Q.questions[0].id
    a.answers[first] = a.answers[first].model_copy(update={"note": f"秘密のメモ{m.code}"})
    return submission(f"{m.code}_{m.name}.toml", a, Q)


RESPONDENTS = [
    _assessment(m, i, p)
    for i, (m, p) in enumerate(zip(SAGA[: len(POPULATIONS)], POPULATIONS, strict=True))
]


def test_small_bands_merge_into_their_neighbour() -> None:
    groups = peer_groups(RESPONDENTS)
    by_label = {g.label: g for g in groups}
    assert list(by_label) == ["1万人未満", "1万〜3万人", "5万人以上", "人口不明"]
    assert by_label["5万人以上"].bands == ("5万〜10万人", "10万〜20万人", "20万人以上")
    assert len(by_label["5万人以上"].members) == 4
    assert by_label["人口不明"].suppressed  # no neighbour to merge with: hidden
    for g in groups:
        assert g.suppressed or len(g.members) >= MIN_GROUP
    assert sum(len(g.members) for g in groups) == len(RESPONDENTS)  # nobody dropped
    rows = {r.group.label: r for r in group_rows(RESPONDENTS, Q)}
    assert list(rows) == ["1万人未満", "1万〜3万人", "5万人以上"]  # 人口不明 (1) left out
    assert merge_notes(groups)[-1] == hidden_group_note()  # no label, no count
    assert rows["1万人未満"].areas[THIN_AREA] is None  # no one of the three answered it


@pytest.mark.parametrize("sizes", [[1], [2], [1, 1], [1, 5, 1], [2, 2, 2], [4, 1, 4], [0, 1, 0]])
def test_every_group_has_at_least_k_unless_all_together_are_fewer(sizes: list[int]) -> None:
    people = [5_000, 20_000, 40_000]
    subs = [s for size, p in zip(sizes, people, strict=False) for s in _fake(size, p)]
    groups = peer_groups(subs)
    assert sum(len(g.members) for g in groups) == len(subs)
    if len(subs) < MIN_GROUP:
        assert len(groups) == 1 and groups[0].suppressed
    else:
        assert all(len(g.members) >= MIN_GROUP and not g.suppressed for g in groups)


def _fake(count: int, population: int) -> list[Submission]:
    out = []
    for i in range(count):
        a = new_assessment(Q)
        a.municipality.population = population
        a.answers[Q.questions[0].id] = Answer(level=i % 6)
        out.append(submission(f"{population}-{i}.toml", a, Q))
    assert all(s.band == population_band(population) for s in out)
    return out


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("anon") / "佐賀県調査"
    folder.mkdir()
    for s in RESPONDENTS:
        (folder / s.path).write_text(to_toml(s.assessment, Q), encoding="utf-8")
    broken, blank = SAGA[len(RESPONDENTS)], SAGA[len(RESPONDENTS) + 1]
    (folder / f"{broken.code}_{broken.name}.toml").write_text(
        'format = "dxcheck.assessment/1"\nquestionnaire = "jichitai-dx"\nlevel = true\n',
        encoding="utf-8",
    )
    empty = new_assessment(Q)
    empty.municipality.name, empty.municipality.code = blank.name, blank.code
    empty.municipality.prefecture = "佐賀県"
    (folder / f"{blank.code}_{blank.name}.toml").write_text(
        template_for(empty, Q), encoding="utf-8"
    )
    out = folder.parent
    pdf, csv_out, xlsx = out / "公表用.pdf", out / "公表用.csv", out / "公表用.xlsx"
    code = main(["compare", str(folder), "--quiet", "--anonymous", "-o", str(pdf),
                 "--csv", str(csv_out), "--xlsx", str(xlsx)])  # fmt: skip
    assert code == 1  # the broken file
    reader = PdfReader(pdf)
    text = "".join((p.extract_text() or "") for p in reader.pages)
    meta = " ".join(str(v) for v in (reader.metadata or {}).values())
    book = openpyxl.load_workbook(xlsx)
    cells = "\n".join(
        str(v)
        for ws in book
        for row in ws.iter_rows(values_only=True)
        for v in row
        if v is not None
    )
    with zipfile.ZipFile(xlsx) as z:  # document properties, sheet names, shared strings
        raw = "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    return {
        "pdf": text.replace("\n", "") + meta,
        "csv": csv_out.read_bytes().decode("utf-8-sig"),
        "xlsx": cells + raw,
        "xlsx_path": str(xlsx),
    }


def _identifying() -> list[str]:
    out = []
    for m in SAGA[: len(RESPONDENTS) + 2]:
        out += [m.name, m.code, f"{m.code}_{m.name}"]
    for p in POPULATIONS:
        if p is not None:
            out += [str(p), f"{p:,}"]
    out += ["担当者", "秘密のメモ", "企画課", DAY.isoformat(), f"{DAY:%Y/%m/%d}", "10月17日"]
    return out


@pytest.mark.parametrize("kind", ["pdf", "csv", "xlsx"])
def test_no_output_names_or_traces_a_municipality(outputs: dict[str, str], kind: str) -> None:
    text = outputs[kind]
    for word in _identifying():
        assert word not in text, (kind, word)
    # the blank form is counted (as a count only) in every output's notes
    assert (
        "回答のないファイル（レベル・数値・「わからない」のどれも記入されていないもの、"
        "または前回の回答を記入した下書きが変更されないまま返ったもの）が 1 件あります" in text
    )


def test_pdf_merges_bands_and_explains(outputs: dict[str, str]) -> None:
    text = outputs["pdf"]
    assert "5万人以上（4）" in text and "人口不明（" not in text  # (1): left out, unlabelled
    assert "20万人以上（" not in text and "10万〜20万人（" not in text
    assert hidden_group_note() in text
    assert f"{MIN_GROUP}団体未満から計算される値は示していません" in text
    # which bands went into it is not said: each would have a member, the short one be told
    assert "隣り合う区分とまとめて「5万人以上」としました" in text
    assert "「5万〜10万人」" not in text and "「10万〜20万人」" not in text
    assert f"{SUPPRESSED}（{MIN_QUANTILE_GROUP}団体未満）" in text  # the thin area's box
    assert "最も高い団体" not in text and "最も低い団体" not in text and "最小〜最大" not in text
    assert "団体数 第1四分位中央値 第3四分位目標" in text  # chapter 2's head: no 最小, no 最大
    assert "スコアのある団体なし" not in text  # it has scores: they are only not shown
    # nor how many of the two are below target (chapter 5's table)
    chapter5 = text[text.index("分野ごとに、分野のスコアが目標") :]
    table5 = chapter5[: chapter5.index("多くの団体の差を埋める取組")]
    assert "13 BPRの取組の徹底" in table5 and "オープンデータ" not in table5
    assert "「オープンデータの推進・官民データ活用」はスコアのある団体が3団体未満のため" in text


def test_xlsx_and_csv_show_no_statistic_from_fewer_than_k(outputs: dict[str, str]) -> None:
    book = openpyxl.load_workbook(outputs["xlsx_path"], read_only=True)
    bands = list(book["人口規模別"].iter_rows(values_only=True))
    header, rows = bands[0], bands[1:]
    assert [r[0] for r in rows] == ["1万人未満", "1万〜3万人", "5万人以上"]  # 人口不明 left out
    for row in rows:
        assert row[1] >= MIN_GROUP
        # two of 5万人以上 answered the thin area, none of the others: never a number
        assert row[header.index("オープンデータの推進・官民データ活用")] == SUPPRESSED_CELL
    dist_rows = list(book["分布"].iter_rows(values_only=True))
    assert dist_rows[0] == ("分野", "団体数", "第1四分位", "中央値", "第3四分位")  # no extremes
    dist = {r[0]: r for r in dist_rows[1:]}
    thin_row = dist["オープンデータの推進・官民データ活用"]
    assert thin_row[1] == 2 and set(thin_row[2:]) == {SUPPRESSED_CELL}
    full = dist["組織体制の整備・計画的な取組"]  # 11 scores: quartiles are shown
    assert full[1] == len(RESPONDENTS) >= MIN_QUANTILE_GROUP
    assert all(isinstance(v, int | float) for v in full[2:])
    book.close()
    tables = outputs["csv"].split("【注記】")[0]
    assert "人口不明" not in tables and SUPPRESSED not in tables
    assert hidden_group_note() in outputs["csv"]
    assert re.search(r"\r\n分野,団体数,第1四分位,中央値,第3四分位\r\n", outputs["csv"])


@settings(max_examples=60, deadline=None)
@given(
    people=st.lists(
        st.one_of(st.none(), st.integers(min_value=1, max_value=3_800_000)), max_size=25
    )
)
def test_peer_groups_hold_k_keep_everyone_and_stay_contiguous(people: list[int | None]) -> None:
    subs = [s for i, p in enumerate(people) for s in _fake_one(i, p)]
    groups = peer_groups(subs)
    assert sorted(s.path for g in groups for s in g.members) == sorted(s.path for s in subs)
    known = [g for g in groups if g.label != "人口不明"]
    if sum(len(g.members) for g in known) >= MIN_GROUP:
        assert all(len(g.members) >= MIN_GROUP for g in known)
    order = [label for _, label in POPULATION_BANDS]
    for g in known:  # a merged group covers neighbouring bands only, in order
        positions = [order.index(b) for b in g.bands]
        assert positions == sorted(positions)
        assert all(population_band(p) in g.bands for p in _populations(g))
    spans = sorted((min(order.index(b) for b in g.bands), max(order.index(b) for b in g.bands))
                   for g in known)  # fmt: skip
    assert all(a[1] < b[0] for a, b in pairwise(spans))  # never interleaved
    for g in groups:
        assert g.suppressed == (len(g.members) < MIN_GROUP)


def _fake_one(i: int, population: int | None) -> list[Submission]:
    a = new_assessment(Q)
    a.municipality.population = population
    return [submission(f"{i}.toml", a, Q)]


def _populations(g: PeerGroup) -> list[int]:
    return [p for s in g.members if (p := s.assessment.municipality.population) is not None]
