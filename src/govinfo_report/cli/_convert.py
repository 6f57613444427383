"""``govinfo-report convert``: one format to another."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from govinfo_report.codecs import dumps, load, reader_formats, writer_formats

__all__ = ["register"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``convert`` subcommand."""
    parser = sub.add_parser(
        "convert",
        help="convert a report to another format",
        description="Read a report (format detected from its content) and write it in another format.",
    )
    parser.add_argument("file", metavar="FILE", help="the report to read")
    parser.add_argument(
        "--to", required=True, choices=writer_formats(), help="the format to write"
    )
    parser.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of stdout")
    parser.add_argument(
        "--from",
        dest="source_format",
        choices=reader_formats(),
        help="force a reader instead of detecting the format",
    )
    parser.add_argument(
        "--lenient",
        action="store_true",
        help="read what can be read; diagnostics go to stderr",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Convert ``args.file``."""
    report = load(args.file, format=args.source_format, lenient=args.lenient)
    if args.lenient and report.provenance is not None:
        for diagnostic in report.provenance.diagnostics:
            print(f"{args.file}: {diagnostic}", file=sys.stderr)
    text = dumps(report, format=args.to)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0
