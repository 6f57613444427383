"""Many reports at once: the exact rows of the matrix summed for all of them in one product.

With numpy (the ``fast`` extra) the values of the reports whose cells the
exact rows read are all integers below 2³¹ form one integer array, one row
per report and one column per cell; one integer matrix product gives every
exact row's sum for every such report.  The other reports (a blank, a
fraction, a huge value) are evaluated alone, and the rows with a tolerance,
the bounds and the prose report by report, as :func:`._evaluate.evaluate`
does.  Without numpy every report is evaluated alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from govinfo_report.rules._compile import AMOUNT_COLUMNS
from govinfo_report.rules._evaluate import FAIL, Evaluation

if TYPE_CHECKING:
    from govinfo_report.rules._compile import Matrix
    from govinfo_report.schema import Report

__all__ = ["evaluate_many"]

_EXACT_BELOW = 2**31
"""Values below this are summed in int64 without overflow (rows have few, small coefficients)."""


def _numpy() -> Any:
    try:
        import numpy as np
    except ImportError:
        return None
    return np


def evaluate_many(
    matrix: Matrix, reports: Sequence[Report], *, blank_as_zero: bool = False
) -> list[Evaluation]:
    """Evaluate many reports against one compiled rule set (no previous year's reports).

    .. versionadded:: 0.1.0
    """
    evaluations = [Evaluation(matrix, r, None, blank_as_zero=blank_as_zero) for r in reports]
    np = _numpy()
    bulk = [
        row
        for row in matrix.rows
        if row.exact and not row.previous and not set(row.columns) & AMOUNT_COLUMNS
    ]
    if np is None or not bulk or len(evaluations) < 2:
        for evaluation in evaluations:
            evaluation.run()
        return evaluations
    rest = [row for row in matrix.rows if row not in bulk]
    used = sorted({j for row in bulk for j in row.columns})
    where = {j: i for i, j in enumerate(used)}
    pick = itemgetter(*used)
    together: list[Evaluation] = []
    cells: list[tuple[int, ...]] = []
    for evaluation in evaluations:
        row = pick(evaluation.values)
        try:
            total = sum(row)
        except TypeError:  # a cell without a number: evaluated alone
            evaluation.run()
            continue
        # Values are never negative: an int total below 2³¹ bounds every value.
        if type(total) is int and total < _EXACT_BELOW:
            together.append(evaluation)
            cells.append(row)
        else:
            evaluation.run()
    if not together:
        return evaluations
    coefficients = np.zeros((len(bulk), len(used)), dtype=np.int64)
    for i, row in enumerate(bulk):
        coefficients[i, [where[j] for j in row.columns]] = row.coefs
    sums = np.array(cells, dtype=np.int64) @ coefficients.T
    ops = np.array([row.op for row in bulk])
    failed = np.where(ops == "==", sums != 0, np.where(ops == "<=", sums > 0, sums < 0))
    ids = [row.instance for row in bulk]
    for n, i in zip(*np.nonzero(failed), strict=True):
        together[n].status[ids[i]] = FAIL
    for evaluation in together:
        evaluation.run(rest)
    return evaluations
