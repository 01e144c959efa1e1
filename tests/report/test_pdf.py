"""The full report as a PDF: what it says, how long it is, and that its fonts are inside it."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.report.conftest import LONG_NOTE, Rendered

pytestmark = pytest.mark.slow


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_command_succeeded_and_wrote_both_files(rendered: Rendered) -> None:
    assert rendered.exit_code == 0
    assert rendered.pdf.read_bytes().startswith(b"%PDF-")
    assert rendered.html_text.startswith("<!DOCTYPE html>")
    # nothing half-written is left beside the outputs
    assert sorted(p.name for p in rendered.pdf.parent.iterdir()) == [
        "answers.toml",
        "r.html",
        "r.pdf",
    ]


def test_municipality_every_area_and_every_city_appear(rendered: Rendered) -> None:
    text = rendered.flat_text
    assert flat(rendered.assessment.municipality.name) in text
    for area in rendered.questionnaire.areas:
        assert flat(area.name) in text, area.name
    for city in rendered.cities:
        assert flat(city.name) in text, city.name
        assert flat(city.plan_title) in text, city.plan_title


def test_sections_and_sentences_are_there(rendered: Rendered) -> None:
    text = rendered.flat_text
    for heading in (
        "目次",
        "1要約",
        "2全体の比較",
        "3分野別の現状と提案",
        "4ロードマップ",
        "に着手",
        "図2年度別のロードマップ",
        "比較の確かさ",
        "優先して取り組むこと",
        "付録A評価の方法",
        "付録B出典",
        "付録C未回答・「わからない」の質問",
    ):
        assert heading in text, heading
    assert "総合スコアは" in text
    assert "第4.0版" in text


def test_page_count_is_sane_and_pages_are_numbered(rendered: Rendered) -> None:
    reader = PdfReader(rendered.pdf)
    pages = len(reader.pages)
    assert 8 <= pages <= 60
    last = reader.pages[-1].extract_text() or ""
    assert f"{pages} / {pages}" in last


def test_table_of_contents_carries_page_numbers(rendered: Rendered) -> None:
    reader = PdfReader(rendered.pdf)
    toc = reader.pages[1].extract_text() or ""
    assert "目次" in toc
    # one right-aligned page number per entry: 7 chapters and appendices, every area, and the
    # appendices of further proposals (D) and of marked measures (E) when there are any
    numbers = [int(n) for n in re.findall(r"^(\d+)$", toc, re.MULTILINE)]
    optional = sum(1 for x in ("付録D", "付録E") if x in toc)
    assert len(numbers) == 7 + optional + len(rendered.questionnaire.areas), toc
    assert numbers == sorted(numbers) and numbers[0] >= 3 and numbers[-1] <= len(reader.pages)


def test_fonts_are_embedded_and_japanese(rendered: Rendered) -> None:
    reader = PdfReader(rendered.pdf)
    names: set[str] = set()
    embedded: set[str] = set()
    for page in reader.pages:
        resources = page["/Resources"].get_object()
        assert isinstance(resources, dict)
        fonts = resources.get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            for desc_font in font.get("/DescendantFonts", [font]):
                d = desc_font.get_object()
                descriptor = d.get("/FontDescriptor")
                name = str(d.get("/BaseFont", font.get("/BaseFont")))
                names.add(name)
                if descriptor is not None and any(
                    k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")
                ):
                    embedded.add(name)
    assert names and names == embedded, (names, embedded)
    assert any(re.search(r"BIZ|IPA|Noto.*CJK|Gothic", n, re.IGNORECASE) for n in names), names


def test_size_is_under_one_megabyte(rendered: Rendered) -> None:
    assert rendered.pdf.stat().st_size < 1_000_000


def test_long_note_is_printed_whole(rendered: Rendered) -> None:
    text = rendered.flat_text
    assert "長文メモ開始" in text and "長文メモ終了" in text
    # the note runs across a page break: the running header may cut one phrase in two
    assert (
        text.count("庁内の調整状況を記録する。")
        >= LONG_NOTE.count("庁内の調整状況を記録する。") - 2
    )


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_pages_render_to_images(rendered: Rendered, tmp_path: Path) -> None:
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "30",
            "-f",
            "1",
            "-l",
            "3",
            str(rendered.pdf),
            str(tmp_path / "p"),
        ],
        capture_output=True,
        check=True,
    )
    pngs = sorted(tmp_path.glob("p-*.png"))
    assert len(pngs) == 3 and all(p.read_bytes().startswith(b"\x89PNG") for p in pngs)


def test_pdf_is_tagged_with_title_and_language(rendered: Rendered) -> None:
    reader = PdfReader(rendered.pdf)
    root = reader.trailer["/Root"].get_object()
    assert isinstance(root, dict)
    assert bool(root["/MarkInfo"].get_object()["/Marked"])
    assert "/StructTreeRoot" in root
    assert str(root["/Lang"]).lower().startswith("ja")
    assert reader.metadata is not None and "現状分析・改善提案報告書" in (
        reader.metadata.title or ""
    )


def test_body_text_is_at_least_10pt_and_evidence_is_not_light_grey() -> None:
    from dxcheck.report.render import _css

    css = _css()
    body = css[css.index("html { font-size") :]
    assert "html { font-size: 10pt;" in body
    for rule in (".qc {", ".measure p", ".rk {", ".qn {"):
        start = body.index(rule)
        block = body[start : body.index("}", start)]
        if "font-size" in block:
            size = float(block.split("font-size:")[1].split("pt")[0])
            assert size >= 10, rule
        assert "#5f6b7a" not in block and "#777" not in block, rule
