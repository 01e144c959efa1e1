"""Reading files: the one place that touches the disk for input and turns bad input into
located Japanese problems (file, line where known, field, reason). Never a traceback."""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from dxcheck.core.errors import InputError, Problem, Severity
from dxcheck.core.model import (
    Assessment,
    BenchmarkCity,
    Questionnaire,
    QuestionnaireMapping,
    SourceInventory,
)
from dxcheck.io.resources import benchmarks_dir, default_questionnaire_dir, questionnaires_dir
from dxcheck.io.tomlpos import KeyPath, key_lines, line_of

try:  # tomli is tomllib's upstream, shipped compiled: 2.5× faster on a prefecture's files
    import tomli as toml_parser
except ImportError:  # pragma: no cover - the pure-Python stdlib copy of the same parser
    import tomllib as toml_parser  # type: ignore[no-redef]

MAX_ANSWER_FILE_BYTES = 2 * 1024 * 1024  # a full answer file with long notes is ~100 KB
CITY_ORDER = ("ureshino", "kamiamakusa", "katagami", "minamishimabara", "ichikikushikino")

M = TypeVar("M", bound=BaseModel)


@dataclass
class TomlDocument:
    path: Path
    data: dict[str, Any]
    text: str = ""
    _lines: dict[KeyPath, int] | None = field(default=None, repr=False)

    def line(self, path: KeyPath) -> int | None:
        # scanned only when a problem needs a location: most files have none
        if self._lines is None:
            self._lines = key_lines(self.text)
        return line_of(self._lines, path)

    def cell(self, path: KeyPath) -> str | None:
        """`SHEET!A1` of a key in an Excel form; a TOML file has lines instead."""
        return None

    def field(self, path: KeyPath) -> str:
        """The key as the user finds it in this kind of file."""
        return field_name(path)

    def read_problems(self) -> list[Problem]:
        """What went wrong turning the file into data (a TOML file either parses or not)."""
        return []

    def problem(self, path: KeyPath, reason: str, severity: Severity = Severity.ERROR) -> Problem:
        return Problem(
            str(self.path), reason, self.field(path), self.line(path), severity, self.cell(path)
        )


def read_toml(path: Path, max_bytes: int = MAX_ANSWER_FILE_BYTES) -> TomlDocument:
    """Read and parse a TOML file, or raise InputError saying exactly what is wrong."""
    return parse_toml_bytes(read_regular_file(path, max_bytes), str(path), path)


