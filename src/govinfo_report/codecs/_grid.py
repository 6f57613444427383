"""A document read as a flow of prose lines and table grid rows (PDF, Word).

A reader that sees a document's layout (PDF rules and words, Word
paragraphs and tables) turns it into :class:`FlowItem` objects in reading
order: prose lines, table rows whose printed cells sit in the grid
(:class:`GridCell`, a merged cell once, in the first row it covers, as the
HTML reader does with ``rowspan``), and pictures.  :func:`read_flow` numbers
them as the lines of the document, cuts them at the section headings, hands
each table row's cells to the shared label-driven assembler as tokens (a
row end after each grid row) and keeps, for every cell read, where it was
printed (:class:`~govinfo_report.schema.CellOrigin`).
:func:`join_across_break` mends a label or a row cut in two by a page break.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from govinfo_report.codecs._assemble import Assembler, Token, TokenKind, read_outline
from govinfo_report.codecs._problems import TABLE_NUMBERS
from govinfo_report.codecs._sections import Line, SectionSlice, split_sections
from govinfo_report.exceptions import ParseError
from govinfo_report.schema import (
    FORMAT_2021,
    CellOrigin,
    CellSpec,
    Diagnostic,
    Provenance,
    Report,
    Severity,
    match_key,
)

__all__ = [
    "FlowItem",
    "GridCell",
    "is_label",
    "join_across_break",
    "read_flow",
    "spans_from_edges",
]

_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


@attrs.define
class GridCell:
    """One printed cell placed in its table's grid.

    Attributes:
        row: 0-based grid row of its top-left corner.
        column: 0-based grid column of its top-left corner.
        rowspan: Rows it covers (at least 1).
        colspan: Columns it covers (at least 1).
        text: Its text, lines joined with ``"\\n"``.
        page: 1-based page (PDF), when known.
        box: ``(x0, top, x1, bottom)`` on the page in PDF points, when known.
    """

    row: int
    column: int
    rowspan: int
    colspan: int
    text: str
    page: int | None = None
    box: tuple[float, float, float, float] | None = None


@functools.cache
def _label_keys() -> frozenset[str]:
    """The matching keys of every label the form prints (rows, groups, headers, note)."""
    keys = {match_key(_NOTE), match_key("信息内容"), match_key("法人或其他组织")}
    for table in FORMAT_2021.tables:
        keys.add(match_key(table.title))
        for row in table.rows:
            keys.add(match_key(row.label))
            keys.update(match_key(g) for g in row.groups)
            for column in row.columns:
                keys.add(match_key(column.label))
                keys.update(match_key(g) for g in column.groups)
    keys.discard("")
    return frozenset(keys)


def is_label(text: str) -> bool:
    """Whether *text* is one of the form's labels (compared by :func:`match_key`)."""
    return match_key(text) in _label_keys()


def _label_prefix(key: str) -> bool:
    return any(label.startswith(key) for label in _label_keys())


def join_across_break(
    before: Sequence[GridCell], last_row: int, after: Sequence[GridCell]
) -> set[int]:
    """Mend what a page break cut in two; return the indexes of the cells of *after* used up.

    *before* are the cells that touch the bottom of a table at the end of a
    page (grid row *last_row* is its last), *after* the cells of the first
    row of its continuation on the next page (below its repeated header).
    A cell of *after* that stands under a cell of *before* (their boxes
    overlap horizontally) continues it when neither is a label of the form
    by itself but their texts together are one, or the start of one
    (``（四）无`` / ``法提供``): its text joins the cell before the break.
    When the continued label is the row's own (the row itself was broken,
    ``2.其他法律行政法规`` / ``禁止公开``: no cell of *after* is a label by
    itself), the whole row is one: every cell
    of *after* joins the cell above it, and empty continuations of merged
    cells are dropped.
    """
    pairs = [
        (index, cell, above)
        for index, cell in enumerate(after)
        if cell.box is not None
        for above in before
        if above.box is not None and _overlap(above.box, cell.box)
    ]
    continued = {index for index, cell, above in pairs if _continues(above.text, cell.text)}
    split_row = any(
        above.row == last_row for index, _, above in pairs if index in continued
    ) and not any(is_label(cell.text) for cell in after)
    used: set[int] = set()
    for index, cell, above in pairs:
        if index in used:
            continue
        if index in continued or (split_row and (above.row == last_row or not cell.text.strip())):
            if cell.text.strip():
                above.text = f"{above.text}\n{cell.text}" if above.text.strip() else cell.text
            used.add(index)
    return used


