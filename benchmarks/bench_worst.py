"""Time the readers on the worst inputs we can build: the bounded-cost target.

Target: any input up to 100 KB is read by any reader in at most 100 ms on a
2-core machine (lenient mode; strict mode stops earlier).  The inputs:

- glued text whose table-三 rows are long runs of digits (every row as long
  as a row can be and still be split, and longer ones that are not split);
- glued text of many rows full of zeros and small numbers (many ambiguous
  splits) and with vanished blanks;
- ~100 KB of table rows for the pipe, PDF-text, Markdown and Word-export
  readers (a table repeated, long noisy lines, one very long token);
- the auto-detecting loader on each (it may try several readers).

Run: ``.venv/bin/python benchmarks/bench_worst.py [--repeat N]``; prints one
row per input: its size, the median time of N reads and whether it meets
the target.  Exits 1 when an input misses it.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections.abc import Callable

from tabulate import tabulate

import govinfo_report as gr
from govinfo_report.codecs._official_rows import official_rows
from govinfo_report.schema import FORMAT_2021

TARGET_MS = 100.0
LIMIT = 100_000
_T3_LABELS = [row.label for row in FORMAT_2021.table("t3").rows]


def _glued_long_runs(digits_per_row: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    rows = []
    for label in _T3_LABELS:
        run = str(rng.randint(1, 9)) + "".join(
            rng.choice("0123456789") for _ in range(digits_per_row - 1)
        )
        rows.append(label + run)
    head = "二、主动公开政府信息情况三、收到和处理政府信息公开申请情况"
    return head + "".join(rows) + "四、政府信息公开行政复议、行政诉讼情况"


def _glued_ambiguous(seed: int = 2) -> str:
    rng = random.Random(seed)
    rows = []
    for label in _T3_LABELS:
        cells = [rng.choice(["0", "0", "1", "10", "11", "2", "20"]) for _ in range(6)]
        cells = [c for c in cells if rng.random() > 0.15]  # vanished blanks
        rows.append(label + "".join(cells))
    text = "三、收到和处理政府信息公开申请情况" + "".join(rows)
    return (text + "\n") * max(1, LIMIT // (len(text.encode()) + 1))


def _glued_marked(seed: int = 3) -> str:
    """Rows of long digit runs parted by markers: ``4817/20395/66/1`` (every cut weighed)."""
    rng = random.Random(seed)
    rows = []
    for label in _T3_LABELS:
        runs = ["".join(rng.choice("123456789") for _ in range(rng.randint(3, 12))) for _ in "abc"]
        rows.append(label + "/".join(runs))
    text = "三、收到和处理政府信息公开申请情况" + "".join(rows)
    return (text + "\n") * max(1, LIMIT // (len(text.encode()) + 1))


def _repeat(text: str) -> str:
    copies = max(1, LIMIT // len(text.encode("utf-8")))
    return "\n".join([text] * copies)


def _inputs() -> dict[str, tuple[str, str | None]]:
    report = gr.generate(7, size="large")
    rows = official_rows(report)
    pipe_rows = "\n".join(
        "| " + " | ".join([*(c for c in labels if c), *values]) + " |"
        for table in rows.values()
        for labels, values in table
    )
    noisy = "一、本年新收政府信息公开申请数量" + "结果维持" * 2000 + " 1 2 3"
    return {
        "glued, 25 rows of 63 digits": (_glued_long_runs(63), "glued"),
        "glued, 25 rows of 90 digits": (_glued_long_runs(90), "glued"),
        "glued, ambiguous rows, vanished blanks": (_glued_ambiguous(), "glued"),
        "glued, digit runs parted by '/'": (_glued_marked(), "glued"),
        "pipe, a report's tables repeated": (_repeat(pipe_rows), "pipe"),
        "markdown, the report repeated": (_repeat(gr.dumps(report, format="markdown")), None),
        "pdftext, the report repeated": (_repeat(gr.dumps(report, format="pdftext")), "pdftext"),
        "text, the report repeated": (_repeat(gr.dumps(report, format="text")), "text"),
        "pdftext, long noisy lines": (_repeat(noisy), "pdftext"),
        "auto, the report repeated (pipe)": (_repeat(gr.dumps(report, format="pipe")), None),
        "one 100 KB token": ("三、收到和处理政府信息公开申请情况\n" + "一" * 33_000, None),
    }


def _time(call: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main(argv: list[str]) -> int:
    """Print the table; return 1 when an input misses the target."""
    repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 3
    rows = []
    missed = 0
    for name, (text, fmt) in _inputs().items():
        size = len(text.encode("utf-8"))

        def read(text: str = text, fmt: str | None = fmt) -> object:
            return gr.loads(text, format=fmt, lenient=True)

        ms = _time(read, repeat)
        ok = ms <= TARGET_MS
        missed += not ok
        rows.append([name, f"{size / 1000:.1f} KB", f"{ms:.1f}", "yes" if ok else "NO"])
    print(
        tabulate(
            rows,
            headers=["input", "size", "median ms", f"≤ {TARGET_MS:g} ms"],
            tablefmt="github",
            disable_numparse=True,
        )
    )
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
