"""The evaluator: the only code that compares numbers.

A rule set is compiled once (:func:`compile_rules`) into index arrays over
``report.flat_cells`` (200 cells of this year, a constant 0, then the 200
cells of last year's report).  :func:`validate` reads the values once, sums
each relation with C-level ``itemgetter``/``sum`` calls and records one
status per instance; the details of a failure (cells, sides, messages) are
worked out only when asked for.
"""

from __future__ import annotations

import importlib
import re
import sys
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from itertools import accumulate, pairwise
from operator import add, attrgetter, itemgetter
from typing import TYPE_CHECKING, Any, TypeAlias, cast

import attrs

from govinfo_report.exceptions import InvalidArgument
from govinfo_report.rules._codes import NotEvaluatedReason, ReasonCode
from govinfo_report.rules._expr import PREVIOUS, Term
from govinfo_report.rules._narrative import (
    _OPENING_YEARS,
    _YEARS,
    chinese_number,
    excerpt,
    opening_year_spans,
    opening_years,
    period_spans,
    period_windows,
    year_spans,
)
from govinfo_report.rules._result import (
    CellInvolved,
    Evidence,
    NotEvaluated,
    ValidationResult,
    Violation,
    format_number,
)
from govinfo_report.rules._rule import (
    ConditionalMention,
    Domain,
    Narrative,
    Rule,
    RuleInstance,
    RuleSet,
    YearCheck,
)
from govinfo_report.rules.builtin import RULES_2021
from govinfo_report.schema import CELL_PATHS, CELL_SPECS, Cell, CellValue, Presence, Report

if TYPE_CHECKING:
    from govinfo_report.rules._expr import Relation

__all__ = ["Program", "Raw", "compile_rules", "literal_needs", "sentence_windows", "validate"]

_N = len(CELL_PATHS)
_ZERO = _N  # index of the constant 0; last year's cells follow it
_INDEX = {path: spec.index for path, spec in CELL_SPECS.items()}
_EQ, _LE, _GE = 0, 1, 2
_OPCODE = {"==": _EQ, "<=": _LE, ">=": _GE}
_MAX_REPEAT = 4  # coefficients up to ±4 are unrolled into repeated indices


def _index(path: str) -> int:
    if path.startswith(PREVIOUS):
        return _N + 1 + _INDEX[path[len(PREVIOUS) :]]
    return _INDEX[path]


def _getter(indices: list[int]) -> Callable[[Sequence[Any]], tuple[Any, ...]]:
    """An itemgetter that always returns a tuple (padded with the constant 0)."""
    while len(indices) < 2:
        indices.append(_ZERO)
    return itemgetter(*indices)


_Side: TypeAlias = Callable[[Sequence[Any]], tuple[Any, ...]]
_Linear: TypeAlias = tuple[int, _Side, _Side, int, int]
"""A compiled relation: (instance number, getter of + cells, getter of − cells, constant, op)."""


def _slice(indices: list[int]) -> slice | None:
    """Return a slice that picks exactly *indices* (in any order), or ``None``."""
    ordered = sorted(indices)
    if not ordered:
        return slice(_ZERO, _ZERO + 1)
    if len(ordered) == 1:
        return slice(ordered[0], ordered[0] + 1)
    step = ordered[1] - ordered[0]
    if step <= 0 or any(b - a != step for a, b in pairwise(ordered)):
        return None
    return slice(ordered[0], ordered[-1] + 1, step)


def _runs(indices: list[int]) -> tuple[slice, ...]:
    """Return slices covering *indices* (contiguous runs)."""
    out: list[slice] = []
    for index in sorted(indices):
        if out and out[-1].stop == index:
            out[-1] = slice(out[-1].start, index + 1)
        else:
            out.append(slice(index, index + 1))
    return tuple(out)


def literal_needs(pattern: str) -> tuple[str, ...]:
    """Return literal strings every match of *pattern* contains (a cheap prefilter).

    Only runs of plain characters outside groups, classes and alternations
    count; a character made optional by a quantifier does not.  When in
    doubt the answer is ``()``, which filters nothing.

    >>> literal_needs(r"(?:无|未发生)[^，。]{0,20}?行政复议(?!后)")
    ('行政复议',)
    >>> literal_needs(r"上一?年度?结转")
    ('上', '年', '结转')
    >>> literal_needs(r"a|b")
    ()
    """
    if re.search(r"\(\?[aiLmsux-]+[):]", pattern):
        return ()
    out: list[str] = []
    run: list[str] = []
    depth = 0
    i = 0

    def flush() -> None:
        if run:
            out.append("".join(run))
            run.clear()

    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            flush()
            i += 2
            continue
        if char == "[":
            flush()
            end = _class_end(pattern, i)
            if end < 0:
                return ()
            i = end + 1
            continue
        if char == "(":
            flush()
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|":
            if depth == 0:
                return ()
        elif char in "?*{":
            if char == "{" and not re.match(r"\{\d*(?:,\d*)?\}", pattern[i:]):
                return ()
            if run and depth == 0 and (i == 0 or pattern[i - 1] == run[-1]):
                run.pop()  # the previous character is optional
            flush()
            if char == "{":
                i = pattern.index("}", i)
        elif char in "+.^$":
            flush()
        elif depth == 0:
            run.append(char)
        i += 1
    flush()
    return tuple(out)


def _class_end(pattern: str, start: int) -> int:
    i = start + 1
    if i < len(pattern) and pattern[i] == "^":
        i += 1
    if i < len(pattern) and pattern[i] == "]":
        i += 1
    while i < len(pattern):
        if pattern[i] == "\\":
            i += 2
            continue
        if pattern[i] == "]":
            return i
        i += 1
    return -1


@attrs.frozen
class _Mention:
    pattern: re.Pattern[str]
    need: str  # a literal every match contains ("" when none is known)
    numeric: bool
    alternatives: tuple[tuple[tuple[int, int], ...], ...]
    # Where findall() puts group n: -1 when it returns the group itself (the only group).
    group: int = -1
    # Whether a match may be empty: then findall() may differ from the search loop.
    empty: bool = True
    slot: int = 0  # its number in the program (where its readings are kept)
    cell: int = -1  # the one cell it reads (coefficient 1, one reading), or -1


def _mention(
    regex: re.Pattern[str],
    need: str,
    alternatives: tuple[tuple[tuple[int, int], ...], ...],
    slot: int,
) -> _Mention:
    numeric = "n" in regex.groupindex
    group = regex.groupindex["n"] - 1 if numeric and regex.groups > 1 else -1
    single = len(alternatives) == 1 and len(alternatives[0]) == 1 and alternatives[0][0][1] == 1
    cell = alternatives[0][0][0] if single else -1
    return _Mention(regex, need, numeric, alternatives, group, _may_be_empty(regex), slot, cell)


def _may_be_empty(regex: re.Pattern[str]) -> bool:
    """Whether *regex* may match the empty string (``True`` when it cannot be told)."""
    try:
        parser = importlib.import_module("re._parser")  # CPython's own parser
        width = parser.parse(regex.pattern, regex.flags).getwidth()
    except (ImportError, AttributeError):
        return True
    return bool(width[0] == 0)


_Items: TypeAlias = tuple[tuple[int, _Mention], ...]
"""Mentions read in one sentence: ((instance number, mention), …)."""
_Anchor: TypeAlias = tuple[str, int, _Items]
"""A literal that marks the sentences worth reading: (anchor, offset of its key, mentions)."""

_Search: TypeAlias = Callable[[str, int, int], "re.Match[str] | None"]

_FREQUENT = frozenset(
    "的一是在不了有和人中为以于年度本我局区市县省府政信息公开工作情况申请行政处理办理依法规文件"
)
"""Characters frequent in report prose: poor keys to find an anchor by."""


@attrs.frozen
class _Plan:
    """The narrative mentions that read one text (one set of sections).

    An anchor is found by one of its characters (its key): ``str.find`` of a
    single character is far faster than a scan for a longer literal or an
    alternation, and anchors that share a key share the scan.
    """

    key: tuple[tuple[int, ...], bool]
    scans: tuple[tuple[str, tuple[_Anchor, ...]], ...]  # (key character, anchors found by it)
    unanchored: _Items  # mentions read in every sentence
    full: bool  # whether the text is the front matter and all six sections
    # For the statuses alone: (key character, ((anchor, offset, ((instance, search, mention), …)), …)).
    fast: tuple[
        tuple[str, tuple[tuple[str, int, tuple[tuple[int, _Search, _Mention], ...]], ...]], ...
    ] = ()


