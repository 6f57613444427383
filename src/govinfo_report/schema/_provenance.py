"""What a reader noticed and where each cell was printed: diagnostics and provenance.

Provenance travels with a report but is no part of its content: two
reports with the same cells, metadata and sections are equal wherever they
were read from.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

import attrs

__all__ = ["CellOrigin", "Diagnostic", "Provenance", "Severity"]


class Severity(enum.Enum):
    """How serious a diagnostic or a rule violation is."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@attrs.frozen
class Diagnostic:
    """Something a reader noticed: where, what, and (for ambiguity) the candidates.

    Attributes:
        code: A stable code (``"truncated"``, ``"not_a_number"``,
            ``"label_variant"``, ``"ambiguous_split"``, ``"table_missing"`` …).
        message: A human sentence naming the place and what was expected.
        severity: :class:`Severity`.
        line: 1-based line in the source, when known.
        path: The cell path concerned, when there is one.
        candidates: For an ambiguous cell, the values that fit.
    """

    code: str
    message: str
    severity: Severity = Severity.WARNING
    line: int | None = None
    path: str | None = None
    candidates: tuple[int, ...] = ()

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line is not None else ""
        return f"{self.severity.value}: {where}{self.message}"


@attrs.frozen
class CellOrigin:
    """Where one cell was printed, and whether its value was inferred rather than read.

    Attributes:
        line: 1-based source line of the cell's text, when known.
        page: 1-based page (PDF), when known.
        box: The cell's box on the page, ``(x0, top, x1, bottom)`` in PDF
            points, when known.
        inferred_by: The ids of the rule instances the reader used to choose
            the value (a glued digit run split, a gap placed by the
            identities).  Empty for a value read as printed.  Validation
            reports these rules as *not evaluated* (they were used to read
            the cells, so they cannot check them).
    """

    line: int | None = None
    page: int | None = None
    box: tuple[float, float, float, float] | None = None
    inferred_by: tuple[str, ...] = ()

    @property
    def inferred(self) -> bool:
        """``True`` when the value was chosen with identities, not read as printed."""
        return bool(self.inferred_by)


@attrs.frozen
class Provenance:
    """Where a report came from: not part of its content (excluded from ``==``).

    Attributes:
        source: The file name, or ``None`` for a string.
        format: The reader used (``"text"``, ``"json"`` …).
        diagnostics: What the reader noticed.
        cells: Where cells were printed and which were inferred, by canonical
            path (only the cells a reader knows something about).
        reading: When several readings of the input were tried, which one
            was kept and why (one line); ``None`` otherwise.
    """

    source: str | None = None
    format: str | None = None
    diagnostics: tuple[Diagnostic, ...] = ()
    cells: Mapping[str, CellOrigin] = attrs.field(factory=dict, hash=False)
    reading: str | None = None

    @property
    def inferred(self) -> dict[str, tuple[str, ...]]:
        """The inferred cells: path → the rule instance ids used to choose its value."""
        return {path: o.inferred_by for path, o in self.cells.items() if o.inferred_by}

    @property
    def inferring_rules(self) -> frozenset[str]:
        """Every rule instance id a reader used to choose a value."""
        return frozenset(rule for o in self.cells.values() for rule in o.inferred_by)
