"""Helpers shared by the subcommands."""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from typing import TYPE_CHECKING

from govinfo_report.codecs import load, reader_formats

if TYPE_CHECKING:
    from govinfo_report.schema import Report

__all__ = ["add_reading_arguments", "cells_json", "jsonable_value", "read_report"]


def add_reading_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``--lenient`` and ``--from``, the options every command that reads a report takes."""
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


def read_report(args: argparse.Namespace, path: str) -> Report:
    """Read *path* as the reading options ask; in lenient mode, print the diagnostics on stderr."""
    report = load(path, format=args.source_format, lenient=args.lenient)
    if args.lenient and report.provenance is not None:
        for diagnostic in report.provenance.diagnostics:
            print(f"{path}: {diagnostic}", file=sys.stderr)
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
