"""``govinfo-report generate``: synthetic reports, valid or broken on purpose, or as real files print them (``--style``)."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from govinfo_report.cli._common import jsonable_value
from govinfo_report.cli._progress import progress
from govinfo_report.codecs import FORMATS, writer_formats
from govinfo_report.exceptions import InvalidArgument
from govinfo_report.synthetic import (
    AGENCY_KINDS,
    BLANKS,
    NOISE_KNOBS,
    SIZES,
    STYLES,
    BrokenReport,
    generate,
    parse_noise,
    render,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from govinfo_report.schema import Report

__all__ = ["register", "run"]

#: Show a progress bar (on a terminal only) from this many reports on.
PROGRESS_FROM = 500


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``generate`` subcommand."""
    parser = sub.add_parser(
        "generate",
        help="write synthetic reports, valid or broken on purpose",
        description=(
            "Write COUNT synthetic reports. Report i is generate(f'{SEED}:{i}'), the same on "
            "every machine. Without --out, print one JSON report per line (JSON lines); with "
            '--breaking, each line is {"report": ..., "expected_violations": [...]}. With '
            "--out DIR, write one file per report in DIR and an index.jsonl listing each "
            "file, its seed and (with --breaking) the instances it violates."
        ),
    )
    parser.add_argument(
        "--count", type=int, default=1, metavar="N", help="how many reports (default 1)"
    )
    parser.add_argument("--seed", default="0", metavar="S", help="the seed (default 0)")
    parser.add_argument(
        "--breaking",
        action="append",
        default=None,
        metavar="RULE_ID",
        help=(
            "break exactly this rule instance (repeat for several), e.g. "
            "--breaking 't3.row_sum[granted]' --breaking 't3.processed_sum[natural_person]'"
        ),
    )
    parser.add_argument(
        "--to",
        choices=writer_formats(),
        default="json",
        help=(
            "the format of the files written to --out (default json); each format has its own "
            "suffix: .json, .md, .txt (text), .pipe.txt, .pdftext.txt, .glued.txt, .html, "
            ".jsonl; stdout is always JSON lines"
        ),
    )
    parser.add_argument(
        "--out",
        metavar="DIR",
        help="write one file per report in DIR (a new or empty folder, unless --force)",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="write into --out even when it holds files (files of the same name are replaced)",
    )
    parser.add_argument("--size", choices=SIZES, help="the agency's size (default: drawn)")
    parser.add_argument("--year", type=int, help="the report year (default: drawn, 2021–2025)")
    parser.add_argument(
        "--agency-kind", choices=AGENCY_KINDS, help="the kind of agency (default: drawn)"
    )
    parser.add_argument(
        "--blanks",
        choices=BLANKS,
        default="zero",
        help="print zero cells as 0 (zero), empty (blank) or / (slash) where reports do",
    )
    parser.add_argument(
        "--style",
        choices=STYLES,
        help=(
            "print each report the way real files print it (instead of --to); stdout lines "
            "and index.jsonl entries then carry the cells a correct reader gets back"
        ),
    )
    parser.add_argument(
        "--noise",
        action="append",
        default=None,
        metavar="KNOB[=VALUE]",
        help=(
            f"with --style: a noise knob (repeat for several): {', '.join(NOISE_KNOBS)}; "
            "e.g. --noise cut=0.6 --noise halfwidth"
        ),
    )
    parser.set_defaults(run=run)


def _options(args: argparse.Namespace) -> dict[str, Any]:
    return {
        "size": args.size,
        "year": args.year,
        "agency_kind": args.agency_kind,
        "blanks": args.blanks,
    }


def _check_options(args: argparse.Namespace) -> None:
    """Check every option (and the breaking set) once, before anything is written."""
    try:
        if args.breaking is not None:
            generate(args.seed, breaking=args.breaking, **_options(args))
        else:
            generate(args.seed, **_options(args))
    except InvalidArgument as exc:
        raise InvalidArgument(_option_names(str(exc))) from None


def _reports(args: argparse.Namespace) -> Iterator[tuple[str, Report | BrokenReport]]:
    options = _options(args)
    for i in range(args.count):
        seed = f"{args.seed}:{i}"
        if args.breaking is not None:
            yield seed, generate(seed, breaking=args.breaking, **options)
        else:
            yield seed, generate(seed, **options)


_KEYWORD = re.compile(r"\b(breaking|size|year|agency_kind|blanks|seed)= ?")


def _option_names(message: str) -> str:
    """*message* with the library's keyword arguments named as this command's options.

    >>> _option_names("breaking=['x']: add one of those to breaking= as well")
    "--breaking ['x']: add one of those to --breaking as well"
    """
    return _KEYWORD.sub(lambda m: f"--{m[1].replace('_', '-')} ", message)