def _key(anchor: str, shared: dict[str, int]) -> int:
    """Return the offset of the character an anchor is found by.

    Characters frequent in prose come last; then characters other anchors
    hold too (one scan serves them all); then the later one.
    """
    return max(
        range(len(anchor)), key=lambda i: (anchor[i] not in _FREQUENT, shared[anchor[i]], i)
    )


_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")


def _status_items(items: _Items) -> tuple[tuple[int, _Search, _Mention], ...]:
    """The searches the status pass runs in a sentence for these mentions.

    Mentions that state no figure (``无上年度结转``) say 0: for the status of
    their instance it only matters whether one of them matches, so those of
    one instance with the same readings are searched as one alternation.
    """
    out: list[tuple[int, _Search, _Mention]] = []
    merged: dict[tuple[int, tuple[tuple[tuple[int, int], ...], ...]], list[_Mention]] = {}
    for k, m in items:
        if m.numeric or _BACKREFERENCE.search(m.pattern.pattern):
            out.append((k, m.pattern.search, m))
        else:
            merged.setdefault((k, m.alternatives), []).append(m)
    for (k, _), group in merged.items():
        search = group[0].pattern.search
        if len(group) > 1:
            try:
                search = re.compile("|".join(f"(?:{m.pattern.pattern})" for m in group)).search
            except re.error:  # a group name twice, a flag not at the start: one by one
                out.extend((k, m.pattern.search, m) for m in group)
                continue
        out.append((k, search, group[0]))
    return tuple(out)


def _plan(
    instances: tuple[RuleInstance, ...], mentions: dict[int, tuple[_Mention, ...]]
) -> tuple[_Plan, ...]:
    grouped: dict[tuple[tuple[int, ...], bool], dict[str, list[tuple[int, _Mention]]]] = {}
    for k, compiled in mentions.items():
        check = instances[k].check
        assert isinstance(check, Narrative)
        by_need = grouped.setdefault((check.sections, check.preamble), {})
        for mention in compiled:
            by_need.setdefault(mention.need, []).append((k, mention))
    plans = []
    for key, by_need in grouped.items():
        unanchored = tuple(by_need.pop("", ()))
        shared: dict[str, int] = {}
        for need in by_need:
            for char in set(need):
                shared[char] = shared.get(char, 0) + 1
        scans: dict[str, list[_Anchor]] = {}
        for need, items in by_need.items():
            at = _key(need, shared)
            scans.setdefault(need[at], []).append((need, at, tuple(items)))
        fast = tuple(
            (char, tuple((need, at, _status_items(items)) for need, at, items in found))
            for char, found in scans.items()
        )
        plans.append(
            _Plan(
                key,
                tuple((char, tuple(found)) for char, found in scans.items()),
                unanchored,
                key == ((1, 2, 3, 4, 5, 6), True),
                fast,
            )
        )
    return tuple(plans)


_PER, _ONE, _TWO, _ZIP = 0, 1, 2, 3
"""How a side is summed: per instance; one column; two columns added; columns zipped."""


@attrs.frozen
class _SideSum:
    """How to sum one side of every instance of a batch.

    ``_PER``: one slice per instance, summed.  When the instances' slices
    are translates of each other, the side is read column-wise, one strided
    slice per term: ``_ONE`` (a single term: the slice is the side), ``_TWO``
    (two terms, added pairwise) or ``_ZIP`` (more terms, zipped and summed).
    """

    mode: int
    slices: tuple[slice, ...]

    def sums(self, vals: list[Any]) -> list[Any]:
        """Return the side's value for each instance; raise ``TypeError`` on a cell without a number."""
        mode = self.mode
        if mode == _PER:
            return list(map(sum, map(vals.__getitem__, self.slices)))
        if mode == _ONE:
            side = vals[self.slices[0]]
            if None in side:
                msg = "a cell without a number"
                raise TypeError(msg)
            return side
        if mode == _TWO:
            first, second = self.slices
            return list(map(add, vals[first], vals[second]))
        return list(map(sum, zip(*map(vals.__getitem__, self.slices), strict=True)))


def _columns(slices: list[slice]) -> tuple[slice, ...] | None:
    """Column slices for translates of one slice: one strided slice per term, or ``None``."""
    n = len(slices)
    first = slices[0]
    step = first.step or 1
    length = len(range(first.start, first.stop, step))
    delta = slices[1].start - first.start if n > 1 else 0
    same = delta > 0 and all(
        len(range(sl.start, sl.stop, sl.step or 1)) == length
        and (sl.step or 1) == step
        and sl.start == first.start + i * delta
        for i, sl in enumerate(slices)
    )
    if not same:
        return None
    return tuple(
        slice(first.start + t * step, first.start + t * step + (n - 1) * delta + 1, delta)
        for t in range(length)
    )


def _side(slices: list[slice]) -> _SideSum:
    """The cheapest way to sum one side of a family (measured: ``benchmarks/bench_validate.py``).

    Zipped columns pay off for large families of short sums (25 row sums of
    6 cells), not for few long ones (7 column sums of 21 cells).
    """
    columns = _columns(slices) if len(slices) > 1 else None
    if columns is not None:
        if len(columns) == 1:
            return _SideSum(_ONE, columns)
        if len(columns) == 2:
            return _SideSum(_TWO, columns)
        if 3 * len(columns) <= len(slices):
            return _SideSum(_ZIP, columns)
    return _SideSum(_PER, tuple(slices))


@attrs.frozen
class _Batch:
    """Equalities of one family, checked together: Σ plus == Σ minus for each."""

    ids: tuple[int, ...]
    plus: _SideSum
    minus: _SideSum
    plus_slices: tuple[slice, ...]
    minus_slices: tuple[slice, ...]


def _batches(bulk: list[tuple[int, str, slice, slice]]) -> tuple[_Batch, ...]:
    """Group equalities: a family read column-wise is a batch, all the others one batch."""
    families: dict[str, list[tuple[int, slice, slice]]] = {}
    for k, family, pos, neg in bulk:
        families.setdefault(family, []).append((k, pos, neg))
    out: list[_Batch] = []
    rest: list[tuple[int, slice, slice]] = []
    for items in families.values():
        plus = [pos for _, pos, _ in items]
        minus = [neg for _, _, neg in items]
        plus_side, minus_side = _side(plus), _side(minus)
        if plus_side.mode == _PER and minus_side.mode == _PER:
            rest.extend(items)
            continue
        out.append(
            _Batch(tuple(k for k, _, _ in items), plus_side, minus_side, tuple(plus), tuple(minus))
        )
    if rest:
        plus_rest = tuple(pos for _, pos, _ in rest)
        minus_rest = tuple(neg for _, _, neg in rest)
        batch = _Batch(
            tuple(k for k, _, _ in rest),
            _SideSum(_PER, plus_rest),
            _SideSum(_PER, minus_rest),
            plus_rest,
            minus_rest,
        )
        out.insert(0, batch)
    return tuple(out)


_WIDTH = 32
"""Bits per cell in a packed block."""
_BYTEORDER = sys.byteorder
_PACK = "I" if array("I").itemsize * 8 == _WIDTH else ""
"""The typecode of unsigned 32-bit integers ("" where there is none: nothing is packed)."""
_PACKED_TERMS = 8
"""Families whose sides have at most this many terms are checked packed."""
_SHORT = 256
"""Multipliers up to this many bits are cheaper than shifting and adding."""


@attrs.frozen
class _Shifts:
    """A sum of shifted copies of a packed block: ``Σ x >> (first + t·step)`` for ``t < count``.

    Three or more copies are one multiplication: ``x·Σ 2**(t·step)`` holds
    them all shifted left, and one shift right puts them in place (no field
    carries, so the bits shifted out hold no carry either).
    """

    first: int
    step: int
    count: int
    multiplier: int = attrs.field(init=False)

    @multiplier.default
    def _multiplier(self) -> int:
        return sum(1 << (t * self.step) for t in range(self.count))

    def total(self, x: int) -> int:
        """Return the sum."""
        if self.first:
            x >>= self.first
        count = self.count
        if count == 1:
            return x
        step = self.step
        if count == 2:
            return x + (x >> step)
        if (count - 1) * step <= _SHORT:
            return (x * self.multiplier) >> ((count - 1) * step)
        total = 0  # a long multiplier costs more than doubling
        shift = 0
        size = 1
        while True:
            if count & 1:
                total += x >> shift
                shift += size * step
            count >>= 1
            if not count:
                return total
            x += x >> (size * step)
            size *= 2


