"""Line breaking for Japanese text in a terminal.

Textual and rich break lines only at spaces and fold a "word" wider than the line. Japanese
has no spaces, so a sentence following a single space (「Enter でその質問へ…」) moves whole to
the next line and leaves a short, odd-looking line behind. Here a line may break between any
two characters, except:
- inside a run of ASCII letters and digits (a word, a number, a file name);
- before closing punctuation and small kana (行頭禁則: 、。）」 …);
- after opening brackets (行末禁則: （「 …).
Widths are terminal cells (wide characters count two). A character that cannot fit at all
(a line narrower than it) gets a line of its own.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len, get_character_cell_size
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text
from textual.content import Content

NO_LINE_START = frozenset(
    "、。，．・：；？！ーゝゞヽヾ々）」』】〕］｝〉》…‥"
    "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
    ",.;:!?)]}%"
)
NO_LINE_END = frozenset("（「『【〔［｛〈《([{")


def _is_word(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "_-./:@#'\"")


def _may_break(before: str, after: str) -> bool:
    """Whether a line may end between these two characters."""
    if before == " ":
        return True
    if after == " ":
        return False  # break after the space, not before it
    if after in NO_LINE_START or before in NO_LINE_END:
        return False
    return not (_is_word(before) and _is_word(after))


def break_offsets(text: str, width: int) -> list[int]:
    """Offsets at which to break one line of text (no newlines) so no line is wider than
    `width` cells (a single character wider than `width` excepted)."""
    offsets: list[int] = []
    start = 0
    used = 0
    candidate = 0  # the last place in the current line where it may break
    for i, ch in enumerate(text):
        if i > start and _may_break(text[i - 1], ch):
            candidate = i
        size = get_character_cell_size(ch)
        if used + size > width and i > start:
            cut = candidate if candidate > start else i
            if cell_len(text[cut:i]) + size > width:
                # the run the rules keep together (e.g. 「、) is wider than a line: the width
                # wins over 禁則, as in typesetting
                cut = i
            offsets.append(cut)
            start = cut
            candidate = start
            used = cell_len(text[start:i])
        used += size
    return offsets


def wrap_content(content: Content, width: int) -> list[Content]:
    """A Content split into lines of at most `width` cells, keeping its styles."""
    lines: list[Content] = []
    for line in content.split("\n", allow_blank=True):
        if width <= 0 or line.cell_length <= width:
            lines.append(line)
            continue
        lines += [part.rstrip() for part in line.divide(break_offsets(line.plain, width))]
    return lines


def wrap_text(text: Text, width: int) -> list[Text]:
    """The same for a rich Text (option prompts are rich renderables)."""
    lines: list[Text] = []
    for line in text.split("\n", allow_blank=True):
        if width <= 0 or line.cell_len <= width:
            lines.append(line)
            continue
        for part in line.divide(break_offsets(line.plain, width)):
            part.rstrip()
            lines.append(part)
    return lines


class JaText:
    """A rich renderable that wraps Japanese text with `break_offsets` (for option lists)."""

    def __init__(self, text: Text | str, style: str = "") -> None:
        self.text = text if isinstance(text, Text) else Text(text, style=style)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield Text("\n").join(wrap_text(self.text, options.max_width))

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max((cell_len(line) for line in self.text.plain.split("\n")), default=0)
        return Measurement(min(4, widest), widest)


def join_lines(lines: Iterable[Content]) -> Content:
    return Content("\n").join(lines)


def prewrap(text: str, width: int) -> str:
    """Plain text with its line breaks put in here (for widgets that wrap on their own, such
    as notifications): Textual then never has to break a line, so it cannot drop a wide
    character at a line's end."""
    out: list[str] = []
    for line in text.split("\n"):
        if width <= 0 or cell_len(line) <= width:
            out.append(line)
            continue
        start = 0
        for cut in [*break_offsets(line, width), len(line)]:
            out.append(line[start:cut].rstrip(" "))
            start = cut
    return "\n".join(out)


def hanging(prefix: Content, text: Content, width: int) -> list[Content]:
    """`text` wrapped beside a fixed-width `prefix` (a name, a level), continuation lines
    indented under the text — a table row drawn with this module's line breaking."""
    indent = prefix.cell_length
    lines = wrap_content(text, max(width - indent, 1))
    blank = Content(" " * indent)
    return [(prefix if i == 0 else blank) + line for i, line in enumerate(lines)]
