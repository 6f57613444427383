"""``govinfo-report generate --style STYLE [--noise KNOB[=VALUE]]...``: reports as real files print them."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from govinfo_report.cli._common import jsonable_value
from govinfo_report.cli._generate import _check_options, _prepare, _reports
from govinfo_report.exceptions import InvalidArgument
from govinfo_report.synthetic import BrokenReport, parse_noise, render

if TYPE_CHECKING:
    import argparse

__all__ = ["run_styled"]


_EXTENSION = {"html_word": ".html", "converter_md": ".md", "ocr_md": ".md", "md_gfm": ".md"}


def run_styled(args: argparse.Namespace) -> int:
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
