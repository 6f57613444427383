"""The report: metadata, six sections, tables 二, 三 and 四, all immutable.

A cell's attribute chain *is* its canonical path:
``report.t3.granted.natural_person`` is the cell ``t3.granted.natural_person``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Literal, TypeAlias

import attrs

from govinfo_report.exceptions import InvalidCellError, UnknownPathError
from govinfo_report.schema._layout import (
    CELL_PATHS,
    CELL_SPECS,
    FORMAT_2021,
    SECTION_HEADINGS,
    SECTION_KEYS,
    CellSpec,
    cell_spec,
)
from govinfo_report.schema._provenance import Provenance
from govinfo_report.schema._tables import (
    ROW_CLASSES,
    TABLE_CLASSES,
    Row,
    Table,
    Table2,
    Table3,
    Table4,
)
from govinfo_report.schema._values import Cell, CellValue, Presence

if TYPE_CHECKING:
    from typing import Self

__all__ = ["CellInput", "CellPath", "Report", "ReportMeta", "Section"]

CellPath: TypeAlias = str
"""A canonical cell path such as ``"t3.granted.natural_person"`` (SPEC §4)."""

CellInput: TypeAlias = Cell | int | Decimal | str | None
"""What :meth:`Report.with_cells` accepts for a cell.

A :class:`Cell` is used as is; an ``int`` becomes a count (a ``Decimal`` for
the 万元 fee); a ``Decimal`` the fee; a ``str`` is read as printed
(:meth:`Cell.parse`); ``None`` makes the cell absent.
"""

_ABSENT = Cell()

(_AMOUNT_INDEX,) = (spec.index for spec in CELL_SPECS.values() if spec.kind == "amount")
_COUNT_TYPES = frozenset({int, type(None)})
_AMOUNT_TYPES = frozenset({Decimal, type(None)})


@attrs.frozen
class Section:
    """One of the six sections: its heading as printed and its narrative.

    Attributes:
        number: 1–6.
        heading: The heading line as printed (``2、 主动公开政府信息情况``), or
            ``None`` when the text has no heading line for it.
        text: The narrative as printed, lines joined by ``"\\n"``; for the
            table sections, any prose outside the table.
    """

    number: int = attrs.field(validator=attrs.validators.in_(range(1, 7)))
    heading: str | None = None
    text: str = ""

    @property
    def key(self) -> str:
        """The section's ASCII key (``overview`` … ``other``)."""
        return SECTION_KEYS[self.number - 1]

    @property
    def canonical_heading(self) -> str:
        """The official heading (``二、主动公开政府信息情况``)."""
        return SECTION_HEADINGS[self.number - 1]


def _default_sections() -> tuple[Section, ...]:
    return tuple(Section(n) for n in range(1, 7))


def _check_sections(
    _instance: Report | None,
    _attribute: attrs.Attribute[tuple[Section, ...]] | None,
    value: tuple[Section, ...],
) -> None:
    if tuple(s.number for s in value) != (1, 2, 3, 4, 5, 6) or not all(
        isinstance(s, Section) for s in value
    ):
        msg = f"sections must be the six Section objects numbered 1–6 in order, got {value!r}"
        raise ValueError(msg)


@attrs.frozen
class ReportMeta:
    """Front matter.

    Attributes:
        title: The title as printed (lines of a broken title joined without
            a separator), or ``None``.
        agency: The reporting agency (``北京市西城区卫生健康委员会``), or ``None``.
        year: The report year *t*, or ``None``.
        format_version: ``"2021"`` for the format of 国办公开办函〔2021〕30号.
        preamble: Front matter other than the title, as printed (``附件1``,
            the opening paragraph, the 统计期限, contact lines).
    """

    title: str | None = None
    agency: str | None = None
    year: int | None = None
    format_version: str = "2021"
    preamble: str = ""


