"""Check many files on every core: a process pool fed in chunks, rows streamed back in order.

Paths are read from the input lazily and only a few chunks per worker are
in flight at any time, so memory stays flat whether there are ten files or a
million.  Each worker gets the options once, at start-up.
"""

from __future__ import annotations

import collections
import itertools
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from govinfo_report.batch._check import CheckOptions, Row, check_item
from govinfo_report.batch._each import LineOfFile, lines_of_file
from govinfo_report.exceptions import GovinfoReportError, InvalidArgument

__all__ = ["DEFAULT_CHUNKSIZE", "check_paths", "default_jobs", "map_files"]

A = TypeVar("A")
R = TypeVar("R")
T = TypeVar("T")

#: Files sent to a worker at once: large enough that the hand-over costs
#: little next to the ~2 ms a file takes, small enough to keep all cores busy.
DEFAULT_CHUNKSIZE = 32

# Chunks in flight per worker: enough to keep each busy while the parent
# prints, few enough that memory does not grow with the input.
_IN_FLIGHT_PER_JOB = 4

# The function and its argument, set once in each worker.
_work: tuple[Callable[[Any, Any], Any], Any] | None = None


def default_jobs() -> int:
    """Return the number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def _init(func: Callable[[Any, Any], Any], arg: object) -> None:
    global _work  # noqa: PLW0603 - set once per worker process
    _work = (func, arg)


def _run_chunk(items: list[Any]) -> list[Any]:
    assert _work is not None
    func, arg = _work
    return [func(item, arg) for item in items]


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def map_files(
    func: Callable[[T, A], R],
    paths: Iterable[T],
    arg: A,
    *,
    jobs: int | None = None,
    chunksize: int = DEFAULT_CHUNKSIZE,
) -> Iterator[R]:
    """Yield ``func(path, arg)`` for every path (or any picklable item), in order, on *jobs* processes.

    *func* must be a module-level function (workers import it by name) that
    never raises for a bad file; *arg* is pickled once per worker.  Paths
    are read lazily and only a few chunks per worker are in flight, so
    memory does not grow with the input.  With ``jobs=1``, or fewer paths
    than one chunk, the work runs in this process.

    .. versionadded:: 0.1.0
    """
    jobs = default_jobs() if jobs is None else jobs
    if jobs < 1 or chunksize < 1:
        msg = f"jobs and chunksize must be at least 1, got jobs={jobs}, chunksize={chunksize}"
        raise InvalidArgument(msg)
    chunks = _chunks(paths, chunksize)
    first = next(chunks, None)
    if first is None:
        return
    if jobs == 1 or len(first) < chunksize:
        for chunk in itertools.chain([first], chunks):
            for path in chunk:
                yield func(path, arg)
        return
    yield from _pooled(func, arg, itertools.chain([first], chunks), jobs)


def check_paths(
    paths: Iterable[str],
    options: CheckOptions | None = None,
    *,
    jobs: int | None = None,
    chunksize: int = DEFAULT_CHUNKSIZE,
) -> Iterator[Row]:
    """Check every report of every file and yield its :class:`Row`, in input order, as soon as ready.

    Args:
        paths: The files (any iterable: read lazily, a few chunks ahead).
        options: How to read and check each file.
        jobs: Worker processes (default: every core this process may use);
            1 checks in this process.
        chunksize: Files handed to a worker at once.

    Each file runs :func:`check_reports` (through :func:`map_files`): one
    row, or one per line for JSON lines of several reports; a file
    that cannot be read, or runs over ``options.budget`` seconds, is a row
    with its reason and the batch goes on.  The lines of a JSON-lines file
    are handed to the workers one by one (by their place in the file), so
    that one large file of reports is checked on every core.

    >>> from govinfo_report.batch import check_paths
    >>> rows = check_paths(["tests/fixtures/corpus/seed-000.txt", "missing.txt"], jobs=1)
    >>> [(row.path, row.status) for row in rows]
    [('tests/fixtures/corpus/seed-000.txt', 'ok'), ('missing.txt', 'unreadable')]

    .. versionadded:: 0.1.0
    """
    options = options or CheckOptions()
    items = _items(paths, options.format)
    return _flatten(map_files(check_item, items, options, jobs=jobs, chunksize=chunksize))


def _items(paths: Iterable[str], format: str | None) -> Iterator[str | LineOfFile]:
    """Each path, or each line of a JSON-lines file of several reports, in order."""
    for path in paths:
        lines = lines_of_file(path, format=format)
        if lines is None:
            yield path
        else:
            yield from lines


def _flatten(batches: Iterator[list[R]]) -> Iterator[R]:
    """Every item of every list; closing it closes *batches* (and so stops the pool)."""
    try:
        for batch in batches:
            yield from batch
    finally:
        close = getattr(batches, "close", None)
        if close is not None:
            close()


def _pooled(
    func: Callable[[T, A], R], arg: A, chunks: Iterator[list[T]], jobs: int
) -> Iterator[R]:
    # forkserver: workers start from a clean process, not a fork of one that
    # has threads (the pool's own, a progress bar's).  The server imports the
    # reading and checking code once, so that workers share it and start at once.
    context: multiprocessing.context.BaseContext
    if "forkserver" in multiprocessing.get_all_start_methods():
        server = multiprocessing.get_context("forkserver")
        server.set_forkserver_preload([func.__module__, "govinfo_report.rules"])
        context = server
    else:  # pragma: no cover - not on Linux
        context = multiprocessing.get_context("spawn")
    window: collections.deque[tuple[list[T], Future[list[R]]]] = collections.deque()
    limit = jobs * _IN_FLIGHT_PER_JOB
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_init, initargs=(func, arg)
    ) as pool:
        try:
            for chunk in chunks:
                window.append((chunk, pool.submit(_run_chunk, chunk)))
                if len(window) >= limit:
                    yield from _result(*window.popleft())
            while window:
                yield from _result(*window.popleft())
        finally:
            for _, future in window:
                future.cancel()


def _result(chunk: list[T], future: Future[list[R]]) -> list[R]:
    try:
        return future.result()
    except BrokenProcessPool:
        msg = (
            f"a worker process died (killed, or out of memory) while checking the files from "
            f"{chunk[0]} to {chunk[-1]}; rerun them with --jobs 1 to find the one at fault"
        )
        raise GovinfoReportError(msg) from None
