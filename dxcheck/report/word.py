"""Small helpers over python-docx for the editable Word outputs (`report --docx`, `plan`).

Headings use Word's own 見出し styles (Heading 1–3), so the officer can restyle, reorder and
navigate the document; body text is set in the report's Japanese font. Text is cleaned of
characters XML cannot hold (control characters in a pasted note), never interpreted.
python-docx is imported inside the functions that use it, so other commands never load it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any

_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def new_document(title: str, font_family: str, *, language: str = "ja-JP") -> Any:
    """An A4 document whose Normal and heading styles use the Japanese font."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(20))
    section.top_margin, section.bottom_margin = Mm(20), Mm(18)
    for name in (
        "Normal",
        "Title",
        "Heading 1",
        "Heading 2",
        "Heading 3",
        "Heading 4",
        "Table Grid",
    ):
        style = doc.styles[name]
        style.font.name = font_family
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), font_family)
        fonts.set(qn("w:ascii"), font_family)
        fonts.set(qn("w:hAnsi"), font_family)
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = rpr.makeelement(qn("w:lang"), {})
            rpr.append(lang)
        lang.set(qn("w:eastAsia"), language)
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.core_properties.title = clean(title)
    doc.core_properties.language = language
    return doc


def heading(doc: Any, text: str, level: int) -> None:
    doc.add_heading(clean(text), level=level)


def para(doc: Any, text: str, *, size: float | None = None, style: str | None = None) -> Any:
    from docx.shared import Pt

    p = doc.add_paragraph(clean(text), style=style)
    if size is not None:
        for run in p.runs:
            run.font.size = Pt(size)
    return p


def table(
    doc: Any,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    widths_mm: Sequence[float] | None = None,
    size: float = 9,
) -> Any:
    """A bordered table with a repeated header row; cells are plain text."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    t = doc.add_table(rows=1 + len(rows), cols=len(header))
    t.style = doc.styles["Table Grid"]
    t.autofit = widths_mm is None
    if widths_mm is not None:
        # the grid's column widths too: LibreOffice lays tables out from them, Word from cells
        for column, width in zip(t.columns, widths_mm, strict=True):
            column.width = Mm(width)
    all_rows = [list(header), *[list(r) for r in rows]]
    for r, (row, values) in enumerate(zip(t.rows, all_rows, strict=True)):
        cells = row.cells
        for c, value in enumerate(values):
            cell = cells[c]
            cell.text = clean(value)
            for p in cell.paragraphs:
                for run in p.runs:
                    run.font.size = Pt(size)
            if widths_mm is not None:
                cell.width = Mm(widths_mm[c])
        if r == 0:
            trpr = row._tr.get_or_add_trPr()
            flag = OxmlElement("w:tblHeader")
            flag.set(qn("w:val"), "true")
            trpr.append(flag)
    return t


def to_bytes(doc: Any) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
