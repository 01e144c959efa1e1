"""The demo: a filled-in example municipality for `dxcheck --demo`.

It is いちき串木野市 answered with its own plan-derived current levels from its benchmark file
(what the plan says was in place as of the plan's date). Where the plan is silent the answer
stays わからない; nothing is invented. The respondent field says plainly that this is an
example read from a plan, not a self-assessment by the city.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from dxcheck.core.answers import new_assessment
from dxcheck.core.model import (
    Answer,
    AnswerMeta,
    Assessment,
    BenchmarkCity,
    MunicipalityInfo,
    Questionnaire,
)
from dxcheck.core.scoring import effective_level
from dxcheck.io import municipalities

DEMO_CITY = "ichikikushikino"
DEMO_CODE = "462195"
DEMO_RESPONDENT = "記入例（計画書から読み取った水準）"
SILENT_NOTE = "計画書に記述がないため「わからない」としています"
NO_DATA_NOTE = "先行市のデータがまだないため、記入例の水準はありません"


def demo_assessment(
    questionnaire: Questionnaire, cities: Sequence[BenchmarkCity], today: dt.date
) -> Assessment:
    city = next((c for c in cities if c.id == DEMO_CITY), None)
    assessment = new_assessment(questionnaire)
    known = municipalities.by_code(DEMO_CODE)
    assessment.municipality = MunicipalityInfo(
        name=city.name if city else (known.name if known else "いちき串木野市"),
        code=city.code if city else DEMO_CODE,
        prefecture=city.prefecture if city else (known.prefecture if known else "鹿児島県"),
        # the city's own size, so that its figures scale exactly as in the benchmarks
        population=city.population if city else None,
        staff=city.staff if city else None,
    )
    assessment.meta = AnswerMeta(
        respondent=DEMO_RESPONDENT,
        # the levels are as of the plan's date, so that is the date of this example
        assessed_on=city.as_of if city else today,
    )
    for question in questionnaire.questions:
        entry = city.questions.get(question.id) if city else None
        if city is None:
            assessment.answers[question.id] = Answer(unknown=True, note=NO_DATA_NOTE)
        elif entry is None or entry.current_level is None:
            note = entry.rationale if entry and entry.rationale else SILENT_NOTE
            assessment.answers[question.id] = Answer(unknown=True, note=note)
        elif question.quantity is not None and entry.value is not None:
            assessment.answers[question.id] = Answer(
                level=effective_level(
                    question,
                    entry.current_level,
                    entry.value,
                    entry.denominator,
                    city.staff,
                    city.population,
                ),
                value=entry.value,
                denominator=entry.denominator,
                note=entry.rationale,
            )
        else:
            assessment.answers[question.id] = Answer(
                level=entry.current_level, note=entry.rationale
            )
    return assessment
