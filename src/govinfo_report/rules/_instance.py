"""One concrete rule: a rule with its quantifier bound, and what its cells are to it."""

from __future__ import annotations

import functools
from typing import Literal, TypeAlias

import attrs

from govinfo_report.rules._checks import (
    Check,
    ConditionalMention,
    Domain,
    Narrative,
    Tolerance,
    check_paths,
)
from govinfo_report.rules._describe import check_text, labelled_text
from govinfo_report.rules._expr import PREVIOUS, Op, Relation, Term
from govinfo_report.schema import Severity

__all__ = ["Kind", "RuleInstance"]

Kind: TypeAlias = Literal[
    "relation",
    "balance",
    "sum",
    "bound",
    "carryover",
    "rollforward",
    "narrative",
    "fee",
    "year",
]
"""What a rule says; it decides the default code and the cells' roles in a violation."""


@attrs.frozen(repr=False)
class RuleInstance:
    """One concrete rule: a rule with its quantifier bound.

    >>> from govinfo_report.rules import RULES_2021
    >>> RULES_2021.by_id("t3.processed_sum[natural_person]")
    <rule t3.processed_sum[natural_person]: total_processed == granted + partial + …>

    Attributes:
        id: ``family[value,…]`` (``"t3.balance[natural_person]"``), or the
            family id for a rule without quantifier.
        family: The rule's id (``"t3.balance"``).
        kind: The rule's kind.
        binding: ``((var, value), …)``.
        check: The check with every placeholder filled in.
        severity: ``error``, ``warning`` or ``info``.
        code: The stable code of a violation.
        tolerance: How close the sides must be.
        label_zh: What the instance says, in Chinese, binding included.
        label_en: The same in English.
        message_zh: The failure message template (binding filled in), or ``None``.
        message_en: The same in English.
        description: Why the rule holds, and when it legitimately breaks.
        tags: The rule's tags.

    .. versionadded:: 0.1.0
    """

    id: str
    family: str
    kind: Kind
    binding: tuple[tuple[str, str], ...]
    check: Check
    severity: Severity
    code: str
    tolerance: Tolerance
    label_zh: str
    label_en: str
    message_zh: str | None = None
    message_en: str | None = None
    description: str = ""
    tags: tuple[str, ...] = ()

    def __repr__(self) -> str:
        return f"<rule {self.id}: {check_text(self.check, short=True)}>"

    @property
    def relation(self) -> Relation | None:
        """The linear relation (a bound as ``path >= minimum``), or ``None`` for a prose check."""
        if isinstance(self.check, Relation):
            return self.check
        if isinstance(self.check, Domain):
            return self.check.relation
        return None

    @property
    def is_linear(self) -> bool:
        """``True`` for a linear relation or a bound (what the incidence matrix holds)."""
        return isinstance(self.check, Relation | Domain)

    @property
    def terms(self) -> tuple[Term, ...]:
        """The relation as ``lhs − rhs``: ``((path, coef), …)``; ``()`` for a prose check."""
        relation = self.relation
        return () if relation is None else relation.terms

    @property
    def op(self) -> Op | None:
        """``"=="``, ``"<="`` or ``">="`` (``sum(coef*value) + constant op 0``); ``None`` for a prose check."""
        relation = self.relation
        return None if relation is None else relation.op

    @property
    def constant(self) -> int:
        """The relation's constant (``lhs − rhs``); 0 for every 2021 rule."""
        relation = self.relation
        return 0 if relation is None else relation.constant

    @functools.cached_property
    def paths(self) -> tuple[str, ...]:
        """Cells of this year's report the instance reads, in order."""
        return tuple(p for p in check_paths(self.check) if not p.startswith(PREVIOUS))

    @functools.cached_property
    def previous_paths(self) -> tuple[str, ...]:
        """Cells of last year's report the instance reads (without the ``previous.`` prefix)."""
        return tuple(
            p.removeprefix(PREVIOUS) for p in check_paths(self.check) if p.startswith(PREVIOUS)
        )

    @functools.cached_property
    def needs_previous(self) -> bool:
        """``True`` when the instance compares with last year's report."""
        return bool(self.previous_paths)

    def role(self, path: str) -> str:
        """Return the role of a path in this instance.

        ``lhs``/``rhs`` (``total``/``item`` in a sum), ``previous`` for last
        year's cells, ``table`` for cells a prose check compares with,
        ``condition`` for the cell that triggers a conditional mention.
        """
        if path.startswith(PREVIOUS):
            return "previous"
        check = self.check
        if isinstance(check, Narrative):
            return "table"
        if isinstance(check, ConditionalMention):
            return "condition"
        if isinstance(check, Domain):
            return "cell"
        if isinstance(check, Relation):
            left = any(t.path == path for t in check.lhs)
            if self.kind == "sum":
                return "total" if left else "item"
            return "lhs" if left else "rhs"
        return "cell"

    def relation_text(self, *, labels: bool = False, compact: bool = False) -> str:
        """Return the check as text: with paths, or with the form's labels (``labels=True``).

        ``compact=True`` (with ``labels=True``) names each cell by its row's
        ordinals and its column (``三（三）7/自然人``), says a row or column
        all the cells share once, writes four or more consecutive rows as the
        first and the last, and lists each table reading of a prose check once.

        >>> from govinfo_report.rules import RULES_2021
        >>> RULES_2021.by_id("t4.group_sum[review]").relation_text(labels=True)
        '表四 行政复议 / 总计 = 表四 行政复议 / 结果维持 + 表四 行政复议 / 结果纠正 + 表四 行政复议 / 其他结果 + 表四 行政复议 / 尚未审结'
        >>> RULES_2021.by_id("t3.processed_sum[natural_person]").relation_text(labels=True, compact=True)
        '自然人：三（七） = 三（一） + … + 三（六）3（21项）'
        >>> RULES_2021.by_id("t3.row_sum[granted]").relation_text(labels=True, compact=True)
        '三（一）：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他'

        .. versionchanged:: 0.1.0 *compact*.
        """
        if not labels:
            return check_text(self.check)
        return labelled_text(self.check, compact=compact)
