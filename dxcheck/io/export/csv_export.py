"""CSV of the comparison: UTF-8 with BOM, so that Excel opens it with Japanese intact.

Two rules keep a spreadsheet from reading the cells as anything but text:
- a text cell that starts with = + - @ TAB or CR would be evaluated as a formula (OWASP's
  "CSV injection"): it is written with a leading apostrophe `'`, OWASP's advice, so a name
  like `=HYPERLINK(…)` arrives as the text it is;
- the 団体コード (`011002`) would lose its leading zero, Excel reading it as the number
  11002: it is written with the same leading apostrophe (`'011002`), which makes Excel keep
  the cell as text. Excel may show the apostrophe in the cell; a program reading the CSV
  strips one leading `'` from a cell (see docs/data-format.md). The XLSX export needs
  neither rule: its cells are typed (text cells are written as strings, never formulas).
"""

from __future__ import annotations

import csv
import io

from dxcheck.core.compare import Comparison, Reaches
from dxcheck.core.model import Questionnaire
from dxcheck.io.export.anonymous import (
    anonymous_notes,
    anonymous_shared_table,
    band_table,
    distribution_table,
)
from dxcheck.io.export.rows import Cell, summary_columns, summary_rows

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARK = "'"
CODE_COLUMN = "団体コード"


def neutralised(cell: Cell, *, keep_as_text: bool = False) -> Cell:
    """A cell as written to the CSV: text a spreadsheet would evaluate (or, for the code
    column, read as a number) gets a leading apostrophe."""
    if not isinstance(cell, str) or not cell:
        return cell
    if keep_as_text or cell.startswith(FORMULA_STARTS):
        return TEXT_MARK + cell
    return cell


def comparison_csv(
    comparison: Comparison,
    questionnaire: Questionnaire,
    *,
    anonymous: bool = False,
    reaches: Reaches | None = None,
) -> bytes:
    """One row per municipality; `anonymous`: the distribution, peer-band and shared-gap
    tables one after another (a title line, then the table), naming no municipality. The named
    CSV has no shared gaps; the anonymous one makes its own from `reaches` (every area's, as
    helpful_measures gives them), ranked by the counts as published."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    if anonymous:
        for title, header, rows in (
            distribution_table(comparison, questionnaire),
            band_table(comparison, questionnaire),
            anonymous_shared_table(comparison, questionnaire, reaches),
        ):
            writer.writerow([neutralised(f"【{title}】")])
            writer.writerow([neutralised(h) for h in header])
            writer.writerows(["" if c is None else neutralised(c) for c in row] for row in rows)
            writer.writerow([])
        writer.writerow([neutralised("【注記】")])
        writer.writerows([neutralised(n)] for n in anonymous_notes(comparison))
        return out.getvalue().encode("utf-8-sig")
    columns = summary_columns(questionnaire)
    writer.writerow([neutralised(c.title) for c in columns])
    text_columns = {i for i, c in enumerate(columns) if c.title == CODE_COLUMN}
    for row in summary_rows(comparison):
        writer.writerow(
            [
                "" if cell is None else neutralised(cell, keep_as_text=i in text_columns)
                for i, cell in enumerate(row)
            ]
        )
    return out.getvalue().encode("utf-8-sig")
