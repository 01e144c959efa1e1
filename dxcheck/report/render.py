"""Rendering: view model → HTML (Jinja2, autoescaped) → PDF (WeasyPrint), written atomically.

Safety (docs/design.md §8): templates autoescape and use StrictUndefined, so a name or note is
always text; WeasyPrint gets `AssetFetcher`, which serves only files from this package's
`assets/` folder and refuses every other URL (file:, http:, https:, data:, …). WeasyPrint is
imported inside the functions that need it, never at module import.
"""

from __future__ import annotations

import datetime as dt
import json
import mimetypes
from collections.abc import Callable, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import jinja2
from markupsafe import Markup

from dxcheck.core.model import Assessment, BenchmarkCity, Questionnaire
from dxcheck.core.roadmap import analyse
from dxcheck.core.scoring import Target
from dxcheck.io.store import WriteError, atomic_write_many
from dxcheck.report.context import build_context
from dxcheck.report.fonts import (
    ReportError,
    fallback_rule,
    japanese_font_family,
    load_weasyprint,
    mark_missing,
)
from dxcheck.report.proposals_json import proposals_document
from dxcheck.report.viewmodel import ReportContext

# The HTML report without a PDF engine is read in a browser: the Japanese faces of Windows,
# macOS and Linux, in that order, so it prints well wherever it is opened.
BROWSER_FONTS = '"BIZ UDPGothic", "Yu Gothic", "Meiryo", "Hiragino Sans", "Noto Sans JP"'

