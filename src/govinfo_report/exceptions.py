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
    "EXCERPT_LENGTH",
    "GovinfoReportError",
    "InputTooLarge",
    "InvalidArgument",
    "InvalidCellError",
    "MissingExtraError",
    "ParseError",
    "ReportInvalid",
    "RuleDefinitionError",
    "StructureError",
    "UnknownPathError",
    "excerpt",
]


EXCERPT_LENGTH = 80
"""The most characters of offending text a message quotes; longer text is cut in the middle."""


def excerpt(text: str, limit: int = EXCERPT_LENGTH) -> str:
    """Return *text* cut to about *limit* characters for a message, saying how long it was.

    >>> excerpt("12" * 100, 20)
    '1212121212…1212 (200 characters)'
    >>> excerpt("short")
    'short'
    """
    if len(text) <= limit:
        return text
    tail = max(limit // 5, 1)
    head = max(limit - tail - 1 - limit // 4, 1)
    return f"{text[:head]}…{text[-tail:]} ({len(text)} characters)"


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
        got: What it found (as printed); the message quotes at most
            :data:`EXCERPT_LENGTH` characters of it.
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
        got = None if self.got is None else _quote(excerpt(self.got))
        if self.expected is not None:
            msg += f": expected {self.expected}"
            if got is not None:
                msg += f", got {got}"
        elif got is not None:
            msg += f": got {got}"
        return f"{', '.join(where)}: {msg}" if where else msg


def _quote(text: str) -> str:
    """Quote *text* as Python would, unless it holds a backslash (which ``repr`` would double)."""
    if "\\" in text and "'" not in text and text.isprintable():
        return f"'{text}'"
    return repr(text)


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


class InputTooLarge(ParseError):  # noqa: N818 - reads as a state, like ReportInvalid
    """Raised when an input is larger than the reader accepts.

    Each format has a limit (:data:`govinfo_report.codecs.MAX_BYTES`); pass
    ``max_bytes=`` to :func:`~govinfo_report.load` / :func:`~govinfo_report.loads`
    (``--max-bytes`` on the command line) to raise it.

    Attributes:
        size: The input's size in bytes (UTF-8 for a string).
        limit: The limit that was exceeded, in bytes.
        format: The format whose own limit applied (``None``: a limit
            given with ``max_bytes=``, or the largest limit, before the
            format is known).
    """

    def __init__(
        self, size: int, limit: int, *, format: str | None = None, source: str | None = None
    ) -> None:
        self.size = size
        self.limit = limit
        self.format = format
        what = f"the limit of the {format!r} reader" if format else "the limit"
        super().__init__(
            f"input too large: {size:,} bytes, over {what} ({limit:,} bytes); "
            "raise it with max_bytes= (--max-bytes on the command line)",
            source=source,
        )


class ReportInvalid(GovinfoReportError):  # noqa: N818 - reads as a state, like pandera's
    """Raised by :meth:`ValidationResult.raise_for_errors` when a report breaks an error rule.

    Attributes:
        result: The whole validation result.
    """

    def __init__(self, message: str, result: object) -> None:
        self.result = result
        super().__init__(message)
