"""The Excel form's layout (docs/design.md §4): sheet names, column headings and profile rows.

Shared by the writer (dxcheck.io.export.form_xlsx) and the reader (dxcheck.io.xlsx_form), so the
two cannot drift apart. The reader finds columns by their headings and profile rows by their
labels, so a form whose columns were moved, or an older form without a newer column, still reads.
"""

from __future__ import annotations

from typing import Final

ANSWERS_SHEET: Final = "回答"
PROFILE_SHEET: Final = "団体情報"
# optional (forms made before it read without it): the municipality's own target per area,
# the answer file's [targets], used by `--target own`
TARGETS_SHEET: Final = "目標"
HEADER_ROW: Final = 1  # 1-based, as Excel shows it; answers start on the row below

# column key → heading; the answer columns are the only unlocked cells of the sheet
COL_ID: Final = "質問ID"
COL_AREA: Final = "分野"
COL_TEXT: Final = "質問"
COL_LEVEL: Final = "レベル（0〜5）"
COL_VALUE: Final = "数値"
COL_DENOMINATOR: Final = "分母"  # share questions (4.1): the municipality's own scope
COL_QUANTITY: Final = "数値で答える項目（単位）"
COL_DENOMINATOR_LABEL: Final = "分母の項目（単位）"
COL_UNKNOWN: Final = "わからない"
COL_NOTE: Final = "メモ"
COL_HELP: Final = "説明"

ANSWER_COLUMNS: Final = {
    COL_LEVEL: "level",
    COL_VALUE: "value",
    COL_DENOMINATOR: "denominator",
    COL_UNKNOWN: "unknown",
    COL_NOTE: "note",
}
REQUIRED_COLUMNS: Final = (COL_ID, COL_LEVEL, COL_UNKNOWN, COL_NOTE)

UNKNOWN_MARK: Final = "はい"  # what the drop-down enters in the わからない column
# what people type for "yes" in a checkbox-like column; anything else non-empty is an error
UNKNOWN_YES: Final = frozenset({"はい", "○", "〇", "◯", "✓", "✔", "レ", "x", "X", "×", "1", "true"})
UNKNOWN_NO: Final = frozenset({"いいえ", "0", "false", "-", "ー", "－"})

DRAFT_HINT: Final = "前回の回答から作った下書きの印。変更しないでください"

# profile sheet: label in column A, value in column B; key path in the answer data
PROFILE_ROWS: Final[tuple[tuple[str, tuple[str, ...], str], ...]] = (
    ("様式", ("format",), "変更しないでください"),
    ("質問票", ("questionnaire",), "変更しないでください"),
    ("質問票の版", ("questionnaire_version",), "変更しないでください"),
    ("団体名", ("municipality", "name"), "例: 嬉野市（都道府県名は付けません）"),
    ("団体コード", ("municipality", "code"), "6桁の全国地方公共団体コード（例: 412091）"),
    ("都道府県", ("municipality", "prefecture"), "例: 佐賀県"),
    ("人口", ("municipality", "population"), "住民基本台帳人口（人）。分かる範囲で"),
    ("職員数", ("municipality", "staff"), "常勤職員数（人）。職員あたりで測る質問に使います"),
    ("回答者", ("meta", "respondent"), "担当者の氏名（任意）"),
    ("部署", ("meta", "department"), "担当の課・係（任意）"),
    ("回答日", ("meta", "assessed_on"), "日付（例: 2026/11/21）"),
    # a form pre-filled from an earlier round's answers (core.answers.draft_from) carries the
    # fingerprint of what it pre-filled: returned unchanged and undated, it is 未提出
    ("下書きの印", ("meta", "prefilled"), DRAFT_HINT),
)
LOCKED_PROFILE_KEYS: Final = frozenset(
    {("format",), ("questionnaire",), ("questionnaire_version",), ("meta", "prefilled")}
)
INT_PROFILE_KEYS: Final = {
    ("municipality", "population"): 50_000_000,
    ("municipality", "staff"): 10_000_000,
}
DATE_PROFILE_KEYS: Final = frozenset({("meta", "assessed_on")})
CODE_KEY: Final = ("municipality", "code")

# targets sheet: one row per area under a header row; a blank target cell means "none"
TARGET_COL_ID: Final = "分野ID"
TARGET_COL_AREA: Final = "分野"
TARGET_COL_VALUE: Final = "目標（0〜5）"
TARGET_COL_HELP: Final = "説明"
TARGET_MAX: Final = 5
