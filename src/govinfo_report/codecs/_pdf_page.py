"""One PDF page read from its geometry: ruled tables as grids, prose lines with their words.

Characters inside a ruled cell are its text; the others make prose lines
(page numbers and markers dropped) with the words of each line and their
boxes; a picture large enough to be a table is noted where it stands.
"""

from __future__ import annotations

import itertools
import math
import operator
import re
from typing import TYPE_CHECKING, Any

import attrs

from govinfo_report.codecs._grid import GridCell, spans_from_edges
from govinfo_report.codecs._sections import PAGE_MARKER
from govinfo_report.exceptions import ParseError

if TYPE_CHECKING:
    from pdfplumber.page import Page

__all__ = ["MARGIN", "Box", "PageRead", "PdfTable", "page_flow", "unique_chars"]

Box = tuple[float, float, float, float]

MARGIN = 0.08  # top and bottom of a page where page numbers and running heads stand
_IMAGE_AREA = 0.05  # a picture covering this share of the page may be a table
_SPACE_GAP = 1.0  # a gap wider than a character between two characters is a space
_UNMAPPED = re.compile(r"\(cid:\d+\)")
"""pdfminer's text for a glyph whose font maps it to no character (no ``ToUnicode``)."""
_UNREADABLE = "\ufffd"
"""What such a glyph reads as: U+FFFD, as an undecodable byte of a text file (no digit)."""


@attrs.frozen
class PageRead:
    """What one page gives: its flow in reading order and counts of what it prints."""

    flow: list[tuple[str, Any]]
    """Prose lines, tables and pictures, top to bottom."""
    chars: int
    """Characters printed (once each)."""
    unmapped: int
    """Of them, glyphs whose font maps them to no character (read as U+FFFD)."""
    pictures: bool
    """Whether a picture large enough to be a table stands on the page."""
    height: float


@attrs.define
class PdfTable:
    """A ruled table of one page: its cells and the number of grid rows."""

    cells: list[GridCell]
    rows: int
    top: float
    bottom: float


def page_flow(
    page: Page, number: int, source: str | None = None, *, max_crossings: int = 10_000
) -> PageRead:
    """The page's prose lines, tables and pictures in reading order (top to bottom).

    Characters printed twice on one spot (a bold face faked by overprinting)
    count once.  A glyph whose font maps it to no character (pdfminer gives
    ``(cid:17)``: its number in the font, not a digit printed) reads as
    U+FFFD, so that no number is taken from it.

    Raises:
        ParseError: for a page whose rules cross more than *max_crossings*
            times (naming *source*): pdfplumber's search for cells takes
            time growing with the square of the crossings (a page ruled
            into 120 × 120 cells: 5 s).
    """
    chars = [c for c in unique_chars(page.chars) if c.get("text", "").strip()]
    unmapped = 0
    for i, char in enumerate(chars):
        if _UNMAPPED.fullmatch(char["text"]):
            chars[i] = {**char, "text": _UNREADABLE}
            unmapped += 1
    crossings = _crossings(page)
    if crossings > max_crossings:
        raise ParseError(
            f"page {number} is ruled into too many cells to look for tables in bounded time",
            source=source,
            expected=f"at most {max_crossings:,} crossings of its rules"
            " (PdfLimits(max_crossings=...) raises it)",
            got=f"{crossings:,}",
        )
    tables = [t for t in (_table(found, number) for found in _find_tables(page)) if t]
    in_cells: dict[int, list[dict[str, Any]]] = {}
    prose: list[dict[str, Any]] = []
    index = _CellIndex([c for t in tables for c in t.cells])
    for char in chars:
        x = (char["x0"] + char["x1"]) / 2
        y = (char["top"] + char["bottom"]) / 2
        cell = index.find(float(x), float(y))
        if cell is None:
            prose.append(char)
        else:
            in_cells.setdefault(id(cell), []).append(char)
    for table in tables:
        for cell in table.cells:
            # a cell without a box holds no character
            placed_in = in_cells.get(id(cell))
            cell.text = _text(placed_in, cell.box[2]) if placed_in and cell.box else ""
    placed: list[tuple[float, str, Any]] = [(t.top, "table", t) for t in tables]
    height, width = float(page.height), float(page.width)
    for line in _lines(prose):
        text = line["text"].strip()
        top, bottom = float(line["top"]), float(line["bottom"])
        if _furniture(text, top, bottom, height):
            continue
        size = max((float(c.get("size", 0)) for c in line["chars"]), default=0.0)
        box = (float(line["x0"]), top, float(line["x1"]), bottom)
        placed.append((top, "prose", (text, box, size, _words(line["chars"], number))))
    pictures = False
    for image in page.images:
        x0, top, x1, bottom = (float(image[k]) for k in ("x0", "top", "x1", "bottom"))
        area = max(x1 - x0, 0) * max(bottom - top, 0)
        if area < _IMAGE_AREA * width * height:
            continue
        covered = any(x0 <= c["x0"] <= x1 and top <= c["top"] <= bottom for c in chars)
        if not covered:
            pictures = True
            placed.append((top, "image", ("", (x0, top, x1, bottom), 0.0)))
    placed.sort(key=lambda p: p[0])
    flow = [(kind, obj) for _top, kind, obj in placed]
    return PageRead(flow, len(chars), unmapped, pictures, height)


