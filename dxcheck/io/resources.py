"""Where the shipped data lives, in a source checkout and in an installed wheel alike."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent  # dxcheck/, not dxcheck/io/


@cache
def data_root() -> Path:
    """The folder that holds `questionnaires/` and `benchmarks/`.

    An installed wheel carries them in `dxcheck/_data/`; a source checkout (or an editable
    install) has them beside the package, at the top of the repository.
    """
    bundled = _PACKAGE_DIR / "_data"
    if (bundled / "questionnaires").is_dir():
        return bundled
    return _PACKAGE_DIR.parent


def questionnaires_dir() -> Path:
    return data_root() / "questionnaires"


def benchmarks_dir() -> Path:
    return data_root() / "benchmarks"


def municipalities_csv() -> Path:
    return _PACKAGE_DIR / "data" / "municipalities.csv"


def default_questionnaire_dir() -> Path:
    """The questionnaire dxcheck uses unless told otherwise (the newest national plan)."""
    candidates = sorted(p for p in questionnaires_dir().glob("jichitai-dx-*") if p.is_dir())
    if not candidates:
        raise FileNotFoundError(f"質問票が見つかりません: {questionnaires_dir()}")
    return candidates[-1]
