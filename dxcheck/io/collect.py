"""Gathering answer files for a comparison: expand folders, read and check each file.

The IO half of comparison (dxcheck.core.compare is the pure half). Every path given ends up either
as a Submission or as a Rejected with its located reasons — never skipped without a word.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from dxcheck.core.compare import Comparison, Rejected, Submission, build_comparison, submission
from dxcheck.core.errors import InputError, Problem, Severity
from dxcheck.core.model import Questionnaire
from dxcheck.io import workspace
from dxcheck.io.checks import check_assessment
from dxcheck.io.load import (
    FORM_SUFFIXES,
    LoadedAssessment,
    diagnose_assessment,
    load_questionnaire,
)
from dxcheck.io.versions import upgrade_loaded

Progress = Callable[[int, int, Path], None]
ANSWER_SUFFIXES = (".toml", *FORM_SUFFIXES)
# `campaign init`'s own record of what it sent (dxcheck.io.campaign): no answer file, so a
# comparison over a campaign folder passes it by instead of refusing it as a hidden file
CAMPAIGN_MANIFEST = ".dxcheck-campaign.toml"


def expand(paths: Iterable[Path]) -> tuple[list[Path], list[Rejected]]:
    """Files as given; folders searched recursively for answer files and Excel forms
    (`*.toml`, `*.xlsx`, any case).

    Every path found ends up in one of the two lists: to be read, or refused with why — a
    hidden file, Excel's `~$` lock file, a folder that cannot be read, a symlinked folder (not
    followed: it could loop or lead anywhere), a FIFO or device, a name that is no longer
    there. A file given twice (or reached twice) is read once."""
    files: list[Path] = []
    refused: list[Rejected] = []
    seen: set[str] = set()
    for path in paths:
        found: list[Path] = []
        if path.is_dir():
            _walk(path, found, refused)
        elif os.path.lexists(path):
            found = [path]  # read_toml says what it is if it is no regular file
        else:
            refused.append(_refuse(path, "ファイルまたはフォルダが見つかりません"))
            continue
        fence = workspace.root()
        for f in found:
            key = os.path.realpath(f)  # never raises, even on a symlink loop
            if fence is not None and not workspace.inside(f, fence):
                refused.append(_refuse(f, "作業フォルダの外を指しているため読みません"))
            elif key not in seen:
                seen.add(key)
                files.append(f)
    return files, refused


def _refuse(path: Path, reason: str) -> Rejected:
    return Rejected(str(path), (Problem(str(path), reason),))


def _walk(folder: Path, found: list[Path], refused: list[Rejected]) -> None:
    """Depth-first, without following symlinked folders; sorted for a stable order."""
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except PermissionError:
        refused.append(
            _refuse(folder, "フォルダを読む権限がないため、中のファイルを比べられません")
        )
        return
    except OSError as exc:
        refused.append(_refuse(folder, f"フォルダを読めません（{exc.strerror or exc}）"))
        return
    for entry in entries:
        path = Path(entry.path)
        is_answer = entry.name.lower().endswith(ANSWER_SUFFIXES)
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
            is_link = entry.is_symlink()
        except OSError:
            is_dir = is_link = False
        if is_dir:
            if entry.name.startswith("."):
                if _has_toml(path):
                    refused.append(
                        _refuse(path, "隠しフォルダの中は比べません（中に回答ファイルがあります）")
                    )
                continue
            _walk(path, found, refused)
        elif is_link and os.path.isdir(path):
            refused.append(
                _refuse(
                    path,
                    "シンボリックリンクのフォルダはたどりません。実体のフォルダを指定してください",
                )
            )
        elif is_answer and entry.name != CAMPAIGN_MANIFEST:
            if entry.name.startswith("~$"):
                refused.append(_refuse(path, "Excel が開いている間の一時ファイルのため読みません"))
            elif entry.name.startswith("."):
                refused.append(
                    _refuse(
                        path,
                        "隠しファイルのため比べません（「._」で始まるものは Mac の付属ファイルです）",
                    )
                )
            else:
                found.append(path)  # read_toml refuses FIFOs, loops and the like, saying why


def _has_toml(folder: Path) -> bool:
    try:
        return any(p.name.lower().endswith(ANSWER_SUFFIXES) for p in folder.rglob("*"))
    except OSError:
        return True


@dataclass
class Checked:
    loaded: LoadedAssessment | None
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return self.loaded is not None and not any(
            p.severity is Severity.ERROR for p in self.problems
        )


def check_file(
    path: Path, questionnaire: Questionnaire | None = None, *, require_profile: bool = True
) -> Checked:
    """Read and check one answer file; every problem is collected, nothing raised. The one
    check every command and dialog uses (the wizard's Open passes require_profile=False: the
    profile can be completed on screen)."""
    questionnaire = questionnaire or load_questionnaire()
    try:
        loaded, structural = diagnose_assessment(path)
    except InputError as exc:
        return Checked(None, exc.problems)
    if loaded is None:
        return Checked(None, structural)
    loaded = upgrade_loaded(loaded, questionnaire)
    # a field refused for its type was dropped before the checks: their "is empty" about
    # the same field would only contradict the real reason
    refused = {p.field for p in structural if p.field}
    checks = [
        p
        for p in check_assessment(loaded, questionnaire, require_profile=require_profile)
        if p.field not in refused
    ]
    problems = checks + structural
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
