"""``govinfo-report cells``: the 200 cells of one report as JSON, or of many as JSON lines."""

from __future__ import annotations

import argparse
import json
import sys

import attrs

from govinfo_report.cli._common import add_reading_arguments, cells_json, jsonable_value
from govinfo_report.cli._inputs import (
    INPUT_HELP,
    Item,
    ReadOptions,
    add_jobs_arguments,
    read_inputs,
    read_single,
    run_many,
)

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
            "the text gives no number (blank, '/', not a number, or absent). For many "
            'reports, one JSON object a line: {"file": …, "cells": {…}} (JSON lines holding '
            "several reports give one a report, its file named FILE:LINE); a report that "
            "cannot be read is a line on stderr and exit status 2."
        ),
    )
    parser.add_argument("files", nargs="+", metavar="PATH", help=INPUT_HELP)
    add_reading_arguments(parser)
    add_jobs_arguments(parser)
    parser.set_defaults(run=run)


@attrs.frozen
class _Line:
    text: str | None
    error: str | None = None


def _cells_lines(item: Item, options: ReadOptions) -> list[_Line]:
    """The cells of each report of a file as a JSON line (run in the workers)."""
    lines: list[_Line] = []
    for name, report, error in options.read_each(item):
        if report is None:
            lines.append(_Line(None, error))
            continue
        data = {path: jsonable_value(value) for path, value in report.cells().items()}
        lines.append(_Line(json.dumps({"file": name, "cells": data}, ensure_ascii=False)))
    return lines


def run(args: argparse.Namespace) -> int:
    """Print the cells of each report."""
    inputs = read_inputs(args.files)
    if inputs.single:
        print(cells_json(read_single(args, inputs)))
        return 0
    options = ReadOptions.from_args(args)
    status = 0
    for lines in run_many(_cells_lines, inputs, options, args):
        for line in lines:
            if line.text is None:
                print(f"{line.error}", file=sys.stderr)
                status = 2
            else:
                sys.stdout.write(line.text + "\n")
    return status
