"""`dxcheck plan`: a draft DX推進計画 (Word, optionally Excel) from the chosen proposals.

Per measure the table shape 潟上市's plan uses — 取組名・現状と課題・取組の概要・スケジュール
（年度別）・評価指標（KPI）・担当課 — plus the plan's frame (計画期間, 推進体制, 進捗管理) filled
from the answers. Wording is municipality-neutral (「本団体」) and meant to be edited.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from dxcheck.core.model import LEVEL_NAMES, Assessment, Cost, Questionnaire
from dxcheck.core.roadmap import Analysis, PlanItem, reiwa
from dxcheck.core.scoring import UNKNOWN, Target
from dxcheck.report.word import heading, new_document, para, table, to_bytes
from dxcheck.report.wording import BASIS_LABELS, fmt, shown_gap

GOVERNANCE_AREA = "governance"


def schedule_cells(item: PlanItem, years: range) -> list[str]:
    """What happens in each plan year: preparation, introduction, then continued operation."""
    paid = item.suggestion.cost in (Cost.MEDIUM, Cost.HIGH)
    cells: list[str] = []
    for year in years:
        if year < item.start:
            cells.append("—")
        elif year == item.start:
            cells.append("予算要求・調達準備" if paid and item.end > item.start else "実施・試行")
        elif year < item.end:
            cells.append("導入・全庁展開")
        elif year == item.end:
            cells.append("運用開始・効果測定" if paid else "全庁展開・効果測定")
        else:
            cells.append("継続実施・改善")
    return cells


def _current(item: PlanItem, assessment: Assessment) -> str:
    """現状と課題: the municipality's own answer, the target, and its note."""
    out: list[str] = []
    for c in item.suggestion.closes:
        q = c.gap.question
        answer = assessment.answers.get(q.id)
        line = (
            f"「{q.text}」の現状はレベル{c.gap.current}（{LEVEL_NAMES[c.gap.current]}）で、"
            f"{'次の段階' if item.suggestion.beyond else '目標'}のレベル{c.gap.target}"
            f"（{LEVEL_NAMES[c.gap.target]}）に届いていない。"
        )
        if answer is not None and answer.note.strip():
            line += f"（担当課のメモ: {answer.note.strip()}）"
        out.append(line)
    return "\n".join(out)


def _frame(assessment: Assessment, q: Questionnaire, plan: Analysis) -> dict[str, str]:
    """The plan's frame from the answers: 推進体制 from the governance questions."""
    states = plan.card.states
    lines: list[str] = []
    for question in q.questions_in(GOVERNANCE_AREA):
        state = states.get(question.id)
        if isinstance(state, int):
            lines.append(f"・{question.text} — 現状 レベル{state}（{LEVEL_NAMES[state]}）")
        elif state == UNKNOWN:
            lines.append(f"・{question.text} — 現状 わからない（確認が必要）")
    governance_items = [
        i for i in plan.roadmap.items if i.suggestion.measure.area == GOVERNANCE_AREA
    ]
    if governance_items:
        first = governance_items[0]
        body = (
            "本計画は、首長のもと全庁横断の推進体制で進める。体制の整備そのものを取組の一つとし、"
            f"「{first.suggestion.title}」（取組{first.number}、{first.start_label}）から着手する。"
        )
    else:
        body = (
            "本計画は、既に整えている全庁横断の推進体制（推進本部・担当課）で進める。"
            "体制に関する回答は次のとおりで、新たな体制の整備は取組に含めていない。"
        )
    return {"体制": body, "現状": "\n".join(lines) or "体制に関する回答はまだありません。"}


def plan_docx(
    assessment: Assessment,
    questionnaire: Questionnaire,
    target: Target,
    plan: Analysis,
    *,
    font_family: str,
) -> bytes:
    m = assessment.municipality
    who = m.name or "本団体"
    road = plan.roadmap
    years = road.years
    names = plan.bench.names
    doc = new_document(f"{who} DX推進計画（案）", font_family)
    doc.add_heading(f"{m.prefecture}{who} DX推進計画（案）", level=0)
    para(
        doc,
        f"計画期間: {road.period}　／　この案は dxcheck が自己診断の回答から作成した下書きです。"
        "各課の言葉で書き直し、庁内で協議してから確定してください。",
        size=9.5,
    )

    heading(doc, "第1章 計画の概要", 1)
    heading(doc, "1 計画の目的", 2)
    para(
        doc,
        "本計画は、国の「自治体DX推進計画」を踏まえ、デジタル技術とデータを活用して住民サービスの"
        "利便性を高め、業務を効率化するため、本団体が計画期間に取り組む事項と目標を定めるものである。",
    )
    heading(doc, "2 計画期間", 2)
    para(
        doc,
        f"{road.period}（{len(years)}年間）とする。国の施策の動向や技術の進展、"
        "住民ニーズの変化に応じて、必要があれば期間中でも見直す。",
    )
    heading(doc, "3 計画の位置付け", 2)
    para(
        doc,
        f"総務省「{questionnaire.national_plan}」{questionnaire.national_plan_version}に沿い、"
        "本団体の総合計画・行政改革の方針と整合を図る。",
    )

    heading(doc, "第2章 現状と課題", 1)
    overall = fmt(plan.card.overall)
    para(
        doc,
        f"自己診断（{questionnaire.title}、回答 {plan.card.answered}/{plan.card.total}問）による"
        f"本団体の総合スコアは {overall}（0〜5）である。分野別の現状は次のとおり。",
    )
    table(
        doc,
        ["分野", "現状", "目標", "差"],
        [
            [g.area.area.name, fmt(g.area.score), fmt(g.target), shown_gap(g.area.score, g.target)]
            for g in plan.gaps
        ],
        widths_mm=[100, 22, 22, 22],
    )
    para(doc, f"目標は「{target.label(names)}」。スコアは 0 未着手 … 5 先進。", size=9)

    heading(doc, "第3章 推進体制", 1)
    frame = _frame(assessment, questionnaire, plan)
    para(doc, frame["体制"])
    para(doc, frame["現状"])

    heading(doc, "第4章 個別の取組", 1)
    para(
        doc,
        "取組は優先順（国の期限、前提となる取組、差の大きさ、費用、先行団体の実施例）に並べた。"
        "区分の「実施例あり」は先行団体が実施済みの取組、「計画のみ」は先行団体が計画に掲げている取組、"
        "「国の要請」は国の計画が求める取組である。",
    )
    for item in road.items[: len(plan.suggestions.body)]:
        _measure_table(doc, item, assessment, years, names)

    heading(doc, "第5章 進捗管理", 1)
    para(
        doc,
        f"取組ごとの評価指標（KPI）を毎年度末に担当課が測定し、推進体制の会議で達成状況を確認する"
        f"（PDCA）。{reiwa(years[0] + 1)}以降、毎年度の自己診断を前年度の回答と比べて"
        "（dxcheck report --baseline）、分野ごとの変化を公表する。",
    )
    para(
        doc,
        "進捗が遅れている取組は、原因（予算・人員・調達・前提となる取組）を確認し、"
        "スケジュールを見直す。見直した内容は次年度の計画に反映する。",
    )
    if plan.suggestions.more:
        heading(doc, "参考 計画期間後に検討する取組", 2)
        for item in road.items[len(plan.suggestions.body) :]:
            para(doc, f"・{item.suggestion.title}（{BASIS_LABELS[item.suggestion.basis]}）")
    return to_bytes(doc)


