"""``govinfo-report rules``: list every rule instance."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import unicodedata
from typing import TYPE_CHECKING

from tabulate import tabulate

if TYPE_CHECKING:
    from collections.abc import Sequence

    from govinfo_report.rules import RuleInstance, RuleSet

__all__ = ["clip", "register", "run"]

_WIDTH = 160
"""The table's width when the terminal's is not known (output to a file or a pipe)."""
_SEVERITY = len("severity") + 2  # tabulate pads a header by two
_NARROWEST = 16
"""The relation gets at least this many terminal columns."""
_WITH_LABEL = 64
"""The table is used when the label and the relation have this many columns to share."""
_INDENT = "    "


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``rules`` subcommand."""
    parser = sub.add_parser(
        "rules",
        help="list every rule instance: id, severity, label and relation",
        description=(
            "List every instance of RULES_2021 (quantifiers expanded): its id, severity, "
            "label and relation. The table names each cell by its row's ordinals and its "
            "column (三（三）7/自然人) and fits the terminal, cutting long labels with …; "
            "--wide prints the labels and relations whole, as the form prints them, and "
            "--format json or yaml gives the same list as data, in full. --definitions "
            "prints the rule set itself (one entry per rule, loadable with validate --rules)."
        ),
    )
    parser.add_argument(
        "--format",
        choices=("table", "json", "yaml"),
        default="table",
        help="output format (default table)",
    )
    parser.add_argument(
        "--wide",
        action="store_true",
        help="table: print every label and relation whole, in the form's words",
    )
    parser.add_argument(
        "--definitions",
        action="store_true",
        help="print the rule definitions (JSON, or YAML with --format yaml) instead",
    )
    parser.add_argument(
        "--rules",
        action="append",
        default=[],
        metavar="RULES",
        help="also list the rules in RULES (.json, .yaml or .yml); may be repeated",
    )
    parser.add_argument(
        "--set",
        choices=("2021", "series", "hierarchy"),
        default="2021",
        help=(
            "which built-in rules: 2021 (RULES_2021, the default), series (the cross-year "
            "rules validate --series runs on each pair of years) or hierarchy (a government "
            "against the sum of its departments, validate --hierarchy)"
        ),
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the rule instances (or definitions)."""
    from govinfo_report.cli._validate import load_rules
    from govinfo_report.rules import instance_rows, rules_to_json, rules_to_yaml

    rules = load_rules(args.rules)
    if args.set != "2021":
        from govinfo_report.rules.series import HIERARCHY_2021, SERIES_2021

        chosen = SERIES_2021 if args.set == "series" else HIERARCHY_2021
        rules = chosen | load_rules(args.rules, builtin=False) if args.rules else chosen
    if args.definitions:
        text = rules_to_yaml(rules) if args.format == "yaml" else rules_to_json(rules) + "\n"
        sys.stdout.write(text)
        return 0
    if args.format == "json":
        sys.stdout.write(json.dumps(instance_rows(rules), ensure_ascii=False, indent=2) + "\n")
    elif args.format == "yaml":
        from govinfo_report.rules._serialise import dump_yaml

        sys.stdout.write(dump_yaml(instance_rows(rules)))
    else:
        sys.stdout.write(rules_table(rules, wide=args.wide) + "\n")
    return 0


def rules_table(rules: RuleSet, *, wide: bool = False, width: int | None = None) -> str:
    """Return the instances as a table: id, severity, label, relation.

    Args:
        rules: The rule set.
        wide: Print every label and relation whole (``relation_text(labels=True)``).
        width: The width to fit (default: the terminal's, else 160 columns).
            Ids and severities are never cut; the label and the relation
            (its compact form) share the rest and are cut with ``…``; when
            that is narrow (an 80-column terminal), each rule is a block
            instead: its id and severity, then its label and its relation
            on lines of their own, indented.

    Returns:
        The table (no trailing line break).
    """
    instances = rules.instances()
    headers: tuple[str, ...] = ("id", "severity", "label", "relation")
    if wide:
        table = [
            [i.id, i.severity.value, i.label_zh, i.relation_text(labels=True)] for i in instances
        ]
    else:
        total = width or shutil.get_terminal_size((_WIDTH, 24)).columns
        id_width = max((len(i.id) for i in instances), default=2)
        rest = total - id_width - _SEVERITY - 6  # three gaps of two columns
        if rest >= _WITH_LABEL:
            label_width = rest * 3 // 8
            relation_width = rest - label_width
            table = [
                [
                    i.id,
                    i.severity.value,
                    clip(i.label_zh, label_width),
                    clip(i.relation_text(labels=True, compact=True), relation_width),
                ]
                for i in instances
            ]
        else:  # a narrow terminal (80 columns): one rule per block, never a cramped column
            return _blocks(instances, total)
    return tabulate(
        table,
        headers=headers,
        tablefmt="simple",
        disable_numparse=True,
    )


def _blocks(instances: Sequence[RuleInstance], width: int) -> str:
    """Each rule as ``id  severity`` and, indented, its label and relation, cut to *width*."""
    room = max(width - len(_INDENT), _NARROWEST)
    lines: list[str] = []
    for i in instances:
        lines.extend(
            (
                f"{i.id}  {i.severity.value}",
                _INDENT + clip(i.label_zh, room),
                _INDENT + clip(i.relation_text(labels=True, compact=True), room),
            )
        )
    return "\n".join(lines)


def _columns(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def clip(text: str, width: int) -> str:
    """Return *text* cut to *width* terminal columns (CJK characters take two), ``…`` marking a cut.

    >>> clip("自然人列：第一项加第二项之和", 12)
    '自然人列：…'
    >>> clip("t3.balance", 12)
    't3.balance'
    """
    if sum(map(_columns, text)) <= width:
        return text
    used = 0
    for end, char in enumerate(text):
        used += _columns(char)
        if used > width - 1:  # room for the …
            return text[:end] + "…"
    return text  # pragma: no cover - the sum above says otherwise
