"""One full report per test session (per xdist worker), rendered through the command line.

The answer file is the shipped questionnaire fully answered (varied levels, a few わからない,
notes), with hostile text in the places a user can type: markup, template syntax, a
file:// image and a 5,000-character note. Every fetch WeasyPrint asks for is recorded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from dxcheck.core.answers import to_toml
from dxcheck.core.model import Answer, Assessment, BenchmarkCity, Questionnaire
from dxcheck.io.load import load_benchmarks, load_questionnaire
from tests.report import synthetic

EVIL_IMG = '<img src="file:///etc/passwd">'
EVIL_SCRIPT = "<script>alert('x')</script>"
EVIL_TEMPLATE = "{{ 7*7 }}{% raw %}"
LONG_NOTE = "長文メモ開始" + "庁内の調整状況を記録する。" * 384 + "長文メモ終了"
assert len(LONG_NOTE) > 5000


@dataclass(frozen=True)
class Rendered:
    questionnaire: Questionnaire
    cities: tuple[BenchmarkCity, ...]
    assessment: Assessment
    answers: Path
    pdf: Path
    html: Path
    exit_code: int
    fetched: list[str]
    pdf_text: str
    html_text: str

    @property
    def flat_text(self) -> str:
        """The PDF's text without any whitespace (Japanese extraction breaks lines freely)."""
        return re.sub(r"\s+", "", self.pdf_text)


def hostile_assessment(q: Questionnaire) -> Assessment:
    a = synthetic.answers(q)
    first, second, third, fourth = (x.id for x in q.questions[:4])
    a.answers[first] = Answer(level=2, note=f"画像 {EVIL_IMG} を貼った")
    a.answers[second] = Answer(level=1, note=f"スクリプト {EVIL_SCRIPT} 終わり")
    a.answers[third] = Answer(level=3, note=f"テンプレート {EVIL_TEMPLATE} 終わり")
    a.answers[fourth] = Answer(level=2, note=LONG_NOTE)
    a.meta.respondent = "山田 <b>太郎</b>"
    a.meta.department = "総務課 {{ config }}"
    return a


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rendered]:
    from dxcheck.__main__ import main
    from dxcheck.report import render

    q = load_questionnaire()
    cities = load_benchmarks()
    a = hostile_assessment(q)
    folder = tmp_path_factory.mktemp("report")
    answers = folder / "answers.toml"
    answers.write_text(to_toml(a, q), encoding="utf-8")
    fetched: list[str] = []
    real_fetch = render.fetch_asset

    def spy(url: str, memory: dict[str, bytes] | None = None) -> tuple[bytes, str]:
        fetched.append(url)
        return real_fetch(url, memory)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(render, "fetch_asset", spy)
        code = main(
            ["report", str(answers), "-o", str(folder / "r.pdf"), "--html", str(folder / "r.html")]
        )
    pdf = folder / "r.pdf"
    html = folder / "r.html"
    yield Rendered(
        q,
        cities,
        a,
        answers,
        pdf,
        html,
        code,
        fetched,
        pdf_text(pdf) if pdf.exists() else "",
        html.read_text(encoding="utf-8") if html.exists() else "",
    )


# ---------------------------------------------------------------- workshop file with a baseline


@dataclass(frozen=True)
class Scenario:
    """Question ids chosen for what they show (all from the shipped questionnaire)."""

    up: str  # baseline 1 → 3
    down: str  # baseline 4 → 1
    newly: str  # baseline わからない → 2
    back: str  # baseline 2 → unanswered
    value: str  # quantitative: 30 → 90 (unit from the questionnaire)
    split_settled: str  # respondents 1 / 4 / 2, settled at 2 with a reason
    split_open: str  # respondents 0 / 3 / わからない, left undecided


AGREED_REASON = "窓口は紙中心だが庁内の電子化は進んでいるため、全員で2と判断した"
SATO_NOTE = "紙の申請書がまだ多い"


