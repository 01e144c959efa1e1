"""Japanese wording and cell-width helpers shared by the screens (presentation only).

Terminal cells: East Asian wide characters take two cells, so every width here is measured
with rich's `cell_len`, never with `len`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.cells import cell_len, set_cell_size

if TYPE_CHECKING:  # labels are imported on the start-up path, which loads no pydantic
    from dxcheck.core.model import Area, BenchmarkCity

# Short names for the areas, for tables and bars at 80 columns. Unknown ids fall back to the
# full name cut to width, so a questionnaire with other areas still shows something sensible.
AREA_SHORT: dict[str, str] = {
    "governance": "体制・計画",
    "talent": "デジタル人材",
    "frontyard": "フロントヤード",
    "standardization": "標準化・共通化",
    "eltax": "eLTAX・公金収納",
    "mynumber": "マイナンバー",
    "security": "セキュリティ",
    "ai-rpa": "AI・RPA",
    "telework": "テレワーク",
    "community": "地域社会のDX",
    "divide": "デジタルデバイド",
    "analog-regulation": "アナログ規制",
    "bpr": "BPR",
    "opendata": "オープンデータ",
}

UNKNOWN_LABEL = "わからない"
NO_CITIES = "先行市のデータがありません"


def fit(text: str, cells: int) -> str:
    """Cut (with …) or pad text to exactly `cells` terminal cells."""
    if cell_len(text) <= cells:
        return text + " " * (cells - cell_len(text))
    return set_cell_size(text, max(cells - 1, 0)) + "…"


def area_short(area: Area, cells: int = 16) -> str:
    return AREA_SHORT.get(area.id) or fit(area.name, cells).rstrip()


def city_short(city: BenchmarkCity, cells: int = 6) -> str:
    """「上天草」「いちき」: the city's name without 市, cut to fit a table column."""
    return set_cell_size(city.name.removesuffix("市"), cells).rstrip()


def score_text(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def percent(part: int, whole: int) -> str:
    return "—" if whole == 0 else f"{round(100 * part / whole)}%"


def progress_label(answered: int, unknown: int, total: int) -> str:
    """「回答 70/75・わからない 5」: わからない counted apart from answered, as the results and
    the start screen count them (わからない is no score, so it is not an answer there)."""
    return f"回答 {answered}/{total}" + (f"・わからない {unknown}" if unknown else "")


def display_path(path: Path) -> str:
    """A path as the user would type it: the home folder shown as ~ (inside a workspace,
    `--root`, relative to it)."""
    from dxcheck.io.workspace import shown

    return shown(path)


def where_prompt(prompt: str) -> str:
    """A file dialog's prompt; inside a workspace (`--root`, `dxcheck serve`) it says that
    only that folder can be used, and that names are typed relative to it."""
    from dxcheck.io.workspace import root

    folder = root()
    if folder is None:
        return prompt
    return f"作業フォルダ {folder} の中だけを使えます（この中の場所を入力します）。\n{prompt}"
