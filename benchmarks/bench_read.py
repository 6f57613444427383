"""Time reading a seed report against ``json.loads`` of the same report's JSON.

Reading the Word text export (split into sections, tokenize, assemble the
tables by their labels, build the immutable report) should cost at most 12
times ``json.loads`` of that report's JSON (``gr.dumps(report,
format="json")``), measured side by side in one run::

    python benchmarks/bench_read.py            # print the timings and the ratio
    python benchmarks/bench_read.py --check    # exit 1 if a ratio is above the target
    python benchmarks/bench_read.py --profile  # where reading a seed spends its time

The figures are the best of several repeats of a loop, so a busy machine
shows in neither side more than the other.  The pipe and PDF renderings of
the same report are timed too, for comparison (no target).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import timeit
from collections.abc import Callable, Sequence
from pathlib import Path

import govinfo_report as gr
from govinfo_report.codecs import pdftext, pipe, text

TARGET = 12.0
ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt"))


def best(function: Callable[[], object], *, repeat: int = 7) -> float:
    """Return the best time of one call, in seconds."""
    timer = timeit.Timer(function)
    number, _ = timer.autorange()
    return min(timer.repeat(repeat=repeat, number=number)) / number


def profile(source: str, *, calls: int = 500, top: int = 20) -> None:
    """Print the functions that reading *source* spends the most time in (cProfile)."""
    profiler = cProfile.Profile()
    profiler.runcall(lambda: [text.loads(source) for _ in range(calls)])
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats("tottime").print_stats(top)


def main(argv: Sequence[str] | None = None) -> int:
    """Print one line per seed and rendering; return 1 with ``--check`` if over target."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help=f"fail above {TARGET:g}x")
    parser.add_argument(
        "--profile", action="store_true", help="profile reading the first seed instead"
    )
    args = parser.parse_args(argv)
    if args.profile:
        profile(SEEDS[0].read_text("utf-8"))
        return 0
    worst = 0.0
    for seed in SEEDS:
        source = seed.read_text("utf-8")
        report = text.loads(source)
        payload = gr.dumps(report, format="json")
        json_time = best(lambda payload=payload: json.loads(payload))
        renderings = {
            "text": (text.loads, source),
            "pipe": (pipe.loads, pipe.dumps(report)),
            "pdftext": (pdftext.loads, pdftext.dumps(report)),
        }
        for name, (reader, rendered) in renderings.items():
            read_time = best(lambda reader=reader, rendered=rendered: reader(rendered))
            ratio = read_time / json_time
            if name == "text":
                worst = max(worst, ratio)
            print(
                f"{seed.name} {name:8} read {read_time * 1e3:7.3f} ms   "
                f"json.loads {json_time * 1e3:6.3f} ms   ratio {ratio:5.1f}x"
                + ("" if name != "text" else f"   (target ≤ {TARGET:g}x)")
            )
    print(f"worst seed ratio (text): {worst:.1f}x")
    return 1 if args.check and worst > TARGET else 0


if __name__ == "__main__":
    sys.exit(main())
