"""CSV of the comparison: UTF-8 with BOM, so that Excel opens it with Japanese intact."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from dxcheck.core.compare import Comparison, MeasureReach
from dxcheck.core.model import Questionnaire
from dxcheck.io.export.anonymous import band_table, distribution_table, shared_table
from dxcheck.io.export.rows import summary_columns, summary_rows


def comparison_csv(
    comparison: Comparison,
    questionnaire: Questionnaire,
    *,
    anonymous: bool = False,
    shared: Sequence[MeasureReach] = (),
) -> bytes:
    """One row per municipality; `anonymous`: the distribution, peer-band and shared-gap
    tables one after another (a title line, then the table), naming no municipality."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    if anonymous:
        for title, header, rows in (
            distribution_table(comparison, questionnaire),
            band_table(comparison, questionnaire),
            shared_table(comparison, questionnaire, shared, anonymous=True),
        ):
            writer.writerow([f"【{title}】"])
            writer.writerow(header)
            writer.writerows(["" if c is None else c for c in row] for row in rows)
            writer.writerow([])
        return out.getvalue().encode("utf-8-sig")
    writer.writerow([c.title for c in summary_columns(questionnaire)])
    for row in summary_rows(comparison):
        writer.writerow(["" if cell is None else cell for cell in row])
    return out.getvalue().encode("utf-8-sig")