def read_regular_file(path: Path, max_bytes: int = MAX_ANSWER_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most `max_bytes`, or InputError saying why not.

    Opened without blocking and checked on the open handle (fstat) before a byte is read:
    a FIFO named `x.toml` would otherwise hang the reader until someone writes to it, and a
    device (`/dev/zero`) would never end. The size is checked before reading, too."""
    name = str(path)

    def refuse(reason: str) -> InputError:
        return InputError([Problem(name, reason)])

    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise refuse("ファイルが見つかりません") from None
    except PermissionError:
        raise refuse("ファイルを読む権限がありません") from None
    except IsADirectoryError:
        raise refuse("ファイルではなくフォルダです") from None
    except OSError as exc:
        raise refuse(_open_failure(exc)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise refuse("ファイルではなくフォルダです")
        if not stat.S_ISREG(info.st_mode):
            raise refuse(f"通常のファイルではありません（{_kind(info.st_mode)}）。読みません")
        if info.st_size > max_bytes:
            raise refuse(
                f"ファイルが大きすぎます（{info.st_size:,} バイト、上限 {max_bytes:,} バイト）。"
                "回答ファイルではない可能性があります"
            )
        with os.fdopen(fd, "rb", closefd=False) as f:
            raw = f.read(max_bytes + 1)  # a file that grew since fstat is still capped
    except OSError as exc:
        raise refuse(f"ファイルを読めません（{exc.strerror or exc}）") from None
    finally:
        os.close(fd)
    if len(raw) > max_bytes:
        raise refuse(f"ファイルが大きすぎます（上限 {max_bytes:,} バイト）")
    return raw


def _open_failure(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "シンボリックリンクが循環しています（リンクの先をたどれません）"
    if exc.errno == errno.ENAMETOOLONG:
        return "ファイル名が長すぎます"
    if exc.errno == errno.ENOTDIR:
        return "途中のフォルダ名がファイルを指しています"
    if exc.errno in {errno.ENXIO, errno.ENODEV}:
        return "通常のファイルではありません（デバイスまたはソケット）。読みません"
    return f"ファイルを開けません（{exc.strerror or exc}）"


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "名前付きパイプ"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "デバイス"
    if stat.S_ISSOCK(mode):
        return "ソケット"
    return "特殊なファイル"


def parse_toml_bytes(raw: bytes, name: str, path: Path | None = None) -> TomlDocument:
    if b"\x00" in raw[:8192]:
        raise InputError([Problem(name, "テキストファイルではありません（バイナリデータです）")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            [
                Problem(
                    name,
                    "文字コードが UTF-8 ではありません（Shift_JIS などで保存された可能性があります）。"
                    "UTF-8 で保存し直してください",
                    line=line,
                )
            ]
        ) from None
    try:
        data = toml_parser.loads(text)
    except toml_parser.TOMLDecodeError as exc:
        raise InputError([_toml_syntax_problem(name, exc)]) from None
    except RecursionError as exc:  # tomli's own limits: nesting > 400 levels, keys > 1000 parts
        raise InputError([_limit_problem(name, str(exc))]) from None
    except ValueError:  # an integer beyond Python's digit limit (4,300 digits)
        raise InputError(
            [Problem(name, "数値が大きすぎます（4,300 桁まで）", line=_long_number_line(text))]
        ) from None
    problem = _depth_problem(data)
    if problem:
        raise InputError([Problem(name, problem)])
    return TomlDocument(path or Path(name), data, text)


MAX_NESTING = 32  # an answer file nests 3 levels; the models walk values recursively


def _depth_problem(data: object) -> str | None:
    """Values nested deeper than any answer file needs (tomli allows 400 levels, and a
    table of dotted keys up to 1,000): refused here, before pydantic, deepcopy or json walk
    them recursively."""
    stack: list[tuple[object, int]] = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_NESTING:
            return f"表や配列の入れ子が深すぎます（{MAX_NESTING} 段まで）"
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)
    return None


def _limit_problem(name: str, message: str) -> Problem:
    if "parts" in message:
        return Problem(name, "項目名（. で区切った部分）が多すぎます（1,000 まで）")
    return Problem(name, "表や配列の入れ子が深すぎます（400 段まで）")


_LONG_NUMBER = re.compile(r"[0-9_]{4000,}")


def _long_number_line(text: str) -> int | None:
    match = _LONG_NUMBER.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


_TOML_REASONS = (
    ("Cannot overwrite a value", "同じ項目が2回書かれています"),
    ("Cannot declare", "同じ表（[...]）が2回書かれています"),
    ("Cannot mutate immutable namespace", "書き終えた表やインライン表に項目を足すことはできません"),
    ("Invalid date or datetime", "日付の書き方が正しくありません（例: 2026-11-21）"),
    ("Invalid hex value", "文字のエスケープ（\\u…）が正しくありません"),
    ("Unescaped '\\' in a string", "文字列の中の \\ は \\\\ と書いてください"),
    ("Illegal character", "使えない文字（制御文字など）があります"),
    ("Unclosed array", "配列 [ ] が閉じられていません"),
    ("Unclosed inline table", "インライン表 { } が閉じられていません"),
    ("Unterminated string", '文字列の " が閉じられていません'),
    ("Invalid initial character for a key part", "項目名の書き方が正しくありません"),
    ("Invalid value", '値の書き方が正しくありません（文字列は "…" で囲んでください）'),
    ("Expected '=' after a key", "項目名のあとに = がありません"),
    ("Expected ']' at the end of a table declaration", "表の見出し [ ] が閉じられていません"),
    (
        "Expected ']]' at the end of an array declaration",
        "配列の表の見出し [[ ]] が閉じられていません",
    ),
    (
        "Expected newline or end of document",
        "1行に書けるのは1項目です（値のあとに余計な文字があります）",
    ),
    ("Expected ',' or ']' after an array element", "配列の要素は , で区切ってください"),
    ("Expected '}' or ','", "インライン表の項目は , で区切ってください"),
    ("Invalid statement", "TOMLとして読めない行です"),
)


def _toml_syntax_problem(name: str, exc: Exception) -> Problem:
    message = str(getattr(exc, "msg", "") or exc)
    # the line from the exception itself: at the end of the document the text says "at end
    # of document" and carries no number (tomli ≥ 2.1 and Python ≥ 3.14 set .lineno)
    line = getattr(exc, "lineno", None)
    if not isinstance(line, int):
        match = re.search(r"at line (\d+)", str(exc))
        line = int(match.group(1)) if match else None
    reason = next((ja for en, ja in _TOML_REASONS if en in message), None)
    # never English: a message this table does not know is named generally
    text = f"TOMLの書き方に誤りがあります: {reason or 'この位置の書き方が正しくありません'}"
    return Problem(name, text, line=line)


# ---------------------------------------------------------------- pydantic → Japanese


def field_name(loc: Iterable[str | int]) -> str:
    """`answers."frontyard.online-procedures".level` — as the user would find it in the file."""
    out: list[str] = []
    for part in loc:
        if isinstance(part, int):
            out.append(f"[{part + 1}]")
        elif re.fullmatch(r"[A-Za-z0-9_-]+", part):
            out.append(("." if out else "") + part)
        else:
            out.append(("." if out else "") + f'"{part}"')
    return "".join(out)


def _bound(value: object) -> str:
    """A limit as people write it: 5, not 5.0."""
    return f"{value:g}" if isinstance(value, float) else str(value)


def _reason(error: dict[str, Any]) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    given = error.get("input")
    shown = f"（書かれている値: {_short(given)}）" if not isinstance(given, dict | list) else ""
    match kind:
        case "missing":
            return "必須の項目がありません"
        case "extra_forbidden":
            return "この項目は使えません（項目名の綴りを確認してください）"
        case "int_type" | "int_parsing" | "int_from_float":
            return f"整数で書いてください{shown}"
        case "float_type" | "float_parsing":
            return f"数値で書いてください{shown}"
        case "finite_number":
            return f"有限の数値で書いてください（nan や inf は使えません）{shown}"
        case "bool_type" | "bool_parsing":
            return f"true か false で書いてください{shown}"
        case "string_type":
            return f'文字列（"…"）で書いてください{shown}'
        case (
            "date_type"
            | "date_parsing"
            | "date_from_datetime_inexact"
            | "date_from_datetime_parsing"
        ):
            return f"日付で書いてください（例: 2026-11-21）{shown}"
        case "greater_than_equal":
            return f"{_bound(ctx.get('ge'))} 以上にしてください{shown}"
        case "less_than_equal":
            return f"{_bound(ctx.get('le'))} 以下にしてください{shown}"
        case "greater_than":
            return f"{_bound(ctx.get('gt'))} より大きくしてください{shown}"
        case "less_than":
            return f"{_bound(ctx.get('lt'))} より小さくしてください{shown}"
        case "string_too_long":
            return f"長すぎます（{ctx.get('max_length')} 文字まで）"
        case "string_too_short" | "too_short":
            return "空にはできません"
        case "literal_error":
            return f"{ctx.get('expected')} のいずれかにしてください{shown}"
        case "dict_type" | "model_type":
            return "表（[...] または { ... }）で書いてください"
        case "tuple_type" | "list_type":
            return "配列（[ ... ]）で書いてください"
        case "enum":
            return f"{ctx.get('expected')} のいずれかにしてください{shown}"
        case "too_long":
            return "要素が多すぎます"
        case "finite_number":
            return f"有限の数値で書いてください（nan や inf は使えません）{shown}"
        case "int_parsing_size":
            return "数値が大きすぎます"
        case "string_pattern_mismatch":
            return f"書き方が正しくありません{shown}"
        case "value_error":
            # our own validators raise ValueError with a Japanese sentence
            reason = str(ctx.get("error", ""))
            return reason if _is_japanese(reason) else f"値が正しくありません{shown}"
        case _:
            # pydantic's English never reaches the user: name the kind of problem generally
            return f"値の種類または書き方が正しくありません{shown}"


def _short(value: object, limit: int = 60) -> str:
    """A value as written, cut short: a 100,000-character value must not become a
    100,000-character message (nor a quadratic paragraph in the comparison PDF)."""
    shown = _as_written(value)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def _as_written(value: object) -> str:
    """A parsed value as it looks in a TOML file (true, "5", 2026-11-01T10:00:00, nan)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value + '"'
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _is_japanese(text: str) -> bool:
    return any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in text)