_SQUARE = 16.0
"""The side, in points, of the squares by which cells are looked up (a cell of a table spans a
few; a page about 2,000)."""
_MAX_SQUARES = 8192
"""A cell over more squares than this (its box far larger than a page) is tested for every point."""


class _CellIndex:
    """Cells looked up by a point: the first cell (in the order given) whose box holds it.

    Each cell is listed under the squares of side :data:`_SQUARE` its box
    covers, so that a character is tested against the few cells of its
    square, not against every cell of the page (a page ruled into
    thousands of cells would cost characters × cells).
    """

    def __init__(self, cells: list[GridCell]) -> None:
        self.squares: dict[tuple[int, int], list[tuple[int, GridCell]]] = {}
        self.everywhere: list[tuple[int, GridCell]] = []  # boxes too large or not finite
        for order, cell in enumerate(cells):
            assert cell.box is not None  # the cells of a PdfTable have their boxes
            x0, top, x1, bottom = cell.box
            if not all(math.isfinite(v) for v in cell.box):
                self.everywhere.append((order, cell))
                continue
            left, right = math.floor(x0 / _SQUARE), math.floor(x1 / _SQUARE)
            upper, lower = math.floor(top / _SQUARE), math.floor(bottom / _SQUARE)
            if right < left or lower < upper:  # a box turned inside out holds no point
                continue
            if (right - left + 1) * (lower - upper + 1) > _MAX_SQUARES:  # counted, not listed
                self.everywhere.append((order, cell))
                continue
            columns, rows = range(left, right + 1), range(upper, lower + 1)
            for square in itertools.product(columns, rows):
                self.squares.setdefault(square, []).append((order, cell))

    def find(self, x: float, y: float) -> GridCell | None:
        """The first cell whose box holds the point ``(x, y)``, or ``None``."""
        near: list[tuple[int, GridCell]] = []
        if math.isfinite(x) and math.isfinite(y):
            near = self.squares.get((math.floor(x / _SQUARE), math.floor(y / _SQUARE)), [])
        found: tuple[int, GridCell] | None = None
        for order, cell in itertools.chain(near, self.everywhere):
            box = cell.box
            assert box is not None
            inside = box[0] <= x <= box[2] and box[1] <= y <= box[3]
            if inside and (found is None or order < found[0]):
                found = (order, cell)
        return None if found is None else found[1]


_SNAP = 3.0  # rules closer than this are one (pdfplumber's snap tolerance)


def _crossings(page: Page) -> int:
    """How many crossings the page's rules can make: positions of vertical × horizontal rules."""
    across: set[int] = set()
    down: set[int] = set()
    for edge in page.edges:
        vertical = edge["orientation"] == "v"
        position = float(edge["x0"] if vertical else edge["top"])
        if math.isfinite(position):
            (across if vertical else down).add(round(position / _SNAP))
    return len(across) * len(down)


_MIN_RULE = 10.0  # shorter strokes are no table rules (ticks, underlined characters)


