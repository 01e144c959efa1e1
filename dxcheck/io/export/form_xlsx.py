"""The Excel form (docs/design.md §4): the questionnaire as a workbook to fill in Excel or
LibreOffice, read back by dxcheck.io.xlsx_form.

Only the answer cells are unlocked; the sheets are protected without a password, so the layout
stays readable by dxcheck and yet nobody is ever locked out. Drop-downs and data validation stop
most typing mistakes before the reader has to report them. A campaign pre-fills the profile.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from typing import Any

import xlsxwriter

from dxcheck.core.model import LEVEL_NAMES, Answer, Assessment, Questionnaire
from dxcheck.core.textwidth import width
from dxcheck.io import form_layout as L

_FONT = {"font_name": "BIZ UDPゴシック", "font_size": 10, "valign": "top"}
_PROTECT = {
    # everything a reader needs to read comfortably stays allowed; only the layout is fixed
    "format_columns": True,
    "format_rows": True,
    "autofilter": True,
    "select_locked_cells": True,
    "select_unlocked_cells": True,
}
_HELP_WIDTH = 60
_LEVEL_WIDTH = 32


def form_xlsx(questionnaire: Questionnaire, assessment: Assessment | None = None) -> bytes:
    """The form as bytes; `assessment` pre-fills the profile and any answers (a campaign)."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False,
                                        "strings_to_formulas": False, "strings_to_urls": False})  # fmt: skip
    book.set_properties({"title": f"{questionnaire.title}（記入様式）", "author": "dxcheck"})
    styles = _Styles(book)
    _profile_sheet(book, styles, questionnaire, assessment)
    _answers_sheet(book, styles, questionnaire, assessment)
    _targets_sheet(book, styles, questionnaire, assessment)
    _guide_sheet(book, styles, questionnaire)
    book.close()
    return buffer.getvalue()


class _Styles:
    def __init__(self, book: Any) -> None:
        def fmt(**extra: Any) -> Any:
            return book.add_format({**_FONT, **extra})

        self.head = fmt(bold=True, bg_color="#DDE4EE", text_wrap=True, border=1)
        self.text = fmt(text_wrap=True, border=1)
        self.muted = fmt(text_wrap=True, border=1, font_color="#555555")
        self.input = fmt(locked=False, bg_color="#FFF8D6", border=1, text_wrap=True)
        self.input_text = fmt(locked=False, bg_color="#FFF8D6", border=1, num_format="@")
        self.input_int = fmt(locked=False, bg_color="#FFF8D6", border=1, num_format="#,##0")
        self.input_num = fmt(locked=False, bg_color="#FFF8D6", border=1, num_format="General")
        self.input_date = fmt(locked=False, bg_color="#FFF8D6", border=1, num_format="yyyy/mm/dd")
        self.level = fmt(locked=False, bg_color="#FFF8D6", border=1, align="center", bold=True)
        self.title = fmt(bold=True, font_size=14)


def _print_setup(sheet: Any, repeat_rows: int | None = None) -> None:
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.set_footer("&C&P / &N")
    if repeat_rows is not None:
        sheet.repeat_rows(0, repeat_rows)


