"""Markdown: the title, the six sections as headings, the tables as pipe tables.

The writer prints what a reader of the report wants to see, with the
official labels in the official order, and the reader reads that output
back exactly (``loads(dumps(report)) == report``, printed text included):

.. code-block:: markdown

    <!-- govinfo-report {"schema_version": 1, "agency": "…", "year": 2024, "format_version": "2021"} -->

    # 北京市西城区卫生健康委员会2024年政府信息公开工作年度报告

    附件1

    ## 一、总体情况

    2024年是……

    ## 2、 主动公开政府信息情况

    ### 第二十条第（一）项

    | 信息内容       |   本年制发件数 |   本年废止件数 |   现行有效件数 |
    |:---------------|---------------:|---------------:|---------------:|
    | 规章           |              0 |              0 |              0 |
    …

* The first line is an HTML comment (invisible when rendered) with what
  Markdown cannot show: agency, year and format version, and, only when
  needed, exact values for what the page shows approximately (a title or
  heading broken over lines, a section without a printed heading, a cell the
  text does not give at all, a cell whose printed text has leading spaces or
  a value its text does not spell).
* Each line of the preamble and of a section's narrative is its own
  paragraph; a line that Markdown would take for syntax (``#``, ``|``,
  ``-``, ``>`` …) gets a backslash in front.
* Table 二 is four pipe tables, one per 第二十条 item, each under a ``###``
  heading; table 三 is one table whose label column joins the merged labels
  (``三、本年度办理结果 （三）不予公开 1.属于国家秘密``) and whose columns
  are 自然人, 法人或其他组织 商业企业 … 总计; table 四 is one table of three
  rows (行政复议, 行政诉讼 未经复议直接起诉, 行政诉讼 复议后起诉) and the five
  outcome columns.  A table the report does not give at all is left out.
* Cells are printed as printed: a blank stays blank, ``/`` stays ``/``,
  ``22（其中修订16件）`` stays whole; ``|`` is written ``\\|`` and a line
  break ``<br>``.

Tables are made with :func:`tabulate.tabulate` (``tablefmt="pipe"``,
``disable_numparse=True``; wide characters measured with ``wcwidth``), so
the output is the same bytes on every machine.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Final

from tabulate import tabulate

from govinfo_report.codecs._form_labels import T3_NOTE
from govinfo_report.codecs._json_cells import encode_cell
from govinfo_report.codecs._json_report import SCHEMA_VERSION
from govinfo_report.codecs._md_generic import loads_generic
from govinfo_report.codecs._md_layout import (
    COMMENT_PREFIX,
    COMMENT_SUFFIX,
    TABLE_OF_SECTION,
    column_label,
    one_line,
    read_shown,
    row_label,
    shown_cell,
)
from govinfo_report.codecs._md_read import (
    MarkdownReader,
    exact_cells,
    meta_text,
    meta_year,
    read_cells,
    read_header,
    read_sections,
    sort_blocks,
    split_blocks,
)
from govinfo_report.codecs._sections import parse_title
from govinfo_report.exceptions import ParseError
from govinfo_report.schema import (
    CELL_SPECS,
    FORMAT_2021,
    Cell,
    Provenance,
    Report,
    ReportMeta,
)

if TYPE_CHECKING:
    from govinfo_report.schema import RowSpec, TableSpec

__all__ = ["dumps", "loads"]

_ESCAPED_STARTS: Final = frozenset("#|\\<>-+*=`~_")
_T2_CORNER: Final = "信息内容"


# -- writing -------------------------------------------------------------------


def _paragraphs(text: str) -> list[str]:
    if not text:
        return []
    return [f"\\{line}" if line[:1] in _ESCAPED_STARTS else line for line in text.split("\n")]


def _identical(a: Cell, b: Cell) -> bool:
    """Equal, and the amount keeps its digits (``Decimal('3.3') == Decimal('3.30')``)."""
    return (
        a.printed == b.printed and type(a.value) is type(b.value) and str(a.value) == str(b.value)
    )


def _pipe_table(header: list[str], rows: list[list[str]]) -> str:
    return tabulate(
        rows,
        headers=header,
        tablefmt="pipe",
        disable_numparse=True,
        colalign=("left", *("right",) * (len(header) - 1)),
    )


def _table_blocks(report: Report, spec: TableSpec, overrides: dict[str, object]) -> list[str]:
    def row_cells(row: RowSpec) -> list[str]:
        out = [row_label(spec.key, row)]
        for column in row.columns:
            path = f"{spec.key}.{row.key}.{column.key}"
            cell = report.cell(path)
            shown = shown_cell(cell)
            amount = CELL_SPECS[path].kind == "amount"
            if not _identical(read_shown(shown, amount=amount), cell):
                overrides[path] = encode_cell(cell)
            out.append(shown)
        return out

    if spec.key == "t2":
        blocks: list[str] = []
        groups: dict[str, list[RowSpec]] = {}
        for row in spec.rows:
            groups.setdefault(row.groups[0], []).append(row)
        for title, rows in groups.items():
            header = [
                _T2_CORNER,
                *(column_label("t2", rows[0], i) for i in range(len(rows[0].columns))),
            ]
            blocks += [f"### {title}", _pipe_table(header, [row_cells(r) for r in rows])]
        return blocks
    first = spec.rows[0]
    corner = T3_NOTE if spec.key == "t3" else ""
    header = [corner, *(column_label(spec.key, first, i) for i in range(len(first.columns)))]
    return [_pipe_table(header, [row_cells(r) for r in spec.rows])]


def dumps(report: Report) -> str:
    """Return *report* as Markdown (see the module docs for the layout).

    Args:
        report: The report.

    Returns:
        The Markdown text, ending with a newline; the same bytes on every
        machine.

    .. versionadded:: 0.1.0
    """
    meta = report.meta
    header: dict[str, object] = {
        "schema_version": SCHEMA_VERSION,
        "agency": meta.agency,
        "year": meta.year,
        "format_version": meta.format_version,
    }
    blocks: list[str] = []
    if meta.title is not None:
        blocks.append(f"# {one_line(meta.title)}")
        if one_line(meta.title) != meta.title:
            header["title"] = meta.title
    blocks += _paragraphs(meta.preamble)
    headings: dict[str, str | None] = {}
    cells: dict[str, object] = {}
    for section in report.sections:
        shown = section.canonical_heading if section.heading is None else one_line(section.heading)
        blocks.append(f"## {shown}")
        if shown != section.heading:
            headings[str(section.number)] = section.heading
        blocks += _paragraphs(section.text)
        key = TABLE_OF_SECTION.get(section.number)
        if key is not None and getattr(report, key).present:
            blocks += _table_blocks(report, FORMAT_2021.table(key), cells)
    if headings:
        header["headings"] = headings
    if cells:
        header["cells"] = cells
    # ">" only occurs inside JSON strings, where \u003e means the same: "-->" cannot end the comment.
    comment = json.dumps(header, ensure_ascii=False).replace(">", "\\u003e")
    return "\n\n".join([f"{COMMENT_PREFIX}{comment}{COMMENT_SUFFIX}", *blocks]) + "\n"


# -- reading -------------------------------------------------------------------


def loads(text: str, *, lenient: bool = False, source: str | None = None) -> Report:
    """Read a report from Markdown written by :func:`dumps`.

    Row and column labels are matched loosely (full- or half-width
    punctuation, spaces), and a table may be re-padded by an editor; the
    numbers are kept as printed.

    Args:
        text: The Markdown text.
        lenient: Keep what can be read instead of raising; each problem
            becomes a diagnostic in ``report.provenance``.  Nothing is
            invented: a cell the tables do not give stays absent.
        source: A name for messages (usually the file name).

    Returns:
        The report, with ``Provenance(source, "markdown", diagnostics)``.

    Raises:
        ParseError: naming the line, table, row and column, and what was
            expected (strict mode); for an unknown comment version (always).

    .. versionadded:: 0.1.0
    """
    body = text.removeprefix("\ufeff")
    if not body.lstrip().startswith(COMMENT_PREFIX):
        return loads_generic(text, lenient=lenient, source=source)
    if body.split("\n", 1)[0].endswith("\r"):
        body = body.replace("\r\n", "\n")
    body = body.removesuffix("\n")
    if not body.strip():
        raise ParseError("empty input", source=source, expected="a report in Markdown")
    reader = MarkdownReader(lenient=lenient, source=source)
    blocks = split_blocks(body)
    header: dict[str, object] = {}
    if blocks[0][0].startswith(COMMENT_PREFIX) and blocks[0][0].endswith(COMMENT_SUFFIX):
        header = read_header(blocks[0][0], reader)
        blocks = blocks[1:]
    doc = sort_blocks(blocks, reader)
    title: str | None = doc.title
    if "title" in header:
        value = header["title"]
        if value is None or type(value) is str:
            if (None if value is None else one_line(value)) != doc.title:
                reader.problem(
                    "the title and the govinfo-report comment disagree",
                    line=doc.title_line or 1,
                    got=doc.title,
                )
            title = value
        else:
            reader.problem(
                "bad 'title' in the govinfo-report comment", line=1, expected="a string"
            )
    agency, year = meta_text(header, "agency", reader), meta_year(header, reader)
    if not header and title is not None:
        # Markdown from elsewhere (no govinfo-report comment): agency and year from the title.
        agency, year = parse_title(title) or (None, None)
    meta = ReportMeta(
        title=title,
        agency=agency,
        year=year,
        format_version=meta_text(header, "format_version", reader) or "2021",
        preamble="\n".join(doc.preamble),
    )
    sections = read_sections(doc, header, reader)
    flat = read_cells(doc, exact_cells(header, reader), reader)
    provenance = Provenance(
        source=source, format="markdown", diagnostics=tuple(reader.diagnostics)
    )
    return Report.from_flat(flat, meta=meta, sections=sections, provenance=provenance)
