"""Atomic writes: a file is either the old one or the new one, never half of each."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path


class WriteError(Exception):
    """A file could not be written; the message says why in Japanese. The old file is intact."""


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, fsync it, then rename over `path`."""
    folder = path.parent if str(path.parent) else Path(".")
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
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise WriteError(_why(path, exc)) from None
    _fsync_dir(folder)


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
