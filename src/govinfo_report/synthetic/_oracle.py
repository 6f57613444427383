"""The mutation oracle: which rule instances a change breaks, read from the rules.

Every rule instance of :data:`~govinfo_report.rules.RULES_2021` is linear:
``Σ coefficient × cell  op  0`` over the canonical cells.  So the instances
a change breaks follow from its *change vector* alone: an equality that held
fails exactly when its terms applied to the change do not cancel.  Nothing
here evaluates a report the way :func:`~govinfo_report.rules.validate` does;
it only applies the instances' terms.

For breaking a chosen set *S* of instances on purpose, the same terms decide
whether it can be done at all: a change that fails every instance of *S*
and keeps every other one exists exactly when no instance of *S* is a linear
combination of the kept ones (SPEC §5.3: the 39 table-三 equations have rank
37, so ``t3.balance[total]`` never fails alone).  The test is exact, over
the rationals.
"""

from __future__ import annotations

import difflib
import functools
import math
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Protocol

import attrs

from govinfo_report.exceptions import InvalidArgument
from govinfo_report.schema import CELL_PATHS, CELL_SPECS, Cell

if TYPE_CHECKING:
    from govinfo_report.schema import CellValue

__all__ = [
    "BreakPlan",
    "Chooser",
    "LinearInstance",
    "Oracle",
    "oracle_for",
]


class Chooser(Protocol):
    """Where choices come from: a seeded :class:`random.Random` or a Hypothesis draw."""

    def below(self, n: int) -> int:
        """Return an int in ``[0, n)``; 0 is the simplest choice."""
        ...

    def between(self, low: int, high: int) -> int:
        """Return an int in ``[low, high]``; *low* is the simplest choice."""
        ...


@attrs.frozen
class LinearInstance:
    """One rule instance as the oracle reads it: ``Σ coeff × cell + constant  op  0``.

    Attributes:
        id: The instance id (``t3.balance[total]``).
        family: The rule family (``t3.balance``).
        severity: The rule's severity, as the rules module gives it.
        op: ``"=="``, ``"<="`` or ``">="``.
        index: Flat cell indexes of the terms.
        coeff: Integer coefficients of the terms.
        constant: The relation's constant (0 for every 2021 rule).
    """

    id: str
    family: str
    severity: object
    op: str
    index: tuple[int, ...]
    coeff: tuple[int, ...]
    constant: int = 0

    def holds(self, residual: int | Decimal) -> bool:
        """Return whether ``residual op 0`` holds."""
        if self.op == "==":
            return residual == 0
        if self.op == "<=":
            return residual <= 0
        return residual >= 0


def _linear(instance: Any) -> LinearInstance | None:
    terms = tuple(getattr(instance, "terms", ()) or ())
    op = str(getattr(instance, "op", ""))
    if not terms or op not in {"==", "<=", ">="}:
        return None
    index: list[int] = []
    coeff: list[int] = []
    for path, k in terms:
        spec = CELL_SPECS.get(str(path))
        if spec is None:  # a term outside this report (a previous year's cell)
            return None
        index.append(spec.index)
        coeff.append(int(k))
    return LinearInstance(
        id=str(instance.id),
        family=str(getattr(instance, "family", "")),
        severity=getattr(instance, "severity", None),
        op=op,
        index=tuple(index),
        coeff=tuple(coeff),
        constant=int(getattr(instance, "constant", 0) or 0),
    )


def _is_number(cell: Cell) -> bool:
    return cell.value is not None