def _continues(text: str, more: str) -> bool:
    """Whether *more* continues *text*: together a label (or its start), neither one alone."""
    a, b = match_key(text), match_key(more)
    if not a or not b or a in _label_keys() or b in _label_keys():
        return False
    return _label_prefix(a + b)


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    width = min(a[2], b[2]) - max(a[0], b[0])
    return width > 0.5 * min(a[2] - a[0], b[2] - b[0])


def spans_from_edges(
    boxes: Iterable[tuple[float, float, float, float]], *, tolerance: float = 2.0
) -> list[tuple[int, int, int, int]]:
    """``(row, column, rowspan, colspan)`` of each box, from the box edges of the whole table.

    Edges closer than *tolerance* points are one grid line.
    """
    boxes = list(boxes)
    xs = _lines([b[0] for b in boxes] + [b[2] for b in boxes], tolerance)
    ys = _lines([b[1] for b in boxes] + [b[3] for b in boxes], tolerance)
    out = []
    for x0, top, x1, bottom in boxes:
        column, end_column = _index(xs, x0), _index(xs, x1)
        row, end_row = _index(ys, top), _index(ys, bottom)
        out.append((row, column, max(end_row - row, 1), max(end_column - column, 1)))
    return out


def _lines(values: list[float], tolerance: float) -> list[float]:
    lines: list[float] = []
    for value in sorted(values):
        if not lines or value - lines[-1] > tolerance:
            lines.append(value)
    return lines


def _index(lines: list[float], value: float) -> int:
    return min(range(len(lines)), key=lambda i: abs(lines[i] - value))


@attrs.frozen
class FlowItem:
    """One line of a document read from its layout.

    Attributes:
        kind: ``"prose"`` (a line of text), ``"row"`` (a grid row of a
            table) or ``"image"`` (a picture large enough to hold a table).
        text: The line's text (prose), or the row's cells joined by spaces.
        page: 1-based page, when known.
        box: Where it stands on the page, ``(x0, top, x1, bottom)``.
        cells: The cells of a table row that start in this row.
    """

    kind: str
    text: str = ""
    page: int | None = None
    box: tuple[float, float, float, float] | None = None
    cells: tuple[GridCell, ...] = ()


class _Recorder(Assembler):
    """The shared assembler, remembering which token gave each cell."""

    def __init__(self, *, source: str | None, lenient: bool) -> None:
        super().__init__(source=source, lenient=lenient)
        self.tokens: dict[str, Token] = {}

    def _assign(self, row: Any, values: Sequence[Token]) -> None:
        super()._assign(row, values)
        for spec, token in zip(row.specs, values, strict=False):
            self.tokens.setdefault(spec.path, token)

    def _set(self, spec: CellSpec, token: Token, row_label: str) -> None:
        super()._set(spec, token, row_label)
        self.tokens.setdefault(spec.path, token)


_EXPECTED = {2: "t2", 3: "t3", 4: "t4"}