def _runs_of(starts: list[int]) -> tuple[tuple[int, int, int], ...]:
    """Split sorted indices into arithmetic runs: ((first, step, count), …)."""
    out: list[tuple[int, int, int]] = []
    for index in starts:
        if out:
            first, step, count = out[-1]
            if count == 1 or index - first == step * count:
                out[-1] = (first, index - first if count == 1 else step, count + 1)
                continue
        out.append((index, 0, 1))
    return tuple(out)


@attrs.frozen
class _Packed:
    """A family of equalities checked at once on the packed block.

    Cell *lo* + *j* of the value vector is bits ``32·j`` to ``32·j + 31`` of
    one integer.  A side is a sum of shifted copies of it; the field of
    instance *i* is ``i·delta``; *mask* keeps those fields.  With every cell
    below ``2**28`` and at most 8 terms a side, no field carries into the
    next, so the family holds exactly when the masked sides are equal.
    """

    batch: _Batch  # the family instance by instance, when the packed check fails
    plus: tuple[_Shifts, ...]
    minus: tuple[_Shifts, ...]
    mask: int

    def holds(self, x: int) -> bool:
        """Whether every instance of the family holds."""
        plus, minus = self.plus, self.minus
        left = plus[0].total(x) if len(plus) == 1 else sum(run.total(x) for run in plus)
        right = minus[0].total(x) if len(minus) == 1 else sum(run.total(x) for run in minus)
        return not (left ^ right) & self.mask


_AMOUNTS = tuple(spec.index for spec in CELL_SPECS.values() if spec.kind != "count")
"""Cells that are not counts: read as 0 in the packed block, and never in a packed family."""


def _packed(batches: tuple[_Batch, ...]) -> tuple[tuple[_Packed, ...], tuple[_Batch, ...], int]:
    """Choose the families checked packed; return them, the other batches and the guard.

    The packed block is this year's value vector (and the constant 0), the
    cells that are not counts read as 0.
    """
    chosen: list[tuple[_Batch, list[int], list[int], int]] = []
    rest: list[_Batch] = []
    for batch in batches:
        n = len(batch.ids)
        plus, minus = _columns(list(batch.plus_slices)), _columns(list(batch.minus_slices))
        if (
            not _PACK
            or n < 2
            or plus is None
            or minus is None
            or max(len(plus), len(minus)) > _PACKED_TERMS
            or any(
                i in _AMOUNTS or i > _ZERO
                for sl in (*batch.plus_slices, *batch.minus_slices)
                for i in range(sl.start, sl.stop, sl.step or 1)
            )
        ):
            rest.append(batch)
            continue
        delta = batch.plus_slices[1].start - batch.plus_slices[0].start
        chosen.append(
            (batch, sorted(sl.start for sl in plus), sorted(sl.start for sl in minus), delta)
        )
    if not chosen:
        return (), tuple(rest), 0
    field = (1 << _WIDTH) - 1
    out = []
    for batch, plus_starts, minus_starts, delta in chosen:
        mask = sum(field << (_WIDTH * i * delta) for i in range(len(batch.ids)))
        sides = tuple(
            tuple(
                _Shifts(_WIDTH * first, _WIDTH * step, count)
                for first, step, count in _runs_of(starts)
            )
            for starts in (plus_starts, minus_starts)
        )
        out.append(_Packed(batch, sides[0], sides[1], mask))
    low = _WIDTH - _PACKED_TERMS.bit_length()  # cells below 2**low cannot carry
    high = sum((field ^ ((1 << low) - 1)) << (_WIDTH * j) for j in range(_ZERO + 1))
    return tuple(out), tuple(rest), high


def _pack(vals: list[Any]) -> int:
    """Return this year's values as one integer, 32 bits a cell (the amount read as 0).

    Raises:
        TypeError: for a cell without a number.
        OverflowError: for a negative count or one of 2**32 or more.
    """
    block = vals if len(vals) == _ZERO + 1 else vals[: _ZERO + 1]
    if len(_AMOUNTS) == 1:  # the 2021 format: one amount
        i = _AMOUNTS[0]
        kept = block[i]
        block[i] = 0
        try:
            return int.from_bytes(array(_PACK, block), _BYTEORDER)
        finally:
            block[i] = kept
    saved = [block[i] for i in _AMOUNTS]
    for i in _AMOUNTS:
        block[i] = 0
    try:
        return int.from_bytes(array(_PACK, block), _BYTEORDER)
    finally:
        for i, value in zip(_AMOUNTS, saved, strict=True):
            block[i] = value


@attrs.frozen
class Program:
    """A rule set compiled for evaluation.

    Attributes:
        instances: The rule instances, in order.
        bulk: Equalities whose sides are slices of the value vector, checked
            a family at a time (:class:`_Batch`).
        linear: Other exact relations: (instance, + getter, − getter, constant, op).
        cross: The same for relations that read last year's report.
        bounds: Instance numbers of ``path ≥ 0`` count bounds checked together.
        bound_cells: Their cells, in the same order.
        bound_runs: Slices of the value vector that cover the bound cells.
        packed: Families of equalities checked at once on this year's values
            packed in one integer (:func:`_pack`).
        high: The bits that must be clear for the packed checks to be exact
            (every count below 2**28).
        general: Instance numbers evaluated one by one (tolerances, amounts, prose).
        years: The year checks among them, with their checks.
        others: The rest of them but the narrative checks (those read the prose at once).
        slots: How many narrative mentions there are.

    .. versionadded:: 0.1.0
    """

    instances: tuple[RuleInstance, ...]
    bulk: tuple[_Batch, ...]
    linear: tuple[_Linear, ...]
    cross: tuple[_Linear, ...]
    bounds: tuple[int, ...]
    bound_cells: tuple[int, ...]
    general: tuple[int, ...]
    years: tuple[tuple[int, YearCheck], ...]
    others: tuple[int, ...]
    slots: int
    mentions: dict[int, tuple[_Mention, ...]] = attrs.field(eq=False, repr=False)
    prose: tuple[_Plan, ...] = attrs.field(eq=False, repr=False)
    patterns: dict[str, tuple[re.Pattern[str], tuple[str, ...]]] = attrs.field(
        eq=False, repr=False
    )

    bound_runs: tuple[slice, ...] = attrs.field(eq=False, repr=False)
    packed: tuple[_Packed, ...] = attrs.field(eq=False, repr=False)
    high: int = attrs.field(eq=False, repr=False)


def _sides(instance: RuleInstance) -> tuple[list[int], list[int]] | None:
    relation = instance.relation
    if relation is None or instance.tolerance.absolute:
        return None
    terms = relation.terms
    if instance.tolerance.mode == "printed" and any(
        CELL_SPECS[t.path.removeprefix(PREVIOUS)].kind == "amount" for t in terms
    ):
        return None
    if any(abs(t.coef) > _MAX_REPEAT for t in terms):
        return None
    pos: list[int] = []
    neg: list[int] = []
    for t in terms:
        (pos if t.coef > 0 else neg).extend([_index(t.path)] * abs(t.coef))
    return pos, neg


def _compile_pattern(
    patterns: dict[str, tuple[re.Pattern[str], tuple[str, ...]]], pattern: str
) -> tuple[re.Pattern[str], tuple[str, ...]]:
    if pattern not in patterns:
        patterns[pattern] = (re.compile(pattern), literal_needs(pattern))
    return patterns[pattern]


def _sentence_need(needs: tuple[str, ...], shared: dict[str, int]) -> str:
    """The anchor of a mention: a literal that cannot span two sentences ("" when none).

    Any substring of a required literal will do.  Single characters come
    last (they are everywhere); then anchors other mentions also need (one
    scan serves them all), the shorter first.
    """
    usable = [n for n in needs if not any(b in n for b in _BREAKS)]
    candidates = [other for other in shared if any(other in n for n in usable)] + usable
    return max(candidates, key=lambda n: (len(n) > 1, shared.get(n, 0), -len(n)), default="")


