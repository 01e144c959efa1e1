"""The wizard's autosave store: where self-checks in progress live, and reading/writing them.

Each session is two files in `<data dir>/sessions/`:
- `<id>.toml` — the answer file itself, in the docs/design.md §4 format (the same file
  「名前を付けて保存」 writes), so that a user who finds it can send it as it is;
- `<id>.json` — a small sidecar: where the user was, when, and a summary for the start
  screen (municipality, respondent, progress, where it came from, the user's own name for
  it), so that listing sessions reads no answer file.

Pure IO with no UI library. Listing imports neither pydantic nor the questionnaire, so the
wizard's first screen can show it at once. Every write is atomic (dxcheck.io.store).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import threading
import tomllib
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from dxcheck.io.store import WriteError, atomic_write_text

if TYPE_CHECKING:
    from dxcheck.core.model import Assessment, Questionnaire
    from dxcheck.io.load import LoadedAssessment

ENV_VAR = "DXCHECK_DATA_DIR"
STATE_FORMAT = "dxcheck.session/1"

# Where a session came from, as the start screen labels it.
ORIGIN_NEW = "new"  # 新規: started in the wizard
ORIGIN_OPENED = "opened"  # 開いたファイル: an answer file opened (the file itself is untouched)
ORIGIN_MERGED = "merged"  # 統合: respondents' files merged for a workshop
ORIGINS = (ORIGIN_NEW, ORIGIN_OPENED, ORIGIN_MERGED)
MAX_LABEL = 40  # a session's own name: one line of the start screen


def data_dir() -> Path:
    """The user's data directory for dxcheck; `DXCHECK_DATA_DIR` overrides it (tests do)."""
    override = os.environ.get(ENV_VAR, "").strip()
    if override:
        return Path(override).expanduser()
    import platformdirs  # only when needed: it is not on the listing's fast path otherwise

    return Path(platformdirs.user_data_dir("dxcheck", appauthor=False))


@dataclass(frozen=True, slots=True)
class Position:
    """Where the user was: a screen of the wizard and, on the question screen, the question."""

    screen: str = "profile"  # profile | question | review | results
    question: str | None = None


@dataclass(frozen=True, slots=True)
class SessionState:
    """The sidecar: position, the target chosen on the results screen, and a summary."""

    position: Position = field(default_factory=Position)
    updated_at: str = ""  # ISO 8601, local time
    municipality: str = ""
    prefecture: str = ""
    assessed_on: str = ""
    answered: int = 0
    unknown: int = 0
    total: int = 0
    target: str = ""  # the results screen's target, as dxcheck.core.targets writes it
    source: str = ""  # the answer file this session was opened from, if any
    respondent: str = ""
    origin: str = ORIGIN_NEW  # one of ORIGINS
    label: str = ""  # the user's own name for the session (renamed on the start screen)

    @property
    def is_empty(self) -> bool:
        """Nothing in it yet: no municipality chosen and no question answered (abandoned)."""
        return not self.municipality and self.answered + self.unknown == 0

    def to_json(self) -> str:
        return json.dumps({"format": STATE_FORMAT, **asdict(self)}, ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str) -> SessionState:
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("format") != STATE_FORMAT:
            raise ValueError("dxcheck のセッション情報ではありません")
        pos = data.get("position") or {}
        position = Position(
            screen=str(pos.get("screen") or "profile"),
            question=pos.get("question") if isinstance(pos.get("question"), str) else None,
        )

        def text_of(key: str) -> str:
            value = data.get(key)
            return value if isinstance(value, str) else ""

        def count(key: str) -> int:
            value = data.get(key)
            return value if isinstance(value, int) and value >= 0 else 0

        target = data.get("target")
        if isinstance(target, dict):
            # sidecars before the one target text kept {"kind", "city", "custom"}
            from dxcheck.core.targets import legacy_target_text

            target = legacy_target_text(target)
        source = text_of("source")
        origin = text_of("origin")
        if origin not in ORIGINS:
            # sidecars written before the origin was kept: an opened file kept its path, and a
            # merged file was always left in the workshop view
            origin = (
                ORIGIN_OPENED
                if source
                else ORIGIN_MERGED
                if position.screen == "workshop"
                else ORIGIN_NEW
            )
        return cls(
            position=position,
            updated_at=text_of("updated_at"),
            municipality=text_of("municipality"),
            prefecture=text_of("prefecture"),
            assessed_on=text_of("assessed_on"),
            answered=count("answered"),
            unknown=count("unknown"),
            total=count("total"),
            target=target if isinstance(target, str) else "",
            source=source,
            respondent=text_of("respondent"),
            origin=origin,
            label=text_of("label")[:MAX_LABEL],
        )


