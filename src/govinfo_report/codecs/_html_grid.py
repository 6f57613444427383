"""An HTML table as a grid of cells (``rowspan``/``colspan`` honoured), and the grid as tokens.

A table laid out exactly as the official form (SPEC §3) also tells which
of its cells are values: those become value tokens
(:attr:`~govinfo_report.codecs._tokens.TokenKind.VALUE`) for the assembler.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bs4 import Tag

import attrs

from govinfo_report.codecs._html_text import as_tag, cell_text
from govinfo_report.codecs._html_write import WRITERS
from govinfo_report.codecs._tokens import Token, TokenKind
from govinfo_report.schema import Report

__all__ = ["GridCell", "grid_layout", "grid_tokens", "table_grid", "value_cells"]

_MAX_SPAN = 1000


@attrs.frozen
class GridCell:
    """One ``<td>``/``<th>`` placed in its table's grid.

    Attributes:
        row: 0-based grid row of its top-left corner.
        column: 0-based grid column of its top-left corner.
        rowspan: Rows it covers (at least 1).
        colspan: Columns it covers (at least 1).
        text: Its text as a browser shows it (see the module docstring).
        line: Its 1-based line in the source, when known.
    """

    row: int
    column: int
    rowspan: int
    colspan: int
    text: str
    line: int | None = None


def _span(tag: Tag, name: str) -> int:
    value = tag.get(name)
    if not isinstance(value, str):
        return 1
    digits = value.strip()
    if not (digits.isascii() and digits.isdigit()):
        return 1
    if len(digits) > len(str(_MAX_SPAN)):
        return _MAX_SPAN
    return min(max(int(digits), 1), _MAX_SPAN)


def _rows(table: Tag) -> Iterator[Tag]:
    """The ``<tr>`` of *table* itself (not of nested tables), in order."""
    for child in table.children:
        tag = as_tag(child)
        if tag is None:
            continue
        if tag.name == "tr":
            yield tag
        elif tag.name in ("thead", "tbody", "tfoot"):
            for row in tag.children:
                row_tag = as_tag(row)
                if row_tag is not None and row_tag.name == "tr":
                    yield row_tag


def table_grid(table: Tag, lines: dict[int, int] | None = None) -> list[GridCell]:
    """Place the cells of an HTML *table* in its grid, honouring ``rowspan`` and ``colspan``.

    Cells come in reading order (grid row, then column).  A cell covered by
    a span from an earlier row pushes the row's next cells to the right, as
    a browser lays them out.

    Args:
        table: A ``<table>`` element (BeautifulSoup).
        lines: Source line by ``id()`` of the element, when known.

    Returns:
        The table's cells.

    Raises:
        MissingExtraError: if BeautifulSoup is not installed.
    """
    cells = [tr.find_all(["td", "th"], recursive=False) for tr in _rows(table)]
    spans = [[(_span(td, "rowspan"), _span(td, "colspan")) for td in row] for row in cells]
    out: list[GridCell] = []
    for (r, c, rowspan, colspan), td in zip(
        grid_layout(spans), (td for row in cells for td in row), strict=True
    ):
        line = lines.get(id(td)) if lines is not None else None
        out.append(GridCell(r, c, rowspan, colspan, cell_text(td), line))
    out.sort(key=lambda cell: (cell.row, cell.column))
    return out


def grid_layout(rows: Iterable[Sequence[tuple[int, int]]]) -> Iterator[tuple[int, int, int, int]]:
    """``(row, column, rowspan, colspan)`` of each cell given by its spans, row by row.

    A cell covered by a span from an earlier row pushes the row's next cells
    to the right, as a browser lays them out.
    """
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        c = 0
        for rowspan, colspan in row:
            while (r, c) in taken:
                c += 1
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken.add((r + dr, c + dc))
            yield r, c, rowspan, colspan
            c += colspan


def value_cells(grid: Sequence[GridCell]) -> tuple[str | None, frozenset[tuple[int, int]]]:
    """Which table *grid* holds and where its value cells are, when it has the official layout.

    Every cell of the grid must sit where the official layout of table 二,
    三 or 四 (SPEC §3, as :func:`dumps` writes it) has a cell with the same
    spans; a table cut off early qualifies.  Any other layout (S19's spans, a
    table split in parts) gives ``(None, frozenset())``: no cell is known to
    be a value, and the labels alone tell what each cell is.
    """
    if not grid:
        return None, frozenset()
    for kind in WRITERS:
        shape, values = _official_layout(kind)
        if all((c.row, c.column, c.rowspan, c.colspan) in shape for c in grid):
            return kind, values
    return None, frozenset()


@functools.cache
def _official_layout(
    kind: str,
) -> tuple[frozenset[tuple[int, int, int, int]], frozenset[tuple[int, int]]]:
    """Each cell of table *kind* as :func:`dumps` writes it, and where its value cells are."""
    rows = WRITERS[kind](Report.from_cells({}))
    spans = [[(cell.rowspan, cell.colspan) for cell in row] for row in rows]
    placed = list(grid_layout(spans))
    flags = [cell.value for row in rows for cell in row]
    shape = frozenset(placed)
    values = frozenset((r, c) for (r, c, _, _), value in zip(placed, flags, strict=True) if value)
    return shape, values


def grid_tokens(
    grid: Sequence[GridCell], default_line: int, values: frozenset[tuple[int, int]]
) -> list[Token]:
    tokens: list[Token] = []
    row: int | None = None
    line = default_line
    for cell in grid:
        if row is not None and cell.row != row:
            tokens.append(Token.row_end(line))
        row = cell.row
        line = cell.line or line
        kind = TokenKind.VALUE if (cell.row, cell.column) in values else TokenKind.CELL
        tokens.append(Token(cell.text, line, kind))
    if row is not None:
        tokens.append(Token.row_end(line))
    return tokens
