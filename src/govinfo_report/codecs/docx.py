"""Word (format ``"docx"``): read the documents agencies file, write one in the official layout.

Reading and writing use python-docx, the optional extra ``docx``:
``python -m pip install 'govinfo-report[docx]'``; without it :func:`loads`
and :func:`dumps` raise :class:`~govinfo_report.exceptions.MissingExtraError`.

**Reading.**  The body is read in order: each paragraph is a line (a line
break inside it starts a new line), each table a grid honouring
``gridSpan`` (cells merged across columns) and ``vMerge`` (cells merged down
rows; the merged cell once, in its first row).  Lines give the title,
agency, year, preamble and the six sections; each grid row is handed to the
shared label-driven assembler (:mod:`govinfo_report.codecs._assemble`), so
labels are matched as in every other format.  A Word file is a zip archive:
the sizes it declares are checked before anything is inflated, and a zip
bomb or an oversized part is refused with a
:class:`~govinfo_report.exceptions.ParseError` naming the file
(:class:`ZipLimits`).

**Writing.**  :func:`dumps` writes the report as an agency files it: the
title, the preamble, the six sections, and tables 二, 三 and 四 in the
official layout of 国办公开办函〔2021〕30号 (SPEC §3) with its merged cells,
header rows repeated on each page and the form's note in the corner of 三;
fonts as Chinese government documents use them: the title in 方正小标宋简体
(二号), section headings in 黑体 (三号), text in 仿宋_GB2312 (三号), tables in
仿宋_GB2312 (五号), Latin text and digits in Times New Roman; where a font is
not installed, Word and LibreOffice substitute their own.  Reading the
document back gives the same report (cells as printed, blanks, markers;
absent cells are written ``[absent]``).

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import attrs

from govinfo_report.codecs._binary import ZipLimits, binary_format, open_zip
from govinfo_report.codecs._flow import read_flow
from govinfo_report.codecs._grid import FlowItem, GridCell
from govinfo_report.codecs._official_rows import written_heading, written_title
from govinfo_report.exceptions import InvalidArgument, MissingExtraError, ParseError
from govinfo_report.schema import Report

if TYPE_CHECKING:
    from docx.document import Document

__all__ = ["ZipLimits", "dumps", "loads"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MAX_SPAN = 1000
_DIGITS = re.compile(r"[0-9]+")


def _import_docx() -> Any:
    try:
        import docx
    except ImportError:
        raise MissingExtraError("Word documents", "docx") from None
    return docx


# --- reading -----------------------------------------------------------------------------


def loads(
    data: bytes,
    *,
    lenient: bool = False,
    source: str | None = None,
    limits: ZipLimits | None = None,
) -> Report:
    """Read a report from the bytes of a Word document (.docx).

    Args:
        data: The file's bytes.
        lenient: Return what can be read, with diagnostics in
            ``report.provenance.diagnostics``, instead of raising.
        source: A name for messages (usually the file name).
        limits: Bounds on the archive (:class:`ZipLimits`).

    Raises:
        MissingExtraError: when python-docx is not installed.
        ParseError: for a file that is no Word document, damaged, a zip bomb
            or too large (always), and (strict mode) for tables that cannot
            be read exactly, naming the file, line, table, row and column.
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise InvalidArgument("a Word document is read from bytes, not text")
    data = bytes(data)
    docx = _import_docx()
    limits = limits or ZipLimits()
    open_zip(data, source=source, limits=limits).close()
    if binary_format(data) != "docx":
        raise ParseError(
            "not a Word document",
            source=source,
            expected="a zip archive holding word/document.xml",
            got="another zip archive",
        )
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # any failure of the parser is a damaged file
        raise ParseError(
            "damaged Word document",
            source=source,
            expected="a well-formed .docx",
            got=f"{type(exc).__name__}: {exc}"[:200],
        ) from exc
    root = document.element
    body = root.find(f"{_W}body")
    if root.tag != f"{_W}document" or body is None:
        raise ParseError(
            "damaged Word document",
            source=source,
            expected="word/document.xml holding a w:document with a w:body",
            got=f"<{str(root.tag).rsplit('}', 1)[-1]}>"
            + ("" if body is not None else " without w:body"),
        )
    items = _join_title(list(_flow(body)))
    return read_flow(items, format="docx", source=source, lenient=lenient)


def _join_title(items: list[FlowItem]) -> list[FlowItem]:
    """The centred lines that open the document joined into one title line.

    An agency's name and the title are often centred on two lines (``淮安市人民政府`` /
    ``2024年政府信息公开工作年度报告``).
    """
    start = next((i for i, item in enumerate(items) if item.text), len(items))
    end = start
    while end < len(items) and items[end].kind == "title" and items[end].text:
        end += 1
    if end - start < 2:
        return [attrs.evolve(i, kind="prose") if i.kind == "title" else i for i in items]
    joined = FlowItem("prose", "".join(i.text for i in items[start:end]))
    rest = [attrs.evolve(i, kind="prose") if i.kind == "title" else i for i in items[end:]]
    return [*items[:start], joined, *rest]


