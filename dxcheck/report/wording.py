"""The report's words: labels, dates, number formats and the summary's generated sentences."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Sequence

from dxcheck.core.model import LEVEL_NAMES, Area, Horizon, Kpi
from dxcheck.core.scoring import AreaGap, Benchmarks, ScoreCard, biggest_gaps, displayed
from dxcheck.core.suggest import BODY_LIMIT, Suggestions

REPORT_TITLE = "自治体DX 現状分析・改善提案報告書"
SHORT_AREA_NAMES = {
    "governance": "体制・計画",
    "talent": "デジタル人材",
    "frontyard": "フロントヤード",
    "standardization": "標準化・共通化",
    "eltax": "eLTAX・公金収納",
    "mynumber": "マイナンバーカード",
    "security": "セキュリティ",
    "ai-rpa": "AI・RPA",
    "telework": "テレワーク",
    "community": "地域社会のデジタル化",
    "divide": "デジタルデバイド",
    "analog-regulation": "アナログ規制",
    "bpr": "BPR",
    "opendata": "オープンデータ",
}
HORIZON_LEADS = {
    Horizon.NOW: "追加の費用がかからない取組と、今ある体制ですぐに始められる取組です。"
    "南島原市の計画の着眼点①「まずは着手する」にならい、最初に取り組みます。",
    Horizon.SHORT: "予算化やシステムの調達が必要で、1〜2年で形にする取組です。",
    Horizon.LONG: "システムの更新時期や他の取組の成果を待って、3年目以降に進める取組です。",
}


def fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def signed(value: float | None) -> str:
    """「＋0.4」（上昇）「−0.2」（低下）「±0.0」 at the report's precision.

    Never ▲: in Japanese administrative writing ▲ marks a minus."""
    if value is None:
        return ""
    shown = round(value, 1)
    if shown > 0:
        return f"＋{shown:.1f}"
    if shown < 0:
        return f"−{-shown:.1f}"
    return "±0.0"


def shown_gap(score: float | None, target: float | None) -> str:
    """target − score as the reader would compute it from the displayed (rounded) values,
    never below zero: 「0.5」 and 「1.7」 give 「1.2」, whatever the unrounded difference."""
    _current, _target, gap = displayed(score, target)
    return "—" if gap is None else f"{gap:.1f}"


BASIS_LABELS = {"proven": "実施例あり", "planned": "計画のみ", "national": "国の要請"}
BASIS_NOTES = {
    "proven": "先行市が実施済みの取組（計画書に現状として記述があるもの）",
    "planned": "先行市が計画に掲げているものの、実施済みの記述はまだない取組",
    "national": "国の計画・通知が求めている取組（先行市の実施例はまだない）",
}
SKIP_LABELS = {
    "done": "実施済（担当者の指定）",
    "not_applicable": "対象外（担当者の指定）",
    "reached": "回答の水準が取組の水準に達している",
}


def level_label(level: int) -> str:
    return f"{level} {LEVEL_NAMES[level]}"


def japanese_date(day: dt.date | None) -> str:
    """2026-11-21 → 2026年（令和8年）11月21日."""
    if day is None:
        return "—"
    era = f"令和{day.year - 2018}年" if day >= dt.date(2019, 5, 1) else f"平成{day.year - 1988}年"
    era = era.replace("令和1年", "令和元年").replace("平成1年", "平成元年")
    return f"{day.year}年（{era}）{day.month}月{day.day}日"


def short_date(day: dt.date | None) -> str:
    """2026-11-21 → 2026年11月21日 (for sentences and narrow columns)."""
    return "日付なし" if day is None else f"{day.year}年{day.month}月{day.day}日"


def short_name(area: Area) -> str:
    name = SHORT_AREA_NAMES.get(area.id, area.name)
    return name if len(name) <= 12 else name[:11] + "…"


def value_text(value: float, unit: str) -> str:
    return f"{value:g}{unit}" if unit in ("%", "") else f"{value:g} {unit}"


def kpi_text(kpi: Kpi) -> str:
    """「窓口キャッシュレス割合 0%（令和5年度末）→ 20%（令和8年度末）」; name only without figures."""
    if kpi.baseline is None and kpi.target is None:
        return f"{kpi.name}（計画に数値目標の記載なし）"
    return kpi.describe()


def summary_sentences(
    card: ScoreCard,
    bench: Benchmarks,
    gaps: Sequence[AreaGap],
    sugg: Suggestions,
    target_label: str,
    municipality: str,
) -> list[str]:
    """A few sentences generated from the numbers, for the summary page."""
    who = municipality or "貴団体"
    out: list[str] = []
    city_overall = [o for c in bench.cities if (o := bench.current[c.id].overall) is not None]
    median = statistics.median(city_overall) if city_overall else None
    if card.overall is None:
        out.append(f"{who}の回答はまだなく、総合スコアを計算できません。")
    else:
        ahead = sum(1 for o in city_overall if o < card.overall)
        line = f"{who}の総合スコアは {fmt(card.overall)}（0〜5）です"
        if median is not None:
            line += (
                f"。先行{len(bench.cities)}市の中央値は {fmt(median)} で、"
                f"{len(city_overall)}市のうち {ahead}市を上回っています。"
            )
        else:
            line += "。"
        out.append(line)
    coverage = f"全{card.total}問のうち {card.answered}問に回答しました（回答率 {round(card.coverage * 100)}%）。"
    rest = []
    if card.unknown:
        rest.append(f"「わからない」が {card.unknown}問")
    if card.unanswered:
        rest.append(f"未回答が {card.unanswered}問")
    if rest:
        coverage += "、".join(rest) + "あり、これらは採点から除いています。"
    low = [a.area.name for a in card.areas if a.low_confidence]
    if low:
        coverage += (
            f"回答が半数に満たない {len(low)}分野（{'、'.join(low[:3])}"
            f"{'など' if len(low) > 3 else ''}）のスコアは参考値です。"
        )
    out.append(coverage)
    scored = [a for a in card.areas if a.score is not None and not a.low_confidence] or [
        a for a in card.areas if a.score is not None
    ]
    if len(scored) >= 2:
        best = max(scored, key=lambda a: a.score or 0.0)
        worst = min(scored, key=lambda a: a.score or 0.0)
        out.append(
            f"最も進んでいる分野は「{best.area.name}」（{fmt(best.score)}）、"
            f"最も遅れている分野は「{worst.area.name}」（{fmt(worst.score)}）です。"
        )
    key = biggest_gaps(gaps, 3)
    if key:
        parts = "、".join(
            f"「{g.area.area.name}」（差 {shown_gap(g.area.score, g.target)}）" for g in key
        )
        out.append(f"目標（{target_label}）との差が大きいのは {parts} です。")
    out.append(proposals_sentence(sugg, target_label))
    return out


def proposals_sentence(sugg: Suggestions, target_label: str) -> str:
    """What the proposals are, saying exactly how many are proven, planned only or national."""
    props = sugg.proposals
    if not props:
        return (
            "取組カタログの中に、回答の水準を上回る取組はありません。"
            "現在の水準を保ち、成果を測定して他団体へ広げることが次の段階です。"
        )
    counts = {b: sum(1 for s in props if s.basis == b) for b in BASIS_LABELS}
    parts = [f"{BASIS_LABELS[b]} {n}件" for b, n in counts.items() if n]
    beyond = sum(1 for s in props if s.beyond)
    if beyond == len(props):
        lead = (
            f"目標（{target_label}）には全分野で届いています。そこで、先行市の水準を超える"
            f"次の段階の取組を {len(props)}件提案します"
        )
    elif beyond:
        lead = (
            f"目標との差を埋める取組 {len(props) - beyond}件と、その先の段階の取組 {beyond}件、"
            f"計 {len(props)}件を提案します"
        )
    else:
        lead = f"目標との差を埋める取組を {len(props)}件提案します"
    text = (
        f"{lead}（内訳: {'・'.join(parts)}）。「実施例あり」は先行市が実施済みの取組、"
        "「計画のみ」は先行市が計画に掲げているだけでまだ実施の記述がない取組、"
        "「国の要請」は国の計画が求めている取組です。"
    )
    if len(props) > BODY_LIMIT:
        text += f"本文には優先度の高い {BODY_LIMIT}件を載せ、残り {len(props) - BODY_LIMIT}件は付録に載せました。"
    return text
