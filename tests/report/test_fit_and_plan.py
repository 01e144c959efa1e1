"""Issue 11 end to end: proposals that fit the town, a fiscal-year plan, Word and JSON
versions, and the draft DX推進計画 — for the sample town, an advanced city and a town whose
officer marked measures as 実施済 / 対象外, checked on `report --json`, on the PDF's text, on the
Word file (python-docx) and on `plan`'s Word and Excel files."""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from dxcheck.core.answers import new_assessment, to_toml
from dxcheck.core.model import Answer, Assessment, Questionnaire
from dxcheck.core.suggest import own_raises
from dxcheck.io.load import load_benchmarks, load_questionnaire
from tests.report.conftest import pdf_text
from tests.report.synthetic import POPULATION, STAFF, raw_answer

pytestmark = pytest.mark.slow
Q = load_questionnaire()
CITIES = load_benchmarks()
MEASURES = {m.id: m for m in Q.measures}
MARK_NOTE = "令和5年度に設置済み（推進本部設置要綱あり）"


def sample(seed: int = 1) -> Assessment:
    """A small town's plausible answers: varied levels, a few わからない, notes."""
    rnd = random.Random(seed)
    a = new_assessment(Q)
    a.municipality.name, a.municipality.prefecture = "美郷町", "秋田県"
    a.municipality.code, a.municipality.population = "054348", POPULATION
    a.municipality.staff = STAFF
    a.meta.assessed_on = dt.date(2026, 11, 29)
    for q in Q.questions:
        if rnd.random() < 0.05:
            a.answers[q.id] = Answer(unknown=True)
        elif q.quantity is not None:
            a.answers[q.id] = raw_answer(q.quantity, rnd.choice(q.quantity.thresholds[:3]), "")
        else:
            a.answers[q.id] = Answer(level=rnd.choice((0, 1, 2, 2, 3, 3, 4)))
    return a


def advanced() -> Assessment:
    """A city at or above every benchmark city and the national level on every question."""
    from dxcheck.core.scoring import benchmark_scores

    bench = benchmark_scores(Q, CITIES)
    a = sample()
    for q in Q.questions:
        known = [s for c in bench.current.values() if isinstance(s := c.states.get(q.id), int)]
        national = q.national.level if q.national is not None else 0
        level = min(5, max([4, national, *known]))
        if q.quantity is not None:
            a.answers[q.id] = raw_answer(q.quantity, q.quantity.thresholds[level - 1], "")
        else:
            a.answers[q.id] = Answer(level=level)
    return a


@dataclass(frozen=True)
class Run:
    answers: Path
    assessment: Assessment
    doc: dict[str, Any]
    text: str  # the PDF's text without whitespace
    docx: Path
    marks: dict[str, str]


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _report(folder: Path, a: Assessment, marks_toml: str = "") -> Run:
    from dxcheck.__main__ import main

    path = folder / "answers.toml"
    path.write_text(to_toml(a, Q) + marks_toml, encoding="utf-8")
    pdf, js, docx = folder / "r.pdf", folder / "r.json", folder / "r.docx"
    code = main(["report", str(path), "-o", str(pdf), "--json", str(js), "--docx", str(docx)])
    assert code == 0
    marks = dict(re.findall(r'\[measures\."([^"]+)"\]\nstatus = "(\w+)"', marks_toml))
    return Run(path, a, json.loads(js.read_text("utf-8")), _flat(pdf_text(pdf)), docx, marks)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    out = {
        "sample": _report(tmp_path_factory.mktemp("sample"), sample()),
        "advanced": _report(tmp_path_factory.mktemp("advanced"), advanced()),
    }
    # the officer marks the sample town's first two proposals and moves the third
    first = out["sample"].doc["proposals"]
    marks = (
        f'\n[measures."{first[0]["id"]}"]\nstatus = "done"\nnote = "{MARK_NOTE}"\n'
        f'\n[measures."{first[1]["id"]}"]\nstatus = "not_applicable"\n'
        f'\n[measures."{first[2]["id"]}"]\nstart = "令和11年度"\ndepartment = "こども家庭課"\n'
    )
    marked = sample()
    marked.answers[MEASURES[first[0]["id"]].raises[0].question].note = MARK_NOTE
    out["marked"] = _report(tmp_path_factory.mktemp("marked"), marked, marks)
    out["marked_moved"] = out["sample"]  # kept for the id of the moved proposal
    return out


