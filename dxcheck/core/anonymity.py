"""Statistics that name no municipality and cannot be traced to one (`compare --anonymous`).

Leaving names out is not enough: a group of one or two is a municipality. A prefecture has one
政令市, often one 村 in a population band; a band's mean over one municipality is its score, and
over two, each of the pair can subtract its own score and read the other's. So every group
statistic an anonymous output shows comes from at least MIN_GROUP municipalities — the rule
Japan's official statistics use when they hide (秘匿) a cell of one or two respondents (e.g.
経済センサス). Population bands under the minimum are merged into their neighbour; a group still
under the minimum is left out of the band table unlabelled (its label would say who it is).

Three more rules close what a review re-identified in real campaign folders:
- Order statistics are scores. The minimum and maximum are always one municipality's score, and
  with few values the quartiles pin down every other one (3–5 values: all of them), after which
  the total minus the shown band means gives a hidden municipality's score. So no minimum or
  maximum is ever published, and quartiles and median only over MIN_QUANTILE_GROUP values.
- A count equal to, or within MIN_GROUP of, all who could have it tells each of them that it
  has it (「8団体中 8団体が目標未満」); one under MIN_GROUP says almost nobody has it. Counts
  are shown only between MIN_GROUP and total − MIN_GROUP, otherwise as words.
- A shared measure is listed only when at least MIN_GROUP municipalities lack it.
- Order is a disclosure too. Rows ranked by their counts and then by a public key (area
  priority, cost, id) give back hidden counts: inside a block of 「ほぼすべての団体」, wherever
  the public key goes down the count dropped. So anonymous rows are ranked by the count as
  shown (shown_order) — a block of words as one — and inside it by the public key only; so is
  any choice among them (which areas get a section, which measure the summary names).
- A prefecture with fewer than MIN_GROUP compared is not named (「佐賀県ほか」): the total minus
  the named prefectures' counts would say how many of its municipalities answered.
Pure: takes submissions, returns groups and numbers (docs/data-format.md §8).
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from dxcheck.core.compare import (
    POPULATION_BANDS,
    UNKNOWN_BAND,
    AreaShortfall,
    MeasureReach,
    Reaches,
    Submission,
    rank_reaches,
    rank_shortfalls,
    shared_gaps,
)
from dxcheck.core.model import Questionnaire

MIN_GROUP: Final = 3
# Quartiles and median only over this many values: under it, each is (or sits within a step of)
# one municipality's score, and a few of them rebuild all the values (3–5 values: exactly).
MIN_QUANTILE_GROUP: Final = 10
SUPPRESSED: Final = "団体数が少ないため非表示"  # a whole output or chart row with too few
SUPPRESSED_CELL: Final = "非表示"  # one value of a table (the table's note says why)
FEW: Final = f"{MIN_GROUP}団体未満"  # a count under MIN_GROUP
NEARLY_ALL: Final = "ほぼすべての団体"  # a count within MIN_GROUP of the total


def explanation(k: int = MIN_GROUP) -> str:
    """The sentence every anonymous output carries beside its tables."""
    return (
        f"団体が特定されないよう、{k}団体未満から計算される値は示していません（「{SUPPRESSED_CELL}」）。"
        f"{k}団体未満の人口規模は隣の区分とまとめています。"
    )


def quantile_note(n: int = MIN_QUANTILE_GROUP) -> str:
    """Why there is no minimum or maximum, why quartiles need `n` values, and what they still
    are at `n` or more: at an odd count the median is one municipality's score (and at 13, 17,
    … the quartiles too) — whose is not said, and it fixes no other score."""
    return (
        "最小値と最大値は、どれも1団体のスコアそのものなので示していません。"
        f"四分位と中央値は、スコアのある団体が{n}団体以上のときだけ示します"
        f"（{n}団体未満では、それぞれが1団体のスコアに近く、団体数が5以下なら全団体のスコアが"
        f"分かってしまい、人口規模別の平均と組み合わせると非表示の団体のスコアまで分かるためです。"
        f"{n}団体未満は「{SUPPRESSED_CELL}」）。"
        f"{n}団体以上でも、団体数が奇数のときの中央値や、13・17団体のように4で割って1余るときの"
        "四分位は、ある1団体のスコアと同じ値です。どの団体のスコアかは示さず、"
        "ほかの団体のスコアもそこからは決まりません。"
    )


def count_note(k: int = MIN_GROUP) -> str:
    """Why some counts are words."""
    return (
        f"団体の数は、{k}団体以上で、かつ全体より{k}団体以上少ないときだけ示します。"
        f"それより少ないときは「{FEW}」、全体との差が{k}団体未満のときは「{NEARLY_ALL}」と書きます"
        "（全体と同じか近い数は、該当する団体それぞれに自分以外もそうだと分かってしまうためです）。"
        f"共通の課題は、{k}団体以上に共通する取組だけを示します。"
    )


def hidden_group_note(k: int = MIN_GROUP) -> str:
    """For an output whose band table leaves a too-small group out: no label; its size (1 or
    2) is the number compared minus the table's, and the note says so rather than hide it."""
    return (
        f"まとめても{k}団体に満たない人口規模の団体（人口不明を含む）は、"
        "人口規模別の表に含めていません（どの規模か分からないよう、区分名は示しません。"
        f"その団体数は、比較した団体数から表の団体数を引いた数で、{k}団体未満です）。"
    )