def validation_problems(exc: ValidationError, doc: TomlDocument) -> list[Problem]:
    problems: list[Problem] = []
    for error in exc.errors(include_url=False):
        # pydantic adds the union member's name (e.g. "int") to the location: drop it
        loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and p in _UNION_TAGS))
        problems.append(doc.problem(loc, _reason(dict(error))))
    return _dedupe(problems)


_UNION_TAGS = {"int", "float", "str", "literal['unknown']", "constrained-int", "none"}


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: dict[tuple[str, int | None], Problem] = {}
    for p in problems:
        seen.setdefault((p.field, p.line), p)
    return list(seen.values())


def parse_model(model: type[M], doc: TomlDocument) -> M:
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        raise InputError(validation_problems(exc, doc)) from None


# ---------------------------------------------------------------- the shipped data


@cache
def load_questionnaire(folder: Path | None = None) -> Questionnaire:
    """The questionnaire (questionnaire.toml) with its measures catalog (measures-*.toml)."""
    folder = folder or default_questionnaire_dir()
    doc = read_toml(folder / "questionnaire.toml", max_bytes=16 * 1024 * 1024)
    data = dict(doc.data)
    measures: list[Any] = []
    for part in sorted(folder.glob("measures-*.toml")):
        measures += read_toml(part, max_bytes=16 * 1024 * 1024).data.get("measures", [])
    data["measures"] = measures
    mapping = folder / "mapping.toml"
    if mapping.is_file():
        # parsed apart so that its problems are located in mapping.toml, not questionnaire.toml
        data["mapping"] = parse_model(QuestionnaireMapping, read_toml(mapping)).model_dump()
    return parse_model(Questionnaire, TomlDocument(doc.path, data, doc.text))


