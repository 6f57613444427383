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
import re
import sys
from typing import TYPE_CHECKING, Any, Final

from tabulate import tabulate

from govinfo_report.codecs._field_errors import FieldError
from govinfo_report.codecs._json_cells import decode_cell, encode_cell
from govinfo_report.codecs._json_report import SCHEMA_VERSION
from govinfo_report.codecs._md_generic import loads_generic
from govinfo_report.codecs._problems import Problems
from govinfo_report.codecs._sections import parse_title
from govinfo_report.exceptions import ParseError, StructureError
from govinfo_report.schema import (
    CELL_SPECS,
    FORMAT_2021,
    SECTION_HEADINGS,
    Cell,
    Provenance,
    Report,
    ReportMeta,
    Section,
    Severity,
    match_key,
)

if TYPE_CHECKING:
    from govinfo_report.schema import RowSpec, TableSpec

__all__ = ["dumps", "loads"]

_COMMENT_PREFIX: Final = "<!-- govinfo-report "
_COMMENT_SUFFIX: Final = " -->"
_ESCAPED_STARTS: Final = frozenset("#|\\<>-+*=`~_")
_TABLE_OF_SECTION: Final = {2: "t2", 3: "t3", 4: "t4"}
_T3_NOTE: Final = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
_T2_CORNER: Final = "信息内容"
_NUMERALS: Final = {"t2": "二", "t3": "三", "t4": "四"}
_OTHER_WHITESPACE: Final = re.compile(r"[^\S ]")
_PIPE: Final = re.compile(r"(?<!\\)\|")
_SEPARATOR: Final = re.compile(r"\|(?:\s*:?-+:?\s*\|)+")
_ABSENT: Final = Cell()


# -- writing -------------------------------------------------------------------


def _paragraphs(text: str) -> list[str]:
    if not text:
        return []
    return [f"\\{line}" if line[:1] in _ESCAPED_STARTS else line for line in text.split("\n")]


def _one_line(text: str) -> str:
    return text.replace("\r\n", " ").replace("\n", " ")


def _shown(cell: Cell) -> str:
    """The cell as a pipe-table cell shows it (before padding)."""
    if cell.printed is None:
        return ""
    text = cell.printed.replace("|", "\\|").replace("\r\n", "<br>").replace("\n", "<br>")
    return _OTHER_WHITESPACE.sub(" ", text).strip()


def _read_shown(text: str, *, amount: bool) -> Cell:
    return Cell.parse(text.replace("<br>", "\n").replace("\\|", "|"), amount=amount)


def _identical(a: Cell, b: Cell) -> bool:
    """Equal, and the amount keeps its digits (``Decimal('3.3') == Decimal('3.30')``)."""
    return (
        a.printed == b.printed and type(a.value) is type(b.value) and str(a.value) == str(b.value)
    )


def _row_label(table: str, row: RowSpec) -> str:
    if table == "t2":
        return row.label
    return " ".join((*row.groups, row.label))


def _column_label(table: str, row: RowSpec, index: int) -> str:
    column = row.columns[index]
    if table == "t3":
        return " ".join((*(g for g in column.groups if g != "申请人情况"), column.label))
    return column.label


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
        out = [_row_label(spec.key, row)]
        for column in row.columns:
            path = f"{spec.key}.{row.key}.{column.key}"
            cell = report.cell(path)
            shown = _shown(cell)
            amount = CELL_SPECS[path].kind == "amount"
            if not _identical(_read_shown(shown, amount=amount), cell):
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
                *(_column_label("t2", rows[0], i) for i in range(len(rows[0].columns))),
            ]
            blocks += [f"### {title}", _pipe_table(header, [row_cells(r) for r in rows])]
        return blocks
    first = spec.rows[0]
    corner = _T3_NOTE if spec.key == "t3" else ""
    header = [corner, *(_column_label(spec.key, first, i) for i in range(len(first.columns)))]
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
        blocks.append(f"# {_one_line(meta.title)}")
        if _one_line(meta.title) != meta.title:
            header["title"] = meta.title
    blocks += _paragraphs(meta.preamble)
    headings: dict[str, str | None] = {}
    cells: dict[str, object] = {}
    for section in report.sections:
        if section.heading is None:
            shown = section.canonical_heading
        else:
            shown = _one_line(section.heading)
        blocks.append(f"## {shown}")
        if shown != section.heading:
            headings[str(section.number)] = section.heading
        blocks += _paragraphs(section.text)
        key = _TABLE_OF_SECTION.get(section.number)
        if key is not None and getattr(report, key).present:
            blocks += _table_blocks(report, FORMAT_2021.table(key), cells)
    if headings:
        header["headings"] = headings
    if cells:
        header["cells"] = cells
    # ">" only occurs inside JSON strings, where \u003e means the same: "-->" cannot end the comment.
    comment = json.dumps(header, ensure_ascii=False).replace(">", "\\u003e")
    return "\n\n".join([f"{_COMMENT_PREFIX}{comment}{_COMMENT_SUFFIX}", *blocks]) + "\n"