def shown_count(count: int, total: int, k: int = MIN_GROUP) -> int | str:
    """`count` of `total` municipalities, or a word when it tells who: under `k` (「3団体未満」)
    or within `k` of the total (「ほぼすべての団体」: each of them would know all the others are
    too)."""
    if count < k:
        return FEW
    if count > total - k:
        return NEARLY_ALL
    return count


def count_words(count: int, total: int, k: int = MIN_GROUP) -> str:
    """「5団体」「3団体未満」「ほぼすべての団体」."""
    shown = shown_count(count, total, k)
    return f"{shown}団体" if isinstance(shown, int) else shown


def shown_order(count: int, total: int, k: int = MIN_GROUP) -> tuple[int, int]:
    """A sort key (core.compare.CountOrder) that ranks a count as it is published: 「ほぼすべての
    団体」 first, then the numbers shown, most first, then 「3団体未満」. Counts shown as the same
    words get the same key, so that the order of rows never tells them apart."""
    shown = shown_count(count, total, k)
    if isinstance(shown, int):
        return (1, -shown)
    return (0, 0) if shown == NEARLY_ALL else (2, 0)


def published_reaches(
    reaches: Sequence[MeasureReach], questionnaire: Questionnaire, total: int, k: int = MIN_GROUP
) -> list[MeasureReach]:
    """An area's measures as an anonymous output lists them: those at least `k` of `total`
    compared lack (none, then, when fewer than `k` are compared), ranked by the count as shown
    and then by public keys only (core.compare.rank_reaches)."""
    listed = [r for r in reaches if r.count >= k]
    return rank_reaches(listed, questionnaire, total, order=lambda c, t: shown_order(c, t, k))


def published_shared(reaches: Reaches, total: int, k: int = MIN_GROUP) -> list[MeasureReach]:
    """The shared gaps an anonymous output lists: each measure under the area where its count
    as shown is largest (the first such area), ranked by that count as shown and then by cost
    and id; only those at least `k` of `total` compared lack. From every area's reach: a list
    already cut and deduplicated by the hidden counts (shared_gaps' default) would carry them."""
    ranked = shared_gaps(reaches, order=lambda c, t: shown_order(c, t, k), total=total)
    return [r for r in ranked if r.count >= k]


def published_shortfalls(
    items: Sequence[AreaShortfall], questionnaire: Questionnaire, k: int = MIN_GROUP
) -> list[AreaShortfall]:
    """Areas by how many are below target as shown (of those with a score), then national
    priority and number; an area fewer than `k` have a score in is left out (its count would be
    theirs)."""
    shown = [s for s in items if not 0 < s.assessed < k]
    return rank_shortfalls(shown, questionnaire, order=lambda c, t: shown_order(c, t, k))


def focus_areas(items: Sequence[AreaShortfall], limit: int, k: int = MIN_GROUP) -> list[str]:
    """The areas an anonymous chapter 5 gives a section, from `items` in published order: only
    those whose count is shown as a number or 「ほぼすべての団体」 — a section for an area
    marked 「3団体未満」 would tell 0 from 1–2."""
    return [s.area_id for s in items if s.below >= k][:limit]


def nameable(places: Sequence[str], k: int = MIN_GROUP) -> list[str]:
    """The prefectures (one entry per compared municipality) an anonymous output may name: those
    with at least `k` compared. Naming one with fewer says, with the total and the named
    prefectures' counts, how many of its municipalities answered."""
    counts = Counter(places)
    return sorted(p for p, n in counts.items() if n >= k)


@dataclass(frozen=True)
class Quartiles:
    """What an anonymous output shows of a distribution: never the minimum or maximum."""

    n: int
    q1: float
    median: float
    q3: float


def safe_quartiles(values: Sequence[float], n: int = MIN_QUANTILE_GROUP) -> Quartiles | None:
    """Quartiles and median, or None when fewer than `n` values (then they would be, or rebuild,
    the municipalities' own scores)."""
    if len(values) < max(n, 2):
        return None
    q1, median, q3 = statistics.quantiles(sorted(values), n=4, method="inclusive")
    return Quartiles(len(values), q1, median, q3)


def area_counts_and_quartiles(
    submissions: Sequence[Submission], questionnaire: Questionnaire, n: int = MIN_QUANTILE_GROUP
) -> dict[str, tuple[int, Quartiles | None]]:
    """Per area: how many municipalities have a score, and their quartiles when at least `n`
    do (None otherwise: the count is shown, the values are not)."""
    out: dict[str, tuple[int, Quartiles | None]] = {}
    for a in questionnaire.areas:
        values = [v for s in submissions if (v := s.card.area(a.id).score) is not None]
        out[a.id] = (len(values), safe_quartiles(values, n))
    return out


