"""Gathering answer files for a comparison: expand folders, read and check each file.

The IO half of comparison (dxcheck.core.compare is the pure half). Every path given ends up either
as a Submission or as a Rejected with its located reasons — never skipped without a word.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from dxcheck.core.compare import Comparison, Rejected, Submission, build_comparison, submission
from dxcheck.core.errors import InputError, Problem, Severity
from dxcheck.core.model import Questionnaire
from dxcheck.io.checks import check_assessment
from dxcheck.io.load import LoadedAssessment, diagnose_assessment, load_questionnaire
from dxcheck.io.versions import upgrade_loaded

Progress = Callable[[int, int, Path], None]


def expand(paths: Iterable[Path]) -> tuple[list[Path], list[Rejected]]:
    """Files as given, folders searched recursively for *.toml (hidden folders skipped)."""
    files: list[Path] = []
    missing: list[Rejected] = []
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found = sorted(_toml_files(path))
        elif path.exists():
            found = [path]
        else:
            missing.append(
                Rejected(str(path), (Problem(str(path), "ファイルまたはフォルダが見つかりません"),))
            )
            continue
        for f in found:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                files.append(f)
    return files, missing


def _toml_files(folder: Path) -> Iterator[Path]:
    for p in folder.rglob("*.toml"):
        if not any(part.startswith(".") for part in p.relative_to(folder).parts):
            yield p


@dataclass
class Checked:
    loaded: LoadedAssessment | None
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return self.loaded is not None and not any(
            p.severity is Severity.ERROR for p in self.problems
        )


def check_file(path: Path, questionnaire: Questionnaire | None = None) -> Checked:
    """Read and check one answer file; every problem is collected, nothing raised."""
    questionnaire = questionnaire or load_questionnaire()
    try:
        loaded, structural = diagnose_assessment(path)
    except InputError as exc:
        return Checked(None, exc.problems)
    if loaded is None:
        return Checked(None, structural)
    loaded = upgrade_loaded(loaded, questionnaire)
    problems = check_assessment(loaded, questionnaire) + structural
    problems.sort(key=lambda p: (p.line is None, p.line or 0))
    return Checked(None if structural else loaded, problems)


def check_one(path: Path, questionnaire: Questionnaire) -> Submission | Rejected:
    checked = check_file(path, questionnaire)
    if not checked.ok or checked.loaded is None:
        errors = tuple(p for p in checked.problems if p.severity is Severity.ERROR)
        return Rejected(str(path), errors)
    loaded = checked.loaded
    return submission(
        str(path), loaded.assessment, questionnaire, checked.problems, loaded.file_version
    )


def collect(
    paths: Iterable[Path], questionnaire: Questionnaire, progress: Progress | None = None
) -> Comparison:
    files, rejected = expand(paths)
    submissions: list[Submission] = []
    for i, path in enumerate(files, start=1):
        result = check_one(path, questionnaire)
        if isinstance(result, Submission):
            submissions.append(result)
        else:
            rejected.append(result)
        if progress:
            progress(i, len(files), path)
    return build_comparison(submissions, rejected, questionnaire)
