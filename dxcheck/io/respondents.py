"""Workshop respondents' files: read and check each as `dxcheck merge` does, then merge."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dxcheck.core.errors import Problem, Severity
from dxcheck.core.merge import MergeResult, Respondent, merge
from dxcheck.core.model import Questionnaire
from dxcheck.io.collect import check_file

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
    if len(paths) < MIN_FILES:
        return PreparedMerge(None, refusal="まとめるには2つ以上の回答ファイルが必要です")
    respondents: list[Respondent] = []
    problems: list[Problem] = []
    failed = False
    for path in paths:
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
    return PreparedMerge(result, respondents, problems)