@attrs.frozen
class Oracle:
    """The linear instances of a rule set, indexed by cell.

    Attributes:
        instances: The instances whose terms are cells of one report.
        ids: Every instance id of the rule set (linear or not).
    """

    instances: tuple[LinearInstance, ...]
    ids: frozenset[str]
    _by_id: Mapping[str, int] = attrs.field(init=False, repr=False, eq=False)
    _by_cell: tuple[tuple[int, ...], ...] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        by_cell: list[list[int]] = [[] for _ in CELL_PATHS]
        for n, instance in enumerate(self.instances):
            for j in instance.index:
                by_cell[j].append(n)
        object.__setattr__(self, "_by_id", {i.id: n for n, i in enumerate(self.instances)})
        object.__setattr__(self, "_by_cell", tuple(tuple(sorted(set(b))) for b in by_cell))

    def instance(self, rule_id: str) -> LinearInstance:
        """Return the linear instance with this id.

        Raises:
            KeyError: for an id that is not a linear instance.
        """
        return self.instances[self._by_id[rule_id]]

    def touching(self, index: int) -> tuple[LinearInstance, ...]:
        """Return the instances that have cell *index* among their terms."""
        return tuple(self.instances[n] for n in self._by_cell[index])

    def covered(self) -> tuple[int, ...]:
        """Return the flat indexes of cells that some equality instance reads.

        These are the cells whose change shows: a bound (``>= 0``) cannot
        be broken by a printed number.
        """
        return tuple(
            j for j, b in enumerate(self._by_cell) if any(self.instances[n].op == "==" for n in b)
        )

    def assessable_cells(self, cells: Sequence[Cell]) -> tuple[int, ...]:
        """Return the cells read by an equality instance whose cells are all numbers."""
        out: set[int] = set()
        for instance in self.instances:
            if instance.op == "==" and all(cells[j].value is not None for j in instance.index):
                out.update(instance.index)
        return tuple(sorted(out))

    def equalities_of(self, index: int) -> frozenset[str]:
        """Return the ids of the equality instances that read cell *index*."""
        return frozenset(
            self.instances[n].id for n in self._by_cell[index] if self.instances[n].op == "=="
        )

    def changes(
        self, before: Sequence[Cell], after: Sequence[Cell]
    ) -> tuple[frozenset[str], frozenset[str]]:
        """Return ``(violated, not_assessable)`` ids after a change of a valid report.

        *before* must satisfy every instance it can be assessed on (a
        generated report does).  An instance that reads a changed cell
        fails when its terms applied to the change vector do not cancel
        (or, for ``<=``/``>=``, push it past its bound); it is not
        assessable when one of its cells is no longer a number.  Instances
        that read no changed cell keep their status.
        """
        changed = [j for j, (b, a) in enumerate(zip(before, after, strict=True)) if b != a]
        touched = sorted({n for j in changed for n in self._by_cell[j]})
        violated: set[str] = set()
        missing: set[str] = set()
        for n in touched:
            instance = self.instances[n]
            cells = [after[j] for j in instance.index]
            if not all(map(_is_number, cells)):
                missing.add(instance.id)
                continue
            if instance.op == "==" and all(_is_number(before[j]) for j in instance.index):
                # terms applied to the change vector
                residual = sum(
                    k * (_value(after[j]) - _value(before[j]))
                    for j, k in zip(instance.index, instance.coeff, strict=True)
                )
            else:
                residual = instance.constant + sum(
                    k * _value(c) for c, k in zip(cells, instance.coeff, strict=True)
                )
            if not instance.holds(residual):
                violated.add(instance.id)
        return frozenset(violated), frozenset(missing)

    def not_assessable(self, cells: Sequence[Cell]) -> frozenset[str]:
        """Return the ids of instances that read a cell which is not a number."""
        return frozenset(
            i.id for i in self.instances if not all(_is_number(cells[j]) for j in i.index)
        )

    @functools.lru_cache(maxsize=256)  # noqa: B019 - oracles live as long as their rule set
    def break_plan(self, ids: frozenset[str]) -> BreakPlan:
        """Return how to break exactly the instances *ids*, or say why it cannot be done.

        Raises:
            InvalidArgument: naming ``breaking`` and the reason: an unknown
                id, an instance that is not a linear equality, or one that
                is implied by the instances that are to hold.
        """
        return _plan_breaking(self, ids)


def _value(cell: Cell) -> int | Decimal:
    value: CellValue = cell.value
    assert value is not None
    return value


# --- exact linear algebra over the rationals ----------------------------------

_Row = dict[int, Fraction]


