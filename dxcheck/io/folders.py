"""Paths typed into the wizard's file picker: where they point, whether they stay inside the
folder the picker is confined to, Tab completion, and making a folder.

A picker has a base folder (the one its tree shows: relative paths are taken from it) and an
optional root it must stay inside (`dxcheck serve`'s workspace; on the desktop there is none).
With a root, `~` and every path that leaves it — after symlinks and `..` are resolved — is
refused before the disk is asked anything about it.
"""

from __future__ import annotations

import os
from pathlib import Path


class OutsideRoot(ValueError):
    """A path outside the picker's root; the message says so in Japanese."""


def inside(path: Path, folder: Path) -> bool:
    """Whether `path`, with every symlink and `..` resolved, lies in `folder` (resolved)."""
    real = Path(os.path.realpath(path))
    base = Path(os.path.realpath(folder))
    return real == base or base in real.parents


def resolve(text: str, base: Path, root: Path | None = None) -> Path:
    """The path the user typed: `~` expanded (desktop only), relative to `base`. Raises
    OutsideRoot when a root is set and the path leaves it."""
    cleaned = text.strip().strip("\"'")
    if root is not None and cleaned.startswith("~"):
        raise OutsideRoot(outside_message(root))
    typed = Path(cleaned).expanduser() if root is None else Path(cleaned)
    path = typed if typed.is_absolute() else base / typed
    if root is not None and not inside(path, root):
        raise OutsideRoot(outside_message(root))
    return Path(os.path.normpath(path))


def outside_message(root: Path) -> str:
    return f"作業フォルダ「{root}」の外は使えません。この中の場所を入力してください"


def shown(path: Path, base: Path) -> str:
    """How the picker shows a path: relative to its base folder when inside it, else with the
    home folder as `~`, else as it is."""
    try:
        relative = path.relative_to(base)
    except ValueError:
        pass
    else:
        return str(relative) if str(relative) != "." else ""
    try:
        return str(Path("~") / path.relative_to(Path.home()))
    except ValueError:
        return str(path)


def _entries(folder: Path, suffixes: tuple[str, ...]) -> list[tuple[str, bool]]:
    """(name, is folder) for what the picker offers in a folder: folders and the files it can
    use, hidden ones left out."""
    out: list[tuple[str, bool]] = []
    try:
        with os.scandir(folder) as found:
            for entry in found:
                if entry.name.startswith("."):
                    continue
                try:
                    is_dir = entry.is_dir()
                except OSError:
                    continue
                if is_dir or not suffixes or entry.name.lower().endswith(suffixes):
                    out.append((entry.name, is_dir))
    except OSError:
        return []
    return sorted(out)


def complete(
    text: str, base: Path, suffixes: tuple[str, ...] = (), root: Path | None = None
) -> tuple[str, list[str]]:
    """Tab completion: the text extended as far as the folder's names agree (a single folder
    gets its `/`), and the names that still match (for showing when there are several)."""
    head, sep, stem = text.rpartition("/") if "/" in text else ("", "", text)
    if os.sep != "/" and os.sep in stem:
        head, sep, stem = text.rpartition(os.sep)
    try:
        folder = resolve(head + sep if sep else ".", base, root)
    except OutsideRoot:
        return text, []
    matches = [(n, d) for n, d in _entries(folder, suffixes) if n.startswith(stem)]
    if not matches:
        return text, []
    names = [n for n, _ in matches]
    # names, not paths: the shared prefix is meant character by character
    common = os.path.commonprefix(names)  # noqa: RUF071
    if len(matches) == 1 and matches[0][1]:
        common += "/"
    return head + sep + common, names


def make_folder(parent: Path, name: str, root: Path | None = None) -> Path:
    """Create `name` inside `parent` (and any folders between). Raises ValueError (Japanese)."""
    cleaned = name.strip()
    if not cleaned or cleaned in (".", ".."):
        raise ValueError("フォルダの名前を入力してください")
    if any(c in cleaned for c in '<>:"|?*') or any(ord(c) < 32 for c in cleaned):
        raise ValueError(
            'フォルダ名に < > : " | ? * や制御文字は使えません（Windows で開けません）'
        )
    folder = resolve(cleaned, parent, root)
    if folder.exists() and not folder.is_dir():
        raise ValueError(f"「{cleaned}」という名前のファイルがすでにあります")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ValueError(
            f"フォルダ「{cleaned}」を作れませんでした: {exc.strerror or exc}"
        ) from None
    return folder
