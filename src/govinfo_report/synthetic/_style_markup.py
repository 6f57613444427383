"""Markup styles: GFM Markdown, OCR Markdown, converter Markdown made from a PDF, Word HTML.

Each ``write_*`` function prints a :class:`~govinfo_report.synthetic._grid.Document`
into an :class:`~govinfo_report.synthetic._out.Out` the way one kind of real
file does.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from govinfo_report.synthetic._grid import WRAP
from govinfo_report.synthetic._style_text import document, page_break, walk_table, wrap_prose

if TYPE_CHECKING:
    from govinfo_report.synthetic._grid import Document, Part, Piece, Row, Table
    from govinfo_report.synthetic._noise import Draws
    from govinfo_report.synthetic._out import Out

__all__ = ["write_converter_md", "write_html_word", "write_md_gfm", "write_ocr_md"]

_PAGE_LINES = 40
_FREE_LABEL = 18


def _md_label(piece: Piece) -> str:
    return piece.text.replace(WRAP, "").replace("\n", "<br>")


def _md_row(out: Out, cells: list[Piece | str], *, pad: int = 0) -> None:
    """``| a | b | … |``: strings are labels, pieces are cells (a dropped cell is left out)."""
    out.put("|")
    for cell in cells:
        if isinstance(cell, str):
            out.put(f" {cell} |")
        elif not cell.dropped:
            out.put(" ")
            out.cell(cell, None if cell.path else _md_label(cell))
            out.put(" |")
    out.put("  |" * pad)
    out.put("\n")


def _separator(out: Out, n: int) -> None:
    out.line("|" + "---|" * n)


# --- GFM Markdown ---------------------------------------------------------------------


def write_md_gfm(doc: Document, out: Out, draws: Draws) -> None:
    """GFM Markdown: ``#`` … ``####`` headings, one pipe table per section.

    Every grid row is a table row, merged continuations and empty cells
    empty (``|  |``); some documents give each table a ``|---|`` separator
    after its first row, others none.
    """
    level = 2 + draws.below(3)
    separators = draws.chance(0.6)
    out.line(f"# {doc.title}")
    out.line()
    if doc.preamble:
        out.line(doc.preamble)
        out.line()
    for part in doc.parts:
        if part.heading is not None:
            out.line(f"{'#' * level} {part.heading}")
            out.line()
        if part.text:
            for line in part.text.split("\n"):
                out.line(f"{'#' * (level + 1)} {line}" if line.startswith("（") else line)
            out.line()
        t = part.table
        if t is None:
            continue
        if part.lead_in is not None:
            out.line(part.lead_in)
            out.line()
        first = True

        def row(r: Row, t: Table = t) -> None:
            nonlocal first
            cells: list[Piece | str] = [c if not c.merged else "" for c in r.cells]
            _md_row(out, cells, pad=max(0, t.width - len(r.cells)))
            if first and separators:
                _separator(out, t.width)
            first = False

        walk_table(doc, t, out, row)
        out.line()


# --- OCR Markdown (SY25) ----------------------------------------------------------------


def write_ocr_md(doc: Document, out: Out, draws: Draws) -> None:
    """Markdown from OCR: small tables instead of the merged grid (SY25).

    Table 二 prints as four tables, one per 第二十条 block; table 三 as a
    header table and then one table per group of rows with placeholder
    column headers ``数据1`` … ``数据7`` (or one short, ``数据6``); table 四
    as three five-column tables.
    """
    columns = 6 if draws.chance(0.4) else 7

    def t2(t: Table) -> None:
        for r in t.rows:
            if r.kind == "title":
                out.line()
                _md_row(out, [_md_label(r.cells[0])], pad=3)
                _separator(out, 4)
            else:
                cells: list[Piece | str] = list(r.cells)
                _md_row(out, cells)
        out.line()

    def t3(t: Table) -> None:
        note = t.rows[0].cells[0].text
        out.line()
        _md_row(out, [note, t.rows[0].cells[1].text])
        _separator(out, 2)
        for r in t.rows[1:3]:
            _md_row(out, [_md_label(c) if not c.merged else "" for c in r.cells])
        out.line()
        group: str | None = None
        for r in t.rows[3:]:
            name = r.groups[-1] if r.groups else ""
            if name != group or r.key == "total_processed":
                group = name
                labels = [c for c in r.labels[:-1] if not c.merged]
                title = _md_label(labels[-1]) if labels else "项目"
                if r.key == "total_processed":
                    title = "项目"
                    group = "（七）"
                out.line()
                _md_row(out, [title, *(f"数据{i}" for i in range(1, columns + 1))])
                _separator(out, columns + 1)
            _md_row(out, [r.labels[-1], *r.values])
            if r.page_break:
                page_break(doc, out, blank=True)
        out.line()

    def t4(t: Table) -> None:
        values = t.rows[-1].values
        titles = (("行政复议",), ("行政诉讼", "未经复议直接起诉"), ("行政诉讼", "复议后起诉"))
        for g, title in enumerate(titles):
            out.line()
            _md_row(out, list(title), pad=5 - len(title))
            _separator(out, 5)
            _md_row(out, ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"])
            _md_row(out, list(values[5 * g : 5 * g + 5]))
        out.line()

    out.line(f"# {doc.title}")
    out.line()
    if doc.preamble:
        out.line(doc.preamble)
    for part in doc.parts:
        out.line()
        if part.heading is not None:
            out.line(f"## {part.heading}")
            out.line()
        if part.text:
            for line in part.text.split("\n"):
                out.line(line)
                out.line()
        t = part.table
        if t is None:
            continue
        if part.lead_in is not None:
            out.line(part.lead_in)
        {"t2": t2, "t3": t3, "t4": t4}[t.key](t)


# --- Markdown made from a PDF by a converter (corpus 101) -------------------------------


def write_converter_md(doc: Document, out: Out, draws: Draws) -> None:
    """Markdown a converter made from a PDF (corpus 101).

    Prose wraps as on the page and pages end with markers; tables become
    pipe tables with ``|---|`` rows, cut into fragments each headed again
    by ``## 表三：…``; a long row label is a free line followed by a
    label-less row of values; merged group labels become extra first cells
    (``| （三）不 | 4.保护… |``) or free lines; header cells spill out as
    free lines; table 二's decision blocks are plain lines (``行政许可 0``).
    A table-二 cell with a note is printed apart, as free lines (``22`` /
    ``（其中修订16件）``) before the table, and its row loses that cell: no
    reader can tie those values to their cells, so they are not expected.
    """

    def free(text: str, width: int = 30) -> None:
        for line in wrap_prose(text, width):
            out.line(line)
            if out.lines - out.page_start >= _PAGE_LINES:
                page_break(doc, out)

    def t2(t: Table) -> None:
        noted = [
            c for r in t.rows for c in r.values if c.span is not None and len(c.text) > c.span[1]
        ]
        heading = f"## 表二：{doc.parts[1].heading or '主动公开政府信息情况'}".replace("二、", "")
        block_rows: list[Row] = []
        for r in t.rows:
            if r.kind == "title":
                out.line(r.cells[0].text.replace("\n", ""))
                if r.groups[0].endswith("（一）项"):
                    for c in noted:
                        assert c.span is not None
                        out.cell(c, c.text[: c.span[1]])
                        out.put("\n")
                        out.line(c.text[c.span[1] :])
            elif r.kind == "header" and len(r.cells) == 2:
                out.line("".join(c.text for c in r.cells))
            elif r.kind == "header" or r.groups[0].endswith("（一）项"):
                block_rows.append(r)
            else:
                out.put(r.cells[0].text.replace("\n", ""))
                for c in r.values:
                    if not c.dropped and c.text:
                        out.put(" ")
                        out.cell(c)
                out.put("\n")
        page_break(doc, out)
        for r in block_rows:
            if r.kind == "header":
                _md_row(out, [c.text for c in r.cells])
                _separator(out, 4)
                continue
            out.line(heading)
            kept = [c for c in r.values if c not in noted]
            if len(kept) < len(r.values):
                for c in r.values:
                    out.unsure(c.path or "")
            _md_row(out, [r.cells[0].text.replace("\n", ""), *kept])
            _separator(out, 1 + len(kept))
        out.line()

    def t3(t: Table) -> None:
        title = "## 表三：收到和处理政府信息公开申请情况"
        note = t.rows[0].cells[0].text
        cut = max(note.find("，"), note.find(",")) + 1
        for line in ("申请人情况", "法人或其他组织", note[:cut], "社会法律", "公益服务其他"):
            out.line(line)
        out.line("企业机构")
        out.line("组织机构")
        out.line(title)
        _md_row(out, [note[cut:], "自然人", "商业", "科研", "总计"])
        _separator(out, 5)
        fresh = False
        data = [r for r in t.rows if r.kind == "data"]
        level1_at = len(data) // 2
        for n, r in enumerate(data):
            labels = [c for c in r.labels if not c.merged]
            label = labels[-1].text.replace("\n", "")
            extra = _group_fragment(data, n)
            spill = len(label) > _FREE_LABEL or (
                r.key not in {"new_received", "carried_over"} and draws.chance(0.08)
            )
            if n == level1_at:
                out.line()
                for piece in ("三、本", "年度办", "理结果"):
                    out.line(piece)
                fresh = True
            if len(labels) == 2 and r.groups[-1].startswith(("（四）", "（六）")):
                out.line()
                free(labels[0].text.replace("\n", ""), 4)
                fresh = True
            if spill:
                out.line()
                free(label, _FREE_LABEL)
                fresh = True
            start = fresh or draws.chance(0.15)
            if start:
                out.line()
                if draws.chance(0.5):
                    out.line(title)
            cells: list[Piece | str] = list(r.values)
            if not spill:
                cells.insert(0, label)
            if extra is not None:
                cells.insert(0, extra)
            _md_row(out, cells, pad=1 if draws.chance(0.3) else 0)
            if start:
                _separator(out, len(cells))
            fresh = spill
            if r.page_break or out.lines - out.page_start >= _PAGE_LINES:
                page_break(doc, out)
                fresh = True
        out.line()

    def t4(t: Table) -> None:
        out.line("行政复议行政诉讼")
        out.line("未经复议直接起诉复议后起诉")
        out.line("结果结果其他尚未")
        out.line("总计结果结果其他尚未结果结果其他尚未")
        out.line("维持纠正结果审结维持纠正结果审结")
        out.line("注：行政复议、行政诉讼数量含上年度结转数量。")
        _md_row(out, ["维持", "纠正", "结果", "审结", "总计", "总计"])
        _separator(out, 6)
        _md_row(out, list(t.rows[-1].values))
        _separator(out, 15)
        out.line()

    def table(part: Part) -> None:
        t = part.table
        assert t is not None
        {"t2": t2, "t3": t3, "t4": t4}[t.key](t)

    def prose(text: str) -> None:
        free(text)
        out.line()

    out.line("正文")
    document(doc, out, table, prose=prose)
    page_break(doc, out)


def _group_fragment(data: list[Row], n: int) -> str | None:
    """The piece of a (三) or (五) group label a converter prints as an extra first cell."""
    row = data[n]
    if len(row.groups) < 2 or not row.groups[-1].startswith(("（三）", "(三)", "（五）", "(五)")):
        return None
    members = [i for i, r in enumerate(data) if r.groups == row.groups]
    middle = members[len(members) // 2]
    label = next(
        r.labels[-2].text for r in data if r.groups == row.groups and not r.labels[-2].merged
    )
    label = label.replace("\n", "")
    if n == middle - 1:
        return label[:4]
    if n == middle:
        return label[4:]
    return None


# --- HTML saved from Word (SYF23, corpus 042) -------------------------------------------

_TD = "<td valign=center style='border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm 5.4pt'>"
_P = "<p class=MsoNormal align=center style='text-align:center'>"
_SPAN = "<span style='font-size:10.5pt;font-family:仿宋_GB2312'>"


def _html_cell(out: Out, piece: Piece, draws: Draws, attrs: str = "") -> None:
    td = _TD if not attrs else _TD.replace("<td ", f"<td {attrs} ")
    out.put(td + _P)
    text = piece.text
    if piece.path is not None:
        if text == "":
            out.put("<span lang=EN-US>&nbsp;<o:p></o:p></span>")
        elif piece.span is not None and piece.span[1] - piece.span[0] >= 2 and draws.chance(0.3):
            a, b = piece.span
            cut = a + 1 + draws.below(b - a - 1)
            start = out.pos + len("<span lang=EN-US>") + a
            out.put(f"<span lang=EN-US>{html.escape(text[:cut])}</span>")
            out.put(f"<span lang=EN-US>{html.escape(text[cut:])}</span>")
            end = out.pos - len("</span>") - (len(text) - b)
            out.mark(piece.path, start, end)
        else:
            out.put("<span lang=EN-US>")
            out.cell(piece, html.escape(text))
            out.put("</span>")
    else:
        lines = text.split(WRAP)
        for i, line in enumerate(lines):
            if i:
                out.put(f"</p>{_P}")
            body = html.escape(line).replace("\n", "<br>")
            if draws.chance(0.4):
                out.put("".join(f"{_SPAN}{ch}</span>" for ch in body))
            else:
                out.put(f"{_SPAN}{body}</span>")
            if draws.chance(0.2):
                out.put("<span>&nbsp;</span>")
    out.put("</p></td>\n")


def _html_rows(t: Table) -> list[list[tuple[Piece, str]]]:
    """The rows of *t* as ``(cell, attributes)``: the official rowspan/colspan (SPEC §3)."""
    rows: list[list[tuple[Piece, str]]] = []
    if t.key == "t2":
        for r in t.rows:
            if r.kind == "title":
                rows.append([(r.cells[0], "colspan=4")])
            else:
                span = "colspan=3" if len(r.cells) == 2 else ""
                rows.append([(r.cells[0], ""), *((c, span) for c in r.cells[1:] if not c.dropped)])
        return rows
    if t.key == "t4":
        h1, h2, h3, data = t.rows
        rows.append([(h1.cells[0], "colspan=5"), (h1.cells[1], "colspan=10")])
        rows.append(
            [
                *((c, "rowspan=2") for c in h2.cells[:5]),
                (h2.cells[5], "colspan=5"),
                (h2.cells[6], "colspan=5"),
            ]
        )
        rows.append([(c, "") for c in h3.cells[5:]])
        rows.append([(c, "") for c in data.cells if not c.dropped])
        return rows
    h1, h2, h3 = t.rows[:3]
    rows.append([(h1.cells[0], "colspan=3 rowspan=3"), (h1.cells[1], "colspan=7")])
    rows.append(
        [(h2.cells[1], "rowspan=2"), (h2.cells[2], "colspan=5"), (h2.cells[3], "rowspan=2")]
    )
    rows.append([(c, "") for c in h3.cells[2:7]])
    body = t.rows[3:]
    for r in body:
        out: list[tuple[Piece, str]] = []
        labels = r.labels
        for depth, piece in enumerate(labels[:-1]):
            if piece.merged:
                continue
            count = sum(1 for other in body if other.groups[: depth + 1] == r.groups[: depth + 1])
            out.append((piece, f"rowspan={count}"))
        span = {1: "colspan=3", 2: "colspan=2"}.get(len(labels), "")
        out.append((labels[-1], span))
        out += [(c, "") for c in r.values if not c.dropped]
        rows.append(out)
    return rows


def write_html_word(doc: Document, out: Out, draws: Draws) -> None:
    """HTML saved from Word: the official rowspan/colspan, ``<p>``/``<span>`` runs in cells.

    Header cells hold one ``<span>`` per character now and then and
    ``&nbsp;`` runs; a number may be split over two runs
    (``20</span><span>23``); an empty cell is ``&nbsp;<o:p></o:p>``.  Page
    markers are not printed (a web page has no pages).
    """

    def para(text: str, *, bold: bool = False) -> None:
        for line in text.split("\n"):
            body = html.escape(line)
            if bold:
                body = f"<b>{body}</b>"
            out.line(f"<p class=MsoNormal style='text-indent:32.0pt'>{_SPAN}{body}</span></p>")

    out.line('<html xmlns:o="urn:schemas-microsoft-com:office:office">')
    out.line(f'<head><meta charset="utf-8"><title>{html.escape(doc.title)}</title></head>')
    out.line("<body lang=ZH-CN><div class=WordSection1>")
    out.line(f"<p class=MsoTitle align=center><b>{_SPAN}{html.escape(doc.title)}</span></b></p>")
    if doc.preamble:
        para(doc.preamble)
    for part in doc.parts:
        if part.heading is not None:
            para(part.heading, bold=True)
        if part.text:
            para(part.text)
        t = part.table
        if t is None:
            continue
        if part.lead_in is not None:
            para(part.lead_in)
        out.line("<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0>")
        for cells in _html_rows(t):
            out.line("<tr>")
            for piece, attrs in cells:
                _html_cell(out, piece, draws, attrs)
            out.line("</tr>")
        out.line("</table>")
    out.line("</div></body></html>")
