"""The official grid of the three tables as printed rows, and the lines a line-based writer prints.

Writers render :func:`official_rows` in their own syntax; :func:`write_lines`
lays out a whole report one line per paragraph and per table row.
"""

from __future__ import annotations

from collections.abc import Callable

from govinfo_report.codecs._form_labels import T3_NOTE
from govinfo_report.codecs._tokens import ABSENT_TEXT
from govinfo_report.schema import (
    FORMAT_2021,
    SECTION_HEADINGS,
    T3_COLUMNS,
    T4_GROUPS,
    T4_OUTCOMES,
    Cell,
    Report,
    ReportMeta,
    RowSpec,
    Section,
)

__all__ = [
    "SECTION_TABLES",
    "PrintedRow",
    "official_rows",
    "write_lines",
    "written_heading",
    "written_title",
]

_TABLES = {t.key: t for t in FORMAT_2021.tables}


def _value_text(cell: Cell) -> str:
    return ABSENT_TEXT if cell.printed is None else cell.printed


PrintedRow = tuple[list[str], list[str]]
"""A printed row: its label cells (``""`` for a merged continuation) and its value cells."""


SECTION_TABLES: dict[int, str] = {2: "t2", 3: "t3", 4: "t4"}
"""The table each section holds, by section number."""


def written_title(meta: ReportMeta) -> str | None:
    """The title a writer prints: as read, else made from agency and year, else none."""
    if meta.title is None and (meta.agency or meta.year):
        year = f"{meta.year}年" if meta.year is not None else ""
        return f"{meta.agency or ''}{year}政府信息公开工作年度报告"
    return meta.title


def written_heading(section: Section) -> str | None:
    """The heading a writer prints: as read; the canonical one when there is text but no heading."""
    if section.heading is None and section.text:
        return SECTION_HEADINGS[section.number - 1]
    return section.heading


def write_lines(report: Report, render_row: Callable[[list[str], list[str]], str]) -> str:
    """Write *report* one line per paragraph and per table row, the rows drawn by *render_row*.

    *render_row* receives a printed row of :func:`official_rows` (its label
    cells, ``""`` for merged continuations, and its value cells) and returns the
    line.  Title, preamble, headings and narrative come first in each section,
    as :func:`written_title` and :func:`written_heading` give them.
    """
    out: list[str] = []
    title = written_title(report.meta)
    if title:
        out.append(title)
    if report.meta.preamble:
        out.append(report.meta.preamble)
    tables = official_rows(report)
    for section in report.sections:
        heading = written_heading(section)
        if heading is not None:
            out.append(heading)
        if section.text:
            out.append(section.text)
        table = SECTION_TABLES.get(section.number)
        if table is not None:
            out.extend(render_row(labels, values) for labels, values in tables[table])
    return "\n".join(out) + "\n"


def official_rows(report: Report) -> dict[str, list[PrintedRow]]:
    """The three tables as printed rows of the official layout (SPEC §3).

    Each row is ``(labels, values)``: the label and header cells, with
    ``""`` for a merged-continuation cell, then the value cells as printed
    (a cell the report does not give is :data:`ABSENT_TEXT`).  Writers render
    these rows in their own syntax.
    """
    t2: list[PrintedRow] = []
    blocks: dict[str, list[RowSpec]] = {}
    for row in _TABLES["t2"].rows:
        blocks.setdefault(row.groups[0], []).append(row)
    for title, rows in blocks.items():
        t2.append(([title], []))
        t2.append((["信息内容", *(c.label for c in rows[0].columns)], []))
        for row in rows:
            cells = [report.cell(f"t2.{row.key}.{c.key}") for c in row.columns]
            t2.append(([row.label], [_value_text(c) for c in cells]))

    columns = [c.label for c in _TABLES["t3"].rows[0].columns]
    t3: list[PrintedRow] = [
        ([T3_NOTE, "申请人情况"], []),
        (["", columns[0], "法人或其他组织", columns[-1]], []),
        (["", "", *columns[1:-1], ""], []),
    ]
    previous_groups: tuple[str, ...] = ()
    for row in _TABLES["t3"].rows:
        labels: list[str] = []
        for depth, group in enumerate(row.groups):
            same = depth < len(previous_groups) and previous_groups[depth] == group
            labels.append("" if same else group)
        labels.append(row.label)
        previous_groups = row.groups
        t3.append((labels, [_value_text(report.cell(f"t3.{row.key}.{c}")) for c in T3_COLUMNS]))

    outcomes = [c.label for c in _TABLES["t4"].rows[0].columns]
    t4: list[PrintedRow] = [
        (["行政复议", "行政诉讼"], []),
        ([*outcomes, "未经复议直接起诉", "复议后起诉"], []),
        (["", "", "", "", "", *outcomes, *outcomes], []),
        ([], [_value_text(report.cell(f"t4.{g}.{o}")) for g in T4_GROUPS for o in T4_OUTCOMES]),
    ]
    return {"t2": t2, "t3": t3, "t4": t4}