def _flow(body: Any) -> Iterator[FlowItem]:
    """The body's paragraphs (one line each; centred ones marked ``title``) and table rows."""
    for child in body.iterchildren():
        if child.tag == f"{_W}p":
            centred = child.find(f"{_W}pPr/{_W}jc")
            kind = (
                "title" if centred is not None and centred.get(f"{_W}val") == "center" else "prose"
            )
            for line in _paragraph_text(child).split("\n"):
                yield FlowItem(kind, line.strip())
        elif child.tag == f"{_W}tbl":
            yield from _table_rows(child)
        elif child.tag == f"{_W}sdt":  # a content control: read what it holds
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _flow(content)


_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _paragraph_text(p: Any) -> str:
    """A paragraph's text as Word shows it: runs joined, ``<w:br>`` a line break, tabs a space.

    Text that a drawing repeats for older readers (``mc:Fallback``) is read once.
    """
    parts: list[str] = []
    for node in p.iter(f"{_W}t", f"{_W}br", f"{_W}cr", f"{_W}tab"):
        if any(True for _ in node.iterancestors(_FALLBACK)):
            continue
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        elif node.tag == f"{_W}tab":
            parts.append(" ")
        else:
            parts.append("\n")
    return "".join(parts)


def _int_attr(element: Any, path: str, default: int) -> int:
    """The ``w:val`` at *path*: ASCII digits, at most ``_MAX_SPAN`` (*default* if none)."""
    found = element.find(path)
    value = None if found is None else found.get(f"{_W}val")
    if value is None or not _DIGITS.fullmatch(value):
        return default
    digits = value.lstrip("0") or "0"
    return _MAX_SPAN if len(digits) > len(str(_MAX_SPAN)) else min(int(digits), _MAX_SPAN)


def _table_rows(tbl: Any) -> Iterator[FlowItem]:
    """A table's grid rows: ``gridSpan`` across, ``vMerge`` down (a merged cell once)."""
    open_cells: dict[int, GridCell] = {}  # grid column -> the cell a vMerge continues
    rows: list[list[GridCell]] = []
    for r, tr in enumerate(tbl.iterchildren(f"{_W}tr")):
        column = _int_attr(tr, f"{_W}trPr/{_W}gridBefore", 0)
        cells: list[GridCell] = []
        for tc in tr.iterchildren(f"{_W}tc"):
            span = max(_int_attr(tc, f"{_W}tcPr/{_W}gridSpan", 1), 1)
            merge = tc.find(f"{_W}tcPr/{_W}vMerge")
            restart = merge is not None and merge.get(f"{_W}val") == "restart"
            if merge is not None and not restart and column in open_cells:
                open_cells[column].rowspan += 1
            else:
                text = "\n".join(
                    line.strip()
                    for p in tc.iter(f"{_W}p")
                    for line in _paragraph_text(p).split("\n")
                    if line.strip()
                )
                cell = GridCell(r, column, 1, span, text)
                cells.append(cell)
                if merge is not None:
                    open_cells[column] = cell
                else:
                    open_cells.pop(column, None)
            column += span
        rows.append(cells)
    for cells in rows:
        text = " ".join(c.text.replace("\n", "") for c in cells)
        yield FlowItem("row", text, cells=tuple(cells))


# --- writing -----------------------------------------------------------------------------

_TITLE_FONT = ("方正小标宋简体", 22)
_HEADING_FONT = ("黑体", 16)
_BODY_FONT = ("仿宋_GB2312", 16)
_TABLE_FONT = ("仿宋_GB2312", 10.5)
_LATIN = "Times New Roman"


