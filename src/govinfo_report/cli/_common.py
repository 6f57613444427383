"""Helpers shared by the subcommands."""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from typing import TYPE_CHECKING

from govinfo_report.codecs import load, reader_formats
from govinfo_report.exceptions import excerpt

if TYPE_CHECKING:
    from govinfo_report.schema import Report

__all__ = ["add_reading_arguments", "cells_json", "jsonable_value", "read_report"]


DIAGNOSTIC_LENGTH = 1000
"""The most characters of one diagnostic printed on stderr (longer ones are cut in the middle)."""


def _size(text: str) -> int:
    """``--max-bytes`` value: bytes, or with a unit (``64M``, ``1G``, ``500k``)."""
    units = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30}
    raw = text.strip().lower().removesuffix("b").removesuffix("i")
    scale = units.get(raw[-1:], 1)
    digits = raw[:-1] if raw[-1:] in units else raw
    if not digits.isascii() or not digits.isdigit() or int(digits) * scale <= 0:
        msg = f"{text!r}: expected a size in bytes > 0, such as 64M or 1G"
        raise argparse.ArgumentTypeError(msg)
    return int(digits) * scale


def add_reading_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``--lenient``, ``--from`` and ``--max-bytes``, the options every command that reads takes."""
    parser.add_argument(
        "--lenient",
        action="store_true",
        help="read what can be read of damaged or cut-off text (what is missing stays absent); "
        "diagnostics go to stderr",
    )
    parser.add_argument(
        "--from",
        dest="source_format",
        choices=reader_formats(),
        help="force a reader instead of detecting the format",
    )
    parser.add_argument(
        "--max-bytes",
        type=_size,
        metavar="SIZE",
        help="read inputs up to SIZE (bytes, or 64M, 1G …) instead of the reader's own "
        "limit (16M; 8M for HTML, 4M for glued text, 64M for JSON)",
    )


def read_report(args: argparse.Namespace, path: str) -> Report:
    """Read *path* as the reading options ask; in lenient mode, print the diagnostics on stderr."""
    report = load(
        path,
        format=args.source_format,
        lenient=args.lenient,
        max_bytes=getattr(args, "max_bytes", None),
    )
    if args.lenient and report.provenance is not None:
        for diagnostic in report.provenance.diagnostics:
            print(f"{path}: {excerpt(str(diagnostic), DIAGNOSTIC_LENGTH)}", file=sys.stderr)
    return report


def jsonable_value(value: int | Decimal | None) -> int | str | None:
    """Return a cell value as JSON wants it: int, decimal string, or ``None``."""
    if isinstance(value, Decimal):
        return str(value)
    return value


def cells_json(report: Report) -> str:
    """Return the 200 canonical paths → value as one JSON object, in canonical order."""
    data = {path: jsonable_value(value) for path, value in report.cells().items()}
    return json.dumps(data, ensure_ascii=False, indent=2)
