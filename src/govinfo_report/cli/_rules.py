"""``govinfo-report rules``: list every rule instance."""

from __future__ import annotations

import argparse
import json
import sys

from tabulate import tabulate

__all__ = ["register", "run"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``rules`` subcommand."""
    parser = sub.add_parser(
        "rules",
        help="list every rule instance: id, severity, label and relation",
        description=(
            "List every instance of RULES_2021 (quantifiers expanded): its id, severity, "
            "label and relation as the form prints it. --format json or yaml gives the same "
            "list as data; --definitions prints the rule set itself (one entry per rule, "
            "loadable with validate --rules)."
        ),
    )
    parser.add_argument(
        "--format",
        choices=("table", "json", "yaml"),
        default="table",
        help="output format (default table)",
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
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the rule instances (or definitions)."""
    from govinfo_report.cli._validate import load_rules
    from govinfo_report.rules import instance_rows, rules_to_json, rules_to_yaml

    rules = load_rules(args.rules)
    if args.definitions:
        text = rules_to_yaml(rules) if args.format == "yaml" else rules_to_json(rules) + "\n"
        sys.stdout.write(text)
        return 0
    rows = instance_rows(rules)
    if args.format == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif args.format == "yaml":
        from govinfo_report.rules._serialise import dump_yaml

        sys.stdout.write(dump_yaml(rows))
    else:
        table = [[r["id"], r["severity"], r["label_zh"], r["relation_zh"]] for r in rows]
        sys.stdout.write(
            tabulate(
                table,
                headers=("id", "severity", "label", "relation"),
                tablefmt="simple",
                disable_numparse=True,
            )
            + "\n"
        )
    return 0
