"""Static text that wraps Japanese properly (see dxcheck.tui.wrap), and a clamped variant."""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from dxcheck.tui.wrap import hanging, join_lines, wrap_content


class JaStatic(Widget):
    """Like Static, but lines break between Japanese characters, not only at spaces.

    The content is never parsed as markup: user text (notes, names) shows as typed.
    """

    DEFAULT_CSS = """
    JaStatic {
        height: auto;
        text-wrap: nowrap;
    }
    """

    def __init__(
        self, content: Content | str = "", *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._content = Content(content) if isinstance(content, str) else content

    @property
    def content(self) -> Content:
        return self._content

    def update(self, content: Content | str) -> None:
        self._content = Content(content) if isinstance(content, str) else content
        self.refresh(layout=True)

    def lines(self, width: int) -> list[Content]:
        return wrap_content(self._content, width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Content:
        return join_lines(self.lines(self.content_region.width))


class ClampedText(JaStatic):
    """At most `max_lines` lines with a hint that there is more, unless expanded.

    Used for a question's help on short terminals (80×24), where the full help would push the
    levels off the screen; the user opens it with a key.
    """

    expanded: reactive[bool] = reactive(False, layout=True)
    clamp: reactive[bool] = reactive(True, layout=True)

    def __init__(self, hint: str, lines: int = 2, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hint = hint
        self.max_lines = lines

    def update(self, content: Content | str) -> None:
        self.expanded = False
        super().update(content)

    def lines(self, width: int) -> list[Content]:
        lines = super().lines(width)
        if self.expanded or not self.clamp or len(lines) <= self.max_lines or width <= 0:
            return lines
        hint = Content.styled(self.hint, "$text-accent")
        kept = lines[: self.max_lines]
        room = max(width - hint.cell_length, 1)
        last = kept[-1]
        kept[-1] = (last.truncate(room - 1) + "…" if last.cell_length >= room else last) + hint
        return kept


class JaRows(JaStatic):
    """Rows of 「fixed columns | text」, the text wrapped with a hanging indent at the
    widget's own width (dxcheck.tui.wrap.hanging): a table drawn with the one Japanese line
    breaking, instead of a rich Table whose cells Textual may crop at a scrollbar."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._rows: list[tuple[Content, Content]] = []

    def set_rows(self, rows: list[tuple[Content, Content]]) -> None:
        """Each row: its fixed columns (already padded to line up) and its text."""
        self._rows = rows
        self.refresh(layout=True)

    def update(self, content: Content | str) -> None:
        self._rows = []
        super().update(content)

    def lines(self, width: int) -> list[Content]:
        if not self._rows:
            return super().lines(width)
        out: list[Content] = []
        for prefix, text in self._rows:
            out += hanging(prefix, text, width)
        return out