def read_flow(
    items: Sequence[FlowItem],
    *,
    format: str,
    source: str | None,
    lenient: bool,
    where: str = "page",
) -> Report:
    """Read a report from a document's flow of prose lines, table rows and pictures.

    Line numbers in messages count the items of the flow (a table row is
    one line).  A section that should hold a table but holds a picture and
    no table text is reported as a table printed as an image, naming the
    page (strict: :class:`~govinfo_report.exceptions.ParseError`; lenient:
    an error diagnostic ``table_image``, the table's cells absent).

    Args:
        items: The flow, in reading order.
        format: The reader's name, for the provenance.
        source: A name for messages.
        lenient: Diagnostics instead of errors.
        where: How messages name an item's place (``"page"``).
    """
    lines: list[Line] = []
    rows: set[int] = set()
    for number, item in enumerate(items, start=1):
        lines.append(Line(item.text if item.kind != "image" else "", number))
        if item.kind == "row":
            rows.add(number)
    outline = split_sections(lines, skip=rows)
    recorder = _Recorder(source=source, lenient=lenient)
    images = _image_tables(items, outline.sections, rows)
    for table, item_number in images.items():
        page = items[item_number - 1].page
        recorder.report(
            f"table {TABLE_NUMBERS[table]} is printed as an image (no text where it stands"
            + (f" on {where} {page}" if page is not None else "")
            + "); its cells cannot be read and are absent",
            code="table_image",
            line=item_number,
            table=table,
            expected="the table as text",
            got="an image",
            severity=Severity.ERROR,
        )
    origins: dict[int, FlowItem | GridCell] = {}

    def tokenize(region_lines: Sequence[Line], region: int) -> list[Token]:
        tokens: list[Token] = []
        for line in region_lines:
            item = items[line.number - 1]
            if item.kind == "row":
                for cell in item.cells:
                    token = Token(cell.text, line.number)
                    origins[id(token)] = cell
                    tokens.append(token)
                tokens.append(Token("", line.number, TokenKind.ROW_END))
            elif item.kind == "prose" and region in _EXPECTED:
                for word in line.text.split():
                    token = Token(word, line.number)
                    origins[id(token)] = item
                    tokens.append(token)
        return tokens

    try:
        report = read_outline(
            outline, tokenize, format=format, source=source, lenient=lenient, assembler=recorder
        )
    except ParseError as exc:
        raise _error_on_page(exc, items, where) from None
    cells: dict[str, CellOrigin] = {}
    for path, token in recorder.tokens.items():
        origin = origins.get(id(token))
        if origin is not None:
            cells[path] = CellOrigin(line=token.line, page=origin.page, box=origin.box)
    base = report.provenance or Provenance(source=source, format=format)
    diagnostics = tuple(
        _on_page(d, items, where)
        for d in base.diagnostics
        if not (d.code == "table_missing" and _about(d, images))
    )
    provenance = attrs.evolve(base, cells=cells, diagnostics=diagnostics)
    return attrs.evolve(report, provenance=provenance)


def _about(diagnostic: Diagnostic, tables: Iterable[str]) -> bool:
    return any(f"table {TABLE_NUMBERS[t]}" in diagnostic.message for t in tables)


def _on_page(diagnostic: Diagnostic, items: Sequence[FlowItem], where: str) -> Diagnostic:
    """The diagnostic with the page of its line in front of its message."""
    line = diagnostic.line
    if line is None or not 1 <= line <= len(items):
        return diagnostic
    page = items[line - 1].page
    if page is None or f"{where} {page}" in diagnostic.message:
        return diagnostic
    return attrs.evolve(diagnostic, message=f"{where} {page}: {diagnostic.message}")


def _error_on_page(error: ParseError, items: Sequence[FlowItem], where: str) -> ParseError:
    """*error* with the page of its line in front of its description."""
    line = error.line
    page = items[line - 1].page if line is not None and 1 <= line <= len(items) else None
    if page is None:
        return error
    return ParseError(
        f"{where} {page}: {error.detail}",
        source=error.source,
        line=error.line,
        table=error.table,
        row=error.row,
        column=error.column,
        path=error.path,
        expected=error.expected,
        got=error.got,
    )


def _image_tables(
    items: Sequence[FlowItem], sections: Sequence[SectionSlice], rows: set[int]
) -> dict[str, int]:
    """Tables whose section holds a picture and neither a table row nor a row of numbers."""
    found: dict[str, int] = {}
    for section in sections:
        table = _EXPECTED.get(section.number)
        if table is None:
            continue
        body = section.body
        numbers = [line.number for line in body]
        if any(n in rows for n in numbers) or any(
            sum(w.isdigit() for w in line.text.split()) >= 3 for line in body
        ):
            continue
        image = next((n for n in numbers if items[n - 1].kind == "image"), None)
        if image is not None:
            found[table] = image
    return found
