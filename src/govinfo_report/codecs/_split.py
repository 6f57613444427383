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
the candidates of table-三 rows jointly with E1/E2 (:func:`narrow_table3`).
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
from collections.abc import Iterator, Mapping, Sequence

import attrs

from govinfo_report.schema import T3_COLUMNS, T3_VALUE_ROWS

__all__ = [
    "MAX_CELL_DIGITS",
    "MAX_SPLITS",
    "T3_IDENTITIES",
    "ColumnIdentity",
    "Narrowing",
    "Placement",
    "blank_cell_options",
    "blank_chained_sum_splits",
    "blank_splits",
    "blank_sum_splits",
    "cell_options",
    "chained_sum_splits",
    "count_splits",
    "is_cell",
    "narrow_table3",
    "splits",
    "sum_splits",
]

MAX_CELL_DIGITS = 9
"""The most digits of one cell: no agency receives a billion requests or decides a billion cases."""

MAX_SPLITS = 20_000
"""The most splits kept for one run; a run with more is reported as too ambiguous."""

_NARROW_BUDGET = 200_000
"""The most partial-sum states :func:`narrow_table3` keeps per step before giving up."""

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


def _check_digits(digits: str) -> None:
    if digits and not (digits.isascii() and digits.isdigit()):
        msg = f"expected a run of ASCII digits, got {digits!r}"
        raise ValueError(msg)


def _ways(digits: str, cells: int) -> list[list[int]]:
    """Return ``w`` with ``w[pos][left]`` = ways to cut ``digits[pos:]`` into *left* cells."""
    n = len(digits)
    w = [[0] * (cells + 1) for _ in range(n + 1)]
    w[n][0] = 1
    for pos in range(n - 1, -1, -1):
        for left in range(1, cells + 1):
            if digits[pos] == "0":
                w[pos][left] = w[pos + 1][left - 1]
            else:
                last = min(n, pos + MAX_CELL_DIGITS)
                w[pos][left] = sum(w[end][left - 1] for end in range(pos + 1, last + 1))
    return w


def count_splits(digits: str, cells: int) -> int:
    """Return the number of ways to cut *digits* into *cells* cells.

    >>> count_splits("693665", 3), count_splits("0000000", 7), count_splits("00", 3)
    (10, 1, 0)

    Raises:
        ValueError: if *digits* is not a run of ASCII digits.
    """
    _check_digits(digits)
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
    _check_digits(digits)
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
    _check_digits(digits)
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
    _check_digits(digits)
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
    _check_digits(digits)
    n = len(digits)
    width = items + 1

    @functools.cache
    def from_pos(pos: int, left: int) -> tuple[Split, ...] | None:
        if left == 1:
            return sum_splits(digits[pos:], items, limit=limit) if n - pos >= width else ()
        out: list[Split] = []
        for end in range(pos + width, n - width * (left - 1) + 1):
            heads = sum_splits(digits[pos:end], items, limit=limit)
            if heads is None:
                return None
            if not heads:
                continue
            tails = from_pos(end, left - 1)
            if tails is None:
                return None
            for head, tail in itertools.product(heads, tails):
                out.append(head + tail)
                if len(out) > limit:
                    return None
        return tuple(out)

    return from_pos(0, groups)


# --- blank cells: rows with fewer numbers than cells ---------------------------------


def _spread(values: Sequence[int], width: int) -> Iterator[Placement]:
    """Yield *values*, in order, placed into *width* cells in every way; the rest blank."""
    for positions in itertools.combinations(range(width), len(values)):
        out: list[int | None] = [None] * width
        for position, value in zip(positions, values, strict=True):
            out[position] = value
        yield tuple(out)


