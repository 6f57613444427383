"""``govinfo-report validate``: check reports against the rules, one or a million.

Exit status: 0 when every report was checked and none breaks an error rule,
1 when one does, 2 when a file cannot be read, 3 when a report was read but
error rules could not be evaluated (a table missing or cut off).  In a batch
every file is a row, and the exit status is the largest.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from govinfo_report.cli._common import add_reading_arguments
from govinfo_report.cli._inputs import INPUT_HELP, add_jobs_arguments
from govinfo_report.cli._output import FORMATS, run_batch
from govinfo_report.codecs import load

if TYPE_CHECKING:
    from govinfo_report.rules import RuleSet

__all__ = ["load_rules", "register", "run"]


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
            "Many reports are checked on every core, one line per file and a closing summary "
            "(per rule family, how many reports fail it, and the worst reports); one report is "
            "shown in full. Exit status: 0 every report checked and none breaks an error rule, "
            "1 one does, 2 a file could not be read (the other files are still checked), "
            "3 a report was read but error rules could not be evaluated (a table missing or "
            "cut off); in a batch, the largest."
        ),
    )
    parser.add_argument("files", nargs="+", metavar="PATH", help=INPUT_HELP)
    parser.add_argument(
        "--previous",
        metavar="FILE",
        help="last year's report, for the cross-year rules (上年结转, 现行有效件数)",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="output: text (default), json (one array), jsonl (one object a line), csv "
        "(one row a file), markdown",
    )
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="no per-file lines: only the summary"
    )
    parser.add_argument(
        "--details",
        action="store_true",
        help="show every file in full (violations, cells, suggestions), not one line each",
    )
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="a progress bar on stderr (default: when stderr is a terminal)",
    )
    parser.add_argument(
        "--summary-json",
        metavar="OUT",
        help="also write the summary (counts, rule families, worst reports) as JSON to OUT",
    )
    parser.add_argument(
        "--series",
        action="store_true",
        help="also group the reports by agency and check each pair of consecutive years: the "
        "cross-year rules and how much of the narrative repeats last year's",
    )
    parser.add_argument(
        "--repetition-threshold",
        type=float,
        default=None,
        metavar="SHARE",
        help="warn when more than SHARE (0-1) of a narrative repeats last year's (default 0.5)",
    )
    parser.add_argument(
        "--hierarchy",
        metavar="MANIFEST",
        help="also check each government against the sum of its departments; MANIFEST is a "
        "CSV with the columns parent,child (agency names)",
    )
    add_jobs_arguments(parser)
    parser.add_argument(
        "--blank-as-zero",
        action="store_true",
        help="read blank cells as 0 (never the default: a blank is a missing value)",
    )
    add_reading_arguments(parser)
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
    """Validate every report; print a line (or the whole result) each and the summary."""
    from govinfo_report.batch import CheckOptions

    rules = load_rules(args.rules, builtin=not args.no_builtin)
    previous = (
        load(
            args.previous,
            format=args.source_format,
            lenient=args.lenient,
            max_bytes=args.max_bytes,
        )
        if args.previous
        else None
    )
    options = CheckOptions(
        rules=rules,
        previous=previous,
        lenient=args.lenient,
        format=args.source_format,
        max_bytes=args.max_bytes,
        blank_as_zero=args.blank_as_zero,
        budget=args.budget or None,
    )
    return run_batch(args, options)
