"""Hostile answer files: what a fuzzer and a prefecture's messy mail produce.

Shared by the tests (fixed files and a hypothesis strategy) and scripts/fuzz_inputs.py (a
campaign of thousands). Every text here must be compared or refused with a located Japanese
reason — never a traceback, never a hang, never silently dropped.
"""

from __future__ import annotations

import datetime as dt
import os
import random
from collections.abc import Callable
from pathlib import Path

from dxcheck.core.answers import to_toml
from dxcheck.core.model import Questionnaire
from dxcheck.io.municipalities import in_prefecture

from .samples import synthetic_assessment

TOWN = next(m for m in in_prefecture("北海道") if m.code == "011002")  # 札幌市: a leading zero


def good_text(questionnaire: Questionnaire, seed: int = 0) -> str:
    return to_toml(synthetic_assessment(questionnaire, TOWN, seed=seed), questionnaire)


def _with(good: str, old: str, new: str) -> str:
    assert old in good, old
    return good.replace(old, new, 1)


def fixed_texts(questionnaire: Questionnaire) -> dict[str, str | bytes]:
    """One file per attack named in issue 9 (and a few more), by a short name."""
    good = good_text(questionnaire)
    first = questionnaire.questions[0].id
    level_line = next(line for line in good.splitlines() if line.startswith("level = "))
    code_line = f'code = "{TOWN.code}"'
    header = good.split("[answers")[0]
    future = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    return {
        "deep-array": header + "x = " + "[" * 450 + "]" * 450 + "\n",
        "deep-table": header + "x = " + "{a = " * 450 + "1" + "}" * 450 + "\n",
        "deep-extra-ok-for-tomli": header + "[municipality.x]\n" + "y = " + "[" * 100 + "]" * 100,
        "key-parts": header + ".".join(["k"] * 1200) + " = 1\n",
        "key-parts-999": header + ".".join(["k"] * 999) + " = 1\n",
        "huge-int": header + "x = " + "9" * 5001 + "\n",
        "huge-level": _with(good, level_line, "level = " + "9" * 5001),
        "level-true": _with(good, level_line, "level = true"),
        "level-string": _with(good, level_line, 'level = "5"'),
        "level-float": _with(good, level_line, "level = 2.0"),
        "unknown-int": _with(good, "[answers.", '[answers."x.y"]\nunknown = 1\n[answers.'),
        "population-bool": _with(good, "population = ", "population = true\n#"),
        "value-nan": _with(good, level_line, "value = nan"),
        "value-inf": _with(good, level_line, "value = -inf"),
        "code-spaces": _with(good, code_line, f'code = " {TOWN.code} "'),
        "code-fullwidth": _with(good, code_line, 'code = "０１１００２"'),
        "code-int": _with(good, code_line, "code = 11002"),
        "future-date": _with(good, "assessed_on = ", f"assessed_on = {future}\n#"),
        "eof-syntax": good + 'note = "never closed',
        "eof-equals": good + "x =",
        "u2028-note": _with(
            good, "[answers.", '[answers."a.b"]\nnote = "a\u2028b\u0085c"\n[answers.'
        ),
        "esc-name": _with(
            good,
            "[municipality]",
            '[municipality]\nnickname = "\\u001b]52;c;ZXZpbA==\\u0007\\u001b[2J"',
        ),
        "esc-key": header + '"\\u001b[31mred" = 1\n',
        "esc-code": _with(good, code_line, 'code = "\\u001b[2J011002"'),
        "markup-note": _with(
            good, "[answers.", '[answers."m.n"]\nnote = "[/] [reverse]x"\n[answers.'
        ),
        "long-reason": _with(good, level_line, 'level = "' + "長" * 100_000 + '"'),
        "nested-extra": _with(
            good,
            "[municipality]",
            "[municipality.extra.a.b.c.d.e.f]\ng = [[[[1]]]]\n[municipality]",
        ),
        "datetime-date": _with(good, "assessed_on = ", "assessed_on = 2026-11-01T10:00:00\n#"),
        "array-answers": good.split("[municipality]")[0] + "answers = [1, 2]\n",
        "format-wrong": _with(good, 'format = "dxcheck.assessment/1"', 'format = "x"'),
        "unknown-question": good + '\n[answers."nope.none"]\nlevel = 1\n',
        "duplicate-key": good + f'\n[answers."{first}"]\nlevel = 1\n',
        "empty": "",
        "bom-only": "\ufeff",
        "binary": b"\x00\x01\x02" * 100,
        "shift-jis": good.encode("shift_jis", errors="replace"),
        "half": good[: len(good) // 2],
        "crlf": good.replace("\n", "\r\n"),
        "nul-in-string": _with(good, "[answers.", '[answers."n.n"]\nnote = "a\\u0000b"\n[answers.'),
        "too-big": good + "#" + "x" * (2 * 1024 * 1024) + "\n",
    }


MUTATIONS: list[Callable[[random.Random, str], str]] = [
    lambda r, t: t[: r.randrange(len(t) + 1)],  # cut short
    lambda r, t: (lambda i: t[:i] + r.choice('[]{}="\\\n#.,\x00\u2028') + t[i:])(
        r.randrange(len(t) + 1)
    ),
    lambda r, t: (lambda i: t[:i] + t[i + r.randrange(1, 40) :])(r.randrange(len(t) + 1)),
    lambda r, t: t.replace(
        "level = ",
        r.choice(
            [
                "level = true",
                'level = "3"',
                "level = -1",
                "level = 1e3",
                "level = nan",
                "level = [1]",
            ]
        )
        + "#",
        1,
    ),
    lambda r, t: t.replace(
        "= ",
        "= "
        + r.choice(["[", "{", '"', "'''", "inf", "0x", "1979-05-27T", "9" * r.randrange(1, 6000)]),
        1,
    ),
    lambda r, t: t + "\n" + ".".join(["k"] * r.randrange(1, 1500)) + " = 1\n",
    lambda r, t: t + "\nx = " + "[" * (n := r.randrange(1, 600)) + "]" * n + "\n",
    lambda r, t: t.replace("[answers.", "[answers." * r.randrange(1, 4), 1),
    lambda r, t: t.replace('"', r.choice(["'", '"""', ""]), r.randrange(1, 6)),
    lambda r, t: t + f"\n[municipality.{'x.' * r.randrange(1, 80)}y]\nz = 1\n",
]


def mutated(rng: random.Random, text: str, rounds: int = 3) -> str:
    for _ in range(rng.randrange(1, rounds + 1)):
        text = rng.choice(MUTATIONS)(rng, text)
    return text


def write_text(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8", errors="surrogatepass"))
    return path


def special_paths(folder: Path, good: str) -> dict[str, Path]:
    """Paths that are no plain file, or hidden, or odd: the comparison must name each."""
    folder.mkdir(parents=True, exist_ok=True)
    made: dict[str, Path] = {}
    if hasattr(os, "mkfifo"):
        made["fifo"] = folder / "pipe.toml"
        os.mkfifo(made["fifo"])
    made["loop"] = folder / "loop.toml"
    made["loop"].symlink_to(folder / "loop.toml")
    made["dangling"] = folder / "dangling.toml"
    made["dangling"].symlink_to(folder / "nowhere.toml")
    made["hidden"] = write_text(folder / ".hidden.toml", good)
    made["appledouble"] = write_text(folder / "._mac.toml", b"\x00\x05\x16\x07")
    made["upper"] = write_text(folder / "UPPER.TOML", good)
    made["folder-named-toml"] = folder / "dir.toml"
    made["folder-named-toml"].mkdir()
    made["hidden-folder"] = folder / ".cache"
    write_text(made["hidden-folder"] / "inside.toml", good)
    target = folder.parent / f"{folder.name}-elsewhere"
    write_text(target / "x.toml", good)
    made["symlinked-folder"] = folder / "linked"
    made["symlinked-folder"].symlink_to(target, target_is_directory=True)
    return made


FIXED_TOWN_CODE = "011002"
