"""User text made safe for a terminal: control characters shown, never obeyed.

A municipality name, a file name, an unknown key or a reason quoting a value can carry ESC
sequences (which rewrite the screen, set the window title or — OSC 52 — the clipboard),
carriage returns that overwrite a line, or bidirectional overrides that reorder it. Printed
through `printable`, each such character appears as a visible escape (`\\x1b`, `\\u202e`).
"""

from __future__ import annotations

import re

# C0 and C1 controls except none (a newline inside a name is as suspect as an ESC), DEL,
# bidirectional embeddings/overrides/isolates, and the Unicode line/paragraph separators
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with every control character replaced by its visible escape."""
    return _UNSAFE.sub(_escape, text)


def clipped(text: str, limit: int) -> str:
    """At most `limit` characters, ending with … when cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def json_printable(text: str) -> str:
    """JSON text (json.dumps with ensure_ascii=False) with the same characters written as
    `\\uXXXX` escapes, which JSON readers decode back: still valid, now terminal-safe. The
    layout's own newlines stay (json.dumps has already escaped those inside strings)."""
    return _UNSAFE.sub(lambda m: "\n" if m.group() == "\n" else f"\\u{ord(m.group()):04x}", text)
