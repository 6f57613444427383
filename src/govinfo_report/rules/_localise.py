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

Blanks are filled the same way: the identities not evaluated only because
of blank cells are solved for those blanks together, and the values are
given when they are fixed (whole counts ≥ 0).  A marker or text is never
filled.
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
from govinfo_report.rules._evaluate import FAIL, NA, PASS
from govinfo_report.rules._expr import PREVIOUS
from govinfo_report.rules._records import (
    CellChange,
    Explanation,
    NotEvaluated,
    Suggestion,
    format_number,
)
from govinfo_report.schema import CELL_PATHS, CELL_SPECS, Presence

if TYPE_CHECKING:
    from govinfo_report.rules._evaluate import Evaluation
    from govinfo_report.rules._rule import RuleSet
    from govinfo_report.schema import Report

__all__ = ["Incidence", "corrections", "explanations", "fills", "incidence"]

MAX_CELLS = 2
"""The largest set of cells changed that is looked for."""
MAX_BLANKS = 6
"""A group of identities with more blanks than this is not filled (too many unknowns)."""


@attrs.frozen
class Incidence:
    """The incidence matrix of a rule set's linear instances: cells × instances.

    Attributes:
        instances: The linear instance ids (columns), in rule order.
        cells: The paths of this year's cells (rows), in canonical order.
        coefficients: ``{path: {instance id: coefficient}}`` (non-zero only).
        ops: ``{instance id: "==", "<=" or ">="}``.

    .. versionadded:: 0.1.0
    """

    instances: tuple[str, ...]
    cells: tuple[str, ...]
    coefficients: dict[str, dict[str, int]] = attrs.field(eq=False, repr=False)
    ops: dict[str, str] = attrs.field(factory=dict, eq=False, repr=False)

    def instances_of(
        self, path: str, *, ops: Iterable[str] | None = None, rules: RuleSet | None = None
    ) -> tuple[str, ...]:
        """Return the ids of the instances that read *path* (optionally only with these ops).

        *rules* is not needed (the matrix knows each instance's relation); it
        is accepted for the calls that pass it.
        """
        ids = tuple(self.coefficients.get(path, {}))
        if ops is None:
            return ids
        wanted = set(ops)
        return tuple(i for i in ids if self.ops.get(i) in wanted)

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
    ops: dict[str, str] = {}
    for instance in rules.instances():
        if not instance.is_linear:
            continue
        ids.append(instance.id)
        ops[instance.id] = str(instance.op)  # a linear instance always has one
        for term in instance.terms:
            if term.path.startswith(PREVIOUS):
                continue
            coefficients.setdefault(term.path, {})[instance.id] = term.coef
    cells = tuple(p for p in CELL_PATHS if p in coefficients)
    return Incidence(tuple(ids), cells, {p: coefficients[p] for p in cells}, ops)


# --- the problem -------------------------------------------------------------------------


def _fraction(value: int | Decimal) -> Fraction:
    return Fraction(value)


Exact = int | Fraction
"""A value computed exactly: an int when it is one (fast), else a Fraction."""


def _exact(value: int | Decimal | Fraction) -> Exact:
    if isinstance(value, int):
        return value
    number = Fraction(value)
    return number.numerator if number.denominator == 1 else number


def _divide(numerator: Exact, denominator: Exact) -> Exact:
    return _exact(Fraction(numerator) / denominator)


def _holds(total: Exact, op: str) -> bool:
    if op == "<=":
        return total <= 0
    if op == ">=":
        return total >= 0
    return total == 0


@attrs.frozen
class _Problem:
    """The rows that constrain a change: their sums, coefficients and which failed."""

    rows: dict[int, Row]  # exact rows evaluated, or not evaluated for blanks only
    sums: dict[int, Exact]  # the sum of each row's known cells
    failing: tuple[int, ...]  # rows that failed
    open: tuple[int, ...]  # rows not evaluated because they read blanks (and only that)
    readers: dict[int, tuple[int, ...]]  # this year's column -> the rows reading it
    coef: dict[tuple[int, int], int]  # (row, column) -> coefficient
    bounds: dict[int, Bound]
    values: Sequence[Any]
    blanks: frozenset[int]  # blank cells the rows read: each is filled, never left out

    def valid(self, j: int, new: Exact) -> bool:
        """Whether *new* may stand in cell *j*: ≥ 0, an integer for a count, within its bound."""
        if new < 0 or (CELL_SPECS[CELL_PATHS[j]].kind == "count" and not isinstance(new, int)):
            return False
        bound = self.bounds.get(j)
        return bound is None or bound.maximum is None or new <= bound.maximum

    def solve(self, cells: tuple[int, ...], group: tuple[int, ...]) -> tuple[Exact, ...] | None:
        """Return the one change of *cells* that makes the group hold and keeps the rest, or None.

        A blank cell is filled (its change is its value, 0 allowed); any
        other cell must change.
        """
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
        if delta is None or any(
            d == 0 and j not in self.blanks for j, d in zip(cells, delta, strict=True)
        ):
            return None
        for r in touched:
            total = self.sums[r] + sum(
                self.coef.get((r, j), 0) * d for j, d in zip(cells, delta, strict=True)
            )
            if not _holds(total, self.rows[r].op):
                return None
        news = [_exact(self.values[j] or 0) + d for j, d in zip(cells, delta, strict=True)]
        if not all(self.valid(j, new) for j, new in zip(cells, news, strict=True)):
            return None
        return tuple(delta)


