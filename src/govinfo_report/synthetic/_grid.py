"""A report laid out for the styles: its text parts and its three tables as rows of printed cells.

The layout is the official Word grid (SPEC §3): table 二 in four blocks
(title row, header row, data rows), table 三 with three header rows and
group labels beside their items, table 四 with three header rows and one row
of fifteen numbers.  Noise that belongs to the report rather than to a style
(half-width punctuation, spaces and line breaks inside labels, cell notes,
blank, ``/`` and dropped cells, renumbered headings, lead-in lines, page
breaks) is drawn here, once; each style then prints the same document in its
own syntax.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs

from govinfo_report.schema import FORMAT_2021, SECTION_HEADINGS, T3_COLUMNS, T4_GROUPS, T4_OUTCOMES
from govinfo_report.synthetic._noise import Draws, halfwidth

if TYPE_CHECKING:
    from govinfo_report.schema import Cell, Report

__all__ = ["NOTE", "WRAP", "Document", "Part", "Piece", "Row", "Table", "build_document"]

WRAP = "\x1f"
"""Where a header cell wraps inside its Word cell (``商业`` / ``企业``); each style prints it its way."""

NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
"""The top-left header cell of table 三."""

LEAD_IN = "该部分以表格形式报告。表格如下:"

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


@attrs.frozen
class Piece:
    """One printed cell.

    Attributes:
        text: The cell's text (``""`` when printed empty); a ``"\\n"`` is a
            line break inside the cell, :data:`WRAP` a wrap of a header cell.
        path: The canonical path of a value cell, ``None`` for a label.
        merged: A continuation of a merged cell (only Word exports print it).
        dropped: The cell leaves no trace in the text.
        span: Where the number is in *text* (``None`` when no number is printed).
    """

    text: str
    path: str | None = None
    merged: bool = False
    dropped: bool = False
    span: tuple[int, int] | None = None


@attrs.frozen
class Row:
    """One table row: ``kind`` is ``title`` (table 二 block), ``header`` or ``data``."""

    kind: str
    cells: tuple[Piece, ...]
    key: str = ""
    groups: tuple[str, ...] = ()
    page_break: bool = False

    @property
    def labels(self) -> tuple[Piece, ...]:
        """The label cells (merged continuations included)."""
        return tuple(c for c in self.cells if c.path is None)

    @property
    def values(self) -> tuple[Piece, ...]:
        """The value cells."""
        return tuple(c for c in self.cells if c.path is not None)

    @property
    def shown(self) -> tuple[Piece, ...]:
        """The cells a style prints: no merged continuation, no dropped cell."""
        return tuple(c for c in self.cells if not c.merged and not c.dropped)


@attrs.frozen
class Table:
    """A table: ``width`` grid columns; the first ``header_rows`` rows repeat after a page break."""

    key: str
    width: int
    rows: tuple[Row, ...]
    header_rows: int


@attrs.frozen
class Part:
    """One section: its heading as printed (``None`` when missing), its text, its table."""

    number: int
    heading: str | None
    text: str
    table: Table | None = None
    lead_in: str | None = None


@attrs.frozen
class Document:
    """The report as the styles print it."""

    title: str
    preamble: str
    parts: tuple[Part, ...]
    half: bool
    marker: str

    def page_marker(self, page: int) -> str:
        """The page marker line for *page* (``— 4 —``, ``- 4 -`` or ``第 4 页``)."""
        return self.marker.format(page)


class _Labels:
    """Label noise: half-width punctuation, spaces inside, line breaks inside."""

    def __init__(self, draws: Draws, half: bool) -> None:
        self.draws = draws
        self.half = half

    def plain(self, text: str) -> str:
        return halfwidth(text) if self.half else text

    def label(self, text: str) -> str:
        text = self.plain(text)
        if self.draws.knob("label_spaces") and len(text) >= 4:
            text = _spaced(text, self.draws)
        if self.draws.knob("split_labels") and len(text) >= 6:
            at = 2 + self.draws.knob_below("split_labels", len(text) - 3)
            text = text[:at].rstrip() + "\n" + text[at:].lstrip()
        return text


def _spaced(text: str, draws: Draws) -> str:
    spaces = " " * (1 + draws.knob_below("label_spaces", 2))
    for mark in ("条第", "）", ")", "、", "."):
        at = text.find(mark, 0, 8)
        if 0 <= at < len(text) - 2:
            cut = at + (1 if mark == "条第" else len(mark))
            return text[:cut] + spaces + text[cut:]
    at = 1 + draws.knob_below("label_spaces", len(text) - 2)
    return text[:at] + spaces + text[at:]


def _note(path: str, value: int, draws: Draws) -> str:
    part = draws.knob_below("cell_notes", value + 1)
    if path.endswith(".issued"):
        return f"（其中修订{part}件）"
    if path.endswith(".repealed"):
        return f"（含自然失效{part}件）"
    return f"（含本年制发{part}件）"


def _value(cell: Cell, path: str, labels: _Labels) -> Piece:
    draws = labels.draws
    printed = cell.printed
    if printed is None:
        return Piece("", path)
    if cell.value is not None and cell.value == 0:
        if draws.knob("drop"):
            return Piece("", path, dropped=True)
        if draws.knob("slash"):
            return Piece("/", path)
        if draws.knob("blank"):
            return Piece("", path)
    if cell.value is None:
        return Piece(printed, path)
    match = _NUMBER.search(printed)
    span = None if match is None else match.span()
    if (
        path.startswith("t2.")
        and path.rsplit(".", maxsplit=1)[-1] in {"issued", "repealed", "in_force"}
        and isinstance(cell.value, int)
        and cell.value > 0
        and draws.knob("cell_notes")
    ):
        printed += labels.plain(_note(path, cell.value, draws))
    return Piece(printed, path, span=span)


def _header(texts: list[str], labels: _Labels) -> Row:
    return Row(
        "header",
        tuple(Piece("", merged=True) if t == "" else Piece(labels.plain(t)) for t in texts),
    )


def _page_break(labels: _Labels) -> bool:
    return labels.draws.knob("page_markers")


def _t2(report: Report, labels: _Labels) -> Table:
    rows: list[Row] = []
    blocks: dict[str, list[str]] = {}
    spec = FORMAT_2021.table("t2")
    for row in spec.rows:
        blocks.setdefault(row.groups[0], []).append(row.key)
    for title, keys in blocks.items():
        first = spec.row(keys[0])
        rows.append(Row("title", (Piece(labels.label(title)),), groups=(title,)))
        rows.append(_header(["信息内容", *(c.label for c in first.columns)], labels))
        for key in keys:
            row = spec.row(key)
            values = tuple(
                _value(report.cell(f"t2.{key}.{c.key}"), f"t2.{key}.{c.key}", labels)
                for c in row.columns
            )
            cells = (Piece(labels.label(row.label)), *values)
            rows.append(Row("data", cells, key, row.groups, _page_break(labels)))
    return Table("t2", 4, tuple(rows), 0)


def _t3(report: Report, labels: _Labels) -> Table:
    spec = FORMAT_2021.table("t3")
    columns = [c.label for c in spec.rows[0].columns]
    wrapped = {"商业企业": f"商业{WRAP}企业", "科研机构": f"科研{WRAP}机构"}
    rows = [
        _header([NOTE, "申请人情况"], labels),
        _header(["", columns[0], "法人或其他组织", columns[-1]], labels),
        _header(["", "", *(wrapped.get(c, c) for c in columns[1:-1]), ""], labels),
    ]
    previous: tuple[str, ...] = ()
    for row in spec.rows:
        cells: list[Piece] = []
        for depth, group in enumerate(row.groups):
            same = depth < len(previous) and previous[depth] == group
            cells.append(Piece("", merged=True) if same else Piece(labels.label(group)))
        previous = row.groups
        cells.append(Piece(labels.label(row.label)))
        cells += [
            _value(report.cell(f"t3.{row.key}.{c}"), f"t3.{row.key}.{c}", labels)
            for c in T3_COLUMNS
        ]
        rows.append(Row("data", tuple(cells), row.key, row.groups, _page_break(labels)))
    return Table("t3", 10, tuple(rows), 3)


def _t4(report: Report, labels: _Labels) -> Table:
    row2 = ["结果维持", f"结果{WRAP}纠正", f"其他{WRAP}结果", f"尚未{WRAP}审结", "总计"]
    row3 = [f"结果{WRAP}维持", *row2[1:]]
    values = tuple(
        _value(report.cell(f"t4.{g}.{o}"), f"t4.{g}.{o}", labels)
        for g in T4_GROUPS
        for o in T4_OUTCOMES
    )
    rows = (
        _header(["行政复议", "行政诉讼"], labels),
        _header([*row2, "未经复议直接起诉", "复议后起诉"], labels),
        _header(["", "", "", "", "", *row3, *row3], labels),
        Row("data", values, "t4"),
    )
    return Table("t4", 15, rows, 3)


def _heading(number: int, heading: str | None, labels: _Labels) -> str | None:
    text = heading if heading is not None else SECTION_HEADINGS[number - 1]
    draws = labels.draws
    if draws.knob("renumber"):
        variant = draws.knob_below("renumber", 4)
        body = text.split("、", 1)[-1] if "、" in text[:3] else text
        if variant == 0:
            return None
        if variant == 1:
            return f"{number}、 {body}"
        if variant == 2:
            return labels.plain(f"（{number}）") + body
        return f"{number}、{body}"
    return labels.plain(text)


def build_document(report: Report, draws: Draws) -> Document:
    """Lay out *report* for the styles, drawing the report-level noise from *draws*."""
    half = draws.knob("halfwidth")
    labels = _Labels(draws, half)
    marker = ("— {} —", "- {} -", "第 {} 页")[draws.below(3)]
    meta = report.meta
    title = meta.title
    if title is None:
        year = f"{meta.year}年" if meta.year is not None else ""
        title = f"{meta.agency or ''}{year}政府信息公开工作年度报告"
    tables = {2: _t2(report, labels), 3: _t3(report, labels), 4: _t4(report, labels)}
    parts = []
    for section in report.sections:
        table = tables.get(section.number)
        lead = LEAD_IN if table is not None and draws.knob("lead_in") else None
        heading = _heading(section.number, section.heading, labels)
        parts.append(Part(section.number, heading, section.text, table, lead))
    return Document(labels.plain(title), meta.preamble, tuple(parts), half, marker)
