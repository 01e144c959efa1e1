"""The report's before/after chapter (`--baseline`) and a merged workshop file as it is."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from dxcheck.__main__ import main
from dxcheck.core.answers import to_toml
from dxcheck.core.model import LEVEL_NAMES, Answer, Assessment
from dxcheck.core.progress import question_numbers
from dxcheck.core.scoring import Target
from dxcheck.io.load import load_benchmarks, load_questionnaire, read_assessment
from dxcheck.report.context import build_context
from dxcheck.report.viewmodel import ReportContext
from tests.report import synthetic
from tests.report.conftest import (
    AGREED_REASON,
    SATO_NOTE,
    RenderedWorkshop,
    scenario,
    workshop_files,
)

Q = synthetic.questionnaire()
CITIES = synthetic.cities(Q)


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def between(text: str, start: str, end: str) -> str:
    """The text from `start` to the next `end` after it (headings also appear in the TOC)."""
    head = text.index(start)
    return text[head : text.index(end, head)]


def ctx(assessment: Assessment | None = None, baseline: Assessment | None = None) -> ReportContext:
    return build_context(
        assessment or synthetic.answers(Q),
        Q,
        CITIES,
        Target(),
        font_family="BIZ UDPGothic",
        today=dt.date(2026, 11, 21),
        baseline=baseline,
    )


# ---------------------------------------------------------------- view model (no PDF)


def test_no_baseline_and_no_workshop_means_no_extra_chapters() -> None:
    c = ctx()
    assert c.changes is None and c.workshop is None
    assert all(not q.respondents and q.own_label == "回答" for a in c.areas for q in a.questions)


def test_changes_view_lists_moves_with_level_words_and_values() -> None:
    new = synthetic.answers(Q)
    old = synthetic.answers(Q)
    old.meta.assessed_on = dt.date(2025, 11, 1)
    q1, q2 = Q.questions[1].id, Q.questions[2].id
    qty = next(x for x in Q.questions if x.quantity is not None)
    old.answers[q1], new.answers[q1] = Answer(level=1), Answer(level=4)
    old.answers[q2], new.answers[q2] = Answer(level=3), Answer(unknown=True)
    old.answers[qty.id], new.answers[qty.id] = Answer(value=30), Answer(value=200)
    c = ctx(assessment=new, baseline=old)
    ch = c.changes
    assert ch is not None and ch.chapter == 5
    numbers = question_numbers(Q)
    up = {r.number: r for r in ch.raised}
    assert up[numbers[q1]].before == f"1 {LEVEL_NAMES[1]}"
    assert up[numbers[q1]].after == f"4 {LEVEL_NAMES[4]}"
    [gone] = ch.no_longer_answered
    assert (gone.number, gone.before, gone.after) == (
        numbers[q2],
        f"3 {LEVEL_NAMES[3]}",
        "わからない",
    )
    [v] = ch.values
    assert (v.before, v.after, v.change) == ("30 手続", "200 手続", "+170 手続")
    assert [a.name for a in ch.areas] == [a.name for a in Q.areas]
    assert ch.overall.name == "総合" and ch.overall.change[0] in "＋−±"
    assert any("前回の回答（2025年11月1日）" in s for s in ch.summary)
    assert any("5章「前回からの変化」" in s for s in c.summary)
    assert ch.order_warning == ""


def test_baseline_newer_than_the_file_is_pointed_out() -> None:
    old = synthetic.answers(Q)
    old.meta.assessed_on = dt.date(2027, 1, 1)
    ch = ctx(baseline=old).changes
    assert ch is not None and "逆でないか" in ch.order_warning
    assert any("回答の内容に違いはありません" in s for s in ch.summary)


def test_workshop_chapter_follows_changes_and_lists_disagreements(tmp_path: Path) -> None:
    q = load_questionnaire()
    merged_path, old_path = workshop_files(q, tmp_path)
    merged = read_assessment(merged_path).assessment
    old = read_assessment(old_path).assessment
    s = scenario(q)
    c = build_context(
        merged, q, load_benchmarks(), Target(), font_family="BIZ UDPGothic", baseline=old
    )
    assert c.changes is not None and c.workshop is not None
    assert (c.changes.chapter, c.workshop.chapter) == (5, 6)
    w = c.workshop
    assert w.respondents == ["佐藤", "鈴木", "高橋"]
    numbers = question_numbers(q)
    rows = {d.number: d for d in w.disagreements}
    assert set(rows) == {numbers[s.split_settled], numbers[s.split_open]}
    settled = rows[numbers[s.split_settled]]
    assert settled.settled and settled.reason == AGREED_REASON
    assert settled.agreed == f"2 {LEVEL_NAMES[2]}"
    assert settled.respondents == ["佐藤（総務課） 1", "鈴木（情報政策課） 4", "高橋（市民課） 2"]
    assert (
        rows[numbers[s.split_open]].reason == "未決定" and not rows[numbers[s.split_open]].settled
    )
    assert (w.settled, w.undecided) == (1, 1)
    views = {qv.id: qv for a in c.areas for qv in a.questions}
    open_q = views[s.split_open]
    assert open_q.disagreement and open_q.own_label == "合意案" and open_q.agreed_reason == ""
    assert [(r.name, r.level, r.note) for r in open_q.respondents] == [
        ("佐藤", f"0 {LEVEL_NAMES[0]}", SATO_NOTE),
        ("鈴木", f"3 {LEVEL_NAMES[3]}", ""),
        ("高橋", "わからない", ""),
    ]
    assert views[s.split_settled].own_label == "合意"
    assert views[s.up].respondents and not views[s.up].disagreement
    assert views[s.up].own_label == "回答"


# ---------------------------------------------------------------- the PDF


@pytest.mark.slow
def test_report_with_baseline_and_workshop_is_written(rendered_workshop: RenderedWorkshop) -> None:
    assert rendered_workshop.exit_code == 0
    assert rendered_workshop.pdf.read_bytes().startswith(b"%PDF-")
    toc = flat(rendered_workshop.pages[1])
    assert "5前回からの変化" in toc and "6ワークショップで意見が分かれた質問" in toc


@pytest.mark.slow
def test_changes_page_shows_areas_questions_and_values(
    rendered_workshop: RenderedWorkshop,
) -> None:
    r = rendered_workshop
    text = r.flat_text
    chapter = between(text, "5前回からの変化前回:", "6ワークショップで意見が分かれた質問この")
    q, s = r.questionnaire, r.scenario
    numbers = question_numbers(q)
    for heading in (
        "スコアの変化",
        "レベルが上がった質問（2問）",  # the value moved its question's level too
        "レベルが下がった質問（1問）",
        "新たに回答した質問（前回は「わからない」または未回答）（1問）",
        "回答がなくなった質問（今回は「わからない」または未回答）（1問）",
        "数値（KPI）の変化（1問）",
        "＋は上昇、−は低下",
    ):
        assert heading in chapter, heading
    for area in q.areas:
        assert flat(area.name) in chapter, area.name
    for qid in (s.up, s.down, s.newly, s.back):
        assert numbers[qid] + flat(q.question(qid).text)[:20] in chapter, qid
    assert f"1{LEVEL_NAMES[1]}3{LEVEL_NAMES[3]}" in chapter  # up: 1 → 3, both words
    assert f"4{LEVEL_NAMES[4]}1{LEVEL_NAMES[1]}" in chapter  # down: 4 → 1
    assert f"わからない2{flat(LEVEL_NAMES[2])}" in chapter
    assert f"2{flat(LEVEL_NAMES[2])}未回答" in chapter
    quantity = q.question(s.value).quantity
    assert quantity is not None
    unit = quantity.unit
    assert f"30{unit}90{unit}+60{unit}" in chapter
    assert flat(quantity.label) in chapter


@pytest.mark.slow
def test_workshop_answers_are_printed_under_their_questions(
    rendered_workshop: RenderedWorkshop,
) -> None:
    r = rendered_workshop
    text = r.flat_text
    areas = between(text, "3分野別の現状と提案分野ごとに", "4ロードマップ本文の提案を")
    for name, dept in (("佐藤", "総務課"), ("鈴木", "情報政策課"), ("高橋", "市民課")):
        assert f"{name}（{dept}）" in areas
    assert areas.count("意見が分かれた質問") >= 2
    assert f"合意の理由:{flat(AGREED_REASON)}" in areas
    assert f"メモ:{SATO_NOTE}" in areas
    assert "合意の理由:未決定" in areas


@pytest.mark.slow
def test_disagreement_chapter_says_how_each_was_settled(
    rendered_workshop: RenderedWorkshop,
) -> None:
    r = rendered_workshop
    text = r.flat_text
    chapter = between(text, "6ワークショップで意見が分かれた質問この", "付録A評価の方法")
    assert "3人（佐藤、鈴木、高橋）" in chapter
    assert "意見が分かれた質問:2問（合意の理由あり1問・未決定1問）" in chapter
    assert flat(AGREED_REASON) in chapter and "未決定" in chapter
    numbers = question_numbers(r.questionnaire)
    for qid in (r.scenario.split_settled, r.scenario.split_open):
        assert numbers[qid] in chapter


# ---------------------------------------------------------------- the command


def _answer_file(folder: Path, file_name: str = "a.toml", **municipality: str) -> Path:
    q = load_questionnaire()
    a = synthetic.answers(q)
    for key, value in municipality.items():
        setattr(a.municipality, key, value)
    path = folder / file_name
    path.write_text(to_toml(a, q), encoding="utf-8")
    return path


def test_invalid_baseline_gives_located_errors_exit_1_and_no_pdf(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = _answer_file(tmp_path)
    bad = tmp_path / "old.toml"
    bad.write_text(
        new.read_text(encoding="utf-8").replace("level = ", "level = 9 #", 1), encoding="utf-8"
    )
    out = tmp_path / "r.pdf"
    assert main(["report", str(new), "--baseline", str(bad), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert re.search(rf"{re.escape(str(bad))}:\d+: answers\.\"[^\"]+\"\.level: 5 以下", err)
    assert "前回の回答ファイル" in err and "作りませんでした" in err
    assert not out.exists()
    assert (
        main(["report", str(new), "--baseline", str(tmp_path / "nope.toml"), "-o", str(out)]) == 1
    )
    assert "見つかりません" in capsys.readouterr().err and not out.exists()


def test_baseline_of_another_municipality_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = _answer_file(tmp_path)
    other = _answer_file(tmp_path, "other.toml", name="嬉野市", code="412091", prefecture="佐賀県")
    out = tmp_path / "r.pdf"
    assert main(["report", str(new), "--baseline", str(other), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "別の団体" in err and "佐賀県嬉野市" in err and "秋田県美郷町" in err
    assert not out.exists()


def test_output_may_not_overwrite_the_baseline(tmp_path: Path) -> None:
    new = _answer_file(tmp_path)
    old = _answer_file(tmp_path, "old.toml")
    before = old.read_bytes()
    assert main(["report", str(new), "--baseline", str(old), "-o", str(old)]) == 2
    assert old.read_bytes() == before


def test_baseline_reaches_write_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dxcheck.report import render

    seen: list[str] = []

    def fake_pdf(html: str, **kwargs: object) -> bytes:
        seen.append(html)
        return b"%PDF-1.7 test"

    monkeypatch.setattr(render, "html_to_pdf", fake_pdf)
    new = _answer_file(tmp_path)
    old = _answer_file(tmp_path, "old.toml")
    assert main(["report", str(new), "--baseline", str(old), "-o", str(tmp_path / "r.pdf")]) == 0
    assert 'id="changes"' in seen[0] and "前回からの変化" in seen[0]
