"""Two real municipalities outside the five benchmark cities, encoded from their public pages
(issue 10, "try it on someone else"): 西川町 (山形県, a town of 4,956) and 浜松市 (静岡県, 779,629).

The fixtures are read with the real loader and checked like any answer file a municipality sends;
the facts asserted here are the ones the sources state (tests/fixtures/outside/*.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dxcheck.core.errors import Severity
from dxcheck.core.model import Questionnaire
from dxcheck.core.scoring import score_assessment
from dxcheck.io.checks import check_assessment
from dxcheck.io.load import LoadedAssessment, load_questionnaire, read_assessment
from dxcheck.io.resources import questionnaires_dir

FIXTURES = Path(__file__).parent / "fixtures" / "outside"
TOWNS = ("nishikawa", "hamamatsu")


@pytest.fixture(scope="module")
def questionnaire() -> Questionnaire:
    return load_questionnaire(questionnaires_dir() / "jichitai-dx-4.1")


def loaded(town: str) -> LoadedAssessment:
    return read_assessment(FIXTURES / f"{town}.toml")


@pytest.mark.parametrize("town", TOWNS)
def test_fixture_is_a_clean_answer_file_of_the_current_questionnaire(
    town: str, questionnaire: Questionnaire
) -> None:
    answers = loaded(town)
    problems = check_assessment(answers, questionnaire)
    assert [p for p in problems if p.severity is Severity.ERROR] == []
    assert problems == [], [str(p) for p in problems]
    a = answers.assessment
    assert a.questionnaire_version == questionnaire.version == "4.1.0"
    # every question is answered or explicitly unknown: silence in the sources is never a level
    assert set(a.answers) == {q.id for q in questionnaire.questions}


@pytest.mark.parametrize("town", TOWNS)
def test_every_level_cites_its_source_and_silence_stays_unknown(town: str) -> None:
    a = loaded(town).assessment
    for qid, answer in a.answers.items():
        if answer.unknown:
            assert answer.level is None and answer.value is None, qid
            continue
        assert answer.level is not None, qid
        note = answer.note or ""
        assert "http" in note or "mykoho.jp" in note, f"{qid}: no source in the note"
    # neither municipality's pages say anything about information security: all unknown
    security = [qid for qid in a.answers if qid.startswith("security.")]
    assert security and all(a.answers[qid].unknown for qid in security)


def test_nishikawa_what_the_town_reports(questionnaire: Questionnaire) -> None:
    a = loaded("nishikawa").assessment
    assert (a.municipality.code, a.municipality.population) == ("063223", 4956)
    # 広報にしかわ R7.3: コンビニ交付 378件（全体の17%）; the stated rate, scaled by the questionnaire
    konbini = questionnaire.question_index["mynumber.convenience-store"]
    assert konbini.quantity is not None
    assert a.answers["mynumber.convenience-store"].value == 17
    assert konbini.quantity.level_for(17) == a.answers["mynumber.convenience-store"].level == 2
    # スマート申請 2,000件超（全体の34%）: the usage question 4.1.0 added, 25–50 % band
    assert a.answers["frontyard.online-usage"].level == 3
    # 大井沢郵便局での証明書の受け取り 93件: a remote point exists (level 2), nothing about more points
    assert a.answers["frontyard.remote-counter"].level == 2
    # 一般会計の電子決裁 100% is financial approval, not the documents the question counts: a memo
    e_approval = a.answers["bpr.e-approval"]
    assert e_approval.unknown and "100%" in (e_approval.note or "")
    # no staff count is published: the profile leaves it out rather than guess
    assert a.municipality.staff is None


def test_hamamatsu_what_the_city_reports(questionnaire: Questionnaire) -> None:
    a = loaded("hamamatsu").assessment
    assert (a.municipality.code, a.municipality.staff) == ("221309", 5154)
    # 書かない窓口 at 58 certificate counters since 2023-02: the main counters, in full operation
    assert a.answers["frontyard.kakanai-madoguchi"].level == 3
    # a department for DX (2022) and a headquarters led by the mayor
    assert a.answers["governance.dx-unit"].level == 3
    assert a.answers["governance.dx-headquarters"].level == 3
    # the telework manual is in trial operation (検証運用): a provisional rule, not yet a formal one
    assert a.answers["telework.rules"].level == 2
    # RPA is in use but the pages give no count: on a per-staff scale no level would be true
    assert a.answers["ai-rpa.ocr-rpa-tasks"].unknown


@pytest.mark.parametrize("town", TOWNS)
def test_scores_follow_the_answers_and_coverage_is_honest(
    town: str, questionnaire: Questionnaire
) -> None:
    a = loaded(town).assessment
    card = score_assessment(questionnaire, a)
    answered = sum(1 for ans in a.answers.values() if not ans.unknown)
    assert card.answered == answered
    assert card.unanswered == 0
    # security has no answer at all: no score, rather than a zero
    assert card.area("security").score is None
    # the governance area is where both sources say most, so it is scored
    governance = card.area("governance").score
    assert governance is not None and governance >= 2