@attrs.frozen
class _Echelon:
    """Rows in reduced echelon form, each with the combination of inputs it came from."""

    rows: tuple[tuple[int, _Row, dict[int, Fraction]], ...]  # (pivot, row, combination)

    def reduce(self, vector: _Row) -> tuple[_Row, dict[int, Fraction]]:
        """Return ``(remainder, combination)`` with ``vector = remainder + Σ combination``."""
        rest = dict(vector)
        combination: dict[int, Fraction] = {}
        for pivot, row, combo in self.rows:
            factor = rest.get(pivot)
            if not factor:
                continue
            for j, v in row.items():
                new = rest.get(j, Fraction(0)) - factor * v
                if new:
                    rest[j] = new
                else:
                    rest.pop(j, None)
            for n, v in combo.items():
                combination[n] = combination.get(n, Fraction(0)) + factor * v
        return rest, {n: v for n, v in combination.items() if v}


def _echelon(vectors: Sequence[tuple[int, _Row]]) -> _Echelon:
    rows: list[tuple[int, _Row, dict[int, Fraction]]] = []
    for label, vector in vectors:
        partial = _Echelon(tuple(rows))
        rest, combination = partial.reduce(vector)
        if not rest:
            continue
        pivot = min(rest)
        scale = rest[pivot]
        row = {j: v / scale for j, v in rest.items()}
        combo = {n: -v / scale for n, v in combination.items()}
        combo[label] = combo.get(label, Fraction(0)) + 1 / scale
        # eliminate the new pivot from the earlier rows (reduced form)
        new_rows: list[tuple[int, _Row, dict[int, Fraction]]] = []
        for p, r, c in rows:
            factor = r.get(pivot)
            if factor:
                r2 = dict(r)
                for j, v in row.items():
                    value = r2.get(j, Fraction(0)) - factor * v
                    if value:
                        r2[j] = value
                    else:
                        r2.pop(j, None)
                c2 = dict(c)
                for n, v in combo.items():
                    c2[n] = c2.get(n, Fraction(0)) - factor * v
                new_rows.append((p, r2, {n: v for n, v in c2.items() if v}))
            else:
                new_rows.append((p, r, c))
        new_rows.append((pivot, row, combo))
        rows = new_rows
    return _Echelon(tuple(rows))


