"""Localisation: which single cell, changed to which value, explains the failures.

The identities are linear, so the incidence matrix (cells × instances, the
coefficients) says it all.  A failing exact instance *i* has a residual
``r_i = Σ a_ij · v_j`` that should be 0 (or ≤ 0, ≥ 0).  Changing one cell *j*
by δ changes every residual by ``a_ij · δ``.  A cell explains a group of
failing instances when one δ makes all of them hold, the new value is a
valid count, and every instance that passed and reads *j* still holds.

Failing instances are grouped by shared cells (two wrong cells in different
tables are two groups); each group gets its own candidates, listed in
canonical cell order.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs

from govinfo_report.rules._codes import Status
from govinfo_report.rules._expr import PREVIOUS
from govinfo_report.rules._result import Suggestion, format_number
from govinfo_report.schema import CELL_PATHS, CELL_SPECS, Presence

if TYPE_CHECKING:
    from govinfo_report.rules._result import ValidationResult
    from govinfo_report.rules._rule import RuleInstance, RuleSet

__all__ = ["Incidence", "corrections", "fills", "incidence"]


@attrs.frozen
class Incidence:
    """The incidence matrix of a rule set's linear instances: cells × instances.

    Attributes:
        instances: The linear instance ids (columns), in rule order.
        cells: The paths of this year's cells (rows), in canonical order.
        coefficients: ``{path: {instance id: coefficient}}`` (non-zero only).

    .. versionadded:: 0.1.0
    """

    instances: tuple[str, ...]
    cells: tuple[str, ...]
    coefficients: dict[str, dict[str, int]] = attrs.field(eq=False, repr=False)

    def instances_of(
        self, path: str, *, ops: Iterable[str] | None = None, rules: RuleSet | None = None
    ) -> tuple[str, ...]:
        """Return the ids of the instances that read *path* (optionally only with these ops)."""
        ids = tuple(self.coefficients.get(path, {}))
        if ops is None or rules is None:
            return ids
        wanted = set(ops)
        return tuple(i for i in ids if rules.by_id(i).op in wanted)

    def cells_of(self, instance_id: str) -> tuple[str, ...]:
        """Return the paths an instance reads, in canonical order."""
        return tuple(p for p in self.cells if instance_id in self.coefficients.get(p, {}))

    def matrix(self) -> tuple[tuple[int, ...], ...]:
        """Return the dense matrix: one row per cell, one column per instance."""
        return tuple(
            tuple(self.coefficients.get(p, {}).get(i, 0) for i in self.instances)
            for p in self.cells
        )


def incidence(rules: RuleSet) -> Incidence:
    """Return the incidence matrix of the linear instances of *rules* (this year's cells only).

    .. versionadded:: 0.1.0
    """
    coefficients: dict[str, dict[str, int]] = {}
    ids: list[str] = []
    for instance in rules.instances():
        if not instance.is_linear:
            continue
        ids.append(instance.id)
        for term in instance.terms:
            if term.path.startswith(PREVIOUS):
                continue
            coefficients.setdefault(term.path, {})[instance.id] = term.coef
    cells = tuple(p for p in CELL_PATHS if p in coefficients)
    return Incidence(tuple(ids), cells, {p: coefficients[p] for p in cells})


def _groups(failing: list[RuleInstance]) -> list[list[RuleInstance]]:
    """Connected components of failing instances that share a cell of this year."""
    parent = list(range(len(failing)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for i, instance in enumerate(failing):
        for path in instance.paths:
            j = owner.setdefault(path, i)
            parent[find(i)] = find(j)
    groups: dict[int, list[RuleInstance]] = {}
    for i, instance in enumerate(failing):
        groups.setdefault(find(i), []).append(instance)
    return list(groups.values())


def _holds(residual: Fraction, op: str | None) -> bool:
    if op == "<=":
        return residual <= 0
    if op == ">=":
        return residual >= 0
    return residual == 0


def _fraction(value: int | Decimal) -> Fraction:
    return Fraction(str(value)) if isinstance(value, Decimal) else Fraction(value)


def _number(value: Fraction, kind: str) -> int | Decimal:
    if kind == "count":
        return int(value)
    return Decimal(value.numerator) / Decimal(value.denominator)


def _cell_label(path: str) -> str:
    spec = CELL_SPECS[path]
    if spec.table.key == "t3":
        return spec.short_label
    return f"表{spec.table.number} {spec.short_label}"


def _coef(instance: RuleInstance, path: str) -> int:
    return sum(t.coef for t in instance.terms if t.path == path)


def _solvable(instance: RuleInstance) -> bool:
    """Exact linear instances only: no absolute tolerance, no amount read as an interval."""
    if not instance.is_linear or instance.tolerance.absolute:
        return False
    return not (
        instance.tolerance.mode == "printed"
        and any(CELL_SPECS[p].kind == "amount" for p in instance.paths)
    )


def corrections(result: ValidationResult) -> tuple[Suggestion, ...]:
    """Return the single-cell corrections for each group of failing linear instances.

    .. versionadded:: 0.1.0
    """
    residuals: dict[str, Fraction] = {}
    failing: list[RuleInstance] = []
    passed: dict[str, list[RuleInstance]] = {}
    for instance, status in zip(result.rules.instances(), result.statuses, strict=True):
        if status is Status.NA or not _solvable(instance):
            continue
        if status is Status.PASS:
            for path in instance.paths:
                passed.setdefault(path, []).append(instance)
            continue
        violation = result.outcome(instance.id).violation
        if violation is None or violation.diff is None:  # printed as text: nothing to solve
            continue
        failing.append(instance)
        residuals[instance.id] = _fraction(violation.diff)
    out: list[Suggestion] = []
    for group in _groups(failing):
        candidates = set.intersection(*(set(i.paths) for i in group))
        for path in sorted(candidates, key=lambda p: CELL_SPECS[p].index):
            suggestion = _solve(path, group, residuals, passed.get(path, []), result)
            if suggestion is not None:
                out.append(suggestion)
    return tuple(out)


def _solve(
    path: str,
    group: list[RuleInstance],
    residuals: dict[str, Fraction],
    passed: list[RuleInstance],
    result: ValidationResult,
) -> Suggestion | None:
    cell = result.report.cell(path)
    value = cell.value
    if value is None:
        return None
    # Each failing instance asks for δ = −r / a (for an inequality: the
    # smallest change that restores it); one cell explains the group when
    # they all ask for the same δ.
    deltas = {-residuals[i.id] / _coef(i, path) for i in group}
    if len(deltas) != 1:
        return None
    delta = deltas.pop()
    new = _fraction(value) + delta
    spec = CELL_SPECS[path]
    if delta == 0 or new < 0 or (spec.kind == "count" and new.denominator != 1):
        return None
    if not all(_holds(residuals[i.id] + _coef(i, path) * delta, i.op) for i in group):
        return None
    for instance in passed:
        a = _coef(instance, path)
        if not a:
            continue
        before = _passing_residual(instance, result)
        if before is None or not _holds(before + a * delta, instance.op):
            return None  # never propose a change that breaks a rule that passed
    suggested = _number(new, spec.kind)
    ids = tuple(i.id for i in group)
    label = _cell_label(path)
    printed = cell.printed if cell.printed is not None else format_number(value)
    return Suggestion(
        kind="correction",
        path=path,
        label=label,
        label_en=spec.label_en,
        value=value,
        printed=cell.printed,
        suggested=suggested,
        rules=ids,
        message_zh=f"{label} 应为 {suggested}（印为 {printed}），可同时满足 {'、'.join(ids)}",
        message_en=(
            f"{path} would be {suggested} (printed {printed!r}), which satisfies {', '.join(ids)}"
        ),
    )


def _passing_residual(instance: RuleInstance, result: ValidationResult) -> Fraction | None:
    total = Fraction(instance.constant)
    for term in instance.terms:
        if term.path.startswith(PREVIOUS):
            source = result.previous
            path = term.path[len(PREVIOUS) :]
        else:
            source = result.report
            path = term.path
        if source is None:
            return None
        value = source.value(path)
        if value is None:
            if result.blank_as_zero and source.cell(path).presence is Presence.BLANK:
                continue
            return None
        total += term.coef * _fraction(value)
    return total


def fills(result: ValidationResult) -> tuple[Suggestion, ...]:
    """Return the values that identities imply for blank cells (never written back).

    An equality not evaluated because of exactly one blank cell, whose other
    cells are numbers, fixes that blank's value.  Each blank is listed once
    per implied value, with every instance that implies it.

    .. versionadded:: 0.1.0
    """
    if result.blank_as_zero:
        return ()
    report = result.report
    implied: dict[str, dict[Fraction, list[str]]] = {}
    for outcome in result.not_evaluated:
        instance = result.rules.by_id(outcome.rule_id)
        if not instance.is_linear or instance.op != "==" or instance.needs_previous:
            continue
        if len(outcome.cells) != 1:
            continue
        blank = outcome.cells[0].path
        if report.cell(blank).presence is not Presence.BLANK:
            continue
        rest = Fraction(instance.constant)
        for term in instance.terms:
            if term.path != blank:
                value = report.value(term.path)
                assert value is not None  # the blank is the only unknown cell
                rest += term.coef * _fraction(value)
        a = _coef(instance, blank)
        if a == 0:
            continue
        solved = -rest / a
        if solved < 0 or (CELL_SPECS[blank].kind == "count" and solved.denominator != 1):
            continue
        implied.setdefault(blank, {}).setdefault(solved, []).append(instance.id)
    out: list[Suggestion] = []
    for path in sorted(implied, key=lambda p: CELL_SPECS[p].index):
        spec = CELL_SPECS[path]
        label = _cell_label(path)
        for solved, ids in sorted(implied[path].items()):
            suggested = _number(solved, spec.kind)
            out.append(
                Suggestion(
                    kind="fill",
                    path=path,
                    label=label,
                    label_en=spec.label_en,
                    value=None,
                    printed=report.cell(path).printed,
                    suggested=suggested,
                    rules=tuple(ids),
                    message_zh=f"{label} 为空白；按 {'、'.join(ids)} 应为 {suggested}（仅为建议，未写入）",
                    message_en=(
                        f"{path} is blank; {', '.join(ids)} imply {suggested} "
                        "(a suggestion, not written back)"
                    ),
                )
            )
    return tuple(out)
