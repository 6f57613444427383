"""The layout of the value vector the compiled rules read.

Column ``j`` of the vector is this year's cell ``j`` (0–199, in canonical
order), last year's cell ``j − 200`` (200–399), or the constant 1 (400).
"""

from __future__ import annotations

from govinfo_report.rules._expr import PREVIOUS
from govinfo_report.schema import CELL_PATHS, CELL_SPECS

__all__ = ["AMOUNT_COLUMNS", "CONSTANT", "PREVIOUS_OFFSET", "WIDTH", "column"]

PREVIOUS_OFFSET = len(CELL_PATHS)
"""The column of last year's first cell."""
CONSTANT = 2 * len(CELL_PATHS)
"""The column of the constant 1."""
WIDTH = CONSTANT + 1
"""Columns of the matrix: this year's cells, last year's cells, the constant."""

_INDEX = {path: spec.index for path, spec in CELL_SPECS.items()}
AMOUNT_COLUMNS: frozenset[int] = frozenset(
    base + spec.index
    for spec in CELL_SPECS.values()
    if spec.kind == "amount"
    for base in (0, PREVIOUS_OFFSET)
)
"""The columns of the 万元 amounts (this year's and last year's)."""


def column(path: str) -> int:
    """Return the column of a cell path (``previous.`` paths are last year's)."""
    if path.startswith(PREVIOUS):
        return PREVIOUS_OFFSET + _INDEX[path.removeprefix(PREVIOUS)]
    return _INDEX[path]
