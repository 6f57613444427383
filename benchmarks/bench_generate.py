"""Throughput of the seeded generator and of the Hypothesis strategies.

The target is 10,000 valid reports per second on one core for
``generate(seed)``.  Building the :class:`~govinfo_report.Report` itself
(``Report.from_flat``) is timed apart, so the figures show how much of a
report's cost is drawing and writing and how much is the model.

Run: ``.venv/bin/python benchmarks/bench_generate.py``
"""

from __future__ import annotations

import random
import time
import timeit
from collections.abc import Callable

from hypothesis import HealthCheck, given, settings

from govinfo_report.schema import Report
from govinfo_report.strategies import invalid_reports, reports
from govinfo_report.synthetic import SIZES, generate, generate_batch
from govinfo_report.synthetic._api import _draw
from govinfo_report.synthetic._build import report_of
from govinfo_report.synthetic._draw import cells_of
from govinfo_report.synthetic._narrative import write

TARGET = 10_000
"""Valid reports per second that ``generate`` should reach on one core."""


def _rate(run: Callable[[int], object], n: int, repeat: int = 5) -> float:
    """Best of *repeat* runs of ``run(n)``, in calls per second."""
    best = min(timeit.repeat(lambda: run(n), number=1, repeat=repeat))
    return n / best


def _generate(n: int, **options: str) -> None:
    for seed in range(n):
        generate(seed, **options)  # type: ignore[arg-type]


def _parts(n: int) -> None:
    """Everything ``generate`` does except building the Report."""
    for seed in range(n):
        values, words, _ = _draw(random.Random(seed), None, None, None)
        write(words, cells_of(values))


def _from_flat(n: int) -> None:
    report = generate(1)
    flat, meta, sections = report.flat_cells, report.meta, report.sections
    for _ in range(n):
        Report.from_flat(flat, meta=meta, sections=sections)


def _shared_rows(n: int) -> None:
    """What the generator does instead: the same report, all-zero rows shared."""
    report = generate(1)
    flat = report.flat_cells
    words = _draw(random.Random(1), None, None, None)[1]
    for _ in range(n):
        report_of(flat, words)


def _examples(strategy: object, n: int) -> float:
    """Examples per second Hypothesis draws from *strategy* (database off)."""

    @settings(
        max_examples=n,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def draw(_: object) -> None:
        pass

    start = time.perf_counter()
    draw()
    return n / (time.perf_counter() - start)


def main() -> None:
    """Print reports per second and the ratio to the target."""
    n = 5000
    for seed in range(200):  # warm the caches (the oracle, cached cells and sections)
        generate(seed)
    mixed = _rate(_generate, n)
    print(
        f"generate(seed), mixed kinds and sizes: {mixed:9,.0f} reports/s  "
        f"({mixed / TARGET:.2f}× the {TARGET:,}/s target)"
    )
    for size in SIZES:
        rate = _rate(lambda k, size=size: _generate(k, size=size), n // 2)
        print(f"  size={size:<7}                        {rate:9,.0f} reports/s")
    batch = _rate(lambda k: sum(1 for _ in generate_batch(k, seed="bench")), n)
    print(f"generate_batch (str seeds):             {batch:9,.0f} reports/s")
    slash = _rate(lambda k: _generate(k, blanks="slash"), n)
    print(f"generate(seed, blanks='slash'):         {slash:9,.0f} reports/s")
    parts = _rate(_parts, n)
    shared = _rate(_shared_rows, n)
    model = _rate(_from_flat, n)
    print(f"  drawing + prose:                      {1e6 / parts:9.1f} µs/report")
    print(f"  building the Report (shared rows):    {1e6 / shared:9.1f} µs/report")
    print(f"  (Report.from_flat, for comparison):   {1e6 / model:9.1f} µs/report")

    ids = ["t3.row_sum[granted]", "t3.processed_sum[natural_person]"]
    generate(0, breaking=ids)
    broken = _rate(lambda k: [generate(s, breaking=ids) for s in range(k)], n // 5)
    print(f"generate(seed, breaking=[2 ids]):       {broken:9,.0f} reports/s")
    mutated = _rate(lambda k: [generate(s, mutations=["typo"]) for s in range(k)], n // 5)
    print(f"generate(seed, mutations=['typo']):     {mutated:9,.0f} reports/s")

    for label, strategy in (
        ("reports()", reports()),
        ("reports(blanks=BLANKS)", reports(blanks=("zero", "blank", "slash"))),
        ("invalid_reports()", invalid_reports()),
        ("invalid_reports(break_rules=…)", invalid_reports(break_rules=ids)),
    ):
        rate = _examples(strategy, 300)
        print(f"Hypothesis {label:<31} {rate:9,.0f} examples/s")


if __name__ == "__main__":
    main()
