"""What validation returns: outcomes, violations, suggestions, and the whole result.

Validation collects everything and never raises for a broken rule:
:meth:`ValidationResult.raise_for_errors` raises on request.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import attrs

from govinfo_report.exceptions import ReportInvalid
from govinfo_report.rules._codes import Status
from govinfo_report.rules._evaluate import FAIL, NA
from govinfo_report.rules._localise import corrections, explanations, fills
from govinfo_report.rules._records import (
    Explanation,
    NotEvaluated,
    Outcome,
    Suggestion,
    Violation,
)
from govinfo_report.rules._render import (
    result_dict,
    result_markdown,
    result_rows,
    result_text,
    summary_table,
)
from govinfo_report.schema import Severity

if TYPE_CHECKING:
    from govinfo_report.rules._evaluate import Evaluation
    from govinfo_report.rules._rule import RuleSet
    from govinfo_report.schema import Report

__all__ = ["ValidationResult"]


_STATUS = (Status.PASS, Status.FAIL, Status.NA)


@attrs.frozen(repr=False)
class ValidationResult:
    """Everything validation found: one outcome per rule instance, and what it suggests.

    Details (violations with their cells and messages, reasons for rules
    not evaluated, suggestions) are worked out when first asked for.

    Attributes:
        report: The report validated.
        rules: The rule set.
        previous: Last year's report, if given.
        blank_as_zero: Whether blank cells were read as 0.

    .. versionadded:: 0.1.0
    """

    report: Report
    rules: RuleSet
    previous: Report | None
    blank_as_zero: bool
    _raw: Evaluation = attrs.field(alias="raw", eq=False)

    def __repr__(self) -> str:
        counts = self.counts()
        return (
            f"<ValidationResult ok={self.ok}: {counts[Status.PASS]} passed, "
            f"{counts[Status.FAIL]} failed, {counts[Status.NA]} not evaluated>"
        )

    @property
    def evaluation(self) -> Evaluation:
        """The evaluator's record: the compiled matrix, the values, one status and sum per row."""
        return self._raw

    # -- the outcomes ------------------------------------------------------------------

    @property
    def statuses(self) -> tuple[Status, ...]:
        """One status per rule instance, in the order of ``rules.instances()``."""
        return tuple(_STATUS[s] for s in self._raw.status)

    def counts(self) -> dict[Status, int]:
        """Return how many instances passed, failed and were not evaluated."""
        status = self._raw.status
        return {
            Status.PASS: status.count(0),
            Status.FAIL: status.count(1),
            Status.NA: status.count(2),
        }

    @functools.cached_property
    def failed_ids(self) -> frozenset[str]:
        """The ids of the failing instances (every severity)."""
        instances = self.rules.instances()
        return frozenset(instances[k].id for k in self._raw.positions(FAIL))

    @property
    def ok(self) -> bool:
        """``True`` when no error-severity instance failed."""
        instances = self.rules.instances()
        return not any(instances[k].severity is Severity.ERROR for k in self._raw.positions(FAIL))

    @functools.cached_property
    def violations(self) -> tuple[Violation, ...]:
        """Every failing instance, in rule order."""
        out: list[Violation] = []
        for k in self._raw.positions(FAIL):
            detail = self._raw.detail(k)
            assert isinstance(detail, Violation)
            out.append(detail)
        return tuple(out)

    @functools.cached_property
    def not_evaluated(self) -> tuple[NotEvaluated, ...]:
        """Every instance that could not be evaluated, with the reason."""
        out: list[NotEvaluated] = []
        for k in self._raw.positions(NA):
            detail = self._raw.detail(k)
            assert isinstance(detail, NotEvaluated)
            out.append(detail)
        return tuple(out)

    @property
    def errors(self) -> tuple[Violation, ...]:
        """The error-severity violations."""
        return tuple(v for v in self.violations if v.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Violation, ...]:
        """The warning- and info-severity violations."""
        return tuple(v for v in self.violations if v.severity is not Severity.ERROR)

    def outcome(self, instance_id: str) -> Outcome:
        """Return the outcome of one instance.

        Raises:
            KeyError: for an id that is not in the rule set.
        """
        instances = self.rules.instances()
        for k, instance in enumerate(instances):
            if instance.id == instance_id:
                return self._outcome(k)
        self.rules.by_id(instance_id)  # raises KeyError with suggestions
        raise KeyError(instance_id)  # pragma: no cover

    def _outcome(self, k: int) -> Outcome:
        instance = self.rules.instances()[k]
        s = self._raw.status[k]
        if s == 0:
            return Outcome(instance.id, Status.PASS)
        detail = self._raw.detail(k)
        if isinstance(detail, Violation):
            return Outcome(instance.id, Status.FAIL, violation=detail)
        assert isinstance(detail, NotEvaluated)
        return Outcome(instance.id, Status.NA, not_evaluated=detail)

    def outcomes(self) -> Iterator[Outcome]:
        """Yield the outcome of every instance, in rule order."""
        for k in range(len(self._raw.status)):
            yield self._outcome(k)

    @property
    def fully_checked(self) -> bool:
        """``True`` when every rule instance was evaluated and none was used to read the cells.

        A report whose values the reader chose to fit the rules, or that
        leaves rules unevaluated (blanks, no previous year), is never fully
        checked, even when nothing failed.
        """
        return NA not in self._raw.status

    @functools.cached_property
    def inferred_cells(self) -> dict[str, tuple[str, ...]]:
        """Cells whose value the reader chose with rules: path → the rule instance ids it used.

        Those rules are not evaluated (reason ``used_to_read``): they hold
        because the reader made them hold.
        """
        provenance = self.report.provenance
        return {} if provenance is None else dict(provenance.inferred)

    # -- suggestions -------------------------------------------------------------------

    @functools.cached_property
    def explanations(self) -> tuple[Explanation, ...]:
        """The smallest sets of cells whose change makes the failing identities hold (Fellegi–Holt).

        For each group of failing identities that share cells: every set of
        one cell, or else of two cells (ties all listed, in canonical cell
        order), whose values the identities fix, that makes the group's
        identities hold without making a count negative or breaking a rule
        that passed.  A group nothing small explains gets an explanation
        with no changes that says so.  Blanks are filled the same way: the
        identities not evaluated only because of blanks, solved together,
        when they fix every blank's value.
        """
        return explanations(self._raw)

    @functools.cached_property
    def corrections(self) -> tuple[Suggestion, ...]:
        """The explanations of one cell, as suggestions (see :attr:`explanations`).

        Failing linear instances are grouped by shared cells; for each group,
        every cell whose new value satisfies all of the group's instances and
        breaks none that passed is listed, in canonical cell order.
        """
        return corrections(self.explanations)

    @functools.cached_property
    def fills(self) -> tuple[Suggestion, ...]:
        """Values the identities imply for blank cells (SPEC §6); never written back."""
        return fills(self.report, self.rules, self.not_evaluated, blank_as_zero=self.blank_as_zero)

    @property
    def suggestions(self) -> tuple[Suggestion, ...]:
        """:attr:`corrections` then :attr:`fills`."""
        return (*self.corrections, *self.fills)

    # -- output ------------------------------------------------------------------------

    def raise_for_errors(self) -> None:
        """Raise :class:`~govinfo_report.ReportInvalid` when an error-severity instance failed.

        Raises:
            ReportInvalid: carrying this result; the message names every
                failing error instance.
        """
        if self.ok:
            return
        errors = self.errors
        ids = ", ".join(v.rule_id for v in errors[:5]) + (" …" if len(errors) > 5 else "")
        source = self.report.provenance.source if self.report.provenance else None
        where = f"{source}: " if source else ""
        msg = f"{where}{len(errors)} error rule(s) broken: {ids}"
        raise ReportInvalid(msg, self)

    def rows(self) -> list[dict[str, Any]]:
        """Return one plain dict per violation, then per instance not evaluated.

        Keys: ``rule``, ``family``, ``status``, ``severity``, ``code`` (the
        reason for instances not evaluated), ``cells`` (paths), ``values``
        (printed), ``lhs``, ``rhs``, ``diff``, ``message_zh``, ``message_en``.
        """
        return result_rows(self)

    def summary(self, *, tablefmt: str = "simple") -> str:
        """Return the per-family summary table (passed, failed, not evaluated)."""
        return summary_table(self, tablefmt=tablefmt)

    def to_text(self, *, source: str | None = None) -> str:
        """Return the summary, every violation, the suggestions and the reasons for NA.

        Args:
            source: The name the first line starts with (default: the
                report's source file, if known).
        """
        return result_text(self, source=source)

    def to_markdown(self, *, source: str | None = None) -> str:
        """Return the result as Markdown (summary and violations as pipe tables).

        Args:
            source: The heading (default: the report's source file, if known).
        """
        return result_markdown(self, source=source)

    def to_dict(self) -> dict[str, Any]:
        """Return the result as JSON-ready data (``ok``, ``violations``, ``not_evaluated`` …)."""
        return result_dict(self)

    def __str__(self) -> str:
        return self.to_text()
