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

import typing
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Final

import cattrs
from cattrs.gen import make_dict_structure_fn

from govinfo_report.codecs._field_errors import ItemErrors, MismatchError
from govinfo_report.codecs._json_cells import AMOUNT_TEXT, encode_cell
from govinfo_report.codecs._json_report import structure_report, unstructure_report
from govinfo_report.schema import (
    Cell,
    Diagnostic,
    Provenance,
    Report,
    ReportMeta,
    Section,
    Severity,
)

__all__ = ["make_converter"]

# -- strict leaf hooks -----------------------------------------------------------


def _structure_int(value: object, _type: object) -> int:
    if type(value) is int:
        return value
    raise MismatchError("an integer", value)


def _structure_str(value: object, _type: object) -> str:
    if type(value) is str:
        return value
    raise MismatchError("a string", value)


_SEVERITIES: Final = {s.value: s for s in Severity}


def _structure_severity(value: object, _type: object) -> Severity:
    if type(value) is str and value in _SEVERITIES:
        return _SEVERITIES[value]
    raise MismatchError(f"one of {', '.join(map(repr, _SEVERITIES))}", value)


def _structure_decimal(value: object, _type: object) -> Decimal:
    if type(value) is str and AMOUNT_TEXT.fullmatch(value):
        return Decimal(value)
    raise MismatchError('a decimal string such as "3.30"', value)


def _unstructure_decimal(value: Decimal) -> str:
    return str(value)


def _is_homogeneous_tuple(cls: object) -> bool:
    args = typing.get_args(cls)
    return typing.get_origin(cls) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_hook(cls: object, converter: cattrs.Converter) -> Callable[[object, object], object]:
    item = typing.get_args(cls)[0]
    structure_item = converter.get_structure_hook(item)

    def structure(value: object, _type: object) -> tuple[object, ...]:
        if type(value) is not list:
            raise MismatchError("a list", value)
        out: list[object] = []
        errors: list[tuple[int, Exception]] = []
        for index, element in enumerate(value):
            try:
                out.append(structure_item(element, item))
            except Exception as exc:
                errors.append((index, exc))
        if errors:
            raise ItemErrors(errors)
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
            raise MismatchError(f"an object ({name})", value)
        return structure(value, type_)

    return hook


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
