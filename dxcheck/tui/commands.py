"""Command palette (Ctrl+P): jump to any area or question of the self-check being edited."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

if TYPE_CHECKING:
    from dxcheck.tui.app import DxcheckApp


class QuestionnaireCommands(Provider):
    """「分野: …」 and 「質問: …」 entries; empty until a self-check is open."""

    def _entries(self) -> list[tuple[str, str, Callable[[], None]]]:
        from dxcheck.progress import locate, ordered_questions
        from dxcheck.tui.labels import area_short

        app: DxcheckApp = self.app  # type: ignore[assignment]
        if app.session is None or app.data is None:
            return []
        q = app.data.questionnaire
        entries: list[tuple[str, str, Callable[[], None]]] = []
        for number, area in enumerate(q.areas, start=1):
            entries.append(
                (
                    f"分野 {number}: {area.name}",
                    area.description,
                    partial(app.goto_area, area.id),
                )
            )
        for question in ordered_questions(q):
            where = locate(q, question.id)
            label = f"{area_short(where.area)} {where.area_number}-{where.number_in_area}"
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
