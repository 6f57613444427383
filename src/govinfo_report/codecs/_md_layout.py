"""What the Markdown writer and reader both know: the comment, the labels, a cell as shown.

A cell is shown in a pipe table on one line (``|`` escaped, line breaks as
``<br>``); :func:`read_shown` reads it back.  Row and column labels join
the merged labels of the form.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from govinfo_report.schema import Cell

if TYPE_CHECKING:
    from govinfo_report.schema import RowSpec

__all__ = [
    "COMMENT_PREFIX",
    "COMMENT_SUFFIX",
    "TABLE_OF_SECTION",
    "column_label",
    "one_line",
    "read_shown",
    "row_label",
    "shown_cell",
]

COMMENT_PREFIX: Final = "<!-- govinfo-report "
COMMENT_SUFFIX: Final = " -->"
TABLE_OF_SECTION: Final = {2: "t2", 3: "t3", 4: "t4"}
_OTHER_WHITESPACE: Final = re.compile(r"[^\S ]")


def one_line(text: str) -> str:
    return text.replace("\r\n", " ").replace("\n", " ")


def shown_cell(cell: Cell) -> str:
    """The cell as a pipe-table cell shows it (before padding)."""
    if cell.printed is None:
        return ""
    text = cell.printed.replace("|", "\\|").replace("\r\n", "<br>").replace("\n", "<br>")
    return _OTHER_WHITESPACE.sub(" ", text).strip()


def read_shown(text: str, *, amount: bool) -> Cell:
    return Cell.parse(text.replace("<br>", "\n").replace("\\|", "|"), amount=amount)


def row_label(table: str, row: RowSpec) -> str:
    if table == "t2":
        return row.label
    return " ".join((*row.groups, row.label))


def column_label(table: str, row: RowSpec, index: int) -> str:
    column = row.columns[index]
    if table == "t3":
        return " ".join((*(g for g in column.groups if g != "申请人情况"), column.label))
    return column.label