def _profile_sheet(
    book: Any, s: _Styles, questionnaire: Questionnaire, assessment: Assessment | None
) -> None:
    ws = book.add_worksheet(L.PROFILE_SHEET)
    ws.set_column(0, 0, 14)
    ws.set_column(1, 1, 30)
    ws.set_column(2, 2, 48)
    for col, title in enumerate(("項目", "記入欄", "説明")):
        ws.write_string(0, col, title, s.head)
    values = _profile_values(questionnaire, assessment)
    for row, (label, key, hint) in enumerate(L.PROFILE_ROWS, start=1):
        ws.write_string(row, 0, label, s.text)
        ws.write_string(row, 2, hint, s.muted)
        value = values.get(key)
        if key in L.LOCKED_PROFILE_KEYS:
            ws.write_string(row, 1, str(value or ""), s.muted)
        elif key in L.INT_PROFILE_KEYS:
            _write_or_blank(ws, row, 1, value, s.input_int)
            ws.data_validation(
                row, 1, row, 1, _whole(1, L.INT_PROFILE_KEYS[key], f"{label}は1以上の整数です")
            )
        elif key in L.DATE_PROFILE_KEYS:
            if isinstance(value, dt.date):
                ws.write_datetime(row, 1, dt.datetime.combine(value, dt.time()), s.input_date)
            else:
                ws.write_blank(row, 1, None, s.input_date)
            ws.data_validation(row, 1, row, 1, {"validate": "date", "criteria": ">=",
                               "value": dt.date(2000, 1, 1), "error_title": "回答日",
                               "error_message": "日付を入力してください（例: 2026/11/21）"})  # fmt: skip
        elif key == L.CODE_KEY:
            _write_or_blank(ws, row, 1, value, s.input_text)
            ws.data_validation(row, 1, row, 1, {"validate": "length", "criteria": "==",
                               "value": 6, "error_title": "団体コード",
                               "error_message": "6桁の数字で入力してください（例: 412091）"})  # fmt: skip
        else:
            _write_or_blank(ws, row, 1, value, s.input_text)
    note_row = len(L.PROFILE_ROWS) + 2
    ws.write_string(note_row, 0, "記入のしかた", s.title)
    for i, line in enumerate(_INSTRUCTIONS, start=1):
        ws.write_string(note_row + i, 1, line)
    ws.protect("", _PROTECT)
    ws.activate()
    _print_setup(ws)


_INSTRUCTIONS = (
    "1. このシートの黄色の欄に団体名・団体コード・都道府県などを記入します。",
    "2. シート「回答」の黄色の欄に、質問ごとのレベル（0〜5）を選びます。",
    "   分からない質問は「わからない」の欄で「はい」を選びます（0 点にはなりません）。",
    "   数値で答えられる質問は「数値」の欄に数値を入れます（数値からレベルを決めます）。",
    "   割合で測る質問は「分母」の欄に本団体の対象の総数（手続の総数など）も入れます。",
    "   職員あたりで測る質問は、このシートの職員数（常勤）から割合を求めます。",
    "   前回の回答が記入済みの様式（下書き）は、内容を確かめて直し、回答日を記入します。",
    "   変わりがなければ回答日だけを記入します（何も記入せずに返すと未提出として扱います）。",
    "3. 本団体の目標（任意）は、シート「目標」に分野ごとの目標（0〜5）を入れます。空欄は目標なしです。",
    "4. 保存してそのまま返送してください。確認は dxcheck validate このファイル名 でできます。",
    "シートは保護されていますがパスワードはありません（[校閲]→[シート保護の解除]）。",
    "行や列を移動・削除すると読み取れなくなることがあります。",
)


def _write_or_blank(ws: Any, row: int, col: int, value: Any, fmt: Any) -> None:
    if value is None or value == "":
        ws.write_blank(row, col, None, fmt)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        ws.write_number(row, col, value, fmt)
    else:
        ws.write_string(row, col, str(value), fmt)


def _profile_values(
    questionnaire: Questionnaire, assessment: Assessment | None
) -> dict[tuple[str, ...], Any]:
    values: dict[tuple[str, ...], Any] = {
        ("format",): "dxcheck.assessment/1",
        ("questionnaire",): questionnaire.id,
        ("questionnaire_version",): questionnaire.version,
    }
    if assessment is not None:
        m, meta = assessment.municipality, assessment.meta
        values.update({
            ("municipality", "name"): m.name, ("municipality", "code"): m.code,
            ("municipality", "prefecture"): m.prefecture,
            ("municipality", "population"): m.population,
            ("municipality", "staff"): m.staff,
            ("meta", "respondent"): meta.respondent, ("meta", "department"): meta.department,
            ("meta", "assessed_on"): meta.assessed_on, ("meta", "prefilled"): meta.prefilled,
        })  # fmt: skip
    return values


def _whole(lo: int, hi: int, message: str) -> dict[str, Any]:
    return {"validate": "integer", "criteria": "between", "minimum": lo, "maximum": hi,
            "error_title": "入力できない値です", "error_message": message}  # fmt: skip


_COLUMNS: tuple[tuple[str, int], ...] = (
    (L.COL_ID, 22),
    (L.COL_AREA, 14),
    (L.COL_TEXT, 40),
    (L.COL_LEVEL, 10),
    (L.COL_VALUE, 10),
    (L.COL_QUANTITY, 22),
    (L.COL_DENOMINATOR, 10),
    (L.COL_DENOMINATOR_LABEL, 22),
    (L.COL_UNKNOWN, 10),
    (L.COL_NOTE, 30),
    (L.COL_HELP, _HELP_WIDTH),
)


