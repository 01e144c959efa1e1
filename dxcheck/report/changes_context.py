"""The 前回からの変化 chapter's view: `dxcheck.core.delta` results, formatted. Computes nothing."""

from __future__ import annotations

from collections.abc import Mapping

from dxcheck.core.delta import AnswerChange, Delta, LevelChange, ScoreChange, ValueChange
from dxcheck.core.scoring import UNKNOWN, State
from dxcheck.report.viewmodel import ChangesView, LevelChangeView, ScoreChangeView, ValueChangeView
from dxcheck.report.wording import (
    fmt,
    japanese_date,
    level_label,
    short_date,
    signed,
    value_text,
)


def state_text(state: State) -> str:
    if isinstance(state, int):
        return level_label(state)
    return "わからない" if state == UNKNOWN else "未回答"


def score_change_view(change: ScoreChange) -> ScoreChangeView:
    name = "総合" if change.area is None else change.area.name
    text = {
        "new": "新たに算出",
        "gone": "算出できず",
        "none": "—",
    }.get(change.direction, signed(change.difference))
    return ScoreChangeView(name, fmt(change.before), fmt(change.after), text, change.direction)


def _level_view(change: LevelChange | AnswerChange, numbers: Mapping[str, str]) -> LevelChangeView:
    q = change.question
    return LevelChangeView(
        numbers.get(q.id, q.id), q.text, state_text(change.before), state_text(change.after)
    )


def _value_view(change: ValueChange, numbers: Mapping[str, str]) -> ValueChangeView:
    q = change.question
    unit = change.unit

    def shown(v: float | None) -> str:
        return "—" if v is None else value_text(v, unit)

    diff = change.difference
    if diff is None:
        text = "新たに記入" if change.before is None else "記入なし"
    else:
        text = ("+" if diff > 0 else "−") + value_text(abs(diff), unit)
    label = q.quantity.label if q.quantity is not None else q.text
    return ValueChangeView(
        numbers.get(q.id, q.id), label, shown(change.before), shown(change.after), text
    )


def changes_view(
    delta: Delta, numbers: Mapping[str, str], chapter: int, municipality: str
) -> ChangesView:
    overall = score_change_view(delta.overall)
    before_on, after_on = short_date(delta.before_on), short_date(delta.after_on)
    who = municipality or "貴団体"
    summary: list[str] = []
    period = f"前回の回答（{before_on}）と今回の回答（{after_on}）を比べると、"
    if overall.change == "±0.0":
        summary.append(f"{period}{who}の総合スコアは {overall.after} で、ほぼ変わっていません。")
    elif delta.overall.difference is not None:
        summary.append(
            f"{period}{who}の総合スコアは {overall.before} から {overall.after} に"
            f"{'上がりました' if overall.direction == 'up' else '下がりました'}（{overall.change}）。"
        )
    else:
        summary.append(f"前回の回答（{before_on}）と今回の回答（{after_on}）を比べました。")
    up, down = len(delta.areas_up), len(delta.areas_down)
    summary.append(
        f"スコアが上がった分野は {up}分野、下がった分野は {down}分野です。"
        f"レベルが上がった質問は {len(delta.raised)}問、下がった質問は {len(delta.lowered)}問、"
        f"新たに回答した質問は {len(delta.newly_answered)}問、"
        f"回答がなくなった質問（「わからない」または未回答に戻った質問）は"
        f" {len(delta.no_longer_answered)}問です。"
    )
    if delta.values:
        summary.append(f"数値で答える質問のうち {len(delta.values)}問で数値が変わりました。")
    if delta.unchanged:
        summary.append("前回と今回で、回答の内容に違いはありません。")
    warning = ""
    if delta.before_on and delta.after_on and delta.before_on > delta.after_on:
        warning = (
            "前回として指定した回答ファイルの回答日が、今回の回答日より後になっています。"
            "ファイルの指定が逆でないか確認してください。"
        )
    return ChangesView(
        chapter=chapter,
        before_on=japanese_date(delta.before_on),
        after_on=japanese_date(delta.after_on),
        summary=summary,
        order_warning=warning,
        overall=overall,
        areas=[score_change_view(a) for a in delta.areas],
        raised=[_level_view(c, numbers) for c in delta.raised],
        lowered=[_level_view(c, numbers) for c in delta.lowered],
        newly_answered=[_level_view(c, numbers) for c in delta.newly_answered],
        no_longer_answered=[_level_view(c, numbers) for c in delta.no_longer_answered],
        values=[_value_view(c, numbers) for c in delta.values],
    )


def summary_line(view: ChangesView) -> str:
    """The one sentence the summary page gives to the changes chapter."""
    if view.overall.direction in ("up", "down", "same"):
        return (
            f"前回の回答からの総合スコアの変化は {view.overall.before} → "
            f"{view.overall.after}（{view.overall.change}）です。詳しくは{view.chapter}章"
            "「前回からの変化」に示しました。"
        )
    return f"前回の回答との違いは、{view.chapter}章「前回からの変化」に示しました。"
