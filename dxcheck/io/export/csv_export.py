"""CSV of the comparison: UTF-8 with BOM, so that Excel opens it with Japanese intact."""

from __future__ import annotations

import csv
import io

from dxcheck.core.compare import Comparison
from dxcheck.core.model import Questionnaire
from dxcheck.io.export.rows import summary_columns, summary_rows


def comparison_csv(comparison: Comparison, questionnaire: Questionnaire) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.title for c in summary_columns(questionnaire)])
    for row in summary_rows(comparison):
        writer.writerow(["" if cell is None else cell for cell in row])
    return out.getvalue().encode("utf-8-sig")
