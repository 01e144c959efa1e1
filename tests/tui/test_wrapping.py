"""One Japanese line breaking for every widget and notification: no character is ever lost,
at any width from 40 to 200 cells (the reported losses: 「…あるが年1回程度」 read
「…あるが 1回程度」; a notification read 「推進会議は  るが」)."""

from __future__ import annotations

import asyncio
import html
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.text import Text
from textual.app import App, ComposeResult
from textual.content import Content

from dxcheck.tui.widgets.ja_text import JaRows, JaStatic
from dxcheck.tui.wrap import hanging, prewrap, wrap_content, wrap_text

ALPHABET = (
    "あいうえおかがきくけこさしすせそたちつてとなにぬねのはばぱまみむめもやゆよらりるれろわをん"
    "ぁぃぅぇぉっゃゅょアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモ"
    "ャュョッー年月日回程度推進会議計画見直市町村本団体窓口手続"
    "、。・：；？！（）「」『』【】…０１２３４５６７８９％"
    "abcdefghijklmnopqrstuvwxyzABCXYZ0123456789-_./:@%(),!? "
)
texts = st.text(alphabet=ALPHABET, min_size=1, max_size=400)
widths = st.integers(min_value=40, max_value=200)
REPORTED = (
    "計画はあるが年1回程度しか見直していない。推進会議は年2回開いているが、議題は報告が中心である。"
)


def _kept(text: str) -> str:
    return text.replace(" ", "")


@given(texts, widths)
def test_wrap_content_loses_nothing_and_fits(text: str, width: int) -> None:
    lines = wrap_content(Content(text), width)
    assert _kept("".join(line.plain for line in lines)) == _kept(text)
    assert all(line.cell_length <= width for line in lines)


@given(texts, widths)
def test_wrap_text_and_prewrap_lose_nothing(text: str, width: int) -> None:
    lines = wrap_text(Text(text), width)
    assert _kept("".join(line.plain for line in lines)) == _kept(text)
    wrapped = prewrap(text, width)
    assert _kept(wrapped.replace("\n", "")) == _kept(text)
    assert all(cell_len(line) <= width for line in wrapped.split("\n"))


@given(texts, widths, st.integers(min_value=0, max_value=30))
def test_hanging_rows_lose_nothing(text: str, width: int, indent: int) -> None:
    prefix = Content("佐" * (indent // 2) + " " * (indent % 2))
    lines = hanging(prefix, Content(text), width)
    cut = [len(prefix.plain)] + [indent] * (len(lines) - 1)  # characters, not cells
    body = "".join(line.plain[n:] for line, n in zip(lines, cut, strict=True))
    assert _kept(body) == _kept(text)
    assert all(line.cell_length <= max(width, indent + 2) for line in lines)


class _Shown(App[None]):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield JaStatic(self.text, id="static")
        rows = JaRows(id="rows")
        rows.set_rows([(Content("佐藤（総務課） レベル 1 "), Content(self.text))])
        yield rows


def _screen_text(app: App[None]) -> str:
    svg = app.export_screenshot()
    return "".join(html.unescape(t) for t in re.findall(r"<text [^>]*>(.*?)</text>", svg))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=ALPHABET.replace(" ", ""), min_size=20, max_size=160), widths)
def test_on_screen_every_character_is_drawn(text: str, width: int) -> None:
    """Drawn by Textual in a terminal of that width: the characters on the screen are the text
    twice (plain and as a table row), in order, none replaced by a blank."""

    async def run() -> str:
        app = _Shown(text)
        async with app.run_test(size=(width, 60)) as pilot:
            await pilot.wait_for_scheduled_animations()
            return _screen_text(app)

    shown = _kept(asyncio.run(run()).replace("\xa0", " "))
    assert _kept(text) in shown
    assert "佐藤（総務課）レベル1" + _kept(text)[:10] in shown


def test_the_reported_sentence_at_every_width() -> None:
    for width in range(40, 201):
        assert _kept(prewrap(REPORTED, width).replace("\n", "")) == _kept(REPORTED)