@dataclass(frozen=True)
class PeerGroup:
    """Municipalities of neighbouring population bands, at least `k` of them unless even all
    together are fewer (then `suppressed`: such a group is never shown, nor its label, which
    would name the band and so often the municipalities); `bands` are the original bands it
    covers."""

    label: str
    bands: tuple[str, ...]
    members: tuple[Submission, ...]
    k: int = MIN_GROUP

    @property
    def suppressed(self) -> bool:
        return len(self.members) < self.k

    @property
    def merged(self) -> bool:
        return len(self.bands) > 1


def _man(people: int) -> str:
    """10,000 → 「1万」: the bands' own way of writing their limits."""
    return f"{people // 10_000}万" if people % 10_000 == 0 else f"{people:,}"


def _range_label(low: int, high: int | None) -> str:
    if low == 0 and high is None:
        return "すべての人口規模"
    if low == 0 and high is not None:
        return f"{_man(high)}人未満"
    if high is None:
        return f"{_man(low)}人以上"
    return f"{_man(low)}〜{_man(high)}人"


def peer_groups(submissions: Sequence[Submission], k: int = MIN_GROUP) -> list[PeerGroup]:
    """Population bands with fewer than `k` municipalities merged into a neighbour: the
    smallest group first, into its smaller neighbour, until every group holds `k` (or only
    one is left). 人口不明 has no neighbour: it stands alone, suppressed when under `k`."""
    limits = [limit for limit, _ in POPULATION_BANDS]
    # (low, high, band labels, members) per non-empty band, in population order
    groups: list[tuple[int, int | None, list[str], list[Submission]]] = []
    for i, (limit, label) in enumerate(POPULATION_BANDS):
        members = [s for s in submissions if s.band == label]
        if members:
            high = None if i == len(limits) - 1 else limit
            groups.append((0 if i == 0 else limits[i - 1], high, [label], members))
    while len(groups) > 1 and min(len(g[3]) for g in groups) < k:
        i = min(range(len(groups)), key=lambda j: len(groups[j][3]))
        left = len(groups[i - 1][3]) if i > 0 else None
        right = len(groups[i + 1][3]) if i + 1 < len(groups) else None
        j = i - 1 if right is None or (left is not None and left <= right) else i + 1
        a, b = sorted((i, j))
        merged = (
            groups[a][0],
            groups[b][1],
            groups[a][2] + groups[b][2],
            groups[a][3] + groups[b][3],
        )
        groups[a : b + 1] = [merged]
    out = [
        PeerGroup(
            bands[0] if len(bands) == 1 else _range_label(low, high),
            tuple(bands),
            tuple(members),
            k,
        )
        for low, high, bands, members in groups
    ]
    unknown = [s for s in submissions if s.band == UNKNOWN_BAND]
    if unknown:
        out.append(PeerGroup(UNKNOWN_BAND, (UNKNOWN_BAND,), tuple(unknown), k))
    return out


def safe_mean(values: Sequence[float], k: int = MIN_GROUP) -> float | None:
    """The mean, or None when it would come from fewer than `k` municipalities."""
    return statistics.fmean(values) if len(values) >= k else None


@dataclass(frozen=True)
class GroupRow:
    """One shown peer group's line of an anonymous table: the overall and each area's mean,
    None where fewer than `k` members have a score (shown as suppressed)."""

    group: PeerGroup
    overall: float | None
    areas: dict[str, float | None]


def group_rows(
    submissions: Sequence[Submission], questionnaire: Questionnaire, k: int = MIN_GROUP
) -> list[GroupRow]:
    """The rows of the band table: suppressed groups are left out, label and count alike (a
    row 「10万人以上（2）」 told readers which two cities it was)."""
    rows = []
    for g in peer_groups(submissions, k):
        if g.suppressed:
            continue
        overall = safe_mean([o for s in g.members if (o := s.card.overall) is not None], k)
        areas = {
            a.id: safe_mean([v for s in g.members if (v := s.card.area(a.id).score) is not None], k)
            for a in questionnaire.areas
        }
        rows.append(GroupRow(g, overall, areas))
    return rows


def merge_notes(groups: Sequence[PeerGroup]) -> list[str]:
    """What was merged or left out, in sentences for the notes: that a shown group combines
    neighbouring bands, not which (each band named would have a member, and the short one
    would be told); for suppressed groups, one sentence without their bands."""
    out = [
        # never which bands: a band named here has at least one member, and in a prefecture
        # 「20万人以上」 is often one city
        f"団体数が{g.k}団体未満の人口規模があるため、隣り合う区分とまとめて「{g.label}」としました。"
        for g in groups
        if g.merged and not g.suppressed
    ]
    if any(g.suppressed for g in groups):
        out.append(hidden_group_note(groups[0].k))
    return out