@pytest.mark.parametrize("name", ["sample", "advanced", "marked"])
def test_every_proposal_fits_the_town(runs: dict[str, Run], name: str) -> None:
    r = runs[name]
    doc = r.doc
    assert doc["proposals"], "never an empty roadmap"
    assert len(doc["proposals"]) <= 15
    states = {qid: ans.level for qid, ans in r.assessment.answers.items()}
    for p in doc["proposals"] + doc["more"]:
        assert set(p) >= {
            "id",
            "title",
            "question",
            "from",
            "to",
            "status",
            "start",
            "department",
            "cost",
            "kpi",
        }
        assert p["status"] in ("proven", "planned")
        assert p["basis"] in ("proven", "planned", "national")
        assert (p["status"] == "proven") == (p["basis"] == "proven")
        assert re.fullmatch(r"令和\d+年度", p["start"]), p["start"]
        assert p["department"] and p["kpi"]["baseline"] and p["kpi"]["target"]
        assert p["from"] is None or p["from"] < p["to"]
        # never a measure whose own level the answers reach, never one marked done / n/a
        assert p["id"] not in r.marks
        measure = MEASURES[p["id"]]
        for qid, to_level in own_raises(measure):
            level = states.get(qid)
            answer = r.assessment.answers.get(qid)
            if answer is not None and answer.value is not None and Q.question(qid).quantity:
                level = Q.question(qid).quantity.level_for(  # type: ignore[union-attr]
                    answer.value, answer.denominator, STAFF, POPULATION
                )
            assert level is None or level < to_level, (p["id"], qid, level, to_level)
    numbers = [p["number"] for p in doc["proposals"] + doc["more"]]
    assert numbers == list(range(1, len(numbers) + 1))


@pytest.mark.parametrize("name", ["sample", "advanced", "marked"])
def test_the_pdf_says_the_same_plan(runs: dict[str, Run], name: str) -> None:
    r = runs[name]
    text = r.text
    roadmap = text[text.index("4ロードマップ本文の提案を") : text.index("成熟度のレベル各質問に")]
    for p in r.doc["proposals"]:
        assert _flat(f"提案{p['number']}{p['title']}") in roadmap, p["title"]
        assert f"{p['start']}に着手" in roadmap
    labels = {"proven": "実施例あり", "planned": "計画のみ", "national": "国の要請"}
    for p in r.doc["proposals"]:
        assert labels[p["basis"]] in roadmap
    assert "先行市が実際に行っている" not in text
    assert "優先して取り組むこと" in text and "比較の確かさ" in text
    assert "▲" not in text


def test_an_advanced_city_gets_next_steps_not_generic_proposals(runs: dict[str, Run]) -> None:
    r = runs["advanced"]
    assert all(p["beyond"] for p in r.doc["proposals"])
    assert "目標に届いていない分野はありません" not in r.text
    assert "先行市の水準を超える次の段階の取組" in r.text


def test_marks_are_honoured_and_listed(runs: dict[str, Run]) -> None:
    r, before = runs["marked"], runs["sample"].doc["proposals"]
    ids = {p["id"] for p in r.doc["proposals"] + r.doc["more"]}
    assert before[0]["id"] not in ids and before[1]["id"] not in ids
    assert {(x["id"], x["reason"]) for x in r.doc["skipped"]} == {
        (before[0]["id"], "done"),
        (before[1]["id"], "not_applicable"),
    }
    appendix = r.text[r.text.index("付録E実施済・対象外として除いた取組回答") :]
    assert _flat(before[0]["title"]) in appendix and _flat(MARK_NOTE) in appendix
    assert _flat(before[1]["title"]) in appendix
    moved = next(p for p in r.doc["proposals"] + r.doc["more"] if p["id"] == before[2]["id"])
    assert (moved["start"], moved["department"]) == ("令和11年度", "こども家庭課")
    assert moved["start_from_answer_file"] and moved["department_source"] == "mark"


