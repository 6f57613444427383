"""Validate many reports keeping every result: one per file, an unreadable file is a row.

For researchers and auditors who check thousands of reports::

    from govinfo_report.batch import validate_files

    batch = validate_files(sorted(Path("reports").glob("*.txt")), lenient=True)
    print(batch.summary())          # per rule family: how many files fail it
    bad = [f.path for f in batch.files if not f.ok]

:func:`iter_validate` yields the same rows one by one, for streams too long to
keep in memory.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import attrs

from govinfo_report.codecs import load
from govinfo_report.exceptions import GovinfoReportError

if TYPE_CHECKING:
    from govinfo_report.rules import RuleSet, ValidationResult
    from govinfo_report.schema import Report

__all__ = ["BatchResult", "FileResult", "iter_validate", "one_line", "validate_files"]


def one_line(exc: BaseException) -> str:
    """Return an exception as one line: ``file: reason`` for OS errors, the message otherwise."""
    if isinstance(exc, OSError) and exc.filename:
        return f"{exc.filename}: {exc.strerror}"
    return " ".join(str(exc).split("\n"))


@attrs.frozen
class FileResult:
    """The outcome for one file: its validation result, or why it could not be read.

    Attributes:
        path: The file, as given.
        result: The validation result, or ``None`` when the file could not be read.
        error: One line saying why the file could not be read, or ``None``.
    """

    path: str
    result: ValidationResult | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        """``True`` when the file was read, fully checked, and breaks no error-severity rule."""
        return self.status == 0

    @property
    def status(self) -> int:
        """The command line's exit status for this file.

        0 ok, 1 an error rule broken, 2 unreadable, 3 read but error rules
        not evaluated because the text does not give their cells.
        """
        if self.result is None:
            return 2
        from govinfo_report.batch._check import EXIT_STATUS, result_row

        return EXIT_STATUS[result_row(self.path, self.result).status]

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON object of ``govinfo-report validate --format json`` for this file."""
        if self.result is None:
            return {"file": self.path, "ok": False, "error": self.error}
        return {"file": self.path, **self.result.to_dict()}


@attrs.frozen
class BatchResult:
    """The outcomes of many files, in the order they were given.

    Attributes:
        files: One :class:`FileResult` per file.
    """

    files: tuple[FileResult, ...]

    @property
    def ok(self) -> bool:
        """``True`` when every file was read and none breaks an error-severity rule."""
        return all(f.ok for f in self.files)

    @property
    def exit_status(self) -> int:
        """0 when all are ok, 1 when a report breaks an error rule, 2 when a file is unreadable."""
        return max((f.status for f in self.files), default=0)

    @property
    def unreadable(self) -> tuple[FileResult, ...]:
        """The files that could not be read."""
        return tuple(f for f in self.files if f.result is None)

    def failures_by_rule(self) -> Counter[str]:
        """Count, for every rule instance, the files in which it fails."""
        counter: Counter[str] = Counter()
        for f in self.files:
            if f.result is not None:
                counter.update(f.result.failed_ids)
        return counter

    def failures_by_family(self) -> Counter[str]:
        """Count, for every rule family (``t3.balance``), the files in which one of its instances fails."""
        counter: Counter[str] = Counter()
        for f in self.files:
            if f.result is not None:
                counter.update({v.family for v in f.result.violations})
        return counter

    def rows(self) -> list[dict[str, Any]]:
        """Return one plain dict per file: path, result, error and warning counts, error text."""
        rows: list[dict[str, Any]] = []
        for f in self.files:
            if f.result is None:
                rows.append(
                    {
                        "file": f.path,
                        "result": "unreadable",
                        "errors": None,
                        "warnings": None,
                        "error": f.error,
                    }
                )
            else:
                rows.append(
                    {
                        "file": f.path,
                        "result": "ok" if f.result.ok else "invalid",
                        "errors": len(f.result.errors),
                        "warnings": len(f.result.warnings),
                        "error": None,
                    }
                )
        return rows

    def summary(self, *, tablefmt: str = "simple") -> str:
        """Return a table: per rule family, how many of the files fail it."""
        from tabulate import tabulate

        counts = self.failures_by_family()
        read = len(self.files) - len(self.unreadable)
        rows = [[family, str(n), str(read)] for family, n in sorted(counts.items())]
        head = (
            f"{len(self.files)} files: {sum(f.ok for f in self.files)} ok, "
            f"{sum(f.status == 1 for f in self.files)} invalid, {len(self.unreadable)} unreadable"
        )
        if not rows:
            return head
        table = tabulate(
            rows,
            headers=("rule", "files failing", "files read"),
            tablefmt=tablefmt,
            disable_numparse=True,
        )
        return f"{head}\n\n{table}"

    def to_dict(self) -> list[dict[str, Any]]:
        """Return the JSON of ``govinfo-report validate --format json``: one object per file."""
        return [f.to_dict() for f in self.files]


def iter_validate(
    paths: Iterable[str | os.PathLike[str]],
    rules: RuleSet | None = None,
    *,
    previous: Report | None = None,
    blank_as_zero: bool = False,
    lenient: bool = False,
    format: str | None = None,
) -> Iterator[FileResult]:
    """Read and validate each file in turn, yielding one :class:`FileResult` per file.

    A file that cannot be read (missing, undecodable, not a report, or in
    strict mode a damaged table) is yielded with its one-line error; the
    others are still validated.

    Args:
        paths: The files.
        rules: The rule set (``RULES_2021`` by default).
        previous: Last year's report, for the cross-year rules.
        blank_as_zero: Read blank cells as 0 (never the default).
        lenient: Read damaged or cut-off text leniently.
        format: Force a reader instead of detecting the format.
    """
    from govinfo_report.rules import RULES_2021, validate

    ruleset = RULES_2021 if rules is None else rules
    for path in paths:
        name = os.fspath(path)
        try:
            report = load(path, format=format, lenient=lenient)
        except (GovinfoReportError, OSError) as exc:
            yield FileResult(name, error=one_line(exc))
            continue
        yield FileResult(
            name, validate(report, ruleset, previous=previous, blank_as_zero=blank_as_zero)
        )


def validate_files(
    paths: Iterable[str | os.PathLike[str]],
    rules: RuleSet | None = None,
    *,
    previous: Report | None = None,
    blank_as_zero: bool = False,
    lenient: bool = False,
    format: str | None = None,
) -> BatchResult:
    """Validate every file and return all the outcomes (see :func:`iter_validate`).

    >>> from govinfo_report.batch import validate_files
    >>> batch = validate_files(["tests/fixtures/corpus/seed-000.txt", "no/such/file.txt"])
    >>> [(f.path, f.status) for f in batch.files]
    [('tests/fixtures/corpus/seed-000.txt', 0), ('no/such/file.txt', 2)]
    >>> batch.exit_status
    2
    """
    return BatchResult(
        tuple(
            iter_validate(
                paths,
                rules,
                previous=previous,
                blank_as_zero=blank_as_zero,
                lenient=lenient,
                format=format,
            )
        )
    )
