"""A fuzz campaign against the commands that read answer files (issue 9).

    .venv/bin/python scripts/fuzz_inputs.py --files 2000 --seed 1

Writes the fixed hostile files (tests/hostile_corpus.py), the special paths (FIFO, symlink
loop, hidden files, .TOML, a symlinked folder …) and N mutated answer files into a temporary
folder, then runs `validate`, `score --json`, `compare` (with --csv/--xlsx) and `merge` on
them — each batch in a child process with a timeout, so that a hang is counted, not waited
for. It reports:
- files tried;
- tracebacks: any exception escaping `dxcheck.__main__.main` (or "Traceback" in output);
- hangs: batches that did not finish within the timeout;
- silent drops: answer-file paths in the folder that `compare` neither compared, kept as
  an earlier assessment, nor listed as refused with a reason.
Exit status 1 if any of the three is not zero.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# the parsers' and pydantic's own wording: none of it may reach the user untranslated
ENGLISH = re.compile(
    r"Invalid [a-z]|Expected [a-z'\"]|Unterminated|Illegal character|Input should|"
    r"validation error|Exceeds the limit|Cannot (?:overwrite|declare|mutate)"
)
sys.path.insert(0, str(ROOT))


def worker(command: str, files: list[str]) -> int:
    """Run one command per file (or per pair for merge) in this process; print one JSON line
    per run with whether it raised. A hang is the parent's to notice."""
    import contextlib
    import io
    import traceback

    from dxcheck.__main__ import main

    runs: list[list[str]] = []
    out_dir = Path(tempfile.mkdtemp(prefix="fuzz-out-"))
    if command == "validate":
        runs = [["validate", f] for f in files]
    elif command == "score":
        runs = [["score", "--json", f] for f in files]
    elif command == "merge":
        runs = [
            ["merge", a, b, "-o", str(out_dir / f"m{i}.toml"), "--force"]
            for i, (a, b) in enumerate(zip(files, files[1:] + files[:1], strict=True))
        ]
    for argv in runs:
        sink = io.StringIO()
        try:
            with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
                code = main(argv)
            crashed = "Traceback" in sink.getvalue()
            detail = ""
            english = ENGLISH.findall(sink.getvalue())
        except BaseException:
            code, crashed, detail = -1, True, traceback.format_exc(limit=3)
            english = []
        print(json.dumps({"argv": argv, "code": code, "crashed": crashed, "detail": detail,
                          "english": english}))  # fmt: skip
    shutil.rmtree(out_dir, ignore_errors=True)
    return 0


