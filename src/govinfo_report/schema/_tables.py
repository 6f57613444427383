"""Tables 二, 三 and 四 as frozen rows of cells: an attribute chain spells a cell's path.

``report.t3.granted.natural_person`` is the cell ``t3.granted.natural_person``:
each table is a frozen class of rows, each row a frozen class of cells in
printed column order.
"""

from __future__ import annotations

import operator
from typing import Any, ClassVar

import attrs

from govinfo_report.schema._layout import FORMAT_2021
from govinfo_report.schema._values import Cell

__all__ = [
    "ROW_CLASSES",
    "TABLE_CLASSES",
    "ApplicantRow",
    "DecisionRow",
    "DocumentRow",
    "FeeRow",
    "OutcomeRow",
    "Row",
    "Table",
    "Table2",
    "Table3",
    "Table4",
]

_ABSENT = Cell()


class _Ordered:
    """Mixin: a class naming its fields in printed order (``_keys``) gets one getter of them all."""

    __slots__ = ()
    _keys: ClassVar[tuple[str, ...]]
    _get: ClassVar[operator.attrgetter[Any]]

    def __init_subclass__(cls) -> None:
        super().__init_subclass__()
        if "_keys" in cls.__dict__:
            cls._get = operator.attrgetter(*cls._keys)


class Row(_Ordered):
    """Mixin: a row of cells in printed column order."""

    __slots__ = ()

    def cells(self) -> tuple[Cell, ...]:
        """Return the row's cells in printed column order."""
        got = self._get(self)
        return got if type(got) is tuple else (got,)


@attrs.frozen
class DocumentRow(Row):
    """A table-二 row of 规章 or 行政规范性文件: issued, repealed, in force."""

    _keys: ClassVar[tuple[str, ...]] = ("issued", "repealed", "in_force")
    issued: Cell = _ABSENT
    repealed: Cell = _ABSENT
    in_force: Cell = _ABSENT


@attrs.frozen
class DecisionRow(Row):
    """A table-二 row of 行政许可, 行政处罚 or 行政强制: decisions this year."""

    _keys: ClassVar[tuple[str, ...]] = ("decisions",)
    decisions: Cell = _ABSENT


@attrs.frozen
class FeeRow(Row):
    """The table-二 row 行政事业性收费: the amount in 万元."""

    _keys: ClassVar[tuple[str, ...]] = ("amount",)
    amount: Cell = _ABSENT


@attrs.frozen
class ApplicantRow(Row):
    """A table-三 row: six applicant columns and the 总计 column."""

    _keys: ClassVar[tuple[str, ...]] = (
        "natural_person",
        "commercial",
        "research",
        "public_interest",
        "legal_service",
        "other_org",
        "total",
    )
    natural_person: Cell = _ABSENT
    commercial: Cell = _ABSENT
    research: Cell = _ABSENT
    public_interest: Cell = _ABSENT
    legal_service: Cell = _ABSENT
    other_org: Cell = _ABSENT
    total: Cell = _ABSENT


@attrs.frozen
class OutcomeRow(Row):
    """A table-四 group: upheld, corrected, other, pending, total."""

    _keys: ClassVar[tuple[str, ...]] = ("upheld", "corrected", "other", "pending", "total")
    upheld: Cell = _ABSENT
    corrected: Cell = _ABSENT
    other: Cell = _ABSENT
    pending: Cell = _ABSENT
    total: Cell = _ABSENT


class Table(_Ordered):
    """Mixin: a table of rows in printed order."""

    __slots__ = ()

    def rows(self) -> tuple[Row, ...]:
        """Return the rows in printed order."""
        rows: tuple[Row, ...] = self._get(self)
        return rows

    def cells(self) -> tuple[Cell, ...]:
        """Return every cell of the table in canonical order."""
        out: tuple[Cell, ...] = ()
        for row in self._get(self):
            out += row.cells()
        return out

    @property
    def present(self) -> bool:
        """``True`` when the text gives at least one cell of this table."""
        return any(cell.printed is not None for cell in self.cells())


