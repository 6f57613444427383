"""Printing a batch as it streams: per-file lines, a progress bar, the closing summary."""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TextIO

import attrs

if TYPE_CHECKING:
    from govinfo_report.batch import CheckOptions, Row, Summary

__all__ = ["CSV_FIELDS", "FORMATS", "run_batch"]

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
    "inferred",
    "failed_rules",
    "reason",
    "seconds",
)


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
    from govinfo_report.batch import Summary, check_paths, check_reports
    from govinfo_report.cli._inputs import STDIN_NAME, read_inputs
    from govinfo_report.cli._progress import progress

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
    across = bool(getattr(args, "series", False) or getattr(args, "hierarchy", None))
    entries: list[tuple[str | None, int | None, str]] = []
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
                first = check_reports(STDIN_NAME, options, data=inputs.stdin_text)
                rows = itertools.chain(first, rows)
        for row in rows:
            writer.row(row)
            summary.add(row)
            bar.update()
            if across and row.status != "unreadable":
                entries.append((row.agency, row.year, row.path))
        writer.finish(summary, single=inputs.single and summary.files == 1)
    extra: dict[str, Any] = {}
    if across:
        extra = _across(args, entries, writer)
    if args.summary_json:
        Path(args.summary_json).write_text(
            json.dumps(summary.to_dict() | extra, ensure_ascii=False, indent=2) + "\n",
            encoding="utf-8",
        )
    return summary.exit_status


def _across(
    args: argparse.Namespace, entries: list[tuple[str | None, int | None, str]], writer: _Writer
) -> dict[str, Any]:
    """Run the series and hierarchy checks over the reports read; print them; return the counts."""
    from govinfo_report.batch import (
        REPETITION_THRESHOLD,
        SeriesOptions,
        check_hierarchy,
        check_pair,
        hierarchy_jobs,
        map_files,
        read_manifest,
        series_pairs,
    )

    threshold = args.repetition_threshold
    options = SeriesOptions(
        args.lenient,
        args.source_format,
        REPETITION_THRESHOLD if threshold is None else threshold,
        args.budget or None,
        getattr(args, "max_bytes", None),
    )
    counts: dict[str, Any] = {}
    text = writer.fmt in ("text", "markdown")
    if args.series:
        pairs = broken = repeated = 0
        if text:
            writer.out.write("\nseries (each agency's consecutive years):\n")
        for pair in map_files(check_pair, series_pairs(entries), options, jobs=args.jobs):
            pairs += 1
            broken += bool(pair.failed_rules)
            repeated += pair.repeated
            if writer.fmt == "jsonl":
                writer.out.write(json.dumps(pair.to_dict(), ensure_ascii=False) + "\n")
            elif text and (not args.quiet or pair.failed_rules or pair.repeated or pair.error):
                writer.out.write(f"  {pair.line()}\n")
                if pair.repeated and pair.repetition is not None:
                    for passage in pair.repetition.passages:
                        writer.out.write(f"      repeated: {passage}\n")
        counts["series"] = {"pairs": pairs, "cross_year_broken": broken, "repeated": repeated}
        if text:
            writer.out.write(
                f"  {pairs:,} pairs of consecutive years: {broken:,} break a cross-year rule, "
                f"{repeated:,} repeat more than {options.threshold:.0%} of last year's narrative\n"
            )
    if args.hierarchy:
        manifest = read_manifest(args.hierarchy)
        checked = differ = 0
        if text:
            writer.out.write("\nhierarchy (each government against the sum of its departments):\n")
        jobs = hierarchy_jobs(manifest, entries)
        for row in map_files(check_hierarchy, jobs, options, jobs=args.jobs):
            checked += 1
            differ += bool(row.failed_rules)
            if writer.fmt == "jsonl":
                writer.out.write(json.dumps(row.to_dict(), ensure_ascii=False) + "\n")
            elif text:
                writer.out.write(f"  {row.line()}\n")
        counts["hierarchy"] = {"checked": checked, "differ": differ}
    return counts
