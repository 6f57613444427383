"""``govinfo-report validate``: check reports against the rules.

Exit status: 0 when no report breaks an error rule, 1 when one does, 2 when
a file cannot be read.  In a batch, an unreadable file is reported as a row
and the others are still validated; the exit status is the largest.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tabulate import tabulate

from govinfo_report.codecs import load, reader_formats

if TYPE_CHECKING:
    from govinfo_report.batch import BatchResult
    from govinfo_report.rules import RuleSet

__all__ = ["load_rules", "register", "run"]

FORMATS = ("text", "json", "markdown")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``validate`` subcommand."""
    parser = sub.add_parser(
        "validate",
        help="check reports against the 2021 rules (exit 1 when one breaks an error rule)",
        description=(
            "Check each FILE against RULES_2021: the 42 accounting identities, the value "
            "domains, the prose-vs-table, fee and year warnings, and (with --previous) the "
            "cross-year warnings. Every violation names the rule instance, every cell with "
            "its label and printed value, both sides and the difference. Blank cells are "
            "unknown (rules touching them are not evaluated) unless --blank-as-zero is given. "
            "Exit status: 0 no error-severity violation, 1 at least one, 2 a file could not "
            "be read (the other files are still validated)."
        ),
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="the reports to check")
    parser.add_argument(
        "--previous",
        metavar="FILE",
        help="last year's report, for the cross-year rules (上年结转, 现行有效件数)",
    )
    parser.add_argument(
        "--format", choices=FORMATS, default="text", help="output format (default text)"
    )
    parser.add_argument(
        "--blank-as-zero",
        action="store_true",
        help="read blank cells as 0 (never the default: a blank is a missing value)",
    )
    parser.add_argument(
        "--lenient",
        action="store_true",
        help="read what can be read of damaged or cut-off text (what is missing stays absent)",
    )
    parser.add_argument(
        "--from",
        dest="source_format",
        choices=reader_formats(),
        help="force a reader instead of detecting the format",
    )
    parser.add_argument(
        "--rules",
        action="append",
        default=[],
        metavar="RULES",
        help="also check the rules in RULES (.json, .yaml or .yml); may be repeated",
    )
    parser.add_argument(
        "--no-builtin",
        action="store_true",
        help="check only the rules given with --rules, not RULES_2021",
    )
    parser.set_defaults(run=run)


def load_rules(paths: list[str], *, builtin: bool = True) -> RuleSet:
    """Return RULES_2021 (unless *builtin* is false) joined with the rule files in *paths*.

    Raises:
        RuleDefinitionError: for an invalid rule file (naming the file).
        MissingExtraError: for a YAML file without PyYAML.
        OSError: when a file cannot be read.
    """
    from govinfo_report.exceptions import RuleDefinitionError
    from govinfo_report.rules import RULES_2021, RuleSet, rules_from_json, rules_from_yaml

    rules = RULES_2021 if builtin else RuleSet()
    for path in paths:
        text = Path(path).read_text(encoding="utf-8")
        try:
            if Path(path).suffix.lower() in (".yaml", ".yml"):
                extra = rules_from_yaml(text)
            else:
                extra = rules_from_json(text)
        except RuleDefinitionError as exc:
            msg = f"{path}: {exc}"
            raise RuleDefinitionError(msg) from None
        rules = rules | extra
    return rules


def run(args: argparse.Namespace) -> int:
    """Validate every file; print the results; return the exit status."""
    from govinfo_report.batch import validate_files

    rules = load_rules(args.rules, builtin=not args.no_builtin)
    previous = (
        load(args.previous, format=args.source_format, lenient=args.lenient)
        if args.previous
        else None
    )
    batch = validate_files(
        args.files,
        rules,
        previous=previous,
        blank_as_zero=args.blank_as_zero,
        lenient=args.lenient,
        format=args.source_format,
    )
    if args.format == "json":
        sys.stdout.write(json.dumps(batch.to_dict(), ensure_ascii=False, indent=2) + "\n")
    elif args.format == "markdown":
        sys.stdout.write(_markdown(batch))
    else:
        sys.stdout.write(_text(batch))
    return batch.exit_status


def _batch_rows(batch: BatchResult) -> list[list[str]]:
    rows = []
    for f in batch.files:
        if f.result is None:
            rows.append([f.path, "unreadable", "", "", "", f.error or ""])
            continue
        counts = f.result.counts()
        rows.append(
            [
                f.path,
                "ok" if f.result.ok else "INVALID",
                str(len(f.result.errors)),
                str(len(f.result.warnings)),
                str(sum(n for status, n in counts.items() if status.value == "not_evaluated")),
                "",
            ]
        )
    return rows


_BATCH_HEADERS = ("file", "result", "errors", "warnings", "not evaluated", "note")


def _text(batch: BatchResult) -> str:
    parts: list[str] = []
    for f in batch.files:
        if f.result is None:
            parts.append(f"{f.path}: cannot read: {(f.error or '').removeprefix(f'{f.path}: ')}")
        else:
            parts.append(f.result.to_text(source=f.path))
        parts.append("")
    if len(batch.files) > 1:
        parts.append(
            tabulate(
                _batch_rows(batch),
                headers=_BATCH_HEADERS,
                tablefmt="simple",
                disable_numparse=True,
            )
        )
        parts.append("")
    return "\n".join(parts)


def _markdown(batch: BatchResult) -> str:
    parts: list[str] = []
    if len(batch.files) > 1:
        parts.append("# validation")
        parts.append("")
        parts.append(
            tabulate(
                _batch_rows(batch),
                headers=_BATCH_HEADERS,
                tablefmt="pipe",
                disable_numparse=True,
            )
        )
        parts.append("")
    for f in batch.files:
        if f.result is None:
            parts.append(f"## {f.path}\n\ncannot read: {f.error}\n")
        else:
            parts.append(f.result.to_markdown(source=f.path))
    return "\n".join(parts)
