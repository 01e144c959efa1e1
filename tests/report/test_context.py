"""The report's view model: numbers from the core, sentences from the numbers (no PDF here)."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

from dxcheck.core.model import Answer, Kpi
from dxcheck.core.progress import question_numbers
from dxcheck.core.scoring import Target, TargetKind, benchmark_scores, score_assessment
from dxcheck.report.context import build_context
from dxcheck.report.wording import japanese_date, kpi_text
from tests.report import synthetic

Q = synthetic.questionnaire()
CITIES = synthetic.cities(Q)


def ctx(answers: dict[str, Answer] | None = None, target: Target | None = None):  # type: ignore[no-untyped-def]
    a = synthetic.answers(Q)
    if answers is not None:
        a.answers = answers
    return build_context(
        a, Q, CITIES, target or Target(), font_family="BIZ UDPGothic", today=dt.date(2026, 11, 21)
    )


def test_summary_sentences_come_from_the_core_numbers() -> None:
    c = ctx()
    card = score_assessment(Q, synthetic.answers(Q))
    assert c.overall == f"{card.overall:.1f}"
    assert c.summary[0].startswith(f"美郷町の総合スコアは {card.overall:.1f}（0〜5）です。")
    assert "先行5市の中央値は" in c.summary[0]
    assert any("最も進んでいる分野は" in s and "最も遅れている分野は" in s for s in c.summary)
    assert any(s.startswith("目標（先行5市の最高値）との差が大きいのは") for s in c.summary)
    assert len(c.key_gaps) == 3
    # the intro sentence says exactly what backs the proposals, never "先行市が実際に行っている"
    counts = {b: sum(1 for m in c.body + c.more if m.basis == b) for b in ("proven", "planned")}
    assert f"実施例あり {counts['proven']}件" in c.proposals_note
    assert "先行市が実際に行っている" not in " ".join(c.summary)


def test_table_has_every_area_and_city_and_marks_low_confidence() -> None:
    only_one = {Q.questions[0].id: Answer(level=3)}
    c = ctx(only_one)
    assert [r.name for r in c.table] == [a.name for a in Q.areas]
    assert all(len(r.cities) == len(CITIES) for r in c.table)
    first = c.table[0]
    assert (
        first.own == "3.0"
        and first.low
        and first.coverage == f"1/{len(Q.questions_in('governance'))}"
    )
    assert all(r.own == "—" and not r.low for r in c.table[1:])  # no score: nothing to qualify
    assert c.areas[0].low


def test_unknown_and_unanswered_are_listed_apart() -> None:
    q1, q2, q3 = Q.questions[:3]
    c = ctx({q1.id: Answer(unknown=True), q2.id: Answer(level=1)})
    assert c.unknown_count == 1 and c.unanswered_count == len(Q.questions) - 2
    assert c.unknown[0].questions == [f"1-1　{q1.text}"]
    assert f"1-3　{q3.text}" in c.unanswered[0].questions
    view = c.areas[0].questions
    assert (view[0].state, view[0].own) == ("unknown", "わからない")
    assert (view[1].state, view[1].own) == ("answered", "1 検討中")
    assert (view[2].state, view[2].own) == ("unanswered", "未回答")


def test_questions_show_each_city_and_quote_the_one_furthest_ahead() -> None:
    c = ctx()
    bench = benchmark_scores(Q, CITIES)
    for area in c.areas:
        for qv in area.questions:
            assert [x.name for x in qv.cities] == [x.name for x in CITIES]
            assert len(qv.why) <= 1
            for w in qv.why:
                assert w.quote and w.locator and w.kind in ("現状", "計画")
            levels = [s for x in CITIES if isinstance(s := bench.current[x.id].states[qv.id], int)]
            if qv.why and qv.why[0].kind == "現状":
                assert qv.why[0].level == max(levels)


def test_every_body_proposal_is_in_the_roadmap_once_in_a_fiscal_year() -> None:
    c = ctx()
    ranks = [m.rank for g in c.roadmap for m in g.items]
    assert sorted(ranks) == list(range(1, len(c.body) + 1))
    assert len(c.body) <= 15 and [m.rank for m in c.more] == list(
        range(len(c.body) + 1, c.suggestion_count + 1)
    )
    assert all(re.fullmatch(r"令和\d+年度に着手", g.label) for g in c.roadmap)
    for g in c.roadmap:
        assert [m.rank for m in g.items] == sorted(m.rank for m in g.items)
        for m in g.items:
            assert m.kpi and m.department and re.fullmatch(r"令和\d+年度〜", m.start)
            assert m.basis_label in ("実施例あり", "計画のみ", "国の要請")
    assert [m.rank for m in c.priorities] == list(range(1, len(c.priorities) + 1))
    assert 3 <= len(c.priorities) <= 5
    shown = [m for a in c.areas for m in a.measures]
    assert len({m.anchor for m in shown}) == len(shown)  # shown in full once
    assert all(m.detailed for m in shown)


def test_target_label_and_city_target() -> None:
    c = ctx(target=Target(TargetKind.CITY, city="katagami"))
    assert c.target_label == "潟上市の水準"


def test_sources_count_citations_per_plan() -> None:
    c = ctx()
    assert [s.city for s in c.sources] == [x.name for x in CITIES]
    assert all(s.citations > 0 for s in c.sources)
    assert c.sources[0].as_of == "2024年3月1日"
    assert c.sources[0].coverage.endswith("%）")


def test_charts_are_well_formed_svg() -> None:
    c = ctx()
    for svg in (c.dots, c.gantt):
        root = ET.fromstring(str(svg))
        assert root.tag.endswith("svg")
        assert root.get("font-family") == "BIZ UDPGothic"
    dots = ET.fromstring(str(c.dots))
    labels = "".join(t.text or "" for t in dots.iter() if t.tag.endswith("text"))
    for x in CITIES:
        assert x.name in labels
    gantt = ET.fromstring(str(c.gantt))
    labels = "".join(t.text or "" for t in gantt.iter() if t.tag.endswith("text"))
    for m in c.body:  # one row per body proposal, numbered as in the roadmap
        assert f"{m.rank} " in labels
    assert "実施例あり" in labels and "計画のみ" in labels


def test_formatting_helpers() -> None:
    assert japanese_date(dt.date(2019, 5, 1)) == "2019年（令和元年）5月1日"
    assert japanese_date(dt.date(2026, 11, 21)) == "2026年（令和8年）11月21日"
    assert japanese_date(None) == "—"
    assert kpi_text(Kpi(name="会議数")) == "会議数（計画に数値目標の記載なし）"
    assert (
        kpi_text(
            Kpi(name="割合", unit="%", baseline=0, baseline_when="R5", target=20, target_when="R8")
        )
        == "割合 0%（R5） → 20%（R8）"
    )
    numbers = question_numbers(Q)
    assert numbers[Q.questions[0].id] == "1-1" and re.fullmatch(
        r"14-\d+", numbers[Q.questions[-1].id]
    )


def test_nothing_answered_still_makes_a_report() -> None:
    c = ctx({})
    assert (
        c.overall == "—" and c.summary[0] == "美郷町の回答はまだなく、総合スコアを計算できません。"
    )
    assert c.suggestion_count == 0 and c.key_gaps == [] and c.body == []
    assert c.unanswered_count == len(Q.questions)
    assert all(r.own == "—" for r in c.table)


def test_displayed_differences_are_the_displayed_values_difference() -> None:
    c = ctx()
    rows = [(r.own, r.target, r.gap) for r in c.table] + [
        (a.score, a.target, a.gap) for a in c.areas
    ]
    for own, target, gap in rows:
        if "—" in (own, target):
            assert gap == "—"
        else:
            assert gap == f"{max(0.0, float(target) - float(own)):.1f}", (own, target, gap)


def test_signs_are_plus_and_minus_never_the_triangle() -> None:
    from dxcheck.report.wording import shown_gap, signed

    assert (signed(0.44), signed(-0.2), signed(0.04), signed(None)) == ("＋0.4", "−0.2", "±0.0", "")
    assert shown_gap(0.5, 1.74) == "1.2" and shown_gap(2.0, 1.0) == "0.0"
    assert shown_gap(None, 1.0) == "—"


def test_word_version_keeps_user_text_as_text_and_drops_control_characters() -> None:
    import io

    from docx import Document

    from dxcheck.report.report_docx import report_docx

    answers = dict(synthetic.answers(Q).answers)
    answers[Q.questions[0].id] = Answer(level=1, note="<b>太字</b>{{ 7*7 }}\x01\x1b[31m終わり")
    d = Document(io.BytesIO(report_docx(ctx(answers))))
    text = "\n".join(p.text for p in d.paragraphs)
    assert "メモ: <b>太字</b>{{ 7*7 }}[31m終わり" in text


def test_an_area_shows_a_gap_exactly_when_one_of_its_questions_is_below_target() -> None:
    c = ctx()
    for a in c.areas:
        below = [q for q in a.questions if q.gap > 0]
        if a.gap not in ("—", "0.0"):
            assert below, a.name
        if a.gap == "0.0":
            assert not below, a.name
