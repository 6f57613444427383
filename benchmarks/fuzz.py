"""Fuzz the readers and validation by hand: millions of mutated inputs, outcome counts per reader.

Run from the repository root (low priority, as long as you like; resumable)::

    nice -n 10 .venv/bin/python benchmarks/fuzz.py --readers text,text~ \\
        --inputs 1000000 --workers 2 --out /tmp/fuzz-run/text
    nice -n 10 .venv/bin/python benchmarks/fuzz.py --readers pdf,pdf~ --prefer pdf \\
        --budget 10 --inputs 1000000 --workers 2 --out /tmp/fuzz-run/pdf

A PDF takes pdfminer 0.1–0.3 s to parse (a run does about 5 inputs a CPU
second; a Word file about 40; text about 250): ``--budget 10`` for PDF.

Input *i* is built from ``random.Random(f"{seed}:{i}")`` alone (``--replay I``
rebuilds it), as fuzzers build theirs: mostly a slice of a corpus or
generated report (``tests/fuzzing.py``) of 16 to ``--max-size`` characters,
sometimes two slices of different reports spliced, sometimes a whole report;
then one to four mutations; one in ten is damaged as bytes (UTF-8, UTF-16,
GB18030) for the decoder.  With ``--prefer pdf`` or ``--prefer docx``, three
inputs in four are instead a PDF or Word file mutated as a file
(``tests/fuzzing_files.py``: bytes, tokens and numbers of the PDF; the
document XML inside the zip), the oracle comparing with the text it prints.  Each selected reader (``auto`` detects the format,
``~`` reads leniently) reads it; when a report comes back it is checked by the
oracle and validated (counted under ``validate``).  Every reading ends in one
outcome:

``ok``        a report that passes the oracle (every number printed in the input, JSON round trip)
``refused``   a library error (GovinfoReportError): fine
``crash``     any other exception (or the worker process died), or a library error
              raised because the library's own code failed (``own_failure``)
``hang``      over ``--budget`` CPU seconds (the worker is killed past ``--kill``)
``memory``    over ``--memory`` MB of address space (MemoryError)
``invented``  a number whose digits are not printed in the input, or a broken JSON round trip
``noise``     (counted besides the outcome) a log record that would reach the stderr of a
              program that set up no logging (Python's last-resort handler)

The inputs run on ``--workers`` long-lived processes, ``--chunk`` inputs at a
time, each reading under a CPU-time alarm (``setitimer``) and each worker
under an address-space limit (``setrlimit``); the parent kills a worker whose
reading runs past ``--kill`` CPU seconds (stuck where no alarm reaches) and
counts it.  No process is started per input.

``--out`` holds ``state.json`` (the counts and which inputs are done: run the
same command again to resume), ``findings.txt`` and the first ``--keep``
inputs of each reader and kind.  Counts are printed every ``--every`` seconds
and at the end; ``kill PID`` (SIGTERM) stops cleanly, keeping the state.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import ctypes
import functools
import json
import logging
import math
import multiprocessing as mp
import os
import queue
import random
import resource
import signal
import sys
import time
import traceback
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fuzzing import (  # noqa: E402
    READERS,
    check_report,
    mutate,
    mutate_bytes,
    own_failure,
    seed_inputs,
)
from tests.fuzzing_files import file_seeds, mutate_file  # noqa: E402
from tests.fuzzing_files import printed_text as file_text  # noqa: E402

import govinfo_report as gr  # noqa: E402
from govinfo_report.codecs._binary import binary_format  # noqa: E402
from govinfo_report.exceptions import GovinfoReportError  # noqa: E402

KINDS = ("ok", "refused", "crash", "hang", "memory", "invented", "noise")
LABELS = {f"{fmt or 'auto'}{'~' if lenient else ''}": (fmt, lenient) for fmt, lenient in READERS}
"""Every reader by its label: ``auto``, ``text``, ``glued~`` …"""


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


class _Unasked(logging.Handler):
    """Python's last-resort handler in a worker: what a program without logging would print."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.heard: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except Exception:  # arguments its format does not take
            message = str(record.msg)
        self.heard.append(f"{record.name} {record.levelname}: {message[:200]}")


def _listen_unasked() -> _Unasked:
    unasked = _Unasked()
    logging.lastResort = unasked  # type: ignore[assignment]
    return unasked


def _alarm(_signum: int, _frame: object) -> None:
    raise _HangError