@attrs.frozen
class Report:
    """A whole annual report: metadata, six sections and all 200 table cells.

    Every cell is reachable by attributes that spell its canonical path,
    ``report.t3.granted.natural_person``, or by the path itself,
    ``report.cell("t3.granted.natural_person")``.  Reports are immutable:
    :meth:`with_cells`, :meth:`with_section` and :func:`attrs.evolve`
    return new ones.

    ``provenance`` (source file, reader, diagnostics) is carried along but
    not compared: two reports with the same content are equal wherever they
    were read from.

    .. versionadded:: 0.1.0
    """

    meta: ReportMeta = attrs.field(factory=ReportMeta)
    sections: tuple[Section, ...] = attrs.field(
        factory=_default_sections, converter=tuple, validator=_check_sections
    )
    t2: Table2 = attrs.field(factory=Table2)
    t3: Table3 = attrs.field(factory=Table3)
    t4: Table4 = attrs.field(factory=Table4)
    provenance: Provenance | None = attrs.field(default=None, eq=False, repr=False)
    _flat: tuple[Cell, ...] = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        flat = (*self.t2.cells(), *self.t3.cells(), *self.t4.cells())
        _check_flat(flat)
        object.__setattr__(self, "_flat", flat)

    # -- cells -----------------------------------------------------------------

    def cell(self, path: CellPath) -> Cell:
        """Return the cell at a canonical path.

        Raises:
            UnknownPathError: for a path that is not one of the 200.
        """
        return self._flat[cell_spec(path).index]

    def value(self, path: CellPath) -> CellValue:
        """Return the value of the cell at *path* (``None`` when it has no number)."""
        return self.cell(path).value

    def cells(self) -> dict[CellPath, CellValue]:
        """Return every cell's value by canonical path, in canonical order."""
        return dict(zip(CELL_PATHS, (c.value for c in self._flat), strict=True))

    def printed(self) -> dict[CellPath, str | None]:
        """Return every cell's printed text by canonical path (``None`` when absent)."""
        return dict(zip(CELL_PATHS, (c.printed for c in self._flat), strict=True))

    def iter_cells(self) -> Iterator[tuple[CellSpec, Cell]]:
        """Yield ``(spec, cell)`` for all 200 cells in canonical order."""
        return zip(CELL_SPECS.values(), self._flat, strict=True)

    @property
    def flat_cells(self) -> tuple[Cell, ...]:
        """All 200 cells in canonical order."""
        return self._flat

    @property
    def complete(self) -> bool:
        """``True`` when the text gives every one of the 200 cells."""
        return all(c.printed is not None for c in self._flat)

    def missing(self) -> list[CellPath]:
        """Return the paths of cells whose value is not a number (blank, marker, text, absent)."""
        return [p for p, c in zip(CELL_PATHS, self._flat, strict=True) if c.value is None]

    def cells_by_presence(self, presence: Presence) -> list[CellPath]:
        """Return the paths of cells of one :class:`Presence`."""
        return [p for p, c in zip(CELL_PATHS, self._flat, strict=True) if c.presence is presence]

    # -- building --------------------------------------------------------------

    @classmethod
    def from_cells(
        cls,
        cells: Mapping[CellPath, CellInput],
        *,
        meta: ReportMeta | None = None,
        sections: tuple[Section, ...] | None = None,
        provenance: Provenance | None = None,
    ) -> Self:
        """Build a report from path → value; cells not given are absent.

        >>> r = Report.from_cells({"t3.new_received.total": 26})
        >>> r.t3.new_received.total, r.t3.granted.total
        (Cell(26), Cell())
        """
        return cls._from_flat(
            _flat_with((_ABSENT,) * len(CELL_PATHS), cells),
            meta=meta or ReportMeta(),
            sections=sections or _default_sections(),
            provenance=provenance,
        )

    @classmethod
    def from_flat(
        cls,
        flat: tuple[Cell, ...],
        *,
        meta: ReportMeta | None = None,
        sections: tuple[Section, ...] | None = None,
        provenance: Provenance | None = None,
    ) -> Self:
        """Build a report from its 200 cells in canonical order.

        Raises:
            ValueError: if *flat* does not hold exactly 200 cells.
        """
        return cls._from_flat(
            flat,
            meta=meta or ReportMeta(),
            sections=sections or _default_sections(),
            provenance=provenance,
        )

    @classmethod
    def _from_flat(
        cls,
        flat: tuple[Cell, ...],
        *,
        meta: ReportMeta,
        sections: tuple[Section, ...],
        provenance: Provenance | None,
    ) -> Self:
        if len(flat) != len(CELL_PATHS):
            msg = f"expected {len(CELL_PATHS)} cells, got {len(flat)}"
            raise ValueError(msg)
        _check_flat(flat)
        sections = tuple(sections)
        _check_sections(None, None, sections)
        tables: dict[str, Table] = {}
        i = 0
        for table in FORMAT_2021.tables:
            rows: dict[str, Row] = {}
            for row_key, row_cls in ROW_CLASSES[table.key].items():
                n = len(row_cls._keys)
                rows[row_key] = row_cls(*flat[i : i + n])
                i += n
            tables[table.key] = TABLE_CLASSES[table.key](**rows)
        # The cells are checked and the flat tuple is known: set the fields directly rather
        # than have __init__ walk the tables again (this is the readers' and generators' path).
        report = object.__new__(cls)
        for name, value in (
            ("meta", meta),
            ("sections", sections),
            ("t2", tables["t2"]),
            ("t3", tables["t3"]),
            ("t4", tables["t4"]),
            ("provenance", provenance),
            ("_flat", flat),
        ):
            object.__setattr__(report, name, value)
        return report

    def with_cells(self, cells: Mapping[CellPath, CellInput]) -> Self:
        """Return a copy with some cells replaced.

        >>> r = Report.from_cells({}).with_cells({"t2.admin_fees.amount": "3.30"})
        >>> r.t2.admin_fees.amount
        Cell(Decimal('3.30'))

        Raises:
            UnknownPathError: for a path that is not one of the 200.
            InvalidCellError: for a value the cell cannot hold, naming the path.
        """
        return self._from_flat(
            _flat_with(self._flat, cells),
            meta=self.meta,
            sections=self.sections,
            provenance=self.provenance,
        )

    def section(self, which: int | str) -> Section:
        """Return a section by number (1–6) or key (``"other"``)."""
        number = which if isinstance(which, int) else SECTION_KEYS.index(which) + 1
        return self.sections[number - 1]

    def with_section(
        self,
        which: int | str,
        *,
        text: str | None = None,
        heading: str | Literal[False] | None = False,
    ) -> Self:
        """Return a copy with one section's text and/or heading replaced.

        ``heading=False`` (the default) keeps the heading; ``None`` removes it.
        """
        old = self.section(which)
        new = attrs.evolve(
            old,
            text=old.text if text is None else text,
            heading=old.heading if heading is False else heading,
        )
        sections = tuple(new if s.number == old.number else s for s in self.sections)
        return self._from_flat(
            self._flat, meta=self.meta, sections=sections, provenance=self.provenance
        )


