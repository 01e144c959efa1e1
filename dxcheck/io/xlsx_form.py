"""Reading a filled Excel form (docs/design.md §4): the one reader every command uses.

It returns the same document the TOML loader returns — the data a TOML answer file would hold —
so validation, scoring, comparison and merge cannot tell the two apart. Problems are located as
`FILE!SHEET!CELL`. Cells are read as typed values (never as cached formula results), so a form
saved by Excel, by LibreOffice or by a script reads the same. What people commonly type instead
of a number ("３", "3" as text, "78.4%") is normalised with a warning; anything else that cannot
be an answer (a formula, a date, 3.5 as a level) is a located error. The file is only read.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dxcheck.core.errors import InputError, Problem, Severity
from dxcheck.io import form_layout as L
from dxcheck.io.load import TomlDocument, field_name
from dxcheck.io.tomlpos import KeyPath

MAX_FORM_BYTES = 10 * 1024 * 1024  # a form of every question with long notes is ~100 KB
MAX_ROWS = 2000  # a questionnaire has ~100 questions; stop reading a sheet pasted full of data


@dataclass
class FormDocument(TomlDocument):
    """A filled form as data, with the cell of every key and what reading the cells found."""

    cells: dict[KeyPath, str] = field(default_factory=dict)
    labels: dict[KeyPath, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def line(self, path: KeyPath) -> int | None:
        return None

    def cell(self, path: KeyPath) -> str | None:
        # the most precise cell known: a missing answer key is shown at its question's row
        for end in range(len(path), 0, -1):
            found = self.cells.get(tuple(path[:end]))
            if found:
                return found
        return None

    def field(self, path: KeyPath) -> str:
        for end in range(len(path), 0, -1):
            label = self.labels.get(tuple(path[:end]))
            if label:
                return label
        return field_name(path)

    def read_problems(self) -> list[Problem]:
        return list(self.problems)


class _Unreadable(Exception):
    """A cell's value that cannot be an answer; the message is the Japanese reason."""


def read_form(path: Path) -> FormDocument:
    """Read a filled form, or raise InputError when the file is not a readable form at all."""
    name = str(path)
    try:
        if not path.is_file():
            reason = "ファイルではなくフォルダです" if path.is_dir() else "ファイルが見つかりません"
            raise InputError([Problem(name, reason)])
        size = path.stat().st_size
        if size > MAX_FORM_BYTES:
            raise InputError(
                [
                    Problem(
                        name,
                        f"ファイルが大きすぎます（{size:,} バイト、上限 {MAX_FORM_BYTES:,} バイト）。"
                        "dxcheck の記入様式ではない可能性があります",
                    )
                ]
            )
    except PermissionError:
        raise InputError([Problem(name, "ファイルを読む権限がありません")]) from None
    except OSError as exc:
        raise InputError(
            [Problem(name, f"ファイルを読めません（{exc.strerror or exc}）")]
        ) from None
    import openpyxl  # loaded only when a form is read

    # openpyxl warns (on stderr) about what it skips — unknown extensions, impossible dates;
    # the form's own checks report what matters, located, in Japanese
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _open_and_read(openpyxl, path, name)


def _open_and_read(openpyxl: Any, path: Path, name: str) -> FormDocument:
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except PermissionError:
        raise InputError([Problem(name, "ファイルを読む権限がありません")]) from None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise InputError(
            [
                Problem(
                    name,
                    "Excel ファイル（.xlsx）として読めません。壊れているか、別の形式のファイルです"
                    f"（{type(exc).__name__}）",
                )
            ]
        ) from None
    try:
        return _read_book(book, path)
    finally:
        book.close()


def _read_book(book: Any, path: Path) -> FormDocument:
    name = str(path)
    missing = [s for s in (L.PROFILE_SHEET, L.ANSWERS_SHEET) if s not in book.sheetnames]
    if missing:
        raise InputError(
            [
                Problem(
                    name,
                    f"シート「{'」「'.join(missing)}」がありません。dxcheck の記入様式"
                    "（dxcheck template -o 様式.xlsx で作るもの）ではないようです",
                )
            ]
        )
    doc = FormDocument(path, {})
    _read_profile(book[L.PROFILE_SHEET], doc)
    _read_answers(book[L.ANSWERS_SHEET], doc)
    if L.TARGETS_SHEET in book.sheetnames:  # forms made before the sheet existed have none
        _read_targets(book[L.TARGETS_SHEET], doc)
    return doc


# ---------------------------------------------------------------- cells


def _ref(sheet: str, row: int, col: int) -> str:
    """`回答!D12`: row and column 1-based (read-only sheets' empty cells know neither)."""
    from openpyxl.utils import get_column_letter

    return f"{sheet}!{get_column_letter(col)}{row}"


