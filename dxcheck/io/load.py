"""Reading files: the one place that touches the disk for input and turns bad input into
located Japanese problems (file, line where known, field, reason). Never a traceback."""

from __future__ import annotations

import re
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


def read_toml(path: Path, max_bytes: int = MAX_ANSWER_FILE_BYTES) -> TomlDocument:
    """Read and parse a TOML file, or raise InputError saying exactly what is wrong."""
    name = str(path)
    try:
        if path.is_dir():
            raise InputError([Problem(name, "ファイルではなくフォルダです")])
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                [
                    Problem(
                        name,
                        f"ファイルが大きすぎます（{size:,} バイト、上限 {max_bytes:,} バイト）。"
                        "回答ファイルではない可能性があります",
                    )
                ]
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError([Problem(name, "ファイルが見つかりません")]) from None
    except PermissionError:
        raise InputError([Problem(name, "ファイルを読む権限がありません")]) from None
    except OSError as exc:
        raise InputError(
            [Problem(name, f"ファイルを読めません（{exc.strerror or exc}）")]
        ) from None
    return parse_toml_bytes(raw, name, path)


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
        raise InputError([_toml_syntax_problem(name, str(exc))]) from None
    return TomlDocument(path or Path(name), data, text)


_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
_TOML_REASONS = (
    ("Cannot overwrite a value", "同じ項目が2回書かれています"),
    ("Cannot declare", "同じ表（[...]）が2回書かれています"),
    ("Invalid date or datetime", "日付の書き方が正しくありません（例: 2026-11-21）"),
    ("Illegal character", "使えない文字があります"),
    ("Unclosed array", "配列 [ ] が閉じられていません"),
    ("Unterminated string", '文字列の " が閉じられていません'),
    ("Invalid value", '値の書き方が正しくありません（文字列は "…" で囲んでください）'),
    ("Expected '=' after a key", "項目名のあとに = がありません"),
    ("Invalid statement", "TOMLとして読めない行です"),
)


def _toml_syntax_problem(name: str, message: str) -> Problem:
    match = _TOML_POSITION.search(message)
    line = int(match.group(1)) if match else None
    reason = next((ja for en, ja in _TOML_REASONS if en in message), None)
    detail = _TOML_POSITION.sub("", message).strip()
    # the parser's English detail is kept only when there is no Japanese reason for it
    text = (
        f"TOMLの書き方に誤りがあります: {reason}"
        if reason
        else f"TOMLの書き方に誤りがあります（{detail}）"
    )
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
    shown = f"（書かれている値: {given!r}）" if not isinstance(given, dict | list) else ""
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
        case "value_error":
            return str(ctx.get("error", error.get("msg", "")))
        case _:
            return str(error.get("msg", kind))


def validation_problems(exc: ValidationError, doc: TomlDocument) -> list[Problem]:
    problems: list[Problem] = []
    for error in exc.errors(include_url=False):
        # pydantic adds the union member's name (e.g. "int") to the location: drop it
        loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and p in _UNION_TAGS))
        problems.append(
            Problem(str(doc.path), _reason(dict(error)), field_name(loc), doc.line(loc))
        )
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


def read_assessment(path: Path) -> LoadedAssessment:
    """Read an answer file's structure; semantic checks are `dxcheck.io.checks`' job."""
    return read_assessment_doc(read_toml(path))


def diagnose_assessment(path: Path) -> tuple[LoadedAssessment | None, list[Problem]]:
    """Like read_assessment, but on structural errors keeps going so that *every* problem can
    be reported: the invalid fields are reported and dropped, and the rest is still returned
    for the semantic checks. The LoadedAssessment is for diagnosis only, never for use."""
    doc = read_toml(path)
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
    assessment = parse_model(Assessment, doc)
    return LoadedAssessment(assessment, doc, _extra_key_warnings(assessment, doc))


def _drop_invalid(data: dict[str, Any]) -> dict[str, Any]:
    import copy

    cleaned = copy.deepcopy(data)
    try:
        Assessment.model_validate(cleaned)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            loc = [p for p in error["loc"] if not (isinstance(p, str) and p in _UNION_TAGS)]
            node: Any = cleaned
            for part in loc[:-1]:
                node = node.get(part) if isinstance(node, dict) else None
            if isinstance(node, dict) and loc and loc[-1] in node:
                del node[loc[-1]]
    return cleaned


def _extra_key_warnings(assessment: Assessment, doc: TomlDocument) -> list[Problem]:
    warnings: list[Problem] = []
    known_extensions = {"respondents", "agreed_reason", "disagreement"}

    def warn(loc: KeyPath) -> None:
        warnings.append(
            Problem(
                str(doc.path),
                "dxcheck が知らない項目です（読み飛ばします）",
                field_name(loc),
                doc.line(loc),
                Severity.WARNING,
            )
        )

    for key in assessment.model_extra or {}:
        if key not in {"workshop"}:
            warn((key,))
    for section in ("municipality", "meta"):
        for key in getattr(assessment, section).model_extra or {}:
            warn((section, key))
    for qid, answer in assessment.answers.items():
        for key in answer.model_extra or {}:
            if key not in known_extensions:
                warn(("answers", qid, key))
    return warnings


def problems_of(exc: InputError) -> list[Problem]:
    return exc.problems
