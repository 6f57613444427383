"""Seeded drawing of the 200 values of a valid report.

Everything is drawn from one :class:`random.Random`, in a fixed order, so a
seed gives the same report on every run and machine.  The draw follows the
construction plan of :mod:`govinfo_report.synthetic._plan`: the leaves of
table 三 (the 21 result rows, 上年结转 and 结转下年度 of each applicant
column) are drawn, （七）总计 and 本年新收 follow from them, the 总计 column
is the sum of the six applicant columns, and each table-四 total is the sum
of its four outcomes.  Nothing is drawn and then checked.
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

from govinfo_report.schema import Cell
from govinfo_report.synthetic._plan import (
    T3_BASE,
    T3_CARRIED_FORWARD,
    T3_CARRIED_OVER,
    T3_NEW_RECEIVED,
    T3_TOTAL_PROCESSED,
    T4_BASE,
    WIDTH,
)
from govinfo_report.synthetic._profiles import AgencyProfile, SizeProfile

if TYPE_CHECKING:
    from random import Random

__all__ = ["Values", "below", "cells_of", "dense", "draw_values", "pick"]

T = TypeVar("T")

Values = dict[int, int | Decimal]
"""Non-zero values by flat index (index 9, the 万元 fee, always there as a ``Decimal``)."""

# Relative frequency of the 21 result rows, in printed order (granted …
# other_other): most requests are disclosed or "not held"; refusals, the
# unpaid-fee row and the rest are rare.
_RESULT_WEIGHTS = (
    38.0,  # granted
    10.0,  # partial
    0.3,  # denied_state_secret
    0.5,  # denied_prohibited_by_law
    0.4,  # denied_security_stability
    1.0,  # denied_third_party
    1.0,  # denied_internal_affairs
    1.5,  # denied_process_info
    1.0,  # denied_enforcement_file
    1.0,  # denied_admin_query
    22.0,  # unable_not_held
    3.0,  # unable_needs_creation
    1.0,  # unable_still_unclear
    4.0,  # not_processed_petition
    3.0,  # not_processed_repeat
    0.5,  # not_processed_publication
    0.5,  # not_processed_excessive
    1.0,  # not_processed_confirm_reissue
    3.0,  # other_no_correction
    0.3,  # other_fee_unpaid
    7.0,  # other_other (withdrawals among them)
)
_RESULT_CUM = tuple(itertools.accumulate(_RESULT_WEIGHTS))

# Legal persons: 商业企业 first by far, then 其他 and 法律服务机构.
_ORG_WEIGHTS = (55.0, 5.0, 5.0, 15.0, 20.0)
_ORG_CUM = tuple(itertools.accumulate(_ORG_WEIGHTS))

# Table 四 outcomes: upheld, corrected, other, pending.
_OUTCOME_WEIGHTS = (60.0, 10.0, 15.0, 15.0)
_OUTCOME_CUM = tuple(itertools.accumulate(_OUTCOME_WEIGHTS))

# How many decimals the 万元 fee is printed with (0–6), cumulative weights.
_PLACES = (30, 55, 85, 92, 95, 97, 100)

_SMALL = 12
_CACHED = 4096


@functools.cache
def _count_cells() -> tuple[Cell, ...]:
    return tuple(Cell.count(n) for n in range(_CACHED))


def cells_of(values: Values | Sequence[int | Decimal]) -> list[Cell]:
    """Return the 200 cells printing *values* in plain digits (the fee as its ``Decimal``).

    *values* is either a sparse mapping (flat index → value) or all 200
    values in canonical order.
    """
    table = _count_cells()
    count = Cell.count
    if isinstance(values, dict):
        cells = list(_zero_cells())
        for j, v in values.items():
            if j != 9:
                cells[j] = table[v] if v < _CACHED else count(v)  # type: ignore[index, arg-type]
    else:
        ints = itertools.chain(values[:9], (0,), values[10:])
        cells = [table[v] if v < _CACHED else count(v) for v in ints]  # type: ignore[index, arg-type]
    cells[9] = Cell(values[9])
    return cells


@functools.cache
def _zero_cells() -> tuple[Cell, ...]:
    return (Cell.count(0),) * 200


def below(rng: Random, n: int) -> int:
    """Return an int in ``[0, n)`` from one ``rng.random()``.

    Only :meth:`random.Random.random` is guaranteed to give the same
    sequence for a seed on every Python version, so every draw goes through
    it (and through exact arithmetic: no ``exp`` or ``log``, whose last bit
    may differ between platforms).
    """
    return min(n - 1, int(rng.random() * n)) if n > 1 else 0


def pick(rng: Random, options: Sequence[T]) -> T:
    """Return one of *options*, uniformly."""
    return options[below(rng, len(options))]


def _log_int(rng: Random, low: int, high: int) -> int:
    """Return an int in ``[low, high]``, about log-uniformly (so small values are common).

    A power-of-two band of ``[low + 1, high + 1]`` is drawn uniformly, then
    a value uniformly within it: integers only, the same on every machine.
    """
    if high <= low:
        return low
    first, last = low + 1, high + 1
    band = first.bit_length() - 1 + below(rng, last.bit_length() - first.bit_length() + 1)
    start = max(first, 1 << band)
    end = min(last, (2 << band) - 1)
    return start + below(rng, end - start + 1) - 1


def _split(rng: Random, n: int, cum: tuple[float, ...]) -> list[int]:
    """Split *n* items over ``len(cum)`` categories with the given cumulative weights.

    Few items are placed one by one; many are shared out in proportion to
    jittered weights, so rare categories stay empty unless *n* is large.
    """
    k = len(cum)
    out = [0] * k
    if n <= 0:
        return out
    total = cum[-1]
    uniform = rng.random
    if n <= _SMALL:
        for _ in range(n):
            out[bisect.bisect(cum, uniform() * total)] += 1
        return out
    shares = [0.0] * k
    previous = 0.0
    best = 0
    for i, c in enumerate(cum):
        w = c - previous
        previous = c
        chance = n * w / total
        u = uniform()
        if u < chance:
            shares[i] = w * (0.25 + 1.5 * (u / chance if chance < 1 else u))
            if shares[i] > shares[best]:
                best = i
    if shares[best] == 0.0:
        shares[best] = 1.0
    scale = n / sum(shares)
    placed = 0
    for i, share in enumerate(shares):
        if share:
            out[i] = int(share * scale)
            placed += out[i]
    out[best] += n - placed
    return out


def _decisions(rng: Random, spec: tuple[float, int, int]) -> int:
    none, low, high = spec
    if rng.random() < none:
        return 0
    return _log_int(rng, low, high)


def _fee(rng: Random, agency: AgencyProfile) -> Decimal:
    """Return a 万元 amount printed with 0–6 decimals (``0`` when there is none)."""
    if rng.random() >= agency.fee_chance:
        return Decimal(0)
    places = bisect.bisect(_PLACES, rng.random() * _PLACES[-1])
    scale = 10**places
    mantissa = _log_int(rng, max(1, scale // 100), int(agency.fee_high) * scale)
    return Decimal(mantissa).scaleb(-places)


def draw_values(rng: Random, size: SizeProfile, agency: AgencyProfile) -> Values:
    """Draw the values of a valid report for an agency of one kind and size.

    Returns:
        The non-zero values by flat index (most cells are 0, so only a few
        are stored); index 9, the 万元 fee, is always there, a ``Decimal``.
    """
    values: Values = {}

    # -- table 二 (no identities: ten independent cells) ----------------------
    if agency.makes_regulations:
        issued = _log_int(rng, 0, 6)
        values[0] = issued
        values[1] = _log_int(rng, 0, 3)
        values[2] = issued + _log_int(rng, 15, 150)
    none, low, high = agency.normative
    if rng.random() >= none:
        issued = _log_int(rng, low, high)
        values[3] = issued
        values[4] = _log_int(rng, 0, issued)
        values[5] = issued + _log_int(rng, 0, high * 6)
    values[6] = _decisions(rng, agency.licensing)
    values[7] = _decisions(rng, agency.punishment)
    values[8] = _decisions(rng, agency.coercion)
    values[9] = _fee(rng, agency)

    # -- table 三: leaves drawn, totals summed -------------------------------
    low, high = size.requests
    handled = _log_int(rng, low, high)
    columns = [handled, 0, 0, 0, 0, 0]
    if handled and rng.random() < size.legal_person_chance:
        legal = min(handled, max(1, round(handled * (0.01 + 0.2 * rng.random() ** 2))))
        columns[0] = handled - legal
        columns[1:] = _split(rng, legal, _ORG_CUM)
    total = T3_BASE + 6
    get = values.get
    for c in range(6):
        n = columns[c]
        if not n:
            continue
        base = T3_BASE + c
        for r, v in enumerate(_split(rng, n, _RESULT_CUM), start=2):
            if v:
                values[base + WIDTH * r] = v
                values[total + WIDTH * r] = get(total + WIDTH * r, 0) + v
        over = forward = 0
        if rng.random() < size.carry_chance:
            over = int(n * 0.12 * rng.random())
        if rng.random() < size.carry_chance:
            forward = int(n * 0.12 * rng.random())
        for r, v in (
            (T3_CARRIED_OVER, over),
            (T3_TOTAL_PROCESSED, n),
            (T3_CARRIED_FORWARD, forward),
            (T3_NEW_RECEIVED, n + forward - over),
        ):
            if v:
                values[base + WIDTH * r] = v
                values[total + WIDTH * r] = get(total + WIDTH * r, 0) + v

    # -- table 四 ------------------------------------------------------------
    if rng.random() < size.review_chance:
        _group(rng, values, 0, size.max_reviews)
    if rng.random() < size.suit_chance:
        _group(rng, values, 1, size.max_suits)
    if rng.random() < size.suit_chance * 0.6:
        _group(rng, values, 2, size.max_suits)
    return values


def _group(rng: Random, values: Values, group: int, most: int) -> None:
    n = _log_int(rng, 1, most)
    base = T4_BASE + 5 * group
    for o, v in enumerate(_split(rng, n, _OUTCOME_CUM)):
        if v:
            values[base + o] = v
    values[base + 4] = n


def dense(values: Values) -> list[int | Decimal]:
    """Return all 200 values in canonical order."""
    out: list[int | Decimal] = [0] * 200
    for j, v in values.items():
        out[j] = v
    return out
