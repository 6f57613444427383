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
from typing import TYPE_CHECKING, Any

from tabulate import tabulate

from govinfo_report.cli import error_line
from govinfo_report.codecs import load, reader_formats
from govinfo_report.exceptions import GovinfoReportError

if TYPE_CHECKING:
    from govinfo_report.rules import RuleSet, ValidationResult
    from govinfo_report.schema import Report

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


def _read(path: str, args: argparse.Namespace) -> Report:
    return load(path, format=args.source_format, lenient=args.lenient)


def run(args: argparse.Namespace) -> int:
    """Validate every file; print the results; return the exit status."""
    from govinfo_report.rules import validate

    rules = load_rules(args.rules, builtin=not args.no_builtin)
    previous = _read(args.previous, args) if args.previous else None
    outcomes: list[tuple[str, ValidationResult | str]] = []
    for path in args.files:
        try:
            report = _read(path, args)
        except (GovinfoReportError, OSError) as exc:
            outcomes.append((path, error_line(exc)))
            continue
        result = validate(report, rules, previous=previous, blank_as_zero=args.blank_as_zero)
        outcomes.append((path, result))
    if args.format == "json":
        sys.stdout.write(json.dumps(_json(outcomes), ensure_ascii=False, indent=2) + "\n")
    elif args.format == "markdown":
        sys.stdout.write(_markdown(outcomes))
    else:
        sys.stdout.write(_text(outcomes))
    return max(_status(outcome) for _, outcome in outcomes)


def _status(outcome: ValidationResult | str) -> int:
    if isinstance(outcome, str):
        return 2
    return 0 if outcome.ok else 1


def _json(outcomes: list[tuple[str, ValidationResult | str]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for path, outcome in outcomes:
        if isinstance(outcome, str):
            out.append({"file": path, "ok": False, "error": outcome})
            continue
        out.append({"file": path, **outcome.to_dict()})
    return out


def _batch_rows(outcomes: list[tuple[str, ValidationResult | str]]) -> list[list[str]]:
    rows = []
    for path, outcome in outcomes:
        if isinstance(outcome, str):
            rows.append([path, "unreadable", "", "", "", outcome])
            continue
        counts = outcome.counts()
        rows.append(
            [
                path,
                "ok" if outcome.ok else "INVALID",
                str(len(outcome.errors)),
                str(len(outcome.warnings)),
                str(sum(n for status, n in counts.items() if status.value == "not_evaluated")),
                "",
            ]
        )
    return rows


_BATCH_HEADERS = ("file", "result", "errors", "warnings", "not evaluated", "note")


def _text(outcomes: list[tuple[str, ValidationResult | str]]) -> str:
    parts: list[str] = []
    for path, outcome in outcomes:
        if isinstance(outcome, str):
            parts.append(f"{path}: cannot read: {outcome.removeprefix(f'{path}: ')}")
        else:
            parts.append(outcome.to_text(source=path))
        parts.append("")
    if len(outcomes) > 1:
        parts.append(
            tabulate(
                _batch_rows(outcomes),
                headers=_BATCH_HEADERS,
                tablefmt="simple",
                disable_numparse=True,
            )
        )
        parts.append("")
    return "\n".join(parts)


def _markdown(outcomes: list[tuple[str, ValidationResult | str]]) -> str:
    parts: list[str] = []
    if len(outcomes) > 1:
        parts.append("# validation")
        parts.append("")
        parts.append(
            tabulate(
                _batch_rows(outcomes),
                headers=_BATCH_HEADERS,
                tablefmt="pipe",
                disable_numparse=True,
            )
        )
        parts.append("")
    for path, outcome in outcomes:
        if isinstance(outcome, str):
            parts.append(f"## {path}\n\ncannot read: {outcome}\n")
        else:
            parts.append(outcome.to_markdown(source=path))
    return "\n".join(parts)
