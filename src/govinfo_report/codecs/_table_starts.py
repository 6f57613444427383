"""Tables whose section heading is not printed, found by their first label.

A report may leave out the heading of a table's section (``二、主动公开政府信息
情况`` dropped by a converter, or never typed): the table's lines then stand
in the section before it, and a reader that looks for table 二 in section 二
finds nothing.  Each table opens with a label the form prints nowhere else —
table 二 with ``第二十条第（一）项``, table 三 with its note ``（本列数据的勾稽关系
为：…）`` or ``申请人情况``, table 四 with ``行政复议`` standing alone as a
header cell — so a section without a heading gets the lines from its
table's first label on, out of the section before it, and a diagnostic says
so.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import re

import attrs

from govinfo_report.codecs._sections import Line, Outline
from govinfo_report.schema import Diagnostic, Severity

__all__ = ["with_headless_tables"]

_FIRST_LABEL = {
    2: re.compile(r"^第二十条\s*第?\s*[（(]\s*一\s*[)）]\s*项"),
    3: re.compile(r"^(?:[（(]\s*本列数据的勾稽关系|申请人情况)"),
    4: re.compile(r"^行政复议(?:\s+行政诉讼)?$"),
}
"""The first label of each table, at the start of a line's first cell."""
_NUMBERS = {2: "二", 3: "三", 4: "四"}
_MARKUP = re.compile(r"^[\s#>*|]+")


def _first_cell(line: Line) -> str:
    """The line's text up to its first ``|``, without Markdown marks and white space."""
    return _MARKUP.sub("", line.text).split("|", 1)[0].strip()


def with_headless_tables(outline: Outline) -> tuple[Outline, list[Diagnostic]]:
    """Give each table section without a heading the lines of its table; say where.

    A table section whose heading is in the text, or that has lines of its
    own, is left alone; the lines are taken from the nearest section before
    it that has any (or the front matter), from the first line whose first
    cell is the table's first label on.
    """
    sections = list(outline.sections)
    front = list(outline.front)
    notes: list[Diagnostic] = []
    for number, first_label in _FIRST_LABEL.items():
        index = number - 1
        if sections[index].heading is not None or sections[index].body:
            continue
        donor = next((i for i in range(index - 1, -1, -1) if sections[i].body), None)
        lines = list(sections[donor].body) if donor is not None else front
        at = next(
            (k for k, line in enumerate(lines) if first_label.match(_first_cell(line))), None
        )
        if at is None:
            continue
        sections[index] = attrs.evolve(sections[index], body=tuple(lines[at:]))
        if donor is None:
            front = lines[:at]
        else:
            sections[donor] = attrs.evolve(sections[donor], body=tuple(lines[:at]))
        notes.append(
            Diagnostic(
                "heading_missing",
                f"section {_NUMBERS[number]}'s heading is not in the text: table "
                f"{_NUMBERS[number]} is read from its first label "
                f"{_first_cell(lines[at])[:20]!r} on",
                Severity.WARNING,
                line=lines[at].number,
            )
        )
    if not notes:
        return outline, notes
    return Outline(front=tuple(front), sections=tuple(sections)), notes