def _unique_solution(equations: list[tuple[list[int], Exact]], n: int) -> tuple[Exact, ...] | None:
    """Solve ``A·δ = b``; ``None`` unless the equations fix δ (the caller checks it on all).

    One or two unknowns (a change of one or two cells) are solved from the
    first equations that determine them; more (blanks to fill) by
    elimination.
    """
    if n == 1:
        for (a,), b in equations:
            if a:
                return (_divide(b, a),)
        return None
    if n == 2:
        for i, ((a1, b1), c1) in enumerate(equations):
            for (a2, b2), c2 in equations[i + 1 :]:
                det = a1 * b2 - a2 * b1
                if det:
                    return (_divide(c1 * b2 - c2 * b1, det), _divide(a1 * c2 - a2 * c1, det))
        return None
    return _eliminate(equations, n)


def _eliminate(equations: list[tuple[list[int], Exact]], n: int) -> tuple[Exact, ...] | None:
    """Gaussian elimination in fractions: the solution, or ``None`` when one is not fixed."""
    rows = [([Fraction(a) for a in coefs], Fraction(b)) for coefs, b in equations]
    pivots: list[tuple[list[Fraction], Fraction]] = []
    for col in range(n):
        at = next((i for i, (a, _) in enumerate(rows) if a[col]), None)
        if at is None:
            return None  # a free unknown
        a, b = rows.pop(at)
        a, b = [x / a[col] for x in a], b / a[col]
        rows = [
            ([x - other[col] * y for x, y in zip(other, a, strict=True)], c - other[col] * b)
            for other, c in rows
        ]
        pivots.append((a, b))
    solution: list[Fraction] = [Fraction(0)] * n
    for col in reversed(range(n)):
        a, b = pivots[col]
        solution[col] = b - sum((a[k] * solution[k] for k in range(col + 1, n)), Fraction(0))
    return tuple(_exact(x) for x in solution)


def _problem(evaluation: Evaluation) -> _Problem:
    matrix = evaluation.matrix
    status = evaluation.status
    values = evaluation.values
    flat = evaluation.report.flat_cells
    rows: dict[int, Row] = {}
    sums: dict[int, Exact] = {}
    readers: dict[int, list[int]] = {}
    coef: dict[tuple[int, int], int] = {}
    failing: list[int] = []
    open_rows: list[int] = []
    blanks: set[int] = set()
    for row in matrix.rows:
        k = row.instance
        if not row.exact or k in evaluation.inferred:
            continue
        if status[k] in (PASS, FAIL) and k in evaluation.sums:
            sums[k] = _exact(evaluation.sums[k])
        else:  # not evaluated: only blanks of this year may be missing
            unknown = [j for j in row.columns if values[j] is None]
            if status[k] != NA or not all(
                j < PREVIOUS_OFFSET and flat[j].presence is Presence.BLANK for j in unknown
            ):
                continue
            sums[k] = sum(
                (
                    _exact(a * values[j])
                    for j, a in zip(row.columns, row.coefs, strict=True)
                    if values[j] is not None
                ),
                0,
            )
            blanks.update(unknown)
            open_rows.append(k)
        rows[k] = row
        if status[k] == FAIL:
            failing.append(k)
        for j, a in zip(row.columns, row.coefs, strict=True):
            if j < PREVIOUS_OFFSET and a:
                readers.setdefault(j, []).append(k)
                coef[k, j] = a
    return _Problem(
        rows,
        sums,
        tuple(failing),
        tuple(open_rows),
        {j: tuple(ks) for j, ks in readers.items()},
        coef,
        {b.column: b for b in matrix.bounds},
        values,
        frozenset(blanks),
    )


def _groups(problem: _Problem, *, blanks: bool) -> list[tuple[int, ...]]:
    """Groups of rows to make hold (failed, or open for blanks) that must be explained together.

    Two of them belong together when they share a cell of this year, or when
    another row that was evaluated (with *blanks*: that is open) reads a cell
    of each: a change
    that fixes one may then be undone or forced by the other (one request
    moved between two columns breaks both column sums, and only the row sum
    that passed ties them).
    """
    targets = problem.open if blanks else problem.failing
    parent = {k: k for k in targets}

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    wanted = set(targets)
    opened = set(problem.open)
    # Evaluated rows tie failures together; open rows tie blanks together.
    connectors = [row for k, row in problem.rows.items() if (k in opened) == blanks]
    for row in connectors:
        touching = sorted(
            {k for j in row.columns for k in problem.readers.get(j, ()) if k in wanted}
        )
        for k in touching[1:]:
            parent[find(k)] = find(touching[0])
    groups: dict[int, list[int]] = {}
    for k in targets:
        groups.setdefault(find(k), []).append(k)
    return [tuple(g) for g in groups.values()]


