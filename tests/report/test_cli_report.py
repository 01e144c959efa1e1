"""`dxcheck report`: located errors, exit codes, and never a partial file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from dxcheck.__main__ import main
from dxcheck.core.answers import to_toml
from dxcheck.io.load import load_questionnaire
from dxcheck.report import fonts, render
from tests.report import synthetic


def answer_file(folder: Path) -> Path:
    q = load_questionnaire()
    path = folder / "answers.toml"
    path.write_text(to_toml(synthetic.answers(q), q), encoding="utf-8")
    return path


def test_unreadable_answer_file_gives_located_error_exit_1_and_no_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'format = "dxcheck.assessment/1"\nquestionnaire = "jichitai-dx"\n'
        'questionnaire_version = "4.1.0"\n[answers."governance.dx-plan"]\nlevel = 9\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.pdf"
    assert main(["report", str(bad), "-o", str(out), "--html", str(tmp_path / "o.html")]) == 1
    err = capsys.readouterr().err
    assert f'{bad}:5: answers."governance.dx-plan".level:' in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.toml"]


def test_broken_toml_and_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('format = "dxcheck.assessment/1\n', encoding="utf-8")
    assert main(["report", str(broken), "-o", str(tmp_path / "x.pdf")]) == 1
    assert f"{broken}:1:" in capsys.readouterr().err
    assert main(["report", str(tmp_path / "nope.toml"), "-o", str(tmp_path / "x.pdf")]) == 1
    assert "見つかりません" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_unknown_target_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = answer_file(tmp_path)
    assert main(["report", str(path), "-o", str(tmp_path / "x.pdf"), "--target", "tokyo"]) == 2
    err = capsys.readouterr().err
    assert "目標「tokyo」が分かりません" in err and "ureshino" in err
    assert not (tmp_path / "x.pdf").exists()


def test_output_may_not_overwrite_the_answer_file(tmp_path: Path) -> None:
    path = answer_file(tmp_path)
    before = path.read_bytes()
    assert main(["report", str(path), "-o", str(path)]) == 2
    assert path.read_bytes() == before


def test_no_japanese_font_names_the_package_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = answer_file(tmp_path)
    monkeypatch.setattr(fonts, "installed_japanese_families", lambda: set())
    fonts.japanese_font_family.cache_clear()
    try:
        assert main(["report", str(path), "-o", str(tmp_path / "x.pdf")]) == 1
    finally:
        fonts.japanese_font_family.cache_clear()
    err = capsys.readouterr().err
    assert "fonts-morisawa-bizud-gothic" in err and "日本語フォント" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.toml"]


def test_failure_while_rendering_leaves_old_report_intact_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = answer_file(tmp_path)
    old = tmp_path / "x.pdf"
    old.write_bytes(b"%PDF- old report")

    def boom(*args: object, **kwargs: object) -> bytes:
        raise OSError("disk on fire")

    monkeypatch.setattr(render, "html_to_pdf", boom)
    with pytest.raises(OSError):
        main(["report", str(path), "-o", str(old), "--html", str(tmp_path / "x.html")])
    assert old.read_bytes() == b"%PDF- old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.toml", "x.pdf"]


def test_unwritable_folder_is_a_japanese_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = answer_file(tmp_path)
    monkeypatch.setattr(render, "html_to_pdf", lambda *a, **k: b"%PDF-1.7 test")
    missing = tmp_path / "no" / "such" / "x.pdf"
    assert main(["report", str(path), "-o", str(missing)]) == 1
    assert "保存先のフォルダがありません" in capsys.readouterr().err


def test_default_output_is_beside_the_answer_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = answer_file(tmp_path)
    monkeypatch.setattr(render, "html_to_pdf", lambda *a, **k: b"%PDF-1.7 test")
    assert main(["report", str(path)]) == 0
    assert (tmp_path / "answers.pdf").read_bytes() == b"%PDF-1.7 test"


def test_help_does_not_import_weasyprint_or_jinja() -> None:
    code = (
        "import sys, json, contextlib, io\n"
        "from dxcheck.__main__ import main\n"
        "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['report', '--help'])\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('weasyprint', 'jinja2'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
