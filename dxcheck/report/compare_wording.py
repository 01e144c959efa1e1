"""The comparison PDF's words: colour classes, short dates and the summary's generated sentences."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from dxcheck.core.anonymity import (
    MIN_GROUP,
    MIN_QUANTILE_GROUP,
    Quartiles,
    count_words,
    shown_order,
)
from dxcheck.core.compare import AreaShortfall, Distribution, MeasureReach
from dxcheck.core.errors import Problem
from dxcheck.core.model import Questionnaire
from dxcheck.core.prefectures import PREFECTURES
from dxcheck.report.wording import fmt

COMPARE_TITLE = "自治体DX 比較報告書"
HEAT_BINS: tuple[tuple[str, str], ...] = (
    ("h0", "0以上1未満"),
    ("h1", "1以上2未満"),
    ("h2", "2以上3未満"),
    ("h3", "3以上4未満"),
    ("h4", "4以上5以下"),
)
NO_SCORE = "—"
# column heads of the heatmap, broken by hand where the narrow column would break a word
HEAT_LABELS: dict[str, tuple[str, ...]] = {
    "governance": ("体制・", "計画"),
    "talent": ("デジタル", "人材"),
    "frontyard": ("フロント", "ヤード"),
    "standardization": ("標準化・", "共通化"),
    "eltax": ("eLTAX・", "公金収納"),
    "mynumber": ("マイナ", "ンバー", "カード"),
    "security": ("セキュ", "リティ"),
    "ai-rpa": ("AI・", "RPA"),
    "telework": ("テレ", "ワーク"),
    "community": ("地域", "社会の", "DX"),
    "divide": ("デジタル", "デバイド"),
    "analog-regulation": ("アナログ", "規制"),
    "bpr": ("BPR",),
    "opendata": ("オープン", "データ"),
}


def heat_class(value: float | None) -> str:
    """The colour class of a score: one class per whole level, 5 counted with 4."""
    if value is None:
        return "hn"
    return HEAT_BINS[max(0, min(int(value), len(HEAT_BINS) - 1))][0]


SCOPE_NAMED = 3  # more prefectures than this are named as 「北海道・青森県・岩手県ほか9都道府県」
UNNAMED_SCOPE = "複数の都道府県"  # anonymous, when no prefecture may be named


def scope_of(prefectures: Sequence[str], *, others: bool = False) -> str:
    """「北海道」「佐賀県・長崎県」「北海道・青森県・岩手県ほか9都道府県」「全国（47都道府県）」:
    the prefectures covered, in the national order — short, as it heads every page. `others`:
    more were compared that may not be named (anonymous, too few compared there): 「佐賀県ほか」,
    without their number, or 「複数の都道府県」 when none may be."""
    if others:  # 「ほか」 once, without a number: how many were left unnamed is not said
        named = scope_of(prefectures) if prefectures else ""
        return f"{named.split('ほか')[0]}ほか" if named else UNNAMED_SCOPE
    rank = {p: i for i, p in enumerate(PREFECTURES)}
    known = sorted({p for p in prefectures if p in rank}, key=rank.__getitem__)
    # a name that is no prefecture (a typo in a file) is shown as written, never counted as one
    other = sorted({p for p in prefectures if p not in rank})
    if len(known) == len(PREFECTURES):
        text = f"全国（{len(PREFECTURES)}都道府県）"
    elif len(known) > SCOPE_NAMED:
        text = "・".join(known[:SCOPE_NAMED]) + f"ほか{len(known) - SCOPE_NAMED}都道府県"
    else:
        text = "・".join(known)
    if len(other) > SCOPE_NAMED:
        other = [*other[:SCOPE_NAMED], f"ほか{len(other) - SCOPE_NAMED}件"]
    return "・".join(p for p in (text, *other) if p) or "—"


def group_word(prefectures: Collection[str]) -> str:
    """What the compared municipalities are called: 「管内団体」 in one prefecture's report,
    「比較した団体」 when several prefectures (or all of Japan) are compared."""
    return "管内団体" if len(set(prefectures)) <= 1 else "比較した団体"


def kicker_of(prefectures: Collection[str]) -> str:
    """The cover's line above the title."""
    names = set(prefectures)
    if len(names) <= 1:
        return "管内団体の比較"
    return "全国の団体の比較" if set(PREFECTURES) <= names else "複数の都道府県の団体の比較"


