"""A rule set compiled once: an integer coefficient matrix over the cells, and tolerances.

Every linear instance (an identity, a cross-year relation, a bound) is a row
``Σ coef · value  op  0`` over one vector of values (:mod:`._columns`):
this year's 200 cells (columns 0–199, in canonical order), last year's 200
cells (200–399) and the constant 1 (column 400, whose coefficient is the
relation's constant).  A report is evaluated by one pass over the rows
(:mod:`._evaluate`).

The prose checks (figures in the text, the fee notice, years) are not
linear; they are compiled by :mod:`._prose` and listed by instance number.

What does not depend on the report is worked out here, once: the
identities split into their ``+`` and ``−`` cells, the bounds every count
meets checked as runs of columns, the records of instances that cannot be
evaluated without last year's report, each rule's span of instances.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from operator import itemgetter, mul
from typing import Any, TypeAlias

import attrs

from govinfo_report.rules._checks import Domain
from govinfo_report.rules._columns import (
    AMOUNT_COLUMNS,
    CONSTANT,
    PREVIOUS_OFFSET,
    WIDTH,
    column,
)
from govinfo_report.rules._details import no_previous
from govinfo_report.rules._expr import PREVIOUS, Op, Relation
from govinfo_report.rules._prose import ProsePlan, plan
from govinfo_report.rules._records import NotEvaluated
from govinfo_report.rules._rule import RuleInstance, RuleSet
from govinfo_report.schema import CELL_PATHS, CELL_SPECS, Severity

__all__ = [
    "AMOUNT_COLUMNS",
    "CONSTANT",
    "PREVIOUS_OFFSET",
    "WIDTH",
    "Bound",
    "Matrix",
    "Row",
    "column",
    "compiled",
]

Getter: TypeAlias = Callable[[Sequence[Any]], tuple[Any, ...]]
"""Reads a row's values out of the value vector (always a tuple)."""


class _One:
    """The one-column getter: a tuple of one value (picklable, for worker processes)."""

    __slots__ = ("index",)

    def __init__(self, index: int) -> None:
        self.index = index

    def __call__(self, values: Sequence[Any]) -> tuple[Any, ...]:
        return (values[self.index],)


def _getter(columns: tuple[int, ...]) -> Getter:
    """An itemgetter that returns a tuple even for one column."""
    if len(columns) == 1:
        return _One(columns[0])
    return itemgetter(*columns)


@attrs.frozen
class Row:
    """One linear instance: ``Σ coefs · values[columns]  op  0``, within its tolerance.

    Attributes:
        instance: The instance's number in ``rules.instances()``.
        columns: The columns it reads (the constant column when it has a constant).
        coefs: Their integer coefficients.
        op: ``"=="``, ``"<="`` or ``">="``.
        absolute: The absolute tolerance (0 for exact rules).
        interval_columns: The 万元 amount columns read as intervals from
            their printed decimals (``printed`` tolerance), else ``()``.
        previous: Whether it reads last year's report.
    """

    instance: int
    columns: tuple[int, ...]
    coefs: tuple[int, ...]
    op: Op
    absolute: Decimal
    interval_columns: tuple[int, ...]
    previous: bool
    get: Getter = attrs.field(eq=False, repr=False)
    # For a row whose coefficients are all ±1 (every 2021 identity): its + and
    # − cells, summed apart without multiplying.
    plus: Getter | None = attrs.field(default=None, eq=False, repr=False)
    minus: Getter | None = attrs.field(default=None, eq=False, repr=False)

    def total(self, values: Sequence[Any]) -> Any:
        """Return ``Σ coefs · values[columns]``; raise ``TypeError`` for a cell without a number.

        A row of ±1 coefficients sums its ``+`` cells and its ``−`` cells
        apart, and subtracts.
        """
        if self.plus is not None and self.minus is not None:
            return sum(self.plus(values)) - sum(self.minus(values))
        return sum(map(mul, self.coefs, self.get(values)))

    @property
    def exact(self) -> bool:
        """Whether the row compares integers exactly (no tolerance, no interval)."""
        return not self.absolute and not self.interval_columns

    @property
    def identity(self) -> bool:
        """Whether the row is an exact identity of this year's cells with ±1 coefficients.

        Such a row holds when its ``+`` cells and its ``−`` cells sum alike.
        """
        return (
            self.op == "=="
            and self.exact
            and not self.previous
            and self.plus is not None
            and self.minus is not None
        )

    def radius(self, values: Sequence[Any]) -> Decimal:
        """Return how far from 0 the row's sum may be: the tolerance and the amounts' intervals.

        An amount printed with *k* decimals stands for ±½·10⁻ᵏ around it; its
        coefficient scales that interval.
        """
        radius = self.absolute
        for j, a in zip(self.columns, self.coefs, strict=True):
            value = values[j]
            if j in self.interval_columns and isinstance(value, Decimal):
                exponent = value.as_tuple().exponent
                if isinstance(exponent, int):
                    radius += abs(a) * Decimal((0, (5,), exponent - 1))
        return radius


