"""Validating reports vs ``json.loads`` of the same reports' JSON, and batches per second.

Run by hand::

    .venv/bin/python benchmarks/bench_validate.py [REPORT ...] [--generated SEED ...]

For each report (the two seeds and three generated reports by default) it
prints the time of ``json.loads(govinfo_report.dumps(report, format="json"))``,
of ``govinfo_report.validate(report)`` (``RULES_2021``, every rule), and of
validating *and reading what a user reads*: every violation, every reason a
rule was not evaluated (with its messages) and the summary table; then their
ratios to ``json.loads``.  The two sides are measured in alternating batches,
the best batch of each counts, so that a busy machine slows both alike.
The target is a ratio of at most 1.0 for validating and reading.

Then it validates a batch of generated reports one by one and with
``rules.validate_many`` (the identities of all of them summed in one numpy
matrix product, when numpy is installed) and prints reports per second both
ways.

The rule set is compiled once (as any program validating many reports
does); nothing else is kept from one call to the next.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import govinfo_report as gr
from govinfo_report.rules import RULES_2021, validate, validate_many
from govinfo_report.rules._batch import _numpy
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
TARGET = 1.0


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


def validate_and_read(report: Report) -> int:
    """Validate, then read what a user reads: violations, reasons, messages, the summary."""
    result = validate(report)
    read = len(result.summary())
    for v in result.violations:
        read += len(v.message_zh) + len(v.message_en) + len(v.cells)
    for n in result.not_evaluated:
        read += len(n.message_zh) + len(n.message_en) + len(n.reason)
    return read


def _per_second(func: Callable[[], object], count: int, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return count / best


def main(argv: list[str] | None = None) -> int:
    """Print the figures and ratios for each report, then the batch rates; return 0."""
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
    parser.add_argument("--number", type=int, default=500, help="calls per batch")
    parser.add_argument("--rounds", type=int, default=9, help="alternating batches of each")
    parser.add_argument("--batch", type=int, default=500, help="reports in the batch run")
    args = parser.parse_args(argv)

    reports: list[tuple[str, Report]] = [
        (path.stem, gr.load(path)) for path in (args.reports or SEEDS)
    ]
    generated = GENERATED if args.generated is None else args.generated
    reports += [(f"gen-{seed}", gr.generate(seed)) for seed in generated]

    _ = compiled(RULES_2021)  # compile once, as a long-running program would
    print(
        f"{'report':<10} {'json.loads':>11} {'validate':>11} {'ratio':>6}"
        f" {'+ reading':>11} {'ratio':>6}  outcome"
    )
    worst = 0.0
    for name, report in reports:
        text = gr.dumps(report, format="json")
        loads, check = side_by_side(
            lambda text=text: json.loads(text),
            lambda report=report: validate(report),
            number=args.number,
            rounds=args.rounds,
        )
        loads_again, full = side_by_side(
            lambda text=text: json.loads(text),
            lambda report=report: validate_and_read(report),
            number=args.number,
            rounds=args.rounds,
        )
        ratio = full / loads_again
        worst = max(worst, ratio)
        counts = validate(report).counts()
        outcome = " ".join(f"{status.value}={n}" for status, n in counts.items())
        print(
            f"{name:<10} {loads * 1e6:>9.1f}µs {check * 1e6:>9.1f}µs {check / loads:>6.2f}"
            f" {full * 1e6:>9.1f}µs {ratio:>6.2f}  {outcome} ({len(text)} bytes of JSON)"
        )
    print(f"worst ratio (validate and read) / json.loads: {worst:.2f} (target ≤ {TARGET:.2f})")

    batch = [gr.generate(seed) for seed in range(args.batch)]
    one = _per_second(lambda: [validate(r) for r in batch], len(batch), 3)
    many = _per_second(lambda: validate_many(batch), len(batch), 3)
    engine = "numpy" if _numpy() is not None else "no numpy: one by one"
    print(
        f"batch of {len(batch)} generated reports: {one:,.0f} reports/s one by one,"
        f" {many:,.0f} reports/s with validate_many ({engine}), x{many / one:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