def _set_font(run: Any, font: tuple[str, float], *, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    name, size = font
    run.font.name = _LATIN
    run.font.size = Pt(size)
    run.font.bold = bold
    r_pr = run._element.get_or_add_rPr()  # python-docx has no East Asian font API
    fonts = r_pr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def _paragraph(document: Document, text: str, font: tuple[str, float], **kw: Any) -> Any:
    """A paragraph: centred (the title), or justified with a first-line indent of two characters."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    if kw.get("center"):
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    else:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = Pt(2 * font[1])
    if text:
        _set_font(paragraph.add_run(text), font, bold=kw.get("bold", False))
    return paragraph


def _official_rows(report: Report, table: str) -> list[list[Any]]:
    # the official layout of SPEC §3, shared with the HTML writer
    from govinfo_report.codecs._html_write import WRITERS

    return WRITERS[table](report)


def _write_table(document: Document, report: Report, table: str) -> None:
    """Table *table* in the official layout: ``gridSpan`` across, ``vMerge`` down."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.table import _Cell

    from govinfo_report.codecs._html_grid import grid_layout

    rows = _official_rows(report, table)
    placed = list(grid_layout([[(c.rowspan, c.colspan) for c in row] for row in rows]))
    width = max(c + cs for _, c, _, cs in placed)
    height = max(r + rs for r, _, rs, _ in placed)
    grid = document.add_table(rows=height, cols=width)
    grid.style = "Table Grid"
    starts = {
        (r, c): (rs, cs, out)
        for (r, c, rs, cs), out in zip(placed, (cell for row in rows for cell in row), strict=True)
    }
    below: dict[tuple[int, int], int] = {}  # (row, column) continued by a vMerge -> colspan
    for (r, c), (rowspan, colspan, _) in starts.items():
        for dr in range(1, rowspan):
            below[(r + dr, c)] = colspan

    def merge_props(tc: Any, colspan: int, merge: str | None) -> None:
        tc_pr = tc.get_or_add_tcPr()
        if colspan > 1:
            span = OxmlElement("w:gridSpan")
            span.set(qn("w:val"), str(colspan))
            tc_pr.append(span)
        if merge is not None:
            vmerge = OxmlElement("w:vMerge")
            if merge == "restart":
                vmerge.set(qn("w:val"), "restart")
            tc_pr.append(vmerge)

    for r, row in enumerate(grid.rows):
        tcs = list(row._tr.tc_lst)  # python-docx has no API for spans that are not merges
        c = 0
        while c < width:
            tc = tcs[c]
            if (r, c) in starts:
                rowspan, colspan, out = starts[(r, c)]
                merge_props(tc, colspan, "restart" if rowspan > 1 else None)
                cell = _Cell(tc, grid)
                for index, line in enumerate(out.text.split("\n")):
                    paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
                    if line:
                        _set_font(paragraph.add_run(line), _TABLE_FONT)
            else:  # a position under a cell merged down
                colspan = below[(r, c)]
                merge_props(tc, colspan, "continue")
            for covered in tcs[c + 1 : c + colspan]:
                row._tr.remove(covered)
            c += colspan
    _set_widths(grid, _WIDTHS[table])
    headers = {"t2": 0, "t3": 3, "t4": 3}[table]
    for tr in grid.rows[:headers]:
        tr_pr = tr._tr.get_or_add_trPr()  # python-docx has no repeat-header API
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        tr_pr.append(repeat)


_WIDTHS = {  # grid column widths in cm: wide label columns, values that never wrap
    "t2": (5.2,) + (3.55,) * 3,
    "t3": (0.9, 1.5, 4.0) + (1.35,) * 7,
    "t4": (1.05,) * 15,
}


def _set_widths(grid: Any, widths: tuple[float, ...]) -> None:
    """Fix the grid columns' widths and each cell's (the sum over its span), as Word needs both."""
    from docx.oxml.ns import qn
    from docx.shared import Cm

    twips = [int(Cm(w).twips) for w in widths]
    grid.autofit = False
    for col, width in zip(grid._tbl.tblGrid.gridCol_lst, twips, strict=True):
        col.set(qn("w:w"), str(width))
    for tr in grid._tbl.tr_lst:
        column = 0
        for tc in tr.tc_lst:
            span = tc.grid_span
            tc_w = tc.get_or_add_tcPr().get_or_add_tcW()
            tc_w.set(qn("w:w"), str(sum(twips[column : column + span])))
            tc_w.set(qn("w:type"), "dxa")
            column += span


def dumps(report: Report) -> bytes:
    """Write *report* as a Word document (.docx) in the official layout.

    >>> import govinfo_report as gr
    >>> data = dumps(gr.Report.from_cells({"t3.new_received.total": 26}))
    >>> data[:2], loads(data, lenient=True).t3.new_received.total
    (b'PK', Cell(26))

    Raises:
        MissingExtraError: when python-docx is not installed.
    """
    docx = _import_docx()
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = _LATIN
    title = written_title(report.meta)
    if title is not None:
        _paragraph(document, title, _TITLE_FONT, center=True)
    for line in report.meta.preamble.split("\n") if report.meta.preamble else ():
        _paragraph(document, line, _BODY_FONT)
    tables = {2: "t2", 3: "t3", 4: "t4"}
    for section in report.sections:
        heading = written_heading(section)
        if heading is not None:
            _paragraph(document, heading, _HEADING_FONT)
        for line in section.text.split("\n") if section.text else ():
            _paragraph(document, line, _BODY_FONT)
        table = tables.get(section.number)
        if table is not None and getattr(report, table).present:
            _write_table(document, report, table)
    properties = document.core_properties
    properties.title = title or ""
    properties.author = properties.last_modified_by = "govinfo-report"
    properties.created = properties.modified = _EPOCH
    properties.revision = 1
    out = io.BytesIO()
    document.save(out)
    return _fixed_dates(out.getvalue())


_EPOCH = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


def _fixed_dates(data: bytes) -> bytes:
    """The archive with every part dated 1980-01-01, so the same report gives the same bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            part = zipfile.ZipInfo(info.filename)
            part.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(part, source.read(info))
    return out.getvalue()
