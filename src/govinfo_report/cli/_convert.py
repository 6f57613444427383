"""``govinfo-report convert``: one format to another."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from govinfo_report.cli._common import add_reading_arguments, read_report
from govinfo_report.codecs import dumps, writer_formats

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
    add_reading_arguments(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Convert ``args.file``; a binary format (``docx``) is written as bytes."""
    text = dumps(read_report(args, args.file), format=args.to)
    if isinstance(text, bytes):
        if args.output:
            Path(args.output).write_bytes(text)
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
            sys.stdout.buffer.flush()
    elif args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0