def _answers_sheet(
    book: Any, s: _Styles, questionnaire: Questionnaire, assessment: Assessment | None
) -> None:
    ws = book.add_worksheet(L.ANSWERS_SHEET)
    headings = [c for c, _ in _COLUMNS] + [f"{i} {LEVEL_NAMES[i]}" for i in range(6)]
    for index, (_, w) in enumerate(_COLUMNS):
        ws.set_column(index, index, w)
    ws.set_column(len(_COLUMNS), len(_COLUMNS) + 5, _LEVEL_WIDTH)
    for index, title in enumerate(headings):
        ws.write_string(0, index, title, s.head)
    col = {c: i for i, (c, _) in enumerate(_COLUMNS)}
    answers = assessment.answers if assessment is not None else {}
    for row, q in enumerate(questionnaire.questions, start=1):
        answer = answers.get(q.id) or Answer()
        area = questionnaire.area(q.area)
        ws.write_string(row, col[L.COL_ID], q.id, s.muted)
        ws.write_string(row, col[L.COL_AREA], area.name, s.text)
        ws.write_string(row, col[L.COL_TEXT], q.text, s.text)
        _write_or_blank(ws, row, col[L.COL_LEVEL], answer.level, s.level)
        if q.quantity is not None:
            _write_or_blank(ws, row, col[L.COL_VALUE], answer.value, s.input_num)
            ws.write_string(row, col[L.COL_QUANTITY],
                            f"{q.quantity.label}（{q.quantity.unit}）", s.text)  # fmt: skip
            upper = 100 if q.quantity.unit == "%" else 1e12
            ws.data_validation(row, col[L.COL_VALUE], row, col[L.COL_VALUE], {
                "validate": "decimal", "criteria": "between", "minimum": 0, "maximum": upper,
                "error_title": "入力できない値です",
                "error_message": f"{q.quantity.label}を数値で入力してください（単位: {q.quantity.unit}）",
            })  # fmt: skip
        else:
            ws.write_blank(row, col[L.COL_VALUE], None, s.muted)
            ws.write_string(row, col[L.COL_QUANTITY], "（レベルで回答）", s.muted)
        qty = q.quantity
        if qty is not None and qty.basis == "share":
            # the share is value ÷ denominator: the municipality's own scope, asked beside it
            _write_or_blank(ws, row, col[L.COL_DENOMINATOR], answer.denominator, s.input_num)
            unit = f"（{qty.denominator_unit}）" if qty.denominator_unit else ""
            ws.write_string(row, col[L.COL_DENOMINATOR_LABEL], qty.denominator_label + unit, s.text)
            ws.data_validation(row, col[L.COL_DENOMINATOR], row, col[L.COL_DENOMINATOR], {
                "validate": "decimal", "criteria": ">", "value": 0,
                "error_title": "入力できない値です",
                "error_message": f"{qty.denominator_label}を 0 より大きい数値で入力してください",
            })  # fmt: skip
        else:
            ws.write_blank(row, col[L.COL_DENOMINATOR], None, s.muted)
            ws.write_blank(row, col[L.COL_DENOMINATOR_LABEL], None, s.muted)
        _write_or_blank(ws, row, col[L.COL_UNKNOWN],
                        L.UNKNOWN_MARK if answer.unknown else None, s.input)  # fmt: skip
        _write_or_blank(ws, row, col[L.COL_NOTE], answer.note or None, s.input)
        ws.write_string(row, col[L.COL_HELP], q.help, s.muted)
        for i, description in enumerate(q.levels):
            ws.write_string(row, len(_COLUMNS) + i, description, s.muted)
        ws.set_row(row, _row_height([(q.help, _HELP_WIDTH), (q.text, 40),
                                     *((d, _LEVEL_WIDTH) for d in q.levels)]))  # fmt: skip
    last = len(questionnaire.questions)
    ws.data_validation(1, col[L.COL_LEVEL], last, col[L.COL_LEVEL], {
        "validate": "list", "source": ["0", "1", "2", "3", "4", "5"],
        "input_title": "レベル", "input_message": "0〜5 を選んでください（右の列に各レベルの意味）",
        "error_title": "入力できない値です", "error_message": "レベルは 0〜5 の整数です",
    })  # fmt: skip
    ws.data_validation(1, col[L.COL_UNKNOWN], last, col[L.COL_UNKNOWN], {
        "validate": "list", "source": [L.UNKNOWN_MARK],
        "error_title": "入力できない値です",
        "error_message": f"分からないときは「{L.UNKNOWN_MARK}」を選び、それ以外は空欄にします",
    })  # fmt: skip
    ws.data_validation(1, col[L.COL_NOTE], last, col[L.COL_NOTE], {
        "validate": "length", "criteria": "<=", "value": 20_000,
        "error_title": "長すぎます", "error_message": "メモは 20,000 文字までです",
    })  # fmt: skip
    ws.set_row(0, 30)
    ws.freeze_panes(1, col[L.COL_TEXT] + 1)
    ws.autofilter(0, 0, last, len(headings) - 1)
    ws.protect("", _PROTECT)
    _print_setup(ws, repeat_rows=0)


