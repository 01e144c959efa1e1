"""The workspace: one folder to which the wizard's file dialogs are confined (`--root DIR`).

`dxcheck serve` hands the wizard to whoever holds its URL; without a fence its 開く / 名前を付けて
保存 / 書き出し would reach the whole disk (and tell whether `~/.ssh/id_rsa` exists). With a
workspace set, every path the user types is taken relative to it and refused — before the disk
is asked anything about it — unless it lies inside once symlinks and `..` are resolved.

One wizard runs per process (serve starts one per browser tab), so the workspace is kept for
the process; without one (the wizard in a terminal) paths are the user's own, `~` expanded.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "DXCHECK_WORKSPACE"


class OutsideWorkspace(ValueError):
    """A path outside the workspace; the message says so in Japanese (and nothing else)."""


_root: Path | None = None


def set_root(root: Path | None) -> Path | None:
    """Confine the dialogs to `root` (created if missing), or lift the fence with None."""
    global _root
    if root is None:
        _root = None
        return None
    root = Path(os.path.realpath(root.expanduser()))
    root.mkdir(parents=True, exist_ok=True)
    _root = root
    return root


def root() -> Path | None:
    return _root


def default_root() -> Path:
    """`dxcheck serve`'s default workspace: a dxcheck folder in the user's documents."""
    import platformdirs

    documents = Path(platformdirs.user_documents_dir())
    return (documents if documents.is_dir() else Path.home()) / "dxcheck"


def inside(path: Path, folder: Path) -> bool:
    """Whether `path`, with every symlink and `..` resolved, lies in `folder` (resolved)."""
    real = Path(os.path.realpath(path))
    base = Path(os.path.realpath(folder))
    return real == base or base in real.parents


def user_path(text: str) -> Path:
    """A path as the user typed it. In a workspace: relative to it, and refused when outside
    (the reason never says whether the outside path exists)."""
    cleaned = text.strip().strip("\"'")
    if _root is None:
        return Path(cleaned).expanduser()
    typed = Path(cleaned)
    path = typed if typed.is_absolute() else _root / typed
    if cleaned.startswith("~") or not inside(path, _root):
        raise OutsideWorkspace(
            f"作業フォルダ（{_root}）の外は使えません。作業フォルダの中のファイル名を入力してください"
        )
    return Path(os.path.realpath(path))


def check(path: Path) -> Path:
    """A path the program itself chose (a default, a `--open` file): refused like a typed one."""
    if _root is not None and not inside(path, _root):
        raise OutsideWorkspace(f"作業フォルダ（{_root}）の外は使えません")
    return path


def shown(path: Path) -> str:
    """How a path is shown: relative to the workspace when there is one, else with ~."""
    if _root is not None:
        try:
            return str(Path(os.path.realpath(path)).relative_to(_root)) or "."
        except ValueError:
            return str(path)
    try:
        return str(Path("~") / path.relative_to(Path.home()))
    except ValueError:
        return str(path)