def _is_formula(cell: Any) -> bool:
    return getattr(cell, "data_type", None) == "f" or (
        isinstance(cell.value, str) and cell.value.startswith("=") and len(cell.value) > 1
        and getattr(cell, "data_type", None) != "s"
    )  # fmt: skip


def _raw(cell: Any) -> Any:
    """The typed value, or _Unreadable for what a form cell must never hold."""
    if _is_formula(cell):
        raise _Unreadable("数式は使えません。値を直接入力してください")
    if getattr(cell, "data_type", None) == "e":
        raise _Unreadable(f"エラー値（{cell.value}）が入っています")
    value = cell.value
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _shown(value: Any) -> str:
    if isinstance(value, dt.datetime | dt.date):
        return f"（入力されている値: 日付 {value:%Y/%m/%d}）"
    return f"（入力されている値: {value!r}）"


_DIGITS = re.compile(r"[+-]?\d+(\.\d+)?")
# a comma only as a thousands separator: 12,345 and 1,234.5, never 3,5 (a decimal comma)
_GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")


def _number_text(text: str) -> float | None:
    """'78.4', '１２,３４５', '78.4%' as a number (percent sign dropped), else None.
    Raise _Unreadable for a comma that is not a thousands separator ('3,5' is not 35)."""
    plain = unicodedata.normalize("NFKC", text).strip().removesuffix("%").strip()
    if "," in plain:
        if not _GROUPED.fullmatch(plain):
            raise _Unreadable(
                f"「{text}」は数値として読めません。小数点は「.」で入力してください"
                "（「,」は3桁ごとの区切りにだけ使えます。例: 3.5、12,345）"
            )
        plain = plain.replace(",", "")
    return float(plain) if _DIGITS.fullmatch(plain) else None


def _integer(value: Any, what: str, lo: int, hi: int) -> tuple[int, str | None]:
    """An integer from a cell value, with a warning when it was text; raise _Unreadable."""
    if isinstance(value, bool):
        raise _Unreadable(f"{what}は {lo}〜{hi} の整数で入力してください{_shown(value)}")
    if isinstance(value, dt.datetime | dt.date | dt.time):
        raise _Unreadable(f"日付が入力されています。{what}は {lo}〜{hi} の整数です{_shown(value)}")
    warning = None
    if isinstance(value, str):
        number = _number_text(value)
        if number is None:
            raise _Unreadable(f"{what}は {lo}〜{hi} の整数で入力してください{_shown(value)}")
        warning = f"文字として入力された「{value}」を数値 {number:g} として読みました"
        value = number
    if isinstance(value, float):
        if not value.is_integer():
            raise _Unreadable(f"{what}は整数で入力してください{_shown(value)}")
        value = int(value)
    if not isinstance(value, int):
        raise _Unreadable(f"{what}は {lo}〜{hi} の整数で入力してください{_shown(value)}")
    if not lo <= value <= hi:
        raise _Unreadable(f"{what}は {lo}〜{hi} にしてください{_shown(value)}")
    return value, warning


def _decimal(value: Any, cell: Any, what: str, *, percent: bool = True) -> tuple[float, str | None]:
    """A number from a cell; `percent`: a %-formatted cell's 0.784 is read as 78.4 (the form
    asks for percentages as 78.4) — not for a 0–5 target, where 0.03 is just 0.03."""
    if isinstance(value, bool | dt.datetime | dt.date | dt.time):
        raise _Unreadable(f"{what}は数値で入力してください{_shown(value)}")
    if isinstance(value, str):
        number = _number_text(value)
        if number is None:
            raise _Unreadable(f"{what}は数値で入力してください{_shown(value)}")
        return number, f"文字として入力された「{value}」を数値 {number:g} として読みました"
    if not isinstance(value, int | float):
        raise _Unreadable(f"{what}は数値で入力してください{_shown(value)}")
    number = float(value)
    if percent and "%" in (getattr(cell, "number_format", "") or ""):
        # typed as 78.4% the cell holds 0.784: the form asks for 78.4
        shown = round(number * 100, 10)
        return shown, f"% 表示のセルの値 {number:g} を {shown:g}（%）として読みました"
    return number, None


