"""The wizard's pure parts: the session store, progress, the demo, wrapping, field parsing."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import threading
import time
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from dxcheck.core.errors import Severity
from dxcheck.core.progress import (
    area_entry_question,
    first_unanswered,
    locate,
    neighbour,
    ordered_questions,
    progress,
    review,
    set_level,
    set_note,
    set_unknown,
    set_value,
)
from dxcheck.core.scoring import Target, TargetKind, score_assessment
from dxcheck.core.targets import target_to_text
from dxcheck.io.checks import check_assessment
from dxcheck.io.demo import DEMO_RESPONDENT, NO_DATA_NOTE, demo_assessment
from dxcheck.io.load import LoadedAssessment, TomlDocument
from dxcheck.io.sessions import (
    ENV_VAR,
    STATE_FORMAT,
    LatestOnlyWriter,
    Position,
    SessionState,
    SessionStore,
    data_dir,
)
from dxcheck.io.store import WriteError
from dxcheck.tui import validators
from dxcheck.tui.state import saved_target
from dxcheck.tui.widgets import score_table
from dxcheck.tui.wrap import NO_LINE_START, break_offsets

from .helpers import saved_session, shipped_data, small_cities, small_questionnaire

TODAY = dt.date(2026, 11, 21)

# ---------------------------------------------------------------- sessions


def test_data_dir_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "x"))
    assert data_dir() == tmp_path / "x"
    monkeypatch.delenv(ENV_VAR)
    assert data_dir().name.lower() == "dxcheck"


def test_saved_sessions_are_listed_newest_first_with_their_summary(tmp_path: Path) -> None:
    q = small_questionnaire()
    saved_session(
        q, {"governance.dx-plan": {"level": 2}}, session_id="old", updated_at="2026-11-01T09:00:00"
    )
    saved_session(
        q,
        {"governance.dx-plan": {"level": 2}, "governance.cdo": {"unknown": True}},
        session_id="new",
        name="潟上市",
        updated_at="2026-11-20T09:00:00",
        position=Position("results", "governance.cdo"),
    )
    sessions = SessionStore(tmp_path / "data").list_sessions()
    assert [s.id for s in sessions] == ["new", "old"]
    new = sessions[0].state
    assert (new.municipality, new.answered, new.unknown, new.total) == ("潟上市", 1, 1, 7)
    assert new.position == Position("results", "governance.cdo")


def test_a_session_without_its_sidecar_is_still_listed(tmp_path: Path) -> None:
    q = small_questionnaire()
    saved_session(
        q, {"governance.dx-plan": {"level": 2}, "governance.cdo": {"unknown": True}}, session_id="s"
    )
    store = SessionStore(tmp_path / "data")
    store.state_path("s").write_text("{ not json", encoding="utf-8")
    [info] = store.list_sessions()
    assert (info.state.municipality, info.state.answered, info.state.unknown) == (
        "いちき串木野市",
        1,
        1,
    )
    assert store.state_path("s").read_text(encoding="utf-8") == "{ not json"  # untouched


def test_sidecar_round_trip_and_temporary_files_ignored(tmp_path: Path) -> None:
    state = SessionState(Position("question", "a.b"), "2026-11-21T10:00:00", "町", target="median")
    assert SessionState.from_json(state.to_json()) == state
    store = SessionStore(tmp_path)
    store.folder.mkdir()
    (store.folder / ".x.toml.123.tmp").write_text("", encoding="utf-8")
    assert store.list_sessions() == []


def test_saving_where_no_folder_can_be_made_says_why(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("", encoding="utf-8")
    store = SessionStore(tmp_path / "file")
    q = small_questionnaire()
    from dxcheck.core.answers import new_assessment
    from dxcheck.io.sessions import SaveJob

    with pytest.raises(WriteError, match="元のファイルはそのまま"):
        store.save(SaveJob("x", new_assessment(q), q, SessionState()))


def test_latest_only_writer_never_writes_an_older_state_after_a_newer_one() -> None:
    written: list[int] = []

    def slow_write(n: int) -> None:
        time.sleep(0.001)
        written.append(n)

    writer: LatestOnlyWriter[int] = LatestOnlyWriter(slow_write)
    threads = []
    for n in range(200):
        writer.submit(n)
        t = threading.Thread(target=writer.write_pending)
        t.start()
        threads.append(t)
    for t in threads:
        t.join()
    assert written == sorted(written) and written[-1] == 199


def test_latest_only_writer_keeps_a_failed_state_for_the_next_attempt() -> None:
    fail = [True]
    written: list[int] = []

    def write(n: int) -> None:
        if fail[0]:
            raise WriteError("full")
        written.append(n)

    writer: LatestOnlyWriter[int] = LatestOnlyWriter(write)
    writer.submit(1)
    with pytest.raises(WriteError):
        writer.write_pending()
    assert writer.has_pending
    fail[0] = False
    assert writer.write_pending() and written == [1]


# ---------------------------------------------------------------- progress


def test_order_position_and_neighbours() -> None:
    q = small_questionnaire()
    order = [x.id for x in ordered_questions(q)]
    assert order[0] == "governance.dx-plan" and order[-1] == "analog-regulation.revise"
    where = locate(q, "frontyard.kakanai-madoguchi")
    assert (where.area_number, where.number_in_area, where.count_in_area, where.number) == (
        2,
        2,
        3,
        4,
    )
    assert neighbour(q, order[0], -1) is None and neighbour(q, order[-1], 1) is None
    assert neighbour(q, order[1], 1) is not None and neighbour(q, order[1], 1).id == order[2]  # type: ignore[union-attr]


def test_progress_review_and_editing_answers() -> None:
    q = small_questionnaire()
    from dxcheck.core.answers import new_assessment

    a = new_assessment(q)
    set_level(a, q.question("governance.dx-plan"), 3)
    set_unknown(a, q.question("governance.cdo"))
    counted = set_value(a, q.question("frontyard.online-procedures"), 120)
    assert (counted.level, counted.value) == (3, 120)
    set_note(a, q.question("frontyard.online-procedures"), "電子申請システムで数えた")
    assert a.answers["frontyard.online-procedures"].value == 120  # the note keeps the number
    p = progress(q, a)
    card = score_assessment(q, a)
    assert (p.answered, p.unknown, p.unanswered) == (card.answered, card.unknown, card.unanswered)
    r = review(q, a)
    assert [x.id for x in r.unknown] == ["governance.cdo"]
    assert len(r.unanswered) == 4
    first = first_unanswered(q, a)
    assert first is not None and first.id == "frontyard.kakanai-madoguchi"
    assert area_entry_question(q, a, "governance").id == "governance.dx-plan"  # all done
    by_hand = set_level(a, q.question("frontyard.online-procedures"), 1)
    assert (by_hand.level, by_hand.value, by_hand.note) == (1, None, "電子申請システムで数えた")


# ---------------------------------------------------------------- the demo


def test_demo_is_ichikikushikino_from_its_own_plan() -> None:
    q, cities = small_questionnaire(), small_cities()
    a = demo_assessment(q, cities, TODAY)
    city = next(c for c in cities if c.id == "ichikikushikino")
    assert a.meta.respondent == DEMO_RESPONDENT and a.meta.assessed_on == city.as_of
    for question in q.questions:
        entry = city.questions[question.id]
        answer = a.answers[question.id]
        if entry.current_level is None:
            assert answer.unknown and answer.level is None
        else:
            assert answer.level == entry.current_level and not answer.unknown


def test_demo_without_cities_invents_nothing() -> None:
    a = demo_assessment(small_questionnaire(), (), TODAY)
    assert all(x.unknown and x.note == NO_DATA_NOTE for x in a.answers.values())


def test_demo_with_the_shipped_data_is_a_valid_answer_file() -> None:
    shipped = shipped_data()
    if shipped is None:
        pytest.skip("the shipped questionnaire is not in the repository yet")
    q, cities = shipped
    a = demo_assessment(q, cities, TODAY)
    loaded = LoadedAssessment(a, TomlDocument(Path("demo.toml"), {}))
    assert not [p for p in check_assessment(loaded, q) if p.severity is Severity.ERROR]


# ---------------------------------------------------------------- wrapping Japanese

japanese = st.text(
    alphabet=st.sampled_from(list("あいうえおかきくけこ漢字計画、。（）「」ー っabcXYZ0129 -./")),
    max_size=120,
)


@settings(max_examples=300, deadline=None)
@given(text=japanese, width=st.integers(min_value=2, max_value=60))
@example(text="0「、A", width=3)  # found by hypothesis: 「 may not end a line, 、 may not start one
def test_break_offsets_fit_the_width_and_lose_nothing(text: str, width: int) -> None:
    offsets = break_offsets(text, width)
    bounds = [0, *offsets, len(text)]
    lines = [text[a:b] for a, b in itertools.pairwise(bounds)]
    assert "".join(lines) == text
    assert offsets == sorted(set(offsets)) and all(0 < o < len(text) for o in offsets)
    for line in lines:
        assert cell_len(line.rstrip(" ")) <= width or len(line) == 1


def test_breaks_go_between_japanese_characters_not_before_punctuation() -> None:
    text = "Enter でその質問へ移動します。「わからない」は採点から除かれ、回答率を下げます。"
    offsets = break_offsets(text, 30)
    assert offsets and offsets[0] > len("Enter ")  # the sentence is not pushed down whole
    assert all(text[o] not in NO_LINE_START for o in offsets)
    assert break_offsets("dxcheck-report.toml を開きます", 22) == [len("dxcheck-report.toml を")]


# ---------------------------------------------------------------- fields and targets


@pytest.mark.parametrize(
    ("text", "value"), [("27000", 27000), ("２７，０００", 27000), ("27,000人", 27000)]
)
def test_population_accepts_what_an_ime_types(text: str, value: int) -> None:
    assert validators.parse_population(text) == value


@pytest.mark.parametrize(
    ("text", "reason"), [("0", "1人以上"), ("abc", "数字"), ("60000000", "大きすぎ")]
)
def test_population_refusals_say_why(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        validators.parse_population(text)


def test_dates() -> None:
    assert validators.parse_date("２０２６年１１月２１日", TODAY) == TODAY
    assert validators.parse_date("2026/3/1", TODAY) == dt.date(2026, 3, 1)
    for text, reason in (("2026-02-30", "存在しない"), ("2026-12-01", "未来"), ("昨日", "形で")):
        with pytest.raises(ValueError, match=reason):
            validators.parse_date(text, TODAY)


def test_save_paths(tmp_path: Path) -> None:
    assert validators.parse_save_path(str(tmp_path / "a"), ".toml") == tmp_path / "a.toml"
    with pytest.raises(ValueError, match="拡張子"):
        validators.parse_save_path(str(tmp_path / "a.txt"), ".toml")
    # relative to the picker's folder; a missing folder is the dialog's to offer to make
    assert validators.parse_save_path("no/a", ".toml", tmp_path) == tmp_path / "no" / "a.toml"
    with pytest.raises(ValueError, match="外は使えません"):
        validators.parse_save_path("../a.toml", ".toml", tmp_path / "ws", tmp_path / "ws")


def test_target_survives_the_sidecar_and_bad_values_fall_back() -> None:
    cities = small_cities()
    for target in (
        Target(),
        Target(TargetKind.PLAN),
        Target(TargetKind.CITY, city="katagami"),
        Target(TargetKind.CUSTOM, custom={"frontyard": 3.5}),
    ):
        state = SessionState(target=target_to_text(target))
        assert saved_target(SessionState.from_json(state.to_json()).target, cities) == target
    assert saved_target("city:nowhere", cities) == Target()
    assert saved_target("??", cities) == Target()
    assert saved_target("custom:frontyard=9", cities) == Target()
    assert saved_target("", cities) == Target()


def _legacy_sidecar(target: object) -> str:
    """A sidecar as dxcheck wrote it before the one target text: the target as a table."""
    return json.dumps({"format": STATE_FORMAT, "position": {"screen": "results"}, "target": target})


def test_a_sidecar_written_before_the_target_text_still_resumes_its_target() -> None:
    cities = small_cities()
    cases: list[tuple[object, Target]] = [
        ({"kind": "best", "city": None, "custom": {}}, Target()),
        ({"kind": "plan", "city": None, "custom": {}}, Target(TargetKind.PLAN)),
        (
            {"kind": "city", "city": "katagami", "custom": {}},
            Target(TargetKind.CITY, city="katagami"),
        ),
        ({"kind": "own", "city": None, "custom": {}}, Target(TargetKind.OWN)),
        # own with values (the file's own) and custom alike: the values carry over
        (
            {"kind": "own", "city": None, "custom": {"governance": 4.0}},
            Target(TargetKind.CUSTOM, custom={"governance": 4.0}),
        ),
        (
            {"kind": "custom", "city": None, "custom": {"frontyard": 2.3333333333333335}},
            Target(TargetKind.CUSTOM, custom={"frontyard": 2.3333333333333335}),
        ),
        ({"kind": "city", "city": "nowhere"}, Target()),
        ({"kind": "??"}, Target()),
        ({"kind": "custom", "custom": {"a": 9}}, Target()),
        ({"kind": 3, "custom": [1]}, Target()),
        ([1, 2], Target()),
    ]
    for old, expected in cases:
        state = SessionState.from_json(_legacy_sidecar(old))
        assert saved_target(state.target, cities) == expected, old


@pytest.mark.parametrize("width", [76, 78, 100, 118, 158])  # 80 columns and up
@pytest.mark.parametrize("cities_view", [False, True])
def test_results_rows_fit_the_terminal(width: int, cities_view: bool) -> None:
    from dxcheck.core.answers import new_assessment
    from dxcheck.core.scoring import area_gaps, area_targets, benchmark_scores

    q, cities = small_questionnaire(), small_cities()
    benchmarks = benchmark_scores(q, cities)
    a = new_assessment(q)
    set_level(a, q.question("governance.dx-plan"), 5)
    gaps = area_gaps(score_assessment(q, a), area_targets(q, benchmarks, Target()))
    layout = score_table.layout_for(width, cities_view, len(cities))
    rows = [score_table.row(g, layout, benchmarks) for g in gaps]
    header = score_table.header(layout, cities)
    assert all(r.cell_length <= width for r in [header, *rows])
    assert len({r.cell_length for r in rows if "参考" not in r.plain}) <= 1
    assert score_table.bar_text(2.5, 10) == "█████     "