# -- reading -------------------------------------------------------------------


def _lookups() -> tuple[dict[str, dict[str, RowSpec]], dict[str, dict[str, dict[str, int]]]]:
    """Match keys of the row labels per table, and of the column labels per row."""
    rows: dict[str, dict[str, RowSpec]] = {}
    columns: dict[str, dict[str, dict[str, int]]] = {}
    for table in FORMAT_2021.tables:
        own: dict[str, list[RowSpec]] = {}
        by_key: dict[str, RowSpec] = {}
        for row in table.rows:
            by_key[match_key(_row_label(table.key, row))] = row
            own.setdefault(match_key(row.label), []).append(row)
            names: dict[str, int] = {}
            for index, column in enumerate(row.columns):
                names[match_key(_column_label(table.key, row, index))] = index
                names.setdefault(match_key(column.label), index)
            columns.setdefault(table.key, {})[row.key] = names
        for key, found in own.items():
            if len(found) == 1:
                by_key.setdefault(key, found[0])
        rows[table.key] = by_key
    return rows, columns


_ROW_LOOKUP, _COLUMN_LOOKUP = _lookups()
_T2_GROUPS: Final = frozenset(match_key(row.groups[0]) for row in FORMAT_2021.table("t2").rows)


class _Reader(Problems):
    """State of one read: collects diagnostics (lenient) or raises (strict)."""

    def problem(
        self, detail: str, *, line: int | None, code: str = "markdown", **where: Any
    ) -> None:
        self.report(detail, code=code, line=line, severity=Severity.ERROR, **where)


def _split_row(line: str) -> list[str] | None:
    text = line.strip()
    if len(text) < 2 or not text.startswith("|") or not text.endswith("|") or text.endswith("\\|"):
        return None
    return [part.strip() for part in _PIPE.split(text[1:-1])]


def _read_header(block: str, reader: _Reader) -> dict[str, object]:
    text = block[len(_COMMENT_PREFIX) : -len(_COMMENT_SUFFIX)]
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        reader.problem(
            "the govinfo-report comment is not valid JSON",
            line=1,
            expected=exc.msg.removeprefix("Expecting "),
            got=text[exc.pos : exc.pos + 24],
        )
        return {}
    except ValueError:  # an integer longer than Python reads
        reader.problem(
            "the govinfo-report comment holds a number too long to read",
            line=1,
            expected=f"numbers of at most {sys.get_int_max_str_digits()} digits",
            got=text[:24],
        )
        return {}
    if type(data) is not dict:
        reader.problem("the govinfo-report comment is not a JSON object", line=1, got=text[:24])
        return {}
    if data.get("schema_version") != SCHEMA_VERSION:
        raise ParseError(
            "unknown govinfo-report comment version",
            source=reader.source,
            line=1,
            expected=f"schema_version {SCHEMA_VERSION}",
            got=repr(data.get("schema_version")),
        )
    allowed = {"schema_version", "agency", "year", "format_version", "title", "headings", "cells"}
    for key in data.keys() - allowed:
        reader.problem(f"unknown key {key!r} in the govinfo-report comment", line=1)
    return data


def _meta_text(data: dict[str, object], key: str, reader: _Reader) -> str | None:
    value = data.get(key)
    if value is None or type(value) is str:
        return value
    reader.problem(
        f"bad {key!r} in the govinfo-report comment", line=1, expected="a string", got=repr(value)
    )
    return None


def _meta_year(data: dict[str, object], reader: _Reader) -> int | None:
    value = data.get("year")
    if value is None or type(value) is int:
        return value
    reader.problem(
        "bad 'year' in the govinfo-report comment", line=1, expected="an integer", got=repr(value)
    )
    return None