def _slice(rng: random.Random, text: str, max_size: int) -> str:
    """A slice of *text* of 16 to *max_size* characters, its length drawn log-uniform."""
    size = min(len(text), int(2 ** rng.uniform(4, max(4.0, math.log2(max_size)))))
    start = rng.randint(0, len(text) - size)
    return text[start : start + size]


_SUFFIXES = {"markdown": (".markdown", ".md"), "html": (".html",)}
_FILES = ("pdf", "docx")
"""Formats read from files, not text: their inputs are mutated files (``tests/fuzzing_files.py``)."""


def make_input(
    seed: str, index: int, max_size: int = 4096, prefer: str | None = None
) -> tuple[str, str | bytes]:
    """Input *index*: ``(what it was made from, mutated text or bytes)``.

    With *prefer* (a format), three inputs in four start from a report in
    that format, so that its reader is fuzzed on what it reads, not refused;
    for ``pdf`` and ``docx``, from a PDF or Word file, mutated as a file.
    """
    rng = random.Random(f"{seed}:{index}")
    if prefer in _FILES and rng.random() < 0.75:
        name, data = rng.choice(file_seeds(prefer))
        return f"mutated {name}", mutate_file(data, _Random(rng))
    seeds = seed_inputs()
    if prefer is not None and rng.random() < 0.75:
        suffixes = _SUFFIXES.get(prefer, (f".{prefer}",))
        own = tuple(s for s in seeds if s[0].endswith(suffixes))
        seeds = own or seeds
    name, text = rng.choice(seeds)
    shape = rng.random()
    if shape < 0.1:  # a whole report: sizes and structure only whole reports have
        origin = name
    elif shape < 0.3:  # two reports spliced
        other_name, other = rng.choice(seeds)
        text = _slice(rng, text, max_size // 2) + _slice(rng, other, max_size // 2)
        origin = f"{name} + {other_name}"
    else:
        text = _slice(rng, text, max_size)
        origin = f"slice of {name}"
    choose = _Random(rng)
    if rng.random() < 0.1:  # damaged bytes, for the decoder
        encoding = rng.choice(("utf-8", "utf-16", "gb18030"))
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            data = text.encode("utf-8")
        return origin, mutate_bytes(data, choose)  # type: ignore[arg-type]
    return origin, mutate(text, choose)  # type: ignore[arg-type]


def _timed(call: Callable[[], Any], budget: float) -> tuple[str, Any, str]:
    """``(kind, result, detail)`` of one call under a CPU-time budget."""
    signal.setitimer(signal.ITIMER_PROF, budget)  # CPU time: a busy machine is no hang
    try:
        return "ok", call(), ""
    except _HangError:
        return "hang", None, f"over {budget} CPU s"
    except GovinfoReportError as exc:
        bug = own_failure(exc)  # a refusal behind which the library's own code failed
        return ("crash", None, f"refused after {bug}") if bug else ("refused", None, "")
    except MemoryError:
        return "memory", None, "MemoryError"
    except Exception as exc:
        where = traceback.extract_tb(exc.__traceback__)[-1]
        detail = (
            f"{type(exc).__name__}: {str(exc)[:200]} at {Path(where.filename).name}:{where.lineno}"
        )
        return "crash", None, detail
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)


def printed_text(raw: str | bytes) -> str:
    """The text of an input as the oracle compares numbers with it."""
    if isinstance(raw, str):
        return raw
    if binary_format(raw) is not None:  # the text a PDF or Word file prints
        return file_text(raw)
    try:
        return gr.codecs.decode(raw, lenient=True)
    except GovinfoReportError:  # binary: every reader refuses it, nothing to compare
        return raw.decode("utf-8", "replace")


def read_one(
    raw: str | bytes, printed: Callable[[], str], label: str, budget: float
) -> list[tuple[str, str, str]]:
    """Read *raw* with one reader: ``[(reader, kind, detail)]`` (and ``validate`` when read).

    *printed* gives the input's text for the oracle (asked only when a report
    comes back: extracting a PDF's text costs as much as reading it).
    """
    fmt, lenient = LABELS[label]
    kind, report, detail = _timed(lambda: gr.loads(raw, format=fmt, lenient=lenient), budget)
    if kind == "ok":
        verdict, problem, detail = _timed(lambda: check_report(report, printed()), budget)
        if verdict == "ok" and problem is not None:
            kind, detail = "invented", problem
        elif verdict != "ok":
            kind, detail = verdict, f"oracle: {detail}"
    out = [(label, kind, detail)]
    if report is not None:
        vkind, _, vdetail = _timed(lambda: gr.validate(report), budget)
        out.append(("validate", vkind, vdetail))
    return out