ASSETS_DIR = Path(str(resources.files("dxcheck.report") / "assets")).resolve()


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("dxcheck.report", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def _css() -> str:
    return (resources.files("dxcheck.report") / "assets" / "report.css").read_text("utf-8")


# For the PDF the charts are images served from memory (WeasyPrint lays an <img> out much
# faster than the same SVG inline); the HTML file keeps them inline, so it stands alone.
CHART_FILES = {"chart-dots.svg": "dots", "chart-gantt.svg": "gantt"}


def render_context_html(context: ReportContext, *, inline_charts: bool = True) -> str:
    template = _environment().get_template("report.html.j2")
    # The style sheet is the package's own file (never user text): it goes in unescaped,
    # or its quotes would become entities, which <style> does not decode.
    css = Markup(_css() + font_rule(context.font_family))
    return template.render(r=context, css=css, inline_charts=inline_charts)


def font_rule(family: str) -> str:
    """`html { font-family: "…", sans-serif; }` with the name stripped of CSS syntax."""
    name = "".join(ch for ch in family if ch not in '"\\<>{};\n\r')
    return f'\nhtml {{ font-family: "{name}", sans-serif; }}\n'


def chart_files(context: ReportContext) -> dict[str, bytes]:
    return {name: str(getattr(context, attr)).encode() for name, attr in CHART_FILES.items()}


def report_context(
    assessment: Assessment,
    questionnaire: Questionnaire,
    cities: Sequence[BenchmarkCity],
    target: Target,
    *,
    font_family: str | None = None,
    today: dt.date | None = None,
    baseline: Assessment | None = None,
) -> ReportContext:
    return build_context(
        assessment,
        questionnaire,
        cities,
        target,
        font_family=font_family or japanese_font_family(),
        today=today,
        baseline=baseline,
    )


def render_html(
    assessment: Assessment,
    questionnaire: Questionnaire,
    cities: Sequence[BenchmarkCity],
    target: Target,
    *,
    font_family: str | None = None,
    today: dt.date | None = None,
    baseline: Assessment | None = None,
) -> str:
    """The report as one self-contained HTML page (styles inline, charts as inline SVG)."""
    context = report_context(
        assessment,
        questionnaire,
        cities,
        target,
        font_family=font_family,
        today=today,
        baseline=baseline,
    )
    return render_context_html(context)


# ---------------------------------------------------------------- fetching: assets only


def asset_path(url: str) -> Path | None:
    """The path inside `assets/` a URL names, or None: only file: URLs inside `assets/`.

    The path need not exist (charts are served from memory under `assets/` names)."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return None
    try:
        path = Path(unquote(parts.path)).resolve()
    except (OSError, ValueError):
        return None
    if path == ASSETS_DIR or not path.is_relative_to(ASSETS_DIR):
        return None
    return path


class FetchRefused(ValueError):
    pass


def fetch_asset(url: str, memory: dict[str, bytes] | None = None) -> tuple[bytes, str]:
    """The bytes and MIME type of an asset; FetchRefused for anything else.

    Serves the generated charts (`memory`, by file name) and the files in `assets/`; every
    other URL — file: outside the folder, http:, https:, data:, … — is refused.
    """
    path = asset_path(url)
    if path is None:
        raise FetchRefused(f"dxcheck の報告書は外部の資源を読み込みません: {url[:80]}")
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if memory and path.parent == ASSETS_DIR and path.name in memory:
        return memory[path.name], mime
    if not path.is_file():
        raise FetchRefused(f"報告書の資源がありません: {path.name}")
    return path.read_bytes(), mime


def make_url_fetcher(memory: dict[str, bytes] | None = None) -> Any:
    """A WeasyPrint URL fetcher that serves the package's assets and refuses everything else."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class AssetFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: object = None) -> Any:
            body, mime = fetch_asset(url, memory)
            return URLFetcherResponse(url, body, {"Content-Type": mime})

    return AssetFetcher(allowed_protocols=("file",), allow_redirects=False)


def html_to_pdf(
    html: str,
    *,
    url_fetcher: Any = None,
    assets: dict[str, bytes] | None = None,
    fallback_text: str = "",
    on_phase: Callable[[str], None] | None = None,
) -> bytes:
    """Lay the HTML out on A4 pages and return the PDF (fonts subset and embedded), tagged.

    `fallback_text`: the text to check for glyphs the main font lacks (𠮷, emoji); only when
    there are such glyphs is a fallback face added, so ordinary reports pay nothing.
    `on_phase` hears 「レイアウト」 and 「PDF の書き出し」 as each begins (a progress line)."""
    weasyprint = load_weasyprint()

    extra = fallback_rule(fallback_text) if fallback_text else ""
    if extra:
        html = html.replace("</style>", extra + "</style>", 1)
    if fallback_text:
        html = mark_missing(html)
    if on_phase:
        on_phase("レイアウト")
    document = weasyprint.HTML(
        string=html,
        base_url=ASSETS_DIR.as_uri() + "/",
        url_fetcher=url_fetcher or make_url_fetcher(assets),
    ).render()
    if on_phase:
        on_phase(f"PDF の書き出し（{len(document.pages)} ページ）")
    # tagged PDF (PDF/UA-1): structure tags, the document title and its language (ja), so
    # screen readers and accessibility checkers can read it
    pdf = document.write_pdf(pdf_variant="pdf/ua-1")
    if not isinstance(pdf, bytes):  # pragma: no cover - write_pdf without a target returns bytes
        raise ReportError("PDF を作れませんでした")
    return pdf


def write_report(
    assessment: Assessment,
    questionnaire: Questionnaire,
    cities: Sequence[BenchmarkCity],
    target: Target,
    pdf_path: Path | None,
    html_path: Path | None = None,
    *,
    today: dt.date | None = None,
    baseline: Assessment | None = None,
    docx_path: Path | None = None,
    json_path: Path | None = None,
) -> Path | None:
    """Render the report and write it; nothing is written unless every output was made.

    With `baseline` (an earlier, already checked answer file of the same municipality) the
    report gains the 前回からの変化 chapter. With `pdf_path` None (no PDF engine on this
    machine) the other outputs are written alone: the HTML prints to PDF from a browser.

    Each file goes to a temporary file in its folder first and is renamed over the target,
    so a failure (no font, a full disk, an interrupted run) never leaves a partial report.
    Raises ReportError (no Japanese font) or dxcheck.io.store.WriteError (cannot write).
    """
    day = today or dt.date.today()
    plan = analyse(assessment, questionnaire, cities, target, today=day)
    context = build_context(
        assessment,
        questionnaire,
        cities,
        target,
        font_family=japanese_font_family() if pdf_path is not None else BROWSER_FONTS,
        today=day,
        baseline=baseline,
        plan=plan,
    )
    # every output is made before any is written: a failure leaves no partial set
    outputs: list[tuple[Path, bytes]] = []
    if pdf_path is not None:
        html = render_context_html(context, inline_charts=False)
        pdf = html_to_pdf(html, assets=chart_files(context), fallback_text=html)
        outputs.append((Path(pdf_path), pdf))
    if html_path is not None:
        outputs.append((Path(html_path), render_context_html(context).encode("utf-8")))
    if docx_path is not None:
        from dxcheck.report.report_docx import report_docx

        outputs.append((Path(docx_path), report_docx(context)))
    if json_path is not None:
        document = proposals_document(assessment, questionnaire, target, plan)
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        outputs.append((Path(json_path), text.encode("utf-8")))
    check_folders([path for path, _ in outputs])
    atomic_write_many(outputs)  # every output, or none
    return Path(pdf_path) if pdf_path is not None else None


def check_folders(paths: Sequence[Path]) -> None:
    """WriteError before anything is written when an output's folder is missing, so a set of
    outputs is written whole or not at all (each file is also written atomically)."""
    for path in paths:
        folder = path.parent if str(path.parent) else Path(".")
        if not folder.is_dir():
            raise WriteError(
                f"{path} に保存できませんでした: 保存先のフォルダがありません。"
                "ほかの出力も書き出していません"
            )
