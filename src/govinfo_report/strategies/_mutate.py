"""``invalid_reports()`` and ``mutated_reports()``: reports broken on purpose.

A valid report is drawn as by :func:`~govinfo_report.strategies.reports`,
then changed; the violated instances come from the rule set's linear terms
applied to the change vector (never from validating the result).
"""

from __future__ import annotations

from collections.abc import Collection

from hypothesis import strategies as st

from govinfo_report.exceptions import InvalidArgument
from govinfo_report.schema import Report
from govinfo_report.strategies._construct import (
    DEFAULT_BLANKS,
    Drawn,
    check_report_options,
    draw_parts,
)
from govinfo_report.synthetic._build import (
    BrokenReport,
    apply_blanks,
    blankable,
    break_on_purpose,
    mutate,
)
from govinfo_report.synthetic._draw import cells_of
from govinfo_report.synthetic._mutations import MUTATION_KINDS
from govinfo_report.synthetic._plan import default_oracle

__all__ = ["BREAKING_KINDS", "invalid_reports", "mutated_reports"]

BREAKING_KINDS: tuple[str, ...] = ("offset", "typo", "transpose", "swap_rows", "swap_columns")
"""The mutation kinds that always break at least one instance (``blank`` only makes some NA)."""


def _check_kinds(kinds: object, name: str) -> tuple[str, ...]:
    if isinstance(kinds, str) or not isinstance(kinds, Collection) or not kinds:
        msg = f"{name}={kinds!r}: expected a non-empty collection of {', '.join(MUTATION_KINDS)}"
        raise InvalidArgument(msg)
    for kind in kinds:
        if kind not in MUTATION_KINDS:
            msg = f"{name}={kinds!r}: {kind!r} is not one of {', '.join(MUTATION_KINDS)}"
            raise InvalidArgument(msg)
    return tuple(kinds)


def _draw_broken(
    draw: st.DrawFn,
    *,
    break_rules: frozenset[str] | None,
    kinds: tuple[str, ...],
    count: int,
    max_value: int,
    year: int | None,
    agency_kind: str | None,
    blanks: tuple[str, ...],
) -> BrokenReport:
    oracle = default_oracle()
    parts = draw_parts(
        draw, max_value=max_value, year=year, agency_kind=agency_kind, blanks=blanks
    )
    choose = Drawn(draw)
    if break_rules is not None:
        return break_on_purpose(
            oracle.break_plan(break_rules),
            oracle,
            parts.values,
            words=parts.words,
            makes_regulations=parts.makes_regulations,
            blanks=parts.blanks,
            choose=choose,
        )
    cells = cells_of(parts.values)
    apply_blanks(cells, blankable(parts.values, parts.makes_regulations), parts.blanks)
    steps = [kinds[choose.below(len(kinds))] for _ in range(choose.between(1, count))]
    return mutate(tuple(cells), parts.words, steps, choose, oracle)


def _invalid_reports(
    draw: st.DrawFn,
    *,
    break_rules: Collection[str] | None = None,
    kinds: Collection[str] | None = None,
    max_value: int = 30,
    year: int | None = None,
    agency_kind: str | None = None,
    blanks: Collection[str] = DEFAULT_BLANKS,
) -> tuple[Report, frozenset[str]]:
    broken = _draw_broken(
        draw,
        break_rules=None if break_rules is None else frozenset(break_rules),
        kinds=tuple(kinds or BREAKING_KINDS),
        count=1,
        max_value=max_value,
        year=year,
        agency_kind=agency_kind,
        blanks=tuple(blanks),
    )
    return broken.report, broken.expected


def _mutated_reports(
    draw: st.DrawFn,
    *,
    kinds: Collection[str] = MUTATION_KINDS,
    max_mutations: int = 1,
    max_value: int = 30,
    year: int | None = None,
    agency_kind: str | None = None,
    blanks: Collection[str] = DEFAULT_BLANKS,
) -> BrokenReport:
    return _draw_broken(
        draw,
        break_rules=None,
        kinds=tuple(kinds),
        count=max_mutations,
        max_value=max_value,
        year=year,
        agency_kind=agency_kind,
        blanks=tuple(blanks),
    )


_invalid_reports.__name__ = _invalid_reports.__qualname__ = "invalid_reports"
_mutated_reports.__name__ = _mutated_reports.__qualname__ = "mutated_reports"
_invalid_strategy = st.composite(_invalid_reports)
_mutated_strategy = st.composite(_mutated_reports)