# --- the workers --------------------------------------------------------------------------


def _worker(
    slot: int,
    config: dict[str, Any],
    current: Any,
    tasks: Any,
    results: Any,
) -> None:
    """Run chunks of inputs; ``current[2 * slot]`` is the input, ``+ 1`` the reader, now running."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if config["memory"]:
        limit = config["memory"] * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    signal.signal(signal.SIGPROF, _alarm)
    warnings.simplefilter("ignore")  # a parser's warnings about odd input: outcomes are counted
    readers: list[str] = config["readers"]
    unasked = _listen_unasked()
    seed_inputs()  # before the first input: not counted against its budget
    if config["prefer"] in _FILES:
        file_seeds(config["prefer"])
    while True:
        chunk = tasks.get()
        if chunk is None:
            return
        start, end = chunk
        cpu = time.process_time()
        counts: collections.Counter[tuple[str, str]] = collections.Counter()
        findings: list[tuple[int, str, str, str]] = []
        for index in range(start, end):
            current[2 * slot] = index
            current[2 * slot + 1] = -1  # making the input
            _, raw = make_input(config["seed"], index, config["max_size"], config["prefer"])
            printed = functools.cache(functools.partial(printed_text, raw))
            for r, label in enumerate(readers):
                current[2 * slot + 1] = r
                for reader, kind, detail in read_one(raw, printed, label, config["budget"]):
                    counts[reader, kind] += 1
                    if kind not in {"ok", "refused"}:
                        findings.append((index, reader, kind, detail))
                if unasked.heard:
                    counts[label, "noise"] += 1
                    findings.append((index, label, "noise", unasked.heard[0]))
                    unasked.heard.clear()
        current[2 * slot] = -1
        results.put((slot, start, end, dict(counts), findings, time.process_time() - cpu))


def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of process *pid* so far, from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# --- the state of a run (resumable) ----------------------------------------------------------


class State:
    """Counts per reader and kind, and which chunks are done: saved to ``state.json``."""

    def __init__(self, path: Path, key: dict[str, Any], start: int) -> None:
        self.path = path
        self.key = key
        self.frontier = start  # every input below it is done
        self.beyond: set[tuple[int, int]] = set()  # chunks done above the frontier
        self.counts: dict[str, collections.Counter[str]] = collections.defaultdict(
            collections.Counter
        )
        self.kept: collections.Counter[str] = collections.Counter()
        self.seconds = 0.0
        self.cpu = 0.0  # CPU seconds of the workers on the chunks counted
        if path.exists():
            data = json.loads(path.read_text(encoding="utf-8"))
            if data["key"] != key:
                msg = f"{path} is the state of another run: {data['key']} (use another --out)"
                raise SystemExit(msg)
            self.frontier = data["frontier"]
            self.beyond = {tuple(c) for c in data["beyond"]}  # type: ignore[misc]
            for reader, row in data["counts"].items():
                self.counts[reader].update(row)
            self.kept.update(data.get("kept", {}))
            self.seconds = data.get("seconds", 0.0)
            self.cpu = data.get("cpu", 0.0)

    def done(self) -> int:
        """How many inputs are done (and counted)."""
        return self.frontier - self.key["start"] + sum(end - start for start, end in self.beyond)

    def add(self, start: int, end: int) -> None:
        self.beyond.add((start, end))
        while True:
            nxt = next((c for c in self.beyond if c[0] == self.frontier), None)
            if nxt is None:
                break
            self.beyond.discard(nxt)
            self.frontier = nxt[1]

    def todo(self, end: int, chunk: int) -> Iterator[tuple[int, int]]:
        """The chunks not done yet, from the frontier to *end*."""
        done = sorted(self.beyond)
        position = self.frontier
        for start, stop in [*done, (end, end)]:
            while position < min(start, end):
                nxt = min(position + chunk, start, end)
                yield position, nxt
                position = nxt
            position = max(position, stop)

    def save(self, seconds: float) -> None:
        data = {
            "key": self.key,
            "frontier": self.frontier,
            "beyond": sorted(self.beyond),
            "counts": {reader: dict(row) for reader, row in self.counts.items()},
            "kept": dict(self.kept),
            "seconds": round(self.seconds + seconds, 1),
            "cpu": round(self.cpu, 1),
        }
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        tmp.replace(self.path)


def _print(state: State, seconds: float, readers: list[str]) -> None:
    done = state.done()
    total = state.seconds + seconds
    print(
        f"\n{done:,} inputs in {total / 60:.1f} min ({done / max(total, 1e-9):.1f} inputs/s;"
        f" {done / max(state.cpu, 1e-9):.1f} per worker CPU second; readers {','.join(readers)})"
    )
    print(f"{'reader':12}" + "".join(f"{kind:>11}" for kind in KINDS))
    for reader in sorted(state.counts):
        row = state.counts[reader]
        print(f"{reader:12}" + "".join(f"{row[kind]:>11,}" for kind in KINDS), flush=True)


def _parse_readers(text: str) -> list[str]:
    readers = list(LABELS) if text == "all" else [r.strip() for r in text.split(",") if r.strip()]
    unknown = [r for r in readers if r not in LABELS]
    if unknown:
        msg = f"unknown reader(s) {', '.join(unknown)}; known: {', '.join(LABELS)}"
        raise argparse.ArgumentTypeError(msg)
    return readers


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--inputs", type=int, default=10_000, help="inputs in all (default 10,000)"
    )
    parser.add_argument("--start", type=int, default=0, help="the first input's index")
    parser.add_argument("--seed", default="fuzz", help="the seed of the inputs")
    parser.add_argument(
        "--readers",
        type=_parse_readers,
        default=list(LABELS),
        help=f"comma-separated readers, or all (default): {','.join(LABELS)}",
    )
    parser.add_argument("--max-size", type=int, default=4096, help="characters of a slice")
    parser.add_argument(
        "--prefer", help="start three inputs in four from reports in this format (e.g. html)"
    )
    parser.add_argument("--workers", type=int, default=max(1, (os.cpu_count() or 2) - 1))
    parser.add_argument("--chunk", type=int, default=50, help="inputs handed to a worker at once")
    parser.add_argument(
        "--budget", type=float, default=2.0, help="CPU s per reading (hang past it)"
    )
    parser.add_argument(
        "--kill",
        type=float,
        default=30.0,
        help="CPU s one reading may take before its worker is killed",
    )
    parser.add_argument("--memory", type=int, default=2048, help="address space per worker, MB")
    parser.add_argument("--minutes", type=float, default=0, help="stop after this long (0: never)")
    parser.add_argument("--every", type=float, default=60, help="print the counts every N seconds")
    parser.add_argument("--keep", type=int, default=5, help="inputs kept per reader and kind")
    parser.add_argument("--out", type=Path, default=Path("fuzz-findings"), help="state, findings")
    parser.add_argument(
        "--replay", type=int, help="print input I's outcomes (and write it to --out)"
    )
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    if args.replay is not None:
        signal.signal(signal.SIGPROF, _alarm)
        origin, raw = make_input(args.seed, args.replay, args.max_size, args.prefer)
        path = args.out / f"replay-{args.replay}.{'bin' if isinstance(raw, bytes) else 'txt'}"
        path.write_bytes(raw if isinstance(raw, bytes) else raw.encode("utf-8", "surrogatepass"))
        print(f"input {args.replay} ({origin}, {len(raw):,} long) written to {path}")
        printed = functools.cache(functools.partial(printed_text, raw))
        unasked = _listen_unasked()
        for label in args.readers:
            for reader, kind, detail in read_one(raw, printed, label, args.budget):
                print(f"{reader:12} {kind:9} {detail}")
            for heard in unasked.heard:
                print(f"{label:12} {'noise':9} {heard}")
            unasked.heard.clear()
        return 0
    return _run(args)


def _run(args: argparse.Namespace) -> int:
    key = {
        "seed": args.seed,
        "readers": args.readers,
        "max_size": args.max_size,
        "prefer": args.prefer,
        "start": args.start,
    }
    state = State(args.out / "state.json", key, args.start)
    end = args.start + args.inputs
    findings = (args.out / "findings.txt").open("a", encoding="utf-8")

    def stop(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)  # kill PID: print and save the counts, then stop
    signal.signal(signal.SIGINT, stop)
    config = {
        "seed": args.seed,
        "readers": args.readers,
        "max_size": args.max_size,
        "budget": args.budget,
        "prefer": args.prefer,
        "memory": args.memory,
    }
    context = mp.get_context("fork")
    current = context.Array(ctypes.c_longlong, 2 * args.workers, lock=False)
    tasks: dict[int, Any] = {}  # slot -> the queue of its worker's chunks (one at a time)
    results: Any = context.Queue()
    pending = state.todo(end, args.chunk)
    given: dict[int, tuple[int, int]] = {}  # slot -> chunk
    workers: dict[int, Any] = {}
    watch: dict[int, tuple[int, float]] = {}  # slot -> (reading, CPU seconds when first seen)
    seed_inputs()  # once, before forking: the workers share it
    if args.prefer in _FILES:
        file_seeds(args.prefer)

    extra: list[tuple[int, int]] = []  # chunks to run again (a lost worker's), before the rest

    def record(index: int, reader: str, kind: str, detail: str, *, count: bool = True) -> None:
        if count:
            state.counts[reader][kind] += 1
        findings.write(f"input {index} {reader} {kind}: {detail}\n")
        findings.flush()
        if state.kept[f"{reader} {kind}"] >= args.keep:
            return
        state.kept[f"{reader} {kind}"] += 1
        _, raw = make_input(args.seed, index, args.max_size, args.prefer)
        suffix = "bin" if isinstance(raw, bytes) else "txt"
        path = args.out / f"{reader.replace('~', '-lenient')}-{kind}-{index}.{suffix}"
        path.write_bytes(raw if isinstance(raw, bytes) else raw.encode("utf-8", "surrogatepass"))

    def spawn(slot: int) -> None:
        current[2 * slot] = -1
        tasks[slot] = context.SimpleQueue()
        process = context.Process(
            target=_worker, args=(slot, config, current, tasks[slot], results), daemon=True
        )
        process.start()
        workers[slot] = process

    def feed(slot: int) -> None:
        chunk = extra.pop() if extra else next(pending, None)
        if chunk is None:
            given.pop(slot, None)
            return
        given[slot] = chunk
        tasks[slot].put(chunk)

    def lost(slot: int, kind: str, detail: str) -> None:
        """The worker in *slot* is gone: count its input; run the rest of its chunk again."""
        index, reader = current[2 * slot], current[2 * slot + 1]
        start, stop_at = given.pop(slot)
        workers.pop(slot).join()
        watch.pop(slot, None)
        if not start <= index < stop_at:  # died between inputs: run the whole chunk again
            extra.append((start, stop_at))
        else:
            record(index, args.readers[reader] if reader >= 0 else "input", kind, detail)
            state.add(index, index + 1)
            # the inputs before it were read, but their counts died with the worker
            extra.extend(c for c in ((start, index), (index + 1, stop_at)) if c[0] < c[1])
        spawn(slot)
        feed(slot)

    started = time.monotonic()
    last_print = last_save = started
    try:
        for slot in range(args.workers):
            spawn(slot)
            feed(slot)
        while given:
            if args.minutes and time.monotonic() - started > args.minutes * 60:
                print(f"stopped after {args.minutes} minutes", flush=True)
                break
            try:
                slot, start, stop_at, counts, found, cpu = results.get(timeout=0.5)
            except queue.Empty:
                pass
            else:
                for (reader, kind), n in counts.items():
                    state.counts[reader][kind] += n
                for index, reader, kind, detail in found:
                    record(index, reader, kind, detail, count=False)
                state.add(start, stop_at)
                state.cpu += cpu
                watch.pop(slot, None)
                feed(slot)
            for slot, process in list(workers.items()):
                if slot not in given:
                    continue
                if not process.is_alive():
                    code = process.exitcode
                    kind = "memory" if code == -signal.SIGKILL else "crash"
                    lost(slot, kind, f"worker died, exit code {code}")
                    continue
                reading = current[2 * slot] * len(args.readers) + current[2 * slot + 1]
                seen = watch.get(slot)
                if seen is None or seen[0] != reading:
                    watch[slot] = (reading, _cpu_seconds(process.pid))
                elif _cpu_seconds(process.pid) - seen[1] > args.kill:
                    process.kill()
                    lost(slot, "hang", f"worker killed after {args.kill} CPU s")
            now = time.monotonic()
            if now - last_save > 10:
                state.save(now - started)
                last_save = now
            if now - last_print > args.every:
                _print(state, now - started, args.readers)
                last_print = now
    except KeyboardInterrupt:
        print("interrupted", flush=True)
    finally:
        for process in workers.values():
            process.kill()
            process.join()
        findings.close()
        results.cancel_join_thread()
        with contextlib.suppress(OSError):
            state.save(time.monotonic() - started)
    _print(state, time.monotonic() - started, args.readers)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
