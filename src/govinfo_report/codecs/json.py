"""JSON: the lossless rendering of a report, with a ``schema_version``.

The layout (``schema_version`` 1) is described in
:mod:`govinfo_report.codecs._converter` and, as a JSON Schema document, by
:func:`json_schema` (committed as ``docs/report.schema.json``).  Output is
byte-identical on every machine: keys in a fixed order, the 200 cells in
canonical order, ``ensure_ascii=False``, a trailing newline.

>>> import govinfo_report as gr
>>> from govinfo_report.codecs import json as gr_json
>>> report = gr.Report.from_cells({"t2.admin_fees.amount": "3.30", "t3.granted.total": 9})
>>> text = gr_json.dumps(report)
>>> '"t2.admin_fees.amount": "3.30"' in text, text.endswith("}\\n")
(True, True)
>>> gr_json.loads(text) == report
True

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from govinfo_report.codecs import jsonl
from govinfo_report.codecs._converter import make_converter
from govinfo_report.codecs._field_errors import FieldError
from govinfo_report.codecs._json_cells import AMOUNT_PATTERN
from govinfo_report.codecs._json_report import SCHEMA_VERSION, structure_report
from govinfo_report.codecs._json_text import dumps, parse, shared_converter, unwrap
from govinfo_report.exceptions import ParseError
from govinfo_report.schema import CELL_PATHS, CELL_SPECS, SECTION_HEADINGS, Severity

if TYPE_CHECKING:
    from govinfo_report.schema import Report

__all__ = [
    "SCHEMA_VERSION",
    "FieldError",
    "dumps",
    "json_schema",
    "loads",
    "make_converter",
    "parse",
    "shared_converter",
    "unwrap",
]

SCHEMA_ID: Final = "https://govinfo-report.invalid/schema/report-1.schema.json"
"""The ``$id`` of the JSON Schema document (a name, not a download address)."""


def loads(text: str, *, lenient: bool = False, source: str | None = None) -> Report:
    """Read a report from JSON text written by :func:`dumps`.

    Args:
        text: The JSON text.
        lenient: Keep what can be read instead of raising on bad fields: a
            bad cell given as a string is read as printed, any other bad
            cell is absent, a bad metadata or section field takes its
            default; every problem becomes a diagnostic (code
            ``"json_field"``) in ``report.provenance``.  Invalid JSON and an
            unknown ``schema_version`` still raise.
        source: A name for messages (usually the file name).

    A line of JSON lines as ``generate`` prints it (``{"report": …,
    "expected_violations": […]}``) is read as its report, and JSON lines
    holding one report (:mod:`govinfo_report.codecs.jsonl`) as that report.

    Returns:
        The report.  Its provenance is the one stored in the JSON, with
        *source* as its source when given (the file read; the stored
        source is named in an ``info`` diagnostic ``json_origin``), or
        ``Provenance(source, "json")`` when there is none.

    Raises:
        ParseError: for text that is not JSON (with the line and column),
            with a key twice in one object, or with an integer of more
            digits than Python reads (``sys.get_int_max_str_digits()``).
        StructureError: for JSON that cannot become a report, listing every
            bad field (strict mode); for a missing, unknown or newer
            ``schema_version`` (always).

    .. versionadded:: 0.1.0
    """
    body = text.removeprefix("\ufeff")
    if not body.strip():
        raise ParseError("empty input", source=source, expected="a JSON object")
    try:
        data = parse(body, source=source)
    except ParseError as exc:
        if exc.detail.startswith("invalid JSON: extra data") and jsonl.looks_like_json_lines(body):
            return jsonl.loads(body, lenient=lenient, source=source)
        raise
    return structure_report(unwrap(data), shared_converter(), lenient=lenient, source=source)


# -- JSON Schema -------------------------------------------------------------------


def _nullable(schema: object) -> dict[str, object]:
    return {"anyOf": [schema, {"type": "null"}]}


def json_schema() -> dict[str, object]:
    """Return the JSON Schema (draft 2020-12) of the JSON that :func:`dumps` writes.

    Every one of the 200 cell paths is a required property, described by
    its official Chinese label and an English gloss.  The committed
    ``docs/report.schema.json`` is this document, written with
    ``json.dumps(json_schema(), ensure_ascii=False, indent=2)`` and a newline.

    >>> schema = json_schema()
    >>> len(schema["properties"]["cells"]["required"])
    200
    >>> schema["properties"]["cells"]["properties"]["t2.admin_fees.amount"]["$ref"]
    '#/$defs/amount'

    .. versionadded:: 0.1.0
    """
    count = {"type": "integer", "minimum": 0}
    amount = {"type": "string", "pattern": AMOUNT_PATTERN}
    text = {"type": "string"}
    cells = {
        path: {
            "$ref": f"#/$defs/{spec.kind}",
            "description": f"{spec.label} — {spec.label_en}",
        }
        for path, spec in CELL_SPECS.items()
    }
    sections = [
        {
            "type": "object",
            "description": heading,
            "properties": {"number": {"const": number}},
        }
        for number, heading in enumerate(SECTION_HEADINGS, start=1)
    ]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "政府信息公开工作年度报告 — govinfo-report JSON, schema_version 1",
        "description": (
            "A government information disclosure annual report in the format of "
            "国办公开办函〔2021〕30号: metadata, the six sections and the 200 cells of "
            "tables 二, 三 and 四 keyed by canonical path (SPEC §4), each keeping its "
            "value and its text as printed."
        ),
        "type": "object",
        "required": ["schema_version", "meta", "sections", "cells"],
        "additionalProperties": False,
        "properties": {
            "schema_version": {"const": SCHEMA_VERSION},
            "meta": {"$ref": "#/$defs/meta"},
            "sections": {
                "type": "array",
                "description": "The six sections in order: heading as printed and narrative.",
                "prefixItems": sections,
                "items": {"$ref": "#/$defs/section"},
                "minItems": 6,
                "maxItems": 6,
            },
            "cells": {
                "type": "object",
                "description": "All 200 cells by canonical path, in canonical order.",
                "required": list(CELL_SPECS),
                "additionalProperties": False,
                "properties": cells,
            },
            "provenance": {"anyOf": [{"$ref": "#/$defs/provenance"}, {"type": "null"}]},
        },
        "$defs": {
            "count": {
                "description": (
                    "A count of 件: an integer printed exactly as its digits; null when the "
                    "text does not give the cell; otherwise the value (or null) and the text "
                    "as printed (a blank, a marker such as '/', an annotation)."
                ),
                "anyOf": [
                    count,
                    {"type": "null"},
                    {
                        "type": "object",
                        "required": ["value", "printed"],
                        "additionalProperties": False,
                        "properties": {"value": _nullable(count), "printed": text},
                    },
                ],
            },
            "amount": {
                "description": (
                    "The 万元 amount: its decimal digits as a string (never a float, so "
                    "'3.30' stays '3.30'); null when the text does not give the cell; "
                    "otherwise the value (or null) and the text as printed."
                ),
                "anyOf": [
                    amount,
                    {"type": "null"},
                    {
                        "type": "object",
                        "required": ["value", "printed"],
                        "additionalProperties": False,
                        "properties": {"value": _nullable(amount), "printed": text},
                    },
                ],
            },
            "meta": {
                "type": "object",
                "description": "Front matter (every key optional; missing keys take the defaults).",
                "additionalProperties": False,
                "properties": {
                    "title": _nullable(text),
                    "agency": _nullable(text),
                    "year": _nullable({"type": "integer"}),
                    "format_version": text,
                    "preamble": text,
                },
            },
            "section": {
                "type": "object",
                "required": ["number"],
                "additionalProperties": False,
                "properties": {
                    "number": {"type": "integer", "minimum": 1, "maximum": 6},
                    "heading": _nullable(text),
                    "text": text,
                },
            },
            "provenance": {
                "type": "object",
                "description": "Where the report was read from (not part of its content).",
                "additionalProperties": False,
                "properties": {
                    "source": _nullable(text),
                    "format": _nullable(text),
                    "diagnostics": {"type": "array", "items": {"$ref": "#/$defs/diagnostic"}},
                    "cells": {
                        "type": "object",
                        "description": "Where cells were printed and which were inferred, by path.",
                        "propertyNames": {"enum": list(CELL_PATHS)},
                        "additionalProperties": {"$ref": "#/$defs/cell_origin"},
                    },
                    "reading": _nullable(text),
                },
            },
            "cell_origin": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "line": _nullable({"type": "integer", "minimum": 1}),
                    "page": _nullable({"type": "integer", "minimum": 1}),
                    "box": _nullable(
                        {
                            "type": "array",
                            "items": {"type": "number"},
                            "minItems": 4,
                            "maxItems": 4,
                        }
                    ),
                    "inferred_by": {"type": "array", "items": text},
                },
            },
            "diagnostic": {
                "type": "object",
                "required": ["code", "message"],
                "additionalProperties": False,
                "properties": {
                    "code": text,
                    "message": text,
                    "severity": {"enum": [s.value for s in Severity]},
                    "line": _nullable({"type": "integer"}),
                    "path": _nullable(text),
                    "candidates": {"type": "array", "items": {"type": "integer"}},
                },
            },
        },
    }
