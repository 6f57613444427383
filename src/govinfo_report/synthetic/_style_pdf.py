"""PDF page text: space-separated cells, broken headers and labels, page markers.

``pdf_text`` (corpus 023, SH25, KW24), ``pdf_vertical`` (HA24, the PDF of
corpus 303, as a text extractor gives it) and ``plain_lines`` (page text
whose header cells run together).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from govinfo_report.synthetic._grid import NOTE
from govinfo_report.synthetic._style_text import (
    PAGE_LINES,
    document,
    label_text,
    page_break,
    walk_table,
    wrap_prose,
)

if TYPE_CHECKING:
    from govinfo_report.synthetic._grid import Document, Part, Piece, Row, Table
    from govinfo_report.synthetic._noise import Draws
    from govinfo_report.synthetic._out import Out

__all__ = ["write_pdf_text", "write_pdf_vertical", "write_plain_lines"]

_LABEL_WIDTH = 16


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


def _vertical(label: str) -> list[str]:
    """A vertical merged label, one character a line, its ordinal kept whole (``三、`` / ``本`` …)."""
    text = label.replace("\n", "")
    cut = text.find("、") + 1
    return ([text[:cut]] if cut else []) + list(text[cut:])


def _group_pieces(
    table: Table, *, vertical: bool = False
) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """Where the merged group labels of table 三 go: pieces on a row's line, and lines before a row.

    A merged label is printed in the middle of the rows it spans, cut into
    pieces that share lines with the rows there (``（三）不`` / ``予公开``).
    *vertical* (HA24): the level-1 label runs down one character a line, its
    characters alternating between lines of their own and the start of a
    row's line, and a group label's second piece gets a line of its own.
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
    before: dict[int, list[str]] = {}
    for (depth, key), rows in sorted(spans.items()):
        if vertical and depth == 0:
            pieces = _vertical(texts[(depth, key)])
            start = max(0, (len(rows) - (len(pieces) + 1) // 2) // 2)
            for k, fragment in enumerate(pieces):
                at = rows[min(start + k // 2, len(rows) - 1)]
                (before if k % 2 == 0 else prefixes).setdefault(at, []).append(fragment)
            continue
        n = min(3 if depth == 0 else 2, len(rows))
        pieces = _fragments(texts[(depth, key)], n)
        start = (len(rows) - len(pieces)) // 2
        for offset, fragment in enumerate(pieces):
            at = rows[start + offset]
            if vertical and offset:
                before.setdefault(at, []).append(fragment)
            else:
                prefixes.setdefault(at, []).append(fragment)
    return prefixes, before


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
    _write_pdf(doc, out, vertical=False)


def write_pdf_vertical(doc: Document, out: Out, draws: Draws) -> None:
    """PDF page text as a text extractor gives HA24's tables (the PDF of corpus 303).

    As :func:`write_pdf_text`, but ``三、本年度办理结果`` runs down the rows
    one character a line (``三、`` / ``本 2.其他…`` / ``年`` …), a group
    label's second piece has a line of its own (``（三）不 4.保护…`` /
    ``予公开``), the header cells wrap as in HA24 (``商业企 科研机 社会公益
    法律服务`` / ``其他`` / ``业 构 组织 机构``) and a page break does not
    repeat the header.  A blank cell is dropped.
    """
    _write_pdf(doc, out, vertical=True)


def _write_pdf(doc: Document, out: Out, *, vertical: bool) -> None:
    def prose(text: str) -> None:
        for line in wrap_prose(text):
            out.line(line)
            if out.lines - out.page_start >= PAGE_LINES:
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
        if vertical:
            out.line(note[cut + 1 :])
            out.line("自然人 总计")
            out.line("商业企 科研机 社会公益 法律服务")
            out.line("其他")
            out.line("业 构 组织 机构")
            return
        out.line(f"{note[cut + 1 :]} 自然人 商业 科研 社会公益 法律服务 其他 总计")
        out.line("企业 机构 组织 机构")

    def t3_rows(t: Table) -> None:
        prefixes, before = _group_pieces(t, vertical=vertical)
        data = [(i, r) for i, r in enumerate(t.rows) if r.kind == "data"]
        t3_header()
        for n, (i, r) in enumerate(data):
            chunks = _chunks(r.labels[-1].text, 14 if vertical else _LABEL_WIDTH)
            head = prefixes.get(i, [])
            for line in before.get(i, []):
                out.line(line)
            if len(chunks) == 1:
                _values_line(out, [*head, chunks[0]], r.values)
            else:
                out.line(chunks[0])
                middle = chunks[1] if len(chunks) > 2 else ""
                _values_line(out, [*head, middle], r.values)
                out.line("".join(chunks[2:] if len(chunks) > 2 else chunks[1:]))
            full = out.lines - out.page_start >= PAGE_LINES
            if (r.page_break or full) and n < len(data) - 1:
                page_break(doc, out)
                if not vertical:
                    t3_header()

    def t4_rows(t: Table) -> None:
        if vertical:
            for line in (
                "行政复议 行政诉讼",
                "未经复议直接起诉 复议后起诉",
                "结果 结果 其他结 尚未",
                "总计",
                "结 果 结果 其他 尚未 结果 结果 其他 尚未审",
                "维持 纠正 果 审结",
                "总计 总计",
                "维持 纠正 结果 审结 维持 纠正 结果 结",
            ):
                out.line(line)
            _values_line(out, [], t.rows[-1].values)
            return
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
            out.line("".join(label_text(c, "") for c in r.shown))

    def table(part: Part) -> None:
        assert part.table is not None
        walk_table(doc, part.table, out, row)

    document(doc, out, table)
