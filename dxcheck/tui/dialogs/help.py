"""Help (F1 or ?): how to use the wizard, the keys, how scoring works, where work is saved."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer

from dxcheck.core.model import LEVEL_NAMES
from dxcheck.tui.labels import display_path
from dxcheck.tui.widgets.ja_text import JaStatic

KEYS: tuple[tuple[str, str], ...] = (
    ("↑ ↓ / 0〜5", "レベルを選ぶ（選んだ時点で保存されます）"),
    ("w", "「わからない」にする"),
    ("Enter / →", "次の質問へ"),
    ("← / PageUp", "前の質問へ"),
    ("m / Esc", "メモ欄へ移る / メモ欄から戻る"),
    ("h", "質問の説明をすべて表示（画面が低いときは2行に縮めています）"),
    ("a", "分野の一覧（進み具合つき）から移動"),
    ("b", "先行5市の状況を詳しく（出典の一節つき）"),
    ("r / s / e", "回答一覧 / 結果 / プロフィール"),
    ("Ctrl+P", "分野・質問を名前で検索して移動"),
    ("Ctrl+S", "回答ファイルを名前を付けて保存"),
    ("f", "ワークショップ（まとめた回答で、意見が分かれた質問の合意を記録）"),
    ("Ctrl+T", "配色の切り替え（暗い → 明るい → 投影用の高コントラスト）"),
    ("F1 / ?", "このヘルプ"),
    ("Ctrl+Q", "終了（回答は保存済みです）"),
)


def help_text(data_dir: Path) -> Content:
    lines: list[Content] = [
        Content.styled("使い方", "bold $text-accent"),
        Content(
            "1. プロフィールで団体を選び、人口・回答者・回答日を入れます。\n"
            "2. 分野ごとに、各質問の6つのレベルから今の状況に一番近いものを選びます。"
            "分からないときは「わからない」を選べます（0点にはなりません）。\n"
            "3. 画面の下には、先行5市がこの質問でどこまで進んでいるかが出ます。\n"
            "4. 回答一覧（r）ですべての回答を確かめ（u で未回答と「わからない」だけ、p で印刷用に書き出し）、結果画面で先行5市と比べます。"
        ),
        Content(""),
        Content.styled("キー操作（マウスでも操作できます）", "bold $text-accent"),
    ]
    for key, meaning in KEYS:
        lines.append(Content.assemble(("  " + key.ljust(14), "bold"), meaning))
    lines += [
        Content(""),
        Content.styled("レベルの意味（どの質問でも同じ）", "bold $text-accent"),
        *(Content(f"  {n} {name}") for n, name in enumerate(LEVEL_NAMES)),
        Content(""),
        Content.styled("採点の方法", "bold $text-accent"),
        Content(
            "分野のスコアは、回答した質問のレベルの加重平均（0〜5）です。「わからない」と未回答は"
            "採点から除き、回答率を下げます。回答率が半数未満の分野は「参考」と表示します。"
            "目標との差 = 目標 − 自団体（0 未満にはしません）。"
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

    def __init__(self, data_dir: Path) -> None:
        super().__init__()
        self.data_dir = data_dir

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield JaStatic(Content.styled("ヘルプ", "bold"), classes="dialog-title")
            with VerticalScroll(id="help-body"):
                yield JaStatic(help_text(self.data_dir))
        yield Footer(compact=True, show_command_palette=False)

    def action_close(self) -> None:
        self.dismiss(None)
