"""Validating one report with every rule vs ``json.loads`` of the same report's JSON.

Run by hand::

    .venv/bin/python benchmarks/bench_validate.py [REPORT ...] [--generated SEED ...]

For each report (the two seeds and three generated reports by default) it
prints the time of ``json.loads(govinfo_report.dumps(report, format="json"))``
and of ``govinfo_report.validate(report)`` (``RULES_2021``, every rule), and
their ratio.  The two are measured side by side in one run: timed in
alternating batches, the best batch of each counts, so that a busy machine
slows both alike.  The target is a ratio of at most 0.8 on both seeds (so that
it stays below 1.0 on a loaded machine).

The rule set is compiled once (as any program validating many reports
does); nothing else is kept from one call to the next: each ``validate``
call reads the 200 cells, checks every identity, bound and prose rule, and
builds the result.  A third column times the table rules alone (the 42
identities and the 200 bounds), to show where the time goes.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import govinfo_report as gr
from govinfo_report.rules import RULES_2021, validate
from govinfo_report.rules._compile import compiled

if TYPE_CHECKING:
    from collections.abc import Callable

    from govinfo_report.schema import Report

ROOT = Path(__file__).resolve().parent.parent
SEEDS = (
    ROOT / "tests" / "fixtures" / "corpus" / "seed-000.txt",
    ROOT / "tests" / "fixtures" / "corpus" / "seed-004.txt",
)
GENERATED = (1, 2, 3)
TARGET = 0.8


def _batch(func: Callable[[], object], number: int) -> float:
    start = time.perf_counter()
    for _ in range(number):
        func()
    return (time.perf_counter() - start) / number


def side_by_side(
    a: Callable[[], object], b: Callable[[], object], *, number: int, rounds: int
) -> tuple[float, float]:
    """Return the best per-call time of *a* and of *b*, timed in alternating batches."""
    best_a = best_b = float("inf")
    for _ in range(rounds):
        best_a = min(best_a, _batch(a, number))
        best_b = min(best_b, _batch(b, number))
    return best_a, best_b


def main(argv: list[str] | None = None) -> int:
    """Print both figures and the ratio for each report; return 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reports", nargs="*", type=Path, help="report files (default: the seeds)")
    parser.add_argument(
        "--generated",
        nargs="*",
        type=int,
        default=None,
        metavar="SEED",
        help=f"also time govinfo_report.generate(SEED) (default: {' '.join(map(str, GENERATED))})",
    )
    parser.add_argument("--number", type=int, default=2000, help="calls per batch")
    parser.add_argument("--rounds", type=int, default=15, help="alternating batches of each")
    args = parser.parse_args(argv)

    reports: list[tuple[str, Report]] = [
        (path.stem, gr.load(path)) for path in (args.reports or SEEDS)
    ]
    generated = GENERATED if args.generated is None else args.generated
    reports += [(f"gen-{seed}", gr.generate(seed)) for seed in generated]

    tables = RULES_2021.select(tags=["identity", "domain"])
    _ = compiled(RULES_2021), compiled(tables)  # compile once, as a long-running program would
    print(
        f"{'report':<10} {'json.loads':>11} {'validate':>11} {'ratio':>6}"
        f" {'tables only':>12} {'ratio':>6}  outcome (all rules)"
    )
    seeds_worst = worst = 0.0
    for name, report in reports:
        text = gr.dumps(report, format="json")
        result = validate(report)
        loads, check = side_by_side(
            lambda text=text: json.loads(text),
            lambda report=report: validate(report),
            number=args.number,
            rounds=args.rounds,
        )
        loads_again, table_check = side_by_side(
            lambda text=text: json.loads(text),
            lambda report=report: validate(report, tables),
            number=args.number,
            rounds=args.rounds,
        )
        ratio = check / loads
        worst = max(worst, ratio)
        if not name.startswith("gen-"):
            seeds_worst = max(seeds_worst, ratio)
        counts = result.counts()
        outcome = " ".join(f"{status.value}={n}" for status, n in counts.items())
        print(
            f"{name:<10} {loads * 1e6:>9.1f}µs {check * 1e6:>9.1f}µs {ratio:>6.2f}"
            f" {table_check * 1e6:>10.1f}µs {table_check / loads_again:>6.2f}"
            f"  {outcome} ({len(text)} bytes of JSON)"
        )
    print(
        f"worst ratio validate (all rules) / json.loads: {worst:.2f};"
        f" on the files given: {seeds_worst:.2f} (target ≤ {TARGET:.2f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