@cache
def questionnaire_dirs() -> dict[str, Path]:
    """Every shipped questionnaire folder by its version (4.0.0 stays to read old answers)."""
    found: dict[str, Path] = {}
    for folder in sorted(questionnaires_dir().glob("jichitai-dx-*")):
        head = folder / "questionnaire.toml"
        if head.is_file():
            version = read_toml(head, max_bytes=16 * 1024 * 1024).data.get("version")
            if isinstance(version, str):
                found[version] = folder
    return found


def load_questionnaire_version(version: str) -> Questionnaire | None:
    """The shipped questionnaire of one version, or None when dxcheck has no such version."""
    folder = questionnaire_dirs().get(version)
    return None if folder is None else load_questionnaire(folder)


@cache
def load_benchmarks(folder: Path | None = None) -> tuple[BenchmarkCity, ...]:
    """The benchmark cities, in the order the seeds README lists them."""
    folder = folder or benchmarks_dir()
    cities = [
        parse_model(BenchmarkCity, read_toml(p, max_bytes=16 * 1024 * 1024))
        for p in sorted(folder.glob("*.toml"))
    ]
    rank = {cid: i for i, cid in enumerate(CITY_ORDER)}
    return tuple(sorted(cities, key=lambda c: (rank.get(c.id, len(rank)), c.id)))


def load_sources(folder: Path | None = None) -> tuple[SourceInventory, ...]:
    folder = folder or questionnaires_dir() / "sources"
    return tuple(
        parse_model(SourceInventory, read_toml(p, max_bytes=16 * 1024 * 1024))
        for p in sorted(folder.glob("*.toml"))
    )


# ---------------------------------------------------------------- answer files


@dataclass
class LoadedAssessment:
    """An answer file as read: the model, the document (for line numbers), its warnings."""

    assessment: Assessment
    doc: TomlDocument
    warnings: list[Problem] = field(default_factory=list)
    # the questionnaire version the file was written for, when it was read under a newer one
    from_version: str | None = None

    @property
    def file_version(self) -> str:
        return self.from_version or self.assessment.questionnaire_version


FORM_SUFFIXES = (".xlsx", ".xlsm")


def is_form(path: Path) -> bool:
    """An Excel form (docs/design.md §4) rather than a TOML answer file."""
    return path.suffix.lower() in FORM_SUFFIXES


