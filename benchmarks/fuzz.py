"""Fuzz every reader and validation by hand: millions of mutated reports, outcome counts per reader.

Run from the repository root (low priority, as long as you like)::

    nice -n 19 .venv/bin/python benchmarks/fuzz.py --inputs 1000000 --workers 2 --out fuzz-findings

Each input is a corpus or generated report (``tests/fuzzing.py``) with one
to four mutations drawn from ``random.Random(f"{seed}:{i}")`` (so input
*i* is the same on every machine: ``--replay I`` rebuilds it), read by
every reader (auto-detected and each format forced, strict and lenient),
then, when a report comes back, validated.  Every run ends in one outcome:

``ok``        a report that passes the oracle (every number printed in the input, JSON round trip)
``refused``   a library error (GovinfoReportError): fine
``crash``     any other exception
``hang``      over ``--budget`` CPU seconds (per reading; the worker is killed past ``--kill``)
``memory``    over ``--memory`` MB of address space (MemoryError)
``invented``  a number whose digits are not printed in the input, or a broken JSON round trip

Validation of each report read is counted under the reader ``validate``.
The first ``--keep`` findings of each reader and kind are written to
``--out`` (the input and a line saying what happened), and the counts are
printed every ``--every`` inputs and at the end.
"""

from __future__ import annotations

import argparse
import collections
import multiprocessing as mp
import os
import queue
import random
import resource
import signal
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fuzzing import (  # noqa: E402
    READERS,
    check_report,
    mutate,
    mutate_bytes,
    seed_inputs,
)

import govinfo_report as gr  # noqa: E402
from govinfo_report.exceptions import GovinfoReportError  # noqa: E402

KINDS = ("ok", "refused", "crash", "hang", "memory", "invented")


