"""What the commands that read reports take as input: paths, directories, globs, lists, ``-``."""

from __future__ import annotations

import argparse
import itertools
import os
import sys
from collections.abc import Callable, Iterator
from typing import IO, TYPE_CHECKING, TypeVar

import attrs

from govinfo_report.exceptions import GovinfoReportError

if TYPE_CHECKING:
    from govinfo_report.schema import Report

__all__ = [
    "INPUT_HELP",
    "STDIN_NAME",
    "Inputs",
    "Item",
    "ReadOptions",
    "add_jobs_arguments",
    "read_inputs",
    "read_single",
    "run_many",
]

A = TypeVar("A")
R = TypeVar("R")

#: The help text of a PATH argument.
INPUT_HELP = (
    "files, directories (searched recursively; reports chosen by content), globs "
    "('reports/**/*.txt'), @LIST (a file of paths, one a line; @- reads it from stdin), "
    "or - (stdin: a list of paths when its first line names a file or folder, otherwise "
    "one report)"
)

#: The name a report read from standard input gets.
STDIN_NAME = "<stdin>"

Item = str | tuple[str, bytes]
"""What a command's worker reads: a path, or ``(name, bytes)`` read from standard input."""


@attrs.frozen
class Inputs:
    """The inputs of a command, resolved.

    Attributes:
        paths: The files to check, lazily expanded.
        stdin_text: The report(s) read from standard input (``-``), if any:
            one report, or JSON lines of several.
        single: Whether exactly one report was named (a regular file, or
            stdin, not JSON lines of several reports), so that the command
            shows it in full.
    """

    paths: Iterator[str]
    stdin_text: bytes | None
    single: bool

    def items(self) -> Iterator[Item]:
        """Standard input's text (named ``<stdin>``) if any, then every path."""
        if self.stdin_text is not None:
            yield STDIN_NAME, self.stdin_text
        yield from self.paths


def read_inputs(entries: list[str], *, stdin: IO[bytes] | None = None) -> Inputs:
    """Resolve the PATH arguments; ``-`` is read from *stdin* (default: standard input)."""
    from govinfo_report.batch import holds_several_reports, iter_paths

    stdin_text: bytes | None = None
    expanded: list[str] = []
    stdin_paths: Iterator[str] = iter(())
    for entry in entries:
        if entry != "-":
            expanded.append(entry)
            continue
        if stdin_text is not None:
            continue
        handle = stdin or sys.stdin.buffer
        head = b""
        for _ in range(1000):  # the first non-blank line decides: a path, or a report
            line = handle.readline()
            head += line
            if not line or line.strip():
                break
        name = head.decode("utf-8", "replace").strip()
        if name and "\n" not in name and os.path.exists(name):
            lines = (line.decode("utf-8", "surrogateescape") for line in handle)
            stdin_paths = (
                p for p in (line.strip() for line in itertools.chain([name], lines)) if p
            )
            expanded.append("@-")
        else:
            stdin_text = head + handle.read()
    single = (
        stdin_text is not None
        and not expanded
        and not holds_several_reports(STDIN_NAME, data=stdin_text)
    ) or (
        stdin_text is None
        and len(expanded) == 1
        and _names_one_file(expanded[0])
        and not holds_several_reports(expanded[0])
    )
    return Inputs(iter_paths(expanded, stdin=stdin_paths), stdin_text, single)


def _names_one_file(entry: str) -> bool:
    """Whether *entry* names one file (present or not), not a folder, glob or list."""
    if entry.startswith("@") or os.path.isdir(entry):
        return False
    return os.path.exists(entry) or not set("*?[") & set(entry)


def add_jobs_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``--jobs`` and ``--budget``, the options of commands that read many reports."""
    from govinfo_report.batch import default_jobs

    parser.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help=f"worker processes (default: every core, here {default_jobs()}); 1 works in-process",
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="give up a file that takes longer than SECONDS and report it unreadable "
        "(default 10; 0 for no limit)",
    )


@attrs.frozen
class ReadOptions:
    """How a worker reads each file: the reading options and the time budget."""

    lenient: bool = False
    format: str | None = None
    budget: float | None = 10.0
    max_bytes: int | None = None

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> ReadOptions:
        """Return the options the command line asks for."""
        return cls(
            args.lenient, args.source_format, args.budget or None, getattr(args, "max_bytes", None)
        )

    def read_each(self, item: Item) -> Iterator[tuple[str, Report | None, str | None]]:
        """Yield ``(name, report, None)`` or ``(name, None, why)`` for every report of *item*.

        A file (or standard input) of JSON lines holding several reports
        gives one per line, named ``FILE:LINE``; any other, one, named by its
        path.  Each report is read within the time budget; a report that
        cannot be read is one line saying why, and the next are still read.
        """
        from govinfo_report.batch import FileTimeout, each_report, one_line, time_budget

        path, data = (item, None) if isinstance(item, str) else item
        readings = each_report(
            path, format=self.format, lenient=self.lenient, max_bytes=self.max_bytes, data=data
        )
        while True:
            try:
                reading = next(readings, None)
            except OSError as exc:
                yield path, None, one_line(exc)
                return
            if reading is None:
                return
            name, read = reading
            try:
                with time_budget(self.budget):
                    report = read()
            except FileTimeout:
                yield name, None, f"{name}: took longer than the time budget of {self.budget:g} s"
            except (GovinfoReportError, OSError, RecursionError) as exc:
                yield name, None, one_line(exc)
            else:
                yield name, report, None


def read_single(args: argparse.Namespace, inputs: Inputs) -> Report:
    """Read the one report of *inputs* (a file, or stdin); lenient diagnostics go to stderr."""
    from govinfo_report.cli._common import read_report
    from govinfo_report.codecs import loads

    if inputs.stdin_text is None:
        return read_report(args, next(inputs.paths))
    report = loads(
        inputs.stdin_text,
        format=args.source_format,
        lenient=args.lenient,
        source=STDIN_NAME,
        max_bytes=getattr(args, "max_bytes", None),
    )
    if args.lenient and report.provenance is not None:
        for diagnostic in report.provenance.diagnostics:
            print(f"{STDIN_NAME}: {diagnostic}", file=sys.stderr)
    return report


def run_many(
    func: Callable[[Item, A], R], inputs: Inputs, arg: A, args: argparse.Namespace
) -> Iterator[R]:
    """Yield ``func(item, arg)`` for every input (stdin's text, then each file), on ``args.jobs`` processes, with a progress bar."""
    from govinfo_report.batch import map_files
    from govinfo_report.cli._progress import progress

    with progress(getattr(args, "progress", None)) as bar:
        for result in map_files(func, inputs.items(), arg, jobs=args.jobs):
            yield result
            bar.update()
