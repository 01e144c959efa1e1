"""Command palette (Ctrl+P): jump to any area or question of the self-check being edited,
and the wizard's own commands (help, theme, screens, saving, the workshop)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from dxcheck.io.sessions import Position

if TYPE_CHECKING:
    from dxcheck.tui.app import DxcheckApp


def system_commands(app: DxcheckApp) -> Iterator[SystemCommand]:
    """The palette's commands, in Japanese; those about a self-check only when one is open."""
    yield SystemCommand("ヘルプ", "使い方とキー操作を表示します（F1）", app.action_help)
    yield SystemCommand(
        "配色の切り替え",
        "暗い配色・明るい配色・投影用（高コントラスト）を順に切り替えます（Ctrl+T）",
        app.action_toggle_dark,
    )
    if app.session is not None:
        if app.is_workshop:
            yield SystemCommand(
                "ワークショップ",
                "回答者ごとのレベルとメモを並べ、合意したレベルと理由を記録します（f）",
                app.action_workshop,
            )
        yield SystemCommand(
            "プロフィール",
            "団体名・人口・回答者などを編集します",
            lambda: app.goto(Position("profile")),
        )
        yield SystemCommand(
            "回答一覧",
            "すべての回答を分野ごとに一覧し、直したり印刷用に書き出したりします",
            lambda: app.goto(Position("review")),
        )
        yield SystemCommand(
            "結果", "分野別のスコアを先行5市と比べます", lambda: app.goto(Position("results"))
        )
        yield SystemCommand(
            "名前を付けて保存",
            "回答ファイルを好きな場所に保存します（Ctrl+S）",
            app.action_save_as,
        )
        yield SystemCommand(
            "スタート画面", "別の回答を開きます（今の回答は保存済みです）", app.go_start
        )
    yield SystemCommand("終了", "dxcheck を終了します（回答は保存済みです）", app.action_quit)


class QuestionnaireCommands(Provider):
    """「分野: …」 and 「質問: …」 entries; empty until a self-check is open."""

    def _entries(self) -> list[tuple[str, str, Callable[[], None]]]:
        from dxcheck.core.progress import area_numbers, locations
        from dxcheck.tui.labels import area_short

        app: DxcheckApp = self.app  # type: ignore[assignment]
        if app.session is None or app.data is None:
            return []
        q = app.data.questionnaire
        entries: list[tuple[str, str, Callable[[], None]]] = []
        numbers = area_numbers(q)
        for area in q.areas:
            entries.append(
                (
                    f"分野 {numbers[area.id]}: {area.name}",
                    area.description,
                    partial(app.goto_area, area.id),
                )
            )
        for where in locations(q).values():
            question = where.question
            label = f"{area_short(where.area)} {where.label}"
            entries.append(
                (
                    f"質問 {label}: {question.text}",
                    question.id,
                    partial(app.goto_question, question.id),
                )
            )
        return entries

    async def discover(self) -> Hits:
        for title, help_text, callback in self._entries():
            if title.startswith("分野"):
                yield DiscoveryHit(Content(title), callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        found = False
        for title, help_text, callback in self._entries():
            score = max(matcher.match(title), matcher.match(help_text))
            if score > 0:
                found = True
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
        if not found and query.strip():
            # said in Japanese here, so that the palette's own English "No matches found"
            # does not appear for a search with no result
            yield Hit(
                0.001,
                Content(f"「{query.strip()}」に当てはまる分野・質問はありません"),
                lambda: None,
                help="言葉を短くするか、別の言い方で探してください",
            )