def compile_rules(rules: RuleSet) -> Program:
    """Compile *rules* into index arrays over the flat cells (done once per rule set).

    .. versionadded:: 0.1.0
    """
    instances = rules.instances()
    bulk: list[tuple[int, str, slice, slice]] = []
    linear: list[_Linear] = []
    cross: list[_Linear] = []
    bounds: list[int] = []
    bound_cells: list[int] = []
    general: list[int] = []
    mentions: dict[int, tuple[_Mention, ...]] = {}
    patterns: dict[str, tuple[re.Pattern[str], tuple[str, ...]]] = {}
    shared: dict[str, int] = {}
    for instance in instances:
        if isinstance(instance.check, Narrative):
            for m in instance.check.mentions:
                for need in set(_compile_pattern(patterns, m.pattern)[1]):
                    shared[need] = shared.get(need, 0) + 1
    slots = 0  # mentions numbered so far
    for k, instance in enumerate(instances):
        check = instance.check
        if isinstance(check, Domain):
            spec = CELL_SPECS[check.path]
            if check.minimum == 0 and spec.kind == "count":
                bounds.append(k)
                bound_cells.append(spec.index)
            else:
                general.append(k)
            continue
        if isinstance(check, Narrative):
            compiled = []
            for m in check.mentions:
                regex, needs = _compile_pattern(patterns, m.pattern)
                alternatives = tuple(
                    tuple((_index(t.path), t.coef) for t in alt) for alt in m.expect
                )
                compiled.append(
                    _mention(regex, _sentence_need(needs, shared), alternatives, slots)
                )
                slots += 1
            mentions[k] = tuple(compiled)
        if isinstance(check, ConditionalMention):
            _compile_pattern(patterns, check.require)
            _compile_pattern(patterns, check.deny)
        sides = _sides(instance) if instance.is_linear else None
        if sides is None:
            general.append(k)
            continue
        pos, neg = sides
        relation = instance.relation
        assert relation is not None
        item = (k, _getter(list(pos)), _getter(list(neg)), relation.constant, _OPCODE[relation.op])
        if instance.needs_previous:
            cross.append(item)
            continue
        pos_slice, neg_slice = _slice(pos), _slice(neg)
        if relation.op == "==" and not relation.constant and pos_slice and neg_slice:
            bulk.append((k, instance.family, pos_slice, neg_slice))
        else:
            linear.append(item)
    packed, batches, high = _packed(_batches(bulk))
    return Program(
        instances,
        batches,
        tuple(linear),
        tuple(cross),
        tuple(bounds),
        tuple(bound_cells),
        tuple(general),
        tuple((k, check) for k in general if isinstance(check := instances[k].check, YearCheck)),
        tuple(k for k in general if not isinstance(instances[k].check, YearCheck | Narrative)),
        slots,
        mentions,
        _plan(instances, mentions),
        patterns,
        _runs(bound_cells),
        packed,
        high,
    )


# --- the fast pass -------------------------------------------------------------------


_Joined: TypeAlias = tuple[str, tuple[int, ...], tuple[int, ...]]
"""The texts a prose check reads, joined: (text, start offsets, section numbers)."""


class Raw:
    """Statuses of one evaluation (0 pass, 1 fail, 2 not evaluated), details on demand."""

    __slots__ = (
        "_details",
        "_full",
        "_hits",
        "_joined",
        "_texts",
        "blank_as_zero",
        "previous",
        "program",
        "report",
        "status",
        "vals",
    )

    def __init__(
        self,
        program: Program,
        report: Report,
        *,
        previous: Report | None,
        blank_as_zero: bool,
        vals: list[Any],
    ) -> None:
        self.program = program
        self.report = report
        self.previous = previous
        self.blank_as_zero = blank_as_zero
        self.vals = vals
        self.status: list[int] = []
        self._details: dict[int, Violation | NotEvaluated] = {}
        self._joined: dict[tuple[tuple[int, ...], bool], _Joined] = {}
        self._texts: dict[tuple[tuple[int, ...], bool], str] = {}
        self._full: str | None = None
        self._hits: dict[int, list[_Hit]] | None = None

    @property
    def hits(self) -> dict[int, list[_Hit]]:
        """Every figure the prose states, with its place, by narrative instance (found when asked)."""
        if self._hits is None:
            self._hits = _prose(self)
        return self._hits

    def detail(self, k: int) -> Violation | NotEvaluated | None:
        """Return the violation or the reason for instance *k* (``None`` when it passed)."""
        if self.status[k] == 0:
            return None
        try:
            return self._details[k]
        except KeyError:
            pass
        detail = _explain(k, self)
        if detail is not None:
            self._details[k] = detail
        return detail

    def full_text(self) -> str:
        """Return the front matter and all six sections, joined by blank lines."""
        got = self._full
        if got is None:
            report = self.report
            parts = (report.meta.preamble, *map(_SECTION_TEXT, report.sections))
            got = self._full = "\n\n".join(filter(None, parts))
        return got

    def text(self, sections: tuple[int, ...], preamble: bool) -> str:
        """Return the texts of *sections* (and the front matter) joined by blank lines."""
        key = (sections, preamble)
        got = self._texts.get(key)
        if got is None:
            report = self.report
            every = report.sections
            strings = [every[n - 1].text for n in sections]
            if preamble:
                strings.insert(0, report.meta.preamble)
            got = self._texts[key] = "\n\n".join(filter(None, strings))
        return got

    def _parts(self, sections: tuple[int, ...], preamble: bool) -> list[tuple[int, str]]:
        report = self.report
        every = report.sections
        parts = [(0, report.meta.preamble)] if preamble and report.meta.preamble else []
        parts += [(n, every[n - 1].text) for n in sections if every[n - 1].text]
        return parts

    def joined(self, sections: tuple[int, ...], preamble: bool) -> _Joined:
        """Return :meth:`text` with the offset and number of each section in it."""
        key = (sections, preamble)
        got = self._joined.get(key)
        if got is None:
            parts = self._parts(sections, preamble)
            starts = tuple(accumulate([len(t) + 2 for _, t in parts[:-1]], initial=0))
            got = (
                self.text(sections, preamble),
                starts if parts else (),
                tuple(n for n, _ in parts),
            )
            self._joined[key] = got
        return got


_BREAKS = "。\n"
"""Sentence breaks: a mention in the prose never spans two sentences."""
_ALL_SECTIONS = (1, 2, 3, 4, 5, 6)
_SECTION_TEXT = attrgetter("text")
"""The key of the text most checks read: the front matter and all six sections."""


def sentence_windows(text: str, need: str) -> list[tuple[int, int]]:
    r"""Return ``(start, end)`` of every sentence of *text* that contains *need*.

    A sentence ends with ``。`` or a line break (included); with ``need=""``
    every sentence is returned.

    >>> sentence_windows("甲。乙丙。\n丙丁", "丙")
    [(2, 5), (6, 8)]
    """
    out: list[tuple[int, int]] = []
    size = len(text)
    find = text.find
    rfind = text.rfind
    i = find(need)
    while 0 <= i < size:
        start = max(rfind("。", 0, i), rfind("\n", 0, i)) + 1
        j = i + max(len(need) - 1, 0)
        a = find("。", j)
        b = find("\n", j)
        end = min(a if a >= 0 else size, b if b >= 0 else size) + 1
        end = min(end, size)
        if end > start:
            out.append((start, end))
        i = find(need, end) if need else end
    return out


def _values(report: Report, previous: Report | None, blank_as_zero: bool) -> list[Any]:
    vals: list[Any] = [c.value for c in report.flat_cells]
    vals.append(0)
    if previous is not None:
        vals += [c.value for c in previous.flat_cells]
    if blank_as_zero:
        for base, cells in (
            (0, report.flat_cells),
            (_N + 1, previous.flat_cells if previous else ()),
        ):
            for i, c in enumerate(cells):
                if c.value is None and c.presence is Presence.BLANK:
                    vals[base + i] = 0
    return vals


def _run_linear(items: tuple[_Linear, ...], vals: list[Any], status: list[int]) -> None:
    for k, pos, neg, constant, op in items:
        try:
            s = sum(pos(vals)) - sum(neg(vals))
        except TypeError:  # a cell without a number
            status[k] = 2
            continue
        if constant:
            s += constant
        if (s != 0) if op == _EQ else (s > 0) if op == _LE else (s < 0):
            status[k] = 1


