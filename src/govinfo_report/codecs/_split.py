"""Split runs of glued digits into cells, keeping only the splits the identities allow.

When a crawler strips the tags of an HTML table the cells of a row touch:
``一、本年新收政府信息公开申请数量640020470`` is the seven cells
``64 0 0 2 0 4 70``.  A cell is ``0`` or a number without a leading zero,
so a run of digits can usually be cut in several ways; only the accounting
identities of SPEC §5 tell them apart:

* E3 (a table-三 row): 总计 is the sum of the six applicant columns;
* E4 (a table-四 group): 总计 is the sum of the four outcomes;
* E1 and E2 (table 三, per column): 一 + 二 = （七） + 四, and （七） is the
  sum of the 21 result rows.

This module finds every split a digit run admits (:func:`splits`), those
whose last cell is the sum of the others (:func:`sum_splits`, E3 and one E4
group), the table-四 splits (:func:`chained_sum_splits`) and then narrows
the candidates of table-三 rows jointly with E1/E2
(:func:`~govinfo_report.codecs._split_narrow.narrow_table3`); the cuts of a
row whose blank cells print as nothing are in
:mod:`govinfo_report.codecs._split_blanks`.
It never chooses between splits that all fit: the caller leaves such cells
unresolved and lists the candidates.

Cost.  :func:`sum_splits` tries each length of the 总计 (a suffix of the
run): a length is skipped at once unless the total is congruent modulo 9 to
the digit sum of the rest (a number is congruent to its digit sum, so the
items' sum is, whatever the cuts), and unless the items could be long
enough to add up to it.  For the lengths left, the items are cut by meeting
in the middle: every cut of the first half of the cells (each no longer
than the total, none larger than it) is matched against the cuts of the
second half indexed by their sum.  For a run of *n* digits whose total has
*L* digits that is ``O(n · L · L²)`` work per total length, so
``O(n² · L³)`` in all and ``O(n⁵)`` for a degenerate run of nines (no
length fails the digit-sum test); enumerating the results is
output-sensitive.  Measured (``benchmarks/bench_glued.py``): a row of six
four-digit cells (28 digits) takes under a millisecond on average, five-digit
cells about 2 ms; the degenerate ``'9' * 60`` about 0.2 s and ``'9' * 100``
about 2 s.  :func:`chained_sum_splits` (table 四) calls :func:`sum_splits`
on every prefix and memoises the rest by position: three-digit outcomes
take about 5 ms.  Splits kept per run are capped (:data:`MAX_SPLITS`);
beyond the cap a run is reported as too ambiguous instead of being listed.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterator
from typing import TypeVar

__all__ = [
    "MAX_CELL_DIGITS",
    "MAX_SPLITS",
    "Placement",
    "Split",
    "cell_options",
    "chain_groups",
    "chained_sum_splits",
    "check_digits",
    "count_splits",
    "is_cell",
    "splits",
    "sum_splits",
]

MAX_CELL_DIGITS = 9
"""The most digits of one cell: no agency receives a billion requests or decides a billion cases."""

MAX_SPLITS = 20_000
"""The most splits kept for one run; a run with more is reported as too ambiguous."""

Split = tuple[int, ...]

Placement = tuple[int | None, ...]
"""A row's cells read from glued digits: a number, or ``None`` for a blank cell.

