"""Line numbers for keys in a TOML document, so that errors can say where a field is.

tomllib gives no positions for values, so this scans the text for table headers and
`key = value` lines. It understands the shapes people and dxcheck write (tables, arrays of
tables, quoted and dotted keys, multi-line strings and arrays); for anything stranger it simply
knows fewer lines, and the error is then reported without one.
"""

from __future__ import annotations

import re

KeyPath = tuple[str | int, ...]

_BARE = re.compile(r"[A-Za-z0-9_-]+")


def _split_key(text: str) -> list[str] | None:
    """Split a (possibly dotted, possibly quoted) TOML key into its parts."""
    parts: list[str] = []
    i, n = 0, len(text)
    while i < n:
        while i < n and text[i] in " \t":
            i += 1
        if i >= n:
            break
        if text[i] in "\"'":
            quote = text[i]
            end = text.find(quote, i + 1)
            if end < 0:
                return None
            parts.append(text[i + 1 : end])
            i = end + 1
        else:
            m = _BARE.match(text, i)
            if not m:
                return None
            parts.append(m.group())
            i = m.end()
        while i < n and text[i] in " \t":
            i += 1
        if i < n:
            if text[i] != ".":
                return None
            i += 1
    return parts or None


def _key_and_rest(line: str) -> tuple[str, str] | None:
    """Split `key = value` at the first `=` outside quotes."""
    quote: str | None = None
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == "=":
            return line[:i], line[i + 1 :]
    return None


def key_lines(text: str) -> dict[KeyPath, int]:
    """Map each key path (tables, array-of-table indexes, keys) to its 1-based line."""
    lines: dict[KeyPath, int] = {}
    array_counts: dict[KeyPath, int] = {}
    table: KeyPath = ()
    open_multiline: str | None = None
    bracket_depth = 0
    # TOML ends lines with LF (or CRLF) only: str.splitlines would also split at U+2028,
    # U+0085, form feeds… inside a note, and every later line number would be wrong
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if open_multiline:
            if open_multiline in line:
                open_multiline = None
            continue
        if bracket_depth > 0:
            bracket_depth += line.count("[") - line.count("]")
            continue
        if not line or line.startswith("#"):
            continue
        if line.startswith("[[") and "]]" in line:
            parts = _split_key(line[2 : line.index("]]")])
            if parts is None:
                continue
            base: KeyPath = tuple(parts)
            index = array_counts.get(base, 0)
            array_counts[base] = index + 1
            table = (*base, index)
            lines.setdefault(base, number)
            lines[table] = number
            continue
        if line.startswith("[") and "]" in line:
            parts = _split_key(line[1 : line.index("]")])
            if parts is None:
                continue
            table = _resolve_arrays(tuple(parts), array_counts)
            lines.setdefault(table, number)
            continue
        split = _key_and_rest(line)
        if split is None:
            continue
        parts = _split_key(split[0])
        if parts is None:
            continue
        path = (*table, *parts)
        lines.setdefault(path, number)
        value = split[1].strip()
        for fence in ('"""', "'''"):
            if value.startswith(fence) and value.count(fence) == 1:
                open_multiline = fence
        if value.startswith("["):
            bracket_depth = value.count("[") - value.count("]")
    return lines


def _resolve_arrays(parts: KeyPath, array_counts: dict[KeyPath, int]) -> KeyPath:
    """`[a.b]` inside `[[a]]` means the last element of array a: insert its index."""
    resolved: list[str | int] = []
    for part in parts:
        resolved.append(part)
        count = array_counts.get(tuple(resolved))
        if count:
            resolved.append(count - 1)
    return tuple(resolved)


def line_of(lines: dict[KeyPath, int], path: KeyPath) -> int | None:
    """The line of the deepest known prefix of `path` (a missing key: its table's line)."""
    for end in range(len(path), 0, -1):
        found = lines.get(tuple(path[:end]))
        if found is not None:
            return found
    return None
