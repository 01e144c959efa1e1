"""One question at a time: its text and help, the six levels, わからない, a number where the
question is quantitative, a note, and what the five cities do here.

Moving between questions updates this screen in place (no new screen per question), so that
picking a level and going on stays instant. Every change is handed to the app's autosave.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Input, Label, OptionList

from dxcheck.core import numbers
from dxcheck.core import progress as prog
from dxcheck.core.model import LEVEL_NAMES, Question
from dxcheck.io.sessions import Position
from dxcheck.tui.labels import area_short, progress_label
from dxcheck.tui.screens.base import WizardScreen
from dxcheck.tui.widgets.area_list import AreaList
from dxcheck.tui.widgets.benchmark_panel import BenchmarkPanel
from dxcheck.tui.widgets.ja_text import ClampedText, JaStatic
from dxcheck.tui.widgets.level_picker import UNKNOWN_INDEX, LevelPicker

if TYPE_CHECKING:
    from dxcheck.core.model import Answer, Assessment, Questionnaire

LEVEL_KEYS = Binding.Group("レベル", compact=True)
TALL = 34  # rows from which the question's help is shown in full
SHORT = 24  # rows below which the cities' lines give their room to the levels
CRUMB_AREA_CELLS = 30  # an area name longer than this shows its short form in the crumb
WIDE = 110  # columns from which the cities' evidence is shown in full
FULLWIDTH_DIGITS = {chr(0xFF10 + n): n for n in range(6)}  # ０–５ typed with the IME on


class QuestionPane(VerticalScroll, can_focus=False, inherit_bindings=False):
    """The question's scrolling column. It takes no keys: ←/→ and PageUp/PageDown belong to
    the screen (previous/next question); it scrolls with the mouse and to the focused field."""


def _is_letter(character: str) -> bool:
    return character == "ｗ" or (character.isascii() and character.isalpha())


class NumberInput(Input):
    """The number box. A number never contains a letter, so the screen's letter keys (w
    わからない, r 回答一覧, s 結果, a 分野, m メモ …) keep working here, as the footer says,
    instead of being typed into the box."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        # letters are the screen's keys (shown in the footer); digits and the rest are typed
        if character is not None and _is_letter(character):
            return False
        return super().check_consume_key(key, character)

    async def _on_key(self, event: events.Key) -> None:
        character = event.character or ""
        if _is_letter(character):
            event.prevent_default()
            event.stop()
            key = "w" if character == "ｗ" else event.key
            # Textual hides printable keys' bindings while a text box has focus: look the
            # key up in the screen's own bindings
            screen = self.screen
            action = screen.letter_action(key) if isinstance(screen, QuestionScreen) else None
            if action is None:
                self.app.bell()
            else:
                await self.app.run_action(action, screen)
            return
        await super()._on_key(event)


