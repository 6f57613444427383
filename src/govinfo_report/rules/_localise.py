"""Localisation (Fellegi–Holt): the fewest cells whose change makes the failing identities hold.

The identities are rows of the compiled matrix: a failing row *r* has a sum
``s_r = Σ a_rj · v_j`` that should be 0 (or ≤ 0, ≥ 0).  Changing cells *S*
by ``δ`` changes every sum by ``Σ_{j∈S} a_rj · δ_j``.  A set *S* explains a
group of failing rows when the rows that read *S* fix ``δ`` (one solution
only), every failing row of the group then holds, every row that passed and
reads *S* still holds, and each new value is a valid count (an integer ≥ 0,
within its bound).

Failing rows are grouped by shared cells of this year (two wrong cells in
different tables are two groups).  For each group, every explaining set of
one cell is listed; when there is none, every set of two; ties in canonical
cell order.  Two cells whose changes are equal and opposite, in one row or
one column of a table, are named a misclassification: the commonest real
mistake, one request counted in the wrong column with the total still right.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from itertools import combinations
from typing import TYPE_CHECKING, Any

import attrs

from govinfo_report.rules._compile import PREVIOUS_OFFSET, Bound, Row
from govinfo_report.rules._details import cell_label
from govinfo_report.rules._evaluate import FAIL, PASS
from govinfo_report.rules._expr import PREVIOUS
from govinfo_report.rules._records import CellChange, Explanation, Suggestion, format_number
from govinfo_report.schema import CELL_PATHS, CELL_SPECS, Presence

if TYPE_CHECKING:
    from govinfo_report.rules._evaluate import Evaluation
    from govinfo_report.rules._result import ValidationResult
    from govinfo_report.rules._rule import RuleSet

__all__ = ["Incidence", "corrections", "explanations", "fills", "incidence"]

MAX_CELLS = 2
"""The largest set of cells looked for."""


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


# --- the problem -------------------------------------------------------------------------


def _fraction(value: int | Decimal) -> Fraction:
    return Fraction(value)


def _holds(total: Fraction, op: str) -> bool:
    if op == "<=":
        return total <= 0
    if op == ">=":
        return total >= 0
    return total == 0


@attrs.frozen
class _Problem:
    """The rows that constrain a change: their sums, coefficients and which failed."""

    rows: dict[int, Row]  # exact rows evaluated (passed or failed), by instance number
    sums: dict[int, Fraction]
    failing: tuple[int, ...]
    readers: dict[int, tuple[int, ...]]  # this year's column -> the rows reading it
    coef: dict[tuple[int, int], int]  # (row, column) -> coefficient
    bounds: dict[int, Bound]
    values: Sequence[Any]

    def valid(self, j: int, new: Fraction) -> bool:
        """Whether *new* may stand in cell *j*: ≥ 0, an integer for a count, within its bound."""
        if new < 0 or (CELL_SPECS[CELL_PATHS[j]].kind == "count" and new.denominator != 1):
            return False
        bound = self.bounds.get(j)
        return bound is None or bound.maximum is None or new <= bound.maximum

    def solve(self, cells: tuple[int, ...], group: tuple[int, ...]) -> tuple[Fraction, ...] | None:
        """Return the one change of *cells* that makes the group hold and keeps the rest, or None."""
        touched_set = set().union(*(self.readers.get(j, ()) for j in cells))
        if not touched_set.issuperset(group):
            return None
        touched = sorted(touched_set)
        equalities = [
            ([self.coef.get((r, j), 0) for j in cells], -self.sums[r])
            for r in touched
            if self.rows[r].op == "=="
        ]
        delta = _unique_solution(equalities, len(cells))
        if delta is None or any(d == 0 for d in delta):
            return None
        for r in touched:
            total = self.sums[r] + sum(
                self.coef.get((r, j), 0) * d for j, d in zip(cells, delta, strict=True)
            )
            if not _holds(total, self.rows[r].op):
                return None
        news = [_fraction(self.values[j]) + d for j, d in zip(cells, delta, strict=True)]
        if not all(self.valid(j, new) for j, new in zip(cells, news, strict=True)):
            return None
        return tuple(delta)


def _unique_solution(
    equations: list[tuple[list[int], Fraction]], n: int
) -> tuple[Fraction, ...] | None:
    """Solve ``A·δ = b`` by Gaussian elimination; ``None`` unless exactly one δ fits."""
    rows = [([Fraction(a) for a in coefs], b) for coefs, b in equations]
    pivots: list[tuple[list[Fraction], Fraction]] = []
    for col in range(n):
        pivot = next((i for i, (a, _) in enumerate(rows) if a[col] != 0), None)
        if pivot is None:
            return None  # a free variable: many solutions (or none)
        a, b = rows.pop(pivot)
        scale = a[col]
        a = [x / scale for x in a]
        b /= scale
        rows = [
            ([x - other[col] * y for x, y in zip(other, a, strict=True)], c - other[col] * b)
            for other, c in rows
        ]
        pivots.append((a, b))
    if any(b != 0 for _, b in rows):  # what is left must read 0 = 0
        return None
    solution = [Fraction(0)] * n
    for col in reversed(range(n)):
        a, b = pivots[col]
        solution[col] = b - sum(a[k] * solution[k] for k in range(col + 1, n))
    return tuple(solution)


def _problem(evaluation: Evaluation) -> _Problem:
    matrix = evaluation.matrix
    status = evaluation.status
    rows: dict[int, Row] = {}
    sums: dict[int, Fraction] = {}
    readers: dict[int, list[int]] = {}
    coef: dict[tuple[int, int], int] = {}
    for row in matrix.rows:
        k = row.instance
        if status[k] not in (PASS, FAIL) or not row.exact or k not in evaluation.sums:
            continue
        rows[k] = row
        sums[k] = _fraction(evaluation.sums[k])
        for j, a in zip(row.columns, row.coefs, strict=True):
            if j < PREVIOUS_OFFSET and a:
                readers.setdefault(j, []).append(k)
                coef[k, j] = a
    failing = tuple(k for k in rows if status[k] == FAIL)
    return _Problem(
        rows,
        sums,
        failing,
        {j: tuple(ks) for j, ks in readers.items()},
        coef,
        {b.column: b for b in matrix.bounds},
        evaluation.values,
    )


def _groups(problem: _Problem) -> list[tuple[int, ...]]:
    """Connected components of the failing rows that share a cell of this year."""
    parent = {k: k for k in problem.failing}

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    failing = set(problem.failing)
    for ks in problem.readers.values():
        mine = [k for k in ks if k in failing]
        for k in mine[1:]:
            parent[find(k)] = find(mine[0])
    groups: dict[int, list[int]] = {}
    for k in problem.failing:
        groups.setdefault(find(k), []).append(k)
    return [tuple(g) for g in groups.values()]


# --- explanations -------------------------------------------------------------------------


def _number(value: Fraction, path: str) -> int | Decimal:
    if CELL_SPECS[path].kind == "count" or value.denominator == 1:
        return int(value)
    return Decimal(value.numerator) / Decimal(value.denominator)


def _pattern(paths: Sequence[str], delta: Sequence[Fraction]) -> tuple[str, str] | None:
    """Name a misclassification: equal and opposite changes in one row or one column."""
    if len(paths) != 2 or delta[0] != -delta[1]:
        return None
    (t1, r1, c1), (t2, r2, c2) = (p.split(".", 2) for p in paths)
    if t1 != t2:
        return None
    more, less = (0, 1) if delta[0] < 0 else (1, 0)  # the printed value too high, too low
    n = format_number(_number(abs(delta[0]), paths[0]))
    high, low = cell_label(paths[more])[0], cell_label(paths[less])[0]
    if r1 == r2:
        zh = (
            f"疑为分类错误：同一行中 {high} 多计 {n}、{low} 少计 {n}（行合计不变），"
            "即有申请计入了错误的申请人类别"
        )
        en = (
            f"likely a misclassification: in one row, {paths[more]} is {n} too high and "
            f"{paths[less]} {n} too low (the row total unchanged): counted in the wrong column"
        )
        return zh, en
    if c1 == c2:
        zh = (
            f"疑为分类错误：同一列中 {high} 多计 {n}、{low} 少计 {n}（列合计不变），"
            "即有申请归入了错误的行"
        )
        en = (
            f"likely a misclassification: in one column, {paths[more]} is {n} too high and "
            f"{paths[less]} {n} too low (the column total unchanged): counted in the wrong row"
        )
        return zh, en
    return None


def _explanation(
    problem: _Problem,
    cells: tuple[int, ...],
    delta: tuple[Fraction, ...],
    ids: tuple[str, ...],
    result: ValidationResult,
) -> Explanation:
    changes = []
    for j, d in zip(cells, delta, strict=True):
        path = CELL_PATHS[j]
        cell = result.report.cell(path)
        label, label_en = cell_label(path)
        value = problem.values[j]
        changes.append(
            CellChange(
                path,
                label,
                label_en,
                value,
                cell.printed,
                _number(_fraction(value) + d, path),
                _number(d, path),
            )
        )
    paths = [c.path for c in changes]
    pattern = _pattern(paths, delta)
    zh = "；".join(
        f"{c.label} 应为 {c.suggested}（印为 {c.printed if c.printed is not None else format_number(c.value)}）"
        for c in changes
    )
    en = "; ".join(f"{c.path} would be {c.suggested} (printed {c.printed!r})" for c in changes)
    zh += f"，可同时满足 {'、'.join(ids)}"
    en += f", which satisfies {', '.join(ids)}"
    if pattern is not None:
        zh += f"。{pattern[0]}"
        en += f". {pattern[1]}"
    return Explanation(tuple(changes), ids, "misclassification" if pattern else None, zh, en)


def _unexplained(ids: tuple[str, ...]) -> Explanation:
    return Explanation(
        (),
        ids,
        None,
        f"改动不超过 {MAX_CELLS} 个单元格无法同时满足 {'、'.join(ids)}：错误不止一两处，或在表外",
        f"no change of up to {MAX_CELLS} cells satisfies {', '.join(ids)}: "
        "more cells are wrong, or the error lies outside the tables",
    )


def explanations(result: ValidationResult) -> tuple[Explanation, ...]:
    """Return the smallest explaining sets of cells for each group of failing identities.

    .. versionadded:: 0.1.0
    """
    evaluation = result.evaluation
    problem = _problem(evaluation)
    instances = evaluation.matrix.instances
    out: list[Explanation] = []
    for group in _groups(problem):
        ids = tuple(instances[k].id for k in group)
        columns = sorted(
            {
                j
                for k in group
                for j in problem.rows[k].columns
                if j < PREVIOUS_OFFSET and problem.values[j] is not None
            }
        )
        found: list[Explanation] = []
        for size in range(1, MAX_CELLS + 1):
            for cells in combinations(columns, size):
                delta = problem.solve(cells, group)
                if delta is not None:
                    found.append(_explanation(problem, cells, delta, ids, result))
            if found:
                break
        out.extend(found or [_unexplained(ids)])
    return tuple(out)


def corrections(result: ValidationResult) -> tuple[Suggestion, ...]:
    """Return the explanations of one cell as suggestions (``kind="correction"``).

    .. versionadded:: 0.1.0
    """
    out: list[Suggestion] = []
    for explanation in result.explanations:
        if len(explanation.changes) != 1:
            continue
        (c,) = explanation.changes
        printed = c.printed if c.printed is not None else format_number(c.value)
        ids = explanation.rules
        out.append(
            Suggestion(
                kind="correction",
                path=c.path,
                label=c.label,
                label_en=c.label_en,
                value=c.value,
                printed=c.printed,
                suggested=c.suggested,
                rules=ids,
                message_zh=f"{c.label} 应为 {c.suggested}（印为 {printed}），可同时满足 {'、'.join(ids)}",
                message_en=(
                    f"{c.path} would be {c.suggested} (printed {printed!r}), "
                    f"which satisfies {', '.join(ids)}"
                ),
            )
        )
    return tuple(out)


def fills(result: ValidationResult) -> tuple[Suggestion, ...]:
    """Return the values that identities imply for blank cells (never written back).

    An equality not evaluated because of exactly one blank cell, whose other
    cells are numbers, fixes that blank's value.  Each blank is listed once
    per implied value, with every instance that implies it.  A marker
    (``/``) or text is never filled: it says something other than a number.

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
        a = 0
        for term in instance.terms:
            if term.path == blank:
                a += term.coef
                continue
            value = report.value(term.path)
            if value is None:
                break
            rest += term.coef * _fraction(value)
        else:
            if a == 0:
                continue
            solved = -rest / a
            if solved < 0 or (CELL_SPECS[blank].kind == "count" and solved.denominator != 1):
                continue
            implied.setdefault(blank, {}).setdefault(solved, []).append(instance.id)
    out: list[Suggestion] = []
    for path in sorted(implied, key=lambda p: CELL_SPECS[p].index):
        label, label_en = cell_label(path)
        for solved, ids in sorted(implied[path].items()):
            suggested = _number(solved, path)
            out.append(
                Suggestion(
                    kind="fill",
                    path=path,
                    label=label,
                    label_en=label_en,
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