def _targets_sheet(
    book: Any, s: _Styles, questionnaire: Questionnaire, assessment: Assessment | None
) -> None:
    """The answer file's [targets]: one row per area, the target cell unlocked (0–5, decimals
    allowed as in the wizard's 本団体の目標), blank = no target of its own for that area."""
    ws = book.add_worksheet(L.TARGETS_SHEET)
    widths = ((L.TARGET_COL_ID, 20), (L.TARGET_COL_AREA, 44), (L.TARGET_COL_VALUE, 12),
              (L.TARGET_COL_HELP, 50))  # fmt: skip
    for index, (title, w) in enumerate(widths):
        ws.set_column(index, index, w)
        ws.write_string(0, index, title, s.head)
    own = assessment.targets if assessment is not None else {}
    for row, area in enumerate(questionnaire.areas, start=1):
        ws.write_string(row, 0, area.id, s.muted)
        ws.write_string(row, 1, area.name, s.text)
        _write_or_blank(ws, row, 2, own.get(area.id), s.input_num)
        ws.write_string(row, 3, f"{area.category}。空欄なら目標なし", s.muted)
    last = len(questionnaire.areas)
    ws.data_validation(1, 2, last, 2, {
        "validate": "decimal", "criteria": "between", "minimum": 0, "maximum": L.TARGET_MAX,
        "input_title": "本団体の目標",
        "input_message": "この分野で目指すスコア（0〜5、小数も可）。空欄は目標なし",
        "error_title": "入力できない値です", "error_message": "目標は 0〜5 の数値です",
    })  # fmt: skip
    note = last + 2  # below the table and outside the 分野ID column, which the reader reads
    ws.write_string(note, 1, "使い方", s.title)
    ws.write_string(note + 1, 1, "本団体の計画などで決めた分野ごとの目標です（任意）。"
                    "dxcheck report --target own で、この目標との差を示します。")  # fmt: skip
    ws.freeze_panes(1, 0)
    ws.protect("", _PROTECT)
    _print_setup(ws, repeat_rows=0)


def _row_height(texts: list[tuple[str, int]]) -> float:
    """Tall enough for the longest wrapped text: xlsxwriter cannot auto-fit row heights."""
    lines = max(math.ceil(width(text) / max(col_width - 1, 1)) for text, col_width in texts)
    return min(13.5 * max(lines, 1) + 3, 409)


def _guide_sheet(book: Any, s: _Styles, questionnaire: Questionnaire) -> None:
    ws = book.add_worksheet("レベルの目安")
    ws.set_column(0, 0, 8)
    ws.set_column(1, 1, 40)
    ws.write_string(0, 0, "レベル", s.head)
    ws.write_string(0, 1, "共通の目安（質問ごとの意味はシート「回答」の右側の列）", s.head)
    for i, name in enumerate(LEVEL_NAMES):
        ws.write_number(i + 1, 0, i, s.text)
        ws.write_string(i + 1, 1, name, s.text)
    ws.write_string(8, 0, "質問票", s.head)
    ws.write_string(8, 1, f"{questionnaire.title}（{questionnaire.version} 版）", s.text)
    ws.write_string(9, 0, "国の計画", s.head)
    ws.write_string(9, 1, f"{questionnaire.national_plan}（{questionnaire.national_plan_version}）",
                    s.text)  # fmt: skip
    ws.protect("", _PROTECT)
    _print_setup(ws)
