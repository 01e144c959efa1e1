"""Saving from the wizard, always off the UI thread: the autosave after every change, and
「名前を付けて保存」. Failures are shown as notifications saying why; the file on disk is then
still the previous one (writes are atomic, dxcheck.io.store)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App

from dxcheck.io.sessions import LatestOnlyWriter, SaveJob, SessionStore
from dxcheck.io.store import WriteError
from dxcheck.tui.labels import display_path

if TYPE_CHECKING:
    from dxcheck.core.compare import Comparison
    from dxcheck.core.model import Assessment, Questionnaire

AUTOSAVE_GROUP = "autosave"


def _call_on_ui(
    app: App[Any], callback: Callable[..., object], *args: object, **kwargs: object
) -> None:
    # RuntimeError: the app has already stopped; `Autosaver.flush` reports what is left
    with contextlib.suppress(RuntimeError):
        app.call_from_thread(callback, *args, **kwargs)


class Autosaver:
    """Every change is submitted here; a worker thread writes the newest state at once.

    Writes never overlap and an older state never overwrites a newer one (LatestOnlyWriter),
    so a killed process loses at most the change being written at that moment.
    """

    def __init__(self, app: App[Any], store: SessionStore) -> None:
        self.app = app
        self._writer: LatestOnlyWriter[SaveJob] = LatestOnlyWriter(store.save)
        self.failing = False
        self.last_error = ""

    def submit(self, job: SaveJob) -> None:
        self._writer.submit(job)
        self.app.run_worker(
            self._write_pending, thread=True, group=AUTOSAVE_GROUP, exit_on_error=False
        )

    def _write_pending(self) -> None:
        try:
            wrote = self._writer.write_pending()
        except WriteError as exc:
            _call_on_ui(self.app, self._failed, str(exc))
            return
        if wrote and self.failing:
            _call_on_ui(self.app, self._recovered)

    def _failed(self, reason: str) -> None:
        self.last_error = reason
        if not self.failing:
            self.failing = True
            self.app.notify(
                f"{reason}\n入力は画面に残っています。空き容量や書き込みの権限を確かめてください。"
                "次に入力したときにもう一度保存します。",
                title="自動保存できませんでした",
                severity="error",
                timeout=15,
            )

    def _recovered(self) -> None:
        self.failing = False
        self.last_error = ""
        self.app.notify("自動保存できるようになりました。", title="自動保存")

    def flush(self) -> bool:
        """Write any pending change now, on this thread (when quitting). True if all saved."""
        try:
            self._writer.write_pending()
        except WriteError as exc:
            self.last_error = str(exc)
            return False
        return not self._writer.has_pending

    async def wait(self) -> None:
        """Until the autosave workers are done (tests and the benchmark use this)."""
        await self.app.workers.wait_for_complete(
            [w for w in self.app.workers if w.group == AUTOSAVE_GROUP]
        )


def default_folder() -> Path:
    """Where 「名前を付けて保存」 suggests saving: the user's Documents folder, else home.
    (Not the working directory: started from scripts/run.sh, that is the program's folder.)
    Inside a workspace (`--root`, `dxcheck serve`) it is the workspace."""
    import platformdirs

    from dxcheck.io import workspace

    root = workspace.root()
    if root is not None:
        return root

    documents = Path(platformdirs.user_documents_dir())
    return documents if documents.is_dir() else Path.home()


def offer_download(app: App[Any], path: Path) -> None:
    """In a browser (`dxcheck serve`) a file the wizard wrote is also handed to the browser
    as a download: the person at the browser gets it, not only the server's disk. In a
    terminal the file written where the user chose is the result, so nothing more happens."""
    if not app.is_web:
        return
    try:
        app.deliver_binary(path, save_filename=path.name)
    except OSError as exc:
        app.notify(
            f"{display_path(path)} をブラウザに送れませんでした: {exc.strerror or exc}",
            title="ダウンロード",
            severity="error",
        )


def _write_in_worker(
    app: App[Any],
    path: Path,
    write_file: Callable[[], None],
    *,
    done: str,
    title: str,
    failed: str = "書き出せませんでした",
    deliver: bool = True,
) -> None:
    """Run `write_file` in a worker thread (the libraries it needs load there), then say how it
    went on the UI thread — and, under `dxcheck serve`, hand the file to the browser too."""

    def write() -> None:
        try:
            write_file()
        except WriteError as exc:
            _call_on_ui(app, app.notify, str(exc), title=failed, severity="error", timeout=15)
            return
        _call_on_ui(app, app.notify, done, title=title)
        if deliver:
            _call_on_ui(app, offer_download, app, path)

    app.run_worker(write, thread=True, group="export", exit_on_error=False)


def export_answer_file(
    app: App[Any], path: Path, assessment: Assessment, questionnaire: Questionnaire
) -> None:
    """Write an answer file where the user chose, in a worker thread, and say how it went.
    `assessment` must be a copy the UI no longer edits."""

    def write_file() -> None:
        from dxcheck.core.answers import to_toml
        from dxcheck.io.store import atomic_write_text

        atomic_write_text(path, to_toml(assessment, questionnaire))

    _write_in_worker(
        app,
        path,
        write_file,
        done=f"{display_path(path)} に保存しました。",
        title="保存しました",
        failed="保存できませんでした",
    )


def export_comparison(
    app: App[Any], path: Path, kind: str, comparison: Comparison, questionnaire: Questionnaire
) -> None:
    """Write the comparison as CSV (`kind` "csv") or XLSX ("xlsx") with `dxcheck.io.export`, in a
    worker thread (the spreadsheet library loads there), atomically, and say how it went."""

    def write_file() -> None:
        from dxcheck.io.store import atomic_write_bytes

        if kind == "xlsx":
            from dxcheck.io.export.xlsx_export import comparison_xlsx

            data = comparison_xlsx(comparison, questionnaire)
        else:
            from dxcheck.io.export.csv_export import comparison_csv

            data = comparison_csv(comparison, questionnaire)
        atomic_write_bytes(path, data)

    _write_in_worker(
        app,
        path,
        write_file,
        done=f"{display_path(path)} に {len(comparison.compared)} 団体を書き出しました。",
        title="書き出しました",
    )


def export_answer_list(
    app: App[Any], path: Path, assessment: Assessment, questionnaire: Questionnaire
) -> None:
    """Write the 回答一覧 (HTML to print from a browser, or text) in a worker thread."""

    def write_file() -> None:
        from dxcheck.core.answer_list import answer_rows
        from dxcheck.io.answer_list_file import write_answer_list

        write_answer_list(path, assessment, answer_rows(questionnaire, assessment))

    _write_in_worker(
        app,
        path,
        write_file,
        done=f"{display_path(path)} に回答一覧を書き出しました。ブラウザで開いて印刷できます。",
        title="回答一覧",
        deliver=False,
    )
