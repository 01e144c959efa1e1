"""Profile: the municipality (prefecture, then a name from the shipped list), its population,
the respondent, the department and the date. A field that is wrong says why, under itself,
and nothing wrong reaches the answer file."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, Header, Input, Label, OptionList, Select
from textual.widgets.option_list import Option

from dxcheck.io import municipalities
from dxcheck.io.sessions import Position
from dxcheck.tui import validators
from dxcheck.tui.screens.base import WizardScreen
from dxcheck.tui.widgets.ja_select import JaSelect
from dxcheck.tui.widgets.ja_text import JaStatic

if TYPE_CHECKING:
    from dxcheck.core.model import Assessment

MAX_TEXT = 100


def candidates(prefecture: str, text: str) -> list[municipalities.Municipality]:
    """Municipalities of a prefecture matching a name or reading; wards of cities are left out
    (a 政令市's 区 is not a local government of its own)."""
    return [m for m in municipalities.search(prefecture, text) if " " not in m.name]


class ProfileScreen(WizardScreen):
    SUB_TITLE = "プロフィール"
    CSS_PATH = "profile.tcss"
    AUTO_FOCUS = "#prefecture"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "next", "質問に進む", priority=True),
        Binding("escape", "back", "戻る"),
        Binding("ctrl+s", "app.save_as", "名前を付けて保存", show=False),
    ]

    @property
    def assessment(self) -> Assessment:
        assert self.wizard.session is not None
        return self.wizard.session.assessment

    def compose(self) -> ComposeResult:
        a = self.assessment
        m = a.municipality
        yield Header()
        with VerticalScroll(id="form"):
            yield JaStatic("団体の情報", classes="section-title")
            with Horizontal(classes="field"):
                yield Label("都道府県", classes="label")
                yield JaSelect(
                    [(p, p) for p in municipalities.PREFECTURES],
                    prompt="都道府県を選んでください",
                    value=m.prefecture
                    if m.prefecture in municipalities.PREFECTURES
                    else Select.NULL,
                    id="prefecture",
                    compact=True,
                )
            with Horizontal(classes="field"):
                yield Label("団体名", classes="label")
                yield Input(
                    placeholder="名前または読みの一部（例: いちき、くしきの）",
                    id="muni-filter",
                    compact=True,
                )
            yield OptionList(id="muni-list", compact=True)
            yield JaStatic("", id="muni-chosen")
            with Horizontal(classes="field"):
                yield Label("人口", classes="label")
                yield Input(
                    f"{m.population}" if m.population else "",
                    placeholder="例: 27000",
                    validators=[validators.Population()],
                    id="population",
                    compact=True,
                )
                yield Label("人", classes="unit")
            yield JaStatic("", id="population-error", classes="field-error")
            with Horizontal(classes="field"):
                yield Label("職員数", classes="label")
                yield Input(
                    f"{m.staff}" if m.staff else "",
                    placeholder="常勤職員の人数（例: 120）",
                    validators=[validators.Staff()],
                    id="staff",
                    compact=True,
                )
                yield Label("人", classes="unit")
            # the size-fair scales: a count of trained staff or of RPA tasks means something
            # only per 100 staff, so the questions that count per staff need this number
            yield JaStatic("", id="staff-error", classes="field-error")
            yield JaStatic("回答者", classes="section-title")
            with Horizontal(classes="field"):
                yield Label("回答者", classes="label")
                yield Input(
                    a.meta.respondent,
                    placeholder="例: 山田 太郎",
                    max_length=MAX_TEXT,
                    id="respondent",
                    compact=True,
                )
            with Horizontal(classes="field"):
                yield Label("所属", classes="label")
                yield Input(
                    a.meta.department,
                    placeholder="例: 総務課 DX推進係",
                    max_length=MAX_TEXT,
                    id="department",
                    compact=True,
                )
            with Horizontal(classes="field"):
                yield Label("回答日", classes="label")
                yield Input(
                    a.meta.assessed_on.isoformat() if a.meta.assessed_on else "",
                    placeholder="例: 2026-11-21",
                    validators=[validators.Date(self.wizard.today)],
                    id="assessed-on",
                    compact=True,
                )
            yield JaStatic("", id="assessed-on-error", classes="field-error")
            with Horizontal(id="buttons"):
                yield Button("質問に進む", id="next", variant="primary", compact=True)
                yield Button("スタート画面へ", id="back", compact=True)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self._refresh_candidates()
        self._show_chosen()

    # ------------------------------------------------------------ the municipality

    def _prefecture(self) -> str:
        value = self.query_one("#prefecture", Select).value
        return value if isinstance(value, str) else ""

    def _refresh_candidates(self) -> None:
        listing = self.query_one("#muni-list", OptionList)
        prefecture = self._prefecture()
        if not prefecture:
            listing.set_options(
                [
                    Option(
                        Content.styled("先に都道府県を選んでください", "$text-muted"), disabled=True
                    )
                ]
            )
            return
        found = candidates(prefecture, self.query_one("#muni-filter", Input).value)
        if not found:
            listing.set_options(
                [Option(Content.styled("当てはまる団体がありません", "$text-muted"), disabled=True)]
            )
            return
        listing.set_options(
            Option(
                Content.assemble(m.name, (f"（{m.kana}）", "$text-muted"), f"  {m.code}"),
                id=m.code,
            )
            for m in found
        )
        chosen = self.assessment.municipality.code
        ids = [m.code for m in found]
        listing.highlighted = ids.index(chosen) if chosen in ids else 0

    def _show_chosen(self) -> None:
        m = self.assessment.municipality
        chosen = self.query_one("#muni-chosen", JaStatic)
        if m.name and m.code:
            chosen.update(
                Content.assemble(
                    "選んだ団体: ", (m.name, "bold"), f"（{m.prefecture}） 団体コード {m.code}"
                )
            )
        else:
            chosen.update(
                Content.styled(
                    "団体をまだ選んでいません（一覧から Enter で選びます）", "$text-warning"
                )
            )

    @on(Select.Changed, "#prefecture")
    def _prefecture_changed(self, event: Select.Changed) -> None:
        prefecture = self._prefecture()
        m = self.assessment.municipality
        if prefecture == m.prefecture:
            return
        m.prefecture = prefecture
        if m.code and (known := municipalities.by_code(m.code)) and known.prefecture != prefecture:
            m.name = ""
            m.code = ""
        self.wizard.record_change()
        self._refresh_candidates()
        self._show_chosen()

    @on(Input.Changed, "#muni-filter")
    def _filter_changed(self) -> None:
        self._refresh_candidates()

    @on(Input.Submitted, "#muni-filter")
    def _filter_submitted(self) -> None:
        listing = self.query_one("#muni-list", OptionList)
        real = [o for o in listing.options if o.id]
        if len(real) == 1 and real[0].id:
            self._choose(real[0].id)
        else:
            listing.focus()

    @on(OptionList.OptionSelected, "#muni-list")
    def _municipality_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self._choose(event.option.id)

    def _choose(self, code: str) -> None:
        known = municipalities.by_code(code)
        if known is None:
            return
        m = self.assessment.municipality
        m.name, m.code, m.prefecture = known.name, known.code, known.prefecture
        self.wizard.record_change()
        self._show_chosen()
        self.query_one("#population", Input).focus()

    # ------------------------------------------------------------ the other fields

    @on(Input.Changed, "#population")
    def _population_changed(self, event: Input.Changed) -> None:
        if self._show_validation(event, "#population-error"):
            text = event.value.strip()
            self.assessment.municipality.population = (
                validators.parse_population(text) if text else None
            )
            self.wizard.record_change()

    @on(Input.Changed, "#staff")
    def _staff_changed(self, event: Input.Changed) -> None:
        if self._show_validation(event, "#staff-error"):
            text = event.value.strip()
            self.assessment.municipality.staff = validators.parse_staff(text) if text else None
            self.wizard.record_change()

    @on(Input.Changed, "#assessed-on")
    def _date_changed(self, event: Input.Changed) -> None:
        if self._show_validation(event, "#assessed-on-error"):
            text = event.value.strip()
            self.assessment.meta.assessed_on = (
                validators.parse_date(text, self.wizard.today) if text else None
            )
            self.wizard.record_change()

    @on(Input.Submitted, "#assessed-on")
    def _date_submitted(self) -> None:
        self.action_next()

    @on(Input.Changed, "#respondent")
    def _respondent_changed(self, event: Input.Changed) -> None:
        self.assessment.meta.respondent = event.value.strip()
        self.wizard.record_change()

    @on(Input.Changed, "#department")
    def _department_changed(self, event: Input.Changed) -> None:
        self.assessment.meta.department = event.value.strip()
        self.wizard.record_change()

    def _show_validation(self, event: Input.Changed, error_id: str) -> bool:
        """Show the reason under the field; True when the value may be stored."""
        result = event.validation_result
        error = self.query_one(error_id, JaStatic)
        if result is None or result.is_valid:
            error.update("")
            error.display = False
            return True
        error.update(Content("、".join(result.failure_descriptions)))
        error.display = True
        return False

    # ------------------------------------------------------------ leaving

    def _problems(self) -> list[str]:
        problems: list[str] = []
        if not self.assessment.municipality.code:
            problems.append("団体を一覧から選んでください")
        for field_id, label in (
            ("#population", "人口"),
            ("#staff", "職員数"),
            ("#assessed-on", "回答日"),
        ):
            if not self.query_one(field_id, Input).is_valid:
                problems.append(f"{label}の入力に誤りがあります")
        return problems

    def action_next(self) -> None:
        problems = self._problems()
        if problems:
            self.notify("\n".join(problems), title="まだ進めません", severity="warning")
            return
        from dxcheck.core.progress import first_unanswered, ordered_questions

        assert self.wizard.data is not None
        q = self.wizard.data.questionnaire
        first = first_unanswered(q, self.assessment) or ordered_questions(q)[0]
        self.wizard.goto(Position("question", first.id))

    def action_back(self) -> None:
        self.wizard.go_start()

    @on(Button.Pressed, "#next")
    def _next_pressed(self) -> None:
        self.action_next()

    @on(Button.Pressed, "#back")
    def _back_pressed(self) -> None:
        self.action_back()
