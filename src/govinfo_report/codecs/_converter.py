"""The library's own cattrs converter: a report as JSON-ready data and back.

:func:`make_converter` returns a fresh :class:`cattrs.Converter` (never
cattrs' global one) that turns a :class:`~govinfo_report.schema.Report` into
plain data (dicts, lists, strings, ints, ``None``) and back, without losing
anything the model holds:

.. code-block:: text

    {
      "schema_version": 1,
      "meta": {"title": …, "agency": …, "year": …, "format_version": "2021", "preamble": …},
      "sections": [{"number": 1, "heading": "一、总体情况", "text": "…"}, … six in all],
      "cells": {"t2.regulations.issued": 0, … all 200 canonical paths in canonical order},
      "provenance": {"source": …, "format": …, "diagnostics": [...]}      (optional)
    }

A cell is written in its shortest lossless form:

* ``26`` — a count printed exactly ``26``;
* ``"3.30"`` — the 万元 amount printed exactly ``3.30`` (a string, so its
  digits survive: never a float);
* ``null`` — a cell the text does not give (absent);
* ``{"value": 2731, "printed": "[bookmark: OLE_LINK1]2731"}`` — anything
  else: a number printed with extra text, a blank (``{"value": null,
  "printed": ""}``), a marker (``"printed": "/"``) or text kept as printed.

Structuring is strict (no ``"26"`` for a count, no ``3.3`` for the amount,
no unknown keys) and collects *every* bad field before it raises one
:class:`~govinfo_report.exceptions.StructureError`, whose
:meth:`~govinfo_report.exceptions.StructureError.messages` read like
``expected a count, got '六' @ $.cells["t3.new_received.natural_person"]``.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import re
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Final, TypeAlias

import attrs
import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError
from cattrs.gen import make_dict_structure_fn

from govinfo_report.exceptions import GovinfoReportError, StructureError, UnknownPathError
from govinfo_report.schema import (
    CELL_PATHS,
    CELL_SPECS,
    SECTION_HEADINGS,
    Cell,
    Diagnostic,
    Provenance,
    Report,
    ReportMeta,
    Section,
    Severity,
    cell_spec,
)

__all__ = [
    "SCHEMA_VERSION",
    "AmountData",
    "CellData",
    "FieldError",
    "cell_where",
    "decode_cell",
    "encode_cell",
    "make_converter",
    "structure_report",
    "unstructure_report",
]

SCHEMA_VERSION: Final = 1
"""The version of the JSON layout written by this library (``"schema_version"``)."""

CellData: TypeAlias = int | str | dict[str, object] | None
"""One cell as JSON data: ``26``, ``"3.30"``, ``null`` or ``{"value": …, "printed": …}``."""

AmountData: TypeAlias = str
"""The 万元 amount as JSON data: its decimal digits as printed (``"4068.208"``)."""

_AMOUNT_TEXT: Final = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
"""The decimal strings accepted for the amount (what ``str(Decimal)`` writes)."""

AMOUNT_PATTERN: Final = f"^{_AMOUNT_TEXT.pattern}$"
"""The same, as a JSON Schema ``pattern``."""

_T = typing.TypeVar("_T")
_ABSENT: Final = Cell()
_NO_VALUE: Final = object()
_CELL_KEYS: Final = frozenset({"value", "printed"})
_TOP_KEYS: Final = ("schema_version", "meta", "sections", "cells", "provenance")
_AMOUNT_FLAGS: Final = tuple(spec.kind == "amount" for spec in CELL_SPECS.values())
_SMALL_COUNTS: Final = tuple(Cell.count(n) for n in range(4096))
"""Shared cells for the counts 0–4095 (cells are immutable)."""


class FieldError(GovinfoReportError, ValueError):
    """One field of JSON data that cannot become part of a report.

    :class:`~govinfo_report.exceptions.StructureError` groups these; its
    ``messages()`` are their ``str()``:
    ``expected a count, got '六' @ $.cells["t3.new_received.natural_person"]``.

    Attributes:
        where: A JSONPath-like location (``$.meta.year``,
            ``$.cells["t3.granted.total"]``, ``$.sections[2].heading``).
        detail: What was expected (``expected a count``) or what is wrong
            (``unknown key 'foo'``).
        got: The value found, or ``None`` when the problem is a missing or
            extra key (see :attr:`has_got`).
        has_got: ``True`` when :attr:`got` is a value that was found.
        path: The canonical cell path when the field is a cell.

    .. versionadded:: 0.1.0
    """

    def __init__(
        self,
        where: str,
        detail: str,
        got: object = _NO_VALUE,
        *,
        path: str | None = None,
    ) -> None:
        self.where = where
        self.detail = detail
        self.has_got = got is not _NO_VALUE
        self.got = got if self.has_got else None
        self.path = path
        if self.has_got:
            super().__init__(f"{detail}, got {_short_repr(got)} @ {where}")
        else:
            super().__init__(f"{detail} @ {where}")


class _MismatchError(TypeError):
    """Raised by the strict leaf hooks; turned into a :class:`FieldError` with its location."""

    def __init__(self, expected: str, got: object) -> None:
        self.expected = expected
        self.got = got
        super().__init__(f"expected {expected}, got {_short_repr(got)}")


def _short_repr(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:76] + " …" + text[-1]


def cell_where(path: str) -> str:
    """Return the location of a cell in the JSON: ``$.cells["t3.granted.total"]``."""
    return f'$.cells["{path}"]'


# -- cells ---------------------------------------------------------------------


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
        return _ABSENT
    if type(data) is dict:
        return _decode_cell_object(data, where, path, amount=amount)
    return Cell(_decode_value(data, where, path, amount=amount))


def _decode_value(data: object, where: str, path: str, *, amount: bool) -> int | Decimal:
    if amount:
        if type(data) is str and _AMOUNT_TEXT.fullmatch(data):
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
        return _lenient_cell(raw, amount=amount) if lenient else _ABSENT


def _decode_cells(data: object, errors: list[FieldError], *, lenient: bool) -> tuple[Cell, ...]:
    if type(data) is not dict:
        errors.append(FieldError("$.cells", "expected an object of the 200 cell paths", data))
        return (_ABSENT,) * len(CELL_PATHS)
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
                append(_ABSENT)
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
            append(_ABSENT)
            continue
        found += 1
        raw = data[path]
        if raw is None:
            append(_ABSENT)
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
    return _ABSENT


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


# -- strict leaf hooks -----------------------------------------------------------


def _structure_int(value: object, _type: object) -> int:
    if type(value) is int:
        return value
    raise _MismatchError("an integer", value)


def _structure_str(value: object, _type: object) -> str:
    if type(value) is str:
        return value
    raise _MismatchError("a string", value)


_SEVERITIES: Final = {s.value: s for s in Severity}


def _structure_severity(value: object, _type: object) -> Severity:
    if type(value) is str and value in _SEVERITIES:
        return _SEVERITIES[value]
    raise _MismatchError(f"one of {', '.join(map(repr, _SEVERITIES))}", value)


def _structure_decimal(value: object, _type: object) -> Decimal:
    if type(value) is str and _AMOUNT_TEXT.fullmatch(value):
        return Decimal(value)
    raise _MismatchError('a decimal string such as "3.30"', value)


def _unstructure_decimal(value: Decimal) -> str:
    return str(value)


def _is_homogeneous_tuple(cls: object) -> bool:
    args = typing.get_args(cls)
    return typing.get_origin(cls) is tuple and len(args) == 2 and args[1] is Ellipsis


class _ItemErrors(Exception):  # noqa: N818 - internal carrier, never escapes this module
    """Raised by the list hook: the failing items of a list, by index."""

    def __init__(self, errors: list[tuple[int, Exception]]) -> None:
        self.errors = errors
        super().__init__(f"{len(errors)} bad items")


def _tuple_hook(cls: object, converter: cattrs.Converter) -> Callable[[object, object], object]:
    item = typing.get_args(cls)[0]
    structure_item = converter.get_structure_hook(item)

    def structure(value: object, _type: object) -> tuple[object, ...]:
        if type(value) is not list:
            raise _MismatchError("a list", value)
        out: list[object] = []
        errors: list[tuple[int, Exception]] = []
        for index, element in enumerate(value):
            try:
                out.append(structure_item(element, item))
            except Exception as exc:
                errors.append((index, exc))
        if errors:
            raise _ItemErrors(errors)
        return tuple(out)

    return structure


def _mapping_first(
    cls: type[object], structure: Callable[[Mapping[str, object], object], object]
) -> Callable[[object, object], object]:
    name = {
        ReportMeta: "the report's metadata",
        Section: "a section",
        Diagnostic: "a diagnostic",
        Provenance: "the provenance",
    }.get(cls, cls.__name__)

    def hook(value: object, type_: object) -> object:
        if type(value) is not dict:
            raise _MismatchError(f"an object ({name})", value)
        return structure(value, type_)

    return hook


def _field_errors(exc: BaseException, where: str) -> list[FieldError]:
    """Turn what cattrs raised into located :class:`FieldError` s (in document order)."""
    if isinstance(exc, FieldError):
        return [exc]
    if isinstance(exc, _MismatchError):
        return [FieldError(where, f"expected {exc.expected}", exc.got)]
    if isinstance(exc, ForbiddenExtraKeysError):
        return [FieldError(where, f"unknown key {key!r}") for key in sorted(exc.extra_fields)]
    if isinstance(exc, ClassValidationError):
        out: list[FieldError] = []
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            out.extend(_field_errors(sub, f"{where}.{note.name}"))
        for sub in without:
            out.extend(_field_errors(sub, where))
        return out
    if isinstance(exc, _ItemErrors):
        out = []
        for index, sub in exc.errors:
            out.extend(_field_errors(sub, f"{where}[{index}]"))
        return out
    if isinstance(exc, IterableValidationError):  # pragma: no cover - lists use _tuple_hook
        out = []
        for sub in exc.exceptions:
            out.extend(_field_errors(sub, f"{where}[?]"))
        return out
    if isinstance(exc, KeyError):
        return [FieldError(where, "missing required key")]
    return [FieldError(where, str(exc))]


# -- the converter ----------------------------------------------------------------


def make_converter() -> cattrs.Converter:
    """Return a new converter for reports (the library's own, never cattrs' global one).

    ``converter.unstructure(report)`` gives the JSON-ready data described in
    the module docs; ``converter.structure(data, Report)`` reads it back
    strictly and raises :class:`~govinfo_report.exceptions.StructureError`
    listing every bad field.  Metadata, sections and provenance use hooks
    that cattrs generates from the attrs classes; integers, strings and
    severities are strict (``"2024"`` is not a year).

    >>> conv = make_converter()
    >>> data = conv.unstructure(Report.from_cells({"t3.new_received.total": 26}))
    >>> data["schema_version"], data["cells"]["t3.new_received.total"]
    (1, 26)
    >>> conv.structure(data, Report).t3.new_received.total
    Cell(26)

    Returns:
        A :class:`cattrs.Converter` that knows :class:`Report`.

    .. versionadded:: 0.1.0
    """
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(Severity, _structure_severity)
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_unstructure_hook(Decimal, _unstructure_decimal)
    conv.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_hook)
    for cls in (Diagnostic, Provenance, ReportMeta, Section):
        conv.register_structure_hook(cls, _mapping_first(cls, make_dict_structure_fn(cls, conv)))
    conv.register_unstructure_hook(Cell, encode_cell)

    def unstructure(report: Report) -> dict[str, object]:
        return unstructure_report(report, conv)

    def structure(data: object, _type: object) -> Report:
        return structure_report(data, conv)

    conv.register_unstructure_hook(Report, unstructure)
    conv.register_structure_hook(Report, structure)
    return conv


def unstructure_report(
    report: Report, converter: cattrs.Converter, *, provenance: bool = True
) -> dict[str, object]:
    """Return *report* as JSON-ready data, keys in a fixed order.

    Args:
        report: The report.
        converter: A converter from :func:`make_converter`.
        provenance: Include ``"provenance"`` when the report has one.

    .. versionadded:: 0.1.0
    """
    data: dict[str, object] = {
        "schema_version": SCHEMA_VERSION,
        "meta": converter.unstructure(report.meta),
        "sections": [converter.unstructure(s) for s in report.sections],
        "cells": dict(zip(CELL_PATHS, map(encode_cell, report.flat_cells), strict=True)),
    }
    if provenance and report.provenance is not None:
        data["provenance"] = converter.unstructure(report.provenance)
    return data


def _check_version(data: dict[str, object], source: str | None) -> None:
    prefix = f"{source}: " if source else ""
    if "schema_version" not in data:
        raise StructureError(
            f"{prefix}not a govinfo-report JSON document",
            [FieldError("$", f'missing key "schema_version" (expected {SCHEMA_VERSION})')],
        )
    version = data["schema_version"]
    if type(version) is int and version > SCHEMA_VERSION:
        raise StructureError(
            f"{prefix}schema_version {version} is newer than this library reads",
            [
                FieldError(
                    "$.schema_version",
                    f"schema_version {version} is newer than this version of "
                    f"govinfo-report can read (it reads {SCHEMA_VERSION}); "
                    "upgrade govinfo-report",
                )
            ],
        )
    if type(version) is not int or version != SCHEMA_VERSION:
        raise StructureError(
            f"{prefix}unknown schema_version",
            [FieldError("$.schema_version", f"expected schema_version {SCHEMA_VERSION}", version)],
        )


def _structure_part(
    conv: cattrs.Converter,
    data: object,
    cls: type[_T],
    where: str,
    errors: list[FieldError],
    *,
    lenient: bool,
) -> _T | None:
    try:
        return conv.structure(data, cls)
    except Exception as exc:  # every cattrs failure becomes a FieldError
        found = _field_errors(exc, where)
        errors.extend(found)
        if not lenient or type(data) is not dict:
            return None
    # Lenient: drop the bad keys and try again with the class defaults.
    bad = {e.where[len(where) + 1 :].split(".")[0].split("[")[0] for e in found}
    kept = {k: v for k, v in data.items() if k not in bad and k in _init_fields(cls)}
    try:
        return conv.structure(kept, cls)
    except Exception:  # a required field is bad: nothing usable
        return None


def _init_fields(cls: type[object]) -> frozenset[str]:
    """Return the names of the init fields of an attrs class."""
    import attrs

    return frozenset(a.name for a in attrs.fields(cls) if a.init)  # type: ignore[arg-type]


def _structure_sections(
    conv: cattrs.Converter, data: object, errors: list[FieldError], *, lenient: bool
) -> tuple[Section, ...]:
    sections = [Section(n) for n in range(1, 7)]
    if type(data) is not list:
        errors.append(FieldError("$.sections", "expected a list of the six sections", data))
        return tuple(sections)
    if len(data) != len(SECTION_HEADINGS):
        errors.append(
            FieldError(
                "$.sections",
                f"expected the six sections 1–6 in order, got {len(data)} sections",
            )
        )
    for index, item in enumerate(data[: len(SECTION_HEADINGS)]):
        where = f"$.sections[{index}]"
        if type(item) is dict and item.get("number") != index + 1:
            errors.append(
                FieldError(
                    f"{where}.number", f"expected section number {index + 1}", item.get("number")
                )
            )
            if not lenient:
                continue
        if type(item) is dict and lenient:
            item_data: object = {**item, "number": index + 1}
        else:
            item_data = item
        section = _structure_part(conv, item_data, Section, where, errors, lenient=lenient)
        if section is not None:
            sections[index] = section
    return tuple(sections)


def structure_report(
    data: object,
    converter: cattrs.Converter,
    *,
    lenient: bool = False,
    source: str | None = None,
    source_format: str = "json",
) -> Report:
    """Build a report from JSON data, collecting every bad field.

    Args:
        data: What :func:`json.loads` returned.
        converter: A converter from :func:`make_converter`.
        lenient: Keep what can be read instead of raising: a bad cell given
            as a string is read as printed (:meth:`Cell.parse`), any other bad
            cell is absent, a bad metadata or section field takes its default;
            each problem becomes a diagnostic in ``report.provenance``.
        source: A name for messages (usually the file name).
        source_format: The format name recorded in the provenance.

    Returns:
        The report.  Its provenance is the one stored in the data (where the
        report was first read from) or, when there is none,
        ``Provenance(source, "json")``; problems a lenient read noticed are
        appended to its diagnostics.  When *source* is given and differs
        from the stored source, the provenance names *source* (the file
        read) and *source_format*, and an ``info`` diagnostic
        ``json_origin`` names the stored source.

    Raises:
        StructureError: listing every field that cannot be read (strict
            mode), or for an unknown or newer ``schema_version`` (always).

    .. versionadded:: 0.1.0
    """
    prefix = f"{source}: " if source else ""
    if type(data) is not dict:
        raise StructureError(
            f"{prefix}not a govinfo-report JSON document",
            [FieldError("$", "expected a JSON object with schema_version 1", data)],
        )
    _check_version(data, source)
    errors: list[FieldError] = [
        FieldError("$", f"unknown key {key!r}") for key in data if key not in _TOP_KEYS
    ]
    errors.extend(
        FieldError("$", f"missing key {key!r}")
        for key in ("meta", "sections", "cells")
        if key not in data
    )
    flat = (
        _decode_cells(data["cells"], errors, lenient=lenient)
        if "cells" in data
        else (_ABSENT,) * len(CELL_PATHS)
    )
    meta = ReportMeta()
    if "meta" in data:
        meta = (
            _structure_part(converter, data["meta"], ReportMeta, "$.meta", errors, lenient=lenient)
            or meta
        )
    sections = (
        _structure_sections(converter, data["sections"], errors, lenient=lenient)
        if "sections" in data
        else tuple(Section(n) for n in range(1, 7))
    )
    stored: Provenance | None = None
    if "provenance" in data and data["provenance"] is not None:
        stored = _structure_part(
            converter, data["provenance"], Provenance, "$.provenance", errors, lenient=lenient
        )
    if errors and not lenient:
        errors.sort(key=_document_order)
        raise StructureError(f"{prefix}cannot read the report: {_summary(errors)}", errors)
    noticed = tuple(
        Diagnostic(
            "json_field",
            str(error),
            Severity.ERROR,
            path=error.path,
        )
        for error in sorted(errors, key=_document_order)
    )
    if stored is None:
        provenance = Provenance(source=source, format=source_format, diagnostics=noticed)
    elif source is None or source == stored.source:
        provenance = attrs.evolve(stored, diagnostics=stored.diagnostics + noticed)
    else:  # the source is the file read; say where the stored report came from
        origin = Diagnostic(
            "json_origin",
            f"written from {stored.source!r} ({stored.format or 'unknown'} reader); "
            "the lines of its cells and diagnostics are that file's",
            Severity.INFO,
        )
        provenance = attrs.evolve(
            stored,
            source=source,
            format=source_format,
            diagnostics=(origin, *stored.diagnostics, *noticed),
        )
    return Report.from_flat(flat, meta=meta, sections=sections, provenance=provenance)


_SHOWN_IN_SUMMARY: Final = 3


def _summary(errors: list[FieldError]) -> str:
    """``2 fields cannot be read: expected … @ …; expected … @ …`` (the first few in full)."""
    count = f"{len(errors)} field{'s' if len(errors) > 1 else ''} cannot be read"
    shown = "; ".join(str(e) for e in errors[:_SHOWN_IN_SUMMARY])
    more = len(errors) - _SHOWN_IN_SUMMARY
    return f"{count}: {shown}" + (f"; and {more} more" if more > 0 else "")


_PART_ORDER: Final = {"$.schema_version": 0, "$.meta": 1, "$.sections": 2, "$.cells": 3}


def _document_order(error: FieldError) -> tuple[int, int, str]:
    """Sort errors as the fields are written: meta, sections, cells (canonical order), provenance."""
    where = error.where
    part = next((rank for key, rank in _PART_ORDER.items() if where.startswith(key)), 4)
    if where == "$":
        part = -1
    index = CELL_SPECS[error.path].index if error.path in CELL_SPECS else -1
    return (part, index, where)
