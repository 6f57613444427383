"""The evaluator: one pass over the compiled matrix, then the prose checks.

:func:`evaluate` puts a report's values in one vector (this year's cells,
last year's cells, the constant 1), sums the identities' ``+`` and ``−``
cells, sums the other rows and compares each with 0 within its tolerance,
checks the bounds and reads the prose.  It records one status per instance
(one byte each); the record of a failure or of a rule not evaluated
(cells, sides, messages) is built when first asked for, and the records
that are the same for every report come with the compiled matrix.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from govinfo_report.rules._checks import ConditionalMention, Domain, Narrative
from govinfo_report.rules._codes import NotEvaluatedReason, ReasonCode
from govinfo_report.rules._compile import Matrix, Row
from govinfo_report.rules._details import (
    fill,
    involved,
    not_evaluated,
    not_evaluated_cells,
    presence,
    used_to_read,
)
from govinfo_report.rules._prose import conditional_outcome, narrative_outcome, year_outcome
from govinfo_report.rules._records import CellInvolved, NotEvaluated, Violation, format_number
from govinfo_report.rules._texts import Texts
from govinfo_report.schema import Presence, Report

if TYPE_CHECKING:
    from govinfo_report.rules._rule import RuleInstance

__all__ = ["FAIL", "NA", "PASS", "Evaluation", "evaluate", "values_of"]

PASS, FAIL, NA = 0, 1, 2
"""The statuses :class:`Evaluation` records (``Status.PASS``, ``FAIL``, ``NA``)."""


def values_of(report: Report, previous: Report | None, *, blank_as_zero: bool) -> list[Any]:
    """Return the value vector: this year's 200 cells, last year's 200 (or ``None``), then 1.

    A cell without a number is ``None`` (a blank is 0 with *blank_as_zero*).
    """
    flat = report.flat_cells
    values: list[Any] = [c.value for c in flat]
    values += [c.value for c in previous.flat_cells] if previous else [None] * len(flat)
    values.append(1)
    if blank_as_zero:
        cells = (*flat, *(previous.flat_cells if previous else ()))
        for j, c in enumerate(cells):
            if c.value is None and c.presence is Presence.BLANK:
                values[j] = 0
    return values


def _holds(total: Any, row: Row, values: list[Any]) -> bool:
    """Whether a row's sum meets its relation, within its tolerance."""
    if row.exact:
        radius: Any = 0
    else:
        radius = row.radius(values)
    if row.op == "==":
        return bool(abs(total) <= radius)
    if row.op == "<=":
        return bool(total - radius <= 0)
    return bool(total + radius >= 0)


def _bound_holds(value: Any, minimum: int, maximum: int | None, integral: bool) -> bool:
    if value < minimum or (maximum is not None and value > maximum):
        return False
    return not (integral and isinstance(value, Decimal) and value != value.to_integral_value())


