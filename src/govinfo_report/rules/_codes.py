"""Stable codes: why a rule failed, and why it could not be evaluated."""

from __future__ import annotations

import enum

__all__ = ["NotEvaluatedReason", "ReasonCode", "Status"]


class ReasonCode(enum.StrEnum):
    """The stable code of a violation (compare with the string: ``code == "govinfo.sum"``).

    .. versionadded:: 0.1.0
    """

    BALANCE = "govinfo.balance"
    """A balance (inflow = outflow) does not hold: 一 + 二 ≠ （七） + 四."""
    SUM = "govinfo.sum"
    """A total is not the sum of its items."""
    BOUND = "govinfo.bound"
    """A value is out of bounds (negative, not an integer, above a limit)."""
    PARSE = "govinfo.parse"
    """A cell that must hold a number is printed as something else (kept as printed)."""
    RELATION = "govinfo.relation"
    """A user-defined linear relation does not hold."""
    CARRYOVER = "govinfo.carryover"
    """This year's 上年结转 differs from last year's 结转下年度."""
    ROLLFORWARD = "govinfo.rollforward"
    """现行有效 does not roll forward from last year by 制发 − 废止."""
    NARRATIVE = "govinfo.narrative"
    """A figure in the prose differs from the table."""
    FEE = "govinfo.fee"
    """Fee notices were sent (table 三) but section 六 does not report them."""
    YEAR = "govinfo.year"
    """The title, the 统计期限 or the prose names a year that is not the report's."""


class Status(enum.Enum):
    """The outcome of one rule instance.

    .. versionadded:: 0.1.0
    """

    PASS = "pass"
    """The rule holds."""
    FAIL = "fail"
    """The rule is broken."""
    NA = "not_evaluated"
    """The rule could not be evaluated; the outcome says why."""


class NotEvaluatedReason(enum.StrEnum):
    """Why a rule instance could not be evaluated.

    .. versionadded:: 0.1.0
    """

    BLANK = "blank"
    """A cell is printed empty (blank is unknown unless ``blank_as_zero=True``)."""
    MARKER = "marker"
    """A cell holds a marker such as ``/`` or ``无`` (kept as printed)."""
    TEXT = "text"
    """A cell holds text that is not a number (kept as printed)."""
    ABSENT = "absent"
    """The text does not give the cell (cut off, table missing)."""
    NO_PREVIOUS = "no_previous"
    """The rule compares with last year's report, and none was given."""
    PREVIOUS_YEAR = "previous_year"
    """The report given as last year's is not for the year before."""
    NO_MENTION = "no_mention"
    """The prose does not mention the figure the rule compares."""
    NO_TEXT = "no_text"
    """The part of the report the rule reads (title, a section) is not in the text."""
    NO_YEAR = "no_year"
    """The report's year is not known."""
    USED_TO_READ = "used_to_read"
    """The reader used the rule to choose cell values (an inferred split or gap): it proves nothing."""
