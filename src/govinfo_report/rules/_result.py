"""What validation returns: outcomes, violations, suggestions, and the whole result.

Validation collects everything and never raises for a broken rule:
:meth:`ValidationResult.raise_for_errors` raises on request.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

import attrs

from govinfo_report.exceptions import ReportInvalid
from govinfo_report.rules._codes import NotEvaluatedReason, ReasonCode, Status
from govinfo_report.schema import CellValue, Severity

if TYPE_CHECKING:
    from govinfo_report.rules._evaluate import Raw
    from govinfo_report.rules._rule import RuleSet
    from govinfo_report.schema import Report

__all__ = [
    "CellInvolved",
    "Evidence",
    "NotEvaluated",
    "Outcome",
    "Suggestion",
    "ValidationResult",
    "Violation",
    "format_number",
]

_IDENTITIES = frozenset(
    {
        ReasonCode.BALANCE,
        ReasonCode.SUM,
        ReasonCode.CARRYOVER,
        ReasonCode.ROLLFORWARD,
        ReasonCode.NARRATIVE,
    }
)
"""Codes of rules that say two sides are equal: broken, they print ``≠``."""


def format_number(value: CellValue | str) -> str:
    """Return a number as messages print it (``−1`` with a real minus sign)."""
    if value is None:
        return "?"
    text = str(value)
    return text.replace("-", "−") if text.startswith("-") else text


@attrs.frozen
class CellInvolved:
    """A cell a rule instance reads, with its role and value.

    Attributes:
        path: The canonical path (``t3.new_received.total``).
        role: ``lhs``/``rhs``, ``total``/``item``, ``previous``, ``cell``,
            ``table`` or ``condition``.
        value: The value (``None`` when the cell has no number).
        printed: The text as printed (``None`` when absent).
        label: The form's label (``一、本年新收政府信息公开申请数量 / 总计``).
        label_en: An English gloss.
        coef: The cell's coefficient on its side of the relation.
        previous: ``True`` for a cell of last year's report.

    .. versionadded:: 0.1.0
    """

    path: str
    role: str
    value: CellValue
    printed: str | None
    label: str
    label_en: str
    coef: int = 1
    previous: bool = False

    @property
    def shown(self) -> str:
        """The cell as a message shows it: its printed text, or a note when it has none."""
        if self.printed is None:
            return "（缺）" if self.value is None else str(self.value)
        if self.printed.strip() == "":
            return "（空白）"
        return self.printed


@attrs.frozen
class Evidence:
    """A passage of the text that a prose check read.

    Attributes:
        section: The section number (0 for the front matter, -1 for the title).
        excerpt: The passage, with a little context.
        figure: The number it states (``None`` for a year check's passage).
        expected: The table figures it was compared with (``None`` where
            unknown), one per accepted reading.
        agrees: Whether it agrees with the table.

    .. versionadded:: 0.1.0
    """

    section: int
    excerpt: str
    figure: int | None
    expected: tuple[CellValue, ...] = ()
    agrees: bool = True


@attrs.frozen
class Violation:
    """A broken rule instance: which, how serious, every cell involved, both sides and messages.

    Attributes:
        rule_id: The instance id (``t3.balance[total]``).
        family: The rule id (``t3.balance``).
        binding: ``((var, value), …)``.
        severity: ``error``, ``warning`` or ``info``.
        code: A stable code (``govinfo.balance``).
        cells: Every cell involved, with role, value, printed text and label.
        lhs: The left side's value (for a prose check: the figure stated).
        rhs: The right side's value (for a prose check: the table figure).
        diff: ``lhs − rhs``.
        message_zh: The message in Chinese, naming the official labels.
        message_en: The message in English.
        evidence: The passages of the text a prose check read.

    .. versionadded:: 0.1.0
    """

    rule_id: str
    family: str
    binding: tuple[tuple[str, str], ...]
    severity: Severity
    code: str
    cells: tuple[CellInvolved, ...]
    lhs: CellValue
    rhs: CellValue
    diff: CellValue
    message_zh: str
    message_en: str
    evidence: tuple[Evidence, ...] = ()

    @property
    def paths(self) -> tuple[str, ...]:
        """The paths of this year's cells involved, in order."""
        return tuple(c.path for c in self.cells if not c.previous)

    def _failed_relation(self) -> str:
        """``≠`` for a broken identity; for an inequality, the relation that holds instead (``>``, ``<``)."""
        if self.code in _IDENTITIES or self.lhs is None or self.rhs is None:
            return "≠"
        return ">" if self.lhs > self.rhs else "<" if self.lhs < self.rhs else "≠"

    def explain(self) -> str:
        """Return the violation as a few lines: the head, one line per cell, the zh message."""
        head = f"{self.rule_id} FAIL {self.code}"
        if self.lhs is not None and self.rhs is not None and self.diff is not None:
            head += f": {format_number(self.lhs)} {self._failed_relation()} {format_number(self.rhs)} (diff {format_number(self.diff)})"
        lines = [head]
        width = max((len(c.path) + (9 if c.previous else 0) for c in self.cells), default=0)
        for c in self.cells:
            path = f"previous.{c.path}" if c.previous else c.path
            lines.append(f"  {c.role:<9} {path:<{width}}  {c.label}  {c.shown}")
        lines.extend(
            f"  text      §{e.section if e.section > 0 else '-'} {e.excerpt}"
            for e in self.evidence
            if not e.agrees
        )
        lines.append(f"  {self.message_zh}")
        return "\n".join(lines)


@attrs.frozen
class NotEvaluated:
    """A rule instance that could not be evaluated, and why.

    Attributes:
        rule_id: The instance id.
        family: The rule id.
        binding: ``((var, value), …)``.
        severity: The rule's severity.
        reason: Why (:class:`NotEvaluatedReason`).
        cells: The cells responsible (blank, marker, text or absent), if any.
        message_zh: The reason in Chinese.
        message_en: The reason in English.

    .. versionadded:: 0.1.0
    """

    rule_id: str
    family: str
    binding: tuple[tuple[str, str], ...]
    severity: Severity
    reason: NotEvaluatedReason
    cells: tuple[CellInvolved, ...]
    message_zh: str
    message_en: str


@attrs.frozen
class Outcome:
    """The outcome of one rule instance: pass, fail, or not evaluated (with the reason).

    .. versionadded:: 0.1.0
    """

    rule_id: str
    status: Status
    violation: Violation | None = None
    not_evaluated: NotEvaluated | None = None


@attrs.frozen
class Suggestion:
    """A value for one cell that the identities imply; reported, never written back.

    ``kind == "correction"``: changing this number makes every failing
    instance of its group pass and breaks none that passed.  ``kind ==
    "fill"``: a blank cell whose value the other cells of an identity fix.

    Attributes:
        kind: ``"correction"`` or ``"fill"``.
        path: The cell.
        label: The form's label.
        label_en: An English gloss.
        value: The value now (``None`` for a blank).
        printed: The text as printed.
        suggested: The consistent value.
        rules: The instances the new value satisfies (for a fill: that imply it).
        message_zh: ``三、（三）7.属于行政执法案卷 / 自然人 应为 6（印为 60），可同时满足 …``.
        message_en: The same in English.

    .. versionadded:: 0.1.0
    """

    kind: Literal["correction", "fill"]
    path: str
    label: str
    label_en: str
    value: CellValue
    printed: str | None
    suggested: int | Decimal
    rules: tuple[str, ...]
    message_zh: str
    message_en: str


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
    _raw: Raw = attrs.field(alias="raw", eq=False)

    def __repr__(self) -> str:
        counts = self.counts()
        return (
            f"<ValidationResult ok={self.ok}: {counts[Status.PASS]} passed, "
            f"{counts[Status.FAIL]} failed, {counts[Status.NA]} not evaluated>"
        )

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
        return frozenset(instances[k].id for k, s in enumerate(self._raw.status) if s == 1)

    @property
    def ok(self) -> bool:
        """``True`` when no error-severity instance failed."""
        instances = self.rules.instances()
        return not any(
            s == 1 and instances[k].severity is Severity.ERROR
            for k, s in enumerate(self._raw.status)
        )

    @functools.cached_property
    def violations(self) -> tuple[Violation, ...]:
        """Every failing instance, in rule order."""
        out: list[Violation] = []
        for k, s in enumerate(self._raw.status):
            if s == 1:
                detail = self._raw.detail(k)
                assert isinstance(detail, Violation)
                out.append(detail)
        return tuple(out)

    @functools.cached_property
    def not_evaluated(self) -> tuple[NotEvaluated, ...]:
        """Every instance that could not be evaluated, with the reason."""
        out: list[NotEvaluated] = []
        for k, s in enumerate(self._raw.status):
            if s == 2:
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

    # -- suggestions -------------------------------------------------------------------

    @functools.cached_property
    def corrections(self) -> tuple[Suggestion, ...]:
        """Single-cell changes that make every failing instance of a group pass.

        Failing linear instances are grouped by shared cells; for each group,
        every cell whose new value satisfies all of the group's instances and
        breaks none that passed is listed, in canonical cell order.
        """
        from govinfo_report.rules._localise import corrections

        return corrections(self)

    @functools.cached_property
    def fills(self) -> tuple[Suggestion, ...]:
        """Values the identities imply for blank cells (SPEC §6); never written back."""
        from govinfo_report.rules._localise import fills

        return fills(self)

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
        from govinfo_report.rules._serialise import result_rows

        return result_rows(self)

    def summary(self, *, tablefmt: str = "simple") -> str:
        """Return the per-family summary table (passed, failed, not evaluated)."""
        from govinfo_report.rules._serialise import summary_table

        return summary_table(self, tablefmt=tablefmt)

    def to_text(self, *, source: str | None = None) -> str:
        """Return the summary, every violation, the suggestions and the reasons for NA.

        Args:
            source: The name the first line starts with (default: the
                report's source file, if known).
        """
        from govinfo_report.rules._serialise import result_text

        return result_text(self, source=source)

    def to_markdown(self, *, source: str | None = None) -> str:
        """Return the result as Markdown (summary and violations as pipe tables).

        Args:
            source: The heading (default: the report's source file, if known).
        """
        from govinfo_report.rules._serialise import result_markdown

        return result_markdown(self, source=source)

    def to_dict(self) -> dict[str, Any]:
        """Return the result as JSON-ready data (``ok``, ``violations``, ``not_evaluated`` …)."""
        from govinfo_report.rules._serialise import result_dict

        return result_dict(self)

    def __str__(self) -> str:
        return self.to_text()
