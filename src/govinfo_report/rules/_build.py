"""Short constructors for rules: a new rule in a few lines of Python.

>>> from govinfo_report.rules import cell, relation
>>> r = relation(
...     "my.granted_le_total",
...     cell("t3.granted.{c}") <= cell("t3.total_processed.{c}"),
...     label_zh="{c}列：予以公开不超过总计",
...     label_en="column {c}: disclosed ≤ total",
...     for_each={"c": "t3.columns"},
... )
>>> r.instances()[0]
<rule my.granted_le_total[natural_person]: granted <= total_processed>
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from govinfo_report.exceptions import RuleDefinitionError
from govinfo_report.rules._expr import LinearExpr, Relation
from govinfo_report.rules._rule import (
    ConditionalMention,
    Domain,
    Mention,
    Narrative,
    Quantifier,
    Rule,
    Tolerance,
    YearCheck,
)
from govinfo_report.schema import Severity

if TYPE_CHECKING:
    from typing import TypeAlias

    ForEach: TypeAlias = Mapping[str, Iterable[str] | str] | Iterable[Quantifier]

__all__ = [
    "balance",
    "bound",
    "carry_over",
    "conditional_mention",
    "for_each",
    "mention",
    "narrative",
    "relation",
    "sum_of",
    "year_check",
]


def _sum(items: LinearExpr | Iterable[LinearExpr]) -> LinearExpr:
    if isinstance(items, LinearExpr):
        return items
    total = LinearExpr()
    for item in items:
        if not isinstance(item, LinearExpr):
            msg = f"expected cell expressions, got {item!r}"
            raise RuleDefinitionError(msg)
        total = total + item
    return total


def _optional(**fields: object) -> dict[str, object]:
    return {k: v for k, v in fields.items() if v is not None}


def relation(
    id: str,
    check: Relation,
    *,
    label_zh: str,
    label_en: str,
    for_each: ForEach = (),
    severity: Severity | str = Severity.ERROR,
    tolerance: Tolerance | None = None,
    description: str = "",
    tags: Iterable[str] = (),
    message_zh: str | None = None,
    message_en: str | None = None,
    code: str | None = None,
) -> Rule:
    """Return a rule that a linear relation holds (code ``govinfo.relation``).

    Args:
        id: The family id (lower case, dotted).
        check: The relation, built with ``==``, ``<=`` or ``>=``.
        label_zh: What it says in Chinese; ``{var}`` is the bound value's label.
        label_en: The same in English.
        for_each: ``{"c": "t3.columns"}`` or ``{"c": ["total"]}``: one
            instance per value.
        severity: ``error`` (default), ``warning`` or ``info``.
        tolerance: Defaults to exact (printed decimals for amounts).
        description: Why it holds; when it may legitimately break.
        tags: For :meth:`RuleSet.select`.
        message_zh: Failure message template (``{lhs}``, ``{rhs}``, ``{diff}``, ``{absdiff}``).
        message_en: The same in English.
        code: A stable code instead of the default.

    Raises:
        RuleDefinitionError: for anything malformed.

    .. versionadded:: 0.1.0
    """
    return _rule("relation", id, check, **locals_of(locals()))


def locals_of(values: dict[str, object]) -> dict[str, object]:
    """Return the shared keyword arguments of a constructor call, ``None`` ones dropped."""
    keys = (
        "label_zh",
        "label_en",
        "for_each",
        "severity",
        "tolerance",
        "description",
        "tags",
        "message_zh",
        "message_en",
        "code",
    )
    return _optional(**{k: values.get(k) for k in keys})


def _rule(kind: str, id: str, check: object, **fields: object) -> Rule:
    if not isinstance(check, Relation | Domain | Narrative | ConditionalMention | YearCheck):
        msg = f"{id}: expected a relation built with ==, <= or >=, got {check!r}"
        raise RuleDefinitionError(msg)
    return Rule(id=id, check=check, kind=kind, **fields)  # type: ignore[arg-type]


def balance(
    id: str,
    *,
    inflow: LinearExpr | Iterable[LinearExpr],
    outflow: LinearExpr | Iterable[LinearExpr],
    label_zh: str,
    label_en: str,
    for_each: ForEach = (),
    severity: Severity | str = Severity.ERROR,
    tolerance: Tolerance | None = None,
    description: str = "",
    tags: Iterable[str] = (),
    message_zh: str | None = None,
    message_en: str | None = None,
    code: str | None = None,
) -> Rule:
    """Return a rule that inflow equals outflow (code ``govinfo.balance``).

    >>> from govinfo_report.rules import cell
    >>> r = balance(
    ...     "t3.balance",
    ...     inflow=[cell("t3.new_received.{c}"), cell("t3.carried_over.{c}")],
    ...     outflow=[cell("t3.total_processed.{c}"), cell("t3.carried_forward.{c}")],
    ...     label_zh="{c}列：第一项加第二项之和，等于第三项加第四项之和",
    ...     label_en="column {c}: (1) + (2) = (3) + (4)",
    ...     for_each={"c": "t3.columns"},
    ... )
    >>> r.instances()[0].label_zh
    '自然人列：第一项加第二项之和，等于第三项加第四项之和'

    See :func:`relation` for the other arguments.

    .. versionadded:: 0.1.0
    """
    check = _sum(inflow) == _sum(outflow)
    return _rule("balance", id, check, **locals_of(locals()))


def sum_of(
    id: str,
    *,
    total: LinearExpr,
    items: LinearExpr | Iterable[LinearExpr],
    label_zh: str,
    label_en: str,
    for_each: ForEach = (),
    severity: Severity | str = Severity.ERROR,
    tolerance: Tolerance | None = None,
    description: str = "",
    tags: Iterable[str] = (),
    message_zh: str | None = None,
    message_en: str | None = None,
    code: str | None = None,
) -> Rule:
    """Return a rule that a total is the sum of its items (code ``govinfo.sum``).

    In a violation the total's cell has the role ``total`` and the others ``item``.
    See :func:`relation` for the other arguments.

    .. versionadded:: 0.1.0
    """
    check = total == _sum(items)
    return _rule("sum", id, check, **locals_of(locals()))


def bound(
    id: str,
    path: str,
    *,
    label_zh: str,
    label_en: str,
    integral: bool = True,
    minimum: int = 0,
    maximum: int | None = None,
    for_each: ForEach = (),
    severity: Severity | str = Severity.ERROR,
    description: str = "",
    tags: Iterable[str] = (),
    message_zh: str | None = None,
    message_en: str | None = None,
    code: str | None = None,
) -> Rule:
    """Return a rule that a cell holds a number ≥ *minimum* (an integer when *integral*).

    With *maximum*, a value above it breaks the rule too (code
    ``govinfo.bound``): an absurd magnitude is a misprint, not a figure.

    A cell printed as text breaks it with code ``govinfo.parse``; a value
    below the minimum, or a fraction where an integer is due, with code
    ``govinfo.bound``.  See :func:`relation` for the other arguments.

    .. versionadded:: 0.1.0
    """
    check = Domain(path, integral=integral, minimum=minimum, maximum=maximum)
    tolerance = None
    return _rule("bound", id, check, **locals_of(locals()))


def carry_over(
    id: str,
    check: Relation,
    *,
    label_zh: str,
    label_en: str,
    kind: str = "carryover",
    for_each: ForEach = (),
    severity: Severity | str = Severity.WARNING,
    tolerance: Tolerance | None = None,
    description: str = "",
    tags: Iterable[str] = (),
    message_zh: str | None = None,
    message_en: str | None = None,
    code: str | None = None,
) -> Rule:
    """Return a cross-year rule: a relation that reads ``previous(...)`` cells.

    It is evaluated only when last year's report is given
    (``validate(report, previous=last_year)``); otherwise it is not
    evaluated, with the reason ``no_previous``.  *kind* is ``"carryover"``
    (code ``govinfo.carryover``) or ``"rollforward"``.  See :func:`relation`
    for the other arguments.

    .. versionadded:: 0.1.0
    """
    if kind not in ("carryover", "rollforward"):
        msg = f"{id}: a cross-year rule's kind is 'carryover' or 'rollforward', got {kind!r}"
        raise RuleDefinitionError(msg)
    fields = locals_of(locals())
    rule = _rule(kind, id, check, **fields)
    if not any(i.needs_previous for i in rule.instances()):
        msg = f"{id}: a cross-year rule reads at least one previous(...) cell"
        raise RuleDefinitionError(msg)
    return rule


def mention(pattern: str, *expect: LinearExpr | str) -> Mention:
    """Return a phrase to look for in the prose, and the table figures it may mean.

    >>> from govinfo_report.rules import cell
    >>> m = mention(r"行政复议(?P<n>\\d+)件", cell("t4.review.total"))
    >>> m.expect
    ((Term(path='t4.review.total', coef=1),),)

    .. versionadded:: 0.1.0
    """
    return Mention(pattern, expect)


def narrative(
    id: str,
    mentions: Iterable[Mention],
    *,
    label_zh: str,
    label_en: str,
    sections: Iterable[int] = (1, 2, 3, 4, 5, 6),
    preamble: bool = True,
    for_each: ForEach = (),
    severity: Severity | str = Severity.WARNING,
    description: str = "",
    tags: Iterable[str] = (),
    message_zh: str | None = None,
    message_en: str | None = None,
    code: str | None = None,
) -> Rule:
    """Return a text-vs-table rule: every figure the prose states must match the table.

    Not evaluated when the prose states none.  See :func:`relation` for the
    other arguments.

    .. versionadded:: 0.1.0
    """
    check = Narrative(tuple(mentions), sections, preamble)
    tolerance = None
    return _rule("narrative", id, check, **locals_of(locals()))


def conditional_mention(
    id: str,
    check: ConditionalMention,
    *,
    label_zh: str,
    label_en: str,
    severity: Severity | str = Severity.WARNING,
    description: str = "",
    tags: Iterable[str] = (),
    message_zh: str | None = None,
    message_en: str | None = None,
    code: str | None = None,
) -> Rule:
    """Return a rule that a section mentions something when a cell is above zero.

    .. versionadded:: 0.1.0
    """
    tolerance = None
    for_each = None
    return _rule("fee", id, check, **locals_of(locals()))


def year_check(
    id: str,
    *,
    label_zh: str,
    label_en: str,
    parts: Iterable[str] = ("title", "period", "narrative"),
    severity: Severity | str = Severity.WARNING,
    description: str = "",
    tags: Iterable[str] = (),
    message_zh: str | None = None,
    message_en: str | None = None,
    code: str | None = None,
) -> Rule:
    """Return a rule that the title, the 统计期限 and the prose agree on the report's year.

    One instance per part, ``{part}`` bound over ``text.parts``.

    .. versionadded:: 0.1.0
    """
    check = YearCheck("{part}")
    for_each = (Quantifier("part", tuple(parts), "text.parts"),)
    tolerance = None
    return _rule("year", id, check, **locals_of(locals()))


def for_each(rule: Rule, **values: Iterable[str] | str) -> Rule:
    """Return *rule* with quantifiers set: ``for_each(rule, c=["total"])``.

    A variable the rule already quantifies gets the new values; a new one is
    added.  Values are a domain name (``"t3.columns"``) or explicit keys.

    >>> from govinfo_report.rules import RULES_2021
    >>> [i.id for i in for_each(RULES_2021["t4.group_sum"], g=["review"]).instances()]
    ['t4.group_sum[review]']

    .. versionadded:: 0.1.0
    """
    import attrs

    new = {k: Quantifier.over(k, v) for k, v in values.items()}
    kept = tuple(new.pop(q.var, q) for q in rule.for_each)
    return attrs.evolve(rule, for_each=(*kept, *new.values()))
