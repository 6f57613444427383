"""Table grids and document lines as the layout shows them (PDF, Word).

A reader that sees a document's layout (PDF rules and words, Word
paragraphs and tables) turns it into :class:`FlowItem` objects in reading
order: prose lines, table rows whose printed cells sit in the grid
(:class:`GridCell`, a merged cell once, in the first row it covers, as the
HTML reader does with ``rowspan``), and pictures.  This module holds those
shapes and what works on grids: placing ruled boxes in a grid
(:func:`spans_from_edges`) and mending a label or a row that a page break
cut in two (:func:`join_across_break`), both told by the form's labels.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence

import attrs

from govinfo_report.codecs._form_labels import T3_NOTE
from govinfo_report.schema import FORMAT_2021, match_key

__all__ = [
    "FlowItem",
    "GridCell",
    "continues",
    "is_label",
    "is_row_label",
    "join_across_break",
    "spans_from_edges",
]


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


@functools.cache
def _label_keys() -> frozenset[str]:
    """The matching keys of every label the form prints (rows, groups, headers, note)."""
    keys = {match_key(T3_NOTE), match_key("信息内容"), match_key("法人或其他组织")}
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


@functools.cache
def _row_label_keys() -> frozenset[str]:
    return frozenset(match_key(row.label) for table in FORMAT_2021.tables for row in table.rows)


def is_row_label(text: str) -> bool:
    """Whether *text* is the label of one of the form's rows (compared by :func:`match_key`)."""
    return match_key(text) in _row_label_keys()


def is_label(text: str) -> bool:
    """Whether *text* is one of the form's labels (compared by :func:`match_key`)."""
    return match_key(text) in _label_keys()


def _label_prefix(key: str) -> bool:
    return bool(key) and any(label.startswith(key) for label in _label_keys())


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
    continued = {index for index, cell, above in pairs if continues(above.text, cell.text)}
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


_CLOSING = frozenset("”’）)」』】〕》〉")


def continues(text: str, more: str) -> bool:
    """Whether *more* continues *text*: together a label (or its start), neither one alone.

    A closing mark alone (``”`` or ``）`` wrapped to the next line)
    continues any label or start of one.
    """
    a, b = match_key(text), match_key(more)
    if not b:
        closing = more.strip()
        return bool(closing) and set(closing) <= _CLOSING and _label_prefix(a)
    if not a or a in _label_keys() or b in _label_keys():
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
