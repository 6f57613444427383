"""Time and peak memory of every reader and of validation on large inputs, up to the size limits.

Run by hand from the repository root::

    .venv/bin/python benchmarks/bench_limits.py              # 1, 4 and 16 MiB
    .venv/bin/python benchmarks/bench_limits.py --sizes 1 2 --formats text glued

Each input is a generated report written in one format and grown to the
size in one of two ways: ``prose`` (section 一 repeated, as long reports
are) and ``rows`` (one table row printed again and again: the worst case
for readers that search rows); ``--ways nested`` also wraps the HTML page
in as many ``<div>`` as fit (markup nested hundreds of thousands deep), and
``--ways mentions`` grows section 一 with sentences full of the figures the
prose checks read, every one wrong (the worst case for validation: every
sentence is searched, and every passage is named in a violation).  Each reading runs in a fresh subprocess,
strict and lenient; the script prints the CPU seconds, the peak RSS and
its ratio to the input size, and the input's limit
(``govinfo_report.codecs.FORMATS[name].max_bytes``).  A reading over
``--timeout`` seconds is stopped and printed as such.

Figures on a shared 2-core machine, each format at 16 MiB (CPU seconds to
read, peak RSS of the reading interpreter, about 23 MB of it the interpreter
and the library): json 0.07 s / 60 MB; markdown, text, pipe 0.1–0.5 s /
80–120 MB; pdftext 0.3–1.3 s / 84–140 MB; html 0.4–1.2 s / 124–193 MB (8
MiB of nothing but nested ``<div>``: 11.4 s / 470 MB, 59× the input, the
reason for its 8 MiB limit); glued at its 4 MiB limit 0.2–0.5 s / 56–77 MB
(19×; 16 MiB: 2.3 s / 250 MB).  Validation (and reading what it found) adds
0.1–0.35 s at 16 MiB of ordinary prose; ``mentions`` adds 0.26 s a MiB,
linearly (16 MiB: 4.2 s, 420 MB: every sentence is a figure, and every one
is named in a violation).  ``benchmarks/bench_file_limits.py`` measures the
PDF and Word readers.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import govinfo_report as gr
from govinfo_report.codecs import FORMATS

MIB = 1 << 20

_CHILD = """
import json, sys, time
import govinfo_report as gr
path, fmt, lenient = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
start = time.process_time()
outcome = "ok"
try:
    report = gr.load(path, format=fmt, lenient=lenient, max_bytes=1 << 40)
    read = time.process_time() - start
    result = gr.validate(report)
    result.violations, result.not_evaluated, result.summary()  # what a user reads
except gr.GovinfoReportError as exc:
    outcome = "refused: " + type(exc).__name__
    read = time.process_time() - start
total = time.process_time() - start
# the peak RSS of this interpreter: VmHWM (ru_maxrss would count the parent's memory too,
# since the child is forked from it before it runs this interpreter)
rss = int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) * 1024
print(json.dumps({"read": read, "total": total, "rss": rss, "outcome": outcome}))
"""


def grown(fmt: str, size: int, how: str) -> str:
    """A report in *fmt* grown to about *size* bytes."""
    report = gr.generate(seed="limits")
    text = gr.dumps(report, format=fmt)
    if how == "prose":
        piece = (report.sections[0].text or "本年度政府信息公开工作稳步推进。") + "\n"
        copies = max(1, (size - len(text.encode())) // len(piece.encode()))
        long = report.with_section(1, text=piece * copies)
        return gr.dumps(long, format=fmt)
    if how == "mentions":
        piece = "本年新收申请99件，上年结转88件，结转下年度77件；行政复议66件，行政诉讼55件。\n"
        copies = max(1, (size - len(text.encode())) // len(piece.encode()))
        return gr.dumps(report.with_section(1, text=piece * copies), format=fmt)
    if how == "nested":  # the page inside divs nested as deep as the size allows
        depth = max(1, (size - len(text.encode())) // len("<div></div>"))
        return "<div>" * depth + text + "</div>" * depth
    lines = text.split("\n")
    row = max(range(len(lines)), key=lambda i: sum(ch.isdigit() for ch in lines[i]))
    copies = max(1, (size - len(text.encode())) // max(1, len(lines[row].encode()) + 1))
    return "\n".join([*lines[: row + 1], *([lines[row]] * copies), *lines[row + 1 :]])


def measure(path: Path, fmt: str, lenient: bool, timeout: float) -> dict[str, object]:
    """One reading (and validation) in a fresh interpreter."""
    return run_child(_CHILD, [str(path), fmt, "1" if lenient else "0"], timeout)


def run_child(code: str, arguments: list[str], timeout: float) -> dict[str, object]:
    """The JSON that *code* prints, run in a fresh interpreter (or how it failed)."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", code, *arguments],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return {"outcome": f"over {timeout:g} s"}
    if done.returncode != 0:
        return {"outcome": f"crash: {done.stderr.strip().splitlines()[-1][:80]}"}
    result: dict[str, object] = json.loads(done.stdout)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 4, 16], help="MiB")
    parser.add_argument(
        "--formats",
        nargs="+",
        default=["json", "markdown", "text", "pipe", "pdftext", "html", "glued"],
    )
    parser.add_argument(
        "--ways",
        nargs="+",
        default=["prose", "rows"],
        choices=["prose", "rows", "nested", "mentions"],
    )
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per reading")
    args = parser.parse_args()
    print(
        f"{'format':9} {'grown':6} {'MiB':>5} {'mode':7} {'read s':>7} {'+valid.':>7} "
        f"{'RSS MiB':>8} {'RSS/in':>7}  outcome (limit)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in args.formats:
            for how in args.ways:
                if (how == "rows" and fmt == "json") or (how == "nested" and fmt != "html"):
                    continue  # a JSON key printed twice is refused; only HTML nests
                for mib in args.sizes:
                    size = int(mib * MIB)
                    data = grown(fmt, size, how).encode("utf-8")
                    path = Path(tmp) / f"input.{fmt}"
                    path.write_bytes(data)
                    for lenient in (False, True):
                        r = measure(path, fmt, lenient, args.timeout)
                        mode = "lenient" if lenient else "strict"
                        limit = FORMATS[fmt].max_bytes // MIB
                        if "rss" in r:
                            rss = float(r["rss"])  # type: ignore[arg-type]
                            read = float(r["read"])  # type: ignore[arg-type]
                            total = float(r["total"])  # type: ignore[arg-type]
                            print(
                                f"{fmt:9} {how:6} {len(data) / MIB:5.1f} {mode:7} {read:7.2f} "
                                f"{total - read:7.2f} {rss / MIB:8.0f} {rss / len(data):7.1f}  "
                                f"{r['outcome']} ({limit} MiB)",
                                flush=True,
                            )
                        else:
                            print(
                                f"{fmt:9} {how:6} {len(data) / MIB:5.1f} {mode:7} "
                                f"{'':7} {'':7} {'':8} {'':7}  {r['outcome']} ({limit} MiB)",
                                flush=True,
                            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
