"""One question numbering (`dxcheck.core.progress.locations`): the wizard's 回答一覧 and
workshop view, the PDF report and the Word report show the same 「2-3」 for the same question."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

from textual.widgets import OptionList

from dxcheck.core.answer_list import answer_rows
from dxcheck.core.answers import new_assessment
from dxcheck.core.progress import area_numbers, locate, locations, question_numbers
from dxcheck.core.scoring import Target
from dxcheck.io.sessions import Position
from dxcheck.tui.screens.question import QuestionScreen
from dxcheck.tui.screens.review import ReviewScreen
from dxcheck.tui.screens.start import StartScreen

from .helpers import saved_session, small_app, small_cities, small_questionnaire, until

QUESTION = "frontyard.cashless"  # the third question of the second area: 「2-3」
ANSWERS: dict[str, dict[str, object]] = {
    "governance.dx-plan": {"level": 2},
    "frontyard.cashless": {"level": 1, "note": "窓口の一部で対応"},
}


def test_numbers_follow_the_areas_and_the_order_within_each() -> None:
    q = small_questionnaire()
    numbers = question_numbers(q)
    assert numbers == {
        "governance.dx-plan": "1-1",
        "governance.cdo": "1-2",
        "frontyard.online-procedures": "2-1",
        "frontyard.kakanai-madoguchi": "2-2",
        "frontyard.cashless": "2-3",
        "analog-regulation.review": "3-1",
        "analog-regulation.revise": "3-2",
    }
    assert area_numbers(q) == {"governance": 1, "frontyard": 2, "analog-regulation": 3}
    where = locate(q, QUESTION)
    assert (where.label, where.number, where.count, where.count_in_area) == ("2-3", 5, 7, 3)
    assert [w.number for w in locations(q).values()] == list(range(1, 8))
    assert [r.number for r in answer_rows(q, new_assessment(q))] == list(numbers.values())


async def test_the_wizard_the_pdf_and_the_word_report_number_a_question_alike(
    tmp_path: Path,
) -> None:
    from docx import Document
    from pypdf import PdfReader

    from dxcheck.report.render import html_to_pdf, render_context_html, report_context
    from dxcheck.report.report_docx import report_docx

    q = small_questionnaire()
    question = q.question_index[QUESTION]
    saved_session(q, ANSWERS, session_id="n", position=Position("question", QUESTION))
    app = small_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, StartScreen), "開始画面")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, QuestionScreen), "質問画面")
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen), "回答一覧")
        listing = app.screen.query_one("#answers", OptionList)
        shown = str(next(o for o in listing.options if o.id == QUESTION).prompt)
        assert app.session is not None
        assessment = app.session.assessment
    wizard_number = shown.split()[0]
    assert wizard_number == "2-3"

    context = report_context(assessment, q, small_cities(), Target(), today=dt.date(2026, 11, 30))
    words = "\n".join(p.text for p in Document(io.BytesIO(report_docx(context))).paragraphs)
    assert f"{wizard_number}　{question.text}" in words

    pdf = html_to_pdf(render_context_html(context))
    text = "".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
    flat = re.sub(r"\s+", "", text)
    assert wizard_number + re.sub(r"\s+", "", question.text) in flat
