"""PDF (format ``"pdf"``): the report as agencies publish it, read from the page geometry.

Reading uses pdfplumber (over pdfminer.six), the optional extra ``pdf``:
``python -m pip install 'govinfo-report[pdf]'``; without it :func:`loads`
raises :class:`~govinfo_report.exceptions.MissingExtraError`.

How a PDF is read:

* **Tables from the rules.**  The ruled cells of each page (their lines and
  rectangles) give the grid, merged cells included; the characters inside
  a cell are its text, its lines joined (``商业企`` / ``业``, a vertical
  ``三、`` / ``本`` / ``年`` …).  Each grid row is handed to the shared
  label-driven assembler (:mod:`govinfo_report.codecs._assemble`), so
  labels are matched exactly as in every other format, and a merged cell
  once, in the first row it covers.
* **Tables across pages.**  A table that runs on at the top of the next
  page is read on; its repeated header rows are known labels and add
  nothing, and a label that the page break cut in two (``（四）无`` /
  ``法提供``) is joined again.
* **Words without rules.**  Lines of sections 二–四 outside ruled tables are
  split at their gaps, as PDF text (``pdftext``) is: a table drawn without
  rules is read from its words aligned in rows.
* **Page furniture** (``- 4 -``, ``第 4 页``, a bare page number in the
  margin) is dropped; the title printed large over several lines at the top
  of the first page is one title (agency and year).
* **Where each cell was printed.**  ``report.provenance.cells`` gives, for
  every cell read, its page and box ``(x0, top, x1, bottom)`` in points
  (:class:`~govinfo_report.schema.CellOrigin`).  Line numbers in messages
  count the lines of the document as read (prose lines and table rows).

What a PDF cannot give is said, never zeroed: a table printed as a picture
(an image and no text where the table stands) is reported naming the page,
its cells absent; a PDF without any text layer (scanned) is refused; an
encrypted, damaged or oversized PDF, or one that takes too long, raises
:class:`~govinfo_report.exceptions.ParseError` naming the file.
Limits are :class:`PdfLimits`; pages are read one at a time.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import io
import re
import statistics
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

from govinfo_report.codecs._flow import read_flow
from govinfo_report.codecs._grid import (
    FlowItem,
    GridCell,
    join_across_break,
    spans_from_edges,
)
from govinfo_report.codecs._sections import find_heading
from govinfo_report.codecs._words import is_value_line
from govinfo_report.codecs.pdftext import PAGE_MARKER
from govinfo_report.exceptions import InvalidArgument, MissingExtraError, ParseError
from govinfo_report.schema import Diagnostic, Provenance, Report, Severity, match_key

if TYPE_CHECKING:
    from pdfplumber.page import Page
    from pdfplumber.pdf import PDF

__all__ = ["PdfLimits", "loads", "looks_like_pdf"]

Box = tuple[float, float, float, float]

_MARGIN = 0.08  # top and bottom of a page where page numbers and running heads stand
_IMAGE_AREA = 0.05  # a picture covering this share of the page may be a table
_TITLE_SCALE = 1.15  # title lines are printed this much larger than the body
_SPACE_GAP = 1.0  # a gap wider than a character between two characters is a space


@attrs.frozen
class PdfLimits:
    """Bounds on what reading one PDF may cost.

    Attributes:
        max_bytes: Largest file read, in bytes.
        max_pages: Most pages read.
        max_seconds: Longest time spent reading, in seconds (checked page by page).
    """

    max_bytes: int = 64 * 1024 * 1024
    max_pages: int = 300
    max_seconds: float = 60.0


def looks_like_pdf(data: bytes) -> bool:
    """Whether *data* is a PDF file (``%PDF-`` within its first kilobyte).

    >>> looks_like_pdf(b"%PDF-1.7\\n...")
    True
    >>> looks_like_pdf("一、总体情况".encode())
    False
    """
    return b"%PDF-" in data[:1024]


def _open(data: bytes, source: str | None) -> PDF:
    try:
        import pdfplumber
    except ImportError:
        raise MissingExtraError("reading PDF", "pdf") from None
    try:
        return pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # any failure of the parser is a damaged file
        raise _damaged(exc, source) from None


def _damaged(exc: BaseException, source: str | None) -> ParseError:
    chain = [exc, exc.__cause__, exc.__context__, *getattr(exc, "args", ())]
    names = " ".join(type(e).__name__ + " " + str(e) for e in chain if e is not None)
    if "Password" in names or "Encrypt" in names or "encrypt" in names:
        return ParseError(
            "encrypted PDF",
            source=source,
            expected="a PDF that opens without a password",
            got="a password-protected (encrypted) file",
        )
    return ParseError(
        "damaged PDF: the file cannot be parsed",
        source=source,
        expected="a well-formed PDF",
        got=f"{type(exc).__name__}: {exc}"[:200],
    )


def loads(
    data: bytes,
    *,
    lenient: bool = False,
    source: str | None = None,
    limits: PdfLimits | None = None,
) -> Report:
    """Read a report from the bytes of a PDF file.

    Args:
        data: The file's bytes.
        lenient: Return what can be read, with diagnostics in
            ``report.provenance.diagnostics``, instead of raising.  Nothing
            is invented: cells the PDF does not give as text are absent.
        source: A name for messages (usually the file name).
        limits: Bounds on size, pages and time (:class:`PdfLimits`).

    Raises:
        MissingExtraError: when pdfplumber is not installed.
        ParseError: for a file that is not a PDF, encrypted, damaged, too
            large, too long to read or without a text layer (always), and
            (strict mode) for tables that cannot be read exactly, naming the
            file, page, line, table, row and column.
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise InvalidArgument("a PDF is read from bytes, not text")
    data = bytes(data)
    limits = limits or PdfLimits()
    if len(data) > limits.max_bytes:
        raise ParseError(
            "PDF too large",
            source=source,
            expected=f"at most {limits.max_bytes} bytes",
            got=f"{len(data)} bytes",
        )
    if not looks_like_pdf(data):
        raise ParseError("not a PDF", source=source, expected="a file starting with %PDF-")
    start = time.monotonic()
    pdf = _open(data, source)
    try:
        items, notes, chars = _read_pages(pdf, source, limits, start)
    finally:
        pdf.close()
    if chars == 0:
        return _no_text(source, lenient, sum(1 for n in notes if n.code == "no_text_layer"))
    report = read_flow(_paragraphs(items), format="pdf", source=source, lenient=lenient)
    base = report.provenance or Provenance(source=source, format="pdf")
    diagnostics = (*notes, *base.diagnostics)
    return attrs.evolve(report, provenance=attrs.evolve(base, diagnostics=diagnostics))


