"""``govinfo-report cells``: the 200 cells of one report as JSON."""

from __future__ import annotations

import argparse

from govinfo_report.cli._common import add_reading_arguments, cells_json, read_report

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
    add_reading_arguments(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the cells of ``args.file``."""
    print(cells_json(read_report(args, args.file)))
    return 0
