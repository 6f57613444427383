"""Plain-text styles: Word exports, pipe text, PDF page text, glued crawler text.

Each ``write_*`` function prints a :class:`~govinfo_report.synthetic._grid.Document`
into an :class:`~govinfo_report.synthetic._out.Out` the way one kind of real
file does (the corpus files named in each docstring).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from govinfo_report.synthetic._expected import splits, sum_splits
from govinfo_report.synthetic._grid import WRAP

if TYPE_CHECKING:
    from govinfo_report.synthetic._grid import Document, Part, Piece, Row, Table
    from govinfo_report.synthetic._noise import Draws
    from govinfo_report.synthetic._out import Out

__all__ = [
    "PAGE_LINES",
    "PROSE_WIDTH",
    "document",
    "label_text",
    "page_break",
    "walk_table",
    "wrap_prose",
    "write_bar_lines",
    "write_glued",
    "write_pipe_cells_nosep",
    "write_pipe_cells_sep",
    "write_pipe_rows",
    "write_word_export",
    "write_word_paragraphs",
]

PROSE_WIDTH = 30
"""Characters per line of PDF page text."""
PAGE_LINES = 40
"""Lines per page of page text."""


# --- shared walks -----------------------------------------------------------------


def page_break(doc: Document, out: Out, *, blank: bool = False) -> None:
    """Print the marker of the page that ends here, on a line of its own."""
    if not out.at_line_start:
        out.put("\n")
    out.line(doc.page_marker(out.page))
    if blank:
        out.line()
    out.page += 1
    out.page_start = out.lines


def walk_table(
    doc: Document,
    table: Table,
    out: Out,
    write_row: Callable[[Row], None],
    *,
    pages: bool = False,
) -> None:
    """Print *table* row by row; after a page break print the header rows again.

    A page breaks after a row the ``page_markers`` knob chose, and (with
    *pages*, for page text) when the page is full.
    """
    rows = table.rows
    for i, row in enumerate(rows):
        write_row(row)
        full = pages and out.lines - out.page_start >= PAGE_LINES
        if (row.page_break or full) and i < len(rows) - 1:
            page_break(doc, out)
            if table.header_rows and i >= table.header_rows:
                for header in rows[: table.header_rows]:
                    write_row(header)


def wrap_prose(text: str, width: int = PROSE_WIDTH) -> list[str]:
    """Cut each line of *text* into lines of *width* characters, as page text prints prose."""
    lines: list[str] = []
    for line in text.split("\n"):
        lines += [line[i : i + width] for i in range(0, len(line), width)] or [""]
    return lines


def document(
    doc: Document,
    out: Out,
    write_table: Callable[[Part], None],
    *,
    prose: Callable[[str], None] | None = None,
    title: Callable[[str], None] | None = None,
    gap: bool = False,
) -> None:
    """Print title, preamble and sections; *write_table* prints each table (and its lead-in).

    *prose* prints a paragraph (default: as it is, one line per line),
    *title* the title (default: as prose); *gap* puts a blank line after headings and around tables, as Word exports do.
    """

    def plain(text: str) -> None:
        for line in text.split("\n"):
            out.line(line)

    show = prose or plain
    (title or show)(doc.title)
    if gap:
        out.line()
    if doc.preamble:
        show(doc.preamble)
    for part in doc.parts:
        if part.heading is not None:
            out.line(part.heading)
            if gap and part.table is not None:
                out.line()
        if part.text:
            show(part.text)
        if part.table is not None:
            if part.lead_in is not None:
                out.line(part.lead_in)
            write_table(part)
            if gap:
                out.line()


def label_text(piece: Piece, wrap: str) -> str:
    """A label cell's text, its header wraps printed as *wrap*."""
    return piece.text.replace(WRAP, wrap)


def _missing(row: Row, width: int) -> int:
    return width - sum(1 for c in row.cells if not c.merged)


# --- Word text export (seeds 000, 004; corpus 010) ---------------------------------