def _no_text(source: str | None, lenient: bool, image_pages: int) -> Report:
    detail = "no text layer: a scanned PDF, whose text cannot be read without OCR"
    got = f"{image_pages} page(s) of images and no text" if image_pages else "no text"
    if not lenient:
        raise ParseError(detail, source=source, expected="a PDF with a text layer", got=got)
    diagnostic = Diagnostic("scanned", f"{detail} ({got})", Severity.ERROR)
    return Report.from_cells(
        {}, provenance=Provenance(source=source, format="pdf", diagnostics=(diagnostic,))
    )


# --- paragraphs ------------------------------------------------------------------------

_LINES_FOR_EDGE = 5
_LATIN_END = re.compile(r"[A-Za-z0-9,.;:!?)]$")
_NEW_ITEM = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、是])"
)
_LATIN_START = re.compile(r"^[A-Za-z0-9(]")


def _paragraphs(items: list[FlowItem]) -> list[FlowItem]:
    """Prose lines that run to the right edge of the text joined with the line that follows.

    A justified paragraph fills its lines to the right margin and ends short;
    a heading or a paragraph's last line ends short.  A line that is
    indented or starts with an enumerator (``（二）``, ``二、``, ``二是``)
    starts a new paragraph.  Lines are joined with a space between Latin
    words or numbers, else with none.
    """
    ends: dict[int | None, list[float]] = {}
    for item in items:
        if item.kind == "prose" and item.box is not None:
            ends.setdefault(item.page, []).append(item.box[2])
    everywhere = max((x for xs in ends.values() for x in xs), default=0.0)
    # the right edge of the text: the page's own where it has lines enough to tell
    right = {
        page: max(xs) if len(xs) >= _LINES_FOR_EDGE else everywhere for page, xs in ends.items()
    }
    out: list[FlowItem] = []
    tail: Box | None = None  # the last physical line of the last item
    for item in items:
        last = out[-1] if out else None
        if (
            item.kind == "prose"
            and last is not None
            and last.kind == "prose"
            and tail is not None
            and last.box is not None
            and item.box is not None
            and right[last.page] - tail[2]
            < max(2.5 * _height(tail), _unbreakable(item.text, tail))
            and abs(_height(tail) - _height(item.box)) <= 0.25 * _height(item.box)
            and item.box[0] <= last.box[0] + 0.5 * _height(item.box)  # not indented
            and _NEW_ITEM.match(item.text) is None
            and not is_value_line(last.cells)
            and not is_value_line(item.cells)
            and find_heading(item.text) is None
        ):
            glue = " " if _LATIN_END.search(last.text) and _LATIN_START.search(item.text) else ""
            cells = (*last.cells, *item.cells)
            box = (
                min(last.box[0], item.box[0]),
                last.box[1],
                max(last.box[2], item.box[2]),
                item.box[3],
            )
            out[-1] = attrs.evolve(last, text=last.text + glue + item.text, box=box, cells=cells)
        else:
            out.append(item)
        tail = item.box
    return out


