"""``govinfo-report convert``: one format to another, for one report or many."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path, PurePath

import attrs

from govinfo_report.cli._common import add_reading_arguments
from govinfo_report.cli._inputs import (
    INPUT_HELP,
    Item,
    ReadOptions,
    add_jobs_arguments,
    read_inputs,
    read_single,
    run_many,
)
from govinfo_report.codecs import FORMATS, dumps, writer_formats

__all__ = ["register"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``convert`` subcommand."""
    parser = sub.add_parser(
        "convert",
        help="convert a report to another format",
        description=(
            "Read a report (format detected from its content) and write it in another format. "
            "For many reports, -o names a folder: each report is written under it at its own "
            "relative path with the new format's suffix (reports/2023/a.txt -> "
            "OUT/reports/2023/a.json; the reports of JSON lines, one a line, as "
            "OUT/many-LINE.json); a report that cannot be read is a line on stderr and "
            "exit status 2."
        ),
    )
    parser.add_argument("files", nargs="+", metavar="PATH", help=INPUT_HELP)
    parser.add_argument(
        "--to", required=True, choices=writer_formats(), help="the format to write"
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="write to OUT instead of stdout (for many reports: a folder, required)",
    )
    add_reading_arguments(parser)
    add_jobs_arguments(parser)
    parser.set_defaults(run=run)


@attrs.frozen
class _Target:
    options: ReadOptions
    to: str
    folder: str


def target_path(folder: str, path: str, suffix: str) -> Path:
    """Return where *path* is written under *folder*: its relative path, new suffix."""
    parts = [p for p in PurePath(path).parts if p not in ("/", "..", ".")]
    relative = PurePath(*parts) if parts else PurePath("report")
    if relative.anchor:
        relative = relative.relative_to(relative.anchor)
    return Path(folder, relative).with_suffix(suffix)


def _convert_each(item: Item, target: _Target) -> list[str]:
    """Convert every report of one file (run in the workers); return the error lines.

    A report of JSON lines holding several, ``FILE:LINE``, is written as
    ``FILE-LINE`` with the new suffix.
    """
    source = item if isinstance(item, str) else item[0]
    path = source if isinstance(item, str) else "stdin"
    errors: list[str] = []
    for name, report, error in target.options.read_each(item):
        if report is None:
            errors.append(error or name)
            continue
        line = name.removeprefix(f"{source}:") if name != source else ""
        out = target_path(target.folder, path, FORMATS[target.to].suffix)
        if line:
            out = out.with_name(f"{out.name.removesuffix(out.suffix)}-{line}{out.suffix}")
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            text = dumps(report, format=target.to)
            if isinstance(text, bytes):
                out.write_bytes(text)
            else:
                out.write_text(text, encoding="utf-8")
        except OSError as exc:
            errors.append(f"{out}: {exc.strerror}")
    return errors


def _write(text: str | bytes, output: str | None) -> None:
    """Write one converted report to *output*, or to stdout."""
    if isinstance(text, bytes):
        if output:
            Path(output).write_bytes(text)
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
            sys.stdout.buffer.flush()
    elif output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


def run(args: argparse.Namespace) -> int:
    """Convert each report; a binary format (``docx``) is written as bytes."""
    inputs = read_inputs(args.files)
    if inputs.single:
        _write(dumps(read_single(args, inputs), format=args.to), args.output)
        return 0
    if not args.output:
        print(
            "govinfo-report convert: error: many reports need -o FOLDER to write them to",
            file=sys.stderr,
        )
        return 2
    target = _Target(ReadOptions.from_args(args), args.to, args.output)
    status = 0
    for errors in run_many(_convert_each, inputs, target, args):
        for error in errors:
            print(error, file=sys.stderr)
            status = 2
    return status
