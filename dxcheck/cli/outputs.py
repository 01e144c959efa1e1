"""Whether a command's output files may be written — one rule for every command that writes
reports, plans or comparisons (answer files are written by `template` and `merge`, which
decide for themselves when one may be replaced).

Asked before any work, so that a refusal costs the user nothing and writes nothing.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from dxcheck.core.printable import printable
from dxcheck.io.store import WriteError, check_output


def refuse_outputs(outputs: Sequence[Path | None], inputs: Sequence[Path]) -> str | None:
    """Why these outputs can't be written (Japanese, for the terminal), or None when they can:
    one file named twice, a name ending in .toml (it would pass for an answer file), an
    input file, an existing answer file, or something that is no regular file."""
    named = [p for p in outputs if p is not None]
    if len({os.path.realpath(p) for p in named}) < len(named):
        return "同じ出力先が2回指定されています。別々の名前を指定してください"
    for out in named:
        if out.suffix.lower() == ".toml":
            return (
                f"出力先 {printable(str(out))} は回答ファイルと同じ拡張子（.toml）です。"
                "回答ファイルを上書きしないよう、別の名前を指定してください"
            )
        try:
            check_output(out, inputs)  # no device, no FIFO, never an input or an answer file
        except WriteError as exc:
            return printable(str(exc))
    return None