def _measure_table(
    doc: Any, item: PlanItem, assessment: Assessment, years: range, names: Mapping[str, str]
) -> None:
    from docx.shared import Pt

    s = item.suggestion
    heading(doc, f"取組{item.number}　{s.title}", 2)
    rows = [
        ("取組名", s.title),
        ("区分", BASIS_LABELS[s.basis] + _peers(item, names)),
        ("現状と課題", _current(item, assessment)),
        ("取組の概要", s.measure.description),
    ]
    t = doc.add_table(rows=len(rows) + 4, cols=len(years) + 1)
    t.style = doc.styles["Table Grid"]
    for r, (label, text) in enumerate(rows):
        t.cell(r, 0).text = label
        merged = t.cell(r, 1).merge(t.cell(r, len(years)))
        merged.text = text
    r = len(rows)
    t.cell(r, 0).merge(t.cell(r + 1, 0)).text = "スケジュール"
    for c, (year, cell) in enumerate(zip(years, schedule_cells(item, years), strict=True)):
        t.cell(r, c + 1).text = reiwa(year)
        t.cell(r + 1, c + 1).text = cell
    kpi = item.kpi
    t.cell(r + 2, 0).text = "評価指標（KPI）"
    t.cell(r + 2, 1).merge(
        t.cell(r + 2, len(years))
    ).text = f"{kpi.name}: {kpi.baseline}（現状）→ {kpi.target}（{kpi.by}）"
    t.cell(r + 3, 0).text = "担当課"
    t.cell(r + 3, 1).merge(t.cell(r + 3, len(years))).text = item.department
    for row in t.rows:
        for cell in row.cells:
            for p in cell.paragraphs:
                for run in p.runs:
                    run.font.size = Pt(9.5)
    para(doc, "")


def _peers(item: PlanItem, names: Mapping[str, str]) -> str:
    s = item.suggestion
    if s.done_city_ids:
        return f"（実施済み: {'・'.join(names.get(c, c) for c in s.done_city_ids)}）"
    if s.city_ids:
        return f"（計画に掲げる団体: {'・'.join(names.get(c, c) for c in s.city_ids)}）"
    return ""


def plan_xlsx(assessment: Assessment, plan: Analysis) -> bytes:
    """The same measures as one sheet: a row per measure, a column per fiscal year.

    Every cell is written as a string, so a note beginning with = + - @ is never a formula."""
    import xlsxwriter

    road = plan.roadmap
    years = list(road.years)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    sheet = book.add_worksheet("取組一覧")
    head = book.add_format({"bold": True, "bg_color": "#EEF1F5", "border": 1, "text_wrap": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top", "border": 1})
    columns = [
        ("番号", 6),
        ("取組名", 30),
        ("区分", 10),
        ("現状と課題", 45),
        ("取組の概要", 45),
        *((reiwa(y), 14) for y in years),
        ("評価指標（KPI）", 24),
        ("基準値", 14),
        ("目標値", 14),
        ("達成時期", 12),
        ("担当課", 18),
        ("費用", 8),
    ]
    for c, (title, width) in enumerate(columns):
        sheet.write_string(0, c, title, head)
        sheet.set_column(c, c, width)
    for r, item in enumerate(road.items, start=1):
        s = item.suggestion
        values = [
            str(item.number),
            s.title,
            BASIS_LABELS[s.basis],
            _current(item, assessment),
            s.measure.description,
            *schedule_cells(item, road.years),
            item.kpi.name,
            item.kpi.baseline,
            item.kpi.target,
            item.kpi.by,
            item.department,
            s.cost.label,
        ]
        for c, value in enumerate(values):
            sheet.write_string(r, c, value, wrap)
    sheet.freeze_panes(1, 2)
    book.close()
    return buffer.getvalue()
