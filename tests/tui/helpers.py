"""Helpers for the wizard's tests: the app on small test data with fixed dates, saved sessions."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual.content import Content
from textual.widgets import OptionList

from dxcheck.core.errors import InputError
from dxcheck.core.model import BenchmarkCity, Questionnaire
from dxcheck.io.load import load_benchmarks, load_questionnaire
from dxcheck.io.sessions import Position, SaveJob, SessionState, SessionStore
from dxcheck.tui.app import DxcheckApp, make_app
from dxcheck.tui.wrap import JaText

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
    from dxcheck.core.answers import new_assessment
    from dxcheck.core.model import Answer
    from dxcheck.core.progress import progress

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


# ---------------------------------------------------------------- workshops and comparisons

RESPONDENTS: dict[str, tuple[str, dict[str, dict[str, object]]]] = {
    "佐藤": (
        "総務課",
        {
            "governance.dx-plan": {"level": 1, "note": "計画はあるが全庁に浸透していない"},
            "governance.cdo": {"level": 3},
            "analog-regulation.review": {"level": 2},
        },
    ),
    "鈴木": (
        "情報政策課",
        {
            "governance.dx-plan": {"level": 4, "note": "推進本部で毎年見直している"},
            "governance.cdo": {"level": 3},
            "frontyard.online-procedures": {"value": 120},
            "frontyard.cashless": {"unknown": True},
        },
    ),
    "高橋": (
        "市民課",
        {
            "governance.dx-plan": {"level": 2},
            "frontyard.online-procedures": {"value": 40, "note": "子育て関係のみ"},
            "frontyard.cashless": {"level": 3, "note": "窓口でキャッシュレス決済に対応"},
            "frontyard.kakanai-madoguchi": {"level": 1},
        },
    ),
}


def respondent_files(folder: Path, questionnaire: Questionnaire) -> list[Path]:
    """One answer file per respondent of 嬉野市, each answering only their own areas."""
    from dxcheck.core.answers import new_assessment, to_toml
    from dxcheck.core.model import Answer

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, (department, answers) in RESPONDENTS.items():
        a = new_assessment(questionnaire)
        m = a.municipality
        m.name, m.code, m.prefecture, m.population = "嬉野市", "412091", "佐賀県", 25000
        a.meta.respondent, a.meta.department = name, department
        a.meta.assessed_on = dt.date(2026, 11, 20)
        a.answers = {k: Answer.model_validate(v) for k, v in answers.items()}
        path = folder / f"{department}.toml"
        path.write_text(to_toml(a, questionnaire), encoding="utf-8")
        paths.append(path)
    return paths


def merged_file(folder: Path, questionnaire: Questionnaire) -> Path:
    """The respondents' files merged as `dxcheck merge` would, written to merged.toml."""
    from dxcheck.core.answers import to_toml
    from dxcheck.io.respondents import read_respondents

    prepared = read_respondents(respondent_files(folder, questionnaire), questionnaire)
    assert prepared.result is not None, prepared.refusal
    path = folder / "merged.toml"
    path.write_text(to_toml(prepared.result.assessment, questionnaire), encoding="utf-8")
    return path


def submissions_folder(folder: Path, questionnaire: Questionnaire) -> Path:
    """A prefecture's inbox: eight municipalities' answer files (synthetic, fixed seeds), an
    earlier file of 嬉野市 (its trend), a file of another questionnaire version and a broken
    file. Returns the folder."""
    import datetime as _dt

    from dxcheck.core.answers import to_toml
    from dxcheck.io.municipalities import in_prefecture
    from tests.samples import synthetic_assessment

    folder.mkdir(parents=True, exist_ok=True)
    chosen = [m for m in in_prefecture("佐賀県") if " " not in m.name][:6]
    chosen += [m for m in in_prefecture("長崎県") if " " not in m.name][:2]
    for seed, m in enumerate(chosen):
        a = synthetic_assessment(questionnaire, m, seed=seed, assessed_on=_dt.date(2026, 11, 1))
        if seed == 5:
            a.questionnaire_version = "3.9.0"
        (folder / f"{m.code}.toml").write_text(to_toml(a, questionnaire), encoding="utf-8")
    earlier = synthetic_assessment(
        questionnaire, chosen[1], seed=40, assessed_on=_dt.date(2025, 11, 1)
    )
    (folder / "2025").mkdir(exist_ok=True)
    (folder / "2025" / f"{chosen[1].code}.toml").write_text(
        to_toml(earlier, questionnaire), encoding="utf-8"
    )
    (folder / "broken.toml").write_text(BROKEN_ANSWERS, encoding="utf-8")
    return folder


BROKEN_ANSWERS = """format = "dxcheck.assessment/1"
questionnaire = "jichitai-dx"
questionnaire_version = "4.0.0"
[municipality]
name = "架空町"
code = "999999"
prefecture = "佐賀県"
[answers."governance.dx-plan"]
level = 7
"""


def option_texts(options: OptionList) -> list[str]:
    """The plain text of every option in an OptionList, whatever its prompt's type."""
    texts = []
    for index in range(options.option_count):
        prompt = options.get_option_at_index(index).prompt
        if isinstance(prompt, JaText):
            texts.append(prompt.text.plain)
        else:
            texts.append(prompt.plain if isinstance(prompt, Text | Content) else str(prompt))
    return texts


# ---------------------------------------------------------------- waiting on conditions


async def until(
    pilot: object, condition: Callable[[], object], what: str, timeout: float = 20
) -> None:
    """Let the app run until `condition()` holds; fail naming `what` after `timeout` seconds.

    Tests wait on what they need to see (a screen, a saved file, a painted line), never on a
    number of pauses or a sleep: under CPU load a fixed count is too few."""
    import asyncio

    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            screen = pilot.app.screen
            errors = [str(w.content.plain) for w in screen.query(".field-error")]  # type: ignore[attr-defined]
            errors += [f"{w.id}={w.value!r}" for w in screen.query("Input")]  # type: ignore[attr-defined]
            errors.append(f"focus={pilot.app.focused}")
            raise AssertionError(
                f"待っても起きませんでした: {what}（画面 {type(screen).__name__}、{errors}）"
            )
        await pilot.pause()


async def settled(pilot: object) -> None:
    """Until every worker (loading, autosave, PDF) has finished and the screen has processed
    its pending messages."""
    from textual.pilot import Pilot
    from textual.worker import WorkerFailed

    assert isinstance(pilot, Pilot)
    with contextlib.suppress(WorkerFailed):  # a failing worker is the app's to report
        await finished(pilot.app)
    await pilot.wait_for_scheduled_animations()


async def finished(app: object) -> None:
    """Until every worker that ends has ended. A DirectoryTree (the file picker) keeps a
    loader worker alive for as long as it is shown, waiting for folders to read: that one
    never completes, and waiting for it would hang the test."""
    from textual.app import App

    assert isinstance(app, App)
    finite = [w for w in app.workers if w.group != "_loader"]
    if finite:  # (an empty list would mean "all workers" to wait_for_complete)
        await app.workers.wait_for_complete(finite)


def palette_shows(pilot: object) -> bool:
    """Whether the command palette has found something for what was typed (it searches
    asynchronously) and highlights it."""
    from textual.command import CommandList, CommandPalette
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    screen = pilot.app.screen
    if not isinstance(screen, CommandPalette):
        return False
    found = screen.query_one(CommandList)
    return found.option_count > 0 and found.highlighted is not None
