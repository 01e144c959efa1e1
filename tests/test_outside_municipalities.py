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
    # 一般会計の電子決裁 100%: the question counts 財務会計 approvals too (enter the share you know)
    e_approval = a.answers["bpr.e-approval"]
    assert (e_approval.value, e_approval.level) == (100, 5)
    assert "一般会計" in (e_approval.note or "")
    # 紙 ▲70%, 郵便料金 ▲45%, 残業 ▲30%, 商品券配布業務 ▲90%, published in the town's 広報: several
    # effect indicators across the 役場 (3); nothing says they steer a review, so not 4
    effects = a.answers["bpr.measured-effects"]
    assert effects.level == 3
    assert all(f in (effects.note or "") for f in ("▲70%", "▲45%", "▲30%", "▲90%"))
    # デジ田交付金 etc. secured for DX (about 10億円) — the funding half of the question's level 2
    assert a.answers["governance.it-asset-budget"].level == 2
    # the town runs an e-coupon (つながるクーポン) that local shops accept
    assert a.answers["community.industry"].level == 2
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
    # done without a figure entails level 1 on any scale (level 1 = "exists"): RPA in use with no
    # count, cashless counters since 2021, 窓口BPR, コンビニ交付, スマホ教室, デジタル相談員
    for qid in (
        "ai-rpa.ocr-rpa-tasks",
        "frontyard.cashless-counter",
        "frontyard.counter-bpr",
        "frontyard.online-procedures",
        "mynumber.convenience-store",
        "divide.smartphone-classes",
        "divide.local-supporters",
    ):
        answer = a.answers[qid]
        assert (answer.level, answer.value) == (1, None), qid
        assert "記載なし" in (answer.note or ""), qid
    # the pages say nothing about measuring digitalisation's effects (871時間 was a trial's estimate)
    assert a.answers["bpr.measured-effects"].unknown


def test_one_item_reaches_level_1_whatever_the_size(questionnaire: Questionnaire) -> None:
    # "it exists but no figure is known" must entail level 1 on every scale whose level 0 means
    # none: one item in 浜松市 (5,154 staff, 779,629 people) and in a scope far larger still.
    checked = 0
    for question in questionnaire.questions:
        qty = question.quantity
        if qty is None or qty.lower_is_better or question.id == "mynumber.card-rate":
            continue
        if qty.basis == "absolute":
            assert qty.level_for(1) == 1, question.id  # one 標準化業務 migrated
            continue
        for staff, population, denominator in (
            (5_154, 779_629, 3_000),
            (90_000, 9_000_000, 90_000),
        ):
            one = qty.level_for(1, denominator=denominator, staff=staff, population=population)
            if qty.basis == "percent":
                one = qty.level_for(0.01)  # a hundredth of a percent is still "some"
            assert one == 1, (question.id, staff)
            assert (
                qty.level_for(0, denominator=denominator, staff=staff, population=population) == 0
            )
        checked += 1
    assert checked >= 20


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