class QuestionScreen(WizardScreen):
    CSS_PATH = "question.tcss"
    VERTICAL_BREAKPOINTS = [(0, "-short"), (SHORT, "-regular")]  # noqa: RUF012
    AUTO_FOCUS = "#levels"
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(str(n), f"pick({n})", f"レベル{n}", group=LEVEL_KEYS)
            for n in range(len(LEVEL_NAMES))
        ),
        Binding("w", "unknown", "わからない"),
        Binding("tab", "switch_field", "欄の切替"),  # quantitative questions only
        Binding("enter", "next", "次へ"),
        Binding("left,pageup", "previous", "前へ"),
        Binding("right,pagedown", "next", "次へ", show=False),
        Binding("a", "areas", "分野"),
        Binding("h", "toggle_help", "説明の全文", show=False),
        Binding("m", "note", "メモ", show=False),
        Binding("b", "cities", "先行市", show=False),
        Binding("r", "review", "回答一覧"),
        Binding("s", "results", "結果"),
        Binding("e", "profile", "プロフィール", show=False),
        Binding("ctrl+s", "app.save_as", "名前を付けて保存", show=False),
        Binding("escape", "leave_field", "項目を離れる", show=False),
    ]

    @classmethod
    def letter_action(cls, key: str) -> str | None:
        """The action bound to a letter key on this screen (for the number box)."""
        for binding in cls.BINDINGS:
            if isinstance(binding, Binding) and key in binding.key.split(","):
                return binding.action
        return None

    def __init__(self, question_id: str | None) -> None:
        super().__init__()
        self._initial = question_id
        self.question: Question | None = None
        self.sub_title = self._sub_title()  # set before mounting: the Header watches it

    @property
    def questionnaire(self) -> Questionnaire:
        assert self.wizard.data is not None
        return self.wizard.data.questionnaire

    @property
    def assessment(self) -> Assessment:
        assert self.wizard.session is not None
        return self.wizard.session.assessment

    def compose(self) -> ComposeResult:
        assert self.wizard.data is not None
        yield Header()
        with Horizontal(id="body"):
            yield AreaList(id="sidebar")
            with Vertical(id="main"):
                with QuestionPane(id="question-pane"):
                    yield JaStatic("", id="crumb")
                    yield JaStatic(id="text")
                    yield ClampedText("（hで全文）", id="help")
                    with Vertical(id="quantity"):
                        with Horizontal(classes="number-row"):
                            yield Label("", id="quantity-label")
                            yield NumberInput(id="value", compact=True, select_on_focus=False)
                        with Horizontal(classes="number-row", id="denominator-row"):
                            yield Label("", id="denominator-label")
                            yield NumberInput(id="denominator", compact=True, select_on_focus=False)
                        yield JaStatic("", id="quantity-level")
                        yield JaStatic("", id="value-error", classes="field-error")
                        yield JaStatic("", id="quantity-hint")
                    yield LevelPicker(id="levels")
                    with Horizontal(id="note-row"):
                        yield Label("メモ", id="note-label")
                        yield Input(
                            placeholder="根拠や確認先など（m で入力、Enter で次の質問へ）",
                            id="note",
                            compact=True,
                        )
                yield BenchmarkPanel(self.wizard.data.cities, id="cities")
        # at 80 columns the palette's key would push ヘルプ off the footer; Ctrl+P still works
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        first = self._initial or prog.first_question(self.questionnaire).id
        self.show_question(first)

    # ------------------------------------------------------------ showing a question

    def show_question(self, question_id: str) -> None:
        q = self.questionnaire
        question = q.question(question_id)
        self.question = question
        where = prog.locate(q, question_id)
        answer = self.assessment.answers.get(question_id)
        p = prog.progress(q, self.assessment)

        self._update_crumb(where, p)
        self.query_one("#text", JaStatic).update(Content.styled(question.text, "bold"))
        self.query_one(ClampedText).update(question.help)
        picker = self.query_one(LevelPicker)
        picker.show(question, self._choice(question))

        quantity = self.query_one("#quantity")
        quantity.display = question.quantity is not None
        self._show_value_error("")
        spec = numbers.spec_of(question)
        if spec is not None:
            self._show_number_fields(spec, answer)
        self._show_quantity_level()
        note = self.query_one("#note", Input)
        with note.prevent(Input.Changed):
            note.value = answer.note if answer is not None else ""
        self.query_one(BenchmarkPanel).show(question)
        self.query_one(QuestionPane).scroll_home(animate=False)
        self._refresh_areas(p)
        self.refresh_bindings()
        # a number goes where the number is asked: digits typed at once land in the box
        if spec is not None:
            self.set_focus(self.query_one("#value", Input))
        elif self.focused is None or self.focused.id in ("value", "denominator"):
            self.set_focus(picker)

    def _show_number_fields(self, spec: numbers.QuantitySpec, answer: Answer | None) -> None:
        unit = f"（{spec.value_unit}）" if spec.value_unit else ""
        self.query_one("#quantity-label", Label).update(Content(spec.value_label + unit))
        value_input = self.query_one("#value", Input)
        value_input.placeholder = spec.example
        denominator_input = self.query_one("#denominator", Input)
        self.query_one("#denominator-row").display = spec.is_share
        if spec.is_share:
            d_unit = f"（{spec.denominator_unit}）" if spec.denominator_unit else ""
            self.query_one("#denominator-label", Label).update(
                Content((spec.denominator_label or "総数") + d_unit)
            )
            denominator_input.placeholder = spec.denominator_example or "例: 100"
        saved = answer.value if answer is not None else None
        denominator = numbers.denominator_of(answer)
        for box, number in ((value_input, saved), (denominator_input, denominator)):
            with box.prevent(Input.Changed):
                box.value = "" if number is None else numbers.format_number(number)
        hint = "Enter で確定して次へ　Tab でレベル一覧（数値が分からないときはレベルを選べます）"
        if spec.is_share:
            hint = "Enter で次の欄へ・確定　" + hint.removeprefix("Enter で確定して次へ　")
        self.query_one("#quantity-hint", JaStatic).update(Content.styled(hint, "$text-muted"))

    def _update_crumb(self, where: prog.Location, p: prog.Progress) -> None:
        self.query_one("#crumb", JaStatic).update(
            Content.assemble(
                (f"分野 {where.area_number}/{where.area_count} ", "$text-muted"),
                # a long area name gives way to its short form so the crumb stays one line
                (
                    where.area.name
                    if cell_len(where.area.name) <= CRUMB_AREA_CELLS
                    else area_short(where.area),
                    "bold $text-accent",
                ),
                (
                    f"　質問 {where.number_in_area}/{where.count_in_area}"
                    f"　全体 {progress_label(p.answered, p.unknown, p.total)}",
                    "$text-muted",
                ),
            )
        )

    def _sub_title(self) -> str:
        session = self.wizard.session
        assert session is not None
        name = session.assessment.municipality.name or "団体名未入力"
        return "記入例（保存されません）" if session.is_demo else name

    def _choice(self, question: Question) -> int | None:
        answer = self.assessment.answers.get(question.id)
        if answer is not None and answer.unknown:
            return UNKNOWN_INDEX
        return prog.chosen_level(question, answer, self.assessment.municipality)

    def _refresh_areas(self, p: prog.Progress | None = None) -> None:
        p = p or prog.progress(self.questionnaire, self.assessment)
        self.query_one(AreaList).show(p, self.question.area if self.question else None)

    def _typed(self) -> numbers.Reading:
        """The numbers in the boxes, checked; ValueError(reason) when they cannot be saved."""
        question = self.question
        assert question is not None and question.quantity is not None
        quantity = question.quantity
        spec = numbers.QuantitySpec.of(quantity)
        m = self.assessment.municipality
        return numbers.read_answer(
            spec,
            self.query_one("#value", Input).value,
            self.query_one("#denominator", Input).value if spec.is_share else "",
            scaled=lambda value: quantity.scaled(value, None, m.staff, m.population),
        )

    def _show_quantity_level(self) -> None:
        """The level the typed numbers reach, live, and whether it is saved yet."""
        question = self.question
        label = self.query_one("#quantity-level", JaStatic)
        if question is None or question.quantity is None:
            return
        try:
            reading = self._typed()
        except ValueError:
            label.update(Content.styled("→ 正しい数値を入れるとレベルが決まります", "$text-muted"))
            return
        if reading.value is None:
            label.update(Content.styled("→ 数値を入れるとレベルが決まります", "$text-muted"))
            return
        spec = numbers.QuantitySpec.of(question.quantity)
        share = numbers.share_percent(reading) if spec.is_share else None
        m = self.assessment.municipality
        level = numbers.level_of(question.quantity, reading, m.staff, m.population)
        parts: list[str | tuple[str, str]] = ["→ "]
        if share is not None:
            parts += [(f"{share:.1f}%", "bold"), " "]
        if level is None:
            parts.append(
                ("分母（職員数・人口・対象の総数）が分かるとレベルが決まります", "$text-muted")
            )
        else:
            parts += [(f"レベル {level}", "bold $text-accent"), f" {LEVEL_NAMES[level]}"]
        if not self._number_saved(reading):
            parts.append(("（Enter で確定）", "$text-warning"))
        label.update(Content.assemble(*parts))

    def _number_saved(self, reading: numbers.Reading) -> bool:
        assert self.question is not None
        answer = self.assessment.answers.get(self.question.id)
        saved = answer.value if answer is not None else None
        denominator = numbers.denominator_of(answer)
        if reading.value is None and saved is None:
            return True
        return reading.value == saved and (
            reading.denominator is None or reading.denominator == denominator
        )

    def _show_value_error(self, reason: str) -> None:
        error = self.query_one("#value-error", JaStatic)
        error.update(Content(reason))
        error.display = bool(reason)

    # ------------------------------------------------------------ answering

    def _changed(self) -> None:
        assert self.question is not None
        self.wizard.record_change(Position("question", self.question.id))
        p = prog.progress(self.questionnaire, self.assessment)
        self._update_crumb(prog.locate(self.questionnaire, self.question.id), p)
        self._refresh_areas(p)

    @on(LevelPicker.Picked)
    def _picked(self, event: LevelPicker.Picked) -> None:
        if event.level is None:
            self.action_unknown()
        else:
            self.record_level(event.level)

    def action_pick(self, level: int) -> None:
        question = self.question
        if question is None:
            return
        if question.quantity is not None:
            # a digit on a quantitative question is the start of its number, never a level
            # (a level by hand: Space or Enter on the list)
            self._type_into_value(str(level))
            return
        self.record_level(level)

    def record_level(self, level: int) -> None:
        """A level chosen by hand (a number key, or Space/Enter/click on the list)."""
        question = self.question
        if question is None:
            return
        prog.set_level(self.assessment, question, level)
        self.query_one(LevelPicker).mark(level)
        self._clear_value()
        self._changed()

    def action_unknown(self) -> None:
        question = self.question
        if question is None:
            return
        prog.set_unknown(self.assessment, question)
        self.query_one(LevelPicker).mark(UNKNOWN_INDEX)
        self._clear_value()
        self._changed()

    def _clear_value(self) -> None:
        value_input = self.query_one("#value", Input)
        if value_input.value:
            with value_input.prevent(Input.Changed):
                value_input.value = ""
        self._show_value_error("")
        self._show_quantity_level()

    @on(Input.Changed, "#value, #denominator")
    def _number_typed(self) -> None:
        """Check as the user types and show the level it would give; nothing is saved until
        the number is confirmed (Enter, or leaving the box), so a half-typed number — the
        「15」 on the way to 「150」 — is never written."""
        if self.question is None or self.question.quantity is None:
            return
        try:
            self._typed()
        except ValueError as exc:
            self._show_value_error(str(exc))
        else:
            self._show_value_error("")
        self._show_quantity_level()

    def commit_number(self, *, leaving: bool) -> bool:
        """Save the typed numbers if they are valid; True when nothing unsaved is left.
        Invalid numbers are never written: the previous answer stays, and when the user
        leaves the question a notification says so."""
        question = self.question
        if question is None or question.quantity is None:
            return True
        try:
            reading = self._typed()
        except ValueError as exc:
            self._show_value_error(str(exc))
            if leaving:
                typed = self.query_one("#value", Input).value.strip()
                self.notify(
                    f"「{typed}」は保存していません（{exc}）。前の回答のままです。",
                    title="数値を確かめてください",
                    severity="warning",
                    timeout=8,
                )
            return False
        if self._number_saved(reading):
            return True
        prog.set_value(self.assessment, question, reading.value, reading.denominator)
        self.query_one(LevelPicker).mark(self._choice(question))
        self._show_quantity_level()
        self._changed()
        return True

    @on(Input.Blurred, "#value, #denominator")
    def _number_left(self) -> None:
        self.commit_number(leaving=False)

    @on(Input.Changed, "#note")
    def _note_changed(self, event: Input.Changed) -> None:
        if self.question is None:
            return
        prog.set_note(self.assessment, self.question, event.value)
        self._changed()

    @on(Input.Submitted, "#note")
    def _note_submitted(self) -> None:
        self.set_focus(self.query_one(LevelPicker))
        self.action_next()

    @on(Input.Submitted, "#value, #denominator")
    def _number_submitted(self, event: Input.Submitted) -> None:
        question = self.question
        assert question is not None and question.quantity is not None
        spec = numbers.QuantitySpec.of(question.quantity)
        if not self.commit_number(leaving=False):
            self.app.bell()  # stay: the reason is shown under the box
            return
        if event.input.id == "value" and spec.is_share and event.value.strip():
            denominator = self.query_one("#denominator", Input)
            if not denominator.value.strip():
                # at once (not deferred like focus()): the total typed next must land here
                self.set_focus(denominator)
                return
        self.action_next()

    def _type_into_value(self, text: str) -> None:
        box = self.query_one("#value", Input)
        self.set_focus(box)
        box.value += text  # appended: a digit never replaces the number typed before it
        box.cursor_position = len(box.value)

    def on_key(self, event: events.Key) -> None:
        """Full-width ０–５ and ｗ (typed with the IME left on) work like 0–5 and w. On a
        quantitative question, any digit typed outside the boxes goes into the number box."""
        if isinstance(self.focused, Input):
            return
        question = self.question
        digit = event.character and unicodedata.normalize("NFKC", event.character)
        if question is not None and question.quantity is not None and digit and digit.isdigit():
            event.stop()
            self._type_into_value(digit)
            return
        if event.character in FULLWIDTH_DIGITS:
            event.stop()
            self.action_pick(FULLWIDTH_DIGITS[event.character])
        elif event.character == "ｗ":
            event.stop()
            self.action_unknown()

    # ------------------------------------------------------------ moving

    def _leave(self) -> None:
        """Before moving to another question: confirm a typed number (or say it was not
        saved), and record the highlighted level when Enter was pressed on the list."""
        self.commit_number(leaving=True)

    def action_next(self) -> None:
        if self.question is None:
            return
        picker = self.query_one(LevelPicker)
        if self.focused is picker and picker.highlighted not in (None, picker.chosen):
            picker.action_choose()  # Enter on a highlighted option chooses it and goes on
            self.call_after_refresh(self.action_next)
            return
        self._leave()
        following = prog.neighbour(self.questionnaire, self.question.id, 1)
        if following is None:
            self.wizard.goto(Position("review"))
        else:
            self.wizard.goto(Position("question", following.id))

    def action_previous(self) -> None:
        if self.question is None:
            return
        self._leave()
        before = prog.neighbour(self.questionnaire, self.question.id, -1)
        if before is None:
            self.notify("最初の質問です。", timeout=2)
        else:
            self.wizard.goto(Position("question", before.id))

    def on_resize(self, event: events.Resize) -> None:
        # on short terminals the help is cut to two lines so that the levels stay in view
        help_text = self.query_one(ClampedText)
        help_text.clamp = event.size.height < TALL
        help_text.max_lines = 1 if event.size.height < SHORT else 2
        self.query_one(BenchmarkPanel).set_full(event.size.width >= WIDE)

    def action_toggle_help(self) -> None:
        help_text = self.query_one(ClampedText)
        help_text.expanded = not help_text.expanded

    def action_note(self) -> None:
        self.set_focus(self.query_one("#note", Input))

    def action_leave_field(self) -> None:
        self.set_focus(self.query_one(LevelPicker))

    def action_switch_field(self) -> None:
        """Tab on a quantitative question: between the number box and the level list."""
        if self.focused is not None and self.focused.id in ("value", "denominator"):
            self.set_focus(self.query_one(LevelPicker))
        else:
            self.set_focus(self.query_one("#value", Input))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "switch_field":
            return self.question is not None and self.question.quantity is not None
        return True

    def action_areas(self) -> None:
        from dxcheck.tui.dialogs.area_picker import AreaPickerScreen

        sidebar = self.query_one(AreaList)
        if sidebar.display:
            sidebar.focus()
            return
        p = prog.progress(self.questionnaire, self.assessment)
        current = self.question.area if self.question else None
        self.app.push_screen(AreaPickerScreen(p, current), self._area_chosen)

    def _area_chosen(self, area_id: str | None) -> None:
        if area_id is not None:
            self.wizard.goto_area(area_id)

    @on(OptionList.OptionSelected, "#sidebar")
    def _sidebar_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.wizard.goto_area(event.option.id)
            self.set_focus(self.query_one(LevelPicker))

    def action_cities(self) -> None:
        from dxcheck.tui.dialogs.city_detail import CityDetailScreen

        assert self.wizard.data is not None
        if self.question is not None:
            self.app.push_screen(CityDetailScreen(self.question, self.wizard.data.cities))

    def action_review(self) -> None:
        self._leave()
        self.wizard.goto(Position("review"))

    def action_results(self) -> None:
        self._leave()
        self.wizard.goto(Position("results"))

    def action_profile(self) -> None:
        self._leave()
        self.wizard.goto(Position("profile"))
