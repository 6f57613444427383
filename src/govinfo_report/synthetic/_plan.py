"""The construction plan: which cells are drawn, which follow, and unit flows.

A valid report is built, never searched for.  In table 三 the *leaves* of
each applicant column are the 21 result rows, 上年结转 (``carried_over``) and
结转下年度 (``carried_forward``); （七）总计 is the sum of the result rows,
本年新收 is ``total_processed + carried_forward - carried_over`` (so
``carried_over`` is drawn last, at most ``total_processed +
carried_forward``), and the 总计 column is the sum of the six applicant
columns.  In table 四 each total is the sum of its four outcomes.  Table 二
has no identities.

The plan is linear, so it can be checked against any rule set once and for
all: :func:`check_plan` applies every equality instance's terms to the image
of each leaf.  :func:`flow` gives, for any cell, a smallest valid non-negative
report in which that cell is at least 1; adding flows to a valid report keeps
it valid, which is how a report is made large enough for a given change.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from govinfo_report.exceptions import RuleDefinitionError
from govinfo_report.schema import CELL_PATHS, CELL_SPECS
from govinfo_report.synthetic._oracle import Oracle, oracle_for

if TYPE_CHECKING:
    from govinfo_report.synthetic._oracle import LinearInstance

__all__ = [
    "T3_BASE",
    "T3_CARRIED_FORWARD",
    "T3_CARRIED_OVER",
    "T3_NEW_RECEIVED",
    "T3_RESULTS",
    "T3_TOTAL_PROCESSED",
    "T4_BASE",
    "WIDTH",
    "assemble",
    "check_plan",
    "default_oracle",
    "flow",
]

T3_BASE = CELL_SPECS["t3.new_received.natural_person"].index
"""Flat index of the first table-三 cell."""
WIDTH = 7
"""Columns of table 三 (six applicant columns and 总计)."""
T3_NEW_RECEIVED = 0
T3_CARRIED_OVER = 1
T3_RESULTS = range(2, 23)
"""Row numbers of the 21 result rows (``granted`` … ``other_other``)."""
T3_TOTAL_PROCESSED = 23
T3_CARRIED_FORWARD = 24
T4_BASE = CELL_SPECS["t4.review.upheld"].index
"""Flat index of the first table-四 cell."""

_GRANTED = 2
_TOTAL_COLUMN = 6


def assemble(
    t2: Sequence[int],
    results: Sequence[Sequence[int]],
    carried_over: Sequence[int],
    carried_forward: Sequence[int],
    outcomes: Sequence[Sequence[int]],
) -> list[int]:
    """Return the 200 values (the fee as an int) that the leaves determine.

    Args:
        t2: The ten table-二 values.
        results: Per applicant column (6), the 21 result-row values.
        carried_over: Per applicant column, 上年结转.
        carried_forward: Per applicant column, 结转下年度继续办理.
        outcomes: Per table-四 group (3), upheld, corrected, other, pending.

    Returns:
        The values in canonical order.  They are a valid report when every
        leaf is ≥ 0 and ``carried_over[c] ≤ sum(results[c]) +
        carried_forward[c]``.
    """
    values = [0] * len(CELL_PATHS)
    values[: len(t2)] = t2
    for c in range(6):
        base = T3_BASE + c
        processed = 0
        for r, v in zip(T3_RESULTS, results[c], strict=True):
            values[base + WIDTH * r] = v
            processed += v
        values[base + WIDTH * T3_CARRIED_OVER] = carried_over[c]
        values[base + WIDTH * T3_CARRIED_FORWARD] = carried_forward[c]
        values[base + WIDTH * T3_TOTAL_PROCESSED] = processed
        values[base + WIDTH * T3_NEW_RECEIVED] = processed + carried_forward[c] - carried_over[c]
    for r in range(25):
        row = T3_BASE + WIDTH * r
        values[row + _TOTAL_COLUMN] = sum(values[row : row + 6])
    for g, group in enumerate(outcomes):
        base = T4_BASE + 5 * g
        values[base : base + 4] = group
        values[base + 4] = sum(group)
    return values


def _leaf_images() -> Iterable[tuple[str, list[int]]]:
    """Yield ``(leaf name, image of the unit leaf)`` for every leaf of the plan."""
    zero_t2 = [0] * 10
    zero_results = [[0] * 21 for _ in range(6)]
    zero6 = [0] * 6
    zero_outcomes = [[0] * 4 for _ in range(3)]
    for i in range(10):
        t2 = list(zero_t2)
        t2[i] = 1
        yield CELL_PATHS[i], assemble(t2, zero_results, zero6, zero6, zero_outcomes)
    for c in range(6):
        for k in range(21):
            results = [list(col) for col in zero_results]
            results[c][k] = 1
            yield (
                CELL_PATHS[T3_BASE + WIDTH * T3_RESULTS[k] + c],
                assemble(zero_t2, results, zero6, zero6, zero_outcomes),
            )
        for row, which in ((T3_CARRIED_OVER, "over"), (T3_CARRIED_FORWARD, "forward")):
            unit = list(zero6)
            unit[c] = 1
            over, forward = (unit, zero6) if which == "over" else (zero6, unit)
            yield (
                CELL_PATHS[T3_BASE + WIDTH * row + c],
                assemble(zero_t2, zero_results, over, forward, zero_outcomes),
            )
    for g in range(3):
        for o in range(4):
            outcomes = [list(group) for group in zero_outcomes]
            outcomes[g][o] = 1
            yield (
                CELL_PATHS[T4_BASE + 5 * g + o],
                assemble(zero_t2, zero_results, zero6, zero6, outcomes),
            )


def check_plan(instances: Iterable[LinearInstance]) -> None:
    """Check that every report the plan builds satisfies every equality instance.

    The plan is linear, so it is enough to apply each instance's terms to
    the image of each unit leaf.

    Raises:
        RuleDefinitionError: naming the instance and the leaf, when a rule
            set asks for something the plan does not build (a rule set
            other than :data:`~govinfo_report.rules.RULES_2021` with an
            identity the form does not have).
    """
    equalities = [i for i in instances if i.op == "=="]
    for leaf, image in _leaf_images():
        for instance in equalities:
            residual = sum(
                k * image[j] for j, k in zip(instance.index, instance.coeff, strict=True)
            )
            if residual:
                msg = (
                    f"the generator cannot build reports for rule {instance.id!r}: a report "
                    f"built from one unit in {leaf} leaves it off by {residual}; only rule "
                    "sets whose identities are those of the 2021 form are supported"
                )
                raise RuleDefinitionError(msg)


@functools.cache
def flow(index: int) -> tuple[tuple[int, int], ...]:
    """Return a small valid report, as ``(index, value)`` pairs, with cell *index* ≥ 1.

    Adding it to a valid report keeps every identity and every bound; it is
    how a report is made large enough for a change that lowers a cell.
    """
    if index < T3_BASE:
        return ((index, 1),)
    if index < T4_BASE:
        row, column = divmod(index - T3_BASE, WIDTH)
        if column == _TOTAL_COLUMN:
            column = 0
        rows: tuple[int, ...]
        if row == T3_CARRIED_OVER:
            rows = (T3_CARRIED_OVER, _GRANTED, T3_TOTAL_PROCESSED)
        elif row == T3_CARRIED_FORWARD:
            rows = (T3_NEW_RECEIVED, T3_CARRIED_FORWARD)
        elif row in T3_RESULTS:
            rows = (T3_NEW_RECEIVED, row, T3_TOTAL_PROCESSED)
        else:
            rows = (T3_NEW_RECEIVED, _GRANTED, T3_TOTAL_PROCESSED)
        cells = [T3_BASE + WIDTH * r + c for r in rows for c in (column, _TOTAL_COLUMN)]
        return tuple((i, 1) for i in sorted(cells))
    group, outcome = divmod(index - T4_BASE, 5)
    base = T4_BASE + 5 * group
    return ((base + (0 if outcome == 4 else outcome), 1), (base + 4, 1))


@functools.cache
def default_oracle() -> Oracle:
    """Return the oracle of :data:`~govinfo_report.rules.RULES_2021` (built once)."""
    from govinfo_report.rules import RULES_2021

    oracle = oracle_for(RULES_2021)
    check_plan(oracle.instances)
    return oracle
