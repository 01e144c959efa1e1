"""Comparing many municipalities (for a prefecture): the answer files are read and checked in a
worker thread with a progress bar (`dxcheck.io.collect.collect`), then shown as a table — one row
per municipality, sortable by any column (s on the column, or a click on its heading) and
filtered by prefecture, population band and name. Files that could not be compared are listed
with their located reasons, and the comparison's notes beside them: nothing is dropped
silently. Enter opens a municipality's detail; c and x write the CSV and the Excel file.

Every number comes from `dxcheck.core.compare` (via `dxcheck.core.compare_table` for the order).
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import (
    DataTable,
    Footer,
    Header,
    Input,
    LoadingIndicator,
    OptionList,
    ProgressBar,
    Select,
    TabbedContent,
    TabPane,
)
from textual.widgets.option_list import Option

from dxcheck.core import compare_table
from dxcheck.core.compare import Comparison, Submission
from dxcheck.core.model import Questionnaire
from dxcheck.core.scoring import LOW_CONFIDENCE_BELOW, Target, TargetKind
from dxcheck.tui.background import Failed, run_in_thread
from dxcheck.tui.dialogs.problems import problem_option
from dxcheck.tui.labels import area_short, display_path, percent, score_text
from dxcheck.tui.saving import (
    EXPORT_GROUP,
    Written,
    announce_written,
    default_folder,
    export_comparison,
)
from dxcheck.tui.screens.base import WizardScreen
from dxcheck.tui.widgets.ja_text import JaStatic

TEXT_TITLES = {"code": "コード", "name": "団体名", "prefecture": "都道府県", "band": "人口規模"}
NUMBER_TITLES = {"overall": "総合", "coverage": "回答率"}
EXPORTS = {"csv": ("CSV（Excel で開けます）", ".csv"), "xlsx": ("Excel ファイル", ".xlsx")}


class ComparisonScreen(WizardScreen):
    SUB_TITLE = "団体の比較"
    CSS_PATH = "comparison.tcss"
    AUTO_FOCUS = None
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "sort", "並べ替え"),
        Binding("f", "filter", "絞り込み"),
        Binding("c", "export('csv')", "CSV"),
        Binding("x", "export('xlsx')", "Excel"),
        Binding("escape", "back", "戻る"),
    ]

    class Loading(Message, bubble=False):
        """Posted by the worker after each file."""

        def __init__(self, done: int, total: int, path: Path) -> None:
            super().__init__()
            self.done = done
            self.total = total
            self.path = path

    class Collected(Message, bubble=False):
        def __init__(self, comparison: Comparison) -> None:
            super().__init__()
            self.comparison = comparison

    def __init__(self, paths: list[Path]) -> None:
        super().__init__()
        self.paths = list(paths)
        self.comparison: Comparison | None = None
        self.sort = "code"
        self.descending = False
        self.target = Target(TargetKind.MEDIAN)
        self.shown: list[Submission] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="loading"):
            yield JaStatic("回答ファイルを探しています…", id="loading-text")
            yield ProgressBar(id="bar", show_eta=False)
        with TabbedContent(id="tabs"):
            with TabPane("一覧", id="list-tab"):
                with Horizontal(id="filters"):
                    yield Select[str]([], prompt="すべての都道府県", id="prefecture", compact=True)
                    yield Select[str]([], prompt="すべての人口規模", id="band", compact=True)
                    yield Input(
                        placeholder="団体名・コードで絞り込み（f）", id="name", compact=True
                    )
                yield LoadingIndicator(id="exporting")
                yield JaStatic("", id="count")
                yield DataTable(id="table", cursor_type="cell", fixed_columns=2, zebra_stripes=True)
                yield JaStatic(
                    Content.styled(
                        "←→で列を選び s で並べ替え（見出しのクリックでも）。Enter で団体の詳細。"
                        "斜体の薄い数字は回答率が半数未満（参考値）。",
                        "$text-muted",
                    ),
                    id="legend",
                )
            with TabPane("比較できなかったファイル", id="rejected-tab"):
                yield JaStatic("", id="rejected-summary")
                yield OptionList(id="rejected")
            with TabPane("注記", id="notes-tab"):
                yield JaStatic("", id="notes")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#tabs").display = False
        self.query_one("#exporting").display = False
        self._collect(self.paths, self.data.questionnaire)

    # ------------------------------------------------------------ loading (worker thread)

    def _collect(self, paths: list[Path], questionnaire: Questionnaire) -> None:
        def job() -> ComparisonScreen.Collected:
            from dxcheck.io.collect import collect

            def progress(done: int, total: int, path: Path) -> None:
                self.post_message(self.Loading(done, total, path))

            return self.Collected(collect(paths, questionnaire, progress))

        run_in_thread(
            self, job, failed="回答を比べられませんでした", group="collect", exclusive=True
        )

    @on(Loading)
    def _loading(self, event: Loading) -> None:
        self.query_one("#bar", ProgressBar).update(total=event.total, progress=event.done)
        self.query_one("#loading-text", JaStatic).update(
            Content.assemble(
                f"回答ファイルを読み込んでいます（{event.done}/{event.total}）: ",
                (display_path(event.path), "$text-muted"),
            )
        )

    @on(Failed)
    def _failed(self, event: Failed) -> None:
        if event.group == EXPORT_GROUP:
            self.query_one("#exporting").display = False  # the notification says why
            return
        self.query_one("#bar").display = False
        self.query_one("#loading-text", JaStatic).update(
            Content.assemble((f"{event.what}。\n", "bold $text-error"), event.reason)
        )

    @on(Collected)
    def _collected(self, event: Collected) -> None:
        comparison = event.comparison
        self.comparison = comparison
        self.query_one("#loading").display = False
        self.query_one("#tabs").display = True
        prefecture = self.query_one("#prefecture", Select)
        prefecture.set_options((p, p) for p in compare_table.prefectures(comparison.compared))
        band = self.query_one("#band", Select)
        band.set_options((b, b) for b in compare_table.bands(comparison.compared))
        self._fill_rejected(comparison)
        self._fill_notes(comparison)
        tabs = self.query_one(TabbedContent)
        tabs.get_tab("list-tab").label = Content(f"一覧（{len(comparison.compared)}）")
        tabs.get_tab("rejected-tab").label = Content(
            f"比較できなかったファイル（{len(comparison.rejected)}）"
        )
        tabs.get_tab("notes-tab").label = Content(f"注記（{len(comparison.notes())}）")
        self.refresh_table()
        if comparison.compared:
            self.query_one("#table", DataTable).focus()
        else:
            tabs.active = "rejected-tab"
            self.query_one("#rejected", OptionList).focus()
        if comparison.rejected:
            self.notify(
                f"{len(comparison.rejected)} 件のファイルは比較できませんでした。"
                "「比較できなかったファイル」に理由があります。",
                title="比較できなかったファイル",
                severity="warning",
                timeout=8,
            )

    def _fill_rejected(self, comparison: Comparison) -> None:
        summary = self.query_one("#rejected-summary", JaStatic)
        if not comparison.rejected:
            summary.update(Content.styled("すべてのファイルを比較しました。", "$text-success"))
        else:
            summary.update(
                Content.assemble(
                    (f"{len(comparison.rejected)} 件", "bold $text-error"),
                    "のファイルは誤りがあるため比較から除きました（理由は下のとおり）。"
                    "ファイルは変更していません。直して読み込み直してください。",
                )
            )
        options: list[Option | None] = []
        for rejected in comparison.rejected:
            if options:
                options.append(None)
            if not rejected.problems:
                options.append(Option(Content(rejected.path)))
            options += [problem_option(p) for p in rejected.problems]
        listing = self.query_one("#rejected", OptionList)
        listing.set_options(options)
        listing.display = bool(options)

    def _fill_notes(self, comparison: Comparison) -> None:
        notes = comparison.notes()
        self.query_one("#notes", JaStatic).update(
            Content("\n").join(Content(f"・{n}") for n in notes)
            if notes
            else Content.styled(
                "注記はありません（重複も別の版の質問票もありません）。", "$text-muted"
            )
        )

    # ------------------------------------------------------------ the table

    def _columns(self) -> list[tuple[str, str]]:
        q = self.data.questionnaire
        titles = {**TEXT_TITLES, **NUMBER_TITLES}
        cols = [(key, titles[key]) for key in compare_table.FIXED_COLUMNS]
        cols += [(compare_table.area_column(a.id), area_short(a)) for a in q.areas]
        return cols

    def _filters(self) -> tuple[str | None, str | None, str]:
        prefecture = self.query_one("#prefecture", Select).value
        band = self.query_one("#band", Select).value
        return (
            None if prefecture is Select.NULL else str(prefecture),
            None if band is Select.NULL else str(band),
            self.query_one("#name", Input).value,
        )

    def refresh_table(self) -> None:
        comparison = self.comparison
        if comparison is None:
            return
        prefecture, band, text = self._filters()
        self.shown = compare_table.rows(
            comparison.compared,
            prefecture=prefecture,
            band=band,
            text=text,
            sort=self.sort,
            descending=self.descending,
        )
        table = self.query_one("#table", DataTable)
        cursor = table.cursor_coordinate
        table.clear(columns=True)
        rows = [self._cells(sub) for sub in self.shown]
        for index, (key, title) in enumerate(self._columns()):
            if key == self.sort:
                title += " ▼" if self.descending else " ▲"
            numeric = compare_table.is_numeric(key)
            # explicit widths: a table measured lazily could keep a paint made at the
            # headers' widths when a refresh lands first (it did, under CPU load)
            width = max([cell_len(title), *(row[index].cell_len for row in rows)])
            table.add_column(
                Text(title, justify="right" if numeric else "left"), key=key, width=width
            )
        for sub, cells in zip(self.shown, rows, strict=True):
            table.add_row(*cells, key=sub.code)
        if self.shown:
            table.move_cursor(
                row=min(cursor.row, len(self.shown) - 1), column=cursor.column, animate=False
            )
        self._show_count()

    def _cells(self, sub: Submission) -> list[Text]:
        m = sub.assessment.municipality
        card = sub.card
        overall_style = "dim italic" if card.coverage < LOW_CONFIDENCE_BELOW else "bold"
        cells = [
            Text(sub.code),
            Text(m.name, style="bold"),
            Text(m.prefecture),
            Text(sub.band),
            Text(score_text(card.overall), justify="right", style=overall_style),
            Text(percent(card.answered, card.total), justify="right"),
        ]
        for area in card.areas:
            cells.append(
                Text(
                    score_text(area.score),
                    justify="right",
                    style="dim italic" if area.low_confidence else "",
                )
            )
        return cells

    def _show_count(self) -> None:
        comparison = self.comparison
        assert comparison is not None
        count = self.query_one("#count", JaStatic)
        if not comparison.compared:
            count.update(
                Content.styled("比較できる回答ファイルがありませんでした。", "bold $text-warning")
            )
            return
        titles = dict(self._columns())
        if compare_table.is_numeric(self.sort):
            order = "高い順" if self.descending else "低い順"
        else:
            order = "逆順" if self.descending else "昇順"
        line = Content.assemble(
            (f"{len(self.shown)}", "bold"),
            (f" / {len(comparison.compared)} 団体を表示", "$text-muted"),
            ("　並べ替え: ", "$text-muted"),
            f"{titles[self.sort]}（{order}）",
        )
        if comparison.rejected:
            line += Content.assemble(
                ("　比較できなかったファイル ", "$text-muted"),
                (f"{len(comparison.rejected)} 件", "bold $text-error"),
            )
        count.update(line)

    @on(Select.Changed, "#prefecture, #band")
    @on(Input.Changed, "#name")
    def _filter_changed(self) -> None:
        self.refresh_table()

    @on(Input.Submitted, "#name")
    def _filter_submitted(self) -> None:
        self.query_one("#table", DataTable).focus()

    def sort_by(self, column: str) -> None:
        if column == self.sort:
            self.descending = not self.descending
        else:
            self.sort = column
            self.descending = compare_table.is_numeric(column)  # scores: highest first
        self.refresh_table()

    def action_sort(self) -> None:
        table = self.query_one("#table", DataTable)
        if self.comparison is None or not table.columns:
            return
        column = table.ordered_columns[table.cursor_coordinate.column].key.value
        if column is not None:
            self.sort_by(column)

    @on(DataTable.HeaderSelected, "#table")
    def _header_selected(self, event: DataTable.HeaderSelected) -> None:
        if event.column_key.value is not None:
            self.sort_by(event.column_key.value)

    def action_filter(self) -> None:
        self.query_one(TabbedContent).active = "list-tab"
        self.query_one("#name", Input).focus()

    # ------------------------------------------------------------ a municipality's detail

    @on(DataTable.CellSelected, "#table")
    def _open_detail(self, event: DataTable.CellSelected) -> None:
        code = event.cell_key.row_key.value
        comparison = self.comparison
        if comparison is None or code is None:
            return
        from dxcheck.tui.screens.municipality_detail import MunicipalityDetailScreen

        self.app.push_screen(
            MunicipalityDetailScreen(comparison.trend(code), self.target), self._detail_closed
        )

    def _detail_closed(self, target: Target | None) -> None:
        if target is not None:
            self.target = target

    # ------------------------------------------------------------ exports, leaving

    def action_export(self, kind: str) -> None:
        from dxcheck.tui.dialogs.save_path import SavePathScreen

        if self.comparison is None:
            return
        title, suffix = EXPORTS[kind]
        default = default_folder() / f"dxcheck-比較-{self.wizard.today.isoformat()}{suffix}"

        def chosen(path: Path | None) -> None:
            if path is not None and self.comparison is not None:
                self.query_one("#exporting").display = True
                export_comparison(self, path, kind, self.comparison, self.data.questionnaire)

        self.app.push_screen(
            SavePathScreen(f"{title}に書き出す（比較した全団体）", default, suffix), chosen
        )

    @on(Written)
    def _written(self, event: Written) -> None:
        self.query_one("#exporting").display = False
        announce_written(self.app, event)

    def action_back(self) -> None:
        if isinstance(self.focused, Input | Select):
            self.query_one("#table", DataTable).focus()
            return
        self.dismiss(None)
