"""Checking many reports through the CLI: reports per second, CPU use, peak memory.

Run by hand::

    .venv/bin/python benchmarks/bench_batch.py --count 20000 [--count 50000 ...] [--dir DIR]

For each count it generates that many Word-text reports with the library's
generator into DIR (kept between runs; a fifth of them broken on purpose, a
fiftieth garbled), then

* times the library's own loop (``validate(load(path))`` for each file, one
  core) on the first ``--loop`` files (all by default);
* runs ``govinfo-report validate DIR --quiet --jobs 1`` and ``--jobs N``
  (every core) as child processes, timing the wall clock, the CPU time of
  the command and its workers, and sampling the resident memory of the
  whole process tree (the command plus its workers) every 0.1 s;

and prints reports per second, the CPU use of the cores, the peak RSS (the
largest single process, and the whole tree), the ratio of the one-core CLI to
the library's loop (target ≤ 1.2; also as CPU time per report, which a busy
machine does not distort) and the time 10^6 reports would take at the
measured rate on all cores (target < 10 min).  Targets: peak RSS of any
process ≤ 150 MiB at every count.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import govinfo_report as gr
from govinfo_report.batch import default_jobs
from govinfo_report.rules import RULES_2021, validate
from govinfo_report.synthetic import generate

ROOT = Path(__file__).resolve().parent.parent
CLI = Path(sys.executable).parent / "govinfo-report"
MIB = 1024 * 1024


def make_reports(directory: Path, count: int) -> list[Path]:
    """Write *count* generated Word-text reports into *directory* (reused when present)."""
    directory.mkdir(parents=True, exist_ok=True)
    done = directory / ".complete"
    paths = [directory / f"{i // 1000:04d}" / f"report-{i:07d}.txt" for i in range(count)]
    if done.exists() and int(done.read_text()) == count:
        print(f"  reusing {count:,} reports in {directory}")
        return paths
    start = time.perf_counter()
    for i, path in enumerate(paths):
        path.parent.mkdir(exist_ok=True)
        if i % 5 == 1:
            report = generate(
                i, breaking=["t3.row_sum[granted]", "t3.processed_sum[natural_person]"]
            ).report
        else:
            report = generate(i)
        text = gr.dumps(report, format="text")
        if i % 50 == 7:  # garbled: a table cut in the middle
            text = text[: len(text) // 2]
        path.write_text(text, encoding="utf-8")
    done.write_text(str(count))
    print(f"  generated {count:,} reports in {time.perf_counter() - start:.1f} s")
    return paths


def library_loop(paths: list[Path]) -> tuple[float, float]:
    """Return the wall and CPU seconds of ``validate(load(path))`` over *paths*, in this process."""
    start, cpu = time.perf_counter(), time.process_time()
    for path in paths:
        with contextlib.suppress(gr.GovinfoReportError):
            validate(gr.load(path), RULES_2021)
    return time.perf_counter() - start, time.process_time() - cpu


TICK = os.sysconf("SC_CLK_TCK")


def _tree_rss(pid: int, cpu: dict[int, float]) -> tuple[int, int, int]:
    """Return (sum, largest) resident set size and the summed PSS in bytes of *pid* and its descendants.

    RSS counts the pages that processes share (the code the workers inherit
    from the fork server) once per process; PSS divides them among the sharers,
    so its sum is the memory the batch really takes.

    Also record in *cpu* each process's CPU seconds so far (the pool's
    workers are children of its fork server, not of the command, so the
    command's own rusage does not count them).
    """
    total = largest = pss = 0
    stack = [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/stat", encoding="ascii") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
                cpu[p] = (int(fields[11]) + int(fields[12])) / TICK
            with open(f"/proc/{p}/status", encoding="ascii") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        rss = int(line.split()[1]) * 1024
                        total += rss
                        largest = max(largest, rss)
                        break
            with open(f"/proc/{p}/smaps_rollup", encoding="ascii") as rollup:
                for line in rollup:
                    if line.startswith("Pss:"):
                        pss += int(line.split()[1]) * 1024
                        break
            with open(f"/proc/{p}/task/{p}/children", encoding="ascii") as children:
                stack.extend(int(c) for c in children.read().split())
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total, largest, pss


def run_cli(directory: Path, jobs: int) -> dict[str, float]:
    """Run the CLI over *directory*; return wall seconds, CPU seconds and peak RSS figures."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_seen: dict[int, float] = {}
    start = time.perf_counter()
    proc = subprocess.Popen(
        [str(CLI), "validate", str(directory), "--quiet", "--jobs", str(jobs), "--no-progress"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    peak_tree = peak_one = peak_pss = 0
    while proc.poll() is None:
        tree, one, pss = _tree_rss(proc.pid, cpu_seen)
        peak_tree, peak_one = max(peak_tree, tree), max(peak_one, one)
        peak_pss = max(peak_pss, pss)
        time.sleep(0.1)
    wall = time.perf_counter() - start
    out = proc.stdout.read() if proc.stdout else ""
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    own = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    cpu_seen.pop(proc.pid, None)  # counted exactly by rusage
    cpu = own + sum(cpu_seen.values())
    print(f"    {out.splitlines()[0] if out else '(no output)'}")
    return {
        "wall": wall,
        "cpu": cpu,
        "peak_tree": peak_tree / MIB,
        # Sampled only: the rusage high-water mark of children would count this
        # benchmark's own memory, which a child shares between fork and exec.
        "peak_one": peak_one / MIB,
        "peak_pss": peak_pss / MIB,
    }


def main() -> None:
    """Print the figures for each count."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, action="append", help="reports (repeatable)")
    parser.add_argument("--dir", type=Path, help="where to generate (default: a temp dir)")
    parser.add_argument("--loop", type=int, help="files for the library's loop (default: all)")
    parser.add_argument("--jobs", type=int, default=default_jobs(), help="cores for the pool")
    parser.add_argument("--skip-one-core", action="store_true", help="skip the --jobs 1 run")
    args = parser.parse_args()
    base = args.dir or Path(tempfile.gettempdir()) / "govinfo-bench-batch"
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, pool of {args.jobs}")
    for count in args.count or [20000]:
        print(f"\n{count:,} reports")
        directory = base / str(count)
        paths = make_reports(directory, count)
        loop_paths = paths[: args.loop] if args.loop else paths
        wall, cpu = library_loop(loop_paths)
        loop, loop_cpu = wall / len(loop_paths), cpu / len(loop_paths)
        print(
            f"  library loop (1 core): {loop * 1e3:.2f} ms/report, {1 / loop:,.0f} reports/s, "
            f"CPU {loop_cpu * 1e3:.2f} ms/report (over {len(loop_paths):,})"
        )
        runs = [] if args.skip_one_core else [1]
        runs.append(args.jobs)
        for jobs in runs:
            figures = run_cli(directory, jobs)
            per = figures["wall"] / count
            print(
                f"  CLI --jobs {jobs}: {figures['wall']:.1f} s, {count / figures['wall']:,.0f} "
                f"reports/s, CPU {figures['cpu']:.1f} s = {figures['cpu'] / figures['wall']:.2f} "
                f"of {jobs} core(s) busy; peak RSS {figures['peak_one']:.0f} MiB per process, "
                f"{figures['peak_tree']:.0f} MiB whole tree (PSS {figures['peak_pss']:.0f} MiB)"
            )
            cpu_per = figures["cpu"] / count
            print(
                f"    CPU per report {cpu_per * 1e3:.2f} ms: {cpu_per / loop_cpu:.2f} × the "
                f"library loop's (the overhead of the CLI, whatever the load on the machine)"
            )
            if jobs == 1:
                print(f"    CLI / library loop, one core, wall: {per / loop:.2f} (target ≤ 1.2)")
            else:
                print(
                    f"    speed-up over the library loop: {loop / per:.2f}; 10^6 reports: "
                    f"{per * 1e6 / 60:.1f} min at this rate, {cpu_per * 1e6 / jobs / 60:.1f} min "
                    f"with {jobs} idle cores at this CPU cost (target < 10)"
                )


if __name__ == "__main__":
    main()
