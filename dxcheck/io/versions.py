"""Reading an answer file of an older questionnaire version: find the questionnaire it was
answered under, map it to the current one (`dxcheck.core.versions`), and turn each note into a
located warning for `validate` (at the old answer's line)."""

from __future__ import annotations

from dataclasses import replace

from dxcheck.core.errors import Problem, Severity
from dxcheck.core.model import Questionnaire
from dxcheck.core.versions import can_upgrade, upgrade
from dxcheck.io.load import LoadedAssessment, field_name, load_questionnaire_version


def upgrade_loaded(loaded: LoadedAssessment, current: Questionnaire) -> LoadedAssessment:
    """The file read under `current` when that questionnaire ships a mapping from the file's
    version; otherwise the file as it is (checks then compare on the shared questions).
    Every reader that checks a file against a questionnaire calls this first."""
    a = loaded.assessment
    if not can_upgrade(a, current):
        return loaded
    old = load_questionnaire_version(a.questionnaire_version)
    result = upgrade(a, old, current)
    doc = loaded.doc
    name = str(doc.path)
    warnings = [
        Problem(
            name,
            result.summary(current.version),
            "questionnaire_version",
            doc.line(("questionnaire_version",)),
            Severity.WARNING,
        )
    ]
    for note in result.notes:
        if note.text:
            loc = ("answers", note.old_id)
            warnings.append(
                Problem(name, note.text, field_name(loc), doc.line(loc), Severity.WARNING)
            )
    return replace(
        loaded,
        assessment=result.assessment,
        warnings=[*loaded.warnings, *warnings],
        from_version=result.from_version,
    )