def invalid_reports(
    *,
    break_rules: Collection[str] | None = None,
    kinds: Collection[str] | None = None,
    max_value: int = 30,
    year: int | None = None,
    agency_kind: str | None = None,
    blanks: Collection[str] = DEFAULT_BLANKS,
) -> st.SearchStrategy[tuple[Report, frozenset[str]]]:
    """Return a strategy for ``(report, expected_violations)``: a report and what it breaks.

    With ``break_rules``, the report violates exactly those instances: the
    smallest change that does (one cell when one will do) is drawn from
    the rule set's linear terms.  Otherwise one mistake of one of *kinds*
    is made on a valid report (a drawn ``offset``, ``typo``,
    ``transpose``, ``swap_rows`` or ``swap_columns`` always breaks
    something; ``blank`` only makes instances not assessable).  Either
    way, ``expected_violations`` is the frozenset of violated instance ids,
    computed from the change vector, so that a test can assert
    ``validate(report).failed_ids == expected_violations``.

    >>> from govinfo_report.strategies import invalid_reports
    >>> invalid_reports(break_rules={"t4.group_sum[review]"})
    invalid_reports(break_rules={'t4.group_sum[review]'})

    Args:
        break_rules: Instance ids to break, exactly.
        kinds: Mutation kinds to draw from
            (:data:`~govinfo_report.synthetic.MUTATION_KINDS`); the
            default is every kind but ``blank``.  Not with ``break_rules``.
        max_value: As for :func:`reports`.
        year: As for :func:`reports`.
        agency_kind: As for :func:`reports`.
        blanks: As for :func:`reports`.

    Raises:
        InvalidArgument: at once, for ``break_rules`` with ``kinds``, an
            unknown instance id or kind, or a set of instances that cannot
            fail alone (``{"t3.balance[total]"}`` is implied by the other
            columns, SPEC §5.3), naming the instances that force it.

    Examples from this strategy shrink toward one small change of the
    all-zero report.

    .. versionadded:: 0.1.0
    """
    check_report_options(max_value, year, agency_kind, blanks)
    if break_rules is not None:
        if kinds is not None:
            msg = (
                f"cannot specify both break_rules={break_rules!r} and kinds={kinds!r} "
                "(break_rules chooses the change itself)"
            )
            raise InvalidArgument(msg)
        if isinstance(break_rules, str) or not isinstance(break_rules, Collection):
            msg = f"break_rules={break_rules!r}: expected a collection of instance ids, e.g. {{{break_rules!r}}}"
            raise InvalidArgument(msg)
        if not break_rules:
            msg = "break_rules is empty: expected at least one instance id (use reports() for valid reports)"
            raise InvalidArgument(msg)
        try:
            default_oracle().break_plan(frozenset(break_rules))
        except InvalidArgument as exc:
            msg = str(exc).replace("breaking=", "break_rules=", 1)
            raise InvalidArgument(msg) from None
    if kinds is not None:
        _check_kinds(kinds, "kinds")
    return _invalid_strategy(
        break_rules=break_rules,
        kinds=kinds,
        max_value=max_value,
        year=year,
        agency_kind=agency_kind,
        blanks=blanks,
    )


def mutated_reports(
    *,
    kinds: Collection[str] = MUTATION_KINDS,
    max_mutations: int = 1,
    max_value: int = 30,
    year: int | None = None,
    agency_kind: str | None = None,
    blanks: Collection[str] = DEFAULT_BLANKS,
) -> st.SearchStrategy[BrokenReport]:
    """Return a strategy for :class:`~govinfo_report.synthetic.BrokenReport` values.

    Like :func:`invalid_reports` without ``break_rules``, with everything
    kept: the original valid report, the mutations made (one to
    *max_mutations*, each of a kind drawn from *kinds*), the violated and
    the no-longer-assessable instance ids.

    >>> from govinfo_report.strategies import mutated_reports
    >>> mutated_reports(kinds=["offset"])
    mutated_reports(kinds=['offset'])

    Args:
        kinds: Mutation kinds to draw from
            (:data:`~govinfo_report.synthetic.MUTATION_KINDS`).
        max_mutations: The most mistakes in one report (at least 1).
        max_value: As for :func:`reports`.
        year: As for :func:`reports`.
        agency_kind: As for :func:`reports`.
        blanks: As for :func:`reports`.

    Raises:
        InvalidArgument: at once, for an unknown kind or a count below 1.

    Examples from this strategy shrink toward one small mistake in the
    all-zero report.

    .. versionadded:: 0.1.0
    """
    check_report_options(max_value, year, agency_kind, blanks)
    _check_kinds(kinds, "kinds")
    if isinstance(max_mutations, bool) or not isinstance(max_mutations, int) or max_mutations < 1:
        msg = f"max_mutations={max_mutations!r}: expected an int ≥ 1"
        raise InvalidArgument(msg)
    return _mutated_strategy(
        kinds=kinds,
        max_mutations=max_mutations,
        max_value=max_value,
        year=year,
        agency_kind=agency_kind,
        blanks=blanks,
    )
