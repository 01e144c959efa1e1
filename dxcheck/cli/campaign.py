"""`dxcheck campaign init 佐賀県 DIR [--xlsx] [--population CSV]` and `dxcheck campaign status DIR`
— a prefecture's survey round: one pre-filled file per municipality out, who has answered back."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dxcheck.cli.common import print_problems
from dxcheck.cli.jaargparse import JapaneseArgumentParser
from dxcheck.core.textwidth import table
from dxcheck.io.campaign import (
    BROKEN,
    NOT_RETURNED,
    CampaignStatus,
    campaign_status,
    init_campaign,
    read_population_csv,
    read_previous,
    status_rows,
)
from dxcheck.io.load import load_questionnaire


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "campaign",
        help="都道府県の調査: 団体ごとの記入ファイルを作り、提出状況を確かめます",
        description="都道府県が管内の市区町村に調査を依頼するためのコマンドです。"
        "init で団体ごとに団体名・団体コードを記入済みのファイルを作り、"
        "status で返ってきたファイルから提出状況（未提出・回答中・読めないファイルなど）を示します。",
    )
    commands = p.add_subparsers(
        title="コマンド", metavar="COMMAND", parser_class=JapaneseArgumentParser, required=True
    )
    init = commands.add_parser(
        "init",
        help="団体ごとの記入ファイルを作ります",
        description="都道府県内の市区町村ごとに、団体名・団体コード・都道府県（と人口）を記入済みの"
        "ファイルを DIR に作ります。ファイル名は「団体コード_団体名」で、返ってきたファイルを"
        "団体コードで見分けます。すでにあるファイルは上書きしません。",
    )
    init.add_argument("prefecture", metavar="都道府県", help="例: 佐賀県")
    init.add_argument("folder", type=Path, metavar="DIR", help="ファイルを作るフォルダ")
    init.add_argument(
        "--xlsx", action="store_true", help="Excel の記入様式（.xlsx）で作ります（既定は TOML）"
    )
    init.add_argument(
        "--population",
        type=Path,
        metavar="CSV",
        help="人口を記入するための CSV（1列目: 団体コード、2列目: 人口。UTF-8）",
    )
    init.add_argument(
        "--from-previous",
        dest="previous",
        type=Path,
        metavar="DIR",
        help="前回の調査の回答フォルダ。回答のある団体には、その最新の回答を記入した下書きを作ります"
        "（回答日・回答者は空欄。そのまま返されたものは未提出として扱います）",
    )
    init.set_defaults(run=run_init)
    status = commands.add_parser(
        "status",
        help="提出状況を表示します",
        description="DIR の中のファイルを読み、団体ごとに回答した質問の数と状態を示します。"
        "状態: 未提出（ファイルがない・配布したまま・前回の回答の下書きのまま）、読めない（理由付き）、旧版の質問票、"
        "以前の回答（回答日が依頼より前）、回答中、回答済、対象外（管内の団体ではない）。",
    )
    status.add_argument("folder", type=Path, metavar="DIR", help="campaign init で作ったフォルダ")
    status.add_argument(
        "--prefecture",
        metavar="都道府県",
        help="campaign init で作ったフォルダでないときに都道府県を指定します",
    )
    status.set_defaults(run=run_status)


def run_init(args: argparse.Namespace) -> int:
    questionnaire = load_questionnaire()
    population = read_population_csv(args.population) if args.population else None
    previous = read_previous(args.previous, questionnaire) if args.previous else None
    paths = init_campaign(
        args.prefecture,
        args.folder,
        questionnaire,
        xlsx=args.xlsx,
        population=population,
        previous=previous,
    )
    with_population = sum(1 for v in (population or {}).values() if v) if population else 0
    print(f"{args.prefecture}の {len(paths)} 団体のファイルを {args.folder} に作りました。")
    if population is not None:
        print(f"人口の CSV から {with_population} 団体分を読みました。")
    if previous is not None:
        drafts = sum(1 for p in paths if _code(p) in previous.by_code)
        print(
            f"{drafts} 団体は {args.previous} の前回の回答を記入した下書きです"
            "（回答日・回答者は空欄。そのまま返されたものは未提出として扱います）。"
        )
        if previous.skipped:
            print(
                f"前回のフォルダの {len(previous.skipped)} 件は下書きに使いませんでした:",
                file=sys.stderr,
            )
            print_problems(previous.skipped)
    print(
        f"返ってきたファイルを同じフォルダに置き、dxcheck campaign status {args.folder} で確かめます。"
    )
    return 0


def _code(path: Path) -> str:
    return path.name.split("_", 1)[0]


def run_status(args: argparse.Namespace) -> int:
    questionnaire = load_questionnaire()
    if not args.folder.is_dir():
        print(f"{args.folder}: フォルダが見つかりません", file=sys.stderr)
        return 2
    status = campaign_status(args.folder, questionnaire, args.prefecture)
    print_status(status)
    for row in status.rows:
        if row.state == BROKEN:
            print_problems(row.problems)
    return 1 if status.count(BROKEN) else 0


def print_status(status: CampaignStatus) -> None:
    header, rows = status_rows(status)
    shown = [header] + [
        [
            str(c) if not isinstance(c, float) else f"{c:.0%}"
            for c in (v if v is not None else "" for v in row)
        ]
        for row in rows
    ]
    created = f"（依頼: {status.created:%Y/%m/%d}）" if status.created else ""
    print(f"{status.prefecture}の提出状況{created}")
    print(table(shown, right={3, 4}))
    members = [r for r in status.rows if r.state != "対象外"]
    answered = sum(1 for r in members if r.state not in (NOT_RETURNED, BROKEN))
    print(
        f"{len(members)} 団体中 {answered} 団体が回答、{status.count(NOT_RETURNED)} 団体が未提出、"
        f"{status.count(BROKEN)} 件が読めないファイルです。"
    )
