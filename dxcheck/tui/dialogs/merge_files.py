"""Merge a workshop's answer files: one file per respondent (or department), checked exactly
as `dxcheck merge` checks them, merged in a worker thread. Any file with an error, or files of
different municipalities: nothing is merged, and every problem is listed. No file is changed."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, LoadingIndicator, OptionList

from dxcheck.core.merge import MergeResult
from dxcheck.core.model import Questionnaire
from dxcheck.io.respondents import PreparedMerge, read_respondents
from dxcheck.tui.background import Failed, run_in_thread
from dxcheck.tui.dialogs.problems import problem_option
from dxcheck.tui.widgets.ja_text import JaStatic
from dxcheck.tui.widgets.path_list import PathList


class MergeFilesScreen(ModalScreen[MergeResult | None]):
    """Returns the merge (a new answer file, not yet saved anywhere), or None."""

    CSS_PATH = "merge_files.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "キャンセル")]

    class Prepared(Message, bubble=False):
        """Posted by the worker: the files were read and checked (and merged if they could be)."""

        def __init__(self, prepared: PreparedMerge) -> None:
            super().__init__()
            self.prepared = prepared

    def __init__(self, questionnaire: Questionnaire) -> None:
        super().__init__()
        self.questionnaire = questionnaire

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield JaStatic(
                Content.styled("回答者ごとのファイルをまとめる（ワークショップ）", "bold"),
                classes="dialog-title",
            )
            yield JaStatic(
                "部署や担当者ごとの回答ファイルの場所を1つずつ入力して Enter を押すと、"
                "下の一覧に加わります。2つ以上入れたら、空欄のまま Enter でまとめます。"
            )
            yield PathList("例: ~/Documents/総務課.toml", folders=False, id="paths")
            yield LoadingIndicator(id="working")
            yield JaStatic("", id="status")
            yield OptionList(id="problems")
            with Horizontal(classes="dialog-buttons"):
                yield Button("まとめる", id="merge", variant="primary", compact=True)
                yield Button("キャンセル", id="cancel", compact=True)
            yield JaStatic(
                Content.styled(
                    "まとめた回答は新しい自己点検として自動保存され、ワークショップ画面で開きます。"
                    "元のファイルは変更しません。",
                    "$text-muted",
                )
            )

    def on_mount(self) -> None:
        self.query_one("#working").display = False
        self.query_one("#problems").display = False
        self.query_one(PathList).focus_input()

    @on(PathList.Submitted)
    def _submitted(self, event: PathList.Submitted) -> None:
        self._start(event.paths)

    @on(Button.Pressed, "#merge")
    def _merge_pressed(self) -> None:
        paths = self.query_one(PathList)
        if paths.flush():
            self._start(list(paths.paths))

    def _start(self, paths: list[Path]) -> None:
        status = self.query_one("#status", JaStatic)
        if len(paths) < 2:
            status.update(
                Content.styled("まとめるには2つ以上の回答ファイルが必要です", "$text-warning")
            )
            return
        self.query_one("#working").display = True
        self.query_one("#problems").display = False
        status.update(Content.styled(f"{len(paths)} つのファイルを確かめています…", "$text-muted"))
        questionnaire = self.questionnaire
        run_in_thread(
            self,
            lambda: self.Prepared(read_respondents(paths, questionnaire)),
            failed="回答ファイルをまとめられませんでした",
            group="merge",
            exclusive=True,
        )

    @on(Prepared)
    def _prepared(self, event: Prepared) -> None:
        prepared = event.prepared
        self.query_one("#working").display = False
        if prepared.result is not None:
            self.dismiss(prepared.result)
            return
        listing = self.query_one("#problems", OptionList)
        shown = prepared.errors or prepared.problems
        listing.set_options(problem_option(p) for p in shown)
        listing.display = bool(shown)
        self.query_one("#status", JaStatic).update(
            Content.styled(prepared.refusal, "bold $text-error")
        )

    @on(Failed)
    def _failed(self, event: Failed) -> None:
        self.query_one("#working").display = False
        self.query_one("#status", JaStatic).update(
            Content.assemble((f"{event.what}。\n", "bold $text-error"), event.reason)
        )

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