_CHUNK = re.compile(
    r"^(?:[A-Za-z0-9@._:/+\-]+[）)」”’。，、；：！？,.;:!?]*|[）)」”’。，、；：！？]+)"
)


def _unbreakable(text: str, line: Box) -> float:
    """About how wide the start of *text* that cannot be broken is (a number, a closing mark).

    A line ends short of the margin when what follows did not fit: a long
    number or an address, or a mark that may not begin a line.
    """
    chunk = _CHUNK.match(text)
    if chunk is None:
        return 0.0
    size = _height(line)
    return sum(0.55 * size if c.isascii() else size for c in chunk.group())


def _height(box: Box) -> float:
    return box[3] - box[1]


# --- pages -----------------------------------------------------------------------------


@attrs.define
class _Table:
    """A ruled table of one page: its cells and the number of grid rows."""

    cells: list[GridCell]
    rows: int
    top: float
    bottom: float


def _read_pages(
    pdf: PDF, source: str | None, limits: PdfLimits, start: float
) -> tuple[list[FlowItem], list[Diagnostic], int]:
    """The flow of the whole document, notes on pages without text, and the count of characters."""
    try:
        pages = pdf.pages
    except Exception as exc:  # a broken page tree is a damaged file
        raise _damaged(exc, source) from None
    if len(pages) > limits.max_pages:
        raise ParseError(
            "PDF has too many pages",
            source=source,
            expected=f"at most {limits.max_pages} pages",
            got=f"{len(pages)} pages",
        )
    notes: list[Diagnostic] = []
    total = 0
    read: list[tuple[list[tuple[str, Any]], float]] = []  # each page's flow and height
    for number, page in enumerate(pages, start=1):
        if time.monotonic() - start > limits.max_seconds:
            raise ParseError(
                f"reading stopped at page {number}: the PDF takes too long to read",
                source=source,
                expected=f"at most {limits.max_seconds:g} s",
                got=f"{len(pages)} pages",
            )
        try:
            placed, chars, pictures, height = _page_flow(page, number)
        except ParseError:
            raise
        except Exception as exc:  # a page the parser cannot read is damage
            raise _damaged(exc, source) from None
        finally:
            page.close()
        total += chars
        if not chars and pictures:
            notes.append(
                Diagnostic(
                    "no_text_layer",
                    f"page {number} has no text layer (a scanned page); nothing on it is read",
                    Severity.WARNING,
                )
            )
        read.append((placed, height))
    return _flow(read), notes, total


