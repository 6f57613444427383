"""The flow of a whole PDF from its pages: running heads dropped, the title joined, tables mended.

A line printed in the margin of two pages or more is a running head or
foot; the header rows a table repeats on the next page are dropped and a
label the page break cut in two is joined again.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from typing import Any

from govinfo_report.codecs._grid import FlowItem, GridCell, join_across_break
from govinfo_report.codecs._pdf_page import MARGIN, PdfTable
from govinfo_report.codecs._words import is_value_line
from govinfo_report.schema import match_key

__all__ = ["document_flow"]

_TITLE_SCALE = 1.15  # title lines are printed this much larger than the body


def document_flow(read: list[tuple[list[tuple[str, Any]], float]]) -> list[FlowItem]:
    """The document's flow from its pages' flows: furniture dropped, tables across pages mended.

    A line printed in the margin of two pages or more is a running head or
    foot; a line in the margin between a table and its continuation on the
    next page is page furniture too.
    """
    on_pages: dict[str, int] = {}
    for placed, height in read:
        for text in {obj[0] for kind, obj in placed if _in_margin(kind, obj, height)}:
            on_pages[text] = on_pages.get(text, 0) + 1
    running = {text for text, count in on_pages.items() if count >= 2}
    pages: list[list[tuple[str, Any]]] = []
    previous: PdfTable | None = None  # the table that ends the previous page
    head: PdfTable | None = None  # the first part of the table that *previous* is part of
    seen: set[str] = set()  # the prose lines of the pages before
    for number, (printed, height) in enumerate(read, start=1):

        def margin(kind: str, obj: Any, height: float = height) -> bool:
            return _in_margin(kind, obj, height)

        placed = [
            (kind, obj) for kind, obj in printed if not (margin(kind, obj) and obj[0] in running)
        ]
        if number == 1:
            placed = _join_title(placed, _body_size(placed))
        placed = _drop_repeated(placed, seen)
        seen.update(obj[0] for kind, obj in placed if kind == "prose")
        body = [(kind, obj) for kind, obj in placed if not margin(kind, obj)]
        first_table = next((t for kind, t in body if isinstance(t, PdfTable)), None)
        continues = previous is not None and bool(body) and body[0][1] is first_table
        if continues and previous is not None and head is not None and first_table is not None:
            _continue_table(head, previous, first_table)
            start = next(i for i, (_, obj) in enumerate(placed) if obj is first_table)
            placed = placed[start:]
            before = pages[-1]
            end = max(i for i, (_, obj) in enumerate(before) if obj is previous) + 1
            pages[-1] = before[:end]
        pages.append(placed)
        last = body[-1][1] if body else None
        if isinstance(last, PdfTable):
            head = head if continues and last is first_table else last
        previous = last if isinstance(last, PdfTable) else None
    return [
        item
        for number, placed in enumerate(pages, start=1)
        for kind, obj in placed
        for item in _items(kind, obj, number)
    ]


def _in_margin(kind: str, obj: Any, height: float) -> bool:
    """Whether a prose line stands in the top or bottom margin of its page."""
    if kind != "prose":
        return False
    top, bottom = obj[1][1], obj[1][3]
    return bool(bottom < MARGIN * height or top > (1 - MARGIN) * height)


def _drop_repeated(placed: list[tuple[str, Any]], seen: set[str]) -> list[tuple[str, Any]]:
    """The page without the lines at its top printed before.

    A table drawn without rules repeats its header lines at the top of the
    next page.  A line of values is never dropped.
    """
    kept = placed
    start = 0
    while start < len(kept):
        kind, obj = kept[start]
        if kind != "prose" or obj[0] not in seen or is_value_line(obj[3]):
            break
        start += 1
    return kept[start:]


def _continue_table(head: PdfTable, before: PdfTable, after: PdfTable) -> None:
    """*after* continues *before* (whose chain starts with *head*) on the next page.

    The header rows *after* repeats from *head* are dropped, then what the
    page break cut in two is mended (:func:`join_across_break`).
    """
    repeated = 0
    while repeated < min(head.rows, after.rows) - 1 and _row_key(head, repeated) == _row_key(
        after, repeated
    ):
        repeated += 1
    bottom = [c for c in before.cells if c.row + c.rowspan >= before.rows]
    first = [c for c in after.cells if c.row == repeated]
    used = join_across_break(bottom, before.rows - 1, first)
    gone = {id(first[i]) for i in used}
    after.cells = [c for c in after.cells if c.row >= repeated and id(c) not in gone]


def _row_key(table: PdfTable, row: int) -> frozenset[tuple[int, int, str]]:
    return frozenset((c.column, c.colspan, match_key(c.text)) for c in table.cells if c.row == row)


def _items(kind: str, obj: Any, page: int) -> list[FlowItem]:
    if kind == "table":
        table: PdfTable = obj
        rows: dict[int, list[GridCell]] = {}
        for cell in table.cells:
            rows.setdefault(cell.row, []).append(cell)
        out = []
        for row in sorted(rows):
            cells = tuple(sorted(rows[row], key=lambda c: c.column))
            text = " ".join(c.text.replace("\n", "") for c in cells)
            boxes = [c.box for c in cells if c.box is not None]
            box = (
                min(b[0] for b in boxes),
                min(b[1] for b in boxes),
                max(b[2] for b in boxes),
                max(b[3] for b in boxes),
            )
            out.append(FlowItem("row", text, page, box, cells))
        return out
    return [FlowItem(kind, obj[0], page, obj[1], obj[3] if len(obj) > 3 else ())]


def _body_size(placed: Sequence[tuple[str, Any]]) -> float | None:
    sizes = [obj[2] for kind, obj in placed if kind == "prose" and obj[2]]
    return statistics.median(sizes) if sizes else None


def _join_title(placed: list[tuple[str, Any]], body_size: float | None) -> list[tuple[str, Any]]:
    """The large lines at the top of the first page joined into one title line."""
    if body_size is None:
        return placed
    big = 0
    for kind, obj in placed:
        if kind != "prose" or obj[2] < _TITLE_SCALE * body_size:
            break
        big += 1
    if big < 2:
        return placed
    parts = [obj for _, obj in placed[:big]]
    text = "".join(p[0] for p in parts)
    box = (
        min(p[1][0] for p in parts),
        parts[0][1][1],
        max(p[1][2] for p in parts),
        parts[-1][1][3],
    )
    words = tuple(w for p in parts for w in (p[3] if len(p) > 3 else ()))
    return [("prose", (text, box, parts[0][2], words)), *placed[big:]]
