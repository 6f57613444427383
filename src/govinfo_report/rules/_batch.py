"""Many reports at once: the exact rows of the matrix summed for all of them in one product.

With numpy (the ``fast`` extra) the values of *n* reports form an
``n × 401`` array; one matrix product gives every exact row's sum for every
report (a cell without a number is NaN, and so is every sum that reads it).
Sums are exact: counts are integers far below 2⁵³, and a report with a
larger value is summed in Python.  The rows with a tolerance, the bounds and
the prose are evaluated report by report, as :func:`._evaluate.evaluate`
does.  Without numpy every report is evaluated alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from govinfo_report.rules._compile import AMOUNT_COLUMNS
from govinfo_report.rules._evaluate import FAIL, NA, Evaluation

if TYPE_CHECKING:
    from govinfo_report.rules._compile import Matrix
    from govinfo_report.schema import Report

__all__ = ["evaluate_many"]

_EXACT_BELOW = 2**31
"""Values below this are summed exactly in float64 (rows have few, small coefficients)."""


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
    nan = np.nan
    values = np.array(
        [
            [nan if v is None else float(v) for v in map(e.values.__getitem__, used)]
            for e in evaluations
        ]
    )
    coefficients = np.zeros((len(bulk), len(used)))
    for i, row in enumerate(bulk):
        coefficients[i, [where[j] for j in row.columns]] = row.coefs
    # A cell without a number makes the rows that read it unknown (0 × NaN is NaN
    # in a product, so the unknown cells are counted apart and read as 0).
    missing = np.isnan(values)
    unknown = (missing.astype(float) @ (coefficients != 0).T) > 0
    sums = np.where(missing, 0.0, values) @ coefficients.T
    ops = np.array([row.op for row in bulk])
    failed = np.where(ops == "==", sums != 0, np.where(ops == "<=", sums > 0, sums < 0)) & ~unknown
    exact = np.nanmax(np.abs(values), axis=1) < _EXACT_BELOW
    whole = sums.astype(np.int64).tolist()
    ids = [row.instance for row in bulk]
    for n, evaluation in enumerate(evaluations):
        if not exact[n]:  # a value too large for exact sums in floats
            evaluation.run()
            continue
        evaluation.sums.update(zip(ids, whole[n], strict=True))
        status = evaluation.status
        for i in np.flatnonzero(unknown[n]).tolist():
            status[ids[i]] = NA
            del evaluation.sums[ids[i]]
        for i in np.flatnonzero(failed[n]).tolist():
            status[ids[i]] = FAIL
        evaluation.run(rest)
    return evaluations
