"""The wheel carries the data, templates and styles dxcheck needs when installed."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_ships_questionnaire_benchmarks_municipalities_templates_and_styles(
    tmp_path: Path,
) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    [wheel] = tmp_path.glob("dxcheck-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    data = "dxcheck/_data/"
    assert f"{data}questionnaires/jichitai-dx-4.0/questionnaire.toml" in names
    assert {f"{data}questionnaires/jichitai-dx-4.0/measures-{g}.toml" for g in "ab"} <= names
    benchmarks = {n for n in names if n.startswith(f"{data}benchmarks/") and n.endswith(".toml")}
    assert len(benchmarks) == 5
    assert "dxcheck/data/municipalities.csv" in names
    assert any(n.startswith("dxcheck/report/templates/") for n in names)
    assert "dxcheck/report/assets/report.css" in names
    assert "dxcheck/tui/app.tcss" in names
    tui_modules = {
        n[:-3] for n in names if n.startswith("dxcheck/tui/screens/") and n.endswith(".py")
    }
    styles = {n[:-5] for n in names if n.startswith("dxcheck/tui/screens/") and n.endswith(".tcss")}
    assert styles and styles <= tui_modules  # every screen's styles travel with it
