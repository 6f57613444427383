"""A cell as JSON data and back: its shortest lossless form, read strictly or leniently.

See :mod:`govinfo_report.codecs._converter` for the forms a cell takes
(``26``, ``"3.30"``, ``null``, ``{"value": …, "printed": …}``).
"""

from __future__ import annotations

import re
import typing
from decimal import Decimal
from typing import Final, TypeAlias

from govinfo_report.codecs._field_errors import FieldError, cell_where
from govinfo_report.exceptions import StructureError, UnknownPathError
from govinfo_report.schema import (
    CELL_PATHS,
    CELL_SPECS,
    Cell,
    cell_spec,
)

__all__ = [
    "ABSENT",
    "AMOUNT_PATTERN",
    "AMOUNT_TEXT",
    "AmountData",
    "CellData",
    "decode_cell",
    "decode_cells",
    "encode_cell",
]

CellData: TypeAlias = int | str | dict[str, object] | None
"""One cell as JSON data: ``26``, ``"3.30"``, ``null`` or ``{"value": …, "printed": …}``."""

AmountData: TypeAlias = str
"""The 万元 amount as JSON data: its decimal digits as printed (``"4068.208"``)."""

AMOUNT_TEXT: Final = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
"""The decimal strings accepted for the amount (what ``str(Decimal)`` writes)."""

AMOUNT_PATTERN: Final = f"^{AMOUNT_TEXT.pattern}$"
"""The same, as a JSON Schema ``pattern``."""

ABSENT: Final = Cell()
_CELL_KEYS: Final = frozenset({"value", "printed"})
_AMOUNT_FLAGS: Final = tuple(spec.kind == "amount" for spec in CELL_SPECS.values())
_SMALL_COUNTS: Final = tuple(Cell.count(n) for n in range(4096))
"""Shared cells for the counts 0–4095 (cells are immutable)."""


def encode_cell(cell: Cell) -> CellData:
    """Return the shortest lossless JSON form of *cell* (see the module docs).

    >>> from decimal import Decimal
    >>> encode_cell(Cell(26)), encode_cell(Cell(Decimal("3.30"))), encode_cell(Cell())
    (26, '3.30', None)
    >>> encode_cell(Cell(None, "/"))
    {'value': None, 'printed': '/'}
    """
    value = cell.value
    printed = cell.printed
    if value is None:
        return None if printed is None else {"value": None, "printed": printed}
    if isinstance(value, Decimal):
        text = str(value.copy_abs())  # only -0 carries a sign; it equals 0
        if printed == text:
            return text
        return {"value": text, "printed": printed}
    if printed == str(value):
        return int(value)
    return {"value": int(value), "printed": printed}


def decode_cell(data: object, path: str) -> Cell:
    """Return the cell that the JSON form *data* stands for at *path*.

    Args:
        data: ``26``, ``"3.30"`` (the amount only), ``None`` or
            ``{"value": …, "printed": …}``.
        path: The canonical cell path (decides count or amount).

    Raises:
        FieldError: naming the location, what was expected and what was found.
        UnknownPathError: for a path that is not one of the 200.
    """
    amount = cell_spec(path).kind == "amount"
    where = cell_where(path)
    if not amount and type(data) is int and data >= 0:
        return Cell.count(data)
    if data is None:
        return ABSENT
    if type(data) is dict:
        return _decode_cell_object(data, where, path, amount=amount)
    return Cell(_decode_value(data, where, path, amount=amount))


def _decode_value(data: object, where: str, path: str, *, amount: bool) -> int | Decimal:
    if amount:
        if type(data) is str and AMOUNT_TEXT.fullmatch(data):
            return Decimal(data)
        raise FieldError(
            where,
            'expected an amount in 万元 as a decimal string such as "3.30"',
            data,
            path=path,
        )
    if type(data) is int:
        if data >= 0:
            return data
        raise FieldError(where, "expected a count ≥ 0", data, path=path)
    raise FieldError(where, "expected a count", data, path=path)


