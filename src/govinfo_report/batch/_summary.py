"""The closing summary of a batch, built row by row in bounded memory."""

from __future__ import annotations

import heapq
import itertools
import re
import time
from collections import Counter
from typing import Any

import attrs

from govinfo_report.batch._check import EXIT_STATUS, Row

__all__ = ["Summary"]

_STATUSES = ("ok", "invalid", "unchecked", "unreadable")
_KINDS = 50  # kinds of reasons for unreadable files counted apart; the rest together


@attrs.define
class Summary:
    """Counts over a stream of :class:`Row`: per status, per rule family, and the worst files.

    Only counters and the *worst* files are kept, whatever the number of
    rows.  Feed it with :meth:`add`.

    >>> from govinfo_report.batch import Summary, check_paths
    >>> summary = Summary()
    >>> for row in check_paths(["tests/fixtures/corpus/seed-000.txt", "missing.txt"], jobs=1):
    ...     summary.add(row)
    >>> summary.files, summary.by_status["ok"], summary.by_status["unreadable"], summary.exit_status
    (2, 1, 1, 2)

    Attributes:
        worst: How many of the worst files to keep (most errors, then warnings).
        examples: How many example files to keep per rule family.

    .. versionadded:: 0.1.0
    """

    worst: int = 10
    examples: int = 3
    files: int = 0
    by_status: Counter[str] = attrs.field(factory=Counter)
    by_family: Counter[str] = attrs.field(factory=Counter)
    family_severity: dict[str, str] = attrs.field(factory=dict)
    family_examples: dict[str, list[str]] = attrs.field(factory=dict)
    unreadable_reasons: Counter[str] = attrs.field(factory=Counter)
    exit_status: int = 0
    seconds: float = 0.0
    _heap: list[tuple[int, int, int, str]] = attrs.field(factory=list, alias="_heap")
    _order: itertools.count[int] = attrs.field(factory=itertools.count, alias="_order")
    _start: float = attrs.field(factory=time.perf_counter, alias="_start")

    def add(self, row: Row) -> None:
        """Count one row."""
        self.files += 1
        self.by_status[row.status] += 1
        self.exit_status = max(self.exit_status, EXIT_STATUS[row.status])
        for family, severity in row.failed_families:
            self.by_family[family] += 1
            if self.family_severity.get(family) != "error":
                self.family_severity[family] = severity
            examples = self.family_examples.setdefault(family, [])
            if len(examples) < self.examples:
                examples.append(row.path)
        if row.status == "unreadable":
            kind = _reason_kind(row)
            if kind not in self.unreadable_reasons and len(self.unreadable_reasons) >= _KINDS:
                kind = "other reasons"
            self.unreadable_reasons[kind] += 1
        if row.errors or row.warnings:
            item = (row.errors, row.warnings, -next(self._order), row.path)
            if len(self._heap) < self.worst:
                heapq.heappush(self._heap, item)
            elif item > self._heap[0]:
                heapq.heapreplace(self._heap, item)
        self.seconds = time.perf_counter() - self._start

    @property
    def worst_files(self) -> list[tuple[str, int, int]]:
        """``(path, errors, warnings)`` of the worst files, worst first."""
        return [(path, e, w) for e, w, _, path in sorted(self._heap, reverse=True)]

    def headline(self) -> str:
        """Return one line: reports ok / invalid / could not be checked / unreadable, and the rate.

        A report is a file, or a line of a JSON-lines file; an unreadable file counts as one.
        """
        s = self.by_status
        rate = f", {self.files / self.seconds:,.0f} reports/s" if self.seconds > 0 else ""
        return (
            f"{self.files:,} reports: {s['ok']:,} ok, {s['invalid']:,} invalid, "
            f"{s['unchecked']:,} could not be checked, {s['unreadable']:,} unreadable "
            f"({self.seconds:,.1f} s{rate})"
        )

    def to_text(self) -> str:
        """Return the headline, the table of rule families and the worst files."""
        from tabulate import tabulate

        parts = [self.headline()]
        read = self.files - self.by_status["unreadable"]
        if self.by_family:
            rows = [
                [
                    family,
                    self.family_severity[family],
                    f"{n:,}",
                    f"{100 * n / read:.1f} %" if read else "",
                    self.family_examples[family][0],
                ]
                for family, n in sorted(self.by_family.items(), key=lambda kv: (-kv[1], kv[0]))
            ]
            parts.append("")
            parts.append(
                tabulate(
                    rows,
                    headers=(
                        "rule family",
                        "severity",
                        "reports failing",
                        "of read",
                        "for example",
                    ),
                    tablefmt="simple",
                    disable_numparse=True,
                )
            )
        if self.unreadable_reasons:
            parts.append("")
            parts.append("unreadable:")
            parts.extend(f"  {n:,}  {kind}" for kind, n in self.unreadable_reasons.most_common(10))
        worst = self.worst_files
        if worst:
            parts.append("")
            parts.append("worst reports:")
            parts.extend(f"  {e} error(s), {w} warning(s)  {path}" for path, e, w in worst)
        return "\n".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """Return the summary as JSON-ready data."""
        return {
            "files": self.files,
            **{status: self.by_status[status] for status in _STATUSES},
            "exit_status": self.exit_status,
            "seconds": round(self.seconds, 3),
            "families": [
                {
                    "family": family,
                    "severity": self.family_severity[family],
                    "reports_failing": n,
                    "examples": self.family_examples[family],
                }
                for family, n in sorted(self.by_family.items(), key=lambda kv: (-kv[1], kv[0]))
            ],
            "unreadable_reasons": dict(self.unreadable_reasons.most_common()),
            "worst_files": [
                {"file": path, "errors": e, "warnings": w} for path, e, w in self.worst_files
            ],
        }


_PLACE = re.compile(r"^(?:line \d+(?:, column \d+)?[,:] )?")
_DETAIL = re.compile(r"(?:, at the label|, before the row|, in the row|: expected|, got).*$")


def _reason_kind(row: Row) -> str:
    """The kind of reason a file is unreadable: no file name, position or detail (for counting)."""
    reason = row.reason or ""
    for sep in (": ", ", "):
        reason = reason.removeprefix(row.path + sep)
    if reason.startswith("took longer"):
        return "over the time budget"
    if reason.endswith(("No such file or directory", "Permission denied", "Is a directory")):
        return reason.rsplit(": ", 1)[-1]
    return _DETAIL.sub("", _PLACE.sub("", reason))[:80]
