"""Scale benchmark for `dxcheck compare` (issue: prefecture comparison).

Generates one synthetic answer file per municipality of Japan (1,741: the wards of designated
cities excluded), then times, in the same run and as whole processes:
  A. parsing the same files with tomllib alone (the floor any reader pays), and
  B. `dxcheck compare DIR --csv --xlsx`,
and prints the medians, the ratio B/A, and B's peak memory. With --pdf it also times the PDF for
the largest prefecture (179 municipalities, 北海道) and the national PDF of all 1,741
municipalities, each with its peak memory (goal for the national one: ≤ 10 s, ≤ 400 MB).
The machine is shared: run it when it is quiet, and read the medians, not single runs.

Usage: .venv/bin/python scripts/bench_compare.py [--runs 5] [--pdf]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The synthetic answer files live with the tests (they are test data, not part of the package).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dxcheck.core.answers import to_toml
from dxcheck.io.load import load_questionnaire
from dxcheck.io.municipalities import all_municipalities
from tests.samples import synthetic_assessment

PARSE_ONLY = """
import sys, tomllib, pathlib
for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.toml')):
    tomllib.loads(p.read_text(encoding='utf-8'))
"""


def generate(folder: Path) -> int:
    q = load_questionnaire()
    municipalities = [m for m in all_municipalities() if " " not in m.name]
    for i, m in enumerate(municipalities):
        sub = folder / m.prefecture
        sub.mkdir(exist_ok=True)
        (sub / f"{m.code}.toml").write_text(to_toml(synthetic_assessment(q, m, seed=i), q), "utf-8")
    return len(municipalities)


def peak_mib(cmd: list[str]) -> float:
    """Peak RSS of one run of `cmd`, measured in a fresh process tree of its own."""
    out = subprocess.run(
        [sys.executable, "-c",
         "import resource,subprocess,sys;subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,"
         "stderr=subprocess.DEVNULL);print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)",
         *cmd],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return int(out.stdout) / 1024


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss of children is the max over all reaped children: report it, not a difference
    return wall, max(peak, before) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pdf", action="store_true")
    args = parser.parse_args()
    dxcheck = str(Path(sys.executable).with_name("dxcheck"))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        files = root / "answers"
        files.mkdir()
        count = generate(files)
        parse_cmd = [sys.executable, "-c", PARSE_ONLY, str(files)]
        compare_cmd = [dxcheck, "compare", str(files), "--quiet",
                       "--csv", str(root / "c.csv"), "--xlsx", str(root / "c.xlsx")]  # fmt: skip
        timed(parse_cmd)  # warm the page cache
        parse_times, compare_times, peaks = [], [], []
        for _ in range(args.runs):
            parse_times.append(timed(parse_cmd)[0])
            wall, _ = timed(compare_cmd)
            compare_times.append(wall)
        # peak memory of the compare run alone, measured in a fresh process tree
        peaks.append(peak_mib(compare_cmd))
        a, b = statistics.median(parse_times), statistics.median(compare_times)
        print(f"files: {count}; runs: {args.runs}")
        print(
            f"A tomllib parse only   median {a:.2f} s (min {min(parse_times):.2f}, max {max(parse_times):.2f})"
        )
        print(
            f"B compare --csv --xlsx median {b:.2f} s (min {min(compare_times):.2f}, max {max(compare_times):.2f})"
        )
        print(f"ratio B/A {b / a:.2f}  (goal ≤ 3)")
        print(f"B peak memory {peaks[0]:.0f} MiB  (goal < 300)")
        if args.pdf:
            hokkaido = files / "北海道"
            pdf_cmd = [dxcheck, "compare", str(hokkaido), "--quiet", "-o", str(root / "c.pdf")]
            times = [timed(pdf_cmd)[0] for _ in range(args.runs)]
            n = len(list(hokkaido.glob("*.toml")))
            print(
                f"C compare -o PDF for {n} municipalities median {statistics.median(times):.2f} s"
                f" (min {min(times):.2f}, max {max(times):.2f}; goal ≤ 10)"
            )
            national_cmd = [dxcheck, "compare", str(files), "--quiet", "-o", str(root / "n.pdf")]
            times = [timed(national_cmd)[0] for _ in range(args.runs)]
            print(
                f"D compare -o PDF for all {count} municipalities median"
                f" {statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f};"
                f" goal ≤ 10), peak memory {peak_mib(national_cmd):.0f} MiB (goal ≤ 400)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
