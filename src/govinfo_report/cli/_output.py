"""Printing a batch as it streams: per-file lines, a progress bar, the closing summary."""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TextIO

import attrs

if TYPE_CHECKING:
    from govinfo_report.batch import CheckOptions, Row, Summary

__all__ = ["CSV_FIELDS", "FORMATS", "progress", "run_batch"]

FORMATS = ("text", "json", "jsonl", "csv", "markdown")

#: The columns of ``--format csv``.
CSV_FIELDS = (
    "path",
    "status",
    "exit_status",
    "agency",
    "year",
    "format",
    "passed",
    "failed",
    "not_evaluated",
    "errors",
    "warnings",
    "failed_rules",
    "reason",
    "seconds",
)


@contextlib.contextmanager
def progress(enabled: bool | None, *, total: int | None = None) -> Iterator[Any]:
    """Yield a tqdm bar on stderr (only on a terminal unless *enabled* says otherwise)."""
    from tqdm import tqdm

    show = sys.stderr.isatty() if enabled is None else enabled
    with tqdm(
        total=total,
        unit=" files",
        file=sys.stderr,
        disable=not show,
        dynamic_ncols=True,
        mininterval=0.2,
        smoothing=0.05,
    ) as bar:
        yield bar


class _Writer:
    """Writes rows to stdout in one format; text lines go around the progress bar."""

    def __init__(
        self, fmt: str, out: TextIO, bar: Any, *, quiet: bool, details: bool, pretty: bool
    ) -> None:
        self.fmt = fmt
        self.pretty = pretty
        self.out = out
        self.bar = bar
        self.quiet = quiet
        self.details = details
        self.count = 0
        self._csv: Any = None

    def _print(self, text: str, *, stream: TextIO | None = None) -> None:
        stream = stream or self.out
        if self.bar.disable:
            stream.write(text + "\n")
        else:
            self.bar.write(text, file=stream)

    def start(self) -> None:
        if self.fmt == "json":
            self.out.write("[")
        elif self.fmt == "csv":
            self._csv = csv.writer(self.out, lineterminator="\n")
            self._csv.writerow(CSV_FIELDS)
        elif self.fmt == "markdown" and not self.details:
            self.out.write("| file | result | errors | warnings | not evaluated | note |\n")
            self.out.write("|---|---|---|---|---|---|\n")

    def row(self, row: Row) -> None:
        if row.status == "unreadable":  # errors on stderr, whatever the format
            self._print(row.line(), stream=sys.stderr)
        elif row.diagnostics:
            for diagnostic in row.diagnostics:
                self._print(f"{row.path}: {diagnostic}", stream=sys.stderr)
        if self.fmt == "json":
            data = row.detail if isinstance(row.detail, dict) else row.to_dict()
            sep = "," if self.count else ""
            if self.pretty:  # one report: as readable as its JSON can be
                text = json.dumps(data, ensure_ascii=False, indent=2).replace("\n", "\n  ")
            else:  # many: one object a line, so that line tools still work
                text = json.dumps(data, ensure_ascii=False)
            self.out.write(f"{sep}\n  {text}")
        elif self.fmt == "jsonl":
            data = row.detail if isinstance(row.detail, dict) else row.to_dict()
            self._print(json.dumps(data, ensure_ascii=False))
        elif self.fmt == "csv":
            data = row.to_dict()
            data["failed_rules"] = " ".join(row.failed_rules)
            self._csv.writerow([data[name] for name in CSV_FIELDS])
        elif self.fmt == "markdown":
            if isinstance(row.detail, str):
                self._print(row.detail)
            elif row.status != "unreadable":
                note = row.reason or ", ".join(row.failed_rules[:4])
                self._print(
                    f"| {row.path} | {row.status} | {row.errors} | {row.warnings} "
                    f"| {row.not_evaluated} | {note} |"
                )
        elif isinstance(row.detail, str):
            if row.status != "unreadable":
                self._print(row.detail + "\n")
        elif not self.quiet and row.status != "unreadable":
            self._print(row.line())
        self.count += 1

    def finish(self, summary: Summary, *, single: bool) -> None:
        if self.fmt == "json":
            self.out.write("\n]\n" if self.count else "]\n")
        if self.fmt == "text" and not single:
            self.out.write(("\n" if not self.quiet and self.count else "") + summary.to_text())
            self.out.write("\n")
        elif self.fmt == "markdown" and not single:
            self.out.write(f"\n```\n{summary.to_text()}\n```\n")
        elif self.fmt in ("json", "jsonl", "csv") and not single and not self.quiet:
            sys.stderr.write(summary.headline() + "\n")


def run_batch(
    args: argparse.Namespace,
    options: CheckOptions,
    *,
    rows: Iterator[Row] | None = None,
) -> int:
    """Check the inputs of *args* with *options*; print rows and summary; return the exit status.

    *rows* replaces the checks (``validate --series`` brings its own).
    """
    from govinfo_report.batch import Summary, check_paths, check_text
    from govinfo_report.cli._inputs import STDIN_NAME, read_inputs

    inputs = read_inputs(args.files)
    single = inputs.single or args.details
    detail: Literal["none", "text", "json", "markdown"] = "none"
    if args.format in ("json", "jsonl"):
        detail = "json"
    elif single and args.format in ("text", "markdown"):
        detail = args.format
    options = attrs.evolve(options, detail=detail)
    markdown_detail = detail == "markdown"
    summary = Summary()
    with progress(args.progress if not inputs.single else False) as bar:
        writer = _Writer(
            args.format,
            sys.stdout,
            bar,
            quiet=args.quiet,
            details=markdown_detail,
            pretty=inputs.single,
        )
        writer.start()
        if rows is None:
            rows = check_paths(inputs.paths, options, jobs=args.jobs)
            if inputs.stdin_text is not None:
                first = check_text(inputs.stdin_text, options, name=STDIN_NAME)
                rows = _chain(first, rows)
        for row in rows:
            writer.row(row)
            summary.add(row)
            bar.update()
        writer.finish(summary, single=inputs.single and summary.files == 1)
    if args.summary_json:
        Path(args.summary_json).write_text(
            json.dumps(summary.to_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    return summary.exit_status


def _chain(first: Row, rest: Iterator[Row]) -> Iterator[Row]:
    yield first
    yield from rest