def _flow(read: list[tuple[list[tuple[str, Any]], float]]) -> list[FlowItem]:
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
    previous: _Table | None = None  # the table that ends the previous page
    head: _Table | None = None  # the first part of the table that *previous* is part of
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
        first_table = next((t for kind, t in body if isinstance(t, _Table)), None)
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
        if isinstance(last, _Table):
            head = head if continues and last is first_table else last
        previous = last if isinstance(last, _Table) else None
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
    return bool(bottom < _MARGIN * height or top > (1 - _MARGIN) * height)


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


def _continue_table(head: _Table, before: _Table, after: _Table) -> None:
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


def _row_key(table: _Table, row: int) -> frozenset[tuple[int, int, str]]:
    return frozenset((c.column, c.colspan, match_key(c.text)) for c in table.cells if c.row == row)


def _items(kind: str, obj: Any, page: int) -> list[FlowItem]:
    if kind == "table":
        table: _Table = obj
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


def _page_flow(page: Page, number: int) -> tuple[list[tuple[str, Any]], int, bool, float]:
    """The page's prose lines, tables and pictures in reading order (top to bottom).

    Returns the flow, the number of characters, whether the page holds a
    picture large enough to be a table, and the page's height.  Characters
    printed twice on one spot (a bold face faked by overprinting) count once.
    """
    page = page.dedupe_chars()
    chars = [c for c in page.chars if c.get("text", "").strip()]
    tables = [t for t in (_table(found, number) for found in _find_tables(page)) if t]
    in_cells: dict[int, list[dict[str, Any]]] = {}
    prose: list[dict[str, Any]] = []
    areas = [
        (
            min(c.box[0] for c in t.cells if c.box),
            t.top,
            max(c.box[2] for c in t.cells if c.box),
            t.bottom,
            t,
        )
        for t in tables
    ]
    for char in chars:
        x = (char["x0"] + char["x1"]) / 2
        y = (char["top"] + char["bottom"]) / 2
        cell = next(
            (
                c
                for x0, top, x1, bottom, t in areas
                if x0 <= x <= x1 and top <= y <= bottom
                for c in t.cells
                if c.box is not None and c.box[0] <= x <= c.box[2] and c.box[1] <= y <= c.box[3]
            ),
            None,
        )
        if cell is None:
            prose.append(char)
        else:
            in_cells.setdefault(id(cell), []).append(char)
    for table in tables:
        for cell in table.cells:
            cell.text = _text(in_cells.get(id(cell), []))
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
    return [(kind, obj) for _top, kind, obj in placed], len(chars), pictures, height


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


def _table(found: Any, page: int) -> _Table | None:
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
    return _Table(cells, rows, top, bottom)


_DIGIT_BREAK = re.compile(r"(?<=\d)\n(?=\d)")


def _text(chars: list[dict[str, Any]]) -> str:
    """A cell's text: its lines top to bottom, each stripped, joined with ``"\\n"``.

    A number wrapped in a narrow cell (``17`` / ``8``) is one number again.
    """
    if not chars:
        return ""
    text = "\n".join(line["text"].strip() for line in _lines(chars) if line["text"].strip())
    return _DIGIT_BREAK.sub("", text)


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
    in_margin = bottom < _MARGIN * height or top > (1 - _MARGIN) * height
    return in_margin and _BARE_NUMBER.match(text) is not None


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
