"""The three tables written as HTML rows with the official spans of SPEC §3.

Each table is a list of rows of cells, each cell with its text, spans and
whether it is a value cell; :func:`~govinfo_report.codecs.html.dumps` and
the Word writer lay them out.
"""

from __future__ import annotations

import html as _html
from collections.abc import Sequence

import attrs

from govinfo_report.codecs._html_text import collapse
from govinfo_report.codecs._tokens import ABSENT_TEXT
from govinfo_report.schema import FORMAT_2021, Cell, Report

__all__ = ["STYLE", "WRITERS", "escape", "html_attributes"]

_TABLES = {t.key: t for t in FORMAT_2021.tables}


def escape(text: str) -> str:
    return _html.escape(text, quote=True).replace("\r", "&#13;")


def _plain(text: str) -> bool:
    """Whether a browser shows *text* unchanged in a table cell."""
    return text == collapse(text).strip() and "\u00a0" not in text


@attrs.frozen
class _Out:
    """A cell as the writer prints it: text, spans, and whether it is a value cell."""

    text: str
    rowspan: int = 1
    colspan: int = 1
    value: bool = False

    def render(self) -> str:
        spans = ""
        if self.rowspan > 1:
            spans += f' rowspan="{self.rowspan}"'
        if self.colspan > 1:
            spans += f' colspan="{self.colspan}"'
        text = self.text
        body = escape(text) if _plain(text) else f"<pre>{escape(text)}</pre>"
        return f"<td{spans}>{body}</td>"


def _value(cell: Cell, *, colspan: int = 1) -> _Out:
    return _Out(ABSENT_TEXT if cell.printed is None else cell.printed, 1, colspan, value=True)


def _table2(report: Report) -> list[list[_Out]]:
    rows: list[list[_Out]] = []
    title = None
    for row in _TABLES["t2"].rows:
        single = len(row.columns) == 1
        if row.groups[0] != title:
            title = row.groups[0]
            rows.append([_Out(title, colspan=4)])
            header = [_Out("信息内容")]
            if single:
                header.append(_Out(row.columns[0].label, colspan=3))
            else:
                header += [_Out(c.label) for c in row.columns]
            rows.append(header)
        cells = getattr(report.t2, row.key).cells()
        rows.append([_Out(row.label), *(_value(c, colspan=3 if single else 1) for c in cells)])
    return rows


def _table3(report: Report) -> list[list[_Out]]:
    columns = [c.label for c in _TABLES["t3"].rows[0].columns]
    rows = [
        [
            _Out(
                "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
                rowspan=3,
                colspan=3,
            ),
            _Out("申请人情况", colspan=7),
        ],
        [
            _Out(columns[0], rowspan=2),
            _Out("法人或其他组织", colspan=5),
            _Out(columns[-1], rowspan=2),
        ],
        [_Out(c) for c in columns[1:-1]],
    ]
    spans: dict[str, int] = {}
    for row in _TABLES["t3"].rows:
        for group in row.groups:
            spans[group] = spans.get(group, 0) + 1
    seen: set[str] = set()
    for row in _TABLES["t3"].rows:
        labels = []
        for group in row.groups:
            if group not in seen:
                seen.add(group)
                labels.append(_Out(group, rowspan=spans[group]))
        labels.append(_Out(row.label, colspan=3 - len(row.groups)))
        values = getattr(report.t3, row.key).cells()
        rows.append([*labels, *(_value(c) for c in values)])
    return rows


def _table4(report: Report) -> list[list[_Out]]:
    outcomes = [c.label for c in _TABLES["t4"].rows[0].columns]
    return [
        [_Out("行政复议", colspan=5), _Out("行政诉讼", colspan=10)],
        [
            *(_Out(o, rowspan=2) for o in outcomes),
            _Out("未经复议直接起诉", colspan=5),
            _Out("复议后起诉", colspan=5),
        ],
        [_Out(o) for o in outcomes * 2],
        [_value(c) for c in report.t4.cells()],
    ]


WRITERS = {"t2": _table2, "t3": _table3, "t4": _table4}


STYLE = (
    "<style>pre{white-space:pre-wrap;font-family:inherit}"
    "table{border-collapse:collapse}td{border:1px solid #000;padding:2px 4px}</style>"
)


def html_attributes(pairs: Sequence[tuple[str, str | None]]) -> str:
    return "".join(f' {name}="{escape(value)}"' for name, value in pairs if value is not None)
