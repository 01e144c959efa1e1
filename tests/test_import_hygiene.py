"""The core is pure: importing it (or running a non-UI command) loads no Textual, no WeasyPrint."""

from __future__ import annotations

import json
import subprocess
import sys

CORE = [
    "dxcheck.core.model",
    "dxcheck.io.load",
    "dxcheck.io.checks",
    "dxcheck.core.scoring",
    "dxcheck.core.answers",
    "dxcheck.io.municipalities",
    "dxcheck.io.store",
    "dxcheck.core.suggest",
    "dxcheck.core.compare",
]


def _loaded_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_core_imports_no_ui_or_pdf_library() -> None:
    importable = []
    for name in CORE:
        probe = subprocess.run([sys.executable, "-c", f"import {name}"], capture_output=True)
        if probe.returncode == 0:
            importable.append(name)
    assert "dxcheck.core.scoring" in importable
    modules = _loaded_after("\n".join(f"import {n}" for n in importable))
    assert not {m for m in modules if m.split(".")[0] in {"textual", "weasyprint", "rich"}}


def test_cli_validate_path_does_not_import_textual() -> None:
    modules = _loaded_after("from dxcheck.__main__ import build_parser\nbuild_parser()")
    assert "textual" not in modules and "weasyprint" not in modules
