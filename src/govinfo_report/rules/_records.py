"""What validation reports, as frozen records: cells, evidence, violations, reasons, suggestions.

These are plain data, below the evaluator that fills them and the result
that holds them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Literal

import attrs

from govinfo_report.rules._codes import NotEvaluatedReason, ReasonCode, Status
from govinfo_report.schema import CellValue, Severity

if TYPE_CHECKING:
    from govinfo_report.rules._instance import RuleInstance

__all__ = [
    "CellChange",
    "CellInvolved",
    "Evidence",
    "Explanation",
    "NotEvaluated",
    "Outcome",
    "Suggestion",
    "Violation",
    "format_number",
]


def format_number(value: CellValue | str) -> str:
    """Return a number as messages print it (``−1`` with a real minus sign)."""
    if value is None:
        return "?"
    text = str(value)
    return text.replace("-", "−") if text.startswith("-") else text


_IDENTITY_CODES = frozenset(
    {
        ReasonCode.BALANCE,
        ReasonCode.SUM,
        ReasonCode.CARRYOVER,
        ReasonCode.ROLLFORWARD,
        ReasonCode.NARRATIVE,
    }
)
"""Codes of rules that say two sides are equal: broken, they print ``≠``."""


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

    @classmethod
    def of(
        cls,
        instance: RuleInstance,
        cells: tuple[CellInvolved, ...],
        sides: tuple[CellValue, CellValue, CellValue],
        messages: tuple[str, str],
        *,
        evidence: tuple[Evidence, ...] = (),
        code: str | None = None,
    ) -> Violation:
        """The violation of *instance*: its cells, ``(lhs, rhs, diff)``, ``(zh, en)``."""
        return cls(
            instance.id,
            instance.family,
            instance.binding,
            instance.severity,
            code if code is not None else instance.code,
            cells,
            *sides,
            *messages,
            evidence,
        )

    @property
    def paths(self) -> tuple[str, ...]:
        """The paths of this year's cells involved, in order."""
        return tuple(c.path for c in self.cells if not c.previous)

    def relation_shown(self) -> str:
        """``≠`` for a broken identity; otherwise the relation that holds (``>``, ``<``).

        A broken inequality ``a <= b`` prints ``a > b``: what is true of the values.
        """
        if self.code in _IDENTITY_CODES or self.lhs is None or self.rhs is None:
            return "≠"
        return ">" if self.lhs > self.rhs else "<" if self.lhs < self.rhs else "≠"

    def explain(self) -> str:
        """Return the violation as a few lines: the head, one line per cell, the zh message."""
        head = f"{self.rule_id} FAIL {self.code}"
        if self.lhs is not None and self.rhs is not None and self.diff is not None:
            lhs, rhs, diff = map(format_number, (self.lhs, self.rhs, self.diff))
            head += f": {lhs} {self.relation_shown()} {rhs} (diff {diff})"
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


@attrs.frozen
class CellChange:
    """One cell of an :class:`Explanation`: its value now and the value that fits.

    Attributes:
        path: The cell.
        label: The form's label.
        label_en: An English gloss.
        value: The value now (``None`` for a blank).
        printed: The text as printed.
        suggested: The value that makes the identities hold.
        delta: ``suggested − value`` (``None`` for a blank).

    .. versionadded:: 0.1.0
    """

    path: str
    label: str
    label_en: str
    value: CellValue
    printed: str | None
    suggested: int | Decimal
    delta: int | Decimal | None


@attrs.frozen
class Explanation:
    """A smallest set of cells whose change makes every failing identity hold.

    Changing these cells to the suggested values makes every failing
    identity of its group hold, keeps every rule that passed, and leaves no
    count negative.  Several explanations of one size are ties: the
    identities alone cannot tell them apart.

    Attributes:
        changes: The cells and their values, in canonical cell order.
        rules: The failing instances it explains.
        pattern: ``"misclassification"`` (equal and opposite changes in two
            columns of one row, or two rows of one column), or ``None``.
        message_zh: The explanation in Chinese.
        message_en: The same in English.

    .. versionadded:: 0.1.0
    """

    changes: tuple[CellChange, ...]
    rules: tuple[str, ...]
    pattern: Literal["misclassification"] | None
    message_zh: str
    message_en: str

    @property
    def paths(self) -> tuple[str, ...]:
        """The cells to change, in canonical order."""
        return tuple(c.path for c in self.changes)
