"""What the assembler collects: the cells of the rows it read, and at the end what is missing.

A row's values go to its cells when there are as many as columns; a row
that has lost a cell has the gap placed by the identities of SPEC §5.1 when
exactly one placement fits, and its uncertain cells are otherwise left
absent with a diagnostic.  :class:`Collector` holds this state; the
:class:`~govinfo_report.codecs._assemble.Assembler` reads the tokens into it.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
from collections.abc import Sequence
from typing import Any

import attrs

from govinfo_report.codecs._cell_text import (
    clean_text,
    is_blank,
    padded_after_total,
    parse_cell,
    row_numbers,
)
from govinfo_report.codecs._identities import fits_identities, used_identities
from govinfo_report.codecs._problems import TABLE_NUMBERS, Problems
from govinfo_report.codecs._tokens import ABSENT_TEXT, Token
from govinfo_report.schema import (
    CELL_PATHS,
    CELL_SPECS,
    FORMAT_2021,
    T4_GROUPS,
    T4_OUTCOMES,
    Cell,
    CellOrigin,
    CellSpec,
    Diagnostic,
    Presence,
    Severity,
)

__all__ = ["LAST_ROW", "Collector", "TableRow", "label_of_row", "row_specs"]

_TABLES = {t.key: t for t in FORMAT_2021.tables}
_TABLE_SPECS = {
    key: tuple(spec for spec in CELL_SPECS.values() if spec.table.key == key) for key in _TABLES
}
_ABSENT = Cell()
_TEXT = operator.attrgetter("text")

LAST_ROW = {"t2": "admin_fees", "t3": "carried_forward", "t4": "data"}


@attrs.define
class TableRow:
    """A printed row being read: its label, its values so far and the cells they are for."""

    table: str
    key: str  # row key, or "data" for table 四
    label: str  # as printed
    line: int
    values: list[Token] = attrs.Factory(list)
    specs: tuple[CellSpec, ...] = ()
    again: bool = False  # the row was printed before


@functools.cache
def row_specs(table: str, key: str) -> tuple[CellSpec, ...]:
    """The cells of a row, in order (table 四's one row of values is ``data``)."""
    if table == "t4":
        return tuple(CELL_SPECS[f"t4.{g}.{o}"] for g in T4_GROUPS for o in T4_OUTCOMES)
    row = _TABLES[table].row(key)
    return tuple(CELL_SPECS[f"{table}.{key}.{c.key}"] for c in row.columns)


def label_of_row(spec: CellSpec) -> str:
    """The label of the row *spec* is in, as messages name it."""
    if spec.table.key == "t4":
        return " ".join((*spec.row.groups, spec.row.label))
    return spec.row.label


class Collector(Problems):
    """The cells of tables 二, 三 and 四 as rows are read, and the problems found on the way.

    Args:
        source: A name for messages (usually the file name).
        lenient: Record problems as diagnostics instead of raising.
        blanks_visible: Whether the text shows empty cells (PDF text does not).
    """

    def __init__(
        self, *, source: str | None = None, lenient: bool = False, blanks_visible: bool = True
    ) -> None:
        super().__init__(source=source, lenient=lenient)
        # the cells the text gives, in canonical order (the shared absent cell elsewhere)
        self._cells: list[Cell] = [_ABSENT] * len(CELL_PATHS)
        self.rows_seen: dict[tuple[str, str], int] = {}
        self.tables_seen: dict[str, int] = {}
        self.tables_done: set[str] = set()
        self.format_2019: dict[str, tuple[int, str]] = {}
        self.truncated: tuple[int, str] | None = None  # (line, message)
        self.origins: dict[str, CellOrigin] = {}  # cells placed with the identities
        self.blanks_visible = blanks_visible
        self.conflicts: set[tuple[str, str]] = set()
        self._gapped: list[TableRow] = []
        self._blocked: set[str] = set()  # tables whose later values cannot be placed

    # -- reporting ---------------------------------------------------------------

    def _problem(self, code: str, detail: str, **where: Any) -> None:
        self.report(detail, code=code, **where)

    def _note(
        self, code: str, message: str, *, line: int | None = None, path: str | None = None
    ) -> None:
        self.note(code, message, line=line, path=path)

    # -- the end of the text ----------------------------------------------------

    def _truncate(self, line: int, table: str | None, what: str) -> None:
        if self.truncated is not None:
            return
        where = f"inside table {TABLE_NUMBERS[table]}" if table else "before the tables"
        message = f"the text ends {where}, {what}; the cells after it are absent"
        self.truncated = (line, message)
        if table is not None:
            self.tables_done.add(table)
        self._problem(
            "truncated",
            f"the text ends {where}, {what}",
            line=line,
            table=table,
            expected="the rest of the table",
            got="the end of the text",
        )

    # -- rows --------------------------------------------------------------------

    def _finish_row(self, row: TableRow, *, at_end: bool) -> None:
        specs = row.specs
        n = len(specs)
        values = row.values
        if len(values) > n and is_blank(values[-1]) and not all(map(is_blank, values)):
            # the row is padded at its end: none of its trailing empty cells is known
            # to be a cell, and a row short without them is placed or left absent
            while is_blank(values[-1]):
                values.pop()
        while len(values) > n and is_blank(values[-1]):
            values.pop()
        if padded_after_total(values, n):
            while is_blank(values[-1]):
                values.pop()
        if row.table == "t4":
            self.tables_done.add("t4")
            self.rows_seen.setdefault(("t4", "data"), row.line)
        elif row.key == LAST_ROW[row.table]:
            self.tables_done.add(row.table)
        if len(values) == n:
            self._assign(row, values)
            return
        table, row_label = row.table, row.label or label_of_row(specs[0])
        if len(values) > n:
            extra = values[n]
            self._problem(
                "extra_values",
                f"{len(values)} values for {n} columns; the row is left absent",
                line=extra.line,
                expected=f"{n} values",
                got=" ".join(v.text for v in values),
                table=table,
                row=row_label,
            )
            return
        if len(values) < n:
            if at_end and not self.blanks_visible:
                # cut off, or blank cells that vanished: which cells the values are
                # is told only by the identities, never by position
                self._truncate(
                    values[-1].line if values else row.line,
                    row.table,
                    f"after the row {row_label!r}, which gives {len(values)} of {n} values",
                )
                self._gapped.append(attrs.evolve(row, values=values))
                return
            if at_end:
                self._assign(row, values)
                missing = specs[len(values)]
                self._truncate(
                    values[-1].line if values else row.line,
                    row.table,
                    f"in the row {row_label!r} after {len(values)} of {n} values "
                    f"(from {missing.path} on the cells are absent)",
                )
                return
            self._problem(
                "missing_value",
                f"{len(values)} values for {n} columns; a cell is missing and will not be "
                "guessed by position",
                line=values[-1].line if values else row.line,
                expected=f"{n} values",
                got=" ".join(v.text for v in values) or "none",
                table=table,
                row=row_label,
            )
            self._gapped.append(attrs.evolve(row, values=values))

    def _assign(self, row: TableRow, values: Sequence[Token]) -> None:
        amount = row.specs[0].kind == "amount"  # a row's cells are all counts or all amounts
        numbers = row_numbers(tuple(map(_TEXT, values)), amount)
        if numbers is not None and not row.again:
            # the usual case: numbers, the row printed once (a cut-off row gives fewer)
            start = row.specs[0].index
            self._cells[start : start + len(numbers)] = numbers
            return
        for spec, token in zip(row.specs, values, strict=False):
            self._set(spec, token, row.label)

    def _set(self, spec: CellSpec, token: Token, row_label: str) -> None:
        cell = parse_cell(token.text, spec.kind == "amount")
        if cell.value is None:
            cell = self._parse(spec, token, row_label)
        cells = self._cells
        index = spec.index
        if cells[index] is not _ABSENT:
            if cells[index] != cell:
                self.conflicts.add((spec.table.key, spec.row.key))
            return
        cells[index] = cell

    def _parse(self, spec: CellSpec, token: Token, row_label: str) -> Cell:
        if token.text == ABSENT_TEXT:
            return Cell()
        amount = spec.kind == "amount"
        cell = parse_cell(token.text, amount)
        if cell.presence is Presence.TEXT:
            text = clean_text(token.text)
            negative = bool(re.match(r"^[-−－]\s*\d", text))
            if amount:
                expected = "an amount in 万元 (a decimal ≥ 0)" if negative else "an amount in 万元"
            else:
                expected = "a count ≥ 0" if negative else "a count"
            self._problem(
                "negative_number" if negative else "not_a_number",
                "negative number" if negative else "not a number",
                line=token.line,
                table=spec.table.key,
                row=row_label or label_of_row(spec),
                column=spec.column.label,
                path=spec.path,
                expected=expected,
                got=token.text,
            )
        return cell

    # -- finishing ---------------------------------------------------------------

    def finish(self, *, last_line: int | None = None) -> tuple[dict[str, Cell], list[Diagnostic]]:
        """Check what is missing, place gaps, and return ``(cells, diagnostics)``.

        *cells* holds only the cells the text gives (path → cell); every
        other cell is absent.

        Args:
            last_line: The last line of the text, for messages about what
                the text does not contain.

        Raises:
            ParseError: (strict mode) for a missing table or row.
        """
        flat, diagnostics = self.finish_flat(last_line=last_line)
        cells = {path: c for path, c in zip(CELL_PATHS, flat, strict=True) if c is not _ABSENT}
        return cells, diagnostics

    def finish_flat(
        self, *, last_line: int | None = None
    ) -> tuple[tuple[Cell, ...], list[Diagnostic]]:
        """As :meth:`finish`, but the cells are all 200, in canonical order (absent where not given).

        Raises:
            ParseError: (strict mode) for a missing table or row.
        """
        for table in ("t2", "t3", "t4"):
            if table in self.format_2019:
                continue
            if table not in self.tables_seen:
                if self.truncated is not None:
                    self.diagnostics.append(
                        Diagnostic(
                            "truncated",
                            f"table {TABLE_NUMBERS[table]} is not in the text: "
                            f"{self.truncated[1]}",
                            Severity.WARNING,
                            line=self.truncated[0],
                        )
                    )
                    continue
                self._problem(
                    "table_missing",
                    "table missing",
                    line=last_line,
                    table=table,
                    expected=f"table {TABLE_NUMBERS[table]} ({_TABLES[table].title})",
                    got="no table in the text",
                )
                continue
            if self.truncated is not None and table in self.tables_done:
                continue
            for row in _TABLES[table].rows if table != "t4" else ():
                if (table, row.key) not in self.rows_seen:
                    self._problem(
                        "row_missing",
                        "row missing",
                        line=self.tables_seen[table],
                        table=table,
                        row=row.label,
                        expected=f"the row {row.label!r}",
                        got="no such row in the table",
                    )
            if table == "t4" and ("t4", "data") not in self.rows_seen:
                self._problem(
                    "row_missing",
                    "table 四 has no values",
                    line=self.tables_seen[table],
                    table=table,
                    expected="15 values",
                    got="none",
                )
        cells = self._cells
        for table in self.format_2019:
            for spec in _TABLE_SPECS[table]:
                cells[spec.index] = _ABSENT
        for table, row_key in self.conflicts:
            for spec in row_specs(table, row_key):
                cells[spec.index] = _ABSENT
        self._place_gaps()
        return tuple(cells), self.diagnostics

    def _place_gaps(self) -> None:
        # Rows in the order printed: a cell placed proves nothing (see _known), so no
        # placement depends on another.
        for row in self._gapped:
            self._place(row)

    def _place(self, row: TableRow) -> None:
        specs = row.specs
        n, m = len(specs), len(row.values)
        if row.table == "t2" or n - m > 2:
            why = (
                "table 二 has no identity to place the gap with"
                if row.table == "t2"
                else "too many cells are missing to place them"
            )
            self._leave_absent(row, why)
            return
        parsed = [
            parse_cell(t.text, False).value if t.text != ABSENT_TEXT else None for t in row.values
        ]
        known = self._known()
        fitting: list[tuple[int, ...]] = []
        for gaps in itertools.combinations(range(n), n - m):
            trial: dict[str, int | None] = {}
            drawn = iter(parsed)
            for k, spec in enumerate(specs):
                value = None if k in gaps else next(drawn)
                trial[spec.path] = value if isinstance(value, int) else None
            if fits_identities(row.table, known, trial):
                fitting.append(gaps)
        used = used_identities(specs)
        if len(fitting) == 1:
            gaps = fitting[0]
            it = iter(row.values)
            for k, spec in enumerate(specs):
                if k not in gaps:
                    self.origins[spec.path] = CellOrigin(line=row.line, inferred_by=used)
                if k in gaps:
                    self._note(
                        "gap_placed",
                        f"table {TABLE_NUMBERS[row.table]}, row {row.label or label_of_row(spec)!r}: "
                        f"the missing cell is {spec.column.label} ({spec.path}), the only "
                        "place the identities allow; it is left absent",
                        line=row.line,
                        path=spec.path,
                    )
                    continue
                self._set(spec, next(it), row.label)
            return
        if not fitting:
            self._leave_absent(row, "no placement of the gap satisfies the identities")
            return
        # keep the cells every fitting placement agrees on
        agreed: dict[int, Token] = {}
        for k in range(n):
            choices: set[int | None] = set()
            for gaps in fitting:
                if k in gaps:
                    choices.add(None)
                else:
                    choices.add(k - sum(1 for g in gaps if g < k))
            if len(choices) == 1 and None not in choices:
                index = choices.pop()
                assert index is not None
                agreed[k] = row.values[index]
        for k, token in agreed.items():
            self._set(specs[k], token, row.label)
            self.origins[specs[k].path] = CellOrigin(line=token.line, inferred_by=used)
        uncertain = [specs[k].path for k in range(n) if k not in agreed]
        self.diagnostics.append(
            Diagnostic(
                "unplaced_value",
                f"table {TABLE_NUMBERS[row.table]}, row {row.label or 'of values'!r}: "
                f"{m} values for {n} columns and {len(fitting)} placements fit the "
                f"identities; {', '.join(uncertain)} left absent",
                Severity.WARNING,
                line=row.line,
                path=uncertain[0] if uncertain else None,
            )
        )

    def _leave_absent(self, row: TableRow, why: str) -> None:
        self.diagnostics.append(
            Diagnostic(
                "unplaced_value",
                f"table {TABLE_NUMBERS[row.table]}, row {row.label!r}: {len(row.values)} values "
                f"for {len(row.specs)} columns and {why}; the row is left absent",
                Severity.WARNING,
                line=row.line,
                path=row.specs[0].path,
            )
        )

    def _known(self) -> dict[str, int | None]:
        """The cells read as printed (a cell placed by the identities proves nothing)."""
        return {
            path: cell.value if isinstance(cell.value, int) else None
            for path, cell in zip(CELL_PATHS, self._cells, strict=True)
            if cell is not _ABSENT and path not in self.origins
        }