@pytest.mark.parametrize("name", ["sample", "marked"])
def test_word_report_has_heading_styles_tables_and_the_proposals(
    runs: dict[str, Run], name: str
) -> None:
    from docx import Document

    r = runs[name]
    d = Document(str(r.docx))
    headings = [(style_of(p), p.text) for p in d.paragraphs if style_of(p).startswith("Heading")]
    h1 = [t for s, t in headings if s == "Heading 1"]
    assert h1[:4] == ["1 要約", "2 全体の比較", "3 分野別の現状と提案", "4 ロードマップ"]
    assert any(s == "Heading 2" and t.startswith("3-1 ") for s, t in headings)
    assert len(d.tables) >= 4
    roadmap = next(t for t in d.tables if t.rows[0].cells[0].text == "番号")
    rows = [[c.text for c in row.cells] for row in roadmap.rows[1:]]
    assert [(row[0], row[1]) for row in rows] == [
        (str(p["number"]), p["title"]) for p in r.doc["proposals"]
    ]
    assert d.core_properties.title.endswith("現状分析・改善提案報告書")


def test_plan_drafts_a_dx_plan_in_word_and_excel(runs: dict[str, Run], tmp_path: Path) -> None:
    from docx import Document

    from dxcheck.__main__ import main

    r = runs["sample"]
    out, xlsx = tmp_path / "plan.docx", tmp_path / "plan.xlsx"
    assert main(["plan", str(r.answers), "-o", str(out), "--xlsx", str(xlsx)]) == 0
    d = Document(str(out))
    h1 = [p.text for p in d.paragraphs if style_of(p) == "Heading 1"]
    assert h1 == [
        "第1章 計画の概要",
        "第2章 現状と課題",
        "第3章 推進体制",
        "第4章 個別の取組",
        "第5章 進捗管理",
    ]
    h2 = [p.text for p in d.paragraphs if style_of(p) == "Heading 2"]
    for p in r.doc["proposals"]:
        assert f"取組{p['number']}　{p['title']}" in h2
    measure_tables = [t for t in d.tables if t.rows[0].cells[0].text == "取組名"]
    assert len(measure_tables) == len(r.doc["proposals"])
    labels = [row.cells[0].text for row in measure_tables[0].rows]
    for label in (
        "取組名",
        "区分",
        "現状と課題",
        "取組の概要",
        "スケジュール",
        "評価指標（KPI）",
        "担当課",
    ):
        assert label in labels
    years = [c.text for c in measure_tables[0].rows[labels.index("スケジュール")].cells[1:]]
    assert all(re.fullmatch(r"令和\d+年度", y) for y in years), years
    body = "\n".join(p.text for p in d.paragraphs)
    assert "計画期間" in body and "PDCA" in body
    with zipfile.ZipFile(xlsx) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        strings = z.read("xl/sharedStrings.xml").decode()
    assert "<f>" not in sheet  # every cell is text, never a formula
    assert all(p["title"] in strings for p in r.doc["proposals"])


def test_plan_refuses_to_overwrite_the_answer_file(runs: dict[str, Run]) -> None:
    from dxcheck.__main__ import main

    r = runs["sample"]
    before = r.answers.read_bytes()
    assert main(["plan", str(r.answers), "-o", str(r.answers)]) == 2
    assert r.answers.read_bytes() == before


def test_questionnaire_is_the_shipped_one() -> None:
    assert isinstance(Q, Questionnaire) and Q.measures


def test_a_missing_output_folder_writes_nothing(runs: dict[str, Run], tmp_path: Path) -> None:
    from dxcheck.__main__ import main

    r = runs["sample"]
    pdf, docx = tmp_path / "r.pdf", tmp_path / "missing" / "r.docx"
    assert main(["report", str(r.answers), "-o", str(pdf), "--docx", str(docx)]) == 1
    assert not pdf.exists() and not docx.exists()
    plan, xlsx = tmp_path / "p.docx", tmp_path / "missing" / "p.xlsx"
    assert main(["plan", str(r.answers), "-o", str(plan), "--xlsx", str(xlsx)]) == 1
    assert not plan.exists()


def style_of(paragraph: Any) -> str:
    """A Word paragraph's style name ("" when it has none)."""
    style = paragraph.style
    return str(style.name) if style is not None and style.name else ""