def validate(
    report: Report,
    rules: RuleSet | Rule | None = None,
    *,
    previous: Report | None = None,
    blank_as_zero: bool = False,
) -> ValidationResult:
    """Check a report against a rule set; return every outcome, never raise for a broken rule.

    >>> import govinfo_report as gr
    >>> r = gr.Report.from_cells({"t4.suit_direct.upheld": 2, "t4.suit_direct.corrected": 0,
    ...     "t4.suit_direct.other": 1, "t4.suit_direct.pending": 0, "t4.suit_direct.total": 0})
    >>> result = validate(r)
    >>> sorted(result.failed_ids), result.ok
    (['t4.group_sum[suit_direct]'], False)
    >>> v = result.violations[0]
    >>> v.code, v.lhs, v.rhs, v.diff
    (<ReasonCode.SUM: 'govinfo.sum'>, 0, 3, -3)

    Args:
        report: The report.
        rules: A :class:`RuleSet` (or one :class:`Rule`); ``RULES_2021`` by default.
        previous: Last year's report, for the cross-year rules; without it
            they are not evaluated (reason ``no_previous``).
        blank_as_zero: Read blank cells as 0.  Off by default: a blank is a
            missing value, not a zero.  Markers (``/``) and absent cells stay
            unknown either way.

    Returns:
        A :class:`ValidationResult`.

    Raises:
        InvalidArgument: when *report* or *previous* is not a Report, or
            *rules* not a rule set.

    .. versionadded:: 0.1.0
    """
    if rules is None:
        rules = RULES_2021
    elif isinstance(rules, Rule):
        rules = RuleSet((rules,))
    if not isinstance(rules, RuleSet):
        msg = f"rules must be a RuleSet or a Rule, got {rules!r}"
        raise InvalidArgument(msg)
    if not isinstance(report, Report):
        msg = f"validate() needs a Report, got {type(report).__name__}"
        raise InvalidArgument(msg)
    if previous is not None and not isinstance(previous, Report):
        msg = f"previous must be a Report or None, got {type(previous).__name__}"
        raise InvalidArgument(msg)
    program = rules.program
    if blank_as_zero or previous is not None:
        vals = _values(report, previous, blank_as_zero)
    else:
        vals = [c.value for c in report.flat_cells]
        vals.append(0)
    status = [0] * len(program.instances)
    packed = False
    if program.packed:
        try:
            x = _pack(vals)
        except (TypeError, OverflowError):  # a cell without a number, or out of range
            pass
        else:
            packed = not x & program.high
        for family in program.packed:
            if not packed or not family.holds(x):
                _run_batch(family.batch, vals, status)
    for batch in program.bulk:
        _run_batch(batch, vals, status)
    if program.linear:
        _run_linear(program.linear, vals, status)
    if program.cross:
        if previous is None or _previous_year_mismatch(report, previous):
            for item in program.cross:
                status[item[0]] = 2
        else:
            _run_linear(program.cross, vals, status)
    if program.bounds and not packed:  # packed: every count is an integer ≥ 0
        _run_bounds(program, report, vals, status)
    raw = Raw(program, report, previous=previous, blank_as_zero=blank_as_zero, vals=vals)
    if program.mentions:
        _prose_status(raw, status)
    if program.years:
        _year_statuses(raw, status)
    for k in program.others:
        status[k] = _status(k, raw)
    raw.status = status
    return ValidationResult(report, rules, previous, blank_as_zero, raw=raw)


def _run_batch(batch: _Batch, vals: list[Any], status: list[int]) -> None:
    """Check a batch of equalities: both sides at once, instance by instance on a failure."""
    try:
        left = batch.plus.sums(vals)
        right = batch.minus.sums(vals)
    except TypeError:  # a cell without a number: instance by instance
        for k, pos, neg in zip(batch.ids, batch.plus_slices, batch.minus_slices, strict=True):
            try:
                if sum(vals[pos]) != sum(vals[neg]):
                    status[k] = 1
            except TypeError:
                status[k] = 2
        return
    if left != right:
        for k, a, b in zip(batch.ids, left, right, strict=True):
            if a != b:
                status[k] = 1


def _run_bounds(program: Program, report: Report, vals: list[Any], status: list[int]) -> None:
    """Check the ``path ≥ 0`` count bounds, all at once when every one holds.

    ``array("Q", …)`` takes only integers from 0 to 2**64 − 1: it raises for
    a cell without a number and for a negative one, and then the cells are
    read one by one.
    """
    try:
        for run in program.bound_runs:
            array("Q", vals[run])
    except (TypeError, OverflowError):
        pass
    else:
        return
    flat = report.flat_cells
    for k, i in zip(program.bounds, program.bound_cells, strict=True):
        v = vals[i]
        if v is None:
            status[k] = 1 if flat[i].presence is Presence.TEXT else 2
        elif v < 0:
            status[k] = 1


def _status(k: int, raw: Raw) -> int:
    """Return the status of one instance evaluated one by one (tolerances, amounts, fee notice)."""
    instance = raw.program.instances[k]
    check = instance.check
    if isinstance(check, ConditionalMention):
        return _conditional_facts(check, raw)[0]
    if isinstance(check, Domain) and not check.path.startswith(PREVIOUS):
        value = raw.vals[_INDEX[check.path]]
        if (
            value is not None
            and value >= check.minimum
            and (
                not check.integral
                or not isinstance(value, Decimal)
                or value == value.to_integral_value()
            )
        ):
            return 0
    detail = _explain(k, raw)
    if detail is None:
        return 0
    raw._details[k] = detail
    return 1 if isinstance(detail, Violation) else 2


def _previous_year_mismatch(report: Report, previous: Report) -> bool:
    t, p = report.meta.year, previous.meta.year
    return t is not None and p is not None and p != t - 1


# --- details ---------------------------------------------------------------------------


def _label(path: str) -> tuple[str, str]:
    spec = CELL_SPECS[path]
    label = spec.short_label
    if spec.table.key != "t3":
        label = f"表{spec.table.number} {label}"
    return label, spec.label_en


def _involved(
    instance: RuleInstance, term: Term, raw: Raw, role: str | None = None
) -> CellInvolved:
    is_prev = term.path.startswith(PREVIOUS)
    path = term.path.removeprefix(PREVIOUS)
    source = raw.previous if is_prev else raw.report
    cell = source.flat_cells[_INDEX[path]] if source is not None else Cell()
    value = _value_of(cell, raw.blank_as_zero)
    label, label_en = _label(path)
    return CellInvolved(
        path=path,
        role=role or instance.role(term.path),
        value=value,
        printed=cell.printed,
        label=f"上年 {label}" if is_prev else label,
        label_en=f"last year, {label_en}" if is_prev else label_en,
        coef=term.coef,
        previous=is_prev,
    )


def _value_of(cell: Cell, blank_as_zero: bool) -> CellValue:
    if cell.value is None and blank_as_zero and cell.presence is Presence.BLANK:
        return 0
    return cell.value


_REASON_ORDER = (
    (Presence.TEXT, NotEvaluatedReason.TEXT),
    (Presence.MARKER, NotEvaluatedReason.MARKER),
    (Presence.BLANK, NotEvaluatedReason.BLANK),
    (Presence.ABSENT, NotEvaluatedReason.ABSENT),
)
_REASON_ZH = {
    NotEvaluatedReason.TEXT: "印为非数字（按原样保留）",
    NotEvaluatedReason.MARKER: "印为标记（按原样保留）",
    NotEvaluatedReason.BLANK: "为空白",
    NotEvaluatedReason.ABSENT: "文本中没有",
}
_REASON_EN = {
    NotEvaluatedReason.TEXT: "is not a number (kept as printed)",
    NotEvaluatedReason.MARKER: "holds a marker (kept as printed)",
    NotEvaluatedReason.BLANK: "is blank",
    NotEvaluatedReason.ABSENT: "is not in the text",
}


def _presence(c: CellInvolved) -> Presence:
    return Cell(None, c.printed).presence if c.value is None else Presence.NUMBER


def _not_evaluated_cells(instance: RuleInstance, unknown: list[CellInvolved]) -> NotEvaluated:
    presences = [_presence(c) for c in unknown]
    reason = next(r for p, r in _REASON_ORDER if p in presences)
    shown = [c for c, p in zip(unknown, presences, strict=True) if p is not Presence.NUMBER]
    zh = "；".join(
        f"{c.label}（{'上年 ' if c.previous else ''}{c.path}）{_REASON_ZH[_reason(p)]}"
        + (f"：“{c.printed}”" if p in (Presence.TEXT, Presence.MARKER) else "")
        for c, p in zip(shown, [_presence(c) for c in shown], strict=True)
    )
    en = "; ".join(
        f"{'previous.' if c.previous else ''}{c.path} {_REASON_EN[_reason(p)]}"
        + (f": {c.printed!r}" if p in (Presence.TEXT, Presence.MARKER) else "")
        for c, p in zip(shown, [_presence(c) for c in shown], strict=True)
    )
    return NotEvaluated(
        instance.id,
        instance.family,
        instance.binding,
        instance.severity,
        reason,
        tuple(shown),
        f"无法评估：{zh}",
        f"not evaluated: {en}",
    )


