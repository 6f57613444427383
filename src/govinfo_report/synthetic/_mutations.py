"""Mutations: the mistakes real reports make, as data.

Each mutation is a frozen value with a repr that says what it does
(``Offset('t3.granted.total', by=2)``) and an :meth:`apply` that returns the
changed cells.  Which rule instances a mutation breaks is not stored with
it: the oracle reads it off the change vector.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, TypeAlias

import attrs

from govinfo_report.exceptions import InvalidArgument
from govinfo_report.schema import CELL_SPECS, FORMAT_2021, Cell, cell_spec

if TYPE_CHECKING:
    from govinfo_report.synthetic._oracle import Chooser, Oracle

__all__ = [
    "MUTATION_KINDS",
    "BlankCell",
    "DigitTypo",
    "Mutation",
    "Offset",
    "SwapColumns",
    "SwapRows",
    "Transposition",
    "draw_mutation",
]

MUTATION_KINDS: tuple[str, ...] = (
    "offset",
    "typo",
    "transpose",
    "swap_rows",
    "swap_columns",
    "blank",
)
"""The kinds of mistake :func:`~govinfo_report.synthetic.generate` can draw by name.

``offset`` adds a small number to one cell; ``typo`` replaces one digit;
``transpose`` swaps two adjacent digits; ``swap_rows`` swaps two table-三
cells of one column; ``swap_columns`` swaps two cells of one row;
``blank`` prints a cell empty or as ``/``.
"""


def _number(cells: Sequence[Cell], path: str, what: str) -> tuple[int, int | Decimal]:
    index = cell_spec(path).index
    value = cells[index].value
    if value is None:
        msg = f"{what}: cell {path} has no number (printed {cells[index].printed!r})"
        raise InvalidArgument(msg)
    return index, value


def _reprint(value: int | Decimal, printed: str, amount: bool) -> Cell:
    return Cell.parse(printed, amount=amount) if amount else Cell(int(printed), printed)


@attrs.frozen
class Offset:
    """Add *by* to one cell (``by`` ≠ 0; the result must stay ≥ 0).

    .. versionadded:: 0.1.0
    """

    path: str
    by: int

    def apply(self, cells: Sequence[Cell]) -> tuple[Cell, ...]:
        """Return *cells* with this mutation applied.

        Raises:
            InvalidArgument: when the cell has no number, ``by`` is 0, or
                the result would be negative.
        """
        index, value = _number(cells, self.path, repr(self))
        new = value + self.by
        if self.by == 0 or new < 0:
            msg = f"{self!r}: {self.path} is {value}; the offset must be ≠ 0 and keep it ≥ 0"
            raise InvalidArgument(msg)
        out = list(cells)
        out[index] = Cell(new) if isinstance(new, Decimal) else Cell.count(new)
        return tuple(out)


@attrs.frozen
class DigitTypo:
    """Replace the digit at *position* (0 = leftmost) of a cell's printed number.

    .. versionadded:: 0.1.0
    """

    path: str
    position: int
    digit: str

    def apply(self, cells: Sequence[Cell]) -> tuple[Cell, ...]:
        """Return *cells* with this mutation applied.

        Raises:
            InvalidArgument: when the cell has no number, the position is
                not a digit of it, or *digit* is not a different digit.
        """
        index, value = _number(cells, self.path, repr(self))
        printed = str(value)
        if not (
            0 <= self.position < len(printed)
            and printed[self.position].isdigit()
            and self.digit in "0123456789"
            and len(self.digit) == 1
            and printed[self.position] != self.digit
        ):
            msg = f"{self!r}: {self.path} prints {printed!r}; expected a position of a digit and a different digit"
            raise InvalidArgument(msg)
        new = printed[: self.position] + self.digit + printed[self.position + 1 :]
        out = list(cells)
        out[index] = _reprint(value, new, cell_spec(self.path).kind == "amount")
        return tuple(out)


@attrs.frozen
class Transposition:
    """Swap the digits at *position* and *position + 1* of a cell's printed number.

    .. versionadded:: 0.1.0
    """

    path: str
    position: int

    def apply(self, cells: Sequence[Cell]) -> tuple[Cell, ...]:
        """Return *cells* with this mutation applied.

        Raises:
            InvalidArgument: when the cell has no number or the two places
                are not two different digits.
        """
        index, value = _number(cells, self.path, repr(self))
        printed = str(value)
        i = self.position
        if not (
            0 <= i < len(printed) - 1
            and printed[i].isdigit()
            and printed[i + 1].isdigit()
            and printed[i] != printed[i + 1]
        ):
            msg = f"{self!r}: {self.path} prints {printed!r}; expected two different adjacent digits at {i}"
            raise InvalidArgument(msg)
        new = printed[:i] + printed[i + 1] + printed[i] + printed[i + 2 :]
        out = list(cells)
        out[index] = _reprint(value, new, cell_spec(self.path).kind == "amount")
        return tuple(out)


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _swap(cells: Sequence[Cell], pairs: Sequence[tuple[str, str]]) -> tuple[Cell, ...]:
    out = list(cells)
    for a, b in pairs:
        i, j = cell_spec(a).index, cell_spec(b).index
        out[i], out[j] = cells[j], cells[i]
    return tuple(out)


def _row_keys(table: str) -> tuple[str, ...]:
    return tuple(r.key for r in FORMAT_2021.table(table).rows)


def _column_keys(table: str, row: str) -> tuple[str, ...]:
    return tuple(c.key for c in FORMAT_2021.table(table).row(row).columns)


def _split_row(prefix: str, what: str) -> tuple[str, str]:
    table, _, row = prefix.partition(".")
    if table not in {"t3", "t4"} or row not in _row_keys(table):
        msg = f"{what}: expected a row of table 三 or 四 such as 't3.granted', got {prefix!r}"
        raise InvalidArgument(msg)
    return table, row


@attrs.frozen
class SwapRows:
    """Swap two rows of table 三 (or two groups of table 四), in some or all columns.

    ``SwapRows("t3.granted", "t3.partial")`` swaps all seven cells;
    ``columns=("natural_person",)`` only that column's two cells.

    .. versionadded:: 0.1.0
    """

    first: str
    second: str
    columns: tuple[str, ...] = attrs.field(default=(), converter=_strings)

    def apply(self, cells: Sequence[Cell]) -> tuple[Cell, ...]:
        """Return *cells* with this mutation applied.

        Raises:
            InvalidArgument: for rows of different tables or an unknown column.
        """
        t1, r1 = _split_row(self.first, repr(self))
        t2, r2 = _split_row(self.second, repr(self))
        if t1 != t2:
            msg = f"{self!r}: expected two rows of one table"
            raise InvalidArgument(msg)
        columns = self.columns or _column_keys(t1, r1)
        for c in columns:
            if c not in _column_keys(t1, r1):
                msg = f"{self!r}: {c!r} is not a column of table {t1}"
                raise InvalidArgument(msg)
        return _swap(cells, [(f"{t1}.{r1}.{c}", f"{t1}.{r2}.{c}") for c in columns])


@attrs.frozen
class SwapColumns:
    """Swap two columns of table 三 or 四, in some or all rows.

    ``SwapColumns("t3", "natural_person", "commercial")`` swaps the two
    columns in all 25 rows; ``rows=("granted",)`` only in that row.

    .. versionadded:: 0.1.0
    """

    table: str
    first: str
    second: str
    rows: tuple[str, ...] = attrs.field(default=(), converter=_strings)

    def apply(self, cells: Sequence[Cell]) -> tuple[Cell, ...]:
        """Return *cells* with this mutation applied.

        Raises:
            InvalidArgument: for an unknown table, row or column.
        """
        if self.table not in {"t3", "t4"}:
            msg = f"{self!r}: expected table 't3' or 't4'"
            raise InvalidArgument(msg)
        rows = self.rows or _row_keys(self.table)
        pairs = []
        for r in rows:
            if r not in _row_keys(self.table):
                msg = f"{self!r}: {r!r} is not a row of table {self.table}"
                raise InvalidArgument(msg)
            keys = _column_keys(self.table, r)
            if self.first not in keys or self.second not in keys:
                msg = f"{self!r}: expected two of the columns {', '.join(keys)}"
                raise InvalidArgument(msg)
            pairs.append((f"{self.table}.{r}.{self.first}", f"{self.table}.{r}.{self.second}"))
        return _swap(cells, pairs)


@attrs.frozen
class BlankCell:
    """Print one cell as *printed* (``""`` for blank, ``"/"`` for a marker): no number.

    .. versionadded:: 0.1.0
    """

    path: str
    printed: str = ""

    def apply(self, cells: Sequence[Cell]) -> tuple[Cell, ...]:
        """Return *cells* with this mutation applied.

        Raises:
            InvalidArgument: when *printed* reads as a number.
        """
        index = cell_spec(self.path).index
        cell = Cell.parse(self.printed)
        if cell.value is not None:
            msg = f"{self!r}: {self.printed!r} reads as a number; expected a blank or a marker"
            raise InvalidArgument(msg)
        out = list(cells)
        out[index] = Cell(None, self.printed)
        return tuple(out)


Mutation: TypeAlias = Offset | DigitTypo | Transposition | SwapRows | SwapColumns | BlankCell
"""A mutation: one of the six mistake types, each a frozen value with ``apply(cells)``."""

_PATHS = tuple(CELL_SPECS)


def _offset(cells: Sequence[Cell], candidates: Sequence[int], choose: Chooser) -> Offset:
    j = candidates[choose.below(len(candidates))]
    by = choose.between(1, 9)
    value = cells[j].value
    assert value is not None
    if choose.below(2) and value >= by:
        by = -by
    return Offset(_PATHS[j], by)


def draw_mutation(kind: str, cells: Sequence[Cell], choose: Chooser, oracle: Oracle) -> Mutation:
    """Draw a mutation of one kind that changes a cell some rule reads.

    Cells are chosen among those an assessable equality instance reads (all
    its cells numbers), so that a changed number shows; when the report
    has no place for the kind (no number with two
    different adjacent digits to transpose, no two different cells to
    swap), an :class:`Offset` is drawn instead.  The simplest choice, which
    Hypothesis shrinks to, is ``+1`` on the first such cell.

    Raises:
        InvalidArgument: for an unknown kind.
    """
    candidates = oracle.assessable_cells(cells)
    if not candidates:
        msg = "mutations: no cell of the report is read by an assessable identity"
        raise InvalidArgument(msg)
    if kind == "offset":
        return _offset(cells, candidates, choose)
    if kind == "typo":
        j = candidates[choose.below(len(candidates))]
        printed = str(cells[j].value)
        position = choose.below(len(printed))
        digits = [
            d
            for d in "0123456789"
            if d != printed[position] and not (d == "0" and position == 0 and len(printed) > 1)
        ]
        return DigitTypo(_PATHS[j], position, digits[choose.below(len(digits))])
    if kind == "transpose":
        places = [
            (j, i)
            for j in candidates
            for i, (a, b) in enumerate(itertools.pairwise(str(cells[j].value)))
            if a != b and not (i == 0 and b == "0")
        ]
        if places:
            j, i = places[choose.below(len(places))]
            return Transposition(_PATHS[j], i)
        return _offset(cells, candidates, choose)
    if kind in {"swap_rows", "swap_columns"}:
        pairs = _swap_candidates(cells, rows=kind == "swap_rows")
        if pairs:
            a, b = pairs[choose.below(len(pairs))]
            sa, sb = CELL_SPECS[_PATHS[a]], CELL_SPECS[_PATHS[b]]
            if kind == "swap_rows":
                return SwapRows(f"t3.{sa.row.key}", f"t3.{sb.row.key}", columns=(sa.column.key,))
            return SwapColumns("t3", sa.column.key, sb.column.key, rows=(sa.row.key,))
        return _offset(cells, candidates, choose)
    if kind == "blank":
        j = candidates[choose.below(len(candidates))]
        return BlankCell(_PATHS[j], ("", "/")[choose.below(2)])
    msg = f"mutations: unknown kind {kind!r}; choose among {', '.join(MUTATION_KINDS)}"
    raise InvalidArgument(msg)


def _swap_candidates(cells: Sequence[Cell], *, rows: bool) -> list[tuple[int, int]]:
    """Return pairs of adjacent table-三 cells (down a column or along a row) that differ."""
    from govinfo_report.synthetic._plan import T3_BASE, WIDTH

    out: list[tuple[int, int]] = []
    for r in range(25):
        for c in range(WIDTH):
            a = T3_BASE + WIDTH * r + c
            if rows:
                if r == 24:
                    continue
                b = a + WIDTH
            else:
                if c == WIDTH - 1:
                    continue
                b = a + 1
            va, vb = cells[a].value, cells[b].value
            if va is not None and vb is not None and va != vb:
                out.append((a, b))
    return out
