"""回答一覧: every answer, area by area — level, number, わからない and memo side by side —
so the whole self-check can be checked before printing without stepping through every
question. Enter (or e) jumps to a question to edit it; u shows only what is still open
(未回答 and わからない, listed apart: they mean different things); p writes the list as a page
to print (HTML) or as text."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Footer, Header, OptionList
from textual.widgets.option_list import Option

from dxcheck.core import progress as prog
from dxcheck.core.answer_list import AnswerRow, answer_rows
from dxcheck.io.sessions import Position
from dxcheck.tui.labels import fit
from dxcheck.tui.saving import default_folder
from dxcheck.tui.screens.base import WizardScreen
from dxcheck.tui.widgets.ja_text import JaStatic
from dxcheck.tui.wrap import hanging, join_lines

NUMBER_CELLS = 6  # 「14-4 」
STATE_CELLS = 12  # 「レベル 3」「わからない」「未回答」 and a number beside


def row_prompt(row: AnswerRow, width: int) -> Content:
    """Two or more lines: 「3-2 質問文…」 then 「    レベル 3 全庁的に実施　120手続　メモ: …」,
    wrapped by dxcheck.tui.wrap at the list's width."""
    if row.unknown:
        state = Content.styled("わからない", "bold $text-warning")
    elif row.level is None:
        state = Content.styled("未回答", "bold $text-error")
    else:
        state = Content.styled(row.state, "bold $text-accent")
    number = Content.styled(fit(row.number, NUMBER_CELLS), "$text-muted")
    detail = state
    if row.value:
        detail += Content.assemble(("　数値 ", "$text-muted"), row.value)
    if row.note:
        detail += Content.assemble(("　メモ: ", "$text-muted"), row.note)
    # the text and the answer hang under the question's text, clear of its number
    lines = hanging(number, Content(row.question.text), width)
    lines += hanging(Content(" " * NUMBER_CELLS), detail, width)
    return join_lines(lines)


class ReviewScreen(WizardScreen):
    SUB_TITLE = "回答一覧"
    CSS_PATH = "review.tcss"
    AUTO_FOCUS = "#answers"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "edit", "この質問を直す", show=False),
        Binding("u", "toggle_open", "未回答だけ"),
        Binding("p", "print", "印刷用に書き出す"),
        Binding("s", "results", "結果"),
        Binding("escape,left", "back", "質問に戻る"),
        Binding("e", "profile", "プロフィール", show=False),
        Binding("ctrl+s", "app.save_as", "名前を付けて保存", show=False),
        Binding("f", "app.workshop", "合意"),  # a workshop's merged answers only
    ]

    def __init__(self) -> None:
        super().__init__()
        self.open_only = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield JaStatic("", id="summary")
        yield OptionList(id="answers")
        yield JaStatic(
            Content.styled(
                "Enter でその質問へ移って直せます。「わからない」は採点から除かれ、"
                "回答率を下げます。",
                "$text-muted",
            ),
            id="hint",
        )
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.redraw()

    def on_resize(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        q = self.data.questionnaire
        session = self.wizard.session
        assert session is not None
        a = session.assessment
        p = prog.progress(q, a)
        summary = Content.assemble(
            ("回答済み ", "$text-muted"),
            (str(p.answered), "bold"),
            ("　わからない ", "$text-muted"),
            (str(p.unknown), "bold"),
            ("　未回答 ", "$text-muted"),
            (str(p.unanswered), "bold $text-warning" if p.unanswered else "bold"),
            (f"　（全 {p.total} 問）", "$text-muted"),
        )
        if not p.unanswered and not p.unknown:
            summary += Content.styled("　すべての質問に回答しました。", "$text-success")
        if self.open_only:
            summary += Content.styled(
                "　未回答とわからないだけを表示中（u で全部）", "$text-accent"
            )
        self.query_one("#summary", JaStatic).update(summary)

        listing = self.query_one("#answers", OptionList)
        width = max((listing.scrollable_content_region.width or self.size.width - 4) - 1, 20)
        rows = answer_rows(q, a)
        if self.open_only:
            rows = [r for r in rows if r.unknown or r.level is None]
            rows.sort(key=lambda r: r.unknown)  # 未回答 first, then わからない
        highlighted_id = self._highlighted_id()
        options: list[Option] = []
        area = None
        for row in rows:
            if row.area_name != area and not self.open_only:
                area = row.area_name
                options.append(Option(Content.styled(f"■ {area}", "bold"), disabled=True))
            options.append(Option(row_prompt(row, width), id=row.question.id))
        if not options:
            options.append(
                Option(Content("見直す質問はありません。u で全部を表示します。"), disabled=True)
            )
        listing.set_options(options)
        # where the user was; with only the open questions, the first of them
        start = None if self.open_only else highlighted_id or session.last_question
        ids = [o.id for o in options]
        if start in ids:
            listing.highlighted = ids.index(start)
        else:
            listing.highlighted = next((i for i, o in enumerate(options) if not o.disabled), None)
        listing.scroll_to_highlight(top=False)

    def _highlighted_id(self) -> str | None:
        listing = self.query_one("#answers", OptionList)
        option = listing.highlighted_option
        return option.id if option is not None else None

    @on(OptionList.OptionSelected, "#answers")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.wizard.goto(Position("question", event.option.id))

    def action_edit(self) -> None:
        question_id = self._highlighted_id()
        if question_id:
            self.wizard.goto(Position("question", question_id))

    def action_toggle_open(self) -> None:
        self.open_only = not self.open_only
        self.redraw()

    def action_print(self) -> None:
        from dxcheck.tui.dialogs.save_path import SavePathScreen

        session = self.wizard.session
        assert session is not None
        a = session.assessment
        name = a.municipality.name or "回答"
        day = a.meta.assessed_on or self.wizard.today
        default = default_folder() / f"dxcheck-回答一覧-{name}-{day.isoformat()}.html"
        self.app.push_screen(
            SavePathScreen("回答一覧を印刷用に書き出す（HTML）", default, ".html"), self._write
        )

    def _write(self, path: object) -> None:
        from pathlib import Path

        from dxcheck.tui.saving import export_answer_list

        session = self.wizard.session
        if isinstance(path, Path) and session is not None:
            export_answer_list(
                self.app, path, session.assessment.model_copy(deep=True), self.data.questionnaire
            )

    def action_results(self) -> None:
        self.wizard.goto(Position("results"))

    def action_back(self) -> None:
        self.wizard.goto(Position("question"))

    def action_profile(self) -> None:
        self.wizard.goto(Position("profile"))
