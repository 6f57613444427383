"""``govinfo-report report``: a static, self-contained HTML report of what is wrong and where."""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from govinfo_report.cli._common import add_reading_arguments
from govinfo_report.cli._inputs import INPUT_HELP, Item, add_jobs_arguments, read_inputs, run_many
from govinfo_report.exceptions import GovinfoReportError

if TYPE_CHECKING:
    from govinfo_report.schema import Report

__all__ = ["register"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``report`` subcommand."""
    parser = sub.add_parser(
        "report",
        help="write a visual HTML report: the tables with failing cells marked, for one or many",
        description=(
            "Validate each report and draw it as a static HTML page: the three tables in the "
            "official layout, every failing cell marked and linked to its rules with the "
            "suggested correction, cells read by inference, blank, markers, text or absent "
            "each marked their own way, then the violations, prose and year warnings. For one "
            "report, OUT may be a .html file; otherwise OUT is a folder with index.html (the "
            "summary and a chart of failures per rule family) and one page per report. Exit "
            "status as for validate."
        ),
    )
    parser.add_argument("files", nargs="+", metavar="PATH", help=INPUT_HELP)
    parser.add_argument("-o", "--output", required=True, metavar="OUT", help="file or folder")
    parser.add_argument(
        "--previous", metavar="FILE", help="last year's report, for the cross-year rules"
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
    folder: str
    lenient: bool
    format: str | None
    budget: float | None
    previous: Report | None = None
    max_bytes: int | None = None


def page_name(path: str) -> str:
    """The file name of a report's page: its name and a digest of its path (unique, stable)."""
    digest = hashlib.sha1(path.encode("utf-8", "surrogateescape")).hexdigest()[:10]
    stem = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in Path(path).stem)[:40]
    return f"{stem}-{digest}.html"


def _render(item: Item, job: _Job) -> list[tuple[object, str | None]]:
    """Validate each report of one file and write its page (run in the workers).

    Returns each report's row and link (``None`` for a report that cannot be read).
    """
    from govinfo_report.batch import FileTimeout, Row, each_report, one_line, time_budget

    path, data = (item, None) if isinstance(item, str) else item
    out: list[tuple[object, str | None]] = []
    readings = each_report(
        path, format=job.format, lenient=job.lenient, max_bytes=job.max_bytes, data=data
    )
    try:
        for name, read in readings:
            try:
                with time_budget(job.budget):
                    out.append(_page(name, read(), job))
            except FileTimeout:
                out.append(
                    (Row(name, "unreadable", f"{name}: took longer than {job.budget:g} s"), None)
                )
            except (GovinfoReportError, OSError, RecursionError) as exc:
                out.append((Row(name, "unreadable", one_line(exc)), None))
    except OSError as exc:  # the file itself cannot be read
        out.append((Row(path, "unreadable", one_line(exc)), None))
    return out


def _page(name: str, report: Report, job: _Job) -> tuple[object, str]:
    """Validate *report* and write its page; return its row and link."""
    from govinfo_report.batch import result_row
    from govinfo_report.rules import validate
    from govinfo_report.visual import report_page

    result = validate(report, previous=job.previous)
    row = result_row(name, result)
    page = report_page(
        result, source=name, status=row.status, diagnostics=row.diagnostics, index="../index.html"
    )
    link = f"reports/{page_name(name)}"
    Path(job.folder, link).write_text(page, encoding="utf-8")
    return row, link


def run(args: argparse.Namespace) -> int:
    """Write the pages."""
    from govinfo_report.batch import Row, Summary
    from govinfo_report.cli._inputs import read_single
    from govinfo_report.codecs import load
    from govinfo_report.rules import validate
    from govinfo_report.visual import index_page, index_row, report_page

    previous = (
        load(args.previous, format=args.source_format, lenient=args.lenient)
        if args.previous
        else None
    )
    inputs = read_inputs(args.files)
    if inputs.single and args.output.endswith((".html", ".htm")):
        result = validate(read_single(args, inputs), previous=previous)
        Path(args.output).write_text(report_page(result, source=args.files[0]), encoding="utf-8")
        return 0 if result.ok else 1
    folder = Path(args.output)
    (folder / "reports").mkdir(parents=True, exist_ok=True)
    job = _Job(
        str(folder),
        args.lenient,
        args.source_format,
        args.budget or None,
        previous,
        args.max_bytes,
    )
    summary = Summary()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as lines:
        for pages in run_many(_render, inputs, job, args):
            for row, link in pages:
                assert isinstance(row, Row)
                if row.status == "unreadable":
                    print(row.line(), file=sys.stderr)
                summary.add(row)
                lines.write(index_row(row, link) + "\n")
        lines.seek(0)
        rows = (line.rstrip("\n") for line in lines)
        with open(folder / "index.html", "w", encoding="utf-8") as index:
            for piece in index_page(summary, rows):
                index.write(piece)
    print(f"{summary.headline()}; pages in {os.fspath(folder)}", file=sys.stderr)
    return summary.exit_status