class Evaluation:
    """The statuses of one report against one matrix; each instance's record on demand.

    Attributes:
        matrix: The compiled rule set.
        report: The report.
        previous: Last year's report, if given.
        blank_as_zero: Whether blanks were read as 0.
        values: The value vector (:func:`values_of`).
        status: One of :data:`PASS`, :data:`FAIL`, :data:`NA` per instance
            (a ``bytearray``, one byte each).
        inferred: The instances the reader used to choose cell values.
    """

    __slots__ = (
        "_details",
        "_sums",
        "_texts",
        "blank_as_zero",
        "inferred",
        "matrix",
        "previous",
        "report",
        "status",
        "values",
    )

    def __init__(
        self,
        matrix: Matrix,
        report: Report,
        previous: Report | None,
        *,
        blank_as_zero: bool,
    ) -> None:
        self.matrix = matrix
        self.report = report
        self.previous = previous
        self.blank_as_zero = blank_as_zero
        self.values = values_of(report, previous, blank_as_zero=blank_as_zero)
        self.status = bytearray(len(matrix.instances))  # PASS is 0
        self.inferred: frozenset[int] = frozenset()
        self._details: dict[int, Violation | NotEvaluated | None] = {}
        self._texts = Texts(report)
        self._sums: dict[int, Any] | None = None

    # -- statuses ------------------------------------------------------------------------

    def run(self, rows: Sequence[Row] | None = None) -> None:
        """Evaluate the rows, bounds and prose checks; mark the rules used to read as NA.

        Args:
            rows: The rows to sum here (all by default); a batch passes the
                rest when it has summed the others for many reports at once.
        """
        if rows is None:
            self._identities()
            self._rows(self.matrix.other_rows)
        else:
            self._rows(rows)
        self._bounds()
        for k in self.matrix.prose:
            self._prose(k)
        provenance = self.report.provenance
        if provenance is not None and provenance.inferring_rules:
            used = provenance.inferring_rules
            self.inferred = frozenset(
                k for k, i in enumerate(self.matrix.instances) if i.id in used
            )
            for k in self.inferred:
                self.status[k] = NA

    def positions(self, status: int) -> list[int]:
        """Return the instances with *status* (:data:`FAIL` or :data:`NA`), in order."""
        found = []
        k = self.status.find(status)
        while k >= 0:
            found.append(k)
            k = self.status.find(status, k + 1)
        return found

    def _identities(self) -> None:
        """An exact ±1 identity holds when its + cells and its − cells sum alike."""
        values = self.values
        status = self.status
        for k, cells, j in self.matrix.totals:
            try:
                # 0 + the cell: a number as sum() makes it; a cell without one raises.
                if sum(cells(values)) - (0 + values[j]):
                    status[k] = FAIL
            except TypeError:  # a cell without a number
                status[k] = NA
        for k, plus, minus in self.matrix.identities:
            try:
                if sum(plus(values)) - sum(minus(values)):
                    status[k] = FAIL
            except TypeError:
                status[k] = NA

    def _rows(self, rows: Sequence[Row]) -> None:
        values = self.values
        status = self.status
        cross_year = self._cross_year()
        for row in rows:
            k = row.instance
            if row.previous and not cross_year:
                status[k] = NA
                continue
            try:
                total = row.total(values)
            except TypeError:  # a cell without a number
                status[k] = NA
                continue
            if not (total == 0 and row.op == "==") and not _holds(total, row, values):
                status[k] = FAIL

    @property
    def sums(self) -> dict[int, Any]:
        """The sum of each row evaluated, by instance number (worked out when first asked for).

        A row that reads a cell without a number has none, nor has a row of
        last year's report when it is not given (or not of the year before).
        """
        if self._sums is None:
            cross_year = self._cross_year()
            self._sums = {}
            for row in self.matrix.rows:
                if row.previous and not cross_year:
                    continue
                try:
                    self._sums[row.instance] = row.total(self.values)
                except TypeError:
                    continue
        return self._sums

    def _cross_year(self) -> bool:
        """Whether last year's report is given and is of the year before."""
        return self.previous is not None and not self._previous_year_mismatch()

    def _bounds(self) -> None:
        matrix = self.matrix
        bounds = matrix.other_bounds if self._plain_bounds_hold() else matrix.bounds
        values = self.values
        flat = self.report.flat_cells
        for b in bounds:
            value = values[b.column]
            if value is None:
                text = flat[b.column].presence is Presence.TEXT
                self.status[b.instance] = FAIL if text else NA
            elif not _bound_holds(value, b.minimum, b.maximum, b.integral):
                self.status[b.instance] = FAIL

    def _plain_bounds_hold(self) -> bool:
        """Whether every plain bound holds (all at once): every cell an integer, none too large.

        A cell's value is never negative (the schema refuses it): the sum is
        an ``int`` when every value is one, and no value is larger than the sum.
        """
        values = self.values
        total = 0
        try:
            for start, stop in self.matrix.plain_runs:
                total += sum(values[start:stop])
        except TypeError:  # a cell without a number
            return False
        maximum = self.matrix.plain_maximum
        return type(total) is int and (maximum is None or total <= maximum)

    def _prose(self, k: int) -> None:
        detail = self._prose_detail(k)
        self._details[k] = detail
        if detail is not None:
            self.status[k] = FAIL if isinstance(detail, Violation) else NA

    def _previous_year_mismatch(self) -> bool:
        assert self.previous is not None
        t, p = self.report.meta.year, self.previous.meta.year
        return t is not None and p is not None and p != t - 1

    # -- records -------------------------------------------------------------------------

    def detail(self, k: int) -> Violation | NotEvaluated | None:
        """Return the violation or the reason for instance *k* (``None`` when it passed)."""
        if self.status[k] == PASS:
            return None
        if k not in self._details:
            self._details[k] = self._record(k)
        return self._details[k]

    def _record(self, k: int) -> Violation | NotEvaluated | None:
        instance = self.matrix.instances[k]
        if k in self.inferred:
            cells = tuple(
                self._cell(instance, path, 1)
                for path, rules in self._inferred_cells().items()
                if instance.id in rules
            )
            return used_to_read(instance, cells)
        if self.previous is None and k in self.matrix.no_previous:
            return self.matrix.no_previous[k]
        if isinstance(instance.check, Domain):
            return self._domain_detail(instance, instance.check)
        if instance.is_linear:
            return self._relation_detail(k, instance)
        return self._prose_detail(k)

    def _inferred_cells(self) -> dict[str, tuple[str, ...]]:
        provenance = self.report.provenance
        return {} if provenance is None else provenance.inferred

    def _cell(self, instance: RuleInstance, path: str, coef: int) -> CellInvolved:
        return involved(
            instance,
            path,
            coef,
            report=self.report,
            previous=self.previous,
            blank_as_zero=self.blank_as_zero,
        )

    def _prose_detail(self, k: int) -> Violation | NotEvaluated | None:
        instance = self.matrix.instances[k]
        plan = self.matrix.prose_plans[k]
        check = instance.check
        if isinstance(check, Narrative):
            return narrative_outcome(
                instance,
                plan,
                self._texts.joined(check.sections, check.preamble),
                self.values,
                lambda: [self._cell(instance, p, 1) for p in instance.paths],
            )
        if isinstance(check, ConditionalMention):
            return conditional_outcome(
                instance,
                plan,
                self.values,
                lambda: self._cell(instance, check.condition, 1),
                self.report,
            )
        return year_outcome(instance, plan, self._texts)

    def _relation_detail(self, k: int, instance: RuleInstance) -> Violation | NotEvaluated:
        relation = instance.relation
        assert relation is not None
        if (
            instance.needs_previous
            and self.previous is not None
            and self._previous_year_mismatch()
        ):
            last, this = self.previous.meta.year, self.report.meta.year
            return not_evaluated(
                instance,
                NotEvaluatedReason.PREVIOUS_YEAR,
                f"无法评估：上年报告为 {last} 年度，不是 {this} 年的上一年",
                f"not evaluated: the previous report is for {last}, not the year before {this}",
            )
        lhs_cells = [self._cell(instance, t.path, t.coef) for t in relation.lhs]
        rhs_cells = [self._cell(instance, t.path, t.coef) for t in relation.rhs]
        cells = [*lhs_cells, *rhs_cells]
        if self.status[k] == NA:
            return not_evaluated_cells(instance, cells)
        lhs: Any = relation.lhs_constant
        for c in lhs_cells:
            lhs += c.coef * cast("int | Decimal", c.value)
        rhs: Any = relation.rhs_constant
        for c in rhs_cells:
            rhs += c.coef * cast("int | Decimal", c.value)
        diff = lhs - rhs
        neg = {"==": "≠", "<=": ">", ">=": "<"}[relation.op]
        fields = {
            "label": instance.label_zh,
            "lhs": format_number(lhs),
            "rhs": format_number(rhs),
            "diff": format_number(diff),
            "absdiff": format_number(abs(diff)),
        }
        zh = fill(
            instance.message_zh,
            "不满足“{label}”：左边为 {lhs}，右边为 {rhs}，相差 {absdiff}",
            **fields,
        )
        fields["label"] = instance.label_en
        en = fill(
            instance.message_en,
            "{label} does not hold: left side {lhs} "
            + neg
            + " right side {rhs}, difference {diff}",
            **fields,
        )
        return Violation.of(instance, tuple(cells), (lhs, rhs, diff), (zh, en))

    def _domain_detail(self, instance: RuleInstance, check: Domain) -> Violation | NotEvaluated:
        c = self._cell(instance, check.path, 1)
        if c.value is None:
            if presence(c) is not Presence.TEXT:
                return not_evaluated_cells(instance, [c])
            expected = "件数（非负整数）" if check.integral else "数字"
            expected_en = "a count (an integer ≥ 0)" if check.integral else "a number"
            return Violation.of(
                instance,
                (c,),
                (None, None, None),
                (
                    f"{c.label}（{c.path}）应为{expected}，印为“{c.printed}”（按原样保留）",
                    f"{c.label_en} ({c.path}): expected {expected_en}, got {c.printed!r} (kept as printed)",
                ),
                code=ReasonCode.PARSE,
            )
        value = c.value
        above = check.maximum is not None and value > check.maximum
        limit = check.maximum if above and check.maximum is not None else check.minimum
        delta: Any = value - limit
        kind_zh = "整数" if check.integral else "数"
        kind_en = "an integer" if check.integral else "a number"
        if above:
            default_zh = (
                f"{c.label}（{c.path}）为 {{lhs}}，超出合理范围：应为不大于 {{rhs}} 的{kind_zh}"
            )
            default_en = f"{c.path} is {{lhs}}; expected {kind_en} ≤ {{rhs}} (an absurd magnitude)"
        else:
            default_zh = f"{c.label}（{c.path}）为 {{lhs}}，应为不小于 {{rhs}} 的{kind_zh}"
            default_en = f"{c.path} is {{lhs}}; expected {kind_en} ≥ {{rhs}}"
        fields = {
            "label": instance.label_zh,
            "lhs": format_number(value),
            "rhs": str(limit),
            "diff": format_number(delta),
            "absdiff": format_number(abs(delta)),
        }
        zh = fill(instance.message_zh, default_zh, **fields)
        fields["label"] = instance.label_en
        en = fill(instance.message_en, default_en, **fields)
        return Violation.of(instance, (c,), (value, limit, delta), (zh, en))


def evaluate(
    matrix: Matrix, report: Report, previous: Report | None = None, *, blank_as_zero: bool = False
) -> Evaluation:
    """Evaluate *report* against a compiled rule set; return the statuses.

    .. versionadded:: 0.1.0
    """
    evaluation = Evaluation(matrix, report, previous, blank_as_zero=blank_as_zero)
    evaluation.run()
    return evaluation
