"""Help (F1 or ?) for the screen it is pressed on: what the screen is for, its keys (read from
its bindings), then how levels and scoring work and where work is saved."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer

from dxcheck.core.model import LEVEL_NAMES
from dxcheck.tui.labels import display_path, fit
from dxcheck.tui.widgets.ja_text import JaStatic

# What each screen is for, shown first when F1 is pressed there. The keys listed after it are
# read from the screen's own bindings (so they can never disagree with the footer).
SCREEN_HELP: dict[str, tuple[str, str]] = {
    "StartScreen": (
        "スタート画面",
        "続きから再開するか、新しく始めるか、回答ファイルを開きます。"
        "保存されている自己点検は、団体名（付けた名前）・回答者・出どころ（新規／開いたファイル／統合）"
        "・回答数・更新日時で見分けます。一覧で選んで r で名前を変え、x で削除できます"
        "（削除の前に確認します。名前を付けて保存したファイルは消えません）。",
    ),
    "ProfileScreen": (
        "プロフィール",
        "都道府県を選び、団体名を名前か読みの一部で探して Enter で選びます"
        "（カタカナ・ひらがな、「ケ」「ヶ」「が」はどれで入力しても見つかります）。"
        "人口・回答者・所属・回答日を入れ、Ctrl+N で質問に進みます。"
        "Tab で次の項目、Shift+Tab で前の項目へ移ります。",
    ),
    "QuestionScreen": (
        "質問",
        "6つのレベルから今の状況に一番近いものを選びます。数値で答える質問は数値の欄に入力します。"
        "分からないときは「わからない」を選べます（0点にはなりません）。"
        "画面の下には、先行5市がこの質問でどこまで進んでいるかが出ます。",
    ),
    "ReviewScreen": (
        "回答一覧",
        "すべての回答を分野ごとに、レベル・数値・わからない・メモとともに確かめます。"
        "Enter でその質問に移って直せます。u で未回答と「わからない」だけを表示し、"
        "p で印刷用のファイル（HTML）に書き出します。",
    ),
    "ResultsScreen": (
        "結果",
        "分野ごとのスコアを先行5市や目標と比べます。t で比べる目標を選びます。"
        "「本団体の目標」は分野ごとに入力でき（c）、回答ファイルの [targets] に保存されて"
        "報告書（dxcheck report --target own）でも使われます。p で PDF 報告書を作ります。",
    ),
    "WorkshopScreen": (
        "ワークショップ",
        "回答者ごとの回答をまとめたファイルで、意見が分かれた質問の合意を記録します。"
        "レベルを選び、m で理由を入力します。",
    ),
    "ComparisonScreen": (
        "団体の比較",
        "複数の団体の回答ファイルを並べて比べます。s で並べ替え、f で絞り込み、"
        "c / x で CSV・Excel に書き出します。",
    ),
    "MunicipalityDetailScreen": (
        "団体の詳細",
        "選んだ団体の分野ごとのスコアを先行5市や目標と比べます。",
    ),
    "OpenFileScreen": (
        "回答ファイルを開く",
        "フォルダの一覧（↑↓ で移動、Enter で開く、Backspace でひとつ上のフォルダ）から選ぶか、"
        "場所を入力します。入力中に Tab を押すと名前を補完します（候補が複数なら一覧を出します）。"
        "Ctrl+N で新しいフォルダを作れます。",
    ),
    "SavePathScreen": (
        "保存先を選ぶ",
        "フォルダの一覧から保存するフォルダを選ぶか、場所とファイル名を入力します。"
        "Tab で名前を補完します。まだないフォルダを入力すると、作ってから保存するか確かめます。"
        "Ctrl+N で新しいフォルダを作れます。同じ名前のファイルがあるときは上書きの前に確かめます。",
    ),
}
GENERAL = ("使い方", "プロフィール → 質問 → 見直し → 結果 の順に進みます。")


def help_text(data_dir: Path, screen: str = "", keys: Sequence[tuple[str, str]] = ()) -> Content:
    """The help for the screen named `screen` (its class name), with that screen's keys."""
    title, about = SCREEN_HELP.get(screen, GENERAL)
    lines: list[Content] = [
        Content.styled(f"この画面: {title}", "bold $text-accent"),
        Content(about),
    ]
    if keys:
        lines += [
            Content(""),
            Content.styled("この画面のキー（マウスでも操作できます）", "bold $text-accent"),
        ]
        lines += [Content.assemble(("  " + fit(key, 14), "bold"), meaning) for key, meaning in keys]
    lines += [
        Content(""),
        Content.styled("レベルの意味（どの質問でも同じ）", "bold $text-accent"),
        *(Content(f"  {n} {name}") for n, name in enumerate(LEVEL_NAMES)),
        Content(""),
        Content.styled("採点の方法", "bold $text-accent"),
        Content(
            "分野のスコアは、回答した質問のレベルの加重平均（0〜5）です。「わからない」と未回答は"
            "採点から除き、回答率を下げます。回答率が半数未満の分野は「参考」と表示します。"
            "目標との差 = 目標 − 本団体（0 未満にはしません）。"
        ),
        Content(""),
        Content.styled("保存について", "bold $text-accent"),
        Content(
            "入力は1つごとに、その場で自動保存されます。次に起動すると、続きから再開できます。\n"
            f"保存場所: {display_path(data_dir)}"
        ),
    ]
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    AUTO_FOCUS = "#help-body"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q,question_mark", "close", "閉じる")
    ]

    def __init__(
        self, data_dir: Path, screen: str = "", keys: Sequence[tuple[str, str]] = ()
    ) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.screen_name = screen
        self.keys = tuple(keys)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield JaStatic(Content.styled("ヘルプ", "bold"), classes="dialog-title")
            with VerticalScroll(id="help-body"):
                yield JaStatic(help_text(self.data_dir, self.screen_name, self.keys))
        yield Footer(compact=True)

    def action_close(self) -> None:
        self.dismiss(None)