@attrs.frozen
class Table2(Table):
    """Table 二, 主动公开政府信息情况: 10 cells."""

    _keys: ClassVar[tuple[str, ...]] = (
        "regulations",
        "normative_documents",
        "licensing",
        "punishment",
        "coercion",
        "admin_fees",
    )
    regulations: DocumentRow = attrs.field(factory=DocumentRow)
    normative_documents: DocumentRow = attrs.field(factory=DocumentRow)
    licensing: DecisionRow = attrs.field(factory=DecisionRow)
    punishment: DecisionRow = attrs.field(factory=DecisionRow)
    coercion: DecisionRow = attrs.field(factory=DecisionRow)
    admin_fees: FeeRow = attrs.field(factory=FeeRow)


@attrs.frozen
class Table3(Table):
    """Table 三, 收到和处理政府信息公开申请情况: 25 rows × 7 columns."""

    _keys: ClassVar[tuple[str, ...]] = tuple(row.key for row in FORMAT_2021.table("t3").rows)
    new_received: ApplicantRow = attrs.field(factory=ApplicantRow)
    carried_over: ApplicantRow = attrs.field(factory=ApplicantRow)
    granted: ApplicantRow = attrs.field(factory=ApplicantRow)
    partial: ApplicantRow = attrs.field(factory=ApplicantRow)
    denied_state_secret: ApplicantRow = attrs.field(factory=ApplicantRow)
    denied_prohibited_by_law: ApplicantRow = attrs.field(factory=ApplicantRow)
    denied_security_stability: ApplicantRow = attrs.field(factory=ApplicantRow)
    denied_third_party: ApplicantRow = attrs.field(factory=ApplicantRow)
    denied_internal_affairs: ApplicantRow = attrs.field(factory=ApplicantRow)
    denied_process_info: ApplicantRow = attrs.field(factory=ApplicantRow)
    denied_enforcement_file: ApplicantRow = attrs.field(factory=ApplicantRow)
    denied_admin_query: ApplicantRow = attrs.field(factory=ApplicantRow)
    unable_not_held: ApplicantRow = attrs.field(factory=ApplicantRow)
    unable_needs_creation: ApplicantRow = attrs.field(factory=ApplicantRow)
    unable_still_unclear: ApplicantRow = attrs.field(factory=ApplicantRow)
    not_processed_petition: ApplicantRow = attrs.field(factory=ApplicantRow)
    not_processed_repeat: ApplicantRow = attrs.field(factory=ApplicantRow)
    not_processed_publication: ApplicantRow = attrs.field(factory=ApplicantRow)
    not_processed_excessive: ApplicantRow = attrs.field(factory=ApplicantRow)
    not_processed_confirm_reissue: ApplicantRow = attrs.field(factory=ApplicantRow)
    other_no_correction: ApplicantRow = attrs.field(factory=ApplicantRow)
    other_fee_unpaid: ApplicantRow = attrs.field(factory=ApplicantRow)
    other_other: ApplicantRow = attrs.field(factory=ApplicantRow)
    total_processed: ApplicantRow = attrs.field(factory=ApplicantRow)
    carried_forward: ApplicantRow = attrs.field(factory=ApplicantRow)


@attrs.frozen
class Table4(Table):
    """Table 四, 政府信息公开行政复议、行政诉讼情况: 3 groups × 5 outcomes."""

    _keys: ClassVar[tuple[str, ...]] = ("review", "suit_direct", "suit_after_review")
    review: OutcomeRow = attrs.field(factory=OutcomeRow)
    suit_direct: OutcomeRow = attrs.field(factory=OutcomeRow)
    suit_after_review: OutcomeRow = attrs.field(factory=OutcomeRow)


ROW_CLASSES: dict[str, dict[str, type[Row]]] = {
    "t2": {
        "regulations": DocumentRow,
        "normative_documents": DocumentRow,
        "licensing": DecisionRow,
        "punishment": DecisionRow,
        "coercion": DecisionRow,
        "admin_fees": FeeRow,
    },
    "t3": dict.fromkeys(Table3._keys, ApplicantRow),
    "t4": dict.fromkeys(Table4._keys, OutcomeRow),
}
TABLE_CLASSES: dict[str, type[Table]] = {"t2": Table2, "t3": Table3, "t4": Table4}
