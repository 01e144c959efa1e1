"""How the start screen labels saved sessions: 団体 (or the user's own name), 回答者, where it
came from, progress with わからない apart, and when it was last changed. Rows that would read
the same are told apart by when each was started (and, failing that, by its short id)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from textual.content import Content

from dxcheck.io.sessions import ORIGIN_MERGED, ORIGIN_OPENED, SessionInfo
from dxcheck.tui.labels import progress_label

ORIGIN_LABELS = {ORIGIN_OPENED: "開いたファイル", ORIGIN_MERGED: "統合"}
NEW_LABEL = "新規"
NO_NAME = "（団体名未入力）"


def title_of(info: SessionInfo) -> str:
    """The session's own name when the user gave one, else its municipality."""
    s = info.state
    return s.label or s.municipality or NO_NAME


def origin_label(info: SessionInfo) -> str:
    return ORIGIN_LABELS.get(info.state.origin, NEW_LABEL)


def progress_text(info: SessionInfo) -> str:
    """「回答 70/75・わからない 5」: わからない counted apart from answered, as the results do."""
    s = info.state
    if s.total:
        return progress_label(s.answered, s.unknown, s.total)
    return f"回答 {s.answered}" + (f"・わからない {s.unknown}" if s.unknown else "")


def started(info: SessionInfo) -> str:
    """When the session was started, read from its id (`YYYYMMDD-HHMMSS-xxxxxx`)."""
    try:
        return f"{datetime.strptime(info.id[:15], '%Y%m%d-%H%M%S'):%m/%d %H:%M} 開始"
    except ValueError:
        return ""


def _summary(info: SessionInfo) -> tuple[str, ...]:
    s = info.state
    updated = info.updated
    return (
        title_of(info),
        s.municipality if s.label else "",
        s.respondent,
        origin_label(info),
        progress_text(info),
        s.assessed_on,
        f"{updated:%m/%d %H:%M} 更新" if updated else "",
    )


def distinguishers(infos: list[SessionInfo]) -> dict[str, str]:
    """For every session whose row would read like another's: what tells it apart."""
    counts = Counter(_summary(i) for i in infos)
    out: dict[str, str] = {}
    for info in infos:
        if counts[_summary(info)] > 1:
            out[info.id] = started(info)
    # two sessions started in the same minute: their ids' random tails differ
    second = Counter((_summary(i), out.get(i.id)) for i in infos if i.id in out)
    for info in infos:
        if info.id in out and second[(_summary(info), out[info.id])] > 1:
            out[info.id] = " ".join(filter(None, (out[info.id], f"#{info.id[-6:]}")))
    return out


def describe_session(info: SessionInfo, extra: str = "") -> Content:
    """Two lines:
    「太良町  回答者 山田 太郎  ［開いたファイル］」
    「  回答 70/75・わからない 5　回答日 2026-11-20　11/21 14:03 更新」"""
    s = info.state
    first: list[Content | tuple[str, str] | str] = [(title_of(info), "bold")]
    if s.label and s.municipality:
        first += ["  ", (s.municipality, "$text-muted")]
    first += ["  ", ("回答者 ", "$text-muted"), s.respondent or "—"]
    first += ["  ", (f"［{origin_label(info)}］", "$text-accent")]
    if s.is_empty:
        first += ["  ", ("（まだ何も入力していません）", "$text-muted")]
    updated = info.updated
    second = [
        progress_text(info),
        f"回答日 {s.assessed_on}" if s.assessed_on else "回答日未入力",
        f"{updated:%m/%d %H:%M} 更新" if updated else "",
        extra,
    ]
    return Content.assemble(
        *first, "\n  ", ("　".join(part for part in second if part), "$text-muted")
    )
