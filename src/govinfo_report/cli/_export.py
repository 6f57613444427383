"""``govinfo-report export``: many reports as one table on disk (CSV, Parquet, JSON lines)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import attrs

from govinfo_report.cli._common import add_reading_arguments
from govinfo_report.cli._inputs import (
    INPUT_HELP,
    Item,
    ReadOptions,
    add_jobs_arguments,
    read_inputs,
    run_many,
)

if TYPE_CHECKING:
    from govinfo_report.frames import Shape

__all__ = ["register"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``export`` subcommand."""
    parser = sub.add_parser(
        "export",
        help="write many reports as one table (csv, parquet, jsonl) for research",
        description=(
            "Read every report and write one table to OUT, streamed in batches so that any "
            "number of reports fits: wide (one row per report: file, agency, year, format, "
            "the 200 cells, how each cell was read), long (one row per report and cell: "
            "path, value, printed text, how read) or violations (one row per broken rule "
            "instance: rule, severity, cells, lhs, rhs, diff). Needs the 'frames' extra. "
            "A file that cannot be read is a line on stderr and exit status 2."
        ),
    )
    parser.add_argument("files", nargs="+", metavar="PATH", help=INPUT_HELP)
    parser.add_argument(
        "--to", required=True, choices=("csv", "parquet", "jsonl"), help="the file format"
    )
    parser.add_argument("-o", "--output", required=True, metavar="OUT", help="the file to write")
    parser.add_argument(
        "--table",
        choices=("wide", "long", "violations"),
        default="wide",
        help="which table (default wide)",
    )
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="a progress bar on stderr (default: when stderr is a terminal)",
    )
    add_reading_arguments(parser)
    add_jobs_arguments(parser)
    parser.set_defaults(run=run)


@attrs.frozen
class _Job:
    options: ReadOptions
    shape: Shape


def _records(item: Item, job: _Job) -> tuple[list[dict[str, Any]], list[str]]:
    """The records of every report of one file (run in the workers), and why any cannot be read."""
    from govinfo_report.frames import records

    rows: list[dict[str, Any]] = []
    errors: list[str] = []
    for name, report, error in job.options.read_each(item):
        if report is None:
            errors.append(error or name)
        else:
            rows.extend(records(report, job.shape, file=name))
    return rows, errors


def run(args: argparse.Namespace) -> int:
    """Export the reports."""
    from govinfo_report.frames import schema, write_table

    schema(args.table)  # a missing extra is an error before any work
    inputs = read_inputs(args.files)
    job = _Job(ReadOptions.from_args(args), args.table)
    failed = False

    def groups() -> Iterator[list[dict[str, Any]]]:
        nonlocal failed
        for rows, errors in run_many(_records, inputs, job, args):
            for error in errors:
                print(error, file=sys.stderr)
                failed = True
            yield rows

    written = write_table(groups(), args.output, shape=args.table, to=args.to)
    print(f"{written:,} rows written to {args.output}", file=sys.stderr)
    return 2 if failed else 0