def _reason(presence: Presence) -> NotEvaluatedReason:
    return next(r for p, r in _REASON_ORDER if p is presence)


def _not_evaluated(
    instance: RuleInstance, reason: NotEvaluatedReason, zh: str, en: str
) -> NotEvaluated:
    return NotEvaluated(
        instance.id, instance.family, instance.binding, instance.severity, reason, (), zh, en
    )


def _explain(k: int, raw: Raw) -> Violation | NotEvaluated | None:
    instance = raw.program.instances[k]
    check = instance.check
    if isinstance(check, Domain):
        return _explain_domain(instance, check, raw)
    if isinstance(check, Narrative):
        return _explain_narrative(instance, raw.hits.get(k, []), raw)
    if isinstance(check, ConditionalMention):
        return _explain_conditional(instance, check, raw)
    if isinstance(check, YearCheck):
        return _explain_year(instance, check, raw)
    return _explain_relation(instance, check, raw)


def _fill(template: str | None, fallback: str, **fields: str) -> str:
    text = template if template is not None else fallback
    for key, value in fields.items():
        text = text.replace("{" + key + "}", value)
    return text


def _radius(instance: RuleInstance, cells: Sequence[CellInvolved]) -> Decimal:
    radius = instance.tolerance.absolute
    if instance.tolerance.mode == "printed":
        for c in cells:
            if isinstance(c.value, Decimal):
                exponent = c.value.as_tuple().exponent
                if isinstance(exponent, int):
                    radius += abs(c.coef) * Decimal((0, (5,), exponent - 1))
    return radius


def _explain_relation(
    instance: RuleInstance, relation: Relation, raw: Raw
) -> Violation | NotEvaluated | None:
    if instance.needs_previous:
        if raw.previous is None:
            return _not_evaluated(
                instance,
                NotEvaluatedReason.NO_PREVIOUS,
                "无法评估：未提供上年报告",
                "not evaluated: no previous year's report was given",
            )
        if _previous_year_mismatch(raw.report, raw.previous):
            return _not_evaluated(
                instance,
                NotEvaluatedReason.PREVIOUS_YEAR,
                f"无法评估：上年报告为 {raw.previous.meta.year} 年度，不是 {raw.report.meta.year} 年的上一年",
                f"not evaluated: the previous report is for {raw.previous.meta.year}, "
                f"not the year before {raw.report.meta.year}",
            )
    lhs_cells = [_involved(instance, t, raw) for t in relation.lhs]
    rhs_cells = [_involved(instance, t, raw) for t in relation.rhs]
    cells = [*lhs_cells, *rhs_cells]
    unknown = [c for c in cells if c.value is None]
    if unknown:
        return _not_evaluated_cells(instance, unknown)
    lhs: Any = relation.lhs_constant
    for c in lhs_cells:
        lhs += c.coef * cast("int | Decimal", c.value)
    rhs: Any = relation.rhs_constant
    for c in rhs_cells:
        rhs += c.coef * cast("int | Decimal", c.value)
    diff = lhs - rhs
    radius = _radius(instance, cells)
    op = relation.op
    holds = (
        abs(diff) <= radius
        if op == "=="
        else diff - radius <= 0
        if op == "<="
        else diff + radius >= 0
    )
    if holds:
        return None
    neg = {"==": "≠", "<=": ">", ">=": "<"}[op]
    fields = {
        "label": instance.label_zh,
        "lhs": format_number(lhs),
        "rhs": format_number(rhs),
        "diff": format_number(diff),
        "absdiff": format_number(abs(diff)),
    }
    zh = _fill(
        instance.message_zh,
        "不满足“{label}”：左边为 {lhs}，右边为 {rhs}，相差 {absdiff}",
        **fields,
    )
    fields["label"] = instance.label_en
    en = _fill(
        instance.message_en,
        "{label} does not hold: left side {lhs} " + neg + " right side {rhs}, difference {diff}",
        **fields,
    )
    return Violation(
        instance.id,
        instance.family,
        instance.binding,
        instance.severity,
        instance.code,
        tuple(cells),
        lhs,
        rhs,
        diff,
        zh,
        en,
    )


def _explain_domain(
    instance: RuleInstance, check: Domain, raw: Raw
) -> Violation | NotEvaluated | None:
    c = _involved(instance, Term(check.path, 1), raw)
    if c.value is None:
        presence = _presence(c)
        if presence is Presence.TEXT:
            expected = "件数（非负整数）" if check.integral else "数字"
            expected_en = "a count (an integer ≥ 0)" if check.integral else "a number"
            return Violation(
                instance.id,
                instance.family,
                instance.binding,
                instance.severity,
                ReasonCode.PARSE,
                (c,),
                None,
                None,
                None,
                f"{c.label}（{c.path}）应为{expected}，印为“{c.printed}”（按原样保留）",
                f"{c.label_en} ({c.path}): expected {expected_en}, got {c.printed!r} (kept as printed)",
            )
        return _not_evaluated_cells(instance, [c])
    value = c.value
    if value >= check.minimum and not (
        check.integral and isinstance(value, Decimal) and value != value.to_integral_value()
    ):
        return None
    delta: int | Decimal = value - check.minimum
    fields = {
        "label": instance.label_zh,
        "lhs": format_number(value),
        "rhs": str(check.minimum),
        "diff": format_number(delta),
        "absdiff": format_number(-delta if delta < 0 else delta),
    }
    zh = _fill(
        instance.message_zh,
        f"{c.label}（{c.path}）为 {{lhs}}，应为不小于 {{rhs}} 的{'整数' if check.integral else '数'}",
        **fields,
    )
    fields["label"] = instance.label_en
    en = _fill(
        instance.message_en,
        f"{c.path} is {{lhs}}; expected {'an integer' if check.integral else 'a number'} ≥ {{rhs}}",
        **fields,
    )
    return Violation(
        instance.id,
        instance.family,
        instance.binding,
        instance.severity,
        instance.code,
        (c,),
        value,
        check.minimum,
        delta,
        zh,
        en,
    )


_Hit: TypeAlias = tuple[int, int, int, tuple[CellValue, ...], bool]
"""A figure found in the prose: (start, end, figure, table readings, agrees)."""


def _readings(mention: _Mention, vals: list[Any]) -> tuple[CellValue, ...]:
    """Return the table figure of each reading a mention accepts (``None`` where unknown)."""
    out: list[CellValue] = []
    for alternative in mention.alternatives:
        total: Any = 0
        for index, coef in alternative:
            value = vals[index]
            if value is None:
                total = None
                break
            total += coef * value
        out.append(total)
    return tuple(out)


def _sentence(text: str, at: int) -> tuple[int, int]:
    """Return (start, end) of the sentence holding position *at* (its 。 or line break included)."""
    a = text.rfind("。", 0, at)
    b = text.rfind("\n", 0, at)
    start = (a if a > b else b) + 1
    size = len(text)
    a = text.find("。", at)
    b = text.find("\n", at)
    if a < 0:
        a = size
    if b < 0:
        b = size
    end = (a if a < b else b) + 1
    return start, (end if end < size else size)


def _read_mentions(
    vals: list[Any],
    text: str,
    items: _Items,
    *,
    start: int,
    end: int,
    readings: dict[int, tuple[CellValue, ...]],
    hits: dict[int, list[_Hit]],
) -> None:
    for k, mention in items:
        search = mention.pattern.search
        m = search(text, start, end)  # most sentences hold none
        while m is not None:
            a, b = m.span()
            figure = chinese_number(m["n"]) if mention.numeric else 0
            if figure is not None:
                got = readings.get(id(mention))
                if got is None:
                    got = readings[id(mention)] = _readings(mention, vals)
                agrees = figure in got or all(r is None for r in got)
                hits.setdefault(k, []).append((a, b, figure, got, agrees))
            # Like finditer: the next match starts where this one ends.
            if b <= a:
                b += 1
            m = search(text, b, end) if b < end else None


