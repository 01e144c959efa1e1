"""A prefecture's survey round (docs/design.md §6 `campaign`): send one pre-filled file to each
municipality, then see who has answered how much from the files that came back.

`init` writes one file per municipality, named `CODE_NAME.xlsx` (or `.toml`) so a returned file
is recognised by its code whatever it was renamed to after the code, and a hidden manifest
(`.dxcheck-campaign.toml`, skipped by `compare`) with each file's SHA-256 so `status` can tell a
file returned unchanged from one that was filled in. Nothing existing is ever overwritten.

With `--from-previous DIR` each file is a draft of that municipality's latest answer in DIR
(core.answers.draft_from): 回答日 and 回答者 cleared, the pre-filled answers' fingerprint kept in
the file and in the manifest, so a draft returned unchanged — even re-saved by Excel — is 未提出
for `status` and `compare` alike (core.answers.is_blank).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

from dxcheck.core.answers import (
    draft_from,
    is_blank,
    is_untouched_draft,
    new_assessment,
    template_for,
)
from dxcheck.core.errors import InputError, Problem, Severity
from dxcheck.core.model import Assessment, Questionnaire
from dxcheck.core.scoring import score_assessment
from dxcheck.io import municipalities
from dxcheck.io.collect import CAMPAIGN_MANIFEST, check_file, expand
from dxcheck.io.load import read_toml
from dxcheck.io.municipalities import Municipality
from dxcheck.io.store import atomic_write_bytes

MANIFEST = CAMPAIGN_MANIFEST
MANIFEST_FORMAT = "dxcheck.campaign/1"
_CODE_PREFIX = re.compile(r"^(\d{6})(?:[_\s-]|$)")


def members(prefecture: str) -> list[Municipality]:
    """The prefecture's municipalities (市町村 and 特別区), without the wards of 政令市."""
    return [
        m
        for m in municipalities.in_prefecture(prefecture)
        if " " not in m.name and not m.is_prefecture
    ]


def file_name(m: Municipality, suffix: str) -> str:
    # characters Windows forbids in a file name never occur in municipality names; keep it plain
    return f"{m.code}_{m.name}{suffix}"


