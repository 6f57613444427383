"""Results for people and programs: the summary table, text, Markdown, rows and JSON-ready data."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol

from govinfo_report.rules._codes import Status
from govinfo_report.schema import Severity

if TYPE_CHECKING:
    from collections.abc import Mapping

    from govinfo_report.rules._evaluate import Evaluation
    from govinfo_report.rules._records import (
        Explanation,
        NotEvaluated,
        Suggestion,
        Violation,
    )
    from govinfo_report.rules._rule import RuleSet
    from govinfo_report.schema import Report

__all__ = ["result_dict", "result_markdown", "result_rows", "result_text", "summary_table"]


class ResultRead(Protocol):
    """What the forms of a result read of a :class:`~govinfo_report.rules.ValidationResult`."""

    @property
    def report(self) -> Report: ...
    @property
    def rules(self) -> RuleSet: ...
    @property
    def evaluation(self) -> Evaluation: ...
    @property
    def ok(self) -> bool: ...
    @property
    def violations(self) -> tuple[Violation, ...]: ...
    @property
    def errors(self) -> tuple[Violation, ...]: ...
    @property
    def warnings(self) -> tuple[Violation, ...]: ...
    @property
    def not_evaluated(self) -> tuple[NotEvaluated, ...]: ...
    @property
    def explanations(self) -> tuple[Explanation, ...]: ...
    @property
    def suggestions(self) -> tuple[Suggestion, ...]: ...
    @property
    def inferred_cells(self) -> Mapping[str, tuple[str, ...]]: ...
    def counts(self) -> dict[Status, int]: ...
    def summary(self, *, tablefmt: str = "simple") -> str: ...


# --- results ----------------------------------------------------------------------------


def _jsonable(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    return value


def result_rows(result: ResultRead) -> list[dict[str, Any]]:
    """Return one dict per violation, then one per instance not evaluated."""
    rows: list[dict[str, Any]] = [
        {
            "rule": v.rule_id,
            "family": v.family,
            "status": Status.FAIL.value,
            "severity": v.severity.value,
            "code": str(v.code),
            "cells": [f"previous.{c.path}" if c.previous else c.path for c in v.cells],
            "values": [c.printed for c in v.cells],
            "lhs": _jsonable(v.lhs),
            "rhs": _jsonable(v.rhs),
            "diff": _jsonable(v.diff),
            "message_zh": v.message_zh,
            "message_en": v.message_en,
        }
        for v in result.violations
    ]
    rows.extend(
        {
            "rule": n.rule_id,
            "family": n.family,
            "status": Status.NA.value,
            "severity": n.severity.value,
            "code": str(n.reason),
            "cells": [f"previous.{c.path}" if c.previous else c.path for c in n.cells],
            "values": [c.printed for c in n.cells],
            "lhs": None,
            "rhs": None,
            "diff": None,
            "message_zh": n.message_zh,
            "message_en": n.message_en,
        }
        for n in result.not_evaluated
    )
    return rows


_SUMMARY_HEADERS = ("rule", "severity", "instances", "pass", "fail", "not evaluated")
_KEPT_SUMMARIES = 256
"""How many summary tables a compiled rule set keeps."""


def summary_table(result: ResultRead, *, tablefmt: str = "simple") -> str:
    """Return the per-family table: instances, passed, failed, not evaluated.

    The rule set keeps the tables it made, by statuses: reports with the
    same outcomes (most valid reports) share their table.
    """
    evaluation = result.evaluation
    matrix = evaluation.matrix
    key = (tablefmt, bytes(evaluation.status))
    table = matrix.summaries.get(key)
    if table is None:
        status = evaluation.status
        counts = [
            (status.count(0, start, end), status.count(1, start, end), status.count(2, start, end))
            for start, end in matrix.family_spans
        ]
        table = _table(matrix.families, counts, tablefmt)
        if len(matrix.summaries) >= _KEPT_SUMMARIES:
            matrix.summaries.clear()
        matrix.summaries[key] = table
    note = _inferred_note(result)
    return f"{table}\n\n{note}" if note else table


def _table(
    families: Sequence[tuple[str, Severity]],
    counts: Sequence[tuple[int, int, int]],
    tablefmt: str,
) -> str:
    rows = [
        (family, severity.value, str(sum(c)), *map(str, c))
        for (family, severity), c in zip(families, counts, strict=True)
    ]
    if tablefmt == "simple" and all(cell.isascii() for row in rows for cell in row):
        return simple_table(rows, _SUMMARY_HEADERS)
    from tabulate import tabulate

    return tabulate(rows, headers=_SUMMARY_HEADERS, tablefmt=tablefmt, disable_numparse=True)


def simple_table(rows: Sequence[Sequence[str]], headers: tuple[str, ...]) -> str:
    """Return ASCII cells as tabulate's ``simple`` format lays them out, without tabulate's cost.

    Each column is as wide as its widest cell, or its header and two spaces;
    columns are two spaces apart, left-aligned; lines end without spaces.
    """
    widths = [
        max([len(header) + 2, *(len(row[i]) for row in rows)]) for i, header in enumerate(headers)
    ]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    return "\n".join(
        [line(headers), "  ".join("-" * w for w in widths), *(line(row) for row in rows)]
    )


def _inferred_note(result: ResultRead) -> str:
    """One line when the reader chose some values with rules: how many, and what follows."""
    inferred = result.inferred_cells
    if not inferred:
        return ""
    rules = len({r for ids in inferred.values() for r in ids})
    return (
        f"inferred: {len(inferred)} cell(s) chosen by the reader with {rules} rule(s);"
        " those rules are not evaluated (used_to_read)"
    )


def _verdict(result: ResultRead) -> str:
    counts = result.counts()
    head = "OK" if result.ok else "INVALID"
    return (
        f"{head}: {counts[Status.PASS]} passed, {counts[Status.FAIL]} failed "
        f"({len(result.errors)} error, {len(result.warnings)} warning), "
        f"{counts[Status.NA]} not evaluated"
        + (
            f", {len(result.inferred_cells)} cell(s) inferred by the reader (not fully checked)"
            if result.inferred_cells
            else ""
        )
    )


_TIES_SHOWN = 5
"""Explanations of one group of failures shown in the text before ``… n more``."""

_NA_WIDTH = 100
"""Lines of the not-evaluated list are wrapped at this many characters."""
_NA_SHOWN = 6
"""Bindings listed per family before ``… (+n)``."""


def _na_lines(result: ResultRead) -> list[str]:
    """The instances not evaluated, by reason, a family said once: ``absent: t3.balance (7), …``."""
    sizes: dict[str, int] = {}
    for instance in result.rules.instances():
        sizes[instance.family] = sizes.get(instance.family, 0) + 1
    by_reason: dict[str, dict[str, list[str]]] = {}
    for n in result.not_evaluated:
        by_reason.setdefault(str(n.reason), {}).setdefault(n.family, []).append(n.rule_id)
    lines = []
    for reason, families in by_reason.items():
        shown = []
        for family, ids in families.items():
            if ids == [family]:  # a rule of one instance
                shown.append(family)
            elif len(ids) == sizes[family]:
                shown.append(f"{family} (all {len(ids)})")
            else:
                bindings = [i[len(family) + 1 : -1] for i in ids]
                more = f", … (+{len(bindings) - _NA_SHOWN})" if len(bindings) > _NA_SHOWN else ""
                shown.append(f"{family}[{', '.join(bindings[:_NA_SHOWN])}{more}]")
        lines.append(
            textwrap.fill(
                f"  {reason}: {'; '.join(shown)}",
                width=_NA_WIDTH,
                subsequent_indent="    ",
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
    return lines


def _source(result: ResultRead, source: str | None) -> str | None:
    if source is not None:
        return source
    return result.report.provenance.source if result.report.provenance else None


def result_text(result: ResultRead, *, source: str | None = None) -> str:
    """Return the summary, every violation, the suggestions and the reasons for NA."""
    source = _source(result, source)
    parts = [f"{source}: {_verdict(result)}" if source else _verdict(result), "", result.summary()]
    if result.violations:
        parts.append("")
        parts.extend(v.explain() for v in result.violations)
    if result.suggestions:
        parts.append("")
        parts.append("suggestions (reported, never written back):")
        parts.extend(f"  {s.message_zh}" for s in result.suggestions)
    wider = [e for e in result.explanations if len(e.changes) != 1]
    if wider:
        parts.append("")
        parts.append("fewest cells to change (ties in the order of the form; never written back):")
        shown: dict[tuple[str, ...], int] = {}
        for e in wider:
            shown[e.rules] = shown.get(e.rules, 0) + 1
            if shown[e.rules] <= _TIES_SHOWN:
                parts.append(f"  {e.message_zh}")
        parts.extend(
            f"  … {n - _TIES_SHOWN} more, equally small (every one in the JSON output)"
            for n in shown.values()
            if n > _TIES_SHOWN
        )
    if result.not_evaluated:
        parts.append("")
        parts.append("not evaluated:")
        parts.extend(_na_lines(result))
    return "\n".join(parts)


def result_markdown(result: ResultRead, *, source: str | None = None) -> str:
    """Return the result as Markdown: the verdict, the summary and the violations as pipe tables."""
    from tabulate import tabulate

    source = _source(result, source)
    parts = [f"## {source}" if source else "## validation", "", _verdict(result), ""]
    parts.append(summary_table(result, tablefmt="pipe"))
    if result.violations:
        rows = [
            [
                v.rule_id,
                v.severity.value,
                str(v.code),
                "<br>".join(
                    f"{c.role} `{'previous.' if c.previous else ''}{c.path}` {c.label} = {c.shown}"
                    for c in v.cells
                ),
                v.message_zh,
            ]
            for v in result.violations
        ]
        parts.extend(
            [
                "",
                tabulate(
                    rows,
                    headers=("rule", "severity", "code", "cells", "message"),
                    tablefmt="pipe",
                    disable_numparse=True,
                ),
            ]
        )
    if result.suggestions:
        parts.append("")
        parts.extend(f"- {s.message_zh}" for s in result.suggestions)
    return "\n".join(parts) + "\n"


def _cell_dict(c: Any) -> dict[str, Any]:
    return {
        "path": f"previous.{c.path}" if c.previous else c.path,
        "role": c.role,
        "value": _jsonable(c.value),
        "printed": c.printed,
        "label": c.label,
    }


def result_dict(result: ResultRead) -> dict[str, Any]:
    """Return the result as JSON-ready data."""
    counts = result.counts()
    return {
        "ok": result.ok,
        "counts": {
            "pass": counts[Status.PASS],
            "fail": counts[Status.FAIL],
            "not_evaluated": counts[Status.NA],
            "inferred_cells": len(result.inferred_cells),
        },
        "inferred_cells": {path: list(ids) for path, ids in result.inferred_cells.items()},
        "violations": [
            {
                "rule": v.rule_id,
                "family": v.family,
                "binding": dict(v.binding),
                "severity": v.severity.value,
                "code": str(v.code),
                "cells": [f"previous.{c.path}" if c.previous else c.path for c in v.cells],
                "cell_details": [_cell_dict(c) for c in v.cells],
                "lhs": _jsonable(v.lhs),
                "rhs": _jsonable(v.rhs),
                "diff": _jsonable(v.diff),
                "message_zh": v.message_zh,
                "message_en": v.message_en,
                "evidence": [
                    {
                        "section": e.section,
                        "text": e.excerpt,
                        "figure": e.figure,
                        "agrees": e.agrees,
                    }
                    for e in v.evidence
                ],
            }
            for v in result.violations
        ],
        "not_evaluated": [
            {
                "rule": n.rule_id,
                "severity": n.severity.value,
                "reason": str(n.reason),
                "cells": [f"previous.{c.path}" if c.previous else c.path for c in n.cells],
                "message_zh": n.message_zh,
                "message_en": n.message_en,
            }
            for n in result.not_evaluated
        ],
        "suggestions": [
            {
                "kind": s.kind,
                "cell": s.path,
                "printed": s.printed,
                "suggested": _jsonable(s.suggested),
                "rules": list(s.rules),
                "message_zh": s.message_zh,
                "message_en": s.message_en,
            }
            for s in result.suggestions
        ],
        "explanations": [
            {
                "cells": [
                    {
                        "cell": c.path,
                        "printed": c.printed,
                        "value": _jsonable(c.value),
                        "suggested": _jsonable(c.suggested),
                        "delta": _jsonable(c.delta),
                    }
                    for c in e.changes
                ],
                "rules": list(e.rules),
                "pattern": e.pattern,
                "message_zh": e.message_zh,
                "message_en": e.message_en,
            }
            for e in result.explanations
        ],
    }