class _Random:
    """Mutation choices from a seeded ``random.Random``."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def integer(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)

    def pick(self, options: tuple[object, ...]) -> object:
        return self.rng.choice(options)


class _HangError(Exception):
    pass


def _alarm(_signum: int, _frame: object) -> None:
    raise _HangError


def make_input(seed: str, index: int) -> tuple[str, str | bytes]:
    """Input *index*: ``(seed name, mutated text or bytes)``."""
    rng = random.Random(f"{seed}:{index}")
    name, text = rng.choice(seed_inputs())
    choose = _Random(rng)
    if rng.random() < 0.1:  # damaged bytes, for the decoder
        encoding = rng.choice(("utf-8", "utf-16", "gb18030"))
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            data = text.encode("utf-8")
        return name, mutate_bytes(data, choose)  # type: ignore[arg-type]
    return name, mutate(text, choose)  # type: ignore[arg-type]


def _label(fmt: str | None, lenient: bool) -> str:
    return f"{fmt or 'auto'}{'~' if lenient else ''}"


def _timed(call, budget: float):  # type: ignore[no-untyped-def]
    """``(kind, result, detail, seconds)`` of one call under a time budget."""
    signal.setitimer(signal.ITIMER_PROF, budget)  # CPU time: a busy machine is no hang
    start = time.perf_counter()
    try:
        result = call()
        return "ok", result, "", time.perf_counter() - start
    except _HangError:
        return "hang", None, f"over {budget} s", time.perf_counter() - start
    except GovinfoReportError:
        return "refused", None, "", time.perf_counter() - start
    except MemoryError:
        return "memory", None, "MemoryError", time.perf_counter() - start
    except Exception as exc:
        where = traceback.extract_tb(exc.__traceback__)[-1]
        detail = (
            f"{type(exc).__name__}: {str(exc)[:200]} at {Path(where.filename).name}:{where.lineno}"
        )
        return "crash", None, detail, time.perf_counter() - start
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)


def run_input(seed: str, index: int, budget: float) -> list[tuple[str, str, str]]:
    """Read input *index* with every reader: ``[(reader, kind, detail)]``."""
    _, raw = make_input(seed, index)
    if isinstance(raw, str):
        printed = raw
    else:
        try:
            printed = gr.codecs.decode(raw, lenient=True)
        except GovinfoReportError:  # binary: every reader refuses it, nothing to compare
            printed = raw.decode("utf-8", "replace")
    out: list[tuple[str, str, str]] = []
    for fmt, lenient in READERS:
        kind, report, detail, _ = _timed(
            lambda fmt=fmt, lenient=lenient: gr.loads(raw, format=fmt, lenient=lenient), budget
        )
        if kind == "ok":
            verdict, problem, detail, _ = _timed(lambda r=report: check_report(r, printed), budget)
            if verdict == "ok" and problem is not None:
                kind, detail = "invented", problem
            elif verdict != "ok":
                kind, detail = verdict, f"oracle: {detail}"
        out.append((_label(fmt, lenient), kind, detail))
        if report is not None:
            vkind, _, vdetail, _ = _timed(lambda r=report: gr.validate(r), budget)
            out.append(("validate", vkind, vdetail))
    return out


def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of process *pid* so far, from /proc (wall time where there is none)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return time.monotonic()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _worker(seed: str, budget: float, memory_mb: int, tasks: mp.Queue, results: mp.Queue) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.nice(19)
    if memory_mb:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    signal.signal(signal.SIGPROF, _alarm)
    while True:
        index = tasks.get()
        if index is None:
            return
        results.put(("start", index, os.getpid()))
        results.put(("done", index, run_input(seed, index, budget)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--inputs", type=int, default=10_000, help="how many inputs (default 10,000)"
    )
    parser.add_argument("--start", type=int, default=0, help="the first input's index")
    parser.add_argument("--seed", default="fuzz", help="the seed of the mutations")
    parser.add_argument("--workers", type=int, default=max(1, (os.cpu_count() or 2) - 1))
    parser.add_argument(
        "--budget", type=float, default=2.0, help="seconds per reading (hang past it)"
    )
    parser.add_argument(
        "--kill",
        type=float,
        default=60.0,
        help="CPU seconds per input (all readers) before the worker is killed",
    )
    parser.add_argument(
        "--memory", type=int, default=2048, help="address-space limit per worker, MB"
    )
    parser.add_argument(
        "--minutes", type=float, default=0, help="stop after this many minutes (0: no limit)"
    )
    parser.add_argument("--every", type=int, default=1000, help="print the counts every N inputs")
    parser.add_argument("--keep", type=int, default=5, help="findings kept per reader and kind")
    parser.add_argument(
        "--out", type=Path, default=Path("fuzz-findings"), help="where findings go"
    )
    parser.add_argument(
        "--replay", type=int, help="print input I's outcomes (and write it to --out)"
    )
    args = parser.parse_args(argv)

    if args.replay is not None:
        signal.signal(signal.SIGPROF, _alarm)
        name, raw = make_input(args.seed, args.replay)
        args.out.mkdir(parents=True, exist_ok=True)
        path = args.out / f"replay-{args.replay}.{'bin' if isinstance(raw, bytes) else 'txt'}"
        path.write_bytes(raw if isinstance(raw, bytes) else raw.encode("utf-8", "surrogatepass"))
        print(f"input {args.replay} (from {name}) written to {path}")
        for reader, kind, detail in run_input(args.seed, args.replay, args.budget):
            print(f"{reader:12} {kind:9} {detail}")
        return 0

    def stop(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)  # kill PID: print the counts so far, then stop
    signal.signal(signal.SIGINT, stop)
    counts: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    kept: collections.Counter[tuple[str, str]] = collections.Counter()
    args.out.mkdir(parents=True, exist_ok=True)
    findings = (args.out / "findings.txt").open("a", encoding="utf-8")
    tasks: mp.Queue = mp.Queue()
    results: mp.Queue = mp.Queue()
    end = args.start + args.inputs
    for index in range(args.start, end):
        tasks.put(index)
    workers: dict[int, mp.Process] = {}
    running: dict[int, tuple[int, float]] = {}  # pid -> (input, started)

    def spawn() -> None:
        process = mp.Process(
            target=_worker, args=(args.seed, args.budget, args.memory, tasks, results), daemon=True
        )
        process.start()
        workers[process.pid] = process  # type: ignore[index]

    for _ in range(args.workers):
        spawn()
    started = time.monotonic()
    done = 0

    def record(index: int, reader: str, kind: str, detail: str) -> None:
        counts[reader][kind] += 1
        if kind in {"ok", "refused"} or kept[reader, kind] >= args.keep:
            return
        kept[reader, kind] += 1
        name, raw = make_input(args.seed, index)
        suffix = "bin" if isinstance(raw, bytes) else "txt"
        path = args.out / f"{reader.replace('~', '-lenient')}-{kind}-{index}.{suffix}"
        path.write_bytes(raw if isinstance(raw, bytes) else raw.encode("utf-8", "surrogatepass"))
        findings.write(f"input {index} (from {name}) {reader} {kind}: {detail}\n")
        findings.flush()

    try:
        while done < args.inputs:
            if args.minutes and time.monotonic() - started > args.minutes * 60:
                print(f"stopped after {args.minutes} minutes", flush=True)
                break
            try:
                message = results.get(timeout=1.0)
            except queue.Empty:
                message = None
            if message is not None and message[0] == "start":
                running[message[2]] = (message[1], _cpu_seconds(message[2]))
            elif message is not None:
                _, index, outcomes = message
                running = {p: v for p, v in running.items() if v[0] != index}
                for reader, kind, detail in outcomes:
                    record(index, reader, kind, detail)
                done += 1
                if done % args.every == 0:
                    _print(counts, done, time.monotonic() - started)
            for pid, (index, since) in list(running.items()):
                process = workers[pid]
                if not process.is_alive():  # the worker itself died (a bug of this script)
                    workers.pop(pid).join()
                    del running[pid]
                    record(index, "input", "crash", f"worker died, exit code {process.exitcode}")
                    done += 1
                    spawn()
                elif _cpu_seconds(pid) - since > args.kill:  # stuck past every alarm: kill it
                    process.kill()
                    workers.pop(pid).join()
                    del running[pid]
                    record(index, "input", "hang", f"worker killed after {args.kill} CPU s")
                    done += 1
                    spawn()
            for pid, process in list(workers.items()):
                if not process.is_alive() and pid not in running:
                    workers.pop(pid)
                    if done + len(running) < args.inputs:
                        spawn()
    except KeyboardInterrupt:
        print("interrupted", flush=True)
    finally:
        for process in workers.values():
            process.kill()
            process.join()
        findings.close()
        tasks.cancel_join_thread()  # the inputs never run: do not wait to flush them at exit
        results.cancel_join_thread()
    _print(counts, done, time.monotonic() - started)
    return 0


def _print(counts: dict[str, collections.Counter[str]], done: int, seconds: float) -> None:
    print(
        f"\n{done:,} inputs in {seconds / 60:.1f} min ({done / max(seconds, 1e-9):.1f} inputs/s)"
    )
    print(f"{'reader':12}" + "".join(f"{kind:>10}" for kind in KINDS))
    for reader in sorted(counts):
        row = counts[reader]
        print(f"{reader:12}" + "".join(f"{row[kind]:>10,}" for kind in KINDS), flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