@dataclass(frozen=True, slots=True)
class SessionInfo:
    """One saved self-check as the start screen lists it."""

    id: str
    answer_path: Path
    state: SessionState

    @property
    def updated(self) -> datetime | None:
        try:
            return datetime.fromisoformat(self.state.updated_at)
        except ValueError:
            return None


@dataclass(frozen=True, slots=True)
class SaveJob:
    """Everything one autosave writes. The assessment must be a copy the UI no longer edits."""

    session_id: str
    assessment: Assessment
    questionnaire: Questionnaire
    state: SessionState


class SessionStore:
    """Sessions under `root/sessions`. Nothing here is written except by `save`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folder = root / "sessions"

    def new_id(self, now: datetime) -> str:
        return f"{now:%Y%m%d-%H%M%S}-{secrets.token_hex(3)}"

    def answer_path(self, session_id: str) -> Path:
        return self.folder / f"{session_id}.toml"

    def state_path(self, session_id: str) -> Path:
        return self.folder / f"{session_id}.json"

    # ------------------------------------------------------------ reading

    def list_sessions(self) -> list[SessionInfo]:
        """Every session, the most recently changed first, except that abandoned empty ones
        (no municipality, no answer) come after all the others. A sidecar that cannot be read
        is replaced by what the answer file itself says; neither file is ever changed here."""
        try:
            answer_files = [
                p for p in self.folder.glob("*.toml") if not p.name.startswith(".") and p.is_file()
            ]
        except OSError:
            return []
        infos = [SessionInfo(p.stem, p, self._state_or_fallback(p)) for p in answer_files]
        infos.sort(key=lambda i: (not i.state.is_empty, i.state.updated_at, i.id), reverse=True)
        return infos

    def read_state(self, session_id: str) -> SessionState:
        return self._state_or_fallback(self.answer_path(session_id))

    def _state_or_fallback(self, answer_path: Path) -> SessionState:
        try:
            return SessionState.from_json(
                answer_path.with_suffix(".json").read_text(encoding="utf-8")
            )
        except (OSError, ValueError, TypeError):
            return _state_from_answer_file(answer_path)

    def load(self, session_id: str) -> LoadedAssessment:
        """The session's answer file, read like any other (raises InputError if broken)."""
        from dxcheck.io.load import read_assessment

        return read_assessment(self.answer_path(session_id))

    # ------------------------------------------------------------ writing

    def save(self, job: SaveJob) -> None:
        """Write the answer file, then the sidecar; each atomically. Raises WriteError."""
        from dxcheck.core.answers import to_toml

        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WriteError(
                f"{self.folder} を作れませんでした: {exc.strerror or exc}。"
                "元のファイルはそのまま残っています"
            ) from None
        atomic_write_text(
            self.answer_path(job.session_id), to_toml(job.assessment, job.questionnaire)
        )
        atomic_write_text(self.state_path(job.session_id), job.state.to_json())

    def rename(self, session_id: str, label: str) -> SessionState:
        """Give a session the user's own name (blank: none), kept in its sidecar only; the
        answer file is not touched. Returns the new sidecar. Raises WriteError."""
        state = replace(self.read_state(session_id), label=" ".join(label.split())[:MAX_LABEL])
        atomic_write_text(self.state_path(session_id), state.to_json())
        return state

    def delete(self, session_id: str) -> None:
        """Remove a session: its answer file and its sidecar. Raises WriteError."""
        for path in (self.answer_path(session_id), self.state_path(session_id)):
            try:
                path.unlink()
            except FileNotFoundError:
                continue
            except OSError as exc:
                raise WriteError(f"{path} を削除できませんでした: {exc.strerror or exc}") from None

    # ------------------------------------------------------------ one writer per session

    def lock(self, session_id: str) -> SessionLock | None:
        """Claim the session for this process: None when another process (another browser
        tab of `dxcheck serve`, another terminal) has it open — it may then only be read.
        The claim is an OS lock on `<id>.lock`, so a killed process leaves no stale claim."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle = open(self.folder / f"{session_id}.lock", "a+b")  # noqa: SIM115
        except OSError:
            return None
        if not _try_lock(handle):
            handle.close()
            return None
        return SessionLock(session_id, handle)

    def remove_stale_temporaries(self, older_than: float = 60.0) -> int:
        """Delete `.*.tmp` files a killed write left here (atomic writes make them; a live
        write lasts milliseconds, so one older than a minute belongs to no one)."""
        import time

        removed = 0
        try:
            candidates = list(self.folder.glob(".*.tmp"))
        except OSError:
            return 0
        for tmp in candidates:
            with contextlib.suppress(OSError):
                if tmp.is_file() and time.time() - tmp.stat().st_mtime > older_than:
                    tmp.unlink()
                    removed += 1
        return removed


class SessionLock:
    """A held claim on a session; released by `release` or when the process ends."""

    def __init__(self, session_id: str, handle: Any) -> None:
        self.session_id = session_id
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            with contextlib.suppress(OSError):
                _unlock(self._handle)
            self._handle.close()
            self._handle = None


def _try_lock(handle: Any) -> bool:
    try:
        if os.name == "nt":  # pragma: no cover - Windows
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(handle: Any) -> None:
    if os.name == "nt":  # pragma: no cover - Windows
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _state_from_answer_file(path: Path) -> SessionState:
    """A summary read straight from the TOML (no validation) when the sidecar is gone."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
        stamp = datetime.fromtimestamp(path.stat().st_mtime).isoformat(timespec="seconds")
    except (OSError, ValueError, UnicodeDecodeError):
        return SessionState()
    municipality = _table(data, "municipality")
    meta = _table(data, "meta")
    answers = [a for a in _table(data, "answers").values() if isinstance(a, dict)]
    answered = sum(1 for a in answers if not a.get("unknown") and ("level" in a or "value" in a))
    unknown = sum(1 for a in answers if a.get("unknown"))
    return SessionState(
        position=Position("question"),
        updated_at=stamp,
        municipality=str(municipality.get("name", "")),
        prefecture=str(municipality.get("prefecture", "")),
        assessed_on=str(meta.get("assessed_on", "")),
        answered=answered,
        unknown=unknown,
        total=0,
        respondent=str(meta.get("respondent", "")),
    )