@attrs.frozen
class Bound:
    """A bound on one cell: ``minimum ≤ value ≤ maximum``, an integer when ``integral``."""

    instance: int
    column: int
    minimum: int
    maximum: int | None
    integral: bool


Identity: TypeAlias = tuple[int, Getter, Getter]
"""An exact identity of ±1 coefficients: (instance, its + cells, its − cells)."""
Total: TypeAlias = tuple[int, Getter, int]
"""An exact identity of one cell and a sum of cells: (instance, the sum's cells, the cell's column)."""


@attrs.frozen
class Matrix:
    """A rule set compiled for evaluation.

    Attributes:
        instances: The rule instances, in order.
        rows: The linear relations, one row each.
        bounds: The bounds on one cell.
        prose: Instance numbers of the prose checks.
        families: Each rule's id and severity, in order.
        family_of: Each instance's rule, as a number into ``families``.
        family_spans: Each rule's instances, ``(first, end)`` (a rule's
            instances follow one another).
        totals: The rows that are exact identities of this year's cells
            with ±1 coefficients (:attr:`Row.identity`) and one cell alone
            on a side: that cell is the sum of the others.
        identities: The other such identities (cells on both sides), each
            side summed without multiplying.
        other_rows: The rows that are not identities of this year's cells.
        plain_bounds: The bounds that every integer count in range meets
            (a count, ``0 ≤ value ≤ maximum``), checked all at once first.
        plain_runs: Their columns, as runs ``(start, stop)`` of consecutive columns.
        plain_maximum: Their one maximum (``None``: none).
        other_bounds: The bounds that are checked one by one even then.
        no_previous: The record of each relation that reads last year's
            report, for a report validated without it.
        prose_plans: The prose checks, compiled, by instance number.
        summaries: The summary tables made so far, by table format and
            statuses (see :func:`._render.summary_table`).

    .. versionadded:: 0.1.0
    """

    instances: tuple[RuleInstance, ...]
    rows: tuple[Row, ...]
    bounds: tuple[Bound, ...]
    prose: tuple[int, ...]
    families: tuple[tuple[str, Severity], ...] = attrs.field(eq=False, repr=False)
    family_of: tuple[int, ...] = attrs.field(eq=False, repr=False)
    family_spans: tuple[tuple[int, int], ...] = attrs.field(eq=False, repr=False)
    totals: tuple[Total, ...] = attrs.field(eq=False, repr=False)
    identities: tuple[Identity, ...] = attrs.field(eq=False, repr=False)
    other_rows: tuple[Row, ...] = attrs.field(eq=False, repr=False)
    plain_bounds: tuple[Bound, ...] = attrs.field(eq=False, repr=False)
    plain_runs: tuple[tuple[int, int], ...] = attrs.field(eq=False, repr=False)
    plain_maximum: int | None = attrs.field(eq=False, repr=False)
    other_bounds: tuple[Bound, ...] = attrs.field(eq=False, repr=False)
    no_previous: Mapping[int, NotEvaluated] = attrs.field(eq=False, repr=False)
    prose_plans: Mapping[int, ProsePlan] = attrs.field(eq=False, repr=False)
    summaries: dict[tuple[str, bytes], str] = attrs.field(factory=dict, eq=False, repr=False)

    def coefficients(self) -> list[list[int]]:
        """Return the dense matrix: one list of :data:`WIDTH` coefficients per row."""
        out = []
        for row in self.rows:
            dense = [0] * WIDTH
            for j, a in zip(row.columns, row.coefs, strict=True):
                dense[j] += a
            out.append(dense)
        return out


def _row(k: int, instance: RuleInstance) -> Row:
    relation = instance.relation
    assert relation is not None
    coefs: dict[int, int] = {}
    for term in relation.terms:
        j = column(term.path)
        coefs[j] = coefs.get(j, 0) + term.coef
    if relation.constant or len(coefs) < 2:
        coefs[CONSTANT] = relation.constant
    columns = tuple(coefs)
    printed = instance.tolerance.mode == "printed"
    plus = tuple(j for j, a in coefs.items() if a == 1)
    minus = tuple(j for j, a in coefs.items() if a == -1)
    # Summed without multiplying: no constant, every coefficient ±1, both sides.
    unit = not relation.constant and plus and minus and len(plus) + len(minus) == len(coefs)
    return Row(
        instance=k,
        columns=columns,
        coefs=tuple(coefs.values()),
        op=relation.op,
        absolute=instance.tolerance.absolute,
        interval_columns=tuple(j for j in columns if printed and j in AMOUNT_COLUMNS),
        previous=instance.needs_previous,
        get=_getter(columns),
        plus=_getter(plus) if unit else None,
        minus=_getter(minus) if unit else None,
    )


