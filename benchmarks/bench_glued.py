"""Speed of glued-digit splitting, and of the glued-text and HTML readers.

Run by hand::

    .venv/bin/python benchmarks/bench_glued.py

It prints:

* the time to split one table-三 row glued from six random cells of a given
  size plus their 总计 (``sum_splits``), and one table-四 row
  (``chained_sum_splits``), with how often a row has more than one split
  that satisfies its identity;
* degenerate runs (all ``9``, all ``1``), the worst inputs for the search:
  every total length passes the digit-sum test, so every cut is tried;
* whole reads — corpus 001 (glued), corpus 042 (HTML) and the two seeds
  written as glued text and as HTML — next to ``json.loads`` of the same
  report's JSON, as a ratio.

Figures are the best of several repeats.
"""

from __future__ import annotations

import json
import random
import statistics
import time
import timeit
from collections.abc import Callable
from pathlib import Path

import govinfo_report as gr
from govinfo_report.codecs import glued, html
from govinfo_report.codecs._split import chained_sum_splits, sum_splits

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "fixtures" / "corpus"


def best(function: Callable[[], object], *, repeat: int = 5) -> float:
    """The best time of one call, in seconds."""
    timer = timeit.Timer(function)
    number, _ = timer.autorange()
    return min(timer.repeat(repeat=repeat, number=number)) / number


def rows(rng: random.Random, largest: int, items: int, groups: int) -> list[str]:
    """Runs of *groups* groups of *items* random cells followed by their sum."""
    out = []
    for _ in range(200):
        values: list[int] = []
        for _ in range(groups):
            cells = [rng.randint(0, largest) for _ in range(items)]
            values += [*cells, sum(cells)]
        out.append("".join(map(str, values)))
    return out


def split_table(name: str, split: Callable[[str], object], runs: list[str]) -> None:
    """Print mean and worst time per run and the share of ambiguous runs."""
    times = []
    ambiguous = 0
    for run in runs:
        start = time.perf_counter()
        found = split(run)
        times.append(time.perf_counter() - start)
        ambiguous += found is None or len(found) > 1  # type: ignore[arg-type]
    mean = statistics.fmean(times) * 1e3
    worst = max(times) * 1e3
    length = statistics.fmean(len(r) for r in runs)
    print(
        f"  {name:<28} {length:5.1f} digits  mean {mean:7.3f} ms  worst {worst:7.3f} ms  "
        f"ambiguous {ambiguous / len(runs):5.1%}"
    )


def main() -> None:
    """Print the figures."""
    rng = random.Random(2021)
    print("table 三 rows (six cells and 总计, sum_splits):")
    for largest in (9, 99, 999, 9_999, 99_999):
        split_table(f"cells up to {largest}", lambda r: sum_splits(r, 6), rows(rng, largest, 6, 1))
    print("table 四 rows (three groups of four and 总计, chained_sum_splits):")
    for largest in (9, 99, 999, 9_999):
        split_table(
            f"cells up to {largest}",
            lambda r: chained_sum_splits(r, 3, 4),
            rows(rng, largest, 4, 3),
        )
    print("degenerate runs (no digit-sum pruning):")
    for run in ("9" * 30, "9" * 45, "9" * 60, "1" * 60, "9" * 100):
        seconds = best(lambda run=run: sum_splits(run, 6), repeat=3)
        print(f"  sum_splits('{run[0]}' * {len(run):<3})  {seconds * 1e3:9.2f} ms")

    print("whole reads vs json.loads of the same report:")
    cases: list[tuple[str, Callable[[], gr.Report], gr.Report]] = []
    text_001 = (CORPUS / "001.txt").read_text("utf-8")
    cases.append(("001 glued", lambda: glued.loads(text_001), glued.loads(text_001)))
    page_042 = (CORPUS / "042.html").read_text("utf-8")
    cases.append(
        (
            "042 html",
            lambda: html.loads(page_042, lenient=True),
            html.loads(page_042, lenient=True),
        )
    )
    for seed in ("seed-000", "seed-004"):
        report = gr.load(CORPUS / f"{seed}.txt")
        as_glued, as_html = glued.dumps(report), html.dumps(report)
        cases.append((f"{seed} glued", lambda t=as_glued: glued.loads(t), report))
        cases.append((f"{seed} html", lambda t=as_html: html.loads(t), report))
    for name, read, report in cases:
        data = gr.dumps(report, format="json")
        yardstick = best(lambda data=data: json.loads(data))
        seconds = best(read)
        print(
            f"  {name:<16} {seconds * 1e3:8.2f} ms   json.loads {yardstick * 1e6:7.1f} µs   "
            f"ratio {seconds / yardstick:7.1f}"
        )


if __name__ == "__main__":
    main()