def _table(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    return value if isinstance(value, dict) else {}


# ---------------------------------------------------------------- the autosave queue

J = TypeVar("J")


class LatestOnlyWriter(Generic[J]):
    """Serialises writes from any number of threads, always writing the newest job.

    `submit` (UI thread) replaces the pending job; `write_pending` (a worker thread) takes the
    newest pending job and writes it. Writes never overlap, and an older state can never
    overwrite a newer one, whatever order the worker threads run in.
    """

    def __init__(self, write: Callable[[J], None]) -> None:
        self._write = write
        self._pending: J | None = None
        self._pending_lock = threading.Lock()
        self._write_lock = threading.Lock()

    def submit(self, job: J) -> None:
        with self._pending_lock:
            self._pending = job

    @property
    def has_pending(self) -> bool:
        with self._pending_lock:
            return self._pending is not None

    def write_pending(self) -> bool:
        """Write the newest pending job, if any. Raises what `write` raises (WriteError)."""
        with self._write_lock:
            with self._pending_lock:
                job, self._pending = self._pending, None
            if job is None:
                return False
            try:
                self._write(job)
            except BaseException:
                # keep the unsaved state for the next attempt unless a newer one arrived
                with self._pending_lock:
                    if self._pending is None:
                        self._pending = job
                raise
            return True