def _runs(columns: Sequence[int]) -> tuple[tuple[int, int], ...]:
    """Return sorted *columns* as runs ``(start, stop)`` of consecutive columns.

    >>> _runs([0, 1, 2, 5, 6, 9])
    ((0, 3), (5, 7), (9, 10))
    """
    runs: list[list[int]] = []
    for j in sorted(columns):
        if runs and runs[-1][1] == j:
            runs[-1][1] = j + 1
        else:
            runs.append([j, j + 1])
    return tuple((start, stop) for start, stop in runs)


def _spans(family_of: Sequence[int]) -> tuple[tuple[int, int], ...]:
    """Return ``(first, end)`` of each family's instances, which follow one another."""
    spans: list[tuple[int, int]] = []
    start = 0
    for k in range(1, len(family_of) + 1):
        if k == len(family_of) or family_of[k] != family_of[start]:
            spans.append((start, k))
            start = k
    assert len(spans) == len(set(family_of)), "a rule's instances are not one after another"
    return tuple(spans)


def _identities(rows: Sequence[Row]) -> tuple[tuple[Total, ...], tuple[Identity, ...]]:
    """Split the identities of this year's cells: one cell alone on a side, or not."""
    totals: list[Total] = []
    identities: list[Identity] = []
    for row in rows:
        if not row.identity or row.plus is None or row.minus is None:
            continue
        plus = [j for j, a in zip(row.columns, row.coefs, strict=True) if a == 1]
        minus = [j for j, a in zip(row.columns, row.coefs, strict=True) if a == -1]
        if len(plus) == 1:
            totals.append((row.instance, row.minus, plus[0]))
        elif len(minus) == 1:
            totals.append((row.instance, row.plus, minus[0]))
        else:
            identities.append((row.instance, row.plus, row.minus))
    return tuple(totals), tuple(identities)


def compile_rules(rules: RuleSet) -> Matrix:
    """Compile *rules* into a :class:`Matrix` (use :func:`compiled`, which keeps it)."""
    instances = rules.instances()
    rows: list[Row] = []
    bounds: list[Bound] = []
    prose: list[int] = []
    for k, instance in enumerate(instances):
        check = instance.check
        if isinstance(check, Domain) and not check.path.startswith(PREVIOUS):
            bounds.append(
                Bound(k, column(check.path), check.minimum, check.maximum, check.integral)
            )
        elif instance.is_linear:
            rows.append(_row(k, instance))
        else:
            prose.append(k)
    plain = tuple(
        b
        for b in bounds
        if b.integral and b.minimum == 0 and CELL_SPECS[CELL_PATHS[b.column]].kind == "count"
    )
    maxima = {b.maximum for b in plain}
    if len(maxima) > 1:  # one check for all needs one maximum
        plain = tuple(b for b in plain if b.maximum is None)
        maxima = {None}
    families: dict[str, tuple[int, Severity]] = {}
    for instance in instances:
        families.setdefault(instance.family, (len(families), instance.severity))
    family_of = tuple(families[i.family][0] for i in instances)
    totals, identities = _identities(rows)
    prose_plans = {k: plan(instances[k]) for k in prose}
    return Matrix(
        instances,
        tuple(rows),
        tuple(bounds),
        tuple(prose),
        families=tuple((family, severity) for family, (_, severity) in families.items()),
        family_of=family_of,
        family_spans=_spans(family_of),
        totals=totals,
        identities=identities,
        other_rows=tuple(row for row in rows if not row.identity),
        plain_bounds=plain,
        plain_runs=_runs([b.column for b in plain]),
        plain_maximum=maxima.pop() if maxima else None,
        other_bounds=tuple(b for b in bounds if b not in plain),
        no_previous={
            k: no_previous(instance)
            for k, instance in enumerate(instances)
            if isinstance(instance.check, Relation) and instance.needs_previous
        },
        prose_plans=prose_plans,
    )


def compiled(rules: RuleSet) -> Matrix:
    """Return the matrix of *rules*, compiled on first use and kept with the rule set.

    .. versionadded:: 0.1.0
    """
    return rules.derived("matrix", compile_rules)
