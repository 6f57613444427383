"""What must hold: rules are data, and one evaluator reads a report against them.

>>> from govinfo_report.rules import RULES_2021, validate
>>> RULES_2021.by_id("t3.balance[total]")
<rule t3.balance[total]: new_received + carried_over == total_processed + carried_forward>

A rule is a frozen :class:`Rule`: an id, a check (a linear relation over cell
paths built with ``cell(...)`` and ``==``/``<=``/``>=``, a bound, or a prose
check), zh and en labels, a severity, a tolerance, and an optional
quantifier whose binding every instance id and message keeps.  Rule sets
compose with ``|``, select by id, family, tag, kind or severity, and
serialise to JSON and YAML.  :func:`validate` returns a
:class:`ValidationResult` and never raises for a broken rule.

.. versionadded:: 0.1.0
"""

from govinfo_report.rules._build import (
    balance,
    bound,
    carry_over,
    conditional_mention,
    for_each,
    mention,
    narrative,
    relation,
    sum_of,
    year_check,
)
from govinfo_report.rules._codes import NotEvaluatedReason, ReasonCode, Status
from govinfo_report.rules._expr import (
    LinearExpr,
    Op,
    Relation,
    Term,
    cell,
    parse_expr,
    parse_relation,
    previous,
    sum_over,
)
from govinfo_report.rules._localise import Incidence, incidence
from govinfo_report.rules._records import (
    CellChange,
    CellInvolved,
    Evidence,
    Explanation,
    NotEvaluated,
    Outcome,
    Suggestion,
    Violation,
)
from govinfo_report.rules._result import ValidationResult
from govinfo_report.rules._rule import (
    DOMAINS,
    EXACT,
    PRINTED,
    Check,
    ConditionalMention,
    Domain,
    Kind,
    Mention,
    Narrative,
    Quantifier,
    Rule,
    RuleInstance,
    RuleSet,
    Tolerance,
    YearCheck,
)
from govinfo_report.rules._serialise import (
    instance_rows,
    rules_from_dict,
    rules_from_json,
    rules_from_yaml,
    rules_to_dict,
    rules_to_json,
    rules_to_yaml,
)
from govinfo_report.rules._validate import validate, validate_many
from govinfo_report.rules.builtin import RULES_2021

__all__ = [
    "DOMAINS",
    "EXACT",
    "PRINTED",
    "RULES_2021",
    "CellChange",
    "CellInvolved",
    "Check",
    "ConditionalMention",
    "Domain",
    "Evidence",
    "Explanation",
    "Incidence",
    "Kind",
    "LinearExpr",
    "Mention",
    "Narrative",
    "NotEvaluated",
    "NotEvaluatedReason",
    "Op",
    "Outcome",
    "Quantifier",
    "ReasonCode",
    "Relation",
    "Rule",
    "RuleInstance",
    "RuleSet",
    "Status",
    "Suggestion",
    "Term",
    "Tolerance",
    "ValidationResult",
    "Violation",
    "YearCheck",
    "balance",
    "bound",
    "carry_over",
    "cell",
    "conditional_mention",
    "for_each",
    "incidence",
    "instance_rows",
    "mention",
    "narrative",
    "parse_expr",
    "parse_relation",
    "previous",
    "relation",
    "rules_from_dict",
    "rules_from_json",
    "rules_from_yaml",
    "rules_to_dict",
    "rules_to_json",
    "rules_to_yaml",
    "sum_of",
    "sum_over",
    "validate",
    "validate_many",
    "year_check",
]
