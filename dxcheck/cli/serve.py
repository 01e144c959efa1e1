"""`dxcheck serve [--host H] [--port N]` — the wizard in a web browser, for a projector.

textual-serve runs one `dxcheck` process per browser tab and relays it over a WebSocket.
"""

from __future__ import annotations

import argparse
import shlex
import sys

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "serve",
        help="ウィザードをブラウザで使えるようにします（プロジェクター投影用）",
        description="このパソコンの中だけで動くウェブサーバーを起動し、ブラウザでウィザードを使えるようにします。"
        "ブラウザで http://127.0.0.1:8000 を開いてください。文字を大きくするには ?fontsize=24 を付けます。",
    )
    p.add_argument(
        "--host",
        default="127.0.0.1",
        help="待ち受けるアドレス（既定: 127.0.0.1。このパソコンからのみ接続できます）",
    )
    p.add_argument("--port", type=int, default=8000, help="ポート番号（既定: 8000）")
    p.add_argument("--demo", action="store_true", help="記入例の団体で開きます")
    p.add_argument(
        "--presentation",
        action="store_true",
        help="投影用の高コントラストの配色で開きます（ワークショップのプロジェクター向け）",
    )
    p.set_defaults(run=run)


def wizard_command(*, demo: bool = False, presentation: bool = False) -> str:
    """The command textual-serve starts for each browser tab: this Python, this dxcheck."""
    args = [sys.executable, "-m", "dxcheck"]
    if demo:
        args.append("--demo")
    if presentation:
        args.append("--presentation")
    return shlex.join(args)


def exposure_warning(host: str) -> str | None:
    if host in LOCAL_HOSTS:
        return None
    return (
        f"警告: {host} で待ち受けます。このポートに接続できる人は誰でもウィザードを使い、"
        "このパソコンのファイルを開いたり保存したりできます。信頼できるネットワークの中だけで使ってください。"
    )


def run(args: argparse.Namespace) -> int:
    from textual_serve.server import Server

    if not 1 <= args.port <= 65535:
        print(f"ポート番号 {args.port} は使えません（1〜65535）", file=sys.stderr)
        return 2
    warning = exposure_warning(args.host)
    if warning:
        print(warning, file=sys.stderr)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"ブラウザで http://{shown}:{args.port} を開いてください（終了は Ctrl+C）")
    server = Server(wizard_command(demo=args.demo, presentation=args.presentation),
                    host=args.host, port=args.port,
                    title="dxcheck 自治体DXセルフチェック")  # fmt: skip
    server.serve()
    return 0