def blank_splits(
    digits: str, cells: int, *, limit: int = MAX_SPLITS
) -> tuple[Placement, ...] | None:
    """Return every placement of *digits* into *cells* cells, some of them possibly blank.

    In glued text a blank cell prints as nothing: the digits are cut into at
    most *cells* numbers, kept in order, and every choice of which cells are
    blank is a placement.  Placements with more numbers come first.

    >>> blank_splits("500", 3)[:4]
    ((5, 0, 0), (50, 0, None), (50, None, 0), (None, 50, 0))
    >>> len(blank_splits("500", 3))  # and 500 in any of the three cells
    7

    Returns:
        The placements, or ``None`` when there are more than *limit*.

    Raises:
        ValueError: if *digits* is not a run of ASCII digits.
    """
    _check_digits(digits)
    out: list[Placement] = []
    for count in range(min(cells, len(digits)), -1, -1):
        found = splits(digits, count, limit=limit)
        if found is None:
            return None
        for split in found:
            out.extend(_spread(split, cells))
            if len(out) > limit:
                return None
    return tuple(out)


def blank_sum_splits(
    digits: str, items: int, *, limit: int = MAX_SPLITS
) -> tuple[Placement, ...] | None:
    """Return the placements of *digits* into *items* cells and their sum, blanks allowed.

    As :func:`sum_splits`, but any cell may be blank (print as nothing); a
    blank counts as zero in the sum, so a blank 总计 needs every item blank
    or zero.  A blank that stands for a missing non-zero value makes the
    true placement fail: such a row has no placement that fits, or one that
    other rows contradict, and is then left to the caller to report.

    >>> blank_sum_splits("77", 2)
    ((7, None, 7), (None, 7, 7))
    >>> blank_sum_splits("0", 1)
    ((None, 0), (0, None))

    Returns:
        The placements (those with more numbers first), or ``None`` when
        there are more than *limit*.

    Raises:
        ValueError: if *digits* is not a run of ASCII digits.
    """
    _check_digits(digits)
    out: list[Placement] = []
    for count in range(min(items, len(digits) - 1), -1, -1):
        found: tuple[Split, ...] | None
        if count:
            found = sum_splits(digits, count, limit=limit)
        else:
            found = ((0,),) if digits == "0" else ()
        if found is None:
            return None
        for split in found:
            out.extend((*spread, split[-1]) for spread in _spread(split[:-1], items))
            if len(out) > limit:
                return None
    if len(digits) <= items and digits == "0" * len(digits):
        zeros = (0,) * len(digits)
        out.extend((*spread, None) for spread in _spread(zeros, items))
    return tuple(out) if len(out) <= limit else None


def blank_chained_sum_splits(
    digits: str, groups: int, items: int, *, limit: int = MAX_SPLITS
) -> tuple[Placement, ...] | None:
    """Return the placements of *digits* into *groups* groups of *items* cells and their sum.

    As :func:`chained_sum_splits` (table 四), but any cell may be blank, as in
    :func:`blank_sum_splits`; a group may be blank throughout.

    >>> found = blank_chained_sum_splits("11", 3, 4)  # 1 and its 总计 1, in one group
    >>> len(found), found[-1][:5], set(found[-1][5:])
    (12, (None, None, None, 1, 1), {None})

    Returns:
        The placements, or ``None`` when there are more than *limit*.

    Raises:
        ValueError: if *digits* is not a run of ASCII digits.
    """
    _check_digits(digits)
    n = len(digits)

    @functools.cache
    def group(start: int, end: int) -> tuple[Placement, ...] | None:
        return blank_sum_splits(digits[start:end], items, limit=limit)

    @functools.cache
    def from_pos(pos: int, left: int) -> tuple[Placement, ...] | None:
        if left == 1:
            return group(pos, n)
        out: list[Placement] = []
        for end in range(pos, n + 1):
            heads = group(pos, end)
            if heads is None:
                return None
            if not heads:
                continue
            tails = from_pos(end, left - 1)
            if tails is None:
                return None
            for head, tail in itertools.product(heads, tails):
                out.append(head + tail)
                if len(out) > limit:
                    return None
        return tuple(out)

    return from_pos(0, groups)


