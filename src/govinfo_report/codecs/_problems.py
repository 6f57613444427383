"""What every reader does with a problem: raise it (strict) or note it and go on (lenient)."""

from __future__ import annotations

from govinfo_report.exceptions import ParseError
from govinfo_report.schema import Diagnostic, Severity

__all__ = ["TABLE_NUMBERS", "Problems"]

TABLE_NUMBERS = {"t2": "二", "t3": "三", "t4": "四"}
"""The section number each table sits in."""


class Problems:
    """The problems of one read: a :class:`ParseError` in strict mode, diagnostics in lenient mode.

    Attributes:
        source: The file name for messages, or ``None``.
        lenient: Whether problems are noted instead of raised.
        diagnostics: What was noted, in order.
    """

    def __init__(self, *, source: str | None = None, lenient: bool = False) -> None:
        self.source = source
        self.lenient = lenient
        self.diagnostics: list[Diagnostic] = []

    def report(
        self,
        detail: str,
        *,
        code: str,
        line: int | None = None,
        table: str | None = None,
        row: str | None = None,
        column: str | None = None,
        path: str | None = None,
        expected: str | None = None,
        got: str | None = None,
        severity: Severity = Severity.WARNING,
        candidates: tuple[int, ...] = (),
    ) -> None:
        """Raise the problem as a :class:`ParseError` (strict) or note it as a diagnostic (lenient).

        *table* may be a key (``"t3"``) or the number as printed (``"三"``).  The
        diagnostic's message leaves out the file and line, which it carries apart.
        """
        error = ParseError(
            detail,
            source=self.source,
            line=line,
            table=TABLE_NUMBERS.get(table or "", table),
            row=row,
            column=column,
            path=path,
            expected=expected,
            got=got,
        )
        if not self.lenient:
            raise error
        message = str(error)
        if self.source and message.startswith(f"{self.source}, "):
            message = message[len(self.source) + 2 :]
        if line is not None and message.startswith(f"line {line}, "):
            message = message[len(f"line {line}, ") :]
        self.diagnostics.append(
            Diagnostic(code, message, severity, line=line, path=path, candidates=candidates)
        )

    def note(
        self, code: str, message: str, *, line: int | None = None, path: str | None = None
    ) -> None:
        """Note something worth knowing that is not a problem (an ``info`` diagnostic)."""
        self.diagnostics.append(Diagnostic(code, message, Severity.INFO, line=line, path=path))
