"""Shared steps of the seeded generator and the Hypothesis strategies.

Both draw values (from a seeded ``Random`` or from Hypothesis), then come
here to print blanks, break instances on purpose, apply mutations and build
the :class:`~govinfo_report.Report`.  Choices are made through a
:class:`~govinfo_report.synthetic._oracle.Chooser`, so the same code serves
both.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Sequence
from decimal import Decimal

import attrs

from govinfo_report.exceptions import InvalidArgument
from govinfo_report.schema import (
    CELL_PATHS,
    ApplicantRow,
    Cell,
    DecisionRow,
    DocumentRow,
    FeeRow,
    OutcomeRow,
    Report,
    Table2,
    Table3,
    Table4,
)
from govinfo_report.synthetic._draw import cells_of
from govinfo_report.synthetic._mutations import Mutation, Offset, draw_mutation
from govinfo_report.synthetic._narrative import Words, write
from govinfo_report.synthetic._oracle import BreakPlan, Chooser, Oracle
from govinfo_report.synthetic._plan import T3_BASE, T4_BASE, WIDTH, flow

__all__ = [
    "BrokenReport",
    "apply_blanks",
    "blankable",
    "break_on_purpose",
    "mutate",
    "report_of",
]

_MAX_TRIES = 32


@attrs.frozen
class BrokenReport:
    """A report broken on purpose, with the rule instances it breaks.

    Attributes:
        report: The broken report.
        expected: The ids of the rule instances it violates, computed from
            the rule set's linear terms and the change vector (never by
            validating the report).
        not_assessable: Ids of instances the change made not assessable (a
            cell printed blank or ``/``).
        mutations: What was done, in order (for ``breaking=``, one
            :class:`~govinfo_report.synthetic.Offset` per changed cell).
        original: The valid report before the change.

    .. versionadded:: 0.1.0
    """

    report: Report
    expected: frozenset[str]
    not_assessable: frozenset[str]
    mutations: tuple[Mutation, ...]
    original: Report


def blankable(values: Sequence[int | Decimal], makes_regulations: bool) -> list[int]:
    """Return the zero cells that real reports leave blank or mark ``/``.

    The 规章 row of an agency that makes no 规章, zero 行政许可/处罚/强制
    decisions, zero cells of the five 法人或其他组织 columns of table 三, and
    zero cells of table 四.
    """
    out = [j for j in range(3) if not makes_regulations and values[j] == 0]
    out += [j for j in (6, 7, 8) if values[j] == 0]
    out += [
        T3_BASE + WIDTH * r + c
        for r in range(25)
        for c in range(1, 6)
        if not values[T3_BASE + WIDTH * r + c]
    ]
    out += [j for j in range(T4_BASE, T4_BASE + 15) if values[j] == 0]
    return out


def apply_blanks(
    cells: list[Cell], indexes: Sequence[int], blanks: str, keep: Collection[int] = ()
) -> None:
    """Print the cells at *indexes* (but not *keep*) empty or as ``/``, in place."""
    if blanks == "zero":
        return
    blank = Cell(None, "" if blanks == "blank" else "/")
    for j in indexes:
        if j not in keep:
            cells[j] = blank


def report_of(cells: Sequence[Cell], words: Words) -> Report:
    """Return the report of these cells, its prose written from them.

    The same report as ``Report.from_flat(cells, ...)``, built faster: most
    table-三 rows of a generated report are all zeros, and one shared
    all-zero row object serves them all (rows are immutable).
    """
    meta, sections = write(words, cells)
    t2 = Table2(
        DocumentRow(*cells[0:3]),
        DocumentRow(*cells[3:6]),
        DecisionRow(cells[6]),
        DecisionRow(cells[7]),
        DecisionRow(cells[8]),
        FeeRow(cells[9]),
    )
    zero_row, zero_group = _zero_rows()
    zeros7, zeros5 = zero_row.cells(), zero_group.cells()
    rows = []
    for i in range(T3_BASE, T4_BASE, WIDTH):
        row = tuple(cells[i : i + WIDTH])
        rows.append(zero_row if row == zeros7 else ApplicantRow(*row))
    groups = []
    for i in range(T4_BASE, T4_BASE + 15, 5):
        group = tuple(cells[i : i + 5])
        groups.append(zero_group if group == zeros5 else OutcomeRow(*group))
    return Report(
        meta,
        sections,  # type: ignore[arg-type]  # the plugin reads attrs' tuple converter loosely
        t2,
        Table3(*rows),
        Table4(*groups),
    )


@functools.cache
def _zero_rows() -> tuple[ApplicantRow, OutcomeRow]:
    zero = Cell.count(0)
    return ApplicantRow(*(zero,) * WIDTH), OutcomeRow(*(zero,) * 5)


def break_on_purpose(
    plan: BreakPlan,
    oracle: Oracle,
    values: Sequence[int | Decimal],
    *,
    words: Words,
    makes_regulations: bool,
    blanks: str,
    choose: Chooser,
) -> BrokenReport:
    """Break exactly ``plan.ids`` in the valid report of *values*.

    A change vector is drawn from the plan; where it would take a cell
    below zero, unit flows (small valid reports) are added first, so the
    original stays valid.  Cells read by the target instances and the
    changed cells are never printed blank.
    """
    keep = {j for t in plan.targets for j in t.index}
    for _ in range(_MAX_TRIES):
        delta = plan.delta(choose)
        grown = list(values)
        for j, d in sorted(delta.items()):
            deficit = -(grown[j] + d)
            if deficit > 0:
                for i, v in flow(j):
                    grown[i] += v * deficit
        cells = cells_of(grown)
        apply_blanks(cells, blankable(grown, makes_regulations), blanks, keep | set(delta))
        original = tuple(cells)
        changed = list(cells)
        for j, d in delta.items():
            changed[j] = Cell.count(int(grown[j]) + d)
        violated, missing = oracle.changes(original, changed)
        if violated == plan.ids:
            mutations = tuple(Offset(CELL_PATHS[j], d) for j, d in sorted(delta.items()))
            return BrokenReport(
                report_of(changed, words),
                violated,
                missing,
                mutations,
                report_of(original, words),
            )
    msg = (  # pragma: no cover - only a bound (<=, >=) in the rule set could get in the way
        f"breaking={sorted(plan.ids)!r}: every change tried also broke another instance"
    )
    raise InvalidArgument(msg)  # pragma: no cover


def mutate(
    original: tuple[Cell, ...],
    words: Words,
    steps: Sequence[Mutation | str],
    choose: Chooser,
    oracle: Oracle,
) -> BrokenReport:
    """Apply *steps* in order; a kind name draws a mutation of that kind.

    A drawn mutation (other than ``blank``) that happens to break nothing
    (a swap whose identities are not assessable because of blanks) is
    replaced by an :class:`Offset` on a cell with an assessable identity,
    so that drawn mistakes always show.
    """
    done: list[Mutation] = []
    current = original
    for step in steps:
        if isinstance(step, str):
            mutation = draw_mutation(step, current, choose, oracle)
            after = mutation.apply(current)
            if step != "blank" and not oracle.changes(current, after)[0]:
                mutation = draw_mutation("offset", current, choose, oracle)
                after = mutation.apply(current)
        else:
            mutation = step
            after = mutation.apply(current)
        current = after
        done.append(mutation)
    violated, missing = oracle.changes(original, current)
    return BrokenReport(
        report_of(current, words), violated, missing, tuple(done), report_of(original, words)
    )