# --- explanations -------------------------------------------------------------------------


def _number(value: Exact, path: str) -> int | Decimal:
    if isinstance(value, int):
        return value
    if CELL_SPECS[path].kind == "count" or value.denominator == 1:
        return int(value)
    return Decimal(value.numerator) / Decimal(value.denominator)


def _pattern(paths: Sequence[str], delta: Sequence[Exact]) -> tuple[str, str] | None:
    """Name a misclassification: equal and opposite changes in one row or one column."""
    if len(paths) != 2 or delta[0] != -delta[1]:
        return None
    (t1, r1, c1), (t2, r2, c2) = (p.split(".", 2) for p in paths)
    if t1 != t2:
        return None
    more, less = (0, 1) if delta[0] < 0 else (1, 0)  # the printed value too high, too low
    n = format_number(_number(-delta[0] if delta[0] < 0 else delta[0], paths[0]))
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
    delta: tuple[Exact, ...],
    ids: tuple[str, ...],
    report: Report,
) -> Explanation:
    changes = []
    for j, d in zip(cells, delta, strict=True):
        path = CELL_PATHS[j]
        cell = report.cell(path)
        label, label_en = cell_label(path)
        value = problem.values[j]
        changes.append(
            CellChange(
                path,
                label,
                label_en,
                value,
                cell.printed,
                _number(_exact(value or 0) + d, path),
                None if value is None else _number(d, path),
            )
        )
    paths = [c.path for c in changes]
    pattern = _pattern(paths, delta) if all(c.value is not None for c in changes) else None
    zh = "；".join(
        f"{c.label} 为空白，应为 {c.suggested}"
        if c.value is None
        else f"{c.label} 应为 {c.suggested}（印为 {c.printed if c.printed is not None else format_number(c.value)}）"
        for c in changes
    )
    en = "; ".join(
        f"{c.path} is blank; it would be {c.suggested}"
        if c.value is None
        else f"{c.path} would be {c.suggested} (printed {c.printed!r})"
        for c in changes
    )
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


def explanations(evaluation: Evaluation) -> tuple[Explanation, ...]:
    """Return the smallest explaining sets of cells for each group of failing identities.

    .. versionadded:: 0.1.0
    """
    problem = _problem(evaluation)
    instances = evaluation.matrix.instances
    out: list[Explanation] = []
    for group in _groups(problem, blanks=False):
        ids = tuple(instances[k].id for k in group)
        columns = sorted(
            {
                j
                for k in group
                for j in problem.rows[k].columns
                if j < PREVIOUS_OFFSET and problem.values[j] is not None
            }
        )
        need = set(group)
        covers = {j: need.intersection(problem.readers.get(j, ())) for j in columns}
        found: list[Explanation] = []
        for size in range(1, MAX_CELLS + 1):
            for cells in combinations(columns, size):
                if len(set().union(*(covers[j] for j in cells))) < len(need):
                    continue  # some failing row reads none of these cells
                delta = problem.solve(cells, group)
                if delta is not None:
                    found.append(_explanation(problem, cells, delta, ids, evaluation.report))
            if found:
                break
        out.extend(found or [_unexplained(ids)])
    for group in _groups(problem, blanks=True):
        # The identities not evaluated for blanks only: their blanks filled together.
        blanks = tuple(
            sorted({j for k in group for j in problem.rows[k].columns} & problem.blanks)
        )
        if len(blanks) <= MAX_BLANKS:
            delta = problem.solve(blanks, group)
            if delta is not None:
                ids = tuple(instances[k].id for k in group)
                out.append(_explanation(problem, blanks, delta, ids, evaluation.report))
    return tuple(out)


def corrections(explained: Iterable[Explanation]) -> tuple[Suggestion, ...]:
    """Return the explanations of one cell as suggestions (``kind="correction"``).

    .. versionadded:: 0.1.0
    """
    out: list[Suggestion] = []
    for explanation in explained:
        if len(explanation.changes) != 1 or explanation.changes[0].value is None:
            continue  # several cells, or a blank filled
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


def fills(
    report: Report,
    rules: RuleSet,
    not_evaluated: Iterable[NotEvaluated],
    *,
    blank_as_zero: bool,
) -> tuple[Suggestion, ...]:
    """Return the values that identities imply for blank cells (never written back).

    An equality not evaluated because of exactly one blank cell, whose other
    cells are numbers, fixes that blank's value.  Each blank is listed once
    per implied value, with every instance that implies it.  A marker
    (``/``) or text is never filled: it says something other than a number.

    .. versionadded:: 0.1.0
    """
    if blank_as_zero:
        return ()
    implied: dict[str, dict[Fraction, list[str]]] = {}
    for outcome in not_evaluated:
        instance = rules.by_id(outcome.rule_id)
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
