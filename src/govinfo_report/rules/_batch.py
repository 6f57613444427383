"""Many reports at once: the exact rows of the matrix summed for all of them in one product.

With numpy (the ``fast`` extra) the values of *n* reports form an integer
array, one row per report and one column per cell the identities read; one
integer matrix product gives every exact row's sum for every report (a
second product finds the sums that read a cell without a number).  A report
with a value of 2³¹ or more is summed in Python.  The rows with a tolerance, the bounds and
the prose are evaluated report by report, as :func:`._evaluate.evaluate`
does.  Without numpy every report is evaluated alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from govinfo_report.rules._compile import AMOUNT_COLUMNS
from govinfo_report.rules._evaluate import FAIL, NA, Evaluation

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
    cells = np.array([pick(e.values) for e in evaluations], dtype=object)
    missing = cells == None  # noqa: E711 - elementwise: the cells without a number
    cells[missing] = 0
    # Integers, summed exactly without BLAS; a report with a huge value goes alone.
    exact = np.abs(cells).max(axis=1) < _EXACT_BELOW
    cells[~exact] = 0
    values = cells.astype(np.int64)
    coefficients = np.zeros((len(bulk), len(used)), dtype=np.int64)
    for i, row in enumerate(bulk):
        coefficients[i, [where[j] for j in row.columns]] = row.coefs
    unknown = (missing.astype(np.int64) @ (coefficients != 0).T.astype(np.int64)) > 0
    sums = values @ coefficients.T
    ops = np.array([row.op for row in bulk])
    failed = np.where(ops == "==", sums != 0, np.where(ops == "<=", sums > 0, sums < 0)) & ~unknown
    ids = [row.instance for row in bulk]
    unknown &= exact[:, None]  # the other reports are evaluated alone
    for n, i in zip(*np.nonzero(unknown), strict=True):
        evaluations[n].status[ids[i]] = NA
    for n, i in zip(*np.nonzero(failed & exact[:, None]), strict=True):
        evaluations[n].status[ids[i]] = FAIL
    for n, evaluation in enumerate(evaluations):
        if not exact[n]:  # a value too large for int64 sums
            evaluation.run()
            continue
        evaluation.run(rest)
    return evaluations
