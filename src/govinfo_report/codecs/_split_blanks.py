"""Cuts of glued digits when blank cells vanish: a row holding fewer numbers than cells.

In glued text a blank cell prints as nothing, so the digits may make fewer
numbers than the row has cells; a :data:`~govinfo_report.codecs._split.Placement`
says which cells are blank as well as where the digits are cut.  A blank
counts as zero in the identities.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence

from govinfo_report.codecs._split import (
    MAX_SPLITS,
    Placement,
    Split,
    chain_groups,
    check_digits,
    is_cell,
    splits,
    sum_splits,
)

__all__ = [
    "blank_cell_options",
    "blank_chained_sum_splits",
    "blank_splits",
    "blank_sum_splits",
]


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
    check_digits(digits)
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
    check_digits(digits)
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
    check_digits(digits)
    return chain_groups(
        digits,
        groups,
        lambda start, end: blank_sum_splits(digits[start:end], items, limit=limit),
        min_width=0,
        limit=limit,
    )


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
    check_digits(digits)
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