def _fewest_cells(digits: str) -> list[int]:
    """``f[i]``: the fewest cells ``digits[:i]`` can be cut into (a large number if none)."""
    n = len(digits)
    fewest = [0] + [n + 1] * n
    for end in range(1, n + 1):
        for start in range(end):
            if fewest[start] < fewest[end] and is_cell(digits[start:end]):
                fewest[end] = fewest[start] + 1
    return fewest


def blank_cell_options(digits: str, cells: int) -> tuple[tuple[tuple[int, ...], bool], ...]:
    """Return, for each cell, the values it takes over all placements and whether it can be blank.

    The placements are those of :func:`blank_splits` (no identity applied),
    found by reachability, without enumerating them.

    >>> blank_cell_options("500", 3)
    (((5, 50, 500), True), ((0, 50, 500), True), ((0, 500), True))

    Raises:
        ValueError: if *digits* is not a run of ASCII digits.
    """
    _check_digits(digits)
    n = len(digits)
    before = _fewest_cells(digits)  # the fewest cells digits[:i] takes
    after = [n + 1] * n + [0]  # the fewest cells digits[i:] takes
    for start in range(n - 1, -1, -1):
        for end in range(start + 1, n + 1):
            if after[end] + 1 < after[start] and is_cell(digits[start:end]):
                after[start] = after[end] + 1
    fits = before[n] <= cells
    out: list[tuple[tuple[int, ...], bool]] = []
    for index in range(cells):
        values: set[int] = set()
        if fits:
            for start in range(n):
                if before[start] > index:
                    continue
                for end in range(start + 1, n + 1):
                    if after[end] <= cells - index - 1 and is_cell(digits[start:end]):
                        values.add(int(digits[start:end]))
        out.append((tuple(sorted(values)), fits and before[n] <= cells - 1))
    return tuple(out)


# --- table 三: E1 and E2 across rows -----------------------------------------------


@attrs.frozen
class ColumnIdentity:
    """One column identity of table 三: ``Σ plus[column] == Σ minus[column]``.

    Attributes:
        id: The SPEC §5 instance id (``t3.balance[natural_person]``).
        column: The column's index in a row split (0–6).
        plus: Row keys on the left-hand side.
        minus: Row keys on the right-hand side.
    """

    id: str
    column: int
    plus: tuple[str, ...]
    minus: tuple[str, ...]

    @property
    def rows(self) -> tuple[str, ...]:
        """Every row the identity reads."""
        return self.plus + self.minus


T3_IDENTITIES: tuple[ColumnIdentity, ...] = (
    *(
        ColumnIdentity(
            f"t3.balance[{column}]",
            index,
            ("new_received", "carried_over"),
            ("total_processed", "carried_forward"),
        )
        for index, column in enumerate(T3_COLUMNS)
    ),
    *(
        ColumnIdentity(
            f"t3.processed_sum[{column}]", index, ("total_processed",), tuple(T3_VALUE_ROWS)
        )
        for index, column in enumerate(T3_COLUMNS)
    ),
)
"""E1 and E2 for each of the seven columns (SPEC §5.1)."""


@attrs.frozen
class Narrowing:
    """What the column identities left of each row's candidate splits.

    Attributes:
        rows: Row key → the splits still possible (a subset of the input).
        used: Ids of the identities that took part.
        broken: Ids of identities the source breaks whatever the split (all
            their rows have a single candidate and the sums differ); they
            are left out of the search.
        unsatisfiable: ``True`` when no combination of candidates satisfies
            the identities that remain; the candidates are then returned
            unnarrowed.
        gave_up: ``True`` when the search grew past its budget; the
            candidates are returned unnarrowed.
    """

    rows: dict[str, tuple[Placement, ...]]
    used: tuple[str, ...] = ()
    broken: tuple[str, ...] = ()
    unsatisfiable: bool = False
    gave_up: bool = False


def _value(row: Placement, identity: ColumnIdentity) -> int:
    return row[identity.column] or 0  # a blank counts as zero when choosing