def read_answer_document(path: Path) -> TomlDocument:
    """An answer file or a filled Excel form, as the same document: the data a TOML answer
    file would hold, located by line or by cell."""
    if is_form(path):
        from dxcheck.io.xlsx_form import read_form  # openpyxl loads only for forms

        return read_form(path)
    return read_toml(path)


def read_assessment(path: Path) -> LoadedAssessment:
    """Read an answer file's (or form's) structure; semantic checks are `dxcheck.io.checks`'."""
    return read_assessment_doc(read_answer_document(path))


def diagnose_assessment(path: Path) -> tuple[LoadedAssessment | None, list[Problem]]:
    """Like read_assessment, but on structural errors keeps going so that *every* problem can
    be reported: the invalid fields are reported and dropped, and the rest is still returned
    for the semantic checks. The LoadedAssessment is for diagnosis only, never for use."""
    doc = read_answer_document(path)
    try:
        return read_assessment_doc(doc), []
    except InputError as exc:
        structural = exc.problems
    try:
        cleaned = Assessment.model_validate(_drop_invalid(doc.data))
    except ValidationError:
        return None, structural
    salvaged = LoadedAssessment(cleaned, doc, _extra_key_warnings(cleaned, doc))
    return salvaged, structural


def read_assessment_doc(doc: TomlDocument) -> LoadedAssessment:
    own = doc.read_problems()  # a form's cells that could not be read (and normalisations)
    own_errors = [p for p in own if p.severity is Severity.ERROR]
    try:
        assessment = parse_model(Assessment, doc)
    except InputError as exc:
        raise InputError(own + exc.problems) from None
    if own_errors:
        raise InputError(own)
    warnings = [p for p in own if p.severity is Severity.WARNING]
    return LoadedAssessment(assessment, doc, warnings + _extra_key_warnings(assessment, doc))


def _drop_invalid(data: dict[str, Any]) -> dict[str, Any]:
    import copy

    cleaned: dict[str, Any] = copy.deepcopy(data)
    # a second round: dropping a wrong-typed required key leaves its table incomplete
    for _ in range(2):
        try:
            Assessment.model_validate(cleaned)
            break
        except ValidationError as exc:
            cleaned = _dropped(cleaned, exc)
    return cleaned


def _dropped(cleaned: dict[str, Any], exc: ValidationError) -> dict[str, Any]:
    for error in exc.errors(include_url=False):
        loc = [p for p in error["loc"] if not (isinstance(p, str) and p in _UNION_TAGS)]
        if error["type"] == "missing" and len(loc) >= 2 and isinstance(loc[-2], int):
            loc = loc[:-1]  # a list's entry without a required key: drop the entry
        node: Any = cleaned
        for part in loc[:-1]:
            if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                node = node[part]  # a workshop respondent's entry
            else:
                node = node.get(part) if isinstance(node, dict) else None
        if isinstance(node, dict) and loc and loc[-1] in node:
            del node[loc[-1]]
        elif isinstance(node, list) and loc and isinstance(loc[-1], int) and loc[-1] < len(node):
            node[loc[-1]] = _DROPPED  # removed below, so later indices still hold
    out: dict[str, Any] = _without_dropped(cleaned)
    return out


_DROPPED = object()


def _without_dropped(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _without_dropped(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_without_dropped(v) for v in node if v is not _DROPPED]
    return node


def _extra_key_warnings(assessment: Assessment, doc: TomlDocument) -> list[Problem]:
    """Keys dxcheck does not know — kept as they are (docs/design.md §4), said once each."""
    warnings: list[Problem] = []

    def warn(loc: KeyPath) -> None:
        warnings.append(
            doc.problem(loc, "dxcheck が知らない項目です（読み飛ばします）", Severity.WARNING)
        )

    for key in assessment.model_extra or {}:
        if key not in {"workshop"}:
            warn((key,))
    for section in ("municipality", "meta"):
        for key in getattr(assessment, section).model_extra or {}:
            warn((section, key))
    for qid, answer in assessment.answers.items():
        for key in answer.model_extra or {}:
            warn(("answers", qid, key))
        for i, entry in enumerate(answer.respondents):
            for key in entry.model_extra or {}:
                warn(("answers", qid, "respondents", i, key))
    return warnings