def run_batch(
    command: str, files: list[str], timeout: float
) -> tuple[list[dict[str, object]], bool]:
    try:
        result = subprocess.run(
            [sys.executable, __file__, "--worker", command, *files],
            capture_output=True, text=True, timeout=timeout, cwd=ROOT,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        return [], True
    runs = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or "Traceback" in result.stderr:
        runs.append({"argv": [command], "code": result.returncode, "crashed": True,
                     "detail": result.stderr[-2000:]})  # fmt: skip
    return runs, False


def make_corpus(folder: Path, count: int, seed: int) -> list[Path]:
    from dxcheck.io.load import load_questionnaire
    from tests.hostile_corpus import fixed_texts, good_text, mutated, special_paths, write_text

    q = load_questionnaire()
    rng = random.Random(seed)
    files = [
        write_text(folder / f"fixed-{name}.toml", text) for name, text in fixed_texts(q).items()
    ]
    bases = [good_text(q, seed=i) for i in range(5)]
    for i in range(count):
        files.append(write_text(folder / f"mut-{i:05d}.toml", mutated(rng, rng.choice(bases))))
    special_paths(folder / "special", bases[0])
    return files


def silent_drops(folder: Path) -> tuple[int, int, list[str]]:
    """(paths found, paths accounted for, the dropped ones) for `compare FOLDER`."""
    from dxcheck.io.collect import collect
    from dxcheck.io.load import load_questionnaire

    comparison = collect([folder], load_questionnaire())
    accounted = {s.path for s in comparison.compared}
    accounted |= {s.path for group in comparison.earlier.values() for s in group}
    refused = {r.path for r in comparison.rejected}
    found: list[str] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in filenames + dirnames:
            path = os.path.join(dirpath, name)
            if name.lower().endswith(".toml") and not os.path.isdir(path):
                found.append(path)
    dropped = [
        p for p in found
        if p not in accounted
        and not any(p == r or p.startswith(r + os.sep) for r in refused)
    ]  # fmt: skip
    return len(found), len(found) - len(dropped), dropped


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=2000, help="mutated files (default 2000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch", type=int, default=250, help="files per child process")
    parser.add_argument("--timeout", type=float, default=300, help="seconds per batch")
    parser.add_argument("--keep", action="store_true", help="keep the corpus folder")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(args.worker[0], args.worker[1:])

    folder = Path(tempfile.mkdtemp(prefix="dxcheck-fuzz-"))
    started = time.monotonic()
    files = make_corpus(folder, args.files, args.seed)
    special = sorted(str(p) for p in (folder / "special").iterdir())
    names = [str(p) for p in files] + special
    tracebacks: list[dict[str, object]] = []
    hangs: list[str] = []
    runs = 0
    accepted = 0
    english: list[dict[str, object]] = []
    for command in ("validate", "score", "merge"):
        for start in range(0, len(names), args.batch):
            batch = names[start : start + args.batch]
            results, hung = run_batch(command, batch, args.timeout)
            runs += len(results)
            if hung:
                hangs.append(f"{command} {batch[0]} … ({len(batch)} files)")
            tracebacks += [r for r in results if r["crashed"]]
            english += [r for r in results if r.get("english")]
            if command == "validate":
                accepted += sum(1 for r in results if r["code"] == 0)
    # compare: the whole folder (with CSV and XLSX) as one real command, bounded
    out = folder.parent / f"{folder.name}-out"
    out.mkdir()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "dxcheck", "compare", str(folder), "--quiet",
             "--csv", str(out / "c.csv"), "--xlsx", str(out / "c.xlsx")],
            capture_output=True, text=True, timeout=args.timeout, cwd=ROOT,
        )  # fmt: skip
        runs += 1
        if "Traceback" in result.stdout + result.stderr or result.returncode not in (0, 1):
            tracebacks.append({"argv": ["compare"], "detail": result.stderr[-2000:]})
    except subprocess.TimeoutExpired:
        hangs.append("compare (whole folder)")
    try:
        found, accounted, dropped = silent_drops(folder)
    except Exception as exc:
        tracebacks.append({"argv": ["collect"], "detail": repr(exc)})
        found = accounted = 0
        dropped = ["(the comparison itself crashed: every path unaccounted for)"]
    elapsed = time.monotonic() - started
    print(f"files tried: {len(files)} answer files + {len(special)} special paths "
          f"({args.files} mutated, seed {args.seed})")  # fmt: skip
    print(f"command runs: {runs} (validate, score --json, merge per file; compare of the folder)")
    print(f"validate accepted {accepted}, refused {len(names) - accepted} with located reasons")
    print(f"tracebacks: {len(tracebacks)}")
    for t in tracebacks[:10]:
        print("  ", t["argv"], str(t.get("detail", ""))[-600:])
    print(f"messages with the libraries' English: {len(english)}")
    for e in english[:5]:
        print("  ", e["argv"], e["english"])
    print(f"hangs: {len(hangs)}")
    for h in hangs:
        print("  ", h)
    print(f"silent drops: {len(dropped)} (compare found {found} answer-file paths, "
          f"{accounted} compared or listed with a reason)")  # fmt: skip
    for d in dropped[:10]:
        print("  ", d)
    print(f"time: {elapsed:.0f} s")
    if args.keep:
        print(f"corpus: {folder}")
    else:
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)
    return 1 if tracebacks or hangs or dropped or english else 0


if __name__ == "__main__":
    sys.exit(main())
