"""PDFs whose truth is known: a report drawn in the official layout with reportlab.

The tests need PDFs with the noise of real ones: labels wrapping inside
narrow cells, table 三 broken across a page with its header rows repeated,
page numbers ``- N -``, a running head from the second page on, and
optionally tables without rules or a table printed as a picture.  Text
is set in reportlab's CID font STSong-Light (Adobe-GB1; not embedded, its
text layer is what the reader reads).
"""

from __future__ import annotations

import io
from typing import Any

from govinfo_report.codecs._html_grid import grid_layout
from govinfo_report.codecs._html_write import WRITERS
from govinfo_report.codecs._official_rows import written_heading, written_title
from govinfo_report.schema import Report

FONT = "STSong-Light"


def _styles() -> dict[str, Any]:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    base = {"fontName": FONT, "wordWrap": "CJK"}
    return {
        "title": ParagraphStyle("title", fontSize=20, leading=30, alignment=1, **base),
        "heading": ParagraphStyle("heading", fontSize=15, leading=26, **base),
        "body": ParagraphStyle("body", fontSize=13, leading=22, firstLineIndent=26, **base),
        "cell": ParagraphStyle("cell", fontSize=8, leading=10, **base),
    }


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _table(
    report: Report,
    key: str,
    styles: dict[str, Any],
    width: float,
    *,
    rules: bool | str,
    open_columns: frozenset[int] = frozenset(),
) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    rows = WRITERS[key](report)
    placed = list(grid_layout([[(c.rowspan, c.colspan) for c in row] for row in rows]))
    columns = max(c + cs for _, c, _, cs in placed)
    height = max(r + rs for r, _, rs, _ in placed)
    grid: list[list[Any]] = [[""] * columns for _ in range(height)]
    commands: list[Any] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONTNAME", (0, 0), (-1, -1), FONT),
    ]
    if rules == "inner":  # no outer box, as some exports draw it
        commands.append(("INNERGRID", (0, 0), (-1, -1), 0.6, colors.black))
    elif rules and not open_columns:
        commands.append(("GRID", (0, 0), (-1, -1), 0.6, colors.black))
    elif rules:  # every rule but the vertical ones after the open columns
        commands += [
            ("BOX", (0, 0), (-1, -1), 0.6, colors.black),
            ("LINEBELOW", (0, 0), (-1, -1), 0.6, colors.black),
        ]
        commands += [
            ("LINEAFTER", (c, 0), (c, -1), 0.6, colors.black)
            for c in range(columns - 1)
            if c not in open_columns
        ]
    flat = [cell for row in rows for cell in row]
    for (r, c, rowspan, colspan), out in zip(placed, flat, strict=True):
        grid[r][c] = Paragraph(_escape(out.text).replace("\n", "<br/>"), styles["cell"])
        if rowspan > 1 or colspan > 1:
            commands.append(("SPAN", (c, r), (c + colspan - 1, r + rowspan - 1)))
    if key == "t3":  # narrow label columns: the long labels wrap inside their cells
        label = [0.05, 0.09, 0.2]
        widths = [width * f for f in label] + [width * (1 - sum(label)) / 7] * 7
    else:
        widths = [width / columns] * columns
    header_rows = {"t2": 0, "t3": 3, "t4": 3}[key]
    table = Table(grid, colWidths=widths, repeatRows=header_rows)
    table.setStyle(TableStyle(commands))
    return table


def _picture(width: float) -> Any:
    """A table printed as a picture: ruled boxes, no text layer."""
    from PIL import Image, ImageDraw
    from reportlab.platypus import Image as Flowable

    image = Image.new("RGB", (600, 300), "white")
    draw = ImageDraw.Draw(image)
    for y in range(0, 300, 30):
        draw.line([(0, y), (599, y)], fill="black")
    for x in range(0, 600, 60):
        draw.line([(x, 0), (x, 299)], fill="black")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    buffer.seek(0)
    return Flowable(buffer, width=width, height=width / 2)


def _lines(text: str, style: Any) -> list[Any]:
    from reportlab.platypus import Paragraph

    return [Paragraph(_escape(line), style) for line in text.split("\n")] if text else []


def make_pdf(
    report: Report,
    *,
    image_tables: frozenset[str] = frozenset(),
    rules: bool | str = True,
    open_columns: frozenset[int] = frozenset(),
    compress: bool = True,
) -> bytes:
    """Draw *report* as a PDF: title, sections, the three tables in the official layout.

    Args:
        report: The report to draw.
        image_tables: Tables (``"t2"``, ``"t3"``, ``"t4"``) printed as a
            picture without text instead of as a table.
        rules: Whether the tables are ruled (``"inner"``: ruled inside,
            without the outer box); without rules only the alignment of the
            words shows the rows and columns.
        open_columns: Grid columns of table 三 whose vertical rule on the
            right is missing (two value cells of a row in one ruled box).
        compress: Whether content streams are compressed (uncompressed,
            their operators and numbers are bytes of the file).

    The same arguments give the same bytes (no date or random id is written).
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    styles = _styles()
    out = io.BytesIO()
    margin = 60.0
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=50,
        bottomMargin=50,
        invariant=True,
        pageCompression=compress,
    )
    width = A4[0] - 2 * margin
    story: list[Any] = []
    title = written_title(report.meta)
    if title:
        story.append(Paragraph(_escape(title), styles["title"]))
    story += _lines(report.meta.preamble, styles["body"])
    tables = {2: "t2", 3: "t3", 4: "t4"}
    for section in report.sections:
        heading = written_heading(section)
        if heading:
            story.append(Paragraph(_escape(heading), styles["heading"]))
        story += _lines(section.text, styles["body"])
        key = tables.get(section.number)
        if key is not None and getattr(report, key).present:
            story.append(Spacer(1, 6))
            if key in image_tables:
                story.append(_picture(width))
            else:
                story.append(
                    _table(
                        report,
                        key,
                        styles,
                        width,
                        rules=rules,
                        open_columns=open_columns if key == "t3" else frozenset(),
                    )
                )
            story.append(Spacer(1, 6))

    def page_number(canvas: Any, document: Any) -> None:
        canvas.setFont(FONT, 10)
        canvas.drawCentredString(A4[0] / 2, 25, f"- {document.page} -")

    def running_head(canvas: Any, document: Any) -> None:
        page_number(canvas, document)
        canvas.drawString(margin, A4[1] - 30, "政府信息公开工作年度报告")

    doc.build(story, onFirstPage=page_number, onLaterPages=running_head)
    return out.getvalue()