def narrow_table3(
    rows: Mapping[str, Sequence[Placement]],
    identities: Sequence[ColumnIdentity] = T3_IDENTITIES,
    *,
    budget: int = _NARROW_BUDGET,
) -> Narrowing:
    """Keep only the row splits that take part in a combination satisfying E1 and E2.

    *rows* maps each table-三 row key present in the text to its candidate
    splits (those that satisfy E3).  A row absent from *rows* makes every
    identity that reads it unusable.  The search is a dynamic programme over
    the ambiguous rows whose state is the vector of partial sums of the
    identities they appear in: forward (reachable partial sums), then
    backward (partial sums that can still complete), and a candidate
    survives if it links the two.  It keeps at most *budget* states per row.
    A blank cell of a placement counts as zero, as in :func:`blank_sum_splits`.

    >>> rows = {k: [(0,) * 7] for k in ("new_received", "carried_over", "total_processed")}
    >>> rows["carried_forward"] = [(1, 0, 0, 0, 0, 0, 1), (0, 0, 0, 0, 0, 0, 0)]
    >>> narrow_table3(rows).rows["carried_forward"]
    ((0, 0, 0, 0, 0, 0, 0),)
    """
    candidates = {key: tuple(value) for key, value in rows.items()}
    usable = [i for i in identities if all(candidates.get(r) for r in i.rows)]
    variables = [k for k, v in candidates.items() if len(v) > 1]
    active: list[ColumnIdentity] = []
    broken: list[str] = []
    for identity in usable:
        if any(r in variables for r in identity.rows):
            active.append(identity)
            continue
        left = sum(_value(candidates[r][0], identity) for r in identity.plus)
        right = sum(_value(candidates[r][0], identity) for r in identity.minus)
        if left != right:
            broken.append(identity.id)
    order = [k for k in variables if any(k in i.rows for i in active)]
    if not order:
        return Narrowing(candidates, broken=tuple(broken))

    # Each identity as "Σ coefficient · value == 0"; the fixed rows fold into a constant.
    constant = [0] * len(active)
    for j, identity in enumerate(active):
        for sign, keys in ((1, identity.plus), (-1, identity.minus)):
            for r in keys:
                if r not in order:
                    constant[j] += sign * _value(candidates[r][0], identity)

    def contribution(key: str, split: Placement) -> tuple[int, ...]:
        out = []
        for identity in active:
            sign = (1 if key in identity.plus else 0) - (1 if key in identity.minus else 0)
            out.append(sign * _value(split, identity))
        return tuple(out)

    contributions = {k: [contribution(k, s) for s in candidates[k]] for k in order}
    target = tuple(-c for c in constant)
    dims = range(len(active))

    forward: list[set[tuple[int, ...]]] = [{(0,) * len(active)}]
    for key in order:
        level = {tuple(p[d] + c[d] for d in dims) for p in forward[-1] for c in contributions[key]}
        if len(level) > budget:
            return Narrowing(candidates, tuple(i.id for i in active), tuple(broken), gave_up=True)
        forward.append(level)

    alive: set[tuple[int, ...]] = {target} & forward[-1]
    if not alive:
        return Narrowing(
            candidates, tuple(i.id for i in active), tuple(broken), unsatisfiable=True
        )
    keep: dict[str, set[int]] = {}
    for step in range(len(order) - 1, -1, -1):
        key = order[step]
        before: set[tuple[int, ...]] = set()
        chosen: set[int] = set()
        for p in forward[step]:
            for index, c in enumerate(contributions[key]):
                if tuple(p[d] + c[d] for d in dims) in alive:
                    before.add(p)
                    chosen.add(index)
        keep[key] = chosen
        alive = before
    narrowed = {
        key: tuple(s for i, s in enumerate(value) if key not in keep or i in keep[key])
        for key, value in candidates.items()
    }
    return Narrowing(narrowed, tuple(i.id for i in active), tuple(broken))
