"""The facilitator view of a workshop's merged answers: question by question, each respondent's
level and note side by side, the disagreements first. The facilitator picks the agreed level
and types the reason; Enter records it (`dxcheck.core.merge.settle`) and it is autosaved like any
change. The reason is printed under the question in the report. A second tab shows who
answered which area.

What is shown comes from `dxcheck.core.workshop` (which uses `dxcheck.core.merge`); nothing is computed
here.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import (
    DataTable,
    Footer,
    Header,
    Input,
    Label,
    OptionList,
    Select,
    TabbedContent,
    TabPane,
)
from textual.widgets.option_list import Option

from dxcheck.core import progress as prog
from dxcheck.core.model import LEVEL_NAMES, Question
from dxcheck.core.numbers import format_number
from dxcheck.core.workshop import Workshop, WorkshopItem, record_decision, workshop
from dxcheck.io.sessions import Position
from dxcheck.tui.labels import UNKNOWN_LABEL, area_short, fit
from dxcheck.tui.screens.base import WizardScreen
from dxcheck.tui.widgets.ja_text import JaRows, JaStatic

UNKNOWN_CHOICE = "unknown"
WHO_CELLS = 20  # a respondent's name and department, cut beyond this
LEVEL_KEYS = Binding.Group("レベル", compact=True)
FULLWIDTH_DIGITS = {chr(0xFF10 + n): n for n in range(len(LEVEL_NAMES))}


def level_words(level: int | None) -> str:
    return UNKNOWN_LABEL if level is None else f"{level} {LEVEL_NAMES[level]}"


def status_mark(item: WorkshopItem) -> Text:
    """「未決」 an open disagreement, 「合意」 a recorded decision, else blank."""
    if item.settled:
        return Text("合意", style="bold green")
    if item.disagreement:
        return Text("未決", style="bold yellow")
    return Text("")


class WorkshopScreen(WizardScreen):
    SUB_TITLE = "ワークショップ"
    CSS_PATH = "workshop.tcss"
    AUTO_FOCUS = "#questions"
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(str(n), f"pick({n})", f"レベル{n}", group=LEVEL_KEYS, show=False)
            for n in range(len(LEVEL_NAMES))
        ),
        Binding("w", "pick_unknown", "わからない", show=False),
        Binding("m", "reason", "理由を入力"),
        Binding("n", "next_open", "次の未決"),
        Binding("c", "coverage", "回答状況"),
        Binding("s", "results", "結果"),
        Binding("ctrl+s", "app.save_as", "名前を付けて保存", show=False),
        Binding("escape", "leave", "質問画面へ"),
    ]

    def __init__(self, question_id: str | None = None) -> None:
        super().__init__()
        self._initial = question_id
        self.current: str | None = None
        self.model: Workshop | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="tabs"):
            with TabPane("質問ごとの合意", id="decide"):
                yield JaStatic("", id="summary")
                yield OptionList(id="questions", compact=True)
                with Vertical(id="detail"):
                    yield JaStatic("", id="question")
                    yield JaRows(id="respondents")
                    yield JaStatic("", id="proposal")
                    with Horizontal(id="level-row"):
                        yield Label("合意するレベル", id="level-label")
                        yield Select[str](
                            [(level_words(n), str(n)) for n in range(len(LEVEL_NAMES))]
                            + [(UNKNOWN_LABEL, UNKNOWN_CHOICE)],
                            prompt="レベルを選ぶ（0〜5、w）",
                            id="level",
                            compact=True,
                        )
                    yield JaStatic("", id="level-meaning")
                    with Horizontal(id="reason-row"):
                        yield Label("理由", id="reason-label")
                        yield Input(
                            placeholder="合意した理由（報告書のこの質問の下に載ります。Enterで記録）",
                            id="reason",
                            compact=True,
                            max_length=2000,
                        )
                    yield JaStatic("", id="reason-error", classes="field-error")
                    yield JaStatic(
                        Content.styled(
                            "Enter で合意を記録（自動保存）。Esc で質問の一覧へ",
                            "$text-muted",
                        ),
                        id="reason-hint",
                    )
            with TabPane("回答状況（回答者×分野）", id="coverage"):
                yield DataTable(id="coverage-table", cursor_type="row", zebra_stripes=True)
                yield JaStatic(
                    Content.styled(
                        "各回答者が分野ごとに答えた質問の数です（回答した数/分野の質問数）。"
                        "担当の分野だけ答えた回答者は、ほかの分野が — になります。",
                        "$text-muted",
                    ),
                    id="coverage-note",
                )
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.rebuild()
        first = self._initial
        assert self.model is not None
        if first is None or not any(i.question.id == first for i in self.model.items):
            opened = self.model.next_open()
            first = opened.question.id if opened else self.model.items[0].question.id
        self.show(first)
        self._fill_coverage()

    # ------------------------------------------------------------ the model

    def rebuild(self) -> None:
        session = self.wizard.session
        assert session is not None
        self.model = workshop(self.data.questionnaire, session.assessment)
        self._fill_list()
        self._fill_summary()

    def _fill_summary(self) -> None:
        assert self.model is not None
        m = self.model
        disagreements = len(m.disagreements)
        open_ = len(m.open_disagreements)
        people = "・".join(m.respondents) or "なし"
        self.query_one("#summary", JaStatic).update(
            Content.assemble(
                ("意見が分かれた質問 ", "$text-muted"),
                (f"{disagreements}問", "bold"),
                ("（未決 ", "$text-muted"),
                (f"{open_}", "bold $text-warning" if open_ else "bold $text-success"),
                ("）　回答者 ", "$text-muted"),
                (f"{len(m.respondents)}人: ", "bold"),
                people,
            )
        )

    def _fill_list(self) -> None:
        assert self.model is not None
        listing = self.query_one("#questions", OptionList)
        highlighted = listing.highlighted
        options: list[Option | None] = []
        split = len(self.model.disagreements)
        if split:
            options.append(
                Option(Content.styled(f"意見が分かれた質問（{split}問）", "bold"), disabled=True)
            )
        for n, item in enumerate(self.model.items):
            if n == split:
                if split:
                    options.append(None)
                options.append(
                    Option(
                        Content.styled(
                            f"そのほかの質問（{len(self.model.items) - split}問）", "bold"
                        ),
                        disabled=True,
                    )
                )
            options.append(self._option(item))
        with listing.prevent(OptionList.OptionHighlighted):
            listing.set_options(options)
            if highlighted is not None and highlighted < len(options):
                listing.highlighted = highlighted

    def _option(self, item: WorkshopItem) -> Option:
        q = self.data.questionnaire
        where = prog.locate(q, item.question.id)
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(width=4, no_wrap=True)
        grid.add_column(width=20, no_wrap=True)
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        grid.add_column(width=5, no_wrap=True, justify="right")
        grid.add_row(
            status_mark(item),
            Text(f"{area_short(where.area)} {where.label}"),
            Text(item.question.text),
            Text(f"{item.answered_by}人", style="dim"),
        )
        return Option(grid, id=item.question.id)

    # ------------------------------------------------------------ one question

    def show(self, question_id: str) -> None:
        assert self.model is not None and self.wizard.session is not None
        self.current = question_id
        self.wizard.session.position = Position("workshop", question_id)  # saved with a change
        item = self.model.item(question_id)
        question = item.question
        where = prog.locate(self.data.questionnaire, question_id)
        self.query_one("#question", JaStatic).update(
            Content.assemble(
                (
                    f"{area_short(where.area)} {where.label}　",
                    "$text-accent",
                ),
                (question.text, "bold"),
            )
        )
        rows = self._respondents(item)
        respondents = self.query_one("#respondents", JaRows)
        if rows:
            respondents.set_rows(rows)
        else:
            respondents.update(Content.styled("この質問に答えた回答者はいません。", "dim"))
        self._show_proposal(item)
        select = self.query_one("#level", Select)
        with select.prevent(Select.Changed):
            if item.unknown:
                select.value = UNKNOWN_CHOICE
            elif item.level is not None:
                select.value = str(item.level)
            else:
                select.clear()
        self._show_meaning()
        reason = self.query_one("#reason", Input)
        with reason.prevent(Input.Changed):
            reason.value = item.reason
        self._show_reason_error("")
        listing = self.query_one("#questions", OptionList)
        index = next(
            (i for i, o in enumerate(listing.options) if o.id == question_id), listing.highlighted
        )
        if listing.highlighted != index:
            with listing.prevent(OptionList.OptionHighlighted):
                listing.highlighted = index

    def _respondents(self, item: WorkshopItem) -> list[tuple[Content, Content]]:
        question = item.question
        levels = [line.level for line in item.lines if line.level is not None]
        cells: list[tuple[str, str, str, Content]] = []
        for line in item.lines:
            e = line.entry
            who = e.respondent + (f"（{e.department}）" if e.department else "")
            amount = (
                f"（{format_number(e.value)}{question.quantity.unit}）"
                if e.value is not None and question.quantity is not None
                else ""
            )
            outlier = item.disagreement and line.level in (
                (min(levels), max(levels)) if levels else ()
            )
            level_style = "bold" + (" $text-warning" if outlier or line.level is None else "")
            note = Content(e.note) if e.note else Content.styled("（メモなし）", "dim")
            cells.append(
                (fit(who, WHO_CELLS).rstrip(), level_words(line.level) + amount, level_style, note)
            )
        who_cells = max((cell_len(c[0]) for c in cells), default=0)
        level_cells = max((cell_len(c[1]) for c in cells), default=0)
        return [
            (
                Content.assemble(
                    (fit(who, who_cells), "bold"), " ", (fit(level, level_cells), style), " "
                ),
                note,
            )
            for who, level, style, note in cells
        ]

    def _show_proposal(self, item: WorkshopItem) -> None:
        parts: list[str | tuple[str, str]] = [
            ("合意案（回答の中央値）: ", "$text-muted"),
            (level_words(item.proposal) if item.lines else "—", "bold"),
        ]
        if item.settled:
            parts += [
                ("　記録した合意: ", "$text-muted"),
                (level_words(None if item.unknown else item.level), "bold $text-success"),
            ]
        elif item.disagreement:
            parts += [("　意見が分かれています", "bold $text-warning")]
        self.query_one("#proposal", JaStatic).update(Content.assemble(*parts))

    def _chosen(self) -> tuple[bool, int | None]:
        """(whether a choice is made, the level or None for わからない)."""
        value = self.query_one("#level", Select).value
        if value is Select.NULL:
            return False, None
        if value == UNKNOWN_CHOICE:
            return True, None
        return True, int(str(value))

    def _show_meaning(self) -> None:
        meaning = self.query_one("#level-meaning", JaStatic)
        chosen, level = self._chosen()
        if not chosen or self.current is None:
            meaning.update("")
            return
        question: Question = self.data.questionnaire.question(self.current)
        text = "採点から除き、回答率を下げます" if level is None else question.levels[level]
        meaning.update(Content.styled(f"→ {text}", "$text-muted"))

    def _show_reason_error(self, reason: str) -> None:
        error = self.query_one("#reason-error", JaStatic)
        error.update(Content(reason))
        error.display = bool(reason)

    # ------------------------------------------------------------ deciding

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self.query_one("#reason-hint").display = event.widget.id == "reason"

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if event.widget.id == "reason":
            self.query_one("#reason-hint").display = False

    @on(OptionList.OptionHighlighted, "#questions")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id and event.option.id != self.current:
            self.show(event.option.id)

    @on(OptionList.OptionSelected, "#questions")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.show(event.option.id)
            self.query_one("#level", Select).focus()

    @on(Select.Changed, "#level")
    def _level_changed(self) -> None:
        self._show_meaning()

    def action_pick(self, level: int) -> None:
        self.query_one("#level", Select).value = str(level)

    def action_pick_unknown(self) -> None:
        self.query_one("#level", Select).value = UNKNOWN_CHOICE

    def on_key(self, event: events.Key) -> None:
        """Full-width ０–５ (typed with the IME left on) pick a level like 0–5."""
        if isinstance(self.focused, Input):
            return
        if event.character in FULLWIDTH_DIGITS:
            event.stop()
            self.action_pick(FULLWIDTH_DIGITS[event.character])

    def action_reason(self) -> None:
        self.query_one(TabbedContent).active = "decide"
        self.query_one("#reason", Input).focus()

    @on(Input.Submitted, "#reason")
    def _record(self) -> None:
        if self.current is None:
            return
        chosen, level = self._chosen()
        reason = self.query_one("#reason", Input).value
        if not chosen:
            self._show_reason_error("合意したレベルを選んでください（0〜5 のキー、w でわからない）")
            return
        if not reason.strip():
            self._show_reason_error(
                "合意した理由を入力してください。報告書のこの質問の下に載ります"
            )
            return
        session = self.wizard.session
        assert session is not None
        question = self.data.questionnaire.question(self.current)
        record_decision(session.assessment, question, level, reason)
        was = self.current
        self.rebuild()
        self.notify(f"{level_words(level)}（理由: {reason.strip()}）", title="合意を記録しました")
        assert self.model is not None
        following = self.model.next_open(was)
        self.show(following.question.id if following else was)
        self.wizard.record_change()  # saved at once, with where the facilitator now is
        self._fill_coverage()
        self.query_one("#questions", OptionList).focus()

    def action_next_open(self) -> None:
        assert self.model is not None
        following = self.model.next_open(self.current)
        if following is None:
            self.notify("未決の質問はありません。", timeout=3)
            return
        self.query_one(TabbedContent).active = "decide"
        self.show(following.question.id)
        self.query_one("#questions", OptionList).focus()

    # ------------------------------------------------------------ coverage

    def _fill_coverage(self) -> None:
        assert self.model is not None
        table = self.query_one("#coverage-table", DataTable)
        table.clear(columns=True)
        table.add_column("分野", key="area")
        for name in self.model.respondents:
            table.add_column(Text(name), key=f"r:{name}")  # a name, never markup
        q = self.data.questionnaire
        for cov in self.model.coverage:
            cells: list[Text] = [Text(area_short(q.area(cov.area_id)))]
            for name in self.model.respondents:
                n = cov.answered.get(name, 0)
                cells.append(
                    Text(f"{n}/{cov.total}", justify="right", style="bold")
                    if n
                    else Text("—", justify="right", style="dim")
                )
            table.add_row(*cells, key=cov.area_id)

    def action_coverage(self) -> None:
        tabs = self.query_one(TabbedContent)
        tabs.active = "decide" if tabs.active == "coverage" else "coverage"
        if tabs.active == "coverage":
            self.query_one("#coverage-table", DataTable).focus()
        else:
            self.query_one("#questions", OptionList).focus()

    # ------------------------------------------------------------ leaving

    def action_leave(self) -> None:
        if isinstance(self.focused, Input | Select):
            self.query_one("#questions", OptionList).focus()
            return
        self.wizard.goto(Position("question", self.current))

    def action_results(self) -> None:
        self.wizard.goto(Position("results"))
