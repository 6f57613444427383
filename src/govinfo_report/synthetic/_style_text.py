"""Plain-text styles: Word exports, pipe text, PDF page text, glued crawler text.

Each ``write_*`` function prints a :class:`~govinfo_report.synthetic._grid.Document`
into an :class:`~govinfo_report.synthetic._out.Out` the way one kind of real
file does (the corpus files named in each docstring).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from govinfo_report.synthetic._expected import splits, sum_splits
from govinfo_report.synthetic._grid import NOTE, WRAP

if TYPE_CHECKING:
    from govinfo_report.synthetic._grid import Document, Part, Piece, Row, Table
    from govinfo_report.synthetic._noise import Draws
    from govinfo_report.synthetic._out import Out

__all__ = [
    "PROSE_WIDTH",
    "document",
    "page_break",
    "walk_table",
    "wrap_prose",
    "write_bar_lines",
    "write_glued",
    "write_pdf_text",
    "write_pipe_cells_nosep",
    "write_pipe_cells_sep",
    "write_pipe_rows",
    "write_plain_lines",
    "write_word_export",
    "write_word_paragraphs",
]

PROSE_WIDTH = 30
"""Characters per line of PDF page text."""
_PAGE_LINES = 40
_LABEL_WIDTH = 16


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
        full = pages and out.lines - out.page_start >= _PAGE_LINES
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


def _label(piece: Piece, wrap: str) -> str:
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
            out.cell(piece, None if piece.path else _label(piece, "\n"))
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
                paragraphs(_label(piece, "\n"))
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
            out.cell(piece, None if piece.path else _label(piece, " "))
        out.put(" |")
        missing = _missing(r, width)
        if padded and missing >= 2:
            out.put(" " + "|" * missing)
        out.put("\n")

    def table(part: Part) -> None:
        assert part.table is not None
        t = part.table
        walk_table(doc, t, out, lambda r: row(r, t.width))

    document(doc, out, table)


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
                out.cell(piece, None if piece.path else _label(piece, " "))
                out.put(" |")
            if i == len(shown) - 1 and missing >= 2:
                out.put(" " + "|" * missing)
            out.put("\n")

    def table(part: Part) -> None:
        assert part.table is not None
        t = part.table
        walk_table(doc, t, out, lambda r: row(r, t.width))

    document(doc, out, table)


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
            out.cell(piece, None if piece.path else _label(piece, ""))
            out.put(" |\n")
        missing = _missing(r, width)
        if missing >= 2:
            out.line("|" * missing)

    def table(part: Part) -> None:
        assert part.table is not None
        t = part.table
        walk_table(doc, t, out, lambda r: row(r, t.width))

    document(doc, out, table)


def write_bar_lines(doc: Document, out: Out, draws: Draws) -> None:
    """One cell per line and ``|`` on a line of its own after each cell (corpus 015).

    An empty cell leaves two ``|`` lines in a row; header cells wrap over
    lines (``商业`` / ``企业``).
    """

    def row(r: Row) -> None:
        for piece in r.shown:
            if piece.text:
                out.cell(piece, None if piece.path else _label(piece, "\n"))
                out.put("\n")
            out.line("|")

    def table(part: Part) -> None:
        assert part.table is not None
        walk_table(doc, part.table, out, row)

    document(doc, out, table)


# --- PDF page text (corpus 023, SH25, KW24, HA24) -------------------------------------


def _chunks(text: str, width: int) -> list[str]:
    chunks: list[str] = []
    for part in text.split("\n"):
        chunks += [part[i : i + width] for i in range(0, len(part), width)] or [""]
    return chunks


def _fragments(label: str, n: int) -> list[str]:
    """Cut *label* into *n* pieces, as a vertical merged cell prints over *n* lines."""
    text = label.replace("\n", "")
    size = -(-len(text) // n)
    return [text[i : i + size] for i in range(0, len(text), size)]


def _group_prefixes(table: Table) -> dict[int, list[str]]:
    """For each table-三 row index, the fragments of merged group labels printed on its line.

    A merged label is printed in the middle of the rows it spans, cut into
    pieces that share lines with the rows there (``（三）不`` / ``予公开``).
    """
    spans: dict[tuple[int, str], list[int]] = {}
    texts: dict[tuple[int, str], str] = {}
    current: list[str | None] = [None, None]
    for i, row in enumerate(table.rows):
        if row.kind != "data":
            continue
        labels = row.labels[:-1]
        for depth in range(2):
            if depth < len(labels):
                piece = labels[depth]
                if not piece.merged:
                    current[depth] = f"{i}"
                    texts[(depth, f"{i}")] = piece.text
                key = current[depth]
                if key is not None:
                    spans.setdefault((depth, key), []).append(i)
            else:
                current[depth] = None
    prefixes: dict[int, list[str]] = {}
    for (depth, key), rows in sorted(spans.items()):
        n = 3 if depth == 0 else 2
        n = min(n, len(rows))
        pieces = _fragments(texts[(depth, key)], n)
        start = (len(rows) - len(pieces)) // 2
        for offset, fragment in enumerate(pieces):
            prefixes.setdefault(rows[start + offset], []).append(fragment)
    return prefixes


def _values_line(out: Out, head: Sequence[str], values: Sequence[Piece]) -> None:
    out.put(" ".join(t for t in head if t))
    first = not any(head)
    for piece in values:
        if piece.dropped or piece.text == "":
            out.hide(piece)
            continue
        if not first:
            out.put(" ")
        first = False
        out.cell(piece)
    out.put("\n")


def write_pdf_text(doc: Document, out: Out, draws: Draws) -> None:
    """PDF page text: cells separated by spaces, headers and long labels broken over lines.

    Prose wraps at :data:`PROSE_WIDTH` characters, pages end with a marker
    (``— 4 —``) and table 三 prints its header again on the next page;
    header words of neighbouring cells share lines (``结果 结果 其他 尚未 总``
    / ``维持 纠正 结果 审结 计``, corpus 023); merged group labels are cut
    into pieces beside the middle rows (``（三）不`` / ``予公开``); labels
    longer than a cell wrap, their value line between the pieces.  A blank
    cell cannot be shown: it is dropped (the text has no room for nothing).
    """

    def prose(text: str) -> None:
        for line in wrap_prose(text):
            out.line(line)
            if out.lines - out.page_start >= _PAGE_LINES:
                page_break(doc, out)

    plain = doc.half
    note = NOTE.translate(str.maketrans("（），：", "(),:")) if plain else NOTE
    cut = note.index("，") if "，" in note else note.index(",")

    def t2_row(r: Row) -> None:
        if r.kind == "title":
            out.line(r.cells[0].text.replace("\n", " "))
        elif r.kind == "header" and len(r.cells) == 4:
            heads = [c.text for c in r.cells[1:]]
            out.line(f"{r.cells[0].text} " + " ".join(h[:4] for h in heads))
            out.line(" ".join(h[4:] for h in heads))
        elif r.kind == "header":
            out.line(" ".join(c.text for c in r.cells))
        else:
            _values_line(out, [r.cells[0].text.replace("\n", "")], r.values)

    def t3_header() -> None:
        out.line("申请人情况")
        out.line(f"{note[: cut + 1]} 法人或其他组织")
        out.line(f"{note[cut + 1 :]} 自然人 商业 科研 社会公益 法律服务 其他 总计")
        out.line("企业 机构 组织 机构")

    def t3_rows(t: Table) -> None:
        prefixes = _group_prefixes(t)
        data = [(i, r) for i, r in enumerate(t.rows) if r.kind == "data"]
        t3_header()
        for n, (i, r) in enumerate(data):
            chunks = _chunks(r.labels[-1].text, _LABEL_WIDTH)
            head = prefixes.get(i, [])
            if len(chunks) == 1:
                _values_line(out, [*head, chunks[0]], r.values)
            else:
                out.line(chunks[0])
                middle = chunks[1] if len(chunks) > 2 else ""
                _values_line(out, [*head, middle], r.values)
                out.line("".join(chunks[2:] if len(chunks) > 2 else chunks[1:]))
            full = out.lines - out.page_start >= _PAGE_LINES
            if (r.page_break or full) and n < len(data) - 1:
                page_break(doc, out)
                t3_header()

    def t4_rows(t: Table) -> None:
        out.line("行政复议 行政诉讼")
        out.line("未经复议直接起诉 复议后起诉")
        out.line("结果 结果 其他 尚未 总")
        out.line("维持 纠正 结果 审结 计 结果 结果 其他 尚未 总 结果 结果 其他 尚未 总")
        out.line("维持 纠正 结果 审结 计 维持 纠正 结果 审结 计")
        _values_line(out, [], t.rows[-1].values)

    def table(part: Part) -> None:
        t = part.table
        assert t is not None
        if t.key == "t2":
            walk_table(doc, t, out, t2_row, pages=True)
        elif t.key == "t3":
            t3_rows(t)
        else:
            t4_rows(t)

    document(doc, out, table, prose=prose, title=_pdf_title(out))
    page_break(doc, out)


def _pdf_title(out: Out) -> Callable[[str], None]:
    def title(text: str) -> None:
        cut = max(1, len(text) - 6)
        out.line(text[:cut])
        out.line(text[cut:])

    return title


def write_plain_lines(doc: Document, out: Out, draws: Draws) -> None:
    """Text of a PDF or web page where header cells run together (SH25, KW24).

    Table 二 prints as ``信息内容本年处理决定数量`` / ``行政许可 0``; rows
    are a label and space-separated numbers, group labels glued to the first
    row's label (``三、本年度办理结果（一）予以公开 8 0 1 0 0 0 9``).  A
    blank cell cannot be shown: it is dropped.
    """

    def row(r: Row) -> None:
        if r.kind == "data":
            labels = "".join(c.text.replace("\n", "") for c in r.labels if not c.merged)
            _values_line(out, [labels], r.values)
        else:
            out.line("".join(_label(c, "") for c in r.shown))

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
            out.cell(piece, None if piece.path else _label(piece, "").replace("\n", ""))
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