def _unknown(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        plain = unicodedata.normalize("NFKC", value).strip().lower()
        if plain in {v.lower() for v in L.UNKNOWN_YES}:
            return True
        if plain in {v.lower() for v in L.UNKNOWN_NO}:
            return False
    raise _Unreadable(
        f"「わからない」の欄は「{L.UNKNOWN_MARK}」か空欄にしてください{_shown(value)}"
    )


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


_DATE_TEXT = ("%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日", "%Y.%m.%d")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def _date(value: Any) -> tuple[dt.date, str | None]:
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    if isinstance(value, str):
        plain = unicodedata.normalize("NFKC", value).strip()
        for pattern in _DATE_TEXT:
            try:
                day = dt.datetime.strptime(plain, pattern).date()
            except ValueError:
                continue
            return day, f"文字として入力された「{value}」を日付 {day:%Y/%m/%d} として読みました"
    if isinstance(value, int | float) and not isinstance(value, bool) and 20000 < value < 80000:
        # a date whose cell lost its date format shows as Excel's day number
        day = _EXCEL_EPOCH + dt.timedelta(days=int(value))
        return day, f"数値 {value:g} を Excel の日付 {day:%Y/%m/%d} として読みました"
    raise _Unreadable(f"日付で入力してください（例: 2026/11/21）{_shown(value)}")


# ---------------------------------------------------------------- sheets


def _problem(doc: FormDocument, ref: str, label: str, reason: str, sev: Severity) -> None:
    doc.problems.append(Problem(str(doc.path), reason, label, None, sev, ref))


def _read_profile(sheet: Any, doc: FormDocument) -> None:
    by_label = {label: (key, hint) for label, key, hint in L.PROFILE_ROWS}
    for number, row in enumerate(sheet.iter_rows(min_row=1, max_row=200, max_col=2), start=1):
        if len(row) < 2:
            continue
        label_cell, value_cell = row[0], row[1]
        label = label_cell.value.strip() if isinstance(label_cell.value, str) else None
        if not label or label == "項目":
            continue
        ref = _ref(L.PROFILE_SHEET, number, 2)
        if label not in by_label:
            if value_cell.value not in (None, ""):
                _problem(doc, _ref(L.PROFILE_SHEET, number, 1), label,
                         "dxcheck が知らない項目です（読み飛ばします）", Severity.WARNING)  # fmt: skip
            continue
        key, _ = by_label[label]
        doc.cells[key] = ref
        doc.labels[key] = label
        try:
            value = _raw(value_cell)
            if value is None:
                continue
            parsed, warning = _profile_value(key, value)
        except _Unreadable as exc:
            _problem(doc, ref, label, str(exc), Severity.ERROR)
            continue
        if warning:
            _problem(doc, ref, label, warning, Severity.WARNING)
        node = doc.data
        for part in key[:-1]:
            node = node.setdefault(part, {})
        node[key[-1]] = parsed


def _profile_value(key: tuple[str, ...], value: Any) -> tuple[Any, str | None]:
    if key in L.INT_PROFILE_KEYS:
        return _integer(value, "人数", 1, L.INT_PROFILE_KEYS[key])
    if key in L.DATE_PROFILE_KEYS:
        return _date(value)
    if isinstance(value, bool | dt.datetime | dt.date | dt.time):
        raise _Unreadable(f"文字で入力してください{_shown(value)}")
    if key == L.CODE_KEY and isinstance(value, int | float):
        # typed into a number cell, 011002 loses its leading zero
        digits = _text(value)
        if digits.isdigit() and len(digits) < 6:
            padded = digits.zfill(6)
            return padded, f"数値として入力された {digits} を団体コード「{padded}」として読みました"
        return digits, None
    return _text(value), None


def _read_answers(sheet: Any, doc: FormDocument) -> None:
    rows = sheet.iter_rows(min_row=L.HEADER_ROW, max_row=L.HEADER_ROW + MAX_ROWS)
    header = next(rows, ())
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        if isinstance(cell.value, str) and cell.value.strip():
            columns.setdefault(cell.value.strip(), index)
    missing = [c for c in L.REQUIRED_COLUMNS if c not in columns]
    if missing:
        _problem(doc, _ref(L.ANSWERS_SHEET, L.HEADER_ROW, 1), "見出し",
                 f"見出しの行（{L.HEADER_ROW} 行目）に「{'」「'.join(missing)}」の列がありません",
                 Severity.ERROR)  # fmt: skip
        return
    answers: dict[str, dict[str, Any]] = doc.data.setdefault("answers", {})
    id_col = columns[L.COL_ID]
    for number, row in enumerate(rows, start=L.HEADER_ROW + 1):
        if id_col >= len(row):
            continue
        id_cell = row[id_col]
        qid = id_cell.value.strip() if isinstance(id_cell.value, str) else None
        cells = {
            key: (row[columns[heading]], _ref(L.ANSWERS_SHEET, number, columns[heading] + 1))
            for heading, key in L.ANSWER_COLUMNS.items()
            if heading in columns and columns[heading] < len(row)
        }
        if not qid:
            filled = [ref for c, ref in cells.values() if c.value not in (None, "")]
            if filled:
                _problem(doc, filled[0], "質問ID",
                         "質問IDのない行に回答があります（行を移動・挿入していないか確かめてください）",
                         Severity.ERROR)  # fmt: skip
            continue
        if qid in answers or (("answers", qid) in doc.cells):
            _problem(doc, _ref(L.ANSWERS_SHEET, number, id_col + 1), f"質問 {qid}",
                     "同じ質問IDの行が2つあります", Severity.ERROR)  # fmt: skip
            continue
        doc.cells[("answers", qid)] = _ref(L.ANSWERS_SHEET, number, id_col + 1)
        doc.labels[("answers", qid)] = f"質問 {qid}"
        answer = _read_answer_row(qid, cells, doc)
        if answer:
            answers[qid] = answer


_HEADINGS = {key: heading for heading, key in L.ANSWER_COLUMNS.items()}


def _read_answer_row(
    qid: str, cells: dict[str, tuple[Any, str]], doc: FormDocument
) -> dict[str, Any]:
    answer: dict[str, Any] = {}
    for key, (cell, ref) in cells.items():
        label = f"{qid} の{_HEADINGS[key]}"
        doc.cells[("answers", qid, key)] = ref
        doc.labels[("answers", qid, key)] = label
        try:
            value = _raw(cell)
            if value is None:
                continue
            warning = None
            if key == "level":
                answer["level"], warning = _integer(value, "レベル", 0, 5)
            elif key == "value":
                answer["value"], warning = _decimal(value, cell, "数値")
            elif key == "denominator":
                answer["denominator"], warning = _decimal(value, cell, "分母")
            elif key == "unknown":
                if _unknown(value):
                    answer["unknown"] = True
            else:
                answer["note"] = _text(value)
        except _Unreadable as exc:
            _problem(doc, ref, label, str(exc), Severity.ERROR)
            continue
        if warning:
            _problem(doc, ref, label, warning, Severity.WARNING)
    return answer


def _read_targets(sheet: Any, doc: FormDocument) -> None:
    """The 目標 sheet into [targets]: area id → 0–5; a blank cell is no target."""
    rows = sheet.iter_rows(min_row=1, max_row=1 + MAX_ROWS)
    header = next(rows, ())
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        if isinstance(cell.value, str) and cell.value.strip():
            columns.setdefault(cell.value.strip(), index)
    missing = [c for c in (L.TARGET_COL_ID, L.TARGET_COL_VALUE) if c not in columns]
    if missing:
        _problem(doc, _ref(L.TARGETS_SHEET, 1, 1), "見出し",
                 f"見出しの行（1 行目）に「{'」「'.join(missing)}」の列がありません",
                 Severity.ERROR)  # fmt: skip
        return
    id_col, value_col = columns[L.TARGET_COL_ID], columns[L.TARGET_COL_VALUE]
    area_col = columns.get(L.TARGET_COL_AREA)
    targets: dict[str, float] = {}
    for number, row in enumerate(rows, start=2):
        if max(id_col, value_col) >= len(row):
            continue
        id_cell, value_cell = row[id_col], row[value_col]
        area_id = id_cell.value.strip() if isinstance(id_cell.value, str) else None
        ref = _ref(L.TARGETS_SHEET, number, value_col + 1)
        if not area_id:
            if value_cell.value not in (None, ""):
                _problem(doc, ref, "分野ID",
                         "分野IDのない行に目標があります（行を移動・挿入していないか確かめてください）",
                         Severity.ERROR)  # fmt: skip
            continue
        name = row[area_col].value if area_col is not None and area_col < len(row) else None
        label = f"{name.strip() if isinstance(name, str) and name.strip() else area_id} の目標"
        key = ("targets", area_id)
        if key in doc.cells:
            # named by the ID: the row's 分野 cell may well be another area's (a copied row)
            _problem(doc, _ref(L.TARGETS_SHEET, number, id_col + 1), f"分野ID {area_id}",
                     f"同じ分野ID「{area_id}」の行が2つあります", Severity.ERROR)  # fmt: skip
            continue
        doc.cells[key] = ref
        doc.labels[key] = label
        try:
            value = _raw(value_cell)
            if value is None:
                continue
            target, warning = _decimal(value, value_cell, "目標", percent=False)
            if not 0 <= target <= L.TARGET_MAX:
                raise _Unreadable(f"目標は 0〜{L.TARGET_MAX} にしてください{_shown(value)}")
        except _Unreadable as exc:
            _problem(doc, ref, label, str(exc), Severity.ERROR)
            continue
        if warning:
            _problem(doc, ref, label, warning, Severity.WARNING)
        targets[area_id] = target
    if targets:
        doc.data["targets"] = targets