def supporter(prefectures: Collection[str]) -> str:
    """Who would support a measure across municipalities: 「県として」「道として」…, or
    「国や都道府県として」 when several prefectures are compared."""
    names = set(prefectures)
    if len(names) == 1 and (name := next(iter(names))) in PREFECTURES:
        return f"{name[-1]}として"
    return "国や都道府県として"


def problem_text(problem: Problem) -> str:
    """「5行目　answers."x".level: 5 以下にしてください」 — the file name is shown above it."""
    where = f"{problem.line}行目　" if problem.line is not None else ""
    field = f"{problem.field}: " if problem.field else ""
    return f"{where}{field}{problem.reason}"


@dataclass(frozen=True, slots=True)
class SummaryFacts:
    """The figures the summary sentences are made from (all from the core)."""

    scope: str
    compared: int
    files_read: int
    earlier: int
    rejected: int
    overall: Distribution | Quartiles | None  # Quartiles (no extremes) when anonymous
    city_overall_median: float | None
    above_city_median: int
    low_coverage: int
    trends: int
    target_label: str
    unanswered: int = 0  # files with no answer at all (未提出・未回答), not compared
    with_overall: int = 0  # compared municipalities with an overall score


def comparison_summary(
    facts: SummaryFacts,
    questionnaire: Questionnaire,
    distributions: Mapping[str, Distribution | Quartiles | None],
    shortfalls: Sequence[AreaShortfall],
    top_measures: Sequence[MeasureReach],
    *,
    anonymous: bool = False,
    hidden_areas: Sequence[str] = (),
) -> list[str]:
    """A few sentences generated from the numbers, for the summary page. `anonymous` names no
    extreme and says counts as core.anonymity allows; `hidden_areas` are the areas whose
    below-target counts it leaves out (too few have a score there)."""

    def count(n: int, total: int) -> str:
        return count_words(n, total) if anonymous else f"{n}団体"

    out: list[str] = []
    if facts.compared:
        line = f"{facts.scope}の {facts.compared}団体の回答ファイルを比較しました。"
    else:
        line = "比較できる回答ファイルはありませんでした。"
    line += f"読み込んだファイルは {facts.files_read}件です。"
    earlier = f"{facts.earlier}件は同じ団体の以前の回答として推移に使"
    refused = f"{facts.rejected}件は誤りがあるため比較できませんでした（理由は付録Aに記載）。"
    if facts.earlier and facts.rejected:
        line += f"そのうち {earlier}い、{refused}"
    elif facts.earlier:
        line += f"そのうち {earlier}いました。"
    elif facts.rejected:
        line += f"そのうち {refused}"
    if facts.unanswered:
        line += (
            f"回答のないファイル {facts.unanswered}件は未提出・未回答として数え、"
            "比較には入れていません（付録Aに記載）。"
        )
    out.append(line)
    if anonymous and 0 < facts.compared < MIN_GROUP:  # every figure would be theirs
        out.append(
            f"比較した団体が{MIN_GROUP}団体未満のため、団体が特定されないよう、分布・人口規模別の"
            "平均・目標に届いていない団体の数・共通の課題は示していません。"
        )
        return out
    o = facts.overall
    line = ""
    if isinstance(o, Distribution):
        line = (
            f"総合スコア（0〜5）の中央値は {fmt(o.median)} で、最も高い団体は {fmt(o.maximum)}、"
            f"最も低い団体は {fmt(o.minimum)} です。"
        )
    elif o is not None:  # anonymous: never an extreme, each is one municipality's score
        line = (
            f"総合スコア（0〜5）の中央値は {fmt(o.median)}（第1四分位 {fmt(o.q1)}、"
            f"第3四分位 {fmt(o.q3)}）です。"
        )
    elif anonymous and facts.compared:
        line = (
            f"総合スコアの中央値は、スコアのある団体が{MIN_QUANTILE_GROUP}団体未満のため"
            "示していません。"
        )
    if line and facts.city_overall_median is not None:
        if anonymous:
            line += (
                f"先行5市の総合スコアの中央値（{fmt(facts.city_overall_median)}）を上回るのは"
                f" {count(facts.above_city_median, facts.with_overall)}です。"
            )
        else:
            line += (
                f"先行5市の総合スコアの中央値（{fmt(facts.city_overall_median)}）を上回る団体は"
                f" {facts.above_city_median}団体です。"
            )
    if line:
        out.append(line)
    medians = [
        (a, d.median) for a in questionnaire.areas if (d := distributions.get(a.id)) is not None
    ]
    if len(medians) >= 2:
        # anonymous: by the medians as published (the CSV's 2 decimals), the first area among
        # equals — a finer order would tell more than the tables do
        def shown(x: tuple[object, float]) -> float:
            return round(x[1], 2) if anonymous else x[1]

        high = max(medians, key=shown)
        low = min(medians, key=shown)
        if fmt(high[1]) == fmt(low[1]):  # equal as shown: naming one area twice says nothing
            out.append(
                f"分野別の中央値は、どの分野も {fmt(high[1])} で、分野による差はありません。"
            )
        else:
            out.append(
                f"分野別の中央値が最も高いのは「{high[0].name}」（{fmt(high[1])}）、"
                f"最も低いのは「{low[0].name}」（{fmt(low[1])}）です。"
            )
    # anonymous: an area is named for its count only when the count may be shown as one
    fewest = MIN_GROUP if anonymous else 1
    short = [s for s in shortfalls if s.below >= fewest][:3]
    if short:
        parts = "、".join(
            f"「{questionnaire.area(s.area_id).name}」"
            f"（{s.assessed}団体中 {count(s.below, s.assessed)}）"
            for s in short
        )
        out.append(f"目標（{facts.target_label}）に届いていない団体が多い分野は、{parts}です。")
    elif anonymous and facts.compared:
        out.append(
            f"目標（{facts.target_label}）に届いていない団体が{MIN_GROUP}団体以上の分野は"
            f"{'、ほかに' if hidden_areas else ''}ありません。"
        )
    elif facts.compared:
        out.append(f"目標（{facts.target_label}）に届いていない団体がある分野はありません。")
    if hidden_areas:  # hidden, not met: say so, never 「届いていない団体はありません」
        out.append(
            f"「{'」「'.join(hidden_areas)}」は、スコアのある団体が{MIN_GROUP}団体未満のため、"
            "団体が特定されないよう、目標に届いていない団体の数を示していません。"
        )
    if top_measures:
        # anonymous: the first of those whose count is shown largest — picking the largest
        # hidden count among 「ほぼすべての団体」 would tell them apart
        best = (
            min(top_measures, key=lambda r: shown_order(r.count, facts.compared))
            if anonymous
            else max(top_measures, key=lambda r: r.count)
        )
        # anonymous, another measure shown alike may help more: the chosen one is one of them
        alike = anonymous and any(
            r.measure.id != best.measure.id
            and shown_order(r.count, facts.compared) == shown_order(best.count, facts.compared)
            for r in top_measures
        )
        out.append(
            f"これらの分野で最も多くの団体の差を埋める取組{'の一つ' if alike else ''}は"
            f"「{best.measure.title}」"
            f"（{count(best.count, facts.compared)}）です。5章に、分野ごとに効果の大きい取組を示しました。"
        )
    if facts.low_coverage and anonymous:
        out.append(
            f"回答率が半数に満たない団体があります（{count(facts.low_coverage, facts.compared)}）。"
            "これらの団体のスコアは参考値として扱ってください。"
        )
    elif facts.low_coverage:
        out.append(
            f"回答率が半数に満たない団体が {facts.low_coverage}団体あります。"
            "これらの団体のスコアは参考値として扱ってください。"
        )
    if facts.trends:
        out.append(f"以前の回答がある {facts.trends}団体については、6章に推移を示しました。")
    return out
