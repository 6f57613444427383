"""Helpers shared by the subcommands."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from govinfo_report.schema import Report

__all__ = ["cells_json", "jsonable_value"]


def jsonable_value(value: int | Decimal | None) -> int | str | None:
    """Return a cell value as JSON wants it: int, decimal string, or ``None``."""
    if isinstance(value, Decimal):
        return str(value)
    return value


def cells_json(report: Report) -> str:
    """Return the 200 canonical paths → value as one JSON object, in canonical order."""
    data = {path: jsonable_value(value) for path, value in report.cells().items()}
    return json.dumps(data, ensure_ascii=False, indent=2)