def _integral(vector: Mapping[int, Fraction]) -> tuple[tuple[int, int], ...]:
    denominator = math.lcm(*(v.denominator for v in vector.values()))
    ints = {j: int(v * denominator) for j, v in vector.items()}
    divisor = math.gcd(*ints.values())
    return tuple(sorted((j, v // divisor) for j, v in ints.items() if v))


@attrs.frozen
class BreakPlan:
    """How to break exactly a set of instances.

    Attributes:
        ids: The instances to break.
        singles: Cells whose change alone breaks exactly *ids*.
        vectors: Integer change vectors (sparse ``(index, delta)``) that
            keep every other equality and break every one of *ids*; tried
            when there is no single cell.
        basis: A basis of the changes that keep every other equality, for
            combinations when neither of the above exists.
        targets: The instances of *ids*, to test a combination against.
    """

    ids: frozenset[str]
    singles: tuple[int, ...]
    vectors: tuple[tuple[tuple[int, int], ...], ...]
    basis: tuple[tuple[tuple[int, int], ...], ...]
    targets: tuple[LinearInstance, ...]

    def delta(self, choose: Chooser) -> dict[int, int]:
        """Return a change vector that breaks exactly :attr:`ids`.

        A single cell is used when one will do, then a basis vector, then
        a combination of basis vectors.  The magnitude is 1–9 times the
        smallest integral step, either sign; the simplest choice (what
        Hypothesis shrinks to) is the first cell, ``+1``.
        """
        if not self.ids:
            return {}
        scale = choose.between(1, 9) * (-1 if choose.below(2) else 1)
        if self.singles:
            return {self.singles[choose.below(len(self.singles))]: scale}
        if self.vectors:
            vector = self.vectors[choose.below(len(self.vectors))]
            return {j: v * scale for j, v in vector}
        for _ in range(64):
            combined: dict[int, int] = {}
            for vector in self.basis:
                factor = choose.between(-3, 3)
                for j, v in vector:
                    combined[j] = combined.get(j, 0) + factor * v
            combined = {j: v for j, v in combined.items() if v}
            if all(
                sum(k * combined.get(j, 0) for j, k in zip(t.index, t.coeff, strict=True))
                for t in self.targets
            ):
                return {j: v * scale for j, v in combined.items()}
        msg = f"no change found that breaks exactly {sorted(self.ids)}"  # pragma: no cover
        raise InvalidArgument(msg)  # pragma: no cover


def _plan_breaking(oracle: Oracle, ids: frozenset[str]) -> BreakPlan:
    for rule_id in sorted(ids):
        if rule_id in oracle._by_id:
            instance = oracle.instance(rule_id)
            if instance.op != "==":
                msg = (
                    f"breaking={sorted(ids)!r}: {rule_id} is a bound ({instance.op}), and only "
                    "equality instances can be broken on purpose"
                )
                raise InvalidArgument(msg)
            continue
        if rule_id in oracle.ids:
            msg = (
                f"breaking={sorted(ids)!r}: {rule_id} does not read the cells of one report "
                "(it compares with a previous year or the narrative), so a change of cells "
                "cannot break it on purpose"
            )
            raise InvalidArgument(msg)
        close = difflib.get_close_matches(rule_id, sorted(oracle._by_id), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        msg = f"breaking={sorted(ids)!r}: unknown rule instance {rule_id!r}{hint}"
        raise InvalidArgument(msg)
    equalities = [(n, i) for n, i in enumerate(oracle.instances) if i.op == "=="]
    kept = [(n, i) for n, i in equalities if i.id not in ids]
    targets = tuple(oracle.instance(i) for i in sorted(ids))

    def vector(instance: LinearInstance) -> _Row:
        row: _Row = {}
        for j, k in zip(instance.index, instance.coeff, strict=True):
            row[j] = row.get(j, Fraction(0)) + k
        return {j: v for j, v in row.items() if v}

    echelon = _echelon([(n, vector(i)) for n, i in kept])
    for target in targets:
        rest, combination = echelon.reduce(vector(target))
        if not rest:
            implied_by = _grouped(oracle.instances[n].id for n in combination)
            msg = (
                f"breaking={sorted(ids)!r}: {target.id} cannot fail while "
                f"{implied_by} hold, since it is implied by them "
                "(docs/format.md §5.3: the table-三 equations are redundant); add one of those "
                "to breaking= as well"
            )
            raise InvalidArgument(msg)

    singles = tuple(
        j
        for j in oracle.covered()
        if oracle.equalities_of(j) == ids and all(k != 0 for k in _coefficients(targets, j))
    )
    # a basis of the changes that keep every kept equality
    columns = sorted({j for _, i in equalities for j in i.index})
    pivots = {p for p, _, _ in echelon.rows}
    basis: list[tuple[tuple[int, int], ...]] = []
    for free in columns:
        if free in pivots:
            continue
        kernel: dict[int, Fraction] = {free: Fraction(1)}
        for pivot, row, _ in echelon.rows:
            v = row.get(free)
            if v:
                kernel[pivot] = -v
        basis.append(_integral(kernel))
    vectors = tuple(
        b
        for b in basis
        if all(
            sum(k * dict(b).get(j, 0) for j, k in zip(t.index, t.coeff, strict=True))
            for t in targets
        )
    )
    return BreakPlan(ids, singles, vectors, tuple(basis), targets)


def _grouped(ids: Iterable[str]) -> str:
    """``t3.balance[commercial, research], t3.row_sum[granted]``: ids grouped by family."""
    families: dict[str, list[str]] = {}
    for rule_id in sorted(ids):
        family, _, binding = rule_id.partition("[")
        families.setdefault(family, []).append(binding.rstrip("]"))
    return ", ".join(
        f"{family}[{', '.join(b for b in bindings if b)}]" if any(bindings) else family
        for family, bindings in families.items()
    )


def _coefficients(targets: Iterable[LinearInstance], index: int) -> list[int]:
    return [sum(k for j, k in zip(t.index, t.coeff, strict=True) if j == index) for t in targets]


class _RuleSet(Protocol):
    def instances(self) -> Iterable[Any]: ...


def oracle_for(rules: _RuleSet) -> Oracle:
    """Return the oracle of a rule set (anything with ``instances()``)."""
    raw = tuple(rules.instances())
    linear = tuple(i for i in map(_linear, raw) if i is not None)
    return Oracle(linear, frozenset(str(i.id) for i in raw))
