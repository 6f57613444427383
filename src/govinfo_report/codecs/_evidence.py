"""Choose between readings of one input by the evidence of their cells.

A text can often be read more than one way: by the sequential assembler or by
aligning its printed rows (:mod:`govinfo_report.codecs._align`), as pipe
text or as PDF text, with one tokenizer or another.  Each reading is scored
per table by what supports it:

* every cell read as a number counts (a cell whose value was inferred with
  the identities counts half);
* every identity instance (SPEC §5.1) whose cells are all read and which
  holds counts for the reading, and every one that fails counts against it
  more than a row of cells — a misread row breaks identities that the
  printed report keeps, while a report that really breaks one breaks it in
  every reading;
* an error diagnostic counts against it.

The reading with the highest score wins (the first reading on a tie), and
the report says which reading was kept and why (``provenance.reading``).

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from govinfo_report.codecs._identities import INSTANCE_IDS
from govinfo_report.schema import (
    CELL_PATHS,
    Cell,
    CellOrigin,
    Diagnostic,
    Severity,
)

__all__ = ["Reading", "choose", "report_score", "table_score"]

_TABLE_OF = {path: path.split(".", 1)[0] for path in CELL_PATHS}
_BROKEN = 8.0
"""What a broken identity costs a reading: more than a row of cells it may have misplaced."""
_INSTANCE_CELLS: dict[str, list[str]] = {}
for _path, _rules in INSTANCE_IDS.items():
    for _rule in _rules:
        _INSTANCE_CELLS.setdefault(_rule, []).append(_path)


def _coefficient(rule: str, path: str) -> int:
    """The sign of *path* in identity *rule* (left side +1, right side -1)."""
    row, column = path.split(".")[1:]
    if rule.startswith("t3.balance"):
        return 1 if row in ("new_received", "carried_over") else -1
    if rule.startswith("t3.processed_sum"):
        return 1 if row == "total_processed" else -1
    return 1 if column == "total" else -1


@attrs.frozen
class Reading:
    """One reading of an input: its 200 cells in canonical order, origins and diagnostics.

    Attributes:
        name: What produced it (``"pipe"``, ``"pipe, rows aligned"`` …).
        flat: The 200 cells in canonical order (absent where not read).
        origins: Where cells were printed, and which were inferred.
        diagnostics: What the reading noticed.
    """

    name: str
    flat: tuple[Cell, ...]
    origins: Mapping[str, CellOrigin] = attrs.field(factory=dict)
    diagnostics: Sequence[Diagnostic] = ()


def table_score(reading: Reading, table: str) -> float:
    """The evidence for *reading* of one table (``t2``, ``t3``, ``t4``); see the module."""
    values: dict[str, int] = {}
    score = 0.0
    for path, cell in zip(CELL_PATHS, reading.flat, strict=True):
        if _TABLE_OF[path] != table or cell.value is None:
            continue
        origin = reading.origins.get(path)
        score += 0.5 if origin is not None and origin.inferred_by else 1.0
        if isinstance(cell.value, int):
            values[path] = cell.value
    for rule, paths in _INSTANCE_CELLS.items():
        if not rule.startswith(table) or any(p not in values for p in paths):
            continue
        total = sum(_coefficient(rule, p) * values[p] for p in paths)
        score += 1.0 if total == 0 else -_BROKEN
    score -= sum(
        1.0
        for d in reading.diagnostics
        if d.severity is Severity.ERROR and d.path is not None and _TABLE_OF.get(d.path) == table
    )
    return score


def choose(readings: Sequence[Reading]) -> tuple[Reading, str | None]:
    """Per table, keep the reading with the most evidence; return the combined reading.

    The second value says which reading gave which table and why, or is
    ``None`` when the first reading won every table.
    """
    first = readings[0]
    if len(readings) == 1:
        return first, None
    winners: dict[str, Reading] = {}
    why: list[str] = []
    for table in ("t2", "t3", "t4"):
        scored = [(table_score(r, table), -i, r) for i, r in enumerate(readings)]
        best = max(scored, key=lambda item: (item[0], item[1]))
        winners[table] = best[2]
        if best[2] is not first:
            others = ", ".join(f"{r.name} {s:g}" for s, _, r in scored if r is not best[2])
            why.append(
                f"table {'二三四'[int(table[1]) - 2]}: {best[2].name} "
                f"(evidence {best[0]:g}; {others})"
            )
    if not why:
        return first, None
    flat = tuple(winners[_TABLE_OF[path]].flat[i] for i, path in enumerate(CELL_PATHS))
    origins = {
        path: origin
        for reading in {id(r): r for r in winners.values()}.values()
        for path, origin in reading.origins.items()
        if winners[_TABLE_OF[path]] is reading
    }
    diagnostics: list[Diagnostic] = []
    for reading in {id(r): r for r in readings}.values():
        for d in reading.diagnostics:
            owner = _owner(d)
            own_table = owner is not None and winners[owner] is reading
            about_text = reading is first and (owner is None or d.severity is Severity.INFO)
            if own_table or about_text:
                diagnostics.append(d)
    combined = Reading(
        " + ".join(dict.fromkeys(r.name for r in winners.values())), flat, origins, diagnostics
    )
    return combined, "readings chosen by evidence: " + "; ".join(why)


def _owner(diagnostic: Diagnostic) -> str | None:
    """The table a diagnostic is about, when it says."""
    if diagnostic.path is not None:
        return _TABLE_OF.get(diagnostic.path)
    for number, table in (("二", "t2"), ("三", "t3"), ("四", "t4")):
        if f"table {number}" in diagnostic.message:
            return table
    return None


def report_score(flat: Sequence[Cell], origins: Mapping[str, CellOrigin]) -> float:
    """The evidence for a whole reading: the sum over the three tables."""
    reading = Reading("", tuple(flat), origins)
    return sum(table_score(reading, table) for table in ("t2", "t3", "t4"))
