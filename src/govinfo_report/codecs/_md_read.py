"""Reading Markdown this library wrote: the comment, the blocks, the pipe tables, the sections.

Row and column labels are matched loosely (:func:`~govinfo_report.schema.match_key`);
the comment's exact values win over what the page shows approximately, and
where the two disagree the reader says so.
"""

from __future__ import annotations

import json
import re
import sys
from typing import TYPE_CHECKING, Any, Final

from govinfo_report.codecs._field_errors import FieldError
from govinfo_report.codecs._json_cells import decode_cell
from govinfo_report.codecs._json_report import SCHEMA_VERSION
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
from govinfo_report.codecs._problems import Problems
from govinfo_report.exceptions import ParseError, StructureError
from govinfo_report.schema import (
    CELL_SPECS,
    FORMAT_2021,
    SECTION_HEADINGS,
    Cell,
    Section,
    Severity,
    match_key,
)

if TYPE_CHECKING:
    from govinfo_report.schema import RowSpec

__all__ = [
    "MarkdownReader",
    "exact_cells",
    "meta_text",
    "meta_year",
    "read_cells",
    "read_header",
    "read_sections",
    "sort_blocks",
    "split_blocks",
]

_NUMERALS: Final = {"t2": "二", "t3": "三", "t4": "四"}
_PIPE: Final = re.compile(r"(?<!\\)\|")
_SEPARATOR: Final = re.compile(r"\|(?:\s*:?-+:?\s*\|)+")
_ABSENT: Final = Cell()


def _lookups() -> tuple[dict[str, dict[str, RowSpec]], dict[str, dict[str, dict[str, int]]]]:
    """Match keys of the row labels per table, and of the column labels per row."""
    rows: dict[str, dict[str, RowSpec]] = {}
    columns: dict[str, dict[str, dict[str, int]]] = {}
    for table in FORMAT_2021.tables:
        own: dict[str, list[RowSpec]] = {}
        by_key: dict[str, RowSpec] = {}
        for row in table.rows:
            by_key[match_key(row_label(table.key, row))] = row
            own.setdefault(match_key(row.label), []).append(row)
            names: dict[str, int] = {}
            for index, column in enumerate(row.columns):
                names[match_key(column_label(table.key, row, index))] = index
                names.setdefault(match_key(column.label), index)
            columns.setdefault(table.key, {})[row.key] = names
        for key, found in own.items():
            if len(found) == 1:
                by_key.setdefault(key, found[0])
        rows[table.key] = by_key
    return rows, columns


_ROW_LOOKUP, _COLUMN_LOOKUP = _lookups()
_T2_GROUPS: Final = frozenset(match_key(row.groups[0]) for row in FORMAT_2021.table("t2").rows)


class MarkdownReader(Problems):
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


def read_header(block: str, reader: MarkdownReader) -> dict[str, object]:
    text = block[len(COMMENT_PREFIX) : -len(COMMENT_SUFFIX)]
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
    except RecursionError:
        reader.problem(
            "the govinfo-report comment is nested too deeply",
            line=1,
            expected="a JSON object of meta fields",
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


def meta_text(data: dict[str, object], key: str, reader: MarkdownReader) -> str | None:
    value = data.get(key)
    if value is None or type(value) is str:
        return value
    reader.problem(
        f"bad {key!r} in the govinfo-report comment", line=1, expected="a string", got=repr(value)
    )
    return None


def meta_year(data: dict[str, object], reader: MarkdownReader) -> int | None:
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


def sort_blocks(blocks: list[tuple[str, int]], reader: MarkdownReader) -> _Document:
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
    block: str,
    line: int,
    table: str,
    cells: dict[str, tuple[Cell, str, int]],
    reader: MarkdownReader,
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
            cells[path] = (read_shown(shown, amount=amount), shown, row_line)


def exact_cells(header: dict[str, object], reader: MarkdownReader) -> dict[str, Cell]:
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


def read_cells(doc: _Document, exact: dict[str, Cell], reader: MarkdownReader) -> tuple[Cell, ...]:
    read: dict[str, tuple[Cell, str, int]] = {}
    present: set[str] = set()
    for number, (_heading, _line, _paras, tables) in enumerate(doc.sections, start=1):
        key = TABLE_OF_SECTION.get(number)
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
                if shown_cell(exact[path]) != shown:
                    reader.problem(
                        "the table and the govinfo-report comment disagree",
                        line=row_line,
                        table=table,
                        path=path,
                        expected=repr(shown_cell(exact[path])),
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


def read_sections(
    doc: _Document, header: dict[str, object], reader: MarkdownReader
) -> tuple[Section, ...]:
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
                expected = SECTION_HEADINGS[number - 1] if value is None else one_line(value)
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


def split_blocks(text: str) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    line = 1
    for block in text.split("\n\n"):
        out.append((block, line))
        line += block.count("\n") + 2
    return out
