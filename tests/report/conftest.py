"""One full report per test session (per xdist worker), rendered through the command line.

The answer file is the shipped questionnaire fully answered (varied levels, a few わからない,
notes), with hostile text in the places a user can type: markup, template syntax, a
file:// image and a 5,000-character note. Every fetch WeasyPrint asks for is recorded.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from dxcheck.answers import to_toml
from dxcheck.load import load_benchmarks, load_questionnaire
from dxcheck.model import Answer, Assessment, BenchmarkCity, Questionnaire
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


@pytest.fixture(autouse=True)
def _unfreeze_heap() -> Iterator[None]:
    """`dxcheck report` freezes the heap before the process exits; tests call it in-process."""
    yield
    gc.unfreeze()


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
    gc.unfreeze()
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