def _find_tables(page: Page) -> list[Any]:
    """The page's ruled tables; a table drawn without its outer box is closed first.

    Some exports draw only a table's inner rules: its outer rows and columns
    then have no closed cells, and a part of it with no inner rule across it
    no cells at all.  The area the connected rules cover is taken as the
    table, its missing outer rules put where those rules end, and the table
    found again there.  A table drawn with its box is found as it is.
    """
    edges = [e for e in page.edges if _length(e) >= _MIN_RULE]
    out: list[Any] = []
    areas: list[Box] = []
    for table in page.find_tables():
        bbox: Box = tuple(float(v) for v in table.bbox)  # type: ignore[assignment]
        box = _rules_extent(edges, bbox)
        if max(bbox[0] - box[0], bbox[1] - box[1], box[2] - bbox[2], box[3] - bbox[3]) <= 2:
            out.append(table)
            areas.append(bbox)
        elif not any(_inside(box, area) for area in areas):
            out += _closed(page, box)
            areas.append(box)
    for edge in edges:  # rules of a table no closed cell was found in
        if edge["orientation"] != "h" or any(_inside(_box(edge), area) for area in areas):
            continue
        box = _rules_extent(edges, _box(edge))
        if box[3] - box[1] > _MIN_RULE and not any(_inside(box, area) for area in areas):
            out += _closed(page, box)
            areas.append(box)
    return out


def _closed(page: Page, box: Box) -> list[Any]:
    """The tables in *box*, its four sides taken as rules."""
    area = page.crop((box[0] - 1, box[1] - 1, box[2] + 1, box[3] + 1), strict=False)
    return list(
        area.find_tables(
            table_settings={
                "explicit_vertical_lines": [box[0], box[2]],
                "explicit_horizontal_lines": [box[1], box[3]],
            }
        )
    )


def _box(edge: dict[str, Any]) -> Box:
    return (float(edge["x0"]), float(edge["top"]), float(edge["x1"]), float(edge["bottom"]))


def _inside(box: Box, area: Box) -> bool:
    return (
        box[0] >= area[0] - 2
        and box[1] >= area[1] - 2
        and box[2] <= area[2] + 2
        and box[3] <= area[3] + 2
    )


def _length(edge: dict[str, Any]) -> float:
    if edge["orientation"] == "h":
        return float(edge["x1"]) - float(edge["x0"])
    return float(edge["bottom"]) - float(edge["top"])


def _rules_extent(edges: list[dict[str, Any]], box: Box) -> Box:
    """How far the rules connected with *box* reach: its box closed by their ends."""
    while True:
        x0, top, x1, bottom = box
        for edge in edges:
            e_x0, e_top, e_x1, e_bottom = _box(edge)
            if edge["orientation"] == "h":  # a rule across the table's columns
                if top - 1 <= e_top <= bottom + 1 and e_x1 > x0 and e_x0 < x1:
                    x0, x1 = min(x0, e_x0), max(x1, e_x1)
            elif x0 - 1 <= e_x0 <= x1 + 1 and e_bottom >= top - 1 and e_top <= bottom + 1:
                top, bottom = min(top, e_top), max(bottom, e_bottom)  # a rule down its rows
        if (x0, top, x1, bottom) == box:
            return box
        box = (x0, top, x1, bottom)


def _table(found: Any, page: int) -> PdfTable | None:
    """A ruled table as grid cells, or ``None`` for a frame that is no table (one column)."""
    boxes: list[Box] = [tuple(map(float, c)) for c in found.cells]  # type: ignore[misc]
    if len(boxes) < 2:
        return None
    spans = spans_from_edges(boxes)
    if max(column + colspan for _, column, _, colspan in spans) < 2:
        return None
    cells = [
        GridCell(row, column, rowspan, colspan, "", page, box)
        for (row, column, rowspan, colspan), box in zip(spans, boxes, strict=True)
    ]
    rows = max(c.row + c.rowspan for c in cells)
    top = min(b[1] for b in boxes)
    bottom = max(b[3] for b in boxes)
    return PdfTable(cells, rows, top, bottom)


_WRAP_ROOM = 2.5
"""A line is full when less than this many widths of the next line's first character are left
on its right: the character that did not fit, and the cell's margin (Word's 0.19 cm is about
one digit of 10.5 pt; half as much again is allowed)."""
_DIGIT_CHARS = frozenset("0123456789０１２３４５６７８９")
"""Digits of this form (as everywhere: no other script's, no superscripts)."""