In glued text a blank cell prints as nothing, so a row may hold fewer
numbers than cells; a placement says which cells are blank as well as
where the digits are cut.
"""


def is_cell(digits: str) -> bool:
    """Return whether *digits* can be one cell: ``0`` or digits without a leading zero.

    At most :data:`MAX_CELL_DIGITS` digits: a longer run is never one cell.

    >>> is_cell("0"), is_cell("20"), is_cell("05"), is_cell("")
    (True, True, False, False)
    """
    return (
        digits.isdigit()
        and digits.isascii()
        and (digits == "0" or digits[0] != "0")
        and len(digits) <= MAX_CELL_DIGITS
    )


def check_digits(digits: str) -> None:
    """Raise :class:`ValueError` unless *digits* is a run of ASCII digits (or empty)."""
    if digits and not (digits.isascii() and digits.isdigit()):
        msg = f"expected a run of ASCII digits, got {digits!r}"
        raise ValueError(msg)


def _ways(digits: str, cells: int) -> list[list[int]]:
    """Return ``w`` with ``w[pos][left]`` = ways to cut ``digits[pos:]`` into *left* cells.

    A cell starting at *pos* ends at ``pos + 1`` … ``pos + MAX_CELL_DIGITS``
    (at ``pos + 1`` when it is ``0``), so ``w[pos][left]`` sums a run of
    ``w[end][left - 1]``: read off running totals from the end, ``after``,
    in one step, and the table takes time linear in ``len(digits) × cells``.
    """
    n = len(digits)
    w = [[0] * (cells + 1) for _ in range(n + 1)]
    w[n][0] = 1
    # after[pos][left] = w[pos][left] + w[pos + 1][left] + … + w[n][left]
    after = [[0] * (cells + 1) for _ in range(n + 2)]
    after[n][0] = 1
    for pos in range(n - 1, -1, -1):
        row = w[pos]
        if digits[pos] == "0":
            row[1:] = w[pos + 1][:cells]
        else:
            last = min(n, pos + MAX_CELL_DIGITS)
            near, far = after[pos + 1], after[last + 1]
            row[1:] = [near[left] - far[left] for left in range(cells)]
        after[pos] = [a + b for a, b in zip(row, after[pos + 1], strict=True)]
    return w


def count_splits(digits: str, cells: int) -> int:
    """Return the number of ways to cut *digits* into *cells* cells.

    >>> count_splits("693665", 3), count_splits("0000000", 7), count_splits("00", 3)
    (10, 1, 0)

    Raises:
        ValueError: if *digits* is not a run of ASCII digits.
    """
    check_digits(digits)
    return _ways(digits, cells)[0][cells]


def splits(digits: str, cells: int, *, limit: int = MAX_SPLITS) -> tuple[Split, ...] | None:
    """Return every way to cut *digits* into *cells* cells, in lexicographic order of cut points.

    >>> splits("500", 3)
    ((5, 0, 0),)
    >>> splits("1020", 3)
    ((1, 0, 20), (10, 2, 0))

    Returns:
        The splits, or ``None`` when there are more than *limit*.

    Raises:
        ValueError: if *digits* is not a run of ASCII digits.
    """
    check_digits(digits)
    ways = _ways(digits, cells)
    if ways[0][cells] > limit:
        return None
    n = len(digits)

    def walk(pos: int, left: int) -> Iterator[Split]:
        if left == 0:
            yield ()
            return
        last = pos + 1 if digits[pos] == "0" else min(n, pos + MAX_CELL_DIGITS)
        for end in range(pos + 1, last + 1):
            if ways[end][left - 1]:
                head = int(digits[pos:end])
                for rest in walk(end, left - 1):
                    yield (head, *rest)

    return tuple(walk(0, cells)) if ways[0][cells] else ()


def cell_options(digits: str, cells: int) -> tuple[tuple[int, ...], ...]:
    """Return, for each of *cells* cells, the sorted values it takes over all splits.

    Computed by reachability, without enumerating the splits, so it also
    works for runs with millions of splits.

    >>> cell_options("693665", 3)
    ((6, 69, 693, 6936), (3, 6, 9, 36, 66, 93, 366, 936, 9366), (5, 65, 665, 3665))
    >>> cell_options("00", 3)
    ((), (), ())

    Raises:
        ValueError: if *digits* is not a run of ASCII digits.
    """
    check_digits(digits)
    n = len(digits)

    ways = _ways(digits, cells)

    # starts[i]: positions at which cell i can start (reachable from the left).
    starts: list[set[int]] = [{0}]
    options: list[set[int]] = []
    for i in range(cells):
        values: set[int] = set()
        nxt: set[int] = set()
        for pos in starts[i]:
            if pos >= n:
                continue
            last = pos + 1 if digits[pos] == "0" else min(n, pos + MAX_CELL_DIGITS)
            for end in range(pos + 1, last + 1):
                if ways[end][cells - i - 1]:
                    values.add(int(digits[pos:end]))
                    nxt.add(end)
        options.append(values)
        starts.append(nxt)
    return tuple(tuple(sorted(v)) for v in options)


def sum_splits(digits: str, items: int, *, limit: int = MAX_SPLITS) -> tuple[Split, ...] | None:
    """Return the splits of *digits* into *items* cells followed by their sum.

    This is E3 for a table-三 row (``items=6``) and E4 for one table-四
    group (``items=4``).

    >>> sum_splits("640020470", 6)
    ((64, 0, 0, 2, 0, 4, 70),)
    >>> sum_splits("270020130", 6)
    ((2, 7, 0, 0, 20, 1, 30), (27, 0, 0, 2, 0, 1, 30))

    Returns:
        The splits (ordered by the length of the total, then lexicographically
        by cut points), or ``None`` when there are more than *limit*.

    Raises:
        ValueError: if *digits* is not a run of ASCII digits.
    """
    check_digits(digits)
    n = len(digits)
    # A number is congruent to its digit sum modulo 9, so Σ items ≡ the digit
    # sum of their digits whatever the cuts: most total lengths fail at once.
    digit_sums = list(itertools.accumulate((int(d) for d in digits), initial=0))
    out: list[Split] = []
    for total_len in range(1, n - items + 1):
        head_len = n - total_len
        if head_len > items * total_len:  # every item has at most the total's digits
            continue
        if total_len > 1 and head_len - (items - 1) < total_len - 1:
            break  # the items would all be too short to add up to a total this long
        tail = digits[head_len:]
        if not is_cell(tail) or (digit_sums[head_len] - int(tail)) % 9:
            continue
        found = sorted(
            _parts_summing(digits[:head_len], items, int(tail), total_len),
            key=lambda cut: [len(str(v)) for v in cut],
        )
        out.extend((*parts, int(tail)) for parts in found)
        if len(out) > limit:
            return None
    return tuple(out)


def _bounded(digits: str, cells: int, cap: int, max_len: int) -> Iterator[Split]:
    """Yield the cuts of *digits* into *cells* cells, each ≤ *cap* and ≤ *max_len* digits."""
    n = len(digits)
    if cells == 1:
        if n <= max_len and is_cell(digits) and int(digits) <= cap:
            yield (int(digits),)
        return
    if n < cells or n > cells * max_len:
        return
    last = 1 if digits[0] == "0" else min(max_len, n - cells + 1)
    for end in range(max(1, n - (cells - 1) * max_len), last + 1):
        head = int(digits[:end])
        if head > cap:
            break
        for rest in _bounded(digits[end:], cells - 1, cap - head, max_len):
            yield (head, *rest)


def _parts_summing(digits: str, cells: int, total: int, max_len: int) -> Iterator[Split]:
    """Yield the cuts of *digits* into *cells* cells (each ≤ *max_len* digits) summing to *total*.

    Meet in the middle: for every position of the cut between the first
    ``cells // 2`` cells and the others, index the right-hand cuts by their
    sum and look up ``total - left`` for each left-hand cut.  Each side has
    at most ``max_len ** (side - 1)`` cuts per position, fewer since no
    cell exceeds *total*.
    """
    n = len(digits)
    left_cells = max(1, cells // 2)
    right_cells = cells - left_cells
    if right_cells == 0:
        if is_cell(digits) and int(digits) == total:
            yield (total,)
        return
    low = max(left_cells, n - right_cells * max_len)
    high = min(n - right_cells, left_cells * max_len)
    for mid in range(low, high + 1):
        right: dict[int, list[Split]] = {}
        for cut in _bounded(digits[mid:], right_cells, total, max_len):
            right.setdefault(sum(cut), []).append(cut)
        if not right:
            continue
        for head in _bounded(digits[:mid], left_cells, total, max_len):
            for tail in right.get(total - sum(head), ()):
                yield head + tail


def chained_sum_splits(
    digits: str, groups: int, items: int, *, limit: int = MAX_SPLITS
) -> tuple[Split, ...] | None:
    """Return the splits of *digits* into *groups* groups, each *items* cells and their sum.

    This is table 四: three groups of 结果维持, 结果纠正, 其他结果, 尚未审结
    and their 总计 (E4).

    >>> chained_sum_splits("10203120001200000", 3, 4)
    ((1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0),)

    Returns:
        The splits, or ``None`` when there are more than *limit*.

    Raises:
        ValueError: if *digits* is not a run of ASCII digits.
    """
    check_digits(digits)
    return chain_groups(
        digits,
        groups,
        lambda start, end: sum_splits(digits[start:end], items, limit=limit),
        min_width=items + 1,
        limit=limit,
    )


T = TypeVar("T", bound=tuple[object, ...])


def chain_groups(
    digits: str,
    groups: int,
    group: Callable[[int, int], tuple[T, ...] | None],
    *,
    min_width: int,
    limit: int,
) -> tuple[T, ...] | None:
    """Every way to cut *digits* into *groups* consecutive groups, each read by *group*.

    ``group(start, end)`` gives the readings of ``digits[start:end]`` as one
    group (``None`` past the limit); a group spans *min_width* digits at
    least.  ``None`` when there are more than *limit* ways in all.
    """
    n = len(digits)
    read = functools.cache(group)

    @functools.cache
    def from_pos(pos: int, left: int) -> tuple[T, ...] | None:
        if left == 1:
            return read(pos, n) if n - pos >= min_width else ()
        out: list[T] = []
        for end in range(pos + min_width, n - min_width * (left - 1) + 1):
            heads = read(pos, end)
            if heads is None:
                return None
            if not heads:
                continue
            tails = from_pos(end, left - 1)
            if tails is None:
                return None
            for head, tail in itertools.product(heads, tails):
                out.append(head + tail)  # type: ignore[arg-type]
                if len(out) > limit:
                    return None
        return tuple(out)

    return from_pos(0, groups)