def _windows(text: str, plan: _Plan) -> Iterator[tuple[int, int, _Items]]:
    """Yield ``(start, end, mentions)`` for each sentence holding an anchor, once per anchor.

    Each anchor is found with ``str.find`` of its key character.  A mention
    never spans two sentences.
    """
    find = text.find
    startswith = text.startswith
    for char, anchors in plan.scans:
        i = find(char)
        if i < 0:
            continue
        if len(anchors) == 1:
            need, at, items = anchors[0]
            while i >= 0:
                q = i - at
                if q >= 0 and startswith(need, q):
                    start, end = _sentence(text, q)
                    yield start, end, items
                    i = find(char, end + at)  # the next sentence
                else:
                    i = find(char, i + 1)
            continue
        done = [0] * len(anchors)  # where the last sentence read for each anchor ends
        while i >= 0:
            for n, (need, at, items) in enumerate(anchors):
                q = i - at
                if q >= done[n] and startswith(need, q):
                    start, end = _sentence(text, q)
                    done[n] = end
                    yield start, end, items
            i = find(char, i + 1)
    if plan.unanchored:
        for start, end in sentence_windows(text, ""):
            yield start, end, plan.unanchored


def _prose(raw: Raw) -> dict[int, list[_Hit]]:
    """Find every figure the prose states, with its place, for all narrative instances."""
    hits: dict[int, list[_Hit]] = {}
    readings: dict[int, tuple[CellValue, ...]] = {}
    for plan in raw.program.prose:
        text = raw.text(*plan.key)
        if text:
            for start, end, items in _windows(text, plan):
                _read_mentions(
                    raw.vals, text, items, start=start, end=end, readings=readings, hits=hits
                )
    for found in hits.values():
        found.sort()
    return hits


def _figures(mention: _Mention, text: str, start: int, end: int) -> list[Any]:
    """The group ``n`` (or the whole match) of every match, as the search loop finds them."""
    if not mention.empty:
        found = mention.pattern.findall(text, start, end)
        group = mention.group
        return found if group < 0 else [f[group] for f in found]
    out: list[Any] = []
    search = mention.pattern.search
    m = search(text, start, end)
    while m is not None:
        a, b = m.span()
        out.append(m["n"] if mention.numeric else m[0])
        if b <= a:
            b += 1
        m = search(text, b, end) if b < end else None
    return out


def _known_readings(mention: _Mention, vals: list[Any]) -> tuple[CellValue, ...]:
    """The mention's table readings, or ``()`` when none is known (its figures decide nothing)."""
    alternatives = mention.alternatives
    if len(alternatives) == 1 and len(alternatives[0]) == 1:  # one cell
        index, coef = alternatives[0][0]
        value = vals[index]
        return () if value is None else (coef * value,)
    got = _readings(mention, vals)
    return () if got.count(None) == len(got) else got


def _compare(
    k: int,
    mention: _Mention,
    figures: list[Any],
    *,
    vals: list[Any],
    readings: list[tuple[CellValue, ...] | None],
    known: set[int],
    bad: set[int],
) -> None:
    """Compare the figures one mention states in a sentence with the table."""
    got = readings[mention.slot]
    if got is None:
        got = readings[mention.slot] = _known_readings(mention, vals)
    if not got:
        return
    for printed in figures:
        figure = chinese_number(printed) if mention.numeric else 0
        if figure is not None:
            known.add(k)
            if figure not in got:
                bad.add(k)


def _prose_status(raw: Raw, status: list[int]) -> None:
    """Set the status of every narrative instance from the figures, not their places.

    Gives what :func:`_narrative_status` gives on the hits of :func:`_prose`,
    with less work: one ``str.find`` per anchor occurrence, one search per
    mention and sentence, and the table read only where a mention matches.
    """
    program = raw.program
    vals = raw.vals
    readings: list[tuple[CellValue, ...] | None] = [None] * program.slots
    known: set[int] = set()  # instances with a figure compared with a known table value
    bad: set[int] = set()  # instances with a figure the table contradicts
    for plan in program.prose:
        text = raw.full_text() if plan.full else raw.text(*plan.key)
        if not text:
            continue
        find = text.find
        rfind = text.rfind
        startswith = text.startswith
        last = len(text) - 1  # a sentence without a break ends with the text
        sentences: dict[int, int] = {}  # the start of each sentence read, by its end
        for char, anchors in plan.fast:
            first = find(char)
            if first < 0:
                continue
            for need, at, items in anchors:
                i = first
                while i >= 0:
                    q = i - at
                    if q < 0 or not startswith(need, q):
                        i = find(char, i + 1)
                        continue
                    # The sentence holding the anchor, as _sentence finds it.
                    a = find("。", q)
                    b = find("\n", q)
                    if a < 0:
                        a = last
                    if b < 0:
                        b = last
                    end = (a if a < b else b) + 1
                    start = sentences.get(end, -1)  # another anchor's sentence too?
                    if start < 0:
                        a = rfind("。", 0, q)
                        b = rfind("\n", 0, q)
                        start = sentences[end] = (a if a > b else b) + 1
                    for k, search, mention in items:
                        m = search(text, start, end)  # most sentences hold none
                        if m is None:
                            continue
                        got = readings[mention.slot]
                        if got is None:
                            cell = mention.cell
                            if cell < 0:
                                got = _known_readings(mention, vals)
                            else:
                                value = vals[cell]
                                got = () if value is None else (value,)
                            readings[mention.slot] = got
                        if not got:
                            continue
                        if not mention.numeric:  # states 0: one match says it all
                            known.add(k)
                            if 0 not in got:
                                bad.add(k)
                            continue
                        empty = mention.empty
                        while m is not None:  # every match, as _read_mentions reads them
                            printed = m["n"]
                            figure = int(printed) if printed.isdigit() else chinese_number(printed)
                            if figure is not None:
                                known.add(k)
                                if figure not in got:
                                    bad.add(k)
                            b = m.end()
                            if empty and b <= m.start():
                                b += 1
                            m = search(text, b, end) if b < end else None
                    i = find(char, end + at)  # the next sentence
        if plan.unanchored:
            for start, end in sentence_windows(text, ""):
                for k, mention in plan.unanchored:
                    if mention.pattern.search(text, start, end) is not None:
                        _compare(
                            k,
                            mention,
                            _figures(mention, text, start, end),
                            vals=vals,
                            readings=readings,
                            known=known,
                            bad=bad,
                        )
    for k in program.mentions:
        status[k] = 1 if k in bad else 0 if k in known else 2


def _narrative_status(hits: list[_Hit]) -> int:
    if not hits or all(all(r is None for r in hit[3]) for hit in hits):
        return 2
    return 0 if all(hit[4] for hit in hits) else 1


def _locate(joined: _Joined, offset: int) -> tuple[int, str, int]:
    """Return (section number, its text, offset inside it) of an offset in the joined text."""
    text, starts, numbers = joined
    i = bisect_right(starts, offset) - 1
    end = starts[i + 1] - 2 if i + 1 < len(starts) else len(text)
    return numbers[i], text[starts[i] : end], offset - starts[i]


def _explain_narrative(
    instance: RuleInstance, hits: list[_Hit], raw: Raw
) -> Violation | NotEvaluated | None:
    status = _narrative_status(hits)
    if status == 0:
        return None
    check = instance.check
    assert isinstance(check, Narrative)
    cells = [_involved(instance, Term(p, 1), raw) for p in instance.paths]
    if not hits:
        return _not_evaluated(
            instance,
            NotEvaluatedReason.NO_MENTION,
            f"无法评估：正文未提及（{instance.label_zh}）",
            f"not evaluated: the prose does not state the figure ({instance.label_en})",
        )
    if status == 2:
        return _not_evaluated_cells(instance, [c for c in cells if c.value is None])
    joined = raw.joined(check.sections, check.preamble)
    evidence: list[Evidence] = []
    for start, end, figure, readings, agrees in hits:
        section, text, at = _locate(joined, start)
        passage = excerpt(text, at, at + end - start)
        evidence.append(Evidence(section, passage, figure, readings, agrees))
    bad = [ev for ev in evidence if not ev.agrees]
    first = bad[0]
    assert first.figure is not None
    table = next(e for e in first.expected if e is not None)
    diff: int | Decimal = first.figure - table
    shown = [format_number(e) for e in dict.fromkeys(first.expected)]
    readings_zh = "或".join(shown)
    readings_en = " or ".join(shown)
    fields = {
        "label": instance.label_zh,
        "lhs": format_number(first.figure),
        "rhs": readings_zh,
        "diff": format_number(diff),
        "absdiff": format_number(-diff if diff < 0 else diff),
    }
    passages = "；".join(f"“{ev.excerpt}”" for ev in bad)
    zh = _fill(instance.message_zh, "正文称 {lhs}，表中为 {rhs}（{label}）：" + passages, **fields)
    fields["label"] = instance.label_en
    fields["rhs"] = readings_en
    en = _fill(
        instance.message_en, "the prose states {lhs}, the table gives {rhs} ({label})", **fields
    )
    return Violation(
        instance.id,
        instance.family,
        instance.binding,
        instance.severity,
        instance.code,
        tuple(cells),
        first.figure,
        table,
        diff,
        zh,
        en,
        tuple(evidence),
    )