def read_population_csv(path: Path) -> dict[str, int]:
    """`code,population` rows (a header line is allowed; 5-digit codes get their check digit)."""
    name = str(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise InputError([Problem(name, "ファイルが見つかりません")]) from None
    except UnicodeDecodeError:
        raise InputError(
            [Problem(name, "文字コードが UTF-8 ではありません。UTF-8 の CSV で保存してください")]
        ) from None
    except OSError as exc:
        raise InputError(
            [Problem(name, f"ファイルを読めません（{exc.strerror or exc}）")]
        ) from None
    out: dict[str, int] = {}
    problems: list[Problem] = []
    for line, row in enumerate(csv.reader(text.splitlines()), start=1):
        if not row or not any(c.strip() for c in row):
            continue
        cells = [unicodedata.normalize("NFKC", c).strip() for c in row]
        if len(cells) < 2:
            problems.append(Problem(name, "「団体コード,人口」の2列が必要です", line=line))
            continue
        code, people = cells[0], cells[1].replace(",", "")
        if line == 1 and not code.isdigit():
            continue  # the header
        if len(code) == 5 and code.isdigit():
            code += str(municipalities.check_digit(code))
        why = municipalities.code_problem(code)
        if why:
            problems.append(Problem(name, why, "団体コード", line))
            continue
        if not people.isdigit() or not 1 <= int(people) <= 50_000_000:
            problems.append(
                Problem(
                    name,
                    f"人口は1以上の整数にしてください（書かれている値: {cells[1]}）",
                    "人口",
                    line,
                )
            )
            continue
        out[code] = int(people)
    if problems:
        raise InputError(problems)
    return out


@dataclass
class PreviousAnswers:
    """The latest answered file of each municipality in an earlier round's folder."""

    folder: Path
    by_code: dict[str, tuple[Path, Assessment]] = field(default_factory=dict)
    skipped: list[Problem] = field(default_factory=list)  # files not used, each with why


def read_previous(folder: Path, questionnaire: Questionnaire) -> PreviousAnswers:
    """Every answer file and form under `folder`; per municipality code the latest answered one
    (by 回答日, then name). A broken, codeless or other-version file is skipped with the reason,
    never silently (a blank one has nothing to carry): the municipality then gets a blank form."""
    if not folder.is_dir():
        raise InputError([Problem(str(folder), "前回の回答のフォルダが見つかりません")])
    files, refused = expand([folder])
    out = PreviousAnswers(folder)
    out.skipped += [p for r in refused for p in r.problems]
    for path in files:
        checked = check_file(path, questionnaire, require_profile=False)
        errors = [p for p in checked.problems if p.severity is Severity.ERROR]
        if checked.loaded is None or errors:
            first = errors[0].reason if errors else "読めません"
            out.skipped.append(Problem(str(path), f"読めないため下書きに使いません（{first}）"))
            continue
        a = checked.loaded.assessment
        if a.questionnaire_version != questionnaire.version:
            out.skipped.append(Problem(str(path), f"質問票 {a.questionnaire_version} 版の回答の"
                                       "ため下書きに使いません"))  # fmt: skip
        elif not a.municipality.code:
            out.skipped.append(Problem(str(path), "団体コードがないため下書きに使いません"))
        elif not is_blank(a):
            known = out.by_code.get(a.municipality.code)
            if known is None or _when(a, path) > _when(known[1], known[0]):
                out.by_code[a.municipality.code] = (path, a)
    return out


def _when(a: Assessment, path: Path) -> tuple[dt.date, str]:
    return (a.meta.assessed_on or dt.date.min, path.name)


def init_campaign(
    prefecture: str,
    folder: Path,
    questionnaire: Questionnaire,
    *,
    xlsx: bool,
    population: dict[str, int] | None = None,
    today: dt.date | None = None,
    previous: PreviousAnswers | None = None,
) -> list[Path]:
    """Write one pre-filled file per municipality and the manifest; all or nothing. With
    `previous`, a municipality that answered then gets a draft of that answer."""
    if prefecture not in municipalities.PREFECTURES:
        raise InputError([Problem(prefecture, "都道府県名ではありません（例: 佐賀県）")])
    suffix = ".xlsx" if xlsx else ".toml"
    targets = [(m, folder / file_name(m, suffix)) for m in members(prefecture)]
    existing = [p for _, p in targets if p.exists()]
    if (folder / MANIFEST).exists():
        existing.insert(0, folder / MANIFEST)
    if existing:
        raise InputError(
            [
                Problem(str(p), "すでにあります。上書きしません（別のフォルダを指定してください）")
                for p in existing
            ]
        )
    folder.mkdir(parents=True, exist_ok=True)
    day = today or dt.date.today()
    written: list[Path] = []
    entries: list[dict[str, Any]] = []
    try:
        for m, path in targets:
            source = previous.by_code.get(m.code) if previous else None
            a = _prefilled(m, questionnaire, population or {}, source[1] if source else None)
            data = _file_bytes(a, questionnaire, xlsx)
            atomic_write_bytes(path, data)
            written.append(path)
            entry: dict[str, Any] = {"code": m.code, "name": m.name, "file": path.name,
                                     "sha256": hashlib.sha256(data).hexdigest()}  # fmt: skip
            if source and previous and a.meta.prefilled:
                # what the draft was made from, and its answers' fingerprint (the file holds
                # it too, so a draft re-saved unchanged is still known as one)
                entry["prefilled_from"] = source[0].relative_to(previous.folder).as_posix()
                entry["prefilled"] = a.meta.prefilled
            entries.append(entry)
        manifest = {
            "format": MANIFEST_FORMAT,
            "prefecture": prefecture,
            "questionnaire": questionnaire.id,
            "questionnaire_version": questionnaire.version,
            "created": day,
            "files": entries,
        }
        atomic_write_bytes(folder / MANIFEST, tomli_w.dumps(manifest).encode("utf-8"))
    except BaseException:
        for path in written:  # all or nothing: a half-made campaign would confuse status
            path.unlink(missing_ok=True)
        raise
    return [p for _, p in targets]


def _prefilled(
    m: Municipality,
    questionnaire: Questionnaire,
    population: dict[str, int],
    previous: Assessment | None,
) -> Assessment:
    a = draft_from(previous, questionnaire) if previous else new_assessment(questionnaire)
    a.municipality.name = m.name  # the registry's spelling and code, whatever was typed then
    a.municipality.code = m.code
    a.municipality.prefecture = m.prefecture
    a.municipality.population = population.get(m.code) or a.municipality.population
    return a


def _file_bytes(a: Assessment, questionnaire: Questionnaire, xlsx: bool) -> bytes:
    if xlsx:
        from dxcheck.io.export.form_xlsx import form_xlsx

        return form_xlsx(questionnaire, a)
    return template_for(a, questionnaire).encode("utf-8")


# ---------------------------------------------------------------- status

NOT_RETURNED = "未提出"
BROKEN = "読めない"
OLD_VERSION = "旧版の質問票"
STALE = "以前の回答"
PARTIAL = "回答中"
COMPLETE = "回答済"
OUTSIDE = "対象外"
BLANK_DETAIL = "まだ回答がありません（レベル・数値・「わからない」のどれも記入されていません）"
DRAFT_DETAIL = "前回の回答を記入した下書きのままです（回答の変更も回答日の記入もありません）"


@dataclass
class StatusRow:
    code: str
    name: str
    state: str
    done: int = 0
    total: int = 0
    file: str = ""
    detail: str = ""
    problems: list[Problem] = field(default_factory=list)

    @property
    def share(self) -> float | None:
        return self.done / self.total if self.total else None


@dataclass
class CampaignStatus:
    prefecture: str
    created: dt.date | None
    rows: list[StatusRow]

    def count(self, state: str) -> int:
        return sum(1 for r in self.rows if r.state == state)


@dataclass
class _Manifest:
    prefecture: str
    created: dt.date | None
    hashes: dict[str, str]  # file name → sha256 as written


def find_manifest(paths: list[Path]) -> Path | None:
    for p in paths:
        if p.is_dir() and (p / MANIFEST).is_file():
            return p / MANIFEST
    return None


def _read_manifest(path: Path) -> _Manifest:
    doc = read_toml(path)
    data = doc.data
    if data.get("format") != MANIFEST_FORMAT or not isinstance(data.get("prefecture"), str):
        raise InputError(
            [Problem(str(path), "dxcheck campaign init が作った管理ファイルではありません")]
        )
    created = data.get("created")
    files = data.get("files", [])
    hashes = {
        str(f.get("file")): str(f.get("sha256"))
        for f in files if isinstance(f, dict)
    }  # fmt: skip
    return _Manifest(data["prefecture"], created if isinstance(created, dt.date) else None, hashes)


def campaign_status(
    folder: Path,
    questionnaire: Questionnaire,
    prefecture: str | None = None,
    progress: Callable[[int, int, Path], None] | None = None,
) -> CampaignStatus:
    """Every municipality of the prefecture with the state of its returned file, and every
    other file found in the folder (never dropped without a word)."""
    manifest = _read_manifest(folder / MANIFEST) if (folder / MANIFEST).is_file() else None
    prefecture = prefecture or (manifest.prefecture if manifest else None)
    if prefecture is None:
        raise InputError(
            [
                Problem(
                    str(folder),
                    "campaign init で作ったフォルダではありません。"
                    "--prefecture で都道府県を指定してください",
                )
            ]
        )
    if prefecture not in municipalities.PREFECTURES:
        raise InputError([Problem(prefecture, "都道府県名ではありません（例: 佐賀県）")])
    expected = {m.code: m for m in members(prefecture)}
    files, _missing = expand([folder])
    found: dict[str, list[StatusRow]] = {}
    others: list[StatusRow] = []
    for i, path in enumerate(files, start=1):
        row = _file_row(path, questionnaire, manifest)
        if row.code in expected:
            found.setdefault(row.code, []).append(row)
        else:
            others.append(row)
        if progress:
            progress(i, len(files), path)
    rows: list[StatusRow] = []
    for code, m in expected.items():
        candidates = found.get(code)
        if not candidates:
            rows.append(StatusRow(code, m.name, NOT_RETURNED, 0, len(questionnaire.questions),
                                  "", "ファイルがありません"))  # fmt: skip
            continue
        best = max(candidates, key=_rank)
        if len(candidates) > 1:
            names = "、".join(r.file for r in candidates if r is not best)
            best.detail = (
                best.detail + " " if best.detail else ""
            ) + f"（ほかのファイル: {names}）"
        best.name = m.name
        rows.append(best)
    for row in others:
        if row.state != BROKEN:
            row.detail = f"{prefecture}の団体ではありません" + (
                f"（{row.detail}）" if row.detail else ""
            )
            row.state = OUTSIDE
        rows.append(row)
    return CampaignStatus(prefecture, manifest.created if manifest else None, rows)


_STATE_RANK = {COMPLETE: 6, PARTIAL: 5, STALE: 4, OLD_VERSION: 3, NOT_RETURNED: 2, BROKEN: 1}


def _rank(row: StatusRow) -> tuple[int, int]:
    return (_STATE_RANK.get(row.state, 0), row.done)


def _file_row(path: Path, questionnaire: Questionnaire, manifest: _Manifest | None) -> StatusRow:
    total = len(questionnaire.questions)
    match = _CODE_PREFIX.match(path.name)
    name_code = match.group(1) if match else ""
    if manifest and path.name in manifest.hashes and _sha256(path) == manifest.hashes[path.name]:
        return StatusRow(name_code, "", NOT_RETURNED, 0, total, path.name,
                         "配布したまま変更されていません")  # fmt: skip
    checked = check_file(path, questionnaire)
    errors = [p for p in checked.problems if p.severity is Severity.ERROR]
    a = checked.loaded.assessment if checked.loaded is not None else None
    code = (a.municipality.code if a and a.municipality.code else "") or name_code
    if not checked.ok or a is None:
        first = errors[0].format() if errors else "読めません"
        more = f" ほか {len(errors) - 1} 件" if len(errors) > 1 else ""
        return StatusRow(code, a.municipality.name if a else "", BROKEN, 0, total, path.name,
                         first + more, errors)  # fmt: skip
    card = score_assessment(questionnaire, a)
    row = StatusRow(code, a.municipality.name, PARTIAL, card.done, card.total, path.name)
    if is_blank(a):  # the rule compare uses too: such a file is never compared
        row.state = NOT_RETURNED
        row.detail = DRAFT_DETAIL if is_untouched_draft(a) else BLANK_DETAIL
        row.done = 0  # a draft's answers are the earlier round's, not this round's
    elif a.questionnaire_version != questionnaire.version:
        row.state = OLD_VERSION
        row.detail = f"質問票 {a.questionnaire_version} 版で回答されています（現在は {questionnaire.version} 版）"
    elif (
        manifest is not None
        and manifest.created is not None
        and a.meta.assessed_on is not None
        and a.meta.assessed_on < manifest.created
    ):
        row.state = STALE
        row.detail = f"回答日 {a.meta.assessed_on:%Y/%m/%d} は今回の依頼（{manifest.created:%Y/%m/%d}）より前です"
    elif card.complete:
        row.state = COMPLETE
    return row


def _sha256(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def status_rows(status: CampaignStatus) -> tuple[list[str], list[list[Any]]]:
    """The status as a table for the terminal and the comparison workbook."""
    header = ["団体コード", "団体名", "状態", "回答数", "回答率", "ファイル", "詳細"]
    order = {
        NOT_RETURNED: 0,
        BROKEN: 1,
        OLD_VERSION: 2,
        STALE: 3,
        PARTIAL: 4,
        COMPLETE: 5,
        OUTSIDE: 6,
    }
    rows = [
        [r.code, r.name, r.state, f"{r.done}/{r.total}" if r.total else "",
         r.share, r.file, r.detail]
        for r in sorted(status.rows, key=lambda r: (order.get(r.state, 9), r.code, r.file))
    ]  # fmt: skip
    return header, rows
