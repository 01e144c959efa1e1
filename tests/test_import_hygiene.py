"""The layering, at run time: every core and io module imports, and none loads a UI or PDF library.

The static rules are import-linter's contracts in pyproject.toml (`lint-imports` in
scripts/test.sh). This test adds what a static check can't see: an import done inside a function
at import time, or a module that fails to import at all — which fails here instead of being
skipped, so a broken module can never pass for a pure one.
"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import dxcheck.core
import dxcheck.io

HEAVY = {"textual", "rich", "weasyprint", "jinja2", "textual_serve"}


def _modules_of(package: object) -> list[str]:
    path = getattr(package, "__path__")  # noqa: B009 - packages only
    prefix = getattr(package, "__name__") + "."  # noqa: B009
    return sorted(m.name for m in pkgutil.walk_packages(path, prefix))


def _loaded_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, f"import failed:\n{out.stderr}"
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_every_core_and_io_module_is_found() -> None:
    core, io = _modules_of(dxcheck.core), _modules_of(dxcheck.io)
    assert {"dxcheck.core.model", "dxcheck.core.scoring", "dxcheck.core.suggest"} <= set(core)
    assert {"dxcheck.io.load", "dxcheck.io.store", "dxcheck.io.collect"} <= set(io)


def test_core_and_io_import_no_ui_or_pdf_library() -> None:
    names = _modules_of(dxcheck.core) + _modules_of(dxcheck.io)
    modules = _loaded_after("\n".join(f"import {n}" for n in names))
    assert set(names) <= modules
    assert not {m.split(".")[0] for m in modules} & HEAVY


def test_a_module_that_fails_to_import_fails_the_check() -> None:
    """The check itself can fail: a broken import is an error, not a skip."""
    try:
        _loaded_after("import dxcheck.core.no_such_module")
    except AssertionError as exc:
        assert "ModuleNotFoundError" in str(exc)
    else:
        raise AssertionError("a missing module passed the import check")


def test_cli_validate_path_does_not_import_textual() -> None:
    modules = _loaded_after("from dxcheck.__main__ import build_parser\nbuild_parser()")
    assert "textual" not in modules and "weasyprint" not in modules
