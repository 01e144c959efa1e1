"""The wizard's one way of working off the UI thread (docs/design.md §9).

A job (reading and checking a file, writing one, making the PDF) runs in a thread worker owned
by the app, and returns a Message carrying its result; that message is posted to the screen or
dialog that asked for the work and handled there, on the UI thread. A job never touches a
widget (`post_message` is the thread-safe way back, as Textual's guide on workers says). A job
may also post progress messages of its own while it runs.

What a job can expect — a file with errors, a folder that cannot be written — is part of its
result or an exception with a Japanese reason (InputError, WriteError). Whatever a job raises
goes to the one failure handler (`report_failure`, called by the app's
`on_worker_state_changed`): a Japanese notification saying what failed and why, and that what
the user entered is still there; never a traceback, and the app keeps running. The asking screen
also receives `Failed`, to take down its progress indicator and say so in place.

A screen may close before its job ends (a PDF takes seconds): the result then goes to the app,
so that, for instance, a finished report is still announced.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from weakref import WeakKeyDictionary

from textual.app import App
from textual.message import Message
from textual.message_pump import MessagePump
from textual.worker import Worker, WorkerState, get_current_worker

NOTHING_LOST = "入力した内容はそのまま残っています。もう一度試せます。"

Job = Callable[[], Message | None]

# the screen or dialog that asked for each running job: where its Failed goes
_asked_by: WeakKeyDictionary[Worker[None], MessagePump] = WeakKeyDictionary()


class Failed(Message, bubble=False):
    """Posted to the asking screen when its job raised; the user has already been told.
    (Results and failures never bubble: each is for the one that asked.)"""

    def __init__(self, group: str, what: str, reason: str) -> None:
        super().__init__()
        self.group = group
        self.what = what
        self.reason = reason


def run_in_thread(
    node: MessagePump, job: Job, *, failed: str, group: str, exclusive: bool = False
) -> Worker[None]:
    """Run `job` in a thread worker and post the message it returns (if any) to `node`.

    `failed` is what the user reads if the job raises (「PDFを作成できませんでした」).
    `exclusive` cancels the group's earlier job: its result, when it comes, is dropped.
    """
    app = node.app

    def run() -> None:
        message = job()
        if message is None or get_current_worker().is_cancelled:
            return
        if not node.post_message(message) and node is not app:
            app.post_message(message)  # the screen has closed: the app hears of it

    worker = app.run_worker(
        run,
        name=group,
        group=group,
        description=failed,
        thread=True,
        exclusive=exclusive,
        exit_on_error=False,
    )
    _asked_by[worker] = node
    return worker


def report_failure(app: App[Any], event: Worker.StateChanged) -> None:
    """The one failure handler: say what failed, why, and that nothing was lost."""
    # the state the message was sent for: by the time an earlier message (RUNNING) is
    # handled, the worker itself may already be in ERROR, which must be told once
    worker = event.worker
    if event.state is not WorkerState.ERROR or worker.error is None:
        return
    what = worker.description or "処理を完了できませんでした"
    reason = describe(worker.error)
    app.notify(f"{reason}\n{NOTHING_LOST}", title=what, severity="error", timeout=20)
    node = _asked_by.pop(worker, app)
    failed = Failed(worker.group, what, reason)
    if not node.post_message(failed) and node is not app:
        app.post_message(failed)


def describe(error: BaseException) -> str:
    """A failure in words for the user: located problems, a write's reason, or the error."""
    from dxcheck.core.errors import InputError
    from dxcheck.io.store import WriteError

    if isinstance(error, InputError):
        return "\n".join(p.format() for p in error.problems[:5])
    if isinstance(error, WriteError):
        return str(error)
    if isinstance(error, OSError):
        where = f"（{error.filename}）" if error.filename else ""
        return f"{error.strerror or error}{where}"
    return f"思わぬ誤りが起きました（{type(error).__name__}: {error}）"
