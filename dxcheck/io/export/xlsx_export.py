"""XLSX of the comparison: the summary sheet, one sheet per area, rejected files and notes.

xlsxwriter writes row by row with little memory, which matters for all 1,741 municipalities.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Mapping, Sequence

import xlsxwriter

from dxcheck.core.compare import Comparison, MeasureReach, Reaches
from dxcheck.core.model import Questionnaire
from dxcheck.core.scoring import Benchmarks
from dxcheck.core.textwidth import width
from dxcheck.io.export.anonymous import (
    anonymous_notes,
    anonymous_shared_table,
    band_table,
    distribution_table,
    shared_table,
)
from dxcheck.io.export.rows import (
    Cell,
    area_question_rows,
    blank_rows,
    city_rows,
    summary_columns,
    summary_rows,
    target_rows,
    value_rows,
)

_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _sheet_name(name: str, used: set[str]) -> str:
    base = _FORBIDDEN.sub("", name)[:28]
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base[:26]}_{n}", n + 1
    used.add(candidate)
    return candidate


def comparison_xlsx(
    comparison: Comparison,
    questionnaire: Questionnaire,
    *,
    anonymous: bool = False,
    shared: Sequence[MeasureReach] = (),
    reaches: Reaches | None = None,
    status: tuple[list[str], list[list[Cell]]] | None = None,
    bench: Benchmarks | None = None,
    targets: Mapping[str, float | None] | None = None,
    target_label: str = "",
) -> bytes:
    """`anonymous` writes only distributions, peer bands, shared gaps (as counts, made from
    `reaches` and ranked by the counts as published; `shared` is for the named book) and notes;
    `status` (a campaign's 提出状況) is a sheet of its own, never in the anonymous book."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    font = {"font_name": "BIZ UDPゴシック", "font_size": 10}
    head = book.add_format(
        {
            **font,
            "bold": True,
            "bg_color": "#DDE4EE",
            "text_wrap": True,
            "valign": "top",
            "border": 1,
        }
    )
    fmt = {
        "text": book.add_format(font),
        "int": book.add_format({**font, "num_format": "#,##0"}),
        "score": book.add_format({**font, "num_format": "0.00"}),
        "ratio": book.add_format({**font, "num_format": "0%"}),
    }
    fmt["share"] = book.add_format({**font, "num_format": "0.0%"})
    fmt["date"] = book.add_format({**font, "num_format": "yyyy/mm/dd"})
    fmt["number"] = book.add_format({**font, "num_format": "#,##0.##"})
    used: set[str] = set()
    if anonymous:
        for title, header, table_rows in (
            distribution_table(comparison, questionnaire),
            band_table(comparison, questionnaire),
            anonymous_shared_table(comparison, questionnaire, reaches),
        ):
            ws = book.add_worksheet(_sheet_name(title, used))
            formats = [fmt["share"] if h == "割合" else fmt["text"] for h in header]
            _write_table(ws, header, table_rows, head, formats)
        ws = book.add_worksheet(_sheet_name("注記", used))
        _write_table(ws, ["注記"], [[n] for n in anonymous_notes(comparison)], head, [fmt["text"]])
        book.close()
        return buffer.getvalue()

    columns = summary_columns(questionnaire)
    rows = summary_rows(comparison)
    sheet = book.add_worksheet(_sheet_name("一覧", used))
    _write_table(
        sheet,
        [c.title for c in columns],
        rows,
        head,
        [fmt["date"] if c.title == "回答日" else fmt.get(c.kind, fmt["text"]) for c in columns],
    )
    for i, col in enumerate(columns):
        if col.kind == "score" and rows:
            _colour_scale(sheet, 1, i, len(rows), 0, 5)

    for area in questionnaire.areas:
        header, area_rows = area_question_rows(comparison, questionnaire, area.id)
        ws = book.add_worksheet(_sheet_name(area.name, used))
        _write_table(ws, header, area_rows, head, [fmt["text"]] * len(header), question_cols=True)
        if area_rows:
            for index in range(2, len(header)):
                _colour_scale(ws, 1, index, len(area_rows), 0, 5)

    header, kinds, table_rows = value_rows(comparison, questionnaire)
    ws = book.add_worksheet(_sheet_name("数値", used))
    _write_table(ws, header, table_rows, head, [fmt[k] if k in fmt else fmt["text"] for k in kinds],
                 question_cols=True)  # fmt: skip
    if targets is not None:
        header, table_rows = target_rows(questionnaire, targets, target_label)
        ws = book.add_worksheet(_sheet_name("目標", used))
        _write_table(ws, header, table_rows, head, [fmt["text"], fmt["score"]])
    if bench is not None:
        header, table_rows = city_rows(questionnaire, bench)
        ws = book.add_worksheet(_sheet_name("先行5市", used))
        formats = [fmt["text"]] * 4 + [fmt["date"], fmt["score"], fmt["ratio"]]
        _write_table(ws, header, table_rows, head, formats + [fmt["score"]] * len(questionnaire.areas),
                     question_cols=True)  # fmt: skip
    title, header, table_rows = shared_table(comparison, questionnaire, shared, anonymous=False)
    ws = book.add_worksheet(_sheet_name(title, used))
    formats = [fmt["share"] if h == "割合" else fmt["text"] for h in header]
    _write_table(ws, header, table_rows, head, formats)
    if status is not None:
        ws = book.add_worksheet(_sheet_name("提出状況", used))
        status_header, status_table = status
        formats = [fmt["ratio"] if h == "回答率" else fmt["text"] for h in status_header]
        _write_table(ws, status_header, status_table, head, formats)
    header, table_rows = blank_rows(comparison)
    if table_rows:  # forms sent out and not filled in: listed, never compared
        ws = book.add_worksheet(_sheet_name("回答のないファイル", used))
        _write_table(ws, header, table_rows, head, [fmt["text"]] * len(header))
    ws = book.add_worksheet(_sheet_name("比較できなかったファイル", used))
    problem_rows: list[list[Cell]] = [
        [r.path, p.cell or p.line, p.field, p.reason]
        for r in comparison.rejected
        for p in r.problems
    ]
    _write_table(
        ws, ["ファイル", "行・セル", "項目", "理由"], problem_rows, head, [fmt["text"]] * 4
    )
    ws = book.add_worksheet(_sheet_name("注記", used))
    _write_table(ws, ["注記"], [[n] for n in comparison.notes()], head, [fmt["text"]])
    book.close()
    return buffer.getvalue()


def _colour_scale(sheet: object, first_row: int, col: int, count: int, low: int, high: int) -> None:
    sheet.conditional_format(  # type: ignore[attr-defined]
        first_row, col, first_row + count - 1, col,
        {"type": "3_color_scale", "min_type": "num", "min_value": low, "mid_type": "num",
         "mid_value": (low + high) / 2, "max_type": "num", "max_value": high,
         "min_color": "#F8696B", "mid_color": "#FFEB84", "max_color": "#63BE7B"},
    )  # fmt: skip


def _write_table(
    sheet: object,
    header: list[str],
    rows: list[list[Cell]],
    head_fmt: object,
    formats: list[object],
    *,
    question_cols: bool = False,
) -> None:
    ws = sheet
    for col, title in enumerate(header):
        ws.write_string(0, col, title, head_fmt)  # type: ignore[attr-defined]
    for r, row in enumerate(rows, start=1):
        for col, cell in enumerate(row):
            if cell is None:
                ws.write_blank(r, col, None, formats[col])  # type: ignore[attr-defined]
            elif isinstance(cell, dt.date):
                ws.write_datetime(r, col, dt.datetime.combine(cell, dt.time()), formats[col])  # type: ignore[attr-defined]
            elif isinstance(cell, int | float):
                ws.write_number(r, col, cell, formats[col])  # type: ignore[attr-defined]
            else:
                ws.write_string(r, col, str(cell), formats[col])  # type: ignore[attr-defined]
    # widths that fit Japanese text: 2 cells per wide character, capped so sheets stay usable
    for col, title in enumerate(header):
        longest = max([width(str(r[col])) for r in rows[:500] if r[col] is not None] + [0])
        head_width = 14 if question_cols and col >= 2 else width(title)
        ws.set_column(col, col, min(max(longest, head_width, 6) + 2, 60))  # type: ignore[attr-defined]
    ws.freeze_panes(1, 2 if len(header) > 2 else 0)  # type: ignore[attr-defined]
    if question_cols:
        ws.set_row(0, 60)  # type: ignore[attr-defined]
    ws.autofilter(0, 0, max(len(rows), 1), len(header) - 1)  # type: ignore[attr-defined]
    # a sheet the prefecture forwards is printed: A4 landscape, headings on every page
    ws.set_landscape()  # type: ignore[attr-defined]
    ws.set_paper(9)  # type: ignore[attr-defined]
    ws.fit_to_pages(1, 0)  # type: ignore[attr-defined]
    ws.repeat_rows(0)  # type: ignore[attr-defined]
    ws.set_footer("&C&P / &N")  # type: ignore[attr-defined]
