"""`dxcheck serve [--host H] [--port N] [--root DIR]` — the wizard in a web browser, for a
projector.

textual-serve runs one `dxcheck` process per browser tab and relays it over a WebSocket. That
WebSocket drives a program that reads and writes files, so it is reachable only by whoever holds
the URL printed here (dxcheck.cli.serve_guard): a random token per launch, WebSocket upgrades
from other Origins refused, the tabs' file dialogs confined to one workspace folder, and a cap
on how many tabs run at once.
"""

from __future__ import annotations

import argparse
import errno
import secrets
import shlex
import socket
import subprocess
import sys
from pathlib import Path

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
DEFAULT_MAX_SESSIONS = 4


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "serve",
        help="ウィザードをブラウザで使えるようにします（プロジェクター投影用）",
        description="このパソコンの中だけで動くウェブサーバーを起動し、ブラウザでウィザードを使えるようにします。"
        "起動のたびに作る合言葉（トークン）付きの URL が表示されます。その URL を開いた人だけが使えます。"
        "ファイルを開く・保存する場所は作業フォルダ（--root）の中に限られ、PDF などはブラウザにダウンロードされます。"
        "文字を大きくするには URL に &fontsize=24 を付けます。",
    )
    p.add_argument(
        "--host",
        default="127.0.0.1",
        help="待ち受けるアドレス（既定: 127.0.0.1。このパソコンからのみ接続できます）。"
        "--host 0.0.0.0 にすると、同じネットワークの他のパソコンからも接続できるようになり、"
        "URL（トークン付き）を知った人は誰でもウィザードを操作し、作業フォルダのファイルを開いたり"
        "保存したりできます。トークンはこの場合も必須です。信頼できるネットワークの中だけで使ってください",
    )
    p.add_argument("--port", type=int, default=8000, help="ポート番号（既定: 8000）")
    p.add_argument(
        "--root",
        type=Path,
        metavar="DIR",
        help="作業フォルダ。ブラウザから開く・保存するファイルはこの中に限られます"
        "（既定: ドキュメントフォルダの dxcheck）",
    )
    p.add_argument(
        "--max-sessions",
        type=int,
        default=DEFAULT_MAX_SESSIONS,
        metavar="N",
        help=f"同時に開けるブラウザの画面（タブ）の数（既定: {DEFAULT_MAX_SESSIONS}）",
    )
    p.add_argument("--demo", action="store_true", help="記入例の団体で開きます")
    p.add_argument(
        "--presentation",
        action="store_true",
        help="投影用の高コントラストの配色で開きます（ワークショップのプロジェクター向け）",
    )
    p.set_defaults(run=run)


def wizard_command(
    *,
    demo: bool = False,
    presentation: bool = False,
    root: Path | None = None,
    windows: bool | None = None,
) -> str:
    """The command textual-serve starts for each browser tab: this Python, this dxcheck.

    textual-serve hands it to a shell (asyncio.create_subprocess_shell): cmd.exe on Windows,
    /bin/sh elsewhere. Each quotes differently, so the line is built for the one that runs it
    (a path with spaces — `C:\\Program Files\\Python312\\python.exe` — must stay one word)."""
    args = [sys.executable, "-m", "dxcheck"]
    if root is not None:
        args += ["--root", str(root)]
    if demo:
        args.append("--demo")
    if presentation:
        args.append("--presentation")
    on_windows = sys.platform == "win32" if windows is None else windows
    return subprocess.list2cmdline(args) if on_windows else shlex.join(args)


def exposure_warning(host: str) -> str | None:
    if host in LOCAL_HOSTS:
        return None
    return (
        f"警告: {host} で待ち受けます。同じネットワークの他のパソコンからも接続できます。"
        "下の URL（トークン付き）を知った人は誰でもウィザードを使い、作業フォルダのファイルを"
        "開いたり保存したりできます。信頼できるネットワークの中だけで使い、URL は必要な人にだけ伝えてください。"
    )


def port_problem(host: str, port: int) -> str | None:
    """Why the server cannot listen there (in Japanese), or None: asked before starting, so a
    busy port is a sentence, not aiohttp's traceback."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            if sys.platform != "win32":  # as aiohttp does; on Windows it would share the port
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as exc:
        return bind_failure(host, port, exc)
    return None


def bind_failure(host: str, port: int, exc: OSError) -> str:
    if exc.errno in {errno.EADDRINUSE, 10048}:  # 10048: WSAEADDRINUSE
        return (
            f"ポート {port} は別のプログラム（または起動中の dxcheck serve）が使っています。"
            f"別の番号を指定してください（例: dxcheck serve --port {port + 1 if port < 65535 else 8001}）"
        )
    if exc.errno in {errno.EACCES, 10013}:
        return f"ポート {port} を使う権限がありません。1024 以上の番号を指定してください"
    if exc.errno in {errno.EADDRNOTAVAIL, 10049} or isinstance(exc, socket.gaierror):
        return f"アドレス {host} はこのパソコンのアドレスではありません"
    return f"{host}:{port} で待ち受けられませんでした（{exc.strerror or exc}）"


def run(args: argparse.Namespace) -> int:
    from dxcheck.cli.serve_guard import GuardedServer, page_url
    from dxcheck.io import workspace

    if not 1 <= args.port <= 65535:
        print(f"ポート番号 {args.port} は使えません（1〜65535）", file=sys.stderr)
        return 2
    if args.max_sessions < 1:
        print("--max-sessions は 1 以上にしてください", file=sys.stderr)
        return 2
    try:
        root = workspace.set_root(args.root or workspace.default_root())
    except OSError as exc:
        print(
            f"作業フォルダ {args.root} を作れませんでした: {exc.strerror or exc}", file=sys.stderr
        )
        return 1
    assert root is not None
    problem = port_problem(args.host, args.port)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    warning = exposure_warning(args.host)
    if warning:
        print(warning, file=sys.stderr)
    token = secrets.token_urlsafe(24)
    command = wizard_command(demo=args.demo, presentation=args.presentation, root=root)
    server = GuardedServer(command, host=args.host, port=args.port, token=token,
                           max_sessions=args.max_sessions,
                           title="dxcheck 自治体DXセルフチェック")  # fmt: skip
    print(f"作業フォルダ: {root}（ブラウザから開く・保存するファイルはこの中に限られます）")
    print(
        f"ブラウザで次の URL を開いてください（終了は Ctrl+C）:\n  {page_url(args.host, args.port, token)}"
    )
    print("この URL を知った人はウィザードを使えます。必要な人にだけ伝えてください。", flush=True)
    try:
        server.serve()
    except OSError as exc:  # lost the port between the check and the start
        print(bind_failure(args.host, args.port, exc), file=sys.stderr)
        return 1
    return 0
