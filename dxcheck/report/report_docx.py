"""`report --docx`: the report as an editable Word document, from the same view model as the
PDF (`ReportContext`), so both say the same thing. Chapters and sections are Word headings
(見出し1〜3); figures become tables (the Gantt chart as the roadmap table)."""

from __future__ import annotations

from typing import Any

from dxcheck.report.viewmodel import MeasureView, ReportContext
from dxcheck.report.word import heading, new_document, para, table, to_bytes


def _measure(doc: Any, m: MeasureView) -> None:
    heading(doc, f"提案{m.rank}　{m.title}［{m.basis_label}］", 4)
    para(
        doc,
        f"着手 {m.start}（期間 {m.period}）／担当 {m.department}（{m.department_note}）"
        f"／費用 {m.cost}／対象の質問（現状→到達レベル）: {m.closes}",
    )
    para(doc, m.description)
    para(doc, f"KPI: {m.kpi}" + (f"　参考: {m.kpi_example}" if m.kpi_example else ""))
    for d in m.cities:
        extra = "、".join(x for x in (d.status, d.schedule, d.department) if x)
        para(doc, f"{d.name}（{extra}）「{d.quote}」（{d.locator}）", size=9)


def report_docx(r: ReportContext) -> bytes:
    doc = new_document(f"{r.municipality} {r.title}", r.font_family)
    doc.add_heading(f"{r.prefecture}{r.municipality} {r.title}", level=0)
    table(
        doc,
        ["項目", "内容"],
        [
            [
                "団体",
                f"{r.prefecture}{r.municipality}" + (f"（団体コード {r.code}）" if r.code else ""),
            ],
            ["人口", r.population],
            ["回答者", f"{r.department}　{r.respondent}"],
            ["回答日", r.assessed_on],
            ["報告書作成日", r.generated_on],
            ["質問票", f"{r.questionnaire}（版 {r.questionnaire_version}）"],
            ["比較の目標", r.target_label],
            ["比較した先行市", "・".join(r.city_names)],
        ],
        widths_mm=[40, 130],
    )

    heading(doc, "1 要約", 1)
    para(
        doc,
        f"総合スコア {r.overall}（0〜5）／回答率 {r.coverage_percent}%（{r.answered}/{r.total}問）"
        f"／本文で提案する取組 {len(r.body)}件"
        + (f"・ほか付録に {len(r.more)}件" if r.more else ""),
    )
    for s in r.summary:
        para(doc, s)
    heading(doc, "優先して取り組むこと", 2)
    if not r.priorities:
        para(doc, r.proposals_note)
    for m in r.priorities:
        heading(doc, f"提案{m.rank}　{m.title}［{m.basis_label}］", 3)
        para(doc, f"理由: {m.reason}")
        para(doc, f"{m.start}着手・{m.department}（{m.department_note}）・費用 {m.cost}・{m.kpi}")
    heading(doc, "比較の確かさ", 2)
    para(
        doc,
        "先行5市の水準は各市の計画書から読み取ったもので、計画書に記述がない質問は比較に使っていません。"
        "＊はカバー率が半数未満の市で、その総合スコアは参考値です。",
    )
    table(
        doc,
        ["市", "計画書の時点", "カバー率", "総合スコア"],
        [[s.city + ("＊" if s.low else ""), s.as_of, s.coverage, s.overall] for s in r.sources],
        widths_mm=[45, 45, 45, 35],
    )

    heading(doc, "2 全体の比較", 1)
    table(
        doc,
        ["分野", "自団体", *r.city_names, "目標", "差", "回答"],
        [
            [
                f"{row.number} {row.name}",
                row.own + ("（参考値）" if row.low else ""),
                *[c.text + ("＊" if c.low and c.text != "—" else "") for c in row.cities],
                row.target,
                row.gap,
                row.coverage,
            ]
            for row in r.table
        ],
        widths_mm=[40, *([130 / (len(r.city_names) + 4)] * (len(r.city_names) + 4))],
        size=8,
    )
    para(
        doc,
        "スコアは 0〜5。差 = 目標 − 自団体（0 未満にはしません）。「—」は回答または記述なし。",
        size=9,
    )

    heading(doc, "3 分野別の現状と提案", 1)
    for a in r.areas:
        heading(doc, f"3-{a.number} {a.name}（{a.category}）", 2)
        para(
            doc,
            f"スコア {a.score}　目標 {a.target}　差 {a.gap}　回答 {a.answered}/{a.total}"
            f"（わからない {a.unknown}・未回答 {a.unanswered}）" + ("　参考値" if a.low else ""),
        )
        for q in a.questions:
            para(doc, f"{q.number}　{q.text}")
            line = f"{q.own_label} {q.own}" + (f"（{q.value}）" if q.value else "")
            line += f"　目標 {q.target}" + (f"　差 {q.gap}" if q.gap else "")
            para(doc, line, size=9.5)
            if q.note:
                para(doc, f"メモ: {q.note}", size=9.5)
            cities = "・".join(f"{c.name} {c.level}" for c in q.cities)
            why = "".join(
                f"　根拠 {w.name}［{w.kind} {w.level}{'、' + w.when if w.when else ''}］「{w.quote}」（{w.locator}）"
                for w in q.why
            )
            silent = not q.why and all(c.level == "—" for c in q.cities)
            para(doc, "先行5市の計画書に記述なし" if silent else f"先行市 {cities}{why}", size=9)
        if a.measures:
            heading(doc, "差を埋める取組の提案", 3)
            for m in a.measures:
                _measure(doc, m)
        if a.more:
            para(
                doc,
                "この分野にかかわるほかの提案: "
                + "、".join(
                    f"提案{m.rank} {m.title}（{m.section if m.in_body else '付録D'}）"
                    for m in a.more
                ),
            )

    heading(doc, "4 ロードマップ", 1)
    para(doc, f"計画期間: {r.plan_period}。KPI の基準値は回答、目標値は提案が目指す水準です。")
    table(
        doc,
        ["番号", "取組", "区分", "期間", "担当課", "費用", "KPI"],
        [
            [str(m.rank), m.title, m.basis_label, m.period, m.department, m.cost, m.kpi]
            for m in r.body
        ],
        widths_mm=[10, 45, 16, 26, 26, 12, 45],
        size=8.5,
    )
    for g in r.roadmap:
        heading(doc, f"{g.label}（{len(g.items)}件）", 2)
        for m in g.items:
            para(doc, f"提案{m.rank}　{m.title}［{m.basis_label}］")

    heading(doc, "付録B 出典", 1)
    table(
        doc,
        ["市", "計画", "計画期間", "計画書の時点", "引用数"],
        [
            [f"{s.city}（{s.prefecture}）", s.plan_title, s.plan_period, s.as_of, str(s.citations)]
            for s in r.sources
        ],
    )
    heading(doc, "付録C 未回答・「わからない」の質問", 1)
    for label, groups in (("「わからない」", r.unknown), ("未回答", r.unanswered)):
        heading(doc, f"{label}の質問", 2)
        if not groups:
            para(doc, "ありません。")
        for pending in groups:
            for text in pending.questions:
                para(doc, f"{pending.area}　{text}", size=9.5)
    if r.more:
        heading(doc, "付録D そのほかの提案", 1)
        table(
            doc,
            ["番号", "取組", "区分", "着手", "担当課", "費用"],
            [[str(m.rank), m.title, m.basis_label, m.start, m.department, m.cost] for m in r.more],
            size=8.5,
        )
    if r.skipped:
        heading(doc, "付録E 実施済・対象外として除いた取組", 1)
        for x in r.skipped:
            para(doc, f"{x.title}［{x.reason}］" + (f"　メモ: {x.note}" if x.note else ""))
    return to_bytes(doc)