def _section_present(report: Report, number: int) -> bool:
    section = report.sections[number - 1]
    return section.heading is not None or bool(section.text)


def _search(raw: Raw, pattern: str, text: str) -> re.Match[str] | None:
    regex, needs = raw.program.patterns[pattern]
    if needs and not all(n in text for n in needs):
        return None
    return regex.search(text)


def _conditional_facts(
    check: ConditionalMention, raw: Raw
) -> tuple[int, NotEvaluatedReason | None, re.Match[str] | None]:
    """Return (status, reason when not evaluated, the denial found)."""
    value = raw.vals[_INDEX[check.condition]]
    if value is None:
        return 2, None, None
    if not value > 0:
        return 0, None, None
    if not _section_present(raw.report, check.section):
        return 2, NotEvaluatedReason.NO_TEXT, None
    text = raw.report.sections[check.section - 1].text
    deny = _search(raw, check.deny, text)
    if deny is not None:
        return 1, None, deny
    return (0 if _search(raw, check.require, text) is not None else 1), None, None


def _explain_conditional(
    instance: RuleInstance, check: ConditionalMention, raw: Raw
) -> Violation | NotEvaluated | None:
    status, reason, deny = _conditional_facts(check, raw)
    if status == 0:
        return None
    c = _involved(instance, Term(check.condition, 1), raw)
    if status == 2:
        if reason is None:
            return _not_evaluated_cells(instance, [c])
        return _not_evaluated(
            instance,
            reason,
            f"无法评估：文本中没有第{check.section}部分",
            f"not evaluated: section {check.section} is not in the text",
        )
    text = raw.report.sections[check.section - 1].text
    evidence: tuple[Evidence, ...] = ()
    if deny is not None:
        evidence = (
            Evidence(check.section, excerpt(text, deny.start(), deny.end()), None, (), False),
        )
        zh = f"{c.label} 为 {c.value}（发出过收费通知），但第{check.section}部分称“{deny[0]}”"
        en = (
            f"{c.path} is {c.value} (fee notices were sent), "
            f"but section {check.section} says {deny[0]!r}"
        )
    else:
        zh = (
            f"{c.label} 为 {c.value}（发出过收费通知），"
            f"但第{check.section}部分未报告收费通知或信息处理费情况"
        )
        en = (
            f"{c.path} is {c.value} (fee notices were sent), but section {check.section} "
            "does not report fee notices or the processing fee"
        )
    fields = {
        "label": instance.label_zh,
        "lhs": format_number(c.value),
        "rhs": "0",
        "diff": format_number(c.value),
        "absdiff": format_number(c.value),
    }
    zh = _fill(instance.message_zh, zh, **fields)
    fields["label"] = instance.label_en
    en = _fill(instance.message_en, en, **fields)
    return Violation(
        instance.id,
        instance.family,
        instance.binding,
        instance.severity,
        instance.code,
        (c,),
        c.value,
        None,
        None,
        zh,
        en,
        evidence,
    )


_PART_ZH = {"title": "标题", "period": "统计期限", "narrative": "正文"}

_YearFacts: TypeAlias = tuple[
    NotEvaluatedReason | None, int, list[tuple[int, int, int, bool]], _Joined
]
"""(reason when not evaluated, year t, [(start, end, year, allowed)], the text read)."""


def _year_facts(check: YearCheck, raw: Raw) -> _YearFacts:
    report = raw.report
    t = report.meta.year
    empty: _Joined = ("", (), ())
    if t is None:
        return NotEvaluatedReason.NO_YEAR, 0, [], empty
    allowed: set[int]
    part = check.part
    if part == "title":
        title = report.meta.title
        if not title:
            return NotEvaluatedReason.NO_TEXT, t, [], empty
        joined: _Joined = (title, (0,), (-1,))
        spans = year_spans(title)
        allowed = {t}
    elif part == "period":
        joined = raw.joined(_ALL_SECTIONS, True)
        spans = period_spans(joined[0])
        allowed = {t}
    else:
        joined = raw.joined(_ALL_SECTIONS, True)
        body = joined[1][1] if joined[2] and joined[2][0] == 0 and len(joined[1]) > 1 else 0
        if joined[2] == (0,):
            body = len(joined[0])
        spans = [span for span in opening_year_spans(joined[0]) if span[0] >= body]
        allowed = {t - 1, t, t + 1}
    found = [(a, b, y, y in allowed) for a, b, y in spans]
    return (None if found else NotEvaluatedReason.NO_MENTION), t, found, joined


def _year_statuses(raw: Raw, status: list[int]) -> None:
    """Set the status of every year check: what :func:`_year_facts` implies, without places.

    The years are read as :func:`years`, :func:`period_years` and
    :func:`opening_years` read them (inlined here): 2 when there is none,
    1 when one is not allowed, else 0.
    """
    meta = raw.report.meta
    t = meta.year
    for k, check in raw.program.years:
        part = check.part
        state = 2
        if t is None:
            pass
        elif part == "title":
            for a, b in _YEARS.findall(meta.title) if meta.title else ():
                if int(a or b) != t:
                    state = 1
                    break
                state = 0
        elif part == "period":
            text = raw.full_text()
            for start, end in period_windows(text):
                for a, b in _YEARS.findall(text, start, end):
                    if int(a or b) != t:
                        state = 1
                        break
                    state = 0
                if state == 1:
                    break
        else:
            text = raw.full_text()
            preamble = meta.preamble
            # The narrative starts after the front matter and the blank line after it.
            body = (
                (len(preamble) + 2 if len(text) > len(preamble) else len(text)) if preamble else 0
            )
            for a, b, c, d in set(_OPENING_YEARS.findall(text, body)):
                if c or d:  # after a space, a bracket or a dot: the slow check decides
                    found = opening_years(text, body)
                    if not found:
                        state = 2
                    else:
                        state = 0 if t - 1 <= min(found) and max(found) <= t + 1 else 1
                    break
                year = int(a or b)
                if year < t - 1 or year > t + 1:
                    state = 1
                    break
                state = 0
        status[k] = state


def _explain_year(
    instance: RuleInstance, check: YearCheck, raw: Raw
) -> Violation | NotEvaluated | None:
    reason, t, found, joined = _year_facts(check, raw)
    part = check.part
    if reason is NotEvaluatedReason.NO_YEAR:
        return _not_evaluated(
            instance,
            reason,
            "无法评估：报告年度未知",
            "not evaluated: the report's year is not known",
        )
    if reason is NotEvaluatedReason.NO_TEXT:
        return _not_evaluated(
            instance, reason, "无法评估：文本中没有标题", "not evaluated: the text has no title"
        )
    if reason is not None:
        return _not_evaluated(
            instance,
            reason,
            f"无法评估：{_PART_ZH[part]}中没有年份",
            f"not evaluated: the {part} states no year",
        )
    evidence: list[Evidence] = []
    for start, end, year, ok in found:
        section, text, at = _locate(joined, start)
        passage = excerpt(text, at, at + end - start, context=10)
        evidence.append(Evidence(section, passage, year, (t,), ok))
    bad = [ev for ev in evidence if not ev.agrees]
    if not bad:
        return None
    first = bad[0].figure
    assert first is not None
    shown = "、".join(f"{ev.figure}年（“{ev.excerpt}”）" for ev in bad)
    allowed_zh = f"{t}年" if part != "narrative" else f"{t - 1}–{t + 1}年"
    fields = {
        "label": instance.label_zh,
        "lhs": str(first),
        "rhs": str(t),
        "diff": format_number(first - t),
        "absdiff": str(abs(first - t)),
    }
    zh = _fill(
        instance.message_zh,
        f"{_PART_ZH[part]}出现 {shown}，报告年度为 {t} 年（应为{allowed_zh}）",
        **fields,
    )
    fields["label"] = instance.label_en
    en = _fill(
        instance.message_en,
        f"the {part} names {', '.join(str(ev.figure) for ev in bad)}; the report is for {t}",
        **fields,
    )
    return Violation(
        instance.id,
        instance.family,
        instance.binding,
        instance.severity,
        instance.code,
        (),
        first,
        t,
        first - t,
        zh,
        en,
        tuple(evidence),
    )
