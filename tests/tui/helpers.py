"""Helpers for the wizard's tests: the app on small test data with fixed dates, saved sessions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dxcheck.errors import InputError
from dxcheck.load import load_benchmarks, load_questionnaire
from dxcheck.model import BenchmarkCity, Questionnaire
from dxcheck.sessions import Position, SaveJob, SessionState, SessionStore
from dxcheck.tui.app import DxcheckApp, make_app

DATA = Path(__file__).parent / "data"
TODAY = dt.date(2026, 11, 21)
NOW = dt.datetime(2026, 11, 21, 14, 3)


def fixed_clock() -> dt.datetime:
    return NOW


def small_questionnaire() -> Questionnaire:
    return load_questionnaire(DATA / "questionnaires" / "jichitai-dx-test")


def small_cities() -> tuple[BenchmarkCity, ...]:
    return load_benchmarks(DATA / "benchmarks")


def shipped_data() -> tuple[Questionnaire, tuple[BenchmarkCity, ...]] | None:
    """The real questionnaire and cities, or None while they are not in the repository yet."""
    try:
        questionnaire = load_questionnaire()
    except (FileNotFoundError, InputError):
        return None
    return questionnaire, load_benchmarks()


def data_dir() -> Path:
    return Path.home() / "data"


def small_app(**kwargs: object) -> DxcheckApp:
    """The wizard on the small test questionnaire and cities, with fixed dates."""
    kwargs.setdefault("questionnaire", small_questionnaire())
    kwargs.setdefault("cities", small_cities())
    return make_app(data_dir=data_dir(), today=TODAY, clock=fixed_clock, **kwargs)  # type: ignore[arg-type]


def store() -> SessionStore:
    return SessionStore(data_dir())


def saved_session(
    questionnaire: Questionnaire,
    answers: dict[str, dict[str, object]],
    *,
    session_id: str,
    name: str = "いちき串木野市",
    code: str = "462195",
    updated_at: str = "2026-11-20T16:45:00",
    position: Position | None = None,
) -> str:
    """Write a session as the autosave would have, for tests that resume."""
    from dxcheck.answers import new_assessment
    from dxcheck.model import Answer
    from dxcheck.progress import progress

    a = new_assessment(questionnaire)
    a.municipality.name, a.municipality.code, a.municipality.prefecture = name, code, "鹿児島県"
    a.meta.assessed_on = dt.date(2026, 11, 20)
    a.answers = {k: Answer.model_validate(v) for k, v in answers.items()}
    p = progress(questionnaire, a)
    state = SessionState(
        position=position or Position("question", questionnaire.questions[0].id),
        updated_at=updated_at,
        municipality=name,
        prefecture="鹿児島県",
        assessed_on="2026-11-20",
        answered=p.answered,
        unknown=p.unknown,
        total=p.total,
    )
    store().save(SaveJob(session_id, a, questionnaire, state))
    return session_id