def write_word_export(doc: Document, out: Out, draws: Draws) -> None:
    """Word's text export: each cell a TAB-started line, a blank line ends a row.

    A line break inside a cell continues without a tab (``\\t商业`` /
    ``企业``); merged continuations and empty cells are a lone tab; a dropped
    cell leaves nothing.  As in the seeds, some documents start with a line
    ``附件1`` or break the title over two lines, and now and then a Word
    bookmark is left in front of a number (``[bookmark: OLE_LINK1]2731``).
    """
    attachment = draws.chance(0.25)
    broken_title = draws.chance(0.3)

    def row(r: Row) -> None:
        for piece in r.cells:
            if piece.dropped:
                continue
            out.put("\t")
            if piece.span is not None and draws.chance(0.004):
                out.put("[bookmark: OLE_LINK1]")
            out.cell(piece, None if piece.path else label_text(piece, "\n"))
            out.put("\n")
        out.put("\n")

    def table(part: Part) -> None:
        assert part.table is not None
        walk_table(doc, part.table, out, row)
        out.put("\n")

    def title(text: str) -> None:
        if attachment:
            out.line("附件1")
            out.line()
        cut = text.find("政府信息公开") + len("政府信息")
        if broken_title and 0 < cut < len(text):
            out.line(text[:cut])
            out.line(text[cut:])
        else:
            out.line(text)

    document(doc, out, table, title=title, gap=True)


def write_word_paragraphs(doc: Document, out: Out, draws: Draws) -> None:
    """A Word table pasted into a web page: every cell and line its own paragraph (corpus 010).

    Paragraphs are separated by blank lines; a header cell that wraps
    becomes two paragraphs (``商业`` / ``企业``); rows are not marked; the
    page's own lines (``您当前所在位置: 首页 > …``) come first.  An empty cell
    cannot be shown (an empty paragraph is dropped): it vanishes.
    """

    def paragraphs(text: str) -> None:
        for line in text.split("\n"):
            out.line(line)
            out.line()

    for chrome in (
        "关怀版 无障碍",
        "您当前所在位置: 首页 > 政府信息公开 > 信息公开年报",
        "访问量:",
    ):
        paragraphs(chrome)

    def row(r: Row) -> None:
        for piece in r.shown:
            if piece.path is None:
                paragraphs(label_text(piece, "\n"))
            elif piece.text == "":
                out.hide(piece)
            else:
                out.cell(piece)
                out.put("\n\n")

    def table(part: Part) -> None:
        assert part.table is not None
        walk_table(doc, part.table, out, row)

    document(doc, out, table, prose=paragraphs, gap=True)


# --- pipe text -----------------------------------------------------------------------


def write_pipe_rows(doc: Document, out: Out, draws: Draws) -> None:
    """Pipe text, one row per line (corpus 007, 011, 021): ``规章 | 0 | 0 | 0 |``.

    Group labels share the line with the first sub-row; merged cells leave
    padding (``||``, ``|||``) in some documents, and some print a leading
    ``|`` (021).
    """
    padded = draws.chance(0.6)
    leading = draws.chance(0.3)

    def row(r: Row, width: int) -> None:
        if leading:
            out.put("| ")
        for i, piece in enumerate(r.shown):
            if i:
                out.put(" | ")
            out.cell(piece, None if piece.path else label_text(piece, " "))
        out.put(" |")
        missing = _missing(r, width)
        if padded and missing >= 2:
            out.put(" " + "|" * missing)
        out.put("\n")

    _by_rows(doc, out, row)


def write_pipe_cells_sep(doc: Document, out: Out, draws: Draws) -> None:
    """Pipe text, one cell per line (``25 |``) and a bare ``|`` line before each row (corpus 005).

    An empty cell is a bare ``|`` line too; the last cell of a row with
    merged cells carries the padding (``第二十条第(一)项 | |||``).
    """

    def row(r: Row, width: int) -> None:
        out.line("|")
        shown = r.shown
        missing = _missing(r, width)
        for i, piece in enumerate(shown):
            if piece.text == "":
                out.put("|")
            else:
                out.cell(piece, None if piece.path else label_text(piece, " "))
                out.put(" |")
            if i == len(shown) - 1 and missing >= 2:
                out.put(" " + "|" * missing)
            out.put("\n")

    _by_rows(doc, out, row)