def scenario(q: Questionnaire) -> Scenario:
    qual = [x.id for x in q.questions if x.quantity is None]
    # a figure that needs no denominator and whose level moves from 30 to 90
    qty = next(
        x.id
        for x in q.questions
        if x.quantity is not None
        and x.quantity.needs is None
        and (x.quantity.max is None or x.quantity.max >= 90)
        and x.quantity.level_for(30) != x.quantity.level_for(90)
    )
    return Scenario(qual[0], qual[1], qual[2], qual[3], qty, qual[4], qual[5])


def workshop_files(q: Questionnaire, folder: Path) -> tuple[Path, Path]:
    """(merged workshop answer file, its baseline): same municipality, a year apart."""
    import datetime as dt

    from dxcheck.core.merge import Respondent, merge, settle

    s = scenario(q)
    base = synthetic.answers(q, seed=3)
    for qid in (s.up, s.down, s.newly, s.back, s.value, s.split_settled, s.split_open):
        base.answers.pop(qid, None)
    # figures on a staff / population / denominator scale are left out: dxcheck.core.merge
    # (fd71d22) derives respondents' levels without the municipality's staff, so they merge
    # as わからない — a merge matter, not this chapter's
    for question in q.questions:
        if question.quantity is not None and question.quantity.needs is not None:
            base.answers.pop(question.id, None)
    people = []
    for name, dept, split_a, split_b in (
        ("佐藤", "総務課", 1, Answer(level=0, note=SATO_NOTE)),
        ("鈴木", "情報政策課", 4, Answer(level=3)),
        ("高橋", "市民課", 2, Answer(unknown=True)),
    ):
        a = base.model_copy(deep=True)
        a.meta.respondent, a.meta.department = name, dept
        a.answers[s.up] = Answer(level=3)
        a.answers[s.down] = Answer(level=1)
        a.answers[s.newly] = Answer(level=2)
        a.answers[s.value] = Answer(value=90)
        a.answers[s.split_settled] = Answer(level=split_a)
        a.answers[s.split_open] = split_b
        people.append(Respondent(name, dept, a))
    merged = merge(q, people).assessment
    merged.answers[s.split_settled] = settle(merged.answers[s.split_settled], 2, AGREED_REASON)
    merged.meta.assessed_on = dt.date(2026, 11, 21)
    old = base.model_copy(deep=True)
    old.meta.assessed_on = dt.date(2025, 11, 1)
    old.answers[s.up] = Answer(level=1)
    old.answers[s.down] = Answer(level=4)
    old.answers[s.newly] = Answer(unknown=True)
    old.answers[s.back] = Answer(level=2)
    old.answers[s.value] = Answer(value=30)
    old.answers[s.split_settled] = Answer(level=2)  # as agreed now: not a change
    old.answers[s.split_open] = Answer(level=0)  # the proposal (median of 0 and 3) now
    merged_path, old_path = folder / "workshop.toml", folder / "previous.toml"
    merged_path.write_text(to_toml(merged, q), encoding="utf-8")
    old_path.write_text(to_toml(old, q), encoding="utf-8")
    return merged_path, old_path


@dataclass(frozen=True)
class RenderedWorkshop:
    questionnaire: Questionnaire
    scenario: Scenario
    merged: Path
    baseline: Path
    pdf: Path
    exit_code: int
    pages: list[str]

    @property
    def flat_text(self) -> str:
        return re.sub(r"\s+", "", "".join(self.pages))


@pytest.fixture(scope="session")
def rendered_workshop(tmp_path_factory: pytest.TempPathFactory) -> RenderedWorkshop:
    """A merged workshop file reported with `--baseline`: both new chapters in one PDF."""
    from pypdf import PdfReader

    from dxcheck.__main__ import main

    q = load_questionnaire()
    folder = tmp_path_factory.mktemp("workshop")
    merged, old = workshop_files(q, folder)
    pdf = folder / "w.pdf"
    code = main(["report", str(merged), "--baseline", str(old), "-o", str(pdf)])
    pages = [p.extract_text() or "" for p in PdfReader(pdf).pages] if pdf.exists() else []
    return RenderedWorkshop(q, scenario(q), merged, old, pdf, code, pages)
