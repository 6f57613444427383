"""A report as JSON-ready data and back: the layout of the document, every bad field collected.

:func:`structure_report` reads the parts of a document (metadata, sections,
cells, provenance) with a converter from
:func:`~govinfo_report.codecs._converter.make_converter`, collects every
field that cannot be read and raises them together (or, lenient, keeps
what it can with a diagnostic for each).
"""

from __future__ import annotations

import typing
from typing import Final

import attrs
import cattrs

from govinfo_report.codecs._field_errors import FieldError, field_errors
from govinfo_report.codecs._json_cells import ABSENT, decode_cells, encode_cell
from govinfo_report.exceptions import StructureError
from govinfo_report.schema import (
    CELL_PATHS,
    CELL_SPECS,
    SECTION_HEADINGS,
    Diagnostic,
    Provenance,
    Report,
    ReportMeta,
    Section,
    Severity,
)

__all__ = ["SCHEMA_VERSION", "structure_report", "unstructure_report"]

SCHEMA_VERSION: Final = 1
"""The version of the JSON layout written by this library (``"schema_version"``)."""

_T = typing.TypeVar("_T")
_TOP_KEYS: Final = ("schema_version", "meta", "sections", "cells", "provenance")


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
        found = field_errors(exc, where)
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
        decode_cells(data["cells"], errors, lenient=lenient)
        if "cells" in data
        else (ABSENT,) * len(CELL_PATHS)
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
