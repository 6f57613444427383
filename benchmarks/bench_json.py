"""Time the JSON and Markdown codecs on the seeds against plain ``json.loads``.

``json.loads`` of a report's JSON is the yardstick other benchmarks compare
with; this prints how long it takes, and how much longer reading a whole
report (``codecs.json.loads``: parse, check every field, build the report)
and writing one take.

Run: ``.venv/bin/python benchmarks/bench_json.py``
"""

from __future__ import annotations

import json
import timeit
from collections.abc import Callable
from pathlib import Path

import govinfo_report as gr
from govinfo_report.codecs import json as gr_json
from govinfo_report.codecs import markdown

CORPUS = Path(__file__).parent.parent / "tests" / "fixtures" / "corpus"


def _best(stmt: Callable[[], object], number: int) -> float:
    """Best of five runs, in microseconds per call."""
    timer = timeit.Timer(stmt)
    return min(timer.repeat(repeat=5, number=number)) / number * 1e6


def _rows(report: gr.Report) -> list[tuple[str, float]]:
    text = gr_json.dumps(report)
    md = markdown.dumps(report)
    return [
        ("json.loads (yardstick)", _best(lambda: json.loads(text), 2000)),
        ("codecs.json.loads", _best(lambda: gr_json.loads(text), 1000)),
        ("codecs.json.dumps", _best(lambda: gr_json.dumps(report), 1000)),
        ("codecs.markdown.loads", _best(lambda: markdown.loads(md), 200)),
        ("codecs.markdown.dumps", _best(lambda: markdown.dumps(report), 200)),
    ]


def main() -> None:
    """Print the timings and the ratios to ``json.loads``."""
    for name in ("seed-000", "seed-004"):
        report = gr.load(CORPUS / f"{name}.txt")
        size = len(gr_json.dumps(report).encode())
        rows = _rows(report)
        yardstick = rows[0][1]
        print(f"{name}: JSON {size} bytes")
        for label, micros in rows:
            print(f"  {label:<24} {micros:9.1f} µs  {micros / yardstick:6.1f}× json.loads")


if __name__ == "__main__":
    main()
