"""Exceptions raised by :mod:`govinfo_report`.

Every exception derives from :class:`GovinfoReportError`, so
``except GovinfoReportError`` catches everything the library raises on
purpose.  Each one says *where* (file, line, table, row and column labels,
cell path), *what was expected* and *what was found*, and keeps those facts
as attributes too.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "GovinfoReportError",
    "InvalidArgument",
    "InvalidCellError",
    "MissingExtraError",
    "ParseError",
    "ReportInvalid",
    "RuleDefinitionError",
    "StructureError",
    "UnknownPathError",
]


class GovinfoReportError(Exception):
    """Base class of every exception raised by :mod:`govinfo_report`."""


class UnknownPathError(GovinfoReportError, KeyError):
    """Raised when a cell path is not one of the 200 canonical paths.

    Attributes:
        path: The path that was asked for.
        suggestions: Canonical paths that look alike (may be empty).
    """

    def __init__(self, path: str, suggestions: Sequence[str] = ()) -> None:
        self.path = path
        self.suggestions = tuple(suggestions)
        hint = f"; did you mean {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"unknown cell path {path!r}{hint}")

    def __str__(self) -> str:  # KeyError would quote the message again
        return str(self.args[0])


class InvalidCellError(GovinfoReportError, ValueError):
    """Raised when a cell is given a value it cannot hold.

    A count must be a non-negative :class:`int` (not a :class:`bool`); the
    万元 fee must be a non-negative finite :class:`~decimal.Decimal`.

    Attributes:
        path: The canonical cell path, when known.
        expected: What the cell can hold.
        got: The value that was given.
    """

    def __init__(self, path: str | None, expected: str, got: object) -> None:
        self.path = path
        self.expected = expected
        self.got = got
        where = f"{path}: " if path else ""
        super().__init__(f"{where}expected {expected}, got {got!r}")


class ParseError(GovinfoReportError, ValueError):
    """Raised when a text cannot be read as a report.

    The message names the file, the line, the table/row/column labels and
    the cell path where they are known, then what was expected and what was
    found.

    Attributes:
        source: File name (or ``None`` for a string).
        line: 1-based line number in the source, when known.
        table: ``"二"``, ``"三"`` or ``"四"`` when the error is inside a table.
        row: Row label as the form prints it, when known.
        column: Column label as the form prints it, when known.
        path: Canonical cell path, when the error concerns one cell.
        expected: What the reader expected.
        got: What it found (as printed).
        detail: The bare description, without the location prefix.
    """

    def __init__(
        self,
        detail: str,
        *,
        source: str | None = None,
        line: int | None = None,
        table: str | None = None,
        row: str | None = None,
        column: str | None = None,
        path: str | None = None,
        expected: str | None = None,
        got: str | None = None,
    ) -> None:
        self.detail = detail
        self.source = source
        self.line = line
        self.table = table
        self.row = row
        self.column = column
        self.path = path
        self.expected = expected
        self.got = got
        super().__init__(self._format())

    def _format(self) -> str:
        where: list[str] = []
        if self.source:
            where.append(self.source)
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.table:
            where.append(f"table {self.table}")
        if self.row:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        if self.path:
            if where:
                where[-1] += f" ({self.path})"
            else:
                where.append(f"({self.path})")
        msg = self.detail
        if self.expected is not None:
            msg += f": expected {self.expected}"
            if self.got is not None:
                msg += f", got {self.got!r}"
        elif self.got is not None:
            msg += f": got {self.got!r}"
        return f"{', '.join(where)}: {msg}" if where else msg


class StructureError(GovinfoReportError, ExceptionGroup[Exception]):
    """Raised when JSON data cannot become a report.

    It is an :class:`ExceptionGroup` of every bad field; :meth:`messages`
    flattens it to lines such as
    ``"expected a count, got '六' @ $.t3.new_received.natural_person"``.
    """

    def messages(self) -> list[str]:
        """Return one line per failing field."""
        out: list[str] = []
        for exc in self.exceptions:
            if isinstance(exc, StructureError):
                out.extend(exc.messages())
            else:
                out.append(str(exc))
        return out


class RuleDefinitionError(GovinfoReportError, ValueError):
    """Raised when a rule or rule set is malformed (unknown cell, bad template…)."""


class InvalidArgument(GovinfoReportError, ValueError):  # noqa: N818 - Hypothesis' name
    """Raised when arguments to a function contradict each other or are impossible."""


class MissingExtraError(GovinfoReportError, ImportError):
    """Raised when an optional parser is needed but not installed.

    The message gives the install command, e.g.
    ``python -m pip install 'govinfo-report[html]'``.
    """

    def __init__(self, what: str, extra: str) -> None:
        self.extra = extra
        super().__init__(
            f"{what} needs the {extra!r} extra: python -m pip install 'govinfo-report[{extra}]'"
        )


class ReportInvalid(GovinfoReportError):  # noqa: N818 - reads as a state, like pandera's
    """Raised by :meth:`ValidationResult.raise_for_errors` when a report breaks an error rule.

    Attributes:
        result: The whole validation result.
    """

    def __init__(self, message: str, result: object) -> None:
        self.result = result
        super().__init__(message)