class _Document:
    """The blocks of a Markdown report, sorted into title, preamble, sections and tables."""

    def __init__(self) -> None:
        self.title: str | None = None
        self.title_line: int | None = None
        self.preamble: list[str] = []
        self.sections: list[tuple[str, int, list[str], list[tuple[str, int]]]] = []


def _sort_blocks(blocks: list[tuple[str, int]], reader: _Reader) -> _Document:
    doc = _Document()
    for block, line in blocks:
        if block.startswith("## "):
            doc.sections.append((block[3:], line, [], []))
        elif block.startswith("|"):
            if not doc.sections:
                reader.problem("a table before the first section heading", line=line)
                continue
            doc.sections[-1][3].append((block, line))
        elif (
            block.startswith("### ")
            and len(doc.sections) == 2
            and match_key(block[4:]) in _T2_GROUPS
        ):
            continue  # the title of a table-二 block: the rows carry their own labels
        elif block.startswith("# ") and not doc.sections and doc.title_line is None:
            doc.title, doc.title_line = block[2:], line
        else:
            text = block[1:] if block.startswith("\\") else block
            (doc.sections[-1][2] if doc.sections else doc.preamble).append(text)
    return doc


def _read_table(
    block: str, line: int, table: str, cells: dict[str, tuple[Cell, str, int]], reader: _Reader
) -> None:
    lines = block.split("\n")
    header = _split_row(lines[0])
    if header is None or len(lines) < 2 or not _SEPARATOR.fullmatch(lines[1].strip()):
        reader.problem(
            "not a pipe table",
            line=line,
            table=table,
            expected="a header row and a |---| separator row",
            got=lines[0][:40],
        )
        return
    for offset, text in enumerate(lines[2:], start=2):
        row_line = line + offset
        parts = _split_row(text)
        if parts is None:
            reader.problem("not a table row", line=row_line, table=table, got=text[:40])
            continue
        row = _ROW_LOOKUP[table].get(match_key(parts[0]))
        if row is None:
            reader.problem(
                "unknown row label",
                line=row_line,
                table=table,
                row=parts[0],
                expected=f"a row label of table {_NUMERALS[table]}",
            )
            continue
        if len(parts) != len(header):
            reader.problem(
                "wrong number of cells",
                line=row_line,
                table=table,
                row=parts[0],
                expected=f"{len(header)} cells like the header",
                got=f"{len(parts)} cells",
            )
            continue
        names = _COLUMN_LOOKUP[table][row.key]
        for label, shown in zip(header[1:], parts[1:], strict=True):
            index = names.get(match_key(label))
            if index is None:
                reader.problem(
                    "unknown column label",
                    line=line,
                    table=table,
                    row=parts[0],
                    column=label,
                    expected=f"a column of row {row.label}",
                )
                continue
            path = f"{table}.{row.key}.{row.columns[index].key}"
            if path in cells:
                reader.problem(
                    "cell given twice",
                    line=row_line,
                    table=table,
                    row=parts[0],
                    column=label,
                    path=path,
                )
                continue
            amount = CELL_SPECS[path].kind == "amount"
            cells[path] = (_read_shown(shown, amount=amount), shown, row_line)


def _exact_cells(header: dict[str, object], reader: _Reader) -> dict[str, Cell]:
    raw = header.get("cells", {})
    if type(raw) is not dict:
        reader.problem("bad 'cells' in the govinfo-report comment", line=1, expected="an object")
        return {}
    out: dict[str, Cell] = {}
    for path, data in raw.items():
        try:
            out[path] = decode_cell(data, path)
        except (FieldError, StructureError) as exc:
            reader.problem(f"bad cell in the govinfo-report comment: {exc}", line=1, path=path)
        except KeyError:  # UnknownPathError
            reader.problem("unknown cell path in the govinfo-report comment", line=1, got=path)
    return out


