"""The data model's own behaviour (shapes are tested where they are read, in test_answer_files)."""

from __future__ import annotations

from tests.factories import question, small_questionnaire


def test_a_copy_with_other_questions_finds_its_own_questions() -> None:
    q = small_questionnaire()
    first = q.questions[0]
    assert q.question(first.id) is first  # the lookup cache is filled
    extra = question("a.extra", first.area)
    copy = q.model_copy(update={"questions": (*q.questions, extra)})
    assert copy.question("a.extra") is extra
    assert [x.id for x in copy.questions_in(first.area)][-1] == "a.extra"
    assert "a.extra" not in q.question_index  # the original is unchanged