def unique_chars(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The characters without those printed again on the same spot (a bold face faked by
    overprinting): pdfplumber's ``dedupe_chars`` (within 1 pt, same font and size).

    The same characters, in the same order, as pdfplumber keeps; but its last
    step orders them with ``list.index``, a scan of the page's characters for
    each one kept (seconds on a page of 10,000 characters), where this looks
    each one's place up.
    """
    from pdfplumber.utils.clustering import cluster_objects

    key = operator.itemgetter("upright", "text", "fontname", "size")
    first = operator.itemgetter("doctop", "x0")
    kept: list[dict[str, Any]] = []
    for _, same in itertools.groupby(sorted(chars, key=key), key=key):
        for line in cluster_objects(list(same), operator.itemgetter("doctop"), 1):
            kept.extend(
                min(spot, key=first)
                for spot in cluster_objects(line, operator.itemgetter("x0"), 1)
            )
    place = {id(char): i for i, char in enumerate(chars)}
    return sorted(kept, key=lambda char: place[id(char)])


def _text(chars: list[dict[str, Any]], right: float) -> str:
    """A cell's text: its lines top to bottom, each stripped, joined with ``"\\n"``.

    A number wrapped in a narrow cell (``117`` / ``8``) is one number again:
    a line ending in a digit is joined to the next when it is full — the
    next line's first character, and the cell's margin, would not fit
    between its end and the cell's right edge *right* (:data:`_WRAP_ROOM`).  Digits
    on a line that does not fill the cell were not wrapped (``28`` and a
    ``0`` printed under it): the break stays, and the cell is no number.
    """
    lines = [line for line in _lines(chars) if line["text"].strip()]
    if not lines:
        return ""
    text = _line_text(lines[0])
    for above, below in itertools.pairwise(lines):
        following = _line_text(below)
        first = next(c for c in below["chars"] if c["text"].strip())
        room = right - float(above["x1"])
        full = room < _WRAP_ROOM * (float(first["x1"]) - float(first["x0"]))
        wrapped = full and text[-1] in _DIGIT_CHARS and following[0] in _DIGIT_CHARS
        text += ("" if wrapped else "\n") + following
    return text


def _line_text(line: dict[str, Any]) -> str:
    """A line's text, digits further apart than a digit's width kept apart (``28 0``, not 280).

    Words are split where the gap is wider than the font size, but a digit
    is about half as wide: two digits with more than a digit's width between
    them are no number.  Only a line that holds such a gap is rebuilt.
    """
    chars = [c for c in line["chars"] if c["text"].strip()]
    apart = [
        a["text"] in _DIGIT_CHARS
        and b["text"] in _DIGIT_CHARS
        and float(b["x0"]) - float(a["x1"]) > float(a["x1"]) - float(a["x0"])
        for a, b in itertools.pairwise(chars)
    ]
    if not any(apart):
        return str(line["text"]).strip()
    text = str(chars[0]["text"])
    for (a, b), gap in zip(itertools.pairwise(chars), apart, strict=True):
        wide = float(b["x0"]) - float(a["x1"]) > _SPACE_GAP * float(a.get("size") or 0)
        text += (" " if gap or wide else "") + str(b["text"])
    return text.strip()


def _lines(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Lines of characters; a gap wider than a character is a space."""
    from pdfplumber.utils.text import chars_to_textmap

    if not chars:
        return []
    textmap = chars_to_textmap(chars, x_tolerance_ratio=_SPACE_GAP)
    return textmap.extract_text_lines(strip=True, return_chars=True)


def _words(chars: list[dict[str, Any]], page: int) -> tuple[GridCell, ...]:
    """The words of a line (split where the gap is wider than a character), with their boxes."""
    words: list[GridCell] = []
    last: dict[str, Any] | None = None
    for char in sorted(chars, key=lambda c: float(c["x0"])):
        x0, x1 = float(char["x0"]), float(char["x1"])
        top, bottom = float(char["top"]), float(char["bottom"])
        size = float(char.get("size") or (bottom - top) or 1.0)
        if words and last is not None and x0 - float(last["x1"]) <= _SPACE_GAP * size:
            word = words[-1]
            assert word.box is not None
            word.text += char["text"]
            word.box = (word.box[0], min(word.box[1], top), x1, max(word.box[3], bottom))
        else:
            words.append(GridCell(0, len(words), 1, 1, char["text"], page, (x0, top, x1, bottom)))
        last = char
    return tuple(words)


_BARE_NUMBER = re.compile(r"^\s*\d{1,4}\s*$")


def _furniture(text: str, top: float, bottom: float, height: float) -> bool:
    """A page number or marker: ``- 4 -``, ``第 4 页``, or a bare number in the margin."""
    if PAGE_MARKER.match(text):
        return True
    in_margin = bottom < MARGIN * height or top > (1 - MARGIN) * height
    return in_margin and _BARE_NUMBER.match(text) is not None
