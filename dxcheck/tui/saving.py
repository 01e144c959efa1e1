"""Saving from the wizard, always off the UI thread (dxcheck.tui.background): the autosave
after every change, 「名前を付けて保存」 and the exports. A failed write is shown as a
notification saying why; the file on disk is then still the previous one (writes are atomic,
dxcheck.io.store)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.message import Message
from textual.message_pump import MessagePump

from dxcheck.io.sessions import LatestOnlyWriter, SaveJob, SessionStore
from dxcheck.io.store import WriteError
from dxcheck.tui.background import run_in_thread
from dxcheck.tui.labels import display_path

if TYPE_CHECKING:
    from dxcheck.core.compare import Comparison
    from dxcheck.core.model import Assessment, Questionnaire

AUTOSAVE_GROUP = "autosave"
EXPORT_GROUP = "export"


class Autosaver:
    """Every change is submitted here; a worker thread writes the newest state at once.

    Writes never overlap and an older state never overwrites a newer one (LatestOnlyWriter),
    so a killed process loses at most the change being written at that moment. The app
    handles the two messages below by calling `failed` and `recovered`.
    """

    class Failed(Message, bubble=False):
        """An autosave could not be written (the reason in Japanese)."""

        def __init__(self, reason: str) -> None:
            super().__init__()
            self.reason = reason

    class Recovered(Message, bubble=False):
        """An autosave was written again after a failure."""

    def __init__(self, app: App[Any], store: SessionStore) -> None:
        self.app = app
        self._writer: LatestOnlyWriter[SaveJob] = LatestOnlyWriter(store.save)
        self.failing = False
        self.last_error = ""

    def submit(self, job: SaveJob) -> None:
        self._writer.submit(job)
        run_in_thread(
            self.app, self._write_pending, failed="自動保存できませんでした", group=AUTOSAVE_GROUP
        )

    def _write_pending(self) -> Message | None:
        # in the worker thread: a refused write is expected (a full disk, a lost share), and
        # said once until it works again; anything else goes to the one failure handler
        try:
            wrote = self._writer.write_pending()
        except WriteError as exc:
            return self.Failed(str(exc))
        return self.Recovered() if wrote and self.failing else None

    def failed(self, reason: str) -> None:
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

    def recovered(self) -> None:
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


class Written(Message, bubble=False):
    """A file the user asked for is written (to whoever asked, who says so: the app, or a
    screen that showed it was busy)."""

    def __init__(self, path: Path, done: str, title: str, *, deliver: bool) -> None:
        super().__init__()
        self.path = path
        self.done = done
        self.title = title
        self.deliver = deliver


def announce_written(app: App[Any], written: Written) -> None:
    """Say the file is written — and, under `dxcheck serve`, hand it to the browser too."""
    app.notify(written.done, title=written.title)
    if written.deliver:
        offer_download(app, written.path)


def _write_in_worker(
    asking: MessagePump,
    path: Path,
    write_file: Callable[[], None],
    *,
    done: str,
    title: str,
    failed: str = "書き出せませんでした",
    deliver: bool = True,
) -> None:
    """Run `write_file` in a worker thread (the libraries it needs load there); `asking` (the
    app, or a screen showing a progress indicator) says how it went: `Written`, or the one
    failure handler with the WriteError's reason."""

    def write() -> Written:
        write_file()
        return Written(path, done, title, deliver=deliver)

    run_in_thread(asking, write, failed=failed, group=EXPORT_GROUP)


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
    asking: MessagePump,
    path: Path,
    kind: str,
    comparison: Comparison,
    questionnaire: Questionnaire,
) -> None:
    """Write the comparison as CSV (`kind` "csv") or XLSX ("xlsx") with `dxcheck.io.export`, in a
    worker thread (the spreadsheet library loads there), atomically. A whole prefecture's
    workbook takes a while: the comparison screen asks, shows it is busy, and says how it went
    when `Written` (or `Failed`) arrives."""

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
        asking,
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