def _cells(doc: _Document, exact: dict[str, Cell], reader: _Reader) -> tuple[Cell, ...]:
    read: dict[str, tuple[Cell, str, int]] = {}
    present: set[str] = set()
    for number, (_heading, _line, _paras, tables) in enumerate(doc.sections, start=1):
        key = _TABLE_OF_SECTION.get(number)
        for block, table_line in tables:
            if key is None:
                where = SECTION_HEADINGS[number - 1] if number <= 6 else f"heading {number}"
                reader.problem(
                    f"a table in section {where}",
                    line=table_line,
                    expected="tables only in sections 二, 三 and 四",
                )
                continue
            present.add(key)
            _read_table(block, table_line, key, read, reader)
    flat: list[Cell] = []
    for path, spec in CELL_SPECS.items():
        table = spec.table.key
        if path in read:
            cell, shown, row_line = read[path]
            if path in exact:
                if _shown(exact[path]) != shown:
                    reader.problem(
                        "the table and the govinfo-report comment disagree",
                        line=row_line,
                        table=table,
                        path=path,
                        expected=repr(_shown(exact[path])),
                        got=shown,
                    )
                cell = exact[path]
            flat.append(cell)
        elif table in present:
            reader.problem(
                "cell missing from the table",
                line=None,
                table=table,
                row=spec.row.label,
                column=spec.column.label,
                path=path,
                code="markdown_missing_cell",
            )
            flat.append(_ABSENT)
        else:
            if path in exact and exact[path] != _ABSENT:
                reader.problem(
                    "the govinfo-report comment gives a cell of a table that is not there",
                    line=1,
                    path=path,
                )
            flat.append(_ABSENT)
    return tuple(flat)


def _sections(doc: _Document, header: dict[str, object], reader: _Reader) -> tuple[Section, ...]:
    exact = header.get("headings", {})
    if type(exact) is not dict:
        reader.problem(
            "bad 'headings' in the govinfo-report comment", line=1, expected="an object"
        )
        exact = {}
    if len(doc.sections) != len(SECTION_HEADINGS):
        reader.problem(
            "wrong number of section headings",
            line=doc.sections[min(len(doc.sections), 6) - 1][1] if doc.sections else None,
            expected="six '## ' headings, one per section",
            got=f"{len(doc.sections)}",
        )
    sections: list[Section] = []
    for number in range(1, 7):
        if number > len(doc.sections):
            sections.append(Section(number))
            continue
        shown, line, paras, _tables = doc.sections[number - 1]
        heading: str | None = shown
        if str(number) in exact:
            value = exact[str(number)]
            if value is not None and type(value) is not str:
                reader.problem(f"bad heading {number} in the govinfo-report comment", line=1)
            else:
                expected = SECTION_HEADINGS[number - 1] if value is None else _one_line(value)
                if expected != shown:
                    reader.problem(
                        "the heading and the govinfo-report comment disagree",
                        line=line,
                        expected=expected,
                        got=shown,
                    )
                heading = value
        sections.append(Section(number, heading, "\n".join(paras)))
    return tuple(sections)


def _blocks(text: str) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    line = 1
    for block in text.split("\n\n"):
        out.append((block, line))
        line += block.count("\n") + 2
    return out


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
    if not body.lstrip().startswith(_COMMENT_PREFIX):
        return loads_generic(text, lenient=lenient, source=source)
    if body.split("\n", 1)[0].endswith("\r"):
        body = body.replace("\r\n", "\n")
    body = body.removesuffix("\n")
    if not body.strip():
        raise ParseError("empty input", source=source, expected="a report in Markdown")
    reader = _Reader(lenient=lenient, source=source)
    blocks = _blocks(body)
    header: dict[str, object] = {}
    if blocks[0][0].startswith(_COMMENT_PREFIX) and blocks[0][0].endswith(_COMMENT_SUFFIX):
        header = _read_header(blocks[0][0], reader)
        blocks = blocks[1:]
    doc = _sort_blocks(blocks, reader)
    title: str | None = doc.title
    if "title" in header:
        value = header["title"]
        if value is None or type(value) is str:
            if (None if value is None else _one_line(value)) != doc.title:
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
    agency, year = _meta_text(header, "agency", reader), _meta_year(header, reader)
    if not header and title is not None:
        # Markdown from elsewhere (no govinfo-report comment): agency and year from the title.
        agency, year = parse_title(title) or (None, None)
    meta = ReportMeta(
        title=title,
        agency=agency,
        year=year,
        format_version=_meta_text(header, "format_version", reader) or "2021",
        preamble="\n".join(doc.preamble),
    )
    sections = _sections(doc, header, reader)
    flat = _cells(doc, _exact_cells(header, reader), reader)
    provenance = Provenance(
        source=source, format="markdown", diagnostics=tuple(reader.diagnostics)
    )
    return Report.from_flat(flat, meta=meta, sections=sections, provenance=provenance)