def _check_flat(flat: tuple[Cell, ...]) -> None:
    """Check that every cell is a Cell, every count an int or None, the fee a Decimal or None."""
    value_types = {type(cell.value) for cell in flat[:_AMOUNT_INDEX]}
    value_types.update(type(cell.value) for cell in flat[_AMOUNT_INDEX + 1 :])
    fee = flat[_AMOUNT_INDEX]
    if (
        value_types <= _COUNT_TYPES
        and type(fee) is Cell
        and type(fee.value) in _AMOUNT_TYPES
        and all(type(cell) is Cell for cell in flat)
    ):
        return
    for index, cell in enumerate(flat):  # the slow path names the first bad cell
        if type(cell) is not Cell:
            raise InvalidCellError(CELL_PATHS[index], "a Cell", cell)
        value = cell.value
        if index == _AMOUNT_INDEX:
            if value is not None and not isinstance(value, Decimal):
                raise InvalidCellError(
                    CELL_PATHS[index], "a Decimal amount in 万元 or None", value
                )
        elif value is not None and not isinstance(value, int):
            raise InvalidCellError(CELL_PATHS[index], "a count (int ≥ 0) or None", value)


def _to_cell(path: str, value: CellInput) -> Cell:
    spec = cell_spec(path)
    amount = spec.kind == "amount"
    try:
        if isinstance(value, Cell):
            return value
        if value is None:
            return _ABSENT
        if isinstance(value, str):
            return Cell.parse(value, amount=amount)
        if isinstance(value, bool):
            raise InvalidCellError(path, "a count (int ≥ 0)", value)
        if amount and isinstance(value, int):
            return Cell(Decimal(value))
        if isinstance(value, int):
            return Cell.count(value)
        if isinstance(value, Decimal):
            return Cell(value)
    except InvalidCellError as exc:
        raise InvalidCellError(path, exc.expected, exc.got) from None
    raise InvalidCellError(path, "a Cell, int, Decimal, str or None", value)


def _flat_with(flat: tuple[Cell, ...], cells: Mapping[CellPath, CellInput]) -> tuple[Cell, ...]:
    if not cells:
        return flat
    new = list(flat)
    for path, value in cells.items():
        if path not in CELL_SPECS:
            cell_spec(path)  # raises UnknownPathError with suggestions
            raise UnknownPathError(path)  # pragma: no cover
        new[CELL_SPECS[path].index] = _to_cell(path, value)
    return tuple(new)