def _decode_cell_object(data: dict[str, object], where: str, path: str, *, amount: bool) -> Cell:
    errors = [
        FieldError(where, f"unknown key {key!r} in a cell (only 'value' and 'printed')", path=path)
        for key in sorted(data.keys() - _CELL_KEYS)
    ]
    errors.extend(
        FieldError(f"{where}.{key}", "missing required key", path=path)
        for key in ("value", "printed")
        if key not in data
    )
    value: int | Decimal | None = None
    raw = data.get("value")
    if raw is not None:
        try:
            value = _decode_value(raw, f"{where}.value", path, amount=amount)
        except FieldError as exc:
            errors.append(exc)
    printed = data.get("printed")
    if "printed" in data and type(printed) is not str:
        errors.append(
            FieldError(
                f"{where}.printed", "expected the text as printed (a string)", printed, path=path
            )
        )
    if errors:
        if len(errors) == 1:
            raise errors[0]
        raise StructureError(f"bad cell at {where}", errors)
    return Cell(value, typing.cast("str", printed))


def _decode_other(
    raw: object, path: str, errors: list[FieldError], *, amount: bool, lenient: bool
) -> Cell:
    """Decode a cell that is not a small count or ``null`` (rare: off the fast path)."""
    try:
        return decode_cell(raw, path)
    except (FieldError, StructureError) as exc:
        errors.extend(_flatten(exc))
        return _lenient_cell(raw, amount=amount) if lenient else ABSENT


def decode_cells(data: object, errors: list[FieldError], *, lenient: bool) -> tuple[Cell, ...]:
    if type(data) is not dict:
        errors.append(FieldError("$.cells", "expected an object of the 200 cell paths", data))
        return (ABSENT,) * len(CELL_PATHS)
    small = _SMALL_COUNTS
    limit = len(small)
    flat: list[Cell] = []
    append = flat.append
    if len(data) == len(CELL_PATHS) and tuple(data) == CELL_PATHS:
        # The usual case (what dumps writes): every path once, in canonical order.
        for raw, path, amount in zip(data.values(), CELL_PATHS, _AMOUNT_FLAGS, strict=True):
            if type(raw) is int and 0 <= raw < limit and not amount:
                append(small[raw])
            elif raw is None:
                append(ABSENT)
            else:
                append(_decode_other(raw, path, errors, amount=amount, lenient=lenient))
        return tuple(flat)
    found = 0
    for path, amount in zip(CELL_PATHS, _AMOUNT_FLAGS, strict=True):
        if path not in data:
            errors.append(
                FieldError(
                    cell_where(path),
                    "missing cell (write null for a cell the report does not give)",
                    path=path,
                )
            )
            append(ABSENT)
            continue
        found += 1
        raw = data[path]
        if raw is None:
            append(ABSENT)
        else:
            append(_decode_other(raw, path, errors, amount=amount, lenient=lenient))
    if found != len(data):
        errors.extend(
            FieldError("$.cells", _unknown_path(key)) for key in data if key not in CELL_SPECS
        )
    return tuple(flat)


def _lenient_cell(raw: object, *, amount: bool) -> Cell:
    """What a lenient read keeps of a bad cell: a string is read as printed, anything else is absent."""
    if type(raw) is str:
        return Cell.parse(raw, amount=amount)
    if type(raw) is dict and type(raw.get("printed")) is str:
        return Cell.parse(typing.cast("str", raw["printed"]), amount=amount)
    return ABSENT


def _unknown_path(key: str) -> str:
    try:
        cell_spec(key)
    except UnknownPathError as exc:
        return str(exc)
    return f"unknown cell path {key!r}"  # pragma: no cover - key is not a path


def _flatten(exc: FieldError | StructureError) -> list[FieldError]:
    if isinstance(exc, FieldError):
        return [exc]
    out: list[FieldError] = []
    for sub in exc.exceptions:
        out.extend(_flatten(typing.cast("FieldError | StructureError", sub)))
    return out
