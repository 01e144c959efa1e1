"""The wizard's core helpers import no UI, and the wizard's start-up imports nothing heavy."""

from __future__ import annotations

import json
import subprocess
import sys


def loaded_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def roots(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def test_sessions_progress_and_demo_load_no_ui() -> None:
    modules = loaded_after(
        "import dxcheck.io.sessions, dxcheck.core.progress, dxcheck.io.demo, dxcheck.core.workshop,"
        " dxcheck.core.compare_table"
    )
    assert not roots(modules) & {"textual", "rich", "weasyprint", "jinja2"}


def test_listing_sessions_needs_no_pydantic() -> None:
    """The start screen lists sessions from their sidecars, before pydantic is loaded."""
    modules = loaded_after(
        "import tempfile, pathlib\n"
        "from dxcheck.io.sessions import SessionStore\n"
        "SessionStore(pathlib.Path(tempfile.mkdtemp())).list_sessions()"
    )
    assert "pydantic" not in roots(modules)


def test_an_older_sidecars_target_is_read_without_pydantic() -> None:
    """A sidecar written before the one target text keeps its target as a table; turning it
    into text (dxcheck.core.targets.legacy_target_text) loads no pydantic either."""
    modules = loaded_after(
        "import json\n"
        "from dxcheck.io.sessions import STATE_FORMAT, SessionState\n"
        "old = {'kind': 'custom', 'city': None, 'custom': {'governance': 3.5}}\n"
        "state = SessionState.from_json(json.dumps({'format': STATE_FORMAT, 'target': old}))\n"
        "assert state.target == 'custom:governance=3.5', state.target"
    )
    assert "dxcheck.core.targets" in modules
    assert "pydantic" not in roots(modules)


def test_the_wizard_starts_without_pydantic_weasyprint_or_jinja2() -> None:
    """The first screen's modules: the data, the report and its templates load later."""
    modules = loaded_after("import dxcheck.tui.app, dxcheck.tui.screens.start")
    assert "textual" in roots(modules)
    assert not roots(modules) & {"pydantic", "weasyprint", "jinja2"}
    assert "dxcheck.report" not in modules
