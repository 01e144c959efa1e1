"""Atomic writes: a file is either the old one or the new one, never half of each."""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import stat
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path


class WriteError(Exception):
    """A file could not be written; the message says why in Japanese. The old file is intact."""


ANSWER_FORMAT_MARK = b"dxcheck.assessment/1"
STALE_AFTER_SECONDS = 60.0  # a write takes milliseconds; a temporary this old was abandoned


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, fsync it, then rename over `path`."""
    atomic_write_many([(path, data)])


def atomic_write_many(outputs: Sequence[tuple[Path, bytes]]) -> None:
    """Write several files all or nothing: each goes to a temporary file beside it first;
    only when every one is complete are they renamed over their targets. If any cannot be
    written, none is changed (the temporaries are removed). Only regular files (or new
    names) are written: a device, FIFO or folder at the target is refused, never replaced."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in outputs:
            refuse_special(path)
            staged.append((path, _stage(path, data)))
        for path, tmp in staged:
            try:
                os.replace(tmp, path)
            except OSError as exc:
                raise WriteError(_why(path, exc)) from None
    finally:
        for _, tmp in staged:
            with contextlib.suppress(OSError):
                tmp.unlink()  # gone already when renamed
    for folder in {_folder(path) for path, _ in outputs}:
        _fsync_dir(folder)


def _folder(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


def _stage(path: Path, data: bytes) -> Path:
    folder = _folder(path)
    _remove_stale_temporaries(path)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise WriteError(_why(path, exc)) from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        # mkstemp makes the file private (0600); give it the permissions of the file it
        # replaces, or those a newly created file would have under the user's umask
        with contextlib.suppress(OSError):
            os.chmod(tmp, path.stat().st_mode & 0o7777 if path.exists() else _default_mode())
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise WriteError(_why(path, exc)) from None
    return tmp


def _remove_stale_temporaries(path: Path) -> None:
    """A write killed between creating its temporary and renaming it leaves
    `.NAME.xxxx.tmp` beside NAME; the next write of NAME removes such leftovers."""
    now = time.time()
    with contextlib.suppress(OSError):
        for tmp in _folder(path).glob(f".{glob.escape(path.name)}.*.tmp"):
            with contextlib.suppress(OSError):
                info = tmp.lstat()
                if stat.S_ISREG(info.st_mode) and now - info.st_mtime > STALE_AFTER_SECONDS:
                    tmp.unlink()


def refuse_special(path: Path) -> None:
    """WriteError unless `path` is a new name or an existing regular file (a symlink to
    one is fine: the link is replaced, not its target). `/dev/null`, a FIFO or a folder at
    the target would otherwise be replaced by a file, or hang, or fail half-way."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise WriteError(_why(path, exc)) from None
    if stat.S_ISDIR(info.st_mode):
        raise WriteError(f"{path} はフォルダです。ファイル名まで指定してください")
    if not stat.S_ISREG(info.st_mode):
        raise WriteError(
            f"{path} は通常のファイルではありません（デバイスや名前付きパイプ）。書き出しません"
        )


def check_output(
    path: Path, inputs: Sequence[Path] = (), *, may_replace_answer_file: bool = False
) -> None:
    """Refuse (WriteError) an output that is no regular file, that is one of the command's
    own input files, or that is an answer file (unless the command writes answer files and
    was told it may replace one) — a PDF must never land over someone's answers."""
    refuse_special(path)
    target = os.path.realpath(path)
    if any(target == os.path.realpath(i) for i in inputs):
        raise WriteError(f"出力先 {path} は読み込むファイルと同じです。別の名前を指定してください")
    if not may_replace_answer_file and is_answer_file(path):
        raise WriteError(
            f"出力先 {path} は回答ファイルです。上書きすると回答が失われるため、別の名前を指定してください"
        )


def is_answer_file(path: Path) -> bool:
    """Whether an existing regular file is (by its first bytes) a dxcheck answer file."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
        with open(path, "rb") as f:
            head = f.read(4096)
    except OSError:
        return False
    return ANSWER_FORMAT_MARK in head or path.suffix.lower() == ".toml"


def _read_umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


# read once, at import (before any worker thread): os.umask is process-wide, so reading it
# while another thread creates a file could give that file the wrong mode
_UMASK = _read_umask()


def _default_mode() -> int:
    return 0o666 & ~_UMASK


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def _fsync_dir(folder: Path) -> None:
    # makes the rename itself durable; not possible on Windows, where it is not needed
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _why(path: Path, exc: OSError) -> str:
    reasons = {
        errno.ENOSPC: "ディスクの空きがありません",
        errno.EDQUOT: "ディスクの使用量の上限に達しています",
        errno.EACCES: "書き込む権限がありません",
        errno.EPERM: "書き込む権限がありません",
        errno.EROFS: "読み取り専用の場所です",
        errno.ENOENT: "保存先のフォルダがありません",
        errno.ENOTDIR: "保存先のフォルダがありません",
        errno.EISDIR: "同じ名前のフォルダがあります",
    }
    reason = reasons.get(exc.errno or 0, exc.strerror or str(exc))
    return f"{path} に保存できませんでした: {reason}。元のファイルはそのまま残っています"
