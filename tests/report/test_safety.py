"""User text is text: never markup, never a template, never a fetch (docs/design.md §8)."""

from __future__ import annotations

import re

import pytest

from dxcheck.core.scoring import Target
from dxcheck.report.render import ASSETS_DIR, FetchRefused, fetch_asset, render_html
from tests.report import synthetic
from tests.report.conftest import (
    EVIL_IMG,
    EVIL_SCRIPT,
    EVIL_TEMPLATE,
    Rendered,
    hostile_assessment,
)

Q = synthetic.questionnaire()
CITIES = synthetic.cities(Q)


def html_for(name: str = "美郷町") -> str:
    a = hostile_assessment(Q)
    a.municipality.name = name
    return render_html(a, Q, CITIES, Target(), font_family="BIZ UDPGothic")


def test_notes_and_names_are_escaped_in_html() -> None:
    html = html_for(name='<img src="file:///etc/hostname">町')
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "&lt;img src=&#34;file:///etc/hostname&#34;&gt;町" in html
    assert "山田 &lt;b&gt;太郎&lt;/b&gt;" in html
    assert "<script" not in html
    assert not re.search(r"<img[^>]*file:", html)


def test_template_syntax_in_user_text_stays_literal() -> None:
    html = html_for(name="{{ 7*7 }}町")
    assert "{{ 7*7 }}町" in html
    assert EVIL_TEMPLATE in html
    assert "総務課 {{ config }}" in html
    assert "49町" not in html


def test_chart_text_is_escaped_too() -> None:
    html = html_for(name="<svg onload=alert(1)>町")
    # the radar's legend and the bars' labels carry the municipality name
    assert "<svg onload" not in html
    assert "&lt;svg onload=alert(1)&gt;町" in html


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://example.com/x.png",
        "https://example.com/x.css",
        "data:text/plain,hello",
        "ftp://example.com/x",
        (ASSETS_DIR / ".." / "render.py").as_uri(),
        ASSETS_DIR.as_uri() + "/../../__init__.py",
        ASSETS_DIR.as_uri(),
        "file://otherhost" + str(ASSETS_DIR / "report.css"),
        "report.css",
    ],
)
def test_fetcher_refuses_everything_but_package_assets(url: str) -> None:
    with pytest.raises(FetchRefused):
        fetch_asset(url, {"chart-radar.svg": b"<svg/>"})


def test_fetcher_serves_charts_from_memory_and_packaged_assets() -> None:
    body, mime = fetch_asset(ASSETS_DIR.as_uri() + "/chart-radar.svg", {"chart-radar.svg": b"<s>"})
    assert (body, mime) == (b"<s>", "image/svg+xml")
    css, mime = fetch_asset((ASSETS_DIR / "report.css").as_uri())
    assert b"@page" in css and mime == "text/css"


@pytest.mark.slow
def test_pdf_shows_hostile_text_as_text_and_fetched_nothing_else(rendered: Rendered) -> None:
    text = rendered.flat_text
    for literal in (EVIL_IMG, EVIL_SCRIPT, "{{7*7}}", "{%raw%}"):
        assert re.sub(r"\s+", "", literal) in text, literal
    assert "root:x:0:0" not in text and "root:x:0:0" not in rendered.html_text
    # WeasyPrint asked only for the two charts, both under the package's assets folder
    assert rendered.fetched, "the charts are served through the fetcher"
    assert all(u.startswith(ASSETS_DIR.as_uri() + "/chart-") for u in rendered.fetched)


@pytest.mark.slow
def test_html_file_is_self_contained_and_escaped(rendered: Rendered) -> None:
    html = rendered.html_text
    assert "<svg" in html  # charts inline, nothing to fetch
    assert not re.search(r"""(src|href)=["'](?!#)""", html)
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html
