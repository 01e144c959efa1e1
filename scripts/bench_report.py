"""Benchmark of `dxcheck report`: median wall time from the command line, and the PDF's size.

A fully answered answer file (every question of the shipped questionnaire, varied levels, a
few わからない, notes on about half) is written to a temporary folder; `dxcheck report` runs on it
several times as a fresh subprocess, as a user would start it, alone and with `--docx --json`.
Prints the median wall time, the PDF size and its page count, against the budget (2 s, 1 MB),
and what the Word and JSON versions add (budget 1 s). Makes no assertion: timings
depend on the machine, so the test suite has none.

    .venv/bin/python scripts/bench_report.py [--runs 7] [--keep DIR]

For reference it also times `python -c "import weasyprint"` (docs/design.md §7 measured ~0.5 s):
when that is much slower, the machine is busy and the report's figure is inflated with it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from dxcheck.core.answers import new_assessment, to_toml
from dxcheck.core.model import Answer, Question
from dxcheck.io.load import load_questionnaire

BUDGET_SECONDS = 2.0
BUDGET_BYTES = 1_000_000
WORD_BUDGET_SECONDS = 1.0  # the Word (and JSON) version on top of the PDF
NOTES = (
    "令和6年度に担当課で試行を始めた。全庁展開は予算次第。",
    "情報政策係（2名）が兼務で担当。詳細は総務課に確認が必要。",
    "住民課・税務課では実施済み。福祉部門は未着手。",
)


def answer_file(folder: Path) -> Path:
    q = load_questionnaire()
    rnd = random.Random(1)
    a = new_assessment(q)
    a.municipality.name = "美郷町"
    a.municipality.code = "054348"
    a.municipality.prefecture = "秋田県"
    a.municipality.population = 18500
    a.municipality.staff = 180  # per_staff scales (questionnaire 4.1) need the head count
    a.meta.respondent = "山田 太郎"
    a.meta.department = "総務課 情報政策係"
    a.meta.assessed_on = dt.date.today()
    for question in q.questions:
        note = rnd.choice(NOTES) if rnd.random() < 0.5 else ""
        if rnd.random() < 0.05:
            a.answers[question.id] = Answer(unknown=True, note=note)
        elif question.quantity is not None:
            a.answers[question.id] = quantity_answer(question, rnd)
        else:
            a.answers[question.id] = Answer(level=rnd.choice((0, 1, 2, 2, 3, 3, 4)), note=note)
    path = folder / "answers.toml"
    path.write_text(to_toml(a, q), encoding="utf-8")
    return path


def quantity_answer(question: Question, rnd: random.Random) -> Answer:
    """A figure on the question's own scale: a share of a denominator, or the raw value."""
    qty = question.quantity
    assert qty is not None
    scaled = rnd.choice(qty.thresholds[:3])
    if qty.basis == "share":
        return Answer(value=float(round(scaled * 2)), denominator=200.0)
    if qty.basis == "per_staff":
        return Answer(value=float(round(scaled * 1.8)))
    if qty.basis == "per_resident":
        return Answer(value=float(round(scaled * 1.85)))
    return Answer(value=float(scaled))


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one run of a command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def page_count(pdf: Path) -> str:
    try:
        from pypdf import PdfReader
    except ImportError:  # pypdf is a dev dependency
        return "?"
    return str(len(PdfReader(pdf).pages))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="copy the answer file and PDF here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        answers = answer_file(folder)
        pdf = folder / "report.pdf"
        cmd = [sys.executable, "-m", "dxcheck", "report", str(answers), "-o", str(pdf)]
        docx = folder / "report.docx"
        word = [*cmd, "--docx", str(docx), "--json", str(folder / "report.json")]
        timed(cmd)  # warm the disk cache; not counted
        timed(word)
        # interleaved, so a busy spell on the machine hits both alike
        runs, word_runs = [], []
        for _ in range(args.runs):
            runs.append(timed(cmd))
            word_runs.append(timed(word))
        reference = [timed([sys.executable, "-c", "import weasyprint"])[0] for _ in range(3)]
        size = pdf.stat().st_size
        pages = page_count(pdf)
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            shutil.copy(answers, args.keep / answers.name)
            shutil.copy(pdf, args.keep / pdf.name)
    walls = [w for w, _ in runs]
    median = statistics.median(walls)
    questions = len(load_questionnaire().questions)
    print(f"dxcheck report ({args.runs} runs, fully answered, {questions} questions)")
    print(
        f"  wall median {median:.2f} s  (min {min(walls):.2f}, max {max(walls):.2f}; "
        f"budget {BUDGET_SECONDS:.1f} s) {'OK' if median <= BUDGET_SECONDS else 'OVER'}"
    )
    print(f"  CPU median {statistics.median(c for _, c in runs):.2f} s (user + system)")
    extra = statistics.median(w for w, _ in word_runs) - median
    extra_cpu = statistics.median(c for _, c in word_runs) - statistics.median(c for _, c in runs)
    print(
        f"  with --docx --json: +{extra:.2f} s wall, +{extra_cpu:.2f} s CPU (median; "
        f"budget {WORD_BUDGET_SECONDS:.1f} s) {'OK' if extra <= WORD_BUDGET_SECONDS else 'OVER'}"
    )
    print(
        f"  PDF {size:,} bytes, {pages} pages  (budget {BUDGET_BYTES:,} bytes) "
        f"{'OK' if size <= BUDGET_BYTES else 'OVER'}"
    )
    print(f"  reference: python -c 'import weasyprint' median {statistics.median(reference):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
