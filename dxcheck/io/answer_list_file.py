"""The 回答一覧 written as a page to print (HTML, opened in any browser) or as plain text.
Every piece of the user's text is escaped; the file is written atomically (a failed write
leaves the previous file)."""

from __future__ import annotations

import html
from pathlib import Path

from dxcheck.core.answer_list import AnswerRow
from dxcheck.core.model import Assessment
from dxcheck.io.store import atomic_write_text

STYLE = """
body { font-family: "Hiragino Sans", "Yu Gothic", "Meiryo", sans-serif; margin: 2em; }
h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin-top: 1.5em; border-bottom: 1px solid #888; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #bbb; padding: 0.3em 0.5em; vertical-align: top; text-align: left; }
th { background: #eee; } td.n { white-space: nowrap; }
.unknown { color: #8a5a00; } .open { color: #b00020; }
@media print { body { margin: 0; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
"""


def _who(assessment: Assessment) -> str:
    m = assessment.municipality
    day = assessment.meta.assessed_on.isoformat() if assessment.meta.assessed_on else "回答日なし"
    return f"{m.prefecture} {m.name or '団体名未入力'}　回答日 {day}"


def answer_list_html(assessment: Assessment, rows: list[AnswerRow]) -> str:
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="ja"><head><meta charset="utf-8">',
        f"<title>回答一覧 {e(assessment.municipality.name)}</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<h1>自治体DXセルフチェック 回答一覧</h1><p>{e(_who(assessment))}</p>",
    ]
    area = None
    for row in rows:
        if row.area_name != area:
            if area is not None:
                parts.append("</tbody></table>")
            area = row.area_name
            parts.append(
                f"<h2>{e(area)}</h2><table><thead><tr><th>番号</th><th>質問</th>"
                "<th>回答</th><th>数値</th><th>メモ</th></tr></thead><tbody>"
            )
        css = "unknown" if row.unknown else ("open" if row.level is None else "")
        parts.append(
            f'<tr><td class="n">{e(row.number)}</td><td>{e(row.question.text)}</td>'
            f'<td class="{css}">{e(row.state)}</td><td class="n">{e(row.value)}</td>'
            f"<td>{e(row.note)}</td></tr>"
        )
    if area is not None:
        parts.append("</tbody></table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def answer_list_text(assessment: Assessment, rows: list[AnswerRow]) -> str:
    lines = ["自治体DXセルフチェック 回答一覧", _who(assessment)]
    area = None
    for row in rows:
        if row.area_name != area:
            area = row.area_name
            lines += ["", f"■ {area}"]
        lines.append(f"{row.number} {row.question.text}")
        detail = f"    回答: {row.state}"
        if row.value:
            detail += f"　数値: {row.value}"
        lines.append(detail)
        if row.note:
            lines.append(f"    メモ: {row.note}")
    return "\n".join(lines) + "\n"


def write_answer_list(path: Path, assessment: Assessment, rows: list[AnswerRow]) -> None:
    """HTML for a .html path, plain text otherwise. Raises WriteError saying why."""
    if path.suffix.lower() in (".html", ".htm"):
        text = answer_list_html(assessment, rows)
    else:
        text = answer_list_text(assessment, rows)
    atomic_write_text(path, text)
