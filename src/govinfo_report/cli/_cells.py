"""``govinfo-report cells``: the 200 cells of one report as JSON."""

from __future__ import annotations

import argparse
import sys

from govinfo_report.cli._common import cells_json
from govinfo_report.codecs import load, reader_formats

__all__ = ["register"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``cells`` subcommand."""
    parser = sub.add_parser(
        "cells",
        help="print the 200 canonical cells of a report as one JSON object",
        description=(
            "Print one JSON object with exactly the 200 canonical cell paths in canonical "
            "order (t2.regulations.issued … t4.suit_after_review.total). Each value is an "
            "int, a decimal string for the 万元 fee (t2.admin_fees.amount), or null when "
            "the text gives no number (blank, '/', not a number, or absent)."
        ),
    )
    parser.add_argument(
        "file", metavar="FILE", help="the report (format detected from its content)"
    )
    parser.add_argument(
        "--lenient",
        action="store_true",
        help="read what can be read (cut-off or damaged text); diagnostics go to stderr",
    )
    parser.add_argument(
        "--from",
        dest="source_format",
        choices=reader_formats(),
        help="force a reader instead of detecting the format",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the cells of ``args.file``."""
    report = load(args.file, format=args.source_format, lenient=args.lenient)
    if args.lenient and report.provenance is not None:
        for diagnostic in report.provenance.diagnostics:
            print(f"{args.file}: {diagnostic}", file=sys.stderr)
    print(cells_json(report))
    return 0