def _prepare(out: Path, *, force: bool) -> None:
    """Create *out*, refusing a folder that holds files unless *force*."""
    if out.exists() and not out.is_dir():
        msg = f"--out {out}: not a folder"
        raise InvalidArgument(msg)
    if out.is_dir() and not force and any(out.iterdir()):
        msg = (
            f"--out {out}: the folder is not empty (its files would mix with this run's); "
            "give a new folder, or --force to write into it"
        )
        raise InvalidArgument(msg)
    out.mkdir(parents=True, exist_ok=True)


def run(args: argparse.Namespace) -> int:
    """Generate ``args.count`` reports."""
    if args.count < 0:
        msg = f"--count {args.count}: expected a count ≥ 0"
        raise InvalidArgument(msg)
    if args.style is not None or args.noise is not None:
        return _run_styled(args)
    if args.out is None and args.to != "json":
        msg = f"--to {args.to} writes files: give --out DIR (stdout is always JSON lines)"
        raise InvalidArgument(msg)
    from govinfo_report.codecs import json as json_codec

    show = None if args.count >= PROGRESS_FROM else False  # None: on a terminal
    out = Path(args.out) if args.out is not None else None
    index: TextIO | None = None
    _check_options(args)
    if out is not None:
        _prepare(out, force=args.force)
        index = (out / "index.jsonl").open("w", encoding="utf-8")
    codec = FORMATS[args.to]
    width = max(5, len(str(max(args.count - 1, 0))))
    with progress(show, total=args.count, unit=" reports") as bar:
        try:
            for i, (seed, made) in enumerate(_reports(args)):
                report = made.report if isinstance(made, BrokenReport) else made
                expected = sorted(made.expected) if isinstance(made, BrokenReport) else None
                if out is not None and index is not None:
                    name = f"report-{i:0{width}d}{codec.suffix}"
                    if codec.binary:  # a Word document
                        (out / name).write_bytes(codec.dumps_bytes(report))
                    else:
                        (out / name).write_text(codec.dumps(report), encoding="utf-8")
                    entry: dict[str, object] = {"file": name, "seed": seed}
                    if expected is not None:
                        entry["expected_violations"] = expected
                    index.write(json.dumps(entry, ensure_ascii=False) + "\n")
                else:
                    text = json_codec.dumps(report, indent=None, provenance=False).rstrip("\n")
                    if expected is not None:
                        text = (
                            f'{{"report": {text}, "expected_violations": '
                            f"{json.dumps(expected, ensure_ascii=False)}}}"
                        )
                    sys.stdout.write(text + "\n")
                bar.update(1)
        finally:
            if index is not None:
                index.close()
    return 0


_EXTENSION = {"html_word": ".html", "converter_md": ".md", "ocr_md": ".md", "md_gfm": ".md"}


def _run_styled(args: argparse.Namespace) -> int:
    """``--style``: print each report in a rendering style, with the cells a reader must get."""
    if args.style is None:
        msg = "--noise needs --style STYLE (the noise is added to a style's rendering)"
        raise InvalidArgument(msg)
    if args.to != "json":
        msg = f"--to {args.to} and --style {args.style}: give one of them"
        raise InvalidArgument(msg)
    if args.breaking is not None:
        msg = "--breaking and --style: a styled report is always a valid one"
        raise InvalidArgument(msg)
    noise = parse_noise(args.noise or [])
    _check_options(args)
    out = Path(args.out) if args.out is not None else None
    index: TextIO | None = None
    if out is not None:
        _prepare(out, force=args.force)
        index = (out / "index.jsonl").open("w", encoding="utf-8")
    width = max(5, len(str(max(args.count - 1, 0))))
    # The style in the name: report-00000.pdf_text.txt, report-00000.html_word.html …
    suffix = f".{args.style}{_EXTENSION.get(args.style, '.txt')}"
    try:
        for i, (seed, made) in enumerate(_reports(args)):
            report = made.report if isinstance(made, BrokenReport) else made
            rendered = render(report, args.style, noise=noise, seed=seed)
            entry: dict[str, object] = {"seed": seed, "style": args.style, "noise": noise}
            expected = {p: jsonable_value(v) for p, v in rendered.expected_cells.items()}
            if out is not None and index is not None:
                name = f"report-{i:0{width}d}{suffix}"
                (out / name).write_text(rendered.text, encoding="utf-8")
                index.write(
                    json.dumps(
                        {"file": name, **entry, "expected_cells": expected}, ensure_ascii=False
                    )
                    + "\n"
                )
            else:
                line = {**entry, "text": rendered.text, "expected_cells": expected}
                sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
    finally:
        if index is not None:
            index.close()
    return 0
