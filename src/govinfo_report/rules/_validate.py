"""``validate()``: check a report against a rule set and return everything found."""

from __future__ import annotations

from govinfo_report.exceptions import InvalidArgument
from govinfo_report.rules._compile import compiled
from govinfo_report.rules._evaluate import evaluate
from govinfo_report.rules._result import ValidationResult
from govinfo_report.rules._rule import Rule, RuleSet
from govinfo_report.rules.builtin import RULES_2021
from govinfo_report.schema import Report

__all__ = ["validate"]


def validate(
    report: Report,
    rules: RuleSet | Rule | None = None,
    *,
    previous: Report | None = None,
    blank_as_zero: bool = False,
) -> ValidationResult:
    """Check a report against a rule set; return every outcome, never raise for a broken rule.

    >>> import govinfo_report as gr
    >>> r = gr.Report.from_cells({"t4.suit_direct.upheld": 2, "t4.suit_direct.corrected": 0,
    ...     "t4.suit_direct.other": 1, "t4.suit_direct.pending": 0, "t4.suit_direct.total": 0})
    >>> result = validate(r)
    >>> sorted(result.failed_ids), result.ok
    (['t4.group_sum[suit_direct]'], False)
    >>> v = result.violations[0]
    >>> v.code, v.lhs, v.rhs, v.diff
    (<ReasonCode.SUM: 'govinfo.sum'>, 0, 3, -3)

    Rules the reader used to choose cell values (recorded in
    ``report.provenance``) are not evaluated, with the reason
    ``used_to_read``: a rule made to hold proves nothing.

    Args:
        report: The report.
        rules: A :class:`RuleSet` (or one :class:`Rule`); ``RULES_2021`` by default.
        previous: Last year's report, for the cross-year rules; without it
            they are not evaluated (reason ``no_previous``).
        blank_as_zero: Read blank cells as 0.  Off by default: a blank is a
            missing value, not a zero.  Markers (``/``) and absent cells stay
            unknown either way.

    Returns:
        A :class:`ValidationResult`.

    Raises:
        InvalidArgument: when *report* or *previous* is not a Report, or
            *rules* not a rule set.

    .. versionadded:: 0.1.0
    """
    if rules is None:
        rules = RULES_2021
    elif isinstance(rules, Rule):
        rules = RuleSet((rules,))
    if not isinstance(rules, RuleSet):
        msg = f"rules must be a RuleSet or a Rule, got {rules!r}"
        raise InvalidArgument(msg)
    if not isinstance(report, Report):
        msg = f"validate() needs a Report, got {type(report).__name__}"
        raise InvalidArgument(msg)
    if previous is not None and not isinstance(previous, Report):
        msg = f"previous must be a Report or None, got {type(previous).__name__}"
        raise InvalidArgument(msg)
    evaluation = evaluate(compiled(rules), report, previous, blank_as_zero=blank_as_zero)
    return ValidationResult(report, rules, previous, blank_as_zero, raw=evaluation)
