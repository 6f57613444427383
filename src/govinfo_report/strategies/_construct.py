"""``reports()``: valid reports, built from the construction plan, never filtered.

The leaves of the plan are drawn (table-二 cells, the 21 result rows and
结转下年度 of each table-三 applicant column, then 上年结转 bounded by what
the column handled, and the four outcomes of each table-四 group); the
totals are summed.  Every draw shrinks toward zero, so examples shrink
toward the all-zero report.
"""

from __future__ import annotations

import random
from collections.abc import Collection
from decimal import Decimal

import attrs
from hypothesis import strategies as st

from govinfo_report.exceptions import InvalidArgument
from govinfo_report.schema import Report
from govinfo_report.synthetic._api import FIRST_YEAR, _check_options
from govinfo_report.synthetic._build import apply_blanks, blankable, report_of
from govinfo_report.synthetic._draw import cells_of
from govinfo_report.synthetic._narrative import Words, draw_agency, draw_words
from govinfo_report.synthetic._plan import assemble, default_oracle
from govinfo_report.synthetic._profiles import AGENCY_KINDS, BLANKS, agency_profile

__all__ = [
    "DEFAULT_BLANKS",
    "Drawn",
    "ReportParts",
    "check_report_options",
    "draw_parts",
    "reports",
]

_YEARS = (FIRST_YEAR, 2025)
DEFAULT_BLANKS: tuple[str, ...] = ("zero",)
"""The default print style: every zero printed ``0``."""


@attrs.frozen
class Drawn:
    """A :class:`~govinfo_report.synthetic._oracle.Chooser` over a Hypothesis draw."""

    draw: st.DrawFn

    def below(self, n: int) -> int:
        """Return an int in ``[0, n)``, shrinking to 0."""
        return self.draw(st.integers(0, n - 1)) if n > 1 else 0

    def between(self, low: int, high: int) -> int:
        """Return an int in ``[low, high]``, shrinking toward 0."""
        return self.draw(st.integers(low, high))


@attrs.frozen
class ReportParts:
    """What a drawn valid report is made of, before blanks and prose."""

    values: list[int | Decimal]
    words: Words
    makes_regulations: bool
    blanks: str


def check_report_options(
    max_value: object, year: int | None, agency_kind: str | None, blanks: object
) -> tuple[str, ...]:
    """Check the options every report strategy takes; return *blanks* as a tuple.

    Raises:
        InvalidArgument: naming the argument, what it must be and what it was.
    """
    if isinstance(max_value, bool) or not isinstance(max_value, int) or max_value < 0:
        msg = f"max_value={max_value!r}: expected an int ≥ 0"
        raise InvalidArgument(msg)
    if isinstance(blanks, str) or not isinstance(blanks, Collection) or not blanks:
        msg = f"blanks={blanks!r}: expected a non-empty collection of {', '.join(BLANKS)}"
        raise InvalidArgument(msg)
    for style in blanks:
        if style not in BLANKS:
            msg = f"blanks={blanks!r}: {style!r} is not one of {', '.join(BLANKS)}"
            raise InvalidArgument(msg)
    _check_options(0, None, year, agency_kind, "zero")
    return tuple(blanks)


def draw_parts(
    draw: st.DrawFn,
    *,
    max_value: int,
    year: int | None,
    agency_kind: str | None,
    blanks: tuple[str, ...],
) -> ReportParts:
    """Draw the leaves of a valid report and sum its totals."""
    kind = agency_kind or draw(st.sampled_from(AGENCY_KINDS))
    profile = agency_profile(kind)
    counts = st.integers(0, max_value)
    t2 = [0] * 10
    if profile.makes_regulations:
        t2[0:3] = draw(st.lists(counts, min_size=3, max_size=3))
    t2[3:9] = draw(st.lists(counts, min_size=6, max_size=6))
    places = draw(st.integers(0, 6))
    fee = Decimal(draw(st.integers(0, max_value * 10**places))).scaleb(-places)
    results: list[list[int]] = []
    over: list[int] = []
    forward: list[int] = []
    for _ in range(6):
        if draw(st.booleans()):
            column = draw(st.lists(counts, min_size=21, max_size=21))
            out = draw(counts)
            results.append(column)
            forward.append(out)
            over.append(draw(st.integers(0, sum(column) + out)))
        else:
            results.append([0] * 21)
            forward.append(0)
            over.append(0)
    outcomes = [
        draw(st.lists(counts, min_size=4, max_size=4)) if draw(st.booleans()) else [0] * 4
        for _ in range(3)
    ]
    values: list[int | Decimal] = list(assemble(t2, results, over, forward, outcomes))
    values[9] = fee
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    words = draw_words(rng, draw_agency(rng, kind), year or draw(st.integers(*_YEARS)))
    return ReportParts(values, words, profile.makes_regulations, draw(st.sampled_from(blanks)))


def _reports(
    draw: st.DrawFn,
    *,
    max_value: int = 30,
    year: int | None = None,
    agency_kind: str | None = None,
    blanks: Collection[str] = DEFAULT_BLANKS,
) -> Report:
    parts = draw_parts(
        draw, max_value=max_value, year=year, agency_kind=agency_kind, blanks=tuple(blanks)
    )
    cells = cells_of(parts.values)
    apply_blanks(cells, blankable(parts.values, parts.makes_regulations), parts.blanks)
    return report_of(cells, parts.words)


_reports.__name__ = _reports.__qualname__ = "reports"
_reports_strategy = st.composite(_reports)


def reports(
    *,
    max_value: int = 30,
    year: int | None = None,
    agency_kind: str | None = None,
    blanks: Collection[str] = DEFAULT_BLANKS,
) -> st.SearchStrategy[Report]:
    """Return a strategy for valid reports: no rule instance of ``RULES_2021`` is violated.

    Validity holds by construction from the plan that
    :data:`~govinfo_report.rules.RULES_2021`'s identities are checked
    against: the leaves are drawn and the totals summed (no ``.filter``).
    The prose is written from the tables, so the text checks hold too.

    >>> from govinfo_report.strategies import reports
    >>> reports()
    reports()
    >>> reports(max_value=5, blanks=("zero", "slash"))
    reports(max_value=5, blanks=('zero', 'slash'))

    Args:
        max_value: The largest value of a drawn cell (a table-二 count, a
            table-三 result cell, a table-四 outcome); totals may be larger.
        year: The report year, or drawn from 2021–2025.
        agency_kind: One of :data:`~govinfo_report.synthetic.AGENCY_KINDS`,
            or drawn.
        blanks: Print styles to draw from for zero cells that real reports
            leave empty (:data:`~govinfo_report.synthetic.BLANKS`); with
            ``"blank"`` or ``"slash"`` some instances are not assessable.

    Raises:
        InvalidArgument: at once, for an argument out of range.

    Examples from this strategy shrink toward the all-zero report.

    .. versionadded:: 0.1.0
    """
    check_report_options(max_value, year, agency_kind, blanks)
    default_oracle()  # checks, once, that the plan builds what RULES_2021 asks for
    return _reports_strategy(
        max_value=max_value, year=year, agency_kind=agency_kind, blanks=blanks
    )
