"""The facilitator's view of a merged answer file (`dxcheck.core.merge`). Core: no UI library.

A merged file keeps each respondent's entry under every answer. From it this module gives the
wizard's workshop screen what it shows — the questions in the order to discuss them (the
disagreements first), each respondent's level and note, the proposed consensus, who answered
which area — and records the facilitator's decision with `merge.settle`. Every number comes
from `dxcheck.core.merge` and `dxcheck.core.scoring`: the respondents are rebuilt from the entries and
merged again, so the proposal shown is exactly the one `dxcheck merge` makes.

Reading respondents' files is `dxcheck.io.respondents`' job.
"""

from __future__ import annotations

from dataclasses import dataclass

from dxcheck.core.merge import (
    AreaCoverage,
    Respondent,
    coverage_by_respondent,
    merge,
    respondent_level,
    settle,
)
from dxcheck.core.model import (
    Answer,
    Assessment,
    MunicipalityInfo,
    Question,
    Questionnaire,
    RespondentAnswer,
)
from dxcheck.core.scoring import answer_level


def is_merged(assessment: Assessment) -> bool:
    """Whether the answer file was made by `dxcheck merge` (answers carry respondents)."""
    return any(a.respondents for a in assessment.answers.values())


def respondents_in(assessment: Assessment) -> list[Respondent]:
    """Each respondent of a merged file as an answer file of their own, in the order they
    first appear (the order of the files given to `dxcheck merge`)."""
    people: dict[str, Respondent] = {}
    for qid, answer in assessment.answers.items():
        for entry in answer.respondents:
            person = people.get(entry.respondent)
            if person is None:
                own = new_assessment_like(assessment)
                own.meta.respondent = entry.respondent
                own.meta.department = entry.department
                person = people[entry.respondent] = Respondent(
                    entry.respondent, entry.department, own
                )
            person.assessment.answers[qid] = Answer(
                level=entry.level,
                value=entry.value,
                denominator=entry.denominator,  # a share's figure needs its scope
                unknown=entry.unknown,
                note=entry.note,
            )
    return list(people.values())


def new_assessment_like(assessment: Assessment) -> Assessment:
    out = Assessment(
        questionnaire=assessment.questionnaire,
        questionnaire_version=assessment.questionnaire_version,
    )
    out.municipality = assessment.municipality.model_copy()
    out.meta.assessed_on = assessment.meta.assessed_on
    return out


@dataclass(frozen=True)
class RespondentLine:
    """One respondent on one question: their entry and the level it stands for."""

    entry: RespondentAnswer
    level: int | None  # the value wins over a stated level; None for わからない


@dataclass(frozen=True)
class WorkshopItem:
    """One question as the facilitator discusses it."""

    question: Question
    lines: tuple[RespondentLine, ...]
    disagreement: bool
    proposal: int | None  # the median `dxcheck merge` proposes; None: no one gave a level
    level: int | None  # the level the file holds now (the proposal until settled)
    unknown: bool  # the file holds わからない
    reason: str  # the reason the room agreed on; empty until settled

    @property
    def settled(self) -> bool:
        return bool(self.reason)

    @property
    def answered_by(self) -> int:
        return len(self.lines)


@dataclass(frozen=True)
class Workshop:
    """Everything the workshop screen shows, for one state of the merged file."""

    items: tuple[WorkshopItem, ...]  # disagreements first, then the rest, each in file order
    respondents: tuple[str, ...]
    coverage: tuple[AreaCoverage, ...]

    def item(self, question_id: str) -> WorkshopItem:
        return next(i for i in self.items if i.question.id == question_id)

    @property
    def disagreements(self) -> tuple[WorkshopItem, ...]:
        return tuple(i for i in self.items if i.disagreement)

    @property
    def open_disagreements(self) -> tuple[WorkshopItem, ...]:
        return tuple(i for i in self.disagreements if not i.settled)

    def next_open(self, after: str | None = None) -> WorkshopItem | None:
        """The next disagreement not yet settled after `after` (wrapping round), if any."""
        ids = [i.question.id for i in self.items]
        start = ids.index(after) + 1 if after in ids else 0
        ordered = list(self.items[start:]) + list(self.items[:start])
        return next((i for i in ordered if i.disagreement and not i.settled), None)


def workshop(questionnaire: Questionnaire, assessment: Assessment) -> Workshop:
    respondents = respondents_in(assessment)
    proposals = merge(questionnaire, respondents).assessment if respondents else None
    first: list[WorkshopItem] = []
    rest: list[WorkshopItem] = []
    m = assessment.municipality
    for question in questionnaire.questions:
        answer = assessment.answers.get(question.id)
        entries = answer.respondents if answer is not None else ()
        proposed = proposals.answers.get(question.id) if proposals is not None else None
        item = WorkshopItem(
            question=question,
            lines=tuple(RespondentLine(e, respondent_level(e, question, m)) for e in entries),
            disagreement=answer is not None and answer.disagreement,
            proposal=_level_of(question, proposed, m),
            level=_level_of(question, answer, m),
            unknown=answer is not None and answer.unknown,
            reason=answer.agreed_reason if answer is not None else "",
        )
        (first if item.disagreement else rest).append(item)
    return Workshop(
        tuple(first + rest),
        tuple(r.name for r in respondents),
        tuple(coverage_by_respondent(questionnaire, respondents)),
    )


def _level_of(question: Question, answer: Answer | None, m: MunicipalityInfo) -> int | None:
    if answer is None or answer.unknown:
        return None
    return answer_level(question, answer, m)


def record_decision(
    assessment: Assessment, question: Question, level: int | None, reason: str
) -> Answer:
    """The facilitator's decision on one question: the agreed level (None for わからない) and
    the reason, kept with the respondents' entries (`merge.settle`). Returns the new answer."""
    if not reason.strip():
        raise ValueError("合意の理由を入力してください")
    old = assessment.answers.get(question.id) or Answer()
    answer = settle(old, level, reason.strip(), unknown=level is None)
    assessment.answers[question.id] = answer
    return answer
