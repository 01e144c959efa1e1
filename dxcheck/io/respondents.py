"""Workshop respondents' files: read and check each as `dxcheck merge` does, then merge."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dxcheck.core.answers import to_toml
from dxcheck.core.errors import Problem, Severity
from dxcheck.core.merge import MergeResult, Respondent, merge
from dxcheck.core.model import Questionnaire
from dxcheck.io.collect import check_file
from dxcheck.io.load import MAX_ANSWER_FILE_BYTES

MIN_FILES = 2


@dataclass
class PreparedMerge:
    """The outcome of reading respondents' files: the merge, or why there is none."""

    result: MergeResult | None
    respondents: list[Respondent] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # every file's problems, warnings too
    refusal: str = ""  # why nothing was merged (empty when merged)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]


def read_respondents(paths: Sequence[Path], questionnaire: Questionnaire) -> PreparedMerge:
    """Check each respondent's file as `dxcheck merge` does and merge them; any file with an
    error, fewer than two files, or files of different municipalities: nothing is merged."""
    problems: list[Problem] = []
    unique: list[Path] = []
    seen: dict[str, Path] = {}
    for path in paths:
        key = os.path.realpath(path)  # the same file given twice is one respondent
        if key in seen:
            problems.append(
                Problem(
                    str(path),
                    f"{seen[key]} と同じファイルです。1人分として数えます",
                    severity=Severity.WARNING,
                )
            )
            continue
        seen[key] = path
        unique.append(path)
    if len(unique) < MIN_FILES:
        return PreparedMerge(
            None, problems=problems, refusal="まとめるには2つ以上の（別々の）回答ファイルが必要です"
        )
    respondents: list[Respondent] = []
    failed = False
    for path in unique:
        checked = check_file(path, questionnaire)
        problems += checked.problems
        if not checked.ok or checked.loaded is None:
            failed = True
            continue
        a = checked.loaded.assessment
        name = a.meta.respondent or path.stem
        if name in {r.name for r in respondents}:  # two people of the same name stay two
            name = f"{name}（{path.stem}）"
        respondents.append(Respondent(name, a.meta.department, a))
    if failed:
        return PreparedMerge(
            None,
            respondents,
            problems,
            "誤りのあるファイルがあるため、まとめませんでした（ファイルは変更していません）",
        )
    result = merge(questionnaire, respondents)
    if result.problems:
        return PreparedMerge(None, respondents, problems, "\n".join(result.problems))
    size = len(to_toml(result.assessment, questionnaire).encode("utf-8"))
    if size > MAX_ANSWER_FILE_BYTES:
        # a merged file no dxcheck could open again is not written at all
        return PreparedMerge(
            None,
            respondents,
            problems,
            f"まとめた回答ファイルが大きすぎます（{size:,} バイト、上限 {MAX_ANSWER_FILE_BYTES:,} バイト）。"
            "メモを短くするか、回答者を分けてまとめてください",
        )
    return PreparedMerge(result, respondents, problems)