def write_pipe_cells_nosep(doc: Document, out: Out, draws: Draws) -> None:
    """Pipe text, one cell per line with no separator line between rows (corpus 009).

    ``规章 |`` / ``0 |`` / ``0 |``; an empty cell is a bare ``|``; a row with
    merged cells ends with a padding line (``||``, ``|||``).
    """

    def row(r: Row, width: int) -> None:
        for piece in r.shown:
            if piece.text == "":
                out.line("|")
                continue
            out.cell(piece, None if piece.path else label_text(piece, ""))
            out.put(" |\n")
        missing = _missing(r, width)
        if missing >= 2:
            out.line("|" * missing)

    _by_rows(doc, out, row)


def write_bar_lines(doc: Document, out: Out, draws: Draws) -> None:
    """One cell per line and ``|`` on a line of its own after each cell (corpus 015).

    An empty cell leaves two ``|`` lines in a row; header cells wrap over
    lines (``商业`` / ``企业``).
    """

    def row(r: Row) -> None:
        for piece in r.shown:
            if piece.text:
                out.cell(piece, None if piece.path else label_text(piece, "\n"))
                out.put("\n")
            out.line("|")

    def table(part: Part) -> None:
        assert part.table is not None
        walk_table(doc, part.table, out, row)

    document(doc, out, table)


# --- glued crawler text (corpus 001) ----------------------------------------------------

_T2_DOCUMENT_ROWS = frozenset({"regulations", "normative_documents"})


def write_glued(doc: Document, out: Out, draws: Draws) -> None:
    """Crawler text with the tags stripped: the body is one line, cells touch (corpus 001).

    ``规章000行政规范性文件693665``; a blank cell vanishes; now and then a
    stray space sits between two cells (``500000 5``).  The crawler's own
    header lines come first.  A web page has no pages: no page markers.  A
    row whose digits split more than one way that its own identity allows
    (table 二 has none), or one with a blank cell that vanished, is not
    expected: a reader may place it with other identities or leave it.
    """
    out.line(f"标题: {doc.title}")
    out.line("栏目: 政府信息公开年报")
    out.line("==================== 正文 ====================")
    out.put(f"当前位置：首页政务公开政府信息公开政府信息公开年报 {doc.title} ")
    out.put(doc.preamble.replace("\n", ""))

    def row(r: Row) -> None:
        run = ""
        for piece in r.shown:
            if piece.path is not None and draws.chance(0.03):
                out.put(" ")
                run += " "
            if piece.path is not None and piece.text == "":
                out.hide(piece)
            out.cell(piece, None if piece.path else label_text(piece, "").replace("\n", ""))
            run += piece.text if piece.path else ""
        values = r.values
        if r.key in _T2_DOCUMENT_ROWS:
            ways = splits(run, len(values))
        elif r.kind == "data" and len(values) > 1:
            ways = sum_splits(run, [5, 5, 5] if r.key == "t4" else [7])
        else:
            ways = 1
        if ways != 1 or any(c.path in out.hidden_paths for c in values):
            for piece in values:
                out.unsure(piece.path or "")

    for part in doc.parts:
        if part.heading is not None:
            out.put((" " if part.table is not None else "") + part.heading)
        out.put(part.text.replace("\n", ""))
        if part.table is not None:
            out.put(" ")
            if part.lead_in is not None:
                out.put(part.lead_in)
            for r in part.table.rows:
                row(r)
            out.put(" ")
    out.put(" 附件下载\n")


def _by_rows(doc: Document, out: Out, row: Callable[[Row, int], None]) -> None:
    """Print the document, each table row by *row*, given the row and its table's width."""

    def table(part: Part) -> None:
        assert part.table is not None
        t = part.table
        walk_table(doc, t, out, lambda r: row(r, t.width))

    document(doc, out, table)
